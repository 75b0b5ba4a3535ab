# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Target Progress (目标进度): every target the user can see, with its figures to date, the actual and
the gap (差距), for results (regular premium, U headcount) and process (activity volume, accompanied
visits). Targets are read with frappe.get_list, so the org hierarchy applies.
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from insurance_activity.production.targets import METRICS, TARGET, progress_of
from insurance_activity.report_filters import read_filters

Filters = frappe._dict


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	levels = frappe.get_meta("Production Target").get_options("target_level").split("\n")
	if filters.target_level and filters.target_level not in levels:
		frappe.throw(_("Level must be one of {0}.").format(", ".join(_(level) for level in levels)))
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
	"""One row per target the user may see: its holder and, per metric, the target to date, the actual and
	the gap. The targets and their months are read in two queries, and the actuals once per window of dates
	(production.targets.progress_of), however many targets there are."""
	conditions = {key: filters[key] for key in ("fiscal_year", "target_level", "company") if filters.get(key)}
	targets = frappe.get_list(
		TARGET,
		filters=conditions,
		fields=["name", "target_level", "employee", "employee_name", "unit", "company"],
		order_by="creation asc",
		limit_page_length=0,
	)
	if not targets:
		return []
	months: dict[str, list] = {}
	for row in frappe.get_all(
		"Production Target Month",
		filters={"parenttype": TARGET, "parent": ("in", [t.name for t in targets])},
		fields=["parent", "month_start", *METRICS],
		order_by="parent, idx",
	):
		months.setdefault(row.parent, []).append(row)
	for target in targets:
		target.months = months.get(target.name, [])
	progress = progress_of(targets, on)
	data = []
	for target in targets:
		row = {
			"target": target.name,
			"target_level": _(target.target_level),
			"holder": (target.employee_name or target.employee)
			if target.employee
			else (target.unit or target.company),
		}
		for figure in progress[target.name]:
			for part in ("target", "actual", "gap"):
				row[f"{figure['metric']}_{part}"] = figure[part]
		data.append(row)
	return data
