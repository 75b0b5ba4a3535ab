"""Callback officers' load across checks (回访专员的每日回访量): what the morning sampling and a hand assignment
both count against the capacity of an officer per day (Checks per Officer per Day)."""

import frappe

CHECK = "Callback Check"


def officer_load(officers: list[str], callback_date, exclude: str | None = None) -> dict[str, int]:
	"""Checks each officer already has for that day (capacity is per officer per day), whatever their
	status or source: officer -> count. exclude: a check not to count (the one being assigned)."""
	if not officers or not callback_date:
		return {}
	filters = {"assigned_officer": ("in", officers), "callback_date": callback_date}
	if exclude:
		filters["name"] = ("!=", exclude)
	rows = frappe.get_all(
		CHECK,
		filters=filters,
		fields=["assigned_officer", "count(name) as checks"],
		group_by="assigned_officer",
	)
	return {r.assigned_officer: r.checks for r in rows}
