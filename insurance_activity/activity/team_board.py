"""The supervisor's team board (主管看板): reads a team's day from Agent Logs and asks the rules core what it means.

Agent Logs are read with frappe.get_list, so the org hierarchy applies here too; the endpoints in
api/team_board.py decide first who may open which team.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import get_time, getdate, nowtime, today

from insurance_activity import working_days
from insurance_activity.activity.standards import ITEM_LABELS
from insurance_activity.org import direct_reports, managed_departments
from insurance_activity.rules.activity_analysis import NO_LOG, report_status, team_totals
from insurance_activity.rules.activity_standards import AGENT_ITEMS

LOG_FIELDS = [
	"name",
	"agent",
	"docstatus",
	"standard_met",
	"is_working_day",
	"yesterday_results",
	"today_plan",
	"problems",
	*AGENT_ITEMS,
	*(f"{item}_target" for item in AGENT_ITEMS),
]


# ---------------------------------------------------------------- one team's day
def team_board(supervisor: str, day: date, can_record_calls: bool) -> dict:
	"""Each direct report's day (logged? met? missing? tracked?), their morning-meeting notes, the team's totals."""
	members = team_members([supervisor])
	days = team_days([supervisor], members, day)
	off = working_days.days_off(day, day, employee=supervisor)
	return {
		"date": str(day),
		"is_today": day == getdate(today()),
		"is_working_day": off.is_working_day(day),
		"calendar_note": working_days.uncovered_note(off),
		"supervisor": supervisor,
		"supervisor_name": frappe.get_cached_value("Employee", supervisor, "employee_name"),
		"can_record_calls": can_record_calls and day == getdate(today()),
		"reports": [report_card(member, days) for member in members],
		"totals": describe_totals(days["totals"][supervisor]),
	}


def report_card(member: dict, days: dict) -> dict:
	log = days["logs"].get(member.name)
	status = days["statuses"][member.name]
	call = days["calls"].get((member.reports_to, member.name))
	return {
		"employee": member.name,
		"employee_name": member.employee_name,
		"phone": member.cell_number,
		"tier": member.ia_productivity_tier,
		"logged": status["logged"],
		"submitted": bool(log and log.docstatus == 1),
		"met": status["met"],
		"missing": describe_missing(status["missing"]),
		"tracked": status["tracked"],
		"call_time": clock_time(call.call_time) if call and call.call_time else None,
		"call_notes": call.notes if call else None,
		"log": log.name if log else None,
		"log_url": f"/app/agent-log/{log.name}" if log else None,
		"yesterday_results": log.yesterday_results if log else None,
		"today_plan": log.today_plan if log else None,
		"problems": log.problems if log else None,
		"items": describe_items(log) if log else [],
	}


def clock_time(value) -> str:
	"""A call's time of day as H:MM ("8:30", "14:05"): the database gives a timedelta, whose str() has no
	leading zero, so cutting it at five characters left "8:30:" before 10:00."""
	time = get_time(value)
	return f"{time.hour}:{time.minute:02d}"


def describe_missing(missing: dict[str, int]) -> list[dict]:
	if NO_LOG in missing:
		return [{"item": NO_LOG, "label": _("No log yet"), "short": None}]
	return [{"item": item, "label": _(ITEM_LABELS[item]), "short": short} for item, short in missing.items()]


def describe_items(row) -> list[dict]:
	"""The five items' actual against target, labelled, in the order users see them."""
	return [
		{
			"item": item,
			"label": _(ITEM_LABELS[item]),
			"actual": int(row.get(item) or 0),
			"target": int(row.get(f"{item}_target") or 0),
		}
		for item in AGENT_ITEMS
	]


def describe_totals(totals: dict) -> dict:
	return {
		**{k: totals[k] for k in ("size", "logged", "met", "tracked")},
		"items": [
			{
				"item": item,
				"label": _(ITEM_LABELS[item]),
				"actual": totals["items"][item]["actual"],
				"target": totals["items"][item]["target"],
			}
			for item in AGENT_ITEMS
		],
	}


# ---------------------------------------------------------------- many teams at once (office roll-up)
def teams_in_units(manager: str | None, all_units: bool) -> list[dict]:
	"""Supervisors with at least one active direct report, in the manager's offices (or everywhere)."""
	filters = {"status": "Active"}
	if not all_units:
		departments = managed_departments(manager) if manager else []
		if not departments:
			return []
		filters["department"] = ("in", departments)
	leaders = set(
		frappe.get_all(
			"Employee", filters={"status": "Active", "reports_to": ("is", "set")}, pluck="reports_to"
		)
	)
	if not leaders:
		return []
	filters["name"] = ("in", list(leaders))
	return frappe.get_all(
		"Employee",
		filters=filters,
		fields=["name as supervisor", "employee_name as supervisor_name", "department"],
		order_by="department, employee_name, name",
	)


def office_roll_up(teams: list[dict], day: date) -> list[dict]:
	"""Each team's totals for the day: how many logged, met the standard and were phone-tracked."""
	if not teams:
		return []
	supervisors = [team.supervisor for team in teams]
	days = team_days(supervisors, team_members(supervisors), day)
	return [
		{**team, **describe_totals(days["totals"][team.supervisor])}
		for team in teams
		if days["totals"][team.supervisor]["size"]
	]


def team_members(supervisors: list[str]) -> list[dict]:
	return frappe.get_all(
		"Employee",
		filters={"reports_to": ("in", supervisors), "status": "Active"},
		fields=["name", "employee_name", "reports_to", "cell_number", "ia_productivity_tier"],
		order_by="employee_name, name",
	)


def team_days(supervisors: list[str], members: list[dict], day: date) -> dict:
	"""Logs, tracking calls, per-report status and per-team totals of the day, read in a few queries."""
	logs = {log.agent: log for log in logs_of([m.name for m in members], day)}
	calls = tracking_calls_of(supervisors, day)
	statuses, by_team = {}, {s: [] for s in supervisors}
	for member in members:
		log = logs.get(member.name)
		status = report_status(log, tracked=(member.reports_to, member.name) in calls)
		statuses[member.name] = status
		by_team[member.reports_to].append({**status, "log": log})
	return {
		"logs": logs,
		"calls": calls,
		"statuses": statuses,
		"totals": {s: team_totals(rows) for s, rows in by_team.items()},
	}


def logs_of(agents: list[str], day: date) -> list[dict]:
	if not agents:
		return []
	return frappe.get_list(
		"Agent Log",
		filters={"agent": ("in", agents), "log_date": day, "docstatus": ("<", 2)},
		fields=LOG_FIELDS,
		limit_page_length=0,
	)


def tracking_calls_of(supervisors: list[str], day: date) -> dict[tuple[str, str], dict]:
	"""(supervisor, report) -> the latest tracking call on the supervisors' own logs of the day."""
	supervisor_logs = {log.name: log.agent for log in logs_of(supervisors, day)}
	if not supervisor_logs:
		return {}
	rows = frappe.get_all(
		"Agent Log Tracking Call",
		filters={"parenttype": "Agent Log", "parent": ("in", list(supervisor_logs))},
		fields=["parent", "report", "call_time", "notes"],
		order_by="idx",
	)
	return {(supervisor_logs[row.parent], row.report): row for row in rows}


# ---------------------------------------------------------------- writing a tracking call
def add_tracking_call(supervisor: str, report: str, notes: str | None = None):
	"""Add a tracking-call row (电话追踪) to the supervisor's own log of today, making a draft log if needed."""
	name = frappe.db.get_value(
		"Agent Log", {"agent": supervisor, "log_date": today(), "docstatus": ("<", 2)}, "name"
	)
	log = (
		frappe.get_doc("Agent Log", name)
		if name
		else frappe.new_doc("Agent Log", agent=supervisor, log_date=today())
	)
	if log.docstatus == 1:
		frappe.throw(
			_("Your log for today is already submitted: cancel and amend it to add a tracking call."),
			title=_("Log Submitted"),
		)
	log.append(
		"tracking_calls",
		{
			"report": report,
			"report_name": frappe.get_cached_value("Employee", report, "employee_name"),
			"call_time": nowtime(),
			"notes": notes,
		},
	)
	log.save()
	return log


def is_direct_report(supervisor: str, employee: str) -> bool:
	return employee in direct_reports(supervisor)
