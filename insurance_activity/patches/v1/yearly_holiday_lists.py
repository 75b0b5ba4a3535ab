"""Settings' single "Default Holiday List" became the table "Yearly Holiday Lists" (one list per year)."""

import frappe

from insurance_activity.settings import SETTINGS


def execute():
	# nosemgrep: frappe-using-db-sql -- the patch reads and removes a Singles field the doctype no longer has
	old = frappe.db.sql(
		"select value from `tabSingles` where doctype = %s and field = 'default_holiday_list'", SETTINGS
	)
	name = old[0][0] if old and old[0][0] else None
	if name and frappe.db.exists("Holiday List", name):
		settings = frappe.get_single(SETTINGS)
		if name not in {row.holiday_list for row in settings.holiday_lists}:
			settings.append("holiday_lists", {"holiday_list": name, "published": 0})
			settings.flags.ignore_permissions = True
			settings.save()
	# nosemgrep: frappe-using-db-sql -- the patch reads and removes a Singles field the doctype no longer has
	frappe.db.sql("delete from `tabSingles` where doctype = %s and field = 'default_holiday_list'", SETTINGS)
