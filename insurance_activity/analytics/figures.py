"""The figures of the Agency Activity workspace (活动管理看板): its custom number card and its three custom
charts, each counted over the records the reader sees (the one permission rule), added up in the database.

Frappe caches a standard Dashboard Chart's figures once per chart, for every user (frappe.utils.dashboard.
cache_source), so a supervisor could be shown an admin's branch-wide numbers. These charts are therefore
custom chart sources whose methods run for the user who asks, never from a shared cache; the workspace's
plain counts are Frappe Number Cards of type Document Type, which count through frappe.get_list and so
obey the rule already. The workspace itself is the Activity module's: Frappe shows a workspace only to
users who read a doctype of its module, and Analytics has reports only.
"""

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import escape_html, flt, getdate, today

from insurance_activity.analytics.activities import ACTIVITIES, LOG, ROW, activity_rows, valid_logs
from insurance_activity.controllers.typed_input import FIRST_YEAR, LAST_YEAR
from insurance_activity.meetings.schedule import calendar_config
from insurance_activity.rules.analytics import SALES_CYCLE_STEPS
from insurance_activity.rules.business_calendar import business_week, business_week_range

TREND_DAYS = 30  # the trend chart's span: the last 30 days up to today, a month of daily work


def on_day(value=None) -> date:
	"""The day a figure is for: `value` (a date or date text such as "YYYY-MM-DD") or, when empty, today
	(site date). Raises frappe.ValidationError for anything that is not a date of the years 1900-2999."""
	if value is None or (isinstance(value, str) and not value.strip()):
		return getdate(today())
	try:
		day = getdate(value) if isinstance(value, str | date) else None
	except (TypeError, ValueError, OverflowError):
		day = None
	if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
		frappe.throw(
			_("{0} is not a date between {1} and {2}.").format(
				escape_html(str(value)[:40]), FIRST_YEAR, LAST_YEAR
			),
			title=_("Not a Date"),
		)
	return day


# ---------------------------------------------------------------- number card
@frappe.whitelist()
def attainment_today(filters=None, day=None) -> dict:
	"""Number card "Standard Met Today" (今日达标率): of the Agent Logs dated `day` (default today) that the
	user reads, not cancelled, the share whose daily standard (5311 / 111) is met, in percent (0-100,
	one decimal); 0 when nobody has logged. Returns {"value": float, "fieldtype": "Percent"}.
	Counted with frappe.get_list, so the permission rule narrows it (an agent: their own log)."""
	(row,) = frappe.get_list(
		"Agent Log",
		filters={"log_date": on_day(day), "docstatus": ("<", 2)},
		fields=["count(name) as logs", "sum(standard_met) as met"],
	)
	value = round(100.0 * flt(row.met) / row.logs, 1) if row.logs else 0.0
	return {"value": value, "fieldtype": "Percent"}


@frappe.whitelist()
def open_unit_alerts(filters=None) -> dict:
	"""Number card "Open Unit Alerts" (未处理单位预警): the open Unit Alerts the user reads (frappe.get_list: the
	permission rule narrows it: an office manager their offices', a branch head their branch's, admins
	all). Returns {"value": int, "fieldtype": "Int"}. Raises frappe.PermissionError for a user who may
	not read Unit Alerts (agents, supervisors, callback staff: the card is not shown to them)."""
	frappe.has_permission("Unit Alert", "read", throw=True)
	(row,) = frappe.get_list("Unit Alert", filters={"status": "Open"}, fields=["count(name) as alerts"])
	return {"value": int(row.alerts or 0), "fieldtype": "Int"}


# ---------------------------------------------------------------- charts (custom chart sources)
@frappe.whitelist()
def daily_activities(chart_name=None, filters=None, to_date=None, **_chart_args) -> dict:
	"""Chart "Daily Activity Trend" (日活动量走势): valid activities (有效活动: rows not found invalid, of
	logs not cancelled) per day over the TREND_DAYS days ending `to_date` (default today), of the logs the
	user reads. Returns Frappe Charts data: {"labels": ["YYYY-MM-DD", ...], "datasets": [{"name", "values"}]}.
	Raises frappe.PermissionError for a user who may not read Agent Logs (callback staff)."""
	frappe.has_permission("Agent Log", "read", throw=True)
	last = on_day(to_date)
	first = last - timedelta(days=TREND_DAYS - 1)
	counts = {}
	query = valid_logs(frappe._dict(from_date=first, to_date=last))
	if query is not None:
		activities = Sum(LOG.valid_activities).as_("activities")
		query = query.select(LOG.log_date, activities).groupby(LOG.log_date)
		counts = {getdate(r.log_date): int(r.activities or 0) for r in query.run(as_dict=True)}
	days = [first + timedelta(days=n) for n in range(TREND_DAYS)]
	return {
		"labels": [str(day) for day in days],
		"datasets": [{"name": _("Activities"), "values": [counts.get(day, 0) for day in days]}],
	}


@frappe.whitelist()
def process_mix(chart_name=None, filters=None, to_date=None, **_chart_args) -> dict:
	"""Chart "Process Mix This Week" (本周流程结构): the valid activities of the business week (经营周, from
	the settings' calendar) holding `to_date` (default today), per sales-cycle step (the row's Activity
	Kind's step), of the logs the user reads. Returns Frappe Charts data with one value per step, in the
	order of the sales cycle."""
	frappe.has_permission("Agent Log", "read", throw=True)
	day, calendar = on_day(to_date), calendar_config()
	first, last = business_week_range(day.year, day.month, business_week(day, calendar), calendar)
	counts = {}
	query = activity_rows(frappe._dict(from_date=first, to_date=last))
	if query is not None:
		kind = frappe.qb.DocType("Activity Kind")
		query = (
			query.join(kind)
			.on(ROW.activity_kind == kind.name)
			.select(kind.sales_cycle_step.as_("step"), ACTIVITIES.as_("activities"))
			.groupby(kind.sales_cycle_step)
		)
		counts = {r.step: int(r.activities or 0) for r in query.run(as_dict=True)}
	return {
		"labels": [_(step, context="Activity Kind") for step in SALES_CYCLE_STEPS],
		"datasets": [
			{
				"name": _("{0} to {1}").format(first, last),
				"values": [counts.get(step, 0) for step in SALES_CYCLE_STEPS],
			}
		],
	}


@frappe.whitelist()
def attainment_by_office(chart_name=None, filters=None, to_date=None, **_chart_args) -> dict:
	"""Chart "Attainment by Office" (各营业室达标率): for the month holding `to_date` (default today) up to
	that day, each office's share of Agent Logs (not cancelled) whose daily standard is met, in percent,
	over the logs the user reads (frappe.get_list: the rule narrows it; one GROUP BY office). Offices
	sorted by name. Returns Frappe Charts data."""
	last = on_day(to_date)
	rows = frappe.get_list(
		"Agent Log",
		filters={"log_date": ("between", [last.replace(day=1), last]), "docstatus": ("<", 2)},
		fields=["office", "count(name) as logs", "sum(standard_met) as met"],
		group_by="office",
		order_by="office",
	)
	rows = [row for row in rows if row.office and row.logs]
	names = dict(
		frappe.get_all(
			"Department",
			filters={"name": ("in", [row.office for row in rows] or [""])},
			fields=["name", "department_name"],
			as_list=True,
		)
	)
	return {
		"labels": [names.get(row.office, row.office) for row in rows],
		"datasets": [
			{
				"name": _("Standard Met %"),
				"values": [round(100.0 * flt(row.met) / row.logs, 1) for row in rows],
			}
		],
	}
