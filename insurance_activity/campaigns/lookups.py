"""Look-ups of activity campaigns (活动企划) for other areas: which campaigns an activity row may name."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import formatdate

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


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def campaign_query(
	doctype: str,
	txt: str | None,
	searchfield: str,
	start: int,
	page_len: int,
	filters: dict | list | str | None = None,
):
	"""Link query of an activity row's campaign (the desk picker of Agent Log Activity.activity_campaign):
	[(name, campaign name, kind in the user's language, from date)] of the campaigns the user reads (the
	one permission rule, through frappe.get_list) matching `filters` (as the form sends them) and `txt` in
	the name or the campaign name, latest first. Frappe's own search would show the kind untranslated."""
	if isinstance(filters, str):
		filters = frappe.parse_json(filters)
	or_filters = {"name": ("like", f"%{txt}%"), "campaign_name": ("like", f"%{txt}%")} if txt else None
	rows = frappe.get_list(
		"Activity Campaign",
		filters=filters or None,
		or_filters=or_filters,
		fields=["name", "campaign_name", "kind", "from_date"],
		order_by="from_date desc, name asc",
		limit_start=start,
		limit_page_length=page_len,
	)
	return [(r.name, r.campaign_name, _(r.kind), formatdate(r.from_date)) for r in rows]
