"""The shape of a request's arguments, checked before Frappe reads them (issue 20, the bad-input corpus).

Frappe v15 reads a list's, a search's and a report's arguments on its own paths before any code of the app
runs, and a script's or a hand-edited URL's argument of the wrong shape fails there with a 500 and a traceback:
`frappe.desk.reportview.get` and `GET /api/resource/<doctype>` put a negative page length into SQL
(`LIMIT -1`) and iterate filters that are a number; `frappe.desk.search.search_link` reads nested filters as
a field; `frappe.desk.query_report.run` makes a `frappe._dict` of filters that are a list; `frappe.client.
set_value` of a child row that does not exist reads its parent from None; text holding a lone surrogate (no
character: a broken script's JSON, `"\\ud800"`) reaches the database driver, which cannot encode it; and
Frappe's own check of a whitelisted method's argument types answers in English (an f-string).

Frappe's client also reads a record sent as text, a list or of no doctype (`frappe.client.insert`, `save`,
`submit`, `insert_many`, the desk's `savedocs`), a JSON list posted to `/api/resource/<doctype>`, a form's
button naming no method of its controller (`run_doc_method`), and a list's `order_by`/`group_by` naming no
column or a `fields` entry naming none (`sleep(1)`) with a 500.

`check_request` (a `before_request` hook: after Frappe has read the arguments and the session and set the
user's language, before the method runs) refuses each in the user's language, naming the argument, with a
4xx, for the app's doctypes, reports and methods (a lone surrogate on any request: no text holds one).
Frappe offers no hook on those paths but `before_request`, hence one check here rather than an override of
each of Frappe's methods.
"""

import inspect
import json
import re
from functools import cache, reduce
from types import NoneType, UnionType
from typing import Union, get_args, get_origin

import frappe
import frappe.handler as frappe_handler
from frappe import _
from frappe.core.doctype.communication.email import make as make_email
from frappe.utils import escape_html
from frappe.utils.file_manager import add_attachments

from insurance_activity.api.routes import read_route, reads, resolve_method, whitelisted_taking
from insurance_activity.controllers.typed_input import is_app_doctype, is_app_report
from insurance_activity.permissions import (
	parents_of_table,
	refuse_missing,
	unreadable_fields,
)
from insurance_activity.permissions import refuse as refuse_record
from insurance_activity.permissions.record_actions import (
	RECORD_ACTIONS,
	SEARCH_METHODS,
	check_records,
)
from insurance_activity.permissions.rules import RULES

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
REPORT_METHODS = (
	"frappe.desk.query_report.run",
	"frappe.desk.query_report.export_query",
	"frappe.desk.query_report.background_enqueue_run",
)
# the arguments Frappe's record paths read as one record's name, and as a list of names (check_record_names)
NAME_ARGUMENTS = ("name", "dn", "docname", "doc_name", "old_name", "new_name", "reference_name")
NAMES_ARGUMENTS = ("docnames", "names")
# an argument of any method named as a record's name (`master_name`, `party_name`, `docname`): never a mapping,
# which Frappe's get_doc and get_value read as filters (helper-79)
NAMED_ARGUMENT = re.compile(r"(?:\w+_)?(?:name|docname|dn)")
# a JSON escape of a UTF-16 surrogate: only then can a lone one hide in the request
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
LARGEST_COUNT = 2**31 - 1
EXPORT_FORMATS = ("CSV", "Excel")  # frappe.desk.reportview.export_query's file types
SAVE_ACTIONS = ("Save", "Submit", "Update", "Cancel")  # frappe.desk.form.save.savedocs
# one part of an order_by / group_by: [`tab<doctype>`.]<column> [asc|desc], as the desk and scripts write it
SORT_PART = re.compile(
	r"\s*(?:`?tab(?P<doctype>[^`.]+)`?\s*\.\s*)?`?(?P<column>\w+)`?(?:\s+(?P<direction>asc|desc))?\s*", re.I
)


def check_request() -> None:
	"""before_request (hooks.py): frappe.ValidationError (417) in the user's language for an argument of the
	wrong shape sent to one of Frappe's paths into the app (the module docstring), frappe.DoesNotExistError
	(404) for a child row or a form's method that does not exist. Returns None when the request may run."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return
	refuse_lone_surrogates(request)
	route = read_route(request)
	form = route.arguments
	if route.kind == "resource":
		check_resource_request(request, route.target, route.name, form)
		return
	if route.kind == "" and request.path.rstrip("/") == PRINT_PAGE:
		check_print_page(form)
		return
	method = route.target if route.kind == "method" else ""
	if method:
		drop_permission_flags(form)
		check_record_names(form)
		check_sql_dates(form)
	if method.startswith("insurance_activity."):
		check_argument_types(method, form)
	for check in METHOD_CHECKS.get(method) or FUNCTION_CHECKS.get(function_of(method), ()):
		check(method, form)


# what Frappe drops from a method's arguments so that no request sets them (frappe.get_newargs)
PERMISSION_FLAGS = ("ignore_permissions", "flags")


def drop_permission_flags(form) -> None:
	"""Drop PERMISSION_FLAGS from the request's form too: Frappe drops them from the arguments it calls a method
	with, but a method reading frappe.form_dict itself still found them there (ERPNext's `add_ac` created an
	Account for an agent who may create none, sent `ignore_permissions`, helper-76 L13)."""
	for flag in PERMISSION_FLAGS:
		form.pop(flag, None)


def check_record_names(form) -> None:
	"""A method's arguments naming a record of a doctype under the rule or of the app must be names (text or a
	number), one or a list of them, also as JSON text (assign_to.add_multiple reads its `name` so), and so must a
	document's `name` sent in `doc` or `docs` (get_transitions, apply_workflow, run_doc_method read it with the
	stored record): frappe.get_doc(doctype, <mapping>) reads a mapping as filters, and the refusal or the "not
	found" that followed answered yes or no about any field of another office's records (a colleague's callback
	verdict, whether they logged a day, a policy's premium), naming the record found (helper-62 F2, helper-63
	F2); an argument of any method named as a name (NAMED_ARGUMENT) is never a mapping (helper-79).
	frappe.ValidationError (417) naming the argument."""
	for argument, value in form.items():
		if NAMED_ARGUMENT.fullmatch(str(argument)) and isinstance(as_json(value), dict):
			refuse(_("{0} must be the name of a record, not {1}."), argument, value)
	doctype = form.get("doctype") or form.get("dt") or form.get("reference_doctype")
	if ruled_or_app(doctype):
		for argument in NAME_ARGUMENTS:
			value = form.get(argument)
			if value is not None and not is_name_or_names(
				as_json(value) if isinstance(value, str) else value
			):
				refuse(_("{0} must be the name of a record, not {1}."), argument, value)
		for argument in NAMES_ARGUMENTS:
			value = as_json(form.get(argument))
			if value is not None and not (isinstance(value, list) and is_name_or_names(value)):
				refuse(_("{0} must be a list of names of records, not {1}."), argument, form.get(argument))
	for argument in ("doc", "docs"):
		sent = as_json(form.get(argument))
		for each in sent if isinstance(sent, list) else [sent]:
			if (
				isinstance(each, dict)
				and ruled_or_app(each.get("doctype"))
				and each.get("name") is not None
				and not isinstance(each.get("name"), str | int)
			):
				refuse(_("{0} must be the name of a record, not {1}."), f"{argument}.name", each.get("name"))


def ruled_or_app(doctype) -> bool:
	return isinstance(doctype, str) and (doctype in RULES or is_app_doctype(doctype))


def is_name_or_names(value) -> bool:
	"""A name (text, a number) or a list of them: never a mapping, nor a list holding one."""
	if isinstance(value, list):
		return all(isinstance(each, str | int) for each in value)
	return isinstance(value, str | int)


def check_resource_request(request, doctype: str, name: str | None, form) -> None:
	"""/api/resource/<doctype>[/<name>] (and /api/v2/document/...): a list's arguments (GET of an app doctype);
	a record posted or put as JSON must be a mapping of field -> value (Frappe calls `.update` on it: a list
	was a 500)."""
	refuse_misspelled_doctype(doctype)
	if name is None and reads(request) and is_app_doctype(doctype):
		refuse_list_of_single(doctype)
		check_list_arguments(form, RESOURCE_COUNTS, doctype)
	elif name is not None and request.method == "DELETE":
		refuse_missing_record(doctype, name)
	elif request.method in ("POST", "PUT") and request.is_json:
		try:
			body = request.get_json(silent=True)
		except Exception:
			body = None
		if body is not None and not isinstance(body, dict):
			refuse(_("{0} must be a mapping of field to value, not {1}."), _("The record"), body)


def refuse_list_of_single(doctype: str) -> None:
	"""frappe.ValidationError (417) for a list of a doctype that is one record (Insurance Activity Settings,
	Alert Playbook): Frappe queries a table a single doctype does not have (a 500, helper-62 F3)."""
	if frappe.get_meta(doctype).issingle:
		frappe.throw(
			_("{0} is a single record, not a list: open it instead.").format(_(doctype)),
			title=_("Not a Valid Value"),
		)


def check_list_request(method: str, form) -> None:
	app_query = isinstance(form.get("query"), str) and form.get("query").startswith("insurance_activity.")
	doctype = form.get("doctype")
	refuse_misspelled_doctype(doctype)
	if is_app_doctype(doctype):
		refuse_list_of_single(doctype)
		check_list_arguments(form, LIST_METHODS[method], doctype)
	elif app_query:
		check_list_arguments(form, LIST_METHODS[method])
	if method == "frappe.desk.reportview.export_query" and is_app_doctype(doctype):
		if form.get("file_format_type") not in EXPORT_FORMATS:
			refuse(
				_("{0} must be one of {2}, not {1}."),
				"file_format_type",
				form.get("file_format_type") or "",
				", ".join(EXPORT_FORMATS),
			)


# frappe.desk.reportview's list methods hand every argument sent on to DatabaseQuery.execute (besides what
# Frappe drops, DISALLOWED_PARAMS): these, and what each reads itself, are all they take
QUERY_METHODS = {
	"frappe.desk.reportview.get": (),
	"frappe.desk.reportview.get_list": (),
	"frappe.desk.reportview.get_count": (),
	"frappe.desk.reportview.export_query": (
		"file_format_type",
		"title",
		"csv_delimiter",
		"csv_quoting",
		"add_totals_row",
		"translate_values",
		"selected_items",
	),
}
# what a method sets itself and passes on beside the arguments: sent too, Python refuses it twice (a 500)
QUERY_SET = {
	"frappe.desk.reportview.get_count": ("run", "as_list", "pluck"),
	# rows as lists or values, which its compression reads as mappings
	"frappe.desk.reportview.get": ("as_list", "pluck"),
}


@cache  # the same for every request: read once per process, not on every list the desk loads
def query_arguments(method: str) -> frozenset[str]:
	"""The arguments the report view list method `method` takes (check_query_arguments)."""
	from frappe.desk.reportview import DISALLOWED_PARAMS
	from frappe.model.db_query import DatabaseQuery

	taken = set(inspect.signature(DatabaseQuery.execute).parameters) - {"self", *QUERY_SET.get(method, ())}
	return frozenset(taken | {"doctype", *DISALLOWED_PARAMS, *QUERY_METHODS[method]})


def check_query_arguments(method: str, form) -> None:
	"""frappe.desk.reportview.get, get_list, get_count and export_query: each argument sent is one they take
	(QUERY_METHODS: DatabaseQuery.execute's parameters, `doctype`, what Frappe drops and what the method reads
	itself, a group-by's aggregate). Frappe passed any other on to DatabaseQuery.execute and answered with a
	TypeError (a 500: a `parent` for `parent_doctype`, a `report_name` to export). frappe.ValidationError (417)
	naming it."""
	taken = query_arguments(method)
	# Frappe's setup_group_by reads and drops a group-by's aggregate
	if form.get("group_by") and form.get("aggregate_function"):
		taken = taken | {"aggregate_function", "aggregate_on_field", "aggregate_on_doctype"}
	for name in form:
		if name not in taken:
			refuse(_("{0} is not an argument of {2}."), name, form.get(name), method)


# a link search's query is called with these arguments, by position (frappe.desk.search.search_widget)
SEARCH_ARGUMENTS = ("doctype", "txt", "searchfield", "start", "page_len", "filters")


# the fields a link search that ignores user permissions may filter by, besides the doctype's name, title and
# search fields: what the app's own forms filter by, nothing else (marital status, blood group, helper-81 F3;
# gender, productivity tier, helper-82)
FLAG_FILTERS = {
	# a supervisor's direct reports (Agent Log: coaching report, tracking calls)
	"Employee": ("status", "reports_to", "department", "company"),
	# the offices of a meeting, a campaign, a contest (`ia_unit_level`)
	"Department": ("ia_unit_level", "parent_department", "company", "is_group", "disabled"),
}
# the most a link search that ignores user permissions lists at once (a picker's page, not a directory)
IGNORED_PAGE_LENGTH = 50


def check_ignored_user_permissions(method: str, form) -> None:
	"""A link search's `ignore_user_permissions`: Frappe then lists with every permission ignored (the rule,
	user permissions, Frappe's conditions), for any doctype whose role the user holds, and showed any column
	through `filter_fields` (another office's policies' premiums, any employee's pay, helper-80 F2). Let through
	only for what it is for, a Link field that ignores user permissions on the form the search is made from
	(`reference_doctype`, or one of its tables) to a doctype not under the rule, and then with `filter_fields`
	and `searchfield` among the doctype's title and search fields (Frappe returns the search field's values:
	any employee's pay, helper-81 F1, F6), `filters` on those, its name and FLAG_FILTERS (what the app's forms
	filter by: a supervisor's direct reports, an office; any other field answered yes or no about another
	office's agent's marital status, productivity tier or gender, helper-81 F3, helper-82), and at most
	IGNORED_PAGE_LENGTH rows from a `start` of at most IGNORED_PAGE_LENGTH (a picker's first pages; the desk's
	link field starts at 0: not a paged staff directory, helper-82) (frappe.ValidationError, 417); otherwise
	dropped: the search lists what the user reads. The forms are the app's: ERPNext's and HRMS's link their own
	records (an `amended_from`) so, and listed every employee's leave and pay slips (helper-81 F2)."""
	if str(form.get("ignore_user_permissions") or "").lower() in ("", "0", "false"):
		return
	doctype, reference = form.get("doctype"), form.get("reference_doctype")
	if ruled_or_app(doctype) or not (is_doctype_name(doctype) and is_app_doctype(reference)):
		form.pop("ignore_user_permissions", None)
		return
	forms = [frappe.get_meta(reference)]
	forms += [frappe.get_meta(df.options) for df in forms[0].get_table_fields()]
	if not any(
		df.fieldtype == "Link" and df.options == doctype and df.ignore_user_permissions
		for meta in forms
		for df in meta.fields
	):
		form.pop("ignore_user_permissions", None)
		return
	shown = shown_fields(doctype)
	sent = as_json(form.get("filter_fields"))
	if sent not in (None, "") and not (
		isinstance(sent, list) and all(isinstance(field, str) and field in shown for field in sent)
	):
		refuse(
			_("{0} must be one of {2}, not {1}."),
			"filter_fields",
			form.get("filter_fields"),
			", ".join(sorted(shown)),
		)
	searchfield = form.get("searchfield")
	if searchfield not in (None, "") and not (isinstance(searchfield, str) and searchfield in shown):
		refuse(
			_("{0} must be one of {2}, not {1}."),
			"searchfield",
			form.get("searchfield"),
			", ".join(sorted(shown)),
		)
	length = form.get("page_length") or form.get("page_len")
	if length not in (None, "") and not (str(length).isdigit() and int(length) <= IGNORED_PAGE_LENGTH):
		refuse(
			_("{0} must be a whole number from 0 to {2}, not {1}."),
			"page_length",
			length,
			IGNORED_PAGE_LENGTH,
		)
	start = form.get("start")
	if start not in (None, "") and not (str(start).isdigit() and int(start) <= IGNORED_PAGE_LENGTH):
		refuse(
			_("{0} must be a whole number from 0 to {2}, not {1}."),
			"start",
			start,
			IGNORED_PAGE_LENGTH,
		)
	allowed = flag_filters(doctype)
	for named, field in filter_fields(doctype, read_filters("filters", form.get("filters"))):
		if (named, field) != (doctype, field) or field not in allowed:
			refuse(_("{0} must be one of {2}, not {1}."), "filters", field, ", ".join(sorted(allowed)))


def shown_fields(doctype: str) -> set[str]:
	"""The fields a link search of `doctype` shows: its name, title field and search fields."""
	meta = frappe.get_meta(doctype)
	return {"name", meta.title_field, *(meta.search_fields or "").replace(" ", "").split(",")} - {None, ""}


def flag_filters(doctype: str) -> set[str]:
	"""The fields a link search of `doctype` that ignores user permissions may filter by: the shown fields and
	FLAG_FILTERS."""
	return shown_fields(doctype) | set(FLAG_FILTERS.get(doctype, ()))


# what a method run by an upload (frappe.handler.upload_file's `method`) reads: the file uploaded
UPLOAD_READ = re.compile(r"\buploaded_file(?:name|_url)?\b")


def check_upload_method(method: str, form) -> None:
	"""frappe.handler.upload_file (and uploadfile) with a `method`: Frappe runs that whitelisted method, with no
	arguments, in the same request, past every check the app makes of the path called and past its overrides
	(an agent listed every employee through HRMS's picker, read any user's roles and linked a contact onto
	another office's customer, helper-84 F1). It must be a method that takes the upload, one reading
	frappe.local.uploaded_file (ERPNext's import of a code list, HRMS's of an attendance sheet), and it
	gets the checks of record_actions.check_method (INNER_METHODS). frappe.ValidationError (417) naming it."""
	name = form.get("method")
	if name in (None, ""):
		return
	fn = resolve_method(name) if isinstance(name, str) else None
	if fn in (frappe_handler.upload_file, frappe_handler.uploadfile):  # itself: until the stack ran out (F5)
		fn = None
	try:
		takes = fn in frappe.whitelisted and bool(UPLOAD_READ.search(inspect.getsource(inspect.unwrap(fn))))
	except (TypeError, OSError):  # no source to read
		takes = False
	if not takes:
		refuse(_("{0} must be a method that takes the uploaded file, not {1}."), "method", name)


def check_search_query(method: str, form) -> None:
	"""A link search's `query`: a whitelisted search query, one whose first parameters are SEARCH_ARGUMENTS
	(every query of Frappe, ERPNext, HRMS and the app). Frappe calls any whitelisted method named there with the
	search's arguments by position: `frappe.client.get_list` took the text typed as its `fields`, and answered
	the officer's notes (helper-68 N1), and a method of other parameters, a module's name or a name with a space
	after it failed (a 500, helper-69 P8). frappe.ValidationError (417) naming the argument."""
	query = form.get("query")
	if query not in (None, "") and not search_query(query):  # a module, a method of another shape or none
		refuse(_("{0} must be a link search's query, not {1}."), "query", query)


def check_tree_method(method: str, form) -> None:
	"""frappe.desk.treeview.get_all_nodes: its `tree_method` must be a tree's method (whitelisted, its first
	parameters doctype and parent): Frappe calls any whitelisted method named there, in the same request, past
	every check of the request's own method (frappe.client.get_list computed the officer's notes, helper-70).
	frappe.ValidationError (417) naming the argument."""
	name = form.get("tree_method")
	if not whitelisted_taking(name, ("doctype", "parent")):
		refuse(_("{0} must be a tree's method, not {1}."), "tree_method", name or "")


def check_hierarchy_method(method: str, form) -> None:
	"""hrms.utils.hierarchy_chart.get_all_nodes: its `method` must be a hierarchy chart's (whitelisted, its
	first parameters parent and company): HRMS runs any whitelisted method named there, for every node, in the
	same request (helper-77). frappe.ValidationError (417) naming the argument."""
	name = form.get("method")
	if not whitelisted_taking(name, ("parent", "company")):
		refuse(_("{0} must be a hierarchy chart's method, not {1}."), "method", name or "")


# the mappers' methods: Frappe calls the method named with the source record's name (and the target), by position
MAPPERS = {
	"frappe.model.mapper.make_mapped_doc": ("source_name",),
	"frappe.model.mapper.map_docs": ("source_name",),
}


def check_mapping_method(method: str, form) -> None:
	"""frappe.model.mapper.make_mapped_doc and map_docs (a form's "Create" buttons): `method` must be a mapping
	method (whitelisted, its first parameter source_name): Frappe runs any whitelisted method named there, in the
	same request, past every check of the request's own method (frappe.client.get_list computed the officer's
	notes, frappe.client.get_value guessed an API key, helper-72 H1). frappe.ValidationError (417)."""
	name = form.get("method")
	if not whitelisted_taking(name, MAPPERS[method]):
		refuse(_("{0} must be a mapping method, not {1}."), "method", name or "")


# ERPNext's methods that write a request's text into their SQL as it is (helper-76 L1, L2; ERPNext's bugs):
# the shape each such argument must have: "doctype" (a doctype's name: ERPNext makes a column's name of it),
# "mapping" (with no key of SQL_KEY, each value of SQL_VALUES a record's name) or "columns" (a mapping whose
# keys are column names and none of SQL_KEY)
SQL_ARGUMENTS = {
	"erpnext.accounts.party.set_taxes": {"party_type": "doctype"},
	"erpnext.accounts.party.get_due_date": {"party_type": "doctype"},
	"erpnext.stock.utils.get_incoming_rate": {"args": "mapping"},
	# its keys are written into the stock ledger's SQL as columns, and set as the ledger query's arguments
	# (a `warehouse_condition` among them ran as SQL, helper-77)
	"erpnext.stock.utils.get_stock_balance": {"inventory_dimensions_dict": "columns"},
	# an item's unit, written into the pricing rules' SQL (erpnext.accounts.doctype.pricing_rule.utils)
	"erpnext.stock.get_item_details.get_item_details": {"args": "mapping"},
	"erpnext.stock.get_item_details.apply_price_list": {"args": "mapping"},
	"erpnext.accounts.doctype.pricing_rule.pricing_rule.apply_pricing_rule": {"args": "mapping"},
}
# the keys ERPNext's own code sets in a mapping and writes into its SQL as they are (a stock ledger's
# `warehouse_condition`): never a request's
SQL_KEY = re.compile(r".*condition.*")
# the keys of a mapping (or of its `items`) whose values ERPNext writes into its SQL as they are: each must name
# a record of its doctype (a pricing rule's `uom`, helper-76)
SQL_VALUES = {"uom": "UOM"}


def check_sql_arguments(method: str, form) -> None:
	"""Each argument of SQL_ARGUMENTS[method] sent is of its shape: `set_taxes` made a column's name of
	`party_type`, `get_incoming_rate` wrote a sent `warehouse_condition` into its SQL (an agent's request read
	another office's premiums through it, helper-76 L1, L2), `get_stock_balance` its dimensions' names.
	frappe.ValidationError (417) naming the argument."""
	for argument, shape in SQL_ARGUMENTS[method].items():
		value = form.get(argument)
		if value in (None, ""):
			continue
		if shape == "doctype":
			check_doctype_named(value)
		elif shape == "mapping":
			check_sql_mapping(argument, as_json(value), value)
		elif shape == "columns":
			read = as_json(value)
			if not isinstance(read, dict) or not all(
				isinstance(key, str) and re.fullmatch(r"[a-z_]\w*", key) and not SQL_KEY.fullmatch(key)
				for key in read
			):
				refuse(_("{0} must be a mapping of field to value, not {1}."), argument, value)


# the dates ERPNext's methods take that its tax rules write into their SQL as they are (tax_rule's
# get_tax_template, reached from set_taxes, get_party_details, a Lead's details and more, helper-76 L1,
# helper-77; also as the argument of a method a mapper runs): sent to any method, each must be a day, YYYY-MM-DD
SQL_DATES = ("posting_date", "bill_date", "transaction_date")


def check_sql_dates(form) -> None:
	"""Each of SQL_DATES in `form` is empty or a day, YYYY-MM-DD: frappe.ValidationError (417) naming it."""
	for argument in SQL_DATES:
		value = form.get(argument)
		if value not in (None, "") and not (
			isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and is_date(value)
		):
			refuse(_("{0} must be a date, not {1}."), argument, value)


def check_sql_mapping(argument: str, read, sent) -> None:
	"""A SQL_ARGUMENTS mapping, and each row of its `items`: no key of SQL_KEY, each value of SQL_VALUES a record's
	name. frappe.ValidationError (417) naming the argument or the key."""
	if not isinstance(read, dict) or any(SQL_KEY.fullmatch(str(key)) for key in read):
		refuse(_("{0} must be a mapping of field to value, not {1}."), argument, sent)
	rows = as_json(read.get("items"))
	for row in [read, *(rows if isinstance(rows, list) else [])]:
		if not isinstance(row, dict):
			refuse(_("{0} must be a mapping of field to value, not {1}."), "items", row)
		for key, doctype in SQL_VALUES.items():
			value = row.get(key)
			if value not in (None, "") and not (isinstance(value, str) and frappe.db.exists(doctype, value)):
				refuse(_("{0} must be the name of a record of {2}, not {1}."), key, value, _(doctype))


def is_date(value: str) -> bool:
	"""Whether `value` (YYYY-MM-DD) is a day of the calendar."""
	try:
		frappe.utils.getdate(value)
	except Exception:  # not a day (2026-02-30)
		return False
	return True


# methods that write the field named by an argument, unchecked: the fields they are for (Frappe's onboarding
# marks a step done or skipped; any field of any step was written, its title included, helper-75); and those
# that read a record of the doctype an argument names: the doctypes their forms send (helper-79)
TAX_TEMPLATES = ("Sales Taxes and Charges Template", "Purchase Taxes and Charges Template")
SUBCONTRACTED = ("Subcontracting Order", "Purchase Order")
FIELD_CHOICES = {
	"frappe.desk.desktop.update_onboarding_step": ("field", ("is_complete", "is_skipped")),
	"erpnext.controllers.accounts_controller.get_taxes_and_charges": ("master_doctype", TAX_TEMPLATES),
	"erpnext.controllers.accounts_controller.get_default_taxes_and_charges": (
		"master_doctype",
		TAX_TEMPLATES,
	),
	"erpnext.controllers.accounts_controller.update_child_qty_rate": (
		"parent_doctype",
		("Sales Order", "Purchase Order"),
	),
	"erpnext.controllers.subcontracting_controller.make_rm_stock_entry": ("order_doctype", SUBCONTRACTED),
	"erpnext.controllers.subcontracting_controller.get_materials_from_supplier": (
		"order_doctype",
		SUBCONTRACTED,
	),
}


def check_field_choice(method: str, form) -> None:
	"""The argument of FIELD_CHOICES[method], when sent, is one of its choices: frappe.ValidationError (417)."""
	argument, choices = FIELD_CHOICES[method]
	if form.get(argument) is not None and form.get(argument) not in choices:
		refuse(_("{0} must be one of {2}, not {1}."), argument, form.get(argument) or "", ", ".join(choices))


def check_report_request(method: str, form) -> None:
	if is_app_report(form.get("report_name")):
		check_report_filters(form.get("filters"))


def check_client_read(method: str, form) -> None:
	refuse_misspelled_doctype(form.get("doctype"))
	if method == "frappe.client.get_value" and is_app_doctype(form.get("doctype")):
		# as a list's (helper-65 H5: `tab<doctype>`.<column> and a quoted column were 500s)
		filters = as_json(form.get("filters"))
		if isinstance(filters, dict | list):
			check_filter_columns(form.get("doctype"), read_filters("filters", filters))
	if not form.get("parent"):
		refuse_row_without_its_record(form.get("doctype"))
	# frappe.client.get_value's fields, as a list's: each must name a column (`sleep(1)` was an IndexError)
	fieldname = as_json(form.get("fieldname")) if method == "frappe.client.get_value" else None
	if fieldname and is_app_doctype(form.get("doctype")):
		for field in fieldname if isinstance(fieldname, list) else [fieldname]:
			if not (isinstance(field, str) and names_a_column(field)):
				refuse(
					_("{0} must name a column of {2}, not {1}."), "fieldname", field, _(form.get("doctype"))
				)


def check_required_arguments(method: str, form) -> None:
	"""Frappe's own methods the app guards (the record actions, the desk reads): each argument without a default
	must be sent (Frappe calls the method without it: a TypeError, a 500). A method the app answers itself
	(override_whitelisted_methods) by the app's function's arguments."""
	if frappe.session.user == "Guest" and not frappe.get_request_header("Authorization"):
		return  # Frappe refuses a guest (403) before reading any argument
	fn = frappe.get_attr(frappe.get_hooks("override_whitelisted_methods", {}).get(method, [method])[-1])
	refuse_missing_arguments(inspect.signature(getattr(fn, "__wrapped__", fn)).parameters, form)


def check_set_value(method: str, form) -> None:
	"""frappe.client.set_value of an app record: the row must exist, and each field set (`fieldname`, text
	or a mapping of field -> value) must be one its form lets a person type into. Frappe saves any field it is
	given there: an agent moved their own log to another office and marked its spot check confirmed. A
	field the form shows read-only (filled in from another record or by the app) is refused (403) for
	everyone but Administrator."""
	doctype = form.get("doctype")
	refuse_missing_child_row(doctype, form.get("name"))
	if not is_app_doctype(doctype) or frappe.session.user == "Administrator":
		return
	fieldname = as_json(form.get("fieldname"))
	names = list(fieldname) if isinstance(fieldname, dict) else [fieldname]
	meta = frappe.get_meta(doctype)
	for name in names:
		df = meta.get_field(name) if isinstance(name, str) else None
		if df and (df.read_only or df.fieldtype in frappe.model.table_fields):
			frappe.throw(
				_("{0} of {1} is filled in by the system and cannot be changed.").format(
					_(df.label or df.fieldname), _(doctype)
				),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)


def check_client_documents(method: str, form) -> None:
	"""frappe.client.insert/save/submit (`doc`), insert_many (`docs`) and the desk's savedocs (`doc`,
	`action`): each record a mapping naming an existing doctype; savedocs' action one of Frappe's four. Frappe
	reads them without a check (a list, text or a record of no doctype was a 500). Any doctype: no record of
	these shapes can be saved."""
	if method == "frappe.client.insert_many":
		docs = as_json(form.get("docs"))
		if not isinstance(docs, list):
			refuse(_("{0} must be a list of records, not {1}."), "docs", form.get("docs"))
		for doc in docs:
			check_record("docs", doc)
		return
	check_record("doc", as_json(form.get("doc")), form.get("doc"))
	if method == "frappe.desk.form.save.savedocs" and form.get("action") not in SAVE_ACTIONS:
		refuse(
			_("{0} must be one of {2}, not {1}."), "action", form.get("action") or "", ", ".join(SAVE_ACTIONS)
		)


def check_record(name: str, doc, sent=None) -> None:
	"""One record sent to frappe.client: a mapping whose `doctype` names a DocType of the site."""
	if not isinstance(doc, dict):
		refuse(
			_("{0} must be a record (a mapping of field to value), not {1}."),
			name,
			doc if sent is None else sent,
		)
	check_doctype_named(doc.get("doctype"))


def check_doctype_named(doctype) -> None:
	"""frappe.ValidationError (417) in the user's language unless `doctype` is the name of a DocType of the
	site, spelled as it is (MariaDB finds "agent log" as "Agent Log"; Frappe then fails importing its module)."""
	if not is_doctype_name(doctype):
		frappe.throw(
			_("There is no document type {0}.").format(escape_html(str(doctype or "")[:140])),
			title=_("Not a Valid Value"),
		)


def refuse_misspelled_doctype(doctype) -> None:
	"""frappe.ValidationError (417) for a doctype spelled otherwise than its name ("callback check"): MariaDB
	finds the DocType by it, Frappe's list then fails on the table of that spelling (a 500, helper-64 G3)."""
	if isinstance(doctype, str) and not is_doctype_name(doctype) and frappe.db.exists("DocType", doctype):
		check_doctype_named(doctype)


def is_doctype_name(doctype) -> bool:
	"""Whether `doctype` is the name of a DocType of the site, spelled as it is (check_doctype_named)."""
	return (
		isinstance(doctype, str)
		and bool(doctype)
		and frappe.db.get_value("DocType", doctype, "name", cache=True) == doctype
	)


def check_print_request(method: str, form) -> None:
	"""A record to print: frappe.utils.print_format.download_pdf names it by `doctype` and `name` (its `doc`, a
	document object for Python callers, sent by a request is text: an AttributeError, a 500, whatever its
	value); frappe.www.printview.get_html_and_style by `doc` (a doctype) and `name`, or, as the desk's print
	preview sends it, by `doc` alone, the form's record as JSON (text that is no JSON mapping of an existing
	doctype was a JSONDecodeError or a KeyError, a 500). Any doctype; each refusal a 417 naming the argument."""
	check_required_arguments(method, form)
	if method == "frappe.utils.print_format.download_pdf":
		if form.get("doc") is not None:
			refuse(
				_("{0} cannot be sent: name the record by its document type and name, not {1}."),
				"doc",
				form.get("doc"),
			)
		return
	if isinstance(form.get("name"), str):
		check_doctype_named(form.get("doc"))
	else:
		check_record("doc", as_json(form.get("doc")), form.get("doc"))


# Frappe's page of a printout (frappe/www/printview.py)
PRINT_PAGE = "/printview"


def check_print_page(form) -> None:
	"""GET /printview: Frappe prints the record named by `doctype` and `name`, or its `doc`, a document object
	for Python callers (frappe.get_print): sent by a request it is text or a mapping, never a document (an
	AttributeError, a 500 page, whatever its value). A request's `doc` is dropped: the page prints the record
	named, or answers with its own message that a document type and name are needed. (Not refused: an error
	raised here would show a browser Frappe's "Server Error" page, whatever its status.)"""
	form.pop("doc", None)


def check_attachments(method: str, form) -> None:
	"""Files attached by name: frappe.utils.file_manager.add_attachments and communication.email.make (under
	any name it is imported by) take `attachments`, a list (or its JSON) of File names, for an e-mail also of
	{"fname", "fcontent"} (a printout). A name of no File or of a folder, a printout whose name or content is
	no text, and a value that is no list were Frappe's AttributeError, TypeError or OSError, 500s: now a 417
	naming the argument, and a 404 for a File that does not exist. A File the user may not read is refused
	where its copy is saved (permissions/files.check_copied_file, a 403)."""
	sent = form.get("attachments")
	attachments = as_json(sent)
	if attachments is None and sent is None:
		return  # email.make without attachments; add_attachments' required argument: check_required_arguments
	if not isinstance(attachments, list):
		refuse(_("{0} must be a list of file names, not {1}."), "attachments", sent)
	for attachment in attachments:
		if isinstance(attachment, str):
			is_folder = frappe.db.get_value("File", attachment, "is_folder")
			if is_folder is None:
				refuse_missing("File", attachment)
			if is_folder:
				refuse(_("{0} must name files, not the folder {1}."), "attachments", attachment)
		elif (
			isinstance(attachment, dict)
			and {"fname", "fcontent"} <= set(attachment)
			and not all(isinstance(attachment[key], str) for key in ("fname", "fcontent"))
		):
			refuse(_("{0}: a printout's name and content must be text, not {1}."), "attachments", attachment)


def check_attachment_target(method: str, form) -> None:
	"""add_attachments: the record the files are attached to exists and the user may write it, as Frappe's
	upload_file asks (add_attachments asks nothing: an agent attached a file of theirs to another office's
	log, or to a log that does not exist). A doctype that is not one as spelled: 417; a missing record: 404;
	a record the user may not write: 403, in the rule's sentence for the app's doctypes."""
	doctype, name = form.get("doctype"), form.get("name")
	check_doctype_named(doctype)
	if not isinstance(name, str) or not frappe.db.exists(doctype, name):
		refuse_missing(doctype, name)
	check_records(doctype, [name], ptype="write")  # the app's doctypes, in the rule's sentence
	frappe.has_permission(doctype, "write", name, throw=True)  # every other doctype, as Frappe answers


def check_email_target(method: str, form) -> None:
	"""communication.email.make about a record of the app: the user may e-mail about it (Frappe asks `email` of
	the record and answers a refusal with its check's log: HTML, the user's address, in English). A missing
	record: 404; a record the rule hides: 403, in the rule's sentence. Other doctypes are Frappe's."""
	doctype, name = form.get("doctype"), form.get("name")
	if isinstance(doctype, str) and isinstance(name, str) and doctype and name and is_app_doctype(doctype):
		check_records(doctype, [name], ptype="email")


def function_of(method: str):
	"""The function Frappe's handler runs for the method path `method` (after the apps'
	override_whitelisted_methods), or None where the path names none (Frappe answers that itself)."""
	if not method:
		return None  # not a method's path (a page, a file, a record)
	method = frappe.get_hooks("override_whitelisted_methods", {}).get(method, [method])[-1]
	if "." not in method:  # frappe.handler's own (upload_file, run_doc_method), as the handler finds them
		return getattr(frappe_handler, method, None)
	if method.split(".", 1)[0] not in frappe.get_installed_apps():
		return (
			None  # frappe.get_attr would show "App ... is not installed" besides a good answer (helper-63 F5)
		)
	try:
		return frappe.get_attr(method)
	except Exception:
		return None


def check_cancel(method: str, form) -> None:
	check_doctype_named(form.get("doctype"))


def check_delete(method: str, form) -> None:
	refuse_missing_record(form.get("doctype"), form.get("name"))


def refuse_missing_record(doctype, name) -> None:
	"""A delete of an app record that does not exist: 404 naming it, in the user's language (Frappe raises its
	refusal bare, with no message for the user). One the user may not delete: 403 in one sentence
	(permissions.refusal), before Frappe adds its own in English ("User not allowed to delete Agent Log")."""
	if not is_app_doctype(doctype):
		return
	if not (isinstance(name, str) and frappe.db.exists(doctype, name)):
		refuse_missing(doctype, name)
	if frappe.get_meta(doctype).istable:
		return  # a row is deleted through its record (permissions.row_refusal says so)
	doc = frappe.get_doc(doctype, name)
	if frappe.session.user != "Administrator" and not doc.has_permission("delete"):
		refuse_record(doc, "delete")


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


def check_list_arguments(form, counts: tuple, doctype: str | None = None) -> None:
	"""A list's or a search's arguments: each count of rows a whole number from 0 (check_counts); `filters`
	and `or_filters` a list of conditions or a mapping of field -> value; `fields` a list of field names. As
	Frappe reads them (frappe.utils.data.get_filter: a condition is [field, operator, value] or [doctype,
	field, operator, value], or a mapping of one field). With the app's `doctype`: each field names a column
	or counts one (Frappe's own reading, frappe.desk.reportview.extract_fieldnames), and order_by and
	group_by name the columns of the doctype or of its tables (check_sorting)."""
	check_counts(form, counts)
	for name in ("filters", "or_filters"):
		read_filters(name, form.get(name))
	fields = form.get("fields")
	value = as_json(fields) if fields not in (None, "") else []
	if not (isinstance(value, list) and all(isinstance(f, str) for f in value)):
		refuse(_("{0} must be a list of field names, not {1}."), "fields", fields)
	if doctype:
		for field in value:
			if not names_a_column(field):
				refuse(_("{0} must be a list of field names, not {1}."), "fields", field)
		for name in ("filters", "or_filters"):
			check_filter_columns(doctype, as_json(form.get(name)))
		check_aggregate(doctype, form)
		aliases = {a.lower() for f in value for a in re.findall(r"\bas\s+`?(\w+)`?\s*$", f, re.I)}
		for name in ("order_by", "group_by"):
			if form.get(name) not in (None, ""):
				check_sorting(doctype, name, form.get(name), aliases)


def check_aggregate(doctype: str, form) -> None:
	"""The report view's group-by aggregate: `aggregate_on_doctype` the doctype or one of its tables, spelled
	as it is, and `aggregate_on_field` a column of it (Frappe reads the doctype's metadata by the name sent: a
	500 for any other, helper-66 K8)."""
	of, field = form.get("aggregate_on_doctype"), form.get("aggregate_on_field")
	if of in (None, "") and field in (None, ""):
		return
	of = of or doctype
	if not isinstance(of, str) or of not in tables_of(doctype):
		refuse(_("{0} must be {2} or one of its tables, not {1}."), "aggregate_on_doctype", of, _(doctype))
	if not (isinstance(field, str) and field in frappe.db.get_table_columns(of)):
		refuse(_("{0} must be a column of {2}, not {1}."), "aggregate_on_field", field or "", _(of))


def names_a_column(field: str) -> bool:
	"""Whether Frappe's field check finds a column in `field` (`sleep(1)` has none: Frappe's own check then
	fails with an IndexError, a 500)."""
	from frappe.desk.reportview import extract_fieldnames

	try:
		return bool(field.strip()) and bool((extract_fieldnames(field) or [None])[0])
	except Exception:  # sql_metadata's parser fails on what is no SQL
		return False


def check_sorting(doctype: str, name: str, value, aliases: set[str]) -> None:
	"""order_by / group_by of a list of the app's `doctype`: text of parts [`tab<doctype>`.]<column>
	[asc|desc], each a column of the doctype's table or of one of its tables' (or a field's alias). MariaDB
	answers another column with an error (a 500); Frappe refuses a sub-query in English."""
	if not isinstance(value, str):
		refuse(_("{0} must be a column of {2}, not {1}."), name, value, _(doctype))
	tables = tables_of(doctype)
	for part in value.split(","):
		found = SORT_PART.fullmatch(part)
		if not found or (name == "group_by" and found["direction"]):
			refuse(_("{0} must be a column of {2}, not {1}."), name, part.strip(), _(doctype))
		table = found["doctype"] or doctype
		column = found["column"]
		known = table in tables and column in frappe.db.get_table_columns(table)
		if not (known or (not found["doctype"] and column.lower() in {*aliases, "_aggregate_column"})):
			refuse(_("{0} must be a column of {2}, not {1}."), name, part.strip(), _(doctype))


def tables_of(doctype: str) -> set[str]:
	"""`doctype` and the doctypes of its tables: the tables a list of it may sort, group or filter on."""
	return {doctype, *(df.options for df in frappe.get_meta(doctype).get_table_fields())}


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


def read_filters(name: str, value, only_list: bool = False):
	"""The filters sent as the argument `name`, read as Frappe reads them (JSON text, or as sent): [] for
	none; a list of conditions [field, operator, value] or (unless `only_list`: get_next appends to them) a
	mapping of field -> value; else frappe.ValidationError (417) naming the argument and the value as sent."""
	if value in (None, ""):
		return []
	read = as_json(value)
	if not is_filters(read) or (only_list and not isinstance(read, list)):
		refuse(_("{0} must be a list of conditions [field, operator, value], not {1}."), name, value)
	return read


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
		refuse_missing(doctype, name)


def refuse_row_without_its_record(doctype) -> None:
	"""frappe.client's reads of an app table's rows without `parent`: Frappe refuses them (403) without a word;
	said here, naming the record's doctype to send."""
	if not is_app_doctype(doctype) or not frappe.get_meta(doctype).istable:
		return
	parents = parents_of_table(doctype)
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
	inner = getattr(fn, "__wrapped__", fn)
	parameters = inspect.signature(inner).parameters  # read once: every call of an app method passes here
	refuse_missing_arguments(parameters, form)
	check_types(inner, {k: v for k, v in form.items() if k != "cmd"})
	# a link query's counts of rows (agent_query, campaign_query): LIMIT -1 is an SQL error
	check_counts(form, ("start", "page_len"))
	# a link query's filters (campaign_query, called by a script): a shape Frappe's list takes, on columns
	# of the doctype it lists (text that is no JSON, a number, an unknown column were 500s)
	if {"doctype", "filters"} <= set(parameters) and is_app_doctype(form.get("doctype")):
		check_filter_columns(form.get("doctype"), read_filters("filters", form.get("filters")))


def refuse_missing_arguments(parameters, form) -> None:
	"""Each of a method's `parameters` (its inspect.signature's) without a default must be sent (Frappe calls
	the method without it: a TypeError, a 500)."""
	for name, parameter in parameters.items():
		if (
			parameter.default is inspect.Parameter.empty
			and parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
			and form.get(name) is None
		):
			frappe.throw(_("{0} is required.").format(escape_html(name)), title=_("Missing Value"))


def check_filter_columns(doctype: str, filters) -> None:
	"""Each field a filter names (a mapping's keys; a condition's field, with its doctype when it names one)
	a column of `doctype` or of one of its tables: MariaDB answers another with an error (a 500)."""
	tables = tables_of(doctype)
	for table, field in filter_fields(doctype, filters):
		if not (table in tables and isinstance(field, str) and field in frappe.db.get_table_columns(table)):
			refuse(
				_("{0} names a field that {2} does not have: {1}."),
				"filters",
				field,
				_(table if table in tables else doctype),
			)


def check_columns(doctype: str, argument: str, fields, one: bool = False) -> list[str]:
	"""`fields` (one name, or a list of them, also as JSON text; `one`: a single name) as a list of columns of
	`doctype` (a Single's: its fields), each refused that is none (frappe.ValidationError, 417): what Frappe reads
	there it writes into its SQL as sent (`sleep(0)` ran, helper-69 P3) or reads off the record whatever its
	level."""
	value = as_json(fields)
	if one and isinstance(value, list):  # Frappe's query code fails on it (a 500, helper-71 C3)
		refuse(_("{0} must be a column of {2}, not {1}."), argument, value, _(doctype))
	names = value if isinstance(value, list) else [value]
	meta = frappe.get_meta(doctype)
	columns = (
		["name", *(df.fieldname for df in meta.fields)]
		if meta.issingle or meta.is_virtual
		else frappe.db.get_table_columns(doctype)
	)  # a Single and a virtual doctype have no table (helper-71 C2, helper-72)
	for name in names:
		if not (isinstance(name, str) and name in columns):
			refuse(_("{0} must be a column of {2}, not {1}."), argument, name, _(doctype))
	return names


def check_custom_field_read(method: str, form) -> None:
	"""frappe.desk.query_report.get_data_for_custom_field (a query report's column read from a linked record):
	`field` a column of `doctype` (its level is asked by check_request_levels), `names` a list of names."""
	check_doctype_named(form.get("doctype"))
	check_columns(form.get("doctype"), "field", form.get("field"), one=True)
	names = as_json(form.get("names"))
	if names not in (None, "") and not (isinstance(names, list) and is_name_or_names(names)):
		refuse(_("{0} must be a list of names of records, not {1}."), "names", form.get("names"))


# Frappe's reads that filter, sort or group a doctype's records by fields the request names (besides LIST_METHODS)
LEVEL_METHODS = (
	"frappe.client.get",
	"frappe.client.get_value",
	"frappe.client.validate_link",
	"frappe.desk.listview.get_group_by_count",
	"frappe.desk.form.utils.get_next",
	"frappe.desk.calendar.get_events",
	"frappe.desk.reportview.get_stats",
	"frappe.desk.reportview.get_filter_dashboard_data",
	"frappe.www.list.get",
	"frappe.www.list.get_list_data",
	"frappe.desk.query_report.get_data_for_custom_field",
	"frappe.client.get_single_value",
)
# methods that select each column of `fields` as sent, without Frappe's check of a list's columns first (its
# level check skips the column after one it removes): a plain column the user does not read is refused there
UNCHECKED_FIELDS = ("frappe.desk.calendar.get_events",)
# frappe.www.list.get and its twin get_list_data (helper-69 P5) read every other argument as a filter of the
# portal list
PORTAL_LISTS = ("frappe.www.list.get", "frappe.www.list.get_list_data")
PORTAL_ARGUMENTS = ("cmd", "doctype", "txt", "limit_start", "limit", "pathname", "web_form_name", "fields")
# the filters Frappe's own dialogs send, in a link search, on its doctypes' fields of a level the user does not
# read: the Assign To and Share dialogs offer the enabled System Users (helper-66 K3)
DESK_FILTERS = {("User", "user_type"), ("User", "enabled")}
# a dashboard chart and a number card: the doctype and the fields they count by are in a record sent as JSON
CHART_METHODS = {
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": ("chart", "chart_name", "Dashboard Chart"),
	"frappe.desk.doctype.number_card.number_card.get_result": ("doc", None, "Number Card"),
	"frappe.desk.doctype.number_card.number_card.get_percentage_difference": ("doc", None, "Number Card"),
}
CHART_FIELDS = ("based_on", "value_based_on", "group_by_based_on", "aggregate_function_based_on")
# a column expression Frappe's field check reads whole: a column, `tab<doctype>`.<column>, either with an alias
PLAIN_COLUMN = re.compile(r"\s*(?:`?tab[^`.]+`?\s*\.\s*)?`?\w+`?\s*", re.I)


def check_request_levels() -> None:
	"""auth_hooks (hooks.py; in before_request a token's user is still Guest): a list, count, search, a record
	read by filters (frappe.client.get, get_value, validate_link), the sidebar's counts, a form's next record, a
	calendar's events, a dashboard chart or number card, a search query called on its own, by any path of
	Frappe's API, may filter, sort, group or compute only with fields the session's user reads
	(check_filter_levels), on every doctype; a search query also with those of each doctype it reads
	(check_query_levels). Computed: a column of `fields` or `fieldname` that is
	more than a column (computed_columns), a sort part that is more than a column, a report view's aggregate, a
	chart's based-on fields; a link search's `filter_fields`; a portal list's filters (its extra arguments); on
	a calendar, its columns and field map. The filters Frappe's own dialogs send are let through (DESK_FILTERS:
	the Assign To and Share dialogs filter Users by user type, a level an agent does not read, helper-66 K3).
	Returns None when the request may run."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return
	route = read_route(request)
	form = route.arguments
	if route.kind == "method":
		refuse_alias(route.target)
	if route.kind == "resource" and route.name is None and reads(request):
		doctype = route.target
	elif route.kind == "method" and (route.target in LIST_METHODS or route.target in LEVEL_METHODS):
		doctype = form.get("doctype")
	elif route.kind == "method" and route.target in CHART_METHODS:
		doctype, form = chart_form(route.target, form)
	elif route.kind == "method" and search_query(route.target):
		doctype = form.get("doctype")  # a search query called on its own (helper-69 P1)
	else:
		return
	if not is_doctype_name(doctype):
		return  # the shape checks and Frappe answer it
	check_query_levels(route.target, doctype, form)
	field_map = as_json(form.get("field_map"))
	if route.target == "frappe.desk.calendar.get_events" and not isinstance(field_map, dict):
		refuse(
			_("{0} must be a mapping of field to value, not {1}."), "field_map", form.get("field_map") or ""
		)
	mapped = [v for v in (field_map.values() if isinstance(field_map, dict) else ()) if isinstance(v, str)]
	named = [
		*(part for name in ("order_by", "group_by") for part in sorted_fields(doctype, form.get(name))),
		*((doctype, column) for column in stats_columns(as_json(form.get("stats")))),
		*((doctype, form.get(name)) for name in ("field", "sort_field", "searchfield", *CHART_FIELDS)
			if isinstance(form.get(name), str)),
		*computed_columns(doctype, [form.get(name) for name in CHART_FIELDS if isinstance(form.get(name), str)]),
		*aggregated_field(doctype, form),
		*computed_columns(doctype, form.get("fields")),
		*computed_columns(doctype, form.get("fieldname")),
		*computed_columns(doctype, form.get("field")),
		*computed_columns(doctype, mapped),
		*search_fields(doctype, form.get("filter_fields")),
		*(field for name in ("filters", "or_filters", "current_filters")
			for field in filter_fields(doctype, as_json(form.get(name)))
			if not (route.target in SEARCH_METHODS and (doctype, field[1]) in DESK_FILTERS)),
	]  # fmt: skip
	if route.target in UNCHECKED_FIELDS:
		named += [(doctype, field) for field in [*as_list(as_json(form.get("fields"))), *mapped]]
	if route.target in PORTAL_LISTS:
		named += [(doctype, name) for name in form if name not in PORTAL_ARGUMENTS]
	parent = form.get("parent") if isinstance(form.get("parent"), str) else None
	if parent and is_doctype_name(parent) and frappe.get_meta(doctype).istable:
		# a table's rows listed through a record whose field holding them the user does not read (any user's
		# roles, listed by any desk user through `Has Role`, helper-66 K6)
		check_filter_levels(parent, [(doctype, "name")])
	check_filter_levels(doctype, named, parent)


def refuse_alias(method: str) -> None:
	"""A whitelisted function the app checks or answers itself is served under the path it is written at only,
	and a path into the app's modules serves only the app's own functions (one module of the app may import
	another's), never through one of its tests: Frappe serves
	a whitelisted function under the path of any module that imports it, past every check keyed by its own
	path (`insurance_activity.api.desk_reads.frappe_get_docinfo` ran Frappe's form history with the officer's
	notes, ERPNext's `search_help.search` the search bar unfiltered, helper-72 H2). frappe.PermissionError
	(403) naming the path to call."""
	fn = resolve_method(method)
	if fn is None or fn not in frappe.whitelisted:
		return  # no such method, or not one to serve: Frappe answers it
	own = f"{fn.__module__}.{fn.__name__}"
	if own == method:
		return
	borrowed = method.startswith("insurance_activity.") and not own.startswith("insurance_activity.")
	if borrowed or ".tests." in method or own in checked_methods():
		frappe.throw(
			_("{0} is served under its own name only: {1}.").format(escape_html(method[:140]), own),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def checked_methods() -> set[str]:
	"""The paths of the methods the app checks (its tables here and in record_actions) or answers itself
	(app_overrides)."""
	from insurance_activity.permissions import record_actions as actions

	return {
		*LIST_METHODS, *LEVEL_METHODS, *CHART_METHODS, *METHOD_CHECKS, *actions.RECORD_ACTIONS,
		*actions.OWN_RECORDS, *actions.READ_RECORDS, *actions.FILTER_RECORDS, *actions.INNER_METHODS,
		*actions.ROLE_ONLY, *actions.SESSION_USER, *actions.REPORT_RUNS, *actions.PUBLIC_PAGES, *actions.TOTALS,
		*actions.CREDIT_MAILS, *actions.PRIVATE_PAGES, *actions.KANBAN_ORDERS, *actions.ROW_READS,
		*app_overrides(),
	}  # fmt: skip


def app_overrides() -> list[str]:
	"""The method paths the app answers itself (override_whitelisted_methods of its own hooks: ERPNext's own
	override of the contact form is no check of the app's, helper-84 F13)."""
	hooks = frappe.get_hooks("override_whitelisted_methods", {})
	return [path for path, targets in hooks.items() if targets[-1].startswith("insurance_activity.")]


def search_query(method) -> object | None:
	"""The function of the whitelisted search query named `method` (its first parameters SEARCH_ARGUMENTS: every
	link query of Frappe, ERPNext, HRMS and the app), or None."""
	return whitelisted_taking(method, SEARCH_ARGUMENTS)


# a doctype a query's own text reads: `doctype = "User"`, `tabEmployee` (query_doctypes)
NAMED_IN_SOURCE = re.compile(
	r"""\bdoctype\s*=\s*["']([A-Z][\w ]*)["']|`tab([A-Z][\w ]*)`"""
	r"""|\b(?:DocType|get_all|get_list|get_value|get_values|get_doc|get_cached_value|exists|count)\(\s*["']([A-Z][\w ]*)["']"""
)


def query_doctypes(fn) -> frozenset:
	"""The doctypes a search query reads whatever doctype it is asked for: its module's (a query of
	`<app>.<module>.doctype.<doctype>.<doctype>`) and each its text names (`doctype = "User"`, `` `tabEmployee` ``,
	`frappe.qb.DocType("Project")`, `frappe.get_all("Item", ...)`, and the like).
	`frappe.core.doctype.user.user.user_query` reads Users whatever doctype the search names: a search of
	Customers through it filtered Users by their API keys (helper-69 P1). Read from the query's source, so a
	query of a new app is read the same (one of no source: its module's doctype only)."""
	found = {frappe.db.get_value("DocType", name, "name", cache=True) for name in names_in_query(fn)}
	return frozenset(name for name in found if name)


@cache  # a function's source does not change while a process runs; read once, not on every link search
def names_in_query(fn) -> frozenset:
	"""The doctype names a search query's module and text give (query_doctypes), whether or not each is a
	doctype of the site."""
	fn = inspect.unwrap(fn)
	parts = fn.__module__.split(".")
	names = (
		[parts[-1].replace("_", " ")]
		if len(parts) > 3 and parts[-3] == "doctype" and parts[-2] == parts[-1]
		else []
	)
	try:
		names += [name for found in NAMED_IN_SOURCE.findall(inspect.getsource(fn)) for name in found if name]
	except (OSError, TypeError):  # no source to read
		pass
	return frozenset(names)


def check_query_levels(method: str, doctype: str, form) -> None:
	"""A link search's query (search_link's and search_widget's `query`, or the query called on its own) may
	search and filter only by fields the user reads of each doctype it reads (query_doctypes), besides the
	doctype asked for (check_filter_levels); its `searchfield`, which queries write into their SQL, must be a
	column's name (frappe.ValidationError, 417). Each of those doctypes, and the one asked for, must be one the
	user's roles read or select (frappe.PermissionError, 403): a query is its own SQL, and ERPNext's pasted a
	request's text into it (a Blanket Order's search ran an agent's SQL, helper-70)."""
	fn = search_query(form.get("query") if method in SEARCH_METHODS else method)
	if not fn:
		return
	searchfield = form.get("searchfield")
	if searchfield not in (None, "") and not (
		isinstance(searchfield, str) and re.fullmatch(r"\w+", searchfield)
	):
		refuse(_("{0} must be a column of {2}, not {1}."), "searchfield", searchfield, _(doctype))
	for read in sorted(query_doctypes(fn) | {doctype}):  # a query's SQL is its own: only its readers run it
		# a table's rows are read with their record: one of its records (a Contact's links; a Payment Schedule's
		# invoices, helper-71 M3)
		readers = parents_of_table(read) if frappe.get_meta(read).istable else [read]
		if not any(frappe.has_permission(d, "select") or frappe.has_permission(d, "read") for d in readers):
			frappe.throw(
				_("Only those who read {0} may search it.").format(_(read)),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
	filters = as_json(form.get("filters"))
	for read in query_doctypes(fn) - {doctype}:
		fields = [
			field for _table, field in filter_fields(read, filters) if (read, field) not in DESK_FILTERS
		]
		check_filter_levels(read, [(read, field) for field in [*fields, searchfield] if field])


def stats_columns(stats) -> list:
	"""The columns a sidebar's stats name: ["<column>", ...] (get_sidebar_stats, get_stats) or
	[{"name": "<column>", "type": ...}, ...] (get_filter_dashboard_data)."""
	return [
		each.get("name") if isinstance(each, dict) else each
		for each in as_list(stats)
		if isinstance(each, str) or (isinstance(each, dict) and isinstance(each.get("name"), str))
	]


def search_fields(doctype: str, value) -> list[tuple]:
	"""[(doctype, field)] of a link search's `filter_fields` (search_widget adds each to its columns, in
	backticks): each must be a field's name, a word (a backtick in one ended Frappe's quoting and the rest ran
	as SQL: the officer's notes in an agent's search, helper-67 M1); frappe.ValidationError (417) otherwise."""
	value = as_json(value)
	if value in (None, ""):
		return []
	if not (isinstance(value, list) and all(isinstance(f, str) and re.fullmatch(r"\w+", f) for f in value)):
		refuse(_("{0} must be a list of field names, not {1}."), "filter_fields", value)
	return [(doctype, field) for field in value]


def chart_form(method: str, form) -> tuple:
	"""(doctype, a list's arguments) of a dashboard chart or number card request: the record sent as JSON (or the
	saved one named), its document_type, filters (its filters_json and those sent) and the fields it counts,
	sums or groups by (CHART_FIELDS). A chart of a field the user does not read answered its values as labels,
	and its filters told them apart a guess at a time (helper-66 K5)."""
	sent, named, doctype_of_record = CHART_METHODS[method]
	record = as_json(form.get(sent))
	if named and form.get(named) not in (None, ""):
		if not isinstance(form.get(named), str):
			refuse(_("{0} must be the name of a record, not {1}."), named, form.get(named))
		record = frappe.db.get_value(doctype_of_record, form.get(named), "*", as_dict=True)
	if not isinstance(record, dict):
		if form.get(sent) not in (None, "") and not (named and form.get(named)):
			refuse(_("{0} must be a mapping of field to value, not {1}."), sent, form.get(sent))
		return None, {}
	for name, value in (("filters_json", record.get("filters_json")), ("filters", form.get("filters"))):
		if value not in (None, "") and not isinstance(
			as_json(value), list | dict
		):  # Frappe's json.loads: a 500
			refuse(_("{0} must be a list of conditions [field, operator, value], not {1}."), name, value)
	# a list of conditions or a mapping (Frappe applies both: a mapping read as none was an oracle, helper-67 M4)
	given = (as_json(record.get("filters_json")), as_json(form.get("filters")))
	filters = [c for f in given for c in (f if isinstance(f, list) else [f] if isinstance(f, dict) else [])]
	return record.get("document_type"), {
		"filters": filters,
		**{field: record.get(field) for field in CHART_FIELDS if isinstance(record.get(field), str)},
	}


def aggregated_field(doctype: str, form) -> list[tuple]:
	"""[(doctype, field)] of the report view's group-by aggregate (`aggregate_on_field` of
	`aggregate_on_doctype`, a table of `doctype`): Frappe computes it over a field whatever its level, and drops
	the column after (the ORDER BY on it then fails: a 500, helper-65 H5)."""
	field, of = form.get("aggregate_on_field"), form.get("aggregate_on_doctype") or doctype
	return [(of, field)] if isinstance(field, str) and field else []


def computed_columns(doctype: str, value) -> list[tuple]:
	"""[(doctype, column)] of each column named inside a field expression of `value` (a list's `fields`, JSON
	text or a list; get_value's `fieldname`, one or a list; a sort's part) that is more than a column (a
	function, an alias): Frappe's field check reads only the first column of an expression, so
	`greatest(name, officer_notes)` gave an agent the officer's notes, `greatest(name, api_key)` another user's
	API key (helper-65 H1), and an alias of a column it drops broke the ORDER BY naming it (a 500). A plain
	column is Frappe's to drop. Each word of the expression that names a field of `doctype` counts as well
	(what Frappe's parser misses), in any case (MariaDB reads `OFFICER_NOTES` as the column, helper-66 K1)."""
	from frappe.desk.reportview import extract_fieldnames

	value = as_json(value)
	named = []
	for expression in value if isinstance(value, list) else [value]:
		if not isinstance(expression, str) or PLAIN_COLUMN.fullmatch(expression):
			continue
		try:
			columns = extract_fieldnames(expression) or []
		except Exception:  # sql_metadata's parser fails on what is no SQL: the shape checks answer it
			columns = []
		for column in columns:
			table, _dot, field = column.rpartition(".")
			named.append((table.strip("`").removeprefix("tab") or doctype, field.strip("`")))
		named += [(doctype, word) for word in re.findall(r"\w+", expression)]
	return named


def sorted_fields(doctype: str, value) -> list[tuple]:
	"""[(doctype, column)] of each part of an order_by / group_by text Frappe reads: a part [`tab<doctype>`.]
	<column> [asc|desc] names its column; the columns of any other part are read as a computed column's
	(`locate('4', substr(api_key, 1, 1)) desc` ordered the users by their API keys, helper-66 K2)."""
	if not isinstance(value, str):
		return []
	named = []
	for part in value.split(","):
		found = SORT_PART.fullmatch(part)
		named += (
			[(found["doctype"] or doctype, found["column"])] if found else computed_columns(doctype, part)
		)
	return named


def as_list(value) -> list:
	return value if isinstance(value, list) else []


def filter_fields(doctype: str, filters) -> list[tuple]:
	"""[(doctype, field)] of each field the `filters` (as read_filters gives them) name: a mapping's keys, a
	condition's field with the doctype it names (`doctype` when it names none); [] for what is no filters."""
	if isinstance(filters, dict):
		return [(doctype, field) for field in filters]
	conditions = []
	for condition in filters if isinstance(filters, list) else []:
		if isinstance(condition, dict):
			conditions += [(doctype, field) for field in condition]
		elif isinstance(condition, list | tuple) and len(condition) >= 3:
			conditions.append(
				(doctype, condition[0]) if len(condition) == 3 else (condition[0], condition[1])
			)
	return conditions


def check_filter_levels(doctype: str, conditions: list[tuple], parenttype: str | None = None) -> None:
	"""frappe.PermissionError (403) for a filter, an order, a grouping or a computed column on a field the
	session's user does not read (permissions.unreadable_fields: its permission level): Frappe leaves such a
	field out of what it answers but filters on it, so a Callback Check's officer notes were recovered a guess
	at a time by an agent whose visit it checks (helper-64 G2). `conditions`: [(doctype, field)]
	(filter_fields), a table's fields read with `doctype` as their record, and refused where the record's table
	fields holding it are of a level the user does not read (a User's roles, helper-67); a doctype that is none
	is left to the path's own check."""
	hidden_of = {}  # (table, record) -> its hidden fields by lower-case name: asked once per call
	for table, field in conditions:
		if not (is_doctype_name(table) and isinstance(field, str)):
			continue
		record = parenttype if table == doctype else doctype
		if (table, record) not in hidden_of:
			hidden_of[table, record] = {name.lower(): name for name in unreadable_fields(table, record)}
		hidden = hidden_of[table, record]
		field = hidden.get(field.strip().strip("`").lower())  # MariaDB reads a column's name in any case
		if not field and table != doctype:
			holding = [
				df.fieldname for df in frappe.get_meta(doctype).get_table_fields() if df.options == table
			]
			if holding and set(holding) <= unreadable_fields(doctype, parenttype):
				table, field = doctype, holding[0]
		if field:
			meta = frappe.get_meta(table)
			frappe.throw(
				_(
					"You may not filter, sort or compute with {1} of {0}: none of your roles reads that field."
				).format(_(table), _(meta.get_label(field))),  # the doctype's own label: no one's input
				frappe.PermissionError,
				title=_("Not Permitted"),
			)


def check_next_record(method: str, form) -> None:
	"""frappe.desk.form.utils.get_next (a form's previous and next arrows) of any doctype: `prev` 0 or 1,
	`sort_order` asc or desc, `sort_field` a column of the doctype, `filters` a list of conditions on its
	columns, `value` a name (that it is a record the user reads, of the app's doctypes, is asked once the user
	is known: record_actions.RECORD_ACTIONS). Frappe reads each unchecked (int(prev), sort_order.lower(),
	filters.append): a 500 each, writes `sort_field` into its ORDER BY as sent ("name desc, sleep(1)" ran
	MariaDB's sleep), and compares the other records with any column of `value`, read or not. Every doctype,
	not only the app's: the ORDER BY is any reader's way into the database."""
	doctype = form.get("doctype")
	check_doctype_named(doctype)
	value = form.get("value")
	if not isinstance(value, str):
		refuse(_("{0} must be {2}, not {1}."), "value", value or "", _("text"))
	if str(form.get("prev")) not in ("0", "1", "True", "False"):
		refuse(_("{0} must be {2}, not {1}."), "prev", form.get("prev") or "", _("yes or no (1 or 0)"))
	order = form.get("sort_order", "desc")
	if not (isinstance(order, str) and order.lower() in ("asc", "desc")):
		refuse(_("{0} must be one of {2}, not {1}."), "sort_order", order, "asc, desc")
	field = form.get("sort_field", "modified")
	if not (isinstance(field, str) and field in frappe.db.get_table_columns(doctype)):
		refuse(_("{0} must be a column of {2}, not {1}."), "sort_field", field, _(doctype))
	check_filter_columns(doctype, read_filters("filters", form.get("filters"), only_list=True))


def check_doc_method_arguments(method: str, form) -> None:
	"""run_doc_method (the desk's button on a form) of a method of an app doctype's controller: the method
	must be one (Frappe reads it with getattr: an AttributeError, a 500), its arguments of its types."""
	docs = as_json(form.get("docs"))
	doctype = form.get("dt") or (docs.get("doctype") if isinstance(docs, dict) else None)
	if not is_app_doctype(doctype):
		return
	from frappe.model.base_document import get_controller

	name = form.get("method")
	fn = getattr(get_controller(doctype), name, None) if isinstance(name, str) else None
	if fn is None or not callable(fn):
		frappe.throw(
			_("{0} has no action {1}.").format(_(doctype), escape_html(str(name)[:40])),
			frappe.DoesNotExistError,
			title=_("Not Found"),
		)
	args = as_json(form.get("args") or form.get("arg"))
	if isinstance(args, dict):
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


# the checks of each of Frappe's methods into the app (check_request), each called with (method, form)
METHOD_CHECKS = {
	**{method: (check_list_request,) for method in LIST_METHODS},
	**{method: (check_query_arguments, check_list_request) for method in QUERY_METHODS},
	**{
		method: (check_list_request, check_ignored_user_permissions, check_search_query)
		for method in SEARCH_METHODS
	},
	**{method: (check_report_request,) for method in REPORT_METHODS},
	**{method: (check_required_arguments,) for method in RECORD_ACTIONS},
	"frappe.client.set_value": (check_set_value,),
	"frappe.client.get": (check_client_read,),
	"frappe.client.get_value": (check_client_read,),
	"frappe.client.get_list": (check_list_request, check_client_read),
	"frappe.client.insert": (check_client_documents,),
	"frappe.client.insert_many": (check_client_documents,),
	"frappe.client.save": (check_client_documents,),
	"frappe.client.submit": (check_client_documents,),
	"frappe.client.cancel": (check_cancel,),
	"frappe.client.delete": (check_delete,),
	"frappe.desk.form.save.savedocs": (check_client_documents,),
	"run_doc_method": (check_doc_method_arguments,),
	"frappe.handler.run_doc_method": (check_doc_method_arguments,),
	"frappe.desk.form.utils.get_next": (check_next_record,),
	# the desk reads the app answers itself (api/desk_reads.py), called without a required argument: a 500
	"frappe.desk.search.get_link_title": (check_required_arguments,),
	"frappe.desk.form.load.getdoc": (check_required_arguments,),
	"frappe.desk.form.load.get_docinfo": (check_required_arguments,),
	# a record to print, by its name or (the desk's preview) as the form's JSON
	"frappe.utils.print_format.download_pdf": (check_print_request,),
	"frappe.www.printview.get_html_and_style": (check_print_request,),
	"frappe.desk.doctype.tag.tag.get_tagged_docs": (check_required_arguments,),
	"frappe.desk.query_report.get_data_for_custom_field": (check_required_arguments, check_custom_field_read),
	"frappe.desk.treeview.get_all_nodes": (check_required_arguments, check_tree_method),
	**{method: (check_required_arguments, check_mapping_method) for method in MAPPERS},
	# the reads the app answers itself (helper-69, helper-70), called without a required argument: a 500
	"hrms.api.roster.get_values": (check_required_arguments,),
	"frappe.utils.goal.get_monthly_goal_graph_data": (check_required_arguments,),
	"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count": (check_required_arguments,),
	"frappe.utils.global_search.search": (check_required_arguments,),
	**{method: (check_sql_arguments,) for method in SQL_ARGUMENTS},
	**{method: (check_required_arguments, check_field_choice) for method in FIELD_CHOICES},
	"hrms.utils.hierarchy_chart.get_all_nodes": (check_required_arguments, check_hierarchy_method),
}


# the checks of Frappe's functions that several method paths run, keyed by the function: one imported by
# other modules is whitelisted under each of their names (email.make also as Auto Repeat's and Request for
# Quotation's `make`)
FUNCTION_CHECKS = {
	make_email: (check_email_target, check_attachments),
	add_attachments: (check_required_arguments, check_attachment_target, check_attachments),
	frappe_handler.upload_file: (check_upload_method,),
	frappe_handler.uploadfile: (check_upload_method,),
}
