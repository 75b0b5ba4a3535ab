# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from insurance_activity.controllers.document import AppDocument


class CustomerQuadrantMove(AppDocument):
	"""One move of a Customer Quadrant: date, from, to, cause (and the agent's reason for an override)."""
