# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Agent Monthly Evaluation (个人月度考评): each agent's month on domain.md's four items, each against its
monthly standard in Insurance Activity Settings, and overall (rules.analytics.agent_evaluation):

- activity (活动量): the month's valid activities, counted as in Monthly Activity vs Results, against the
  daily figure times the agent's working days (工作日);
- meeting attendance (出席率): of the month's held Meeting Sessions the agent was listed at, those attended
  on site or remotely (an excused absence is not expected: rules.meeting_sessions.count_attendance);
- valid complaints (有效投诉): Complaint incidents of the month not reversed on appeal (Conduct Incident);
- regular-premium cases (期交件数): from the month's Agent Monthly Performance.

Every figure is added up by the database (GROUP BY), over what the reader may read: the agents come from
the hierarchy as in the other analytics reports (an agent sees their own row, a supervisor their team, an
office manager the office, an admin everything), incidents through frappe.get_list, meetings through
permissions.where_allowed.
"""

from itertools import chain

import frappe
from frappe import _
from frappe.query_builder.functions import Count

from insurance_activity import working_days
from insurance_activity.activity.report.daily_activity.daily_activity import get_employees, working_day_counts
from insurance_activity.analytics.report.monthly_activity_vs_results.monthly_activity_vs_results import (
	get_results,
	get_week_activities,
	validate_filters,
)
from insurance_activity.meetings.doctype.meeting_session.meeting_session import HELD
from insurance_activity.org import office_by_department
from insurance_activity.permissions import where_allowed
from insurance_activity.report_filters import read_filters
from insurance_activity.rules.analytics import (
	AGENT_EVALUATION_ITEMS,
	AgentEvaluationStandard,
	agent_evaluation,
)
from insurance_activity.rules.meeting_sessions import Attendance, count_attendance
from insurance_activity.settings import get_settings
from insurance_activity.verification.doctype.conduct_incident.conduct_incident import (
	valid_complaint_counts,
)

Filters = frappe._dict
MEETING_SESSION = "Meeting Session"
ITEM_LABELS = {
	"activity": "Activity (活动量)",
	"attendance": "Meeting Attendance (出席率)",
	"complaints": "Valid Complaints (有效投诉)",
	"regular_cases": "Regular-Premium Cases (期交件数)",
}


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	validate_filters(filters)
	standard = evaluation_standard()
	columns = get_columns()
	activities = get_week_activities(filters)
	employees = get_employees(filters, set(activities))
	if not employees:
		frappe.msgprint(_("No agents or Agent Logs found for these filters."), alert=True, indicator="orange")
		return columns, [], definitions(standard), None, None

	agents = list(employees)
	results = get_results(filters, agents)
	attendance = get_meeting_attendance(filters, agents)
	complaints = valid_complaint_counts(filters.from_date, filters.to_date, agents)
	off = working_days.days_off_by_employee(employees, filters.from_date, filters.to_date)
	days = working_day_counts(employees, off, filters)
	offices = office_by_department()
	data = []
	for agent, employee in sorted(employees.items(), key=lambda item: (item[1].employee_name, item[0])):
		meetings = attendance.get(agent) or count_attendance([])
		figures = {
			"activities": sum(activities.get(agent, {}).values()),
			"working_days": days[agent],
			"meetings_expected": meetings.expected,
			"meetings_attended": meetings.present,
			"valid_complaints": int(complaints.get(agent) or 0),
			"regular_cases": int((results.get(agent) or {}).get("regular_cases") or 0),
		}
		evaluation = agent_evaluation(**figures, standard=standard)
		data.append(
			{
				"agent": agent,
				"agent_name": employee.employee_name,
				"office": offices.get(employee.department) or "",
				**figures,
				**{
					key: as_check(value) if key.endswith("_met") else value
					for key, value in evaluation.items()
				},
				"attendance_standard": standard.attendance_rate,
				"complaints_allowed": standard.max_valid_complaints,
				"regular_cases_standard": standard.min_regular_cases,
			}
		)

	notes = [definitions(standard)]
	if not results:
		notes.append(
			_(
				"The month's results are not computed yet (Agent Monthly Performance): every agent shows 0 regular-premium cases."
			)
		)
	return columns, data, "\n".join(notes), get_chart_data(data), get_report_summary(data)


def evaluation_standard(settings=None) -> AgentEvaluationStandard:
	"""The monthly standard from Insurance Activity Settings (section Agent Monthly Evaluation)."""
	settings = settings or get_settings()
	return AgentEvaluationStandard(
		activities_per_working_day=settings.evaluation_activities_per_day or 0,
		attendance_rate=settings.evaluation_attendance_rate or 0,
		max_valid_complaints=settings.evaluation_max_valid_complaints or 0,
		min_regular_cases=settings.evaluation_min_regular_cases or 0,
	)


def definitions(standard: AgentEvaluationStandard) -> str:
	return _(
		"Each agent's month against the monthly standard: activity at least {0} valid activities per working day; attendance at least {1}% of the month's held meetings the agent was expected at (on site or remote; an excused absence is not expected); at most {2} valid complaints (complaints not reversed on appeal); at least {3} regular-premium cases issued in the month (Agent Monthly Performance). The month is met when every item with something to measure is met. — means nothing to measure (no working day, or no meeting to attend)."
	).format(
		f"{standard.activities_per_working_day:g}",
		f"{standard.attendance_rate:g}",
		standard.max_valid_complaints,
		standard.min_regular_cases,
	)


def get_meeting_attendance(filters: Filters, agents: list[str]) -> dict[str, Attendance]:
	"""Each agent's attendance at the month's held Meeting Sessions they were listed at, the rows added up
	by the database per agent and attendance status, over the sessions the reader may read."""
	session, attendee = frappe.qb.DocType(MEETING_SESSION), frappe.qb.DocType("Meeting Attendee")
	query = (
		frappe.qb.from_(attendee)
		.join(session)
		.on((attendee.parent == session.name) & (attendee.parenttype == MEETING_SESSION))
		.select(attendee.employee, attendee.attendance, Count(attendee.name).as_("meetings"))
		.where(
			(session.status == HELD)
			& session.scheduled_date.between(filters.from_date, filters.to_date)
			& attendee.employee.isin(agents)
		)
		.groupby(attendee.employee, attendee.attendance)
	)
	query = where_allowed(query, MEETING_SESSION, table=session)
	statuses: dict[str, list] = {}
	for row in query.run(as_dict=True) if query is not None else []:
		statuses.setdefault(row.employee, []).append([row.attendance] * int(row.meetings))
	return {agent: count_attendance(chain.from_iterable(rows)) for agent, rows in statuses.items()}


def as_check(met: bool | None) -> int | None:
	"""A met/not-met item as a Check cell (1/0); None (nothing to measure) stays None, shown as "—"."""
	return None if met is None else int(met)


def get_columns() -> list[dict]:
	# The agent is plain Data (the .js links it), as in Daily Activity.
	def check(label: str, fieldname: str) -> dict:
		return {"label": label, "fieldname": fieldname, "fieldtype": "Check", "width": 90}

	return [
		{"label": _("Agent"), "fieldname": "agent", "fieldtype": "Data", "width": 140},
		{"label": _("Name"), "fieldname": "agent_name", "fieldtype": "Data", "width": 140},
		{
			"label": _("Office", context="Department"),
			"fieldname": "office",
			"fieldtype": "Data",
			"width": 140,
		},
		check(_("Month Met"), "overall_met"),
		{"label": _("Month's Activities"), "fieldname": "activities", "fieldtype": "Int", "width": 120},
		{"label": _("Working Days"), "fieldname": "working_days", "fieldtype": "Int", "width": 110},
		{
			"label": _("Activity Standard"),
			"fieldname": "activity_standard",
			"fieldtype": "Int",
			"width": 120,
		},
		check(_("Activity Met"), "activity_met"),
		{
			"label": _("Meetings Expected"),
			"fieldname": "meetings_expected",
			"fieldtype": "Int",
			"width": 120,
		},
		{
			"label": _("Meetings Attended"),
			"fieldname": "meetings_attended",
			"fieldtype": "Int",
			"width": 120,
		},
		{
			"label": _("Attendance Rate (出席率)"),
			"fieldname": "attendance_rate",
			"fieldtype": "Percent",
			"width": 130,
		},
		{
			"label": _("Attendance Standard"),
			"fieldname": "attendance_standard",
			"fieldtype": "Percent",
			"width": 130,
		},
		check(_("Attendance Met"), "attendance_met"),
		{
			"label": _("Valid Complaints (有效投诉)"),
			"fieldname": "valid_complaints",
			"fieldtype": "Int",
			"width": 130,
		},
		{
			"label": _("Complaints Allowed"),
			"fieldname": "complaints_allowed",
			"fieldtype": "Int",
			"width": 120,
		},
		check(_("Complaints Met"), "complaints_met"),
		{
			"label": _("Regular-Premium Cases (期交件数)"),
			"fieldname": "regular_cases",
			"fieldtype": "Int",
			"width": 120,
		},
		{
			"label": _("Regular-Premium Cases Standard"),
			"fieldname": "regular_cases_standard",
			"fieldtype": "Int",
			"width": 130,
		},
		check(_("Regular-Premium Cases Met"), "regular_cases_met"),
	]


def get_chart_data(data: list[dict]) -> dict:
	"""Per item, how many agents met it and how many did not (nothing to measure is neither)."""
	return {
		"data": {
			"labels": [_(ITEM_LABELS[item]) for item in AGENT_EVALUATION_ITEMS],
			"datasets": [
				{
					"name": name,
					"values": [
						sum(1 for row in data if row[f"{item}_met"] == value)
						for item in AGENT_EVALUATION_ITEMS
					],
				}
				for name, value in ((_("Met"), 1), (_("Not Met"), 0))
			],
		},
		"type": "bar",
		"colors": ["#29cd42", "#ff5858"],
	}


def get_report_summary(data: list[dict]) -> list[dict]:
	met = sum(1 for row in data if row["overall_met"])
	return [
		{"value": len(data), "label": _("Agents"), "datatype": "Int", "indicator": "Blue"},
		{"value": met, "label": _("Month Met"), "datatype": "Int", "indicator": "Green"},
		{
			"value": len(data) - met,
			"label": _("Month Not Met"),
			"datatype": "Int",
			"indicator": "Red" if len(data) > met else "Green",
		},
	]
