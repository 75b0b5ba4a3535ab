# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Campaign Results (活动企划成效): each published campaign's expected goals against its actual results
(invitations, attendees, follow-up interviews, policies: campaigns/results.py), with attainment and
conversion, one row per campaign or added up per office or per kind.

A campaign for two offices stands under both when grouped by office (an office's row is what its campaigns
achieved), so the office rows may add up to more than the campaigns. The figures are those the reader sees
under the one permission rule (their own invitees, logs and policies for an agent; see results.py): a row is
marked counted for the whole campaign or the reader's part, and a part shows no attainment against the
whole campaign's goals."""

import frappe
from frappe import _

from insurance_activity.campaigns.results import GOALS, actual_results, visible_campaigns
from insurance_activity.report_filters import read_filters, validate_date_range, validate_group_by
from insurance_activity.rules.campaigns import KINDS, rate

GROUPS = ("Campaign", "Office", "Kind")


def execute(filters=None) -> tuple:
	filters = read_filters(filters)
	validate_date_range(filters)
	validate_group_by(filters, GROUPS, "Campaign")
	if filters.kind and filters.kind not in KINDS:
		frappe.throw(_("Campaign Kind must be one of {0}.").format(", ".join(_(k) for k in KINDS)))
	data = get_data(filters)
	message = None
	if any(not row["whole"] for row in data):
		message = _(
			"Rows counted for your part only give your own invitations, interviews and policies; their "
			"expected goals are the whole campaign's, so no attainment is shown for them."
		)
	return get_columns(filters.group_by), data, message


def get_columns(group_by: str) -> list[dict]:
	columns = []
	if group_by == "Campaign":
		columns += [
			{
				"fieldname": "campaign",
				"label": _("Activity Campaign"),
				"fieldtype": "Link",
				"options": "Activity Campaign",
				"width": 140,
			},
			{"fieldname": "campaign_name", "label": _("Campaign Name"), "fieldtype": "Data", "width": 180},
			{"fieldname": "kind", "label": _("Campaign Kind"), "fieldtype": "Data", "width": 130},
			{"fieldname": "offices", "label": _("Offices"), "fieldtype": "Data", "width": 160},
			{
				"fieldname": "from_date",
				"label": _("From Date", context="Activity Campaign"),
				"fieldtype": "Date",
				"width": 100,
			},
			{
				"fieldname": "to_date",
				"label": _("To Date", context="Activity Campaign"),
				"fieldtype": "Date",
				"width": 100,
			},
			{"fieldname": "counted_for", "label": _("Counted For"), "fieldtype": "Data", "width": 120},
		]
	elif group_by == "Office":
		# plain Data, not a Link: the report runner would refuse it to a reader who may not read Department
		columns.append(
			{
				"fieldname": "office",
				"label": _("Office", context="Department"),
				"fieldtype": "Data",
				"width": 180,
			}
		)
		columns.append({"fieldname": "campaigns", "label": _("Campaigns"), "fieldtype": "Int", "width": 90})
	else:
		columns.append({"fieldname": "kind", "label": _("Campaign Kind"), "fieldtype": "Data", "width": 150})
		columns.append({"fieldname": "campaigns", "label": _("Campaigns"), "fieldtype": "Int", "width": 90})
	labels = {
		"invitations": (_("Expected Invitations"), _("Invitations")),
		"attendees": (_("Expected Attendees"), _("Attendees", context="Activity Campaign")),
		"interviews": (_("Expected Follow-up Interviews"), _("Follow-up Interviews")),
		"policies": (_("Expected Policies"), _("Policies")),
	}
	for goal in GOALS:
		expected, actual = labels[goal]
		columns += [
			{"fieldname": f"expected_{goal}", "label": expected, "fieldtype": "Int", "width": 110},
			{"fieldname": goal, "label": actual, "fieldtype": "Int", "width": 100},
			{
				"fieldname": f"{goal}_attainment",
				"label": _("{0} Attainment %").format(actual),
				"fieldtype": "Percent",
				"width": 110,
			},
		]
	columns += [
		{
			"fieldname": "attendance_rate",
			"label": _("Attendance Rate %"),
			"fieldtype": "Percent",
			"width": 120,
		},
		{
			"fieldname": "conversion_rate",
			"label": _("Policies per Attendee %"),
			"fieldtype": "Percent",
			"width": 130,
		},
		{"fieldname": "budget", "label": _("Budget"), "fieldtype": "Currency", "width": 110},
	]
	return columns


def get_data(filters: frappe._dict) -> list[dict]:
	campaigns = visible_campaigns(filters)
	results = actual_results([c.name for c in campaigns])
	rows = []
	for c in campaigns:
		row = {
			"campaign": c.name,
			"campaign_name": c.campaign_name,
			"kind": _(c.kind),
			"kind_value": c.kind,
			"offices": ", ".join(c.offices),
			"office_list": c.offices,
			"from_date": c.from_date,
			"to_date": c.to_date,
			"budget": c.budget or 0,
			**{f"expected_{goal}": c.get(f"expected_{goal}") or 0 for goal in GOALS},
			**results[c.name],
			"whole": c.whole,
		}
		rows.append(row)
	if filters.group_by == "Office":
		rows = added_up(rows, lambda row: row["office_list"], "office")
	elif filters.group_by == "Kind":
		rows = added_up(rows, lambda row: [row["kind_value"]], "kind", label=_)
	for row in rows:
		add_rates(row)
		row["counted_for"] = _("Whole Campaign") if row["whole"] else _("Your Part")
		row.pop("office_list", None)
		row.pop("kind_value", None)
	return rows


def added_up(rows: list[dict], keys_of, fieldname: str, label=lambda key: key) -> list[dict]:
	"""One row per key (an office, a kind): the sums of its campaigns' goals, results and budgets."""
	totals: dict[str, dict] = {}
	numbers = ["budget", *GOALS, *(f"expected_{goal}" for goal in GOALS)]
	for row in rows:
		for key in keys_of(row):
			total = totals.setdefault(
				key, {fieldname: label(key), "campaigns": 0, **dict.fromkeys(numbers, 0)}
			)
			total["campaigns"] += 1
			total["whole"] = total.get("whole", True) and row["whole"]
			for number in numbers:
				total[number] += row[number]
	return [totals[key] for key in sorted(totals)]


def add_rates(row: dict) -> None:
	for goal in GOALS:
		# a part against the whole campaign's goal is no attainment
		row[f"{goal}_attainment"] = rate(row[goal], row[f"expected_{goal}"]) if row["whole"] else None
	row["attendance_rate"] = rate(row["attendees"], row["invitations"])
	row["conversion_rate"] = rate(row["policies"], row["attendees"])
