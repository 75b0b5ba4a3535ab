# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Daily Activity (日看量): by day, look at volume. Per agent, team or office over a date range: how many
logs, each of the five items' working-day actual against its working-day target (what was done on days
off beside it), and on how many of the agents' working days the day's standard (5311) was met: a working
day without a log is a day not met. The definitions are in rules.activity_analysis.unit_rows.

Agent Logs are read with frappe.get_list, so the org hierarchy applies: an agent sees their own row, a
supervisor their team, an office manager their office, an admin everything.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from insurance_activity import working_days
from insurance_activity.activity.standards import ITEM_LABELS
from insurance_activity.org import departments_under, office_by_department, team_heads
from insurance_activity.permissions import where_allowed
from insurance_activity.report_filters import read_filters, validate_date_range, validate_group_by
from insurance_activity.rules.activity_analysis import (
	GROUP_AGENT,
	GROUP_FIELDS,
	GROUP_OFFICE,
	overall,
	team_of,
	unit_rows,
)
from insurance_activity.rules.activity_standards import AGENT_ITEMS

Filters = frappe._dict

TOTAL_FIELDS = [
	"agent",
	"is_working_day",
	"count(name) as logs",
	"sum(standard_met) as days_met",
	# the latest log's day, supervisor and office in one value: the largest "day|supervisor|office" is the
	# latest day's (ISO days sort as text; one live log per agent and day), read in the same pass
	"max(concat(log_date, '|', ifnull(supervisor, ''), '|', ifnull(office, ''))) as latest",
	*(f"sum({item}) as {item}" for item in AGENT_ITEMS),
	*(f"sum({item}_target) as {item}_target" for item in AGENT_ITEMS),
]


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	validate_filters(filters)

	columns = get_columns(filters)
	totals = get_log_totals(filters)
	employees = get_employees(filters, {t.agent for t in totals})
	if not employees:
		frappe.msgprint(_("No agents or Agent Logs found for these filters."), alert=True, indicator="orange")
		return columns, [], None, None, None

	members = get_members(totals, employees)
	off = working_days.days_off_by_employee(employees, filters.from_date, filters.to_date)
	days = working_day_counts(employees, off, filters)
	data = unit_rows(
		totals, members, days, filters.group_by, labels=get_unit_labels(employees, members, filters)
	)
	summary = overall(data)
	# a range no Holiday List covers: weekends were taken as the only days off, and the report says so
	notes = sorted({working_days.uncovered_note(o) for o in off.values()} - {""})

	message = "\n".join([definitions(), *notes])
	return columns, data, message, get_chart_data(summary), get_report_summary(summary)


def definitions() -> str:
	"""What the figures mean, shown above the table (the rules core's definitions, in the business's words)."""
	return _(
		"Share of Days Met = days the daily standard (5311) was met / the agents' working days (工作日) in the range: a working day without a log is a day not met. Attainment (达成率) = working-day actual / working-day target; what was done on days off is shown in its own columns. Team: a supervisor's own logs count in their own team, with their direct reports. — means nothing to measure (no working day or no target)."
	)


def validate_filters(filters: Filters) -> None:
	validate_date_range(filters)
	validate_group_by(filters, GROUP_FIELDS, GROUP_AGENT)


def log_conditions(filters: Filters) -> dict:
	"""Draft and submitted logs in the range (cancelled logs never count), narrowed by the filters."""
	conditions = {
		"docstatus": ("<", 2),
		"log_date": ("between", [filters.from_date, filters.to_date]),
	}
	if filters.office:
		conditions["office"] = ("in", departments_under(filters.office))
	if filters.supervisor:
		conditions["supervisor"] = filters.supervisor
	return conditions


def get_log_totals(filters: Filters) -> list[dict]:
	"""The logs the user may see, added up in the database per agent and kind of day (working day or not)."""
	return frappe.get_list(
		"Agent Log",
		filters=log_conditions(filters),
		fields=TOTAL_FIELDS,
		group_by="agent, is_working_day",
		order_by="agent",
		limit_page_length=0,
	)


def get_employees(filters: Filters, logged: set[str]) -> dict[str, dict]:
	"""Every agent of the range: those with a log the user sees, and the Employees of the filtered offices (or
	team) employed in the range that the user's place in the organisation lets them see, with or without
	a log. An agent without a log still has a row: their working days are days not met."""
	employee = frappe.qb.DocType("Employee")
	query = (
		frappe.qb.from_(employee)
		.select(*(employee[f] for f in EMPLOYEE_FIELDS))
		.where(employee.date_of_joining <= filters.to_date)
		.where((employee.status == "Active") | (employee.relieving_date >= filters.from_date))
	)
	offices = [d for d, office in office_by_department().items() if office]
	if filters.office:
		offices = list(set(offices) & set(departments_under(filters.office)))
	query = query.where(employee.department.isin(offices or [""]))
	if filters.supervisor:
		query = query.where(employee.reports_to == filters.supervisor)
	query = where_allowed(query, "Agent Log", table=employee, columns={"agent": employee.name})
	roster = {row.name: row for row in query.run(as_dict=True)} if query else {}
	# an agent with a log the user sees who is not on the roster (moved office, left): read by name
	others = sorted(logged - set(roster))
	if others:
		rows = frappe.get_all("Employee", filters={"name": ("in", others)}, fields=EMPLOYEE_FIELDS)
		roster.update((row.name, row) for row in rows)
	return roster


# what the report needs of each agent; holiday_list and company: their working days (days_off_by_employee)
EMPLOYEE_FIELDS = ["name", "employee_name", "reports_to", "department", "date_of_joining", "relieving_date",
	"holiday_list", "company"]  # fmt: skip


def working_day_counts(employees: dict[str, dict], off: dict, filters: Filters) -> dict[str, int]:
	"""{agent: their working days (工作日) in the range while employed (joined, not yet relieved)}: counted
	once per distinct days-off calendar and span of employment (most agents share both), not once an agent."""
	counted: dict[tuple, int] = {}
	days = {}
	for agent, employee in employees.items():
		start = max(filters.from_date, getdate(employee.date_of_joining or filters.from_date))
		end = min(filters.to_date, getdate(employee.relieving_date or filters.to_date))
		key = (id(off[agent]), start, end)
		if key not in counted:
			counted[key] = len(off[agent].working_days(start, end)) if start <= end else 0
		days[agent] = counted[key]
	return days


def get_members(totals: list[dict], employees: dict[str, dict]) -> dict[str, dict]:
	"""The team and office each agent counts in: those of their latest log in the range (the log keeps its
	context), else their Employee record's; a supervisor counts in their own team (team_of). The latest log's
	context comes with the totals ("day|supervisor|office", see TOTAL_FIELDS): the logs are read once."""
	latest: dict[str, str] = {}
	for total in totals:
		if total.latest and total.latest > latest.get(total.agent, ""):
			latest[total.agent] = total.latest
	heads = team_heads(employees)
	offices = office_by_department()
	members = {}
	for agent, employee in employees.items():
		if agent in latest:
			_day, supervisor, office = latest[agent].split("|", 2)
			supervisor, office = supervisor or None, office or None
		else:
			supervisor, office = employee.reports_to, offices.get(employee.department)
		members[agent] = {"team": team_of(agent, supervisor, heads), "office": office}
	return members


def get_unit_labels(employees: dict[str, dict], members: dict[str, dict], filters: Filters) -> dict[str, str]:
	if filters.group_by == GROUP_AGENT:
		return {agent: employee.employee_name for agent, employee in employees.items()}
	field = GROUP_FIELDS[filters.group_by]
	units = {member[field] for member in members.values()} - {None, ""}
	if not units:
		return {}
	doctype, label = (
		("Department", "department_name")
		if filters.group_by == GROUP_OFFICE
		else ("Employee", "employee_name")
	)
	return dict(
		frappe.get_all(doctype, filters={"name": ("in", list(units))}, fields=["name", label], as_list=True)
	)


def get_columns(filters: Filters) -> list[dict]:
	# The unit is plain Data (daily_activity.js links it): as a Link, frappe would filter rows by the reader's
	# Employee user permissions (own record and reports only), dropping rows the org hierarchy lets an office
	# manager see, and would refuse the report to a reader who cannot read Department.
	columns = [
		{"label": _(filters.group_by), "fieldname": "unit", "fieldtype": "Data", "width": 140},
		{"label": _("Name"), "fieldname": "unit_name", "fieldtype": "Data", "width": 140},
		{"label": _("Agents"), "fieldname": "agents", "fieldtype": "Int", "width": 80},
		{"label": _("Working Days"), "fieldname": "working_days", "fieldtype": "Int", "width": 110},
		{"label": _("Logs"), "fieldname": "logs", "fieldtype": "Int", "width": 80},
		{"label": _("Working-Day Logs"), "fieldname": "working_day_logs", "fieldtype": "Int", "width": 120},
		{"label": _("Days-Off Logs"), "fieldname": "days_off_logs", "fieldtype": "Int", "width": 110},
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
			{
				"label": _("{0} on Days Off").format(label),
				"fieldname": f"{item}_days_off",
				"fieldtype": "Int",
				"width": 120,
			},
		]
	columns += [
		{"label": _("Days Standard Met"), "fieldname": "days_met", "fieldtype": "Int", "width": 130},
		{"label": _("Share of Days Met"), "fieldname": "met_share", "fieldtype": "Percent", "width": 130},
	]
	return columns


def get_chart_data(summary: dict) -> dict:
	"""Working-day actuals against working-day targets, item by item (one base, as attainment)."""
	return {
		"data": {
			"labels": [_(ITEM_LABELS[item]) for item in AGENT_ITEMS],
			"datasets": [
				{"name": _("Actual"), "values": [summary[item] for item in AGENT_ITEMS]},
				{"name": _("Target"), "values": [summary[f"{item}_target"] for item in AGENT_ITEMS]},
			],
		},
		"type": "bar",
		"colors": ["#5e64ff", "#d1d8dd"],
	}


def get_report_summary(summary: dict) -> list[dict]:
	if summary["met_share"] is None:  # no working day in the range: nothing to measure, not 0%
		share = {"value": _("Nothing to measure"), "datatype": "Data", "indicator": "Grey"}
	else:
		every_day_met = summary["days_met"] == summary["working_days"]
		share = {
			"value": summary["met_share"],
			"datatype": "Percent",
			"indicator": "Green" if every_day_met else "Orange",
		}
	return [
		{"value": summary["agents"], "label": _("Agents"), "datatype": "Int", "indicator": "Blue"},
		{"value": summary["logs"], "label": _("Logs"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": summary["working_days"],
			"label": _("Working Days"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"value": summary["days_met"],
			"label": _("Days Standard Met"),
			"datatype": "Int",
			"indicator": "Green",
		},
		{**share, "label": _("Share of Days Met")},
	]
