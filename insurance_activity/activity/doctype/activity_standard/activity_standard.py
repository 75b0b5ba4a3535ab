# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument
from insurance_activity.rules.activity_standards import AGENT_ITEMS, SUPERVISOR_ITEMS


class ActivityStandard(AppDocument):
	def validate(self):
		for item in (*AGENT_ITEMS, *SUPERVISOR_ITEMS):
			if (self.get(item) or 0) < 0:
				frappe.throw(_("{0} cannot be negative.").format(_(self.meta.get_label(item))))
		if self.effective_to and self.effective_to < self.effective_from:
			frappe.throw(_("Effective To cannot be before Effective From."))
		self.validate_no_overlap()

	def validate_no_overlap(self):
		"""Two enabled standards for the same role and tier must not start on the same day (which would win?)."""
		if not self.enabled:
			return
		clash = frappe.db.get_value(
			"Activity Standard",
			{
				"name": ("!=", self.name),
				"enabled": 1,
				"role": self.role,
				"productivity_tier": self.productivity_tier or ("is", "not set"),
				"effective_from": self.effective_from,
			},
		)
		if clash:
			frappe.throw(
				_("Standard {0} already applies to the same role and tier from the same date.").format(
					frappe.bold(clash)
				)
			)
