# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Customer Inventory (客户盘点): the weekly count of each agent's, team's or office's customers per quadrant
(plain customers 普客 in Standard Service, those being warmed up 升温客户 in Warm Up), the customers first
placed in the week ending on the chosen day (new) and those who changed quadrant in it (moves), and the
navigator's actions (客经导航仪) overdue on that day. Quadrants are read with frappe.get_list, so the org hierarchy applies.
"""

from collections import Counter, defaultdict

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from insurance_activity.rules.customer_navigator import is_overdue
from insurance_activity.rules.customer_quadrant import CAUSE_FIRST, QUADRANTS

QUADRANT = "Customer Quadrant"
GROUPS = {"Agent": "agent", "Team": "team", "Office": "office"}
WEEK_DAYS = 7


def execute(filters=None) -> tuple:
	filters = frappe._dict(filters or {})
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


FIELDS = ["name", "agent", "office", "quadrant", "next_action_due"]


def get_data(group_by: str, on, rows: list | None = None) -> list[dict]:
	"""One row per unit: counts per quadrant, total, customers first placed (new_this_week) and quadrant
	changes (moves_this_week, a first placement is not a move) in the week ending `on`, actions overdue on `on`.
	rows: the Customer Quadrants to count (FIELDS); default those the user may read (frappe.get_list)."""
	if rows is None:
		rows = frappe.get_list(QUADRANT, fields=FIELDS, limit_page_length=0)
	rows = as_of(rows, on)
	teams = team_of([r.agent for r in rows if r.agent])
	unit_of = {}
	for r in rows:
		r.team = teams.get(r.agent)
		unit_of[r.name] = r.get(GROUPS[group_by])
	counts, overdue = defaultdict(Counter), Counter()
	for r in rows:
		counts[unit_of[r.name]][r.quadrant] += 1
		overdue[unit_of[r.name]] += is_overdue(getdate(r.next_action_due) if r.next_action_due else None, on)
	moves, new = Counter(), Counter()
	if rows:
		for move in frappe.get_all(
			"Customer Quadrant Move",
			filters={
				"parenttype": QUADRANT,
				"parent": ("in", list(unit_of)),
				"move_date": ("between", (add_days(on, 1 - WEEK_DAYS), on)),
			},
			fields=["parent", "cause"],
		):
			(new if move.cause == CAUSE_FIRST else moves)[unit_of[move.parent]] += 1
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


def as_of(rows: list, on) -> list:
	"""The rows as they stood at the end of day `on`, from each party's moves (its history): a party moved
	after `on` counts in the quadrant of its last move on or before `on`, and a party first placed after
	`on` is left out (not yet known then). Rows without a later move are returned as they are, so the
	current week reads the stored quadrants. Only the parties moved after `on` have their history read."""
	if not rows:
		return rows
	moved_later = set(
		frappe.get_all(
			"Customer Quadrant Move",
			filters={
				"parenttype": QUADRANT,
				"parent": ("in", [r.name for r in rows]),
				"move_date": (">", on),
			},
			pluck="parent",
			distinct=True,
		)
	)
	if not moved_later:
		return rows
	then = {}
	for move in frappe.get_all(
		"Customer Quadrant Move",
		filters={"parenttype": QUADRANT, "parent": ("in", list(moved_later)), "move_date": ("<=", on)},
		fields=["parent", "to_quadrant"],
		order_by="move_date asc, idx asc",
	):
		then[move.parent] = move.to_quadrant  # the last one wins
	kept = []
	for r in rows:
		if r.name in moved_later:
			if r.name not in then:
				continue
			r.quadrant = then[r.name]
		kept.append(r)
	return kept


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
