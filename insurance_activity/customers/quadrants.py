"""Customer Quadrant recompute (客户四象限): read policies and interactions in bulk, place each customer with
the rules core (rules/customer_quadrant.py), write only what changed and record each move.

Incremental: a run looks only at the parties with something new since the last run (an Agent Log
activity, a confirmed callback, a policy added or changed, the agent's record of their income band or
sum insured wanted), the ones whose warmth has decayed below the threshold since they were computed, the
silent ones whose days without contact reached a navigator rule's days since the last run, and the ones
whose override has expired. A run changes nothing the second time (idempotent). Nightly through
daily_jobs.run_daily; an admin runs it on demand for the whole branch (with progress).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from pypika import Order
from pypika import analytics as an
from pypika.terms import Case

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import get_datetime, getdate, now_datetime, today

from insurance_activity import org
from insurance_activity.controllers import bulk
from insurance_activity.daily_jobs import run_daily
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.rules import customer_navigator as navigator
from insurance_activity.rules import customer_quadrant as core
from insurance_activity.rules.production.policies import IN_FORCE
from insurance_activity.settings import get_settings

QUADRANT = "Customer Quadrant"
PARTY_TYPES = ("Customer", "Lead")  # the parties a Customer Quadrant places (its party_type)
CHUNK = 1000  # parties per IN (...) query and per write

Party = tuple[str, str]  # (party_type, party)


def quadrant_config(settings=None) -> core.QuadrantConfig:
	"""The classification's numbers from Insurance Activity Settings (section Customer Quadrant)."""
	s = settings or get_settings()
	return core.QuadrantConfig(
		value_weights=core.ValueWeights(
			per_thousand_regular=s.quadrant_value_per_thousand_regular,
			per_thousand_single=s.quadrant_value_per_thousand_single,
			per_policy=s.quadrant_value_per_policy,
			per_income_band=s.quadrant_value_per_income_band,
			per_hundred_thousand_wanted=s.quadrant_value_per_hundred_thousand_wanted,
		),
		temperature_weights={
			core.VISIT: s.quadrant_weight_visit,
			core.CONTACT: s.quadrant_weight_contact,
			core.CONFIRMED_CALLBACK: s.quadrant_weight_confirmed_callback,
			core.CAMPAIGN_ATTENDED: s.quadrant_weight_campaign_attended,
		},
		half_life_days=s.quadrant_half_life_days,
		value_threshold=s.quadrant_value_threshold,
		temperature_threshold=s.quadrant_temperature_threshold,
		override_days=s.quadrant_override_days,
	)


def navigator_rules() -> list[navigator.NavigatorRule]:
	"""The enabled Customer Navigator Rules an admin keeps in the desk, as the core's rules."""
	return [
		navigator.NavigatorRule(
			r.name,
			r.next_action,
			r.due_days or 0,
			r.quadrant or "",
			r.min_days_since_contact or 0,
			r.priority or 0,
		)
		for r in frappe.get_all(
			"Customer Navigator Rule",
			{"enabled": 1},
			["name", "next_action", "due_days", "quadrant", "min_days_since_contact", "priority"],
		)
	]


def recompute_customer_quadrants() -> dict:
	"""Hourly: once a day, at or after the Customer Quadrant Recompute Hour, the incremental recompute."""
	hour = get_settings().quadrant_recompute_hour
	return run_daily("customers.recompute_customer_quadrants", int(hour or 0), counts_only, catch_up_days=0)


def counts_only(day: date) -> dict:
	"""The day's incremental recompute, its counts kept on the Daily Job Run (not the list of parties)."""
	result = recompute(day)
	result.pop("parties")
	return result


@frappe.whitelist()
def recompute_all() -> dict:
	"""On demand, for Activity Admins and System Managers: recompute every customer of the branch (after a
	change of weights or thresholds), with progress shown in the desk. Returns recompute's counts."""
	if not sees_all_units(frappe.session.user):  # frappe.only_for is off in tests
		frappe.throw(_("Only Activity Admins recompute every customer."), frappe.PermissionError)
	result = recompute(getdate(today()), full=True, show_progress=True)
	result.pop("parties")
	return result


def recompute(day: date | None = None, full: bool = False, show_progress: bool = False) -> dict:
	"""Place the customers due on `day` (every party with a policy or an interaction when `full`, or on
	the first run) and store the result.

	Returns {"touched": parties recomputed, "written": quadrants created or changed, "moved": quadrant
	changes (moves appended), "created": new quadrants, "parties": ["Customer/CUST-0001", ...] touched}.
	Stamps the run in the settings (Customer Quadrants Last Recomputed).
	"""
	day = getdate(day or today())
	started = now_datetime()
	since = None if full else get_settings().quadrant_last_run
	config = quadrant_config()
	stored = stored_quadrants()
	rules = navigator_rules()
	parties = all_parties() if since is None else due_parties(since, day, stored, config, rules)
	counts = place_parties(sorted(as_customers(parties)), day, config, stored, rules, show_progress)
	frappe.db.set_single_value("Insurance Activity Settings", "quadrant_last_run", started)
	return counts


def place_parties(parties: list[Party], day: date, config, stored: dict, rules, show_progress=False) -> dict:
	"""Place `parties` on `day` and write what changed, CHUNK parties at a time: their facts, their stored
	quadrants (moves included) and their agents read in one query per kind, each placed by the controller
	(place_one), the new and the changed quadrants written together (write_placements)."""
	counts = {
		"touched": 0,
		"written": 0,
		"moved": 0,
		"created": 0,
		"parties": [f"{t}/{p}" for t, p in parties],
	}
	for start in range(0, len(parties), CHUNK):
		chunk = parties[start : start + CHUNK]
		policies = policies_of(chunk)
		interactions, agents = interactions_of(chunk)
		names = party_names(chunk)
		docs = bulk.load_documents(QUADRANT, [stored[p].name for p in chunk if p in stored])
		people = agent_details(set(agents.values()))
		placed = []
		for party in chunk:
			counts["touched"] += 1
			row = stored.get(party)
			doc = docs[row.name] if row else new_quadrant(party, names.get(party))
			result = place_one(
				doc, day, config, rules, policies.get(party, []), interactions.get(party, []),
				people.get(agents.get(party)),
			)  # fmt: skip
			for key in result:
				counts[key] += 1
			if result:
				placed.append(doc)
		write_placements(placed)
		if show_progress:
			done = min(start + CHUNK, len(parties))
			frappe.publish_progress(
				done * 100 / len(parties),
				title=_("Customer Quadrant"),
				description=_("Recomputing customers"),
			)
	return counts


def place_one(doc, day, config, rules, policies, interactions, agent) -> set[str]:
	"""Place one party's Customer Quadrant (`doc`, new or stored) in memory; returns what happened
	("written", "moved", "created"), nothing when nothing it shows changed. agent: the serving agent's
	{"name", "employee_name", "office"} (agent_details), or None."""
	placement = doc.place(day, config, policies, interactions)
	before = shown(doc)
	moved = doc.apply_placement(placement, day, config)
	if agent and agent.name != doc.agent:
		doc.set_agent(agent.name, agent.employee_name, agent.office)
	doc.apply_navigator(rules, day)
	after = shown(doc)
	if not doc.is_new() and before == after:
		return set()
	return {"written"} | ({"moved"} if moved else set()) | ({"created"} if doc.is_new() else set())


def write_placements(docs: list) -> None:
	"""Write placed quadrants as a save would: each validated by its controller and the app's doc events
	(flags.placed: the recompute's own change), then the new ones inserted and the changed ones updated in
	bulk (controllers/bulk.py), their new moves appended. Frappe's Version of each change is not written
	for the recompute (a night changes thousands of scores): the moves are the quadrant's history, and a
	user's change (the override) is saved, and versioned, by Frappe as before."""
	for doc in docs:
		doc.flags.placed = True
		doc.flags.ignore_permissions = True
		doc.run_method("before_validate")
		doc.run_method("validate")
	new = [d for d in docs if d.is_new()]
	changed = [d for d in docs if not d.is_new()]
	bulk.insert_documents(new)
	bulk.update_documents(changed)


def agent_details(agents: set[str]) -> dict[str, frappe._dict]:
	"""Each agent's name and sales office, in one read: agent -> {"name", "employee_name", "office"}."""
	if not agents:
		return {}
	office = org.office_by_department()
	return {
		e.name: frappe._dict(name=e.name, employee_name=e.employee_name, office=office.get(e.department))
		for e in frappe.get_all(
			"Employee",
			filters={"name": ("in", sorted(agents))},
			fields=["name", "employee_name", "department"],
		)
	}


SHOWN = ("quadrant", "computed_quadrant", "value_score", "temperature_score", "agent", "policy_count",
	"annual_premium", "last_contact_on", "navigator_rule", "next_action", "next_action_due")  # fmt: skip


def shown(doc) -> tuple:
	"""What a Customer Quadrant shows; a recompute that changes none of it writes nothing."""
	return tuple(str(doc.get(field) or "") for field in SHOWN)


def new_quadrant(party: Party, party_name: str | None):
	"""A party's Customer Quadrant not yet stored: new (is_new), no field filled but these (Frappe's new_doc
	would put each Select's first option in the quadrant fields, read as a quadrant already held)."""
	doc = frappe.get_doc(
		{"doctype": QUADRANT, "party_type": party[0], "party": party[1], "party_name": party_name or party[1]}
	)
	doc.set("__islocal", 1)
	return doc


# Bulk reads: one query per kind of row for a chunk of parties, never one per customer.


def stored_quadrants() -> dict[Party, frappe._dict]:
	rows = frappe.get_all(
		QUADRANT,
		fields=["name", "party_type", "party", "temperature_score", "computed_on", "override_until", "override_quadrant",
			"agent_known_changed_on", "quadrant", "last_contact_on"],
	)  # fmt: skip
	return {(r.party_type, r.party): r for r in rows}


def all_parties() -> set[Party]:
	"""Every party with an in-force policy or an interaction, and every stored quadrant."""
	parties = {("Customer", c) for c in frappe.get_all("Insurance Policy", {"status": IN_FORCE, "customer": ("is", "set")}, pluck="customer")}  # fmt: skip
	parties |= interaction_parties(None)
	parties |= set(stored_quadrants())
	return parties


def due_parties(since, day: date, stored: dict, config, rules=()) -> set[Party]:
	"""Parties with new activity, callbacks or policies since `since`, whose agent changed what they know
	of them (income band, sum insured wanted) since `since`, whose warmth crossed the threshold by decay
	alone, whose silence since the last run reached a navigator rule's days without contact (`rules`,
	customer_navigator.crosses_a_rule), or whose override has expired."""
	parties = {
		("Customer", c)
		for c in frappe.get_all("Insurance Policy", {"modified": (">", since), "customer": ("is", "set")}, pluck="customer")
	}  # fmt: skip
	parties |= interaction_parties(since)
	last_run_day = getdate(since)
	entered = entered_quadrant_on(stored) if last_run_day < day else {}
	for party, row in stored.items():
		if row.name in entered:
			state = navigator.CustomerState(row.quadrant, entered[row.name],
				getdate(row.last_contact_on) if row.last_contact_on else None)  # fmt: skip
			if navigator.crosses_a_rule(state, rules, last_run_day, day):
				parties.add(party)
		computed_on = getdate(row.computed_on) if row.computed_on else None
		if computed_on and core.cools_by(
			row.temperature_score or 0, computed_on, day, config.temperature_threshold, config.half_life_days
		):
			parties.add(party)
		if row.override_quadrant and row.override_until and getdate(row.override_until) < day:
			parties.add(party)
		if row.agent_known_changed_on and get_datetime(row.agent_known_changed_on) > get_datetime(since):
			parties.add(party)
	return parties


def entered_quadrant_on(stored: dict) -> dict[str, date]:
	"""Customer Quadrant name -> the day it last moved into its present quadrant (one query)."""
	move = frappe.qb.DocType("Customer Quadrant Move")
	quadrant = frappe.qb.DocType(QUADRANT)
	rows = (
		frappe.qb.from_(move).join(quadrant).on(move.parent == quadrant.name)
		.select(move.parent, Max(move.move_date))
		.where((move.parenttype == QUADRANT) & (move.to_quadrant == quadrant.quadrant))
		.groupby(move.parent)
		.run()
	)  # fmt: skip
	return {name: getdate(on) for name, on in rows if on}


def interaction_parties(since) -> set[Party]:
	log, row = frappe.qb.DocType("Agent Log"), frappe.qb.DocType("Agent Log Activity")
	query = (
		frappe.qb.from_(row).join(log).on(row.parent == log.name)
		.select(row.party_type, row.party)
		.where((log.docstatus < 2) & row.party_type.isin(PARTY_TYPES) & row.party.isnotnull())
		.distinct()
	)  # fmt: skip
	if since:
		query = query.where(log.modified > since)
	parties = {tuple(r) for r in query.run()}
	checks = {"status": "Confirmed", "party_type": ("in", PARTY_TYPES), "party": ("is", "set")}
	if since:
		checks["modified"] = (">", since)
	parties |= {
		(r.party_type, r.party) for r in frappe.get_all("Callback Check", checks, ["party_type", "party"])
	}
	parties |= {(r.party_type, r.party) for r in campaign_attendance(since=since)}
	return {p for p in parties if p[1]}


def campaign_attendance(since=None, parties: list[str] | None = None) -> list:
	"""The invitees who came to a published Activity Campaign (活动企划), each {party_type, party, held_on}: the
	campaign's last day. `since`: only invitations or campaigns changed after it (attendance is marked on the
	invitation); `parties`: only these party names."""
	campaign, invitee = frappe.qb.DocType("Activity Campaign"), frappe.qb.DocType("Activity Campaign Invitee")
	query = (
		frappe.qb.from_(invitee).join(campaign).on(invitee.campaign == campaign.name)
		.select(invitee.party_type, invitee.party, campaign.to_date.as_("held_on"))
		.where((campaign.docstatus == 1) & (invitee.attended == 1)
			& invitee.party_type.isin(PARTY_TYPES) & invitee.party.isnotnull())
	)  # fmt: skip
	if since:
		query = query.where((invitee.modified > since) | (campaign.modified > since))
	if parties is not None:
		if not parties:
			return []
		query = query.where(invitee.party.isin(parties))
	return query.run(as_dict=True)


def as_customers(parties: set[Party]) -> set[Party]:
	"""A lead that became a customer is placed as that customer (its history counts there)."""
	leads = [p for t, p in parties if t == "Lead"]
	if not leads:
		return parties
	converted = dict(
		frappe.get_all("Customer", {"lead_name": ("in", leads)}, ["lead_name", "name"], as_list=True)
	)
	return {("Customer", converted[p]) if t == "Lead" and p in converted else (t, p) for t, p in parties}


def with_converted_leads(parties: Iterable[Party]) -> dict[Party, Party]:
	"""(Lead, lead) -> (Customer, customer) for the customers made from a lead: their history counts."""
	customers = [p for t, p in parties if t == "Customer"]
	if not customers:
		return {}
	rows = frappe.get_all(
		"Customer", {"name": ("in", customers), "lead_name": ("is", "set")}, ["name", "lead_name"]
	)
	return {("Lead", r.lead_name): ("Customer", r.name) for r in rows}


def policies_of(parties: list[Party]) -> dict[Party, list[core.PolicyFact]]:
	customers = [p for t, p in parties if t == "Customer"]
	found = defaultdict(list)
	if customers:
		for r in frappe.get_all(
			"Insurance Policy",
			{"customer": ("in", customers), "status": IN_FORCE},
			["customer", "annual_premium", "payment_mode"],
		):
			found[("Customer", r.customer)].append(core.PolicyFact(r.annual_premium or 0, r.payment_mode))
	return found


def interactions_of(parties: list[Party]) -> tuple[dict[Party, list[core.Interaction]], dict[Party, str]]:
	"""Each party's dated interactions (its converted lead's too) and the agent of its latest activity."""
	leads = with_converted_leads(parties)
	wanted = {p[1] for p in parties} | {lead[1] for lead in leads}
	owner_of = {p: p for p in parties} | leads
	found, agents = defaultdict(list), {}
	log, row, kind = (
		frappe.qb.DocType("Agent Log"),
		frappe.qb.DocType("Agent Log Activity"),
		frappe.qb.DocType("Activity Kind"),
	)
	rows = (
		frappe.qb.from_(row).join(log).on(row.parent == log.name)
		.left_join(kind).on(kind.name == row.activity_kind)
		.select(row.party_type, row.party, log.log_date, log.agent, kind.verifiable)
		.where((log.docstatus < 2) & (row.is_invalid == 0) & row.party.isin(list(wanted)) & row.party_type.isin(PARTY_TYPES))
		.run()
	)  # fmt: skip
	latest = {}
	# in date order, so that the agent of the latest activity serves (sorted here: a sort in the database of
	# a chunk's tens of thousands of rows costs more)
	for party_type, name, log_date, agent, verifiable in sorted(rows, key=lambda r: r[2]):
		party = owner_of.get((party_type, name))
		if party:
			found[party].append(
				core.Interaction(getdate(log_date), core.VISIT if verifiable else core.CONTACT)
			)
			latest[party] = agent
	agents.update(latest)
	for r in frappe.get_all(
		"Callback Check",
		{"status": "Confirmed", "party": ("in", list(wanted)), "party_type": ("in", PARTY_TYPES)},
		["party_type", "party", "closed_on", "activity_date"],
	):
		party = owner_of.get((r.party_type, r.party))
		if party:
			found[party].append(
				core.Interaction(getdate(r.closed_on or r.activity_date), core.CONFIRMED_CALLBACK)
			)
	for r in campaign_attendance(parties=list(wanted)):
		party = owner_of.get((r.party_type, r.party))
		if party:
			found[party].append(core.Interaction(getdate(r.held_on), core.CAMPAIGN_ATTENDED))
	customers = [p for t, p in parties if t == "Customer"]
	for r in (
		frappe.get_all(
			"Insurance Policy",
			{"customer": ("in", customers), "status": IN_FORCE},
			["customer", "agent"],
			order_by="issue_date asc",
		)
		if customers
		else []
	):  # an empty IN reads every policy without a customer
		agents.setdefault(
			("Customer", r.customer), r.agent
		)  # a policy's agent serves when no activity names one
	return found, agents


def party_names(parties: list[Party]) -> dict[Party, str]:
	names = {}
	for party_type, field in (("Customer", "customer_name"), ("Lead", "lead_name")):
		keys = [p for t, p in parties if t == party_type]
		if keys:
			for r in frappe.get_all(party_type, {"name": ("in", keys)}, ["name", field]):
				names[(party_type, r.name)] = r.get(field)
	return names


def keep_history_of_converted_lead(customer, method=None):
	"""Customer after_insert: a customer made from a lead (Customer.lead_name) takes over the lead's Customer
	Quadrant, its moves and override included, so the history is kept."""
	if not customer.lead_name:
		return
	name = frappe.db.get_value(QUADRANT, {"party_type": "Lead", "party": customer.lead_name})
	if not name or frappe.db.exists(QUADRANT, {"party_type": "Customer", "party": customer.name}):
		return
	doc = frappe.get_doc(QUADRANT, name)
	doc.update(
		{"party_type": "Customer", "party": customer.name, "party_name": customer.customer_name, "converted_from_lead": customer.lead_name}
	)  # fmt: skip
	doc.flags.ignore_permissions = True
	doc.flags.placed = True
	doc.save()


def placed_on(day: date, by: tuple[str, ...] = ("agent", "office"), narrow=None) -> list[frappe._dict]:
	"""The stored Customer Quadrants as they stood at the end of `day`, counted by the database per `by`
	(fields of Customer Quadrant) and quadrant: [{**by, "quadrant", "customers", "overdue"}], overdue: the
	navigator's action was due before `day` (rules.customer_navigator.is_overdue).

	A party moved after `day` (Customer Quadrant Move, its first placement included) counts in the
	destination of its last move on or before `day`, and one first placed after `day` not at all (not known
	then); every other party counts where it is stored (its last move being its quadrant). So the stored
	quadrants are grouped as they are, and only the parties moved since (found by the moves' date index:
	none for today, a few for last week) are taken out and put where they stood, their moves ranked by
	ROW_NUMBER. narrow(query, table): the query kept to what the reader may see (None: nothing)."""
	quadrant, move = frappe.qb.DocType(QUADRANT), frappe.qb.DocType("Customer Quadrant Move")
	day = getdate(day)
	keys = [quadrant[field] for field in by]
	overdue = Sum(Case().when(quadrant.next_action_due < day, 1).else_(0)).as_("overdue")
	stored = (
		frappe.qb.from_(quadrant)
		.select(*keys, quadrant.quadrant, Count("*").as_("customers"), overdue)
		.groupby(*keys, quadrant.quadrant)
	)
	moved_since = (
		frappe.qb.from_(move)
		.select(move.parent)
		.distinct()
		.where((move.parenttype == QUADRANT) & (move.move_date > day))
	)
	ordered = (
		an.RowNumber()
		.over(move.parent)
		.orderby(move.move_date, order=Order.desc)
		.orderby(move.idx, order=Order.desc)
	)
	ranked = (
		frappe.qb.from_(move)
		.select(move.parent, move.to_quadrant, ordered.as_("newest"))
		.where((move.parenttype == QUADRANT) & (move.move_date <= day) & move.parent.isin(moved_since))
	).as_("ranked")
	later = moved_since.as_("later")
	then = (
		frappe.qb.from_(ranked)
		.select(ranked.parent, ranked.to_quadrant)
		.where(ranked.newest == 1)
		.as_("then")
	)
	moved = (
		frappe.qb.from_(later)
		.join(quadrant)
		.on(quadrant.name == later.parent)
		.left_join(then)
		.on(then.parent == quadrant.name)
		.select(*keys, quadrant.quadrant, then.to_quadrant.as_("then"), Count("*").as_("customers"), overdue)
		.groupby(*keys, quadrant.quadrant, then.to_quadrant)
	)
	if narrow:
		stored, moved = narrow(stored, quadrant), narrow(moved, quadrant)
		if stored is None:
			return []
	counts: dict[tuple, list[int]] = {}
	for row in stored.run(as_dict=True):
		counts[(*(row[f] for f in by), row.quadrant)] = [int(row.customers), int(row.overdue or 0)]
	for row in moved.run(as_dict=True):
		unit = tuple(row[f] for f in by)
		now = counts[(*unit, row.quadrant)]
		now[0] -= int(row.customers)
		now[1] -= int(row.overdue or 0)
		if row.then:
			then_counts = counts.setdefault((*unit, row.then), [0, 0])
			then_counts[0] += int(row.customers)
			then_counts[1] += int(row.overdue or 0)
	return [
		frappe._dict(zip((*by, "quadrant", "customers", "overdue"), (*key, n, late), strict=True))
		for key, (n, late) in counts.items()
		if n
	]


def office_mix_on(day: date) -> list[frappe._dict]:
	"""Each office's customers as they were placed at the end of `day` (placed_on), and those of them in the
	Standard Service quadrant (服务型: low value, cold), for the unit alerts' "weak customers" cause. The
	office is the party's office now (a quadrant keeps no history of its agent's office). Returns
	[{"office", "customers", "weak"}]."""
	offices: dict[str, frappe._dict] = {}
	for row in placed_on(day, by=("office",)):
		if row.office:
			office = offices.setdefault(row.office, frappe._dict(office=row.office, customers=0, weak=0))
			office.customers += row.customers
			office.weak += row.customers if row.quadrant == core.STANDARD_SERVICE else 0
	return list(offices.values())
