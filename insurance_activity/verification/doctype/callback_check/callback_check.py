# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt


from insurance_activity.controllers.times import KeepsBlankTimes
from insurance_activity.verification import callback_service as service


class CallbackCheck(KeepsBlankTimes):
	"""A phone callback (电话回访) to the customer of one visit, to verify it happened."""

	def before_validate(self):
		service.fill_from_activity(self)

	def validate(self):
		service.validate_changes(self)
		service.record_attempts(self)

	def on_update(self):
		service.after_save(self)

	def db_insert(self, *args, **kwargs):
		with service.one_check_per_activity_row(self):
			return super().db_insert(*args, **kwargs)
