"""Filter checks shared by the app's script reports: a clear message for bad input, nothing computed."""

import frappe
from frappe import _
from frappe.utils import getdate


def validate_date_range(filters) -> None:
	"""Both dates set, and From Date not after To Date; the filters then hold dates."""
	if not (filters.from_date and filters.to_date):
		frappe.throw(_("Please set From Date and To Date."))
	filters.from_date, filters.to_date = getdate(filters.from_date), getdate(filters.to_date)
	if filters.from_date > filters.to_date:
		frappe.throw(_("From Date cannot be after To Date."))


def validate_group_by(filters, group_fields, default: str) -> None:
	"""The grouping is one the report knows; empty means `default`."""
	filters.group_by = filters.group_by or default
	if filters.group_by not in group_fields:
		frappe.throw(_("Group By must be one of {0}.").format(", ".join(_(g) for g in group_fields)))
