"""Filter checks shared by the app's script reports: a clear message for bad input, nothing computed."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import escape_html, getdate

from insurance_activity.controllers.typed_input import read_date_text

# The filters the app's reports link by (their scripts: public/js/report_filters.js and each report's .js):
# fieldname -> (doctype, label, the label's translation context as the script gives it). A value naming no record is refused here, before a report reads it as a
# tree node or an ID.
LINKS = {
	"office": ("Department", "Office", "Department"),
	"supervisor": ("Employee", "Supervisor", None),
	"contest": ("Points Contest", "Points Contest", None),
	"meeting_type": ("Meeting Type", "Meeting Type", None),
	"fiscal_year": ("Fiscal Year", "Fiscal Year", None),
}
# The date filters of the app's reports: fieldname -> label.
DATES = {
	"from_date": "From Date",
	"to_date": "To Date",
	"date": "Date",
	"on": "As On",  # Week Ending on Customer Inventory
	"week_of": "Week Of",
	"month_of": "Month Of",
}


def read_filters(filters) -> frappe._dict:
	"""The filters a script report of the app runs with (its `execute` starts here), as a frappe._dict.

	Every filter of the app's reports holds one value: a list or a mapping (a script's, or a URL's) is
	refused; a date filter holds a date (a `datetime.date` or text Frappe reads as one, then stored as a
	date); a link filter (LINKS) names an existing record. Each refusal is a frappe.ValidationError in the
	user's language naming the filter and the value as sent (escaped): never a 500 from a report's query.
	The report's own checks (validate_date_range, validate_group_by, its Select values) then judge the rest.
	"""
	filters = frappe._dict(filters or {})
	for name, value in filters.items():
		if value is None or value == "":
			continue
		if isinstance(value, list | tuple | set | dict):
			refuse(_("The filter {0} must be a single value, not {1}."), name, value)
		if name in DATES:
			filters[name] = as_date(name, value)
		elif name in LINKS and not frappe.db.exists(LINKS[name][0], value):
			refuse(_("{0} {1} does not exist."), name, value)
	return filters


def as_date(name: str, value) -> date:
	"""A date filter's value as a date; frappe.ValidationError for text that is no date as the report's date
	picker writes it (typed_input.read_date_text)."""
	if isinstance(value, date):
		return getdate(value)
	day = read_date_text(value, "Date")
	if day is None:
		refuse(_("{0} must be a date, not {1}."), name, value)
	return day


def refuse(message: str, name: str, value) -> None:
	"""frappe.ValidationError: `message` with the filter's label ({0}) and the value as sent ({1}, escaped)."""
	_doctype, label, context = LINKS.get(name, (None, DATES.get(name) or frappe.unscrub(name), None))
	label = _(label, context=context)
	frappe.throw(message.format(label, escape_html(str(value)[:40])), title=_("Not a Valid Filter"))


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
