"""The desk's reads about records, outside any list, under the one permission rule.

- frappe.desk.search.get_link_title: the desk asks Frappe for the title of every record a Link field names,
  on forms and in lists, where the doctype shows titles in links (Agent Log: the agent's name; Meeting
  Session, Production Target, Activity Campaign, and Activity Campaign Invitee: the customer's name). Frappe
  v15 reads it with no permission check: a fresh user's agent read another office's customer names so.
- frappe.desk.form.load.getdoc: a form's record, sent with the titles of the records its Link fields name
  (`_link_titles`), read with no permission check: a callback officer's form of a check showed the title of a
  log they do not read. Those titles are the names here, as get_link_title gives them; a record the user may
  not read is refused in the rule's sentence (Frappe's message named the record in HTML).
- frappe.desk.form.load.get_docinfo: a form's comments, attachments, shares and versions, asked on their own
  (the desk asks them again after a change): a record the user may not read was refused with no message (a
  bare PermissionError), and a `doc` sent by a request was read as a document (an AttributeError, a 500).
- frappe.desk.doctype.tag.tag.get_tagged_docs: the records of a doctype carrying a tag, which Frappe reads
  from the doctype's table with no rule (the names of every office's tagged logs).
- frappe.client.get with `filters`: Frappe finds the first record matching them among every record, then
  refuses it by its name: a yes-or-no answer about any field of another office's records, and the name; of
  every doctype (a ToDo's text, a File's record).

- hrms.api.roster.get_values, frappe.utils.goal.get_monthly_goal_graph_data, frappe.utils.global_search.search:
  HRMS's roster read any field of any record, a form's goal graph totalled any doctype over every record, and
  the search bar found every office's customers by name (helper-69, helper-70).
- hrms.api.get_all_employees: HRMS's employee picker listed every employee, unchecked: the names, user ids and
  supervisors of every office's agents.

hooks.py (override_whitelisted_methods) sends these methods here; a printout's link titles, which Frappe's
printview reads as getdoc does, come through `hide_print_link_titles` (the before_print of every doctype).
"""

import re

import frappe
from frappe import _
from frappe.client import get as frappe_client_get
from frappe.client import validate_link as frappe_validate_link
from frappe.desk.doctype.tag.tag import get_tagged_docs as frappe_get_tagged_docs
from frappe.desk.form.load import get_docinfo as frappe_get_docinfo
from frappe.desk.form.load import getdoc as frappe_getdoc
from frappe.desk.search import get_link_title as frappe_get_link_title
from frappe.model.db_query import check_parent_permission
from frappe.query_builder import DocType

from insurance_activity.api.request_shapes import (
	as_json,
	check_columns,
	check_doctype_named,
	check_filter_columns,
	check_filter_levels,
	filter_fields,
	read_filters,
)
from insurance_activity.api.request_shapes import refuse as refuse_shape
from insurance_activity.permissions import (
	POINTING,
	RULES,
	hidden_row,
	reads_every_record,
	refuse,
	refuse_hidden_row,
	unreadable_fields,
	where_allowed,
)
from insurance_activity.permissions.record_actions import check_record_read


@frappe.whitelist()
def get_link_title(doctype: str, docname: str):
	"""The title a Link field shows for `docname` of `doctype`: Frappe's answer (the title field's value,
	the name for a doctype that shows no titles, None for a missing record), except that a record of one of
	the app's ruled doctypes the session's user does not read shows its name only, as a doctype without titles
	does. Nothing is refused: a form of a record the user reads may link to one they do not (a colleague's
	log on a meeting), and an error there would stop the form; the name is what a Link field holds anyway.
	Wrong argument types are refused by Frappe's type check (417)."""
	if hidden(doctype, docname):
		return docname
	return frappe_get_link_title(doctype, docname)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""A Link field's check of the value typed in (frappe.client.validate_link): Frappe's answer, `{"name":
	<name>}` and the fields asked for, or `{"name": None}` for a missing record, except that an existing record
	of one of the app's ruled doctypes the session's user neither reads nor selects, or a row of a record they
	do not read (permissions.hidden_row, helper-83 F3), is answered as a missing one is. Frappe answered any
	record's existence by name, a customer's name among them (is this person another office's customer?,
	helper-80 F4). `fields` must be a list of field names (JSON or
	a list: frappe.ValidationError, 417; Frappe's parse of other text was a 500 for a missing record only,
	helper-83 F1). Frappe's refusal of a doctype the user's roles do not reach (403) stays."""
	read = as_json(fields)
	if fields is not None and not (isinstance(read, list) and all(isinstance(f, str) for f in read)):
		refuse_shape(_("{0} must be a list of field names, not {1}."), "fields", fields)
	if isinstance(docname, str) and (hidden_link(doctype, docname) or hidden_row(doctype, docname)):
		return answer_as_missing(doctype)
	return frappe_validate_link(doctype, docname, fields)


def hidden_link(doctype: str, name: str) -> bool:
	"""Whether `name` is a record of a ruled doctype (or about one) the session's user neither reads nor selects."""
	return hidden(doctype, name) and not frappe.has_permission(doctype, "select", name)


def answer_as_missing(doctype: str):
	"""Frappe's validate_link answer for a missing record of `doctype`: its refusal where the user's roles
	neither read nor select the doctype (a table's missing row always: it has no parent to ask), else no name."""
	if not (frappe.has_permission(doctype, "select") or frappe.has_permission(doctype, "read")):
		frappe.throw(
			_("You do not have Read or Select Permissions for {}").format(frappe.bold(doctype)),
			frappe.PermissionError,
		)
	return frappe._dict(name=None)


@frappe.whitelist()
def get(doctype: str, name=None, filters=None, parent=None):
	"""frappe.client.get, same arguments and answer (the record as a mapping), except that the record found by
	`filters` (no `name`) is the first matching one the session's user reads, as their list shows it
	(frappe.get_list: the doctype's roles, user permissions, permission query conditions and the app's rule;
	a row of a table through its record `parent`), for every doctype: Frappe looked among every record and
	refused the one it found by its name, so an agent learned whether a colleague's check was closed as not
	happened (helper-63 F1), whether a callback officer's task about their visit was pending (a ToDo), which
	attachments another office's log has (a File) (helper-64 G1). None matching: frappe.DoesNotExistError
	(404), naming nothing; a doctype the user may not read: frappe.PermissionError (403), before any look-up.
	A filter on a field the user does not read (its permission level) is refused by the request's check
	(request_shapes.check_request_levels, helper-64 G2). A name given is Frappe's as before. frappe.ValidationError
	(417) for a doctype that is none, a name or parent that is not a name, and filters that are not filters or
	name a column the doctype does not have (each a 500 in Frappe). A single doctype is its one record."""
	check_doctype_named(doctype)
	meta = frappe.get_meta(doctype)
	if meta.issingle:  # one record: its own name, no filters to read
		return frappe_client_get(doctype, name=doctype, parent=parent)
	for argument, value in (("name", name), ("parent", parent)):
		if value is not None and not isinstance(value, str | int):
			refuse_shape(_("{0} must be the name of a record, not {1}."), argument, value)
	if not name and filters not in (None, ""):
		read = read_filters("filters", filters)
		if (
			meta.istable
		):  # Frappe's own check: a row is read through a doctype holding it, which the user reads
			check_parent_permission(parent, doctype)
		check_filter_columns(doctype, read)
		found = frappe.get_list(
			doctype,
			filters=read,
			pluck="name",
			limit=1,
			**({"parent_doctype": parent} if meta.istable else {}),
		)
		if not found:
			frappe.throw(
				_("No {0} you may read matches these filters.").format(_(doctype)),
				frappe.DoesNotExistError,
				title=_("Not Found"),
			)
		name = found[0]
	refuse_hidden_row(doctype, name)  # a row named: read with its record (helper-83 F2)
	return frappe_client_get(doctype, name=name, filters=filters, parent=parent)


@frappe.whitelist()
def getdoc(doctype: str, name: str):
	"""A form's record, as Frappe's getdoc sends it (frappe.response: `docs` with the record, `docinfo`, and
	`_link_titles`, {"<doctype>::<name>": title}), except that the title of a linked record of one of the app's
	ruled doctypes the session's user does not read is its name (get_link_title's answer). A record of the app
	the user may not read: frappe.PermissionError (403) in the rule's sentence; a missing one: Frappe's empty
	answer. A doctype that is no DocType's name as spelled (Frappe's ImportError, a 500), a wrong argument type
	(Frappe's type check) and a missing argument (request_shapes): frappe.ValidationError (417)."""
	check_doctype_named(doctype)
	if hidden(doctype, name):
		refuse(frappe._dict(doctype=doctype, name=name), "read")
	refuse_hidden_row(doctype, name)  # a row: Frappe asks only the roles of its parent's doctype
	answer = frappe_getdoc(doctype, name)
	hide_link_titles(frappe.local.response.get("_link_titles"))
	hide_unreadable_changes(doctype, (frappe.local.response.get("docinfo") or {}).get("versions"))
	return answer


def refuse_hidden_print(doc, method=None, print_settings=None) -> None:
	"""doc_events "*" before_print: a row of a table printed on its own is printed only for those who read its
	record (permissions.hidden_row): Frappe asks only the roles of the parent's doctype, and its printout page
	answered another office's employee's pay line by the row's name on any spelling of its path (`/printview`,
	`/printview.html`), as did a printout sent by mail or several records' PDF (helper-85 F1, F2).
	frappe.PermissionError (403)."""
	if doc.meta.istable:
		refuse_hidden_row(doc.doctype, doc.name, "print")


def hide_print_link_titles(doc, method=None, print_settings=None) -> None:
	"""doc_events "*" before_print: the titles Frappe's printview.set_link_titles gave a printed record (its
	`__link_titles`, read unchecked, as a form's), which the printout shows for its Link fields: those of
	records the user may not read are their names."""
	hide_link_titles(doc.get("__link_titles"))


def hide_link_titles(titles: dict | None) -> None:
	"""In place: each title of {"<doctype>::<name>": title} whose record is `hidden` becomes the name."""
	for key in list(titles or {}):
		linked, _sep, record = key.partition("::")
		if hidden(linked, record):
			titles[key] = record


@frappe.whitelist()
def get_docinfo(doctype: str, name: str) -> None:
	"""A form's comments, attachments, shares, versions and the rest (frappe.response["docinfo"]), as Frappe's
	get_docinfo sends them for `doctype` and `name` (a `doc` sent by a request is not read). A record of the app
	(or a tag, follow or attachment of one) the user may not read: frappe.PermissionError (403) in the rule's
	sentence; a doctype that is no DocType's name as spelled: frappe.ValidationError (417); any other refusal is
	Frappe's."""
	check_doctype_named(doctype)
	if hidden(doctype, name):
		refuse(frappe._dict(doctype=doctype, name=name), "read")
	refuse_hidden_row(doctype, name)
	frappe_get_docinfo(doctype=doctype, name=name)
	hide_unreadable_changes(doctype, (frappe.local.response.get("docinfo") or {}).get("versions"))


def hide_unreadable_changes(doctype: str, versions: list | None) -> None:
	"""In place: each Version of a form's history (its `data`, JSON text of Frappe's `changed`, `added`,
	`removed` and `row_changed`) without the values of the fields the session's user does not read
	(permissions.unreadable_fields: their permission level, a table's rows through `doctype`). Frappe sends a
	form's last versions whole: every agent read the officer's notes of each closed check on their visits
	there (helper-65 H2), which the record itself leaves out."""
	if not versions:
		return
	meta = frappe.get_meta(doctype)
	hidden = unreadable_fields(doctype)
	tables = {
		df.fieldname: unreadable_fields(df.options, doctype)
		for df in meta.get_table_fields()
		if unreadable_fields(df.options, doctype)
	}
	if not hidden and not tables:
		return
	for version in versions:
		try:
			version["data"] = frappe.as_json(without_hidden(version.get("data"), hidden, tables), indent=None)
		except (ValueError, TypeError, AttributeError):  # a Version of another shape: nothing of it is shown
			version["data"] = "{}"


def without_hidden(data, hidden, tables: dict) -> dict:
	"""A Version's `data` (JSON text) read, without the changes of the `hidden` fields and, for each table field
	of `tables`, of its rows' hidden fields."""
	data = frappe.parse_json(data or "{}")
	if not isinstance(data, dict):
		raise ValueError(data)
	data["changed"] = [c for c in data.get("changed") or [] if not (c and c[0] in hidden)]
	for key in ("added", "removed"):
		data[key] = [
			[table, without(row, tables.get(table, ()))]
			for table, row in data.get(key) or []
			if table not in hidden
		]
	data["row_changed"] = [
		[table, idx, row, [c for c in changes if not (c and c[0] in tables.get(table, ()))]]
		for table, idx, row, changes in data.get("row_changed") or []
		if table not in hidden
	]
	return data


def without(row, fields) -> dict:
	"""`row` (a table row's values in a Version) without `fields`."""
	return {k: v for k, v in row.items() if k not in fields} if isinstance(row, dict) else row


def hidden(doctype, name) -> bool:
	"""Whether `name` is an existing record of one of the app's ruled doctypes, or a row about one of its
	records (permissions.POINTING: a tag, a follow, an attachment), the session's user may not read (False for
	every other doctype and for a missing record: Frappe answers those)."""
	return (
		(doctype in RULES or doctype in POINTING)
		and isinstance(name, str)
		and bool(frappe.db.exists(doctype, name))
		and not frappe.has_permission(doctype, "read", name)
	)


@frappe.whitelist()
def get_tagged_docs(doctype: str, tag: str) -> list:
	"""[(name,)] of the `doctype` records whose tags match `tag` (a LIKE pattern, as Frappe's), of those the
	session's user reads: Frappe's answer for a doctype without the app's rule. frappe.PermissionError when the
	user may not read the doctype at all (Frappe's own check); [] for a doctype never tagged (Frappe's query
	fails on the missing `_user_tags` column: a 500)."""
	if doctype not in RULES:
		return frappe_get_tagged_docs(doctype, tag)
	frappe.has_permission(doctype, throw=True)
	if not frappe.db.has_column(doctype, "_user_tags"):
		return []
	table = DocType(doctype)
	query = where_allowed(
		frappe.qb.from_(table).select(table.name).where(table._user_tags.like(tag)), doctype
	)
	return query.run() if query is not None else []


@frappe.whitelist()
def get_roster_values(doctype: str, name: str, fields: list | str) -> dict:
	"""HRMS's roster (hrms.api.roster.get_values, same arguments and answer: {field: value} of the record
	`name` of `doctype`), except that the record must be one the session's user reads (frappe.has_permission:
	the doctype's roles and the app's rule) and each field a column they read (its permission level): HRMS reads
	it with frappe.db.get_value unchecked, so any desk user read another office's Callback Check with its
	officer's notes (helper-69 P6). frappe.PermissionError (403) for a record or field the user may not read,
	frappe.DoesNotExistError (404) for a missing record, frappe.ValidationError (417) for fields that are no
	columns."""
	check_doctype_named(doctype)
	check_record_read(doctype, name)
	columns = check_columns(doctype, "fields", fields)
	check_filter_levels(doctype, [(doctype, column) for column in columns])
	return frappe.db.get_value(doctype, name, columns, as_dict=True)


# the aggregates a goal graph may compute (Frappe writes `aggregation` into its SQL as a function's name)
GOAL_AGGREGATIONS = ("sum", "count", "avg", "min", "max")


@frappe.whitelist()
def get_monthly_goal_graph_data(
	title: str,
	doctype: str,
	docname: str,
	goal_value_field: str,
	goal_total_field: str,
	goal_history_field: str,
	goal_doctype: str,
	goal_doctype_link: str,
	goal_field: str,
	date_field: str,
	aggregation: str = "sum",
	filters: str | dict | None = None,
) -> dict:
	"""A form's monthly goal graph (frappe.utils.goal.get_monthly_goal_graph_data, same arguments and answer;
	ERPNext's Company dashboard), except that it reads only what the session's user reads: Frappe checks the
	record `docname` but then reads any of its fields and totals `goal_doctype`'s records by month over every
	record, unchecked, with any filters (every office's checks counted, the officer's notes guessed by a filter,
	helper-69 P2). So: the three fields of the record and the four of `goal_doctype` must be columns the user
	reads (417 for no column, 403 for a field of a level they do not read), the filters columns they read,
	`aggregation` one of GOAL_AGGREGATIONS (417), and the user must read every record of `goal_doctype` (no
	permission condition narrows their list: a graph over the records they read alone is no goal graph), else
	frappe.PermissionError (403)."""
	from frappe.utils.goal import get_monthly_goal_graph_data as frappe_goal_graph

	for each in (doctype, goal_doctype):
		check_doctype_named(each)
	own = check_columns(doctype, "goal_value_field", goal_value_field)
	own += check_columns(doctype, "goal_total_field", goal_total_field)
	own += check_columns(doctype, "goal_history_field", goal_history_field)
	counted = [
		*check_columns(goal_doctype, "goal_field", goal_field),
		*check_columns(goal_doctype, "date_field", date_field),
		*(
			check_columns(goal_doctype, "goal_doctype_link", goal_doctype_link)
			if doctype != goal_doctype
			else []
		),
	]
	if not (isinstance(aggregation, str) and aggregation.lower() in GOAL_AGGREGATIONS):
		refuse_shape(
			_("{0} must be one of {2}, not {1}."), "aggregation", aggregation, ", ".join(GOAL_AGGREGATIONS)
		)
	read = read_filters("filters", filters) if filters not in (None, "") else {}
	if not isinstance(read, dict):  # Frappe adds the link's condition to a mapping (a list: a 500)
		refuse_shape(_("{0} must be a mapping of filter to value, not {1}."), "filters", filters)
	check_filter_columns(goal_doctype, read)
	check_filter_levels(doctype, [(doctype, field) for field in own])
	check_filter_levels(
		goal_doctype, [*((goal_doctype, field) for field in counted), *filter_fields(goal_doctype, read)]
	)
	frappe.has_permission(goal_doctype, "read", throw=True)
	if not reads_every_record(goal_doctype):
		frappe.throw(
			_("The monthly graph totals every {0}; you read only some of them.").format(_(goal_doctype)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	return frappe_goal_graph(
		title,
		doctype,
		docname,
		goal_value_field,
		goal_total_field,
		goal_history_field,
		goal_doctype,
		goal_doctype_link,
		goal_field,
		date_field,
		aggregation.lower(),
		filters,
	)


@frappe.whitelist()
def global_search(text, start=0, limit=20, doctype=""):
	"""The desk's search bar (frappe.utils.global_search.search, same arguments and answer: [{doctype, name,
	content, rank}]), without the records of the app's ruled doctypes the session's user does not read: Frappe's
	index holds every record's text and checks only the doctype, so an agent found every office's customers,
	with their phone numbers, by name (helper-70). A page may hold fewer than `limit` results: those left out
	are not replaced. frappe.ValidationError (417) for text that is no text, a start or limit that is no whole
	number from 0."""
	from frappe.utils.global_search import search

	if not isinstance(text, str):  # Frappe splits it (a list: a 500, helper-71 C4)
		refuse_shape(_("{0} must be {2}, not {1}."), "text", text, _("text"))
	counts = {"start": 0 if start is None else start, "limit": 20 if limit is None else limit}
	for name, value in counts.items():  # a negative LIMIT, a full-width digit: 500s (helper-71 C4)
		if not (isinstance(value, int | str) and re.fullmatch(r"[0-9]{1,9}", str(value))):
			refuse_shape(_("{0} must be a whole number from 0, not {1}."), name, value)
	if not isinstance(doctype, str | None):
		refuse_shape(_("{0} must be {2}, not {1}."), "doctype", doctype, _("text"))
	found = search(text, int(counts["start"]), int(counts["limit"]), doctype or "")
	return [r for r in found if not hidden(r.doctype, r.name)]


# the fields of HRMS's employee picker (hrms.api.get_all_employees)
EMPLOYEE_PICKER_FIELDS = (
	"name", "employee_name", "designation", "department", "company", "reports_to", "user_id", "image", "status",
)  # fmt: skip


@frappe.whitelist()
def get_all_employees() -> list[dict]:
	"""HRMS's employee picker (hrms.api.get_all_employees, same answer: [{name, employee_name, designation,
	department, company, reports_to, user_id, image, status}], every page), of the employees the session's user
	reads (frappe.get_list: the Employee permissions and the user permissions on them): HRMS lists every
	employee with frappe.get_all, so an agent read the name, login and supervisor of every office's agent.
	A user who reads no Employee gets []."""
	if not frappe.has_permission("Employee", "read"):
		return []
	return frappe.get_list("Employee", fields=list(EMPLOYEE_PICKER_FIELDS), limit_page_length=0)
