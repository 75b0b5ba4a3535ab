"""Conduct Incident endpoints: the agent's appeal (申诉) and the admin's decision on it."""

import frappe
from frappe import _

from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.verification import callback_service


@frappe.whitelist(methods=["POST"])
def appeal(name: str, reason: str) -> dict:
	"""The agent, or a manager who sees them, appeals an active incident."""
	doc = frappe.get_doc("Conduct Incident", name)
	doc.check_permission("read")
	return callback_service.appeal_incident(doc, reason).as_dict()


@frappe.whitelist(methods=["POST"])
def decide_appeal(name: str, upheld: int | str, notes: str | None = None) -> dict:
	"""An activity admin upholds (reversing the incident and restoring the visit) or rejects an appeal."""
	if not sees_all_units(frappe.session.user):
		frappe.throw(_("Only an activity admin decides appeals."), frappe.PermissionError)
	doc = frappe.get_doc("Conduct Incident", name)
	return callback_service.decide_appeal(doc, frappe.utils.cint(upheld) == 1, notes).as_dict()
