# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt


from insurance_activity.controllers.times import KeepsBlankTimes
from insurance_activity.meetings import action_items
from insurance_activity.meetings import meeting_session_service as service


class MeetingSession(KeepsBlankTimes):
	"""One weekly review (周复盘会) or monthly planning meeting (月规划会) of an office: scheduled by rule,
	attended, recorded, scored and followed up."""

	def before_validate(self):
		service.fill_header(self)

	def validate(self):
		service.apply_schedule_rule(self)
		service.validate_scheduled_date(self)
		service.validate_one_session_per_rule_date(self)
		service.check_planned_start(self)
		service.compute_timing(self)
		service.compute_status(self)
		service.fill_attendees(self)
		service.fill_agenda(self)
		action_items.default_status(self)
		service.compute_attendance(self)
		service.compute_agenda(self)
		service.open_meeting(self)
		service.follow_up_open_items(self)
		service.load_rubric(self)
		service.compute_pre_score(self)
		service.compute_quality(self)
		service.set_title(self)

	def on_update(self):
		action_items.sync_todos(self)
