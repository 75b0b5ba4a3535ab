"""The static checks find what they are for (plain pytest on sample sources), and the app has none."""

import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import static_checks


def app_with(tmp_path: Path, source: str) -> Path:
	folder = tmp_path / static_checks.APP / "api"
	folder.mkdir(parents=True)
	(folder / "sample.py").write_text(textwrap.dedent(source))
	return tmp_path


def test_a_whitelisted_function_without_a_permission_check_is_found(tmp_path):
	root = app_with(
		tmp_path,
		"""
		import frappe

		@frappe.whitelist(methods=["POST"])
		def delete_everything(name):
			frappe.delete_doc("Agent Log", name, ignore_permissions=True)

		@frappe.whitelist()
		def every_row():
			return frappe.get_all("Agent Log", fields=["name"])
		""",
	)
	found = static_checks.findings(root)
	assert len(found) == 2 and "delete_everything() checks no permission" in found[0]
	assert "every_row() checks no permission" in found[1]


def test_checks_directly_through_a_helper_or_a_permissions_helper_pass_and_document_methods_pass(tmp_path):
	root = app_with(
		tmp_path,
		"""
		import frappe
		from frappe.model.document import Document
		from insurance_activity.permissions.hierarchy import sees_all_units

		def must_be_admin():
			if not sees_all_units(frappe.session.user):
				frappe.throw("no", frappe.PermissionError)

		@frappe.whitelist()
		def read_one(name):
			doc = frappe.get_doc("Agent Log", name)
			doc.check_permission("read")
			return doc

		@frappe.whitelist()
		def admin_only():
			must_be_admin()

		@frappe.whitelist()
		def can_create():
			frappe.has_permission("Policy Load", "create", throw=True)

		@frappe.whitelist()
		def my_rows():
			return frappe.get_list("Agent Log", fields=["name"])

		class Sample(Document):
			@frappe.whitelist()
			def method(self):
				return 1
		""",
	)
	assert static_checks.findings(root) == []


def test_sql_built_from_values_is_found_and_parameters_or_constants_pass(tmp_path):
	root = app_with(
		tmp_path,
		"""
		import frappe

		TABLE = "tabAgent Log"

		def by_fstring(name):
			return frappe.db.sql(f"select * from `tabAgent Log` where name = '{name}'")

		def by_format(name):
			return frappe.db.sql("select * from `tabAgent Log` where name = '{0}'".format(name))

		def by_percent(name):
			return frappe.db.sql("select * from `tabAgent Log` where name = '%s'" % name)

		def by_variable(name):
			query = f"select * from `tabAgent Log` where name = '{name}'"
			return frappe.db.sql(query)

		def fine(name):
			frappe.db.sql(f"select name from `{TABLE}` where name = %s", name)
			return frappe.db.sql("select name from `tabAgent Log` where name = %s", name)
		""",
	)
	found = static_checks.findings(root)
	assert [line.split(": ")[1].split("()")[0] for line in found] == [
		"by_fstring",
		"by_format",
		"by_percent",
		"by_variable",
	]


def test_the_app_passes_and_every_allowed_exception_still_exists():
	assert static_checks.findings() == []
	app = static_checks.REPO / static_checks.APP
	for path, function in (*static_checks.WHITELIST_ALLOWED, *static_checks.SQL_ALLOWED):
		assert f"def {function}(" in (app / path).read_text(), (path, function)


def test_a_query_narrowed_by_hand_outside_the_permissions_package_is_found(tmp_path):
	root = app_with(
		tmp_path,
		"""
		from insurance_activity.permissions import where_allowed
		from insurance_activity.permissions.hierarchy import sees_all_units, visible_employees

		def agents_seen(query, log, own):
			return query.where(log.agent.isin(visible_employees(own)))
		""",
	)
	found = static_checks.findings(root)
	assert len(found) == 1 and "imports visible_employees" in found[0], found
	inside = tmp_path / static_checks.APP / "permissions"
	inside.mkdir()
	(inside / "more.py").write_text(
		"from insurance_activity.permissions.hierarchy import visible_employees\n"
	)
	assert len(static_checks.findings(root)) == 1  # the package itself builds the rule from them
