"""Scheduled jobs of the activity area: hourly ticks that act once a day at or after the hour in settings."""

import frappe
from frappe import _
from frappe.utils import cint, formatdate, getdate, today

from insurance_activity import org, working_days
from insurance_activity.daily_jobs import run_daily
from insurance_activity.notifications import Notice, notify_all
from insurance_activity.permissions.roles import INSURANCE_AGENT
from insurance_activity.settings import get_settings


def remind_missing_logs(force: bool = False, day=None):
	"""Hourly: once a day, at or after the reminder hour, remind each agent with no log for the day, and
	give each supervisor their team's gaps (daily_jobs.run_daily). A missed day is caught up while its log
	may still be filled (the agent's edit window). force or day: remind for `day` (default today) now.
	"""
	if force or day:
		return send_missing_log_reminders(getdate(day or today()))
	settings = get_settings()
	return run_daily(
		"activity.remind_missing_logs",
		settings.reminder_hour,
		send_missing_log_reminders,
		catch_up_days=min(cint(settings.job_catch_up_days), cint(settings.log_lock_days)),
	)


def send_missing_log_reminders(day) -> dict:
	"""Remind each agent with no log for a working `day`; each supervisor gets the list of their gaps.
	Returns {"missing": agents without a log, "agents_notified": n, "supervisors_notified": n}.

	Written in bulk (notifications.notify_all): a day when the whole branch is missing is 5,000 reminders.
	Idempotent: an agent or supervisor already notified for the day is not notified again.
	"""
	missing = agents_without_log(day)
	sent_agents = notify_all(
		(
			Notice(
				a.user_id, "Employee", a.name, lambda: _("No work log yet for {0}").format(formatdate(day))
			)
			for a in missing
		),
		once=True,
	)
	by_supervisor: dict[str, list] = {}
	for agent in missing:
		if agent.reports_to:
			by_supervisor.setdefault(agent.reports_to, []).append(agent)
	supervisor_users = org.users_of_employees(list(by_supervisor))
	sent_supervisors = notify_all(
		(
			Notice(
				supervisor_users.get(supervisor),
				"Employee",
				supervisor,
				lambda: _("Team log gaps for {0}").format(formatdate(day)),
				"<br>".join(frappe.utils.escape_html(a.employee_name) for a in agents),
			)
			for supervisor, agents in by_supervisor.items()
		),
		once=True,
	)
	return {"missing": len(missing), "agents_notified": sent_agents, "supervisors_notified": sent_supervisors}


def agents_without_log(day) -> list:
	"""Active agents (Employees whose user has the Insurance Agent role) with no log for a working day."""
	# nosemgrep: frappe-using-db-sql -- EXISTS and NOT EXISTS subqueries over Has Role and Agent Log, values as parameters
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
	off = working_days.days_off_by_employee([e.name for e in employees], day, day)
	return [e for e in employees if off[e.name].is_working_day(getdate(day))]
