"""Callback Check endpoints: the admin's sampling run, the supervisor's spot-check, and an officer's calls.

Who may do what: an admin runs the sampling for a date; a supervisor spot-checks their own direct
reports' visits; the assigned officer (for a spot-check, the supervisor) records calls and closes the
check. The agent never changes a check (see permissions/rules.py).
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from insurance_activity.org import direct_reports, employee_of_user
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.verification import callback_service, sampling, spot_checks


@frappe.whitelist(methods=["POST"])
def run_sampling(activity_date: str) -> dict:
	"""Sample the visits of `activity_date` now (admins); a day already sampled adds nothing."""
	if not sees_all_units(frappe.session.user):
		frappe.throw(_("Only an activity admin can run the callback sampling."), frappe.PermissionError)
	if getdate(activity_date) >= getdate(today()):
		frappe.throw(_("Sample a day that is over: {0} has not ended yet.").format(activity_date))
	return sampling.run_sampling(activity_date, show_progress=True)


@frappe.whitelist()
def offer_spot_check() -> dict:
	"""The caller's spot-check for today: one offered visit of a direct report, and the others to pick from."""
	supervisor = calling_supervisor()
	offer = spot_checks.offer_spot_check(supervisor, today())
	return {
		"visit_date": str(offer["visit_date"]),
		"offered": offer["offered"],
		"choices": offer["choices"],
	}


@frappe.whitelist(methods=["POST"])
def start_spot_check(agent_log: str, activity_row: str) -> str:
	"""Make today's spot-check of one of the caller's reports' visits; returns the Callback Check."""
	supervisor = calling_supervisor()
	return spot_checks.start_spot_check(supervisor, agent_log, activity_row, today()).name


@frappe.whitelist(methods=["POST"])
def record_call(name: str, result: str) -> dict:
	"""One call attempt by the assigned officer, now."""
	doc = frappe.get_doc("Callback Check", name)
	doc.check_permission("write")
	return callback_service.record_call(doc, result).as_dict()


@frappe.whitelist(methods=["POST"])
def close_check(
	name: str, outcome: str | None = None, customer_satisfaction: str | None = None, notes: str | None = None
) -> dict:
	"""Close the check with the call's outcome; refused with the reason when the outcome is missing."""
	doc = frappe.get_doc("Callback Check", name)
	doc.check_permission("write")
	return callback_service.close_check(doc, outcome, customer_satisfaction, notes).as_dict()


def calling_supervisor() -> str:
	supervisor = employee_of_user(frappe.session.user)
	if not supervisor or not direct_reports(supervisor):
		frappe.throw(
			_("Only a supervisor with direct reports spot-checks their visits."), frappe.PermissionError
		)
	return supervisor
