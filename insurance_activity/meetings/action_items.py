"""Action items of a meeting (PDCA "act"): each with an owner and a due date is a ToDo of the owner, and
the office's next meeting lists every item still open from its earlier meetings.

ToDo is the follow-up record (the owner's list, reminders, closing); the item's status follows it.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from insurance_activity.org import user_of_employee

OPEN, DONE, CANCELLED = "Open", "Done", "Cancelled"
TODO_STATUS = {OPEN: "Open", DONE: "Closed", CANCELLED: "Cancelled"}
ITEM_STATUS = {todo: item for item, todo in TODO_STATUS.items()}


def default_status(doc) -> None:
	"""A new item is open (also when made by an import, which skips defaults)."""
	for item in doc.action_items:
		item.status = item.status or OPEN


def sync_todos(doc) -> None:
	"""After a save: a ToDo for each item with an owner and a due date, kept in step with the item."""
	host_user = user_of_employee(doc.host) if doc.host else None
	for item in doc.action_items:
		if not (item.responsible and item.due_date):
			continue
		user = user_of_employee(item.responsible)
		if not user:
			frappe.msgprint(
				_("Row {0}: {1} has no user, so no ToDo was made.").format(
					item.idx, item.responsible_name or item.responsible
				),
				alert=True,
				indicator="orange",
			)
			continue
		values = {
			"allocated_to": user,
			"description": item.action,
			"date": item.due_date,
			"status": TODO_STATUS[item.status or OPEN],
			"reference_type": doc.doctype,
			"reference_name": doc.name,
			"assigned_by": host_user or frappe.session.user,
		}
		if item.todo and frappe.db.exists("ToDo", item.todo):
			update_todo(item.todo, values)
		else:
			todo = frappe.get_doc({"doctype": "ToDo", "priority": "Medium", **values})
			todo.flags.ignore_permissions = True
			todo.flags.from_meeting = True
			todo.insert()
			item.todo = todo.name
			item.db_set("todo", todo.name, update_modified=False)


def update_todo(name: str, values: dict) -> None:
	todo = frappe.get_doc("ToDo", name)
	changed = {key: value for key, value in values.items() if str(todo.get(key) or "") != str(value or "")}
	if key_dates_equal(todo.date, values["date"]):
		changed.pop("date", None)
	if not changed:
		return
	todo.update(changed)
	todo.flags.ignore_permissions = True
	todo.flags.from_meeting = True
	todo.save()


def key_dates_equal(a, b) -> bool:
	return bool(a and b) and getdate(a) == getdate(b)


def on_todo_update(todo, method=None) -> None:
	"""ToDo closed or cancelled by its owner: the meeting's action item follows (doc event on ToDo)."""
	if todo.flags.from_meeting or todo.reference_type != "Meeting Session":
		return
	status = ITEM_STATUS.get(todo.status)
	if status:
		frappe.db.set_value(
			"Meeting Action Item", {"todo": todo.name, "status": ("!=", status)}, "status", status
		)


def open_items_before(doc) -> list[dict]:
	"""Items still open from the office's earlier meetings: what the next meeting follows up first.

	"Earlier" is by scheduled date, then rule date, so two reviews on the same day keep their order.
	"""
	if not (doc.office and doc.scheduled_date):
		return []
	session, item = frappe.qb.DocType("Meeting Session"), frappe.qb.DocType("Meeting Action Item")
	this_day = getdate(doc.scheduled_date)
	this_rule = getdate(doc.rule_date or doc.scheduled_date)
	earlier = (session.scheduled_date < this_day) | (
		(session.scheduled_date == this_day) & (session.rule_date < this_rule)
	)
	rows = (
		frappe.qb.from_(item)
		.join(session)
		.on((item.parent == session.name) & (item.parenttype == "Meeting Session"))
		.select(
			item.action,
			item.responsible,
			item.responsible_name,
			item.due_date,
			item.todo,
			session.name.as_("from_meeting"),
		)
		.where(
			(session.office == doc.office)
			& (session.name != (doc.name or ""))
			& (item.status == OPEN)
			& earlier
		)
		.orderby(session.scheduled_date)
		.orderby(item.idx)
		.run(as_dict=True)
	)
	return rows


def refresh_open_items(doc) -> None:
	"""Until the meeting is held, its list of open items follows the earlier meetings' items."""
	doc.set("previous_open_items", open_items_before(doc))
