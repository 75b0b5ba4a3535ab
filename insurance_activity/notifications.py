"""In-app notifications (Notification Log) for every area: by email too only when the settings ask for it."""

import frappe
from frappe.utils import cint


def notify(
	user: str | None,
	document_type: str,
	document_name: str | None,
	subject: str,
	body: str | None = None,
	email: bool | None = None,
	once: bool = False,
) -> int:
	"""Notify `user` about a document; returns 1 when a notification was made, else 0.

	email: None follows *Also Send Reminders by Email* in Insurance Activity Settings.
	once: nothing is made when this user was already notified with this subject about this document,
	so a job can be re-run without notifying anybody twice.
	"""
	if not user:
		return 0
	if once and frappe.db.exists(
		"Notification Log",
		{
			"for_user": user,
			"document_type": document_type,
			"document_name": document_name,
			"subject": subject,
		},
	):
		return 0
	if email is None:
		email = cint(frappe.db.get_single_value("Insurance Activity Settings", "email_reminders"))
	log = frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"document_type": document_type,
			"document_name": document_name,
			"subject": subject,
			"email_content": body or subject,
		}
	)
	log.flags.ignore_permissions = True
	muted = frappe.flags.mute_emails
	frappe.flags.mute_emails = muted or not email
	try:
		log.insert()
	finally:
		frappe.flags.mute_emails = muted
	return 1
