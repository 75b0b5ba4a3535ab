"""Scheduled job of the production area: an hourly tick that acts once a day at or after the hour in settings."""

import frappe
from frappe.utils import add_months, cint, getdate, today

from insurance_activity.daily_jobs import run_daily
from insurance_activity.production import performance, tiers
from insurance_activity.settings import get_settings


def recompute_production(force: bool = False, day=None) -> dict:
	"""Hourly: once a day, at or after the performance recompute hour (daily_jobs.run_daily), recompute.
	No catch-up is needed: each run rebuilds this month and last month whole. force or day: run now."""
	if force or day:
		return recompute_months_of(getdate(day or today()))
	hour = get_settings().performance_recompute_hour
	return run_daily("production.recompute_production", cint(hour), recompute_months_of, catch_up_days=0)


def recompute_months_of(day) -> dict:
	"""Rebuild this month's and last month's figures (policies of last month may still arrive or change
	status) and re-evaluate every agent's tier on last month, the latest closed month. Idempotent:
	running it twice changes nothing. All or nothing: one commit after the figures and the tiers, so a
	run failing half-way (rolled back by run_daily) leaves no month recomputed without its tiers."""
	last_month = add_months(day, -1)
	months = [(last_month.year, last_month.month), (day.year, day.month)]
	result = performance.recompute_each_month(months)
	result["tiers"] = tiers.reevaluate_month(last_month.year, last_month.month)
	# nosemgrep: frappe-manual-commit -- the months and tiers are kept together
	frappe.db.commit()
	return result
