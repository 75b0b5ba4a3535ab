# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, today

from insurance_activity.activity import agent_log_service as service
from insurance_activity.controllers.times import KeepsBlankTimes
from insurance_activity.rules import agent_log_rules as rules


class AgentLog(KeepsBlankTimes):
	"""A day's work log (活动日志) of one agent, with the 5311 subtotal and, for a supervisor, the 111."""

	def _validate_links(self):
		# name the row, the party type and the party before frappe's generic "Could not find" message
		service.validate_parties(self)
		super()._validate_links()

	def before_validate(self):
		service.fill_header(self)

	def validate(self):
		self.validate_date()
		service.validate_edit_window(self)
		service.validate_one_log_per_day(self)
		self.validate_counts()
		service.validate_phones(self)
		service.link_new_prospects(self)
		service.validate_party_ownership(self)
		service.compute_attainment(self)

	def db_insert(self, *args, **kwargs):
		with service.one_live_log_per_day(self):
			super().db_insert(*args, **kwargs)

	def db_update(self):
		with service.one_live_log_per_day(self):
			super().db_update()

	def before_cancel(self):
		service.validate_edit_window(self, need_reason=False)

	def validate_higher_perm_levels(self):
		# a review by someone who may not review is refused here, before frappe would silently reset the
		# permission-level-1 review fields to their stored values (insert, save, update after submit, REST)
		service.validate_review(self)
		super().validate_higher_perm_levels()

	def validate_date(self):
		if rules.check_log_date(getdate(self.log_date), getdate(today())):
			frappe.throw(
				_("A work log cannot be for a future date ({0}).").format(self.get_formatted("log_date"))
			)

	def validate_counts(self):
		for row in self.activities:
			error = rules.check_count(row.activity_count if row.activity_count is not None else 1)
			if error == rules.NEGATIVE_COUNT:
				frappe.throw(_("Row {0}: the count cannot be negative.").format(row.idx))
			if error == rules.ZERO_COUNT:
				frappe.throw(
					_("Row {0}: the count must be at least 1; remove the row instead.").format(row.idx)
				)
