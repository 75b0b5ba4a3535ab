"""Who sees production records: the org hierarchy rule (query_for / has_permission_for) for everything
that belongs to an agent, plus finance (HRMS/Accounts roles), who read every unit's production to settle
pay. Registered in hooks.py.
"""

import frappe

from insurance_activity.org import employee_of_user, is_manager_of
from insurance_activity.permissions.org_hierarchy import (
	can_see_employee,
	has_permission_for,
	query_for,
	sees_all_units,
)

# Finance and payroll work with HRMS/Accounts roles; they read every unit's production figures.
FINANCE_ROLES = ("HR Manager", "Accounts User")


def reads_all_units(user: str) -> bool:
	return sees_all_units(user) or bool(set(frappe.get_roles(user)) & set(FINANCE_ROLES))


def agent_owned_query(doctype: str, fieldname: str, user: str | None) -> str:
	user = user or frappe.session.user
	return "" if reads_all_units(user) else query_for(doctype, fieldname, user)


def agent_owned_permission(doc, fieldname: str, user: str | None) -> bool:
	user = user or frappe.session.user
	return reads_all_units(user) or has_permission_for(doc, fieldname, user)


def managed_offices_condition(column: str, user: str) -> str:
	"""SQL condition: `column` (a Department) is one of the units the user's Employee manages."""
	employee = employee_of_user(user)
	if not employee:
		return "1=0"
	return (
		f"{column} in (select d.name from `tabDepartment` d, `tabDepartment` m "
		f"where m.ia_unit_manager = {frappe.db.escape(employee)} and d.lft >= m.lft and d.rgt <= m.rgt)"
	)


# Registered in hooks.py -------------------------------------------------------
def policy_query(user=None):
	return agent_owned_query("Insurance Policy", "agent", user)


def policy_has_permission(doc, ptype=None, user=None):
	return agent_owned_permission(doc, "agent", user)


def agent_performance_query(user=None):
	return agent_owned_query("Agent Monthly Performance", "agent", user)


def agent_performance_has_permission(doc, ptype=None, user=None):
	return agent_owned_permission(doc, "agent", user)


def tier_review_query(user=None):
	return agent_owned_query("Tier Review", "agent", user)


def tier_review_has_permission(doc, ptype=None, user=None):
	return agent_owned_permission(doc, "agent", user)


def office_performance_query(user=None):
	"""An office's figures are its managers' (and the branch managers' above), admins' and finance's."""
	user = user or frappe.session.user
	if reads_all_units(user):
		return ""
	return managed_offices_condition("`tabOffice Monthly Performance`.`office`", user)


def office_performance_has_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	if reads_all_units(user):
		return True
	condition = managed_offices_condition(frappe.db.escape(doc.office or ""), user)
	return bool(frappe.db.sql(f"select {condition}")[0][0])


def target_query(user=None):
	"""Targets of the people a user sees (a unit's target is its manager's); company targets: admins."""
	return agent_owned_query("Production Target", "employee", user)


def target_has_permission(doc, ptype=None, user=None):
	"""Everyone reads the targets of the people they see; a target is set or split by someone above its
	holder (an office manager for their supervisors, a supervisor for their agents) or an admin."""
	user = user or frappe.session.user
	if sees_all_units(user):
		return True
	if ptype in (None, "read", "print", "email", "report", "export", "select"):
		return reads_all_units(user) or can_see_employee(user, doc.get("employee"))
	editor = employee_of_user(user)
	return bool(editor and doc.get("employee") and is_manager_of(editor, doc.employee))
