# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Conduct Incident (违规记录): a finding against an agent from a callback, and its appeal (申诉).

Raised by a Callback Check closed as Visit Not Happened, Misconduct or Complaint (CallbackCheck.apply_outcome).
The form's buttons are the whitelisted methods `appeal` (the agent, or a manager who sees them: read
permission) and `decide_appeal` (an activity admin); an upheld appeal reverses the incident and restores
the visit through its check (CallbackCheck.overturn_on_appeal). The appeal rules are the core's
(`rules/callback_outcomes.py`).
"""

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from insurance_activity.controllers.document import AppDocument
from insurance_activity.notifications import notify
from insurance_activity.org import unit_manager, user_of_employee
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.rules import callback_outcomes as outcomes
from insurance_activity.settings import get_settings

INCIDENT = "Conduct Incident"


class ConductIncident(AppDocument):
	"""A finding against an agent from a callback: a visit that did not happen, misconduct or a valid
	complaint (有效投诉), with its appeal (申诉).

	Not HRMS's Employee Grievance: that is raised by an employee (the Employee dashboard links it by
	raised_by) and needs the raiser to be an Employee; this is a finding about the agent, with an appeal.
	"""

	# ------------------------------------------------------------ the form's buttons (frm.call)
	@frappe.whitelist(methods=["POST"])
	def appeal(self, reason: str) -> dict:
		"""The agent (or a manager who sees them, for them) appeals an active incident, giving the reason (申诉).

		Needs read permission on the incident. Errors: no reason; the incident is not Active or was
		appealed before (an incident is appealed once). Notifies the supervisor and the office manager.
		Returns the saved incident as a dict. Acts on the incident as stored (act_on_stored_record).
		"""
		self.act_on_stored_record()
		self.check_permission("read")
		if not (reason or "").strip():
			frappe.throw(_("Give the reason for the appeal."))
		if outcomes.appeal_error(self.status, deciding=False, decided_before=bool(self.appeal_decision)):
			frappe.throw(
				_("{0} cannot be appealed: it is {1} and an incident is appealed only once.").format(
					self.name, _(self.status)
				)
			)
		self.status = outcomes.INCIDENT_UNDER_APPEAL
		self.appeal_reason = reason.strip()
		self.appealed_by, self.appealed_on = frappe.session.user, now_datetime()
		self.flags.ignore_permissions = True
		self.save()
		self.notify_management(
			lambda: _("Appeal against {0}: {1}").format(_(self.incident_type), self.agent_name)
		)
		return self.as_dict()

	@frappe.whitelist(methods=["POST"])
	def decide_appeal(self, upheld: int | str, notes: str | None = None) -> dict:
		"""An activity admin upholds (1) or rejects (0) the appeal, with the decision's notes.

		An upheld appeal reverses the incident (Reversed on Appeal) and restores the visit; a rejected one
		leaves it Active; the history stays on the records. Errors: PermissionError for anyone but an
		activity admin (Administrator, System Manager, Activity Admin); the incident is not under appeal.
		Notifies the supervisor, the office manager and the agent. Returns the saved incident as a dict. Acts on
		the incident as stored (act_on_stored_record).
		"""
		self.act_on_stored_record()
		if not sees_all_units(frappe.session.user):
			frappe.throw(_("Only an activity admin decides appeals."), frappe.PermissionError)
		upheld = cint(upheld) == 1
		if outcomes.appeal_error(self.status, deciding=True):
			frappe.throw(_("{0} is not under appeal.").format(self.name))
		self.appeal_decision = "Upheld" if upheld else "Rejected"
		self.decision_notes = notes
		self.decided_by, self.decided_on = frappe.session.user, now_datetime()
		self.status = outcomes.INCIDENT_REVERSED if upheld else outcomes.INCIDENT_ACTIVE
		self.flags.ignore_permissions = True
		self.save()
		if upheld and self.callback_check:
			frappe.get_doc("Callback Check", self.callback_check).overturn_on_appeal(self.name)

		def subject():
			return _("Appeal {0}: {1} of {2}").format(
				_("upheld") if upheld else _("rejected"), _(self.incident_type), self.agent_name
			)

		self.notify_management(subject, include_agent=True)
		return self.as_dict()

	# ------------------------------------------------------------ who hears of it
	def notify_management(self, subject, include_agent: bool = False):
		"""Notify the agent's supervisor and office manager (and the agent when asked), each in their language.

		subject: a function composing the text (notifications.notify)."""
		employees = [self.supervisor, unit_manager(self.office)]
		if include_agent:
			employees.append(self.agent)
		users = {user_of_employee(e) for e in employees if e} - {None, ""}
		email = cint(get_settings().email_reminders)
		for user in sorted(users):
			notify(user, INCIDENT, self.name, subject, self.finding or subject, email)


def valid_complaint_counts(from_date, to_date, agents: list[str] | None = None) -> dict[str, int]:
	"""Valid complaints (有效投诉) per agent found in a period, for evaluation: complaints not reversed.

	Returns agent (Employee) -> count of Complaint incidents dated from_date..to_date (inclusive), of
	`agents` when given, counted by the database (GROUP BY) over the incidents the session user may read
	(frappe.get_list: the permission rule applies); agents without one are left out."""
	filters = {
		"incident_type": outcomes.COMPLAINT,
		"status": ("!=", outcomes.INCIDENT_REVERSED),
		"incident_date": ("between", [from_date, to_date]),
	}
	if agents is not None:
		filters["agent"] = ("in", agents or [""])
	rows = frappe.get_list(
		INCIDENT,
		filters=filters,
		fields=["agent", "count(name) as complaints"],
		group_by="agent",
		order_by="agent",
		limit_page_length=0,
	)
	return {row.agent: row.complaints for row in rows}
