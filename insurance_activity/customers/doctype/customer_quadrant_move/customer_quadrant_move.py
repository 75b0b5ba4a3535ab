# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from frappe.model.document import Document


class CustomerQuadrantMove(Document):
	"""One move of a Customer Quadrant: date, from, to, cause (and the agent's reason for an override)."""
