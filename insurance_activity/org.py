"""The sales organisation on ERPNext/HRMS records: branch > office (Department tree) > team (reports_to) > agent.

An agent is an Employee with a user; a supervisor's team is their `reports_to` subtree (Employee is a nested
set, so a whole subtree is one range query); offices and branches are Departments marked with a unit level,
and the Department's unit manager runs it.
"""

import frappe


def employee_of_user(user: str | None = None) -> str | None:
	user = user or frappe.session.user
	return frappe.db.get_value("Employee", {"user_id": user, "status": "Active"}, "name", cache=True)


def user_of_employee(employee: str) -> str | None:
	return frappe.get_cached_value("Employee", employee, "user_id")


def direct_reports(employee: str) -> list[str]:
	"""Active direct reports (直管属员), in name order."""
	return frappe.get_all(
		"Employee",
		filters={"reports_to": employee, "status": "Active"},
		pluck="name",
		order_by="employee_name, name",
	)


def subtree(employee: str, include_self: bool = True) -> list[str]:
	"""Everyone under `employee` in the reporting tree (the whole team, all levels)."""
	lft, rgt = frappe.db.get_value("Employee", employee, ["lft", "rgt"])
	employees = frappe.qb.DocType("Employee")
	query = (
		frappe.qb.from_(employees)
		.select(employees.name)
		.where((employees.lft >= lft) & (employees.rgt <= rgt))
	)
	if not include_self:
		query = query.where(employees.name != employee)
	return [row[0] for row in query.run()]


def office_of(employee: str) -> str | None:
	"""The employee's sales office: the nearest Department up the tree whose unit level is Office."""
	department = frappe.get_cached_value("Employee", employee, "department")
	while department:
		level, parent = frappe.get_cached_value(
			"Department", department, ["ia_unit_level", "parent_department"]
		)
		if level == "Office":
			return department
		department = parent
	return None


def managed_departments(employee: str) -> list[str]:
	"""Departments (offices, branches) that `employee` manages, with every department under them."""
	roots = frappe.get_all("Department", filters={"ia_unit_manager": employee}, fields=["lft", "rgt"])
	names: list[str] = []
	for root in roots:
		names += frappe.get_all(
			"Department", filters={"lft": (">=", root.lft), "rgt": ("<=", root.rgt)}, pluck="name"
		)
	return sorted(set(names))


def is_manager_of(manager: str, employee: str) -> bool:
	"""True when `manager` is above `employee` in the reporting line or manages their office or branch."""
	if manager == employee:
		return False
	m_lft, m_rgt = frappe.db.get_value("Employee", manager, ["lft", "rgt"])
	e_lft, e_rgt, department = frappe.db.get_value("Employee", employee, ["lft", "rgt", "department"])
	if m_lft < e_lft and e_rgt < m_rgt:
		return True
	return bool(department) and department in managed_departments(manager)


def team_heads(employees) -> set[str]:
	"""Those of `employees` who head a team (团队): at least one active Employee reports to them."""
	employees = list(set(employees) - {None, ""})
	if not employees:
		return set()
	return set(
		frappe.get_all(
			"Employee",
			filters={"reports_to": ("in", employees), "status": "Active"},
			pluck="reports_to",
			distinct=True,
		)
	)
