"""Many new documents of one doctype written in multi-row INSERTs, for the jobs that make thousands at once.

Frappe writes a document at a time (`insert`: naming, validation, hooks, one INSERT; `db_insert`: one
INSERT); a branch's morning (2,000 sampled callback checks with their ToDos and timeline lines, 5,000
missing-log reminders) would take minutes that way. Our own, because Frappe has no bulk insert of
documents, only of raw rows (`frappe.db.bulk_insert`): each document is named and stamped as Frappe names
and stamps it, and its row is the one `db_insert` would write. No controller method or doc event runs:
the caller has done what they would do (and says so), and the caller's own doctype documents this path.
"""

from collections.abc import Sequence

import frappe
from frappe.model.document import Document
from frappe.model.naming import set_new_name

CHUNK = 1000  # rows per INSERT


def insert_documents(docs: Sequence[Document], ignore_duplicates: bool = False) -> list[str]:
	"""Insert new documents (all of one doctype, no child rows) as `Document.db_insert` writes each, in
	multi-row INSERTs; returns their names, in order.

	Each is named by Frappe's rules for its doctype (`set_new_name`: naming series, hash...) unless it has
	a name, and stamped with the session user and now (`set_user_and_timestamp`). ignore_duplicates: a row
	that breaks a unique key is skipped (MariaDB INSERT IGNORE), as when another process wrote the same
	thing meanwhile; the caller reads back which names exist. Raises ValueError for mixed doctypes or a
	document with child rows (write those one at a time)."""
	if not docs:
		return []
	doctype = docs[0].doctype
	if any(d.doctype != doctype for d in docs):
		raise ValueError("insert_documents: one doctype at a time")
	if any(d.get_all_children() for d in docs):
		raise ValueError("insert_documents: documents with child rows are inserted one at a time")
	rows = []
	for doc in docs:
		if not doc.name:
			set_new_name(doc)
		doc.set_user_and_timestamp()
		rows.append(doc.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True))
	columns = list(rows[0])
	frappe.db.bulk_insert(
		doctype,
		columns,
		[tuple(row[c] for c in columns) for row in rows],
		ignore_duplicates=ignore_duplicates,
		chunk_size=CHUNK,
	)
	return [d.name for d in docs]


def existing(doctype: str, names: Sequence[str]) -> set[str]:
	"""Which of `names` are stored (after an insert that skipped duplicates)."""
	found: set[str] = set()
	for start in range(0, len(names), CHUNK):
		found.update(
			frappe.get_all(
				doctype, filters={"name": ("in", list(names[start : start + CHUNK]))}, pluck="name"
			)
		)
	return found
