"""Numbers and dates as people and scripts really send them (issue 20's bad-input corpus).

A form sends numbers as numbers; a script, an import or a phone's input method may send a full-width "5" (as a
Chinese input method types it), "1,200", "three", a list, or a date that is a list. Frappe stores what its
own casting makes of a number (`cint("three")` is 0, silently) and a controller comparing such a value fails
with a TypeError, a 500 with a traceback. Before any of the app's documents is validated (`before_validate`
for every doctype of the app, child rows included), each number field is read as the number it spells
(full-width digits and thousands separators understood) or refused, naming the field and the row, in the
user's language; a date or time field holding a list or a mapping is refused the same way. Nothing is
stored. Frappe's own date parsing then judges a date given as text.

The same hook refuses, naming the field and the row, what Frappe v15 would store or fail on with a 500 (found
by the bad-input corpus, tests/integration/test_bad_input_every_doctype.py): a list or a mapping in any other
field but a table or a JSON one (a mapping reaches the database driver: a TypeError; a mapping in the field a
record is named by becomes its name), a text longer than its column holds (Frappe measures it only after
`validate`, on what the controller made of it: a phone of 2,000 letters was stored as no phone), and a link to
a record that does not exist where Frappe's link check is silent (a link other fields fetch from).

A list or a mapping is refused earlier too, at the start of Frappe's link check (`refuse_structures`, run by
`controllers/document.AppDocument`, the base of every doctype of the app), before Frappe reads a link or names
the record: a list or a mapping in a link field or in the naming series is refused there, not made a 500.
"""

import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache

import frappe
from frappe import _
from frappe.utils import cint, escape_html

APP = "insurance_activity"
NUMBER_TYPES = ("Int", "Float", "Currency", "Percent")
WHOLE_NUMBER_TYPES = ("Int",)
DATE_TYPES = ("Date", "Datetime", "Time")
# the fields whose value is a structure: a table's rows, JSON (every other field holds one value)
STRUCTURED_TYPES = ("Table", "Table MultiSelect", "JSON", "Geolocation")


def refuse_malformed(doc, method=None) -> None:
	"""doc_events "*" before_validate: the app's documents and their rows only (other apps' are left to them).
	Raises frappe.ValidationError for a value that is not a number or a date, a list or a mapping in a field
	holding one value, an over-long text, or a missing record a field fetches from."""
	if doc.meta.module not in app_modules():
		return
	check_values(doc)
	refuse_missing_links(doc, doc)
	for row in doc.get_all_children():
		check_values(row, row.idx)
		refuse_missing_links(row, doc, row.idx)


def refuse_structures(doc) -> None:
	"""AppDocument, before Frappe's link check and naming: a list or a mapping in a field of `doc` or of its
	rows that holds one value (anything but a table or a JSON field) refused as `check_values` refuses it,
	with the same message. Nothing else is judged this early: a controller's own `before_insert` may still
	read a value from text (Insurance Policy's amounts and dates)."""
	for each, row in ((doc, None), *((r, r.idx) for r in doc.get_all_children())):
		for df in each.meta.fields:
			value = each.get(df.fieldname)
			if df.fieldtype not in STRUCTURED_TYPES and isinstance(value, list | tuple | set | dict):
				refuse(not_one_value(df), df, value, row)


def not_one_value(df) -> str:
	"""The message for a list or a mapping in the field `df` (placeholders: the field, the value)."""
	if df.fieldtype in NUMBER_TYPES:
		return _("{0} must be a number, not {1}.")
	if df.fieldtype in DATE_TYPES:
		return _("{0} must be a date or a time, not {1}.")
	return _("{0} must be a single value, not {1}.")


@cache  # modules.txt, read once a process: this runs before every document of the site is validated
def app_modules() -> frozenset[str]:
	return frozenset(frappe.get_module_list(APP))


def check_values(doc, row: int | None = None) -> None:
	"""Each number field of `doc` set to the number it spells; frappe.ValidationError for one that spells
	none, for a date or time field holding a list or a mapping, for a list or a mapping in any other field
	holding one value, and for a text longer than its column (`row`: the child row's number)."""
	for df in doc.meta.fields:
		value = doc.get(df.fieldname)
		if value is None or value == "":
			continue
		if df.fieldtype in NUMBER_TYPES:
			doc.set(df.fieldname, as_number(value, df, row))
		elif df.fieldtype in DATE_TYPES and not isinstance(value, str | date | datetime | time | timedelta):
			refuse(not_one_value(df), df, value, row)
		elif df.fieldtype not in STRUCTURED_TYPES and isinstance(value, list | tuple | set | dict):
			refuse(not_one_value(df), df, value, row)
		elif isinstance(value, str) and not doc.meta.issingle and len(value) > column_length(df):
			refuse(
				_("{0} holds at most {2} characters, not {3}."), df, value, row, column_length(df), len(value)
			)


def column_length(df) -> float:
	"""How many characters the field's column holds: a varchar's length (the field's own, else the type's
	default: Data 140), as Frappe's BaseDocument._validate_length reads it; a text column (Small Text, Text):
	no limit here. A Single's values are stored as text, without a limit."""
	column_type, default_length = frappe.db.type_map.get(df.fieldtype, (None, None))
	if column_type != "varchar":
		return float("inf")
	return cint(df.get("length")) or cint(default_length) or float("inf")


def refuse_missing_links(doc, parent, row: int | None = None) -> None:
	"""A link to a record that does not exist is refused where Frappe's own check is silent: Frappe v15's
	BaseDocument.get_invalid_links fetches the linked record's values for the fields that fetch from the link
	and, when it finds none, neither fetches nor refuses, so a row naming an Employee that does not exist was
	stored. `parent`: the document saved (its flags: a save that ignores links is left alone)."""
	if parent.flags.ignore_links:
		return
	for df in doc.meta.get_link_fields():
		value = doc.get(df.fieldname)
		if not (value and isinstance(value, str) and df.options):
			continue
		if not doc.meta.get_fields_to_fetch(df.fieldname):
			continue  # Frappe's own link check refuses it
		linked = frappe.get_meta(df.options)
		if not (linked.issingle or linked.is_virtual) and not frappe.db.exists(df.options, value, cache=True):
			refuse(_("{0}: {1} does not exist."), df, value, row)


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


def refuse(message: str, df, value, row: int | None, *more) -> None:
	"""frappe.ValidationError naming the field ({0}), the value as typed (escaped, at most 40 characters: {1})
	and the row; `more`: the message's further placeholders ({2}, ...)."""
	shown = escape_html(str(value)[:40])
	text = message.format(_(df.label or df.fieldname), shown, *more)
	frappe.throw(_("Row {0}: {1}").format(row, text) if row else text, title=_("Not a Valid Value"))
