"""Numbers and dates as people and scripts really send them (issue 20's bad-input corpus).

A form sends numbers as numbers; a script, an import or a phone's input method may send a full-width "5" (as a
Chinese input method types it), "1,200", "three", NaN, 1e300, a list, a date that is a list, 0000-00-00 or
12/03/2026. Frappe stores what its own casting makes of a number (`cint("three")` is 0, silently), hands a
date the database cannot read to the database (an error), and a controller comparing such a value fails with
a TypeError: a 500 with a traceback. Where Frappe starts a save's own methods (`AppDocument.
run_before_save_methods`: before the controller's `before_validate` and `validate`, for every doctype of the
app, child rows included), each number field is read as the number it spells (full-width digits and thousands
separators understood) within what its column holds, and each date or time given as text must be written as
the desk writes it (2026-12-04, 2026-12-04 09:30:00, 09:30); anything else is refused, naming the field and
the row, in the user's language. Nothing is stored.

The same check refuses, naming the field and the row, what Frappe v15 would store or fail on with a 500 (found
by the bad-input corpus, tests/integration/test_bad_input_every_doctype.py): a list or a mapping in any other
field but a table or a JSON one (a mapping reaches the database driver: a TypeError; a mapping in the field a
record is named by becomes its name), a text longer than its column holds (Frappe measures a varchar only
after `validate`, on what the controller made of it: a phone of 2,000 letters was stored as no phone; a TEXT
column's 64 KB not at all: a database error), a naming series the doctype does not offer (an agent's own
"HACK-.####" named a log), and a link to a record that does not exist where Frappe's link check is silent (a
link other fields fetch from). A number sent for a text field (a phone as 13900139000) is read as its digits.

A list or a mapping is refused earlier too, at the start of Frappe's link check (`refuse_structures`, run by
`controllers/document.AppDocument`, the base of every doctype of the app), before Frappe reads a link or names
the record: a list or a mapping in a link field or in the naming series is refused there, not made a 500.
"""

import re
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
# the fields holding text: a number sent for one is read as its digits
TEXT_TYPES = ("Data", "Small Text", "Text", "Long Text", "Select", "Phone")
TEXT_BYTES = 65535  # a TEXT column's size (Small Text, Text)
# the years a date may name: past them date arithmetic overflows (9999-12-31 plus a week) and no business
# record is dated before 1900 (a sampling run "for 1800-01-01" was stored)
FIRST_YEAR, LAST_YEAR = 1900, 2999
ONE_LINE_TYPES = ("Data", "Phone", "Select", "Link", "Dynamic Link", "Autocomplete")
# control characters but tab and line breaks; bidirectional overrides and isolates; zero-width space; BOM
UNSEEN_ANYWHERE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")
UNSEEN_IN_ONE_LINE = re.compile("[\t\n\r]")
# a date (and time) and a time as the desk and the database write them (the desk's time picker may send
# 23:30:9.380643: one digit of seconds, with a fraction)
DATE_AND_TIME = re.compile(
	r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
	r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?::(?P<second>\d{1,2})(?P<fraction>\.\d{1,6})?)?)?"
)
TIME = re.compile(r"(?P<hour>\d{1,2}):(?P<minute>\d{1,2})(?::(?P<second>\d{1,2})(?P<fraction>\.\d{1,6})?)?")
# the largest number each numeric column holds: int(11) is a signed 32-bit int, decimal(21,9) 12 digits
COLUMN_LIMITS = {"int": 2**31 - 1, "bigint": 2**63 - 1, "decimal": 10**12}
# the fields whose value is a structure: a table's rows, JSON (every other field holds one value)
STRUCTURED_TYPES = ("Table", "Table MultiSelect", "JSON", "Geolocation")
# Frappe's standard fields of every record (frappe.model.default_fields), outside the doctype's own fields
IDX_FIELD = frappe._dict(fieldname="idx", label="Row Number", fieldtype="Int")
DOCSTATUS_FIELD = frappe._dict(fieldname="docstatus", label="Document Status", fieldtype="Int")


def refuse_malformed(doc, method=None) -> None:
	"""AppDocument.run_before_save_methods (controllers/document.py): the app's documents and their rows.
	Raises frappe.ValidationError for a value that is not a number or a date, a list or a mapping in a field
	holding one value, an over-long text, or a missing record a field fetches from."""
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


def as_rows(doc, fieldname: str, rows) -> list:
	"""The rows given for the table field `fieldname` of `doc` as a list, each a mapping or a document;
	frappe.ValidationError naming the table for a mapping, text, a number, or rows that are not mappings
	(Frappe iterates the value and fails on the first row that is not a mapping: a 500)."""
	from frappe.model.base_document import BaseDocument

	if not isinstance(rows, str | bytes | dict | int | float):
		try:
			rows = list(rows)
		except TypeError:
			pass
	if isinstance(rows, list) and all(isinstance(r, dict | BaseDocument) for r in rows):
		return rows
	df = doc.meta.get_field(fieldname) or frappe._dict(fieldname=fieldname, label=fieldname)
	refuse(_("{0} must be a list of rows, not {1}."), df, rows, None)


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


def is_app_doctype(doctype) -> bool:
	return of_app("DocType", doctype)


def is_app_report(report) -> bool:
	return of_app("Report", report)


def of_app(kind: str, name) -> bool:
	"""Whether `name` is a DocType or a Report (`kind`) of one of the app's modules."""
	return (
		isinstance(name, str)
		and bool(name)
		and frappe.db.get_value(kind, name, "module", cache=True) in app_modules()
	)


def check_values(doc, row: int | None = None) -> None:
	"""Each number field of `doc` set to the number it spells; frappe.ValidationError for one that spells
	none or lies outside what its column holds, for a date or a time the database cannot read (as_date_text),
	for a list or a mapping in any field holding one value, for a naming series that is not one of the
	doctype's, and for a text longer than its column (`row`: the child row's number). A number sent for a
	text (a phone typed as 13900139000 by a script) is read as its digits. A row's number (`idx`, a standard
	field of every record) must be a whole number its column holds, as a number field's."""
	if doc.get("idx") not in (None, ""):
		doc.idx = as_number(doc.idx, IDX_FIELD, None)
	for df in doc.meta.fields:
		value = doc.get(df.fieldname)
		if value is None or value == "":
			continue
		if df.fieldtype in NUMBER_TYPES:
			doc.set(df.fieldname, as_number(value, df, row))
		elif df.fieldtype in DATE_TYPES and isinstance(value, str):
			as_date_text(value, df, row)
		elif df.fieldtype in DATE_TYPES and not isinstance(value, date | datetime | time | timedelta):
			refuse(not_one_value(df), df, value, row)
		elif df.fieldtype not in STRUCTURED_TYPES and isinstance(value, list | tuple | set | dict):
			refuse(not_one_value(df), df, value, row)
		elif (
			df.fieldtype in TEXT_TYPES
			and isinstance(value, int | float | Decimal)
			and not isinstance(value, bool)
		):
			doc.set(df.fieldname, str(value))
		elif df.fieldtype == "Check" and (isinstance(value, float) or value not in (0, 1, "0", "1")):
			refuse(_("{0} must be 1 (yes) or 0 (no), not {1}."), df, value, row)
		elif df.fieldname == "naming_series" and value not in (df.options or "").split("\n"):
			refuse(
				_("{0} must be one of {2}, not {1}."), df, value, row, ", ".join((df.options or "").split())
			)
		elif isinstance(value, str):
			refuse_unseen_characters(value, df, row)
			if not doc.meta.issingle:
				refuse_over_long(value, df, row)


def refuse_unseen_characters(value: str, df, row: int | None) -> None:
	"""A text holding a character nobody typed and nobody sees: a control character (NUL, a backspace; a line
	break or a tab in a one-line field: Data, Phone, Select, Link), a right-to-left override (U+202E shows
	"exe.txt" as "txt.exe"), a byte order mark or a zero-width space (two names that look alike differ).
	frappe.ValidationError naming the field and the character (U+0000). Line breaks and tabs stay allowed
	in the other texts (Small Text, Text, Long Text, Text Editor, JSON)."""
	found = UNSEEN_ANYWHERE.search(value)
	if not found and df.fieldtype in ONE_LINE_TYPES:
		found = UNSEEN_IN_ONE_LINE.search(value)
	if found:
		refuse(
			_("{0} holds a character that cannot be seen ({2}), not {1}."),
			df,
			value,
			row,
			f"U+{ord(found.group()):04X}",
		)


def check_docstatus(value) -> None:
	"""A document's status as sent: 0 (draft), 1 (submitted) or 2 (cancelled), as a number or its digit, or
	none; frappe.ValidationError for anything else."""
	if value in (None, "") or (not isinstance(value, bool) and value in (0, 1, 2, "0", "1", "2")):
		return
	refuse(_("{0} must be 0 (draft), 1 (submitted) or 2 (cancelled), not {1}."), DOCSTATUS_FIELD, value, None)


def refuse_over_long(value: str, df, row: int | None) -> None:
	"""A text longer than its column: a varchar's characters (the field's length, else the type's default:
	Data 140, as Frappe's BaseDocument._validate_length reads it), a TEXT column's 65,535 bytes (Small Text,
	Text: a Chinese character takes three, an emoji four). A Single's values are stored without a limit."""
	column_type, default_length = frappe.db.type_map.get(df.fieldtype, (None, None))
	if column_type == "varchar":
		length = cint(df.get("length")) or cint(default_length)
		if length and len(value) > length:
			refuse(_("{0} holds at most {2} characters, not {3}."), df, value, row, length, len(value))
	elif column_type == "text" and len(value) > TEXT_BYTES // 4 and len(value.encode()) > TEXT_BYTES:
		refuse(_("{0} is too long: {3} bytes, at most {2}."), df, value, row, TEXT_BYTES, len(value.encode()))


def as_date_text(value: str, df, row: int | None) -> date | datetime | time:
	"""The date, date and time, or time `value` writes as the desk and the database write it (2026-12-04,
	2026-12-04 09:30:00, 09:30); frappe.ValidationError for any other text (0000-00-00, 12/03/2026, 25:61):
	the database refuses it with an error, or Frappe reads 0000-00-00 as no date."""
	read = read_date_text(value, df.fieldtype)
	if read is None:
		example = {"Date": "2026-12-04", "Datetime": "2026-12-04 09:30:00", "Time": "09:30"}[df.fieldtype]
		refuse(_("{0} must be written as {2}, not {1}."), df, value, row, example)
	return read


def read_date_text(value: str, fieldtype: str = "Date") -> date | datetime | time | None:
	"""The date (Date), date and time (Datetime: a time may be left out) or time (Time) `value` writes as
	the desk, the report's date picker and the database write them (2026-12-04, 2026-12-04 09:30:00, 09:30,
	23:30:9.380643 from the desk's time picker) in the years FIRST_YEAR-LAST_YEAR; None for any other text
	(0000-00-00, 12/03/2026, 25:61, "noon", "1", 9999-12-31). Our own parse: Frappe's getdate guesses the order of 12/03/2026, reads "1" as the first of
	this month and returns None for 0000-00-00."""
	found = (TIME if fieldtype == "Time" else DATE_AND_TIME).fullmatch(str(value).strip())
	if not found:
		return None
	parts = {k: int(v or 0) for k, v in found.groupdict().items() if k != "fraction"}
	try:
		at = time(parts["hour"], parts["minute"], parts["second"])
		if fieldtype == "Time":
			return at
		day = date(parts["year"], parts["month"], parts["day"])
	except ValueError:
		return None
	if not FIRST_YEAR <= day.year <= LAST_YEAR:
		return None
	return datetime.combine(day, at) if fieldtype == "Datetime" else day


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
	kept as it is. Full-width digits, spaces and thousands separators are read (full-width "1,200" is 1200).
	frappe.ValidationError for no number, a fraction in a whole-number field, NaN or infinity, and a number
	beyond what the field's column holds (COLUMN_LIMITS: the database would refuse it with an error)."""
	if isinstance(value, bool):
		return int(value)
	number = None
	if isinstance(value, int | float | Decimal):
		number = Decimal(value)
	elif isinstance(value, str):
		text = unicodedata.normalize("NFKC", value).strip().replace(",", "").replace(" ", "")
		try:
			number = Decimal(text)
		except InvalidOperation:
			number = None
	if number is None or not number.is_finite():
		refuse(_("{0} must be a number, not {1}."), df, value, row)
	column_type = frappe.db.type_map.get(df.fieldtype, (None, None))[0]
	if abs(number) >= COLUMN_LIMITS.get(column_type, float("inf")):
		refuse(_("{0} is out of range: {1}."), df, value, row)
	if isinstance(value, int | float | Decimal):
		return value
	if df.fieldtype not in WHOLE_NUMBER_TYPES:
		return float(number)
	if number == number.to_integral_value():
		return int(number)
	refuse(_("{0} must be a whole number, not {1}."), df, value, row)


def refuse(message: str, df, value, row: int | None, *more) -> None:
	"""frappe.ValidationError naming the field ({0}), the value as typed (escaped, at most 40 characters: {1})
	and the row; `more`: the message's further placeholders ({2}, ...)."""
	shown = escape_html(str(value)[:40])
	text = message.format(_(df.label or df.fieldname), shown, *more)
	frappe.throw(_("Row {0}: {1}").format(row, text) if row else text, title=_("Not a Valid Value"))
