# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Daily Activity (日看量): by day, look at volume. Per agent, team or office over a date range: how many
logs, each of the five items' actual against its target, and how often the day's standard (5311) was met.

Agent Logs are read with frappe.get_list, so the org hierarchy applies: an agent sees their own row, a
supervisor their team, an office manager their office, an admin everything.
"""

import frappe
from frappe import _

from insurance_activity import working_days
from insurance_activity.activity.agent_log_service import ITEM_LABELS
from insurance_activity.report_filters import units_under, validate_date_range, validate_group_by
from insurance_activity.rules.activity_analysis import (
	GROUP_AGENT,
	GROUP_FIELDS,
	GROUP_OFFICE,
	item_totals,
	summarise_by_unit,
	volume_summary,
)
from insurance_activity.rules.activity_standards import AGENT_ITEMS

Filters = frappe._dict

LOG_FIELDS = [
	"name",
	"agent",
	"agent_name",
	"supervisor",
	"office",
	"log_date",
	"is_working_day",
	"standard_met",
	*AGENT_ITEMS,
	*(f"{item}_target" for item in AGENT_ITEMS),
]


def execute(filters: Filters | None = None) -> tuple:
	filters = frappe._dict(filters or {})
	validate_filters(filters)

	columns = get_columns(filters)
	logs = get_agent_logs(filters)
	if not logs:
		frappe.msgprint(_("No Agent Logs found for these filters."), alert=True, indicator="orange")
		return columns, [], None, None, None

	data = summarise_by_unit(logs, filters.group_by, labels=get_unit_labels(logs, filters.group_by))
	chart = get_chart_data(logs)
	report_summary = get_report_summary(logs)
	# a range no Holiday List covers: weekends were taken as the only days off, and the report says so
	message = working_days.uncovered_note(working_days.days_off(filters.from_date, filters.to_date))

	return columns, data, message or None, chart, report_summary


def validate_filters(filters: Filters) -> None:
	validate_date_range(filters)
	validate_group_by(filters, GROUP_FIELDS, GROUP_AGENT)


def get_agent_logs(filters: Filters) -> list[dict]:
	"""Draft and submitted logs in the range that the user may see (cancelled logs never count)."""
	conditions = {
		"docstatus": ("<", 2),
		"log_date": ("between", [filters.from_date, filters.to_date]),
	}
	if filters.office:
		conditions["office"] = ("in", units_under(filters.office))
	if filters.supervisor:
		conditions["supervisor"] = filters.supervisor

	return frappe.get_list(
		"Agent Log", filters=conditions, fields=LOG_FIELDS, order_by="log_date, agent", limit_page_length=0
	)


def get_unit_labels(logs: list[dict], group_by: str) -> dict[str, str]:
	units = {log.get(GROUP_FIELDS[group_by]) for log in logs} - {None, ""}
	if not units:
		return {}
	if group_by == GROUP_AGENT:
		return {log.agent: log.agent_name for log in logs}
	if group_by == GROUP_OFFICE:
		return dict(
			frappe.get_all(
				"Department",
				filters={"name": ("in", units)},
				fields=["name", "department_name"],
				as_list=True,
			)
		)
	return dict(
		frappe.get_all(
			"Employee", filters={"name": ("in", units)}, fields=["name", "employee_name"], as_list=True
		)
	)


def get_columns(filters: Filters) -> list[dict]:
	# The unit is plain Data (daily_activity.js links it): as a Link, frappe would filter rows by the reader's
	# Employee user permissions (own record and reports only), dropping rows the org hierarchy lets an office
	# manager see, and would refuse the report to a reader who cannot read Department.
	columns = [
		{"label": _(filters.group_by), "fieldname": "unit", "fieldtype": "Data", "width": 140},
		{"label": _("Name"), "fieldname": "unit_name", "fieldtype": "Data", "width": 140},
		{"label": _("Agents"), "fieldname": "agents", "fieldtype": "Int", "width": 80},
		{"label": _("Logs"), "fieldname": "logs", "fieldtype": "Int", "width": 80},
		{"label": _("Working-Day Logs"), "fieldname": "working_day_logs", "fieldtype": "Int", "width": 120},
	]
	for item in AGENT_ITEMS:
		label = _(ITEM_LABELS[item])
		columns += [
			{"label": label, "fieldname": item, "fieldtype": "Int", "width": 120},
			{"label": _("{0} Target").format(label), "fieldname": f"{item}_target", "fieldtype": "Int"},
			{
				"label": _("{0} Attainment").format(label),
				"fieldname": f"{item}_attainment",
				"fieldtype": "Percent",
				"width": 120,
			},
		]
	columns += [
		{"label": _("Days Standard Met"), "fieldname": "days_met", "fieldtype": "Int", "width": 130},
		{"label": _("Share of Days Met"), "fieldname": "met_share", "fieldtype": "Percent", "width": 130},
	]
	return columns


def get_chart_data(logs: list[dict]) -> dict:
	totals = item_totals(logs)
	return {
		"data": {
			"labels": [_(ITEM_LABELS[item]) for item in AGENT_ITEMS],
			"datasets": [
				{"name": _("Actual"), "values": [totals[item]["actual"] for item in AGENT_ITEMS]},
				{"name": _("Target"), "values": [totals[item]["target"] for item in AGENT_ITEMS]},
			],
		},
		"type": "bar",
		"colors": ["#5e64ff", "#d1d8dd"],
	}


def get_report_summary(logs: list[dict]) -> list[dict]:
	summary = volume_summary(logs)
	every_day_met = summary["days_met"] == summary["working_day_logs"]
	return [
		{"value": summary["agents"], "label": _("Agents"), "datatype": "Int", "indicator": "Blue"},
		{"value": summary["logs"], "label": _("Logs"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": summary["working_day_logs"],
			"label": _("Working-Day Logs"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"value": summary["days_met"],
			"label": _("Days Standard Met"),
			"datatype": "Int",
			"indicator": "Green",
		},
		{
			"value": summary["met_share"] or 0,
			"label": _("Share of Days Met"),
			"datatype": "Percent",
			"indicator": "Green" if every_day_met else "Orange",
		},
	]
