"""Team board endpoints (主管看板), for the supervisor's phone: the team's day and one-tap tracking calls.

Who may open which board: a supervisor their own team; an office manager any team in their office(s) and
their own; an admin any team. Agents have no board. A tracking call goes only to the caller's own direct
reports, on the caller's own log.
"""

import frappe
from frappe import _
from frappe.utils import escape_html

from insurance_activity.activity import team_board as board
from insurance_activity.analytics.figures import on_day
from insurance_activity.org import employee_of_user, is_manager_of
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.permissions.roles import ACTIVITY_ADMIN, INSURANCE_SUPERVISOR, OFFICE_MANAGER

BOARD_ROLES = (INSURANCE_SUPERVISOR, OFFICE_MANAGER, ACTIVITY_ADMIN, "System Manager")


@frappe.whitelist()
@frappe.read_only()
def get_board(date: str | None = None, supervisor: str | None = None) -> dict:
	"""The team's day for `supervisor` (default: the caller's own team) and, for managers, every team's roll-up.
	`date`: "YYYY-MM-DD" (default today); frappe.ValidationError for text that is no date of 1900-2999."""
	user = frappe.session.user
	check_board_role(user)
	caller = employee_of_user(user)
	day = on_day(date)  # a date of 1900-2999; Frappe's getdate reads 0001-01-01 as no date at all
	all_units = sees_all_units(user)
	teams = board.teams_in_units(caller, all_units) if (all_units or is_office_manager(user)) else []

	if supervisor and not frappe.db.exists("Employee", supervisor):
		frappe.throw(
			_("No employee {0}: choose a supervisor to open their team's board.").format(
				frappe.bold(escape_html(str(supervisor)))
			),
			frappe.DoesNotExistError,
		)
	supervisor = supervisor or caller or (teams[0].supervisor if teams else None)
	if not supervisor:
		return {"date": str(day), "reports": [], "teams": [], "supervisor": None}
	check_can_open_team(user, caller, supervisor)

	result = board.team_board(supervisor, day, can_record_calls=(supervisor == caller))
	result["teams"] = board.office_roll_up(teams, day)
	return result


@frappe.whitelist(methods=["POST"])
def record_tracking_call(report: str, notes: str | None = None) -> dict:
	"""Record a tracking call (电话追踪) to one of the caller's direct reports on the caller's log of today."""
	user = frappe.session.user
	check_board_role(user)
	caller = employee_of_user(user)
	if not caller or not board.is_direct_report(caller, report):
		frappe.throw(
			_("{0} is not your direct report: you can record tracking calls only for your own team.").format(
				frappe.bold(frappe.db.get_value("Employee", report, "employee_name") or report)
			),
			frappe.PermissionError,
			title=_("Not Your Report"),
		)
	log = board.add_tracking_call(caller, report, notes)
	return {"log": log.name, "report": report, "tracked": True, "missing": log.missing_tracking_calls}


def check_board_role(user: str) -> None:
	if not set(BOARD_ROLES) & set(frappe.get_roles(user)):
		frappe.throw(
			_("The team board is for supervisors and office managers."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def check_can_open_team(user: str, caller: str | None, supervisor: str) -> None:
	"""Own team, a team under the caller in the reporting line or in their office, or any team for admins."""
	if sees_all_units(user) or supervisor == caller or (caller and is_manager_of(caller, supervisor)):
		return
	frappe.throw(
		_("You can open only your own team's board or a team in your office."),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


def is_office_manager(user: str) -> bool:
	return OFFICE_MANAGER in frappe.get_roles(user)
