# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Activity Campaign (活动企划): one event or theme of the activity calendar (行事历).

A campaign is planned as a draft and published ahead by submitting it (status Published; cancelling it
takes it off the calendar). After publishing, the agents taking part and the preparation checklist are still
kept up to date on the form. Invited customers are their own records (Activity Campaign Invitee, under the
form's Connections), so each reader sees only the customers they serve. The results are never typed: the
Campaign Results report counts them (campaigns/results.py).
"""

import frappe
from frappe import _
from frappe.utils import formatdate, getdate

from insurance_activity.campaigns.doctype.activity_campaign_invitee.activity_campaign_invitee import (
	copy_invitations,
	delete_invitations,
)
from insurance_activity.controllers.document import AppDocument
from insurance_activity.org import validate_office_rows

STATUS_BY_DOCSTATUS = {0: "Draft", 1: "Published", 2: "Cancelled"}


class ActivityCampaign(AppDocument):
	def validate(self):
		self.validate_period()
		self.validate_offices()
		self.validate_agents()
		self.validate_points_contest()
		self.set_status()

	def before_update_after_submit(self):
		"""A published campaign's agents and checklist are kept up to date on the form."""
		self.validate_agents()

	def after_insert(self):
		"""An amended campaign keeps the invitations of the one it replaces."""
		if self.amended_from:
			copy_invitations(self.amended_from, self.name)

	def on_trash(self):
		delete_invitations(self.name)

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

	def validate_agents(self):
		seen = set()
		for row in self.agents:
			if row.employee in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice.").format(row.idx, row.employee_name or row.employee)
				)
			seen.add(row.employee)
