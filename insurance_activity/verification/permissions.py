"""Who sees and works which callback checks and incidents (registered in hooks.py).

The org hierarchy rule (permissions/org_hierarchy.py) decides who sees the records of an agent, with two
additions for callbacks:
- a callback officer (回访专员) sees and works the checks assigned to them, and only those;
- an agent never edits a check on their own visit, and does not see it while it is pending: a check
  the agent knows about before the call could be "prepared" with the customer.
Only the assigned officer (for a spot-check, the supervisor) and admins change a check.
"""

import frappe

from insurance_activity.org import employee_of_user
from insurance_activity.permissions.org_hierarchy import (
	can_see_employee,
	has_permission_for,
	query_for,
	sees_all_units,
)
from insurance_activity.rules.callback_outcomes import PENDING, is_closed

READ_PTYPES = {"read", "select", "print", "email", "export", "report", "share"}


def callback_check_query(user=None):
	user = user or frappe.session.user
	if sees_all_units(user):
		return ""
	table = "`tabCallback Check`"
	conditions = [f"{table}.`assigned_officer` = {frappe.db.escape(user)}"]
	employee = employee_of_user(user)
	if employee:
		own_pending = f"({table}.`agent` = {frappe.db.escape(employee)} and {table}.`status` = {frappe.db.escape(PENDING)})"
		conditions.append(f"({query_for('Callback Check', 'agent', user)} and not {own_pending})")
	return "(" + " or ".join(conditions) + ")"


def callback_check_has_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	if sees_all_units(user):
		return True
	employee = employee_of_user(user)
	own_visit = bool(employee) and doc.get("agent") == employee
	if own_visit:
		return (ptype or "read") in READ_PTYPES and is_closed(doc.get("status"))
	if doc.get("assigned_officer") == user:
		return True
	if (ptype or "read") not in READ_PTYPES:
		return False
	return can_see_employee(user, doc.get("agent"))


def conduct_incident_query(user=None):
	return query_for("Conduct Incident", "agent", user)


def conduct_incident_has_permission(doc, ptype=None, user=None):
	return has_permission_for(doc, "agent", user)
