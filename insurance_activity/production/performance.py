"""Monthly production figures, computed never typed: the shell that reads Employees, policies and recruits,
calls the rules core, and writes Agent Monthly Performance and Office Monthly Performance.

Recomputing a month is idempotent: every figure is rebuilt from the records, rows whose figures did not
change are left as they are, and rows of agents no longer on the month's roster are removed.
"""

from datetime import date

import frappe
from frappe.utils import get_last_day, getdate, now_datetime

from insurance_activity.org import office_by_department
from insurance_activity.rules.production.performance import (
	AgentFact,
	CTConfig,
	PerformanceConfig,
	monthly_agent_performance,
	office_ct,
)
from insurance_activity.rules.production.policies import PolicyFact
from insurance_activity.settings import get_settings

AGENT_DOCTYPE = "Agent Monthly Performance"
OFFICE_DOCTYPE = "Office Monthly Performance"
# Insurance Activity Settings' CT basis (its labels) -> the rules core's basis
CT_BASES = {"U Rate": "u_rate", "U Headcount": "u_headcount", "Regular Premium": "regular_premium"}
AGENT_FIGURES = (
	"regular_premium",
	"total_premium",
	"fyc",
	"cases",
	"regular_cases",
	"has_sale",
	"reached_u",
	"months_since_joining",
	"is_new_agent",
	"recruits",
)
OFFICE_FIGURES = (
	"headcount",
	"u_headcount",
	"regular_premium",
	"cases",
	"has_sale_count",
	"cases_per_capita",
	"premium_per_capita",
	"ct_value",
	"ct_target",
	"ct_reached",
)


def performance_config(settings=None) -> PerformanceConfig:
	settings = settings or get_settings()
	return PerformanceConfig(
		u_fyc_threshold=settings.u_fyc_threshold or 0,
		u_min_regular_cases=settings.u_min_regular_cases or 0,
		new_agent_months=settings.new_agent_months or 0,
		count_cancelled_in_cooling_off=bool(settings.count_cooling_off_cancellations),
	)


def ct_config(settings=None) -> CTConfig:
	settings = settings or get_settings()
	return CTConfig(basis=CT_BASES[settings.ct_basis], threshold=settings.ct_threshold or 0)


def month_start(year: int, month: int) -> date:
	return date(year, month, 1)


def recompute_month(year: int, month: int) -> dict:
	"""Rebuild one month's agent and office figures from the records, with the settings of today."""
	settings = get_settings()
	cfg = performance_config(settings)
	agents = roster(year, month)
	rows = monthly_agent_performance(
		year, month, agents, policy_facts(year, month), recruits_by_agent(year, month), cfg
	)
	standard = {
		"u_fyc_threshold": cfg.u_fyc_threshold,
		"u_min_regular_cases": cfg.u_min_regular_cases,
		"new_agent_months": cfg.new_agent_months,
		"counts_cooling_off_cancellations": int(cfg.count_cancelled_in_cooling_off),
	}
	names = employee_details()
	agent_rows = {
		f"{row.agent}-{year}-{month:02d}": {
			"agent": row.agent,
			"agent_name": names.get(row.agent, (row.agent, None))[0],
			"office": row.office,
			"supervisor": row.supervisor,
			**{figure: _stored(getattr(row, figure)) for figure in AGENT_FIGURES},
			**standard,
		}
		for row in rows
	}
	write_month(AGENT_DOCTYPE, year, month, agent_rows)

	offices = office_ct(rows, None, ct_config(settings))
	office_rows = {
		f"{office.office}-{year}-{month:02d}": {
			"office": office.office,
			"ct_basis": settings.ct_basis,
			"has_sale_rate": round(office.has_sale_rate * 100, 2),
			**{figure: _stored(getattr(office, figure)) for figure in OFFICE_FIGURES},
		}
		for office in offices
	}
	write_month(OFFICE_DOCTYPE, year, month, office_rows)
	return {"agents": len(agent_rows), "offices": len(office_rows)}


def write_month(doctype: str, year: int, month: int, rows: dict[str, dict]):
	"""Upsert the month's rows by their stable names; drop the month's rows that are no longer computed."""
	period = month_start(year, month)
	fields = sorted({key for values in rows.values() for key in values})
	existing = {
		row.name: row
		for row in frappe.get_all(
			doctype, filters={"period": period}, fields=["name", *fields] if fields else ["name"]
		)
	}
	stamp = now_datetime()
	for name, values in rows.items():
		before = existing.get(name)
		if before is None:
			doc = frappe.get_doc(
				{"doctype": doctype, "period": period, "year": year, "month": month, "computed_at": stamp}
			)
			doc.update(values)
			doc.name = name
			doc.flags.computed = True
			doc.flags.ignore_permissions = True
			doc.insert(set_name=name)
		elif any(_differs(before.get(key), value) for key, value in values.items()):
			frappe.db.set_value(doctype, name, {**values, "computed_at": stamp})
	for name in set(existing) - set(rows):
		frappe.db.delete(doctype, {"name": name})


def roster(year: int, month: int) -> list[AgentFact]:
	"""The agents of the month: Employees in a sales office (营业室) who had joined by the month's end and
	were still with the company at its start."""
	start, end = month_start(year, month), getdate(get_last_day(date(year, month, 1)))
	offices = office_by_department()
	employees = frappe.get_all(
		"Employee",
		filters={"date_of_joining": ("<=", end)},
		or_filters={"status": "Active", "relieving_date": (">=", start)},
		fields=["name", "department", "reports_to", "date_of_joining"],
		order_by="name",
	)
	return [
		AgentFact(e.name, offices[e.department], e.reports_to, getdate(e.date_of_joining))
		for e in employees
		if offices.get(e.department)
	]


def policy_facts(year: int, month: int) -> list[PolicyFact]:
	start, end = month_start(year, month), getdate(get_last_day(date(year, month, 1)))
	rows = frappe.get_all(
		"Insurance Policy",
		filters={"issue_date": ("between", [start, end])},
		fields=["agent", "issue_date", "payment_mode", "annual_premium", "fyc", "status"],
		order_by="name",
	)
	return [
		PolicyFact(r.agent, getdate(r.issue_date), r.payment_mode, r.annual_premium, r.fyc, r.status)
		for r in rows
	]


def recruits_by_agent(year: int, month: int) -> dict[str, int]:
	"""Recruits (增员) of the month: Employees who joined in it through an HRMS Job Applicant referred by
	the agent (the applicant's referring Employee, or the referrer of its Employee Referral)."""
	start, end = month_start(year, month), getdate(get_last_day(date(year, month, 1)))
	# nosemgrep: frappe-using-db-sql -- a three-table join grouped on COALESCE, values as parameters
	rows = frappe.db.sql(
		"""select coalesce(er.referrer, ja.source_name) as recruiter, count(*) as recruits
		from `tabEmployee` e
		join `tabJob Applicant` ja on ja.name = e.job_applicant
		left join `tabEmployee Referral` er on er.name = ja.employee_referral
		where e.date_of_joining between %(start)s and %(end)s
			and coalesce(er.referrer, ja.source_name) is not null
		group by recruiter""",
		{"start": start, "end": end},
		as_dict=True,
	)
	return {row.recruiter: row.recruits for row in rows}


def employee_details() -> dict[str, tuple[str, str | None]]:
	"""Employee -> (name, sales office), for every Employee."""
	offices = office_by_department()
	return {
		e.name: (e.employee_name, offices.get(e.department))
		for e in frappe.get_all("Employee", fields=["name", "employee_name", "department"])
	}


def recompute_each_month(months: list[tuple[int, int]]) -> dict:
	"""Recompute the given (year, month) pairs without committing: {"YYYY-MM": recompute_month's counts}.
	The daily job commits once its tiers are re-evaluated too, so a failure leaves neither half-done."""
	return {f"{year}-{month:02d}": recompute_month(year, month) for year, month in months}


def _stored(value):
	return int(value) if isinstance(value, bool) else value


def _differs(stored, value) -> bool:
	if isinstance(value, int | float) and not isinstance(value, bool):
		return abs(float(stored or 0) - float(value)) > 1e-9
	return (stored or None) != (value or None)
