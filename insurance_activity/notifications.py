"""Notifications for every area: in-app (Notification Log), and by email when the settings ask for it.

A notification is written in its recipient's own desk language: a subject or body given as a function
is composed while that language is in force, so `_()` inside it translates for the recipient.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import frappe
from frappe.utils import cint

from insurance_activity.settings import get_settings

Text = str | Callable[[], str]


def notify(
	user: str | None,
	document_type: str,
	document_name: str | None,
	subject: Text,
	body: Text | None = None,
	email: bool | None = None,
	once: bool = False,
	link: str | None = None,
) -> int:
	"""Notify `user` about a document; returns 1 when a notification was made, else 0.

	subject, body: text, or a function returning it (composed in the recipient's language).
	email: None follows *Also Send Reminders by Email* in Insurance Activity Settings; when on, a real
	email is queued (Email Queue) besides the in-app notification, which Frappe does not email for Alerts.
	once: nothing is made when this user was already notified with this subject about this document,
	so a job can be re-run without notifying anybody twice.
	link: where the notification opens (a desk route such as a report with its filters) instead of the
	document's form.
	"""
	if not user:
		return 0
	with language_of_user(user):
		subject = subject() if callable(subject) else subject
		body = (body() if callable(body) else body) or subject
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
		email = cint(get_settings().email_reminders)
	log = frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"document_type": document_type,
			"document_name": document_name,
			"subject": subject,
			"email_content": body,
			"link": link,
		}
	)
	log.flags.ignore_permissions = True
	log.insert()
	address = frappe.db.get_value("User", user, "email")
	if email and address:
		try:
			frappe.sendmail(
				recipients=[address],
				subject=frappe.utils.strip_html(subject),
				message=body,
				reference_doctype=document_type,
				reference_name=document_name,
			)
		except frappe.OutgoingEmailError:
			# no outgoing Email Account: the in-app notification stands; the settings form warns about it
			frappe.log_error(title="Insurance Activity: reminder email not sent (no outgoing Email Account)")
	return 1


def user_language(user: str | None) -> str:
	"""The user's own desk language, else the site's."""
	return (
		(frappe.db.get_value("User", user, "language") if user else None)
		or frappe.db.get_default("lang")
		or "en"
	)


@contextmanager
def language_of_user(user: str | None) -> Iterator[str]:
	"""Translate in `user`'s language inside the block (frappe.local.lang), then switch back."""
	previous = frappe.local.lang
	frappe.local.lang = user_language(user)
	try:
		yield frappe.local.lang
	finally:
		frappe.local.lang = previous
