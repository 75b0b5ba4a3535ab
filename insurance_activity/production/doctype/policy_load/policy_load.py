# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import os

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument
from insurance_activity.production import policy_loader


class PolicyLoad(AppDocument):
	"""A bulk load of a policy file; the background job fills in the counts and the bad rows."""

	def validate(self):
		if os.path.splitext(self.import_file or "")[1].lower() not in (".csv", ".xlsx"):
			frappe.throw(_("A policy file must be a .csv or .xlsx file."))

	def after_insert(self):
		if not self.flags.defer_start:
			policy_loader.start_load(self.name)
