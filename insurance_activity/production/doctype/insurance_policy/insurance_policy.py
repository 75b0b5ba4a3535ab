# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from frappe.model.document import Document

from insurance_activity.production import policy_service as service


class InsurancePolicy(Document):
	"""A policy (保单) from the insurer's core system; its row is checked by the rules core however it
	arrives (form, REST, Data Import), and its agent, product and customer are linked."""

	def before_insert(self):
		# before naming: a missing or duplicate policy number gets the same message as every other error
		service.validate_policy(self)

	def validate(self):
		if not self.is_new():
			service.validate_policy(self)

	def before_save(self):
		service.link_customer(self)
