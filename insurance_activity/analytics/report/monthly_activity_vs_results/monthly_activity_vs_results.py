# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Monthly Activity vs Results (月看业绩): by month, look at results against activity. Per agent, the month's
activities built from its business weeks (经营周, from the settings' calendar: each week's count and their
sum), per working day (工作日), against the month's results from Agent Monthly Performance (premium, FYC,
cases, U). Each agent falls in one of four groups (rules.analytics.activity_results_group): role models
(标杆: high activity, high results), coach skills (high activity, low results), low activity with high
results, and coach habits (low, low); the month's role models are named above the table.

Activities are added up in the database (one GROUP BY agent and business week), as in Weekly Process Mix:
rows a callback found invalid and cancelled logs never count. The hierarchy applies as in Daily Activity.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import getdate

from insurance_activity import working_days
from insurance_activity.activity.report.daily_activity.daily_activity import get_employees, working_day_counts
from insurance_activity.analytics.activities import LOG, business_week_of, valid_logs
from insurance_activity.meetings.schedule import calendar_config, month_range
from insurance_activity.org import office_by_department
from insurance_activity.report_filters import read_filters
from insurance_activity.rules.analytics import (
	ACTIVITY_GROUPS,
	ROLE_MODEL,
	activity_per_day,
	activity_results_group,
)
from insurance_activity.settings import get_settings

Filters = frappe._dict
PERFORMANCE = "Agent Monthly Performance"
RESULT_FIELDS = ("total_premium", "regular_premium", "fyc", "cases", "regular_cases", "has_sale", "reached_u")


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	validate_filters(filters)
	weeks = calendar_config().weeks_per_month
	columns = get_columns(weeks)
	activities = get_week_activities(filters)
	employees = get_employees(filters, set(activities))
	if not employees:
		frappe.msgprint(_("No agents or Agent Logs found for these filters."), alert=True, indicator="orange")
		return columns, [], None, None, None

	results = get_results(filters, list(employees))
	off = working_days.days_off_by_employee(employees, filters.from_date, filters.to_date)
	days = working_day_counts(employees, off, filters)
	bar = get_settings().high_activity_per_day
	offices = office_by_department()
	data = []
	for agent, employee in sorted(employees.items(), key=lambda item: (item[1].employee_name, item[0])):
		by_week = activities.get(agent, {})
		result = results.get(agent) or {}
		row = {
			"agent": agent,
			"agent_name": employee.employee_name,
			"office": offices.get(employee.department) or "",
			**{f"week_{week}": by_week.get(week, 0) for week in range(1, weeks + 1)},
			"activities": sum(by_week.values()),
			"working_days": days[agent],
			**{field: result.get(field) or 0 for field in RESULT_FIELDS},
		}
		row["activity_per_day"] = activity_per_day(row["activities"], row["working_days"])
		row["group_key"] = activity_results_group(row["activity_per_day"], bar, bool(row["reached_u"]))
		row["activity_group"] = _(row["group_key"]) if row["group_key"] else ""
		data.append(row)

	notes = [definitions(bar)]
	if not results:
		notes.append(
			_("The month's results are not computed yet (Agent Monthly Performance): every result shows 0.")
		)
	role_models = [row["agent_name"] for row in data if row["group_key"] == ROLE_MODEL]
	notes.append(
		_("Role models of the month: {0}").format(", ".join(role_models))
		if role_models
		else _("No role model this month.")
	)
	return columns, data, "\n".join(notes), get_chart_data(data), get_report_summary(data)


def definitions(bar: float) -> str:
	return _(
		"Activities are the month's valid activities, week by week (business weeks). High activity = at least {0} activities per working day; high results = reached U (U人力) in Agent Monthly Performance. Role Model: high activity, high results; Coach Skills: high activity, low results; Coach Habits: low activity, low results. — means nothing to measure (no working day)."
	).format(bar)


def validate_filters(filters: Filters) -> None:
	"""The month of the date `month_of` becomes the range: from_date, to_date, year and month."""
	if not filters.month_of:
		frappe.throw(_("Please set Month Of."))
	day = getdate(filters.month_of)
	filters.year, filters.month = day.year, day.month
	filters.from_date, filters.to_date = month_range(day.year, day.month)


def get_week_activities(filters: Filters) -> dict[str, dict[int, int]]:
	"""Valid activities per agent and business week of the month, added up in the database over the logs'
	stored totals (analytics.activities.valid_logs): {agent: {week: n}}, only weeks with activities.
	Only the agents the user's place in the organisation lets them see."""
	query = valid_logs(filters)
	if query is None:
		return {}
	week = business_week_of(LOG.log_date)
	activities_sum = Sum(LOG.valid_activities).as_("activities")
	query = query.select(LOG.agent, week.as_("week"), activities_sum).groupby(LOG.agent, week)
	activities: dict[str, dict[int, int]] = {}
	for result in query.run(as_dict=True):
		activities.setdefault(result.agent, {})[int(result.week)] = int(result.activities or 0)
	return activities


def get_results(filters: Filters, agents: list[str]) -> dict[str, dict]:
	"""The month's Agent Monthly Performance of the agents (already those the reader may see)."""
	rows = frappe.get_all(
		PERFORMANCE,
		filters={"year": filters.year, "month": filters.month, "agent": ("in", agents)},
		fields=["agent", *RESULT_FIELDS],
	)
	return {row.agent: row for row in rows}


def get_columns(weeks: int) -> list[dict]:
	# The agent is plain Data (the .js links it), as in Daily Activity.
	columns = [
		{"label": _("Agent"), "fieldname": "agent", "fieldtype": "Data", "width": 140},
		{"label": _("Name"), "fieldname": "agent_name", "fieldtype": "Data", "width": 140},
		{
			"label": _("Office", context="Department"),
			"fieldname": "office",
			"fieldtype": "Data",
			"width": 140,
		},
		{"label": _("Activity Group"), "fieldname": "activity_group", "fieldtype": "Data", "width": 170},
	]
	columns += [
		{"label": _("Week {0}").format(week), "fieldname": f"week_{week}", "fieldtype": "Int", "width": 80}
		for week in range(1, weeks + 1)
	]
	columns += [
		{"label": _("Month's Activities"), "fieldname": "activities", "fieldtype": "Int", "width": 120},
		{"label": _("Working Days"), "fieldname": "working_days", "fieldtype": "Int", "width": 110},
		{
			"label": _("Activities per Working Day"),
			"fieldname": "activity_per_day",
			"fieldtype": "Float",
			"precision": 2,
			"width": 150,
		},
		{"label": _("Total Premium"), "fieldname": "total_premium", "fieldtype": "Currency", "width": 120},
		{
			"label": _("Regular Premium (期缴保费)"),
			"fieldname": "regular_premium",
			"fieldtype": "Currency",
			"width": 130,
		},
		{"label": _("FYC"), "fieldname": "fyc", "fieldtype": "Currency", "width": 110},
		{"label": _("Cases (件数)"), "fieldname": "cases", "fieldtype": "Int", "width": 90},
		{
			"label": _("Regular-Premium Cases (期交件数)"),
			"fieldname": "regular_cases",
			"fieldtype": "Int",
			"width": 120,
		},
		{"label": _("Sold at Least One (举绩)"), "fieldname": "has_sale", "fieldtype": "Check", "width": 110},
		{"label": _("Reached U (U人力)"), "fieldname": "reached_u", "fieldtype": "Check", "width": 100},
	]
	return columns


def get_chart_data(data: list[dict]) -> dict:
	"""How many agents fall in each of the four groups."""
	return {
		"data": {
			"labels": [_(group) for group in ACTIVITY_GROUPS],
			"datasets": [
				{
					"name": _("Agents"),
					"values": [
						sum(1 for row in data if row["group_key"] == group) for group in ACTIVITY_GROUPS
					],
				}
			],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_report_summary(data: list[dict]) -> list[dict]:
	indicators = dict(zip(ACTIVITY_GROUPS, ("Green", "Orange", "Blue", "Red"), strict=True))
	return [
		{"value": len(data), "label": _("Agents"), "datatype": "Int", "indicator": "Blue"},
		*(
			{
				"value": sum(1 for row in data if row["group_key"] == group),
				"label": _(group),
				"datatype": "Int",
				"indicator": indicators[group],
			}
			for group in ACTIVITY_GROUPS
		),
	]
