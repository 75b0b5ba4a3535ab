# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Points Contest (积分竞赛): an activity-point contest configured from the desk form alone.

Period, offices, individual or team, rule rows (activity kind -> points, daily cap, effective from), tier
multipliers and the qualification minimums (standard-met days, optionally policies issued). A rule is
versioned: the row in force on an activity's date applies (`rules/contest_points.py`), so a rule in force
is never edited or removed: the admin adds a row with a later Effective From instead. The ledger
(Points Contest Ledger) is recomputed on save and by the Recompute button (`recompute_ledger`).
"""

import frappe
from frappe import _
from frappe.utils import flt, formatdate, getdate, today

from insurance_activity.campaigns import contest_ledger
from insurance_activity.controllers.document import AppDocument
from insurance_activity.org import validate_office_rows

RULE_FIELDS = ("activity_kind", "points", "daily_cap", "effective_from")
LARGE_CONTEST_LOGS = (
	2000  # more submitted logs than this: the whole-contest recompute runs as a background job
)


class PointsContest(AppDocument):
	def validate(self):
		self.validate_period()
		self.validate_offices()
		self.validate_rules()
		self.validate_multipliers()
		self.validate_rules_in_force_unchanged()
		self.validate_reward_tiers()

	def on_update(self):
		self.start_recompute()

	def on_trash(self):
		frappe.db.delete(contest_ledger.LEDGER, {"contest": self.name})

	def validate_period(self):
		if getdate(self.from_date) > getdate(self.to_date):
			frappe.throw(_("The contest's From Date must be on or before its To Date."))

	def validate_offices(self):
		validate_office_rows(self.offices)

	def validate_rules(self):
		seen = set()
		for row in self.rules:
			key = (row.activity_kind, getdate(row.effective_from))
			if key in seen:
				frappe.throw(
					_("Rule row {0}: {1} already has a rule from {2}.").format(
						row.idx, _(row.activity_kind), formatdate(row.effective_from)
					)
				)
			seen.add(key)
			if (row.points or 0) < 0 or (row.daily_cap or 0) < 0:
				frappe.throw(_("Rule row {0}: points and the daily cap cannot be negative.").format(row.idx))

	def validate_multipliers(self):
		seen = set()
		for row in self.tier_multipliers:
			if row.productivity_tier in seen:
				frappe.throw(
					_("Tier multiplier row {0}: tier {1} is listed twice.").format(
						row.idx, row.productivity_tier
					)
				)
			if (row.multiplier or 0) < 0:
				frappe.throw(_("Tier multiplier row {0}: the multiplier cannot be negative.").format(row.idx))
			seen.add(row.productivity_tier)

	def validate_reward_tiers(self):
		"""A reward row's ranks run from the first to the last (0: open) and no amount is negative."""
		for row in self.reward_tiers:
			if (row.amount or 0) < 0 or (row.min_points or 0) < 0 or (row.rank_from or 0) < 0:
				frappe.throw(
					_("Reward tier row {0}: amounts, points and ranks cannot be negative.").format(row.idx)
				)
			if row.rank_from and row.rank_to and row.rank_to < row.rank_from:
				frappe.throw(_("Reward tier row {0}: Rank To comes before Rank From.").format(row.idx))
		if (self.reward_cap_per_agent or 0) < 0 or (self.reward_budget or 0) < 0:
			frappe.throw(_("The reward cap and budget cannot be negative."))

	def validate_rules_in_force_unchanged(self):
		"""A rule row in force (Effective From on or before today) keeps its kind, points, cap and date, and
		stays; a row added to a saved contest takes effect today or later. So the points of a day already
		scored never change by an edit: a change is a new row with a later Effective From."""
		before = self.get_doc_before_save()
		if not before:
			return
		current = getdate(today())
		now = {row.name: row for row in self.rules}
		for old in before.rules:
			if getdate(old.effective_from) > current:
				continue
			row = now.get(old.name)
			if row is None or any(not same_value(old, row, f) for f in RULE_FIELDS):
				frappe.throw(
					_(
						"The rule for {0} in force since {1} cannot be changed or removed: add a new rule row"
						" with a later Effective From instead."
					).format(_(old.activity_kind), formatdate(old.effective_from)),
					title=_("Rule in Force"),
				)
		known = {row.name for row in before.rules}
		for row in self.rules:
			if row.name not in known and getdate(row.effective_from) < current:
				frappe.throw(
					_(
						"Rule row {0}: a new rule takes effect today or later ({1}), so the points of days"
						" already scored do not change."
					).format(row.idx, formatdate(current))
				)

	@frappe.whitelist()
	def recompute_ledger(self) -> dict:
		"""Redo the whole contest's ledger (Activity Admins): at once for a small contest, as a background job
		with progress when it has more than LARGE_CONTEST_LOGS submitted logs. Returns {"queued": bool,
		"rows": rows written (None when queued)}. Raises frappe.PermissionError for anyone who may not
		change the contest."""
		self.check_permission("write")
		return self.start_recompute()

	def start_recompute(self) -> dict:
		config = contest_ledger.ContestConfig(self)
		logs = len(contest_ledger.submitted_logs_names(config))
		if logs > LARGE_CONTEST_LOGS and not (frappe.flags.in_test or self.flags.recompute_now):
			frappe.enqueue(
				"insurance_activity.campaigns.contest_ledger.recompute_contest",
				queue="long",
				job_id=f"points_contest::{self.name}",
				deduplicate=True,
				enqueue_after_commit=True,
				contest=self.name,
				publish_progress=True,
			)
			frappe.msgprint(
				_("The ledger of {0} submitted logs is being recomputed in the background.").format(logs),
				alert=True,
			)
			return {"queued": True, "rows": None}
		return {"queued": False, "rows": contest_ledger.recompute_contest(self.name)}


def same_value(old, new, fieldname: str) -> bool:
	"""Whether a rule row's field is unchanged, by its type: the desk sends a whole number as 2 where the
	database gives 2.0, and a date as text."""
	fieldtype = frappe.get_meta(old.doctype).get_field(fieldname).fieldtype
	if fieldtype in ("Float", "Int", "Currency", "Percent"):
		return flt(old.get(fieldname)) == flt(new.get(fieldname))
	if fieldtype == "Date":
		return getdate(old.get(fieldname)) == getdate(new.get(fieldname))
	return (old.get(fieldname) or "") == (new.get(fieldname) or "")
