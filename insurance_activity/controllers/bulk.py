"""Many documents of one doctype read and written in a few queries, for the jobs that handle thousands at once.

Frappe reads and writes a document at a time (`get_doc`: a query per table; `insert`/`save`: naming,
validation, hooks, one statement per row); a branch's night (20,000 customers placed again, 2,000 sampled
callback checks with their ToDos and timeline lines, 5,000 missing-log reminders) would take many minutes
that way. Our own, because Frappe has no bulk read or write of documents, only of raw rows
(`frappe.db.bulk_insert`): each document is named and stamped as Frappe names and stamps it, and its rows
are the ones `db_insert` / `db_update` would write. No controller method or doc event runs here: the
caller runs what it needs first (and says so in its docstring).
"""

from collections import defaultdict
from collections.abc import Sequence

import frappe
from frappe.model.document import Document
from frappe.model.naming import set_new_name

CHUNK = 1000  # rows per INSERT, names per IN (...)


def insert_documents(docs: Sequence[Document], ignore_duplicates: bool = False) -> list[str]:
	"""Insert new documents of one doctype, with their child rows, as `Document.db_insert` writes each row,
	in multi-row INSERTs; returns their names, in order.

	What is still empty takes the doctype's defaults (as `insert`); each is named by Frappe's rules for its doctype (`set_new_name`: naming series, hash...) unless it has
	a name, stamped with the session user and now (`set_user_and_timestamp`), and its child rows take its
	name. ignore_duplicates: a document that breaks a unique key is skipped (MariaDB INSERT IGNORE), as when
	another process wrote the same thing meanwhile; the caller reads back which names exist (`existing`);
	not with child rows. Raises ValueError for mixed doctypes."""
	if not docs:
		return []
	doctype = docs[0].doctype
	if any(d.doctype != doctype for d in docs):
		raise ValueError("insert_documents: one doctype at a time")
	children = [c for d in docs for c in d.get_all_children()]
	if children and ignore_duplicates:
		raise ValueError("insert_documents: documents with child rows cannot skip duplicates")
	for doc in docs:
		doc.set("__islocal", 1)
		doc._set_defaults()  # as insert does: the doctype's defaults for what is still empty
		if not doc.name:
			set_new_name(doc)
		doc.set_user_and_timestamp()
		if not doc.creation:  # Frappe leaves it to db_insert during install and migrate
			doc.creation, doc.owner = doc.modified, doc.modified_by
		doc.set_parent_in_children()
		for child in doc.get_all_children():
			child.creation, child.owner = child.creation or doc.creation, child.owner or doc.owner
	write_rows(doctype, docs, ignore_duplicates)
	insert_child_rows(children)
	return [d.name for d in docs]


def update_documents(docs: Sequence[Document]) -> None:
	"""Write documents read from the database and changed in memory, as `Document.db_update` writes each
	(one UPDATE a document: a row's values differ from document to document), stamped with the session user
	and now; their new child rows (appended since they were read) in multi-row INSERTs. A child row removed
	in memory is not deleted: use this only where rows are appended (a history)."""
	new_children = []
	for doc in docs:
		doc.set_user_and_timestamp()
		doc.set_parent_in_children()
		doc.db_update()
		new_children += [c for c in doc.get_all_children() if c.is_new()]
	insert_child_rows(new_children)


def insert_child_rows(children: Sequence[Document]) -> None:
	by_doctype = defaultdict(list)
	for child in children:
		if not child.name:
			set_new_name(child)
		by_doctype[child.doctype].append(child)
	for doctype, rows in by_doctype.items():
		write_rows(doctype, rows)  # marks each row stored (no longer __islocal)


def write_rows(doctype: str, docs: Sequence[Document], ignore_duplicates: bool = False) -> None:
	rows = [d.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True) for d in docs]
	columns = list(rows[0])
	frappe.db.bulk_insert(
		doctype,
		columns,
		[tuple(row[c] for c in columns) for row in rows],
		ignore_duplicates=ignore_duplicates,
		chunk_size=CHUNK,
	)
	for doc in docs:
		doc.__dict__.pop("__islocal", None)


def load_documents(doctype: str, names: Sequence[str]) -> dict[str, Document]:
	"""The stored documents `names` of a doctype with their child rows, as `frappe.get_doc` loads each, in
	one query per table for every CHUNK of names: name -> document."""
	meta = frappe.get_meta(doctype)
	docs = {}
	for start in range(0, len(names), CHUNK):
		chunk = list(names[start : start + CHUNK])
		rows = {r.name: r for r in frappe.get_all(doctype, filters={"name": ("in", chunk)}, fields=["*"])}
		tables = {}
		for df in meta.get_table_fields():
			by_parent = defaultdict(list)
			for child in frappe.get_all(
				df.options,
				filters={"parent": ("in", chunk), "parenttype": doctype, "parentfield": df.fieldname},
				fields=["*"],
				order_by="idx asc",
			):
				by_parent[child.parent].append(child)
			tables[df.fieldname] = by_parent
		for name, row in rows.items():
			doc = frappe.get_doc(
				{**row, "doctype": doctype, **{field: t.get(name, []) for field, t in tables.items()}}
			)
			docs[name] = doc
	return docs


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
