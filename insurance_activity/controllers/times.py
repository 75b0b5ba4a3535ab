"""A time nobody entered stays blank.

Frappe fills every empty Time field with the current time when a document, or a new row of one of its
child tables, is saved (`frappe.model.create_new.set_dynamic_default_values`, reached through
`Document._set_defaults` on insert and save). A meeting made at 19:50 without a start time would then
"start" at 19:50 and be refused as later than 17:00; a meeting made by the nightly job would start at
00:xx. Every document of the app with a Time field, its own or in a child table, mixes this in (a test
walks the app's doctypes to hold that).
"""

import frappe

from insurance_activity.controllers.document import AppDocument


class KeepsBlankTimes(AppDocument):
	"""Mixin: Time fields left empty by the user or the code stay empty (never "now")."""

	def _set_defaults(self):
		blank = [(row, field) for row, field in self._time_fields_of_new_rows() if not row.get(field)]
		super()._set_defaults()
		for row, field in blank:
			row.set(field, None)

	def _time_fields_of_new_rows(self):
		"""(row, fieldname) for every Time field of this document when new, and of its new child rows."""
		if self.is_new():
			for df in self.meta.get("fields", {"fieldtype": "Time"}):
				yield self, df.fieldname
		for table in self.meta.get_table_fields():
			fields = [
				df.fieldname for df in frappe.get_meta(table.options).get("fields", {"fieldtype": "Time"})
			]
			for row in self.get(table.fieldname) or [] if fields else []:
				if row.is_new():
					for fieldname in fields:
						yield row, fieldname
