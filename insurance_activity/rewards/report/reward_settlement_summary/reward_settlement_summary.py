# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Reward Settlement Summary (奖励结算汇总): the contests' rewards per contest, office or agent: paid through
payroll (Additional Salary), accrued (Journal Entry), blocked, and how much of what was paid is already on a
submitted Salary Slip. Read from the Agent Rewards the reader sees under the one permission rule (an agent:
their own; finance and admins: all); cancelled rewards are left out (rules/rewards.summary)."""

import frappe
from frappe import _

from insurance_activity.report_filters import read_filters, validate_group_by
from insurance_activity.rules.rewards import summary

GROUPS = ("Contest", "Office", "Agent")


def execute(filters=None) -> tuple:
	filters = read_filters(filters)
	validate_group_by(filters, GROUPS, "Contest")
	key = filters.group_by.lower()
	return get_columns(key), get_data(filters, key)


def get_columns(key: str) -> list[dict]:
	first = {
		"contest": {"label": _("Points Contest"), "fieldtype": "Data", "width": 200},
		"office": {"label": _("Office", context="Department"), "fieldtype": "Data", "width": 180},
		"agent": {"label": _("Agent"), "fieldtype": "Data", "width": 200},
	}[key]
	return [
		{"fieldname": key, **first},
		{"fieldname": "agents", "label": _("Agents"), "fieldtype": "Int", "width": 80},
		{"fieldname": "paid", "label": _("Paid through Payroll"), "fieldtype": "Currency", "width": 140},
		{
			"fieldname": "on_salary_slip",
			"label": _("On a Salary Slip"),
			"fieldtype": "Currency",
			"width": 130,
		},
		{"fieldname": "accrued", "label": _("Accrued"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "blocked", "label": _("Blocked"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "total", "label": _("Total Amount"), "fieldtype": "Currency", "width": 120},
	]


def get_data(filters: frappe._dict, key: str) -> list[dict]:
	conditions = {"status": ("!=", "Cancelled")}
	if filters.contest:
		conditions["contest"] = filters.contest
	if filters.office:
		conditions["office"] = filters.office
	rewards = frappe.get_list(
		"Agent Reward",
		filters=conditions,
		fields=["contest", "office", "agent", "employee_name", "status", "amount", "additional_salary"],
	)
	on_slip = salaries_on_submitted_slips([r.additional_salary for r in rewards if r.additional_salary])
	for reward in rewards:
		reward["on_salary_slip"] = reward.additional_salary in on_slip
		if key == "agent":
			reward["agent"] = f"{reward.employee_name or reward.agent} ({reward.agent})"
	return summary(rewards, key)


def salaries_on_submitted_slips(salaries: list[str]) -> set[str]:
	"""Which of these Additional Salaries a submitted Salary Slip has paid (its Salary Detail rows)."""
	if not salaries:
		return set()
	detail, slip = frappe.qb.DocType("Salary Detail"), frappe.qb.DocType("Salary Slip")
	return set(
		frappe.qb.from_(detail)
		.join(slip)
		.on(slip.name == detail.parent)
		.select(detail.additional_salary)
		.where(
			(detail.parenttype == "Salary Slip")
			& detail.additional_salary.isin(salaries)
			& (slip.docstatus == 1)
		)
		.run(pluck=True)
	)
