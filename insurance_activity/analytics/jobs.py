"""The analytics area's scheduled job: the Unit Evaluation (单位考评) published monthly.

domain.md, "Evaluation": results are published monthly, and poorly performing units and their heads are
reported. On the publication day of each month (Insurance Activity Settings), at or after the publication
hour (daily_jobs.run_daily: once a day, a day missed while the scheduler was down caught up), the previous
month's evaluation of every unit goes to the Activity Admins, and to the head of each office below the bar
their office's figures against the bar, each in their own language and by email when the settings say so
(notifications.notify). Re-run, it notifies nobody twice for a month.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import escape_html, getdate

from insurance_activity.analytics.report.monthly_activity_vs_results.monthly_activity_vs_results import (
	validate_filters,
)
from insurance_activity.analytics.report.unit_evaluation.unit_evaluation import (
	METRIC_LABELS,
	OFFICE,
	evaluate,
)
from insurance_activity.daily_jobs import run_daily
from insurance_activity.notifications import notify
from insurance_activity.org import user_of_employee
from insurance_activity.permissions.roles import ACTIVITY_ADMIN
from insurance_activity.rules.analytics import PERCENT_METRICS, UNIT_METRICS, month_to_publish
from insurance_activity.settings import get_settings

JOB = "analytics.publish_unit_evaluation"
REPORT = "Unit Evaluation"
NOTHING_TO_MEASURE = "—"


def publish_unit_evaluation(day=None) -> dict:
	"""Hourly: once a day at or after the Unit Evaluation Publication Hour (daily_jobs.run_daily); on the
	publication day, the previous month's Unit Evaluation (publish_month). day: act now, as on `day`."""
	if day:
		return publish_on(getdate(day))
	return run_daily(JOB, get_settings().unit_evaluation_hour, publish_on)


def publish_on(day) -> dict:
	"""On the settings' publication day of a month (rules.analytics.month_to_publish), publish the month
	before; any other day does nothing."""
	month = month_to_publish(getdate(day), get_settings().unit_evaluation_day)
	if month is None:
		return {"skipped": "not the publication day"}
	return publish_month(*month)


def publish_month(year: int, month: int) -> dict:
	"""Send the month's Unit Evaluation over every unit: the whole ranking to each Activity Admin, and to the
	head (the Department's Unit Manager) of each office below the bar their office's figures against the
	bar, with its ranks. Once per person and month (notify's `once`); a head who is also an Activity Admin
	gets the whole evaluation only. Returns the counts: offices, below, heads_notified, admins_notified."""
	period = f"{year}-{month:02d}"
	data, reference = evaluate_every_unit(year, month)
	if not data:
		return {"month": period, "skipped": "no agent"}
	offices = [row for row in data if row["level_key"] == OFFICE]
	below = [row for row in offices if row["below_metrics"]]
	link = f"/app/query-report/{REPORT}?month_of={date(year, month, 1)}"
	admins = activity_admins()
	sent_admins = sum(
		notify(
			user,
			"Report",
			REPORT,
			lambda: _("Unit Evaluation of {0}").format(period),
			lambda: evaluation_body(period, offices, reference),
			once=True,
			link=link,
		)
		for user in admins
	)
	sent_heads = sum(
		notify(
			user,
			"Report",
			REPORT,
			lambda: _("Unit Evaluation of {0}: your unit is below the bar").format(period),
			lambda rows=rows: head_body(period, rows, reference, len(offices)),
			once=True,
			link=link,
		)
		for user, rows in heads_of(below).items()
		if user not in admins
	)
	return {
		"month": period,
		"offices": len(offices),
		"below": len(below),
		"heads_notified": sent_heads,
		"admins_notified": sent_admins,
	}


def evaluate_every_unit(year: int, month: int) -> tuple[list[dict], dict]:
	"""The Unit Evaluation's rows and bar for the month over every unit, as an admin sees it (the job runs as
	Administrator; a call from another session is evaluated as Administrator too, then switched back)."""
	filters = frappe._dict(month_of=date(year, month, 1))
	validate_filters(filters)
	user = frappe.session.user
	if user == "Administrator":
		return evaluate(filters)
	frappe.set_user("Administrator")
	try:
		return evaluate(filters)
	finally:
		frappe.set_user(user)


def activity_admins() -> list[str]:
	"""Enabled users with the Activity Admin role (企划), who receive the whole evaluation."""
	users = frappe.get_all(
		"Has Role",
		filters={"role": ACTIVITY_ADMIN, "parenttype": "User"},
		pluck="parent",
		distinct=True,
	)
	enabled = frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="name")
	return sorted(set(enabled) - {"Guest"})


def heads_of(offices: list[dict]) -> dict[str, list[dict]]:
	"""The users heading `offices` (rows of the evaluation), each with the rows of the offices they head;
	an office without a head (or whose head has no login) is named to the admins only."""
	managers = dict(
		frappe.get_all(
			"Department",
			filters={"name": ("in", [row["unit"] for row in offices] or [""])},
			fields=["name", "ia_unit_manager"],
			as_list=True,
		)
	)
	heads: dict[str, list[dict]] = {}
	for row in offices:
		user = user_of_employee(managers[row["unit"]]) if managers.get(row["unit"]) else None
		if user:
			heads.setdefault(user, []).append(row)
	return heads


# ---------------------------------------------------------------- the messages (composed in the reader's language)
def figure(row: dict, metric: str) -> str:
	value = row.get(metric)
	if value is None:
		return NOTHING_TO_MEASURE
	return f"{value}%" if metric in PERCENT_METRICS else str(value)


def below_labels(row: dict) -> str:
	return ", ".join(_(METRIC_LABELS[metric]) for metric in row["below_metrics"])


def table(header: list[str], rows: list[list[str]]) -> str:
	"""A plain bordered HTML table (cells already escaped)."""
	cell = 'style="border: 1px solid #d1d8dd; padding: 4px 8px"'
	head = "".join(f"<th {cell}>{text}</th>" for text in header)
	body = "".join("<tr>" + "".join(f"<td {cell}>{text}</td>" for text in row) + "</tr>" for row in rows)
	return f'<table style="border-collapse: collapse"><tr>{head}</tr>{body}</table>'


def evaluation_body(period: str, offices: list[dict], reference: dict) -> str:
	"""The whole month for the admins: every office with its figures and ranks, the bar, those below it."""
	header = [_("Office", context="Department"), _("Unit Head"), _("Headcount")]
	header += [_(METRIC_LABELS[metric]) for metric in UNIT_METRICS] + [_("Below the Bar On")]
	rows = [
		[
			escape_html(row["unit_name"]),
			escape_html(row["head_name"] or _("no head set")),
			str(row["headcount"]),
			*(
				_("{0} (rank {1})").format(figure(row, metric), row[f"{metric}_rank"] or NOTHING_TO_MEASURE)
				for metric in UNIT_METRICS
			),
			below_labels(row),
		]
		for row in offices
	]
	rows.append(
		[_("The bar (every unit together)"), "", str(reference["headcount"])]
		+ [figure(reference, metric) for metric in UNIT_METRICS]
		+ [""]
	)
	below = [row for row in offices if row["below_metrics"]]
	lines = [
		_("{0} (head: {1}) is below on {2}").format(
			escape_html(row["unit_name"]),
			escape_html(row["head_name"] or _("no head set")),
			below_labels(row),
		)
		for row in below
	] or [_("No office is below the bar.")]
	intro = _("The Unit Evaluation of {0}: offices ranked on each measure (1 = best).").format(period)
	return f"<p>{intro}</p>" + table(header, rows) + "<p>" + "<br>".join(lines) + "</p>"


def head_body(period: str, rows: list[dict], reference: dict, offices: int) -> str:
	"""A head's offices below the bar: each measure, the office's figure, the bar and the office's rank."""
	parts = []
	for row in rows:
		intro = _("In the Unit Evaluation of {0}, {1} is below the bar on {2}.").format(
			period, escape_html(row["unit_name"]), below_labels(row)
		)
		lines = [
			[
				_(METRIC_LABELS[metric]),
				figure(row, metric),
				figure(reference, metric),
				_("{0} of {1}").format(row[f"{metric}_rank"] or NOTHING_TO_MEASURE, offices),
			]
			for metric in UNIT_METRICS
		]
		header = [_("Measure"), escape_html(row["unit_name"]), _("The Bar"), _("Rank")]
		parts.append(f"<p>{intro}</p>" + table(header, lines))
	return "".join(parts)
