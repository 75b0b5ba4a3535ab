"""A deterministic, realistic demo branch: offices, supervisors, agents, and months of daily work logs.

Run through `dev/demo` (which calls `load_demo`). Same seed and date, same data. Re-running refreshes the
history relative to today and keeps the organisation. Each area that has demo data of its own (callbacks,
meetings, production) is filled in after the logs when its module is present.
"""

import importlib
import importlib.util
import random
import time
from datetime import date, timedelta

import frappe
from frappe.utils import add_months, getdate, today
from frappe.utils.password import update_password

from insurance_activity.configuration.calendar import ensure_working_calendar
from insurance_activity.permissions.roles import (
	ACTIVITY_ADMIN,
	CALLBACK_OFFICER,
	INSURANCE_AGENT,
	INSURANCE_SUPERVISOR,
	OFFICE_MANAGER,
)
from insurance_activity.rules.phones import phone_key
from insurance_activity.setup.company import complete_setup
from insurance_activity.setup.custom_fields import PHONE_KEY, PROSPECT_PHONE_KEY
from insurance_activity.working_days import days_off as working_days_of

COMPANY = "Demo Life Insurance Shanghai Branch"
ABBR = "DLI"
EMAIL_DOMAIN = "demo.insurance.example.com"
PASSWORD = "Demo@2026"
OFFICE_NAMES = (
	"Pudong Office",
	"Xuhui Office",
	"Jing'an Office",
	"Minhang Office",
	"Yangpu Office",
	"Putuo Office",
)
SURNAMES = (
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
)
GIVEN = (
	"伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 华 建华 婷 玉兰 萍 鑫 宇 欣 "
	"晨 佳 颖 浩 雪 琳 博 晓东 海燕 志强 春梅 文 斌 慧 倩 凯 燕 楠 丹 亮"
).split()
# Agent profiles: share of agents, daily means per item, chance of a missed working day.
PROFILES = {
	"good": {
		"share": 0.2,
		"phone": 6.5,
		"interview": 3.6,
		"recruit": 0.9,
		"prospect": 1.4,
		"referral": 0.8,
		"miss": 0.02,
	},
	"average": {
		"share": 0.55,
		"phone": 4.6,
		"interview": 2.5,
		"recruit": 0.55,
		"prospect": 0.9,
		"referral": 0.4,
		"miss": 0.08,
	},
	"struggling": {
		"share": 0.25,
		"phone": 2.6,
		"interview": 1.2,
		"recruit": 0.2,
		"prospect": 0.4,
		"referral": 0.1,
		"miss": 0.25,
	},
}
# (module, function, its keyword arguments from the history length in months and the seed)
AREA_DEMOS = (
	("insurance_activity.production.demo", "make_demo_production", lambda months, seed: {"months": months}),
	(
		"insurance_activity.verification.demo",
		"make_demo_callbacks",
		lambda months, seed: {"days": min(months * 30, 45)},
	),
	(  # after the callbacks: invalidated visits do not score; before the campaign announcing it
		"insurance_activity.campaigns.demo_contest",
		"make_demo_contest",
		lambda months, seed: {"months": months, "seed": seed},
	),
	(  # after the logs and policies: invitees are policy holders, follow-ups are logged interviews
		"insurance_activity.campaigns.demo",
		"make_demo_campaigns",
		lambda months, seed: {"months": months, "seed": seed},
	),
	(  # after the history and the campaigns (attending one warms a customer), before the meetings: a weekly
		# review's KPI snapshot takes the customer inventory
		"insurance_activity.customers.demo",
		"make_demo_quadrants",
		lambda months, seed: {"months": months, "seed": seed},
	),
	("insurance_activity.meetings.demo", "make_demo_meetings", lambda months, seed: {"months": months}),
)


def progress(message: str):
	print(f"    {message}", flush=True)


def load_demo(agents: int = 150, supervisors: int = 15, offices: int = 3, months: int = 2, seed: int = 2026):
	started = time.monotonic()
	frappe.flags.mute_emails = True
	# a bulk onboarding of a whole branch: lift frappe's 60-new-users-a-minute throttle for this process only
	frappe.local.conf.throttle_user_limit = max(
		frappe.local.conf.get("throttle_user_limit") or 0, 10 * (agents + supervisors + offices)
	)
	company = complete_setup(COMPANY, ABBR)
	end = getdate(today())
	start = getdate(add_months(end, -months))
	ensure_working_calendar(end, years=list(range(start.year, end.year + 1)))
	progress("organisation: branch, offices, supervisors, agents, users")
	# separate streams: the history must not depend on whether the people already existed
	org = make_organisation(company, random.Random(f"{seed}:people"), agents, supervisors, offices)
	# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
	frappe.db.commit()
	progress(f"work logs {start} .. {end} for {len(org['people'])} people")
	remove_demo_history(org)
	language, frappe.local.lang = frappe.local.lang, "zh"  # agents write in Chinese; derived texts follow
	make_logs(org, random.Random(f"{seed}:history:{start}"), start, end)
	frappe.local.lang = language
	# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
	frappe.db.commit()
	for module_name, function, arguments in AREA_DEMOS:
		if importlib.util.find_spec(module_name) is None:
			continue  # that area is not built yet
		module = importlib.import_module(module_name)
		progress(f"{module_name.split('.')[1]}: {function}")
		step_started = time.monotonic()
		result = getattr(module, function)(**arguments(months, seed))
		progress(f"{function} done in {time.monotonic() - step_started:.0f} s: {result}")
		# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
		frappe.db.commit()
	progress(f"demo data ready in {time.monotonic() - started:.0f} s")
	return org["logins"]


# ---------------------------------------------------------------- organisation
def chinese_name(rng: random.Random, used: set) -> str:
	while True:
		name = rng.choice(SURNAMES) + rng.choice(GIVEN)
		if name not in used:
			used.add(name)
			return name
		name += rng.choice(GIVEN)
		if name not in used:
			used.add(name)
			return name


def make_user(email: str, name: str, roles: list[str], language: str = "zh") -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": name,
				"send_welcome_email": 0,
				"language": language,
			}
		)
		user.flags.ignore_permissions = True
		user.insert()
		update_password(email, PASSWORD)
	user = frappe.get_doc("User", email)
	missing = [role for role in roles if role not in {row.role for row in user.roles}]
	if missing:  # also for a user kept from an earlier load whose roles went (the app reinstalled)
		user.add_roles(*missing)
	return email


def make_department(company: str, name: str, level: str, parent: str) -> str:
	full = f"{name} - {frappe.get_cached_value('Company', company, 'abbr')}"
	if not frappe.db.exists("Department", full):
		frappe.get_doc(
			{
				"doctype": "Department",
				"department_name": name,
				"company": company,
				"parent_department": parent,
				"is_group": 1,
				"ia_unit_level": level,
			}
		).insert(ignore_permissions=True)
	return full


def make_employee(company, name, department, reports_to, user, tier, joined) -> str:
	existing = frappe.db.get_value("Employee", {"user_id": user})
	if existing:
		return existing
	rng = random.Random(user)  # personal details depend on the person only
	doc = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": name,
			"gender": rng.choice(["Female", "Female", "Male"]),
			"date_of_birth": date(1970 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28)),
			"date_of_joining": joined,
			"company": company,
			"department": department,
			"reports_to": reports_to,
			"user_id": user,
			"status": "Active",
			"ia_productivity_tier": tier,
			"cell_number": phone_number(rng),
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def make_organisation(company, rng, agents, supervisors, offices) -> dict:
	used_names: set = set()
	branch = make_department(company, "Shanghai Branch", "Branch", "All Departments")
	office_depts = [
		make_department(company, OFFICE_NAMES[i % len(OFFICE_NAMES)], "Office", branch)
		for i in range(offices)
	]
	logins = {
		"admin": ("Administrator", "admin"),
		"activity admin": (
			make_user(f"planner@{EMAIL_DOMAIN}", "企划 周敏", [ACTIVITY_ADMIN], "en"),
			PASSWORD,
		),
		"finance": (
			make_user(
				f"finance@{EMAIL_DOMAIN}", "财务 孙丽", ["HR Manager", "HR User", "Accounts User"], "en"
			),
			PASSWORD,
		),
		"callback officer": (
			make_user(f"callback1@{EMAIL_DOMAIN}", "回访 陈静", [CALLBACK_OFFICER]),
			PASSWORD,
		),
	}
	make_user(f"callback2@{EMAIL_DOMAIN}", "回访 刘洋", [CALLBACK_OFFICER])
	people, managers, sups = [], [], []
	today_date = getdate(today())
	for i, office in enumerate(office_depts, start=1):
		name = chinese_name(rng, used_names)
		user = make_user(
			f"manager{i}@{EMAIL_DOMAIN}", name, [INSURANCE_AGENT, INSURANCE_SUPERVISOR, OFFICE_MANAGER]
		)
		manager = make_employee(
			company, name, office, None, user, "5", today_date - timedelta(days=2000 + i * 90)
		)
		frappe.db.set_value("Department", office, "ia_unit_manager", manager)
		managers.append(manager)
		people.append({"employee": manager, "profile": "good", "supervisor_quality": 0.95})
	for s in range(supervisors):
		office = office_depts[s % offices]
		name = chinese_name(rng, used_names)
		user = make_user(f"sup{s + 1:02d}@{EMAIL_DOMAIN}", name, [INSURANCE_AGENT, INSURANCE_SUPERVISOR])
		tier = rng.choice(["3", "5", "5"])
		joined = today_date - timedelta(days=700 + rng.randrange(2000))
		sup = make_employee(company, name, office, managers[s % offices], user, tier, joined)
		sups.append((sup, office))
		people.append({"employee": sup, "profile": "good" if rng.random() < 0.5 else "average",
			"supervisor_quality": rng.choice([0.6, 0.8, 0.95])})  # fmt: skip
	profiles = pick_profiles(rng, agents)
	for a in range(agents):
		sup, office = (
			sups[a % len(sups)] if sups else (managers[a % len(managers)], office_depts[a % offices])
		)
		name = chinese_name(rng, used_names)
		user = make_user(f"agent{a + 1:03d}@{EMAIL_DOMAIN}", name, [INSURANCE_AGENT])
		profile = profiles[a]
		tier = {"good": "3", "average": "2", "struggling": "2"}[profile] if rng.random() < 0.85 else "5"
		joined = today_date - timedelta(days=30 + rng.randrange(1500))
		emp = make_employee(company, name, office, sup, user, tier, joined)
		people.append({"employee": emp, "profile": profile, "supervisor_quality": 0})
		if (a + 1) % 25 == 0:
			progress(f"{a + 1}/{agents} agents")
			# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
			frappe.db.commit()
	logins["office manager"] = (f"manager1@{EMAIL_DOMAIN}", PASSWORD)
	logins["supervisor"] = (f"sup01@{EMAIL_DOMAIN}", PASSWORD)
	logins["agent"] = (f"agent001@{EMAIL_DOMAIN}", PASSWORD)
	return {"company": company, "people": people, "logins": logins}


def pick_profiles(rng: random.Random, count: int) -> list[str]:
	names = list(PROFILES)
	weights = [PROFILES[n]["share"] for n in names]
	return [rng.choices(names, weights)[0] for _ in range(count)]


def phone_number(rng: random.Random, taken: set | None = None) -> str:
	"""A valid mainland mobile number, as its phone key; not one of `taken` (which it joins) when given."""
	while True:
		key = phone_key(rng.choice(["13", "15", "18", "17"]) + f"{rng.randrange(10**9):09d}")
		if key and (taken is None or key not in taken):
			if taken is not None:
				taken.add(key)
			return key


# ---------------------------------------------------------------- history
def remove_demo_history(org):
	employees = [p["employee"] for p in org["people"]]
	logs = frappe.get_all("Agent Log", filters={"agent": ("in", employees)}, pluck="name")
	for chunk in chunks(logs, 500):
		for child in ("Agent Log Activity", "Agent Log Tracking Call"):
			frappe.db.delete(child, {"parent": ("in", chunk)})
		frappe.db.delete("Agent Log", {"name": ("in", chunk)})
	users = frappe.get_all("Employee", filters={"name": ("in", employees)}, pluck="user_id")
	frappe.db.delete("Lead", {"lead_owner": ("in", users)})


def chunks(items, size):
	for i in range(0, len(items), size):
		yield items[i : i + size]


def make_logs(org, rng, start: date, end: date):
	company = org["company"]
	working_days = working_days_of(start, end, company=company).working_days(start, end)
	info = {
		e.name: e
		for e in frappe.get_all(
			"Employee",
			filters={"name": ("in", [p["employee"] for p in org["people"]])},
			fields=["name", "employee_name", "user_id", "reports_to"],
		)
	}
	reports_of: dict[str, list[str]] = {}
	for e in info.values():
		if e.reports_to:
			reports_of.setdefault(e.reports_to, []).append(e.name)
	leads: dict[str, list[tuple[str, str, str]]] = {}
	# one Lead per phone among agents' prospects, as the app keeps it (New-Prospect Phone Key is unique)
	phones = set(
		frappe.get_all("Lead", filters={PROSPECT_PHONE_KEY: ("is", "set")}, pluck=PROSPECT_PHONE_KEY)
	)
	made = 0
	total = len(working_days) * len(org["people"])
	for person in org["people"]:
		leads[person["employee"]] = [
			make_lead(rng, info[person["employee"]], company, start, phones) for _ in range(8)
		]
	one_kind_this_week: dict[str, bool] = {}
	for day in working_days:
		if day.weekday() == 0 or not one_kind_this_week:  # some agents spend a whole week on one kind only
			one_kind_this_week = {p["employee"]: rng.random() < 0.08 for p in org["people"]}
		for person in org["people"]:
			made += 1
			profile = PROFILES[person["profile"]]
			if rng.random() < profile["miss"] or (day == end and rng.random() < 0.5):
				continue
			only_phone = one_kind_this_week[person["employee"]]
			log = build_log(rng, person, info, leads, profile, day, company, only_phone, reports_of, phones)
			insert_log(log, submitted=day < end, rng=rng)
			if made % 1000 == 0:
				progress(f"{made}/{total} agent-days")
				# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
				frappe.db.commit()
	progress(f"{total}/{total} agent-days")


def poisson(rng: random.Random, mean: float) -> int:
	# Knuth's method; means here are small
	limit, k, p = pow(2.718281828, -mean), 0, 1.0
	while True:
		p *= rng.random()
		if p <= limit:
			return k
		k += 1


def make_lead(rng, employee, company, day, phones: set) -> tuple[str, str, str]:
	"""An agent's prospect, as a new-prospect row of a log would have made it (keys included)."""
	name = rng.choice(SURNAMES) + rng.choice(GIVEN)
	phone = phone_number(rng, phones)
	lead = frappe.get_doc(
		{
			"doctype": "Lead",
			"first_name": name,
			"lead_name": name,
			"mobile_no": phone,
			PHONE_KEY: phone,
			PROSPECT_PHONE_KEY: phone,
			"company": company,
			"lead_owner": employee.user_id,
			"status": "Lead",
			"source": rng.choice(["Cold Calling", "Reference", "Existing Customer"]),
		}
	)
	lead.set_new_name()
	lead.creation = lead.modified = f"{day} 09:00:00"
	lead.owner = employee.user_id
	lead.db_insert()
	return lead.name, name, phone


MORNING_PLANS = (
	"上午电话约访5位客户，下午面谈2位",
	"陪同主管拜访老客户，整理转介绍名单",
	"参加产品说明会，邀约3位准客户",
)
MORNING_RESULTS = (
	"昨日面谈3位，1位有加保意向",
	"电话约访完成，2位客户约了周末见面",
	"拜访增员对象1位，已约二次面谈",
)


def build_log(rng, person, info, leads, profile, day, company, only_phone, reports_of, phones):
	employee = info[person["employee"]]
	pool = leads[employee.name]
	rows = []
	phone_calls = max(0, poisson(rng, profile["phone"] * (1.6 if only_phone else 1)))
	if phone_calls:
		rows.append({"activity_kind": "Phone Appointment", "activity_count": phone_calls})
	if not only_phone:
		for _ in range(poisson(rng, profile["interview"])):
			lead, name, phone = rng.choice(pool)
			kind = rng.choices(["Sales Interview", "Home Visit", "Proposal Presented"], [6, 2, 2])[0]
			rows.append(party_row(kind, lead, name, phone, rng))
		if rng.random() < profile["recruit"]:
			rows.append(
				{
					"activity_kind": rng.choice(["Recruiting Visit", "Recruiting Interview"]),
					"activity_count": 1,
				}
			)
		for _ in range(poisson(rng, profile["prospect"])):
			pool.append(make_lead(rng, employee, company, day, phones))
			lead, name, phone = pool[-1]
			rows.append(party_row("New Prospect", lead, name, phone, rng))
		if rng.random() < profile["referral"]:
			rows.append(
				{"activity_kind": "Referral", "activity_count": 1, "referred_by": rng.choice(pool)[1]}
			)
	log = frappe.new_doc("Agent Log")  # with the DocType's defaults, as the desk form starts
	log.update(
		{
			"agent": employee.name,
			"log_date": day,
			"activities": rows,
			"yesterday_results": rng.choice(MORNING_RESULTS),
			"today_plan": rng.choice(MORNING_PLANS),
		}
	)
	quality = person["supervisor_quality"]
	reports = reports_of.get(employee.name, [])
	if reports and quality:
		for report in reports:
			if rng.random() < quality:
				log.append("tracking_calls", {"report": report, "call_time": "08:30:00"})
		if rng.random() < quality:
			log.coaching_report = rng.choice(reports)
			log.coaching_type = rng.choice(["Accompanied Visit", "Home Visit", "Interview"])
			log.coaching_notes = "辅导异议处理话术"
	return log  # spot-checks (the third "1") are Callback Checks, made by the verification demo


def party_row(kind, lead, name, phone, rng):
	return {
		"activity_kind": kind,
		"activity_count": 1,
		"party_type": "Lead",
		"party": lead,
		"party_name": name,
		"phone": phone,
		"activity_time": f"{rng.randrange(9, 19):02d}:{rng.choice(['00', '15', '30', '45'])}:00",
		"outcome": rng.choice(["客户有兴趣，约下次讲解计划书", "了解家庭保障需求", "客户暂无需求，保持联系"]),
	}


def insert_log(log, submitted: bool, rng):
	"""Insert as the agent would have left it, computed by the same methods as a desk save."""
	log.fill_header()
	log.compute_attainment()
	log.docstatus = 1 if submitted else 0
	if submitted and log.supervisor and rng.random() < 0.7:
		log.review_status = "Reviewed"
	log.set_new_name(set_child_names=True)
	log.set_parent_in_children()
	stamp = f"{log.log_date} 20:00:00"
	log.creation = log.modified = stamp
	log.owner = log.modified_by = frappe.get_cached_value("Employee", log.agent, "user_id") or "Administrator"
	log.db_insert()
	for child in log.get_all_children():
		child.docstatus = log.docstatus
		child.creation = child.modified = stamp
		child.db_insert()


def load_demo_to_file(path: str, **kwargs):
	"""`load_demo`, writing the logins as JSON for the demo command to print."""
	import json

	logins = load_demo(**kwargs)
	with open(path, "w") as f:
		json.dump(logins, f)
