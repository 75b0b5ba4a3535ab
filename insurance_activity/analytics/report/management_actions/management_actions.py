# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Management Actions (管理动作): each office's month of standard management actions, counted from the
records that hold them, with the gaps named (rules.management_actions says what is owed and what is a gap):

- target interview (目标面谈): a key supervisor's Agent Log of the month with an income target and the path
  to it (the Target Interview section of the supervisor's own log: like the 111 routine, it is the
  supervisor's duty of the day, and an Activity Kind would need a sales-cycle step and count as a sale
  activity in the process mix);
- accompanied visits (陪访): the supervisor's Agent Logs whose coaching is an Accompanied Visit
  (production.targets.accompanied_visit, as the targets and the unit alerts count them), per business week,
  with those reviewed;
- customer inventory (客户盘点): the office's weekly review Meeting Sessions held with their KPI snapshot
  (which takes the inventory: meetings.kpi_snapshot.customer_inventory), per business week reviewed;
- customer platforms: the month's published Activity Campaigns listing the office (the Activity Calendar's
  month plan and its missing platforms).

Key supervisors are the office's supervisors (those who head a team or hold a supervisor's role), its
head apart. Every count is a GROUP BY in the database over the records the reader may read (the one
permission rule): a reader sees the supervisors whose logs they read, in the offices the Activity Calendar
shows them.
"""

from pypika.terms import Case

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce, Count, Sum
from frappe.utils import getdate, today

from insurance_activity.analytics.activities import business_week_of
from insurance_activity.analytics.report.monthly_activity_vs_results.monthly_activity_vs_results import (
	validate_filters,
)
from insurance_activity.campaigns.report.activity_calendar.activity_calendar import month_plan
from insurance_activity.meetings.schedule import WEEKLY_REVIEW_RULE, calendar_config
from insurance_activity.org import office_by_department, supervisors_and_above, unit_manager
from insurance_activity.permissions import where_allowed
from insurance_activity.production.targets import accompanied_visit
from insurance_activity.report_filters import read_filters
from insurance_activity.rules.management_actions import (
	FEW_ACCOMPANIED_VISITS,
	NO_CUSTOMER_INVENTORY,
	NO_PLATFORM,
	NO_TARGET_INTERVIEW,
	compliance_rate,
	due_weeks,
	inventory_weeks,
	office_compliance,
	week_ranges,
)
from insurance_activity.settings import get_settings

Filters = frappe._dict
LOG = DocType("Agent Log")
HELD = "Held"  # Meeting Session status of a meeting that took place
REVIEWED = "Reviewed"  # Agent Log review status


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	validate_filters(filters)
	columns = get_columns()
	data = get_data(filters)
	if not data:
		frappe.msgprint(_("No offices found for these filters."), alert=True, indicator="orange")
		return columns, [], None, None, None
	return columns, data, definitions(), get_chart_data(data), get_report_summary(data)


def definitions() -> str:
	return _(
		"Each key supervisor owes a target interview (目标面谈) a month, recorded in their Agent Log with the income target and the path to it, and accompanied visits (陪访) every business week; each weekly review takes the customer inventory (客户盘点) of the week it reviews; each office holds the three kinds of customer platform in the month. Only what is due is judged: a week once it has ended, the month once it has."
	)


def get_data(filters: Filters) -> list[dict]:
	"""One row per office the reader sees (filters validated: year, month, from_date, to_date): what was due
	and done per action, the compliance rate and the gaps in words."""
	settings = get_settings()
	cfg = calendar_config()
	as_of = getdate(today())
	weeks = week_ranges(filters.year, filters.month, cfg)
	due = due_weeks(weeks, as_of)
	month_due = filters.to_date < as_of
	plan = month_plan(filters)
	offices = [office for office, _month in plan]
	supervisors = key_supervisors(offices, filters)
	names = {s.name: s.employee_name for people in supervisors.values() for s in people}
	interviews = target_interviews(filters, list(names))
	visits, reviewed = accompanied_visits(filters, list(names))
	inventories = customer_inventories(filters, offices)
	data = []
	for (office, _month), campaigns in plan.items():
		result = office_compliance(
			{
				s.name: {"interviews": interviews.get(s.name, 0), "visits": visits.get(s.name, {})}
				for s in supervisors.get(office, [])
			},
			inventories.get(office, set()),
			[c.kind for c in campaigns],
			due,
			[week for week in inventory_weeks(cfg) if week in due],
			month_due,
			settings.target_interviews_per_supervisor,
			settings.accompanied_visits_per_supervisor_week,
		)
		people = [s.name for s in supervisors.get(office, [])]
		data.append(
			{
				"office": office,
				"supervisors": len(people),
				**{key: value for key, value in result.items() if key != "gaps"},
				"visits": sum(sum(visits.get(s, {}).values()) for s in people),
				"visits_reviewed": sum(reviewed.get(s, 0) for s in people),
				"compliance": compliance_rate(result["met"], result["due"]),
				"gaps": "; ".join(gap_text(gap, names, weeks, settings) for gap in result["gaps"]),
				"gap_count": len(result["gaps"]),
			}
		)
	return data


def gap_text(gap: tuple, names: dict, weeks: dict, settings) -> str:
	"""A gap of rules.management_actions in the reader's words."""
	kind, subject, week = gap
	span = f"{weeks[week][0].day}-{weeks[week][1].day}" if week else ""
	who = names.get(subject) or subject
	if kind == NO_TARGET_INTERVIEW:
		return _("{0}: no target interview this month").format(who)
	if kind == FEW_ACCOMPANIED_VISITS:
		if settings.accompanied_visits_per_supervisor_week > 1:
			return _("{0}: fewer than {1} accompanied visits in week {2}").format(
				who, settings.accompanied_visits_per_supervisor_week, span
			)
		return _("{0}: no accompanied visit in week {1}").format(who, span)
	if kind == NO_CUSTOMER_INVENTORY:
		return _("no customer inventory for week {0}").format(span)
	if kind == NO_PLATFORM:
		return _("no {0} this month").format(_(subject))
	return kind


def key_supervisors(offices: list[str], filters: Filters) -> dict[str, list]:
	"""{office: its key supervisors (dicts: name, employee_name), by name}: the office's active Employees,
	its head apart, who head a team or hold a supervisor's role (org.supervisors_and_above), and only those
	whose Agent Logs the reader reads."""
	office_of_department = office_by_department()
	departments = [d for d, office in office_of_department.items() if office in offices]
	if not departments:
		return {}
	employee = DocType("Employee")
	query = (
		frappe.qb.from_(employee)
		.select(employee.name, employee.employee_name, employee.user_id, employee.department)
		.where(
			employee.department.isin(departments)
			& (employee.status == "Active")
			& (employee.date_of_joining <= filters.to_date)
		)
		.orderby(employee.name)
	)
	query = where_allowed(query, "Agent Log", table=employee, columns={"agent": employee.name})
	if query is None:
		return {}
	found: dict[str, list] = {}
	heads = {office: unit_manager(office) for office in offices}
	for person in supervisors_and_above(query.run(as_dict=True)):
		office = office_of_department.get(person.department)
		if person.name != heads.get(office):
			found.setdefault(office, []).append(person)
	return found


def supervisors_logs(filters: Filters, supervisors: list[str]):
	"""The reader's query over the month's Agent Logs of `supervisors`, not cancelled (None: nothing to read)."""
	if not supervisors:
		return None
	query = frappe.qb.from_(LOG).where(
		LOG.agent.isin(supervisors) & LOG.log_date[filters.from_date : filters.to_date] & (LOG.docstatus < 2)
	)
	return where_allowed(query, "Agent Log", table=LOG)


def target_interviews(filters: Filters, supervisors: list[str]) -> dict[str, int]:
	"""Target interviews (目标面谈) recorded per supervisor in the month: {supervisor: n}, the logs with an
	income target and the path to it."""
	query = supervisors_logs(filters, supervisors)
	if query is None:
		return {}
	query = (
		query.select(LOG.agent, Count("*").as_("interviews"))
		.where((LOG.income_target > 0) & (Coalesce(LOG.target_path, "") != ""))
		.groupby(LOG.agent)
	)
	return {r.agent: int(r.interviews) for r in query.run(as_dict=True)}


def accompanied_visits(filters: Filters, supervisors: list[str]) -> tuple[dict, dict]:
	"""Accompanied visits (陪访) per supervisor and business week: ({supervisor: {week: n}}, {supervisor:
	reviewed n}), a log whose coaching is an Accompanied Visit counting once."""
	query = supervisors_logs(filters, supervisors)
	if query is None:
		return {}, {}
	week = business_week_of(LOG.log_date)
	is_reviewed = Case().when(LOG.review_status == REVIEWED, 1).else_(0)
	query = (
		query.select(LOG.agent, week.as_("week"), Count("*").as_("visits"), Sum(is_reviewed).as_("reviewed"))
		.where(accompanied_visit(LOG))
		.groupby(LOG.agent, week)
	)
	visits: dict[str, dict[int, int]] = {}
	reviewed: dict[str, int] = {}
	for r in query.run(as_dict=True):
		visits.setdefault(r.agent, {})[int(r.week)] = int(r.visits)
		reviewed[r.agent] = reviewed.get(r.agent, 0) + int(r.reviewed or 0)
	return visits, reviewed


def customer_inventories(filters: Filters, offices: list[str]) -> dict[str, set[int]]:
	"""{office: the business weeks whose customer inventory (客户盘点) was taken}: the office's weekly review
	Meeting Sessions of the month held with their KPI snapshot, by the week each reviews."""
	if not offices:
		return {}
	session, meeting_type = DocType("Meeting Session"), DocType("Meeting Type")
	query = (
		frappe.qb.from_(session)
		.join(meeting_type)
		.on(session.meeting_type == meeting_type.name)
		.select(session.office, session.business_week)
		.where(
			session.office.isin(offices)
			& (meeting_type.schedule_rule == WEEKLY_REVIEW_RULE)
			& (session.status == HELD)
			& session.kpi_snapshot_taken_on.isnotnull()
			& session.scheduled_date[filters.from_date : filters.to_date]
		)
		.groupby(session.office, session.business_week)
	)
	query = where_allowed(query, "Meeting Session", table=session)
	if query is None:
		return {}
	found: dict[str, set[int]] = {}
	for r in query.run(as_dict=True):
		found.setdefault(r.office, set()).add(int(r.business_week or 0))
	return found


def get_columns() -> list[dict]:
	def column(fieldname, label, fieldtype="Int", width=110):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}

	return [
		column("office", _("Office", context="Department"), "Data", 170),
		column("supervisors", _("Key Supervisors")),
		column("interviews_met", _("Target Interviews Held")),
		column("interviews_due", _("Target Interviews Due")),
		column("visits", _("Accompanied Visits")),
		column("visits_reviewed", _("Accompanied Visits Reviewed")),
		column("visit_weeks_met", _("Supervisor Weeks with Visits")),
		column("visit_weeks_due", _("Supervisor Weeks Due")),
		column("inventories_met", _("Customer Inventories Taken")),
		column("inventories_due", _("Customer Inventories Due")),
		column("platforms_met", _("Platform Kinds Held")),
		column("platforms_due", _("Platform Kinds Due")),
		column("met", _("Actions Met")),
		column("due", _("Actions Due")),
		column("compliance", _("Compliance"), "Percent"),
		column("gaps", _("Gaps"), "Data", 420),
	]


def get_chart_data(data: list[dict]) -> dict:
	return {
		"data": {
			"labels": [row["office"] for row in data],
			"datasets": [{"name": _("Compliance"), "values": [row["compliance"] or 0 for row in data]}],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
	}


def get_report_summary(data: list[dict]) -> list[dict]:
	met, due = sum(row["met"] for row in data), sum(row["due"] for row in data)
	rate = compliance_rate(met, due)
	gaps = sum(row["gap_count"] for row in data)
	return [
		{"value": len(data), "label": _("Offices"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": rate if rate is not None else _("Nothing to measure"),
			"label": _("Compliance"),
			"datatype": "Percent" if rate is not None else "Data",
			"indicator": "Blue",
		},
		{"value": gaps, "label": _("Gaps"), "datatype": "Int", "indicator": "Orange" if gaps else "Green"},
	]
