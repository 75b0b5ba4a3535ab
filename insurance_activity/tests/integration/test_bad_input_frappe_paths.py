"""Bad input on Frappe's own paths into the app's doctypes and reports (issue 20, part 3).

The corpus over every doctype (test_bad_input_every_doctype.py) posts documents; a script or a hand-edited URL
also reaches the app through Frappe's list, search, report and client endpoints, where Frappe v15 reads the
arguments' shape before any code of the app runs. Each request below names an app doctype or report (walked
from the metadata), asks for Chinese and sends one argument of the wrong shape:

- `frappe.desk.reportview.get` and `GET /api/resource/<doctype>` (the desk's list and report views, a
  script's list): a negative page length or start, filters that are nested lists, a number, a quoted string,
  fields that are not a list of names;
- `frappe.desk.search.search_link` (every link field's drop-down): a negative page length, nested filters;
- `frappe.desk.query_report.run` of every script report: filters that are a list, a number, a string;
- `POST /api/resource/<doctype>` with a child table sent as a mapping, as text, as a list of numbers;
- text holding a lone surrogate (\\ud800: no character, a broken script's JSON) in a document and in a
  report filter;
- `frappe.client.set_value` of a child row that does not exist;
- a whitelisted method of the app called with an argument of the wrong type (Frappe's own check).

Each: a 4xx (never a 500), no traceback, a message in Chinese, nothing stored.
"""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from insurance_activity.controllers.typed_input import app_modules
from insurance_activity.tests.artifacts import write_table
from insurance_activity.tests.factories import (
	last_working_day,
	make_log,
	make_org,
	open_edit_window,
	set_settings,
)
from insurance_activity.tests.integration.test_agent_log_screens import speaks_chinese
from insurance_activity.tests.integration.test_bad_input_corpus import CJK, hide_tracebacks, messages
from insurance_activity.tests.integration.test_bad_input_every_doctype import answer, rest

PREFIX = "BIF"
NESTED = json.dumps([[["name", "=", "x"]]])


def app_doctypes(istable: int = 0) -> list[str]:
	"""The app's doctypes that hold records (no Single, no virtual one), parents or child tables."""
	return frappe.get_all(
		"DocType",
		{"module": ("in", list(app_modules())), "issingle": 0, "is_virtual": 0, "istable": istable},
		pluck="name",
		order_by="name",
	)


EMAIL = "/api/method/frappe.core.doctype.communication.email.make"
AUTO_REPEAT_EMAIL = "/api/method/frappe.automation.doctype.auto_repeat.auto_repeat.make"


class TestBadInputOnFrappePaths(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org(PREFIX)
		cls.admin = cls.org.users.admin
		speaks_chinese(cls.admin)
		hide_tracebacks(cls)
		frappe.db.commit()

	def check(self, cells: list[tuple], name: str) -> None:
		"""Each cell (what, status, body): a 4xx, no traceback, Chinese; the table written to dev/artifacts."""
		rows = []
		for what, status, body in cells:
			has_traceback, shown = answer(body)
			rows.append((what, status, has_traceback, shown))
		write_table(f"bad-input-{name}.tsv", ["request", "status", "traceback", "answer"], rows)
		bad = [r for r in rows if not (400 <= r[1] < 500) or r[2] or not CJK.search(r[3])]
		self.assertFalse(
			bad, f"{len(bad)} of {len(rows)} not refused in Chinese:\n" + "\n".join(map(str, bad[:40]))
		)

	def get(self, path: str, **query):
		return rest("get", self.admin, path, query_string=query)

	def post(self, path: str, data: dict):
		return rest("post", self.admin, path, json=data)

	def test_list_and_search_arguments_of_the_wrong_shape_are_refused(self):
		cells = []
		fields = json.dumps(["name"])
		for doctype in app_doctypes():
			for label, args in (
				("page_length=-1", {"page_length": -1}),
				("start=-5", {"start": -5}),
				("filters nested", {"filters": NESTED}),
				("filters a number", {"filters": "5"}),
				("filters a string", {"filters": json.dumps("abc")}),
				("fields a number", {"fields": "5"}),
				("fields nested", {"fields": json.dumps([["name"]])}),
			):
				status, body = self.post(
					"/api/method/frappe.desk.reportview.get", {"doctype": doctype, "fields": fields, **args}
				)
				cells.append((f"reportview.get {doctype} {label}", status, body))
			for label, args in (
				("limit_page_length=-1", {"limit_page_length": -1}),
				("limit_start=-5", {"limit_start": -5}),
				("filters nested", {"filters": NESTED}),
				("filters a number", {"filters": "5"}),
			):
				status, body = self.get(f"/api/resource/{doctype}", **args)
				cells.append((f"resource {doctype} {label}", status, body))
			for label, args in (
				("page_length=-1", {"page_length": -1}),
				("filters nested", {"filters": NESTED}),
				("filters a number", {"filters": "5"}),
			):
				status, body = self.post(
					"/api/method/frappe.desk.search.search_link", {"doctype": doctype, "txt": "", **args}
				)
				cells.append((f"search_link {doctype} {label}", status, body))
		self.check(cells, "list-and-search")

	def test_report_filters_that_are_not_a_mapping_are_refused(self):
		reports = frappe.get_all(
			"Report", {"module": ("in", list(app_modules())), "report_type": "Script Report"}, pluck="name"
		)
		cells = []
		for report in reports:
			for filters in ("[1, 2]", "5", json.dumps("abc"), json.dumps({"office": "\ud800"})):
				status, body = self.post(
					"/api/method/frappe.desk.query_report.run", {"report_name": report, "filters": filters}
				)
				cells.append((f"{report} filters={filters!r}", status, body))
		self.check(cells, "report-filter-shapes")

	def test_child_tables_of_the_wrong_shape_and_broken_text_are_refused_nothing_stored(self):
		cells = []
		for doctype in app_doctypes():
			meta = frappe.get_meta(doctype)
			before = frappe.db.count(doctype)
			for df in meta.get_table_fields():
				for label, value in (("a mapping", {"x": 1}), ("text", "abc"), ("numbers", [1, 2])):
					status, body = self.post(f"/api/resource/{doctype}", {df.fieldname: value})
					cells.append((f"{doctype}.{df.fieldname} {label}", status, body))
			data = next((df for df in meta.fields if df.fieldtype == "Data" and not df.read_only), None)
			if data:
				status, body = self.post(f"/api/resource/{doctype}", {data.fieldname: "a\ud800b"})
				cells.append((f"{doctype}.{data.fieldname} lone surrogate", status, body))
			frappe.db.rollback()
			self.assertEqual(frappe.db.count(doctype), before, doctype)
		self.check(cells, "child-tables-and-text")

	def test_a_missing_child_row_and_a_wrong_argument_type_are_refused(self):
		cells = []
		for doctype in app_doctypes(istable=1):
			field = next(
				(df.fieldname for df in frappe.get_meta(doctype).fields if df.fieldtype == "Data"), "idx"
			)
			status, body = self.post(
				"/api/method/frappe.client.set_value",
				{"doctype": doctype, "name": "BIF-NO-SUCH-ROW", "fieldname": field, "value": "x"},
			)
			cells.append((f"set_value {doctype}", status, body))
		status, body = self.post(
			"/api/method/insurance_activity.api.production.recompute", {"year": "abc", "month": 1}
		)
		cells.append(("recompute year='abc'", status, body))
		status, body = self.post(
			"/api/method/insurance_activity.api.team_board.get_board", {"date": ["2026-12-04"]}
		)
		cells.append(("get_board date=[...]", status, body))
		agent_query = "insurance_activity.activity.doctype.agent_log.agent_log.agent_query"
		campaign_query = "insurance_activity.campaigns.lookups.campaign_query"
		search = {"txt": "", "searchfield": "name", "start": 0, "page_len": 10}
		for what, path, data in (
			("agent_query page_len=-1", agent_query, {**search, "doctype": "Employee", "page_len": -1}),
			(
				"campaign_query start=-1",
				campaign_query,
				{**search, "doctype": "Activity Campaign", "start": -1},
			),
			(
				"search_link Employee by agent_query page_length=-1",
				"frappe.desk.search.search_link",
				{"doctype": "Employee", "txt": "", "query": agent_query, "page_length": -1},
			),
			(
				"reportview.get filters nested 20,000 deep",
				"frappe.desk.reportview.get",
				{"doctype": "Agent Log", "fields": '["name"]', "filters": "[" * 20000 + "]" * 20000},
			),
		):
			status, body = self.post(f"/api/method/{path}", data)
			cells.append((what, status, body))
		search = {
			"doctype": "Activity Campaign",
			"txt": "",
			"searchfield": "name",
			"start": 0,
			"page_len": 10,
		}
		for label, filters in (("{bad", "{bad"), ("5", "5"), ("no column", json.dumps({"bif_no_column": 1}))):
			status, body = self.post(f"/api/method/{campaign_query}", {**search, "filters": filters})
			cells.append((f"campaign_query filters {label}", status, body))
		for method in (
			"insurance_activity.api.customer_navigator.quadrant_of",
			"insurance_activity.api.contest_leaderboard.get_leaderboard",
		):
			status, body = self.post(f"/api/method/{method}", {})
			cells.append((f"{method} without its arguments", status, body))
		runs = frappe.db.count("Callback Sampling Run")
		for what, path, data in (
			(
				"suggested_actions day=9999-12-31",
				"insurance_activity.api.customer_navigator.suggested_actions",
				{"day": "9999-12-31"},
			),
			(
				"Customer Inventory on=0001-01-01",
				"frappe.desk.query_report.run",
				{"report_name": "Customer Inventory", "filters": json.dumps({"on": "0001-01-01"})},
			),
		):
			status, body = self.post(f"/api/method/{path}", data)
			cells.append((what, status, body))
		for day in ("0000-00-00", "1", "12/03/2026", "1800-01-01", "9999-12-31"):
			status, body = self.post(
				"/api/method/insurance_activity.api.callback_check.run_sampling", {"activity_date": day}
			)
			cells.append((f"run_sampling activity_date={day}", status, body))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Callback Sampling Run"), runs)
		self.check(cells, "client-and-methods")

	def test_a_log_for_someone_the_agent_may_not_log_for_is_refused_in_plain_words(self):
		org = self.org
		speaks_chinese(org.users.agent_a1)
		frappe.db.commit()
		cells = []
		for label, agent in (("another office's agent", org.agent_b1), ("a colleague", org.agent_a2)):
			before = frappe.db.count("Agent Log")
			status, body = rest(
				"post",
				org.users.agent_a1,
				"/api/resource/Agent Log",
				json={"agent": agent, "activity_date": frappe.utils.today()},
			)
			frappe.db.rollback()
			self.assertEqual(frappe.db.count("Agent Log"), before, label)
			cells.append((label, status, body))
			has_traceback, shown = answer(body)
			self.assertNotIn("None", shown, label)
			self.assertNotIn("<", shown.replace("<strong>", "").replace("</strong>", ""), label)
		self.check(cells, "log-for-someone-else")

	def test_sorting_grouping_and_fields_that_are_no_columns_are_refused(self):
		"""order_by / group_by naming a column the table does not have (MariaDB's error 1054, a 500), a
		sub-query in order_by (Frappe's English refusal), and a field that names no column (`sleep(1)`: an
		IndexError in Frappe's field check), on the list paths of every app doctype."""
		cells = []
		fields = json.dumps(["name"])
		for doctype in app_doctypes():
			for label, args in (
				("order_by no column", {"order_by": "bif_no_column desc"}),
				("order_by a sub-query", {"order_by": "(select 1) desc"}),
				("group_by no column", {"group_by": "bif_no_column"}),
				("fields sleep(1)", {"fields": json.dumps(["sleep(1)"])}),
			):
				status, body = self.post(
					"/api/method/frappe.desk.reportview.get", {"doctype": doctype, "fields": fields, **args}
				)
				cells.append((f"reportview.get {doctype} {label}", status, body))
			status, body = self.get(f"/api/resource/{doctype}", order_by="bif_no_column")
			cells.append((f"resource {doctype} order_by no column", status, body))
			status, body = self.get(f"/api/resource/{doctype}", filters=json.dumps({"bif_no_column": 1}))
			cells.append((f"resource {doctype} filters on no column", status, body))
			status, body = self.post(
				"/api/method/frappe.desk.listview.get_group_by_count",
				{"doctype": doctype, "current_filters": "[]", "field": "`tabEmployee`.cell_number"},
			)
			cells.append((f"get_group_by_count {doctype} field of another table", status, body))
			status, body = self.post(
				"/api/method/frappe.client.get_list", {"doctype": doctype, "group_by": "bif_no_column"}
			)
			cells.append((f"client.get_list {doctype} group_by no column", status, body))
		status, body = self.post(
			"/api/method/frappe.desk.reportview.export_query", {"doctype": "Agent Log", "fields": fields}
		)
		cells.append(("export_query without file_format_type", status, body))
		self.check(cells, "sort-group-fields")

	def test_documents_of_the_wrong_shape_on_frappe_client_paths_are_refused_nothing_stored(self):
		"""frappe.client.insert/insert_many/save/submit/cancel, the desk's savedocs, a JSON list posted as a
		record, a form's button naming no method, docstatus and a row's idx that are no numbers, a form's
		Connections asked for items that are not its doctypes: each a 4xx in Chinese, nothing stored."""
		kind = frappe.get_all("Activity Kind", pluck="name", limit=1)[0]
		cells = []
		before = {d: frappe.db.count(d) for d in ("Activity Kind", "Agent Log", "Agent Log Activity")}
		for what, path, data in (
			("client.insert doc text", "frappe.client.insert", {"doc": "abc"}),
			("client.insert doc a list", "frappe.client.insert", {"doc": json.dumps([1])}),
			("client.insert doc without doctype", "frappe.client.insert", {"doc": json.dumps({"x": 1})}),
			(
				"client.insert doc of no doctype",
				"frappe.client.insert",
				{"doc": json.dumps({"doctype": "BIF No Such"})},
			),
			("client.insert_many docs text", "frappe.client.insert_many", {"docs": "abc"}),
			("client.insert_many docs numbers", "frappe.client.insert_many", {"docs": json.dumps([1, 2])}),
			("client.save doc text", "frappe.client.save", {"doc": "abc"}),
			("client.submit doc a list", "frappe.client.submit", {"doc": json.dumps([1])}),
			("client.cancel of no doctype", "frappe.client.cancel", {"doctype": "BIF No Such", "name": "x"}),
			("savedocs doc text", "frappe.desk.form.save.savedocs", {"doc": "abc", "action": "Save"}),
			(
				"savedocs an unknown action",
				"frappe.desk.form.save.savedocs",
				{"doc": json.dumps({"doctype": "Activity Kind", "name": kind}), "action": "Zap"},
			),
			(
				"run_doc_method of no method",
				"run_doc_method",
				{"dt": "Activity Kind", "dn": kind, "method": "bif_no_method"},
			),
			(
				"get_open_count items text",
				"frappe.desk.notifications.get_open_count",
				{"doctype": "Activity Kind", "name": kind, "items": "abc"},
			),
			(
				"get_open_count items nested",
				"frappe.desk.notifications.get_open_count",
				{"doctype": "Activity Kind", "name": kind, "items": "[" * 5000 + "]" * 5000},
			),
			(
				"get_open_count items not its doctypes",
				"frappe.desk.notifications.get_open_count",
				{"doctype": "Activity Kind", "name": kind, "items": json.dumps(["User"])},
			),
		):
			status, body = self.post(f"/api/method/{path}", data)
			cells.append((what, status, body))
		status, body = rest(
			"post",
			self.admin,
			"/api/resource/Activity Kind",
			data=json.dumps([{"activity_kind": "BIF list"}]),
			content_type="application/json",
		)
		cells.append(("resource POST a JSON list", status, body))
		for doctype in app_doctypes():
			for label, value in (("abc", "abc"), ("[1]", [1]), ("5", 5)):
				status, body = self.post(f"/api/resource/{doctype}", {"docstatus": value})
				cells.append((f"{doctype} docstatus={label}", status, body))
		# a row's number on a record that is otherwise saved as it is: each record with rows the admin may
		# change, put back with its first row numbered "abc" or 1e300 (MariaDB's error: a 500)
		saved = {}
		for doctype in app_doctypes():
			if not frappe.has_permission(doctype, "write", user=self.admin):
				continue
			for df in frappe.get_meta(doctype).get_table_fields():
				rows = frappe.get_all(
					df.options, {"parenttype": doctype, "parentfield": df.fieldname}, ["parent"], limit=1
				)
				if not rows or frappe.db.get_value(doctype, rows[0].parent, "docstatus") != 0:
					continue
				doc = frappe.get_doc(doctype, rows[0].parent)
				saved[(doctype, doc.name)] = doc.modified
				for label, value in (("abc", "abc"), ("1e300", 1e300)):
					data = json.loads(frappe.as_json(doc.as_dict()))
					data[df.fieldname][0]["idx"] = value
					status, body = rest("put", self.admin, f"/api/resource/{doctype}/{doc.name}", json=data)
					cells.append((f"{doctype}.{df.fieldname} idx={label}", status, body))
		self.assertGreaterEqual(len(saved), 2, saved)
		frappe.db.rollback()
		self.assertEqual({d: frappe.db.count(d) for d in before}, before)
		for (doctype, name), modified in saved.items():
			self.assertEqual(frappe.db.get_value(doctype, name, "modified"), modified, name)
		self.check(cells, "client-documents")

	def test_unseen_characters_and_checks_that_are_not_yes_or_no_are_refused_nothing_stored(self):
		"""A record the admin may change (one of each doctype that has one), put back with its first one-line
		text holding a NUL, a line break, a right-to-left override (U+202E) or a byte order mark, or with its
		first Check "abc" or 5: Frappe stored the first four as sent and the Check as 0 and 1. Each a 4xx in
		Chinese naming the field, the record unchanged."""
		cells, saved = [], {}
		for doctype in app_doctypes():
			meta = frappe.get_meta(doctype)
			if not frappe.has_permission(doctype, "write", user=self.admin):
				continue
			names = frappe.get_all(doctype, {"docstatus": 0}, pluck="name", limit=1)
			text = next((df for df in meta.fields if df.fieldtype == "Data" and not df.read_only), None)
			check = next((df for df in meta.fields if df.fieldtype == "Check" and not df.read_only), None)
			if not names:
				continue
			doc = frappe.get_doc(doctype, names[0])
			saved[(doctype, doc.name)] = doc.modified
			sent = []
			if text:
				for label, value in (
					("NUL", "a\x00b"),
					("a line break", "a\nb"),
					("U+202E", "\u202eabc"),
					("BOM", "\ufeffabc"),
				):
					sent.append((f"{doctype}.{text.fieldname} {label}", text.fieldname, value))
			if check:
				for value in ("abc", 5):
					sent.append((f"{doctype}.{check.fieldname}={value!r}", check.fieldname, value))
			for what, fieldname, value in sent:
				data = json.loads(frappe.as_json(doc.as_dict()))
				data[fieldname] = value
				status, body = rest("put", self.admin, f"/api/resource/{doctype}/{doc.name}", json=data)
				cells.append((what, status, body))
		frappe.db.rollback()
		for (doctype, name), modified in saved.items():
			self.assertEqual(frappe.db.get_value(doctype, name, "modified"), modified, name)
		self.assertGreater(len(cells), 20)
		self.check(cells, "unseen-characters-and-checks")

	def test_an_agent_cannot_set_the_fields_their_log_shows_read_only(self):
		"""frappe.client.set_value saves any field it is given: a fresh user's agent moved their own log to
		another office and marked its spot check confirmed (fieldname as a mapping). A field the form shows
		read-only is refused (403, in Chinese) and the log is unchanged; a field the agent types into is not."""
		org = self.org
		speaks_chinese(org.users.agent_a1)
		log = make_log(
			org.agent_a1,
			last_working_day(employee=org.agent_a1),
			[("Sales Interview", 1, None, None, "13912347709", "BIF Customer")],
			ignore_edit_window=True,
		)
		frappe.db.commit()
		kept = frappe.db.get_value(
			"Agent Log", log.name, ["office", "spot_check_result", "modified"], as_dict=True
		)
		cells = []
		# every version of Frappe's API path reaches the same check (/api/v1 and /api/v2 went round it)
		for label, fieldname, value, api in (
			("office as a mapping", json.dumps({"office": org.office_b}), None, "/api"),
			("office", "office", org.office_b, "/api"),
			("spot check as a mapping", json.dumps({"spot_check_result": "Confirmed"}), None, "/api"),
			("office by /api/v1", "office", org.office_b, "/api/v1"),
			("office by /api/v2", "office", org.office_b, "/api/v2"),
		):
			status, body = self.post_as(
				org.users.agent_a1,
				f"{api}/method/frappe.client.set_value",
				{"doctype": "Agent Log", "name": log.name, "fieldname": fieldname, "value": value},
			)
			self.assertEqual(status, 403, (label, body))
			cells.append((f"set_value Agent Log {label}", status, body))
		self.assertEqual(
			frappe.db.get_value(
				"Agent Log", log.name, ["office", "spot_check_result", "modified"], as_dict=True
			),
			kept,
		)
		self.check(cells, "set-value-read-only")
		frappe.delete_doc("Agent Log", log.name, force=True)
		frappe.db.commit()

	def test_a_draft_cancelled_and_a_missing_record_deleted_are_said_in_words(self):
		"""Frappe raises its refusals of a draft cancelled, a submitted record put back to a draft and a delete
		of a record that does not exist bare: the answer had no message for the user. Each is said in Chinese,
		naming the record, and nothing changes."""
		org = self.org
		# a day of its own: the read-only test logs agent A1's last working day
		day = last_working_day(before=add_days(today(), -7), employee=org.agent_a1)
		draft = make_log(org.agent_a1, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		submitted = make_log(
			org.agent_a2, day, [("Phone Appointment", 1)], submit=True, ignore_edit_window=True
		)
		frappe.db.commit()
		cells = [
			(what, *answer_of)
			for what, answer_of in (
				(
					"frappe.client.cancel of a draft",
					self.post(
						"/api/method/frappe.client.cancel", {"doctype": "Agent Log", "name": draft.name}
					),
				),
				(
					"the desk's cancel of a draft",
					self.post(
						"/api/method/frappe.desk.form.save.cancel",
						{"doctype": "Agent Log", "name": draft.name},
					),
				),
				(
					"a submitted log put back to a draft",
					rest(
						"put", self.admin, f"/api/resource/Agent Log/{submitted.name}", json={"docstatus": 0}
					),
				),
				(
					"DELETE of no such record",
					rest("delete", self.admin, "/api/resource/Agent Log/AL-NO-SUCH"),
				),
				(
					"frappe.client.delete of no such record",
					self.post(
						"/api/method/frappe.client.delete", {"doctype": "Agent Log", "name": "AL-NO-SUCH"}
					),
				),
			)
		]
		for what, status, body in cells:
			# a message for the user, not a bare error
			self.assertTrue(messages(body), f"{what}: {status} {body}")
		self.assertEqual(frappe.db.get_value("Agent Log", draft.name, "docstatus"), 0)
		self.assertEqual(frappe.db.get_value("Agent Log", submitted.name, "docstatus"), 1)
		self.check(cells, "transitions-and-missing-records")
		for log in (submitted, draft):  # a submitted log is not deleted: its rows go with it here
			frappe.db.delete("Agent Log Activity", {"parent": log.name})
			frappe.db.delete("Agent Log", log.name)
		frappe.db.commit()

	def test_a_row_sent_in_place_of_a_submitted_logs_row_is_refused_in_words(self):
		"""helper-56, F10 (stop 37): the desk's Update of a submitted log with a row sent new in place of a
		stored one (the same count of rows, which Frappe's own check compares) met Frappe's read of the new row
		back: a 404 "not found" for an admin, a 403 about a "parent DocType" for the agent. Refused in Chinese,
		naming the row (AppDocument.refuse_new_rows_after_submit); the stored row stays."""
		org = self.org
		speaks_chinese(org.users.agent_a2)
		day = last_working_day(before=add_days(today(), -11), employee=org.agent_a2)
		log = make_log(org.agent_a2, day, [("Phone Appointment", 1)], submit=True, ignore_edit_window=True)
		frappe.db.commit()
		sent = json.loads(frappe.as_json(frappe.get_doc("Agent Log", log.name).as_dict()))
		new_row = {"doctype": "Agent Log Activity", "activity_kind": "Phone Appointment", "activity_count": 5}
		sent["activities"] = [{**new_row, "__islocal": 1}]
		cells = [
			(
				f"savedocs Update, a row replaced, as {user}",
				*rest(
					"post",
					user,
					"/api/method/frappe.desk.form.save.savedocs",
					json={"doc": json.dumps(sent), "action": "Update"},
				),
			)
			for user in (org.users.agent_a2, self.admin)
		]
		self.assertEqual([status for _what, status, _body in cells], [417, 417], cells)
		self.check(cells, "rows-after-submit")
		rows = frappe.get_all("Agent Log Activity", filters={"parent": log.name}, pluck="activity_count")
		self.assertEqual(rows, [1])
		frappe.db.delete("Agent Log Activity", {"parent": log.name})
		frappe.db.delete("Agent Log", log.name)
		frappe.db.commit()

	def test_a_record_bulk_update_cannot_save_is_answered_with_why_not_a_traceback(self):
		"""helper-59 (stop 38): frappe.client.bulk_update answered an agent's update of another office's log with
		the server's traceback inside its 200 (file paths, code). The record it cannot save is answered with
		the refusal, in the user's language; the others are saved; a list of the wrong shape is refused."""
		org = self.org
		speaks_chinese(org.users.agent_a2)
		day = last_working_day(before=add_days(today(), -12), employee=org.agent_a2)
		own = make_log(org.agent_a2, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		theirs = make_log(org.agent_b1, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		lock_days = frappe.db.get_single_value("Insurance Activity Settings", "log_lock_days")
		open_edit_window()  # the agent's own draft of twelve days ago is theirs to change
		frappe.db.commit()
		try:
			sent = [
				{"doctype": "Agent Log", "docname": own.name, "problems": "约访多次未成"},
				{"doctype": "Agent Log", "docname": theirs.name, "agent": org.agent_a2, "problems": "x"},
				{"doctype": "No Such DocType", "docname": "x"},
			]
			status, body = rest(
				"post",
				org.users.agent_a2,
				"/api/method/frappe.client.bulk_update",
				json={"docs": json.dumps(sent)},
			)
			self.assertEqual(status, 200, body)
			failed = body["message"]["failed_docs"]
			self.assertEqual([each["doc"]["docname"] for each in failed], [theirs.name, "x"], failed)
			for each in failed:
				self.assertNotIn("Traceback", each["exc"])
				self.assertRegex(each["exc"], CJK)
			self.assertIn(theirs.name, failed[0]["exc"])
			# the refusal is the record's answer, not a message shown besides (helper-61)
			self.assertNotIn(theirs.name, messages(body))
			self.assertEqual(frappe.db.get_value("Agent Log", own.name, "problems"), "约访多次未成")
			self.assertEqual(
				frappe.db.get_value("Agent Log", theirs.name, ["agent", "problems"]), (org.agent_b1, None)
			)
			cells = [
				(
					f"bulk_update docs={shape}",
					*rest(
						"post",
						org.users.agent_a2,
						"/api/method/frappe.client.bulk_update",
						json={"docs": shape},
					),
				)
				for shape in (
					'{"doctype": "Agent Log"}',
					'["AL-1"]',
					'[{"doctype": "Agent Log"}]',
					"not json",
					'[{"doctype": ["Agent Log"], "docname": "a"}]',
				)
			]
			self.check(cells, "bulk-update")
		finally:
			set_settings(log_lock_days=lock_days)
			for log in (own, theirs):
				frappe.db.delete("Agent Log Activity", {"parent": log.name})
				frappe.db.delete("Agent Log", log.name)
			frappe.db.commit()

	def test_a_value_read_as_no_column_and_a_record_action_missing_an_argument_are_refused(self):
		"""frappe.client.get_value with `fieldname` sleep(1) (an IndexError in Frappe's field check) and the
		record actions called without a required argument (a TypeError): 500s a fresh user found; now each a
		4xx in Chinese naming the argument."""
		log = frappe.get_all("Agent Log", pluck="name", limit=1) or ["AL-NONE"]
		cells = []
		for what, path, data in (
			(
				"get_value fieldname=sleep(1)",
				"frappe.client.get_value",
				{"doctype": "Agent Log", "filters": log[0], "fieldname": "sleep(1)"},
			),
			(
				"get_value fieldname=[sleep(1)]",
				"frappe.client.get_value",
				{"doctype": "Agent Log", "filters": log[0], "fieldname": '["name", "sleep(1)"]'},
			),
			("toggle_like without name", "frappe.desk.like.toggle_like", {"doctype": "Agent Log"}),
			(
				"add_comment without content",
				"frappe.desk.form.utils.add_comment",
				{
					"reference_doctype": "Agent Log",
					"reference_name": log[0],
					"comment_email": self.admin,
					"comment_by": "x",
				},
			),
			("add_tag without tag", "frappe.desk.doctype.tag.tag.add_tag", {"dt": "Agent Log", "dn": log[0]}),
		):
			status, body = self.post(f"/api/method/{path}", data)
			cells.append((what, status, body))
		self.check(cells, "values-and-record-actions")

	def test_a_forms_next_record_asked_with_bad_arguments_is_refused(self):
		"""frappe.desk.form.utils.get_next (a form's previous and next arrows) reads `prev`, `sort_order`,
		`sort_field` and `filters` unchecked: a ValueError, an AttributeError, a MariaDB error, each a 500 a
		fresh user found. Each is now a 4xx in Chinese naming the argument; good arguments still answer."""
		good = {
			"doctype": "User",
			"value": "Administrator",
			"prev": 0,
			"sort_order": "desc",
			"sort_field": "modified",
		}
		cells = []
		for what, change in (
			("prev=abc", {"prev": "abc"}),
			("value a mapping", {"value": {"no_such_column": 1}}),
			("value missing", {"value": None}),
			("value no record", {"doctype": "Agent Log", "value": "AL-1900-00001"}),
			("doctype a list", {"doctype": ["Agent Log"]}),
			("sort_order=[]", {"sort_order": []}),
			("sort_order=sideways", {"sort_order": "sideways"}),
			("sort_field=no_such_column", {"sort_field": "no_such_column"}),
			("sort_field=name desc, sleep(1)", {"sort_field": "name desc, sleep(1)"}),
			("filters a mapping", {"filters": json.dumps({"agent": "x"})}),
			("filters abc", {"filters": "abc"}),
			("filters on no column", {"filters": json.dumps([["no_such_column", "=", 1]])}),
		):
			status, body = self.post("/api/method/frappe.desk.form.utils.get_next", {**good, **change})
			cells.append((what, status, body))
		# Frappe writes sort_field into its ORDER BY as sent, for any doctype: MariaDB ran sleep(1) for a ToDo
		for doctype in ("ToDo", "Employee"):
			status, body = self.post(
				"/api/method/frappe.desk.form.utils.get_next",
				{**good, "doctype": doctype, "sort_field": "name desc, sleep(1)"},
			)
			cells.append((f"{doctype} sort_field=name desc, sleep(1)", status, body))
		# without a required argument (a TypeError in Frappe's call): get_next, and the two desk reads the app answers
		for path, data in (
			("frappe.desk.form.utils.get_next", {k: v for k, v in good.items() if k != "value"}),
			("frappe.desk.search.get_link_title", {"doctype": "Agent Log"}),
			("frappe.desk.doctype.tag.tag.get_tagged_docs", {"doctype": "Agent Log"}),
		):
			status, body = self.post(f"/api/method/{path}", data)
			cells.append((f"{path} missing an argument", status, body))
		self.check(cells, "next-record")
		status, body = self.post("/api/method/frappe.desk.form.utils.get_next", good)
		self.assertEqual(status, 200, body)

	def test_a_record_to_print_named_with_bad_arguments_is_refused(self):
		"""download_pdf and Frappe's page /printview read `doc` sent by a request as a document object (an
		AttributeError whatever its value) and the print preview's get_html_and_style a `doc` that is no JSON record (JSONDecodeError,
		KeyError): 500s for any doctype. Each is a 4xx in Chinese naming the argument; the preview of a record
		by its name and of a form's JSON still answer."""
		pdf = "/api/method/frappe.utils.print_format.download_pdf"
		preview = "/api/method/frappe.www.printview.get_html_and_style"
		cells = []
		for path, what, data in (
			(pdf, "doc=abc", {"doctype": "User", "name": self.admin, "doc": "abc"}),
			(
				pdf,
				"doc a record",
				{"doctype": "User", "name": self.admin, "doc": json.dumps({"doctype": "User"})},
			),
			(pdf, "name missing", {"doctype": "User"}),
			(preview, "doc=abc", {"doc": "abc"}),
			(preview, "doc a list", {"doc": json.dumps(["User"])}),
			(preview, "doc of no doctype", {"doc": json.dumps({"doctype": "No Such Doctype"})}),
			(preview, "doc no doctype, with a name", {"doc": "No Such Doctype", "name": "x"}),
			(preview, "doc missing", {"name": self.admin}),
		):
			status, body = self.post(path, data)
			cells.append((f"{path.rsplit('.', 1)[1]} {what}", status, body))
		self.check(cells, "print")
		# Frappe's page of a printout read `doc` as a document object too (stop 37: a 500 page for any value):
		# the page now answers without it, with its own message, or prints the record named
		for doc in ("abc", json.dumps({"doctype": "User"})):
			status, body = rest("get", self.admin, "/printview", query_string={"doc": doc})
			with self.subTest(doc=doc):
				self.assertEqual(status, 200, body)
				self.assertIn("Parameters doctype and name required", body["text"])
		status, body = rest(
			"get", self.admin, "/printview", query_string={"doctype": "User", "name": self.admin, "doc": "x"}
		)
		self.assertEqual(status, 200, body)
		self.assertIn(self.admin, body["text"])
		for data in (
			{"doc": "User", "name": self.admin},
			{"doc": json.dumps({"doctype": "User", "name": self.admin})},
		):
			status, body = self.post(preview, data)
			with self.subTest(good=data):
				self.assertEqual(status, 200, body)
				self.assertIn("html", body["message"])

	def test_files_attached_by_a_name_of_no_file_are_refused(self):
		"""add_attachments and email.make (also by Auto Repeat's name of it) read each attachment's File by its
		name and went on from None (an AttributeError), and iterated an `attachments` that is no list (a
		TypeError): 500s. Each is a 4xx in Chinese; an e-mail with a File the user may read is still made."""
		attach = "/api/method/frappe.utils.file_manager.add_attachments"
		e_mail = {"recipients": "x@example.com", "subject": "s", "content": "c", "doctype": "User"}
		e_mail["name"] = self.admin
		cells = []
		for path, what, data in (
			(attach, "a name of no File", {"attachments": json.dumps(["no-such-file"])}),
			(attach, "a number", {"attachments": "5"}),
			(attach, "a mapping", {"attachments": json.dumps({"no-such-file": 1})}),
			(attach, "missing", {}),
			(EMAIL, "a name of no File", {**e_mail, "attachments": json.dumps(["no-such-file"])}),
			(EMAIL, "a list of no File", {**e_mail, "attachments": ["no-such-file"]}),
			(EMAIL, "a number", {**e_mail, "attachments": 5}),
			(AUTO_REPEAT_EMAIL, "a name of no File", {**e_mail, "attachments": json.dumps(["nothing"])}),
			# a fresh user's finds (helper-55): a folder's name, null, a record of no such name or doctype, and
			# an e-mail's printout whose name or content is no text were 500s
			(attach, "a folder", {"attachments": json.dumps(["Home"])}),
			(attach, "null", {"attachments": "null"}),
			(attach, "to no record", {"doctype": "Agent Log", "name": "NOPE-1", "attachments": "[]"}),
			(
				attach,
				"to a doctype sent as a list",
				{"doctype": ["Agent Log"], "name": "x", "attachments": "[]"},
			),
			(
				EMAIL,
				"a printout named 5",
				{**e_mail, "attachments": json.dumps([{"fname": 5, "fcontent": "x"}])},
			),
			(
				EMAIL,
				"a printout of null",
				{**e_mail, "attachments": json.dumps([{"fname": "a", "fcontent": None}])},
			),
		):
			if path == attach:
				data = {"doctype": "User", "name": self.admin, **data}
			status, body = self.post(path, data)
			cells.append((f"{path.rsplit('.', 2)[-2]} attachments {what}", status, body))
		self.check(cells, "attachments")
		frappe.set_user(self.admin)
		try:
			readable = frappe.get_doc(
				{"doctype": "File", "file_name": "note.txt", "content": b"hello", "is_private": 1}
			).insert()
			frappe.db.commit()
		finally:
			frappe.set_user("Administrator")
		status, body = self.post(EMAIL, {**e_mail, "attachments": json.dumps([readable.name])})
		self.assertEqual(status, 200, body)
		# another office's log: Frappe's add_attachments asks nothing of the record (an agent's file was attached
		# to it, with an "Attachment" line on its timeline); now the record's write, as an upload asks it
		agent = self.org.users.agent_b1
		other = make_log(
			self.org.agent_a1, last_working_day(), [("Phone Appointment", 1)], ignore_edit_window=True
		)
		frappe.set_user(agent)
		try:
			mine = frappe.get_doc(
				{"doctype": "File", "file_name": "mine.txt", "content": b"mine", "is_private": 1}
			).insert()
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()
		attach_to = {"doctype": "Agent Log", "name": other.name, "attachments": json.dumps([mine.name])}
		status, body = self.post_as(agent, attach, attach_to)
		self.assertEqual(status, 403, body)
		self.assertFalse(frappe.get_all("File", filters={"attached_to_name": other.name}))

	def test_an_email_about_a_record_the_user_may_not_read_is_refused_in_words(self):
		"""Left open at stop 37: communication.email.make about another office's log answered Frappe's 403 with
		its check's log (HTML, the user's address) and an English line. Refused in the rule's sentence, in
		Chinese; nothing is sent or stored. A record that does not exist: a 404 naming it."""
		agent = self.org.users.agent_b1
		speaks_chinese(agent)
		other = make_log(
			self.org.agent_a1,
			last_working_day(before=add_days(today(), -13), employee=self.org.agent_a1),
			[("Phone Appointment", 1)],
			ignore_edit_window=True,
		)
		frappe.db.commit()
		e_mail = {"recipients": "x@example.com", "subject": "s", "content": "c", "doctype": "Agent Log"}
		cells = [
			(
				"email.make about another office's log",
				*self.post_as(agent, EMAIL, {**e_mail, "name": other.name}),
			),
			("email.make about no log", *self.post_as(agent, EMAIL, {**e_mail, "name": "AL-NO-SUCH"})),
		]
		self.assertEqual([status for _what, status, _body in cells], [403, 404], cells)
		self.assertNotIn("<", messages(cells[0][2]))
		self.check(cells, "email-about-records")
		self.assertFalse(frappe.get_all("Communication", filters={"reference_name": other.name}))
		frappe.db.delete("Agent Log Activity", {"parent": other.name})
		frappe.db.delete("Agent Log", other.name)
		frappe.db.commit()

	def post_as(self, user: str, path: str, data: dict):
		return rest("post", user, path, json=data)

	def test_a_name_sent_as_a_mapping_is_refused_and_tells_nothing(self):
		"""helper-62, F2 (high): frappe.get_doc(doctype, <mapping>) reads a mapping as filters, and the refusal
		named the record it found ("not found" when none): an agent asked yes or no about any field of another
		office's records (a colleague's callback verdict, whether they logged a day). Every path that reads a
		record's name refuses one that is not a name, before any look-up, and names no record."""
		org = self.org
		speaks_chinese(org.users.agent_a2)
		day = last_working_day(before=add_days(today(), -16), employee=org.agent_b1)
		theirs = make_log(org.agent_b1, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		frappe.db.commit()
		asked = {"agent": org.agent_b1, "log_date": str(day)}
		try:
			cells = []
			for what, verb, path, body in (
				("client.get", "post", "frappe.client.get", {"doctype": "Agent Log", "name": asked}),
				("client.set_value", "post", "frappe.client.set_value",
					{"doctype": "Agent Log", "name": asked, "fieldname": "problems", "value": "x"}),
				("client.cancel", "post", "frappe.client.cancel", {"doctype": "Agent Log", "name": asked}),
				("desk cancel", "post", "frappe.desk.form.save.cancel", {"doctype": "Agent Log", "name": asked}),
				("run_doc_method", "post", "run_doc_method", {"dt": "Agent Log", "dn": asked, "method": "get_onload"}),
				("bulk action", "post", "frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs",
					{"doctype": "Agent Log", "docnames": [asked], "action": "cancel"}),
				("bulk_update", "post", "frappe.client.bulk_update",
					{"docs": json.dumps([{"doctype": "Agent Log", "docname": asked, "problems": "x"}])}),
				# helper-63, F2: the mapping inside JSON text, or in a document sent whole
				("assign_to, JSON text", "post", "frappe.desk.form.assign_to.add_multiple",
					{"doctype": "Agent Log", "name": json.dumps([asked]), "assign_to": json.dumps([org.users.agent_a2])}),
				("workflow transitions", "post", "frappe.model.workflow.get_transitions",
					{"doc": json.dumps({"doctype": "Agent Log", "name": asked})}),
				("run_doc_method, docs", "post", "run_doc_method",
					{"docs": json.dumps({"doctype": "Agent Log", "name": asked}), "method": "get_onload"}),
			):  # fmt: skip
				status, answered = rest(verb, org.users.agent_a2, f"/api/method/{path}", json=body)
				cells.append((what, status, answered))
				with self.subTest(path=what):
					self.assertNotIn(theirs.name, json.dumps(answered, ensure_ascii=False))
			self.check(cells, "record-names")
			self.assertEqual(
				frappe.db.get_value("Agent Log", theirs.name, ["docstatus", "problems"]), (0, None)
			)
			# helper-63, F1: a record found by filters is one the user reads; none: not found, nothing named
			for filters, expected in ((asked, 404), ({"agent": org.agent_b1, "name": "no such log"}, 404)):
				status, answered = rest(
					"post",
					org.users.agent_a2,
					"/api/method/frappe.client.get",
					json={"doctype": "Agent Log", "filters": filters},
				)
				self.assertEqual(status, expected, answered)
				self.assertNotIn(theirs.name, json.dumps(answered, ensure_ascii=False))
			status, answered = rest(
				"post",
				org.users.agent_b1,
				"/api/method/frappe.client.get",
				json={"doctype": "Agent Log", "filters": asked},
			)
			self.assertEqual((status, answered.get("message", {}).get("name")), (200, theirs.name), answered)
		finally:
			frappe.db.delete("Agent Log Activity", {"parent": theirs.name})
			frappe.db.delete("Agent Log", theirs.name)
			frappe.db.commit()

	def test_a_doctype_spelled_in_another_case_is_answered_in_words(self):
		"""helper-64, G3: MariaDB finds "callback check" as the DocType Callback Check, then Frappe's list fails on
		the table of that spelling (a 500); the settings read by filters were a 500 too."""
		agent = self.org.users.agent_a2
		speaks_chinese(agent)
		cells = [
			("resource list", *rest("get", agent, "/api/resource/callback check")),
			(
				"client.get_list",
				*rest("post", agent, "/api/method/frappe.client.get_list", json={"doctype": "agent log"}),
			),
			(
				"reportview.get",
				*rest(
					"post",
					agent,
					"/api/method/frappe.desk.reportview.get",
					json={"doctype": "agent log", "fields": '["name"]'},
				),
			),
			(
				"client.get by filters",
				*rest(
					"post",
					agent,
					"/api/method/frappe.client.get",
					json={"doctype": "insurance activity settings", "filters": {"name": "x"}},
				),
			),
		]
		# helper-65, H5: get_value and a record's own path, and get_value's filters as a list's
		cells += [
			(
				"client.get_value",
				*rest(
					"post",
					agent,
					"/api/method/frappe.client.get_value",
					json={"doctype": "callback check", "fieldname": "name", "filters": "x"},
				),
			),
			("resource record", *rest("get", agent, "/api/resource/callback check/CBC-0")),
			(
				"client.get_value, a qualified column",
				*rest(
					"post",
					agent,
					"/api/method/frappe.client.get_value",
					json={
						"doctype": "Callback Check",
						"fieldname": "name",
						"filters": [["`tabCallback Check`.status", "like", "%x%"]],
					},
				),
			),
		]
		self.check(cells, "doctype-spelling")
		status, body = rest(
			"post",
			agent,
			"/api/method/frappe.client.get",
			json={"doctype": "Insurance Activity Settings", "filters": {"name": "x"}},
		)
		self.assertEqual((status, body["message"]["name"]), (200, "Insurance Activity Settings"))

	def test_a_list_of_a_single_doctype_and_a_bulk_update_without_docs_are_answered_in_words(self):
		"""helper-62, F3: a list of a doctype that is one record (settings) and bulk_update without `docs`
		were 500s."""
		agent = self.org.users.agent_a2
		speaks_chinese(agent)
		cells = [
			(
				"resource list of the settings",
				*rest("get", agent, "/api/resource/Insurance Activity Settings"),
			),
			(
				"get_list of the settings",
				*rest(
					"post",
					agent,
					"/api/method/frappe.client.get_list",
					json={"doctype": "Insurance Activity Settings"},
				),
			),
			(
				"get_list of the playbook, filtered",
				*rest(
					"post",
					agent,
					"/api/method/frappe.client.get_list",
					json={"doctype": "Alert Playbook", "filters": {"name": "Alert Playbook"}},
				),
			),
			(
				"bulk_update without docs",
				*rest("post", agent, "/api/method/frappe.client.bulk_update", json={}),
			),
		]
		self.check(cells, "singles")

	def test_a_cancel_on_any_path_stores_the_record_as_it_was(self):
		"""helper-62, F1 (high): a cancel stored the values and rows sent with it on every path that reads the
		record and then sets the request's values (REST PUT with docstatus 2, bulk_update, the list's bulk
		update, the desk's cancel naming any field as the workflow's): an agent rewrote their log's visit (its
		phone, its count, whether it counts, the row it stands for) as they cancelled it. A cancel changes the
		status only."""
		org, agent = self.org, self.org.users.agent_a2
		lock_days = frappe.db.get_single_value("Insurance Activity Settings", "log_lock_days")
		open_edit_window()
		logs, before = [], today()
		for number in range(4):
			day = last_working_day(before=add_days(before, -30 if not number else 0), employee=org.agent_a2)
			before = day
			logs.append(
				make_log(
					org.agent_a2,
					day,
					[("Sales Interview", 2, None, None, f"1390062000{number}", f"BIF cancel {number}")],
					submit=True,
					ignore_edit_window=True,
				)
			)
		frappe.db.commit()

		def as_stored(name):
			doc = frappe.get_doc("Agent Log", name)
			rows = [(r.name, r.phone, r.activity_count, r.is_invalid, r.claimed_row) for r in doc.activities]
			return doc.problems, doc.valid_activities, rows, doc.owner, str(doc.creation)

		stored = {log.name: as_stored(log.name) for log in logs}
		try:
			rewritten = [
				{**row.as_dict(), "phone": "13999999999", "activity_count": 9, "is_invalid": 1, "claimed_row": "forged"}
				for row in logs[0].activities
			]  # fmt: skip
			rewritten = json.loads(frappe.as_json(rewritten))
			put = f"/api/resource/Agent Log/{logs[0].name}"
			bulk_action = (
				"/api/method/frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs"
			)
			for what, verb, path, body in (
				("REST PUT", "put", put, {"docstatus": 2, "problems": "rewritten", "activities": rewritten,
					"owner": org.users.agent_b1, "creation": "2020-01-01 00:00:00"}),  # helper-63 F3
				("bulk_update", "post", "/api/method/frappe.client.bulk_update", {"docs": json.dumps([
					{"doctype": "Agent Log", "docname": logs[1].name, "docstatus": 2, "problems": "rewritten",
						"activities": [{**row, "name": name} for row, name in zip(rewritten, [r.name for r in logs[1].activities], strict=False)]}])}),
				("desk cancel", "post", "/api/method/frappe.desk.form.save.cancel", {"doctype": "Agent Log",
					"name": logs[2].name, "workflow_state_fieldname": "problems", "workflow_state": "rewritten"}),
				("bulk action", "post", bulk_action, {"doctype": "Agent Log", "docnames": [logs[3].name],
					"action": "update", "data": {"docstatus": 2, "problems": "rewritten"}}),
			):  # fmt: skip
				status, answered = rest(verb, agent, path, json=body)
				self.assertLess(status, 500, (what, answered))
			for log in logs:
				with self.subTest(log=log.name):
					self.assertEqual(frappe.db.get_value("Agent Log", log.name, "docstatus"), 2)
					self.assertEqual(as_stored(log.name), stored[log.name])
		finally:
			set_settings(log_lock_days=lock_days)
			for log in logs:
				frappe.db.delete("Agent Log Activity", {"parent": log.name})
				frappe.db.delete("Agent Log", log.name)
			frappe.db.commit()

	def test_a_refused_record_is_answered_in_the_rules_sentence_on_every_path(self):
		"""helper-62, F4: a read, a delete and a form's method of another office's log over REST were refused
		with Frappe's check's log (HTML, the user's e-mail address, the doctype in English), and an agent's
		delete of their own draft said the same though no role of theirs deletes a log. One sentence each:
		the record is not one they work with, or none of their roles allows the action."""
		org = self.org
		agent = org.users.agent_a2
		speaks_chinese(agent)
		day = last_working_day(before=add_days(today(), -17), employee=org.agent_b1)
		theirs = make_log(org.agent_b1, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		own = make_log(org.agent_a2, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		frappe.db.commit()
		try:
			answers = {
				"read": rest("get", agent, f"/api/resource/Agent Log/{theirs.name}"),
				"delete": rest("delete", agent, f"/api/resource/Agent Log/{theirs.name}"),
				"method": rest(
					"post",
					agent,
					"/api/method/run_doc_method",
					json={"dt": "Agent Log", "dn": theirs.name, "method": "get_onload"},
				),
				"own draft deleted": rest("delete", agent, f"/api/resource/Agent Log/{own.name}"),
			}
			for what, (status, body) in answers.items():
				shown = messages(body)
				with self.subTest(path=what):
					self.assertEqual(status, 403, body)
					self.assertNotIn("<strong>", shown)
					self.assertNotIn(agent, shown)
					# no role of an agent deletes a log: the roles refuse first
					self.assertIn("角色" if "delete" in what else "不在您所经办", shown)
					self.assertNotIn("Agent Log", shown)
			self.assertTrue(frappe.db.exists("Agent Log", own.name))
			self.assertTrue(frappe.db.exists("Agent Log", theirs.name))
		finally:
			for log in (theirs, own):
				frappe.db.delete("Agent Log Activity", {"parent": log.name})
				frappe.db.delete("Agent Log", log.name)
			frappe.db.commit()
