# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Meeting Session (二会): what a weekly review or monthly planning meeting does on save, and the
host's buttons (start, end, retake the KPI snapshot) as methods of the document.

The shell reads records, calls the rules core (`rules/meeting_sessions.py`, `rules/meeting_quality.py`,
`rules/business_calendar.py`) and writes the results on the document.
"""

import frappe
from frappe import _
from frappe.utils import formatdate, get_datetime, getdate, now_datetime, strip_html

from insurance_activity.controllers.times import KeepsBlankTimes
from insurance_activity.meetings import action_items, kpi_snapshot, schedule
from insurance_activity.meetings.people import office_attendees
from insurance_activity.org import OFFICE, employee_of_user, unit_manager
from insurance_activity.rules import business_calendar as cal
from insurance_activity.rules import meeting_quality as quality
from insurance_activity.rules import meeting_sessions as sessions
from insurance_activity.settings import get_settings

SCHEDULED, IN_PROGRESS, HELD, NOT_HELD = "Scheduled", "In Progress", "Held", "Not Held"
START_STATUS = {
	cal.START_OK: "On Time",
	cal.START_WARNING: "After the Preferred Start",
	cal.START_TOO_LATE: "Too Late",
}
PRE_SCORE_WEIGHT_FIELDS = {factor: f"{factor}_weight" for factor in quality.PRE_SCORE_FACTORS}


class MeetingSession(KeepsBlankTimes):
	"""One weekly review (周复盘会) or monthly planning meeting (月规划会) of an office: scheduled by rule,
	attended, recorded, scored and followed up."""

	def before_validate(self):
		self.fill_header()

	def validate(self):
		self.apply_schedule_rule()
		self.validate_scheduled_date()
		self.validate_one_session_per_rule_date()
		self.check_planned_start()
		self.compute_timing()
		self.compute_status()
		self.fill_attendees()
		self.fill_agenda()
		action_items.default_status(self)
		self.compute_attendance()
		self.compute_agenda()
		self.open_meeting()
		self.follow_up_open_items()
		self.load_rubric()
		self.compute_pre_score()
		self.compute_quality()
		self.set_title()

	def on_update(self):
		action_items.sync_todos(self)

	# ------------------------------------------------------------ the host's buttons (frm.call)
	@frappe.whitelist(methods=["POST"])
	def start_meeting(self) -> dict:
		"""Open the meeting now: the actual start, the KPI snapshot and the open items from earlier meetings.

		Needs write permission on the session (the office manager, a branch manager above, admins:
		permissions/rules.py). Errors: already started. Returns the saved session as a dict.
		"""
		self.check_permission("write")
		if self.actual_start:
			frappe.throw(_("The meeting started at {0}.").format(self.get_formatted("actual_start")))
		self.actual_start = now_datetime()
		self.save()
		return self.as_dict()

	@frappe.whitelist(methods=["POST"])
	def end_meeting(self) -> dict:
		"""Close the meeting now: the actual end, the duration, and the quality check's score sheet.

		Needs write permission. Errors: not started yet, already ended. Returns the saved session as a dict.
		"""
		self.check_permission("write")
		if not self.actual_start:
			frappe.throw(_("Start the meeting before ending it."))
		if self.actual_end:
			frappe.throw(_("The meeting ended at {0}.").format(self.get_formatted("actual_end")))
		self.actual_end = now_datetime()
		self.save()
		return self.as_dict()

	@frappe.whitelist(methods=["POST"])
	def refresh_kpi_snapshot(self) -> dict:
		"""Take the KPI snapshot again, e.g. after late logs or a production import. Needs write permission."""
		self.check_permission("write")
		kpi_snapshot.take_snapshot(self)
		self.save()
		return self.as_dict()

	def fill_header(self) -> None:
		if not self.office:
			return
		level, company = frappe.get_cached_value("Department", self.office, ["ia_unit_level", "company"])
		if level != OFFICE:
			frappe.throw(_("{0} is not a sales office: meetings are held by offices.").format(self.office))
		self.company = company
		if not self.host:
			self.host = unit_manager(self.office)
		if not self.meeting_template and self.meeting_type:
			self.meeting_template = frappe.get_cached_value(
				"Meeting Type", self.meeting_type, "meeting_template"
			)
		if not self.quality_rubric:
			self.quality_rubric = rubric_for(self.meeting_type)

	def set_title(self) -> None:
		"""Date first, then the meeting type, then the office: a phone's list cuts a title at its end, and the
		date is what tells two meetings of an office apart."""
		office_name = frappe.get_cached_value("Department", self.office, "department_name")
		self.title = f"{formatdate(self.scheduled_date)} {_(self.meeting_type)} · {office_name}"

	def apply_schedule_rule(self) -> None:
		"""Which of the rule's meetings this session is, and on which days it counts as held on time.

		Worked out when the session is made or its office, type or rule date changes, so that a later edit
		of the Holiday List never rewrites what was scheduled.
		"""
		if not (self.office and self.meeting_type) or not (self.scheduled_date or self.rule_date):
			return
		kind = schedule.RULE_KINDS.get(
			frappe.get_cached_value("Meeting Type", self.meeting_type, "schedule_rule")
		)
		unchanged = not (self.has_value_changed("office") or self.has_value_changed("meeting_type"))
		if kind and not self.is_new() and unchanged and self.earliest_allowed_date:
			return
		meeting, notes = (
			schedule.rule_meeting(self.office, kind, self.rule_date, self.scheduled_date)
			if kind
			else (None, [])
		)
		if not meeting:
			day = getdate(self.scheduled_date)
			self.rule_date = None
			self.earliest_allowed_date = self.latest_allowed_date = day
			self.moved_for_holiday = 0
			self.business_week, self.theme = schedule.theme_of_date(day)
			self.schedule_note = ""
			return
		self.rule_date = meeting.nominal
		self.earliest_allowed_date, self.latest_allowed_date = cal.allowed_dates(meeting)
		if not self.scheduled_date:
			self.scheduled_date = meeting.scheduled
		self.moved_for_holiday = int(meeting.moved)
		self.business_week, self.theme = schedule.theme_of(meeting)
		self.schedule_note = schedule.describe(meeting, notes)

	def validate_scheduled_date(self) -> None:
		"""A meeting may move earlier, never later than the rule allows."""
		if self.latest_allowed_date and getdate(self.scheduled_date) > getdate(self.latest_allowed_date):
			frappe.throw(
				_(
					"A meeting may move earlier, never later: {0} is after {1}, the last day the rule allows."
				).format(formatdate(self.scheduled_date), formatdate(self.latest_allowed_date)),
				title=_("Too Late"),
			)

	def validate_one_session_per_rule_date(self) -> None:
		if not self.rule_date:
			return
		existing = frappe.db.get_value(
			"Meeting Session",
			{
				"office": self.office,
				"meeting_type": self.meeting_type,
				"rule_date": self.rule_date,
				"name": ("!=", self.name or ""),
			},
		)
		if existing:
			frappe.throw(
				_("This office's {0} for {1} already exists: {2}. Open it instead of making another.").format(
					_(self.meeting_type), formatdate(self.rule_date), existing
				)
			)

	def check_planned_start(self) -> None:
		"""Start no later than the latest start (17:00); after the preferred start (12:00) is a warning."""
		if not self.planned_start:
			self.start_time_status = ""
			return
		verdict = start_verdict(get_datetime(f"2000-01-01 {self.planned_start}").time())
		if verdict == cal.START_TOO_LATE:
			frappe.throw(
				_("A meeting must start no later than {0}.").format(
					str(get_settings().latest_meeting_start)[:5]
				),
				title=_("Too Late"),
			)
		if verdict == cal.START_WARNING and self.has_value_changed("planned_start"):
			frappe.msgprint(
				_("Best start before {0}: the morning keeps the day for activity.").format(
					str(get_settings().preferred_meeting_start_before)[:5]
				),
				indicator="orange",
				alert=True,
			)
		self.start_time_status = START_STATUS[verdict]

	def fill_attendees(self) -> None:
		"""Until the meeting opens, every supervisor and above in the office is on the list (none removed)."""
		if self.status != SCHEDULED or self.actual_start or not self.office:
			return
		listed = {row.employee for row in self.attendees}
		for employee in office_attendees(self.office):
			if employee.name not in listed:
				self.append(
					"attendees",
					{
						"employee": employee.name,
						"employee_name": employee.employee_name,
						"user": employee.user_id,
					},
				)

	def fill_agenda(self) -> None:
		"""The agenda sections of the template, once, for the host to fill in."""
		if self.agenda or not self.meeting_template:
			return
		template = frappe.get_cached_doc("Meeting Template", self.meeting_template)
		for section in template.sections:
			self.append(
				"agenda",
				{
					"section_title": section.section_title,
					"is_check_step": section.is_check_step,
					"guidance": section.guidance,
				},
			)

	def compute_timing(self) -> None:
		self.duration_minutes = 0
		self.long_enough = self.held_on_right_day = self.started_on_time = 0
		if not self.actual_start:
			return
		start = get_datetime(self.actual_start)
		self.started_on_time = int(start_verdict(start.time()) != cal.START_TOO_LATE)
		allowed = (
			getdate(self.earliest_allowed_date or self.scheduled_date),
			getdate(self.latest_allowed_date or self.scheduled_date),
		)
		self.held_on_right_day = int(sessions.held_on_right_day(start.date(), allowed))
		if not self.actual_end:
			return
		end = get_datetime(self.actual_end)
		if end < start:
			frappe.throw(_("The meeting cannot end before it starts."))
		self.duration_minutes = round(cal.duration_minutes(start, end), 1)
		self.long_enough = int(cal.duration_counts(start, end, get_settings().meeting_minimum_minutes))

	def compute_status(self) -> None:
		if self.actual_end and not self.actual_start:
			frappe.throw(_("Record the actual start before the end."))
		if self.actual_end:
			self.status = HELD
		elif self.actual_start:
			self.status = IN_PROGRESS
		elif self.status != NOT_HELD:
			self.status = SCHEDULED

	def compute_attendance(self) -> None:
		attendance = sessions.count_attendance(row.attendance for row in self.attendees)
		self.attendees_expected = attendance.expected
		self.attendees_present = attendance.present
		self.attendees_on_site = attendance.on_site
		self.attendance_rate = round(100 * attendance.rate, 1)

	def compute_agenda(self) -> None:
		self.sections_filled = sum(1 for section in self.agenda if section_filled(section))
		share = sessions.check_share(
			(section.minutes_spent, section.is_check_step) for section in self.agenda
		)
		self.check_share = None if share is None else round(100 * share, 1)

	def open_meeting(self) -> None:
		"""When the meeting opens (its actual start is recorded): the KPI snapshot, once."""
		if self.actual_start and not self.kpi_snapshot_taken_on:
			kpi_snapshot.take_snapshot(self)

	def follow_up_open_items(self) -> None:
		if self.status in (SCHEDULED, IN_PROGRESS):
			action_items.refresh_open_items(self)

	def evidence(self) -> quality.MeetingEvidence:
		settings = get_settings()
		share = self.check_share
		return quality.MeetingEvidence(
			sections_total=len(self.agenda),
			sections_filled=self.sections_filled or 0,
			duration_minutes=self.duration_minutes if self.actual_end else None,
			minimum_minutes=settings.meeting_minimum_minutes,
			attendance_rate=(self.attendance_rate or 0) / 100,
			check_share=None if share is None or not self.has_check_step() else share / 100,
			target_check_share=(settings.target_check_share or 0) / 100,
			action_items_total=len(self.action_items),
			action_items_complete=sum(1 for item in self.action_items if item.responsible and item.due_date),
			held_on_schedule=bool(self.held_on_right_day),
			started_on_time=bool(self.started_on_time),
		)

	def has_check_step(self) -> bool:
		return any(section.is_check_step for section in self.agenda)

	def pre_score_weights(self) -> dict[str, float]:
		"""The rubric's pre-score weights; the check share is left out when the agenda has no check step."""
		if not self.quality_rubric:
			return dict.fromkeys(quality.PRE_SCORE_FACTORS, 1.0)
		rubric = frappe.get_cached_doc("Quality Rubric", self.quality_rubric)
		weights = {factor: float(rubric.get(field) or 0) for factor, field in PRE_SCORE_WEIGHT_FIELDS.items()}
		if not self.has_check_step():
			weights.pop("check_share")
		return weights

	def compute_pre_score(self) -> None:
		"""The pre-score from the record, so the assessor starts from facts."""
		if self.status not in (IN_PROGRESS, HELD):
			self.pre_score, self.pre_score_breakdown = 0, ""
			return
		facts = self.evidence()
		try:
			result = quality.pre_score(facts, self.pre_score_weights())
		except ValueError:
			frappe.throw(
				_("Quality Rubric {0} gives every pre-score factor a weight of 0.").format(
					self.quality_rubric
				)
			)
		self.pre_score = round(result["total"], 1)
		self.pre_score_breakdown = self.describe_evidence(facts, result)

	def describe_evidence(self, facts: quality.MeetingEvidence, result: dict) -> str:
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
				_("Yes") if facts.held_on_schedule else _("No"),
				_("Yes") if facts.started_on_time else _("No"),
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

	def load_rubric(self) -> None:
		"""Once the meeting is held, the rubric's criteria as they stand then become its score sheet."""
		if self.quality_scores or self.status != HELD or not self.quality_rubric:
			return
		rubric = frappe.get_cached_doc("Quality Rubric", self.quality_rubric)
		for criterion in rubric.criteria:
			self.append(
				"quality_scores",
				{
					"criterion": criterion.criterion,
					"weight": criterion.weight,
					"max_score": criterion.max_score,
					"guidance": criterion.guidance,
				},
			)

	def compute_quality(self) -> None:
		"""The energy score (能量值) of the rubric rows; the pass mark from settings when the check completes."""
		if self.quality_check_complete and self.status != HELD:
			frappe.throw(_("A meeting is assessed once it is held."))
		if not self.quality_scores:
			self.quality_score = 0
			self.quality_check_complete = 0
			return
		criteria = [
			quality.Criterion(key=row.criterion, weight=row.weight or 0, max_score=row.max_score or 1)
			for row in self.quality_scores
		]
		try:
			self.quality_score = round(
				quality.score_total(criteria, {row.criterion: row.score or 0 for row in self.quality_scores}),
				1,
			)
		except ValueError as error:
			frappe.throw(_("The quality scores cannot be totalled: {0}").format(error))
		if not self.quality_check_complete:
			self.pass_mark = self.quality_passed = 0
			self.assessed_by = self.assessed_on = None
			return
		self.validate_assessor()
		if not self.assessed_by or self.assessment_changed():
			self.pass_mark = get_settings().quality_pass_mark
			self.assessed_by = frappe.session.user
			self.assessed_on = now_datetime()
		self.quality_passed = int(quality.passes(self.quality_score, self.pass_mark))

	def assessment_changed(self) -> bool:
		before = self.get_doc_before_save()
		if not before or not before.quality_check_complete:
			return True
		return [(r.criterion, r.score) for r in before.quality_scores] != [
			(r.criterion, r.score) for r in self.quality_scores
		]

	def validate_assessor(self) -> None:
		"""The host does not assess their own meeting: the quality check is someone else's view of it."""
		if not self.assessment_changed():
			return
		assessor = employee_of_user(frappe.session.user)
		if assessor and assessor == self.host:
			frappe.throw(_("The host cannot assess their own meeting."), title=_("Not Allowed"))


# ---------------------------------------------------------------- helpers that are not one session's
def rubric_for(meeting_type: str | None) -> str | None:
	"""The meeting type's rubric, else the default one."""
	rubric = meeting_type and frappe.get_cached_value("Meeting Type", meeting_type, "quality_rubric")
	return rubric or frappe.db.get_value("Quality Rubric", {"is_default": 1, "enabled": 1}, "name")


def start_verdict(start) -> str:
	settings = get_settings()
	return cal.start_time_check(
		start,
		get_datetime(f"2000-01-01 {settings.latest_meeting_start}").time(),
		get_datetime(f"2000-01-01 {settings.preferred_meeting_start_before}").time(),
	)


def section_filled(section) -> bool:
	return bool(strip_html(section.notes or "").strip())
