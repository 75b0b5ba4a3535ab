# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Agent Log Activity (活动明细): one row of an agent's day, saved with its Agent Log."""

import frappe

from insurance_activity.controllers.document import AppDocument


class AgentLogActivity(AppDocument):
	"""A row of an Agent Log. Saved with its log, it runs none of these methods (Frappe writes a log's rows
	without their own hooks); saved or deleted on its own (only an admin may: a REST POST, PUT or DELETE of
	the row, frappe.client.bulk_update, frappe.delete_doc), its log's subtotals (小计), attainment and valid
	activities are recomputed as after a callback's verdict (AgentLog.recompute_after_system_change): they
	were left counting the rows as they were."""

	def on_update(self):
		self.recompute_log()

	def after_delete(self):
		self.recompute_log()

	def recompute_log(self):
		if self.parenttype != "Agent Log" or not self.parent:
			return
		if frappe.db.exists("Agent Log", self.parent):
			frappe.get_doc("Agent Log", self.parent).recompute_after_system_change()
