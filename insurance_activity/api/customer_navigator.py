"""Customer navigator endpoints (客经导航仪): a customer's quadrant and next action for the Customer and Lead
forms, and an agent's suggested actions for the Agent Log. Rows are read with frappe.get_list, so the one
permission rule applies: an agent gets their own customers, a supervisor their team's."""

import frappe
from frappe.utils import add_days, getdate

from insurance_activity.analytics.figures import on_day
from insurance_activity.org import employee_of_user
from insurance_activity.rules.customer_navigator import is_overdue
from insurance_activity.settings import get_settings

QUADRANT = "Customer Quadrant"
SUGGESTIONS_SHOWN = 20  # a screenful on a phone, most urgent first


@frappe.whitelist()
def quadrant_of(party_type: str, party: str) -> dict | None:
	"""The Customer Quadrant of a Customer or Lead the caller may read: {name, quadrant, strategy,
	next_action, next_action_due, overdue}; None when there is none or the caller may not read it."""
	rows = frappe.get_list(
		QUADRANT,
		filters={"party_type": party_type, "party": party},
		fields=["name", "quadrant", "strategy", "next_action", "next_action_due"],
		limit_page_length=1,
	)
	if not rows:
		return None
	row = rows[0]
	row.overdue = is_overdue(getdate(row.next_action_due) if row.next_action_due else None, getdate())
	return row


@frappe.whitelist()
def suggested_actions(agent: str | None = None, day: str | None = None) -> list[dict]:
	"""The agent's customers with a next action overdue or due within the settings' look-ahead
	(navigator_suggestion_days, default 7) of `day`, the most urgent first (overdue, then due soonest): each
	{party_type, party, party_name, quadrant, next_action, next_action_due, overdue, activity_kind}, the
	activity kind being what the navigator rule says to log. At most SUGGESTIONS_SHOWN rows.

	Needs no saved Agent Log: a new log's form asks with its agent, or with none yet (its Agent field is
	filled after the form opens), then the caller's own Employee is the agent. `day`: the log's date
	(default today), for what is overdue. A caller who may not read that agent's customers gets []."""
	on = on_day(day)
	agent = agent or employee_of_user()
	if not agent:
		return []
	rows = frappe.get_list(
		QUADRANT,
		filters={
			"agent": agent,
			"next_action_due": ("<=", add_days(on, get_settings().navigator_suggestion_days)),
		},
		fields=[
			"party_type",
			"party",
			"party_name",
			"quadrant",
			"next_action",
			"next_action_due",
			"navigator_rule",
		],
		order_by="next_action_due asc",
		limit_page_length=SUGGESTIONS_SHOWN,
	)
	kinds = dict(
		frappe.get_all(
			"Customer Navigator Rule",
			{"name": ("in", list({r.navigator_rule for r in rows if r.navigator_rule}))},
			["name", "activity_kind"],
			as_list=True,
		)
	)
	for row in rows:
		row.activity_kind = kinds.get(row.pop("navigator_rule"))
		row.overdue = is_overdue(getdate(row.next_action_due), on)
	return rows
