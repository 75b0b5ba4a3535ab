# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Agent Log (活动日志): one agent's day of work, its 5311 subtotal and, for a supervisor, the 111.

What the log does on save is methods of the document: the header snapshot, the parties (the serving
agent's customers only, new prospects linked by phone), one live log per agent and day, the edit window,
the supervisor's review, the attainment against the standard, and a callback's verdict on a row (a row that
stops counting or is restored: `set_activity_validity`). The rules themselves are the core's
(`rules/agent_log_rules.py`, `rules/activity_standards.py`).
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.translate import get_user_lang
from frappe.utils import add_days, escape_html, formatdate, getdate, now_datetime, today

from insurance_activity import permissions, working_days
from insurance_activity.activity.standards import (
	ITEM_LABELS,
	agent_standard,
	supervisor_standard,
)
from insurance_activity.campaigns import contest_ledger
from insurance_activity.campaigns.lookups import campaigns_open_to
from insurance_activity.controllers import unique_keys
from insurance_activity.controllers.times import KeepsBlankTimes
from insurance_activity.customers.phone_keys import find_party_by_phone
from insurance_activity.org import (
	direct_reports,
	employee_of_user,
	is_manager_of,
	lookups_of,
	lookups_while_saving,
	office_of,
)
from insurance_activity.permissions import where_allowed
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.permissions.rules import PARTY_DOCTYPES
from insurance_activity.rules import agent_log_rules as rules
from insurance_activity.rules.activity_standards import (
	AGENT_ITEMS,
	SUPERVISOR_ITEMS,
	agent_attainment,
	subtotals,
	supervisor_attainment,
)
from insurance_activity.rules.callback_outcomes import (
	INVALIDATING_OUTCOMES,
	SOURCE_SUPERVISOR,
	spot_check_counts,
)
from insurance_activity.rules.phones import phone_key
from insurance_activity.settings import get_settings
from insurance_activity.setup.constraints import LIVE_LOG_KEY
from insurance_activity.setup.custom_fields import PHONE_KEY, PROSPECT_PHONE_KEY

PARTY_TYPES = PARTY_DOCTYPES
REVIEW_FIELDS = ("review_status", "supervisor_comment")
NOT_REVIEWED = {"review_status": "Pending", "supervisor_comment": ""}


class AgentLog(KeepsBlankTimes):
	"""A day's work log (活动日志) of one agent, with the 5311 subtotal and, for a supervisor, the 111."""

	def onload(self):
		# the items of the 5311 and the 111 in the standard's order, for the form's headline (one list:
		# activity/standards.py); the form shows each label in the reader's language
		self.set_onload("standard_items", ITEM_LABELS)

	def insert(self, *args, **kwargs):
		# one save asks the organisation the same questions from several checks: each once (org.lookups_of)
		with lookups_while_saving(self):
			return super().insert(*args, **kwargs)

	def _save(self, *args, **kwargs):
		with lookups_while_saving(self):
			return super()._save(*args, **kwargs)

	def _validate_links(self):
		# name the row, the party type and the party before frappe's generic "Could not find" message
		self.validate_parties()
		super()._validate_links()

	def before_validate(self):
		self.fill_header()
		for number, row in enumerate(self.activities, 1):  # rows numbered in order (a script's may clash)
			row.idx = number
		# the rows the log's rows may stand for, and the standing verdicts, read once for the save's two steps
		stored = self.stored_rows()
		replaced = claim_sources(self.replaced_logs()) if self.is_new() else []
		verdicts = self.standing_verdicts([*stored.values(), *replaced])
		self.keep_claimed_rows(verdicts, stored, replaced)
		self.apply_callback_verdicts(verdicts)

	def validate(self):
		self.validate_agent_kept()
		self.validate_date()
		self.validate_edit_window()
		self.validate_one_log_per_day()
		self.validate_counts()
		self.validate_phones()
		self.link_new_prospects()
		self.validate_party_ownership()
		self.validate_campaigns()
		self.compute_attainment()

	def db_insert(self, *args, **kwargs):
		with self.one_live_log_per_day():
			super().db_insert(*args, **kwargs)

	def db_update(self):
		with self.one_live_log_per_day():
			super().db_update()

	def before_cancel(self):
		self.validate_edit_window(need_reason=False)

	def validate_higher_perm_levels(self):
		# a review by someone who may not review is refused here, before frappe would silently reset the
		# permission-level-1 review fields to their stored values (insert, save, update after submit, REST)
		self.validate_review()
		super().validate_higher_perm_levels()

	def stored_rows(self) -> dict:
		"""The log's activity rows as stored, by name (claim_sources); {} for a new log."""
		return {} if self.is_new() else {row.name: row for row in claim_sources([self.name])}

	def standing_verdicts(self, sources: list | None = None) -> list[rules.Verdict]:
		"""The standing verdicts on the agent's visits of the log's day, of its lineage and of the rows that
		`sources` (default: the log's stored rows; claim_sources) stand for (standing_verdicts): a new log of the
		day written after a cancel, then moved to another day, keeps the cancelled log's verdict, and so does an
		amendment of it (helper-60, F4)."""
		if not self.agent or not self.log_date:
			return []
		if sources is None:
			sources = list(self.stored_rows().values())
		# a row never carried is its own first row: a check on it names this log's lineage or its day
		claims = sorted({source.claimed_row for source in sources if source.claimed_row})
		return standing_verdicts(self.agent, self.log_date, log_lineage(self), claims)

	def apply_callback_verdicts(self, verdicts: list[rules.Verdict] | None = None):
		"""Whether each row counts (作废: is_invalid, invalid_reason) is the callbacks' verdict, never what a form
		or a request sent: on every save each row takes the verdict of the standing callbacks on the agent's
		visits of the day and of the log's lineage (`standing_verdicts`, `rules.row_verdicts`), so a visit found
		not to have happened counts in no log of that day however it is written again (a row deleted and typed
		again, split, as any kind, in an amendment or a new log of the day), nor in the log moved to another
		day. A submitted log's rows cannot change at all
		(Frappe's update-after-submit check)."""
		if not self.agent or not self.log_date:
			return
		for row, (is_invalid, reason) in zip(self.activities, self.callback_verdicts(verdicts), strict=True):
			row.is_invalid, row.invalid_reason = int(is_invalid), reason

	def keep_claimed_rows(
		self,
		verdicts: list[rules.Verdict] | None = None,
		stored: dict | None = None,
		replaced: list | None = None,
	):
		"""Each row keeps the row it was first written as (claimed_row), worked out here, never read from a
		request: a stored row its stored one; a row written in this save stands for a row it replaces
		(rules.carry_claims): one deleted in this save, one of the log amended, one of the agent's cancelled
		logs of the day, or one a standing verdict is on that no row holds any more (deleted in an earlier save,
		or left out of an amendment: helper-60, F3, F7). A callback's verdict stays on the row it was made on,
		however it is written again (rules.row_verdicts). `stored`, `replaced`: the log's stored rows
		(stored_rows) and, for a new log, the rows of the logs it replaces, when read already."""
		stored = self.stored_rows() if stored is None else stored
		sent = {row.name for row in self.activities}
		new_rows = [row for row in self.activities if row.name not in stored]
		for row in self.activities:
			if row.name in stored:
				row.claimed_row = stored[row.name].claimed_row
		held = {r.claimed_row or r.name for r in stored.values() if r.name in sent}
		sources = [r for r in stored.values() if r.name not in sent]  # deleted in this save
		if self.is_new():
			sources += claim_sources(self.replaced_logs()) if replaced is None else replaced
		if not new_rows:
			return
		if verdicts is None:
			verdicts = self.standing_verdicts([*stored.values(), *sources])
		judged = {v.row: v for v in verdicts if v.row}
		found, seen = [], set(held)
		for source in sources:
			claim = source.claimed_row or source.name
			if claim not in seen:
				seen.add(claim)
				found.append((claim, source))
		persons = visits_of([source for _claim, source in found])
		open_claims = [
			(claim, person, source.activity_kind)
			for (claim, source), person in zip(found, persons, strict=True)
		]
		# a judged row this log no longer holds (deleted in an earlier save, left out of an amendment): the
		# verdict's person stands for it
		open_claims += [(claim, v.person, None) for claim, v in judged.items() if claim not in seen]
		# the rows a standing verdict is on are stood for first: a day written again keeps its debit (also when
		# an amendment moved to another day holds it: while that one could still be cancelled or deleted, a
		# day freed of it would count the visit nowhere, helper-61 F1; one debit too many, helper-60 F6, is
		# the lesser fault)
		open_claims.sort(key=lambda claim: claim[0] not in judged)
		if not open_claims:
			return  # each new row a row of its own
		carried = rules.carry_claims(
			visits_of(new_rows), open_claims, [row.activity_kind for row in new_rows], set(judged)
		)
		for row, claim in zip(new_rows, carried, strict=True):
			row.claimed_row = claim

	def replaced_logs(self) -> list[str]:
		"""The logs a new log writes again: the log it amends, and the agent's cancelled logs of its day."""
		cancelled = (
			frappe.get_all(
				"Agent Log",
				filters={"agent": self.agent, "log_date": self.log_date, "docstatus": 2},
				pluck="name",
				order_by="creation",
			)
			if self.agent and self.log_date
			else []
		)
		return list(dict.fromkeys([*([self.amended_from] if self.amended_from else []), *cancelled]))

	def callback_verdicts(self, verdicts: list[rules.Verdict] | None = None) -> list[tuple[bool, str]]:
		"""Each row's verdict, (is_invalid, reason), in row order: the standing callbacks' verdicts on the
		agent's visits of the log's day and of its lineage (`standing_verdicts`), on the persons the rows claim
		(`visits_of`), by `rules.row_verdicts`."""
		if verdicts is None:
			verdicts = self.standing_verdicts()
		claims = [row.claimed_row or row.name for row in self.activities]
		return rules.row_verdicts(visits_of(self.activities), verdicts, claims)

	def validate_agent_kept(self):
		"""A log is one agent's day: its agent does not change once it is saved (a supervisor handed a report's
		draft to themself, and the visits a callback found not to have happened counted for them: helper-58).
		A log written for the wrong agent is deleted (a draft) or cancelled, and written again."""
		before = None if self.is_new() else self.get_doc_before_save()
		if before and self.changed_fields(before, ("agent",)):
			frappe.throw(
				_(
					"The agent of {0} cannot be changed once it is saved: delete or cancel it and write the log for the other agent."
				).format(self.name),
				title=_("Not Allowed"),
			)
		if before and self.changed_fields(before, ("amended_from",)):  # helper-59, F4
			frappe.throw(
				_("The log {0} amends cannot be changed once it is saved.").format(self.name),
				title=_("Not Allowed"),
			)
		# an amendment is the same agent's log (helper-58: an agent "amended" another agent's cancelled log)
		amended_agent = (
			self.is_new()
			and self.amended_from
			and frappe.db.get_value("Agent Log", self.amended_from, "agent")
		)
		if amended_agent and amended_agent != self.agent:
			# the agent by name, as the form shows them (the Employee ID alone meant nothing to the writer)
			agent_name = frappe.db.get_value("Employee", amended_agent, "employee_name")
			frappe.throw(
				_("An amendment of {0} is a log of the same agent, {1}.").format(
					self.amended_from, f"{agent_name} ({amended_agent})" if agent_name else amended_agent
				),
				title=_("Not Allowed"),
			)

	def validate_date(self):
		if rules.check_log_date(getdate(self.log_date), getdate(today())):
			frappe.throw(
				_("A work log cannot be for a future date ({0}).").format(self.get_formatted("log_date"))
			)

	def validate_counts(self):
		for row in self.activities:
			error = rules.check_count(row.activity_count if row.activity_count is not None else 1)
			if error == rules.NEGATIVE_COUNT:
				frappe.throw(_("Row {0}: the count cannot be negative.").format(row.idx))
			if error == rules.ZERO_COUNT:
				frappe.throw(
					_("Row {0}: the count must be at least 1; remove the row instead.").format(row.idx)
				)

	def fill_header(self):
		"""Snapshot the agent's supervisor, office and tier when the log is made, so history keeps its context."""
		if not self.agent:
			return
		employee = frappe.db.get_value(
			"Employee",
			self.agent,
			["employee_name", "reports_to", "ia_productivity_tier", "company", "status"],
			as_dict=True,
		)
		if not employee:
			frappe.throw(_("Agent {0} does not exist.").format(self.agent))
		if self.is_new() and employee.status != "Active":
			frappe.throw(_("{0} is not an active employee.").format(employee.employee_name))
		self.agent_name = employee.employee_name
		if self.is_new() or not self.supervisor:
			self.supervisor = employee.reports_to
			self.office = office_of(self.agent)
			self.productivity_tier = employee.ia_productivity_tier
			self.company = employee.company

	def validate_parties(self):
		"""Each party is a real Lead, Customer, Prospect, Opportunity or Contact; the error names the row."""
		for row in self.activities:
			if not row.party_type and row.party:
				frappe.throw(_("Row {0}: choose the party type of {1}.").format(row.idx, row.party))
			if row.party_type and row.party_type not in PARTY_TYPES:
				frappe.throw(
					_("Row {0}: the party must be one of {1}.").format(
						row.idx, ", ".join(_(t) for t in PARTY_TYPES)
					)
				)
			# cache=True: the request's value cache, which Frappe's own link check then reads too
			if row.party_type and row.party and not frappe.db.exists(row.party_type, row.party, cache=True):
				frappe.throw(
					_("Row {0}: {1} {2} does not exist.").format(row.idx, _(row.party_type), row.party)
				)
			if row.activity_kind and not frappe.db.exists("Activity Kind", row.activity_kind, cache=True):
				frappe.throw(_("Row {0}: activity {1} does not exist.").format(row.idx, row.activity_kind))

	def validate_party_ownership(self):
		"""A visit counts for the agent who serves the customer: each row's party is one the log's agent
		reaches under the one rule (their own customers; a supervisor's team's too). Someone else's customer,
		also one found by a new prospect's phone, is refused without saying whose customer it is."""
		for row in self.activities:
			if not (row.party_type and row.party and self.agent):
				continue
			# read with a lock when found by phone: the party may be one another save committed a moment ago,
			# after this transaction's snapshot began (a lost race in prospect_of), which a plain read misses
			party = frappe.get_doc(row.party_type, row.party, for_update=bool(row.flags.found_by_phone))
			served = (
				party.doctype == "Lead"
				and party.lead_owner
				and employee_of_user(party.lead_owner, lookups_of(self))
			)
			if row.flags.found_by_phone and party.doctype == "Lead" and not served:
				# a lead no agent serves yet (marketing, a web form, an admin's import) is the agent's now
				claim_lead(party, self.agent)
			if permissions.reaches(party, self.agent, lookups_of(self)):
				continue
			if row.flags.found_by_phone:
				frappe.throw(
					_(
						"Row {0}: the phone number {1} belongs to a customer another agent serves. Ask your supervisor to transfer the customer before logging them."
					).format(row.idx, row.phone),
					title=_("Not Your Customer"),
				)
			frappe.throw(
				_(
					"Row {0}: {1} {2} is not one of your customers: a visit counts for the agent who serves the customer."
				).format(row.idx, _(row.party_type), row.party),
				title=_("Not Your Customer"),
			)

	def validate_campaigns(self):
		"""A row may name the campaign (活动企划) it follows up: a published one, covering the log's day and
		for the agent's office (the log's office); the campaign's results count it."""
		named = {row.activity_campaign for row in self.activities if row.activity_campaign}
		if not named:
			return
		allowed = campaigns_open_to(self.office, getdate(self.log_date), named)
		for row in self.activities:
			if row.activity_campaign and row.activity_campaign not in allowed:
				frappe.throw(
					_(
						"Row {0}: campaign {1} is not a published campaign of the agent's office on {2}."
					).format(row.idx, row.activity_campaign, formatdate(self.log_date)),
					title=_("Not a Campaign of This Day"),
				)

	def validate_one_log_per_day(self, for_update: bool = False):
		"""One live log (draft or submitted) per agent and day; the message names the log to open instead.

		`for_update` reads with a lock, which sees a log another save committed after this one began.
		"""
		existing = frappe.db.get_value(
			"Agent Log",
			{
				"agent": self.agent,
				"log_date": self.log_date,
				"docstatus": ("<", 2),
				"name": ("!=", self.name),
			},
			for_update=for_update,
		)
		if existing:
			frappe.throw(
				_("{0} already has a log for {1}: {2}. Open it instead of making another.").format(
					self.agent_name or self.agent, formatdate(self.log_date), existing
				),
				title=_("One Log per Day"),
			)

	@contextmanager
	def one_live_log_per_day(self):
		"""Around the log's insert or update: two saves of one agent's day at the same moment both pass the
		check above; the database's key (setup/constraints.py) refuses the later one, which then gets the
		same message as a sequential duplicate."""
		with unique_keys.explained(LIVE_LOG_KEY, lambda: self.validate_one_log_per_day(for_update=True)):
			yield

	def validate_edit_window(self, need_reason: bool = True):
		"""After the edit window the agent cannot change the log; their managers amend it, giving a reason."""
		if self.flags.ignore_edit_window:
			return
		lock_days = get_settings().log_lock_days or 0
		if not rules.is_locked_for_agent(getdate(self.log_date), getdate(today()), lock_days):
			return
		user = frappe.session.user
		editor = employee_of_user(user, lookups_of(self))
		is_manager = sees_all_units(user) or (
			editor and editor != self.agent and is_manager_of(editor, self.agent)
		)
		if not is_manager:
			frappe.throw(
				_("The log of {0} is locked since {1}: ask your supervisor to amend it.").format(
					formatdate(self.log_date),
					formatdate(add_days(rules.lock_date(getdate(self.log_date), lock_days), 1)),
				),
				title=_("Log Locked"),
			)
		if need_reason and not (self.amendment_reason or "").strip():
			frappe.throw(
				_("Give the amendment reason: this log is past the agent's edit window."),
				title=_("Amendment Reason Required"),
			)

	def validate_review(self):
		"""Only the agent's supervisor or office manager (or an admin) reviews a log, on insert, update and
		REST alike; an agent never reviews their own log. The review fields are at permission level 1 (agents
		read them) and are not copied to an amendment, which starts unreviewed."""
		if self.is_new() and self.amended_from:
			self.update(
				NOT_REVIEWED
			)  # an amendment is new content: whatever the client sent, it starts unreviewed
			self.reviewed_by = None
			return
		before = NOT_REVIEWED if self.is_new() else self.stored_review()
		changed = any((before.get(f) or "") != (self.get(f) or "") for f in REVIEW_FIELDS)
		if not changed:
			return
		user = frappe.session.user
		editor = employee_of_user(user, lookups_of(self))
		if not (sees_all_units(user) or (editor and is_manager_of(editor, self.agent))):
			frappe.throw(_("Only the agent's supervisor or office manager can review this log."))
		self.reviewed_by = user

	def stored_review(self) -> dict:
		"""The review fields as stored: from the copy Frappe read (locked) before this save, else the table."""
		stored = self.get_doc_before_save()
		if stored is not None and stored.name == self.name:
			return {f: stored.get(f) for f in REVIEW_FIELDS}
		return frappe.db.get_value("Agent Log", self.name, REVIEW_FIELDS, as_dict=True)

	def validate_phones(self):
		"""Every row's phone is a real phone number, stored as its key ("+8613900139000"), so one customer
		has one phone wherever it was typed; a number that is not a phone is refused, naming the row."""
		for row in self.activities:
			row.normalise_phone()

	def link_new_prospects(self):
		"""A new-prospect row links the Lead, Customer or Contact with the same phone, or creates a Lead:
		never a second record for one phone."""
		for row in self.activities:
			if (
				not row.activity_kind
				or row.party
				or not frappe.get_cached_value("Activity Kind", row.activity_kind, "creates_prospect")
			):
				continue
			if not row.phone:
				frappe.throw(_("Row {0}: a new prospect needs a phone number.").format(row.idx))
			row.party_type, row.party = prospect_of(row, self)

	def compute_attainment(self):
		"""The day's subtotal (小计) against the applicable 5311, and the supervisor's 111."""
		log_date = getdate(self.log_date)
		off = working_days.days_off(log_date, log_date, employee=self.agent)
		working_day = off.is_working_day(log_date)
		self.is_working_day = int(working_day)
		self.calendar_note = working_days.uncovered_note(off)

		rows = []
		for row in self.activities:
			row.standard_item = (
				frappe.get_cached_value("Activity Kind", row.activity_kind, "standard_item") or ""
			)
			rows.append((row.standard_item, row.activity_count or 1, not row.is_invalid))
		# every row that counts, each its count (有效活动): what the analytics add up, per log (in SQL:
		# analytics/activities.ACTIVITIES)
		self.valid_activities = sum(count for _item, count, counts in rows if counts)
		attainment = agent_attainment(
			subtotals(rows), agent_standard(self.productivity_tier, log_date), working_day
		)
		for item in attainment.items:
			self.set(item.item, item.actual)
			self.set(f"{item.item}_target", item.target)
		self.standard = attainment.standard
		self.standard_met = int(attainment.met)
		shortfalls = dict(attainment.shortfalls())

		reports = direct_reports(self.agent)
		self.is_supervisor = int(bool(reports))
		if self.is_supervisor:
			shortfalls.update(self.compute_supervisor_attainment(reports, log_date, working_day))
		# a non-working day has no standard (targets of 0): say so rather than "standard met"
		self.shortfall_summary = (
			describe_shortfalls(shortfalls)
			if working_day
			else _("Non-working day: there is no standard to meet.")
		)

	def compute_supervisor_attainment(
		self, reports: list[str], log_date, working_day: bool
	) -> dict[str, int]:
		for row in self.tracking_calls:
			if row.report not in reports:
				frappe.throw(
					_("Tracking call row {0}: {1} is not a direct report.").format(row.idx, row.report)
				)
		if self.coaching_report and self.coaching_report not in reports:
			frappe.throw(_("The coached report {0} is not a direct report.").format(self.coaching_report))
		attainment, missing = supervisor_attainment(
			reports,
			[row.report for row in self.tracking_calls],
			coaching_sessions=1 if self.coaching_report and self.coaching_type else 0,
			spot_checks=self.link_spot_check(),
			standard=supervisor_standard(self.productivity_tier, log_date),
			working_day=working_day,
		)
		by_item = attainment.by_item()
		self.tracking_calls_done = by_item["tracking_calls"].actual
		self.tracking_calls_target = by_item["tracking_calls"].target
		for item in ("coaching_sessions", "spot_checks"):
			self.set(item, by_item[item].actual)
			self.set(f"{item}_target", by_item[item].target)
		self.supervisor_standard = attainment.standard
		self.supervisor_standard_met = int(attainment.met)
		names = (
			frappe.get_all("Employee", filters={"name": ("in", missing)}, pluck="employee_name")
			if missing
			else []
		)
		self.missing_tracking_calls = ", ".join(sorted(names))
		return attainment.shortfalls()

	def link_spot_check(self) -> int:
		"""The day's spot-checks (抽查回访): the supervisor's own Callback Checks of that day on a report's visit.

		The log links the first (one that counts, if any) and shows its customer and status; a spot-check
		counts once the supervisor has made the call.
		"""
		checks = frappe.get_all(
			"Callback Check",
			filters={
				"source": SOURCE_SUPERVISOR,
				"spot_checked_by": self.agent,
				"callback_date": self.log_date,
			},
			fields=["name", "party_name", "status", "attempt_count"],
			order_by="creation asc",
		)
		counted = [c for c in checks if spot_check_counts(c.status, c.attempt_count)]
		shown = (counted or checks or [None])[0]
		self.spot_check_callback = shown.name if shown else None
		self.spot_check_customer = shown.party_name if shown else None
		self.spot_check_result = shown.status if shown else None
		return len(counted)

	# ------------------------------------------------------------ system changes (a callback's outcome)
	def set_activity_validity(self, activity_row: str, valid: bool, reason: str) -> bool:
		"""Invalidate or restore one activity row and recompute the log's subtotal and attainment.

		A system action (a callback's outcome, an upheld appeal): it bypasses the agent's edit window and
		works on submitted logs too (the row's validity and the subtotals are written directly). The log's
		timeline says why. False when the row is not this log's or the log is cancelled.
		"""
		row = next((r for r in self.activities if r.name == activity_row), None)
		if not row or self.docstatus == 2:
			return False
		row.is_invalid = 0 if valid else 1
		row.invalid_reason = "" if valid else reason
		self.recompute_after_system_change()
		self.add_comment(
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

	def refresh_verdicts(self, restored_because: str = "") -> bool:
		"""A system action (a callback closed, an appeal decided): each row takes the standing callbacks'
		verdict (apply_callback_verdicts' rule), and every row that changed is stored with the log's totals and
		a line on the timeline (set_activity_validity; `restored_because` says why a row counts again). False
		when nothing changed or the log is cancelled."""
		if self.docstatus == 2:
			return False
		changed = False
		for row, (is_invalid, reason) in zip(self.activities, self.callback_verdicts(), strict=True):
			if bool(row.is_invalid) != is_invalid:
				self.set_activity_validity(row.name, not is_invalid, reason or restored_because)
				changed = True
		return changed

	def recompute_after_system_change(self):
		"""Recompute the subtotal (小计), 5311 and 111 after a system change and store them, draft or submitted."""
		self.flags.ignore_edit_window = True
		self.compute_attainment()
		self.modified, self.modified_by = now_datetime(), frappe.session.user
		self.db_update_all()
		frappe.clear_document_cache("Agent Log", self.name)
		contest_ledger.recompute_agent_day(self.agent, self.log_date)  # the day's contest points
		self.notify_update()


# ---------------------------------------------------------------- helpers that are not one log's
def visits_of(rows) -> list[rules.Person]:
	"""Whom each activity row (a document row or a dict: phone, party_type, party, party_name) claims a visit
	with, in order, as the verdict rule reads it: the phone typed and its record's stored phone key, the
	record and the records that are the same person (a Lead and the Customers made from it), the name typed.
	The records are read in a few queries for all the rows (party_identities)."""
	named = {
		(row.get("party_type"), row.get("party"))
		for row in rows
		if row.get("party_type") in PARTY_TYPES and row.get("party")
	}
	identities = party_identities(named)
	persons = []
	for row in rows:
		keys, parties = identities.get((row.get("party_type"), row.get("party")), (set(), set()))
		persons.append(rules.person_of({phone_key(row.get("phone")), *keys}, parties, row.get("party_name")))
	return persons


def party_identities(parties: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[set, set]]:
	"""{(party type, name): (its stored phone keys, the records that are the same person as "Type/name")}: a
	Customer's Lead (lead_name) and a Lead's Customers are one person with it; a phone key is read where the
	record keeps one (customers.phone_keys.PHONE_FIELDS: Lead, Customer, Contact; a Prospect or an
	Opportunity has none)."""
	found = {party: (set(), {f"{party[0]}/{party[1]}"}) for party in parties}
	by_type: dict[str, list[str]] = {}
	for party_type, name in parties:
		by_type.setdefault(party_type, []).append(name)
	leads, customers = by_type.get("Lead", []), by_type.get("Customer", [])
	if leads:
		for name, key in frappe.get_all(
			"Lead", filters={"name": ("in", leads)}, fields=["name", PHONE_KEY], as_list=True
		):
			found["Lead", name][0].add(key)
	if leads or customers:  # the Customers named, and those made from the Leads named
		for customer, lead, key in frappe.get_all(
			"Customer",
			or_filters={"name": ("in", customers or [""]), "lead_name": ("in", leads or [""])},
			fields=["name", "lead_name", PHONE_KEY],
			as_list=True,
		):
			if ("Customer", customer) in found:
				found["Customer", customer][0].add(key)
				if lead:
					found["Customer", customer][1].add(f"Lead/{lead}")
			if ("Lead", lead) in found:
				found["Lead", lead][0].add(key)
				found["Lead", lead][1].add(f"Customer/{customer}")
	if contacts := by_type.get("Contact"):
		for name, key in frappe.get_all(
			"Contact", filters={"name": ("in", contacts)}, fields=["name", PHONE_KEY], as_list=True
		):
			found["Contact", name][0].add(key)
	# a Contact is the person of the Customer or Lead it is linked to (helper-60, F5: the checked customer's
	# visit logged again on a Contact the agent linked to them counted); a Contact of several (a household's,
	# a company's) is only itself: it does not make them one person (helper-61, F4)
	if contacts:
		links = {}
		for link in frappe.get_all(
			"Dynamic Link",
			filters={"parenttype": "Contact", "parent": ("in", contacts), "link_doctype": ("in", LINKED)},
			fields=["parent", "link_doctype", "link_name"],
		):
			links.setdefault(link.parent, set()).add((link.link_doctype, link.link_name))
		# a Lead and the Customer made from it are one person (ERPNext links the Lead's Contact to both)
		customers = {name for linked in links.values() for doctype, name in linked if doctype == "Customer"}
		made_from = dict(
			frappe.get_all(
				"Customer",
				filters={"name": ("in", list(customers)), "lead_name": ("is", "set")},
				fields=["name", "lead_name"],
				as_list=True,
			)
			if customers
			else []
		)
		for contact, linked in links.items():
			persons = {
				("Lead", made_from[n]) if t == "Customer" and n in made_from else (t, n) for t, n in linked
			}
			if len(persons) == 1:
				found["Contact", contact][1].update(f"{t}/{n}" for t, n in linked)
	# an Opportunity is the person it is from (a Lead, a Customer, a Prospect)
	if opportunities := by_type.get("Opportunity"):
		for name, source, party in frappe.get_all(
			"Opportunity",
			filters={"name": ("in", opportunities)},
			fields=["name", "opportunity_from", "party_name"],
			as_list=True,
		):
			if source and party:
				found["Opportunity", name][1].add(f"{source}/{party}")
	return found


LINKED = ("Customer", "Lead")  # the records a Contact is the person of


def claim_sources(logs: list[str]) -> list:
	"""The activity rows of the stored logs `logs`, in their order: name, claimed_row and whom they claim (the
	fields visits_of reads)."""
	if not logs:
		return []
	rows = frappe.get_all(
		"Agent Log Activity",
		filters={"parent": ("in", logs), "parenttype": "Agent Log", "parentfield": "activities"},
		fields=[
			"name",
			"parent",
			"idx",
			"claimed_row",
			"activity_kind",
			"phone",
			"party_type",
			"party",
			"party_name",
		],
	)
	order = {log: i for i, log in enumerate(logs)}
	return sorted(rows, key=lambda r: (order[r.parent], r.idx))


def log_lineage(log) -> list[str]:
	"""The names of `log` (when stored) and of the logs it amends, back to the first: the logs a callback on
	one of its visits may name (an amendment may carry another date)."""
	names = [log.name] if log.name and not log.is_new() else []
	previous, seen = log.amended_from, set(names)
	while previous and previous not in seen:
		names.append(previous)
		seen.add(previous)
		previous = frappe.db.get_value("Agent Log", previous, "amended_from")
	return names


def amendments_of(name: str | None) -> list[str]:
	"""The logs that amend `name`, and those that amend them, to the last (log_lineage read the other way: a
	callback's verdict reaches the checked log's amendments whatever their date; every log naming one is
	followed, helper-59)."""
	names, seen, following = [], {name}, [name] if name else []
	while following:
		found = frappe.get_all("Agent Log", filters={"amended_from": ("in", following)}, pluck="name")
		following = [n for n in found if n not in seen]
		seen.update(following)
		names.extend(following)
	return names


def standing_verdicts(
	agent: str, day, logs: list[str] | None = None, claims: list[str] | None = None
) -> list[rules.Verdict]:
	"""The standing verdicts on `agent`'s visits of `day`, on the visits of `logs` (a log's lineage,
	log_lineage: a log moved to another day, or amended with another date, keeps them) and on the rows
	`claims` names as first written (a log's rows' claimed_row: a new log of a cancelled log's day keeps that
	log's verdicts wherever it is moved, helper-60 F4): their callback checks closed as not happened or
	misconduct (INVALIDATING_OUTCOMES) and not overturned on appeal, read whoever asks (the agent may not read
	the checks); on the checks' agent-led index (setup/constraints.CHECK_AGENT_FACTS_INDEX)."""
	or_filters = {"activity_date": getdate(day), "agent_log": ("in", logs or [""])}
	if claims:
		or_filters["activity_row"] = ("in", rows_standing_for(claims))
	checks = frappe.get_all(
		"Callback Check",
		filters={
			"agent": agent,
			"status": ("in", list(INVALIDATING_OUTCOMES)),
			"overturned_on_appeal": 0,
		},
		or_filters=or_filters,
		fields=[
			"name",
			"status",
			"closed_on",
			"party_type",
			"party",
			"party_name",
			"party_key",
			"activity_row",
		],
		order_by="closed_on, name",
	)
	if not checks:
		return []
	# the row each check was made on, as first written (claimed_row: an amendment's copy keeps it)
	first_written = dict(
		frappe.get_all(
			"Agent Log Activity",
			filters={"name": ("in", [c.activity_row for c in checks if c.activity_row] or [""])},
			fields=["name", "claimed_row"],
			as_list=True,
		)
	)
	persons = visits_of([{**check, "phone": check.party_key} for check in checks])
	# the reason a row shows is stored: in the agent's language, whoever's save or callback wrote it (helper-58)
	lang = get_user_lang(frappe.get_cached_value("Employee", agent, "user_id") or "Guest")
	return [
		rules.Verdict(
			person=person,
			reason=_("Callback {0} on {1}: {2}", lang=lang).format(
				check.name, formatdate(check.closed_on), _(check.status, lang=lang)
			),
			row=first_written.get(check.activity_row) or check.activity_row,
		)
		for check, person in zip(checks, persons, strict=True)
	]


def rows_standing_for(claims: list[str]) -> list[str]:
	"""The names of the Agent Log activity rows first written as one of `claims` (the rows themselves and
	every row whose claimed_row names one), in any log, live or not; on the rows' claimed_row index."""
	return sorted(
		set(claims)
		| set(
			frappe.get_all(
				"Agent Log Activity",
				filters={"claimed_row": ("in", claims), "parenttype": "Agent Log"},
				pluck="name",
			)
		)
	)


def claim_lead(lead, agent: str) -> None:
	lead.db_set("lead_owner", frappe.get_cached_value("Employee", agent, "user_id"), update_modified=True)
	lead.add_comment("Info", _("Claimed by {0} on a new-prospect visit.").format(agent))


def prospect_of(row, doc) -> tuple[str, str]:
	"""(doctype, name) of the prospect with the row's phone (its key): the one on file (the row is then
	`found_by_phone`), else a new Lead.

	Two saves may bring the same new phone at the same moment: the database lets one Lead through (its
	unique New-Prospect Phone Key) and the other save then finds that Lead, exactly as if it had been
	on file before (so the same ownership rule applies to it).
	"""
	found = find_party_by_phone(row.phone)
	row.flags.found_by_phone = bool(found)
	if found:
		return found
	if not row.party_name:
		frappe.throw(_("Row {0}: a new prospect needs a name.").format(row.idx))
	lead = create_lead(row.party_name, row.phone, doc)
	if lead:
		return "Lead", lead
	row.flags.found_by_phone = True
	return find_party_by_phone(row.phone, for_update=True)


def create_lead(name: str, phone: str, doc) -> str | None:
	"""A new Lead owned by the agent, with the phone as its key; None (and nothing written) when another
	save made the Lead of this phone after this one looked."""
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"first_name": name,
			"mobile_no": phone,
			PROSPECT_PHONE_KEY: phone,
			"company": doc.company,
			"lead_owner": frappe.get_cached_value("Employee", doc.agent, "user_id"),
			"source": "Cold Calling",
		}
	)
	lead.flags.ignore_permissions = True
	with unique_keys.undone_if_refused(PROSPECT_PHONE_KEY, "ia_new_prospect_lead") as outcome:
		lead.insert()
	return None if outcome.refused else lead.name


def describe_shortfalls(shortfalls: dict[str, int]) -> str:
	"""'Met' or one line per item: 'Phone Appointments: short by 2'."""
	if not shortfalls:
		return _("Standard met")
	order = [*AGENT_ITEMS, *SUPERVISOR_ITEMS]
	return "\n".join(
		_("{0}: short by {1}").format(_(ITEM_LABELS[item]), shortfalls[item])
		for item in sorted(shortfalls, key=order.index)
	)


def loggable_agents(user: str | None = None):
	"""Query-builder subquery of the Employees `user` may keep a work log for under the one permission
	rule: themself and their reporting subtree and managed units (自己及下属); every active Employee for an
	admin; None when the user is not an Employee (then nobody)."""
	people = DocType("Employee").as_("loggable")
	query = frappe.qb.from_(people).select(people.name).where(people.status == "Active")
	return where_allowed(query, "Agent Log", user, "write", table=people, columns={"agent": people.name})


@frappe.whitelist()
def new_log_defaults() -> dict:
	"""What a new log form starts with: {"agent": the user's own Employee or None, "agent_fixed": True when
	the user may log for nobody else (an agent: the field is read-only)}."""
	me = employee_of_user()
	subquery = loggable_agents()
	others = 0
	if subquery is not None:
		people = DocType("Employee")
		others = (
			frappe.qb.from_(people)
			.select(people.name)
			.where(people.name.isin(subquery) & (people.name != (me or "")))
			.limit(1)
			.run()
		)
	return {"agent": me, "agent_fixed": bool(me) and not others}


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def agent_query(
	doctype: str,
	txt: str | None,
	searchfield: str,
	start: int,
	page_len: int,
	filters: dict | list | str | None = None,
):
	"""Link query of a log's Agent field (desk picker and /api/method/frappe.desk.search.search_link with
	this query): [(employee, employee_name)] of the active Employees the user may log for, matching `txt`
	in the ID or the name, by name. A user who is not an Employee (and no admin) gets []. The arguments are
	typed as Frappe's search sends them: any other type is refused by Frappe's type check (HTTP 417)."""
	subquery = loggable_agents()
	if subquery is None:
		return []
	people = DocType("Employee")
	query = (
		frappe.qb.from_(people).select(people.name, people.employee_name).where(people.name.isin(subquery))
	)
	if txt:
		query = query.where(people.name.like(f"%{txt}%") | people.employee_name.like(f"%{txt}%"))
	return query.orderby(people.employee_name).orderby(people.name).limit(page_len).offset(start).run()
