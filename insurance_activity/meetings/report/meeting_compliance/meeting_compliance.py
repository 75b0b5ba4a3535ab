# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Meeting Compliance (二会合规): per office and month, were the two meetings held on the right day and on
time, long enough, with the supervisors there, and did they pass the quality check. Coverage (覆盖率, the
rule is 100%) counts an office only when it held every rule meeting of the month (the 8th, 15th, 22nd and
the planning meeting); a meeting is fully compliant only with full attendance and the full record (the
definitions are in rules.meeting_sessions).

Meeting Sessions are read with frappe.get_list, so the meeting permissions apply; the offices listed are
those the user reads in full (all of them for an admin), so an office without meetings still shows.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import cint, flt, getdate, nowdate

from insurance_activity.meetings.people import offices_read_by
from insurance_activity.meetings.schedule import RULE_KINDS, month_range, offices_meeting_dates
from insurance_activity.org import all_offices, offices_under
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.report_filters import read_filters
from insurance_activity.rules.business_calendar import allowed_dates
from insurance_activity.rules.meeting_sessions import (
	OfficeCompliance,
	SessionFacts,
	coverage,
	office_compliance,
)
from insurance_activity.settings import get_settings

Filters = frappe._dict

SESSION_FIELDS = [
	"name",
	"office",
	"status",
	"held_on_right_day",
	"started_on_time",
	"long_enough",
	"attendees_expected",
	"attendees_present",
	"quality_check_complete",
	"quality_score",
	"quality_passed",
	"rule_date",
	"sections_filled",
]


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	validate_filters(filters)

	offices = get_offices(filters)
	sessions = get_sessions(filters, offices)
	sections = agenda_sections(sessions)
	rows = office_compliance(
		offices,
		[session_facts(s, sections.get(s.name, 0)) for s in sessions],
		rule_dates(filters, offices),
		attendance_share(),
	)

	return get_columns(), [to_row(row) for row in rows], definitions(), None, get_report_summary(rows)


def definitions() -> str:
	"""What the figures mean, shown above the table (the rules core's definitions, in the business's words)."""
	return _(
		"Coverage (覆盖率) = offices that held every rule meeting of the month that is due (the weekly reviews of the 8th, 15th and 22nd and the monthly planning meeting, once their last allowed day is past) / offices. Fully compliant = held on the right day, started on time, longer than the minimum, attended by every supervisor and above expected (the share is a setting) and recorded in full (every agenda section filled in). — means nothing to measure."
	)


def validate_filters(filters: Filters) -> None:
	filters.month, filters.year = cint(filters.month), cint(filters.year)
	if not (1 <= filters.month <= 12 and filters.year):
		frappe.throw(_("Please set the Month and the Year."))
	filters.from_date, filters.to_date = month_range(filters.year, filters.month)


def get_offices(filters: Filters) -> list[str]:
	"""The offices the user reads in full, narrowed to an office or a branch when the filter names one."""
	user = frappe.session.user
	offices = all_offices() if sees_all_units(user) else offices_read_by(user)
	if filters.office:
		under = set(offices_under(filters.office))
		offices = [office for office in offices if office in under]
	return offices


def get_sessions(filters: Filters, offices: list[str]) -> list[dict]:
	if not offices:
		return []
	conditions = {
		"office": ("in", offices),
		"scheduled_date": ("between", [filters.from_date, filters.to_date]),
	}
	if filters.meeting_type:
		conditions["meeting_type"] = filters.meeting_type
	return frappe.get_list(
		"Meeting Session",
		filters=conditions,
		fields=SESSION_FIELDS,
		order_by="scheduled_date",
		limit_page_length=0,
	)


def attendance_share() -> float:
	"""The attendance a fully compliant meeting needs, 0..1 (the setting; every supervisor, 100%, until set)."""
	share = get_settings().compliant_attendance_share
	return (100 if share is None else flt(share)) / 100


def rule_dates(filters: Filters, offices: list[str]) -> dict[str, list]:
	"""Each office's rule meetings of the month that are due (their last allowed day is past), by rule date,
	of the filtered meeting type's rule only: a meeting still to come cannot have been missed yet."""
	kinds = set(RULE_KINDS.values())
	if filters.meeting_type:
		rule = frappe.get_cached_value("Meeting Type", filters.meeting_type, "schedule_rule")
		kinds = {RULE_KINDS[rule]} if rule in RULE_KINDS else set()
	if not kinds:
		return {}
	today = getdate(nowdate())
	return {
		office: [m.nominal for m in meetings if m.kind in kinds and allowed_dates(m)[1] < today]
		for office, meetings in offices_meeting_dates(offices, filters.year, filters.month).items()
	}


def agenda_sections(sessions: list[dict]) -> dict[str, int]:
	"""Agenda sections of each session's minutes, counted in the database."""
	if not sessions:
		return {}
	section = frappe.qb.DocType("Meeting Agenda Section")
	rows = (
		frappe.qb.from_(section)
		.select(section.parent, Count("*"))
		.where(section.parenttype == "Meeting Session")
		.where(section.parent.isin([s.name for s in sessions]))
		.groupby(section.parent)
		.run()
	)
	return dict(rows)


def session_facts(session: dict, sections_total: int = 0) -> SessionFacts:
	return SessionFacts(
		office=session.office,
		held=session.status == "Held",
		not_held=session.status == "Not Held",
		on_right_day=bool(session.held_on_right_day),
		started_on_time=bool(session.started_on_time),
		long_enough=bool(session.long_enough),
		attendees_expected=session.attendees_expected or 0,
		attendees_present=session.attendees_present or 0,
		quality_checked=bool(session.quality_check_complete),
		quality_score=session.quality_score,
		quality_passed=bool(session.quality_passed),
		rule_date=getdate(session.rule_date) if session.rule_date else None,
		sections_total=sections_total,
		sections_filled=session.sections_filled or 0,
	)


def percent(ratio: float | None) -> float | None:
	return None if ratio is None else round(100 * ratio, 1)


def to_row(row: OfficeCompliance) -> dict:
	return {
		"office": row.office,
		"scheduled": row.scheduled,
		"held": row.held,
		"not_held": row.not_held,
		"on_right_day": row.on_right_day,
		"started_on_time": row.started_on_time,
		"long_enough": row.long_enough,
		"compliant": row.compliant,
		"attendance_rate": percent(row.attendance_rate),
		"quality_checked": row.quality_checked,
		"average_score": None if row.average_score is None else round(row.average_score, 1),
		"pass_rate": percent(row.pass_rate),
		"held_none": int(row.held_none),
		"rule_meetings": row.rule_meetings,
		"rule_meetings_held": row.rule_meetings_held,
		"covered": int(row.covered),
	}


def get_columns() -> list[dict]:
	def column(label, fieldname, fieldtype="Int", width=110, **extra):
		return {"label": label, "fieldname": fieldname, "fieldtype": fieldtype, "width": width, **extra}

	return [
		column(_("Office", context="Department"), "office", "Link", 200, options="Department"),
		column(_("Rule Meetings"), "rule_meetings"),
		column(_("Rule Meetings Held"), "rule_meetings_held", width=140),
		column(_("Covered"), "covered", "Check", 90),
		column(_("Meetings"), "scheduled"),
		column(_("Held"), "held"),
		column(_("Not Held"), "not_held"),
		column(_("On the Right Day"), "on_right_day", width=130),
		column(_("Started On Time"), "started_on_time", width=130),
		column(_("Long Enough"), "long_enough"),
		column(_("Fully Compliant"), "compliant", width=130),
		column(_("Supervisors' Attendance"), "attendance_rate", "Percent", 170),
		column(_("Quality Checked"), "quality_checked", width=130),
		column(_("Average Energy Score"), "average_score", "Float", 160),
		column(_("Pass Rate"), "pass_rate", "Percent"),
		column(_("Held No Meeting"), "held_none", "Check", 140),
	]


def nothing_to_measure(label: str) -> dict:
	"""A summary figure whose base is 0: say so, never 0% in red."""
	return {"value": _("Nothing to measure"), "label": label, "datatype": "Data", "indicator": "Grey"}


def get_report_summary(rows: list[OfficeCompliance]) -> list[dict]:
	share = coverage(rows)
	held = sum(row.rule_meetings_held for row in rows)
	required = sum(row.rule_meetings for row in rows)
	checked = sum(row.quality_checked for row in rows)
	passed = sum(row.quality_passed for row in rows)
	coverage_label = _("Coverage (offices that held every rule meeting)")
	pass_label = _("Quality Pass Rate")
	return [
		{"value": len(rows), "label": _("Offices"), "datatype": "Int", "indicator": "Blue"},
		nothing_to_measure(coverage_label)
		if share is None
		else {
			"value": percent(share),
			"label": coverage_label,
			"datatype": "Percent",
			"indicator": "Green" if share == 1 else "Red",
		},
		{
			"value": f"{held} / {required}",
			"label": _("Rule Meetings Held"),
			"datatype": "Data",
			"indicator": "Grey" if not required else "Green" if held == required else "Orange",
		},
		nothing_to_measure(pass_label)
		if not checked
		else {
			"value": percent(passed / checked),
			"label": pass_label,
			"datatype": "Percent",
			"indicator": "Green" if passed == checked else "Orange",
		},
	]
