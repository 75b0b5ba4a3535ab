# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Agent Log Activity (活动明细): one row of an agent's day, saved with its Agent Log."""

import frappe
from frappe import _
from frappe.utils import escape_html

from insurance_activity.controllers.document import AppDocument
from insurance_activity.rules.phones import NOT_A_PHONE, check_phone


class AgentLogActivity(AppDocument):
	"""A row of an Agent Log. Saved with its log, it runs none of these methods (Frappe writes a log's rows
	without their own hooks). Saved or deleted on its own (only an admin may: a REST POST, PUT or DELETE of
	the row, frappe.client.bulk_update, frappe.delete_doc): only a draft log's row, and then its log takes the
	standing callbacks' verdicts and recomputes its subtotals (小计), attainment and valid activities, as after
	a callback (it was left counting the rows as they were, and a verdict sent on the row was kept)."""

	def validate(self):
		self.refuse_unless_draft_log()
		self.normalise_phone()
		self.place_after_last_row()

	def on_trash(self):
		self.refuse_unless_draft_log()

	def on_update(self):
		self.recompute_log()

	def after_delete(self):
		self.recompute_log()

	def log_of_row(self) -> str | None:
		"""The name of the Agent Log this row is of (None for a row sent with no log)."""
		return self.parent if self.parenttype == "Agent Log" and self.parent else None

	def refuse_unless_draft_log(self):
		"""A submitted or cancelled log's rows change only by amending the log (frappe.UpdateAfterSubmitError)."""
		log = self.log_of_row()
		if log and frappe.db.get_value("Agent Log", log, "docstatus") in (1, 2):
			frappe.throw(
				_(
					"The rows of a submitted or cancelled Agent Log cannot be changed on their own: amend the log."
				),
				frappe.UpdateAfterSubmitError,
				title=_("Not Allowed"),
			)

	def normalise_phone(self):
		"""The phone stored as its key ("+8613900139000"), so one customer has one phone wherever it was typed;
		a number that is not a phone is refused, naming the row (the log's validate_phones, for each row)."""
		check = check_phone(self.phone)
		if check.problem == NOT_A_PHONE:
			frappe.throw(
				_("Row {0}: {1} is not a valid phone number.").format(
					self.idx, escape_html(str(self.phone)[:40])
				),
				title=_("Invalid Phone"),
			)
		self.phone = check.key

	def place_after_last_row(self):
		"""A row added on its own comes after its log's last row, whatever number it was sent with (it took a
		number another row had)."""
		if not self.is_new() or not (log := self.log_of_row()):
			return
		rows = frappe.get_all(
			self.doctype,
			filters={"parent": log, "parenttype": self.parenttype, "parentfield": self.parentfield},
			pluck="idx",
		)
		self.idx = max(rows, default=0) + 1

	def recompute_log(self):
		"""A draft log takes the standing verdicts and recomputes its totals after its row changed on its own."""
		log = self.log_of_row()
		if log and frappe.db.exists("Agent Log", {"name": log, "docstatus": 0}):
			log = frappe.get_doc("Agent Log", log)
			log.apply_callback_verdicts()
			log.recompute_after_system_change()
