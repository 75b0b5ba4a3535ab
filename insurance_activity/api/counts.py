"""frappe.client.get_count and the form's Connections counts under the one permission rule.

Frappe v15's frappe.client.get_count counts with frappe.db.count, which checks no permission at all: any
desk user could learn how many Customer Quadrants, Agent Logs or campaign invitees exist in every office.
hooks.py (override_whitelisted_methods) sends that method here: for the app's ruled doctypes and their
child tables the count goes through frappe.get_list (the doctype's roles, then the rule's SQL condition);
for every other doctype Frappe's own method answers, unchanged. The same holds for the counts a form's
Connections show (frappe.desk.notifications.get_open_count, which counts with frappe.get_all): a campaign's
form told an agent how many customers their colleagues had invited.
"""

import frappe
from frappe import _
from frappe.client import get_count as frappe_get_count
from frappe.desk.notifications import get_open_count as frappe_get_open_count
from frappe.utils import escape_html, get_safe_filters

from insurance_activity.permissions import RULES, ruled_children, ruled_parents_of


@frappe.whitelist()
@frappe.read_only()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""How many `doctype` rows match `filters` (a dict, a list of [field, op, value] or its JSON), counted
	over the rows the session user may read: an int. frappe.PermissionError when the user may not read
	the doctype (for a child table: none of its parents); frappe.ValidationError for no such doctype, for
	filters that are neither a mapping nor a list, and for a filter on a field the doctype does not have.
	Other doctypes: Frappe's count, as before."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("There is no document type {0}.").format(escape_html(str(doctype)[:140])))
	if doctype not in RULES and doctype not in ruled_children():
		return frappe_get_count(doctype, filters, debug, cache)
	parent = None
	if doctype not in RULES:
		parents = [p for p in ruled_parents_of(doctype) if frappe.has_permission(p, "read")]
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
	handler that turns it into an IndexError, a 500)."""
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		frappe.throw(_("There is no document type {0}.").format(escape_html(str(doctype)[:140])))
	if not isinstance(name, str) or not name or not frappe.db.exists(doctype, name):
		frappe.throw(
			_("{0} {1} was not found.").format(_(doctype), escape_html(str(name)[:140])),
			frappe.DoesNotExistError,
		)
	frappe.get_doc(doctype, name).check_permission("read")
	out = frappe_get_open_count(doctype, name, items)
	counts = out.get("count")  # a list, empty, while migrating or installing
	found = counts.get("external_links_found", []) if isinstance(counts, dict) else []
	links = frappe.get_meta(doctype).get_dashboard_data()
	for link in found:
		if link.get("doctype") not in RULES or not link.get("count"):
			continue
		fieldname = links.get("non_standard_fieldnames", {}).get(link["doctype"], links.get("fieldname"))
		readable = frappe.get_list(link["doctype"], filters={fieldname: name}, pluck="name", limit=100)
		link["count"] = len(readable)
		link["open_count"] = min(link.get("open_count") or 0, link["count"])
	return out
