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

from insurance_activity.controllers.typed_input import app_modules
from insurance_activity.tests.artifacts import write_table
from insurance_activity.tests.factories import make_org
from insurance_activity.tests.integration.test_agent_log_screens import speaks_chinese
from insurance_activity.tests.integration.test_bad_input_corpus import CJK, hide_tracebacks
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
		runs = frappe.db.count("Callback Sampling Run")
		for day in ("0000-00-00", "1", "12/03/2026"):
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
