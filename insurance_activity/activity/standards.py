"""Shell around the rules core for activity standards: reads Activity Standard records."""

from datetime import date

import frappe
from frappe.utils import getdate

from insurance_activity.rules.activity_standards import (
	AGENT_ITEMS,
	ROLE_AGENT,
	ROLE_SUPERVISOR,
	SUPERVISOR_ITEMS,
	Standard,
	select_standard,
)

# the items of the 5311 and the 111 as people read them (translated where shown)
ITEM_LABELS = {
	"phone_appointments": "Phone Appointments",
	"sales_interviews": "Sales Interviews",
	"recruiting_visits": "Recruiting Visits",
	"new_prospects": "New Prospects",
	"referrals": "Referrals",
	"tracking_calls": "Tracking Calls",
	"coaching_sessions": "Coaching Sessions",
	"spot_checks": "Spot-checks",
}


def load_standards() -> list[Standard]:
	"""Every enabled standard as core data (a handful of rows; read fresh so a new standard applies at once)."""
	fields = [
		"name",
		"role",
		"productivity_tier",
		"effective_from",
		"effective_to",
		*AGENT_ITEMS,
		*SUPERVISOR_ITEMS,
	]
	return [
		Standard(
			name=row.name,
			role=row.role,
			tier=row.productivity_tier,
			effective_from=getdate(row.effective_from) if row.effective_from else None,
			effective_to=getdate(row.effective_to) if row.effective_to else None,
			targets={
				item: row.get(item) or 0
				for item in (AGENT_ITEMS if row.role == ROLE_AGENT else SUPERVISOR_ITEMS)
			},
		)
		for row in frappe.get_all("Activity Standard", filters={"enabled": 1}, fields=fields)
	]


def agent_standard(tier: str | None, day: date) -> Standard | None:
	return select_standard(load_standards(), ROLE_AGENT, tier, day)


def supervisor_standard(tier: str | None, day: date) -> Standard | None:
	return select_standard(load_standards(), ROLE_SUPERVISOR, tier, day)
