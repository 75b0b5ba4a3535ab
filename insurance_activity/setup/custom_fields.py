"""Fields the app adds to ERPNext/HRMS doctypes; created on install and migrate, removed on uninstall."""

import frappe
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

MODULE = "Configuration"
PHONE_KEY = "ia_phone_key"
PROSPECT_PHONE_KEY = "ia_prospect_phone_key"


def get_custom_fields() -> dict[str, list[dict]]:
	return {
		"User Permission": [
			{
				"fieldname": "ia_synced",
				"label": "Kept by Insurance Activity",
				"fieldtype": "Check",
				"insert_after": "applicable_for",
				"read_only": 1,
				"description": "Given to a unit manager for an employee of their units outside their reporting line; added and removed by the daily organisation check.",
			},
		],
		"Employee": [
			{
				"fieldname": "ia_productivity_tier",
				"label": "Productivity Tier",
				"fieldtype": "Link",
				"options": "Productivity Tier",
				"insert_after": "reports_to",
				"in_standard_filter": 1,
				"description": "产能层级: the tier whose activity standard applies to this agent.",
			},
		],
		"Department": [
			{
				"fieldname": "ia_unit_level",
				"label": "Sales Unit Level",
				"fieldtype": "Select",
				"options": "\nBranch\nOffice",
				"insert_after": "parent_department",
				"description": "Branch (分公司/支公司) or sales office (营业室). Teams are supervisors' reporting lines.",
			},
			{
				"fieldname": "ia_unit_manager",
				"label": "Unit Manager",
				"fieldtype": "Link",
				"options": "Employee",
				"insert_after": "ia_unit_level",
				"description": "The office or branch manager (营业室/职场负责人) who hosts its meetings and sees its records.",
			},
		],
		# one customer, one phone key (rules/phones.py): what the app looks people up by (customers/phone_keys.py)
		"Lead": [
			phone_key_field("mobile_no"),
			{
				"fieldname": PROSPECT_PHONE_KEY,
				"label": "New-Prospect Phone Key",
				"fieldtype": "Data",
				"insert_after": PHONE_KEY,
				"read_only": 1,
				"hidden": 1,
				"no_copy": 1,
				"unique": 1,
				"description": "Set on a Lead made from an agent's new prospect: no two such Leads share a phone.",
			},
		],
		"Customer": [phone_key_field("mobile_no")],
		"Contact": [phone_key_field("mobile_no")],
	}


def phone_key_field(insert_after: str) -> dict:
	return {
		"fieldname": PHONE_KEY,
		"label": "Phone Key",
		"fieldtype": "Data",
		"insert_after": insert_after,
		"read_only": 1,
		"hidden": 1,
		"no_copy": 1,
		"search_index": 1,
		"description": "The phone in one form (+86...), filled on save: how the app finds a customer by phone.",
	}


def install_custom_fields():
	fields = get_custom_fields()
	for rows in fields.values():
		for row in rows:
			row.setdefault("module", MODULE)
	create_custom_fields(fields, ignore_validate=True)


def remove_custom_fields():
	for doctype, rows in get_custom_fields().items():
		table = f"tab{doctype}"
		columns = set(frappe.db.get_table_columns(doctype))
		for row in rows:
			name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": row["fieldname"]})
			if name:
				frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
			if row["fieldname"] in columns:
				# nosemgrep: frappe-using-db-sql -- DDL on uninstall (the query builder has no ALTER TABLE)
				frappe.db.sql_ddl(f"alter table `{table}` drop column `{row['fieldname']}`")
		frappe.clear_cache(doctype=doctype)
