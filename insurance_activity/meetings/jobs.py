"""Scheduled jobs of the two meetings: create the coming meetings, remind the day before, flag the missed.

Each is idempotent: run twice, the second run changes nothing.
"""

import frappe
from frappe import _
from frappe.utils import add_days, add_months, escape_html, formatdate, getdate, today

from insurance_activity.daily_jobs import run_daily
from insurance_activity.meetings.schedule import RULE_KINDS, office_meeting_dates
from insurance_activity.notifications import notify
from insurance_activity.org import all_offices, user_of_employee
from insurance_activity.rules.business_calendar import allowed_dates
from insurance_activity.settings import get_settings

MEETING_SESSION = "Meeting Session"


def create_coming_meetings(day=None, offices: list[str] | None = None) -> dict:
	"""Hourly: once a day from midnight (daily_jobs.run_daily), every office's coming rule meetings.
	day or offices: create them now, as on `day` (default today)."""
	if day or offices:
		return create_meetings_from(getdate(day or today()), offices)
	return run_daily("meetings.create_coming_meetings", 0, create_meetings_from)


def create_meetings_from(start, offices: list[str] | None = None) -> dict:
	"""Every office's rule meetings from `start` to the end of the month `meeting_months_ahead` on.

	A meeting whose right days are already over is not created; one that exists (same office, type and
	rule date) is left alone, even if its host moved it.
	"""
	start = getdate(start)
	months_ahead = get_settings().meeting_months_ahead or 0
	types = frappe.get_all(
		"Meeting Type",
		filters={"enabled": 1, "schedule_rule": ("in", list(RULE_KINDS))},
		fields=["name", "schedule_rule"],
		order_by="name",
	)
	created = []
	for office in offices or all_offices():
		for offset in range(months_ahead + 1):
			month = getdate(add_months(start, offset))
			meetings, _notes = office_meeting_dates(office, month.year, month.month)
			for meeting_type in types:
				kind = RULE_KINDS[meeting_type.schedule_rule]
				for meeting in meetings:
					if meeting.kind != kind or allowed_dates(meeting)[1] < start:
						continue
					name = ensure_session(office, meeting_type.name, meeting)
					if name:
						created.append(name)
	return {"created": len(created)}


def ensure_session(office: str, meeting_type: str, meeting) -> str | None:
	"""Create the session of a rule meeting unless it exists; returns the new session's name."""
	if frappe.db.exists(
		MEETING_SESSION, {"office": office, "meeting_type": meeting_type, "rule_date": meeting.nominal}
	):
		return None
	return new_session(office, meeting_type, meeting).name


def new_session(office: str, meeting_type: str, meeting, **values):
	"""Insert the Meeting Session of `office`'s rule meeting `meeting` (its nominal rule date and the
	scheduled date, moved earlier on a holiday), with any further field `values`; returns the document."""
	session = frappe.get_doc(
		{
			"doctype": MEETING_SESSION,
			"office": office,
			"meeting_type": meeting_type,
			"rule_date": meeting.nominal,
			"scheduled_date": meeting.scheduled,
			**values,
		}
	)
	session.insert(ignore_permissions=True)
	return session


def remind_tomorrows_meetings(force: bool = False, day=None) -> dict:
	"""Hourly: once a day, at or after the meeting reminder hour (daily_jobs.run_daily), remind the host
	and attendees of tomorrow's meetings. A missed day is not caught up: its meetings are today's, and
	their people were reminded the day before that. force or day: remind now, as on `day`."""
	if force or day:
		return remind_meetings_after(getdate(day or today()))
	hour = get_settings().meeting_reminder_hour
	return run_daily("meetings.remind_tomorrows_meetings", hour, remind_meetings_after, catch_up_days=0)


def remind_meetings_after(day) -> dict:
	"""Remind the host and attendees of the meetings on the day after `day`, once each."""
	tomorrow = add_days(getdate(day), 1)
	sessions = frappe.get_all(
		MEETING_SESSION,
		filters={"scheduled_date": tomorrow, "status": "Scheduled"},
		fields=["name", "title", "host", "planned_start"],
	)
	sent = 0
	for session in sessions:
		users = {user_of_employee(session.host)} if session.host else set()
		users |= set(
			frappe.get_all(
				"Meeting Attendee",
				filters={"parent": session.name, "parenttype": MEETING_SESSION},
				pluck="user",
			)
		)

		def body(session=session):
			return _("{0} on {1} at {2}").format(
				escape_html(session.title),
				formatdate(tomorrow),
				str(session.planned_start)[:5] if session.planned_start else _("a time the host will set"),
			)

		def subject(session=session):
			return _("Meeting tomorrow: {0}").format(session.title)

		for user in sorted(u for u in users if u):
			sent += notify(user, MEETING_SESSION, session.name, subject, body, once=True)
	return {"meetings": len(sessions), "notified": sent}


def flag_meetings_not_held(day=None) -> dict:
	"""Hourly: once a day from midnight (daily_jobs.run_daily), flag the meetings not held. day: as on `day`."""
	if day:
		return flag_not_held_on(getdate(day))
	return run_daily("meetings.flag_meetings_not_held", 0, flag_not_held_on)


def flag_not_held_on(day) -> dict:
	"""A meeting still not opened after the last day the rule allows is Not Held; the host is told."""
	day = getdate(day)
	sessions = frappe.get_all(
		MEETING_SESSION,
		filters={"status": "Scheduled", "latest_allowed_date": ("<", day), "actual_start": ("is", "not set")},
		fields=["name", "title", "host", "latest_allowed_date"],
	)
	for session in sessions:
		frappe.db.set_value(MEETING_SESSION, session.name, "status", "Not Held")

		def message(session=session):
			return _("Not held by {0}, the last day the rule allows.").format(
				formatdate(session.latest_allowed_date)
			)

		def subject(session=session):
			return _("Meeting not held: {0}").format(session.title)

		frappe.get_doc(MEETING_SESSION, session.name).add_comment("Info", message())
		host_user = user_of_employee(session.host) if session.host else None
		if host_user:
			notify(host_user, MEETING_SESSION, session.name, subject, message, once=True)
	return {"flagged": len(sessions)}
