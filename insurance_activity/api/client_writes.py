"""Frappe's client writes the app answers itself (hooks.py, override_whitelisted_methods).

frappe.client.bulk_update answered a refused record with the server's traceback inside a 200 (the stack's file
paths and code; for a permission, Frappe's check's log with the user's address): a fresh user's find (helper-59,
stop 38). The same method, its answer's shape kept, says why each record was not saved.
"""

import json

import frappe
from frappe import _
from frappe.utils import escape_html


@frappe.whitelist(methods=["POST", "PUT"])
def bulk_update(docs=None):
	"""Save each record of `docs` with the values sent, as frappe.client.bulk_update does (the user's own
	permissions, the records' own validation).

	docs: a list (or its JSON) of mappings {"doctype": ..., "docname": ..., field: value, ...}.
	Returns {"failed_docs": [{"doc": the mapping sent, "exc": why it was not saved, in the user's language}]}:
	Frappe's shape, the refusal's message in place of the traceback; an unexpected error is logged (Error Log)
	and named by its log. Each record is saved whole or not at all (a savepoint each: a refusal in a late hook
	of one record leaves nothing of it, and the others stand).
	Errors: frappe.ValidationError (417) for `docs` missing or not such a list (a docname that is not a name
	included), nothing saved."""
	try:
		records = json.loads(docs) if isinstance(docs, str) else docs
	except ValueError:
		records = None
	if not isinstance(records, list) or not all(
		# a docname that is a mapping is read by frappe.get_doc as filters: a lookup of other people's records
		# by any field, answered by the record's name (helper-62, F2)
		isinstance(each, dict)
		and isinstance(each.get("doctype"), str)
		and isinstance(each.get("docname"), str | int)
		and each.get("docname")
		for each in records
	):
		frappe.throw(
			_("{0} must be a list of records, each with its doctype and docname.").format("docs"),
			frappe.ValidationError,
			title=_("Not a Valid Value"),
		)
	failed = []
	for index, sent in enumerate(records):
		values = {key: value for key, value in sent.items() if key != "flags"}
		if not frappe.db.exists("DocType", values["doctype"]):
			failed.append(
				{
					"doc": values,
					"exc": _("There is no document type {0}.").format(escape_html(values["doctype"])),
				}
			)
			continue
		savepoint = f"bulk_update_{index}"
		frappe.flags.error_message = None
		shown = len(frappe.local.message_log)
		frappe.db.savepoint(savepoint)
		try:
			doc = frappe.get_doc(values["doctype"], values["docname"])
			doc.update(values)
			doc.save()
		except Exception as error:
			frappe.db.rollback(save_point=savepoint)
			del frappe.local.message_log[shown:]  # the refusal is the record's answer, not a message besides
			failed.append({"doc": values, "exc": reason_of(error, values)})
	return {"failed_docs": failed}


def reason_of(error: Exception, sent: dict) -> str:
	"""The message a refusal carries (frappe.throw's, or the one Frappe left in frappe.flags.error_message for a
	bare PermissionError); an unexpected error is logged and named by its Error Log."""
	if getattr(error, "http_status_code", 500) < 500:
		message = str(error) or frappe.flags.error_message
		if message:
			return message
		if isinstance(error, frappe.PermissionError):
			return _("You may not change {0} {1}.").format(
				_(sent["doctype"]), escape_html(str(sent["docname"]))
			)
	log = frappe.log_error(title=f"bulk_update: {sent['doctype']} {sent['docname']}"[:140])
	return _("{0} {1} was not saved: the error is logged for your administrator as {2}.").format(
		_(sent["doctype"]), escape_html(str(sent["docname"])), log.name
	)
