"""Each Agent Log keeps its valid activities (有效活动), the total the monthly analysis adds up (issue 18): fill
it for the logs stored before, from their activity rows, in one UPDATE."""

import frappe

from insurance_activity.analytics.activities import store_valid_activities


def execute():
	store_valid_activities()
	frappe.db.commit()
