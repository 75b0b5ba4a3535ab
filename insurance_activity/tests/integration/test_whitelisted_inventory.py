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
import pkgutil

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity import hooks
from insurance_activity.api import request_shapes
from insurance_activity.permissions import record_actions
from insurance_activity.permissions.reviewed_methods import REVIEWED

# the arguments by which Frappe's, ERPNext's and HRMS's methods name a doctype
DOCTYPE_ARGUMENTS = {
	"doctype", "dt", "reference_doctype", "document_type", "ref_doctype", "goal_doctype", "parenttype",
	"link_doctype", "doc_type",
}  # fmt: skip
UPSTREAM = ("frappe", "erpnext", "hrms")
REVIEW_CLASSES = ("record-checked", "role-only", "metadata", "accepted")


def whitelisted_methods_naming_a_doctype() -> dict:
	"""{"<module>.<function>": function} of every whitelisted function of UPSTREAM taking one of
	DOCTYPE_ARGUMENTS, after importing each of their modules (tests and patches left out; a module that does
	not import is no method of the site either)."""
	for app in UPSTREAM:
		package = importlib.import_module(app)
		for module in pkgutil.walk_packages(package.__path__, app + "."):
			if any(part in module.name for part in (".tests", ".test_", ".patches")):
				continue
			try:
				importlib.import_module(module.name)
			except Exception:  # an optional dependency missing: not served either
				continue
	methods = {}
	for fn in frappe.whitelisted:
		try:
			parameters = set(inspect.signature(fn).parameters)
		except (TypeError, ValueError):
			continue
		if fn.__module__.split(".")[0] in UPSTREAM and parameters & DOCTYPE_ARGUMENTS:
			methods[f"{fn.__module__}.{fn.__qualname__}"] = fn
	return methods


def query_read(method: str) -> bool:
	"""Whether `method` is a search query whose doctypes the app reads from it (check_query_levels then asks
	that the user reads each)."""
	fn = request_shapes.search_query(method)
	return bool(fn and request_shapes.query_doctypes(fn))


class TestWhitelistedInventory(FrappeTestCase):
	def test_every_whitelisted_method_naming_a_doctype_is_checked_or_reviewed(self):
		"""Each is checked by the app (a table of request_shapes or record_actions, an override in hooks.py), is
		of a kind a rule covers whole (a method of an ERPNext or HRMS doctype, a search query whose doctypes the
		app reads from it), or is reviewed;
		no review names a method that is gone, and each says its class."""
		methods = whitelisted_methods_naming_a_doctype()
		self.assertGreater(len(methods), 200, "the walk found Frappe's, ERPNext's and HRMS's methods")
		checked = {
			*request_shapes.LIST_METHODS, *request_shapes.LEVEL_METHODS, *request_shapes.CHART_METHODS,
			*request_shapes.METHOD_CHECKS, *record_actions.RECORD_ACTIONS, *record_actions.OWN_RECORDS,
			*record_actions.FILTER_RECORDS, *record_actions.INNER_METHODS, *record_actions.READ_RECORDS,
			*record_actions.ROLE_ONLY, *hooks.override_whitelisted_methods,
		}  # fmt: skip
		unreviewed = sorted(
			name
			for name, fn in methods.items()
			if not (
				name in checked
				or fn in request_shapes.FUNCTION_CHECKS
				or query_read(name)
				or record_actions.doctype_of_method(name)
				or name in REVIEWED
			)
		)
		self.assertEqual(unreviewed, [], "check each, or review it in permissions/reviewed_methods.py")
		self.assertEqual(sorted(set(REVIEWED) - set(methods)), [], "reviews of methods that are gone")
		for name, reason in REVIEWED.items():
			self.assertIn(reason.split(":")[0], REVIEW_CLASSES, name)
		# a reviewed method is not also checked: one home for each
		self.assertEqual(sorted(set(REVIEWED) & checked), [])
