"""frappe.client.get_count and the form's Connections counts under the one permission rule.

Frappe v15's frappe.client.get_count counts with frappe.db.count, which checks no permission at all: any
desk user could learn how many Customer Quadrants, Agent Logs or campaign invitees exist in every office, or
count HRMS's Salary Slips by employee and net pay. hooks.py (override_whitelisted_methods) sends that method
here: for every doctype the count goes through frappe.get_list (the doctype's roles, user permissions and
permission query conditions, then the app's rule's SQL condition for its ruled doctypes); a child table
through a parent the user may read. The same holds for the counts a form's
Connections show (frappe.desk.notifications.get_open_count, which counts with frappe.get_all): a campaign's
form told an agent how many customers their colleagues had invited. And for the list sidebar's "Assigned To"
counts and a dashboard chart's heatmap, which Frappe counts with no permission at all (a fresh user's probe
counted another office's callback checks under any filter, and read another office's premium by day).
"""

from pypika import Order

import frappe
from frappe import _
from frappe.desk.listview import get_group_by_count as frappe_get_group_by_count
from frappe.desk.notifications import get_open_count as frappe_get_open_count
from frappe.model import is_default_field
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count
from frappe.query_builder.terms import SubQuery
from frappe.utils import escape_html, get_safe_filters, make_filter_tuple

from insurance_activity.api.request_shapes import (
	as_json,
	check_doctype_named,
	check_filter_columns,
	is_doctype_name,
	is_filters,
	refuse,
)
from insurance_activity.api.routes import read_route
from insurance_activity.permissions import (
	RULES,
	parents_of_table,
	reads_every_record,
	ruled_children,
	ruled_parents_of,
	where_allowed,
)


@frappe.whitelist()
@frappe.read_only()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""How many `doctype` rows match `filters` (a dict, a list of [field, op, value] or its JSON), counted
	over the rows the session user may read: an int. Every doctype of the site, the app's and Frappe's,
	ERPNext's and HRMS's alike: Frappe's own count checks nothing, so any desk user could count Salary Slips
	by employee and net pay, or Users. The count goes through frappe.get_list (the doctype's roles, user
	permissions, permission query conditions, the app's rule); a child table is counted through a parent the
	user may read. frappe.PermissionError when the user may not read the doctype (for a child table: none of
	its parents); frappe.ValidationError for no such doctype, for filters that are neither a mapping nor a
	list, and for a filter on a field the doctype does not have. A Single (one record) is 1 for a reader.
	`debug` and `cache` (Frappe's) are not honoured: a count is never cached across users."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("There is no document type {0}.").format(escape_html(str(doctype)[:140])))
	meta = frappe.get_meta(doctype)
	if meta.issingle:
		frappe.has_permission(doctype, "read", throw=True)
		return 1
	parent = None
	if not meta.istable and not frappe.has_permission(doctype, "read"):
		# said here: Frappe's list raises its refusal inside a handler that turns it into an IndexError (a 500)
		frappe.throw(
			_("You may not read {0}.").format(_(doctype)), frappe.PermissionError, title=_("Not Permitted")
		)
	if meta.istable:
		candidates = ruled_parents_of(doctype) if doctype in ruled_children() else parents_of_table(doctype)
		parents = [p for p in candidates if frappe.has_permission(p, "read")]
		if not parents:
			raise frappe.PermissionError(doctype)
		parent = parents[0]
	filters = get_safe_filters(filters)
	if filters and not isinstance(filters, dict | list):
		frappe.throw(
			_("Filters must be a mapping of fields or a list of conditions, not {0}.").format(
				escape_html(str(filters)[:40])
			)
		)
	try:
		rows = frappe.get_list(
			doctype,
			filters=filters,
			fields=["count(*) as count"],
			parent_doctype=parent,
			order_by=None,
			limit_page_length=0,
		)
	except Exception as e:
		if not frappe.db.is_missing_column(e):
			raise
		frappe.throw(_("A filter names a field that {0} does not have.").format(_(doctype)))
	return int(rows[0].count) if rows else 0


@frappe.whitelist()
@frappe.read_only()
def get_open_count(doctype: str, name: str, items=None) -> dict:
	"""The counts of a form's Connections (Frappe's frappe.desk.notifications.get_open_count, same arguments
	and shape: {"count": {"external_links_found": [{"doctype", "count", "open_count"}], ...}}), with each of
	the app's ruled doctypes counted over the rows the session user may read (capped at 100, as Frappe's).
	frappe.ValidationError for no such doctype, frappe.DoesNotExistError for no such document,
	frappe.PermissionError when the user may not read it (checked first: Frappe's own check raises inside a
	handler that turns it into an IndexError, a 500). `items` (a list of doctypes or its JSON) may name only
	doctypes the form's Connections show; frappe.ValidationError for anything else (Frappe reads text that is
	no JSON, a number or another doctype with a 500, and would count another doctype's rows unchecked)."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("There is no document type {0}.").format(escape_html(str(doctype)[:140])))
	if not isinstance(name, str) or not name or not frappe.db.exists(doctype, name):
		frappe.throw(
			_("{0} {1} was not found.").format(_(doctype), escape_html(str(name)[:140])),
			frappe.DoesNotExistError,
		)
	frappe.get_doc(doctype, name).check_permission("read")
	links = frappe.get_meta(doctype).get_dashboard_data()
	if items not in (None, ""):
		items = connection_doctypes(items, links)
	out = frappe_get_open_count(doctype, name, items or None)
	counts = out.get("count")  # a list, empty, while migrating or installing
	found = counts.get("external_links_found", []) if isinstance(counts, dict) else []
	for link in found:
		if link.get("doctype") not in RULES or not link.get("count"):
			continue
		fieldname = links.get("non_standard_fieldnames", {}).get(link["doctype"], links.get("fieldname"))
		readable = frappe.get_list(link["doctype"], filters={fieldname: name}, pluck="name", limit=100)
		link["count"] = len(readable)
		link["open_count"] = min(link.get("open_count") or 0, link["count"])
	return out


def connection_doctypes(items, links) -> list[str]:
	"""`items` (a list of doctypes, or its JSON) as a list, each a doctype of the form's Connections
	(`links`: the doctype's dashboard data); frappe.ValidationError naming the first that is not."""
	shown = {item for group in links.get("transactions") or [] for item in group.get("items") or []}
	read = as_json(items)
	if not isinstance(read, list):
		frappe.throw(
			_("{0} must be a list of document types, not {1}.").format("items", escape_html(str(items)[:40])),
			title=_("Not a Valid Value"),
		)
	for item in read:
		if not (isinstance(item, str) and item in shown):
			frappe.throw(
				_("{0} names {1}, which is none of this form's connections.").format(
					"items", escape_html(str(item)[:40])
				),
				title=_("Not a Valid Value"),
			)
	return read


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list sidebar's counts (Frappe's frappe.desk.listview.get_group_by_count, same arguments and shape:
	[{"name", "count"}]). Its "Assigned To" counts (field "assigned_to"), of every doctype, are the open ToDos
	of `doctype`'s records (the ToDo's reference_type) the user may read that `current_filters` match: one of
	the app's ruled doctypes narrowed in the database (permissions.where_allowed: the doctype's roles and the
	rule), any other through frappe.get_list over the records holding an open ToDo. Frappe counts them over
	every record, unchecked, and over records of any doctype with such a name: a Tag named as a pending
	Callback Check told an agent it existed and who its officer was (helper-64 H3). Every other field: Frappe's
	own (it counts with frappe.get_list)."""
	check_doctype_named(doctype)
	meta = frappe.get_meta(doctype)
	if meta.issingle or meta.is_virtual:
		frappe.throw(_("{0} has no list to count.").format(_(doctype)), title=_("Not a Valid Value"))
	if not (
		isinstance(field, str)
		and (
			field == "assigned_to"
			or is_default_field(field)
			or (meta.has_field(field) and field in frappe.db.get_table_columns(doctype))
		)
	):  # a table field has no column to group by (a 500, helper-67 M8)
		refuse(_("{0} must be a column of {2}, not {1}."), "field", field, _(doctype))
	filters = as_json(current_filters) if current_filters not in (None, "") else {}
	if not is_filters(filters):
		refuse_filters(current_filters)
	check_filter_columns(doctype, filters)
	if field != "assigned_to":
		return frappe_get_group_by_count(doctype, frappe.as_json(filters), field)
	todo, user = DocType("ToDo"), DocType("User")
	if isinstance(filters, list):  # [doctype, field, operator, value, hidden]: the desk's 5th is no condition
		filters = [c[:4] if isinstance(c, list) and len(c) == 5 else c for c in filters]
	if doctype in RULES:
		try:
			records = frappe.qb.get_query(doctype, filters=filters, fields=["name"], validate_filters=True)
		except (KeyError, TypeError, ValueError):  # an operator or value the query builder does not read
			refuse_filters(current_filters)
		records = where_allowed(records, doctype)
	else:
		try:
			records = assigned_records_read(doctype, filters)
		except (frappe.db.ProgrammingError, frappe.db.OperationalError):  # as below (helper-68 N4)
			refuse_filters(current_filters)
	if records is None:
		return []
	count = Count("*").as_("count")
	query = (
		frappe.qb.from_(todo)
		.from_(user)
		.select(todo.allocated_to.as_("name"), count)
		.where(
			(todo.status != "Cancelled")
			& (todo.allocated_to == user.name)
			& (user.user_type == "System User")
			& (todo.reference_type == doctype)
			& todo.reference_name.isin(records if isinstance(records, list) else SubQuery(records))
		)
		.groupby(todo.allocated_to)
		.orderby(count, order=Order.desc)
		.limit(50)
	)
	try:
		return query.run(as_dict=True)
	except (frappe.db.ProgrammingError, frappe.db.OperationalError):  # an operator the query builder writes
		# as no SQL MariaDB reads (`descendants of` on a doctype that is no tree, `=` with a list): refused
		# in words, the statement not shown (helper-67 M8)
		refuse_filters(current_filters)


def refuse_filters(current_filters) -> None:
	"""frappe.ValidationError (417): the sidebar's `current_filters` are no conditions the counts can read."""
	refuse(
		_("{0} must be a list of conditions [field, operator, value], not {1}."),
		"current_filters",
		current_filters,
	)


def assigned_records_read(doctype: str, filters) -> list[str] | None:
	"""The names of `doctype`'s records holding an open ToDo that the session's user reads and `filters` (a
	mapping or a list of conditions) match, through frappe.get_list (the doctype's roles, user permissions,
	permission query conditions); None for none. For a doctype outside the rule: their open assignments are the
	people's tasks, a few per record, so the names are few where the doctype's records may be many."""
	assigned = frappe.get_all(
		"ToDo",
		filters={"reference_type": doctype, "status": ("!=", "Cancelled")},
		pluck="reference_name",
		distinct=True,
	)
	if not assigned:
		return None
	conditions = (
		[make_filter_tuple(doctype, key, value) for key, value in filters.items()]
		if isinstance(filters, dict)
		else list(filters)
	)
	read = frappe.get_list(
		doctype,
		filters=[*conditions, [doctype, "name", "in", assigned]],
		pluck="name",
		limit_page_length=0,
	)
	return read or None


CHART_METHOD = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"


def check_chart_request() -> None:
	"""auth_hooks (hooks.py; the user is known there, by session or by token): a dashboard chart's heatmap
	(Frappe's CHART_METHOD, a chart named or sent as JSON) is refused (403) to anyone who does not read every
	record of its doctype (permissions.reads_every_record). Frappe adds a heatmap up with frappe.get_all, over
	every record, where its other charts count with frappe.get_list (the rule applies): a fresh user's desk
	user with no insurance role read another office's premium by day so, and an agent another office's
	agent's date of birth and every office's customers (helper-75). Returns None for every other request."""
	request = getattr(frappe.local, "request", None)
	route = read_route(request) if request is not None else None
	if route is None or (route.kind, route.target) != ("method", CHART_METHOD):
		return
	form = route.arguments
	name = form.get("chart_name")
	if name:
		found = (
			frappe.db.get_value("Dashboard Chart", name, ["type", "document_type"])
			if isinstance(name, str)
			else None
		)
		kind, document_type = found or (None, None)
	else:
		spec = as_json(form.get("chart"))
		kind, document_type = (
			(spec.get("type"), spec.get("document_type")) if isinstance(spec, dict) else (None, None)
		)
	if kind == "Heatmap" and is_doctype_name(document_type) and not reads_every_record(document_type):
		frappe.throw(
			_(
				"A heatmap of {0} adds up every office's records: it is shown only to those who read them all."
			).format(_(document_type)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


@frappe.whitelist()
@frappe.read_only()
def get_workflow_state_count(doctype: str, workflow_state_field: str, states) -> list[dict]:
	"""A list's workflow-state counts (frappe.workflow.doctype.workflow.workflow.get_workflow_state_count,
	same arguments and answer: [{<workflow_state_field>: state, "count": n}] of the states not in `states`), of
	the records the session's user reads (frappe.get_list: the doctype's roles, user permissions and the app's
	rule): Frappe counts every record, grouped by any column named (every office's customers by any field,
	the officer's notes with their counts, helper-69 P4). `workflow_state_field` must be the state field of the
	doctype's active workflow, `states` a list of states (frappe.ValidationError, 417)."""
	from frappe.model.workflow import get_workflow_name, get_workflow_state_field

	check_doctype_named(doctype)
	frappe.has_permission(doctype=doctype, ptype="read", throw=True)
	workflow = get_workflow_name(doctype)
	field = get_workflow_state_field(workflow) if workflow else None
	if not field or workflow_state_field != field:
		refuse(
			_("{0} must be the state field of the workflow of {2}, not {1}."),
			"workflow_state_field",
			workflow_state_field,
			_(doctype),
		)
	states = as_json(states)
	if not (isinstance(states, list) and all(isinstance(s, str) for s in states)):
		refuse(_("{0} must be a list of names of records, not {1}."), "states", states)
	filters = {field: ["not in", states]} if states else {}
	result = frappe.get_list(doctype, fields=[field, "count(*) as count"], filters=filters, group_by=field)
	return [r for r in result if r[field]]
