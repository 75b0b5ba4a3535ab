"""Shell around the rules core for activity standards: reads Activity Standard and Holiday List records."""

from datetime import date

import frappe
from frappe.utils import getdate

from insurance_activity.rules.activity_standards import (
	AGENT_ITEMS,
	ROLE_AGENT,
	ROLE_SUPERVISOR,
	SUPERVISOR_ITEMS,
	Standard,
	select_standard,
)


def load_standards() -> list[Standard]:
	"""Every enabled standard as core data (a handful of rows; read fresh so a new standard applies at once)."""
	fields = [
		"name",
		"role",
		"productivity_tier",
		"effective_from",
		"effective_to",
		*AGENT_ITEMS,
		*SUPERVISOR_ITEMS,
	]
	return [
		Standard(
			name=row.name,
			role=row.role,
			tier=row.productivity_tier,
			effective_from=getdate(row.effective_from) if row.effective_from else None,
			effective_to=getdate(row.effective_to) if row.effective_to else None,
			targets={
				item: row.get(item) or 0
				for item in (AGENT_ITEMS if row.role == ROLE_AGENT else SUPERVISOR_ITEMS)
			},
		)
		for row in frappe.get_all("Activity Standard", filters={"enabled": 1}, fields=fields)
	]


def agent_standard(tier: str | None, day: date) -> Standard | None:
	return select_standard(load_standards(), ROLE_AGENT, tier, day)


def supervisor_standard(tier: str | None, day: date) -> Standard | None:
	return select_standard(load_standards(), ROLE_SUPERVISOR, tier, day)


def holiday_list_of(employee: str) -> str | None:
	"""The employee's Holiday List, else the company's, else the one in Insurance Activity Settings."""
	from erpnext.setup.doctype.employee.employee import get_holiday_list_for_employee

	return get_holiday_list_for_employee(employee, raise_exception=False) or frappe.db.get_single_value(
		"Insurance Activity Settings", "default_holiday_list"
	)


def holidays_between(holiday_list: str | None, start: date, end: date) -> set[date]:
	if not holiday_list:
		return set()
	return {
		getdate(d)
		for d in frappe.get_all(
			"Holiday",
			filters={"parent": holiday_list, "holiday_date": ("between", [start, end])},
			pluck="holiday_date",
		)
	}
