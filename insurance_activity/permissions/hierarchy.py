"""The organisation as query-builder conditions: who a user sees, built once for lists and documents.

A user sees the Employees of their reporting subtree (Employee is a nested set: one range), and every
Employee of the departments they manage with everything under them (an office, or a branch with its
offices). The organisation's own look-ups (the managed-departments subquery, the user's Employee) come
from `insurance_activity.org`, which imports nothing of this package when it loads. Values are rendered
with `org.Value` (frappe.db.escape), so a condition may be handed to Frappe as SQL text.
"""

import frappe
from frappe.query_builder import DocType

from insurance_activity.org import managed_departments_query, manages_units, tree_span
from insurance_activity.permissions.roles import ALL_UNITS_ROLES


def sees_all_units(user: str) -> bool:
	"""Administrator, System Managers and Activity Admins see every unit."""
	return user == "Administrator" or has_any_role(user, ALL_UNITS_ROLES)


def has_any_role(user: str, roles) -> bool:
	return bool(set(frappe.get_roles(user)) & set(roles))


def visible_employees(employee: str, lookups: dict | None = None):
	"""Subquery: the Employees `employee` sees: their reporting subtree (self included) and everyone in
	the departments they manage. lookups: the memo of the document being checked (org.lookups_of).

	The subtree is read from Employee's (lft, rgt) index, bounded on both sides (a descendant's lft lies
	between the employee's lft and rgt: the nested set's rule). The departments are asked only of a unit
	manager (org.manages_units): OR-ed with the unindexed department, the range no longer uses the index
	and every Employee row is read (issue 18: a supervisor's small report at 6-17x its SQL)."""
	lft, rgt = tree_span(employee, lookups)
	lft, rgt = int(lft or 0), int(rgt or 0)
	people = DocType("Employee").as_("seen")
	sees = people.lft.between(lft, rgt) & (people.rgt <= rgt)
	if manages_units(employee, lookups):
		sees |= people.department.isin(managed_departments_query(employee))
	return frappe.qb.from_(people).select(people.name).where(sees)
