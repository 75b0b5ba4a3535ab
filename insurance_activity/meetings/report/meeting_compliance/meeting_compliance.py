# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Meeting Compliance (二会合规): per office and month, were the two meetings held on the right day and on
time, long enough, with the supervisors there, and did they pass the quality check; and which offices
held no meeting at all (the rule is 100% coverage).

Meeting Sessions are read with frappe.get_list, so the meeting permissions apply; the offices listed are
those the user reads in full (all of them for an admin), so an office without meetings still shows.
"""

import frappe
from frappe import _
from frappe.utils import cint

from insurance_activity.meetings.people import all_offices, offices_read_by, offices_under
from insurance_activity.meetings.schedule import month_range
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.rules.meeting_sessions import (
	OfficeCompliance,
	SessionFacts,
	coverage,
	office_compliance,
)

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
]


def execute(filters: Filters | None = None) -> tuple:
	filters = Filters(filters or {})
	validate_filters(filters)

	offices = get_offices(filters)
	sessions = get_sessions(filters, offices)
	rows = office_compliance(offices, [session_facts(s) for s in sessions])

	return get_columns(), [to_row(row) for row in rows], None, None, get_report_summary(rows)


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


def session_facts(session: dict) -> SessionFacts:
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
	}


def get_columns() -> list[dict]:
	def column(label, fieldname, fieldtype="Int", width=110, **extra):
		return {"label": label, "fieldname": fieldname, "fieldtype": fieldtype, "width": width, **extra}

	return [
		column(_("Office"), "office", "Link", 200, options="Department"),
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


def get_report_summary(rows: list[OfficeCompliance]) -> list[dict]:
	share = coverage(rows)
	held = sum(row.held for row in rows)
	scheduled = sum(row.scheduled for row in rows)
	checked = sum(row.quality_checked for row in rows)
	passed = sum(round((row.pass_rate or 0) * row.quality_checked) for row in rows)
	return [
		{"value": len(rows), "label": _("Offices"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": percent(share) or 0,
			"label": _("Coverage (offices that held a meeting)"),
			"datatype": "Percent",
			"indicator": "Green" if share == 1 else "Red",
		},
		{
			"value": f"{held} / {scheduled}",
			"label": _("Meetings Held"),
			"datatype": "Data",
			"indicator": "Green" if held == scheduled else "Orange",
		},
		{
			"value": percent(passed / checked if checked else None) or 0,
			"label": _("Quality Pass Rate"),
			"datatype": "Percent",
			"indicator": "Green" if checked and passed == checked else "Orange",
		},
	]
