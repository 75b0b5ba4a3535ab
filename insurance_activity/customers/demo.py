"""Demo customers' quadrants (客户四象限): every demo agent serves customers in all four quadrants, each with a
history of moves built week by week over the demo's months.

Called by the demo command (setup/demo.py) after the logs, policies and callbacks. For each demo agent,
some policy holders get service visits and add-on proposals in the agent's existing Agent Logs, and the
agent records what they learnt (household income band, sum insured wanted) on some customers and leads,
so that every agent has a customer or lead in each quadrant today. The quadrants are then placed at the end
of every week of the history, oldest first, and today (the whole-branch recompute last), so the moves
carry past dates and causes. Deterministic for a seed; a reload replaces the demo's rows and quadrants.
"""

import random
from collections import defaultdict
from datetime import date, timedelta

import frappe
from frappe.utils import add_months, getdate, today

from insurance_activity.analytics.activities import store_valid_activities
from insurance_activity.customers import quadrants
from insurance_activity.rules import customer_quadrant as core
from insurance_activity.rules.production.policies import IN_FORCE
from insurance_activity.setup.custom_fields import PROSPECT_PHONE_KEY

ROW_PREFIX = (
	"demo-cq-"  # the names of the Agent Log Activity rows this demo adds (frappe's hashes have no "-")
)
SERVICE = "Customer Service Visit"
PROPOSAL = "Proposal Presented"
OUTCOMES = {
	SERVICE: ("保单年检，核对受益人和联系方式", "上门送达保单，讲解保障责任", "协助理赔资料，客户很满意"),
	PROPOSAL: ("加保建议书：补充重疾保额", "讲解年金加保方案，客户考虑中", "为家人补充医疗险，约下次签单"),
}
EXTRA_SERVICE_SHARE = 0.3  # the agent's other policy holders who had one service visit in the history


def make_demo_quadrants(months: int = 2, seed: int = 2026) -> dict:
	"""Give the demo agents' customers activity and the agent's records, then place every party week by
	week over the last `months` months and today.

	Returns the recompute's counts of today's whole-branch run plus {"rows": activity rows added, "weeks":
	placements run, "per_quadrant": {quadrant: count}}."""
	end = getdate(today())
	start = getdate(add_months(end, -months))
	employees = demo_employees()
	remove_demo_quadrants(employees)
	config = quadrants.quadrant_config()
	facts = read_facts(employees, start, end)
	rows, records = [], {}
	for agent in sorted(facts["logs"]):
		plan_agent(random.Random(f"{seed}:quadrants:{agent}"), agent, facts, config, end, rows, records)
	insert_rows(rows)
	pending = dict(records)
	weeks = place_history(facts, rows, pending, config, start, end)
	result = quadrants.recompute(end, full=True)  # today: every party, once
	recorded = record_known(pending, end)  # what the agents learnt this week, on the parties placed today
	if recorded:
		quadrants.place_parties(
			sorted(recorded), end, config, quadrants.stored_quadrants(), quadrants.navigator_rules()
		)
	result.pop("parties")
	result["rows"] = len(rows)
	result["weeks"] = weeks
	result["per_quadrant"] = dict(
		frappe.get_all(
			quadrants.QUADRANT, fields=["quadrant", "count(*) as n"], group_by="quadrant", as_list=True
		)
	)
	return result


def demo_employees() -> list[str]:
	from insurance_activity.setup.demo import EMAIL_DOMAIN

	return frappe.get_all(
		"Employee", {"user_id": ("like", f"%@{EMAIL_DOMAIN}")}, pluck="name", order_by="name"
	)


def remove_demo_quadrants(employees: list[str]):
	"""Drop the quadrants the demo made before (their history is rebuilt), those of parties the reload
	removed, and the activity rows this demo added (when the logs were kept)."""
	stale = [
		row.name
		for party_type in quadrants.PARTY_TYPES
		for row in frappe.get_all(quadrants.QUADRANT, {"party_type": party_type}, ["name", "party"])
		if not frappe.db.exists(party_type, row.party)
	]
	if employees:
		stale += frappe.get_all(quadrants.QUADRANT, {"agent": ("in", employees)}, pluck="name")
	for start in range(0, len(stale), 500):
		chunk = stale[start : start + 500]
		frappe.db.delete("Customer Quadrant Move", {"parent": ("in", chunk)})
		frappe.db.delete(quadrants.QUADRANT, {"name": ("in", chunk)})
	touched = frappe.get_all(
		"Agent Log Activity", filters={"name": ("like", f"{ROW_PREFIX}%")}, pluck="parent", distinct=True
	)
	frappe.db.delete("Agent Log Activity", {"name": ("like", f"{ROW_PREFIX}%")})
	store_valid_activities(touched)  # the logs' totals no longer count the rows taken away


# ---------------------------------------------------------------- facts, read in bulk


def read_facts(employees: list[str], start: date, end: date) -> dict:
	"""The demo agents' logs, policy holders (with their policies) and leads, and the parties' interactions
	so far: one query per kind of row."""
	logs = defaultdict(list)  # agent -> [(log_date, log name)], oldest first
	for r in frappe.get_all(
		"Agent Log",
		{"agent": ("in", employees or [""]), "docstatus": ("<", 2), "log_date": ("between", [start, end])},
		["name", "agent", "log_date"],
		order_by="log_date asc, name asc",
	):
		logs[r.agent].append((getdate(r.log_date), r.name))
	policies = frappe.get_all(
		"Insurance Policy",
		{"status": IN_FORCE, "customer": ("is", "set"), "agent": ("in", employees or [""])},
		["customer", "agent", "annual_premium", "payment_mode", "issue_date"],
		order_by="issue_date asc, name asc",
	)
	holders = sorted({p.customer for p in policies})
	policies_of, agents_of, first_policy = defaultdict(list), defaultdict(set), {}
	for start_at in range(0, len(holders), quadrants.CHUNK):
		for p in frappe.get_all(
			"Insurance Policy",
			{"status": IN_FORCE, "customer": ("in", holders[start_at : start_at + quadrants.CHUNK])},
			["customer", "agent", "annual_premium", "payment_mode", "issue_date"],
			order_by="issue_date asc, name asc",
		):
			policies_of[p.customer].append(core.PolicyFact(p.annual_premium or 0, p.payment_mode))
			agents_of[p.customer].add(p.agent)
			first_policy.setdefault(p.customer, getdate(p.issue_date) if p.issue_date else end)
	names = dict(
		frappe.get_all("Customer", {"name": ("in", holders or [""])}, ["name", "customer_name"], as_list=True)
	)
	users = dict(
		frappe.get_all("Employee", {"name": ("in", employees or [""])}, ["user_id", "name"], as_list=True)
	)
	leads = defaultdict(list)  # agent -> [(lead, lead_name, phone, created)]
	for r in frappe.get_all(
		"Lead",
		{"lead_owner": ("in", list(users) or [""])},
		["name", "lead_name", "mobile_no", "creation", "lead_owner"],
		order_by="creation asc, name asc",
	):
		leads[users[r.lead_owner]].append((r.name, r.lead_name, r.mobile_no, getdate(r.creation)))
	parties = [("Customer", c) for c in holders] + [("Lead", lead[0]) for ls in leads.values() for lead in ls]
	interactions = {}
	for start_at in range(0, len(parties), quadrants.CHUNK):
		found, _agents = quadrants.interactions_of(parties[start_at : start_at + quadrants.CHUNK])
		interactions.update(found)
	known_on = {("Customer", c): first_policy[c] for c in holders}
	for ls in leads.values():
		for lead, _name, _phone, created in ls:
			known_on[("Lead", lead)] = created
	for party, found in interactions.items():
		if found:
			first = min(i.on for i in found)
			known_on[party] = min(known_on.get(party, first), first)
	# agent -> the policy holders only they serve, those not met yet first, oldest first: the office's campaigns
	# may have invited every one of a small office's holders (a holder met is taken for a warm quadrant only)
	customers = defaultdict(list)
	for c in sorted(holders, key=lambda c: (bool(interactions.get(("Customer", c))), first_policy[c], c)):
		if len(agents_of[c]) == 1:
			customers[next(iter(agents_of[c]))].append(c)
	return {
		"logs": logs,
		"customers": customers,
		"customer_names": names,
		"policies": policies_of,
		"leads": leads,
		"interactions": interactions,
		"known_on": known_on,
	}


# ---------------------------------------------------------------- one agent's plan


def plan_agent(rng, agent, facts, config, end, rows, records):
	"""Choose a party for each quadrant and add the visits and records that lead there today."""
	logs = facts["logs"][agent]
	customers = list(facts["customers"].get(agent, []))
	leads = {lead[0]: lead for lead in facts["leads"].get(agent, [])}
	used = set()

	def value(party):
		policies = facts["policies"].get(party[1], []) if party[0] == "Customer" else []
		band, wanted = records.get(party, {}).get("values", (None, 0))
		return core.value_score(policies, config.value_weights, band, wanted)

	def temperature(party, added):
		interactions = list(facts["interactions"].get(party, [])) + [
			core.Interaction(day, core.VISIT) for day, _kind in added
		]
		return core.temperature_score(interactions, config.temperature_weights, config.half_life_days, end)

	def customer(low_value: bool | None = None, cold: bool = False):
		"""The first policy holder left (of low value or not, when asked), cold today when asked."""
		for c in customers:
			party = ("Customer", c)
			if party in used or (cold and temperature(party, []) >= config.temperature_threshold):
				continue
			if low_value is None or (value(party) < config.value_threshold) == low_value:
				used.add(party)
				return party
		return None

	def lead(warm: bool | None = None):
		choices = [("Lead", name) for name in sorted(leads) if ("Lead", name) not in used]
		choices.sort(key=lambda p: (temperature(p, []), p[1]))
		if warm:
			choices.reverse()
		if choices:
			used.add(choices[0])
			return choices[0]
		return None

	def cold_lead():
		"""The coldest prospect left when it is cold today, else one met once at the start of the history
		and not since: in a short history every prospect of a busy agent may have been visited lately. A
		prospect never met (one made so by an earlier run of this step) is met once, so it is placed."""
		party = lead(warm=False)
		if party and temperature(party, []) < config.temperature_threshold:
			return party if facts["interactions"].get(party) or met_once(party) else None
		first_day = logs[0][0]
		# its own generator: the phone drawn depends on the phones already taken, which must not shift the
		# agent's other draws (a reload gives back the same rows)
		party = fresh_lead(random.Random(f"fresh-lead:{agent}"), agent, facts, first_day)
		return party if met_once(party) else None

	def met_once(party) -> bool:
		"""One proposal on the first log since the party was known, when that leaves it cold today."""
		first_day, first_log = (after_known(party) or logs)[0]
		if temperature(party, [(first_day, PROPOSAL)]) >= config.temperature_threshold:
			return False
		visit(party, first_log, first_day, PROPOSAL)  # placed because it was met; cold since
		facts["interactions"][party] = [core.Interaction(first_day, core.VISIT)]
		return True

	def after_known(party):
		known = facts["known_on"].get(party, end)
		return [(day, name) for day, name in logs if day >= known]

	def warm_up(party, kinds):
		"""Visits on the latest logs until the party is warm today (at most five): a policy holder bought
		recently may have been visited as a prospect before."""
		added = []
		for day, name in reversed(logs):
			if temperature(party, added) >= config.temperature_threshold * 1.2 or len(added) >= 5:
				break
			added.append((day, kinds[len(added) % len(kinds)]))
			visit(party, name, day, added[-1][1])
		return added

	def visit(party, log, day, kind):
		rows.append((party, log, day, kind, rng.choice(OUTCOMES[kind])))

	def record(party, on: date, low_value: bool):
		"""What the agent learnt at a visit: a high enough income band and cover wanted, or a modest one."""
		if low_value:
			values = (rng.choice(core.INCOME_BANDS[:2]), 0)
		else:
			band, wanted = rng.choice(core.INCOME_BANDS[2:]), 0
			while (
				value(party) + core.value_score([], config.value_weights, band, wanted)
				< config.value_threshold
			):
				wanted += 500000
			values = (band, wanted)
		records[party] = {"on": on, "values": values}
		if low_value and value(party) >= config.value_threshold:
			records.pop(party)

	# Maintain and Upsell: a policy holder reviewed weeks ago, the income learnt, an add-on proposal lately
	party = customer() or lead(warm=True)
	if party:
		early = after_known(party)
		if early and early[0][0] < end - timedelta(days=14):
			visit(party, early[0][1], early[0][0], SERVICE)
		added = warm_up(party, [PROPOSAL, SERVICE])
		first_visit = early[0][0] if early else (added[-1][0] if added else end)
		if value(party) < config.value_threshold or rng.random() < 0.5:
			record(party, first_visit, low_value=False)
	# Warm Up: a valued policy holder served once, weeks ago, and not since
	party = customer(cold=True) or cold_lead()
	if party:
		early = [log for log in after_known(party) if log[0] < end - timedelta(days=21)]
		if early and temperature(party, [(early[0][0], SERVICE)]) < config.temperature_threshold:
			visit(party, early[0][1], early[0][0], SERVICE)
		if value(party) < config.value_threshold or rng.random() < 0.5:
			record(party, early[0][0] if early else end, low_value=False)
	# Convert: a modest policy holder (or a prospect) warming to a proposal
	party = customer(low_value=True) or lead(warm=True)
	if party:
		added = warm_up(party, [PROPOSAL, SERVICE])
		if rng.random() < 0.5:
			record(party, added[-1][0] if added else end, low_value=True)
	# Standard Service: a modest policy holder left alone, or the coldest prospect
	party = customer(low_value=True, cold=True) or cold_lead()
	if party and rng.random() < 0.3:
		record(party, end, low_value=True)
	# the agent's other policy holders: now and then a service visit
	for c in customers:
		party = ("Customer", c)
		if party not in used and rng.random() < EXTRA_SERVICE_SHARE:
			days = after_known(party)
			if days:
				day, name = rng.choice(days)
				visit(party, name, day, SERVICE)


def fresh_lead(rng, agent: str, facts: dict, day: date) -> tuple[str, str]:
	"""A new prospect of `agent`, known from `day` (setup.demo.make_lead, so its phone keys are unique)."""
	from insurance_activity.setup.demo import make_lead  # the demo command imports this module

	employee = frappe.db.get_value("Employee", agent, ["name", "user_id", "company"], as_dict=True)
	if "phones" not in facts:
		facts["phones"] = set(
			frappe.get_all("Lead", filters={PROSPECT_PHONE_KEY: ("is", "set")}, pluck=PROSPECT_PHONE_KEY)
		)
	name, _lead_name, _phone = make_lead(rng, employee, employee.company, day, facts["phones"])
	facts["known_on"][("Lead", name)] = day
	return ("Lead", name)


def insert_rows(rows: list[tuple]):
	"""The planned visits as rows of the agents' logs (after their own rows), in one insert per chunk."""
	if not rows:
		return
	logs = sorted({r[1] for r in rows})
	last_idx = defaultdict(int)
	docstatus = {}
	for start in range(0, len(logs), 500):
		chunk = logs[start : start + 500]
		for r in frappe.get_all(
			"Agent Log Activity",
			{"parent": ("in", chunk), "parenttype": "Agent Log"},
			["parent", "max(idx) as idx"],
			group_by="parent",
		):
			last_idx[r.parent] = r.idx or 0
		docstatus.update(
			frappe.get_all("Agent Log", {"name": ("in", chunk)}, ["name", "docstatus"], as_list=True)
		)
	names = customer_and_lead_names([r[0] for r in rows])
	fields = ["name", "parent", "parenttype", "parentfield", "idx", "docstatus", "creation", "modified",
		"owner", "modified_by", "activity_kind", "activity_count", "party_type", "party", "party_name",
		"phone", "activity_time", "outcome", "standard_item", "is_invalid"]  # fmt: skip
	values = []
	for n, (party, log, day, kind, outcome) in enumerate(sorted(rows, key=lambda r: (r[1], r[2], r[0]))):
		last_idx[log] += 1
		party_name, phone = names.get(party, (party[1], None))
		stamp = f"{day} 20:00:00"
		values.append(
			(f"{ROW_PREFIX}{n:06d}", log, "Agent Log", "activities", last_idx[log], docstatus[log], stamp,
				stamp, "Administrator", "Administrator", kind, 1, party[0], party[1], party_name, phone,
				f"{10 + n % 8:02d}:30:00", outcome, "", 0)
		)  # fmt: skip
	for start in range(0, len(values), 1000):
		frappe.db.bulk_insert("Agent Log Activity", fields, values[start : start + 1000])
	store_valid_activities(logs)  # the logs' totals count their new rows


def customer_and_lead_names(parties) -> dict:
	found = {}
	for party_type, fields in (("Customer", ["name", "customer_name", "mobile_no"]), ("Lead", ["name", "lead_name", "mobile_no"])):  # fmt: skip
		keys = sorted({p for t, p in parties if t == party_type})
		for start in range(0, len(keys), 500):
			for r in frappe.get_all(
				party_type, {"name": ("in", keys[start : start + 500])}, fields, as_list=True
			):
				found[(party_type, r[0])] = (r[1], r[2])
	return found


# ---------------------------------------------------------------- the history, week by week


def week_ends(start: date, end: date) -> list[date]:
	"""The last day of each week of the history (seven days from `start`), oldest first, then `end`."""
	days, day = [], start + timedelta(days=6)
	while day < end:
		days.append(day)
		day += timedelta(days=7)
	return [*days, end]


def place_history(facts, rows, pending, config, start: date, end: date) -> int:
	"""Place the demo's parties at each week's end as they stood then: a party from the week it is known
	(its first policy or contact), again when it had a contact that week, when its warmth decayed across
	the threshold, or when the agent recorded its income (taken from `pending` when stored; the rest are
	left there). Today is left to the whole-branch recompute. Returns the number of placements run."""
	known_on = dict(facts["known_on"])
	contacts = defaultdict(set)  # day -> parties contacted that day
	for party, found in facts["interactions"].items():
		for i in found:
			contacts[i.on].add(party)
	for party, _log, day, _kind, _outcome in rows:
		contacts[day].add(party)
		known_on[party] = min(known_on.get(party, day), day)
	rules = quadrants.navigator_rules()
	recorded: set = set()
	previous = None
	runs = 0
	for day in week_ends(start, end)[:-1]:  # today is the whole-branch recompute's
		stored = quadrants.stored_quadrants()
		due = {p for p, known in known_on.items() if known <= day and p not in stored}
		due |= {
			p for d, parties in contacts.items() if (previous is None or d > previous) and d <= day
			for p in parties if p in stored
		}  # fmt: skip
		due |= {p for p in recorded if p in stored}
		due |= {
			p for p, row in stored.items() if p in known_on and row.computed_on and core.cools_by(
				row.temperature_score or 0, getdate(row.computed_on), day, config.temperature_threshold,
				config.half_life_days)
		}  # fmt: skip
		quadrants.place_parties(sorted(due), day, config, stored, rules)
		runs += 1
		recorded = record_known(pending, day)
		previous = day
	return runs


def record_known(pending: dict, day: date) -> set:
	"""Store what the agents learnt by `day` on the parties' quadrants; returns the parties recorded."""
	done = set()
	names = {}
	for party_type in quadrants.PARTY_TYPES:
		keys = [p for (t, p), r in pending.items() if t == party_type and r["on"] <= day]
		for start in range(0, len(keys), 500):
			names.update(
				{
					(party_type, r.party): r.name
					for r in frappe.get_all(
						quadrants.QUADRANT,
						{"party_type": party_type, "party": ("in", keys[start : start + 500])},
						["name", "party"],
					)
				}
			)
	for party, name in names.items():
		band, wanted = pending.pop(party)["values"]
		frappe.db.set_value(
			quadrants.QUADRANT,
			name,
			{"income_band": band, "sum_insured_wanted": wanted},
			update_modified=False,
		)
		done.add(party)
	return done
