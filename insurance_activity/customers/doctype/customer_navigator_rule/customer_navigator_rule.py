# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument


class CustomerNavigatorRule(AppDocument):
	"""A rule of the customer navigator (客经导航仪), edited by admins in the desk. A change takes effect at
	the next recompute, which then re-places every customer (the last-run stamp is cleared)."""

	def validate(self):
		if (self.due_days or 0) < 0 or (self.min_days_since_contact or 0) < 0:
			frappe.throw(_("Days cannot be negative."))

	def on_update(self):
		recompute_everyone_next_time()

	def on_trash(self):
		recompute_everyone_next_time()


def recompute_everyone_next_time():
	frappe.db.set_single_value("Insurance Activity Settings", "quadrant_last_run", None)
