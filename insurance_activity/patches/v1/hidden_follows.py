"""A follow of one of the app's records whose changes include fields the follower does not read is not kept
(permissions.record_actions.hides_changes_from, issue 20): Frappe's follow digest mails each change whole, so the
follows stored before (an agent following the check on their visit) are removed; the others stay."""

import frappe

from insurance_activity.controllers.typed_input import is_app_doctype
from insurance_activity.permissions.record_actions import hides_changes_from


def execute():
	for row in frappe.get_all("Document Follow", fields=["name", "ref_doctype", "user"], order_by="name"):
		if is_app_doctype(row.ref_doctype) and hides_changes_from(row.ref_doctype, row.user):
			frappe.delete_doc("Document Follow", row.name, ignore_permissions=True, force=True)
