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

from insurance_activity.org import OFFICE

STATUS_BY_DOCSTATUS = {0: "Draft", 1: "Published", 2: "Cancelled"}
INVITEE_TYPES = ("Customer", "Lead")
PARTY_NAME_FIELD = {"Customer": "customer_name", "Lead": "lead_name"}


class ActivityCampaign(Document):
	def validate(self):
		self.validate_period()
		self.validate_offices()
		self.validate_invitees()
		self.validate_agents()
		self.validate_points_contest()
		self.set_status()

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
		seen = set()
		for row in self.offices:
			if frappe.db.get_value("Department", row.office, "ia_unit_level") != OFFICE:
				frappe.throw(_("Row {0}: {1} is not a sales office.").format(row.idx, row.office))
			if row.office in seen:
				frappe.throw(_("Row {0}: office {1} is listed twice.").format(row.idx, row.office))
			seen.add(row.office)

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
