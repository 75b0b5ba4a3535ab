# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import getdate, today

from insurance_activity.activity import agent_log_service as service
from insurance_activity.controllers.times import KeepsBlankTimes
from insurance_activity.org import employee_of_user
from insurance_activity.permissions.hierarchy import sees_all_units, visible_employees
from insurance_activity.rules import agent_log_rules as rules


class AgentLog(KeepsBlankTimes):
	"""A day's work log (活动日志) of one agent, with the 5311 subtotal and, for a supervisor, the 111."""

	def _validate_links(self):
		# name the row, the party type and the party before frappe's generic "Could not find" message
		service.validate_parties(self)
		super()._validate_links()

	def before_validate(self):
		service.fill_header(self)

	def validate(self):
		self.validate_date()
		service.validate_edit_window(self)
		service.validate_one_log_per_day(self)
		self.validate_counts()
		service.validate_phones(self)
		service.link_new_prospects(self)
		service.validate_party_ownership(self)
		service.compute_attainment(self)

	def db_insert(self, *args, **kwargs):
		with service.one_live_log_per_day(self):
			super().db_insert(*args, **kwargs)

	def db_update(self):
		with service.one_live_log_per_day(self):
			super().db_update()

	def before_cancel(self):
		service.validate_edit_window(self, need_reason=False)

	def validate_higher_perm_levels(self):
		# a review by someone who may not review is refused here, before frappe would silently reset the
		# permission-level-1 review fields to their stored values (insert, save, update after submit, REST)
		service.validate_review(self)
		super().validate_higher_perm_levels()

	def validate_date(self):
		if rules.check_log_date(getdate(self.log_date), getdate(today())):
			frappe.throw(
				_("A work log cannot be for a future date ({0}).").format(self.get_formatted("log_date"))
			)

	def validate_counts(self):
		for row in self.activities:
			error = rules.check_count(row.activity_count if row.activity_count is not None else 1)
			if error == rules.NEGATIVE_COUNT:
				frappe.throw(_("Row {0}: the count cannot be negative.").format(row.idx))
			if error == rules.ZERO_COUNT:
				frappe.throw(
					_("Row {0}: the count must be at least 1; remove the row instead.").format(row.idx)
				)


def loggable_agents(user: str | None = None):
	"""Query-builder subquery of the Employees `user` may keep a work log for under the one permission
	rule: themself and their reporting subtree and managed units (自己及下属); every active Employee for an
	admin; None when the user is not an Employee (then nobody)."""
	user = user or frappe.session.user
	people = DocType("Employee").as_("loggable")
	query = frappe.qb.from_(people).select(people.name).where(people.status == "Active")
	if sees_all_units(user):
		return query
	me = employee_of_user(user)
	return query.where(people.name.isin(visible_employees(me))) if me else None


@frappe.whitelist()
def new_log_defaults() -> dict:
	"""What a new log form starts with: {"agent": the user's own Employee or None, "agent_fixed": True when
	the user may log for nobody else (an agent: the field is read-only)}."""
	me = employee_of_user()
	subquery = loggable_agents()
	others = 0
	if subquery is not None:
		people = DocType("Employee")
		others = (
			frappe.qb.from_(people)
			.select(people.name)
			.where(people.name.isin(subquery) & (people.name != (me or "")))
			.limit(1)
			.run()
		)
	return {"agent": me, "agent_fixed": bool(me) and not others}


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def agent_query(doctype, txt, searchfield, start, page_len, filters):
	"""Link query of a log's Agent field (desk picker and /api/method/frappe.desk.search.search_link with
	this query): [(employee, employee_name)] of the active Employees the user may log for, matching `txt`
	in the ID or the name, by name. A user who is not an Employee (and no admin) gets []."""
	subquery = loggable_agents()
	if subquery is None:
		return []
	people = DocType("Employee")
	query = (
		frappe.qb.from_(people).select(people.name, people.employee_name).where(people.name.isin(subquery))
	)
	if txt:
		query = query.where(people.name.like(f"%{txt}%") | people.employee_name.like(f"%{txt}%"))
	return query.orderby(people.employee_name).orderby(people.name).limit(page_len).offset(start).run()
