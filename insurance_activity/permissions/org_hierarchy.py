"""One rule for who sees what: an agent their own records, a supervisor their whole subtree, an office or
branch manager their units, admins everything. Enforced on the server for list, form, report and REST.

Every doctype that belongs to an agent is registered in hooks.py with `query_for(fieldname)` and
`has_permission_for(fieldname)` on the field that holds the agent (an Employee).
"""

import frappe

from insurance_activity.org import employee_of_user
from insurance_activity.setup.roles import ALL_UNITS_ROLES


def sees_all_units(user: str) -> bool:
	return user == "Administrator" or bool(set(frappe.get_roles(user)) & set(ALL_UNITS_ROLES))


def visible_employees_condition(user: str) -> str:
	"""SQL condition on an Employee name column placeholder `{column}`: the employees `user` may see."""
	employee = employee_of_user(user)
	if not employee:
		return "1=0"
	lft, rgt = frappe.db.get_value("Employee", employee, ["lft", "rgt"])
	escaped = frappe.db.escape(employee)
	# {column} stays a placeholder for the caller; the numbers and the escaped name are filled in here
	return (
		"{column} in (select e.name from `tabEmployee` e where (e.lft >= "
		+ str(int(lft))
		+ " and e.rgt <= "
		+ str(int(rgt))
		+ ") or e.department in (select d.name from `tabDepartment` d, `tabDepartment` m "
		"where m.ia_unit_manager = " + escaped + " and d.lft >= m.lft and d.rgt <= m.rgt))"
	)


def can_see_employee(user: str, employee: str | None) -> bool:
	if sees_all_units(user):
		return True
	if not employee:
		return False
	condition = visible_employees_condition(user).replace("{column}", frappe.db.escape(employee))
	return bool(frappe.db.sql(f"select {condition}")[0][0])


def query_for(doctype: str, fieldname: str, user: str | None = None) -> str:
	user = user or frappe.session.user
	if sees_all_units(user):
		return ""
	return visible_employees_condition(user).replace("{column}", f"`tab{doctype}`.`{fieldname}`")


def has_permission_for(doc, fieldname: str, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return can_see_employee(user, doc.get(fieldname))


# Registered in hooks.py -------------------------------------------------------
def agent_log_query(user=None):
	return query_for("Agent Log", "agent", user)


def agent_log_has_permission(doc, ptype=None, user=None):
	return has_permission_for(doc, "agent", user)
