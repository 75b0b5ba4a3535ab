# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

from insurance_activity.controllers.document import AppDocument


class DailyJobRun(AppDocument):
	"""One daily job's claim on one day (see insurance_activity/daily_jobs.py); written by the jobs only."""
