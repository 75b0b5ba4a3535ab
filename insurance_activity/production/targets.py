"""Targets (目标) from company to branch, office, team and agent: the shell around the rules core's splits.

A Production Target holds a fiscal year's results targets (regular premium, U headcount) and process
targets (activity volume, accompanied visits). Its months come from ERPNext's Monthly Distribution; a
manager splits it across the units or people one level down (the office manager across supervisors: their
income target), and everyone who can see a target sees its gap to date.

The target's own behaviour (validation, months, split, gap) is methods of the Production Target document;
this module holds the look-ups they share.
"""

from datetime import date

import frappe
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_months, cint, flt, getdate

from insurance_activity.org import subtree
from insurance_activity.production.performance import AGENT_DOCTYPE

TARGET = "Production Target"
NEXT_LEVEL = {"Company": "Branch", "Branch": "Office", "Office": "Team", "Team": "Agent"}
UNIT_LEVELS = ("Branch", "Office")
# the five items every log records (5311 plus referrals): a unit's activity volume
ACTIVITY_ITEMS = ("phone_appointments", "sales_interviews", "recruiting_visits", "new_prospects", "referrals")
ACCOMPANIED_VISIT = "Accompanied Visit"  # Agent Log coaching type of a supervisor's accompanied visit (陪访)


def accompanied_visit(log):
	"""The condition on an Agent Log table `log` (query builder) of an accompanied visit (陪访): a log not
	cancelled whose coaching is an Accompanied Visit; one per log. The one home of what counts as one, for
	the targets' gap, the unit alerts' causes and the management actions."""
	return (log.docstatus < 2) & (log.coaching_type == ACCOMPANIED_VISIT)


def holder_field(level: str) -> str:
	return "unit" if level in UNIT_LEVELS else "employee"


# --- Validation and the months ---------------------------------------------------------------------------


def belongs_under(parent, child) -> bool:
	if parent.target_level == "Company":
		return child.company == parent.company
	if parent.target_level == "Branch":
		return _department_within(child.unit, parent.unit)
	if parent.target_level == "Office":
		department = frappe.db.get_value("Employee", child.employee, "department")
		return bool(department) and _department_within(department, parent.unit)
	return child.employee in subtree(parent.employee)


def _department_within(department: str, unit: str) -> bool:
	lft, rgt = frappe.db.get_value("Department", unit, ["lft", "rgt"])
	d_lft, d_rgt = frappe.db.get_value("Department", department, ["lft", "rgt"])
	return lft <= d_lft and d_rgt <= rgt


def fiscal_months(fiscal_year: str) -> list[date]:
	start, end = frappe.db.get_value("Fiscal Year", fiscal_year, ["year_start_date", "year_end_date"])
	months, current = [], date(getdate(start).year, getdate(start).month, 1)
	while current <= getdate(end):
		months.append(current)
		current = add_months(current, 1)
	return months


def month_weights(distribution: str | None, months: list[date]) -> dict[date, float]:
	"""Each month's share from ERPNext's Monthly Distribution (by month name); equal months without one."""
	if not distribution:
		return dict.fromkeys(months, 1.0)
	percentages = {
		row.month: flt(row.percentage_allocation)
		for row in frappe.get_all(
			"Monthly Distribution Percentage",
			filters={"parent": distribution, "parenttype": "Monthly Distribution"},
			fields=["month", "percentage_allocation"],
		)
	}
	return {month: percentages.get(month.strftime("%B"), 0.0) for month in months}


# --- Splitting a target one level down --------------------------------------------------------------------


# --- Gap to date ---------------------------------------------------------------------------------------


def actuals(people: list[str], first: date, current: date, last_day: date) -> dict[str, float]:
	if not people:
		return dict.fromkeys(("regular_premium", "u_headcount", "activity_volume", "accompanied_visits"), 0)
	performance = frappe.qb.DocType(AGENT_DOCTYPE)
	premium = (
		frappe.qb.from_(performance)
		.select(Sum(performance.regular_premium))
		.where(performance.agent.isin(people) & performance.period[first:current])
	).run()[0][0]
	u_headcount = frappe.db.count(AGENT_DOCTYPE, {"agent": ("in", people), "period": current, "reached_u": 1})

	log = frappe.qb.DocType("Agent Log")
	in_range = log.agent.isin(people) & log.log_date[first:last_day] & (log.docstatus < 2)
	activities = log[ACTIVITY_ITEMS[0]]
	for item in ACTIVITY_ITEMS[1:]:
		activities = activities + log[item]
	volume = frappe.qb.from_(log).select(Sum(activities)).where(in_range).run()[0][0]
	visits = (frappe.qb.from_(log).select(Count("*")).where(in_range & accompanied_visit(log))).run()[0][0]
	return {
		"regular_premium": flt(premium),
		"u_headcount": cint(u_headcount),
		"activity_volume": cint(volume),
		"accompanied_visits": cint(visits),
	}
