# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Production Target (目标): a fiscal year's results and process targets for one unit or person, its
months, its split one level down and its gap to date (差距), as methods of the document.

The splits themselves are the rules core's (`rules/production/targets.py`: premium to the cent, counts in whole
units); the look-ups the methods share are in `production/targets.py`.
"""

import json
from datetime import date

import frappe
from frappe import _
from frappe.utils import cint, flt, getdate, today

from insurance_activity.controllers.document import AppDocument
from insurance_activity.org import (
	direct_reports,
	office_by_department,
	subtree,
	unit_employees,
	unit_manager,
)
from insurance_activity.production.targets import (
	NEXT_LEVEL,
	TARGET,
	UNIT_LEVELS,
	belongs_under,
	fiscal_months,
	holder_field,
	month_weights,
	progress_of,
)
from insurance_activity.rules.production.targets import split_count, split_target


class ProductionTarget(AppDocument):
	"""A fiscal year's results and process targets for one unit or person, with its months and gap to date."""

	def onload(self):
		self.set_onload("progress", self.progress())

	def validate(self):
		self.fill_holder()
		self.validate_parent()
		self.validate_unique()
		self.validate_figures()
		self.distribute()
		self.set_title()

	# ------------------------------------------------------------ the form's buttons (frm.call)
	@frappe.whitelist()
	def get_split_proposal(self) -> dict:
		"""Who the target splits across by default and at which level.

		Returns {"level": "Branch" | "Office" | "Team" | "Agent" | None, "rows": [{"child", "label",
		"weight": 1}]}. Needs read permission on the target.
		"""
		self.check_permission("read")
		return {"level": self.child_level(), "rows": self.split_proposal()}

	@frappe.whitelist()
	def get_progress(self) -> list[dict]:
		"""The gap to date per figure (see `progress`). Needs read permission on the target."""
		self.check_permission("read")
		return self.progress()

	def child_level(self) -> str | None:
		"""The level a target splits into; a company without branches splits straight into its offices."""
		level = NEXT_LEVEL.get(self.target_level)
		if level == "Branch" and not frappe.db.exists(
			"Department", {"company": self.company, "ia_unit_level": "Branch"}
		):
			return "Office"
		return level

	def fill_holder(self):
		"""A unit target names its Department and takes its manager as the responsible person; a team or
		agent target names the Employee (a team's is its supervisor)."""
		if self.target_level == "Company":
			self.unit = self.employee = self.employee_name = None
		elif self.target_level in UNIT_LEVELS:
			if not self.unit:
				frappe.throw(_("Choose the {0} this target is for.").format(_(self.target_level).lower()))
			level, company, manager = frappe.db.get_value(
				"Department", self.unit, ["ia_unit_level", "company", "ia_unit_manager"]
			)
			if level != self.target_level:
				frappe.throw(_("{0} is not a {1}.").format(self.unit, _(self.target_level).lower()))
			if company and company != self.company:
				frappe.throw(_("{0} belongs to {1}, not {2}.").format(self.unit, company, self.company))
			self.employee = manager
			self.employee_name = (
				frappe.db.get_value("Employee", manager, "employee_name") if manager else None
			)
		else:
			if not self.employee:
				frappe.throw(_("Choose the {0} this target is for.").format(_(self.target_level).lower()))
			if self.target_level == "Team" and not direct_reports(self.employee):
				frappe.throw(_("{0} leads no team: they have no direct reports.").format(self.employee_name))
			self.unit = office_by_department().get(
				frappe.db.get_value("Employee", self.employee, "department")
			)

	def set_title(self):
		holder = self.unit or (self.employee_name if self.employee else None) or self.company
		self.title = f"{holder} ({self.fiscal_year})"

	def validate_unique(self):
		filters = {
			"fiscal_year": self.fiscal_year,
			"target_level": self.target_level,
			"name": ("!=", self.name),
		}
		if self.target_level == "Company":
			filters["company"] = self.company
		else:
			filters[holder_field(self.target_level)] = self.get(holder_field(self.target_level))
		existing = frappe.db.get_value(TARGET, filters)
		if existing:
			frappe.throw(
				_("There is already a target for this in {0}: {1}.").format(self.fiscal_year, existing)
			)

	def validate_figures(self):
		for fieldname in ("regular_premium", "u_headcount", "activity_volume", "accompanied_visits"):
			if flt(self.get(fieldname)) < 0:
				frappe.throw(_("{0} cannot be negative.").format(_(self.meta.get_label(fieldname))))

	def validate_parent(self):
		"""A split target sits one level below the target it was split from, inside its unit or team."""
		if not self.parent_target:
			return
		parent = frappe.get_doc(TARGET, self.parent_target)
		if parent.child_level() != self.target_level or parent.fiscal_year != self.fiscal_year:
			frappe.throw(
				_("A target split from a {0} target must be a {1} target of {2}.").format(
					_(parent.target_level), _(parent.child_level() or ""), parent.fiscal_year
				)
			)
		if not belongs_under(parent, self):
			holder = self.get(holder_field(self.target_level))
			frappe.throw(
				_("{0} is not part of {1}.").format(holder, parent.get(holder_field(parent.target_level)))
			)

	def distribute(self):
		"""The monthly targets: premium, activity volume and accompanied visits spread by the distribution;
		the U headcount is a monthly level, the same every month. Without a fiscal year there is nothing to
		spread: Frappe's check of the mandatory fields names it after validate."""
		if not self.fiscal_year:
			return
		months = fiscal_months(self.fiscal_year)
		weights = month_weights(self.monthly_distribution, months)
		premium = split_target(flt(self.regular_premium), weights)
		volume = split_count(cint(self.activity_volume), weights)
		visits = split_count(cint(self.accompanied_visits), weights)
		self.set(
			"months",
			[
				{
					"month_start": month,
					"regular_premium": premium[month],
					"u_headcount": cint(self.u_headcount),
					"activity_volume": volume[month],
					"accompanied_visits": visits[month],
				}
				for month in months
			],
		)

	def split_proposal(self) -> list[dict]:
		"""Who a target splits across by default, each with weight 1: a company's branches, a branch's offices,
		an office's supervisors (not its manager), a team's supervisor and direct reports."""
		level = self.child_level()
		if not level:
			return []
		if level in UNIT_LEVELS:
			filters = {"ia_unit_level": level, "company": self.company}
			if self.target_level == "Branch":
				lft, rgt = frappe.db.get_value("Department", self.unit, ["lft", "rgt"])
				filters.update({"lft": (">", lft), "rgt": ("<", rgt)})
			units = frappe.get_all("Department", filters=filters, pluck="name", order_by="lft")
			return [{"child": unit, "label": unit, "weight": 1} for unit in units]
		if level == "Team":
			people = [e for e in unit_employees(self.unit) if e != self.employee and direct_reports(e)]
		else:
			people = [self.employee, *direct_reports(self.employee)]
		names = dict(
			frappe.get_all(
				"Employee", filters={"name": ("in", people)}, fields=["name", "employee_name"], as_list=True
			)
		)
		return [{"child": person, "label": names.get(person, person), "weight": 1} for person in people]

	@frappe.whitelist(methods=["POST"])
	def split_across(self, weights: dict | str) -> list[str]:
		"""Create or update the targets one level down, splitting every figure by the weights (the rules
		core: premium to the cent, counts in whole units, each adding up exactly to this target's).

		`weights`: {unit or employee: weight >= 0} (or its JSON). Each child target is saved with the
		caller's own permissions (only someone above its holder may set it). Returns the child targets'
		names. Errors: an agent's target, no children, a child outside this target's unit or team.
		"""
		self.check_permission("read")
		if isinstance(weights, str):
			try:
				weights = json.loads(weights)
			except ValueError:
				weights = None
		if not isinstance(weights, dict):
			frappe.throw(_("Send the weights as an object: each unit or employee with its weight."))
		level = self.child_level()
		if not level:
			frappe.throw(_("An agent's target is not split further."))
		weights = {key: flt(weight) for key, weight in weights.items() if key}
		if not weights:
			frappe.throw(_("Choose at least one {0} to split the target across.").format(_(level).lower()))
		figures = {
			"regular_premium": split_target(flt(self.regular_premium), weights),
			"u_headcount": split_count(cint(self.u_headcount), weights),
			"activity_volume": split_count(cint(self.activity_volume), weights),
			"accompanied_visits": split_count(cint(self.accompanied_visits), weights),
		}
		field = holder_field(level)
		names = []
		for key in weights:
			existing = frappe.db.get_value(TARGET, {"parent_target": self.name, field: key})
			child = frappe.get_doc(TARGET, existing) if existing else frappe.new_doc(TARGET)
			child.update(
				{
					"target_level": level,
					"fiscal_year": self.fiscal_year,
					"company": self.company,
					"parent_target": self.name,
					"monthly_distribution": self.monthly_distribution,
					field: key,
					**{fieldname: parts[key] for fieldname, parts in figures.items()},
				}
			)
			if field == "unit":  # the unit's manager holds it: who may set it is checked against them
				child.employee = unit_manager(key)
			child.save()
			names.append(child.name)
		return names

	def members(self) -> list[str]:
		"""The Employees whose results count toward the target."""
		if self.target_level == "Agent":
			return [self.employee]
		if self.target_level == "Team":
			return subtree(self.employee)
		if self.target_level in UNIT_LEVELS:
			return unit_employees(self.unit, active_only=False)  # who left still brought their results
		return frappe.get_all("Employee", filters={"company": self.company}, pluck="name")

	def progress(self, on: date | None = None) -> list[dict]:
		"""Each target's figure to date against the actual, and the gap (差距): premium, activity volume and
		accompanied visits add up from the fiscal year's first month through the current one; the U headcount
		is the current month's (production.targets.progress_of, over `members`)."""
		on = getdate(on or today())
		return progress_of([self], on, {self.name: self.members()})[self.name]
