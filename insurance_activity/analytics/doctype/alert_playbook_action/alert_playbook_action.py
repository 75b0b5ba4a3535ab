# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from insurance_activity.controllers.document import AppDocument


class AlertPlaybookAction(AppDocument):
	pass
