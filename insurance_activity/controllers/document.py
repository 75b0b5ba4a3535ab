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
Frappe offers no hook before its link check (v15), hence the override; a test holds that every controller of
the app derives from this class.
"""

from frappe.model.document import Document

from insurance_activity.controllers import typed_input


class AppDocument(Document):
	"""A document of the app (its doctypes and their child tables)."""

	def _validate_links(self):
		# a cancel writes no value of the user's (Frappe skips its link check too)
		if self._action != "cancel":
			typed_input.refuse_structures(self)
		super()._validate_links()

	def run_before_save_methods(self):
		# after the controller's before_insert (Insurance Policy reads its amounts and dates from text there),
		# before its before_validate and validate, which read the values as numbers and dates
		if self._action != "cancel":
			typed_input.refuse_malformed(self)
		super().run_before_save_methods()
