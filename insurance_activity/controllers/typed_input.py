"""Numbers and dates as people and scripts really send them (issue 20's bad-input corpus).

A form sends numbers as numbers; a script, an import or a phone's input method may send a full-width "5" (as a
Chinese input method types it), "1,200", "three", a list, or a date that is a list. Frappe stores what its
own casting makes of a number (`cint("three")` is 0, silently) and a controller comparing such a value fails
with a TypeError, a 500 with a traceback. Before any of the app's documents is validated (`before_validate`
for every doctype of the app, child rows included), each number field is read as the number it spells
(full-width digits and thousands separators understood) or refused, naming the field and the row, in the
user's language; a date or time field holding a list or a mapping is refused the same way. Nothing is
stored. Frappe's own date parsing then judges a date given as text.
"""

import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache

import frappe
from frappe import _
from frappe.utils import escape_html

APP = "insurance_activity"
NUMBER_TYPES = ("Int", "Float", "Currency", "Percent")
WHOLE_NUMBER_TYPES = ("Int",)
DATE_TYPES = ("Date", "Datetime", "Time")


def refuse_malformed(doc, method=None) -> None:
	"""doc_events "*" before_validate: the app's documents and their rows only (other apps' are left to
	them). Raises frappe.ValidationError for a value that is not a number or a date."""
	if doc.meta.module not in app_modules():
		return
	check_values(doc)
	for row in doc.get_all_children():
		check_values(row, row.idx)


@cache  # modules.txt, read once a process: this runs before every document of the site is validated
def app_modules() -> frozenset[str]:
	return frozenset(frappe.get_module_list(APP))


def check_values(doc, row: int | None = None) -> None:
	"""Each number field of `doc` set to the number it spells; frappe.ValidationError for one that spells
	none, or for a date or time field holding a list or a mapping (`row`: the child row's number)."""
	for df in doc.meta.fields:
		value = doc.get(df.fieldname)
		if value is None or value == "":
			continue
		if df.fieldtype in NUMBER_TYPES:
			doc.set(df.fieldname, as_number(value, df, row))
		elif df.fieldtype in DATE_TYPES and not isinstance(value, str | date | datetime | time | timedelta):
			refuse(_("{0} must be a date or a time, not {1}."), df, value, row)


def as_number(value, df, row: int | None):
	"""The number `value` spells for the field: an int for a whole-number field, else a float; a number is
	kept as it is. Full-width digits, spaces and thousands separators are read (full-width "1,200" is 1200)."""
	if isinstance(value, bool):
		return int(value)
	if isinstance(value, int | float | Decimal):
		return value
	if isinstance(value, str):
		text = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace(" ", "")
		try:
			number = Decimal(text)
		except InvalidOperation:
			number = None
		if number is not None and number.is_finite():
			if df.fieldtype not in WHOLE_NUMBER_TYPES:
				return float(number)
			if number == number.to_integral_value():
				return int(number)
			refuse(_("{0} must be a whole number, not {1}."), df, value, row)
	refuse(_("{0} must be a number, not {1}."), df, value, row)


def refuse(message: str, df, value, row: int | None) -> None:
	shown = escape_html(str(value)[:40])
	text = message.format(_(df.label or df.fieldname), shown)
	frappe.throw(_("Row {0}: {1}").format(row, text) if row else text, title=_("Not a Valid Value"))
