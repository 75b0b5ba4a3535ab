# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Conduct Incidents: per agent, the incidents callbacks found in a period (visits not happened,
misconduct, valid complaints 有效投诉) and where their appeals stand. Read with frappe.get_list, so an
agent sees their own row, a supervisor their team, an office manager their office.

Counted in the database (issue 18): one row per agent, each kind and each state of their incidents summed
there (a year of a branch's incidents is about 25,000 rows; the report reads about 5,000).
"""

import frappe
from frappe import _
from frappe.utils import getdate

from insurance_activity.report_filters import read_filters
from insurance_activity.rules.callback_outcomes import (
	COMPLAINT,
	INCIDENT_ACTIVE,
	INCIDENT_REVERSED,
	INCIDENT_UNDER_APPEAL,
	MISCONDUCT,
	VISIT_NOT_HAPPENED,
)

Filters = frappe._dict
TYPE_COLUMNS = {VISIT_NOT_HAPPENED: "visit_not_happened", MISCONDUCT: "misconduct", COMPLAINT: "complaint"}
STATUS_COLUMNS = {
	INCIDENT_ACTIVE: "active",
	INCIDENT_UNDER_APPEAL: "under_appeal",
	INCIDENT_REVERSED: "reversed",
}
COUNT_COLUMNS = (*TYPE_COLUMNS.values(), *STATUS_COLUMNS.values())
# Per supervisor and agent: the incidents of each kind (TYPE_COLUMNS) and in each state
# (STATUS_COLUMNS), counted in the database, and the latest incident's supervisor, office and agent name in
# one value: the largest "day|supervisor|office|agent name" is the latest day's (ISO days sort as text).
TOTAL_FIELDS = [
	"agent",
	*(f"sum(incident_type = '{kind}') as {column}" for kind, column in TYPE_COLUMNS.items()),
	*(f"sum(status = '{state}') as {column}" for state, column in STATUS_COLUMNS.items()),
	"max(concat(incident_date, '|', ifnull(supervisor, ''), '|', ifnull(office, ''), '|', "
	"ifnull(agent_name, ''))) as latest",
]


def execute(filters: Filters | None = None) -> tuple:
	"""(columns, rows): a row per agent with an incident in the range the user may see, {agent, agent_name,
	supervisor_name, office, visit_not_happened, misconduct, complaint, active, under_appeal, reversed}, the
	name, supervisor and office those of the agent's latest incident in the range (as the incident stored
	them); the agents with the most incidents still counting (active or under appeal) first, then by name."""
	filters = read_filters(filters)
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Please set From Date and To Date."))
	totals = get_totals(filters)
	latest = {total.agent: total.latest.split("|", 3) for total in totals}
	supervisor_names = employee_names({supervisor for _day, supervisor, _office, _name in latest.values()})
	data = []
	for total in totals:
		_day, supervisor, office, agent_name = latest[total.agent]
		data.append(
			{
				"agent": total.agent,
				"agent_name": agent_name or None,
				"supervisor_name": supervisor_names.get(supervisor),
				"office": office or None,
				**{column: int(total[column]) for column in COUNT_COLUMNS},
			}
		)
	data.sort(key=lambda r: (-(r["active"] + r["under_appeal"]), r["agent_name"] or ""))
	return get_columns(), data


def get_totals(filters: Filters) -> list[frappe._dict]:
	"""The incidents of the range the user may see (the hierarchy rule through frappe.get_list), narrowed to
	the office when one is set, added up per agent: [{agent, visit_not_happened, misconduct, complaint,
	active, under_appeal, reversed, latest: "day|supervisor|office|agent name"}], in agent order.

	The database groups by supervisor and agent, not by agent alone: grouped by agent (or by office and
	agent with the office filter set), MariaDB walks the whole table through the agent index, row by row
	(incident_date is not indexed), 3-10 times slower than its scan of the range; a third column in the
	key (office) made its temporary table slower by a third for a year. An agent's incidents under two
	supervisors are two rows, added together here."""
	conditions = {"incident_date": ("between", [getdate(filters.from_date), getdate(filters.to_date)])}
	if filters.office:
		conditions["office"] = filters.office
	totals: dict[str, frappe._dict] = {}
	for row in frappe.get_list(
		"Conduct Incident",
		filters=conditions,
		fields=TOTAL_FIELDS,
		group_by="supervisor, agent",
		order_by="agent",
		limit_page_length=0,
	):
		total = totals.setdefault(row.agent, row)
		if total is not row:
			for column in COUNT_COLUMNS:
				total[column] += row[column]
			total.latest = max(total.latest, row.latest)
	return list(totals.values())


def employee_names(employees: set) -> dict[str, str]:
	employees = list(employees - {None, ""})
	if not employees:
		return {}
	return dict(
		frappe.get_all(
			"Employee", filters={"name": ("in", employees)}, fields=["name", "employee_name"], as_list=True
		)
	)


def get_columns() -> list[dict]:
	# Data, not Link, for people: frappe drops report rows whose Employee links fall outside the user's
	# HRMS Employee User Permission; the hierarchy rule already chose the incidents (the JS links the agent).
	return [
		{"label": _("Agent"), "fieldname": "agent", "fieldtype": "Data", "width": 130},
		{"label": _("Agent Name"), "fieldname": "agent_name", "fieldtype": "Data", "width": 130},
		{"label": _("Supervisor"), "fieldname": "supervisor_name", "fieldtype": "Data", "width": 130},
		{
			"label": _("Office", context="Department"),
			"fieldname": "office",
			"fieldtype": "Link",
			"options": "Department",
			"width": 150,
		},
		{
			"label": _("Visit Not Happened"),
			"fieldname": "visit_not_happened",
			"fieldtype": "Int",
			"width": 130,
		},
		{"label": _("Misconduct"), "fieldname": "misconduct", "fieldtype": "Int", "width": 110},
		{"label": _("Valid Complaints"), "fieldname": "complaint", "fieldtype": "Int", "width": 120},
		{"label": _("Active"), "fieldname": "active", "fieldtype": "Int", "width": 90},
		{"label": _("Under Appeal"), "fieldname": "under_appeal", "fieldtype": "Int", "width": 110},
		{"label": _("Reversed on Appeal"), "fieldname": "reversed", "fieldtype": "Int", "width": 140},
	]
