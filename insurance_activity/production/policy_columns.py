"""The column headers of a policy file, in English and in Chinese, for Data Import and the Policy Load.

Frappe's Data Import matches a column header to a field by its label in the importing session's language,
translated without the DocType context that the form uses, and caches that map per DocType: after an
English import a Chinese file matches no column at all (a TypeError on every row), and a file with the
headers a Chinese user sees on the form misses the columns whose translation depends on the context. Data
Import also converts Currency and Date columns itself before the document sees them (frappe's flt reads
"12,5" as 125; a date it cannot guess refuses the whole file).

For Insurance Policy the app supplies that map instead (`data_import_header_map`): every label in English
and in each language the app ships, with and without context, former labels, and the amount and date
columns as text, so that the rules core reads them as it does for REST and the Policy Load. It is put in
frappe's cache (`supply_data_import_map`) just before Data Import reads a file: when a Data Import is
saved, on Data Import's own requests (preview, start, downloads) and when its background job starts
(hooks.py). Frappe's importer and its cache are used as they are; nothing of frappe is changed.
"""

import os
from contextlib import contextmanager

import frappe

from insurance_activity.production.policy_service import READ_BY_APP, TEMPLATE_FIELDS

DOCTYPE = "Insurance Policy"
IMPORT_HEADER_CACHE = "data_import_column_header_map"  # frappe's cache of Data Import's header map
DATA_IMPORT_METHODS = "/api/method/frappe.core.doctype.data_import."
DATA_IMPORT_JOB = "frappe.core.doctype.data_import.data_import.start_import"

BYTE_ORDER_MARK = "\ufeff"
# Labels a field had before, still matched so that files made from older templates keep loading.
FORMER_LABELS = {"issue_date": ("Issue Date",)}


def data_import_header_map() -> dict:
	"""Column header -> DocField of Insurance Policy, in Data Import's own shape (see frappe's
	build_fields_dict_for_column_matching), for headers in English and every language the app ships: the
	label translated without context (Data Import's template) and with it (the form), the fieldname,
	"Label (fieldname)", "ID" and former labels, each also after a byte-order mark. The fields of
	READ_BY_APP are given as Data, so the importer hands over the cell as written."""
	from frappe.core.doctype.data_import.importer import build_fields_dict_for_column_matching

	out = {}
	for language in header_languages():
		with session_language(language):
			for header, df in build_fields_dict_for_column_matching(DOCTYPE).items():
				out.setdefault(header, df)
			for df in frappe.get_meta(DOCTYPE).fields:
				if df.label and df.fieldname in out:
					label = frappe._(df.label, context=DOCTYPE)
					out.setdefault(label, out[df.fieldname])
					out.setdefault(f"{label} ({df.fieldname})", out[df.fieldname])
	for fieldname, labels in FORMER_LABELS.items():
		for label in labels:
			out.setdefault(label, out[fieldname])
	# Excel saves "CSV UTF-8" with a byte-order mark, which frappe's CSV reader leaves on the first header
	for header in list(out):
		out.setdefault(BYTE_ORDER_MARK + header, out[header])

	as_text = {}
	for header, df in out.items():
		if df.get("fieldname") in READ_BY_APP:
			if df.fieldname not in as_text:
				as_text[df.fieldname] = frappe._dict(df if isinstance(df, dict) else df.as_dict())
				as_text[df.fieldname].fieldtype = "Data"
			out[header] = as_text[df.fieldname]
	return out


def policy_file_headers() -> dict[str, str]:
	"""Column header -> policy field, for the Policy Load: the same headers as Data Import matches."""
	return {
		header: df.fieldname
		for header, df in data_import_header_map().items()
		if df.get("fieldname") in TEMPLATE_FIELDS
	}


def header_languages() -> list[str]:
	"""English, the languages the app ships translations for, the system's and the session's."""
	translations = frappe.get_app_path("insurance_activity", "translations")
	shipped = sorted(os.path.splitext(name)[0] for name in os.listdir(translations) if name.endswith(".csv"))
	languages = ["en", *shipped, frappe.db.get_default("lang"), frappe.local.lang]
	return list(dict.fromkeys(language for language in languages if language))


@contextmanager
def session_language(language: str):
	before = frappe.local.lang
	frappe.local.lang = language
	try:
		yield
	finally:
		frappe.local.lang = before


# --- Putting the map where Data Import reads it (hooks.py) ----------------------------------------------


def supply_data_import_map():
	"""Put the app's header map in frappe's per-DocType cache, where Data Import looks it up."""
	frappe.cache.hset(IMPORT_HEADER_CACHE, DOCTYPE, data_import_header_map())


def on_data_import_save(doc, method=None):
	"""doc_events before_validate: a Data Import of policies is saved (frappe reads its file in validate)."""
	if doc.reference_doctype == DOCTYPE:
		supply_data_import_map()


def on_data_import_request():
	"""before_request: Data Import's preview, start and downloads read the file again."""
	request = getattr(frappe.local, "request", None)
	if request is not None and request.path.startswith(DATA_IMPORT_METHODS):
		supply_data_import_map()


def on_data_import_job(method=None, kwargs=None, **_ignored):
	"""before_job: the background job of a Data Import of policies."""
	if method == DATA_IMPORT_JOB and (kwargs or {}).get("data_import"):
		if frappe.db.get_value("Data Import", kwargs["data_import"], "reference_doctype") == DOCTYPE:
			supply_data_import_map()
