"""Who sees and runs an office's meetings, on the server for list, form, report and REST.

- An office manager runs (reads and writes) the meetings of the offices they manage; a branch manager
  those of every office in the branch; admins all of them.
- A supervisor (and above) reads every meeting of their own office.
- Anyone else, an agent for instance, sees only the meetings they are listed to attend.
"""

import frappe

from insurance_activity.meetings.people import offices_read_by, offices_run_by
from insurance_activity.org import employee_of_user
from insurance_activity.permissions.org_hierarchy import sees_all_units

READ_TYPES = ("read", "print", "email", "report", "export")


def meeting_session_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if sees_all_units(user):
		return ""
	employee = employee_of_user(user)
	if not employee:
		return "1=0"
	conditions = [
		"exists (select 1 from `tabMeeting Attendee` a where a.parenttype = 'Meeting Session' "
		"and a.parent = `tabMeeting Session`.name and a.employee = " + frappe.db.escape(employee) + ")"
	]
	offices = offices_read_by(user)
	if offices:
		listed = ", ".join(frappe.db.escape(office) for office in offices)
		conditions.append(f"`tabMeeting Session`.`office` in ({listed})")
	return "(" + " or ".join(conditions) + ")"


def meeting_session_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	if sees_all_units(user):
		return True
	employee = employee_of_user(user)
	if not employee:
		return False
	if doc.get("office") in offices_run_by(employee):
		return True
	if (ptype or "read") not in READ_TYPES:
		return False
	return doc.get("office") in offices_read_by(user) or any(
		row.employee == employee for row in doc.get("attendees") or []
	)
