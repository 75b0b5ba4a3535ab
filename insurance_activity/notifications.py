"""Notifications for every area: in-app (Notification Log), and by email when the settings ask for it.

A notification is written in its recipient's own desk language: a subject or body given as a function
is composed while that language is in force, so `_()` inside it translates for the recipient.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import frappe
from frappe.query_builder.functions import IfNull
from frappe.utils import cint

from insurance_activity.controllers.bulk import insert_documents
from insurance_activity.settings import get_settings

Text = str | Callable[[], str]


@dataclass
class Notice:
	"""One notification to make (see notify): its recipient, the document it is about, its text."""

	user: str | None
	document_type: str
	document_name: str | None
	subject: Text
	body: Text | None = None
	link: str | None = None


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
	return notify_all([Notice(user, document_type, document_name, subject, body, link)], email, once)


def notify_all(notices: Iterable[Notice], email: bool | None = None, once: bool = False) -> int:
	"""Make many notifications at once, as `notify` makes each (same texts, languages, `once` and email);
	returns how many were made.

	A job that tells every agent of the branch (5,000 missing-log reminders) writes them with a few
	queries: the recipients' languages and addresses in one read, the ones already notified in one read
	(`once`), the Notification Logs in multi-row inserts (controllers/bulk.py), then what Frappe's Notification Log does after
	each insert (NotificationLog.after_insert: the desk's bell, realtime after commit, and the settings'
	unseen flag) once per recipient. Our own bulk path: Frappe makes notifications one document at a time
	(~12 ms each, 66 s for a branch's reminders); an Alert is never emailed by Frappe, so nothing else of
	its insert is skipped.
	"""
	notices = [n for n in notices if n.user]
	if not notices:
		return 0
	users = recipients([n.user for n in notices])
	rows, seen = [], set()  # (notice, subject, body, address, its once-key)
	for n in notices:
		user = users.get(n.user) or frappe._dict(language=None, email=None)
		with in_language(user.language or site_language()):
			subject = n.subject() if callable(n.subject) else n.subject
			body = (n.body() if callable(n.body) else n.body) or subject
		key = (n.user, n.document_type, n.document_name or "", subject)
		if once and key in seen:
			continue
		seen.add(key)
		rows.append((n, subject, body, user.email, key))
	if once:
		done = already_notified([r[0].user for r in rows], [r[0].document_name for r in rows])
		rows = [r for r in rows if r[4] not in done]
	if not rows:
		return 0
	notified = sorted({r[0].user for r in rows})
	rows = [r[:4] for r in rows]
	insert_notification_logs(rows)
	for user in notified:
		frappe.publish_realtime("notification", after_commit=True, user=user)
	mark_unseen(notified)
	if email is None:
		email = cint(get_settings().email_reminders)
	if email:
		for n, subject, body, address in rows:
			if address:
				send_email(n, subject, body, address)
	return len(rows)


def recipients(users: list[str]) -> dict[str, frappe._dict]:
	"""Each user's desk language and email address, in one read."""
	return {
		u.name: u
		for u in frappe.get_all(
			"User", filters={"name": ("in", sorted(set(users)))}, fields=["name", "language", "email"]
		)
	}


def site_language() -> str:
	return frappe.db.get_default("lang") or "en"


def already_notified(users: list[str], names: list[str | None]) -> set[tuple]:
	"""(user, document type, document name, subject) of the Notification Logs these users already have about
	these documents, in one read."""
	log = frappe.qb.DocType("Notification Log")
	query = (
		frappe.qb.from_(log)
		.select(log.for_user, log.document_type, IfNull(log.document_name, ""), log.subject)
		.where(log.for_user.isin(sorted(set(users))))
	)
	wanted = sorted({n for n in names if n})
	if wanted and None not in names:
		query = query.where(log.document_name.isin(wanted))
	return {tuple(r) for r in query.run()}


def insert_notification_logs(rows: list[tuple]) -> None:
	"""The Notification Logs of `rows` ((Notice, subject, body, address)), in multi-row inserts."""
	insert_documents(
		[
			frappe.new_doc(
				"Notification Log",
				for_user=n.user,
				type="Alert",
				document_type=n.document_type,
				document_name=n.document_name,
				subject=subject,
				email_content=body,
				link=n.link,
			)
			for n, subject, body, _address in rows
		]
	)


def mark_unseen(users: list[str]) -> None:
	"""The desk's bell shows new notifications (Frappe's set_notifications_as_unseen, for many users)."""
	settings = frappe.qb.DocType("Notification Settings")
	frappe.qb.update(settings).set(settings.seen, 0).where(settings.name.isin(users)).run()


def send_email(notice: Notice, subject: str, body: str, address: str) -> None:
	try:
		frappe.sendmail(
			recipients=[address],
			subject=frappe.utils.strip_html(subject),
			message=body,
			reference_doctype=notice.document_type,
			reference_name=notice.document_name,
		)
	except frappe.OutgoingEmailError:
		# no outgoing Email Account: the in-app notification stands; the settings form warns about it
		frappe.log_error(title="Insurance Activity: reminder email not sent (no outgoing Email Account)")


@contextmanager
def in_language(lang: str) -> Iterator[str]:
	"""Translate in `lang` inside the block (frappe.local.lang), then switch back."""
	previous = frappe.local.lang
	frappe.local.lang = lang
	try:
		yield lang
	finally:
		frappe.local.lang = previous
