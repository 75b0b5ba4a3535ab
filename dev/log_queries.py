#!/usr/bin/env python3
"""The SQL statements of one agent's Agent Log insert + submit (issue 18), counted and grouped.

    dev/bench.py queries --site SITE [--top 25]

Prints figures, never a timed test. On `--site` (a test site: ia-test-c.localhost, say), inside one
transaction that is rolled back at the end (nothing is committed: the factories' commits are skipped):
- makes a small organisation with the test factories (`make_org`) and a Lead of the agent's;
- as the agent, runs what the load bench's two REST requests run (dev/load.py; Frappe's `api/v1.py`):
  `POST /api/resource/Agent Log` (`frappe.new_doc(...).insert()`) with the same three rows, then
  `PUT /api/resource/Agent Log/<name>` with docstatus 1 (`get_doc(for_update=True)`, `update`, `save`),
  each as a fresh request (request cache, value cache, role permissions emptied), after a first warm-up
  log by another agent (metadata and controllers loaded, as in a warm gunicorn worker);
- then a plain ToDo insert by the same agent, for comparison;
- prints the number of statements of each request, the statements repeated most (literals made `?`) and
  the app's functions that sent them (the innermost frame of insurance_activity).

The request's own overhead (the session, the user) is outside the count: it is the same for the ToDo.
"""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROWS = (  # the load bench's rows (dev/load.py)
	{"activity_kind": "Phone Appointment", "activity_count": 3},
	{"activity_kind": "Sales Interview", "activity_count": 1, "party_type": "Lead"},
	{"activity_kind": "Recruiting Visit", "activity_count": 1},
)
LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\b\d+(?:\.\d+)?\b")


def shape(query) -> str:
	"""A statement with its literals as `?` and its whitespace collapsed: repeats of one look-up group."""
	text = str(query)
	return " ".join(LITERALS.sub("?", text).split())


def app_frame(stack) -> str:
	"""The innermost frame of the app's code (not this script) that led to a statement, and the Frappe
	function between them when the app did not send it itself."""
	via = None
	for frame in reversed(stack):
		if "/insurance_activity/" in frame.filename and "/dev/" not in frame.filename:
			path = frame.filename.split("/insurance_activity/", 1)[1]
			return f"{path}:{frame.lineno} {frame.name}" + (f" > frappe {via}" if via else "")
		if (
			via is None
			and "/frappe/database/" not in frame.filename
			and "/frappe/query_builder/" not in frame.filename
		):
			via = frame.name
	return f"(frappe {via})"


class Recorder:
	"""Wraps frappe.db.sql: every statement's shape and the app frame that sent it, while `recording`."""

	def __init__(self, frappe):
		self.frappe, self.original = frappe, frappe.db.sql
		self.statements: list[tuple[str, str]] = []
		self.recording = False
		frappe.db.sql = self.sql

	def sql(self, query, *args, **kwargs):
		if self.recording:
			self.statements.append((shape(query), app_frame(traceback.extract_stack()[:-1])))
		return self.original(query, *args, **kwargs)

	@contextmanager
	def record(self):
		self.statements, self.recording = [], True
		try:
			yield self
		finally:
			self.recording = False


def fresh_request(frappe, user: str) -> None:
	"""What a new request starts with: the request-scoped caches empty, the user set."""
	frappe.local.request_cache = defaultdict(dict)
	frappe.local.cache = {}
	frappe.local.role_permissions = {}
	frappe.local.new_doc_templates = {}
	frappe.local.message_log = []
	frappe.local.form_dict = frappe._dict()
	frappe.db.value_cache = {}
	frappe.set_user(user)


def log_insert_and_submit(frappe, recorder, agent: str, user: str, lead: str, day) -> dict[str, list]:
	"""The load bench's two requests for one log, each recorded: {"insert": statements, "submit": ...}."""
	rows = [dict(row) for row in ROWS]
	rows[1]["party"] = lead
	found = {}
	fresh_request(frappe, user)
	with recorder.record():
		doc = frappe.new_doc("Agent Log", agent=agent, log_date=str(day), activities=rows).insert()
	found["insert"] = recorder.statements
	fresh_request(frappe, user)
	with recorder.record():
		doc = frappe.get_doc("Agent Log", doc.name, for_update=True)
		doc.update({"docstatus": 1})
		doc.save()
	found["submit"] = recorder.statements
	frappe.set_user("Administrator")
	return found


def todo_insert(frappe, recorder, user: str) -> list:
	fresh_request(frappe, user)
	with recorder.record():
		frappe.new_doc("ToDo", description="query count: a plain ToDo", allocated_to=user).insert()
	frappe.set_user("Administrator")
	return recorder.statements


def working_day_in_window(frappe, agent: str):
	"""Today when it is one of the agent's working days, else the latest working day before it."""
	from frappe.utils import getdate, today

	from insurance_activity import working_days
	from insurance_activity.tests.factories import last_working_day

	day = getdate(today())
	if working_days.days_off(day, day, employee=agent).is_working_day(day):
		return day
	return last_working_day(employee=agent)


def print_statements(title: str, statements: list, top: int, every: bool = False) -> None:
	print(f"\n{title}: {len(statements)} statements")
	if every:
		for number, (text, frame) in enumerate(statements, 1):
			print(f"  {number:3d}  {frame:55s}  {text[:160]}")
	by_shape = Counter(s for s, _ in statements)
	print(f"  repeated statements (of {len(by_shape)} distinct):")
	for text, count in by_shape.most_common(top):
		if count < 2:
			break
		print(f"    {count:3d}x  {text[:220]}")
	print("  by the app's function that sent them:")
	for frame, count in Counter(f for _, f in statements).most_common(top):
		print(f"    {count:3d}   {frame}")


def main() -> None:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", required=True, help="a test site with the app installed")
	parser.add_argument("--top", type=int, default=25, help="how many groups to print")
	parser.add_argument("--prefix", default="QCount", help="the test organisation's prefix")
	parser.add_argument("--every", action="store_true", help="also print every statement, in order")
	args = parser.parse_args()

	sys.path.insert(0, str(REPO / "dev"))
	from load import connect

	frappe = connect(args.site)
	from insurance_activity.tests.factories import make_org, open_edit_window

	committed = frappe.db.commit
	frappe.db.commit = lambda *a, **kw: None  # nothing of this run stays: rolled back below
	try:
		org = make_org(args.prefix)
		open_edit_window()
		leads = {}
		for agent, user in ((org.agent_a1, org.users.agent_a1), (org.agent_a2, org.users.agent_a2)):
			lead = frappe.get_doc(
				{"doctype": "Lead", "first_name": f"{args.prefix} customer of {agent}", "lead_owner": user}
			)
			lead.flags.ignore_permissions = True
			leads[agent] = lead.insert().name
		recorder = Recorder(frappe)
		# warm-up: another agent's log (metadata, controllers and shared caches loaded)
		a2 = org.agent_a2
		log_insert_and_submit(
			frappe, recorder, a2, org.users.agent_a2, leads[a2], working_day_in_window(frappe, a2)
		)
		a1 = org.agent_a1
		found = log_insert_and_submit(
			frappe, recorder, a1, org.users.agent_a1, leads[a1], working_day_in_window(frappe, a1)
		)
		todo_insert(frappe, recorder, org.users.agent_a1)  # warm-up
		todo = todo_insert(frappe, recorder, org.users.agent_a1)
	finally:
		frappe.db.rollback()
		frappe.db.commit = committed
	print_statements("Agent Log insert (POST)", found["insert"], args.top, args.every)
	print_statements("Agent Log submit (PUT docstatus=1)", found["submit"], args.top, args.every)
	print_statements("Agent Log insert + submit", found["insert"] + found["submit"], args.top)
	print_statements("ToDo insert (POST)", todo, args.top)
	both = len(found["insert"]) + len(found["submit"])
	print(
		f"\nstatements: log insert {len(found['insert'])} + submit {len(found['submit'])} = {both}; ToDo {len(todo)}"
	)


if __name__ == "__main__":
	main()
