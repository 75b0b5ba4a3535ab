# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

"""Weekly Process Mix (周看流程): by week, look at the process. Per agent, the activities of one business
week (经营周: 1-7, 8-14, 15-21, 22 to the month's end, from the settings' calendar) on each step of the
sales cycle (the step of each row's Activity Kind), against the recommended mix in Insurance Activity
Settings; a week of one kind of activity only is flagged. The comparison is rules.analytics.process_mix.

The counts are added up in the database (one GROUP BY agent and step). Rows that a callback found invalid
and cancelled logs never count. The hierarchy applies as in Daily Activity: an agent sees their own row, a
supervisor their team, an office manager their office, an admin everything.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from insurance_activity.activity.report.daily_activity.daily_activity import get_employees
from insurance_activity.analytics.activities import ACTIVITIES, LOG, ROW, activity_rows
from insurance_activity.meetings.schedule import calendar_config
from insurance_activity.org import office_by_department
from insurance_activity.report_filters import read_filters
from insurance_activity.rules.analytics import (
	MIX_SETTING,
	SALES_CYCLE_STEPS,
	add_counts,
	process_mix,
	recommended_mix,
	step_field,
)
from insurance_activity.rules.business_calendar import business_week, business_week_range
from insurance_activity.settings import get_settings

Filters = frappe._dict


def execute(filters: Filters | None = None) -> tuple:
	filters = read_filters(filters)
	validate_filters(filters)
	mix = settings_mix()
	counts = get_step_counts(filters)
	employees = get_employees(filters, set(counts))
	columns = get_columns()
	week = _("Business week {0}: {1} to {2}").format(
		filters.week, frappe.format(filters.from_date, "Date"), frappe.format(filters.to_date, "Date")
	)
	if not employees:
		frappe.msgprint(_("No agents or Agent Logs found for these filters."), alert=True, indicator="orange")
		return columns, [], week, None, None

	offices = office_by_department()
	data = []
	for agent, employee in sorted(employees.items(), key=lambda item: (item[1].employee_name, item[0])):
		agent_counts = counts.get(agent, {})
		row = {
			"agent": agent,
			"agent_name": employee.employee_name,
			"office": offices.get(employee.department) or "",
			**{step_field(step): agent_counts.get(step, 0) for step in SALES_CYCLE_STEPS},
			**process_mix(agent_counts, mix),
		}
		row["most_short_step"] = (
			_(row["most_short_step"], context="Activity Kind") if row["most_short_step"] else ""
		)
		data.append(row)
	selection = process_mix(add_counts(counts.get(agent, {}) for agent in employees), mix)
	message = "\n".join([week, definitions()])
	return columns, data, message, get_chart_data(selection, mix), get_report_summary(data, selection)


def definitions() -> str:
	"""What the figures mean, shown above the table."""
	return _(
		"Each activity counts on the sales-cycle step of its Activity Kind; activities a callback found invalid and cancelled logs do not count. Distance from Mix = the share of the week's activities that would have to move to another step to match the recommended mix in Insurance Activity Settings (0% = on the mix). One Kind Only = every activity of the week on a single step. — means nothing to measure (no activity)."
	)


def validate_filters(filters: Filters) -> None:
	"""The business week (经营周) of the date `week_of` becomes the range: from_date, to_date and week."""
	if not filters.week_of:
		frappe.throw(_("Please set Week Of."))
	day = getdate(filters.week_of)
	config = calendar_config()
	filters.week = business_week(day, config)
	filters.from_date, filters.to_date = business_week_range(day.year, day.month, filters.week, config)


def settings_mix() -> dict[str, float] | None:
	"""The recommended mix from settings, as fractions of 1 (None: no share set, nothing to compare)."""
	settings = get_settings()
	return recommended_mix({step: settings.get(MIX_SETTING[step]) for step in SALES_CYCLE_STEPS})


def get_step_counts(filters: Filters) -> dict[str, dict[str, int]]:
	"""Activities per agent and sales-cycle step in the week, added up in the database: {agent: {step: n}}
	(every Activity Kind has a step: the field is mandatory), of analytics.activities.activity_rows. Only the agents the user's place in the organisation lets them see."""
	query = activity_rows(filters)
	if query is None:
		return {}
	kind = frappe.qb.DocType("Activity Kind")
	query = (
		query.join(kind)
		.on(ROW.activity_kind == kind.name)
		.select(LOG.agent, kind.sales_cycle_step.as_("step"), ACTIVITIES.as_("activities"))
		.groupby(LOG.agent, kind.sales_cycle_step)
	)
	counts: dict[str, dict[str, int]] = {}
	for result in query.run(as_dict=True):
		counts.setdefault(result.agent, {})[result.step] = int(result.activities or 0)
	return counts


def step_label(step: str) -> str:
	return _(step, context="Activity Kind")


def get_columns() -> list[dict]:
	# The agent is plain Data (the .js links it), as in Daily Activity: a Link column would be filtered by the
	# reader's Employee user permissions and drop rows the org hierarchy lets an office manager see.
	columns = [
		{"label": _("Agent"), "fieldname": "agent", "fieldtype": "Data", "width": 140},
		{"label": _("Name"), "fieldname": "agent_name", "fieldtype": "Data", "width": 140},
		{
			"label": _("Office", context="Department"),
			"fieldname": "office",
			"fieldtype": "Data",
			"width": 140,
		},
	]
	columns += [
		{"label": step_label(step), "fieldname": step_field(step), "fieldtype": "Int", "width": 100}
		for step in SALES_CYCLE_STEPS
	]
	columns += [
		{"label": _("Week's Activities"), "fieldname": "total", "fieldtype": "Int", "width": 100},
		{"label": _("Distance from Mix"), "fieldname": "mix_distance", "fieldtype": "Percent", "width": 130},
		{"label": _("Step Most Short"), "fieldname": "most_short_step", "fieldtype": "Data", "width": 130},
		{"label": _("One Kind Only"), "fieldname": "one_kind_only", "fieldtype": "Check", "width": 110},
	]
	columns += [
		{
			"label": _("{0} Share").format(step_label(step)),
			"fieldname": f"{step_field(step)}_share",
			"fieldtype": "Percent",
			"width": 110,
		}
		for step in SALES_CYCLE_STEPS
	]
	return columns


def get_chart_data(selection: dict, mix: dict[str, float] | None) -> dict:
	"""The selection's share of each step against the recommended share (percent, one base)."""
	datasets = [
		{
			"name": _("Actual Share"),
			"values": [selection[f"{step_field(step)}_share"] or 0 for step in SALES_CYCLE_STEPS],
		}
	]
	if mix:
		datasets.append(
			{
				"name": _("Recommended Share"),
				"values": [round(100 * mix[step], 1) for step in SALES_CYCLE_STEPS],
			}
		)
	return {
		"data": {"labels": [step_label(step) for step in SALES_CYCLE_STEPS], "datasets": datasets},
		"type": "bar",
		"colors": ["#5e64ff", "#d1d8dd"],
	}


def get_report_summary(data: list[dict], selection: dict) -> list[dict]:
	if selection["mix_distance"] is None:  # no activity (or no mix recommended): nothing to measure
		distance = {"value": _("Nothing to measure"), "datatype": "Data", "indicator": "Grey"}
	else:
		distance = {"value": selection["mix_distance"], "datatype": "Percent", "indicator": "Blue"}
	one_kind = sum(row["one_kind_only"] for row in data)
	return [
		{"value": len(data), "label": _("Agents"), "datatype": "Int", "indicator": "Blue"},
		{
			"value": selection["total"],
			"label": _("Week's Activities"),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{**distance, "label": _("Distance from Mix")},
		{
			"value": one_kind,
			"label": _("Agents of One Kind Only"),
			"datatype": "Int",
			"indicator": "Orange" if one_kind else "Green",
		},
	]
