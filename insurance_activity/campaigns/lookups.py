"""Look-ups of activity campaigns (活动企划) for other areas: which campaigns an activity row may name."""

import frappe
from frappe.query_builder import DocType

CAMPAIGN = DocType("Activity Campaign")
OFFICE_ROW = DocType("Activity Campaign Office")


def campaigns_open_to(office: str | None, day, names) -> set[str]:
	"""Of the campaigns `names`, those an activity of `office` on `day` may name: published (submitted),
	covering `day` (rules/campaigns.covers: both ends included) and listing `office`. Read whatever the
	session user's permissions (the log's own agent office decides, not the reader)."""
	if not office or not names:
		return set()
	query = (
		frappe.qb.from_(CAMPAIGN)
		.join(OFFICE_ROW)
		.on((OFFICE_ROW.parent == CAMPAIGN.name) & (OFFICE_ROW.parenttype == "Activity Campaign"))
		.select(CAMPAIGN.name)
		.distinct()
		.where(
			CAMPAIGN.name.isin(list(names))
			& (CAMPAIGN.docstatus == 1)
			& (CAMPAIGN.from_date <= day)
			& (CAMPAIGN.to_date >= day)
			& (OFFICE_ROW.office == office)
		)
	)
	return {row[0] for row in query.run()}
