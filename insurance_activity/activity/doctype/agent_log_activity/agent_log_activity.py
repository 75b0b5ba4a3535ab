# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Agent Log Activity (活动明细): one row of an agent's day, saved with its Agent Log."""

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument


class AgentLogActivity(AppDocument):
	"""A row of an Agent Log. Saved with its log, it runs none of these methods (Frappe writes a log's rows
	without their own hooks). Saved or deleted on its own (only an admin may: a REST POST, PUT or DELETE of
	the row, frappe.client.bulk_update, frappe.delete_doc): only a draft log's row, and then its log takes the
	standing callbacks' verdicts and recomputes its subtotals (小计), attainment and valid activities, as after
	a callback (it was left counting the rows as they were, and a verdict sent on the row was kept)."""

	def validate(self):
		self.refuse_unless_draft_log()

	def on_trash(self):
		self.refuse_unless_draft_log()

	def on_update(self):
		self.recompute_log()

	def after_delete(self):
		self.recompute_log()

	def refuse_unless_draft_log(self):
		"""A submitted or cancelled log's rows change only by amending the log (frappe.UpdateAfterSubmitError)."""
		if self.parenttype != "Agent Log" or not self.parent:
			return
		if frappe.db.get_value("Agent Log", self.parent, "docstatus") in (1, 2):
			frappe.throw(
				_(
					"The rows of a submitted or cancelled Agent Log cannot be changed on their own: amend the log."
				),
				frappe.UpdateAfterSubmitError,
				title=_("Not Allowed"),
			)

	def recompute_log(self):
		if self.parenttype != "Agent Log" or not self.parent:
			return
		if frappe.db.exists("Agent Log", {"name": self.parent, "docstatus": 0}):
			log = frappe.get_doc("Agent Log", self.parent)
			log.apply_callback_verdicts()
			log.recompute_after_system_change()
