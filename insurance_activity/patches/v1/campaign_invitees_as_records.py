"""Invited customers become their own records: a campaign's invitee rows (once a child table of Activity
Campaign) keep their table, names, replies and attendance, and now name their campaign in `campaign`.

Frappe's report view joined the child rows under the campaign's condition only, so an agent of the office
could list a colleague's invited customers; as records of their own the one rule reaches them on every path.
The schema sync keeps the old parent columns; this fills `campaign` from them and clears the submitted state
the rows had as rows of a published campaign (the doctype is not submittable)."""

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, IfNull

INVITEE = DocType("Activity Campaign Invitee")


def execute():
	moved = move_rows()
	if moved:
		print(f"Activity Campaign Invitee: {moved} invited customers now name their campaign")


def move_rows() -> int:
	"""Fill `campaign` from the old `parent` of rows of Activity Campaign that have none, and copy the
	campaign's name; returns how many rows moved. Nothing to do on a site that never had the child table
	(no `parent` column)."""
	if not frappe.db.has_column("Activity Campaign Invitee", "parent"):
		return 0
	legacy = (INVITEE.parenttype == "Activity Campaign") & (IfNull(INVITEE.campaign, "") == "")
	moved = frappe.qb.from_(INVITEE).select(Count("*")).where(legacy).run()[0][0]
	frappe.qb.update(INVITEE).set(INVITEE.campaign, INVITEE.parent).set(INVITEE.docstatus, 0).where(
		legacy
	).run()
	unnamed = IfNull(INVITEE.campaign_name, "") == ""
	campaigns = frappe.qb.from_(INVITEE).select(INVITEE.campaign).distinct().where(unnamed).run(pluck=True)
	for campaign in campaigns:  # a few per site: one update per campaign
		name = frappe.db.get_value("Activity Campaign", campaign, "campaign_name")
		frappe.qb.update(INVITEE).set(INVITEE.campaign_name, name).where(
			unnamed & (INVITEE.campaign == campaign)
		).run()
	frappe.db.commit()
	return moved
