"""AppDocument: the base of every doctype of the app.

Frappe checks a document's links (`BaseDocument.get_invalid_links`) and names it (`frappe.model.naming`) in
`Document.insert` and `Document._save` before any hook of the app runs. A value of the wrong shape reaches
both first: a mapping in a link field becomes the filters of Frappe's query (a 500: unknown column), a list in
one is read as names and its first existing one kept, and a list in the naming series fails in the naming (a
TypeError, a 500). A list or a mapping in a field holding one value is therefore refused at the start of
Frappe's link check, whether links are checked or not (`typed_input.refuse_structures`: a clear, translated
message naming the field and the row, nothing stored). The other checks of typed input
(`typed_input.refuse_malformed`: numbers, dates, lengths, missing records) run where Frappe starts a save's
own methods, after the controller's `before_insert` (Insurance Policy reads its amounts and dates from text
there) and before its `before_validate` and `validate`, which read them as numbers and dates.
A table's rows are read as a list of mappings where Frappe makes the document (`extend`): rows sent as a
mapping, as text or as numbers are refused (`typed_input.as_rows`) rather than failing Frappe's own reading.
A refused permission is said in one sentence naming the action and the record (`permissions.refuse`), not
with Frappe's log of its check. A row of a table opened on its own is read with its record and changed only
through it (`permissions.row_refusal`: Frappe v15 asks only whether the user may write the parent's doctype),
and a row sent with the name of another record's row is refused (`permissions.refuse_rows_of_others`: Frappe
would move it).
Frappe offers no hook before its link check (v15), hence the override; a test holds that every controller of
the app derives from this class.
"""

import frappe
import frappe.permissions
from frappe.model.docstatus import DocStatus
from frappe.model.document import Document
from frappe.model.workflow import get_workflow_name, get_workflow_state_field

from insurance_activity import permissions
from insurance_activity.controllers import typed_input


class AppDocument(Document):
	"""A document of the app (its doctypes and their child tables)."""

	def _validate_links(self):
		# a cancel writes no value of the user's (Frappe skips its link check too)
		if self._action != "cancel":
			typed_input.refuse_structures(self)
		super()._validate_links()

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		# a row of a table opened on its own: read with its record, changed only through it (Frappe asks only
		# whether the user may write the parent's doctype)
		if self.meta.istable and not self.flags.ignore_permissions:
			reason = permissions.row_refusal(self, permtype, user)
			if reason and (user or frappe.session.user) == frappe.session.user:
				frappe.msgprint(reason, title=frappe._("Not Permitted"))
			return reason is None
		if self.flags.ignore_permissions:
			return True
		# Frappe's answer, a refusal shown in the rule's sentence (permissions.refusal): Frappe shows its check's
		# log (HTML, the user's e-mail address, the doctype untranslated) where a path asks this and raises on its
		# own (REST GET and DELETE, run_doc_method: helper-62, F4)
		allowed = frappe.permissions.has_permission(
			self.doctype, permtype, self, debug=debug, user=user, raise_exception=False
		)
		if (user or frappe.session.user) != frappe.session.user:
			return allowed
		if not allowed:
			frappe.msgprint(permissions.refusal(self, permtype), title=frappe._("Not Permitted"))
			return False
		return self.stored_record_permits(permtype)

	def check_permission(self, permtype="read", permlevel=None):
		# Frappe's own check prints its log before its message (HTML, the user's e-mail, "None" for a record
		# not yet saved): asked without it, the refusal is the rule's own sentence (raise_no_permission_to)
		if self.flags.ignore_permissions:
			return
		if self.meta.istable:
			if reason := permissions.row_refusal(self, permtype):
				frappe.throw(reason, frappe.PermissionError, title=frappe._("Not Permitted"))
			return
		if permtype == "write" and self.is_new():
			# a file attached to a form not yet saved: Frappe asks write of a blank new record
			# (handler.check_write_permission), which the rule cannot place (no agent, no office), and links the
			# file when the record is saved, its create then checked by the rule. Asked of the roles, as
			# Frappe asks it of a form with no record named.
			if frappe.has_permission(self.doctype, "write"):
				return
		elif frappe.permissions.has_permission(
			self.doctype, permtype, self, raise_exception=False
		) and self.stored_record_permits(permtype):
			return
		self._handle_permission_failure(permtype)

	def changed_fields(self, before, fieldnames) -> list[str]:
		"""The fields of `fieldnames` whose value differs from `before` (the stored copy), each compared as its
		field type reads it (a request sends dates, times and checks as text)."""
		changed = []
		for fieldname in fieldnames:
			df = self.meta.get_field(fieldname)
			ours, theirs = self.get(fieldname), before.get(fieldname)
			if ours in (None, "") and theirs in (None, ""):
				continue  # blank both (cast would read a blank date as now)
			blank = ours in (None, "") or theirs in (None, "")
			if df and df.fieldtype not in frappe.model.table_fields:
				if not blank or df.fieldtype in frappe.model.numeric_fieldtypes:  # a blank number is 0
					ours, theirs = self.cast(ours, df), self.cast(theirs, df)
			if str(ours) == str(theirs):
				continue
			changed.append(fieldname)
		return changed

	def act_on_stored_record(self):
		"""A document method that changes nothing the user types (an appeal, its decision) starts from the
		record as stored: the form's button sends the whole form (run_doc_method with `docs`), and what it
		held was saved with the method's change (an agent rewrote the finding and pointed the incident at
		another callback, whose verdict the decision then overturned). Nothing sent is kept."""
		if self.is_new():  # a request's document marked new: there is no record to act on (helper-59, F1)
			permissions.refuse_missing(self.doctype, self.name)
		if not self.flags.read_from_database:
			self.reload()

	def validate_amended_from(self):
		# an amendment of a record the user may not amend (Frappe asks only that it is cancelled: an agent
		# amended another office's cancelled log, took its next name and said whether any name exists)
		amended = self.get("amended_from")
		if not (isinstance(amended, str) and frappe.db.exists(self.doctype, amended)):
			permissions.refuse_missing(self.doctype, amended)
		if not self.flags.ignore_permissions and not frappe.has_permission(self.doctype, "amend", amended):
			permissions.refuse(frappe._dict(doctype=self.doctype, name=amended), "amend")
		super().validate_amended_from()

	def load_from_db(self):
		loaded = super().load_from_db()
		self.flags.read_from_database = True
		return loaded

	def insert(self, *args, **kwargs):
		inserted = super().insert(*args, **kwargs)
		self.flags.read_from_database = True  # it holds what was stored (a later save is checked as stored)
		return inserted

	def stored_record_permits(self, permtype: str) -> bool:
		"""Whether the rule lets the session's user `permtype` the record as stored, for a document built from
		a request's values (frappe.client.save, savedocs, run_doc_method with `docs`), which the rule otherwise
		judges by the values sent: an agent who sent another office's log with their own agent took it, and a
		document method ran on a record the user may not read. A document read from the database (or new) is
		judged as it is; a save of one changed after it was read is checked in run_before_save_methods."""
		if self.flags.read_from_database or not isinstance(self.name, str) or not self.name:
			return True
		if not frappe.db.exists(self.doctype, self.name):
			return True  # no such record (a new one): Frappe answers that itself
		self.flags.stored_record_checked = True
		return frappe.permissions.has_permission(self.doctype, permtype, self.name, raise_exception=False)

	def check_docstatus_transition(self, to_docstatus):
		# Frappe raises its refusals of a draft cancelled, a submitted record put back to a draft and a cancelled
		# record changed as bare exceptions: the answer carries no message for the user (frappe.client.cancel
		# of a draft showed nothing). Said here in the user's language, naming the record and what to do.
		try:
			super().check_docstatus_transition(to_docstatus)
		except frappe.ValidationError as e:
			frappe.throw(transition_refusal(self, to_docstatus), type(e), title=frappe._("Not Allowed"))

	def raise_no_permission_to(self, perm_type):
		permissions.refuse(self, perm_type)

	@property
	def docstatus(self) -> DocStatus:
		# a docstatus sent as "abc" or [1] (a script's JSON): Frappe's DocStatus(int) fails on it wherever it is
		# first read (a ValueError, a 500); 5 was stored as no status at all
		value = self.__dict__.get("docstatus")
		if not isinstance(value, DocStatus):
			typed_input.check_docstatus(value)
		return Document.docstatus.fget(self)

	@docstatus.setter
	def docstatus(self, value) -> None:
		if not isinstance(value, DocStatus):
			typed_input.check_docstatus(value)
		Document.docstatus.fset(self, value)

	def extend(self, key, value):
		# a table's rows sent as a mapping, as text or as numbers (a script's JSON): Frappe iterates them and
		# fails on the first that is not a mapping (a TypeError, a 500), when the document is made
		super().extend(key, typed_input.as_rows(self, key, value))

	def run_before_save_methods(self):
		# after the controller's before_insert (Insurance Policy reads its amounts and dates from text there),
		# before its before_validate and validate, which read the values as numbers and dates
		permissions.check_stored_record(self)
		if self._action == "cancel":
			self.cancel_as_stored()
		else:
			typed_input.refuse_malformed(self)
			permissions.refuse_rows_of_others(self)
		if self._action == "update_after_submit" and not self.flags.ignore_validate_update_after_submit:
			self.refuse_new_rows_after_submit()
		super().run_before_save_methods()

	def cancel_as_stored(self):
		"""A cancel changes the record's status only: the document takes back its stored values and rows before
		the cancel's own methods run, whatever the request sent with it, but the state its workflow moves it to
		(apply_workflow sets it before the cancel). Frappe stores a cancelled document as sent: an agent rewrote
		the rows of the log they cancelled (a visit's phone, whether it counts, the row it stands for) and the
		verdict on it no longer reached the day, through the desk's savedocs "Cancel" (helper-61, F2) and every
		path that reads the record and then sets the values sent (helper-62, F1: REST PUT with docstatus 2,
		frappe.client.bulk_update, the list's bulk update, the desk's cancel naming any field as the workflow's)."""
		stored = self.get_doc_before_save()
		if not stored:
			return
		workflow = get_workflow_name(self.doctype)
		state_field = get_workflow_state_field(workflow) if workflow else None
		for fieldname in ("owner", "creation"):  # who made it and when (helper-63, F3)
			self.set(fieldname, stored.get(fieldname))
		for df in self.meta.fields:
			if df.fieldname == state_field:
				continue
			if df.fieldtype in frappe.model.table_fields:
				self.set(df.fieldname, [])
				for row in stored.get(df.fieldname) or []:
					self.append(df.fieldname, row.as_dict())
			elif df.fieldtype not in frappe.model.no_value_fields:
				self.set(df.fieldname, stored.get(df.fieldname))

	def refuse_new_rows_after_submit(self):
		"""frappe.UpdateAfterSubmitError for a row sent new, in place of a stored one, in a table of a submitted
		record that cannot change after submission (the same count of rows, so Frappe's count check passes):
		Frappe then read the new row back from the database to compare it, a 404 "not found", or for a field
		user a 403 about a "parent DocType"."""
		for df in self.meta.get_table_fields():
			if df.allow_on_submit:
				continue
			for row in self.get(df.fieldname) or []:
				if row.get("__islocal") or not row.name:
					frappe.throw(
						frappe._(
							"Row {0}: the {1} of a submitted {2} cannot be changed: cancel it, then amend it."
						).format(row.idx, frappe._(df.label), frappe._(self.doctype)),
						frappe.UpdateAfterSubmitError,
						title=frappe._("Not Allowed"),
					)


def transition_refusal(doc, stored) -> str:
	"""Why `doc` may not move from the stored docstatus `stored` (0 draft, 1 submitted, 2 cancelled) to the one
	it carries, in one sentence naming the record and what to do instead."""
	record = f"{frappe._(doc.doctype)} {frappe.utils.escape_html(str(doc.name or ''))}"
	if stored == DocStatus.DRAFT:
		if not frappe.has_permission(doc.doctype, "delete"):  # an agent deletes no log (helper-62, F4)
			return frappe._(
				"{0} is a draft: only a submitted record can be cancelled. Correct the draft instead, and submit it."
			).format(record)
		return frappe._(
			"{0} is a draft: only a submitted record can be cancelled. Submit it, or delete the draft."
		).format(record)
	if stored == DocStatus.SUBMITTED:
		return frappe._(
			"{0} is submitted and cannot go back to a draft: cancel it, then amend it to change it."
		).format(record)
	return frappe._("{0} is cancelled and cannot be changed: amend it to make a new version.").format(record)
