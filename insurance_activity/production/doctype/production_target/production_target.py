# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from frappe.model.document import Document

from insurance_activity.production import targets


class ProductionTarget(Document):
	"""A fiscal year's results and process targets for one unit or person, with its months and gap to date."""

	def onload(self):
		self.set_onload("progress", targets.progress(self))

	def validate(self):
		targets.fill_holder(self)
		targets.validate_parent(self)
		targets.validate_unique(self)
		targets.validate_figures(self)
		targets.distribute(self)
		targets.set_title(self)
