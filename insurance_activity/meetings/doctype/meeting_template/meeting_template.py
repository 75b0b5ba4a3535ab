# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument


class MeetingTemplate(AppDocument):
	"""A meeting's agenda: the PDCA sections of a weekly review, the five chapters of monthly planning."""

	def validate(self):
		titles = [(row.section_title or "").strip() for row in self.sections]
		duplicates = sorted({title for title in titles if titles.count(title) > 1})
		if duplicates:
			frappe.throw(_("Each section appears once: {0} is listed twice.").format(", ".join(duplicates)))
