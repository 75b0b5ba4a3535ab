"""The supervisor's spot-check (抽查回访), the third "1" of the 111.

Each working day a supervisor phones one customer that one of their direct reports visited on the
previous working day. The supervisor is offered a visit (drawn with a seed, so reloading offers the same
one) or picks another from the list; it becomes a Callback Check with source "Supervisor Spot-check",
worked by the supervisor, and counts on the supervisor's log of that day once the call is made.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, formatdate, getdate

from insurance_activity import working_days
from insurance_activity.org import direct_reports, user_of_employee
from insurance_activity.rules import callback_outcomes as outcomes
from insurance_activity.rules.callback_sampling import is_party_recent, pick_spot_check
from insurance_activity.rules.phones import phone_key
from insurance_activity.verification.sampling import sampling_config

CHECK = "Callback Check"


class CalledRecently(frappe.ValidationError):
	"""The customer was called within the no-repeat window (不重复回访天数)."""


# How far back to look for the previous working day (a long public holiday is shorter than this).
LOOKBACK_DAYS = 31


def visit_day(supervisor: str, on_date) -> date:
	"""The previous working day before `on_date` in the supervisor's Holiday List ("yesterday")."""
	on_date = getdate(on_date)
	start = getdate(add_days(on_date, -LOOKBACK_DAYS))
	off = working_days.days_off(start, on_date, employee=supervisor)
	day = getdate(add_days(on_date, -1))
	while day > start and not off.is_working_day(day):
		day = getdate(add_days(day, -1))
	return day


def spot_check_choices(supervisor: str, on_date) -> list[dict]:
	"""The reports' verifiable visits of the previous working day that have a phone and no check yet;
	customers called within the no-repeat window come last."""
	reports = direct_reports(supervisor)
	if not reports:
		return []
	day = visit_day(supervisor, on_date)
	log = frappe.qb.DocType("Agent Log")
	row = frappe.qb.DocType("Agent Log Activity")
	kind = frappe.qb.DocType("Activity Kind")
	check = frappe.qb.DocType(CHECK)
	rows = (
		frappe.qb.from_(row)
		.join(log)
		.on((row.parent == log.name) & (row.parenttype == "Agent Log") & (row.parentfield == "activities"))
		.join(kind)
		.on(kind.name == row.activity_kind)
		.left_join(check)
		.on(check.activity_row == row.name)
		.select(
			log.name.as_("agent_log"),
			row.name.as_("activity_row"),
			row.idx,
			row.activity_kind,
			row.activity_time,
			row.party_name,
			row.phone,
			log.agent,
			log.agent_name,
			log.log_date,
		)
		.where(
			(log.agent.isin(reports))
			& (log.log_date == day)
			& (log.docstatus < 2)
			& (kind.verifiable == 1)
			& (row.is_invalid == 0)
			& check.name.isnull()
		)
		.orderby(log.agent_name)
		.orderby(row.idx)
		.run(as_dict=True)
	)
	choices = [r for r in rows if phone_key(r.phone)]
	recent = recently_called({phone_key(r.phone) for r in choices}, on_date)
	for choice in choices:
		choice.recently_called = phone_key(choice.phone) in recent
	return sorted(choices, key=lambda c: c.recently_called)


def recently_called(party_keys: set[str], on_date) -> set[str]:
	"""The customers (phone keys) called within the no-repeat window before or on `on_date`, by anyone:
	the sample's, a manual or another supervisor's call all count (rules is_party_recent)."""
	if not party_keys:
		return set()
	on_date = getdate(on_date)
	cfg = sampling_config()
	rows = frappe.get_all(
		CHECK,
		filters={
			"party_key": ("in", list(party_keys)),
			"callback_date": (">=", add_days(on_date, -cfg.no_repeat_days)),
		},
		fields=["party_key", "max(callback_date) as last_called"],
		group_by="party_key",
	)
	return {r.party_key for r in rows if is_party_recent(on_date, getdate(r.last_called), cfg)}


def offer_spot_check(supervisor: str, on_date) -> dict:
	"""One visit to call, drawn among those of customers not called within the no-repeat window (seeded by
	supervisor and day); None when every customer was called recently: never a fallback to one of them.

	Returns {"visit_date", "offered": a choice or None, "choices": every visit, recently_called marked}."""
	choices = spot_check_choices(supervisor, on_date)
	picked = pick_spot_check(
		getdate(on_date),
		[(c.activity_row, phone_key(c.phone)) for c in choices],
		{phone_key(c.phone): getdate(on_date) for c in choices if c.recently_called},
		sampling_config(),
		seed=f"{supervisor}:{getdate(on_date).isoformat()}",
	)
	offered = next((c for c in choices if c.activity_row == picked), None)
	return {"visit_date": visit_day(supervisor, on_date), "offered": offered, "choices": choices}


def start_spot_check(supervisor: str, agent_log: str, activity_row: str, on_date):
	"""Make the supervisor's spot-check of one of the offered visits: a Callback Check they work themselves.

	Refused (ValidationError) for a visit that is not one of the choices, and (CalledRecently) for a
	customer called within the no-repeat window; a visit checked meanwhile (the morning sample) is refused
	by the one-check-per-row key with the "already verified" message (callback_check.AlreadyChecked)."""
	chosen = next(
		(c for c in spot_check_choices(supervisor, on_date) if c.activity_row == activity_row), None
	)
	if not chosen:
		frappe.throw(
			_(
				"Choose a visit with a phone number that one of your direct reports made on {0} and that has "
				"no check yet."
			).format(formatdate(visit_day(supervisor, on_date))),
			title=_("Not a Visit to Spot-check"),
		)
	if chosen.recently_called:
		frappe.throw(
			_(
				"{0} was called within the last {1} days: a customer is not called again so soon. Choose "
				"another visit."
			).format(chosen.party_name or chosen.phone, sampling_config().no_repeat_days),
			title=_("Customer Called Recently"),
			exc=CalledRecently,
		)
	user = user_of_employee(supervisor)
	if not user:
		frappe.throw(_("{0} has no user to work the spot-check.").format(supervisor))
	doc = frappe.get_doc(
		{
			"doctype": CHECK,
			"source": outcomes.SOURCE_SUPERVISOR,
			"callback_date": getdate(on_date),
			"assigned_officer": user,
			"spot_checked_by": supervisor,
			"agent_log": agent_log,
			"activity_row": activity_row,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc
