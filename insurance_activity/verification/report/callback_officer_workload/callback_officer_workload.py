# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Callback Officer Workload: open checks per callback officer (回访专员) on a day, what is overdue, what
was closed that day, and the room left in the officer's daily capacity. Checks without an officer (the
sample beyond capacity) are one row of their own, to be assigned by hand.
"""

import frappe
from frappe import _
from frappe.utils import cint, getdate, today

from insurance_activity.report_filters import read_filters
from insurance_activity.rules.callback_outcomes import PENDING
from insurance_activity.settings import get_settings

Filters = frappe._dict
UNASSIGNED = ""


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	day = getdate(filters.date or today())
	capacity = cint(get_settings().callback_officer_capacity)
	rows: dict[str, dict] = {}

	def row(officer: str | None) -> dict:
		officer = officer or UNASSIGNED
		return rows.setdefault(
			officer,
			{
				"officer": officer or _("(Unassigned)"),
				"open": 0,
				"overdue": 0,
				"due_today": 0,
				"closed_today": 0,
			},
		)

	# counted in the database: per officer, the open checks overdue, then those due today
	for kind, due in (("overdue", ("<", day)), ("due_today", day)):
		for group in frappe.get_list(
			"Callback Check",
			filters={"status": PENDING, "callback_date": due},
			fields=["assigned_officer", "count(name) as checks"],
			group_by="assigned_officer",
			order_by="assigned_officer",
			limit_page_length=0,
		):
			r = row(group.assigned_officer)
			r["open"] += group.checks
			r[kind] += group.checks
	for group in frappe.get_list(
		"Callback Check",
		filters={"status": ("!=", PENDING), "closed_on": ("between", [day, day])},
		fields=["assigned_officer", "count(name) as checks"],
		group_by="assigned_officer",
		order_by="assigned_officer",
		limit_page_length=0,
	):
		row(group.assigned_officer)["closed_today"] += group.checks
	# the officer's whole day (every check assigned for it, whoever reads): what is left of their capacity
	assigned = dict(
		frappe.get_all(
			"Callback Check",
			filters={"assigned_officer": ("in", [o for o in rows if o] or [""]), "callback_date": day},
			fields=["assigned_officer", "count(name) as checks"],
			group_by="assigned_officer",
			as_list=True,
		)
	)
	for officer, r in rows.items():
		r["capacity_left"] = max(capacity - cint(assigned.get(officer)), 0) if officer else None
	data = sorted(rows.values(), key=lambda r: (r["officer"] == _("(Unassigned)"), -r["open"], r["officer"]))
	return get_columns(), data


def get_columns() -> list[dict]:
	return [
		{"label": _("Callback Officer"), "fieldname": "officer", "fieldtype": "Data", "width": 220},
		{"label": _("Open Checks"), "fieldname": "open", "fieldtype": "Int", "width": 110},
		{"label": _("Due Today"), "fieldname": "due_today", "fieldtype": "Int", "width": 110},
		{"label": _("Overdue"), "fieldname": "overdue", "fieldtype": "Int", "width": 110},
		{"label": _("Closed Today"), "fieldname": "closed_today", "fieldtype": "Int", "width": 110},
		{"label": _("Capacity Left Today"), "fieldname": "capacity_left", "fieldtype": "Int", "width": 150},
	]
