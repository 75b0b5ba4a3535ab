# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument


class AgentMonthlyPerformance(AppDocument):
	"""Computed by insurance_activity.production.performance, never typed."""

	def validate(self):
		if not self.flags.computed:
			frappe.throw(
				_("{0} is computed from policies and cannot be entered or changed by hand.").format(
					_(self.doctype)
				)
			)
