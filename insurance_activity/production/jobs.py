"""Scheduled job of the production area: runs hourly, acts only at the hour set in settings."""

import frappe
from frappe.utils import add_months, getdate, now_datetime, today

from insurance_activity.production import performance, tiers


def recompute_production(force: bool = False, day=None) -> dict:
	"""At the performance recompute hour: rebuild this month's and last month's figures (policies of last
	month may still arrive or change status) and re-evaluate every agent's tier on last month, the latest
	closed month. Idempotent: running it twice changes nothing."""
	hour = frappe.db.get_single_value("Insurance Activity Settings", "performance_recompute_hour")
	if not force and now_datetime().hour != (hour or 0):
		return {"skipped": "not the performance recompute hour"}
	day = getdate(day or today())
	last_month = add_months(day, -1)
	months = [(last_month.year, last_month.month), (day.year, day.month)]
	result = performance.recompute_months(months)
	result["tiers"] = tiers.reevaluate_month(last_month.year, last_month.month)
	frappe.db.commit()
	return result
