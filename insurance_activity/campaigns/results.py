"""A campaign's actual results (活动企划成效), counted by the database, never typed.

For the campaigns the reader may see (the one permission rule on Activity Campaign), published and
overlapping a period:
- invitations and attendees: the rows of its invited customers (邀约) and those marked attended (到场),
  over the invitees the reader sees (their own customers, unless they run the campaign);
- follow-up interviews: the valid rows (not invalidated by a callback, 作废) of submitted Agent Logs that
  name the campaign, each row counting its activity count, over the logs the reader sees;
- policies: the Insurance Policies of its invited customers (a Customer, or the Customer made from an
  invited Lead) issued in the attribution window (rules/campaigns.attribution_window:
  campaign_attribution_days on the settings), not cancelled in the cooling-off period, over the policies
  the reader sees.
So an agent sees their own part of their office's campaigns, a supervisor their team's, an office manager
their office's, an admin everything; a campaign is `whole` for those who may change it (run_by_reader).
"""

from pypika.terms import Interval

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Sum

from insurance_activity.analytics.activities import ACTIVITIES, LOG, ROW
from insurance_activity.org import departments_under
from insurance_activity.permissions import where_allowed
from insurance_activity.rules.production.policies import CANCELLED_IN_COOLING_OFF
from insurance_activity.settings import get_settings

CAMPAIGN = DocType("Activity Campaign")
OFFICE_ROW = DocType("Activity Campaign Office")
INVITEE = DocType("Activity Campaign Invitee")
POLICY = DocType("Insurance Policy")
CUSTOMER = DocType("Customer")
GOALS = ("invitations", "attendees", "interviews", "policies")
CAMPAIGN_FIELDS = (
	"name",
	"campaign_name",
	"kind",
	"from_date",
	"to_date",
	"budget",
	*(f"expected_{goal}" for goal in GOALS),
)


def visible_campaigns(filters: frappe._dict) -> list[frappe._dict]:
	"""The published campaigns the session user reads that overlap filters.from_date..to_date, of
	filters.kind and of an office at or under filters.office when set; each with `offices` (a list)."""
	query = (
		frappe.qb.from_(CAMPAIGN)
		.select(*(CAMPAIGN[field] for field in CAMPAIGN_FIELDS))
		.where(
			(CAMPAIGN.docstatus == 1)
			& (CAMPAIGN.from_date <= filters.to_date)
			& (CAMPAIGN.to_date >= filters.from_date)
		)
		.orderby(CAMPAIGN.from_date)
		.orderby(CAMPAIGN.name)
	)
	if filters.kind:
		query = query.where(CAMPAIGN.kind == filters.kind)
	if filters.office:
		query = query.where(
			CAMPAIGN.name.isin(
				frappe.qb.from_(OFFICE_ROW)
				.select(OFFICE_ROW.parent)
				.where(
					(OFFICE_ROW.parenttype == "Activity Campaign")
					& OFFICE_ROW.office.isin(departments_under(filters.office))
				)
			)
		)
	query = where_allowed(query, "Activity Campaign", table=CAMPAIGN)
	if query is None:
		return []
	campaigns = query.run(as_dict=True)
	offices = offices_of([c.name for c in campaigns])
	whole = run_by_reader([c.name for c in campaigns])
	for campaign in campaigns:
		campaign.offices = offices.get(campaign.name, [])
		campaign.whole = campaign.name in whole
	return campaigns


def run_by_reader(names: list[str]) -> set[str]:
	"""Of the campaigns `names`, those the session user may change (its admins, the manager of every office
	it lists): they see the whole campaign, where anyone else sees their own part of it."""
	if not names:
		return set()
	query = where_allowed(
		frappe.qb.from_(CAMPAIGN).select(CAMPAIGN.name).where(CAMPAIGN.name.isin(names)),
		"Activity Campaign",
		ptype="write",
		table=CAMPAIGN,
	)
	return set(query.run(pluck=True)) if query is not None else set()


def offices_of(names: list[str]) -> dict[str, list[str]]:
	"""campaign -> its offices, in the table's order."""
	if not names:
		return {}
	found: dict[str, list[str]] = {}
	for parent, office in (
		frappe.qb.from_(OFFICE_ROW)
		.select(OFFICE_ROW.parent, OFFICE_ROW.office)
		.where((OFFICE_ROW.parenttype == "Activity Campaign") & OFFICE_ROW.parent.isin(names))
		.orderby(OFFICE_ROW.idx)
		.run()
	):
		found.setdefault(parent, []).append(office)
	return found


def actual_results(names: list[str]) -> dict[str, dict[str, int]]:
	"""campaign -> {"invitations", "attendees", "interviews", "policies"}: the counts above, for
	campaigns the caller has already found visible (visible_campaigns)."""
	results = {name: dict.fromkeys(GOALS, 0) for name in names}
	if not names:
		return results
	invitees = where_allowed(
		frappe.qb.from_(INVITEE)
		.select(INVITEE.campaign, Count(INVITEE.name), Sum(INVITEE.attended))
		.where(INVITEE.campaign.isin(names))
		.groupby(INVITEE.campaign),
		"Activity Campaign Invitee",
	)
	for name, invited, attended in invitees.run() if invitees is not None else []:
		results[name].update(invitations=int(invited or 0), attendees=int(attended or 0))
	for name, count in follow_up_interviews(names):
		results[name]["interviews"] = int(count or 0)
	for name, count in attributed_policies(names):
		results[name]["policies"] = int(count or 0)
	return results


def follow_up_interviews(names: list[str]) -> list[tuple]:
	"""(campaign, activities) from the valid rows of submitted logs naming the campaigns, over the logs
	the session user reads."""
	query = (
		frappe.qb.from_(ROW)
		.join(LOG)
		.on((ROW.parent == LOG.name) & (ROW.parenttype == "Agent Log"))
		.select(ROW.activity_campaign, ACTIVITIES)
		.where((LOG.docstatus == 1) & (ROW.is_invalid == 0) & ROW.activity_campaign.isin(names))
		.groupby(ROW.activity_campaign)
	)
	query = where_allowed(query, "Agent Log", table=LOG)
	return query.run() if query is not None else []


def attributed_policies(names: list[str], days: int | None = None) -> list[tuple]:
	"""(campaign, policies): the distinct policies of the campaigns' invited customers issued in the
	attribution window (`days`, default the setting), not cancelled in the cooling-off period, over the
	policies the session user reads."""
	if days is None:
		days = get_settings().campaign_attribution_days or 0
	days = max(int(days), 0)
	invited = ((INVITEE.party_type == "Customer") & (INVITEE.party == POLICY.customer)) | (
		(INVITEE.party_type == "Lead") & (INVITEE.party == CUSTOMER.lead_name)
	)
	query = (
		frappe.qb.from_(POLICY)
		.join(CUSTOMER)
		.on(CUSTOMER.name == POLICY.customer)
		.join(INVITEE)
		.on(invited)
		.join(CAMPAIGN)
		.on(CAMPAIGN.name == INVITEE.campaign)
		.select(CAMPAIGN.name, Count(POLICY.name).distinct())
		.where(
			CAMPAIGN.name.isin(names)
			& (POLICY.status != CANCELLED_IN_COOLING_OFF)
			& (POLICY.issue_date >= CAMPAIGN.from_date)
			& (POLICY.issue_date <= CAMPAIGN.to_date + Interval(days=days))
		)
		.groupby(CAMPAIGN.name)
	)
	query = where_allowed(query, "Insurance Policy", table=POLICY)
	return query.run() if query is not None else []
