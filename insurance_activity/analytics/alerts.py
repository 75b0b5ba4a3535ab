"""The analytics area's weekly job: data-driven unit alerts (单位预警).

domain.md, "The direction beyond today": an office whose CT rate stays below the average is flagged with
likely causes (many new agents, few accompanied visits, weak customers) and suggested actions. On the
settings' alert weekday, at or after its hour (daily_jobs.run_daily), the last N complete months (the
settings' Months in a Row) are judged: the database adds up each office's month (GROUP BY office and
month), pandas finds the streaks and the causes over those rows (rules.unit_alerts), and each office below
the average of its branch's offices in every one of those months gets one Unit Alert per measure and month,
with the Alert Playbook's actions for its flagged causes. The office's head and their manager (the branch's
head, else the head's own manager) are notified once. Re-run, the same alerts are found and left as they
are, and nobody is notified twice; an open alert of an earlier month, or one no longer raised, is closed.
"""

import hashlib
import json
from datetime import date

from pypika.terms import Case

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Extract, Sum
from frappe.utils import escape_html, get_last_day, getdate, now_datetime

from insurance_activity.analytics.doctype.unit_alert.unit_alert import alert_name
from insurance_activity.analytics.jobs import table
from insurance_activity.customers.quadrants import office_mix_on
from insurance_activity.daily_jobs import run_daily
from insurance_activity.meetings.schedule import calendar_config
from insurance_activity.notifications import notify
from insurance_activity.org import unit_by_department, unit_manager, user_of_employee
from insurance_activity.production.targets import accompanied_visit
from insurance_activity.rules.callback_outcomes import INVALIDATING_OUTCOMES, OUTCOMES
from insurance_activity.rules.unit_alerts import (
	CAUSES,
	below_average_streaks,
	likely_causes,
	month_to_alert,
	months_back,
	period_key,
)
from insurance_activity.settings import get_settings

JOB = "analytics.raise_unit_alerts"
ALERT = "Unit Alert"
PLAYBOOK = "Alert Playbook"
OPEN, CLOSED = "Open", "Closed"
BRANCH = "Branch"
CAUSE_UNITS = {  # how each cause's figure reads
	"New Agents": "%",
	"Accompanied Visits": "",
	"Weak Customers": "%",
	"Verification Failures": "%",
}


def raise_unit_alerts(day=None) -> dict:
	"""Hourly: once a day at or after the Unit Alert Hour (daily_jobs.run_daily); on the settings' alert
	weekday, the alerts of the last complete month (alerts_on). day: act now, as on `day`."""
	if day:
		return alerts_on(getdate(day))
	return run_daily(JOB, get_settings().unit_alert_hour, alerts_on)


def alerts_on(day) -> dict:
	"""On the settings' alert weekday, judge the streak ending with the last complete month; any other day
	does nothing."""
	month = month_to_alert(getdate(day), get_settings().unit_alert_weekday)
	if month is None:
		return {"skipped": "not the alert weekday"}
	return raise_alerts(*month)


def raise_alerts(year: int, month: int) -> dict:
	"""The Unit Alerts of the streak of the settings' N months ending with (year, month): stored (one per
	office, measure and month; unchanged ones left alone), their heads and managers notified once, the open
	alerts up to that month that are not raised again closed. Returns the counts: raised, stored, notified,
	closed."""
	settings = get_settings()
	months = months_back(year, month, max(int(settings.unit_alert_months or 0), 1))
	periods = [period_key(*m) for m in months]
	branches = unit_by_department(BRANCH)
	measures = measure_rows(months, branches)
	causes = cause_rows(months, branches)
	actions = playbook_actions()
	raised, stored, notified = [], 0, 0
	for streak in below_average_streaks(measures, periods):
		streak["causes"] = likely_causes(causes, streak["unit"], streak["group"], periods)
		doc, changed = store_alert(year, month, streak, actions)
		raised.append(doc.name)
		stored += changed
		notified += notify_once(doc)
	closed = close_alerts_not_raised(date(year, month, 1), raised)
	return {
		"month": periods[-1],
		"raised": len(raised),
		"stored": stored,
		"notified": notified,
		"closed": closed,
	}


# ---------------------------------------------------------------- the database adds up each office's month
def measure_rows(months: list[tuple[int, int]], branches: dict) -> list[dict]:
	"""One row per office and month: {"unit", "group" (its branch, "" when none), "period", ct_value,
	premium_attainment (regular premium against the office targets' month, percent; None without a
	target), has_sale_rate}, from Office Monthly Performance (already one row per office and month) and
	the Office-level Production Targets' months added up per office and month."""
	first, last = date(*months[0], 1), date(*months[-1], 1)
	office = DocType("Office Monthly Performance")
	rows = (
		frappe.qb.from_(office)
		.select(
			office.office.as_("unit"),
			office.year,
			office.month,
			office.ct_value,
			office.has_sale_rate,
			office.regular_premium,
		)
		.where(office.period[first:last])
	).run(as_dict=True)
	target, target_month = DocType("Production Target"), DocType("Production Target Month")
	targets = {
		(row.unit, getdate(row.month_start)): row.target
		for row in (
			frappe.qb.from_(target_month)
			.join(target)
			.on(target_month.parent == target.name)
			.select(target.unit, target_month.month_start, Sum(target_month.regular_premium).as_("target"))
			.where(
				(target_month.parenttype == "Production Target")
				& (target.target_level == "Office")
				& (target.docstatus < 2)
				& target_month.month_start[first:last]
			)
			.groupby(target.unit, target_month.month_start)
		).run(as_dict=True)
	}
	found = []
	for row in rows:
		goal = targets.get((row.unit, date(row.year, row.month, 1)))
		found.append(
			{
				"unit": row.unit,
				"group": branches.get(row.unit) or "",
				"period": period_key(row.year, row.month),
				"ct_value": row.ct_value,
				"premium_attainment": 100.0 * float(row.regular_premium or 0) / float(goal) if goal else None,
				"has_sale_rate": row.has_sale_rate,
			}
		)
	return found


def cause_rows(months: list[tuple[int, int]], branches: dict) -> list[dict]:
	"""One row per office and month with the counts of the likely causes (rules.unit_alerts.CAUSES): the
	month's agents and new agents and distinct supervisors (Agent Monthly Performance), the supervisors'
	accompanied visits (Agent Logs whose coaching is an Accompanied Visit, not cancelled), the closed
	callback checks of the month's visits and the failed ones (visit not happened or misconduct, not
	overturned on appeal), and the office's customers as placed at each month's end with those in the
	Standard Service quadrant (customers.quadrants.office_mix_on, from the quadrants' moves). Each count is
	one GROUP BY in the database."""
	first, last_month = date(*months[0], 1), date(*months[-1], 1)
	last = getdate(get_last_day(last_month))
	weeks = calendar_config().weeks_per_month
	rows: dict[tuple[str, str], dict] = {}

	def row(unit, year, month) -> dict:
		key = (unit, period_key(int(year), int(month)))
		return rows.setdefault(key, {"unit": unit, "group": branches.get(unit) or "", "period": key[1]})

	agent = DocType("Agent Monthly Performance")
	for r in (
		frappe.qb.from_(agent)
		.select(
			agent.office,
			agent.year,
			agent.month,
			Count("*").as_("agents"),
			Sum(agent.is_new_agent).as_("new_agents"),
			Count(agent.supervisor).distinct().as_("supervisors"),
		)
		.where(agent.period[first:last_month] & agent.office.isnotnull())
		.groupby(agent.office, agent.year, agent.month)
	).run(as_dict=True):
		row(r.office, r.year, r.month).update(
			agents=int(r.agents or 0),
			new_agents=int(r.new_agents or 0),
			supervisor_weeks=int(r.supervisors or 0) * weeks,
		)

	log = DocType("Agent Log")
	year, month = Extract("year", log.log_date), Extract("month", log.log_date)
	for r in (
		frappe.qb.from_(log)
		.select(log.office, year.as_("year"), month.as_("month"), Count("*").as_("visits"))
		.where(log.log_date[first:last] & accompanied_visit(log) & log.office.isnotnull())
		.groupby(log.office, year, month)
	).run(as_dict=True):
		row(r.office, r.year, r.month)["accompanied_visits"] = int(r.visits or 0)

	check = DocType("Callback Check")
	year, month = Extract("year", check.activity_date), Extract("month", check.activity_date)
	failed = Case().when(
		check.status.isin(list(INVALIDATING_OUTCOMES)) & (check.overturned_on_appeal == 0), 1
	)
	for r in (
		frappe.qb.from_(check)
		.select(
			check.office,
			year.as_("year"),
			month.as_("month"),
			Count("*").as_("closed"),
			Sum(failed.else_(0)).as_("failed"),
		)
		.where(check.activity_date[first:last] & check.status.isin(list(OUTCOMES)) & check.office.isnotnull())
		.groupby(check.office, year, month)
	).run(as_dict=True):
		row(r.office, r.year, r.month).update(
			closed_checks=int(r.closed or 0), failed_checks=int(r.failed or 0)
		)

	for y, m in months:
		for r in office_mix_on(getdate(get_last_day(date(y, m, 1)))):
			row(r.office, y, m).update(customers=int(r.customers or 0), weak_customers=int(r.weak or 0))
	return list(rows.values())


# ---------------------------------------------------------------- the alerts
def playbook_actions() -> dict[str, list[str]]:
	"""Cause -> the Alert Playbook's suggested actions, in the playbook's order."""
	playbook = frappe.get_single(PLAYBOOK)
	return {cause: playbook.actions_for(cause) for cause in CAUSES}


def store_alert(year: int, month: int, streak: dict, actions: dict) -> tuple:
	"""The streak's Unit Alert, inserted or updated; left as it is when its figures have not changed
	(a re-run changes nothing). Returns (the document, 1 when written else 0)."""
	head = unit_manager(streak["unit"])
	values = {
		"unit": streak["unit"],
		"branch": streak["group"] or None,
		"measure": streak["measure"],
		"period": period_key(year, month),
		"period_start": str(date(year, month, 1)),
		"streak_months": len(streak["periods"]),
		"unit_head": head,
		"head_manager": manager_of(head, streak["group"]),
		"periods": streak["periods"],
		"causes": [
			{
				**cause,
				"flagged": int(cause["flagged"]),
				"suggested_action": "\n".join(_(a) for a in actions.get(cause["cause"], []))
				if cause["flagged"]
				else "",
			}
			for cause in streak["causes"]
		],
	}
	values["suggested_actions"] = "\n".join(
		row["suggested_action"] for row in values["causes"] if row["suggested_action"]
	)
	fingerprint = hashlib.sha1(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()
	name = alert_name(values["unit"], values["measure"], values["period"])
	if frappe.db.exists(ALERT, name):
		doc = frappe.get_doc(ALERT, name)
		if doc.fingerprint == fingerprint and doc.status == OPEN:
			return doc, 0
		doc.set("periods", [])
		doc.set("causes", [])
		doc.update(values)
	else:
		doc = frappe.get_doc({"doctype": ALERT, **values})
	doc.update({"status": OPEN, "fingerprint": fingerprint, "computed_at": now_datetime()})
	doc.flags.computed = True
	doc.flags.ignore_permissions = True
	doc.save()
	return doc, 1


def manager_of(head: str | None, branch: str | None) -> str | None:
	"""The office head's manager: the head of the office's branch, else the head's own manager
	(reports_to); None when there is neither (or they are the head)."""
	manager = unit_manager(branch) if branch else None
	if not manager or manager == head:
		manager = frappe.db.get_value("Employee", head, "reports_to") if head else None
	return manager if manager != head else None


def notify_once(doc) -> int:
	"""Notify the alert's head and their manager once: nothing when the alert was notified already (a
	re-run, or the next week while the figures stand). Returns how many were notified."""
	if doc.notified_on:
		return 0
	users = []
	for employee in (doc.unit_head, doc.head_manager):
		user = user_of_employee(employee) if employee else None
		if user and user not in users:
			users.append(user)
	sent = sum(
		notify(
			user,
			ALERT,
			doc.name,
			lambda: alert_subject(doc),
			lambda: alert_body(doc),
			once=True,
		)
		for user in users
	)
	doc.db_set("notified_on", now_datetime(), update_modified=False)
	return sent


def close_alerts_not_raised(up_to: date, raised: list[str]) -> int:
	"""Close the open alerts of months up to `up_to` that this run did not raise (the streak is over, or
	a later month's alert stands for it). Returns how many were closed."""
	stale = frappe.get_all(
		ALERT,
		filters={"status": OPEN, "period_start": ("<=", up_to), "name": ("not in", raised or [""])},
		pluck="name",
	)
	for name in stale:
		frappe.db.set_value(ALERT, name, "status", CLOSED)
	return len(stale)


# ---------------------------------------------------------------- the message (in the reader's language)
def alert_subject(doc) -> str:
	return _("Unit alert: {0} below the average on {1} for {2} months in a row").format(
		doc.unit_name or doc.unit, _(doc.measure), doc.streak_months
	)


def figure_text(value, unit: str = "") -> str:
	return "—" if value is None else f"{value:g}{unit}"


def alert_body(doc) -> str:
	"""The months against the average, each likely cause against the branch, and the suggested actions."""
	months = table(
		[_("Month"), escape_html(doc.unit_name or doc.unit), _("Average of Comparable Offices")],
		[[row.period, figure_text(row.value), figure_text(row.average)] for row in doc.periods],
	)
	causes = table(
		[_("Cause"), escape_html(doc.unit_name or doc.unit), _("Branch Average"), _("Worse Than the Branch")],
		[
			[
				_(row.cause),
				figure_text(row.unit_figure, CAUSE_UNITS[row.cause]),
				figure_text(row.branch_figure, CAUSE_UNITS[row.cause]),
				_("Yes") if row.flagged else _("No"),
			]
			for row in doc.causes
		],
	)
	actions = [
		_(action)
		for row in doc.causes
		if row.flagged
		for action in frappe.get_single(PLAYBOOK).actions_for(row.cause)
	]
	intro = _(
		"{0} has been below the average of the offices of its branch on {1} for {2} months in a row."
	).format(escape_html(doc.unit_name or doc.unit), _(doc.measure), doc.streak_months)
	suggested = "<br>".join(escape_html(a) for a in actions) or _("No cause stands out in the data.")
	return (
		f"<p>{intro}</p>{months}<p>{_('Likely causes')}</p>{causes}"
		f"<p>{_('Suggested actions')}</p><p>{suggested}</p>"
	)
