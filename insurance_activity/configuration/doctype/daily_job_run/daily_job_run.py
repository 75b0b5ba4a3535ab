# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from frappe.model.document import Document


class DailyJobRun(Document):
	"""One daily job's claim on one day (see insurance_activity/daily_jobs.py); written by the jobs only."""
