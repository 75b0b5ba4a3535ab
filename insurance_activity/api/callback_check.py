"""Callback Check endpoints that are not one check's: the admin's sampling run and the supervisor's spot-check.

Who may do what: an admin runs the sampling for a date; a supervisor spot-checks their own direct
reports' visits (which makes a check from a log row). Recording calls and closing a check are methods
of the check itself (CallbackCheck.record_call, close_check; the form calls them with frm.call).
"""

import frappe
from frappe import _
from frappe.utils import getdate, today

from insurance_activity.controllers.typed_input import as_date_text
from insurance_activity.org import direct_reports, employee_of_user
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.verification import sampling, spot_checks


@frappe.whitelist(methods=["POST"])
def run_sampling(activity_date: str) -> dict:
	"""Sample the visits of `activity_date` now (admins); a day already sampled adds nothing."""
	if not sees_all_units(frappe.session.user):
		frappe.throw(_("Only an activity admin can run the callback sampling."), frappe.PermissionError)
	# strictly: getdate reads "1" as the 1st of this month and fails on 0000-00-00
	day = as_date_text(
		activity_date, frappe._dict(fieldname="activity_date", label="Date", fieldtype="Date"), None
	)
	activity_date = str(day)
	if day >= getdate(today()):
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


def calling_supervisor() -> str:
	supervisor = employee_of_user(frappe.session.user)
	if not supervisor or not direct_reports(supervisor):
		frappe.throw(
			_("Only a supervisor with direct reports spot-checks their visits."), frappe.PermissionError
		)
	return supervisor
