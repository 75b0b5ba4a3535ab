"""Meeting Session endpoints: the host opens and closes the meeting and retakes the KPI snapshot.

Each needs write permission on the session, which only those who run the office's meetings have (the
office manager, a branch manager above, admins): see permissions/rules.py.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from insurance_activity.meetings import kpi_snapshot

MEETING_SESSION = "Meeting Session"


def session_to_run(meeting: str):
	doc = frappe.get_doc(MEETING_SESSION, meeting)
	doc.check_permission("write")
	return doc


@frappe.whitelist(methods=["POST"])
def start_meeting(meeting: str) -> dict:
	"""Open the meeting now: the actual start, the KPI snapshot and the open items from earlier meetings."""
	doc = session_to_run(meeting)
	if doc.actual_start:
		frappe.throw(_("The meeting started at {0}.").format(doc.get_formatted("actual_start")))
	doc.actual_start = now_datetime()
	doc.save()
	return doc.as_dict()


@frappe.whitelist(methods=["POST"])
def end_meeting(meeting: str) -> dict:
	"""Close the meeting now: the actual end, the duration, and the quality check's score sheet."""
	doc = session_to_run(meeting)
	if not doc.actual_start:
		frappe.throw(_("Start the meeting before ending it."))
	if doc.actual_end:
		frappe.throw(_("The meeting ended at {0}.").format(doc.get_formatted("actual_end")))
	doc.actual_end = now_datetime()
	doc.save()
	return doc.as_dict()


@frappe.whitelist(methods=["POST"])
def refresh_kpi_snapshot(meeting: str) -> dict:
	"""Take the KPI snapshot again, e.g. after late logs or a production import."""
	doc = session_to_run(meeting)
	kpi_snapshot.take_snapshot(doc)
	doc.save()
	return doc.as_dict()
