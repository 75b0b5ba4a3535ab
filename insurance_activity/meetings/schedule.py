"""When an office's meetings are held: the settings and the office's working days, through the rules core.

The office's working days are its manager's (working_days.office_days_off: the Employee's list, else the
company's, else the yearly lists of Insurance Activity Settings); an office without a manager uses its
company's.
"""

import calendar
from datetime import date

import frappe
from frappe import _
from frappe.utils import formatdate, getdate

from insurance_activity import working_days
from insurance_activity.rules.business_calendar import (
	MONTHLY_PLANNING,
	WEEKLY_REVIEW,
	CalendarConfig,
	MeetingDate,
	allowed_dates,
	business_week,
	meeting_dates,
	reviewed_week,
	week_theme,
)
from insurance_activity.settings import get_settings

# The themes of the four business weeks (经营周), as the session's Theme field names them.
THEMES = (
	"Supervisor Leading Week",  # 主管领跑周
	"Supervisor Coaching Week",  # 主管辅导周
	"Recruiting Review Week",  # 招募检视周
	"Month-end Sprint Week",  # 月末冲刺周
)
WEEKLY_REVIEW_RULE = "Weekly Review Days"
PLANNING_RULE = "Monthly Planning Window"
RULE_KINDS = {WEEKLY_REVIEW_RULE: WEEKLY_REVIEW, PLANNING_RULE: MONTHLY_PLANNING}


def calendar_config() -> CalendarConfig:
	"""The business weeks and meeting days from Insurance Activity Settings."""
	settings = get_settings()
	try:
		return CalendarConfig(
			week_starts=(settings.week_2_start_day, settings.week_3_start_day, settings.week_4_start_day),
			weekly_review_days=(
				settings.weekly_review_day_1,
				settings.weekly_review_day_2,
				settings.weekly_review_day_3,
			),
			planning_from_day=settings.planning_meeting_from_day,
			week_themes=THEMES,
		)
	except ValueError as error:
		frappe.throw(_("The meeting days in Insurance Activity Settings are not valid: {0}").format(error))


def month_range(year: int, month: int) -> tuple[date, date]:
	return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def office_meeting_dates(office: str, year: int, month: int) -> tuple[list[MeetingDate], list[str]]:
	"""The month's meetings of an office by the rule, and notes about the Holiday Lists they rest on."""
	first, last = month_range(year, month)
	off = working_days.office_days_off(office, first, last)
	note = working_days.uncovered_note(off)
	return meeting_dates(year, month, set(off.days), calendar_config()), [note] if note else []


def offices_meeting_dates(offices: list[str], year: int, month: int) -> dict[str, list[MeetingDate]]:
	"""The month's meetings by the rule of many offices: {office: [MeetingDate]}, as office_meeting_dates
	gives each (without the notes), their Holiday Lists read at once (working_days.offices_days_off)."""
	first, last = month_range(year, month)
	cfg = calendar_config()
	return {
		office: meeting_dates(year, month, set(off.days), cfg)
		for office, off in working_days.offices_days_off(offices, first, last).items()
	}


def rule_meeting(office: str, kind: str, rule_date: date | None, scheduled_date: date | None):
	"""The rule's meeting of this kind that a session stands for, with the Holiday List notes.

	By its rule date when known; else the first meeting of the month whose right days reach the
	scheduled date (a review on the 7th stands for the review of the 8th).
	"""
	day = getdate(rule_date or scheduled_date)
	meetings, notes = office_meeting_dates(office, day.year, day.month)
	meetings = [m for m in meetings if m.kind == kind]
	if rule_date:
		matching = [m for m in meetings if m.nominal == getdate(rule_date)]
	else:
		matching = [m for m in meetings if allowed_dates(m)[1] >= day] or meetings[-1:]
	return (matching[0] if matching else None), notes


def describe(meeting: MeetingDate, notes: list[str]) -> str:
	lines = list(notes)
	if meeting.needs_manual_date:
		lines.append(_("No working day where the rule allows one: choose the date by hand."))
	elif meeting.moved:
		lines.append(
			_("Moved earlier from {0} for a holiday.").format(formatdate(meeting.nominal))
			if meeting.kind == WEEKLY_REVIEW
			else _("The planning window is all holidays: moved earlier.")
		)
	return "\n".join(lines)


def theme_of(meeting: MeetingDate) -> tuple[int, str]:
	"""(business week reviewed, theme) of a meeting."""
	cfg = calendar_config()
	week = reviewed_week(meeting, cfg)
	return week, week_theme(week, cfg)


def theme_of_date(day: date) -> tuple[int, str]:
	"""For a meeting outside the rule: the business week of its date and that week's theme."""
	cfg = calendar_config()
	week = business_week(getdate(day), cfg)
	return week, week_theme(week, cfg)
