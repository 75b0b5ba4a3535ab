"""The demo's points contest (积分竞赛): one contest running today in every demo office, its ledger computed.

Called by the demo command (setup/demo.py) after the logs and the callbacks (so invalidated visits do not
score). Four weeks of history and two weeks to go; a mid-contest rule change (interviews score more from
the third week) shows the versioned rules; new agents (tier 2) get a multiplier. Its reward rows, cap and
budget (the total of the rows overruns it, so finance sees the overrun before approving) let a Reward
Settlement be tried on it; the settings' accrual accounts are set when empty, so agents without a salary
structure are accrued rather than blocked. A reload replaces it.
"""

import frappe
from frappe.utils import add_days, getdate, today

from insurance_activity.campaigns import contest_ledger
from insurance_activity.org import all_offices

DEMO_CONTEST = "活动积分竞赛（演示）"
HISTORY_DAYS, DAYS_TO_GO, RULE_CHANGE_AFTER_DAYS = 27, 14, 14
# (activity kind, points, daily cap) from the start
DEMO_RULES = (
	("Phone Appointment", 1, 8),
	("Sales Interview", 3, 5),
	("Recruiting Visit", 5, 2),
	("New Prospect", 2, 3),
	("Referral", 3, 3),
)
CHANGED_RULE = ("Sales Interview", 4, 5)  # from RULE_CHANGE_AFTER_DAYS days after the start
DEMO_MULTIPLIERS = {"2": 1.2}
MIN_STANDARD_MET_DAYS, MIN_POLICIES = 5, 1
# reward rows (rank from, rank to, amount in the company's currency), the cap per agent and the budget
DEMO_REWARD_TIERS = ((1, 1, 3000), (2, 3, 2000), (4, 10, 800))
DEMO_REWARD_CAP, DEMO_REWARD_BUDGET = 2500, 8000


def make_demo_contest(months: int = 2, seed: int = 2026) -> dict:
	"""Replace the demo contest and compute its ledger. Returns {"contest", "ledger_rows", "offices"}."""
	end = getdate(today())
	start = add_days(end, -HISTORY_DAYS)
	if frappe.db.exists(contest_ledger.CONTEST, DEMO_CONTEST):
		frappe.delete_doc(contest_ledger.CONTEST, DEMO_CONTEST, force=True, ignore_permissions=True)
	offices = all_offices()
	rules = [
		{"activity_kind": kind, "points": points, "daily_cap": cap, "effective_from": start}
		for kind, points, cap in DEMO_RULES
	]
	kind, points, cap = CHANGED_RULE
	rules.append(
		{
			"activity_kind": kind,
			"points": points,
			"daily_cap": cap,
			"effective_from": add_days(start, RULE_CHANGE_AFTER_DAYS),
		}
	)
	doc = frappe.get_doc(
		{
			"doctype": contest_ledger.CONTEST,
			"contest_name": DEMO_CONTEST,
			"participation": "Individual",
			"from_date": start,
			"to_date": add_days(end, DAYS_TO_GO),
			"offices": [{"office": office} for office in offices],
			"rules": rules,
			"tier_multipliers": [
				{"productivity_tier": tier, "multiplier": value} for tier, value in DEMO_MULTIPLIERS.items()
			],
			"min_standard_met_days": MIN_STANDARD_MET_DAYS,
			"min_policies": MIN_POLICIES,
			"reward_tiers": [
				{"rank_from": first, "rank_to": last, "amount": amount}
				for first, last, amount in DEMO_REWARD_TIERS
			],
			"reward_cap_per_agent": DEMO_REWARD_CAP,
			"reward_budget": DEMO_REWARD_BUDGET,
		}
	)
	doc.flags.recompute_now = True  # the demo waits for its ledger (no background job)
	doc.insert(ignore_permissions=True)
	rows = frappe.db.count(contest_ledger.LEDGER, {"contest": doc.name})
	set_demo_accrual_accounts()
	return {"contest": doc.name, "ledger_rows": rows, "offices": len(offices)}


def set_demo_accrual_accounts():
	"""The settings' reward payable and expense accounts, when empty: the company's default payable account
	(Creditors) and its Salary expense account (or another expense ledger)."""
	settings = frappe.get_single("Insurance Activity Settings")
	if settings.reward_payable_account and settings.reward_expense_account:
		return
	company = (
		frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name", limit=1)[0]
	)
	payable = frappe.get_cached_value("Company", company, "default_payable_account")
	expense = frappe.db.get_value(
		"Account", {"company": company, "root_type": "Expense", "is_group": 0, "account_name": "Salary"}
	) or frappe.db.get_value("Account", {"company": company, "root_type": "Expense", "is_group": 0})
	settings.reward_payable_account = settings.reward_payable_account or payable
	settings.reward_expense_account = settings.reward_expense_account or expense
	settings.flags.ignore_permissions = True
	settings.save()
