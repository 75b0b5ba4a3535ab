"""Every whitelisted method of Frappe, ERPNext and HRMS that names a doctype is checked by the app or reviewed
(issue 20: every permission on every path).

Any desk user can call any whitelisted method by REST; many of Frappe's, ERPNext's and HRMS's read or write the
records of the doctype a request names with no check of the record (helper-69, helper-70: a colleague's check's
open ToDos, any Salary Slip's pay, a Blanket Order search that ran the caller's SQL). The inventory below is
walked from the installed apps, never typed: a method an upgrade adds fails the test until the app checks it or
permissions/reviewed_methods.py says why it needs nothing.
"""

import importlib
import inspect
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity.api import request_shapes
from insurance_activity.permissions import record_actions
from insurance_activity.permissions.reviewed_methods import REVIEWED, REVIEWED_GUEST, REVIEWED_NO_DOCTYPE

# the arguments by which Frappe's, ERPNext's and HRMS's methods name a doctype
DOCTYPE_ARGUMENTS = {
	"doctype", "dt", "reference_doctype", "document_type", "ref_doctype", "goal_doctype", "parenttype",
	"link_doctype", "doc_type",
}  # fmt: skip
UPSTREAM = ("frappe", "erpnext", "hrms")
REVIEW_CLASSES = ("record-checked", "role-only", "metadata", "own", "accepted", "public")


def upstream_modules() -> list[str]:
	"""The dotted names of every Python module in UPSTREAM's source trees, folders without an __init__.py
	included (Python imports them as namespace packages and Frappe serves their functions: HRMS's `overrides`,
	this ERPNext build's `safety` or `financial`, which pkgutil's walk does not enter); tests, patches and
	templates left out."""
	modules = []
	for app in UPSTREAM:
		root = Path(importlib.import_module(app).__file__).parent
		for path in sorted(root.rglob("*.py")):
			parts = path.relative_to(root.parent).with_suffix("").parts
			skipped = any(part in ("tests", "patches", "node_modules", "boilerplate") for part in parts)
			if skipped or parts[-1].startswith("test_") or parts[-1] == "__main__":  # __main__ runs a command
				continue
			modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
	return modules


def upstream_whitelisted() -> dict:
	"""{"<module>.<function>": (function, its parameter names)} of every whitelisted function of UPSTREAM, after
	importing each of their modules (tests and patches left out; a module that does not import is no method of
	the site either)."""
	failed = []
	for module in upstream_modules():
		try:
			importlib.import_module(module)
		except Exception:  # imported too early (a cycle), or an optional dependency missing
			failed.append(module)
	for name in failed:  # once more, the others imported: what still fails is not served either
		try:
			importlib.import_module(name)
		except Exception:
			continue
	methods = {}
	for fn in frappe.whitelisted:
		try:
			parameters = set(inspect.signature(fn).parameters)
		except (TypeError, ValueError):
			continue
		# a test module's, imported by a test: Frappe serves none of them (request_shapes.refuse_alias)
		if fn.__module__.split(".")[0] in UPSTREAM and not any(
			part in fn.__module__ for part in (".tests", ".test_")
		):
			methods[f"{fn.__module__}.{fn.__qualname__}"] = (fn, parameters)
	return methods


def whitelisted_methods_naming_a_doctype() -> dict:
	"""{"<module>.<function>": function} of every whitelisted function of UPSTREAM taking one of
	DOCTYPE_ARGUMENTS."""
	return {
		name: fn
		for name, (fn, parameters) in upstream_whitelisted().items()
		if parameters & DOCTYPE_ARGUMENTS
	}


def whitelisted_methods_naming_no_doctype() -> dict:
	"""{"<module>.<function>": function} of every other whitelisted function of UPSTREAM (taking none of
	DOCTYPE_ARGUMENTS: a record's name, filters, a party, an employee, a user, dates, text, or nothing, when it
	reads what the request sends from frappe.form_dict), less those a rule covers whole: a method open to guests
	(public by its app), a controller's method (`self`: Frappe runs it on a record only after the record's read
	check, frappe.handler.run_doc_method) and a method of an ERPNext or HRMS doctype
	(record_actions.check_doctype_method, by its path or where it is written)."""
	return {
		name: fn
		for name, (fn, parameters) in upstream_whitelisted().items()
		if not parameters & DOCTYPE_ARGUMENTS
		and "self" not in parameters
		and fn not in frappe.guest_methods
		and not record_actions.doctype_of_method(name)
		and not record_actions.doctype_of_method(f"{fn.__module__}.{fn.__name__}")
	}


def whitelisted_methods_open_to_guests() -> dict:
	"""{"<module>.<function>": function} of every whitelisted function of UPSTREAM open to guests
	(allow_guest=True) taking none of DOCTYPE_ARGUMENTS (those taking one are in the first walk): each is also
	every signed-in user's."""
	return {
		name: fn
		for name, (fn, parameters) in upstream_whitelisted().items()
		if fn in frappe.guest_methods and not parameters & DOCTYPE_ARGUMENTS
	}


def query_read(method: str) -> bool:
	"""Whether `method` is a search query whose doctypes the app reads from it (check_query_levels then asks
	that the user reads each)."""
	fn = request_shapes.search_query(method)
	return bool(fn and request_shapes.query_doctypes(fn))


def checked_by_the_app() -> set:
	"""The paths the app checks: its tables in request_shapes and record_actions, its overrides (hooks.py)."""
	return request_shapes.checked_methods()


def role_only_module(name: str) -> bool:
	"""Whether `name` is in a module the app refuses by prefix to all but its roles (ROLE_ONLY_MODULES)."""
	return any(name.startswith(prefix) for prefix in record_actions.ROLE_ONLY_MODULES)


class TestWhitelistedInventory(FrappeTestCase):
	def assert_each_checked_or_reviewed(self, methods: dict, reviewed: dict, covered) -> None:
		"""Each of `methods` is checked by the app (a table of request_shapes or record_actions, an override in
		hooks.py, a check of its function), in a module the app refuses by prefix, covered by `covered(name)`, or
		in `reviewed`; no review names a method that is gone or one the app checks (one home for each), and each
		says its class."""
		checked = checked_by_the_app()
		unreviewed = sorted(
			name
			for name, fn in methods.items()
			if not (
				name in checked
				or fn in request_shapes.FUNCTION_CHECKS
				or role_only_module(name)
				or covered(name)
				or name in reviewed
			)
		)
		self.assertEqual(unreviewed, [], "check each, or review it in permissions/reviewed_methods.py")
		self.assertEqual(sorted(set(reviewed) - set(methods)), [], "reviews of methods that are gone")
		self.assertEqual(sorted(set(reviewed) & checked), [], "one home for each")
		for name, reason in reviewed.items():
			self.assertIn(reason.split(":")[0], REVIEW_CLASSES, name)

	def test_every_whitelisted_method_naming_a_doctype_is_checked_or_reviewed(self):
		"""Each is checked by the app, of a kind a rule covers whole (a method of an ERPNext or HRMS doctype, a
		search query whose doctypes the app reads from it), or reviewed (REVIEWED)."""
		methods = whitelisted_methods_naming_a_doctype()
		self.assertGreater(len(methods), 200, "the walk found Frappe's, ERPNext's and HRMS's methods")
		self.assert_each_checked_or_reviewed(
			methods, REVIEWED, lambda name: query_read(name) or record_actions.doctype_of_method(name)
		)

	def test_every_whitelisted_method_naming_no_doctype_is_checked_or_reviewed(self):
		"""The same of every other method (whitelisted_methods_naming_no_doctype): Frappe CRM's bridge linked any
		office's contact found by a filter sent as its email, a Lead's details were read by its name, an
		employee's leave balances by theirs (helper-73, helper-74), ERPNext's tax rules ran SQL sent as a date
		(helper-76). Each is checked by the app, in a module it refuses by prefix, or reviewed in
		permissions/reviewed_methods.py (REVIEWED_NO_DOCTYPE)."""
		methods = whitelisted_methods_naming_no_doctype()
		self.assertGreater(len(methods), 350, "the walk found Frappe's, ERPNext's and HRMS's methods")
		self.assert_each_checked_or_reviewed(methods, REVIEWED_NO_DOCTYPE, lambda name: False)

	def test_every_whitelisted_method_open_to_guests_is_checked_or_reviewed(self):
		"""The same of the methods open to guests (whitelisted_methods_open_to_guests), which the second walk
		leaves out: an upload's `method` ran any whitelisted method past every check of the app, ERPNext's
		contact form and appointment booking made Leads, Opportunities and Events and changed a Lead's status
		for a guest, a web form answered its owner a record the rule no longer lets them read (helper-84). Each
		is checked by the app, in a module it refuses by prefix, or reviewed (REVIEWED_GUEST)."""
		methods = whitelisted_methods_open_to_guests()
		self.assertGreater(len(methods), 50, "the walk found Frappe's, ERPNext's and HRMS's guest methods")
		self.assert_each_checked_or_reviewed(methods, REVIEWED_GUEST, lambda name: False)
