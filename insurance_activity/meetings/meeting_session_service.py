"""What a Meeting Session does on save: the shell that reads records, calls the rules core and writes results."""

import frappe
from frappe import _
from frappe.utils import formatdate, get_datetime, getdate, now_datetime, strip_html

from insurance_activity.configuration.doctype.insurance_activity_settings.insurance_activity_settings import (
	get_settings,
)
from insurance_activity.meetings import action_items, kpi_snapshot, schedule
from insurance_activity.meetings.people import OFFICE, office_attendees, office_host
from insurance_activity.org import employee_of_user
from insurance_activity.rules import business_calendar as cal
from insurance_activity.rules import meeting_quality as quality
from insurance_activity.rules import meeting_sessions as sessions

SCHEDULED, IN_PROGRESS, HELD, NOT_HELD = "Scheduled", "In Progress", "Held", "Not Held"
START_STATUS = {
	cal.START_OK: "On Time",
	cal.START_WARNING: "After the Preferred Start",
	cal.START_TOO_LATE: "Too Late",
}
PRE_SCORE_WEIGHT_FIELDS = {factor: f"{factor}_weight" for factor in quality.PRE_SCORE_FACTORS}


# ---------------------------------------------------------------- header and schedule
def fill_header(doc) -> None:
	if not doc.office:
		return
	level, company = frappe.get_cached_value("Department", doc.office, ["ia_unit_level", "company"])
	if level != OFFICE:
		frappe.throw(_("{0} is not a sales office: meetings are held by offices.").format(doc.office))
	doc.company = company
	if not doc.host:
		doc.host = office_host(doc.office)
	if not doc.meeting_template and doc.meeting_type:
		doc.meeting_template = frappe.get_cached_value("Meeting Type", doc.meeting_type, "meeting_template")
	if not doc.quality_rubric:
		doc.quality_rubric = rubric_for(doc.meeting_type)


def set_title(doc) -> None:
	"""Date first, then the meeting type, then the office: a phone's list cuts a title at its end, and the
	date is what tells two meetings of an office apart."""
	office_name = frappe.get_cached_value("Department", doc.office, "department_name")
	doc.title = f"{formatdate(doc.scheduled_date)} {_(doc.meeting_type)} · {office_name}"


def rubric_for(meeting_type: str | None) -> str | None:
	"""The meeting type's rubric, else the default one."""
	rubric = meeting_type and frappe.get_cached_value("Meeting Type", meeting_type, "quality_rubric")
	return rubric or frappe.db.get_value("Quality Rubric", {"is_default": 1, "enabled": 1}, "name")


def apply_schedule_rule(doc) -> None:
	"""Which of the rule's meetings this session is, and on which days it counts as held on time.

	Worked out when the session is made or its office, type or rule date changes, so that a later edit
	of the Holiday List never rewrites what was scheduled.
	"""
	if not (doc.office and doc.meeting_type) or not (doc.scheduled_date or doc.rule_date):
		return
	kind = schedule.RULE_KINDS.get(frappe.get_cached_value("Meeting Type", doc.meeting_type, "schedule_rule"))
	unchanged = not (doc.has_value_changed("office") or doc.has_value_changed("meeting_type"))
	if kind and not doc.is_new() and unchanged and doc.earliest_allowed_date:
		return
	meeting, notes = (
		schedule.rule_meeting(doc.office, kind, doc.rule_date, doc.scheduled_date) if kind else (None, [])
	)
	if not meeting:
		day = getdate(doc.scheduled_date)
		doc.rule_date = None
		doc.earliest_allowed_date = doc.latest_allowed_date = day
		doc.moved_for_holiday = 0
		doc.business_week, doc.theme = schedule.theme_of_date(day)
		doc.schedule_note = ""
		return
	doc.rule_date = meeting.nominal
	doc.earliest_allowed_date, doc.latest_allowed_date = cal.allowed_dates(meeting)
	if not doc.scheduled_date:
		doc.scheduled_date = meeting.scheduled
	doc.moved_for_holiday = int(meeting.moved)
	doc.business_week, doc.theme = schedule.theme_of(meeting)
	doc.schedule_note = schedule.describe(meeting, notes)


def validate_scheduled_date(doc) -> None:
	"""A meeting may move earlier, never later than the rule allows."""
	if doc.latest_allowed_date and getdate(doc.scheduled_date) > getdate(doc.latest_allowed_date):
		frappe.throw(
			_(
				"A meeting may move earlier, never later: {0} is after {1}, the last day the rule allows."
			).format(formatdate(doc.scheduled_date), formatdate(doc.latest_allowed_date)),
			title=_("Too Late"),
		)


def validate_one_session_per_rule_date(doc) -> None:
	if not doc.rule_date:
		return
	existing = frappe.db.get_value(
		"Meeting Session",
		{
			"office": doc.office,
			"meeting_type": doc.meeting_type,
			"rule_date": doc.rule_date,
			"name": ("!=", doc.name or ""),
		},
	)
	if existing:
		frappe.throw(
			_("This office's {0} for {1} already exists: {2}. Open it instead of making another.").format(
				_(doc.meeting_type), formatdate(doc.rule_date), existing
			)
		)


def check_planned_start(doc) -> None:
	"""Start no later than the latest start (17:00); after the preferred start (12:00) is a warning."""
	if not doc.planned_start:
		doc.start_time_status = ""
		return
	verdict = start_verdict(get_datetime(f"2000-01-01 {doc.planned_start}").time())
	if verdict == cal.START_TOO_LATE:
		frappe.throw(
			_("A meeting must start no later than {0}.").format(str(get_settings().latest_meeting_start)[:5]),
			title=_("Too Late"),
		)
	if verdict == cal.START_WARNING and doc.has_value_changed("planned_start"):
		frappe.msgprint(
			_("Best start before {0}: the morning keeps the day for activity.").format(
				str(get_settings().preferred_meeting_start_before)[:5]
			),
			indicator="orange",
			alert=True,
		)
	doc.start_time_status = START_STATUS[verdict]


def start_verdict(start) -> str:
	settings = get_settings()
	return cal.start_time_check(
		start,
		get_datetime(f"2000-01-01 {settings.latest_meeting_start}").time(),
		get_datetime(f"2000-01-01 {settings.preferred_meeting_start_before}").time(),
	)


# ---------------------------------------------------------------- people, agenda and what happened
def fill_attendees(doc) -> None:
	"""Until the meeting opens, every supervisor and above in the office is on the list (none removed)."""
	if doc.status != SCHEDULED or doc.actual_start or not doc.office:
		return
	listed = {row.employee for row in doc.attendees}
	for employee in office_attendees(doc.office):
		if employee.name not in listed:
			doc.append(
				"attendees",
				{
					"employee": employee.name,
					"employee_name": employee.employee_name,
					"user": employee.user_id,
				},
			)


def fill_agenda(doc) -> None:
	"""The agenda sections of the template, once, for the host to fill in."""
	if doc.agenda or not doc.meeting_template:
		return
	template = frappe.get_cached_doc("Meeting Template", doc.meeting_template)
	for section in template.sections:
		doc.append(
			"agenda",
			{
				"section_title": section.section_title,
				"is_check_step": section.is_check_step,
				"guidance": section.guidance,
			},
		)


def compute_timing(doc) -> None:
	doc.duration_minutes = 0
	doc.long_enough = doc.held_on_right_day = doc.started_on_time = 0
	if not doc.actual_start:
		return
	start = get_datetime(doc.actual_start)
	doc.started_on_time = int(start_verdict(start.time()) != cal.START_TOO_LATE)
	allowed = (
		getdate(doc.earliest_allowed_date or doc.scheduled_date),
		getdate(doc.latest_allowed_date or doc.scheduled_date),
	)
	doc.held_on_right_day = int(sessions.held_on_right_day(start.date(), allowed))
	if not doc.actual_end:
		return
	end = get_datetime(doc.actual_end)
	if end < start:
		frappe.throw(_("The meeting cannot end before it starts."))
	doc.duration_minutes = round(cal.duration_minutes(start, end), 1)
	doc.long_enough = int(cal.duration_counts(start, end, get_settings().meeting_minimum_minutes))


def compute_status(doc) -> None:
	if doc.actual_end and not doc.actual_start:
		frappe.throw(_("Record the actual start before the end."))
	if doc.actual_end:
		doc.status = HELD
	elif doc.actual_start:
		doc.status = IN_PROGRESS
	elif doc.status != NOT_HELD:
		doc.status = SCHEDULED


def compute_attendance(doc) -> None:
	attendance = sessions.count_attendance(row.attendance for row in doc.attendees)
	doc.attendees_expected = attendance.expected
	doc.attendees_present = attendance.present
	doc.attendees_on_site = attendance.on_site
	doc.attendance_rate = round(100 * attendance.rate, 1)


def section_filled(section) -> bool:
	return bool(strip_html(section.notes or "").strip())


def compute_agenda(doc) -> None:
	doc.sections_filled = sum(1 for section in doc.agenda if section_filled(section))
	share = sessions.check_share((section.minutes_spent, section.is_check_step) for section in doc.agenda)
	doc.check_share = None if share is None else round(100 * share, 1)


def open_meeting(doc) -> None:
	"""When the meeting opens (its actual start is recorded): the KPI snapshot, once."""
	if doc.actual_start and not doc.kpi_snapshot_taken_on:
		kpi_snapshot.take_snapshot(doc)


def follow_up_open_items(doc) -> None:
	if doc.status in (SCHEDULED, IN_PROGRESS):
		action_items.refresh_open_items(doc)


# ---------------------------------------------------------------- quality check
def evidence(doc) -> quality.MeetingEvidence:
	settings = get_settings()
	share = doc.check_share
	return quality.MeetingEvidence(
		sections_total=len(doc.agenda),
		sections_filled=doc.sections_filled or 0,
		duration_minutes=doc.duration_minutes if doc.actual_end else None,
		minimum_minutes=settings.meeting_minimum_minutes,
		attendance_rate=(doc.attendance_rate or 0) / 100,
		check_share=None if share is None or not has_check_step(doc) else share / 100,
		target_check_share=(settings.target_check_share or 0) / 100,
		action_items_total=len(doc.action_items),
		action_items_complete=sum(1 for item in doc.action_items if item.responsible and item.due_date),
		held_on_schedule=bool(doc.held_on_right_day),
		started_on_time=bool(doc.started_on_time),
	)


def has_check_step(doc) -> bool:
	return any(section.is_check_step for section in doc.agenda)


def pre_score_weights(doc) -> dict[str, float]:
	"""The rubric's pre-score weights; the check share is left out when the agenda has no check step."""
	if not doc.quality_rubric:
		return dict.fromkeys(quality.PRE_SCORE_FACTORS, 1.0)
	rubric = frappe.get_cached_doc("Quality Rubric", doc.quality_rubric)
	weights = {factor: float(rubric.get(field) or 0) for factor, field in PRE_SCORE_WEIGHT_FIELDS.items()}
	if not has_check_step(doc):
		weights.pop("check_share")
	return weights


def compute_pre_score(doc) -> None:
	"""The pre-score from the record, so the assessor starts from facts."""
	if doc.status not in (IN_PROGRESS, HELD):
		doc.pre_score, doc.pre_score_breakdown = 0, ""
		return
	facts = evidence(doc)
	try:
		result = quality.pre_score(facts, pre_score_weights(doc))
	except ValueError:
		frappe.throw(
			_("Quality Rubric {0} gives every pre-score factor a weight of 0.").format(doc.quality_rubric)
		)
	doc.pre_score = round(result["total"], 1)
	doc.pre_score_breakdown = describe_evidence(doc, facts, result)


def describe_evidence(doc, facts: quality.MeetingEvidence, result: dict) -> str:
	def pct(value) -> str:
		return f"{round(100 * value)}%"

	lines = [
		_("Sections filled in: {0} of {1}").format(facts.sections_filled, facts.sections_total),
		_("Duration: {0} minutes, more than {1} needed").format(
			round(facts.duration_minutes or 0), facts.minimum_minutes
		)
		if facts.duration_minutes is not None
		else _("Duration: not recorded"),
		_("Supervisors' attendance: {0}").format(pct(facts.attendance_rate)),
		_("Action items with owner and due date: {0} of {1}").format(
			facts.action_items_complete, facts.action_items_total
		),
		_("Held on the right day: {0}; started on time: {1}").format(
			_("Yes") if facts.held_on_schedule else _("No"), _("Yes") if facts.started_on_time else _("No")
		),
	]
	if facts.check_share is not None:
		lines.insert(
			3,
			_("Time on check: {0} (target {1})").format(
				pct(facts.check_share), pct(facts.target_check_share)
			),
		)
	return "\n".join(lines)


def load_rubric(doc) -> None:
	"""Once the meeting is held, the rubric's criteria as they stand then become its score sheet."""
	if doc.quality_scores or doc.status != HELD or not doc.quality_rubric:
		return
	rubric = frappe.get_cached_doc("Quality Rubric", doc.quality_rubric)
	for criterion in rubric.criteria:
		doc.append(
			"quality_scores",
			{
				"criterion": criterion.criterion,
				"weight": criterion.weight,
				"max_score": criterion.max_score,
				"guidance": criterion.guidance,
			},
		)


def compute_quality(doc) -> None:
	"""The energy score (能量值) of the rubric rows; the pass mark from settings when the check completes."""
	if doc.quality_check_complete and doc.status != HELD:
		frappe.throw(_("A meeting is assessed once it is held."))
	if not doc.quality_scores:
		doc.quality_score = 0
		doc.quality_check_complete = 0
		return
	criteria = [
		quality.Criterion(key=row.criterion, weight=row.weight or 0, max_score=row.max_score or 1)
		for row in doc.quality_scores
	]
	try:
		doc.quality_score = round(
			quality.score_total(criteria, {row.criterion: row.score or 0 for row in doc.quality_scores}), 1
		)
	except ValueError as error:
		frappe.throw(_("The quality scores cannot be totalled: {0}").format(error))
	if not doc.quality_check_complete:
		doc.pass_mark = doc.quality_passed = 0
		doc.assessed_by = doc.assessed_on = None
		return
	validate_assessor(doc)
	if not doc.assessed_by or assessment_changed(doc):
		doc.pass_mark = get_settings().quality_pass_mark
		doc.assessed_by = frappe.session.user
		doc.assessed_on = now_datetime()
	doc.quality_passed = int(quality.passes(doc.quality_score, doc.pass_mark))


def assessment_changed(doc) -> bool:
	before = doc.get_doc_before_save()
	if not before or not before.quality_check_complete:
		return True
	return [(r.criterion, r.score) for r in before.quality_scores] != [
		(r.criterion, r.score) for r in doc.quality_scores
	]


def validate_assessor(doc) -> None:
	"""The host does not assess their own meeting: the quality check is someone else's view of it."""
	if not assessment_changed(doc):
		return
	assessor = employee_of_user(frappe.session.user)
	if assessor and assessor == doc.host:
		frappe.throw(_("The host cannot assess their own meeting."), title=_("Not Allowed"))
