# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.utils import cstr, flt, get_datetime, getdate, now_datetime, today

from insurance_activity.controllers.document import AppDocument
from insurance_activity.customers.quadrants import PARTY_TYPES, navigator_rules, quadrant_config
from insurance_activity.org import office_of
from insurance_activity.rules import customer_navigator as navigator
from insurance_activity.rules import customer_quadrant as core


def as_stored(df, value):
	"""A field's value as the database keeps it, so that "10" and 10.0, "2026-12-01" and a date compare
	equal and None equals ""."""
	if value in (None, ""):
		return None
	if df.fieldtype in ("Float", "Currency", "Percent", "Int", "Check"):
		return flt(value) or None
	if df.fieldtype == "Date":
		return getdate(value)
	if df.fieldtype == "Datetime":
		return get_datetime(value)
	return cstr(value)


AGENT_KNOWN = ("income_band", "sum_insured_wanted")  # what the agent records; part of the value score
USER_SET = (*AGENT_KNOWN, "override_quadrant", "override_reason")  # all a user may change by hand


class CustomerQuadrant(AppDocument):
	"""One customer's (or lead's) place among the four quadrants (客户四象限), made and kept by the recompute
	(customers/quadrants.py); the serving agent records what they know and may override the quadrant."""

	def validate(self):
		if self.is_new() and not self.flags.placed:
			frappe.throw(_("Customer Quadrants are made by the recompute and cannot be entered by hand."))
		self.refuse_computed_changes()
		if self.party_type not in PARTY_TYPES:
			frappe.throw(_("A Customer Quadrant is for a Customer or a Lead."))
		self.party_key = f"{self.party_type}/{self.party}"
		self.note_agent_known_change()
		if not self.flags.placed:
			self.apply_override(getdate(today()))
			self.apply_navigator(navigator_rules(), getdate(today()))
		self.strategy = core.STRATEGIES.get(self.quadrant)

	def refuse_computed_changes(self):
		"""Users (in the desk, through REST, by a plain save) may set only the override (quadrant and reason)
		and what the agent knows (AGENT_KNOWN); the scores, the quadrant, its strategy, the moves and the
		next action are the recompute's (flags.placed), so a change to any of them is refused and nothing is
		stored. Raises frappe.ValidationError naming the fields."""
		if self.is_new() or self.flags.placed:
			return
		changed = [
			df
			for df in self.meta.fields
			if df.fieldtype not in no_value_fields
			and df.fieldname not in USER_SET
			and self.value_changed(df.fieldname)
		]
		if self.moves_changed():
			changed.append(self.meta.get_field("moves"))
		if changed:
			frappe.throw(
				_(
					"{0} cannot be changed by hand: the recompute keeps them. You may set the override and what you know of the customer."
				).format(", ".join(_(df.label) for df in changed)),
				title=_("Computed by the Recompute"),
			)

	def moves_changed(self) -> bool:
		before = self.get_doc_before_save()
		if not before:
			return False
		fields = [
			df
			for df in frappe.get_meta("Customer Quadrant Move").fields
			if df.fieldtype not in no_value_fields
		]

		def rows(doc):
			return [tuple(as_stored(df, m.get(df.fieldname)) for df in fields) for m in doc.moves]

		return rows(before) != rows(self)

	def note_agent_known_change(self):
		"""Stamp agent_known_changed_on when the agent changes what they know of the customer (household
		income band, sum insured wanted): the next incremental recompute places the customer again, their
		value being made of these too."""
		if self.is_new():
			return
		if any(self.value_changed(field) for field in AGENT_KNOWN):
			self.agent_known_changed_on = now_datetime()

	def value_changed(self, fieldname: str) -> bool:
		"""Whether a field differs from the stored document, compared as its field type (the desk and REST
		send dates and numbers as text, an empty Select as "")."""
		before = self.get_doc_before_save()
		if not before:
			return False
		df = self.meta.get_field(fieldname)
		return as_stored(df, before.get(fieldname)) != as_stored(df, self.get(fieldname))

	def apply_override(self, day):
		"""The agent's override takes effect now, with a reason, for the settings' days; clearing it returns
		the customer to the computed quadrant. Either is a move in the history."""
		if not (self.has_value_changed("override_quadrant") or self.has_value_changed("override_reason")):
			return
		config = quadrant_config()
		if self.override_quadrant:
			if not (self.override_reason or "").strip():
				frappe.throw(
					_("Give the reason for overriding the quadrant."), title=_("Override Reason Required")
				)
			self.override_until = core.override_until(day, config.override_days)
			self.overridden_by = frappe.session.user
			self.move_to(self.override_quadrant, day, core.CAUSE_OVERRIDE, self.override_reason)
		else:
			self.override_until = None
			self.overridden_by = None
			self.move_to(self.computed_quadrant, day, core.CAUSE_OVERRIDE_EXPIRED)

	def place(self, day, config, policies, interactions) -> core.Placement:
		"""This customer's placement on `day` from plain facts (the recompute reads them in bulk)."""
		override = None
		if self.override_quadrant and self.override_until:
			override = core.Override(
				self.override_quadrant, self.override_reason or "", getdate(self.override_until)
			)
		contacts = [i.on for i in interactions if i.on <= getdate(day)]
		self.last_contact_on = max(contacts) if contacts else None
		self.policy_count = len(policies)
		self.annual_premium = sum(p.annual_premium for p in policies)
		return core.place(
			policies,
			interactions,
			config,
			day,
			self.income_band or None,
			self.sum_insured_wanted or 0,
			override,
		)

	def apply_placement(self, placement: core.Placement, day, config) -> bool:
		"""Store the scores and the effective quadrant; an expired override is cleared. True when it moved."""
		before = None
		if self.quadrant:
			before = core.Placement(
				self.value_score or 0, self.temperature_score or 0, self.computed_quadrant, self.quadrant,
				bool(self.override_quadrant),
			)  # fmt: skip
		self.value_score = placement.value
		self.temperature_score = placement.temperature
		self.computed_quadrant = placement.computed_quadrant
		self.computed_on = day
		if self.override_quadrant and not placement.overridden:
			self.override_quadrant = self.override_reason = self.override_until = self.overridden_by = None
		cause = core.move_cause(before, placement, (config.value_threshold, config.temperature_threshold))
		if cause:
			self.move_to(placement.quadrant, day, cause)
		return bool(cause)

	def apply_navigator(self, rules: list[navigator.NavigatorRule], day):
		"""The navigator's next action (客经导航仪) for the customer's state, due from entering the quadrant or
		the last contact, whichever is later."""
		since = max((getdate(m.move_date) for m in self.moves if m.to_quadrant == self.quadrant), default=day)
		state = navigator.CustomerState(
			self.quadrant, since, getdate(self.last_contact_on) if self.last_contact_on else None
		)
		found = navigator.next_action(state, rules, getdate(day))
		self.navigator_rule = found.rule if found else None
		self.next_action = found.action if found else None
		self.next_action_due = found.due_on if found else None

	def move_to(self, quadrant, day, cause, reason=None):
		if quadrant == self.quadrant and self.moves:
			return
		self.append(
			"moves",
			{
				"move_date": day,
				"from_quadrant": self.quadrant,
				"to_quadrant": quadrant,
				"cause": cause,
				"reason": reason,
			},
		)
		self.quadrant = quadrant

	def set_agent(self, agent: str, agent_name: str | None = None, office: str | None = None):
		"""The serving agent, with their name and office (read here unless given)."""
		self.agent = agent
		self.agent_name = agent_name or frappe.db.get_value("Employee", agent, "employee_name")
		self.office = office or office_of(agent)
