"""The organisation as query-builder conditions: who a user sees, built once for lists and documents.

A user sees the Employees of their reporting subtree (Employee is a nested set: one range), and every
Employee of the departments they manage with everything under them (an office, or a branch with its
offices). Values are rendered with frappe.db.escape (pypika's own quoting does not escape backslashes),
so a condition may be handed to Frappe as SQL text.
"""

from pypika.terms import Term

import frappe
from frappe.query_builder import DocType

from insurance_activity.org import employee_of_user
from insurance_activity.permissions.roles import ALL_UNITS_ROLES


class Value(Term):
	"""A literal for SQL text: rendered with frappe.db.escape; None is NULL."""

	def __init__(self, value):
		super().__init__()
		self.value = value

	def get_sql(self, **kwargs) -> str:
		return "NULL" if self.value is None else frappe.db.escape(str(self.value))


def sees_all_units(user: str) -> bool:
	"""Administrator, System Managers and Activity Admins see every unit."""
	return user == "Administrator" or has_any_role(user, ALL_UNITS_ROLES)


def has_any_role(user: str, roles) -> bool:
	return bool(set(frappe.get_roles(user)) & set(roles))


def managed_departments(employee: str):
	"""Subquery: the Departments `employee` manages (ia_unit_manager), each with every Department under it."""
	unit, managed = DocType("Department").as_("unit"), DocType("Department").as_("managed")
	return (
		frappe.qb.from_(unit)
		.join(managed)
		.on((unit.lft >= managed.lft) & (unit.rgt <= managed.rgt))
		.select(unit.name)
		.where(managed.ia_unit_manager == Value(employee))
	)


def visible_employees(employee: str):
	"""Subquery: the Employees `employee` sees: their reporting subtree (self included) and everyone in
	the departments they manage."""
	lft, rgt = frappe.db.get_value("Employee", employee, ["lft", "rgt"])
	people = DocType("Employee").as_("seen")
	return (
		frappe.qb.from_(people)
		.select(people.name)
		.where(
			((people.lft >= int(lft or 0)) & (people.rgt <= int(rgt or 0)))
			| people.department.isin(managed_departments(employee))
		)
	)


def user_employee(user: str) -> str | None:
	return employee_of_user(user)
