# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _

from insurance_activity.controllers.times import KeepsBlankTimes
from insurance_activity.rules.business_calendar import (
	REVIEWS_OUT_OF_ORDER,
	WEEKS_OUT_OF_ORDER,
	calendar_days_problem,
)

# Currency columns are decimal(21,9): an amount must have fewer than 13 digits before the point.
LARGEST_STORABLE_AMOUNT = 10**12


class InsuranceActivitySettings(KeepsBlankTimes):
	def validate(self):
		self.warn_email_without_account()
		self.recompute_every_customer_after_a_quadrant_change()
		self.validate_days_of_month()
		self.validate_hours()
		self.validate_reward_accounts()
		if not 0 <= (self.quality_pass_mark or 0) <= 100:
			frappe.throw(_("The quality pass mark must be between 0 and 100."))
		if not 0 < (self.largest_policy_amount or 0) < LARGEST_STORABLE_AMOUNT:
			frappe.throw(
				_("{0} must be more than 0 and less than {1}.").format(
					_(self.meta.get_label("largest_policy_amount")), f"{LARGEST_STORABLE_AMOUNT:,}"
				)
			)

	def recompute_every_customer_after_a_quadrant_change(self):
		"""New weights, half-life or thresholds re-place every customer at the next recompute, not only those
		with new activity: the last-run stamp is cleared."""
		if (self.quadrant_half_life_days or 0) <= 0:
			frappe.throw(
				_("{0} must be more than 0.").format(_(self.meta.get_label("quadrant_half_life_days")))
			)
		changed = [
			df.fieldname
			for df in self.meta.fields
			if df.fieldname.startswith("quadrant_") and df.fieldname != "quadrant_last_run"
			and self.has_value_changed(df.fieldname)
		]  # fmt: skip
		if changed and not self.is_new():
			self.quadrant_last_run = None

	def validate_reward_accounts(self):
		"""The accrual of commission agents' rewards credits a Payable account (the agent as party) and debits
		an Expense account; both are set together or not at all."""
		payable, expense = self.reward_payable_account, self.reward_expense_account
		if bool(payable) != bool(expense):
			frappe.throw(_("Set both the Reward Payable Account and the Reward Expense Account, or neither."))
		if payable and frappe.db.get_value("Account", payable, "account_type") != "Payable":
			frappe.throw(_("The Reward Payable Account {0} must be a Payable account.").format(payable))
		if expense and frappe.db.get_value("Account", expense, "root_type") != "Expense":
			frappe.throw(_("The Reward Expense Account {0} must be an Expense account.").format(expense))

	def warn_email_without_account(self):
		"""Reminders by email need a default outgoing Email Account; without one they stay in-app."""
		if self.email_reminders and not frappe.db.exists(
			"Email Account", {"default_outgoing": 1, "enable_outgoing": 1}
		):
			frappe.msgprint(
				_(
					"No default outgoing Email Account: reminders stay in-app until one is set up (Email Account)."
				),
				indicator="orange",
				alert=True,
			)

	def validate_days_of_month(self):
		for fieldname in ("week_2_start_day", "week_3_start_day", "week_4_start_day", "weekly_review_day_1",
			"weekly_review_day_2", "weekly_review_day_3", "planning_meeting_from_day", "unit_evaluation_day"):  # fmt: skip
			if not 1 <= (self.get(fieldname) or 0) <= 31:
				frappe.throw(
					_("{0} must be a day of the month (1-31).").format(_(self.meta.get_label(fieldname)))
				)
		problem = calendar_days_problem(
			(self.week_2_start_day, self.week_3_start_day, self.week_4_start_day),
			(self.weekly_review_day_1, self.weekly_review_day_2, self.weekly_review_day_3),
			self.planning_meeting_from_day,
		)
		if problem == WEEKS_OUT_OF_ORDER:
			frappe.throw(
				_(
					"Business weeks must start on increasing days, with week 4 starting no later than the 28th."
				)
			)
		if problem == REVIEWS_OUT_OF_ORDER:
			frappe.throw(_("Weekly review days must be increasing and come before the monthly planning day."))

	def validate_hours(self):
		for fieldname in (
			"reminder_hour",
			"callback_sampling_hour",
			"meeting_reminder_hour",
			"performance_recompute_hour",
			"quadrant_recompute_hour",
			"unit_evaluation_hour",
			"unit_alert_hour",
		):
			if not 0 <= (self.get(fieldname) or 0) <= 23:
				frappe.throw(_("{0} must be between 0 and 23.").format(_(self.meta.get_label(fieldname))))
		if not 0 <= (self.evaluation_attendance_rate or 0) <= 100:
			frappe.throw(
				_("{0} must be between 0 and 100.").format(
					_(self.meta.get_label("evaluation_attendance_rate"))
				)
			)
		if not 0 <= (self.callback_sampling_rate or 0) <= 100:
			frappe.throw(_("The sampling rate must be between 0% and 100%."))
		for fieldname in ("callback_min_per_agent", "callback_min_per_team", "callback_coverage_days",
			"callback_no_repeat_days", "callback_officer_capacity", "new_agent_months", "tier_lookback_months",
			"navigator_suggestion_days"):  # fmt: skip
			if (self.get(fieldname) or 0) < 0:
				frappe.throw(_("{0} cannot be negative.").format(_(self.meta.get_label(fieldname))))
		if (self.unit_alert_months or 0) < 1:
			frappe.throw(_("{0} must be at least 1.").format(_(self.meta.get_label("unit_alert_months"))))
		if (self.log_lock_days or 0) < 0:
			frappe.throw(_("The agent edit window cannot be negative."))
		if self.meeting_minimum_minutes is not None and self.meeting_minimum_minutes < 0:
			frappe.throw(_("The minimum meeting length cannot be negative."))
