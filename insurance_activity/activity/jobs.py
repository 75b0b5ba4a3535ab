"""Scheduled jobs of the activity area. Each runs hourly and acts only at the hour set in settings."""

import frappe
from frappe import _
from frappe.utils import formatdate, getdate, now_datetime, today

from insurance_activity.activity.standards import holiday_list_of, holidays_between
from insurance_activity.notifications import notify
from insurance_activity.rules.agent_log_rules import is_working_day
from insurance_activity.setup.roles import INSURANCE_AGENT


def remind_missing_logs(force: bool = False, day=None):
	"""At the reminder hour: each agent with no log today is reminded; each supervisor gets their gaps.

	Idempotent: an agent or supervisor already notified for the day is not notified again.
	"""
	settings = frappe.get_single("Insurance Activity Settings")
	if not force and now_datetime().hour != settings.reminder_hour:
		return {"skipped": "not the reminder hour"}
	day = getdate(day or today())
	missing = agents_without_log(day)
	sent_agents = sum(
		notify(a.user_id, "Employee", a.name, reminder_subject(day, a.user_id), once=True) for a in missing
	)
	by_supervisor: dict[str, list] = {}
	for agent in missing:
		if agent.reports_to:
			by_supervisor.setdefault(agent.reports_to, []).append(agent)
	sent_supervisors = 0
	for supervisor, agents in by_supervisor.items():
		user = frappe.db.get_value("Employee", supervisor, "user_id")
		body = "<br>".join(frappe.utils.escape_html(a.employee_name) for a in agents)
		sent_supervisors += notify(user, "Employee", supervisor, gaps_subject(day, user), body, once=True)
	return {"missing": len(missing), "agents_notified": sent_agents, "supervisors_notified": sent_supervisors}


def language_of(user: str | None) -> str | None:
	"""The recipient's own desk language, so an agent working in Chinese is reminded in Chinese."""
	return (frappe.db.get_value("User", user, "language") if user else None) or frappe.local.lang


def reminder_subject(day, user: str | None) -> str:
	return _("No work log yet for {0}", lang=language_of(user)).format(formatdate(day))


def gaps_subject(day, user: str | None) -> str:
	return _("Team log gaps for {0}", lang=language_of(user)).format(formatdate(day))


def agents_without_log(day) -> list:
	"""Active agents (Employees whose user has the Insurance Agent role) with no log for a working day."""
	employees = frappe.db.sql(
		"""select e.name, e.employee_name, e.user_id, e.reports_to
		from `tabEmployee` e
		where e.status = 'Active' and ifnull(e.user_id, '') != ''
			and exists (select 1 from `tabHas Role` r where r.parent = e.user_id and r.role = %(role)s)
			and not exists (select 1 from `tabAgent Log` l
				where l.agent = e.name and l.log_date = %(day)s and l.docstatus < 2)
		order by e.name""",
		{"role": INSURANCE_AGENT, "day": day},
		as_dict=True,
	)
	return [e for e in employees if is_working_day(day, holidays_between(holiday_list_of(e.name), day, day))]
