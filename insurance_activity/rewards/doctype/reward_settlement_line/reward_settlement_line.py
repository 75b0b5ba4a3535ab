# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from frappe.model.document import Document


class RewardSettlementLine(Document):
	pass
