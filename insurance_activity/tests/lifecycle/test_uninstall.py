"""Uninstall removes what install added: doctypes, module defs, roles, custom fields, their columns and keys.

Runs last, in a pytest process of its own, on the test site that the integration tests used; the
next test run restores a clean database anyway.
"""

import os
import subprocess

import frappe

from insurance_activity.setup import custom_fields, roles

APP = "insurance_activity"


def app_doctypes() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name")


def test_uninstall_removes_everything_install_added():
	doctypes = app_doctypes()
	assert "Insurance Activity Settings" in doctypes
	assert all(frappe.db.exists("Role", r) for r in roles.ROLES)
	assert frappe.db.sql(
		"show index from `tabLead` where Key_name = 'ia_prospect_phone_key' and Non_unique = 0"
	)

	bench = os.path.dirname(os.path.abspath(os.environ.get("IA_SITES_PATH", ".")))
	result = subprocess.run(
		["bench", "--site", frappe.local.site, "uninstall-app", APP, "--yes", "--no-backup"],
		cwd=bench,
		capture_output=True,
		text=True,
		stdin=subprocess.DEVNULL,
	)
	assert result.returncode == 0, result.stdout + result.stderr

	frappe.db.rollback()
	frappe.clear_cache()
	assert APP not in frappe.get_installed_apps()
	assert not frappe.get_all("Module Def", filters={"app_name": APP})
	for doctype in doctypes:
		assert not frappe.db.exists("DocType", doctype), doctype
		assert not frappe.db.table_exists(doctype), doctype
	assert not frappe.db.sql("select 1 from `tabSingles` where doctype = 'Insurance Activity Settings'")
	for role in roles.ROLES:
		assert not frappe.db.exists("Role", role), role
	for doctype, rows in custom_fields.get_custom_fields().items():
		columns = frappe.db.get_table_columns(doctype)
		for row in rows:
			assert not frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": row["fieldname"]})
			assert row["fieldname"] not in columns
	assert not frappe.db.exists("Workspace", "Insurance Activity")
	# the unique key of new-prospect Leads' phones went with its column; no index of the app is left
	for doctype in custom_fields.get_custom_fields():
		assert not frappe.db.sql(f"show index from `tab{doctype}` where Key_name like 'ia\\_%%'"), doctype
