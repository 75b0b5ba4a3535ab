"""Frappe's side actions on a record: a like, a tag, a follow, an assignment, a comment (issue 20, every
permission on every path).

Frappe v15 writes these beside a record without asking whether the user may read it:
`frappe.desk.like.toggle_like` (the record's `_liked_by` and a Like comment on its timeline),
`frappe.desk.doctype.tag.tag.add_tag`/`add_tags`/`remove_tag` (its `_user_tags` and a Tag Link),
`frappe.desk.form.document_follow.follow_document`/`unfollow_document`/`update_follow` (a Document Follow, for
any user named) and `get_follow_users` (who follows it); a ToDo or a Document Follow saved by REST
(`/api/resource/ToDo`: the record's `_assign` and an "Assigned" line on its timeline; a follow for any user, whose
digest then carries the record's changes); and `frappe.desk.form.utils.add_comment` signs a comment with any
`comment_email`; `frappe.desk.form.utils.get_next` finds a form's next record from any column of the record
named. A fresh user's agent liked a colleague's log they cannot open. The assignment methods
(`frappe.desk.form.assign_to.remove`/`remove_multiple`/`close`) check the record themselves (Frappe drops an
`ignore_permissions` sent in a request); asked here too, they refuse in the rule's own sentence like the rest.

For the app's records (`check_request`, an `auth_hooks` entry of hooks.py: it runs once Frappe knows the user,
by session or by token, and before the method; `check_reference`, the validate of ToDo and Document Follow):
each record named must exist (404) and be one the user may read under the one permission rule (403, the
rule's own sentence); a row of a table is acted on through its record (403); a follow is the user's own and a
comment signed by the user (403). Administrator, as Frappe grants them everything, may.
"""

import frappe
from frappe import _
from frappe.utils import escape_html

from insurance_activity.api.routes import read_route
from insurance_activity.controllers.typed_input import is_app_doctype
from insurance_activity.permissions import POINTING, refuse, refuse_missing, unreadable_fields

# method -> (the argument naming the doctype, the argument naming the record or records)
RECORD_ACTIONS = {
	"frappe.desk.like.toggle_like": ("doctype", "name"),
	"frappe.desk.doctype.tag.tag.add_tag": ("dt", "dn"),
	"frappe.desk.doctype.tag.tag.add_tags": ("dt", "docs"),
	"frappe.desk.doctype.tag.tag.remove_tag": ("dt", "dn"),
	"frappe.desk.form.document_follow.update_follow": ("doctype", "doc_name"),
	"frappe.desk.form.document_follow.follow_document": ("doctype", "doc_name"),
	"frappe.desk.form.document_follow.unfollow_document": ("doctype", "doc_name"),
	"frappe.desk.form.document_follow.get_follow_users": ("doctype", "doc_name"),
	"frappe.desk.form.assign_to.remove": ("doctype", "name"),
	"frappe.desk.form.assign_to.remove_multiple": ("doctype", "names"),
	"frappe.desk.form.assign_to.close": ("doctype", "name"),
	"frappe.desk.form.utils.add_comment": ("reference_doctype", "reference_name"),
	# a form's next record is found from a column of `value`: an oracle on any column of a hidden record
	"frappe.desk.form.utils.get_next": ("doctype", "value"),
}
# the methods that name a user besides the record: the user acted for must be the session's
ACTING_USER = {
	"frappe.desk.form.document_follow.follow_document": "user",
	"frappe.desk.form.document_follow.unfollow_document": "user",
	"frappe.desk.form.utils.add_comment": "comment_email",
}


def check_request() -> None:
	"""auth_hooks (hooks.py): `check_record_action` for a request calling one of RECORD_ACTIONS, by any path of
	Frappe's API (api.routes.read_route). Frappe runs these hooks right after it has read the session or the
	token: the user is known here (in before_request a token's user is still Guest)."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return
	route = read_route(request)
	if route.kind == "method" and route.target in RECORD_ACTIONS:
		check_record_action(route.target, route.arguments)


def check_record_action(method: str, form) -> None:
	"""Refuse `method` (one of RECORD_ACTIONS) on a record of the app the session's user may not read, and a
	follow of a record with fields they do not read (FOLLOWING, refuse_hidden_follow).

	`form` is the request's arguments (frappe.local.form_dict). Raises what `check_records` raises; returns
	None otherwise (every other doctype is left to Frappe)."""
	doctype_argument, names_argument = RECORD_ACTIONS[method]
	acting = ACTING_USER.get(method)
	check_records(
		form.get(doctype_argument), names_in(form.get(names_argument)), form.get(acting) if acting else None
	)
	if method in FOLLOWING and str(form.get(FOLLOWING[method], 1)).lower() not in ("0", "false", ""):
		refuse_hidden_follow(form.get(doctype_argument), frappe.session.user)


# the methods that follow a record, and the argument saying whether to (follow_document always does)
FOLLOWING = {
	"frappe.desk.form.document_follow.follow_document": "follow",
	"frappe.desk.form.document_follow.update_follow": "following",
}


def hides_changes_from(doctype, user: str) -> bool:
	"""Whether a follow of a record of `doctype` (one of the app's) would mail `user` changes they may not read:
	Frappe's follow digest (document_follow.get_version) sends each change of the record whole, whatever the
	field's level, so an agent following the check on their visit was mailed the officer's notes (helper-66
	K4)."""
	return (
		user != "Administrator"
		and isinstance(doctype, str)
		and is_app_doctype(doctype)
		and bool(unreadable_fields(doctype, user=user))
	)


def refuse_hidden_follow(doctype, user: str) -> None:
	"""frappe.PermissionError (403) in the user's language for a follow that hides_changes_from them."""
	if hides_changes_from(doctype, user):
		frappe.throw(
			_("You may not follow a {0}: its changes include fields none of your roles reads.").format(
				_(doctype)
			),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def drop_hidden_follow(doc, method=None) -> None:
	"""doc_events after_insert of Document Follow (hooks.py): a follow Frappe made itself (on a comment, an
	assignment, a like, when the user's settings follow such records) of a record whose changes it would mail
	the user without their fields' levels (hides_changes_from) is not kept: a refusal there would stop the
	comment. A follow asked for by a method is refused in words first (check_record_action)."""
	if hides_changes_from(doc.ref_doctype, doc.user):
		frappe.delete_doc("Document Follow", doc.name, ignore_permissions=True, force=True)


# Frappe's doctypes that point at another record and at the user they are for: (doctype field, name field, user
# field or None)
REFERENCING = {
	"ToDo": ("reference_type", "reference_name", None),
	"Document Follow": (*POINTING["Document Follow"], "user"),
	"Tag Link": (*POINTING["Tag Link"], None),
	"File": (*POINTING["File"], None),
}


def check_reference(doc, method=None) -> None:
	"""doc_events validate of ToDo, Document Follow, Tag Link and File (hooks.py): one a user saves themselves (REST, the desk's
	form) that newly points at a record of the app must point at one the user may read, and a follow must be
	the user's own (check_records). Frappe checks neither: a ToDo posted by REST set `_assign` and an "Assigned"
	line on a colleague's log. Saves by the app's and Frappe's own code with ignore_permissions (an assignment
	through assign_to.add, which checks the record first; the morning sample's) and a ToDo closed on a record
	no longer read are left alone."""
	if doc.flags.ignore_permissions:
		return
	doctype_field, name_field, user_field = REFERENCING[doc.doctype]
	if not (doc.is_new() or doc.has_value_changed(doctype_field) or doc.has_value_changed(name_field)):
		if not (user_field and doc.has_value_changed(user_field)):
			return
	pointed, name = doc.get(doctype_field), doc.get(name_field)
	if (
		doc.doctype == "File"
		and isinstance(name, str)
		and name.startswith("new-")
		and is_app_doctype(pointed)
	):
		# a file attached to a form not yet saved, under Frappe's temporary name: Frappe links it to the record
		# when that is saved (file.utils.relink_mismatched_files), the record's create checked by the rule then
		if not frappe.db.exists(pointed, name):
			pointed = None
	if pointed and name:
		check_records(pointed, [name], doc.get(user_field) if user_field else None)
	if doc.doctype == "Document Follow" and not doc.is_new():
		# a follow moved onto such a record (a new one is dropped after its insert: drop_hidden_follow)
		refuse_hidden_follow(doc.ref_doctype, doc.user)
	# moved away from a record: that record must be one the user reads too (a fresh user's agent moved another
	# office's private attachment onto their own log, and read it)
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before and before.get(doctype_field) and before.get(name_field):
		if frappe.db.exists(before.get(doctype_field), before.get(name_field)):
			check_records(before.get(doctype_field), [before.get(name_field)])


def check_records(doctype, names: list[str], acting_as=None, ptype: str = "read") -> None:
	"""The session's user may act on `names` of `doctype` (one of the app's; `ptype` the rule's action, read for
	the side actions): frappe.DoesNotExistError (404) for
	a record that does not exist, frappe.PermissionError (403) for one the rule hides, a row of a table, or
	`acting_as` naming another user (a follow, a comment's signature); frappe.ValidationError for a doctype
	named with spaces around it (MariaDB finds "Agent Log " as "Agent Log"; Frappe's code then fails on it).
	Administrator may; every other doctype is left to Frappe."""
	user = frappe.session.user
	if user == "Administrator":
		return
	if isinstance(doctype, str) and doctype != doctype.strip() and is_app_doctype(doctype.strip()):
		frappe.throw(
			_("There is no document type {0}.").format(escape_html(repr(doctype)[:140])),
			title=_("Not a Valid Value"),
		)
	if not is_app_doctype(doctype):
		return
	if acting_as not in (None, "", user):
		frappe.throw(
			_("You may act only as yourself: {0} is not your user.").format(
				escape_html(str(acting_as)[:140])
			),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if frappe.get_meta(doctype).istable:
		frappe.throw(
			_("A row of {0} is acted on through the record it belongs to: open that record.").format(
				_(doctype)
			),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	for name in names:
		if not frappe.db.exists(doctype, name):
			refuse_missing(doctype, name)
		if not frappe.has_permission(doctype, ptype, name, user=user):
			refuse(frappe._dict(doctype=doctype, name=name), ptype)


def names_in(value) -> list[str]:
	"""The record names an argument holds: one name, or a list of them (JSON text or a list, as `add_tags` and
	`remove_multiple` take them). Anything else is one name as text (Frappe reads it so: no record has it)."""
	if isinstance(value, str) and value.startswith("["):
		try:
			value = frappe.parse_json(value)
		except ValueError:
			return [value]
	if isinstance(value, list | tuple):
		return [str(v) for v in value]
	return [str(value if value is not None else "")]
