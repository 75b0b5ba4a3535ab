# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Callback Check (电话回访): a phone call to the customer of one visit, to verify it happened.

A check verifies one activity row of an Agent Log. It is worked by its callback officer (回访专员; for a
supervisor's spot-check, the supervisor), who records calls and closes it with an outcome: the form's
buttons are the whitelisted methods `record_call` and `close_check` (frm.call), which need write
permission on the check. A visit that did not happen or misconduct stops counting (every row of the
agent's day that claims it is invalidated, in whichever log, and the log recomputed:
AgentLog.refresh_verdicts), becomes a Conduct Incident against the agent and reaches the supervisor and
the office manager; a complaint is an incident too (a valid complaint, 有效投诉). An upheld
appeal (conduct_incident.py) reverses the incident and restores the rows (`overturn_on_appeal`).
The outcome rules are the core's (`rules/callback_outcomes.py`); an officer's load across checks is
`verification/officers.py`.
"""

import json
from contextlib import contextmanager

import frappe
from frappe import _
from frappe.translate import get_user_lang, print_language
from frappe.utils import cint, formatdate, get_fullname, getdate, now_datetime, sanitize_html, today

from insurance_activity.activity.doctype.agent_log.agent_log import amendments_of, rows_standing_for
from insurance_activity.controllers import bulk, unique_keys
from insurance_activity.controllers.bulk import insert_documents
from insurance_activity.controllers.times import KeepsBlankTimes
from insurance_activity.org import employee_of_user, user_of_employee
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.permissions.roles import CALLBACK_OFFICER
from insurance_activity.rules import callback_outcomes as outcomes
from insurance_activity.rules.callback_sampling import has_room
from insurance_activity.rules.phones import phone_key
from insurance_activity.settings import get_settings
from insurance_activity.setup.constraints import ONE_CHECK_KEY
from insurance_activity.verification.officers import officer_load

CHECK = "Callback Check"
INCIDENT = "Conduct Incident"


# what a check verifies (the visit as claimed when the check was made) and what only the system records (the
# closing, the incident, an appeal's overturn): no save changes them (helper-58: a pending check was pointed at
# another agent's visit and closed as misconduct; one was marked overturned before it was closed)
KEPT_AS_MADE = (
	"source", "sampling_run", "spot_checked_by", "agent_log", "activity_row", "activity_idx", "activity_kind",
	"activity_date", "activity_time", "agent", "agent_name", "supervisor", "office", "party_type", "party",
	"party_name", "phone", "party_key", "closed_on", "closed_by", "incident", "overturned_on_appeal",
)  # fmt: skip


class AlreadyChecked(frappe.ValidationError):
	"""The activity row has a check already (one check per activity row, 一条活动一次回访)."""


class OfficerAtCapacity(frappe.ValidationError):
	"""The officer already has the day's capacity of checks (每日回访量)."""


class CallbackCheck(KeepsBlankTimes):
	"""A phone callback (电话回访) to the customer of one visit, to verify it happened."""

	def before_validate(self):
		# the visit as it was claimed when the check was made: a draft log's row edited or typed again later
		# does not move the check to another person, nor lose its row (helper-57)
		if self.is_new():
			self.fill_from_activity()
			# what the system records starts blank, whatever a request sent (helper-59, F5: a check made
			# already overturned let its verdict never stand)
			self.closed_on = self.closed_by = self.incident = None
			self.overturned_on_appeal = 0

	def validate(self):
		self.validate_changes()
		self.record_attempts()

	def on_update(self):
		"""What follows a save: the officer's to-do, the outcome's consequences, the supervisor's 111."""
		before = self.get_doc_before_save()
		if self.assigned_officer and (not before or before.assigned_officer != self.assigned_officer):
			self.assign_to_officer(previous=before.assigned_officer if before else None)
		closed_now = outcomes.is_closed(self.status) and not (before and outcomes.is_closed(before.status))
		if closed_now:
			self.end_todos("Closed")
			self.apply_outcome()
		if self.source == outcomes.SOURCE_SUPERVISOR and (
			closed_now or not before or before.attempt_count != self.attempt_count
		):
			self.refresh_supervisor_log()

	def db_insert(self, *args, **kwargs):
		with self.one_check_per_activity_row():
			return super().db_insert(*args, **kwargs)

	# ------------------------------------------------------------ the officer's buttons (frm.call)
	@frappe.whitelist(methods=["POST"])
	def record_call(self, result: str) -> dict:
		"""One call attempt (回访记录), now, by the current user (the form's "Log a Call").

		result: Answered, No Answer, Busy, Switched Off or Wrong Number; the Nth unanswered call (Callback
		Max Attempts) closes the check as Unreachable by itself. Needs write permission on the check (its
		officer, an admin: permissions/rules.py). Returns the saved check as a dict.
		"""
		self.check_permission("write")
		self.append("attempts", {"attempt_time": now_datetime(), "result": result})
		self.save()
		return self.as_dict()

	@frappe.whitelist(methods=["POST"])
	def close_check(
		self,
		outcome: str | None = None,
		customer_satisfaction: str | None = None,
		notes: str | None = None,
	) -> dict:
		"""Close the check with the call's outcome (回访结果): Confirmed, Unreachable, Visit Not Happened,
		Complaint or Misconduct; the satisfaction and the officer's notes are kept with it.

		Needs write permission on the check. Errors: no or an unknown outcome, already closed, an answered
		outcome without an answered call, Unreachable before Callback Max Attempts unanswered calls
		(rules/callback_outcomes.py). Returns the saved check as a dict.
		"""
		self.check_permission("write")
		if customer_satisfaction:
			self.customer_satisfaction = customer_satisfaction
		if notes:
			self.officer_notes = "\n".join(n for n in (self.officer_notes, notes) if n)
		self.flags.closing_outcome = outcome or "-"  # "-": closing was asked for, without an outcome
		self.save()
		return self.as_dict()

	# ------------------------------------------------------------ the visit a check verifies
	def fill_from_activity(self):
		"""Copy the verified activity row's context onto the check: agent, team, office, customer, phone."""
		if not self.agent_log:
			return
		log = frappe.db.get_value(
			"Agent Log",
			self.agent_log,
			["name", "agent", "agent_name", "supervisor", "office", "log_date", "docstatus"],
			as_dict=True,
		)
		if not log:
			frappe.throw(_("Agent Log {0} does not exist.").format(self.agent_log))
		self.fill_from(log, self.find_activity_row())
		if self.is_new():
			self.validate_new_check(log)

	def fill_from(self, log, row):
		"""The context of activity `row` (name, idx, kind, time, party, phone) of `log` (agent, agent_name,
		supervisor, office, log_date), read already: no database."""
		self.activity_row, self.activity_idx = row.name, row.idx
		self.activity_kind, self.activity_time = row.activity_kind, row.activity_time
		self.activity_date = log.log_date
		self.agent, self.agent_name, self.supervisor, self.office = (
			log.agent,
			log.agent_name,
			log.supervisor,
			log.office,
		)
		self.party_type, self.party, self.party_name, self.phone = (
			row.party_type,
			row.party,
			row.party_name,
			row.phone,
		)
		self.party_key = phone_key(row.phone)

	def find_activity_row(self):
		filters = {"parent": self.agent_log, "parenttype": "Agent Log", "parentfield": "activities"}
		if self.activity_row:
			filters["name"] = self.activity_row
		elif self.activity_idx:
			filters["idx"] = cint(self.activity_idx)
		else:
			frappe.throw(_("Give the row number of the activity to verify in {0}.").format(self.agent_log))
		fields = [
			"name",
			"idx",
			"activity_kind",
			"activity_time",
			"party_type",
			"party",
			"party_name",
			"phone",
		]
		row = frappe.db.get_value("Agent Log Activity", filters, fields, as_dict=True)
		if not row:
			frappe.throw(
				_("{0} has no activity row {1}.").format(
					self.agent_log, self.activity_idx or self.activity_row
				)
			)
		return row

	def validate_new_check(self, log):
		if log.docstatus == 2:
			frappe.throw(_("{0} is cancelled: verify the amended log instead.").format(log.name))
		if self.status != outcomes.PENDING:
			frappe.throw(_("A new check starts as Pending; close it with an outcome after the call."))
		if not self.party_key:
			frappe.throw(
				_("Row {0} of {1} has no phone number to call.").format(self.activity_idx, log.name),
				title=_("No Phone"),
			)
		self.validate_one_check_per_row()

	def validate_one_check_per_row(self, for_update: bool = False):
		"""One check per activity row; the message names the check that verifies it.

		`for_update` reads with a lock, which sees a check another transaction committed after this one began.
		"""
		existing = frappe.db.get_value(
			CHECK, {"activity_row": self.activity_row, "name": ("!=", self.name)}, for_update=for_update
		)
		if existing:
			frappe.throw(
				_("Row {0} of {1} is already verified by {2}.").format(
					self.activity_idx, self.agent_log, existing
				),
				title=_("Already Checked"),
				exc=AlreadyChecked,
			)

	@contextmanager
	def one_check_per_activity_row(self):
		"""Around the check's insert: two checks of one row made at the same moment (the morning run and a
		supervisor's spot-check) both pass the check above; the database's key (setup/constraints.py) refuses
		the later one, which then gets the same message as a sequential duplicate."""
		with unique_keys.explained(ONE_CHECK_KEY, lambda: self.validate_one_check_per_row(for_update=True)):
			yield

	# ------------------------------------------------------------ who may change what
	def validate_changes(self):
		"""A closed check never changes; only closing changes the status; the agent never edits their check;
		only an admin reassigns a check, and only to a callback officer."""
		before = self.get_doc_before_save()
		user = frappe.session.user
		if self.agent and employee_of_user(user) == self.agent and not sees_all_units(user):
			frappe.throw(_("You cannot change the check of your own visit."), frappe.PermissionError)
		if before and outcomes.is_closed(before.status):
			frappe.throw(
				_("{0} is closed as {1} and can no longer be changed.").format(self.name, _(before.status)),
				title=_("Check Closed"),
			)
		if before and (changed := self.changed_fields(before, KEPT_AS_MADE)):
			frappe.throw(
				_(
					"A callback check keeps the visit it verifies and what the system records: {0} cannot be changed."
				).format(", ".join(_(self.meta.get_label(f)) for f in changed)),
				title=_("Not Allowed"),
			)
		if self.status != (before.status if before else outcomes.PENDING) and not self.flags.closing_outcome:
			frappe.throw(_("The status changes only by closing the check with an outcome."))
		if self.assigned_officer and (self.is_new() or before.assigned_officer != self.assigned_officer):
			if before and before.assigned_officer and not sees_all_units(user):
				frappe.throw(_("Only an activity admin can reassign a check."), frappe.PermissionError)
			self.validate_officer()

	def validate_officer(self):
		"""The officer has the role and room on the check's day: the sampler and a hand assignment (form,
		REST) count the same load (officer_load) against the same capacity (Checks per Officer per Day)."""
		if self.source == outcomes.SOURCE_SUPERVISOR and self.assigned_officer == user_of_employee(
			self.spot_checked_by or ""
		):
			return
		if CALLBACK_OFFICER not in frappe.get_roles(self.assigned_officer):
			frappe.throw(_("{0} is not a callback officer.").format(self.assigned_officer))
		capacity = cint(get_settings().callback_officer_capacity)
		load = officer_load([self.assigned_officer], self.callback_date, exclude=self.name).get(
			self.assigned_officer, 0
		)
		if not has_room(load, capacity):
			frappe.throw(
				_(
					"{0} already has {1} checks on {2}, the capacity of an officer per day ({3}). Choose another officer or another day."
				).format(self.assigned_officer, load, formatdate(self.callback_date), capacity),
				title=_("Officer at Capacity"),
				exc=OfficerAtCapacity,
			)

	# ------------------------------------------------------------ calls and closing
	def record_attempts(self):
		"""Each call knows who made it; the Nth unanswered call closes the check as Unreachable by itself."""
		for attempt in self.attempts:
			attempt.called_by = attempt.called_by or frappe.session.user
			attempt.attempt_time = attempt.attempt_time or now_datetime()
		self.attempt_count = len(self.attempts)
		results = [a.result for a in self.attempts]
		if self.flags.closing_outcome:
			self.apply_close(self.flags.closing_outcome, results)
		elif outcomes.reached_unreachable(self.status, results, max_attempts()):
			self.flags.closing_outcome = outcomes.UNREACHABLE
			self.apply_close(outcomes.UNREACHABLE, results)

	def apply_close(self, outcome: str, results: list[str]):
		outcome = None if outcome == "-" else outcome
		before = self.get_doc_before_save()
		error = outcomes.close_error(
			before.status if before else self.status, outcome, results, max_attempts()
		)
		if error:
			frappe.throw(
				close_error_message(error, outcome, results, before), title=_("Cannot Close the Check")
			)
		self.status = outcome
		self.closed_on = now_datetime()
		self.closed_by = frappe.session.user

	# ------------------------------------------------------------ the officer's to-do
	def assign_to_officer(self, previous: str | None = None):
		"""The officer's ToDo for the check (Frappe's assignment), without a notification per check.

		Frappe's ToDo writes the timeline line ("{0} assigned {1}: {2}", 分配) as stored text in the language
		of the moment, which for the morning's sampling job is the system's: the ToDo and its line are made
		in the officer's own language (User.language, as Frappe's assignment e-mail does), the language of
		the desk that works the check."""
		if previous:
			self.end_todos("Cancelled")
		with print_language(get_user_lang(self.assigned_officer)):
			self.insert_todo()

	def insert_todo(self):
		frappe.get_doc(self.new_todo()).insert(ignore_permissions=True)

	def new_todo(self) -> dict:
		"""The officer's ToDo for this check, in the language of the moment."""
		return {
			"doctype": "ToDo",
			"allocated_to": self.assigned_officer,
			"reference_type": CHECK,
			"reference_name": self.name,
			"description": _("Call {0} about the {1} of {2} on {3}").format(
				self.party_name or self.phone,
				_(self.activity_kind),
				self.agent_name,
				formatdate(self.activity_date),
			),
			"date": self.callback_date,
			"assigned_by": frappe.session.user,
		}

	def end_todos(self, status: str):
		"""Close (or cancel, on reassignment) the officer's open ToDo quietly; the ToDo updates the check's
		Assigned To itself (its timeline line in the officer's language, as when it was assigned)."""
		for name in frappe.get_all(
			"ToDo",
			filters={"reference_type": CHECK, "reference_name": self.name, "status": "Open"},
			pluck="name",
		):
			todo = frappe.get_doc("ToDo", name)
			todo.status = status
			with print_language(get_user_lang(todo.allocated_to)):
				todo.save(ignore_permissions=True)

	# ------------------------------------------------------------ consequences of an outcome
	def apply_outcome(self):
		"""An invalidating outcome stops the visit counting; an incident outcome raises a Conduct Incident
		and tells the agent's supervisor and office manager."""
		if self.status in outcomes.INVALIDATING_OUTCOMES:
			self.refresh_visit_logs()
		if self.status in outcomes.INCIDENT_OUTCOMES:
			incident = self.create_incident()
			self.db_set("incident", incident.name)
			incident.notify_management(
				lambda: _("Callback found {0}: {1}").format(_(self.status), self.agent_name)
			)

	def refresh_visit_logs(self, restored_because: str = "") -> bool:
		"""The agent's live logs of the visit's day (draft or submitted: the log checked, or its amendment, or a
		new log of the day), the checked log's live amendment and the live logs whose rows stand for the checked
		row (a new log of the day moved to another day), whatever their date, take the standing callbacks'
		verdicts (AgentLog.refresh_verdicts): the visit stops
		counting, or counts again once no standing verdict is left. True when a row changed."""
		live = {"docstatus": ("<", 2)}
		logs = set(
			frappe.get_all(
				"Agent Log",
				filters={"agent": self.agent, "log_date": self.activity_date, **live},
				pluck="name",
			)
		)
		if self.agent_log:  # the checked log and its amendments, whatever their date
			lineage = [self.agent_log, *amendments_of(self.agent_log)]
			logs.update(frappe.get_all("Agent Log", filters={"name": ("in", lineage), **live}, pluck="name"))
		if self.activity_row:  # a log whose rows stand for the checked row, whatever its date (helper-60 F4)
			first = (
				frappe.db.get_value("Agent Log Activity", self.activity_row, "claimed_row")
				or self.activity_row
			)
			holders = frappe.get_all(
				"Agent Log Activity", filters={"name": ("in", rows_standing_for([first]))}, pluck="parent"
			)
			logs.update(
				frappe.get_all(
					"Agent Log",
					filters={"name": ("in", holders or [""]), "agent": self.agent, **live},
					pluck="name",
				)
			)
		changed = False
		for name in sorted(logs):
			changed |= frappe.get_doc("Agent Log", name).refresh_verdicts(restored_because)
		return changed

	def refresh_supervisor_log(self):
		"""The supervisor's log of the spot-check's day counts the spot-check (111): recompute it."""
		if not self.spot_checked_by:
			return
		name = frappe.db.get_value(
			"Agent Log",
			{"agent": self.spot_checked_by, "log_date": self.callback_date, "docstatus": ("<", 2)},
		)
		if name:
			frappe.get_doc("Agent Log", name).recompute_after_system_change()

	def create_incident(self):
		"""The Conduct Incident (违规记录) this check's outcome raises against the agent, active."""
		incident = frappe.get_doc(
			{
				"doctype": INCIDENT,
				"incident_type": self.status,
				"status": outcomes.INCIDENT_ACTIVE,
				"incident_date": getdate(self.closed_on or today()),
				"agent": self.agent,
				"agent_name": self.agent_name,
				"supervisor": self.supervisor,
				"office": self.office,
				"callback_check": self.name,
				"agent_log": self.agent_log,
				"activity_date": self.activity_date,
				"activity_kind": self.activity_kind,
				"party_name": self.party_name,
				"finding": _("Customer {0} was called about the {1} of {2}: {3}.").format(
					self.party_name or self.phone,
					_(self.activity_kind),
					formatdate(self.activity_date),
					_(self.status),
				),
			}
		)
		incident.insert(ignore_permissions=True)
		return incident

	# ------------------------------------------------------------ an upheld appeal
	def overturn_on_appeal(self, incident: str):
		"""The check's incident was reversed on appeal: the check says so, its verdict no longer stands, and the
		visit counts again unless another standing verdict on it keeps it invalid (refresh_visit_logs). The
		check's outcome stays as history. Only the check's own incident overturns it (helper-59: another incident
		naming the check did)."""
		if incident != self.incident:
			return
		self.db_set("overturned_on_appeal", 1)
		if self.status in outcomes.INVALIDATING_OUTCOMES:
			self.refresh_visit_logs(_("appeal upheld in {0}").format(incident))


def max_attempts() -> int:
	"""Unanswered calls after which a check is Unreachable (Callback Max Attempts)."""
	return cint(get_settings().callback_max_attempts)


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


def closed_and_failed_counts(from_date, to_date, agents: list[str]) -> dict[str, tuple[int, int]]:
	"""Each agent's closed callback checks of the visits of from_date..to_date (inclusive) and the failed ones
	among them, for the verification failure rate of evaluation: agent (Employee) -> (closed, failed).

	Closed: a check with an outcome (rules.callback_outcomes.OUTCOMES); failed: it found the visit did not
	happen or misconduct (INVALIDATING_OUTCOMES) and was not overturned on appeal. Counted by the database
	(GROUP BY) over the checks the session user may read (frappe.get_list: the permission rule applies);
	agents without a closed check are left out."""
	base = {"agent": ("in", agents or [""]), "activity_date": ("between", [from_date, to_date])}
	counts = {}
	for key, filters in (
		("closed", {"status": ("in", list(outcomes.OUTCOMES))}),
		("failed", {"status": ("in", list(outcomes.INVALIDATING_OUTCOMES)), "overturned_on_appeal": 0}),
	):
		for row in frappe.get_list(
			CHECK,
			filters={**base, **filters},
			fields=["agent", "count(name) as checks"],
			group_by="agent",
			order_by="agent",
			limit_page_length=0,
		):
			counts.setdefault(row.agent, {"closed": 0, "failed": 0})[key] = int(row.checks)
	return {agent: (row["closed"], row["failed"]) for agent, row in counts.items()}


# ------------------------------------------------------------ the morning's sample, in bulk
def insert_sampled_checks(
	rows: list, callback_date, officers: dict[str, str | None], run: str
) -> dict[str, str]:
	"""The Callback Sampling Run's checks (抽样回访) of activity `rows`, written in bulk: returns activity row
	name -> check name for the checks made.

	rows: the sampler's rows (verification/sampling.activity_rows: each row with its log's agent, team,
	office and date); officers: row name -> the callback officer it is assigned to (None: unassigned);
	run: the Callback Sampling Run.
	The sampler has done what inserting each check would check (a phone, a log not cancelled, no earlier
	check of the row, the officers' role and capacity: sampling.plan_sample), so each check is filled as
	`fill_from_activity` fills it and written with the others (controllers/bulk.py): 2,000 checks in
	seconds, not the two minutes of one `insert` each. The database's one-check-per-row key
	(setup/constraints.py) skips a row checked meanwhile (a supervisor's spot-check): it is not returned.
	Each assigned check gets its officer's ToDo and timeline line as one `insert` would (assign_in_bulk).
	"""
	docs = [sampled_check(row, callback_date, officers.get(row.name), run) for row in rows]
	names = insert_documents(docs, ignore_duplicates=True)
	made = bulk.existing(CHECK, names)
	docs = [d for d in docs if d.name in made]
	assign_in_bulk(docs)
	return {d.activity_row: d.name for d in docs}


def sampled_check(row, callback_date, officer: str | None, run: str) -> "CallbackCheck":
	"""A new sampling check of `row`, filled, not written."""
	doc = frappe.new_doc(
		CHECK,
		source=outcomes.SOURCE_SAMPLING,
		callback_date=callback_date,
		assigned_officer=officer,
		sampling_run=run,
		agent_log=row.agent_log,
	)
	doc.fill_from(row, row)
	return doc


def assign_in_bulk(checks: list["CallbackCheck"]) -> None:
	"""Each check's ToDo for its officer, as one `insert` makes it (assign_to_officer): the ToDo and
	Frappe's timeline line ("{0} assigned {1}: {2}", ToDo.validate and add_assign_comment) in the
	officer's language, and the check's Assigned To (ToDo.update_in_reference), per officer in bulk."""
	by_officer: dict[str, list] = {}
	for check in checks:
		if check.assigned_officer:
			by_officer.setdefault(check.assigned_officer, []).append(check)
	by = frappe.session.user
	for officer, mine in sorted(by_officer.items()):
		with print_language(get_user_lang(officer)):
			todos = [frappe.new_doc(**check.new_todo()) for check in mine]
			lines = [
				frappe.new_doc(
					"Comment",
					comment_type="Assigned",
					comment_email=by,
					reference_doctype=CHECK,
					reference_name=todo.reference_name,
					content=sanitize_html(
						_("{0} assigned {1}: {2}").format(
							get_fullname(by), get_fullname(officer), todo.description
						),
						always_sanitize=True,
					),
				)
				for todo in todos
			]
		insert_documents(todos)
		insert_documents(lines)
		table = frappe.qb.DocType(CHECK)
		for start in range(0, len(mine), bulk.CHUNK):
			frappe.qb.update(table).set(table._assign, json.dumps([officer])).where(
				table.name.isin([c.name for c in mine[start : start + bulk.CHUNK]])
			).run()
