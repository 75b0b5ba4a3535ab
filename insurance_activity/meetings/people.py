"""Who belongs to an office's meetings: the host (the office manager) and every supervisor and above.

The host is the office's unit manager (`org.unit_manager`); "supervisor and above" is the organisation's
(`org.supervisors_and_above`: a team leader by the reporting line, or a supervisor's role). The host runs
the meeting and is not counted among the attendees, so the attendance rate is the supervisors' own.
"""

import frappe

from insurance_activity.org import (
	employee_of_user,
	is_supervisor_or_above,
	managed_offices,
	office_of,
	supervisors_and_above,
	unit_employees,
	unit_manager,
)


def office_attendees(office: str) -> list[frappe._dict]:
	"""Every supervisor and above in the office, the host excepted: who is expected at its meetings."""
	host = unit_manager(office)
	return [
		e
		for e in supervisors_and_above(unit_employees(office, fields=("name", "employee_name", "user_id")))
		if e.name != host
	]


def offices_read_by(user: str) -> list[str]:
	"""Offices whose meetings `user` reads in full: those they run, and their own office if a supervisor."""
	employee = employee_of_user(user)
	if not employee:
		return []
	offices = set(managed_offices(employee))
	own = office_of(employee)
	if own and is_supervisor_or_above(employee):
		offices.add(own)
	return sorted(offices)
