# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Unit Evaluation (单位考评): each office and branch in a month, on domain.md's unit measures: per-capita
activity (人均活动量), the share of agents with at least one sale (举绩率), per-capita cases (人均件数), meeting
attendance (出席率), valid complaints (有效投诉) per capita and the verification failure rate; the offices
ranked on each, and those below the selection's own figure named with their heads.

Activities per agent come from the database already added up (as in Monthly Activity vs Results), results
from Agent Monthly Performance, attendance and valid complaints as in Agent Monthly Evaluation, callback
checks counted per agent (Callback Check's closed_and_failed_counts); pandas groups those per-agent figures
into offices and branches. The hierarchy applies: each reader's units are measured over the agents they may
see, and each record kind over the records they may read.
"""

import pandas as pd

import frappe
from frappe import _

from insurance_activity.activity.report.daily_activity.daily_activity import get_employees
from insurance_activity.analytics.report.agent_monthly_evaluation.agent_monthly_evaluation import (
	get_meeting_attendance,
)
from insurance_activity.analytics.report.monthly_activity_vs_results.monthly_activity_vs_results import (
	get_results,
	get_week_activities,
	validate_filters,
)
from insurance_activity.org import office_by_department, unit_by_department
from insurance_activity.report_filters import read_filters
from insurance_activity.rules.analytics import (
	LOWER_IS_BETTER,
	PERCENT_METRICS,
	UNIT_METRICS,
	below_reference,
	ranks,
	unit_figures,
)
from insurance_activity.verification.doctype.callback_check.callback_check import closed_and_failed_counts
from insurance_activity.verification.doctype.conduct_incident.conduct_incident import valid_complaint_counts

Filters = frappe._dict
OFFICE, BRANCH = "Office", "Branch"
METRIC_LABELS = {
	"activity_per_capita": "Activity per Capita (人均活动量)",
	"has_sale_rate": "Share of Agents with a Sale (举绩率)",
	"cases_per_capita": "Cases per Capita (人均件数)",
	"attendance_rate": "Meeting Attendance (出席率)",
	"complaints_per_capita": "Valid Complaints per Capita (人均有效投诉)",
	"failure_rate": "Verification Failure Rate",
}


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	validate_filters(filters)
	columns = get_columns()
	data, reference = evaluate(filters)
	if not data:
		frappe.msgprint(_("No agents or Agent Logs found for these filters."), alert=True, indicator="orange")
		return columns, [], None, None, None

	below = [row for row in data if row.get("below_on")]
	notes = [definitions()]
	notes += [
		_("{0} (head: {1}) is below on {2}").format(
			row["unit_name"], row["head_name"] or _("no head set"), row["below_on"]
		)
		for row in below
	]
	return columns, data, "\n".join(notes), get_chart_data(data), get_report_summary(reference, len(below))


def evaluate(filters: Filters) -> tuple[list[dict], dict]:
	"""The month's units over the agents the session user may see (filters already validated): the rows
	(each branch, then its offices ranked; an office's `below_metrics` are the UNIT_METRICS it is below the
	bar on, `below_on` their labels) and the reference (the whole selection's own figures: the bar).
	([], {}) when there is no agent."""
	activities = get_week_activities(filters)
	employees = get_employees(filters, set(activities))
	if not employees:
		return [], {}

	people = list(employees)
	results = get_results(filters, people)
	attendance = get_meeting_attendance(filters, people)
	complaints = valid_complaint_counts(filters.from_date, filters.to_date, people)
	checks = closed_and_failed_counts(filters.from_date, filters.to_date, people)
	offices, branches = office_by_department(), unit_by_department(BRANCH)
	agents = pd.DataFrame(
		[
			{
				"agent": agent,
				"office": offices.get(employee.department),
				"branch": branches.get(employee.department) or "",
				"activities": sum(activities.get(agent, {}).values()),
				"has_sale": int((results.get(agent) or {}).get("has_sale") or 0),
				"cases": int((results.get(agent) or {}).get("cases") or 0),
				"meetings_expected": attendance[agent].expected if agent in attendance else 0,
				"meetings_present": attendance[agent].present if agent in attendance else 0,
				"complaints": int(complaints.get(agent) or 0),
				"closed_checks": checks.get(agent, (0, 0))[0],
				"failed_checks": checks.get(agent, (0, 0))[1],
			}
			for agent, employee in employees.items()
		]
	)
	reference = unit_row(agents)
	heads, names = unit_heads_and_names(set(agents.office) | set(agents.branch) - {""})
	office_rows = {office: unit_row(group) for office, group in agents.groupby("office")}
	for metric in UNIT_METRICS:
		values = {o: row[metric] for o, row in office_rows.items()}
		for office, rank in ranks(values, lower_is_better=metric in LOWER_IS_BETTER).items():
			office_rows[office][f"{metric}_rank"] = rank
	data = []
	for branch, group in agents.groupby("branch"):
		if branch:
			data.append(
				{
					"unit": branch,
					"level": _(BRANCH, context="Department"),
					"level_key": BRANCH,
					**unit_row(group),
					"indent": 0,
				}
			)
		for office in sorted(set(group.office)):
			row = office_rows[office]
			row["below_metrics"] = below_reference(row, reference)
			row["below_on"] = ", ".join(_(METRIC_LABELS[metric]) for metric in row["below_metrics"])
			data.append(
				{
					"unit": office,
					"level": _(OFFICE, context="Department"),
					"level_key": OFFICE,
					**row,
					"indent": 1 if branch else 0,
				}
			)
	for row in data:
		row["unit_name"] = names.get(row["unit"], row["unit"])
		row["head_name"] = heads.get(row["unit"], "")
	return data, reference


def definitions() -> str:
	return _(
		"Per capita = over the agents employed in the month (headcount). Activity per capita: the month's valid activities; share of agents with a sale (举绩率) and cases from Agent Monthly Performance; meeting attendance: the month's held meetings attended (on site or remote) of those the agents were expected at (an excused absence is not expected); valid complaints: complaints not reversed on appeal; verification failure rate: the closed callback checks of the month's visits that found a visit not happened or misconduct, not overturned on appeal. Offices are ranked on each measure (1 = best; the fewest complaints and failures rank first) and named below the bar when worse than the whole selection's own figure. Each unit is measured over the agents you may see: a supervisor's office is their team. — means nothing to measure."
	)


def unit_row(agents: pd.DataFrame) -> dict:
	"""A unit's headcount, totals and per-capita figures (rules.analytics.unit_figures) from its agents' rows."""
	totals = {
		"headcount": len(agents),
		"activities": int(agents.activities.sum()),
		"sales_agents": int(agents.has_sale.sum()),
		"cases": int(agents.cases.sum()),
		"meetings_expected": int(agents.meetings_expected.sum()),
		"meetings_present": int(agents.meetings_present.sum()),
		"complaints": int(agents.complaints.sum()),
		"closed_checks": int(agents.closed_checks.sum()),
		"failed_checks": int(agents.failed_checks.sum()),
	}
	return {**totals, **unit_figures(**totals)}


def unit_heads_and_names(units: set[str]) -> tuple[dict[str, str], dict[str, str]]:
	"""The head (ia_unit_manager's name) and the name of each unit."""
	rows = frappe.get_all(
		"Department",
		filters={"name": ("in", list(units))},
		fields=["name", "department_name", "ia_unit_manager"],
	)
	managers = [row.ia_unit_manager for row in rows if row.ia_unit_manager]
	names = dict(
		frappe.get_all(
			"Employee", filters={"name": ("in", managers)}, fields=["name", "employee_name"], as_list=True
		)
	)
	return (
		{row.name: names.get(row.ia_unit_manager, "") for row in rows},
		{row.name: row.department_name for row in rows},
	)


def get_columns() -> list[dict]:
	# The unit is plain Data (the .js links it), as in Daily Activity.
	columns = [
		{"label": _("Sales Unit"), "fieldname": "unit", "fieldtype": "Data", "width": 160},
		{"label": _("Name"), "fieldname": "unit_name", "fieldtype": "Data", "width": 140},
		{"label": _("Level"), "fieldname": "level", "fieldtype": "Data", "width": 80},
		{"label": _("Unit Head"), "fieldname": "head_name", "fieldtype": "Data", "width": 120},
		{"label": _("Headcount"), "fieldname": "headcount", "fieldtype": "Int", "width": 90},
		{"label": _("Month's Activities"), "fieldname": "activities", "fieldtype": "Int", "width": 120},
		{
			"label": _(METRIC_LABELS["activity_per_capita"]),
			"fieldname": "activity_per_capita",
			"fieldtype": "Float",
			"precision": 1,
			"width": 150,
		},
		{"label": _("Agents with a Sale"), "fieldname": "sales_agents", "fieldtype": "Int", "width": 120},
		{
			"label": _(METRIC_LABELS["has_sale_rate"]),
			"fieldname": "has_sale_rate",
			"fieldtype": "Percent",
			"width": 150,
		},
		{"label": _("Cases (件数)"), "fieldname": "cases", "fieldtype": "Int", "width": 90},
		{
			"label": _(METRIC_LABELS["cases_per_capita"]),
			"fieldname": "cases_per_capita",
			"fieldtype": "Float",
			"precision": 2,
			"width": 150,
		},
		{
			"label": _(METRIC_LABELS["attendance_rate"]),
			"fieldname": "attendance_rate",
			"fieldtype": "Percent",
			"width": 140,
		},
		{
			"label": _("Valid Complaints (有效投诉)"),
			"fieldname": "complaints",
			"fieldtype": "Int",
			"width": 120,
		},
		{
			"label": _(METRIC_LABELS["complaints_per_capita"]),
			"fieldname": "complaints_per_capita",
			"fieldtype": "Float",
			"precision": 2,
			"width": 160,
		},
		{"label": _("Closed Checks"), "fieldname": "closed_checks", "fieldtype": "Int", "width": 110},
		{
			"label": _(METRIC_LABELS["failure_rate"]),
			"fieldname": "failure_rate",
			"fieldtype": "Percent",
			"width": 150,
		},
	]
	columns += [
		{
			"label": _("Rank: {0}").format(_(METRIC_LABELS[metric])),
			"fieldname": f"{metric}_rank",
			"fieldtype": "Int",
			"width": 120,
		}
		for metric in UNIT_METRICS
	]
	columns.append(
		{"label": _("Below the Bar On"), "fieldname": "below_on", "fieldtype": "Data", "width": 220}
	)
	return columns


def get_chart_data(data: list[dict]) -> dict:
	"""Each office's share of agents with a sale (举绩率)."""
	offices = [row for row in data if row["level_key"] == OFFICE]
	return {
		"data": {
			"labels": [row["unit_name"] for row in offices],
			"datasets": [
				{
					"name": _(METRIC_LABELS["has_sale_rate"]),
					"values": [row["has_sale_rate"] or 0 for row in offices],
				}
			],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_report_summary(reference: dict, below: int) -> list[dict]:
	return [
		{"value": reference["headcount"], "label": _("Headcount"), "datatype": "Int", "indicator": "Blue"},
		*(
			{
				"value": reference[metric],
				"label": _(METRIC_LABELS[metric]),
				"datatype": "Percent" if metric in PERCENT_METRICS else "Float",
				"indicator": "Blue",
			}
			for metric in UNIT_METRICS
		),
		{
			"value": below,
			"label": _("Offices Below the Bar"),
			"datatype": "Int",
			"indicator": "Orange" if below else "Green",
		},
	]
