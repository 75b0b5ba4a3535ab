"""Reward settlements (奖励结算) for integration tests: a contest with reward rows and a ledger, HRMS pay records."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, add_months, get_first_day, get_last_day, getdate, today

from insurance_activity.tests.contest_factories import make_contest, make_ledger_row
from insurance_activity.tests.factories import as_user, company, set_settings


def make_reward_contest(name: str, offices: list[str], points: dict[str, float], tiers: list[dict], **values):
	"""A finished contest (30 to 5 days ago) of `offices` with reward rows `tiers` ({"rank_from", "rank_to",
	"min_points", "productivity_tier", "amount"}) and one ledger row per agent of `points` (agent -> points
	on the contest's last day), so its ranking is the order of the points."""
	from_date, to_date = add_days(today(), -30), add_days(today(), -5)
	contest = make_contest(name, from_date, to_date, offices, [("Sales Interview", 2, 0, from_date)])
	contest.reload()
	for row in tiers:
		contest.append("reward_tiers", row)
	contest.update(values)
	contest.flags.recompute_now = True
	contest.save()  # the recompute finds no logs: the ledger rows below are the contest's whole ledger
	for agent, agent_points in points.items():
		make_ledger_row(name, agent, to_date, points=agent_points)
	return contest


def make_settlement(contest: str, get_rewards: bool = True):
	"""A draft Reward Settlement of `contest` for the company, its lines got from the ranking."""
	settlement = frappe.get_doc(
		{"doctype": "Reward Settlement", "contest": contest, "company": company(), "posting_date": today()}
	).insert()
	if get_rewards:
		settlement.get_rewards()
	return settlement


def approve(settlement: str, user: str):
	"""Finance's approval through the workflow (submits the settlement), as `user`."""
	with as_user(user):
		return apply_workflow(frappe.get_doc("Reward Settlement", settlement), "Approve")


def cancel(settlement: str, user: str):
	with as_user(user):
		return apply_workflow(frappe.get_doc("Reward Settlement", settlement), "Cancel")


def accrual_accounts() -> tuple[str, str]:
	"""The company's Payable (Creditors) and an Expense account for the accrual Journal Entry."""
	payable = frappe.get_cached_value("Company", company(), "default_payable_account")
	expense = frappe.db.get_value(
		"Account",
		{"company": company(), "root_type": "Expense", "is_group": 0, "account_name": "Salary"},
	) or frappe.db.get_value(
		"Account", {"company": company(), "root_type": "Expense", "is_group": 0, "account_type": ""}
	)
	return payable, expense


def set_accrual_accounts(on: bool = True):
	payable, expense = accrual_accounts() if on else (None, None)
	set_settings(reward_payable_account=payable, reward_expense_account=expense)


def give_salary_structure(employee: str, prefix: str) -> str:
	"""A submitted monthly Salary Structure (one earning, a fixed basic) assigned to `employee` from the first
	day of two months ago; returns the structure's name."""
	component = f"{prefix} Basic"
	if not frappe.db.exists("Salary Component", component):
		frappe.get_doc(
			{
				"doctype": "Salary Component",
				"salary_component": component,
				"salary_component_abbr": f"{prefix[:3].upper()}B",
				"type": "Earning",
				"depends_on_payment_days": 0,
			}
		).insert()
	structure = f"{prefix} Monthly"
	if not frappe.db.exists("Salary Structure", structure):
		doc = frappe.get_doc(
			{
				"doctype": "Salary Structure",
				"name": structure,
				"company": company(),
				"payroll_frequency": "Monthly",
				"currency": frappe.get_cached_value("Company", company(), "default_currency"),
				"is_active": "Yes",
				"earnings": [
					{"salary_component": component, "abbr": f"{prefix[:3].upper()}B", "amount": 5000}
				],
			}
		)
		doc.insert()
		doc.submit()
	assignment = frappe.get_doc(
		{
			"doctype": "Salary Structure Assignment",
			"employee": employee,
			"salary_structure": structure,
			"company": company(),
			"currency": frappe.get_cached_value("Company", company(), "default_currency"),
			"from_date": get_first_day(add_months(getdate(today()), -2)),
			"base": 5000,
		}
	)
	assignment.insert()
	assignment.submit()
	return structure


def make_slip(structure: str, employee: str, posting_date):
	"""The employee's Salary Slip of the month of `posting_date`, by HRMS's own mapping (make_salary_slip)."""
	from hrms.payroll.doctype.salary_structure.salary_structure import make_salary_slip

	frappe.db.set_single_value("Payroll Settings", "email_salary_slip_to_employee", 0)
	slip = make_salary_slip(structure, employee=employee, posting_date=posting_date)
	slip.insert()
	return slip


def make_payroll_entry(department: str, day, employee: str):
	"""HRMS's monthly Payroll Entry (a draft) of `day`'s month for `department`, its employees filled by HRMS
	(those whose Salary Structure Assignment pays through `employee`'s payroll payable account)."""
	payable = frappe.db.get_value(
		"Salary Structure Assignment", {"employee": employee, "docstatus": 1}, "payroll_payable_account"
	)
	entry = frappe.new_doc("Payroll Entry")
	entry.update(
		{
			"company": company(),
			"posting_date": day,
			"payroll_frequency": "Monthly",
			"start_date": get_first_day(day),
			"end_date": get_last_day(day),
			"department": department,
			"payroll_payable_account": payable,
			"currency": frappe.get_cached_value("Company", company(), "default_currency"),
			"exchange_rate": 1,
			"cost_center": frappe.get_cached_value("Company", company(), "cost_center"),
			"payment_account": frappe.db.get_value(
				"Account", {"company": company(), "account_type": "Cash", "is_group": 0}
			),
		}
	)
	entry.fill_employee_details()
	entry.insert()
	return entry


def remove_payroll_entry(name: str):
	"""Cancel and delete a Payroll Entry and the Salary Slips it made (HRMS deletes draft slips on cancel)."""
	for slip in frappe.get_all("Salary Slip", {"payroll_entry": name}, ["name", "docstatus"]):
		if slip.docstatus == 1:
			frappe.get_doc("Salary Slip", slip.name).cancel()
		frappe.delete_doc("Salary Slip", slip.name, force=True, ignore_permissions=True)
	entry = frappe.get_doc("Payroll Entry", name)
	if entry.docstatus == 1:
		entry.cancel()
	frappe.delete_doc("Payroll Entry", name, force=True, ignore_permissions=True)
