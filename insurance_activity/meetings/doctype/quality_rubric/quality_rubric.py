# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument
from insurance_activity.rules.meeting_quality import PRE_SCORE_FACTORS, Criterion


class QualityRubric(AppDocument):
	"""The quality check (质检) rubric: criteria with weights and guidance, and the pre-score's weights."""

	def validate(self):
		self.validate_criteria()
		self.validate_pre_score_weights()

	def validate_criteria(self):
		seen = set()
		for row in self.criteria:
			row.criterion = (row.criterion or "").strip()
			if row.criterion in seen:
				frappe.throw(_("Row {0}: criterion {1} is listed twice.").format(row.idx, row.criterion))
			seen.add(row.criterion)
			try:
				Criterion(key=row.criterion, weight=row.weight or 0, max_score=row.max_score or 0)
			except ValueError:
				frappe.throw(
					_("Row {0}: the weight cannot be negative and the highest score must be above 0.").format(
						row.idx
					)
				)
		if not sum(row.weight or 0 for row in self.criteria) > 0:
			frappe.throw(_("At least one criterion needs a weight above 0."))

	def validate_pre_score_weights(self):
		weights = [self.get(f"{factor}_weight") or 0 for factor in PRE_SCORE_FACTORS]
		if any(weight < 0 for weight in weights):
			frappe.throw(_("Pre-score weights cannot be negative."))
		if not sum(weights) > 0:
			frappe.throw(_("At least one pre-score weight must be above 0."))

	def on_update(self):
		if self.is_default:
			frappe.db.set_value(
				"Quality Rubric", {"name": ("!=", self.name), "is_default": 1}, "is_default", 0
			)
