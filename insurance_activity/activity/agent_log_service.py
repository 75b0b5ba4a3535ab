"""What an Agent Log does on save: the shell that reads records, calls the rules core and writes the results."""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import add_days, formatdate, getdate, today

from insurance_activity import permissions, working_days
from insurance_activity.activity.standards import (
	agent_standard,
	supervisor_standard,
)
from insurance_activity.controllers import unique_keys
from insurance_activity.customers.phone_keys import find_party_by_phone
from insurance_activity.org import direct_reports, employee_of_user, is_manager_of, office_of
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
from insurance_activity.rules.callback_outcomes import SOURCE_SUPERVISOR, spot_check_counts
from insurance_activity.rules.phones import NOT_A_PHONE, check_phone
from insurance_activity.setup.constraints import LIVE_LOG_KEY
from insurance_activity.setup.custom_fields import PROSPECT_PHONE_KEY

PARTY_TYPES = PARTY_DOCTYPES
ITEM_LABELS = {
	"phone_appointments": "Phone Appointments",
	"sales_interviews": "Sales Interviews",
	"recruiting_visits": "Recruiting Visits",
	"new_prospects": "New Prospects",
	"referrals": "Referrals",
	"tracking_calls": "Tracking Calls",
	"coaching_sessions": "Coaching Sessions",
	"spot_checks": "Spot-checks",
}


def fill_header(doc):
	"""Snapshot the agent's supervisor, office and tier when the log is made, so history keeps its context."""
	if not doc.agent:
		return
	employee = frappe.db.get_value(
		"Employee",
		doc.agent,
		["employee_name", "reports_to", "ia_productivity_tier", "company", "status"],
		as_dict=True,
	)
	if not employee:
		frappe.throw(_("Agent {0} does not exist.").format(doc.agent))
	if doc.is_new() and employee.status != "Active":
		frappe.throw(_("{0} is not an active employee.").format(employee.employee_name))
	doc.agent_name = employee.employee_name
	if doc.is_new() or not doc.supervisor:
		doc.supervisor = employee.reports_to
		doc.office = office_of(doc.agent)
		doc.productivity_tier = employee.ia_productivity_tier
		doc.company = employee.company


def validate_parties(doc):
	"""Each party is a real Lead, Customer, Prospect, Opportunity or Contact; the error names the row."""
	for row in doc.activities:
		if not row.party_type and row.party:
			frappe.throw(_("Row {0}: choose the party type of {1}.").format(row.idx, row.party))
		if row.party_type and row.party_type not in PARTY_TYPES:
			frappe.throw(
				_("Row {0}: the party must be one of {1}.").format(
					row.idx, ", ".join(_(t) for t in PARTY_TYPES)
				)
			)
		if row.party_type and row.party and not frappe.db.exists(row.party_type, row.party):
			frappe.throw(_("Row {0}: {1} {2} does not exist.").format(row.idx, _(row.party_type), row.party))
		if row.activity_kind and not frappe.db.exists("Activity Kind", row.activity_kind):
			frappe.throw(_("Row {0}: activity {1} does not exist.").format(row.idx, row.activity_kind))


def validate_party_ownership(doc):
	"""A visit counts for the agent who serves the customer: each row's party is one the log's agent
	reaches under the one rule (their own customers; a supervisor's team's too). Someone else's customer,
	also one found by a new prospect's phone, is refused without saying whose customer it is."""
	for row in doc.activities:
		if not (row.party_type and row.party and doc.agent):
			continue
		# read with a lock when found by phone: the party may be one another save committed a moment ago,
		# after this transaction's snapshot began (a lost race in prospect_of), which a plain read misses
		party = frappe.get_doc(row.party_type, row.party, for_update=bool(row.flags.found_by_phone))
		served = party.doctype == "Lead" and party.lead_owner and employee_of_user(party.lead_owner)
		if row.flags.found_by_phone and party.doctype == "Lead" and not served:
			# a lead no agent serves yet (marketing, a web form, an admin's import) is the agent's now
			claim_lead(party, doc.agent)
		if permissions.reaches(party, doc.agent):
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


def claim_lead(lead, agent: str) -> None:
	lead.db_set("lead_owner", frappe.get_cached_value("Employee", agent, "user_id"), update_modified=True)
	lead.add_comment("Info", _("Claimed by {0} on a new-prospect visit.").format(agent))


def validate_one_log_per_day(doc, for_update: bool = False):
	"""One live log (draft or submitted) per agent and day; the message names the log to open instead.

	`for_update` reads with a lock, which sees a log another save committed after this one began.
	"""
	existing = frappe.db.get_value(
		"Agent Log",
		{"agent": doc.agent, "log_date": doc.log_date, "docstatus": ("<", 2), "name": ("!=", doc.name)},
		for_update=for_update,
	)
	if existing:
		frappe.throw(
			_("{0} already has a log for {1}: {2}. Open it instead of making another.").format(
				doc.agent_name or doc.agent, formatdate(doc.log_date), existing
			),
			title=_("One Log per Day"),
		)


@contextmanager
def one_live_log_per_day(doc):
	"""Around the log's insert or update: two saves of one agent's day at the same moment both pass the
	check above; the database's key (setup/constraints.py) refuses the later one, which then gets the
	same message as a sequential duplicate."""
	with unique_keys.explained(LIVE_LOG_KEY, lambda: validate_one_log_per_day(doc, for_update=True)):
		yield


def validate_edit_window(doc, need_reason: bool = True):
	"""After the edit window the agent cannot change the log; their managers amend it, giving a reason."""
	if doc.flags.ignore_edit_window:
		return
	lock_days = frappe.db.get_single_value("Insurance Activity Settings", "log_lock_days") or 0
	if not rules.is_locked_for_agent(getdate(doc.log_date), getdate(today()), lock_days):
		return
	user = frappe.session.user
	editor = employee_of_user(user)
	is_manager = sees_all_units(user) or (editor and editor != doc.agent and is_manager_of(editor, doc.agent))
	if not is_manager:
		frappe.throw(
			_("The log of {0} is locked since {1}: ask your supervisor to amend it.").format(
				formatdate(doc.log_date),
				formatdate(add_days(rules.lock_date(getdate(doc.log_date), lock_days), 1)),
			),
			title=_("Log Locked"),
		)
	if need_reason and not (doc.amendment_reason or "").strip():
		frappe.throw(
			_("Give the amendment reason: this log is past the agent's edit window."),
			title=_("Amendment Reason Required"),
		)


REVIEW_FIELDS = ("review_status", "supervisor_comment")
NOT_REVIEWED = {"review_status": "Pending", "supervisor_comment": ""}


def validate_review(doc):
	"""Only the agent's supervisor or office manager (or an admin) reviews a log, on insert, update and
	REST alike; an agent never reviews their own log. The review fields are at permission level 1 (agents
	read them) and are not copied to an amendment, which starts unreviewed."""
	if doc.is_new() and doc.amended_from:
		doc.update(
			NOT_REVIEWED
		)  # an amendment is new content: whatever the client sent, it starts unreviewed
		doc.reviewed_by = None
		return
	before = (
		NOT_REVIEWED
		if doc.is_new()
		else frappe.db.get_value("Agent Log", doc.name, REVIEW_FIELDS, as_dict=True)
	)
	changed = any((before.get(f) or "") != (doc.get(f) or "") for f in REVIEW_FIELDS)
	if not changed:
		return
	user = frappe.session.user
	editor = employee_of_user(user)
	if not (sees_all_units(user) or (editor and is_manager_of(editor, doc.agent))):
		frappe.throw(_("Only the agent's supervisor or office manager can review this log."))
	doc.reviewed_by = user


def validate_phones(doc):
	"""Every row's phone is a real phone number, stored as its key ("+8613900139000"), so one customer
	has one phone wherever it was typed; a number that is not a phone is refused, naming the row."""
	for row in doc.activities:
		check = check_phone(row.phone)
		if check.problem == NOT_A_PHONE:
			frappe.throw(
				_("Row {0}: {1} is not a valid phone number.").format(row.idx, row.phone),
				title=_("Invalid Phone"),
			)
		row.phone = check.key


def link_new_prospects(doc):
	"""A new-prospect row links the Lead, Customer or Contact with the same phone, or creates a Lead:
	never a second record for one phone."""
	for row in doc.activities:
		if (
			not row.activity_kind
			or row.party
			or not frappe.get_cached_value("Activity Kind", row.activity_kind, "creates_prospect")
		):
			continue
		if not row.phone:
			frappe.throw(_("Row {0}: a new prospect needs a phone number.").format(row.idx))
		row.party_type, row.party = prospect_of(row, doc)


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


def compute_attainment(doc):
	"""The day's subtotal (小计) against the applicable 5311, and the supervisor's 111."""
	log_date = getdate(doc.log_date)
	off = working_days.days_off(log_date, log_date, employee=doc.agent)
	working_day = off.is_working_day(log_date)
	doc.is_working_day = int(working_day)
	doc.calendar_note = working_days.uncovered_note(off)

	rows = []
	for row in doc.activities:
		row.standard_item = frappe.get_cached_value("Activity Kind", row.activity_kind, "standard_item") or ""
		rows.append((row.standard_item, row.activity_count or 1, not row.is_invalid))
	attainment = agent_attainment(
		subtotals(rows), agent_standard(doc.productivity_tier, log_date), working_day
	)
	for item in attainment.items:
		doc.set(item.item, item.actual)
		doc.set(f"{item.item}_target", item.target)
	doc.standard = attainment.standard
	doc.standard_met = int(attainment.met)
	shortfalls = dict(attainment.shortfalls())

	reports = direct_reports(doc.agent)
	doc.is_supervisor = int(bool(reports))
	if doc.is_supervisor:
		shortfalls.update(compute_supervisor_attainment(doc, reports, log_date, working_day))
	# a non-working day has no standard (targets of 0): say so rather than "standard met"
	doc.shortfall_summary = (
		describe_shortfalls(shortfalls)
		if working_day
		else _("Non-working day: there is no standard to meet.")
	)


def compute_supervisor_attainment(doc, reports: list[str], log_date, working_day: bool) -> dict[str, int]:
	for row in doc.tracking_calls:
		if row.report not in reports:
			frappe.throw(_("Tracking call row {0}: {1} is not a direct report.").format(row.idx, row.report))
	if doc.coaching_report and doc.coaching_report not in reports:
		frappe.throw(_("The coached report {0} is not a direct report.").format(doc.coaching_report))
	attainment, missing = supervisor_attainment(
		reports,
		[row.report for row in doc.tracking_calls],
		coaching_sessions=1 if doc.coaching_report and doc.coaching_type else 0,
		spot_checks=link_spot_check(doc),
		standard=supervisor_standard(doc.productivity_tier, log_date),
		working_day=working_day,
	)
	by_item = attainment.by_item()
	doc.tracking_calls_done = by_item["tracking_calls"].actual
	doc.tracking_calls_target = by_item["tracking_calls"].target
	for item in ("coaching_sessions", "spot_checks"):
		doc.set(item, by_item[item].actual)
		doc.set(f"{item}_target", by_item[item].target)
	doc.supervisor_standard = attainment.standard
	doc.supervisor_standard_met = int(attainment.met)
	names = (
		frappe.get_all("Employee", filters={"name": ("in", missing)}, pluck="employee_name")
		if missing
		else []
	)
	doc.missing_tracking_calls = ", ".join(sorted(names))
	return attainment.shortfalls()


def link_spot_check(doc) -> int:
	"""The day's spot-checks (抽查回访): the supervisor's own Callback Checks of that day on a report's visit.

	The log links the first (one that counts, if any) and shows its customer and status; a spot-check
	counts once the supervisor has made the call.
	"""
	checks = frappe.get_all(
		"Callback Check",
		filters={"source": SOURCE_SUPERVISOR, "spot_checked_by": doc.agent, "callback_date": doc.log_date},
		fields=["name", "party_name", "status", "attempt_count"],
		order_by="creation asc",
	)
	counted = [c for c in checks if spot_check_counts(c.status, c.attempt_count)]
	shown = (counted or checks or [None])[0]
	doc.spot_check_callback = shown.name if shown else None
	doc.spot_check_customer = shown.party_name if shown else None
	doc.spot_check_result = shown.status if shown else None
	return len(counted)


def describe_shortfalls(shortfalls: dict[str, int]) -> str:
	"""'Met' or one line per item: 'Phone Appointments: short by 2'."""
	if not shortfalls:
		return _("Standard met")
	order = [*AGENT_ITEMS, *SUPERVISOR_ITEMS]
	return "\n".join(
		_("{0}: short by {1}").format(_(ITEM_LABELS[item]), shortfalls[item])
		for item in sorted(shortfalls, key=order.index)
	)
