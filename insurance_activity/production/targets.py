"""Targets (目标) from company to branch, office, team and agent: the shell around the rules core's splits.

A Production Target holds a fiscal year's results targets (regular premium, U headcount) and process
targets (activity volume, accompanied visits). Its months come from ERPNext's Monthly Distribution; a
manager splits it across the units or people one level down (the office manager across supervisors: their
income target), and everyone who can see a target sees its gap to date.

The target's own behaviour (validation, months, split, gap) is methods of the Production Target document;
this module holds the look-ups they share.
"""

from datetime import date

from pypika.terms import Case

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import add_months, cint, flt, get_last_day, getdate

from insurance_activity.org import subtree
from insurance_activity.production.performance import AGENT_DOCTYPE
from insurance_activity.rules.production.targets import gap_to_date

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


METRICS = ("regular_premium", "u_headcount", "activity_volume", "accompanied_visits")


def progress_of(
	targets: list, on: date, members: dict[str, list[str]] | None = None
) -> dict[str, list[dict]]:
	"""Each target's figures to date against the actuals, and the gap (差距), by target name.

	targets: Production Targets (documents, or dicts with name, target_level, employee, unit, company and
	`months`: rows with month_start and the four figures). Premium, activity volume and accompanied visits add
	up from the fiscal year's first month through the current one; the U headcount is the current month's.
	members: {target: the Employees whose results count} (`member_lists` when not given). The actuals are
	added up in the database once per window of dates, per agent, then summed over each target's members: a
	report of many targets reads the logs once, not once a target. A target with no month begun yet: [].
	"""
	members = members if members is not None else member_lists(targets)
	windows: dict[tuple, list] = {}
	for target in targets:
		months = sorted(target.get("months") or [], key=lambda row: getdate(row.get("month_start")))
		past = [row for row in months if getdate(row.get("month_start")) <= on]
		if past:
			current = getdate(past[-1].get("month_start"))
			window = (getdate(months[0].get("month_start")), current, min(on, get_last_day(current)))
			windows.setdefault(window, []).append((target, past))
	result = {target.get("name"): [] for target in targets}
	labels = {
		"regular_premium": _("Regular Premium"),
		"u_headcount": _("U Headcount (this month)"),
		"activity_volume": _("Activity Volume"),
		"accompanied_visits": _("Accompanied Visits"),
	}
	for (first, current, last_day), held in windows.items():
		people = {person for target, _past in held for person in members.get(target.get("name")) or []}
		by_agent = actuals_by_agent(first, current, last_day, people)
		for target, past in held:
			actual = dict.fromkeys(METRICS, 0)
			for person in set(members.get(target.get("name")) or []):
				for metric, value in by_agent.get(person, {}).items():
					actual[metric] += value
			planned = {
				"regular_premium": sum(flt(row.get("regular_premium")) for row in past),
				"u_headcount": cint(past[-1].get("u_headcount")),
				"activity_volume": sum(cint(row.get("activity_volume")) for row in past),
				"accompanied_visits": sum(cint(row.get("accompanied_visits")) for row in past),
			}
			actual["regular_premium"] = flt(actual["regular_premium"])
			result[target.get("name")] = [
				{
					"metric": metric,
					"label": labels[metric],
					"target": planned[metric],
					"actual": actual[metric],
					"gap": gap_to_date(planned[metric], actual[metric]),
					"is_amount": metric == "regular_premium",
				}
				for metric in METRICS
			]
	return result


def member_lists(targets: list) -> dict[str, list[str]]:
	"""{target: the Employees whose results count toward it}, from one read of Employee and Department:
	an agent's own; a team's whole reporting subtree (by the nested set); a branch's or office's Employees of
	every department under it, who left included (they still brought their results); a company's Employees."""
	from bisect import bisect_left, bisect_right

	employees = frappe.get_all(
		"Employee", fields=["name", "lft", "rgt", "department", "company"], order_by="lft"
	)
	by_name = {e.name: e for e in employees}
	lfts = [cint(e.lft) for e in employees]
	by_department: dict[str, list[str]] = {}
	by_company: dict[str, list[str]] = {}
	for e in employees:
		by_department.setdefault(e.department, []).append(e.name)
		by_company.setdefault(e.company, []).append(e.name)
	departments = frappe.get_all("Department", fields=["name", "lft", "rgt"])
	spans = {d.name: (cint(d.lft), cint(d.rgt)) for d in departments}

	members = {}
	for target in targets:
		level, name = target.get("target_level"), target.get("name")
		if level == "Agent":
			members[name] = [target.get("employee")]
		elif level == "Team":
			head = by_name.get(target.get("employee"))
			if not head:
				members[name] = []
				continue
			inside = employees[bisect_left(lfts, cint(head.lft)) : bisect_right(lfts, cint(head.rgt))]
			members[name] = [e.name for e in inside if cint(e.rgt) <= cint(head.rgt)]
		elif level in UNIT_LEVELS:
			lft, rgt = spans.get(target.get("unit"), (1, 0))
			under = [d for d, (d_lft, d_rgt) in spans.items() if lft <= d_lft and d_rgt <= rgt]
			members[name] = [person for d in under for person in by_department.get(d, [])]
		else:
			members[name] = by_company.get(target.get("company"), [])
	return members


def actuals_by_agent(first: date, current: date, last_day: date, agents: set[str] | None = None) -> dict:
	"""{agent: {metric: actual}} of a target window, each added up in the database per agent (GROUP BY):
	regular premium of the months first..current and whether the agent reached U (U 类人力) in the current
	month (Agent Monthly Performance); activity volume (the five items) and accompanied visits (陪访) of the
	Agent Logs not cancelled from first to last_day. `agents` narrows the reading to them when few (a team's
	or an office's target); a branch's or company's reads everyone's once."""
	few = agents is not None and len(agents) <= 2000
	if agents is not None and not agents:
		return {}
	performance = frappe.qb.DocType(AGENT_DOCTYPE)
	query = (
		frappe.qb.from_(performance)
		.select(
			performance.agent,
			Sum(performance.regular_premium),
			Sum(Case().when((performance.period == current) & (performance.reached_u == 1), 1).else_(0)),
		)
		.where(performance.period[first:current])
		.groupby(performance.agent)
	)
	if few:
		query = query.where(performance.agent.isin(list(agents)))
	result: dict[str, dict] = {}
	for agent, premium, reached_u in query.run():
		result[agent] = {"regular_premium": flt(premium), "u_headcount": cint(reached_u)}

	log = frappe.qb.DocType("Agent Log")
	activities = log[ACTIVITY_ITEMS[0]]
	for item in ACTIVITY_ITEMS[1:]:
		activities = activities + log[item]
	query = (
		frappe.qb.from_(log)
		.select(log.agent, Sum(activities), Sum(Case().when(accompanied_visit(log), 1).else_(0)))
		.where(log.log_date[first:last_day] & (log.docstatus < 2))
		.groupby(log.agent)
	)
	if few:
		query = query.where(log.agent.isin(list(agents)))
	for agent, volume, visits in query.run():
		result.setdefault(agent, {}).update(
			{"activity_volume": cint(volume), "accompanied_visits": cint(visits)}
		)
	return result
