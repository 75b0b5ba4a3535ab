# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Activity Calendar (行事历): each office's month plan, one row per office and month of the period, with
its published campaigns per kind and a flag when the month lacks one of the three platform kinds
(rules/campaigns.missing_platforms: warming platform 升温平台, value-customer event 价值客户活动,
high-potential event 高潜客户活动). A campaign over several months stands in each; drafts are not yet in the
calendar. The offices are the reader's: all for admins, else the office they work in and those they
manage; the campaigns those the one permission rule lets them read."""

import frappe
from frappe import _
from frappe.utils import getdate

from insurance_activity.campaigns.results import visible_campaigns
from insurance_activity.org import all_offices, employee_of_user, managed_offices, office_of, offices_under
from insurance_activity.permissions.hierarchy import sees_all_units
from insurance_activity.report_filters import read_filters, validate_date_range
from insurance_activity.rules.campaigns import KINDS, missing_platforms, months_of


def execute(filters=None) -> tuple:
	filters = read_filters(filters)
	validate_date_range(filters)
	return get_columns(), get_data(filters)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "office",
			"label": _("Office", context="Department"),
			"fieldtype": "Data",
			"width": 170,
		},
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		*(
			{"fieldname": frappe.scrub(kind), "label": _(kind), "fieldtype": "Int", "width": 120}
			for kind in KINDS
		),
		{"fieldname": "campaigns", "label": _("Campaigns"), "fieldtype": "Data", "width": 260},
		{
			"fieldname": "missing_platforms",
			"label": _("Missing Platforms"),
			"fieldtype": "Data",
			"width": 220,
		},
		{
			"fieldname": "missing_platform",
			"label": _("Missing a Platform"),
			"fieldtype": "Check",
			"width": 120,
		},
	]


def get_data(filters: frappe._dict) -> list[dict]:
	plan = month_plan(filters)
	return [plan_row(office, month, campaigns) for (office, month), campaigns in plan.items()]


def month_plan(filters: frappe._dict) -> dict[tuple[str, tuple[int, int]], list]:
	"""{(office, (year, month)): the published campaigns the reader sees that list the office in that
	month}, for the reader's offices under filters.office and each month of filters.from_date..to_date,
	in office then month order (an office month without a campaign has an empty list)."""
	offices = offices_in_view(filters.office)
	months = months_of(getdate(filters.from_date), getdate(filters.to_date))
	plan = {(office, month): [] for office in offices for month in months}
	for campaign in visible_campaigns(frappe._dict(filters, kind=None)):
		start = max(getdate(campaign.from_date), getdate(filters.from_date))
		end = min(getdate(campaign.to_date), getdate(filters.to_date))
		for office in campaign.offices:
			for month in months_of(start, end):
				if (office, month) in plan:
					plan[(office, month)].append(campaign)
	return plan


def plan_row(office: str, month: tuple[int, int], campaigns: list) -> dict:
	kinds = [c.kind for c in campaigns]
	missing = missing_platforms(kinds)
	return {
		"office": office,
		"month": f"{month[0]}-{month[1]:02d}",
		**{frappe.scrub(kind): kinds.count(kind) for kind in KINDS},
		"campaigns": ", ".join(c.campaign_name for c in campaigns),
		"missing_platforms": ", ".join(_(kind) for kind in missing),
		"missing_platform": 1 if missing else 0,
	}


def offices_in_view(office: str | None) -> list[str]:
	"""The sales offices at or under `office` (default all), narrowed to the reader's: every one for those
	who see all units, else the office they work in and the offices they manage."""
	offices = offices_under(office) if office else all_offices()
	if sees_all_units(frappe.session.user):
		return offices
	me = employee_of_user()
	if not me:
		return []
	mine = {*managed_offices(me), office_of(me)}
	return [o for o in offices if o in mine]
