# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Target Progress (目标进度): every target the user can see, with its figures to date, the actual and
the gap (差距), for results (regular premium, U headcount) and process (activity volume, accompanied
visits). Targets are read with frappe.get_list, so the org hierarchy applies.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

Filters = frappe._dict
METRICS = ("regular_premium", "u_headcount", "activity_volume", "accompanied_visits")


def execute(filters: Filters | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	on = getdate(filters.on or today())
	return get_columns(), get_data(filters, on)


def get_columns() -> list[dict]:
	columns = [
		{
			"fieldname": "target",
			"label": _("Target"),
			"fieldtype": "Link",
			"options": "Production Target",
			"width": 140,
		},
		{"fieldname": "target_level", "label": _("Level"), "fieldtype": "Data", "width": 80},
		{"fieldname": "holder", "label": _("Unit or Person"), "fieldtype": "Data", "width": 180},
	]
	labels = {
		"regular_premium": _("Regular Premium"),
		"u_headcount": _("U Headcount"),
		"activity_volume": _("Activity Volume"),
		"accompanied_visits": _("Accompanied Visits"),
	}
	for metric in METRICS:
		fieldtype = "Currency" if metric == "regular_premium" else "Int"
		for part, part_label in (("target", _("Target")), ("actual", _("Actual")), ("gap", _("Gap"))):
			columns.append(
				{
					"fieldname": f"{metric}_{part}",
					"label": f"{labels[metric]}: {part_label}",
					"fieldtype": fieldtype,
					"width": 130,
				}
			)
	return columns


def get_data(filters: Filters, on) -> list[dict]:
	conditions = {key: filters[key] for key in ("fiscal_year", "target_level", "company") if filters.get(key)}
	names = frappe.get_list("Production Target", filters=conditions, pluck="name", order_by="creation asc")
	data = []
	for name in names:
		doc = frappe.get_doc("Production Target", name)
		row = {
			"target": doc.name,
			"target_level": _(doc.target_level),
			"holder": (doc.employee_name or doc.employee) if doc.employee else (doc.unit or doc.company),
		}
		for figure in doc.progress(on):
			for part in ("target", "actual", "gap"):
				row[f"{figure['metric']}_{part}"] = figure[part]
		data.append(row)
	return data
