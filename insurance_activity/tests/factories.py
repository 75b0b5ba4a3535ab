"""Real ERPNext/HRMS records for integration tests: a branch with two offices, supervisors and agents."""

from contextlib import contextmanager
from types import SimpleNamespace

import frappe
from frappe.utils import add_days, getdate, today

from insurance_activity.permissions.roles import (
	ACTIVITY_ADMIN,
	CALLBACK_OFFICER,
	INSURANCE_AGENT,
	INSURANCE_SUPERVISOR,
	OFFICE_MANAGER,
)
from insurance_activity.settings import SETTINGS
from insurance_activity.working_days import days_off


@contextmanager
def as_user(user: str):
	"""Act as `user` inside the block; Administrator again after it, also after a failure."""
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def set_settings(**values):
	"""Change Insurance Activity Settings inside a test's transaction, rolled back with the test class.

	Frappe clears the cached settings document when a field is set and again on rollback, so the app's
	`get_settings()` sees the change at once and no later test sees it."""
	for fieldname, value in values.items():
		frappe.db.set_single_value(SETTINGS, fieldname, value)


def open_edit_window(days: int = 60):
	"""Tests run on any calendar day: widen the agent's edit window (log_lock_days)."""
	set_settings(log_lock_days=days)


def make_outgoing_email_account() -> None:
	"""A default outgoing Email Account (never used to send: the tests read the Email Queue), so that
	frappe.sendmail queues email."""
	if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": "Branch Outgoing",
				"email_id": "branch@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "smtp.example.com",
				"smtp_port": 587,
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)


def company() -> str:
	return frappe.db.get_value("Company", {}, "name")


def make_user(email: str, first_name: str, roles: list[str]) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"send_welcome_email": 0,
				"enabled": 1,
			}
		)
		user.flags.ignore_permissions = True
		user.insert()
		user.add_roles(*roles)
	return email


def make_department(name: str, level: str | None, parent: str | None = None) -> str:
	abbr = frappe.get_cached_value("Company", company(), "abbr")
	full = f"{name} - {abbr}"
	if not frappe.db.exists("Department", full):
		frappe.get_doc(
			{
				"doctype": "Department",
				"department_name": name,
				"company": company(),
				"parent_department": parent or "All Departments",
				"is_group": 1 if level == "Branch" else 0,
				"ia_unit_level": level,
			}
		).insert(ignore_permissions=True)
	return full


def make_employee(
	first_name: str, department: str, reports_to: str | None, user: str | None, tier="2"
) -> str:
	existing = frappe.db.get_value("Employee", {"first_name": first_name, "company": company()})
	if existing:
		return existing
	employee = frappe.get_doc(
		{
			"doctype": "Employee",
			"first_name": first_name,
			"gender": "Female",
			"date_of_birth": "1990-01-01",
			"date_of_joining": add_days(getdate(today()), -400),
			"company": company(),
			"department": department,
			"reports_to": reports_to,
			"user_id": user,
			"status": "Active",
			"ia_productivity_tier": tier,
		}
	)
	employee.insert(ignore_permissions=True)
	return employee.name


def make_org(prefix: str) -> SimpleNamespace:
	"""Branch > offices A and B; A's manager > supervisor A > agents A1, A2; B's supervisor > agent B1.

	Every person has a user with the matching roles; committed so that REST requests see them.
	"""
	p = prefix.lower()
	branch = make_department(f"{prefix} Branch", "Branch")
	office_a = make_department(f"{prefix} Office A", "Office", branch)
	office_b = make_department(f"{prefix} Office B", "Office", branch)
	agent_roles = [INSURANCE_AGENT]
	sup_roles = [INSURANCE_AGENT, INSURANCE_SUPERVISOR]
	users = SimpleNamespace(
		manager_a=make_user(
			f"{p}.manager.a@example.com", f"{prefix} Manager A", [*sup_roles, OFFICE_MANAGER]
		),
		sup_a=make_user(f"{p}.sup.a@example.com", f"{prefix} Supervisor A", sup_roles),
		agent_a1=make_user(f"{p}.agent.a1@example.com", f"{prefix} Agent A1", agent_roles),
		agent_a2=make_user(f"{p}.agent.a2@example.com", f"{prefix} Agent A2", agent_roles),
		sup_b=make_user(f"{p}.sup.b@example.com", f"{prefix} Supervisor B", sup_roles),
		agent_b1=make_user(f"{p}.agent.b1@example.com", f"{prefix} Agent B1", agent_roles),
		admin=make_user(f"{p}.admin@example.com", f"{prefix} Admin", [ACTIVITY_ADMIN]),
		officer=make_user(f"{p}.officer@example.com", f"{prefix} Officer", [CALLBACK_OFFICER]),
	)
	manager_a = make_employee(f"{prefix} Manager A", office_a, None, users.manager_a, tier="5")
	sup_a = make_employee(f"{prefix} Supervisor A", office_a, manager_a, users.sup_a, tier="3")
	agent_a1 = make_employee(f"{prefix} Agent A1", office_a, sup_a, users.agent_a1)
	agent_a2 = make_employee(f"{prefix} Agent A2", office_a, sup_a, users.agent_a2)
	sup_b = make_employee(f"{prefix} Supervisor B", office_b, None, users.sup_b, tier="3")
	agent_b1 = make_employee(f"{prefix} Agent B1", office_b, sup_b, users.agent_b1)
	frappe.db.set_value("Department", office_a, "ia_unit_manager", manager_a)
	frappe.db.commit()
	return SimpleNamespace(
		branch=branch,
		office_a=office_a,
		office_b=office_b,
		users=users,
		manager_a=manager_a,
		sup_a=sup_a,
		agent_a1=agent_a1,
		agent_a2=agent_a2,
		sup_b=sup_b,
		agent_b1=agent_b1,
	)


def last_working_day(before=None, employee: str | None = None):
	"""The latest working day before `before` (default today) of the employee, else of the company's staff."""
	before = getdate(before or today())
	off = days_off(add_days(before, -31), add_days(before, -1), employee=employee, company=company())
	day = add_days(before, -1)
	while not off.is_working_day(getdate(day)):
		day = add_days(day, -1)
	return getdate(day)


def make_log(agent: str, log_date, activities: list[tuple], submit=False, ignore_edit_window=False, **fields):
	"""activities: (kind, count) or (kind, count, party_type, party, phone, party_name)."""
	rows = []
	for row in activities:
		kind, count, *rest = row
		party_type, party, phone, party_name = [*rest, None, None, None, None][:4]
		rows.append(
			{
				"activity_kind": kind,
				"activity_count": count,
				"party_type": party_type,
				"party": party,
				"phone": phone,
				"party_name": party_name,
			}
		)
	doc = frappe.get_doc(
		{"doctype": "Agent Log", "agent": agent, "log_date": log_date, "activities": rows, **fields}
	)
	doc.flags.ignore_edit_window = ignore_edit_window
	doc.insert()
	if submit:
		doc.submit()
	return doc
