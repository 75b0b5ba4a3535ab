# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Customer Inventory (客户盘点): the weekly count of each agent's, team's or office's customers per quadrant
(plain customers 普客 in Standard Service, those being warmed up 升温客户 in Warm Up), the customers first
placed in the week ending on the chosen day (new) and those who changed quadrant in it (moves), and the
navigator's actions (客经导航仪) overdue on that day. Counted by the database over the quadrants the reader may
read (the org hierarchy applies, as in frappe.get_list).
"""

from collections import Counter, defaultdict

from pypika.terms import Case

import frappe
from frappe import _
from frappe.query_builder.functions import Sum
from frappe.utils import add_days, getdate, today

from insurance_activity.customers.quadrants import placed_on
from insurance_activity.permissions import where_allowed
from insurance_activity.report_filters import read_filters
from insurance_activity.rules.customer_quadrant import CAUSE_FIRST, QUADRANTS

QUADRANT = "Customer Quadrant"
GROUPS = {"Agent": "agent", "Team": "team", "Office": "office"}
WEEK_DAYS = 7


def execute(filters=None) -> tuple:
	filters = read_filters(filters)
	group_by = filters.group_by or "Agent"
	if group_by not in GROUPS:
		frappe.throw(_("Group by Agent, Team or Office."))
	on = getdate(filters.on or today())
	return get_columns(group_by), get_data(group_by, on)


def get_columns(group_by: str) -> list[dict]:
	# The unit is plain Data, its name beside it (customer_inventory.js links it): as a Link, frappe's report
	# runner would filter the rows by the reader's user permissions on Employee, and refuse the report to a
	# reader who may not read Department (an agent grouping by office).
	label = {"Agent": _("Agent"), "Team": _("Team"), "Office": _("Office", context="Department")}[group_by]
	columns = [
		{"fieldname": "unit", "label": label, "fieldtype": "Data", "width": 140},
		{"fieldname": "unit_name", "label": _("Name"), "fieldtype": "Data", "width": 160},
	]
	columns += [
		{"fieldname": frappe.scrub(q), "label": _(q), "fieldtype": "Int", "width": 130} for q in QUADRANTS
	]
	columns += [
		{"fieldname": "total", "label": _("Customers"), "fieldtype": "Int", "width": 100},
		{"fieldname": "new_this_week", "label": _("New This Week"), "fieldtype": "Int", "width": 120},
		{"fieldname": "moves_this_week", "label": _("Moves This Week"), "fieldtype": "Int", "width": 130},
		{"fieldname": "overdue_actions", "label": _("Overdue Actions"), "fieldtype": "Int", "width": 130},
	]
	return columns


def get_data(group_by: str, on, office: str | None = None) -> list[dict]:
	"""One row per unit: counts per quadrant as they stood at the end of `on`, total, customers first placed
	(new_this_week) and quadrant changes (moves_this_week, a first placement is not a move) in the week
	ending `on`, actions overdue on `on` (due before it, as rules.customer_navigator.is_overdue).

	Counted by the database per agent and office (a branch holds hundreds of thousands of customers), over
	the Customer Quadrants the user may read (the permission rule, as frappe.get_list); office: every
	quadrant of that office, whoever reads (the weekly review's snapshot). Each agent's counts go to their
	team (team_of) in Python: a few thousand rows, not one per customer."""
	standing, week = placed_counts(on, office), week_counts(on, office)
	teams = team_of([r.agent for r in standing + week if r.agent])

	def unit_of(r):
		return {"agent": r.agent, "team": teams.get(r.agent), "office": r.office}[GROUPS[group_by]]

	counts, overdue, moves, new = defaultdict(Counter), Counter(), Counter(), Counter()
	for r in standing:
		counts[unit_of(r)][r.quadrant] += int(r.customers)
		overdue[unit_of(r)] += int(r.overdue or 0)
	for r in week:
		new[unit_of(r)] += int(r.new or 0)
		moves[unit_of(r)] += int(r.moves or 0)
	names = unit_names(group_by, [u for u in counts if u])
	data = []
	for unit in sorted(counts, key=lambda u: (not u, u or "")):  # the unassigned last
		row = {
			"unit": unit,
			# a customer nobody serves yet (a Lead without an owner) is counted, under its own row
			"unit_name": names.get(unit) if unit else _("Unassigned"),
			**{frappe.scrub(q): counts[unit][q] for q in QUADRANTS},
		}
		row["total"] = sum(counts[unit].values())
		row["new_this_week"] = new[unit]
		row["moves_this_week"] = moves[unit]
		row["overdue_actions"] = overdue[unit]
		data.append(row)
	return data


def readable(query, quadrant, office: str | None):
	"""`query` kept to one office's quadrants, or to those the user may read (None: none)."""
	if office:
		return query.where(quadrant.office == office)
	return where_allowed(query, QUADRANT, table=quadrant)


def placed_counts(on, office: str | None = None) -> list:
	"""Per agent, office and quadrant at the end of `on` (quadrants.placed_on): the customers, and those
	whose navigator action was overdue on `on`."""
	return placed_on(on, ("agent", "office"), lambda query, quadrant: readable(query, quadrant, office))


def week_counts(on, office: str | None = None) -> list:
	"""Per agent and office, in the week ending `on`: first placements (new) and quadrant changes (moves)."""
	quadrant, move = frappe.qb.DocType(QUADRANT), frappe.qb.DocType("Customer Quadrant Move")
	first = Case().when(move.cause == CAUSE_FIRST, 1).else_(0)
	query = (
		frappe.qb.from_(move)
		.join(quadrant)
		.on(quadrant.name == move.parent)
		.select(quadrant.agent, quadrant.office, Sum(first).as_("new"), Sum(1 - first).as_("moves"))
		.where(
			(move.parenttype == QUADRANT)
			& move.move_date.between(getdate(add_days(on, 1 - WEEK_DAYS)), getdate(on))
		)
		.groupby(quadrant.agent, quadrant.office)
	)
	query = readable(query, quadrant, office)
	return query.run(as_dict=True) if query else []


def unit_names(group_by: str, units: list[str]) -> dict[str, str]:
	"""unit -> its display name: the employee's name (an agent, a team's supervisor), the office's."""
	if not units:
		return {}
	doctype, field = (
		("Department", "department_name") if group_by == "Office" else ("Employee", "employee_name")
	)
	return dict(frappe.get_all(doctype, {"name": ("in", units)}, ["name", field], as_list=True))


def team_of(agents: list[str]) -> dict[str, str]:
	"""agent -> the team they belong to (直管): a supervisor heads their own team (they have direct reports),
	an agent belongs to their supervisor's (reports_to)."""
	if not agents:
		return {}
	agents = list(set(agents))
	rows = frappe.get_all("Employee", {"name": ("in", agents)}, ["name", "reports_to"])
	heads = set(frappe.get_all("Employee", {"reports_to": ("in", agents)}, pluck="reports_to"))
	return {r.name: r.name if r.name in heads or not r.reports_to else r.reports_to for r in rows}
