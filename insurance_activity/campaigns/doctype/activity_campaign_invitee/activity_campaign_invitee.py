# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Activity Campaign Invitee (活动邀约): one customer invited to one Activity Campaign (活动企划), with the
reply and whether they came (到场).

Its own record, not a row of the campaign, so the one permission rule reaches it on every path (a child
table's columns in Frappe's report view follow only the parent's condition): a reader sees the invitations
of the customers they serve, their team's and their office's, and whoever may change the campaign sees all
of them (permissions/rules.py). Agents invite their own customers and record the replies themselves.
"""

import frappe
from frappe import _

from insurance_activity.controllers.document import AppDocument

INVITEE_TYPES = ("Customer", "Lead")
PARTY_NAME_FIELD = {"Customer": "customer_name", "Lead": "lead_name"}


class ActivityCampaignInvitee(AppDocument):
	def check_permission(self, permtype="read", permlevel=None):
		"""Before Frappe's own check of a new invitation (whose refusal names no reason), say plainly what is
		wrong to someone whose role may invite; anyone else gets Frappe's refusal (403)."""
		if (
			permtype == "create"
			and not self.flags.ignore_permissions
			and frappe.has_permission(self.doctype, "create")  # a role that invites at all
		):
			self.explain_refused_invitation()
		super().check_permission(permtype, permlevel)

	def explain_refused_invitation(self):
		"""No customer chosen (frappe.MandatoryError), or a customer the person inviting does not serve, a
		colleague's (frappe.PermissionError), each with a message saying so."""
		if not self.party_type or not self.party:
			frappe.throw(_("Choose the customer to invite."), frappe.MandatoryError)
		if self.party_type not in INVITEE_TYPES:
			return
		if frappe.db.exists(self.party_type, self.party) and not frappe.has_permission(
			self.party_type, "read", self.party
		):
			frappe.throw(
				_("{0} is not one of your customers: invite the customers you serve.").format(self.party),
				frappe.PermissionError,
			)

	def on_trash(self):
		"""A cancelled campaign's invitations are its record: kept unless the campaign itself is deleted."""
		if self.flags.with_campaign:
			return
		self.refuse_if_cancelled(frappe.db.get_value("Activity Campaign", self.campaign, "docstatus"))

	def validate(self):
		self.validate_campaign()
		self.validate_party()
		self.validate_once()
		if self.attended and self.reply == "Declined":
			self.reply = "Accepted"  # who came, accepted

	def validate_campaign(self):
		"""An invitation belongs to a campaign that is planned or published, never a cancelled one, and that
		the person inviting reads (a campaign of their office)."""
		docstatus = frappe.db.get_value("Activity Campaign", self.campaign, "docstatus")
		if docstatus is None:
			frappe.throw(_("Activity Campaign {0} does not exist.").format(self.campaign))
		if not self.flags.ignore_permissions and not frappe.has_permission(
			"Activity Campaign", "read", self.campaign
		):
			frappe.throw(
				_("Activity Campaign {0} is not one of your offices' campaigns.").format(self.campaign),
				frappe.PermissionError,
			)
		self.refuse_if_cancelled(docstatus)

	def refuse_if_cancelled(self, docstatus: int | None):
		"""A cancelled campaign's (docstatus 2) invitations are its record: neither changed nor deleted."""
		if docstatus == 2:
			frappe.throw(
				_("Activity Campaign {0} is cancelled: its invitations cannot be changed.").format(
					self.campaign
				)
			)

	def validate_party(self):
		"""The invitee is an existing Customer or Lead; its name is copied for lists and prints."""
		if self.party_type not in INVITEE_TYPES:
			frappe.throw(_("Invite a Customer or a Lead."))
		name = frappe.db.get_value(self.party_type, self.party, PARTY_NAME_FIELD[self.party_type])
		if name is None:
			frappe.throw(_("{0} {1} does not exist.").format(_(self.party_type), self.party))
		self.party_name = name

	def validate_once(self):
		"""A customer is invited to a campaign once."""
		twin = frappe.db.exists(
			self.doctype,
			{
				"campaign": self.campaign,
				"party_type": self.party_type,
				"party": self.party,
				"name": ("!=", self.name or ""),
			},
		)
		if twin:
			frappe.throw(
				_("{0} is already invited to {1}.").format(
					self.party_name, self.campaign_name or self.campaign
				),
				frappe.DuplicateEntryError,
			)


def copy_invitations(source: str, target: str) -> int:
	"""Invite to campaign `target` everyone invited to `source` (an amended campaign keeps its invitees,
	replies and attendance). Returns how many were copied. Runs for whoever amends the campaign, who may
	change it and so every one of its invitations."""
	rows = frappe.get_all(
		"Activity Campaign Invitee",
		{"campaign": source},
		["party_type", "party", "reply", "attended"],
		order_by="creation",
	)
	for row in rows:
		frappe.get_doc({"doctype": "Activity Campaign Invitee", "campaign": target, **row}).insert(
			ignore_permissions=True
		)
	return len(rows)


def delete_invitations(campaign: str) -> None:
	"""Remove a deleted draft campaign's invitations (they mean nothing without it)."""
	for name in frappe.get_all("Activity Campaign Invitee", {"campaign": campaign}, pluck="name"):
		invitation = frappe.get_doc("Activity Campaign Invitee", name)
		invitation.flags.with_campaign = True
		invitation.delete(ignore_permissions=True)
