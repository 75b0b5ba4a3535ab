"""A row of a table is read with its record and changed only through it, on every path (issue 20, found by a
fresh user posting their own input).

Frappe v15 asks of a row opened on its own (`/api/resource/Agent Log Activity/<name>`, frappe.client.get,
frappe.delete_doc) only whether the user may write the parent's doctype, and saves a row sent with a name by
that name alone. So an agent could read and change a colleague's rows, add a row to a colleague's log or to
their own submitted one, and move a colleague's row into their own log by sending its name. Each is refused
here over REST as agent A1 (asking for Chinese), and nothing changes in the database. Every table of the app
is walked from the metadata for the rule itself (`AppDocument.has_permission` of a row).
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity.controllers.typed_input import app_modules
from insurance_activity.tests.factories import last_working_day, make_log, make_org
from insurance_activity.tests.integration.test_agent_log_screens import speaks_chinese
from insurance_activity.tests.integration.test_bad_input_corpus import CJK, hide_tracebacks
from insurance_activity.tests.integration.test_bad_input_every_doctype import answer, rest

PREFIX = "ROW"
ROW = "Agent Log Activity"


class TestRowsOnTheirOwn(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org(PREFIX)
		cls.agent = org.users.agent_a1
		speaks_chinese(cls.agent)
		hide_tracebacks(cls)
		cls.lock_days = frappe.db.get_single_value("Insurance Activity Settings", "log_lock_days")
		# the agent's own draft may be changed whatever day the tests run (REST reads committed settings)
		frappe.db.set_single_value("Insurance Activity Settings", "log_lock_days", 400)
		day = last_working_day()
		cls.own = make_log(org.agent_a1, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		cls.colleague = make_log(org.agent_a2, day, [("Sales Interview", 2)], ignore_edit_window=True)
		cls.submitted = make_log(
			org.agent_a1,
			frappe.utils.add_days(day, -7),
			[("Phone Appointment", 3)],
			submit=True,
			ignore_edit_window=True,
		)
		cls.colleague_row = cls.colleague.activities[0].name
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.db.set_single_value("Insurance Activity Settings", "log_lock_days", cls.lock_days)
		for log in (cls.submitted, cls.own, cls.colleague):
			doc = frappe.get_doc("Agent Log", log.name)
			if doc.docstatus == 1:
				doc.cancel()
			frappe.delete_doc("Agent Log", log.name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def rows(self) -> list[tuple]:
		frappe.db.rollback()  # read what the REST requests committed
		return frappe.db.sql(
			f"select name, parent, activity_kind, activity_count from `tab{ROW}` where parent in %s order by name",
			[[self.own.name, self.colleague.name, self.submitted.name]],
		)

	def assertRefused(self, status, body, what, says: str | None = None):
		has_traceback, shown = answer(body)
		self.assertIn(status, (403, 404, 417), f"{what}: {status} {shown}")
		self.assertFalse(has_traceback, what)
		self.assertRegex(shown, CJK, f"{what}: {shown}")
		if says:
			self.assertIn(says, shown, what)

	def test_a_colleagues_row_sent_in_ones_own_log_is_not_moved(self):
		before = self.rows()
		own = frappe.get_doc("Agent Log", self.own.name).as_dict()
		for path_kind in ("PUT", "frappe.client.save"):
			rows = [
				*[
					{"name": r.name, "activity_kind": r.activity_kind, "activity_count": r.activity_count}
					for r in self.own.activities
				],
				{"name": self.colleague_row, "activity_kind": "Phone Appointment", "activity_count": 9},
			]
			if path_kind == "PUT":
				status, body = rest(
					"put", self.agent, f"/api/resource/Agent Log/{self.own.name}", json={"activities": rows}
				)
			else:
				doc = {**{k: v for k, v in own.items() if not isinstance(v, list)}, "activities": rows}
				status, body = rest(
					"post", self.agent, "/api/method/frappe.client.save", json={"doc": frappe.as_json(doc)}
				)
			self.assertRefused(status, body, path_kind, says="是另一条记录的行")
			self.assertEqual(self.rows(), before, path_kind)

	def test_a_made_up_row_name_is_refused_not_dropped(self):
		before = self.rows()
		status, body = rest(
			"put",
			self.agent,
			f"/api/resource/Agent Log/{self.own.name}",
			json={
				"activities": [
					{"name": "ROW-NO-SUCH-ROW", "activity_kind": "Phone Appointment", "activity_count": 4}
				]
			},
		)
		self.assertRefused(status, body, "made-up name", says="新行请不要带名称发送")
		self.assertEqual(self.rows(), before)

	def test_a_row_on_its_own_is_read_with_its_log_and_changed_only_through_it(self):
		before = self.rows()
		own_row = self.own.activities[0].name
		new_row = {
			"activity_kind": "Phone Appointment",
			"activity_count": 5,
			"parenttype": "Agent Log",
			"parentfield": "activities",
		}
		for what, method, path, request in (
			("read a colleague's row", "get", f"/api/resource/{ROW}/{self.colleague_row}", {}),
			(
				"frappe.client.get of it",
				"get",
				"/api/method/frappe.client.get",
				{"query_string": {"doctype": ROW, "name": self.colleague_row}},
			),
			(
				"add a row to a colleague's log",
				"post",
				f"/api/resource/{ROW}",
				{"json": {**new_row, "parent": self.colleague.name}},
			),
			(
				"add a row to one's own submitted log",
				"post",
				f"/api/resource/{ROW}",
				{"json": {**new_row, "parent": self.submitted.name}},
			),
			(
				"change one's own row on its own",
				"put",
				f"/api/resource/{ROW}/{own_row}",
				{"json": {"activity_count": 7}},
			),
			(
				"change a colleague's row",
				"put",
				f"/api/resource/{ROW}/{self.colleague_row}",
				{"json": {"activity_count": 7}},
			),
			("delete a colleague's row", "delete", f"/api/resource/{ROW}/{self.colleague_row}", {}),
			(
				"delete one's own submitted row",
				"delete",
				f"/api/resource/{ROW}/{self.submitted.activities[0].name}",
				{},
			),
		):
			with self.subTest(what):
				status, body = rest(method, self.agent, path, **request)
				self.assertRefused(status, body, what)
				self.assertEqual(self.rows(), before, what)
		# one's own row is read with one's own log
		status, body = rest("get", self.agent, f"/api/resource/{ROW}/{own_row}")
		self.assertEqual(status, 200, body)
		self.assertEqual(body["data"]["parent"], self.own.name)

	def test_every_table_of_the_app_is_changed_only_through_its_record(self):
		tables = frappe.get_all(
			"DocType", {"module": ("in", list(app_modules())), "istable": 1}, pluck="name"
		)
		self.assertIn(ROW, tables)
		frappe.set_user(self.org.users.admin)  # an Activity Admin: may change every record of the app
		try:
			for table in tables:
				row = frappe.new_doc(table, parent="x", parenttype="Agent Log", parentfield="activities")
				for ptype in ("create", "write", "delete", "submit", "cancel"):
					with self.subTest(table=table, ptype=ptype):
						self.assertFalse(row.has_permission(ptype), f"{table} {ptype}")
		finally:
			frappe.set_user("Administrator")
