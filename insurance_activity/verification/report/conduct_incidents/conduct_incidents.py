# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Conduct Incidents: per agent, the incidents callbacks found in a period (visits not happened,
misconduct, valid complaints 有效投诉) and where their appeals stand. Read with frappe.get_list, so an
agent sees their own row, a supervisor their team, an office manager their office.
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


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Please set From Date and To Date."))
	conditions = {"incident_date": ("between", [getdate(filters.from_date), getdate(filters.to_date)])}
	if filters.office:
		conditions["office"] = filters.office
	incidents = frappe.get_list(
		"Conduct Incident",
		filters=conditions,
		fields=["agent", "agent_name", "supervisor", "office", "incident_type", "status"],
		order_by="agent",
		limit_page_length=0,
	)
	supervisor_names = employee_names({i.supervisor for i in incidents})
	rows: dict[str, dict] = {}
	for incident in incidents:
		row = rows.setdefault(
			incident.agent,
			{
				"agent": incident.agent,
				"agent_name": incident.agent_name,
				"supervisor_name": supervisor_names.get(incident.supervisor),
				"office": incident.office,
				**dict.fromkeys([*TYPE_COLUMNS.values(), *STATUS_COLUMNS.values()], 0),
			},
		)
		row[TYPE_COLUMNS[incident.incident_type]] += 1
		row[STATUS_COLUMNS[incident.status]] += 1
	data = sorted(rows.values(), key=lambda r: (-(r["active"] + r["under_appeal"]), r["agent_name"] or ""))
	return get_columns(), data


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
