"""The shape of a request's arguments, checked before Frappe reads them (issue 20, the bad-input corpus).

Frappe v15 reads a list's, a search's and a report's arguments on its own paths before any code of the app
runs, and a script's or a hand-edited URL's argument of the wrong shape fails there with a 500 and a traceback:
`frappe.desk.reportview.get` and `GET /api/resource/<doctype>` put a negative page length into SQL
(`LIMIT -1`) and iterate filters that are a number; `frappe.desk.search.search_link` reads nested filters as
a field; `frappe.desk.query_report.run` makes a `frappe._dict` of filters that are a list; `frappe.client.
set_value` of a child row that does not exist reads its parent from None; text holding a lone surrogate (no
character: a broken script's JSON, `"\\ud800"`) reaches the database driver, which cannot encode it; and
Frappe's own check of a whitelisted method's argument types answers in English (an f-string).

`check_request` (a `before_request` hook: after Frappe has read the arguments and the session and set the
user's language, before the method runs) refuses each in the user's language, naming the argument, with a
4xx, for the app's doctypes, reports and methods (a lone surrogate on any request: no text holds one).
Frappe offers no hook on those paths but `before_request`, hence one check here rather than an override of
each of Frappe's methods.
"""

import json
import re
from functools import reduce
from types import NoneType, UnionType
from typing import Union, get_args, get_origin

import frappe
from frappe import _
from frappe.utils import escape_html

from insurance_activity.controllers.typed_input import app_modules

# Frappe's list and search methods, and the arguments each reads as a count of rows
LIST_METHODS = {
	"frappe.desk.reportview.get": ("start", "page_length", "limit"),
	"frappe.desk.reportview.get_list": ("start", "page_length", "limit"),
	"frappe.desk.reportview.export_query": ("start", "page_length"),
	"frappe.desk.reportview.get_count": (),
	"frappe.desk.reportview.get_sidebar_stats": (),
	"frappe.desk.reportview.get_group_by_count": (),
	"frappe.client.get_list": ("limit_start", "limit_page_length", "limit"),
	"frappe.client.get_count": (),
	"frappe.desk.search.search_link": ("page_length", "start"),
	"frappe.desk.search.search_widget": ("page_length", "start"),
}
# what GET /api/resource/<doctype> reads (frappe.api.v1.get_list)
RESOURCE_COUNTS = ("limit_start", "limit_page_length", "limit", "start", "page_length")
# Frappe's client reads, which read a table's rows only with `parent` (the record's doctype) given
CLIENT_READS = ("frappe.client.get", "frappe.client.get_value", "frappe.client.get_list")
REPORT_METHODS = (
	"frappe.desk.query_report.run",
	"frappe.desk.query_report.export_query",
	"frappe.desk.query_report.background_enqueue_run",
)
# a JSON escape of a UTF-16 surrogate: only then can a lone one hide in the request
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
LARGEST_COUNT = 2**31 - 1


def check_request() -> None:
	"""before_request (hooks.py): frappe.ValidationError (417) in the user's language for an argument of the
	wrong shape sent to one of Frappe's paths into the app (the module docstring), frappe.DoesNotExistError
	(404) for a child row that does not exist. Returns None when the request may run."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return
	refuse_lone_surrogates(request)
	path = request.path or ""
	form = frappe.local.form_dict
	if path.startswith("/api/resource/"):
		parts = [p for p in path[len("/api/resource/") :].split("/") if p]
		if len(parts) == 1 and request.method == "GET" and is_app_doctype(parts[0]):
			check_list_arguments(form, RESOURCE_COUNTS)
		return
	method = path[len("/api/method/") :] if path.startswith("/api/method/") else (form.get("cmd") or "")
	app_query = isinstance(form.get("query"), str) and form.get("query").startswith("insurance_activity.")
	if method in LIST_METHODS and (is_app_doctype(form.get("doctype")) or app_query):
		check_list_arguments(form, LIST_METHODS[method])
	elif method in REPORT_METHODS and is_app_report(form.get("report_name")):
		check_report_filters(form.get("filters"))
	elif method == "frappe.client.set_value":
		refuse_missing_child_row(form.get("doctype"), form.get("name"))
	if method in CLIENT_READS and not form.get("parent"):
		refuse_row_without_its_record(form.get("doctype"))
	elif method.startswith("insurance_activity."):
		check_argument_types(method, form)
	elif method in ("run_doc_method", "frappe.handler.run_doc_method"):
		check_doc_method_arguments(form)


# ---------------------------------------------------------------- text


def refuse_lone_surrogates(request) -> None:
	"""A request whose text holds a lone UTF-16 surrogate (sent as a JSON escape, in the body or in an argument
	that is JSON text): refused, naming the argument. Browsers, forms and phones never send one; the database
	cannot store it. Only looked at where the escape occurs, so an ordinary request costs one search."""
	body = request.get_data(as_text=True) if request.is_json else ""
	texts = [body, *(v for v in frappe.local.form_dict.values() if isinstance(v, str))]
	if not any(SURROGATE_ESCAPE.search(text) for text in texts):
		return
	for key, value in frappe.local.form_dict.items():
		if not encodes(value):
			frappe.throw(
				_("{0} holds text that is not a character (a lone surrogate).").format(escape_html(str(key))),
				title=_("Not a Valid Value"),
			)


def encodes(value) -> bool:
	"""Whether every text in `value` (JSON text read as JSON) encodes as UTF-8."""
	if isinstance(value, str):
		try:
			value.encode()
		except UnicodeEncodeError:
			return False
		if value[:1] in '[{"' and value[:1] and SURROGATE_ESCAPE.search(value):
			try:
				return encodes(json.loads(value))
			except (ValueError, RecursionError):
				return True
		return True
	if isinstance(value, dict):
		return all(encodes(k) and encodes(v) for k, v in value.items())
	if isinstance(value, list | tuple):
		return all(encodes(v) for v in value)
	return True


# ---------------------------------------------------------------- lists, searches, reports


def is_app_doctype(doctype) -> bool:
	return (
		isinstance(doctype, str)
		and bool(doctype)
		and frappe.db.get_value("DocType", doctype, "module", cache=True) in app_modules()
	)


def is_app_report(report) -> bool:
	return (
		isinstance(report, str)
		and bool(report)
		and frappe.db.get_value("Report", report, "module", cache=True) in app_modules()
	)


def check_list_arguments(form, counts: tuple) -> None:
	"""A list's or a search's arguments: each count of rows a whole number from 0 (check_counts); `filters`
	and `or_filters` a list of conditions or a mapping of field -> value; `fields` a list of field names. As
	Frappe reads them (frappe.utils.data.get_filter: a condition is [field, operator, value] or [doctype,
	field, operator, value], or a mapping of one field)."""
	check_counts(form, counts)
	for name in ("filters", "or_filters"):
		if form.get(name) not in (None, "") and not is_filters(as_json(form.get(name))):
			refuse(
				_("{0} must be a list of conditions [field, operator, value], not {1}."), name, form.get(name)
			)
	fields = form.get("fields")
	if fields not in (None, ""):
		value = as_json(fields)
		if not (isinstance(value, list) and all(isinstance(f, str) for f in value)):
			refuse(_("{0} must be a list of field names, not {1}."), "fields", fields)


def check_counts(form, counts: tuple) -> None:
	"""Each argument named in `counts` (a start, a page length) a whole number from 0 up to 2**31 - 1."""
	for name in counts:
		value = form.get(name)
		if value in (None, ""):
			continue
		if not (isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())) or not (
			0 <= int(value) <= LARGEST_COUNT
		):
			refuse(_("{0} must be a whole number from 0, not {1}."), name, value)


def check_report_filters(filters) -> None:
	"""A report's filters: a mapping of filter -> value (each report of the app then reads each value:
	report_filters.read_filters)."""
	if filters in (None, ""):
		return
	if not isinstance(as_json(filters), dict):
		refuse(_("{0} must be a mapping of filter to value, not {1}."), "filters", filters)


def as_json(value):
	"""`value` read as JSON when it is text (as Frappe reads these arguments); text that is no JSON as itself."""
	if isinstance(value, str):
		try:
			return json.loads(value)
		except (ValueError, RecursionError):  # RecursionError: lists nested thousands deep
			return value
	return value


def is_scalar(value) -> bool:
	return value is None or isinstance(value, str | int | float | bool)


def is_condition_value(value) -> bool:
	return is_scalar(value) or (isinstance(value, list | tuple) and all(is_scalar(v) for v in value))


def is_filters(filters) -> bool:
	"""Whether `filters` has a shape Frappe's filters take: a mapping of field -> value or [operator, value],
	or a list of such mappings and of conditions [field, operator, value] / [doctype, field, operator, value]."""
	if isinstance(filters, dict):
		return all(isinstance(k, str) and is_mapped_value(v) for k, v in filters.items())
	if not isinstance(filters, list):
		return False
	for condition in filters:
		if isinstance(condition, dict):
			if not is_filters(condition):
				return False
		elif not (
			isinstance(condition, list | tuple)
			and len(condition) in (3, 4, 5)
			and all(
				isinstance(part, str)
				for part in condition[: len(condition) - 1 if len(condition) == 3 else 3]
			)
			and is_condition_value(condition[2 if len(condition) == 3 else 3])
		):
			return False
	return True


def is_mapped_value(value) -> bool:
	"""A mapping's value: one value, or [operator, value]."""
	if is_scalar(value):
		return True
	return (
		isinstance(value, list | tuple)
		and len(value) in (1, 2)
		and isinstance(value[0], str)
		and (len(value) == 1 or is_condition_value(value[1]))
	)


def refuse_missing_child_row(doctype, name) -> None:
	"""frappe.client.set_value of a row of an app child table that does not exist: 404, in the user's language
	(Frappe reads the row's parent from None)."""
	if not is_app_doctype(doctype) or not frappe.get_meta(doctype).istable:
		return
	if not (isinstance(name, str) and frappe.db.exists(doctype, name)):
		frappe.throw(
			_("{0} {1} not found").format(_(doctype), escape_html(str(name)[:40])),
			frappe.DoesNotExistError,
			title=_("Not Found"),
		)


def refuse_row_without_its_record(doctype) -> None:
	"""frappe.client's reads of an app table's rows without `parent`: Frappe refuses them (403) without a word;
	said here, naming the record's doctype to send."""
	if not is_app_doctype(doctype) or not frappe.get_meta(doctype).istable:
		return
	parents = frappe.get_all("DocField", {"fieldtype": "Table", "options": doctype}, pluck="parent", limit=1)
	frappe.throw(
		_("Rows of {0} are read with their record: send parent, the record's doctype ({1}).").format(
			_(doctype), parents[0] if parents else "?"
		),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


# ---------------------------------------------------------------- whitelisted methods' argument types


def check_argument_types(method: str, form) -> None:
	"""The arguments of a whitelisted method of the app against its type annotations, as Frappe checks them
	(frappe.utils.typing_validations), refused in the user's language naming the argument and the type."""
	try:
		fn = frappe.get_attr(method)
	except Exception:
		return  # Frappe answers a method that does not exist
	# the session is known here; a token's user only once Frappe reads the token, right after this hook
	signed_in = frappe.session.user != "Guest" or frappe.get_request_header("Authorization")
	if fn not in frappe.whitelisted or not (signed_in or fn in frappe.guest_methods):
		return  # Frappe refuses it (403) before reading any argument
	check_types(getattr(fn, "__wrapped__", fn), {k: v for k, v in form.items() if k != "cmd"})
	# a link query's counts of rows (agent_query, campaign_query): LIMIT -1 is an SQL error
	check_counts(form, ("start", "page_len"))


def check_doc_method_arguments(form) -> None:
	"""run_doc_method (the desk's button on a form) of a method of an app doctype's controller."""
	docs = as_json(form.get("docs"))
	doctype = form.get("dt") or (docs.get("doctype") if isinstance(docs, dict) else None)
	if not is_app_doctype(doctype) or not isinstance(form.get("method"), str):
		return
	from frappe.model.base_document import get_controller

	fn = getattr(get_controller(doctype), form.get("method"), None)
	args = as_json(form.get("args") or form.get("arg"))
	if fn is not None and isinstance(args, dict):
		check_types(getattr(fn, "__wrapped__", fn), args)


def check_types(fn, arguments: dict) -> None:
	"""Frappe's own check of `arguments` against `fn`'s annotations; its English message replaced by one in
	the user's language."""
	from frappe.exceptions import FrappeTypeError
	from frappe.utils.typing_validations import transform_parameter_types

	known = {k: v for k, v in arguments.items() if k in getattr(fn, "__annotations__", {})}
	try:
		transform_parameter_types(fn, (), known)
	except FrappeTypeError:
		for name, value in known.items():
			try:
				transform_parameter_types(fn, (), {name: value})
			except FrappeTypeError:
				refuse(_("{0} must be {2}, not {1}."), name, value, type_words(fn.__annotations__[name]))
		raise


def type_words(annotation) -> str:
	"""An annotation in words for the user: str -> text, int -> a whole number, `int | str` -> a whole number
	or text."""
	if get_origin(annotation) in (Union, UnionType):
		words = [type_words(a) for a in get_args(annotation) if a is not NoneType]
		return reduce(lambda a, b: _("{0} or {1}").format(a, b), words)
	words = {
		str: _("text"),
		int: _("a whole number"),
		float: _("a number"),
		bool: _("yes or no (1 or 0)"),
		dict: _("a mapping"),
		list: _("a list"),
	}
	return words.get(get_origin(annotation) or annotation, str(annotation))


def refuse(message: str, name: str, value, *more) -> None:
	"""frappe.ValidationError: `message` with the argument's name ({0}), the value as sent ({1}: escaped, at
	most 40 characters) and `more`."""
	shown = escape_html((value if isinstance(value, str) else json.dumps(value, default=str))[:40])
	frappe.throw(message.format(escape_html(str(name)), shown, *more), title=_("Not a Valid Value"))
