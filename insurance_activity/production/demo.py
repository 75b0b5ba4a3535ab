"""Demo production: policies for every agent over the last months, their performance, tiers and targets.

Deterministic (the same agents, logs and date give the same policies) and re-runnable (the demo's
policies are replaced). Results follow activity, as the monthly review expects (月看业绩): an agent's
policies in a month come from their sales interviews logged that month, and higher tiers close more.
The policies go through the bulk loader, so the demo also leaves a Policy Load to look at.
"""

import csv
import io
import random
from datetime import date

import frappe
from frappe.utils import add_days, add_months, get_last_day, getdate, today

from insurance_activity.org import subtree, unit_employees
from insurance_activity.production import performance, policy_loader, targets, tiers
from insurance_activity.production.policy_service import TEMPLATE_FIELDS
from insurance_activity.setup.demo import poisson

PREFIX = "DEMO-"
SEED = 2026
# Insurance products (险种) as non-stock Items, coded by pinyin initials: code, name, payment mode,
# premium range, FYC rate
PRODUCTS = (
	("ZS20", "终身寿险 (20年交)", "Regular", (6000, 30000), 0.30),
	("ZJ30", "重大疾病保险 (30年交)", "Regular", (3000, 15000), 0.35),
	("NJ10", "年金保险 (10年交)", "Regular", (10000, 50000), 0.15),
	("YL01", "百万医疗险", "Regular", (300, 1500), 0.20),
	("DJNJ", "趸交年金", "Single", (50000, 300000), 0.02),
)
PRODUCT_WEIGHTS = (4, 5, 2, 3, 1)
# Demo behaviour (not business rules): cases per logged sales interview, and per tier rank
CLOSE_RATE = 0.045
TIER_BONUS = 0.35
NO_LOG_CASES = 1.0
STATUS_WEIGHTS = {"In Force": 93, "Cancelled in Cooling-off": 4, "Lapsed": 3}
SURNAMES = (
	"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
)
GIVEN = "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 华 婷 萍 鑫 宇 欣 晨 佳 颖 浩 雪 琳 博".split()
# Seasonality of an insurer's year (开门红: the first quarter sells most)
SEASONALITY = "Insurance Seasonality (开门红)"
SEASON_PERCENTAGES = (14, 10, 12, 7, 7, 9, 6, 6, 8, 6, 6, 9)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December")  # fmt: skip


def make_demo_production(months: int) -> dict:
	"""Policies for every active agent for the last `months` months (this one included, up to today),
	then the months' performance, the tiers of each closed month and this fiscal year's targets."""
	end = getdate(today())
	first = getdate(add_months(end, -months)).replace(day=1)
	month_starts = []
	current = first
	while current <= end:
		month_starts.append(current)
		current = getdate(add_months(current, 1))

	products = make_products()
	remove_demo_policies()
	rows = policy_rows(month_starts, end, products)
	load = load_rows(rows)
	for start in month_starts:
		performance.recompute_month(start.year, start.month)
	for start in month_starts[:-1]:  # closed months, oldest first: the latest review sets the tier
		tiers.reevaluate_month(start.year, start.month)
	# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
	frappe.db.commit()
	made = make_demo_targets()
	# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
	frappe.db.commit()
	return {"policies": len(rows), "policy_load": load, "months": len(month_starts), "targets": made}


def make_products() -> dict:
	group = "Services" if frappe.db.exists("Item Group", "Services") else "All Item Groups"
	for code, name, *_ in PRODUCTS:
		if not frappe.db.exists("Item", code):
			frappe.get_doc(
				{
					"doctype": "Item",
					"item_code": code,
					"item_name": name,
					"item_group": group,
					"stock_uom": "Nos",
					"is_stock_item": 0,
					"include_item_in_manufacturing": 0,
				}
			).insert(ignore_permissions=True)
	return {code: (mode, premiums, rate) for code, _, mode, premiums, rate in PRODUCTS}


def remove_demo_policies():
	frappe.db.delete("Insurance Policy", {"name": ("like", f"{PREFIX}%")})


def policy_rows(month_starts: list[date], end: date, products: dict) -> list[dict]:
	ranks = dict(frappe.get_all("Productivity Tier", fields=["name", "rank"], as_list=True))
	rows = []
	for start in month_starts:
		last = min(end, getdate(get_last_day(start)))
		interviews = interviews_by_agent(start, last)
		for agent in performance.roster(start.year, start.month):
			if agent.date_of_joining > last:
				continue
			rng = random.Random(f"{SEED}-{agent.agent}-{start:%Y%m}")
			tier = frappe.get_cached_value("Employee", agent.agent, "ia_productivity_tier")
			bonus = TIER_BONUS * ((ranks.get(tier) or 1) - 1)
			logged = interviews.get(agent.agent)
			mean = (CLOSE_RATE * logged if logged is not None else NO_LOG_CASES) + bonus
			first_day = max(start, agent.date_of_joining)
			for n in range(poisson(rng, mean)):
				rows.append(policy_row(rng, agent.agent, start, n, first_day, last, end, products))
	return rows


def policy_row(
	rng, agent: str, start: date, n: int, first_day: date, last: date, end: date, products
) -> dict:
	code = rng.choices([p[0] for p in PRODUCTS], PRODUCT_WEIGHTS)[0]
	mode, (low, high), rate = products[code]
	premium = round(rng.uniform(low, high), -2)
	issue_date = add_days(first_day, rng.randrange((last - first_day).days + 1))
	status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
	if status == "Lapsed" and (end - getdate(issue_date)).days < 60:
		status = "In Force"  # a policy lapses only after its grace period
	return {
		"policy_no": f"{PREFIX}{start:%Y%m}-{agent}-{n + 1:02d}",
		"agent_code": agent,
		"customer_name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN]),
		"product_code": code,
		"payment_mode": mode,
		"annual_premium": premium,
		"fyc": round(premium * rate, 2),
		"issue_date": str(issue_date),
		"status": status,
	}


def interviews_by_agent(start: date, last: date) -> dict[str, int]:
	rows = frappe.get_all(
		"Agent Log",
		filters={"log_date": ("between", [start, last]), "docstatus": ("<", 2)},
		fields=["agent", "sum(sales_interviews) as total"],
		group_by="agent",
	)
	return {row.agent: int(row.total or 0) for row in rows}


def load_rows(rows: list[dict]) -> str | None:
	"""Through the bulk loader, as a core-system file would come."""
	if not rows:
		return None
	buffer = io.StringIO()
	writer = csv.DictWriter(buffer, fieldnames=TEMPLATE_FIELDS)
	writer.writeheader()
	writer.writerows(rows)
	file = frappe.get_doc(
		{"doctype": "File", "file_name": "demo-policies.csv", "content": buffer.getvalue(), "is_private": 1}
	).insert(ignore_permissions=True)
	load = frappe.get_doc({"doctype": "Policy Load", "import_file": file.file_url})
	load.flags.defer_start = True
	load.insert(ignore_permissions=True)
	policy_loader.run_policy_load(load.name, recompute=False)
	return load.name


# --- Targets ---------------------------------------------------------------------------------------------


def make_demo_targets() -> int:
	"""This fiscal year's company targets (a fifth above the demo's run rate), split down the line by size."""
	from erpnext.accounts.utils import get_fiscal_year

	distribution = seasonality()
	made = 0
	for company in companies_with_offices():
		fiscal_year = get_fiscal_year(today(), company=company)[0]
		top = company_target(company, fiscal_year, distribution)
		made += 1 + split_down(top)
	return made


def seasonality() -> str:
	if not frappe.db.exists("Monthly Distribution", SEASONALITY):
		frappe.get_doc(
			{
				"doctype": "Monthly Distribution",
				"distribution_id": SEASONALITY,
				"percentages": [
					{"month": month, "percentage_allocation": share}
					for month, share in zip(MONTH_NAMES, SEASON_PERCENTAGES, strict=True)
				],
			}
		).insert(ignore_permissions=True)
	return SEASONALITY


def companies_with_offices() -> list[str]:
	return sorted(
		set(frappe.get_all("Department", filters={"ia_unit_level": "Office"}, pluck="company")) - {None}
	)


def company_target(company: str, fiscal_year: str, distribution: str):
	people = frappe.get_all("Employee", filters={"company": company, "status": "Active"}, pluck="name")
	recent = frappe.get_all(
		"Agent Monthly Performance",
		filters={"agent": ("in", people), "period": (">=", add_months(getdate(today()), -3))},
		fields=["regular_premium", "reached_u", "period"],
	)
	months = max(len({r.period for r in recent}), 1)
	monthly_premium = sum(r.regular_premium for r in recent) / months
	monthly_u = sum(r.reached_u for r in recent) / months
	supervisors = len(
		{e for e in frappe.get_all("Employee", filters={"company": company}, pluck="reports_to") if e}
	)
	values = {
		"regular_premium": round(monthly_premium * 12 * 1.2, -3),
		"u_headcount": round(monthly_u * 1.2),
		"activity_volume": len(people) * 10 * 21 * 12,  # the five daily items (5311 + a referral)
		"accompanied_visits": supervisors * 52,  # one accompanied visit a week per supervisor
		"monthly_distribution": distribution,
	}
	name = frappe.db.get_value(
		"Production Target", {"fiscal_year": fiscal_year, "target_level": "Company", "company": company}
	)
	doc = frappe.get_doc("Production Target", name) if name else frappe.new_doc("Production Target")
	doc.update({"target_level": "Company", "fiscal_year": fiscal_year, "company": company, **values})
	doc.save(ignore_permissions=True)
	return doc


def split_down(doc) -> int:
	"""Split by size: units by their agents, teams by their members, agents by their tier's rank."""
	proposal = doc.split_proposal()
	if not proposal:
		return 0
	level = doc.child_level()
	ranks = dict(frappe.get_all("Productivity Tier", fields=["name", "rank"], as_list=True))
	weights = {}
	for row in proposal:
		child = row["child"]
		if level in targets.UNIT_LEVELS:
			weights[child] = len(unit_employees(child)) or 1
		elif level == "Team":
			weights[child] = len(subtree(child)) or 1
		else:
			weights[child] = ranks.get(frappe.db.get_value("Employee", child, "ia_productivity_tier")) or 1
	made = 0
	for name in doc.split_across(weights):
		made += 1 + split_down(frappe.get_doc("Production Target", name))
	return made
