# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Activity Campaign (活动企划): one event or theme of the activity calendar (行事历).

A campaign is planned as a draft and published ahead by submitting it (status Published; cancelling it
takes it off the calendar). After publishing, the invitees' replies and attendance, the agents taking part
and the preparation checklist are still kept up to date on the form. The results are never typed: the
Campaign Results report counts them (campaigns/results.py).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import formatdate, getdate

from insurance_activity.org import validate_office_rows
from insurance_activity.permissions import where_allowed

STATUS_BY_DOCSTATUS = {0: "Draft", 1: "Published", 2: "Cancelled"}
INVITEE_TYPES = ("Customer", "Lead")
PARTY_NAME_FIELD = {"Customer": "customer_name", "Lead": "lead_name"}
INVITEE = "Activity Campaign Invitee"


class ActivityCampaign(Document):
	def apply_fieldlevel_read_permissions(self):
		"""Frappe's read paths (the desk form, REST, frappe.client.get) call this before sending the document:
		a reader also loses the invitees they may not see."""
		super().apply_fieldlevel_read_permissions()
		self.hide_invitees_not_reached()

	def before_print(self, settings=None):
		self.hide_invitees_not_reached()

	def hide_invitees_not_reached(self):
		"""Keep only the invited customers (邀约客户) the session user reads under the one permission rule
		(`private_rows`: the customers they serve, their team's, their units'; every one for those who may
		change the campaign), so an agent never sees a colleague's customers. The count hidden is given to
		the form (`__onload.hidden_invitees`), and a document so trimmed refuses to be saved."""
		if not self.invitees or not self.name:
			return
		row = frappe.qb.DocType(INVITEE)
		query = where_allowed(
			frappe.qb.from_(row)
			.select(row.name)
			.where((row.parenttype == self.doctype) & (row.parent == self.name)),
			INVITEE,
		)
		seen = set(query.run(pluck=True)) if query is not None else set()
		kept = [invitee for invitee in self.invitees if invitee.name in seen]
		hidden = len(self.invitees) - len(kept)
		if hidden:
			self.invitees = kept
			for idx, invitee in enumerate(kept, 1):
				invitee.idx = idx
			self.flags.hidden_invitees = hidden
			self.set_onload("hidden_invitees", hidden)

	def validate(self):
		self.refuse_if_trimmed()
		self.validate_period()
		self.validate_offices()
		self.validate_invitees()
		self.validate_agents()
		self.validate_points_contest()
		self.set_status()

	def before_update_after_submit(self):
		"""A published campaign's invitees, agents and checklist are kept up to date on the form."""
		self.refuse_if_trimmed()
		self.validate_invitees()
		self.validate_agents()

	def refuse_if_trimmed(self):
		"""A campaign read without some invitees (hide_invitees_not_reached) would drop them: never saved."""
		if self.flags.hidden_invitees:
			frappe.throw(
				_(
					"This campaign was opened without the invited customers you do not serve; it cannot be saved."
				),
				frappe.PermissionError,
			)

	def on_submit(self):
		self.set_status(update=True)

	def on_cancel(self):
		self.set_status(update=True)

	def set_status(self, update: bool = False):
		"""Draft, Published (submitted) or Cancelled, from the document's state."""
		status = STATUS_BY_DOCSTATUS[self.docstatus]
		if update:
			self.db_set("status", status)
		else:
			self.status = status

	def validate_period(self):
		if getdate(self.from_date) > getdate(self.to_date):
			frappe.throw(_("The campaign cannot end before it starts."), title=_("Invalid Period"))

	def validate_points_contest(self):
		"""A points contest campaign (积分竞赛) names the Points Contest it announces, whose period overlaps the
		campaign's; another kind names none."""
		if self.kind != "Points Contest":
			self.points_contest = None
			return
		if not self.points_contest:
			frappe.throw(
				_("Choose the Points Contest this campaign announces."), title=_("Missing Points Contest")
			)
		start, end = frappe.db.get_value("Points Contest", self.points_contest, ["from_date", "to_date"])
		if getdate(start) > getdate(self.to_date) or getdate(end) < getdate(self.from_date):
			frappe.throw(
				_("The Points Contest {0} runs from {1} to {2}, outside the campaign's period.").format(
					self.points_contest, formatdate(start), formatdate(end)
				),
				title=_("Invalid Period"),
			)

	def validate_offices(self):
		"""At least one office; each a sales office (营业室), listed once."""
		if not self.offices:
			frappe.throw(_("Choose the offices the campaign is for."))
		validate_office_rows(self.offices)

	def validate_invitees(self):
		"""Each invitee is an existing Customer or Lead, invited once; the name is copied for the list."""
		seen = set()
		for row in self.invitees:
			if row.party_type not in INVITEE_TYPES:
				frappe.throw(_("Row {0}: invite a Customer or a Lead.").format(row.idx))
			name = frappe.db.get_value(row.party_type, row.party, PARTY_NAME_FIELD[row.party_type])
			if name is None:
				frappe.throw(
					_("Row {0}: {1} {2} does not exist.").format(row.idx, _(row.party_type), row.party)
				)
			if (row.party_type, row.party) in seen:
				frappe.throw(_("Row {0}: {1} is invited twice.").format(row.idx, name))
			seen.add((row.party_type, row.party))
			row.party_name = name
			if row.attended and row.reply == "Declined":
				row.reply = "Accepted"  # who came, accepted

	def validate_agents(self):
		seen = set()
		for row in self.agents:
			if row.employee in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice.").format(row.idx, row.employee_name or row.employee)
				)
			seen.add(row.employee)
