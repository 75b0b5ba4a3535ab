# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Callback Verification Rates: of the visits phoned, how many were confirmed and how many failed (a visit
that did not happen, or misconduct), per agent, team or office and per day, business week or month.

Rates are shares of closed checks; an incident reversed on appeal counts as confirmed. Checks are read
with frappe.get_list, so the org hierarchy and the officers' assignments apply.
"""

import frappe
from frappe import _

from insurance_activity.meetings.schedule import calendar_config
from insurance_activity.org import departments_under, team_heads
from insurance_activity.report_filters import read_filters, validate_date_range, validate_group_by
from insurance_activity.rules.activity_analysis import GROUP_AGENT, GROUP_FIELDS, GROUP_OFFICE, team_of
from insurance_activity.rules.callback_outcomes import PERIODS, SOURCES, OutcomeCounts, rates_by

Filters = frappe._dict


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	validate_filters(filters)
	columns = get_columns(filters)
	checks = get_checks(filters)
	if not checks:
		return columns, [], None, None, None
	groups = rates_by(
		checks, GROUP_FIELDS[filters.group_by], filters.period or None, calendar_config().week_starts
	)
	labels = unit_labels(checks, filters.group_by)
	data = [
		{
			"unit": unit,
			"unit_name": labels.get(unit, unit) if unit else _("(No Team)"),
			"period": period,
			"checks": counts.checks,
			"open": counts.open,
			"closed": counts.closed,
			"confirmed": counts.confirmed,
			"unreachable": counts.unreachable,
			"visit_not_happened": counts.visit_not_happened,
			"misconduct": counts.misconduct,
			"complaint": counts.complaint,
			"overturned": counts.overturned,
			"verification_rate": counts.verification_rate,
			"failure_rate": counts.failure_rate,
			"unreachable_rate": counts.unreachable_rate,
		}
		for (unit, period), counts in groups.items()
	]
	return columns, data, None, None, get_report_summary(sum(groups.values(), OutcomeCounts()))


def validate_filters(filters: Filters) -> None:
	validate_date_range(filters)
	validate_group_by(filters, GROUP_FIELDS, GROUP_AGENT)
	if filters.period and filters.period not in PERIODS:
		frappe.throw(_("Period must be one of {0}.").format(", ".join(_(p) for p in PERIODS)))
	if filters.source and filters.source not in SOURCES:
		frappe.throw(_("Source must be one of {0}.").format(", ".join(_(s) for s in SOURCES)))


def get_checks(filters: Filters) -> list[dict]:
	"""Checks of the visits in the range that the user may see, counted in the database per agent, team,
	office, status and appeal (and day, when a period is asked): one row per group, its count in `checks`."""
	conditions = {"activity_date": ("between", [filters.from_date, filters.to_date])}
	if filters.office:
		conditions["office"] = ("in", departments_under(filters.office))
	if filters.source:
		conditions["source"] = filters.source
	keys = ["agent", "agent_name", "supervisor", "office", "status", "overturned_on_appeal"]
	if filters.period:
		keys.append("activity_date")
	checks = frappe.get_list(
		"Callback Check",
		filters=conditions,
		fields=[*keys, "count(name) as checks"],
		group_by=", ".join(keys),
		order_by="agent",
		limit_page_length=0,
	)
	# a supervisor's own visits count in their own team, with their reports (as the business counts a team)
	heads = team_heads({c.agent for c in checks})
	for check in checks:
		check.team = team_of(check.agent, check.supervisor, heads)
	return checks


def unit_labels(checks: list[dict], group_by: str) -> dict[str, str]:
	if group_by == GROUP_AGENT:
		return {c.agent: c.agent_name for c in checks}
	units = list({c.get(GROUP_FIELDS[group_by]) for c in checks} - {None, ""})
	if not units:
		return {}
	doctype, label = (
		("Department", "department_name") if group_by == GROUP_OFFICE else ("Employee", "employee_name")
	)
	return dict(
		frappe.get_all(doctype, filters={"name": ("in", units)}, fields=["name", label], as_list=True)
	)


def get_columns(filters: Filters) -> list[dict]:
	# Data, not Link: frappe drops report rows whose Employee links fall outside the user's HRMS Employee
	# User Permission; the hierarchy rule already chose the checks (the JS formatter links the unit).
	columns = [
		{"label": _(filters.group_by), "fieldname": "unit", "fieldtype": "Data", "width": 140},
		{"label": _("Name"), "fieldname": "unit_name", "fieldtype": "Data", "width": 140},
	]
	if filters.period:
		columns.append({"label": _("Period From"), "fieldname": "period", "fieldtype": "Date", "width": 110})
	counts = (
		("checks", _("Checks")),
		("open", _("Open")),
		("closed", _("Closed")),
		("confirmed", _("Confirmed")),
		("unreachable", _("Unreachable")),
		("visit_not_happened", _("Visit Not Happened")),
		("misconduct", _("Misconduct")),
		("complaint", _("Complaints")),
		("overturned", _("Reversed on Appeal")),
	)
	columns += [
		{"label": label, "fieldname": name, "fieldtype": "Int", "width": 100} for name, label in counts
	]
	rates = (
		("verification_rate", _("Verification Rate")),
		("failure_rate", _("Failure Rate")),
		("unreachable_rate", _("Unreachable Rate")),
	)
	columns += [
		{"label": label, "fieldname": name, "fieldtype": "Percent", "width": 120} for name, label in rates
	]
	return columns


def get_report_summary(total: OutcomeCounts) -> list[dict]:
	"""The cards above the table: the rates of all checks shown, from the core's counts (rules/callback_outcomes)."""
	return [
		{"value": total.checks, "label": _("Checks"), "datatype": "Int", "indicator": "Blue"},
		{"value": total.open, "label": _("Open"), "datatype": "Int", "indicator": "Orange"},
		rate(total.verification_rate, _("Verification Rate"), "Green"),
		rate(total.failure_rate, _("Failure Rate"), "Red" if total.failed else "Green"),
	]


def rate(value: float | None, label: str, indicator: str) -> dict:
	"""A share of the closed checks (percent); with no closed check there is nothing to measure (not 0%)."""
	if value is None:
		return {"value": _("Nothing to measure"), "label": label, "datatype": "Data", "indicator": "Grey"}
	return {"value": value, "label": label, "datatype": "Percent", "indicator": indicator}
