"""Who belongs to an office's meetings: the host (the office manager) and every supervisor and above.

"Supervisor and above" in an office: an active Employee of the office's Department subtree who has
direct reports (a team leader by the reporting line), or whose user has the Insurance Supervisor or
Office Manager role (a new supervisor whose team is not built yet). The host runs the meeting and is not
counted among the attendees, so the attendance rate is the supervisors' own.
"""

import frappe

from insurance_activity.org import (
	OFFICE,
	employee_of_user,
	managed_departments,
	office_of,
	team_heads,
	unit_employees,
)
from insurance_activity.permissions.roles import INSURANCE_SUPERVISOR, OFFICE_MANAGER

SUPERVISOR_ROLES = (INSURANCE_SUPERVISOR, OFFICE_MANAGER)


def all_offices() -> list[str]:
	"""Every sales office (营业室): Departments whose unit level is Office."""
	return frappe.get_all("Department", filters={"ia_unit_level": OFFICE}, pluck="name", order_by="lft")


def office_host(office: str) -> str | None:
	"""The office manager (营业室负责人), the Department's unit manager, who hosts its meetings."""
	return frappe.get_cached_value("Department", office, "ia_unit_manager")


def supervisors_and_above(employees: list[frappe._dict]) -> list[frappe._dict]:
	"""Those of `employees` who lead a team or hold a supervisor or office manager role."""
	if not employees:
		return []
	leaders = team_heads(e.name for e in employees)
	users = [e.user_id for e in employees if e.user_id]
	role_holders = set(
		frappe.get_all(
			"Has Role",
			filters={"parent": ("in", users), "parenttype": "User", "role": ("in", SUPERVISOR_ROLES)},
			pluck="parent",
		)
		if users
		else []
	)
	return [e for e in employees if e.name in leaders or (e.user_id and e.user_id in role_holders)]


def office_attendees(office: str) -> list[frappe._dict]:
	"""Every supervisor and above in the office, the host excepted: who is expected at its meetings."""
	host = office_host(office)
	return [
		e
		for e in supervisors_and_above(unit_employees(office, fields=("name", "employee_name", "user_id")))
		if e.name != host
	]


def is_supervisor_or_above(employee: str) -> bool:
	row = frappe.db.get_value("Employee", employee, ["name", "employee_name", "user_id"], as_dict=True)
	return bool(row and supervisors_and_above([row]))


def offices_run_by(employee: str) -> list[str]:
	"""Offices whose meetings `employee` runs: the offices they manage, and those under a branch they manage."""
	managed = set(managed_departments(employee))
	return [office for office in all_offices() if office in managed]


def offices_read_by(user: str) -> list[str]:
	"""Offices whose meetings `user` reads in full: those they run, and their own office if a supervisor."""
	employee = employee_of_user(user)
	if not employee:
		return []
	offices = set(offices_run_by(employee))
	own = office_of(employee)
	if own and is_supervisor_or_above(employee):
		offices.add(own)
	return sorted(offices)
