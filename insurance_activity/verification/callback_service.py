"""What a Callback Check does: the shell around the rules core for phone callbacks (电话回访).

A check verifies one activity row of an Agent Log. It is worked by its callback officer (回访专员; for a
supervisor's spot-check, the supervisor), who records calls and closes it with an outcome. A visit that
did not happen or misconduct stops counting (the row is invalidated and the log recomputed), becomes a
Conduct Incident against the agent and reaches the supervisor and the office manager; a complaint is an
incident too (a valid complaint, 有效投诉). An upheld appeal reverses the incident and restores the row.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.translate import get_user_lang, print_language
from frappe.utils import cint, escape_html, formatdate, getdate, now_datetime, today

from insurance_activity.controllers import unique_keys
from insurance_activity.notifications import notify
from insurance_activity.org import employee_of_user, user_of_employee
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.permissions.roles import CALLBACK_OFFICER
from insurance_activity.rules import callback_outcomes as outcomes
from insurance_activity.rules.callback_sampling import has_room
from insurance_activity.rules.phones import phone_key
from insurance_activity.setup.constraints import ONE_CHECK_KEY

SETTINGS = "Insurance Activity Settings"
CHECK = "Callback Check"
INCIDENT = "Conduct Incident"


class AlreadyChecked(frappe.ValidationError):
	"""The activity row has a check already (one check per activity row, 一条活动一次回访)."""


class OfficerAtCapacity(frappe.ValidationError):
	"""The officer already has the day's capacity of checks (每日回访量)."""


# ---------------------------------------------------------------- the visit a check verifies
def fill_from_activity(doc):
	"""Copy the verified activity row's context onto the check: agent, team, office, customer, phone."""
	if not doc.agent_log:
		return
	log = frappe.db.get_value(
		"Agent Log",
		doc.agent_log,
		["name", "agent", "agent_name", "supervisor", "office", "log_date", "docstatus"],
		as_dict=True,
	)
	if not log:
		frappe.throw(_("Agent Log {0} does not exist.").format(doc.agent_log))
	row = find_activity_row(doc)
	doc.activity_row, doc.activity_idx = row.name, row.idx
	doc.activity_kind, doc.activity_time = row.activity_kind, row.activity_time
	doc.activity_date = log.log_date
	doc.agent, doc.agent_name, doc.supervisor, doc.office = (
		log.agent,
		log.agent_name,
		log.supervisor,
		log.office,
	)
	doc.party_type, doc.party, doc.party_name, doc.phone = (
		row.party_type,
		row.party,
		row.party_name,
		row.phone,
	)
	doc.party_key = phone_key(row.phone)
	if doc.is_new():
		validate_new_check(doc, log)


def find_activity_row(doc):
	filters = {"parent": doc.agent_log, "parenttype": "Agent Log", "parentfield": "activities"}
	if doc.activity_row:
		filters["name"] = doc.activity_row
	elif doc.activity_idx:
		filters["idx"] = cint(doc.activity_idx)
	else:
		frappe.throw(_("Give the row number of the activity to verify in {0}.").format(doc.agent_log))
	fields = ["name", "idx", "activity_kind", "activity_time", "party_type", "party", "party_name", "phone"]
	row = frappe.db.get_value("Agent Log Activity", filters, fields, as_dict=True)
	if not row:
		frappe.throw(
			_("{0} has no activity row {1}.").format(doc.agent_log, doc.activity_idx or doc.activity_row)
		)
	return row


def validate_new_check(doc, log):
	if log.docstatus == 2:
		frappe.throw(_("{0} is cancelled: verify the amended log instead.").format(log.name))
	if doc.status != outcomes.PENDING:
		frappe.throw(_("A new check starts as Pending; close it with an outcome after the call."))
	if not doc.party_key:
		frappe.throw(
			_("Row {0} of {1} has no phone number to call.").format(doc.activity_idx, log.name),
			title=_("No Phone"),
		)
	validate_one_check_per_row(doc)


def validate_one_check_per_row(doc, for_update: bool = False):
	"""One check per activity row; the message names the check that verifies it.

	`for_update` reads with a lock, which sees a check another transaction committed after this one began.
	"""
	existing = frappe.db.get_value(
		CHECK, {"activity_row": doc.activity_row, "name": ("!=", doc.name)}, for_update=for_update
	)
	if existing:
		frappe.throw(
			_("Row {0} of {1} is already verified by {2}.").format(doc.activity_idx, doc.agent_log, existing),
			title=_("Already Checked"),
			exc=AlreadyChecked,
		)


@contextmanager
def one_check_per_activity_row(doc):
	"""Around the check's insert: two checks of one row made at the same moment (the morning run and a
	supervisor's spot-check) both pass the check above; the database's key (setup/constraints.py) refuses
	the later one, which then gets the same message as a sequential duplicate."""
	with unique_keys.explained(ONE_CHECK_KEY, lambda: validate_one_check_per_row(doc, for_update=True)):
		yield


# ---------------------------------------------------------------- who may change what
def validate_changes(doc):
	"""A closed check never changes; only closing changes the status; the agent never edits their check;
	only an admin reassigns a check, and only to a callback officer."""
	before = doc.get_doc_before_save()
	user = frappe.session.user
	if doc.agent and employee_of_user(user) == doc.agent and not sees_all_units(user):
		frappe.throw(_("You cannot change the check of your own visit."), frappe.PermissionError)
	if before and outcomes.is_closed(before.status):
		frappe.throw(
			_("{0} is closed as {1} and can no longer be changed.").format(doc.name, _(before.status)),
			title=_("Check Closed"),
		)
	if doc.status != (before.status if before else outcomes.PENDING) and not doc.flags.closing_outcome:
		frappe.throw(_("The status changes only by closing the check with an outcome."))
	if doc.assigned_officer and (doc.is_new() or before.assigned_officer != doc.assigned_officer):
		if before and before.assigned_officer and not sees_all_units(user):
			frappe.throw(_("Only an activity admin can reassign a check."), frappe.PermissionError)
		validate_officer(doc)


def validate_officer(doc):
	"""The officer has the role and room on the check's day: the sampler and a hand assignment (form,
	REST) count the same load (officer_load) against the same capacity (Checks per Officer per Day)."""
	if doc.source == outcomes.SOURCE_SUPERVISOR and doc.assigned_officer == user_of_employee(
		doc.spot_checked_by or ""
	):
		return
	if CALLBACK_OFFICER not in frappe.get_roles(doc.assigned_officer):
		frappe.throw(_("{0} is not a callback officer.").format(doc.assigned_officer))
	capacity = cint(frappe.db.get_single_value(SETTINGS, "callback_officer_capacity"))
	load = officer_load([doc.assigned_officer], doc.callback_date, exclude=doc.name).get(
		doc.assigned_officer, 0
	)
	if not has_room(load, capacity):
		frappe.throw(
			_(
				"{0} already has {1} checks on {2}, the capacity of an officer per day ({3}). Choose another officer or another day."
			).format(doc.assigned_officer, load, formatdate(doc.callback_date), capacity),
			title=_("Officer at Capacity"),
			exc=OfficerAtCapacity,
		)


def officer_load(officers: list[str], callback_date, exclude: str | None = None) -> dict[str, int]:
	"""Checks each officer already has for that day (capacity is per officer per day), whatever their
	status or source: officer -> count. exclude: a check not to count (the one being assigned)."""
	if not officers or not callback_date:
		return {}
	filters = {"assigned_officer": ("in", officers), "callback_date": callback_date}
	if exclude:
		filters["name"] = ("!=", exclude)
	rows = frappe.get_all(
		CHECK,
		filters=filters,
		fields=["assigned_officer", "count(name) as checks"],
		group_by="assigned_officer",
	)
	return {r.assigned_officer: r.checks for r in rows}


# ---------------------------------------------------------------- calls and closing
def record_attempts(doc):
	"""Each call knows who made it; the Nth unanswered call closes the check as Unreachable by itself."""
	for attempt in doc.attempts:
		attempt.called_by = attempt.called_by or frappe.session.user
		attempt.attempt_time = attempt.attempt_time or now_datetime()
	doc.attempt_count = len(doc.attempts)
	results = [a.result for a in doc.attempts]
	if doc.flags.closing_outcome:
		apply_close(doc, doc.flags.closing_outcome, results)
	elif outcomes.reached_unreachable(doc.status, results, max_attempts()):
		doc.flags.closing_outcome = outcomes.UNREACHABLE
		apply_close(doc, outcomes.UNREACHABLE, results)


def max_attempts() -> int:
	return cint(frappe.db.get_single_value(SETTINGS, "callback_max_attempts"))


def close_check(doc, outcome: str | None, customer_satisfaction: str | None = None, notes: str | None = None):
	"""Close a check with the call's outcome (refused, with the reason, when the outcome is missing)."""
	if customer_satisfaction:
		doc.customer_satisfaction = customer_satisfaction
	if notes:
		doc.officer_notes = "\n".join(n for n in (doc.officer_notes, notes) if n)
	doc.flags.closing_outcome = outcome or "-"  # "-": closing was asked for, without an outcome
	doc.save()
	return doc


def apply_close(doc, outcome: str, results: list[str]):
	outcome = None if outcome == "-" else outcome
	before = doc.get_doc_before_save()
	error = outcomes.close_error(before.status if before else doc.status, outcome, results, max_attempts())
	if error:
		frappe.throw(close_error_message(error, outcome, results, before), title=_("Cannot Close the Check"))
	doc.status = outcome
	doc.closed_on = now_datetime()
	doc.closed_by = frappe.session.user


def close_error_message(error: str, outcome: str | None, results: list[str], before) -> str:
	if error == outcomes.NO_OUTCOME:
		return _(
			"Choose the outcome of the call before closing the check: Confirmed, Unreachable, "
			"Visit Not Happened, Complaint or Misconduct."
		)
	if error == outcomes.UNKNOWN_OUTCOME:
		return _("{0} is not an outcome of a callback check.").format(outcome)
	if error == outcomes.ALREADY_CLOSED:
		return _("This check is already closed as {0}.").format(_(before.status))
	if error == outcomes.TOO_FEW_ATTEMPTS:
		return _("A check is unreachable after {0} unanswered calls; {1} recorded so far.").format(
			max(max_attempts(), 1), outcomes.unanswered_attempts(results)
		)
	return _("Record the call in which the customer answered before closing the check as {0}.").format(
		_(outcome)
	)


def after_save(doc):
	"""What follows a save: the officer's to-do, the outcome's consequences, the supervisor's 111."""
	before = doc.get_doc_before_save()
	if doc.assigned_officer and (not before or before.assigned_officer != doc.assigned_officer):
		assign_to_officer(doc, previous=before.assigned_officer if before else None)
	closed_now = outcomes.is_closed(doc.status) and not (before and outcomes.is_closed(before.status))
	if closed_now:
		end_todos(doc.name, "Closed")
		apply_outcome(doc)
	if doc.source == outcomes.SOURCE_SUPERVISOR and (
		closed_now or not before or before.attempt_count != doc.attempt_count
	):
		refresh_supervisor_log(doc.spot_checked_by, doc.callback_date)


def assign_to_officer(doc, previous: str | None = None):
	"""The officer's ToDo for the check (Frappe's assignment), without a notification per check.

	Frappe's ToDo writes the timeline line ("{0} assigned {1}: {2}", 分配) as stored text in the language
	of the moment, which for the morning's sampling job is the system's: the ToDo and its line are made
	in the officer's own language (User.language, as Frappe's assignment e-mail does), the language of
	the desk that works the check."""
	if previous:
		end_todos(doc.name, "Cancelled")
	with print_language(get_user_lang(doc.assigned_officer)):
		insert_todo(doc)


def insert_todo(doc):
	frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": doc.assigned_officer,
			"reference_type": CHECK,
			"reference_name": doc.name,
			"description": _("Call {0} about the {1} of {2} on {3}").format(
				doc.party_name or doc.phone,
				_(doc.activity_kind),
				doc.agent_name,
				formatdate(doc.activity_date),
			),
			"date": doc.callback_date,
			"assigned_by": frappe.session.user,
		}
	).insert(ignore_permissions=True)


def end_todos(check: str, status: str):
	"""Close (or cancel, on reassignment) the officer's open ToDo quietly; the ToDo updates the check's
	Assigned To itself (its timeline line in the officer's language, as when it was assigned)."""
	for name in frappe.get_all(
		"ToDo", filters={"reference_type": CHECK, "reference_name": check, "status": "Open"}, pluck="name"
	):
		todo = frappe.get_doc("ToDo", name)
		todo.status = status
		with print_language(get_user_lang(todo.allocated_to)):
			todo.save(ignore_permissions=True)


def record_call(doc, result: str):
	"""One call attempt, now, by the current user (the form's "Log a Call")."""
	doc.append("attempts", {"attempt_time": now_datetime(), "result": result})
	doc.save()
	return doc


# ---------------------------------------------------------------- consequences of an outcome
def apply_outcome(doc):
	if doc.status in outcomes.INVALIDATING_OUTCOMES:
		set_activity_validity(
			doc.agent_log,
			doc.activity_row,
			valid=False,
			reason=_("Callback {0} on {1}: {2}").format(doc.name, formatdate(doc.closed_on), _(doc.status)),
		)
	if doc.status in outcomes.INCIDENT_OUTCOMES:
		incident = create_incident(doc)
		doc.db_set("incident", incident.name)
		notify_management(
			incident, lambda: _("Callback found {0}: {1}").format(_(doc.status), doc.agent_name)
		)


def set_activity_validity(agent_log: str, activity_row: str, valid: bool, reason: str) -> bool:
	"""Invalidate or restore one activity row and recompute the log's subtotal and attainment.

	A system action: it bypasses the agent's edit window and works on submitted logs too (the row's
	validity and the subtotals are written directly). The log's timeline says why.
	"""
	if not frappe.db.exists("Agent Log Activity", {"name": activity_row, "parent": agent_log}):
		return False
	log = frappe.get_doc("Agent Log", agent_log)
	if log.docstatus == 2:
		return False
	row = next(r for r in log.activities if r.name == activity_row)
	row.is_invalid = 0 if valid else 1
	row.invalid_reason = "" if valid else reason
	recompute_log(log)
	log.add_comment(
		"Info",
		_("Row {0} ({1}, {2}) {3}: {4}").format(
			row.idx,
			_(row.activity_kind),
			escape_html(row.party_name or row.phone or ""),
			_("restored") if valid else _("no longer counts"),
			escape_html(reason),
		),
	)
	return True


def recompute_log(log):
	"""Recompute a log's subtotal (小计), 5311 and 111 after a system change and store it, draft or submitted."""
	log.flags.ignore_edit_window = True
	log.compute_attainment()
	log.modified, log.modified_by = now_datetime(), frappe.session.user
	log.db_update_all()
	frappe.clear_document_cache("Agent Log", log.name)
	log.notify_update()


def refresh_supervisor_log(supervisor: str | None, day):
	"""The supervisor's log of the spot-check's day counts the spot-check (111): recompute it."""
	if not supervisor:
		return
	name = frappe.db.get_value("Agent Log", {"agent": supervisor, "log_date": day, "docstatus": ("<", 2)})
	if name:
		recompute_log(frappe.get_doc("Agent Log", name))


# ---------------------------------------------------------------- incidents and appeals
def create_incident(check):
	incident = frappe.get_doc(
		{
			"doctype": INCIDENT,
			"incident_type": check.status,
			"status": outcomes.INCIDENT_ACTIVE,
			"incident_date": getdate(check.closed_on or today()),
			"agent": check.agent,
			"agent_name": check.agent_name,
			"supervisor": check.supervisor,
			"office": check.office,
			"callback_check": check.name,
			"agent_log": check.agent_log,
			"activity_date": check.activity_date,
			"activity_kind": check.activity_kind,
			"party_name": check.party_name,
			"finding": _("Customer {0} was called about the {1} of {2}: {3}.").format(
				check.party_name or check.phone,
				_(check.activity_kind),
				formatdate(check.activity_date),
				_(check.status),
			),
		}
	)
	incident.insert(ignore_permissions=True)
	return incident


def appeal_incident(incident, reason: str | None):
	"""The agent (or their manager for them) appeals an active incident, giving the reason (申诉)."""
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for the appeal."))
	if outcomes.appeal_error(incident.status, deciding=False, decided_before=bool(incident.appeal_decision)):
		frappe.throw(
			_("{0} cannot be appealed: it is {1} and an incident is appealed only once.").format(
				incident.name, _(incident.status)
			)
		)
	incident.status = outcomes.INCIDENT_UNDER_APPEAL
	incident.appeal_reason = reason.strip()
	incident.appealed_by, incident.appealed_on = frappe.session.user, now_datetime()
	incident.flags.ignore_permissions = True
	incident.save()
	notify_management(
		incident, lambda: _("Appeal against {0}: {1}").format(_(incident.incident_type), incident.agent_name)
	)
	return incident


def decide_appeal(incident, upheld: bool, notes: str | None = None):
	"""An upheld appeal reverses the incident and restores the activity; the history stays on the records."""
	if outcomes.appeal_error(incident.status, deciding=True):
		frappe.throw(_("{0} is not under appeal.").format(incident.name))
	incident.appeal_decision = "Upheld" if upheld else "Rejected"
	incident.decision_notes = notes
	incident.decided_by, incident.decided_on = frappe.session.user, now_datetime()
	incident.status = outcomes.INCIDENT_REVERSED if upheld else outcomes.INCIDENT_ACTIVE
	incident.flags.ignore_permissions = True
	incident.save()
	if upheld and incident.callback_check:
		check = frappe.get_doc(CHECK, incident.callback_check)
		check.db_set("overturned_on_appeal", 1)
		if check.status in outcomes.INVALIDATING_OUTCOMES and not other_active_incident(check):
			set_activity_validity(
				check.agent_log,
				check.activity_row,
				valid=True,
				reason=_("appeal upheld in {0}").format(incident.name),
			)

	def subject():
		return _("Appeal {0}: {1} of {2}").format(
			_("upheld") if upheld else _("rejected"), _(incident.incident_type), incident.agent_name
		)

	notify_management(incident, subject, include_agent=True)
	return incident


def other_active_incident(check) -> bool:
	"""Another standing incident on the same activity row keeps it invalid."""
	others = frappe.get_all(
		CHECK,
		filters={"activity_row": check.activity_row, "name": ("!=", check.name), "incident": ("is", "set")},
		pluck="incident",
	)
	return bool(
		others
		and frappe.db.exists(INCIDENT, {"name": ("in", others), "status": ("!=", outcomes.INCIDENT_REVERSED)})
	)


def notify_management(incident, subject, include_agent: bool = False):
	"""Notify the agent's supervisor and office manager (and the agent when asked), each in their language.

	subject: a function composing the text (notifications.notify)."""
	employees = [incident.supervisor, office_manager_of(incident.office)]
	if include_agent:
		employees.append(incident.agent)
	users = {user_of_employee(e) for e in employees if e} - {None, ""}
	email = cint(frappe.db.get_single_value(SETTINGS, "email_reminders"))
	for user in sorted(users):
		notify(user, INCIDENT, incident.name, subject, incident.finding or subject, email)


def office_manager_of(office: str | None) -> str | None:
	return frappe.db.get_value("Department", office, "ia_unit_manager") if office else None


def valid_complaint_counts(from_date, to_date) -> dict[str, int]:
	"""Valid complaints (有效投诉) per agent found in a period, for evaluation: complaints not reversed."""
	rows = frappe.get_all(
		INCIDENT,
		filters={
			"incident_type": outcomes.COMPLAINT,
			"status": ("!=", outcomes.INCIDENT_REVERSED),
			"incident_date": ("between", [from_date, to_date]),
		},
		fields=["agent", "count(name) as complaints"],
		group_by="agent",
	)
	return {row.agent: row.complaints for row in rows}
