"""frappe.client.get_count and the form's Connections counts under the one permission rule.

Frappe v15's frappe.client.get_count counts with frappe.db.count, which checks no permission at all: any
desk user could learn how many Customer Quadrants, Agent Logs or campaign invitees exist in every office, or
count HRMS's Salary Slips by employee and net pay. hooks.py (override_whitelisted_methods) sends that method
here: for every doctype the count goes through frappe.get_list (the doctype's roles, user permissions and
permission query conditions, then the app's rule's SQL condition for its ruled doctypes); a child table
through a parent the user may read. The same holds for the counts a form's
Connections show (frappe.desk.notifications.get_open_count, which counts with frappe.get_all): a campaign's
form told an agent how many customers their colleagues had invited.
"""

import frappe
from frappe import _
from frappe.desk.notifications import get_open_count as frappe_get_open_count
from frappe.utils import escape_html, get_safe_filters

from insurance_activity.api.request_shapes import as_json
from insurance_activity.permissions import RULES, parents_of_table, ruled_children, ruled_parents_of


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
