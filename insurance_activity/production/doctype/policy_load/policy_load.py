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
		if self.is_new():
			self.check_file_is_uploaded()

	def check_file_is_uploaded(self):
		"""The file is one uploaded to the site (a File record) that the user may read: a load naming no
		uploaded file (a typo, `../../site_config.csv`) was stored Queued and its job failed before it began,
		leaving it Queued for ever. frappe.ValidationError otherwise, naming the file; nothing stored."""
		file = frappe.db.get_value("File", {"file_url": self.import_file}, "name")
		if not file or not frappe.has_permission("File", "read", file):
			frappe.throw(
				_("{0} is not a file uploaded to this site: upload the policy file first.").format(
					frappe.utils.escape_html(str(self.import_file)[:80])
				),
				title=_("Not a Valid Value"),
			)

	def after_insert(self):
		if not self.flags.defer_start:
			policy_loader.start_load(self.name)
