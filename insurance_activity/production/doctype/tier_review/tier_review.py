# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument
from insurance_activity.production import tiers


class TierReview(AppDocument):
	"""One agent's monthly tier re-evaluation; an admin may override the computed tier, giving a reason."""

	def validate(self):
		if self.is_new() and not self.flags.evaluated:
			frappe.throw(
				_("Tier Reviews are made by the monthly re-evaluation and cannot be entered by hand.")
			)
		if not self.flags.evaluated:
			tiers.evaluate_review(self)
		self.validate_override()
		tiers.apply_review(self)

	def validate_override(self):
		if self.override_tier and not (self.override_reason or "").strip():
			frappe.throw(
				_("Give the reason for overriding the computed tier."), title=_("Override Reason Required")
			)
		if self.has_value_changed("override_tier"):
			self.overridden_by = frappe.session.user if self.override_tier else None
