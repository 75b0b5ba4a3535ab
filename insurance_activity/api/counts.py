"""frappe.client.get_count under the one permission rule.

Frappe v15's frappe.client.get_count counts with frappe.db.count, which checks no permission at all: any
desk user could learn how many Customer Quadrants, Agent Logs or campaign invitees exist in every office.
hooks.py (override_whitelisted_methods) sends that method here: for the app's ruled doctypes and their
child tables the count goes through frappe.get_list (the doctype's roles, then the rule's SQL condition);
for every other doctype Frappe's own method answers, unchanged.
"""

import frappe
from frappe import _
from frappe.client import get_count as frappe_get_count
from frappe.utils import escape_html, get_safe_filters

from insurance_activity.permissions import RULES, ruled_children, ruled_parents_of


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""How many `doctype` rows match `filters` (a dict, a list of [field, op, value] or its JSON), counted
	over the rows the session user may read: an int. frappe.PermissionError when the user may not read
	the doctype (for a child table: none of its parents); frappe.ValidationError for no such doctype. Other doctypes: Frappe's count, as before."""
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
	rows = frappe.get_list(
		doctype,
		filters=get_safe_filters(filters),
		fields=["count(*) as count"],
		parent_doctype=parent,
		order_by=None,
		limit_page_length=0,
	)
	return int(rows[0].count) if rows else 0
