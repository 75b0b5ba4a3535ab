"""Targets (目标) from company to branch, office, team and agent: the shell around the rules core's splits.

A Production Target holds a fiscal year's results targets (regular premium, U headcount) and process
targets (activity volume, accompanied visits). Its months come from ERPNext's Monthly Distribution; a
manager splits it across the units or people one level down (the office manager across supervisors: their
income target), and everyone who can see a target sees its gap to date.
"""

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_months, cint, flt, get_last_day, getdate, today

from insurance_activity.org import direct_reports, subtree
from insurance_activity.production.performance import AGENT_DOCTYPE, office_by_department
from insurance_activity.rules.production import gap_to_date, split_count, split_target

TARGET = "Production Target"
NEXT_LEVEL = {"Company": "Branch", "Branch": "Office", "Office": "Team", "Team": "Agent"}
UNIT_LEVELS = ("Branch", "Office")
# the five items every log records (5311 plus referrals): a unit's activity volume
ACTIVITY_ITEMS = ("phone_appointments", "sales_interviews", "recruiting_visits", "new_prospects", "referrals")
ACCOMPANIED_VISIT = "Accompanied Visit"  # Agent Log coaching type of a supervisor's accompanied visit (陪访)


def child_level(doc) -> str | None:
	"""The level a target splits into; a company without branches splits straight into its offices."""
	level = NEXT_LEVEL.get(doc.target_level)
	if level == "Branch" and not frappe.db.exists(
		"Department", {"company": doc.company, "ia_unit_level": "Branch"}
	):
		return "Office"
	return level


def holder_field(level: str) -> str:
	return "unit" if level in UNIT_LEVELS else "employee"


# --- Validation and the months ---------------------------------------------------------------------------


def fill_holder(doc):
	"""A unit target names its Department and takes its manager as the responsible person; a team or
	agent target names the Employee (a team's is its supervisor)."""
	if doc.target_level == "Company":
		doc.unit = doc.employee = doc.employee_name = None
	elif doc.target_level in UNIT_LEVELS:
		if not doc.unit:
			frappe.throw(_("Choose the {0} this target is for.").format(_(doc.target_level).lower()))
		level, company, manager = frappe.db.get_value(
			"Department", doc.unit, ["ia_unit_level", "company", "ia_unit_manager"]
		)
		if level != doc.target_level:
			frappe.throw(_("{0} is not a {1}.").format(doc.unit, _(doc.target_level).lower()))
		if company and company != doc.company:
			frappe.throw(_("{0} belongs to {1}, not {2}.").format(doc.unit, company, doc.company))
		doc.employee = manager
		doc.employee_name = frappe.db.get_value("Employee", manager, "employee_name") if manager else None
	else:
		if not doc.employee:
			frappe.throw(_("Choose the {0} this target is for.").format(_(doc.target_level).lower()))
		if doc.target_level == "Team" and not direct_reports(doc.employee):
			frappe.throw(_("{0} leads no team: they have no direct reports.").format(doc.employee_name))
		doc.unit = office_by_department().get(frappe.db.get_value("Employee", doc.employee, "department"))


def set_title(doc):
	holder = doc.unit or (doc.employee_name if doc.employee else None) or doc.company
	doc.title = f"{holder} ({doc.fiscal_year})"


def validate_unique(doc):
	filters = {"fiscal_year": doc.fiscal_year, "target_level": doc.target_level, "name": ("!=", doc.name)}
	if doc.target_level == "Company":
		filters["company"] = doc.company
	else:
		filters[holder_field(doc.target_level)] = doc.get(holder_field(doc.target_level))
	existing = frappe.db.get_value(TARGET, filters)
	if existing:
		frappe.throw(_("There is already a target for this in {0}: {1}.").format(doc.fiscal_year, existing))


def validate_figures(doc):
	for fieldname in ("regular_premium", "u_headcount", "activity_volume", "accompanied_visits"):
		if flt(doc.get(fieldname)) < 0:
			frappe.throw(_("{0} cannot be negative.").format(_(doc.meta.get_label(fieldname))))


def validate_parent(doc):
	"""A split target sits one level below the target it was split from, inside its unit or team."""
	if not doc.parent_target:
		return
	parent = frappe.get_doc(TARGET, doc.parent_target)
	if child_level(parent) != doc.target_level or parent.fiscal_year != doc.fiscal_year:
		frappe.throw(
			_("A target split from a {0} target must be a {1} target of {2}.").format(
				_(parent.target_level), _(child_level(parent) or ""), parent.fiscal_year
			)
		)
	if not belongs_under(parent, doc):
		holder = doc.get(holder_field(doc.target_level))
		frappe.throw(
			_("{0} is not part of {1}.").format(holder, parent.get(holder_field(parent.target_level)))
		)


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


def distribute(doc):
	"""The monthly targets: premium, activity volume and accompanied visits spread by the distribution;
	the U headcount is a monthly level, the same every month."""
	months = fiscal_months(doc.fiscal_year)
	weights = month_weights(doc.monthly_distribution, months)
	premium = split_target(flt(doc.regular_premium), weights)
	volume = split_count(cint(doc.activity_volume), weights)
	visits = split_count(cint(doc.accompanied_visits), weights)
	doc.set(
		"months",
		[
			{
				"month_start": month,
				"regular_premium": premium[month],
				"u_headcount": cint(doc.u_headcount),
				"activity_volume": volume[month],
				"accompanied_visits": visits[month],
			}
			for month in months
		],
	)


# --- Splitting a target one level down --------------------------------------------------------------------


def split_proposal(doc) -> list[dict]:
	"""Who a target splits across by default, each with weight 1: a company's branches, a branch's offices,
	an office's supervisors (not its manager), a team's supervisor and direct reports."""
	level = child_level(doc)
	if not level:
		return []
	if level in UNIT_LEVELS:
		filters = {"ia_unit_level": level, "company": doc.company}
		if doc.target_level == "Branch":
			lft, rgt = frappe.db.get_value("Department", doc.unit, ["lft", "rgt"])
			filters.update({"lft": (">", lft), "rgt": ("<", rgt)})
		units = frappe.get_all("Department", filters=filters, pluck="name", order_by="lft")
		return [{"child": unit, "label": unit, "weight": 1} for unit in units]
	if level == "Team":
		people = [e for e in office_members(doc.unit) if e != doc.employee and direct_reports(e)]
	else:
		people = [doc.employee, *direct_reports(doc.employee)]
	names = dict(
		frappe.get_all(
			"Employee", filters={"name": ("in", people)}, fields=["name", "employee_name"], as_list=True
		)
	)
	return [{"child": person, "label": names.get(person, person), "weight": 1} for person in people]


def split(doc, weights: dict[str, float]) -> list[str]:
	"""Create or update the targets one level down, splitting every figure by the weights (the rules
	core: premium to the cent, counts in whole units, each adding up exactly to this target's)."""
	level = child_level(doc)
	if not level:
		frappe.throw(_("An agent's target is not split further."))
	weights = {key: flt(weight) for key, weight in weights.items() if key}
	if not weights:
		frappe.throw(_("Choose at least one {0} to split the target across.").format(_(level).lower()))
	figures = {
		"regular_premium": split_target(flt(doc.regular_premium), weights),
		"u_headcount": split_count(cint(doc.u_headcount), weights),
		"activity_volume": split_count(cint(doc.activity_volume), weights),
		"accompanied_visits": split_count(cint(doc.accompanied_visits), weights),
	}
	field = holder_field(level)
	names = []
	for key in weights:
		existing = frappe.db.get_value(TARGET, {"parent_target": doc.name, field: key})
		child = frappe.get_doc(TARGET, existing) if existing else frappe.new_doc(TARGET)
		child.update(
			{
				"target_level": level,
				"fiscal_year": doc.fiscal_year,
				"company": doc.company,
				"parent_target": doc.name,
				"monthly_distribution": doc.monthly_distribution,
				field: key,
				**{fieldname: parts[key] for fieldname, parts in figures.items()},
			}
		)
		if field == "unit":  # the unit's manager holds it: who may set it is checked against them
			child.employee = frappe.db.get_value("Department", key, "ia_unit_manager")
		child.save()
		names.append(child.name)
	return names


# --- Gap to date ---------------------------------------------------------------------------------------


def members(doc) -> list[str]:
	"""The Employees whose results count toward the target."""
	if doc.target_level == "Agent":
		return [doc.employee]
	if doc.target_level == "Team":
		return subtree(doc.employee)
	if doc.target_level in UNIT_LEVELS:
		lft, rgt = frappe.db.get_value("Department", doc.unit, ["lft", "rgt"])
		departments = frappe.get_all(
			"Department", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name"
		)
		return frappe.get_all("Employee", filters={"department": ("in", departments)}, pluck="name")
	return frappe.get_all("Employee", filters={"company": doc.company}, pluck="name")


def office_members(office: str | None) -> list[str]:
	if not office:
		return []
	lft, rgt = frappe.db.get_value("Department", office, ["lft", "rgt"])
	departments = frappe.get_all("Department", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name")
	return frappe.get_all(
		"Employee",
		filters={"department": ("in", departments), "status": "Active"},
		pluck="name",
		order_by="name",
	)


def progress(doc, on: date | None = None) -> list[dict]:
	"""Each target's figure to date against the actual, and the gap (差距): premium, activity volume and
	accompanied visits add up from the fiscal year's first month through the current one; the U headcount
	is the current month's."""
	on = getdate(on or today())
	months = [getdate(row.month_start) for row in doc.months]
	past = [row for row in doc.months if getdate(row.month_start) <= on]
	if not past:
		return []
	current = getdate(past[-1].month_start)
	first, last_day = months[0], min(on, getdate(get_last_day(current)))
	people = members(doc)
	actual = actuals(people, first, current, last_day)
	rows = [
		("regular_premium", _("Regular Premium"), sum(flt(r.regular_premium) for r in past), True),
		("u_headcount", _("U Headcount (this month)"), cint(past[-1].u_headcount), False),
		("activity_volume", _("Activity Volume"), sum(cint(r.activity_volume) for r in past), False),
		("accompanied_visits", _("Accompanied Visits"), sum(cint(r.accompanied_visits) for r in past), False),
	]
	return [
		{
			"metric": metric,
			"label": label,
			"target": target,
			"actual": actual[metric],
			"gap": gap_to_date(target, actual[metric]),
			"is_amount": is_amount,
		}
		for metric, label, target, is_amount in rows
	]


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
	visits = (
		frappe.qb.from_(log).select(Count("*")).where(in_range & (log.coaching_type == ACCOMPANIED_VISIT))
	).run()[0][0]
	return {
		"regular_premium": flt(premium),
		"u_headcount": cint(u_headcount),
		"activity_volume": cint(volume),
		"accompanied_visits": cint(visits),
	}
