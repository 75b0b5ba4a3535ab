#!/usr/bin/env python3
"""Branch scale (issue 18): a branch of thousands of agents and a year of history, loaded in bulk.

    dev/bench.py scale --site SITE --generate [--agents 5000] [--months 12] [--seed 2026]

Builds, on a site with insurance_activity installed (ERPNext's setup is completed here when it is not):
- the organisation: one branch (分公司), offices (营业室, Department, unit level Office) of about 100 people
  each: the office manager (营业室负责人, the Department's Unit Manager) heading the supervisors, each
  supervisor (主管) heading a team of about ten agents; Employees with tiers and the reporting line (the
  nested set filled in), a User for each, callback officers;
- the history up to yesterday: submitted Agent Logs with their activity rows and supervisors' tracking
  calls, the company's callback sample of each day's visits and supervisors' spot-checks (Callback Check
  with its attempts; Conduct Incident for findings), Insurance Policies (then Agent Monthly Performance by
  the app's own recompute), and every office's two meetings (Meeting Session with attendees and agenda).

Every table is written with multi-row INSERTs (BATCH rows a statement, one commit a day of history), never
one document at a time. The stored facts are the controllers' own: each log's subtotals, targets, standard
met and the supervisor's 111 come from the rules core (rules/activity_standards.py) with the site's Activity
Standards, as AgentLog.compute_attainment does; a visit a callback found not to have happened is stored
invalid and does not count. Deterministic for a seed and a date. Progress and rows/s are printed.

Simplifications (the figures the reports read are complete): agents log on working days only; a new-prospect
row links one of the agent's own Leads (made in bulk up front) instead of a Lead made by the save; meeting
minutes have the four PDCA sections and no quality scores beyond the session's own score.
"""

from __future__ import annotations

import math
import random
import sys
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PREFIX = "SCALE-"  # names of everything the generator makes, so a re-run can remove it
EMPLOYEE = PREFIX + "E-{:05d}"
EMAIL = "scale-{}@scale.insurance.example.com"
BATCH = 2000  # rows per INSERT statement
OFFICE_SIZE = 100  # people per office: a manager, supervisors and their agents
TEAM_SIZE = 10  # agents per supervisor
STAMP = "20:00:00"  # logs are saved in the evening

# (share, daily means per item, chance of a missed working day): as the demo's agent profiles
PROFILES = {
	"good": (0.2, {"phone": 6.5, "interview": 3.6, "recruit": 0.9, "prospect": 1.4, "referral": 0.8}, 0.02),
	"average": (0.55, {"phone": 4.6, "interview": 2.5, "recruit": 0.55, "prospect": 0.9, "referral": 0.4}, 0.08),
	"struggling": (0.25, {"phone": 2.6, "interview": 1.2, "recruit": 0.2, "prospect": 0.4, "referral": 0.1}, 0.25),
}  # fmt: skip
VISIT_KINDS = (("Sales Interview", 6), ("Home Visit", 2), ("Proposal Presented", 2))
OUTCOMES = (
	("Confirmed", 82),
	("Unreachable", 9),
	("Complaint", 3),
	("Visit Not Happened", 4),
	("Misconduct", 2),
)
SATISFACTION = ("Very Satisfied", "Satisfied", "Satisfied", "Neutral", "Dissatisfied")
SPOT_CHECK_SHARE = 0.8
PRODUCTS = (("SCALE-WL", "Scale Whole Life", "Regular"), ("SCALE-CI", "Scale Critical Illness", "Regular"),
	("SCALE-AN", "Scale Single Annuity", "Single"))  # fmt: skip
POLICIES_PER_MONTH = {"good": 2.2, "average": 1.0, "struggling": 0.3}
LEADS_PER_AGENT = 20
SURNAMES = (
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
)
GIVEN = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 华 建华 婷 玉兰 萍 鑫 宇 欣".split()


# ---------------------------------------------------------------- bulk writing
def lit(value) -> str:
	"""One SQL literal: NULL, a number, or a quoted and escaped string (dates and datetimes as ISO text)."""
	if value is None:
		return "NULL"
	if isinstance(value, bool):
		return "1" if value else "0"
	if isinstance(value, int | float):
		return repr(value)
	text = value if isinstance(value, str) else str(value)
	if "\\" in text or "'" in text:
		text = text.replace("\\", "\\\\").replace("'", "\\'")
	return f"'{text}'"


class Writer:
	"""Buffers rows per table and writes them as multi-row INSERTs of BATCH rows; counts rows and time."""

	def __init__(self):
		self.buffers: dict[str, tuple[tuple[str, ...], list]] = {}
		self.rows = 0
		self.by_table: dict[str, int] = defaultdict(int)
		self.started = time.perf_counter()

	def add(self, table: str, columns: tuple[str, ...], row: tuple) -> None:
		cols, rows = self.buffers.setdefault(table, (columns, []))
		rows.append(row)
		if len(rows) >= BATCH:
			self.flush_table(table)

	def flush_table(self, table: str) -> None:
		import frappe

		columns, rows = self.buffers.get(table, ((), []))
		if not rows:
			return
		head = f"insert into `tab{table}` ({', '.join(f'`{c}`' for c in columns)}) values "
		body = ",".join("(" + ",".join(map(lit, row)) + ")" for row in rows)
		frappe.db.sql(head + body)  # nosemgrep: frappe-using-db-sql -- a bulk multi-row insert
		self.rows += len(rows)
		self.by_table[table] += len(rows)
		rows.clear()

	def commit(self) -> None:
		import frappe

		for table in list(self.buffers):
			self.flush_table(table)
		frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a bulk load commits each day of history

	def rate(self) -> str:
		seconds = time.perf_counter() - self.started
		return f"{self.rows:,} rows in {seconds:.0f} s ({self.rows / max(seconds, 1e-9):,.0f} rows/s)"


def progress(message: str) -> None:
	print(f"    {message}", flush=True)


def poisson(rng: random.Random, mean: float) -> int:
	limit, k, p = math.exp(-mean), 0, 1.0
	while True:
		p *= rng.random()
		if p <= limit:
			return k
		k += 1


def weighted(rng: random.Random, options):
	values, weights = zip(*options, strict=True)
	return rng.choices(values, weights=weights)[0]


# ---------------------------------------------------------------- the organisation
def remove_previous(frappe) -> None:
	"""Everything an earlier run made (names and e-mails with the scale prefix), children first."""
	started = time.perf_counter()
	sql = frappe.db.sql
	like = f"{PREFIX}%"
	for child, parent, where in (
		("Agent Log Activity", "Agent Log", "p.agent like %s"),
		("Agent Log Tracking Call", "Agent Log", "p.agent like %s"),
		("Callback Attempt", "Callback Check", "p.agent like %s"),
		("Meeting Attendee", "Meeting Session", "p.title like %s"),
		("Meeting Agenda Section", "Meeting Session", "p.title like %s"),
	):
		sql(f"delete c from `tab{child}` c join `tab{parent}` p on p.name = c.parent where {where}", like)
	for table, where in (
		("Agent Log", "agent like %s"),
		("Callback Check", "agent like %s"),
		("Conduct Incident", "agent like %s"),
		("Meeting Session", "title like %s"),
		("Insurance Policy", "name like %s"),
		("Agent Monthly Performance", "agent like %s"),
		("Lead", "name like %s"),
		("Employee", "name like %s"),
	):
		sql(f"delete from `tab{table}` where {where}", like)
	sql("delete from `tabOffice Monthly Performance` where office like %s", "Scale Office %")
	emails = EMAIL.format("%")
	sql("delete from `tabHas Role` where parent like %s", emails)
	sql("delete from `tabUser` where name like %s", emails)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a bulk load commits each step
	progress(f"previous scale data removed in {time.perf_counter() - started:.0f} s")


def build_org(frappe, writer: Writer, company: str, agents: int, rng: random.Random) -> dict:
	"""Offices, people (Employee + User + roles) and the reporting tree; returns the people by role.

	`agents` is the field force: office managers, supervisors and agents together. Returns {"offices":
	[department], "people": {employee: person dict}, "managers": [...], "supervisors": [...],
	"officers": [user]}.
	"""
	from insurance_activity.permissions.roles import (
		CALLBACK_OFFICER,
		INSURANCE_AGENT,
		INSURANCE_SUPERVISOR,
		OFFICE_MANAGER,
	)
	from insurance_activity.setup.demo import make_department

	branch = make_department(company, "Scale Branch", "Branch", "All Departments")
	office_count = max(1, round(agents / OFFICE_SIZE))
	offices = [
		make_department(company, f"Scale Office {n:03d}", "Office", branch)
		for n in range(1, office_count + 1)
	]
	today = date.today()
	lft = (frappe.db.sql("select coalesce(max(rgt), 0) from tabEmployee")[0][0] or 0) + 1
	people: dict[str, dict] = {}
	managers, supervisors = [], []
	number = 0
	names = set()

	def person(office, reports_to, tier, role, profile):
		nonlocal number
		number += 1
		name = EMPLOYEE.format(number)
		while True:
			full = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
			if full not in names:
				names.add(full)
				break
		people[name] = {
			"name": name,
			"employee_name": full,
			"office": office,
			"reports_to": reports_to,
			"tier": tier,
			"role": role,
			"profile": profile,
			"user": EMAIL.format(name.lower()),
			"joined": today - timedelta(days=400 + rng.randrange(2500 if role != "agent" else 1500)),
			"reports": [],
			"quality": rng.choice((0.6, 0.8, 0.95)) if role != "agent" else 0,
		}
		if reports_to:
			people[reports_to]["reports"].append(name)
		return name

	profile_names = list(PROFILES)
	shares = [PROFILES[p][0] for p in profile_names]
	per_office = [
		agents // office_count + (1 if i < agents % office_count else 0) for i in range(office_count)
	]
	for office, size in zip(offices, per_office, strict=True):
		manager = person(office, None, "5", "manager", "good")
		managers.append(manager)
		team_count = max(1, round((size - 1) / (TEAM_SIZE + 1)))
		sups = [
			person(
				office, manager, rng.choice(("3", "5", "5")), "supervisor", rng.choice(("good", "average"))
			)
			for _ in range(min(team_count, size - 1))
		]
		supervisors.extend(sups)
		for i in range(size - 1 - len(sups)):
			profile = rng.choices(profile_names, shares)[0]
			tier = {"good": "3", "average": "2", "struggling": "2"}[profile] if rng.random() < 0.85 else "5"
			person(office, sups[i % len(sups)] if sups else manager, tier, "agent", profile)
		frappe.db.set_value("Department", office, "ia_unit_manager", manager)

	# the reporting tree as a nested set (Employee is one): each office manager's subtree after the last
	def number_tree(name: str) -> None:
		nonlocal lft
		people[name]["lft"] = lft
		lft += 1
		for report in people[name]["reports"]:
			number_tree(report)
		people[name]["rgt"] = lft
		lft += 1

	for manager in managers:
		number_tree(manager)

	employee_columns = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "naming_series",
		"first_name", "employee_name", "gender", "date_of_birth", "date_of_joining", "company", "department",
		"reports_to", "old_parent", "user_id", "status", "ia_productivity_tier", "cell_number",
		"employee_number", "lft", "rgt")  # fmt: skip
	user_columns = ("name", "creation", "modified", "owner", "modified_by", "email", "first_name",
		"full_name", "enabled", "user_type", "language", "send_welcome_email", "time_zone")  # fmt: skip
	role_columns = ("name", "creation", "modified", "owner", "modified_by", "parent", "parenttype",
		"parentfield", "idx", "role")  # fmt: skip
	now = f"{today} 08:00:00"
	roles_of = {
		"manager": (INSURANCE_AGENT, INSURANCE_SUPERVISOR, OFFICE_MANAGER),
		"supervisor": (INSURANCE_AGENT, INSURANCE_SUPERVISOR),
		"agent": (INSURANCE_AGENT,),
	}

	def add_user(email, full_name, roles):
		writer.add("User", user_columns, (email, now, now, "Administrator", "Administrator", email,
			full_name, full_name, 1, "System User", "zh", 0, "Asia/Shanghai"))  # fmt: skip
		for idx, role in enumerate(roles, start=1):
			writer.add("Has Role", role_columns, (f"{email}:{role}", now, now, "Administrator",
				"Administrator", email, "User", "roles", idx, role))  # fmt: skip

	for n, p in enumerate(people.values()):
		add_user(p["user"], p["employee_name"], roles_of[p["role"]])
		writer.add("Employee", employee_columns, (p["name"], now, now, "Administrator", "Administrator", 0,
			"HR-EMP-", p["employee_name"], p["employee_name"], "Female" if n % 3 else "Male",
			date(1970 + n % 30, 1 + n % 12, 1 + n % 28), p["joined"], company, p["office"], p["reports_to"],
			p["reports_to"], p["user"], "Active", p["tier"], f"+86138{n:08d}", p["name"], p["lft"], p["rgt"]))  # fmt: skip
	visits_a_day = sum(1 for p in people.values()) * 3
	officers = []
	for n in range(1, max(2, math.ceil(visits_a_day * 0.1 / 40)) + 1):
		email = EMAIL.format(f"callback{n:02d}")
		add_user(email, f"回访 {n:02d}", (CALLBACK_OFFICER,))
		officers.append(email)
	writer.commit()
	frappe.clear_cache()
	return {
		"offices": offices,
		"people": people,
		"managers": managers,
		"supervisors": supervisors,
		"officers": officers,
	}


def make_leads(writer: Writer, company: str, org: dict) -> None:
	"""Each agent's own prospects (LEADS_PER_AGENT), with unique phone keys, as logs' new prospects made them."""
	from insurance_activity.setup.custom_fields import PHONE_KEY, PROSPECT_PHONE_KEY

	columns = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "naming_series",
		"first_name", "lead_name", "mobile_no", PHONE_KEY, PROSPECT_PHONE_KEY, "company", "lead_owner",
		"status", "source")  # fmt: skip
	rng = random.Random("leads")
	n = 0
	for p in org["people"].values():
		p["leads"] = []
		for _ in range(LEADS_PER_AGENT):
			n += 1
			name, phone = f"{PREFIX}LEAD-{n:07d}", f"+86139{n:08d}"
			full = rng.choice(SURNAMES) + rng.choice(GIVEN)
			stamp = f"{p['joined']} 09:00:00"
			writer.add("Lead", columns, (name, stamp, stamp, p["user"], p["user"], 0, "CRM-LEAD-.YYYY.-",
				full, full, phone, phone, phone, company, p["user"], "Lead", "Cold Calling"))  # fmt: skip
			p["leads"].append((name, full, phone))
	writer.commit()


# ---------------------------------------------------------------- the history
LOG_COLUMNS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "naming_series", "agent",
	"agent_name", "log_date", "supervisor", "office", "productivity_tier", "company", "is_supervisor",
	"is_working_day", "calendar_note", "standard", "standard_met", "shortfall_summary", "phone_appointments",
	"phone_appointments_target", "sales_interviews", "sales_interviews_target", "recruiting_visits",
	"recruiting_visits_target", "new_prospects", "new_prospects_target", "referrals", "referrals_target",
	"missing_tracking_calls", "coaching_report", "coaching_type", "coaching_notes", "spot_check_callback",
	"spot_check_customer", "spot_check_result", "supervisor_standard", "supervisor_standard_met",
	"tracking_calls_done", "tracking_calls_target", "coaching_sessions", "coaching_sessions_target",
	"spot_checks", "spot_checks_target", "yesterday_results", "today_plan", "review_status",
	"reviewed_by")  # fmt: skip
ACTIVITY_COLUMNS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "parent",
	"parenttype", "parentfield", "idx", "activity_kind", "activity_count", "party_type", "party",
	"party_name", "phone", "activity_time", "outcome", "referred_by", "standard_item", "is_invalid",
	"invalid_reason")  # fmt: skip
TRACKING_COLUMNS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "parent",
	"parenttype", "parentfield", "idx", "report", "report_name", "call_time")  # fmt: skip
CHECK_COLUMNS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "naming_series",
	"source", "status", "callback_date", "assigned_officer", "spot_checked_by", "agent_log", "activity_idx",
	"activity_row", "activity_kind", "activity_date", "activity_time", "agent", "agent_name", "supervisor",
	"office", "party_type", "party", "party_name", "phone", "party_key", "attempt_count",
	"customer_satisfaction", "closed_on", "closed_by", "incident", "officer_notes")  # fmt: skip
ATTEMPT_COLUMNS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "parent",
	"parenttype", "parentfield", "idx", "attempt_time", "result", "called_by")  # fmt: skip
INCIDENT_COLUMNS = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "naming_series",
	"incident_type", "status", "incident_date", "agent", "agent_name", "supervisor", "office",
	"callback_check", "agent_log", "activity_date", "activity_kind", "party_name", "finding")  # fmt: skip


class Series:
	"""Names of a naming series as Frappe makes them (AL-2026-00001), and tabSeries brought up to date."""

	def __init__(self, frappe, prefix: str):
		self.frappe, self.prefix, self.current = frappe, prefix, {}

	def next(self, day: date) -> str:
		key = f"{self.prefix}{day.year}-"
		if key not in self.current:
			row = self.frappe.db.sql("select current from tabSeries where name = %s", key)
			self.current[key] = row[0][0] if row else 0
		self.current[key] += 1
		return f"{key}{self.current[key]:05d}"

	def save(self) -> None:
		for key, current in self.current.items():
			self.frappe.db.sql(
				"""insert into tabSeries (name, current) values (%s, %s)
				on duplicate key update current = greatest(current, values(current))""",
				(key, current),
			)


class History:
	"""A day of every person's work at a time: logs, their rows, the callbacks on yesterday's visits."""

	def __init__(self, frappe, writer: Writer, org: dict, company: str, seed: int, end: date):
		from insurance_activity.activity.doctype.agent_log.agent_log import describe_shortfalls
		from insurance_activity.activity.standards import load_standards
		from insurance_activity.settings import get_settings

		self.frappe, self.writer, self.org, self.company, self.end = frappe, writer, org, company, end
		self.rng = random.Random(f"{seed}:history")
		self.standards = load_standards()
		self.describe = describe_shortfalls
		self.shortfall_text: dict[tuple, str] = {}
		self.standard_of: dict[tuple, object] = {}
		self.kinds = dict(frappe.get_all("Activity Kind", fields=["name", "standard_item"], as_list=True))
		settings = get_settings()
		self.sample_rate = (settings.callback_sampling_rate or 10) / 100
		self.capacity = settings.callback_officer_capacity or 40
		self.logs, self.checks, self.incidents = (
			Series(frappe, "AL-"),
			Series(frappe, "CBC-"),
			Series(frappe, "CI-"),
		)
		self.yesterday: dict[str, list] = {}  # agent -> visit rows of their latest log not sampled
		self.counts = defaultdict(int)

	def standard(self, role: str, tier: str, day: date):
		from insurance_activity.rules.activity_standards import select_standard

		key = (
			role,
			tier,
			day.year,
			day.month,
		)  # the seeded standards run from a date; a month is exact enough
		if key not in self.standard_of:
			self.standard_of[key] = select_standard(self.standards, role, tier, day)
		return self.standard_of[key]

	def shortfalls(self, shortfalls: dict[str, int], working_day: bool) -> str:
		key = tuple(sorted(shortfalls.items()))
		if key not in self.shortfall_text:
			self.shortfall_text[key] = self.describe(dict(shortfalls))
		return self.shortfall_text[key]

	def day(self, day: date, next_working_day: date, submitted: bool) -> None:
		"""Every person's log of `day` (working day), with the company's sample of its visits for the next
		working day, and the supervisors' spot-checks of the previous working day's visits."""
		rng = self.rng
		people = self.org["people"]
		today_visits: dict[str, list] = {}
		officers = self.org["officers"]
		officer_load: dict[str, int] = defaultdict(int)
		for p in people.values():
			if rng.random() < PROFILES[p["profile"]][2]:
				continue
			today_visits[p["name"]] = self.log(p, day, next_working_day, submitted, officers, officer_load)
		self.yesterday = today_visits

	def log(self, p: dict, day: date, callback_day: date, submitted: bool, officers, officer_load) -> list:
		from insurance_activity.rules.activity_standards import (
			ROLE_AGENT,
			ROLE_SUPERVISOR,
			agent_attainment,
			subtotals,
			supervisor_attainment,
		)

		rng, add = self.rng, self.writer.add
		means = PROFILES[p["profile"]][1]
		name = self.logs.next(day)
		stamp = f"{day} {STAMP}"
		docstatus = 1 if submitted else 0
		rows = []  # (kind, count, party, time, outcome, referred_by)
		phone_calls = poisson(rng, means["phone"])
		if phone_calls:
			rows.append(("Phone Appointment", phone_calls, None, None, None, None))
		for _ in range(poisson(rng, means["interview"])):
			rows.append((weighted(rng, VISIT_KINDS), 1, rng.choice(p["leads"]),
				f"{rng.randrange(9, 19):02d}:{rng.choice(('00', '15', '30', '45'))}:00", "了解家庭保障需求", None))  # fmt: skip
		if rng.random() < means["recruit"]:
			rows.append((rng.choice(("Recruiting Visit", "Recruiting Interview")), 1, None, None, None, None))
		for _ in range(poisson(rng, means["prospect"])):
			rows.append(("New Prospect", 1, rng.choice(p["leads"]), "10:00:00", "新增准客户", None))
		if rng.random() < means["referral"]:
			rows.append(("Referral", 1, None, None, None, rng.choice(p["leads"])[1]))

		visits, invalid = [], {}
		for idx, (kind, _count, party, at, _outcome, _referred) in enumerate(rows, start=1):
			row_name = f"{name}-{idx}"
			if party and kind != "New Prospect":
				visits.append((row_name, idx, kind, at, party, day))
		# the company's sample of this day's visits, called on the next working day (its verdict is stored
		# here already: an invalidated visit does not count, as the controller stores it after the call)
		# the last day's visits are left to the real morning job (measured by dev/bench.py scale)
		sampled = [v for v in visits if rng.random() < self.sample_rate] if callback_day < self.end else []
		for row_name, idx, kind, at, party, _day in sampled:
			outcome = weighted(self.rng, OUTCOMES)
			officer = min(officers, key=lambda o: officer_load[o]) if officers else None
			officer_load[officer] += 1
			self.check(p, name, day, callback_day, row_name, idx, kind, at, party, outcome, officer, None)
			if outcome in ("Visit Not Happened", "Misconduct"):
				invalid[row_name] = "回访：" + outcome
		unsampled = [v for v in visits if v not in sampled]

		items = []
		for idx, (kind, count, party, at, outcome, referred) in enumerate(rows, start=1):
			row_name = f"{name}-{idx}"
			item = self.kinds.get(kind) or ""
			items.append((item, count, row_name not in invalid))
			add("Agent Log Activity", ACTIVITY_COLUMNS, (row_name, stamp, stamp, p["user"], p["user"],
				docstatus, name, "Agent Log", "activities", idx, kind, count, "Lead" if party else None,
				party[0] if party else None, party[1] if party else None, party[2] if party else None, at,
				outcome, referred, item, 1 if row_name in invalid else 0, invalid.get(row_name, "")))  # fmt: skip
		attainment = agent_attainment(subtotals(items), self.standard(ROLE_AGENT, p["tier"], day), True)
		by_item = attainment.by_item()
		shortfalls = dict(attainment.shortfalls())

		sup = {"is_supervisor": 0, "missing": None, "coaching": (None, None, None), "spot": (None, None, None),
			"standard": None, "met": 0, "done": 0, "target": 0, "coach": (0, 0), "spots": (0, 0)}  # fmt: skip
		if p["reports"]:
			tracked = [r for r in p["reports"] if rng.random() < p["quality"]]
			for idx, report in enumerate(tracked, start=1):
				add("Agent Log Tracking Call", TRACKING_COLUMNS, (f"{name}-t{idx}", stamp, stamp, p["user"],
					p["user"], docstatus, name, "Agent Log", "tracking_calls", idx, report,
					self.org["people"][report]["employee_name"], "08:30:00"))  # fmt: skip
			coached = rng.choice(p["reports"]) if rng.random() < p["quality"] else None
			spot = self.spot_check(p, day) if rng.random() < SPOT_CHECK_SHARE * p["quality"] else None
			sup_attainment, missing = supervisor_attainment(
				p["reports"],
				tracked,
				coaching_sessions=1 if coached else 0,
				spot_checks=1 if spot else 0,  # made the call: it counts (spot_check_counts)
				standard=self.standard(ROLE_SUPERVISOR, p["tier"], day),
				working_day=True,
			)
			s = sup_attainment.by_item()
			shortfalls.update(sup_attainment.shortfalls())
			names = sorted(self.org["people"][m]["employee_name"] for m in missing)
			sup = {"is_supervisor": 1, "missing": ", ".join(names),
				"coaching": (coached, rng.choice(("Accompanied Visit", "Home Visit", "Interview")) if coached else None,
					"辅导异议处理话术" if coached else None),
				"spot": spot or (None, None, None), "standard": sup_attainment.standard,
				"met": int(sup_attainment.met), "done": s["tracking_calls"].actual,
				"target": s["tracking_calls"].target,
				"coach": (s["coaching_sessions"].actual, s["coaching_sessions"].target),
				"spots": (s["spot_checks"].actual, s["spot_checks"].target)}  # fmt: skip

		reviewed = submitted and p["reports_to"] and rng.random() < 0.7
		supervisor_user = self.org["people"][p["reports_to"]]["user"] if p["reports_to"] else None
		add("Agent Log", LOG_COLUMNS, (name, stamp, stamp, p["user"], p["user"], docstatus, "AL-.YYYY.-",
			p["name"], p["employee_name"], day, p["reports_to"], p["office"], p["tier"], self.company,
			sup["is_supervisor"], 1, "", attainment.standard, int(attainment.met),
			self.shortfalls(shortfalls, True),
			*(v for item in ("phone_appointments", "sales_interviews", "recruiting_visits", "new_prospects",
				"referrals") for v in (by_item[item].actual, by_item[item].target)),
			sup["missing"], *sup["coaching"], *sup["spot"], sup["standard"], sup["met"], sup["done"],
			sup["target"], *sup["coach"], *sup["spots"], "昨日面谈3位，1位有加保意向",
			"上午电话约访5位客户，下午面谈2位", "Reviewed" if reviewed else "Pending",
			supervisor_user if reviewed else None))  # fmt: skip
		self.counts["logs"] += 1
		return unsampled

	def spot_check(self, p: dict, day: date):
		"""A supervisor's spot-check (抽查回访) today of one of a report's visits of the previous working day:
		(callback check, customer, status) for the log, or None when no report had an unchecked visit."""
		candidates = [v for r in p["reports"] for v in ((r, v) for v in self.yesterday.get(r, ()))]
		if not candidates:
			return None
		report, (row_name, idx, kind, at, party, visited) = self.rng.choice(candidates)
		self.yesterday[report] = [v for v in self.yesterday[report] if v[0] != row_name]
		outcome = "Confirmed" if self.rng.random() < 0.9 else "Unreachable"
		log_name = row_name.rsplit("-", 1)[0]
		check = self.check(
			self.org["people"][report],
			log_name,
			visited,
			day,
			row_name,
			idx,
			kind,
			at,
			party,
			outcome,
			None,
			p,
		)
		return check, party[1], outcome

	def check(self, p, log_name, log_day, callback_day, row_name, idx, kind, at, party, outcome, officer, by):
		"""One Callback Check (with its attempts, and an incident for a finding); returns its name."""
		rng, add = self.rng, self.writer.add
		name = self.checks.next(callback_day)
		stamp = f"{callback_day} 09:00:00"
		closed = outcome != "Pending"
		closer = by["user"] if by else officer
		results = (
			["No Answer", "No Answer", "Switched Off"]
			if outcome == "Unreachable"
			else (["No Answer"] if rng.random() < 0.3 else []) + ["Answered"]
			if closed
			else []
		)
		for n, result in enumerate(results, start=1):
			add("Callback Attempt", ATTEMPT_COLUMNS, (f"{name}-{n}", stamp, stamp, closer, closer, 0, name,
				"Callback Check", "attempts", n, f"{callback_day} {9 + n:02d}:00:00", result, closer))  # fmt: skip
		incident = None
		if outcome in ("Visit Not Happened", "Misconduct", "Complaint"):
			incident = self.incidents.next(callback_day)
			add("Conduct Incident", INCIDENT_COLUMNS, (incident, stamp, stamp, closer, closer, 0, "CI-.YYYY.-",
				outcome, "Active", callback_day, p["name"], p["employee_name"], p["reports_to"], p["office"],
				name, log_name, log_day, kind, party[1], "回访发现：" + outcome))  # fmt: skip
			self.counts["incidents"] += 1
		source = "Supervisor Spot-check" if by else "Company Sampling"
		add("Callback Check", CHECK_COLUMNS, (name, stamp, stamp, "Administrator", closer or "Administrator", 0,
			"CBC-.YYYY.-", source, outcome, callback_day, officer, by["name"] if by else None, log_name, idx,
			row_name, kind, log_day, at, p["name"], p["employee_name"], p["reports_to"], p["office"], "Lead",
			party[0], party[1], party[2], party[2], len(results),
			rng.choice(SATISFACTION) if closed and outcome != "Unreachable" else None,
			f"{callback_day} 11:00:00" if closed else None, closer if closed else None, incident,
			"客户确认拜访" if outcome == "Confirmed" else None))  # fmt: skip
		self.counts["callbacks"] += 1
		return name


def make_policies(writer: Writer, org: dict, start: date, end: date, seed: int) -> list[tuple[int, int]]:
	"""Each agent's policies of the months (Poisson by profile); returns the (year, month)s written."""
	columns = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "policy_no", "status",
		"issue_date", "agent_code", "agent", "agent_name", "office", "customer_name", "product_code", "product",
		"product_name", "payment_mode", "annual_premium", "fyc")  # fmt: skip
	rng = random.Random(f"{seed}:policies")
	n = 0
	months = set()
	for p in org["people"].values():
		day = start.replace(day=1)
		while day <= end:
			for _ in range(poisson(rng, POLICIES_PER_MONTH[p["profile"]])):
				issued = day + timedelta(days=rng.randrange(28))
				if not (start <= issued < end):
					continue
				n += 1
				code, product, mode = rng.choice(PRODUCTS)
				premium = round(
					rng.uniform(3000, 30000) if mode == "Regular" else rng.uniform(50000, 300000), -2
				)
				status = weighted(rng, (("In Force", 93), ("Cancelled in Cooling-off", 4), ("Lapsed", 3)))
				stamp = f"{issued} 12:00:00"
				name = f"{PREFIX}P-{n:07d}"
				writer.add("Insurance Policy", columns, (name, stamp, stamp, "Administrator", "Administrator",
					0, name, status, issued, p["name"], p["name"], p["employee_name"], p["office"],
					rng.choice(p["leads"])[1], code, code, product, mode, premium,
					round(premium * (0.3 if mode == "Regular" else 0.02), 2)))  # fmt: skip
				months.add((issued.year, issued.month))
			day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
	writer.commit()
	return sorted(months)


def make_meetings(frappe, writer: Writer, org: dict, company: str, start: date, end: date, seed: int) -> int:
	"""Every office's weekly reviews and planning meetings of the months (the rule's dates for the office's
	calendar), mostly held as the rules want, with attendees (supervisors and above) and PDCA minutes."""
	from insurance_activity.meetings.schedule import RULE_KINDS, office_meeting_dates, theme_of
	from insurance_activity.rules.business_calendar import allowed_dates
	from insurance_activity.settings import get_settings

	settings = get_settings()
	pass_mark = settings.quality_pass_mark or 60
	minimum = settings.meeting_minimum_minutes or 30
	types = frappe.get_all(
		"Meeting Type", filters={"schedule_rule": ("in", list(RULE_KINDS))}, fields=["name", "schedule_rule"]
	)
	columns = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "naming_series", "title",
		"meeting_type", "office", "company", "host", "host_name", "status", "business_week", "theme",
		"scheduled_date", "planned_start", "start_time_status", "rule_date", "earliest_allowed_date",
		"latest_allowed_date", "moved_for_holiday", "actual_start", "actual_end", "duration_minutes",
		"held_on_right_day", "started_on_time", "long_enough", "attendees_expected", "attendees_present",
		"attendees_on_site", "attendance_rate", "sections_filled", "check_share", "quality_check_complete",
		"quality_score", "pass_mark", "quality_passed")  # fmt: skip
	attendee_columns = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "parent",
		"parenttype", "parentfield", "idx", "employee", "employee_name", "user", "attendance",
		"arrival_time")  # fmt: skip
	section_columns = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "parent",
		"parenttype", "parentfield", "idx", "section_title", "is_check_step", "minutes_spent", "notes")  # fmt: skip
	series = Series(frappe, "MS-")
	people = org["people"]
	made = 0
	for manager in org["managers"]:
		host = people[manager]
		office = host["office"]
		attendees = [manager, *host["reports"]]
		month = start.replace(day=1)
		while month < end:
			dates, _notes = office_meeting_dates(office, month.year, month.month)
			for meeting_type in types:
				for meeting in dates:
					if meeting.kind != RULE_KINDS[meeting_type.schedule_rule] or meeting.scheduled >= end:
						continue
					rng = random.Random(f"{seed}|{office}|{meeting_type.name}|{meeting.nominal}")
					name = series.next(meeting.scheduled)
					stamp = f"{meeting.scheduled} 08:00:00"
					first, last = allowed_dates(meeting)
					week, theme = theme_of(meeting)
					held = rng.random() >= 0.06
					late = held and rng.random() < 0.05
					held_on = meeting.scheduled + timedelta(days=1 if late else 0)
					start_at = weighted(rng, (("09:00:00", 8), ("09:30:00", 5), ("10:00:00", 3), ("14:00:00", 2),
						("17:30:00", 1)))  # fmt: skip
					minutes = rng.randint(20, 30) if rng.random() < 0.08 else rng.randint(40, 95)
					began = datetime.fromisoformat(f"{held_on} {start_at}")
					statuses = [weighted(rng, (("On Site", 76), ("Remote", 12), ("Absent", 7), ("Excused", 5)))
						for _ in attendees]  # fmt: skip
					present = sum(s in ("On Site", "Remote") for s in statuses) if held else 0
					on_site = sum(s == "On Site" for s in statuses) if held else 0
					check = round(rng.uniform(0.45, 0.78), 3)
					score = round(rng.uniform(45, 92), 1) if held and rng.random() < 0.85 else None
					writer.add("Meeting Session", columns, (name, stamp, stamp, host["user"], host["user"], 0,
						"MS-.YYYY.-", f"{PREFIX}{meeting_type.name} {office} {meeting.nominal}",
						meeting_type.name, office, company, manager, host["employee_name"],
						"Held" if held else "Not Held", week, theme, meeting.scheduled,
						min(start_at, "14:00:00"), None, meeting.nominal, first, last, int(meeting.moved),
						began if held else None, began + timedelta(minutes=minutes) if held else None,
						minutes if held else 0, int(held and first <= held_on <= last),
						int(held and start_at <= "17:00:00"), int(held and minutes >= minimum),
						len(attendees), present, on_site,
						round(100 * present / len(attendees), 1) if held else 0, 4 if held else 0,
						round(100 * check, 1) if held else 0, int(score is not None), score or 0, pass_mark,
						int(score is not None and score >= pass_mark)))  # fmt: skip
					if held:
						for idx, (employee, status) in enumerate(
							zip(attendees, statuses, strict=True), start=1
						):
							writer.add("Meeting Attendee", attendee_columns, (f"{name}-{idx}", stamp, stamp,
								host["user"], host["user"], 0, name, "Meeting Session", "attendees", idx,
								employee, people[employee]["employee_name"], people[employee]["user"], status,
								start_at if status in ("On Site", "Remote") else None))  # fmt: skip
						for idx, (title, is_check) in enumerate(
							(("Plan", 0), ("Do", 0), ("Check", 1), ("Act", 0)), 1
						):
							spent = round(minutes * (check if is_check else (1 - check) / 3))
							writer.add("Meeting Agenda Section", section_columns, (f"{name}-s{idx}", stamp,
								stamp, host["user"], host["user"], 0, name, "Meeting Session", "agenda", idx,
								title, is_check, spent, "已按议程讨论并记录。"))  # fmt: skip
					made += 1
			month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
	series.save()
	writer.commit()
	return made


def make_performance(frappe, writer: Writer, months: list[tuple[int, int]]) -> float:
	"""Agent and Office Monthly Performance of the months by the app's own recompute (production/performance.py:
	the roster, the policies and the rules core), its rows written in bulk instead of one insert each (the
	months have no rows yet: the generator removed them). Returns the seconds it took."""
	from frappe.utils import now_datetime

	from insurance_activity.production import performance

	started = time.perf_counter()
	stamp = now_datetime()

	def write_month(doctype: str, year: int, month: int, rows: dict[str, dict]) -> None:
		period = performance.month_start(year, month)
		for name, values in rows.items():
			keys = sorted(values)
			columns = ("name", "creation", "modified", "owner", "modified_by", "docstatus", "period", "year",
				"month", "computed_at", *keys)  # fmt: skip
			writer.add(doctype, columns, (name, stamp, stamp, "Administrator", "Administrator", 0, period, year,
				month, stamp, *(values[key] for key in keys)))  # fmt: skip
		writer.commit()

	original, performance.write_month = performance.write_month, write_month
	try:
		for year, month in months:
			performance.recompute_month(year, month)
	finally:
		performance.write_month = original
	seconds = time.perf_counter() - started
	progress(f"Agent and Office Monthly Performance ({len(months)} months): {writer.rate()}")
	return seconds


def make_products(frappe) -> None:
	"""The policies' products (险种) as non-stock Items, once per site."""
	group = "Services" if frappe.db.exists("Item Group", "Services") else "All Item Groups"
	for code, name, _mode in PRODUCTS:
		if not frappe.db.exists("Item", code):
			frappe.get_doc({"doctype": "Item", "item_code": code, "item_name": name, "item_group": group,
				"stock_uom": "Nos", "is_stock_item": 0}).insert(ignore_permissions=True)  # fmt: skip


def make_targets(frappe, company: str) -> int:
	"""This fiscal year's company target (the demo's: a fifth above the run rate), split by size to the branch
	and its offices through the Production Target's own split (teams and agents are left unsplit: thousands of
	documents); returns how many targets there are."""
	from frappe.utils import today

	from erpnext.accounts.utils import get_fiscal_year

	from insurance_activity.org import unit_employees
	from insurance_activity.production import demo

	frappe.db.delete("Production Target Month", {"parent": ("like", "PT-%")})
	frappe.db.delete("Production Target", {"company": company})
	fiscal_year = get_fiscal_year(today(), company=company)[0]
	top = demo.company_target(company, fiscal_year, demo.seasonality())
	made, pending = 1, [top]
	while pending:
		doc = pending.pop()
		if doc.target_level == "Office" or not doc.split_proposal():
			continue
		weights = {row["child"]: len(unit_employees(row["child"])) or 1 for row in doc.split_proposal()}
		for name in doc.split_across(weights):
			made += 1
			pending.append(frappe.get_doc("Production Target", name))
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a bulk load commits each step
	return made


# ---------------------------------------------------------------- the whole load
def generate(agents: int = 5000, months: int = 12, seed: int = 2026) -> dict:
	"""Remove an earlier scale load and make a new one (see the module's docstring). Returns the figures:
	{"seconds", "rows", "rows_per_second", "by_table": {table: rows}, "users": {role: user}}."""
	import frappe
	from frappe.utils import add_months, getdate, today

	from insurance_activity.configuration.calendar import ensure_working_calendar
	from insurance_activity.setup.company import complete_setup
	from insurance_activity.working_days import days_off

	started = time.perf_counter()
	frappe.flags.mute_emails = True
	company = complete_setup("Scale Life Insurance Branch", "SLI")
	end = getdate(today())
	start = getdate(add_months(end, -months))
	ensure_working_calendar(end, years=list(range(start.year, end.year + 1)))
	remove_previous(frappe)
	writer = Writer()
	frappe.db.sql("set session unique_checks = 0")  # the names are unique by construction
	rng = random.Random(f"{seed}:people")

	org = build_org(frappe, writer, company, agents, rng)
	progress(f"organisation: {len(org['offices'])} offices, {len(org['managers'])} managers, "
		f"{len(org['supervisors'])} supervisors, {len(org['people'])} people; {writer.rate()}")  # fmt: skip
	make_leads(writer, company, org)
	progress(f"leads: {writer.by_table['Lead']:,}; {writer.rate()}")

	make_products(frappe)
	off = days_off(start, end, company=company)
	working = off.working_days(start, end)
	history = History(frappe, writer, org, company, seed, end)
	history_started = time.perf_counter()
	for i, day in enumerate(working):
		if day >= end:
			break
		following = working[i + 1] if i + 1 < len(working) else end
		history.day(day, min(following, end), submitted=True)
		writer.commit()
		if i % 10 == 0 or day == working[-1]:
			history.logs.save()
			progress(f"{day}: {history.counts['logs']:,} logs, {history.counts['callbacks']:,} callbacks, "
				f"{history.counts['incidents']:,} incidents; {writer.rate()}")  # fmt: skip
	for series in (history.logs, history.checks, history.incidents):
		series.save()
	writer.commit()
	from insurance_activity.analytics.activities import store_valid_activities

	store_valid_activities()  # each log's valid activities, from its rows as the callbacks left them
	writer.commit()
	history_seconds = time.perf_counter() - history_started

	policy_months = make_policies(writer, org, start, end, seed)
	progress(f"policies: {writer.by_table['Insurance Policy']:,}; {writer.rate()}")
	meetings = make_meetings(frappe, writer, org, company, start, end, seed)
	progress(f"meetings: {meetings:,}; {writer.rate()}")
	recompute_seconds = make_performance(frappe, writer, policy_months)
	load_seconds = time.perf_counter() - started
	progress(f"production targets: {make_targets(frappe, company)} (company, branch, offices)")
	frappe.db.sql("set session unique_checks = 1")
	frappe.clear_cache()
	figures = {
		"seconds": load_seconds,
		"history_seconds": history_seconds,
		"rows": writer.rows,
		"rows_per_second": writer.rows / load_seconds,
		"by_table": dict(writer.by_table),
		"recompute_seconds": recompute_seconds,
	}
	print(f"\nloaded {writer.rows:,} rows in {load_seconds:.0f} s ({figures['rows_per_second']:,.0f} rows/s); "
		f"history {history_seconds:.0f} s")  # fmt: skip
	for table, rows in sorted(writer.by_table.items(), key=lambda kv: -kv[1]):
		print(f"    {table:<28} {rows:>12,}")
	return figures


def scale_users(frappe) -> dict[str, str]:
	"""The readers the measurement runs as: {"admin": ..., "office manager": ..., "supervisor": ...}: the
	first scale office's manager and its first supervisor (the generator's users)."""
	manager = frappe.db.get_value("Department", {"department_name": "Scale Office 001"}, "ia_unit_manager")
	if not manager:
		sys.exit("no scale organisation on this site: run with --generate first")
	supervisor = frappe.db.get_value(
		"Employee", {"reports_to": manager, "status": "Active"}, "name", order_by="name"
	)
	return {
		"admin": "Administrator",
		"office manager": frappe.db.get_value("Employee", manager, "user_id"),
		"supervisor": frappe.db.get_value("Employee", supervisor, "user_id"),
	}


# ---------------------------------------------------------------- command line (in the bench's Python)
def main() -> None:
	"""dev/bench.py scale passes: --site SITE [--generate] [--agents N] [--months N] [--seed N] [--no-measure]."""
	import argparse
	import os

	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", required=True)
	parser.add_argument("--generate", action="store_true", help="(re)load the scale branch first")
	parser.add_argument("--agents", type=int, default=5000)
	parser.add_argument("--months", type=int, default=12)
	parser.add_argument("--seed", type=int, default=2026)
	parser.add_argument("--no-measure", action="store_true", help="load only")
	parser.add_argument("--no-jobs", action="store_true", help="reports only")
	parser.add_argument("--no-reports", action="store_true", help="hourly jobs only")
	parser.add_argument("--job", action="append", help="only the hourly jobs whose path contains this")
	args = parser.parse_args()
	bench = Path(os.environ.get("IA_BENCH", Path.home() / "frappe-bench")).expanduser()
	os.chdir(bench / "sites")
	sys.path.insert(0, str(REPO / "dev"))
	import frappe

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	if "insurance_activity" not in frappe.get_installed_apps():
		sys.exit(f"insurance_activity is not installed on {args.site}")
	import scale_measure

	if args.generate:
		print(f"==> generating: {args.agents} agents, {args.months} months, seed {args.seed}", flush=True)
		generate(args.agents, args.months, args.seed)
	if not args.no_measure:
		print(f"\n==> measuring on {args.site}: {scale_measure.data_size(frappe)}", flush=True)
		if not args.no_reports:
			scale_measure.measure_reports(frappe, scale_users(frappe))
		if not args.no_jobs:
			scale_measure.measure_jobs(frappe, only=args.job)
	frappe.destroy()


if __name__ == "__main__":
	main()
