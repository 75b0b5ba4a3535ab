"""Frappe's, ERPNext's and HRMS's methods that name an employee, a party or nothing, as agents call them by REST
(issue 20: every permission on every path).

The inventory of the whitelisted methods naming no doctype (test_whitelisted_inventory) was read method by
method (helper-75, helper-76): HRMS's app read any employee's attendance, advances, shifts, leave types and
approvers by their employee's name; its roster changed any employee's shift; its organisational chart and its
employee picker listed every office's staff with their managers; ERPNext's tax template and stock rate methods
wrote a request's text into their SQL (an agent read a password hash and another office's premiums), and its
ledger balance read a colleague's accrued rewards. Each is refused here as an agent of office A asks about
agent B1 of office B, and answered for the agent's own employee where the method is theirs to call.
"""

import json
import re
from pathlib import Path
from urllib.parse import urlencode

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity.tests.factories import company, make_org, make_user
from insurance_activity.tests.rest import guest_post, rest_download, rest_get, rest_head, rest_post

METHOD = "/api/method/"
TAX_TEMPLATE = "Sales Taxes and Charges Template"
# HRMS's app reads of an employee named (record_actions.OWN_RECORDS): the path and its arguments besides
EMPLOYEE_READS = {
	"hrms.api.get_attendance_calendar_events": {"from_date": "2026-01-01", "to_date": "2026-01-31"},
	"hrms.api.get_employee_advance_balance": {},
	"hrms.api.get_leave_types": {"date": "2026-01-15"},
	"hrms.api.get_shifts": {},
	"hrms.api.get_leave_approval_details": {},
	"hrms.api.get_expense_approval_details": {},
	"hrms.api.get_shift_request_approvers": {},
}


def rest_get_record(user: str, doctype: str, name: str):
	"""GET the record `name` of `doctype` by REST as `user`: (status, body)."""
	return rest_get(user, f"/api/resource/{doctype}/{name}")


class TestUpstreamRecordMethods(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("Urm")
		cls.hr_user = make_user("urm.hr@example.com", "Urm HR", ["HR User"])
		cls.sales_manager = make_user("urm.sales@example.com", "Urm Sales", ["Sales Manager"])

	def test_hrms_reads_of_an_employee_named_are_of_employees_the_user_reads(self):
		"""helper-76 L4, L5, L7-L9 (high and medium): each HRMS read of agent B1 by an agent of office A is
		refused in the rule's sentence (403), and answered for the agent's own employee."""
		agent = self.org.users.agent_a1
		for path, data in EMPLOYEE_READS.items():
			with self.subTest(path=path):
				status, body = rest_post(agent, METHOD + path, {**data, "employee": self.org.agent_b1})
				self.assertEqual(status, 403, body)
				self.assertNotIn(self.org.users.sup_b, json.dumps(body))
				status, body = rest_post(agent, METHOD + path, {**data, "employee": self.org.agent_a1})
				self.assertEqual(status, 200, body)

	def test_hrms_staff_lists_are_of_the_employees_the_user_reads(self):
		"""The employee picker (hrms.api.get_all_employees) lists the employees the agent reads, as frappe.get_list
		does for them, not office B's; the organisational chart and the roster's reads and writes of every
		employee's shifts are for the HR roles (helper-76 L6, L10)."""
		agent = self.org.users.agent_a1
		status, body = rest_post(agent, METHOD + "hrms.api.get_all_employees", {})
		self.assertEqual(status, 200, body)
		listed = {row["name"] for row in body["message"]}
		frappe.set_user(agent)
		try:
			readable = set(frappe.get_list("Employee", pluck="name", limit_page_length=0))
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(listed, readable)
		self.assertIn(self.org.agent_a1, listed)
		self.assertNotIn(self.org.agent_b1, listed)
		chart = "hrms.hr.page.organizational_chart.organizational_chart.get_children"
		for path, data in (
			(chart, {"company": company()}),
			("hrms.api.roster.get_events", {"month_start": "2026-01-01", "month_end": "2026-01-31"}),
			("hrms.api.roster.insert_shift", {"employee": self.org.agent_b1, "company": company(),
				"shift_type": "x", "start_date": "2026-01-01", "end_date": "2026-01-31", "status": "Active"}),
		):  # fmt: skip
			with self.subTest(path=path):
				status, body = rest_post(agent, METHOD + path, data)
				self.assertEqual(status, 403, body)
				self.assertNotIn(self.org.agent_b1, json.dumps(body))
		status, body = rest_post(self.hr_user, METHOD + chart, {"company": company()})
		self.assertEqual(status, 200, body)

	def test_erpnexts_calculators_run_no_sql_sent_and_read_no_other_partys_ledger(self):
		"""helper-76 L1-L3, L11, L13 (high to low): a tax template's `posting_date` and `party_type` and a stock
		rate's `warehouse_condition`, which ERPNext writes into its SQL, are refused in words (417) with nothing
		read; a party of another office is refused (403); the ledger's balances are for those who read the
		ledger; a credit-limit mail goes to the credit controllers only; an `ignore_permissions` sent in the
		request no longer creates an Account."""
		agent = self.org.users.agent_a1
		sql = ") and 0 union select name from `tabUser` -- \\"
		party = {"party_type": "Employee", "party": self.org.agent_a1, "company": company()}
		for path, data, expected in (
			("erpnext.accounts.party.set_taxes", {**party, "posting_date": sql}, 417),
			("erpnext.accounts.party.set_taxes", {**party, "posting_date": "2026-01-01",
				"party_type": "employee) or (select 1"}, 417),
			("erpnext.accounts.party.set_taxes", {**party, "party": self.org.agent_b1, "posting_date": "2026-01-01"}, 403),
			("erpnext.accounts.party.get_due_date", {**party, "party": self.org.agent_b1, "posting_date": "2026-01-01"}, 403),
			("erpnext.accounts.party.get_due_date", {**party, "posting_date": "2026-02-30"}, 417),
			("erpnext.stock.utils.get_incoming_rate", {"args": {"item_code": "x", "qty": 1,
				"warehouse_condition": "0 union select 1"}, "raise_error_if_no_rate": 0}, 417),
			("erpnext.accounts.utils.get_balance_on", {**party, "party": self.org.agent_b1}, 403),
			("erpnext.accounts.dashboard_chart_source.account_balance_timeline.account_balance_timeline.get",
				{"chart": {"timespan": "Last Year", "time_interval": "Monthly", "filters_json": "{}"}, "no_cache": 1}, 403),
			# a customer's credit-limit mail, sent to any address with a subject of the caller's text
			("erpnext.selling.doctype.customer.customer.send_emails", {"args": json.dumps({"customer": "Urm: click here",
				"credit_controller_users_list": ["outsider@example.org"]})}, 403),
		):  # fmt: skip
			with self.subTest(path=path, data=data):
				status, body = rest_post(agent, METHOD + path, data)
				self.assertEqual(status, expected, body)
				self.assertNotIn("@example.com", json.dumps(body))
		self.assertFalse(frappe.db.exists("Email Queue Recipient", {"recipient": "outsider@example.org"}))
		parent = frappe.db.get_value("Account", {"company": company(), "is_group": 1, "root_type": "Asset"})
		before = frappe.db.count("Account")
		status, body = rest_post(agent, METHOD + "erpnext.accounts.utils.add_ac", {
			"account_name": "Urm Probe", "parent_account": parent, "company": company(), "is_group": 0, "is_root": 0,
			"ignore_permissions": 1,
		})  # fmt: skip
		self.assertEqual(status, 403, body)
		self.assertEqual(frappe.db.count("Account"), before)

	def test_frappes_backups_and_settings_calls_are_for_system_managers(self):
		"""Found in the inventory of the methods naming no doctype: Frappe sent a site's backup off to Dropbox,
		Google Drive or S3, reset the search bar's doctypes and called Frappe Cloud for any desk user; each is
		refused with Frappe's sentence (403) to an agent."""
		agent = self.org.users.agent_a1
		for path in (
			"frappe.integrations.doctype.dropbox_settings.dropbox_settings.take_backup",
			"frappe.integrations.doctype.google_drive.google_drive.take_backup",
			"frappe.integrations.doctype.s3_backup_settings.s3_backup_settings.take_backup",
			"frappe.desk.doctype.global_search_settings.global_search_settings.reset_global_search_settings_doctypes",
			"frappe.integrations.frappe_providers.frappecloud_billing.current_site_info",
		):
			with self.subTest(path=path):
				status, body = rest_post(agent, METHOD + path, {})
				self.assertEqual(status, 403, body)
				self.assertIn("System Manager", json.dumps(body))

	def test_frappes_reads_and_writes_for_a_user_named_are_the_session_users(self):
		"""helper-75 (high and medium): another user's private events, user permissions (their Employee and
		their team's), mail accounts, roles and notification settings, read or written by naming the user, are
		refused (403); the user's own are answered."""
		agent, other = self.org.users.agent_a1, self.org.users.sup_b
		for path, data in (
			("frappe.desk.doctype.event.event.get_events", {"start": "2026-01-01", "end": "2026-01-31"}),
			("frappe.core.doctype.user_permission.user_permission.get_user_permissions", {}),
			("frappe.core.doctype.user.user.get_email_awaiting", {}),
			("frappe.desk.doctype.notification_settings.notification_settings.set_seen_value", {"value": 1}),
		):
			with self.subTest(path=path):
				status, body = rest_post(agent, METHOD + path, {**data, "user": other})
				self.assertEqual(status, 403, body)
				self.assertNotIn(self.org.sup_b, json.dumps(body))
				status, body = rest_post(agent, METHOD + path, {**data, "user": agent})
				self.assertEqual(status, 200, body)
		status, body = rest_post(agent, METHOD + "frappe.core.doctype.user.user.get_roles", {"uid": other})
		self.assertEqual(status, 403, body)
		self.assertNotIn("Insurance Supervisor", json.dumps(body))

	def test_a_notification_is_its_users_on_every_path(self):
		"""helper-75: any user read another's Notification Log by its name (Frappe narrows only its list) and
		marked it read. Both refused (403) to another user; its user reads it."""
		log = frappe.get_doc({"doctype": "Notification Log", "for_user": self.org.users.sup_b,
			"subject": "Urm: a note for supervisor B", "type": "Alert"}).insert(ignore_permissions=True)  # fmt: skip
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.delete_doc, "Notification Log", log.name, force=True, ignore_permissions=True)
		agent = self.org.users.agent_a1
		status, body = rest_get_record(agent, "Notification Log", log.name)
		self.assertEqual(status, 403, body)
		self.assertNotIn("supervisor B", json.dumps(body))
		path = "frappe.desk.doctype.notification_log.notification_log.mark_as_read"
		status, body = rest_post(agent, METHOD + path, {"docname": log.name})
		self.assertEqual(status, 403, body)
		self.assertEqual(frappe.db.get_value("Notification Log", log.name, "read"), 0)
		status, body = rest_get_record(self.org.users.sup_b, "Notification Log", log.name)
		self.assertEqual((status, body["data"]["subject"]), (200, "Urm: a note for supervisor B"), body)

	def test_frappes_desk_writes_and_totals_are_for_those_they_are_for(self):
		"""helper-75: a prepared report ran any report for its caller (every lead's mobile to an agent); a
		heatmap added up every Employee (another office's agent's date of birth); a public workspace was taken
		off every sidebar; an onboarding step's title written; public charts and cards created; and ERPNext's
		sales funnel counted every office's leads. Each refused to an agent; a heatmap and the funnel answered
		to those who read every record."""
		agent = self.org.users.agent_a1
		heatmap = {"no_cache": 1, "chart": json.dumps({"type": "Heatmap", "chart_type": "Count",
			"document_type": "Employee", "based_on": "date_of_birth", "heatmap_year": 1990,
			"filters_json": json.dumps([["Employee", "name", "=", self.org.agent_b1]])})}  # fmt: skip
		chart_path = "frappe.desk.doctype.dashboard_chart.dashboard_chart."
		funnel = "erpnext.selling.page.sales_funnel.sales_funnel.get_funnel_data"
		dates = {"from_date": "2026-01-01", "to_date": "2026-12-31", "company": company()}
		step = frappe.db.get_value("Onboarding Step", {}, "name")
		prepared = frappe.db.count("Prepared Report")
		for path, data, expected in (
			("frappe.core.doctype.prepared_report.prepared_report.make_prepared_report",
				{"report_name": "Lead Details", "filters": json.dumps(dates)}, 403),
			(chart_path + "get", heatmap, 403),
			("frappe.desk.doctype.workspace.workspace.update_page", {"name": "Verification",
				"title": "Verification", "icon": "", "indicator_color": "", "parent": "", "public": 0}, 403),
			("frappe.desk.desktop.update_onboarding_step", {"name": step, "field": "title", "value": "x"}, 417),
			(chart_path + "create_dashboard_chart", {"args": json.dumps({"chart_name": "Urm chart",
				"chart_type": "Count", "document_type": "ToDo", "based_on": "creation", "type": "Line",
				"is_public": 1, "filters_json": "[]"})}, 403),
			(funnel, dates, 403),
		):  # fmt: skip
			with self.subTest(path=path):
				status, body = rest_post(agent, METHOD + path, data)
				self.assertEqual(status, expected, body)
		self.assertEqual(frappe.db.count("Prepared Report"), prepared)
		self.assertEqual(frappe.db.get_value("Workspace", "Verification", "public"), 1)
		self.assertFalse(frappe.db.exists("Dashboard Chart", "Urm chart"))
		self.assertNotEqual(frappe.db.get_value("Onboarding Step", step, "title"), "x")
		status, body = rest_post(self.hr_user, METHOD + chart_path + "get", heatmap)
		self.assertEqual(status, 200, body)
		status, body = rest_post(self.sales_manager, METHOD + funnel, dates)
		self.assertEqual(status, 200, body)

	def test_the_same_reads_by_other_methods_and_shapes_are_refused(self):
		"""helper-77 (high and medium): the tax rules' SQL reached through a Lead's and a party's details by
		`posting_date`, the stock ledger's through a stock balance's dimensions, an employee or a lead named by a
		mapping or a list (read as filters: any employee's date of birth), the organisation chart run inside
		HRMS's hierarchy chart, every employee's daily work summaries and whether another agent's customer
		exists; a record found by filters sent as its name to ERPNext's tax and order methods (helper-79): each
		refused in words (417), by role (403) or as missing (404)."""
		agent = self.org.users.agent_a1
		sql = ") and 0 union select name from `tabUser` -- \\"
		chart = "hrms.hr.page.organizational_chart.organizational_chart.get_children"
		for path, data, expected in (
			("erpnext.crm.doctype.lead.lead.get_lead_details", {"lead": "x", "posting_date": sql}, 417),
			("erpnext.accounts.party.get_party_details", {"party": self.org.agent_a1, "party_type": "Employee",
				"company": company(), "posting_date": sql}, 417),
			("erpnext.stock.utils.get_stock_balance", {"item_code": "x", "warehouse": "",
				"inventory_dimensions_dict": {"warehouse_condition": "1=1"}}, 417),
			("hrms.hr.utils.get_employee_field_property", {"employee": {"name": self.org.agent_b1},
				"fieldname": "date_of_birth"}, 417),
			("erpnext.crm.doctype.lead.lead.get_lead_details", {"lead": ["x"]}, 417),
			("hrms.utils.hierarchy_chart.get_all_nodes", {"method": chart, "company": company()}, 403),
			("hrms.utils.hierarchy_chart.get_all_nodes", {"method": "frappe.client.get_list",
				"company": company()}, 417),
			("hrms.hr.page.team_updates.team_updates.get_data", {}, 403),
			# helper-79: a record named by filters through a doctype argument of ERPNext's own name
			("erpnext.controllers.accounts_controller.get_taxes_and_charges", {"master_doctype": "Employee",
				"master_name": self.org.agent_b1}, 417),
			("erpnext.controllers.accounts_controller.get_taxes_and_charges", {"master_doctype": TAX_TEMPLATE,
				"master_name": {"name": self.org.agent_b1, "date_of_birth": [">", "1980-01-01"]}}, 417),
			("erpnext.controllers.accounts_controller.update_child_qty_rate", {"parent_doctype": "Agent Log",
				"trans_items": "[]", "parent_doctype_name": "x"}, 417),
			# HRMS's payments of an employee's claims and advances, in a folder the inventory's first walk missed
			("hrms.overrides.employee_payment_entry.get_reference_details_for_employee", {"reference_doctype":
				"Employee", "reference_name": self.org.agent_b1, "party_account_currency": "CNY"}, 403),
			("erpnext.controllers.subcontracting_controller.make_rm_stock_entry",
				{"subcontract_order": {"name": ["like", "%"]}}, 417),
			("erpnext.accounts.party.get_payment_terms_template", {"party_name": "Urm no such customer",
				"party_type": "Customer", "company": company()}, 404),
		):  # fmt: skip
			with self.subTest(path=path, data=data):
				status, body = rest_post(agent, METHOD + path, data)
				self.assertEqual(status, expected, body)
				self.assertNotIn("@example.com", json.dumps(body))
				self.assertNotIn("1990-01-01", json.dumps(body))
		status, body = rest_post(
			self.hr_user,
			METHOD + "hrms.utils.hierarchy_chart.get_all_nodes",
			{"method": chart, "company": company()},
		)
		self.assertEqual(status, 200, body)

	def test_frappes_records_of_other_users_are_theirs_through_its_other_methods(self):
		"""helper-78 (high to low): a prepared report's rows made the caller's own file, another user's private
		note marked seen and private workspace copied, a Kanban board's order answering whether another user's
		record held a column's value, a reminder of another office's employee (whether it exists), and the
		site's language, every user's tours, the S3 backup and the site's texts set off by any user. Each refused
		to an agent (403, or 404 for a record that is not there), nothing changed."""
		admin, agent, other = "Administrator", self.org.users.agent_a1, self.org.users.sup_b
		report = frappe.get_doc({"doctype": "Prepared Report", "report_name": "Lead Details", "filters": "{}",
			"status": "Completed"})  # fmt: skip
		report.db_insert()  # as stored, without queueing its run
		note = frappe.get_doc({"doctype": "Note", "title": "Urm private note", "public": 0}).insert()
		page = frappe.get_doc({"doctype": "Workspace", "label": f"Urm Private-{other}", "title": "Urm Private",
			"public": 0, "for_user": other, "content": "[]"}).insert(ignore_permissions=True)  # fmt: skip
		todo = frappe.get_doc({"doctype": "ToDo", "description": "Urm: supervisor B's", "allocated_to": other,
			"status": "Open"}).insert(ignore_permissions=True)  # fmt: skip
		board = frappe.get_doc({"doctype": "Kanban Board", "kanban_board_name": "Urm Board",
			"reference_doctype": "ToDo", "field_name": "status",
			"columns": [{"column_name": "Open"}, {"column_name": "Closed"}]}).insert(ignore_permissions=True)  # fmt: skip
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		for doc in (report, note, page, todo, board):
			self.addCleanup(frappe.delete_doc, doc.doctype, doc.name, force=True, ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("ToDo", todo.name, "owner"), admin)
		language = frappe.db.get_default("lang")
		for path, data, expected in (
			("frappe.core.doctype.prepared_report.prepared_report.enqueue_json_to_csv_conversion",
				{"prepared_report_name": report.name}, 403),
			("frappe.core.doctype.prepared_report.prepared_report.enqueue_json_to_csv_conversion",
				{"prepared_report_name": "urm-nothing"}, 404),
			("frappe.desk.doctype.note.note.mark_as_seen", {"note": note.name}, 403),
			("frappe.desk.doctype.workspace.workspace.duplicate_page", {"page_name": page.name,
				"new_page": json.dumps({"title": "Urm Copy", "public": 0, "icon": "", "parent": ""})}, 403),
			("frappe.desk.doctype.kanban_board.kanban_board.update_order", {"board_name": board.name,
				"order": json.dumps({"Open": [todo.name]})}, 403),
			("frappe.automation.doctype.reminder.reminder.create_new_reminder", {"remind_at": "2100-01-01 09:00:00",
				"description": "Urm", "reminder_doctype": "Employee", "reminder_docname": self.org.agent_b1}, 403),
			("frappe.desk.page.setup_wizard.setup_wizard.load_messages", {"language": "de"}, 403),
			("frappe.desk.doctype.form_tour.form_tour.reset_tour", {"tour_name": "x"}, 403),
			("frappe.integrations.doctype.s3_backup_settings.s3_backup_settings.take_backups_s3", {}, 403),
			("frappe.core.doctype.sms_settings.sms_settings.send_sms", {"receiver_list": "[\"13800000000\"]",
				"msg": "Urm"}, 403),
		):  # fmt: skip
			with self.subTest(path=path):
				status, body = rest_post(agent, METHOD + path, data)
				self.assertEqual(status, expected, body)
				self.assertNotIn("Urm: supervisor B's", json.dumps(body))
		self.assertFalse(frappe.db.exists("Note Seen By", {"parent": note.name, "user": agent}))
		self.assertFalse(frappe.db.exists("Workspace", {"title": "Urm Copy"}))
		self.assertFalse(frappe.db.exists("Reminder", {"description": "Urm"}))
		self.assertEqual(frappe.db.get_default("lang"), language)

	def education_rows(self) -> dict:
		"""{school: row name}: an Employee Education row on agent A1's and on agent B1's employee, removed after
		the test."""
		rows = {}
		for employee, school in ((self.org.agent_a1, "Urm School A1"), (self.org.agent_b1, "Urm School B1")):
			doc = frappe.get_doc("Employee", employee)
			doc.append("education", {"school_univ": school, "qualification": "Urm"})
			doc.save(ignore_permissions=True)
			rows[school] = doc.education[-1].name
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Employee Education", {"name": ["in", list(rows.values())]})
		return rows

	def test_a_row_of_another_doctype_read_by_its_name_is_read_with_its_record(self):
		"""helper-83 F2: Frappe v15 asks of a table's row read on its own, by its name, only whether the user's
		roles read the parent's doctype (it passes no record for a row loaded alone): an agent read another
		office's employee's pay line on every path that reads a record. Agent B1's row is refused to agent A1
		(403) on each, and a Link field's check answers it as a missing row (helper-83 F3); their own is read."""
		rows, agent, table = self.education_rows(), self.org.users.agent_a1, "Employee Education"
		theirs, mine = rows["Urm School B1"], rows["Urm School A1"]
		reads = {
			"resource": lambda name: rest_get(agent, f"/api/resource/{table}/{name}"),
			"v2": lambda name: rest_get(agent, f"/api/v2/document/{table}/{name}"),
			"client.get": lambda name: rest_post(agent, METHOD + "frappe.client.get",
				{"doctype": table, "name": name, "parent": "Employee"}),
			"getdoc": lambda name: rest_post(agent, METHOD + "frappe.desk.form.load.getdoc",
				{"doctype": table, "name": name}),
			"print": lambda name: rest_post(agent, METHOD + "frappe.www.printview.get_html_and_style",
				{"doc": table, "name": name}),
		}  # fmt: skip
		for what, read in reads.items():
			with self.subTest(what=what):
				status, body = read(theirs)
				self.assertEqual(status, 403, body)
				self.assertNotIn("Urm School B1", json.dumps(body, ensure_ascii=False))
		for what in ("resource", "v2", "client.get"):
			with self.subTest(what=what, row="their own"):
				status, body = reads[what](mine)
				self.assertEqual(status, 200, body)
				self.assertIn("Urm School A1", json.dumps(body, ensure_ascii=False))
		# a HEAD is answered by the GET's handler (helper-85 F3), and a printout's page on any spelling of its
		# path, or by mail or several at once, is made by Frappe's printview (F1, F2)
		self.assertEqual(rest_head(agent, f"/api/resource/{table}/{theirs}"), 403)
		self.assertEqual(rest_head(agent, f"/api/resource/{table}/{mine}"), 200)
		for page in ("/printview", "/printview.html"):
			with self.subTest(page=page):
				status, body = rest_download(
					agent, page + "?" + urlencode({"doctype": table, "name": theirs})
				)
				self.assertNotIn("Urm School B1", body.decode())
				status, body = rest_download(agent, page + "?" + urlencode({"doctype": table, "name": mine}))
				self.assertIn("Urm School A1", body.decode())
		# frappe.get_print makes a mail's printout and several records' PDF (which skips a record it cannot
		# print): the row's record is asked there too
		frappe.set_user(agent)
		try:
			with self.assertRaises(frappe.PermissionError):
				frappe.get_print(table, theirs)
			self.assertIn("Urm School A1", frappe.get_print(table, mine))
		finally:
			frappe.set_user("Administrator")
		answers = [
			rest_post(agent, METHOD + "frappe.client.validate_link", {"doctype": table, "docname": name})
			for name in (theirs, "urmnosuchrow")
		]
		self.assertEqual(*[(status, body.get("exc_type"), body.get("message")) for status, body in answers])

	def test_a_table_of_another_doctype_lists_the_rows_of_the_records_the_user_reads(self):
		"""helper-80 F1 (high): Frappe checks only that the user's roles read a table's parent doctype, so an
		agent listed every employee's table rows (every Salary Slip's pay lines, every Expense Claim's lines).
		Rows of another office's employee are not listed; the agent's own are."""
		self.education_rows()
		agent, plain = (
			self.org.users.agent_a1,
			make_user("urm.plain@example.com", "Urm Plain", ["Newsletter Manager"]),
		)
		# a user whose roles do not read Employee, with one employee shared: that one's rows (helper-81 F4)
		frappe.share.add_docshare(
			"Employee", self.org.agent_a1, plain, read=1, flags={"ignore_share_permission": True}
		)
		frappe.db.commit()
		self.addCleanup(frappe.share.remove, "Employee", self.org.agent_a1, plain)
		status, body = rest_post(plain, METHOD + "frappe.client.get_list", {"doctype": "Employee Education",
			"parent": "Employee", "fields": ["school_univ"], "filters": {"qualification": "Urm"}})  # fmt: skip
		self.assertNotIn("Urm School B1", json.dumps(body, ensure_ascii=False))
		for path, data in (
			("frappe.client.get_list", {"doctype": "Employee Education", "parent": "Employee",
				"fields": ["school_univ", "parent"], "filters": {"qualification": "Urm"}}),
			("frappe.desk.reportview.get", {"doctype": "Employee Education", "parent_doctype": "Employee",
				"fields": ["`tabEmployee Education`.`school_univ`"], "filters": {"qualification": "Urm"}}),
		):  # fmt: skip
			with self.subTest(path=path):
				status, body = rest_post(agent, METHOD + path, data)
				self.assertEqual(status, 200, body)
				self.assertIn("Urm School A1", json.dumps(body, ensure_ascii=False))
				self.assertNotIn("Urm School B1", json.dumps(body, ensure_ascii=False))

	def test_a_link_search_ignoring_user_permissions_shows_no_more_than_a_link_field_needs(self):
		"""helper-80 F2 (high): a link search sent `ignore_user_permissions` ran with every permission ignored,
		for any doctype the user's roles read, and showed any column through `filter_fields` (any employee's
		date of birth and pay, another office's policies). It is let through for a Link field that ignores user
		permissions only, with the doctype's title and search fields shown and filters on its structure; a
		supervisor still picks their direct reports."""
		agent, search = self.org.users.agent_a1, METHOD + "frappe.desk.search.search_link"
		base = {
			"doctype": "Employee",
			"txt": "Urm",
			"reference_doctype": "Agent Log",
			"ignore_user_permissions": 1,
		}
		for data in (
			{**base, "filter_fields": json.dumps(["date_of_birth"])},
			{**base, "filters": json.dumps({"date_of_birth": [">", "1980-01-01"]})},
			# the search field's values are returned too (helper-81 F1), and a choice is an oracle (F3)
			{**base, "searchfield": "date_of_birth"},
			{**base, "filters": json.dumps({"marital_status": "Single"})},
			# any other Link field answered yes or no about another office's agent (helper-82)
			{**base, "filters": json.dumps({"name": self.org.agent_b1, "gender": "Female"})},
			{**base, "filters": json.dumps({"name": self.org.agent_b1, "ia_productivity_tier": "2"})},
			{**base, "page_length": 500},
			# nor a paged directory of every employee (helper-82): a picker starts at its first pages
			{**base, "page_length": 50, "start": 500},
		):
			with self.subTest(data=data):
				status, body = rest_post(agent, search, data)
				self.assertEqual(status, 417, body)
				self.assertNotIn("1990-01-01", json.dumps(body))
		# a form with no such field, or not the app's (an Employee's own `reports_to`, a record's `amended_from`:
		# every employee, every leave and pay slip listed, helper-81 F2): the flag is dropped, the search lists
		# what the agent reads
		for reference in ("ToDo", "Employee"):
			status, body = rest_post(agent, search, {**base, "reference_doctype": reference})
			self.assertEqual(status, 200, body)
			self.assertNotIn(self.org.agent_b1, json.dumps(body))
		# what it is for: a supervisor's direct reports on their log's coaching report
		status, body = rest_post(self.org.users.sup_a, search, {**base, "txt": "", "start": 0,
			"filters": json.dumps({"reports_to": self.org.sup_a, "status": "Active"})})  # fmt: skip
		self.assertEqual(status, 200, body)
		found = {row["value"] for row in body["message"]}
		self.assertLessEqual({self.org.agent_a1, self.org.agent_a2}, found)
		self.assertNotIn(self.org.agent_b1, found)
		# and a meeting's office, picked among the offices (its form filters by the unit level)
		status, body = rest_post(self.org.users.manager_a, search, {"doctype": "Department", "txt": "Urm Office A",
			"reference_doctype": "Meeting Session", "ignore_user_permissions": 1,
			"filters": json.dumps({"ia_unit_level": "Office"})})  # fmt: skip
		self.assertEqual(status, 200, body)
		self.assertIn(self.org.office_a, {row["value"] for row in body["message"]})

	def test_a_list_method_sent_an_argument_it_does_not_take_answers_in_words(self):
		"""Frappe's report view list methods hand every argument on to DatabaseQuery.execute: one it does not take
		(`parent` for `parent_doctype`, a `report_name` to export, `run` to a count, an aggregate without a
		group-by) was a TypeError, a 500 with its traceback. Each is refused in words (417) naming the argument;
		what the desk's list, report view and count send still answers."""
		agent, fields = self.org.users.agent_a1, json.dumps(["name"])
		for path, data, argument in (
			("get", {"doctype": "Agent Log", "fields": fields, "parent": "Agent Log"}, "parent"),
			("get_list", {"doctype": "ToDo", "fields": fields, "applied_filters": "[]"}, "applied_filters"),
			("get_count", {"doctype": "Agent Log", "run": 1}, "run"),
			("get_count", {"doctype": "Agent Log", "as_list": 1}, "as_list"),
			("get", {"doctype": "Agent Log", "fields": fields, "pluck": "name"}, "pluck"),
			("export_query", {"doctype": "Agent Log", "fields": fields, "file_format_type": "CSV",
				"report_name": "Agent Log"}, "report_name"),
			("get", {"doctype": "Agent Log", "fields": fields, "aggregate_function": "count"}, "aggregate_function"),
		):  # fmt: skip
			with self.subTest(path=path, argument=argument):
				status, body = rest_post(agent, METHOD + "frappe.desk.reportview." + path, data)
				self.assertEqual(status, 417, body)
				self.assertIn(argument, json.dumps(body))
				self.assertEqual(body.get("exc_type"), "ValidationError", body)
		log = "`tabAgent Log`.`docstatus`"
		for path, data in (
			("get", {"doctype": "Agent Log", "fields": fields, "start": 0, "page_length": 20, "view": "List",
				"with_comment_count": 1, "order_by": "`tabAgent Log`.`modified` desc"}),
			("get", {"doctype": "Agent Log", "fields": json.dumps([log]), "group_by": log,
				"aggregate_function": "count", "aggregate_on_field": "name", "aggregate_on_doctype": "Agent Log",
				"order_by": "_aggregate_column desc", "with_comment_count": 0}),
			("get_count", {"doctype": "Agent Log", "filters": "[]", "distinct": "false", "limit": 1000}),
		):  # fmt: skip
			with self.subTest(path=path, answered=True):
				status, body = rest_post(agent, METHOD + "frappe.desk.reportview." + path, data)
				self.assertEqual(status, 200, body)

	def test_each_picker_that_ignores_user_permissions_filters_only_by_what_the_flag_lets_through(self):
		"""FLAG_FILTERS is data kept beside the forms: a link search that ignores user permissions may filter
		only by the target's shown fields and FLAG_FILTERS, else it is refused (417). Each `set_query` of such a
		field in the app's form scripts is read here, and its filters must be among those: a picker the flag
		refuses on its own form is the drift this guards (the offices' pickers were so refused, helper-82)."""
		from insurance_activity.api.request_shapes import flag_filters, ruled_or_app

		flagged = {
			(row.parent, row.fieldname): row.options
			for row in frappe.get_all("DocField", {"fieldtype": "Link", "ignore_user_permissions": 1},
				["parent", "fieldname", "options"])
		}  # fmt: skip
		seen = []
		for script in Path(frappe.get_app_path("insurance_activity")).rglob("doctype/*/*.js"):
			if script.stem != script.parent.name:  # a list view's script (`_list.js`), not the form's
				continue
			form = json.loads(script.with_suffix(".json").read_text())["name"]
			text = script.read_text()
			for found in SET_QUERY.finditer(text):
				field, table = found.group(1), found.group(2)
				doctype = frappe.get_meta(form).get_field(table).options if table else form
				target = flagged.get((doctype, field))
				if not target or ruled_or_app(target):
					continue
				paren = found.start() + len("set_query")
				callback = text[found.end() : paren + len(balanced(text, paren)) - 1]
				if IDENTIFIER.fullmatch(
					callback.strip()
				):  # a named picker: `const direct_reports = () => ...`
					callback = text[text.index(f"const {callback.strip()} =") :].split(";\n", 1)[0]
				keys = filter_keys(callback)
				with self.subTest(form=form, field=field, keys=keys):
					self.assertLessEqual(keys, flag_filters(target))
				seen.append((form, field))
		# the supervisor's direct reports (twice), the offices of a meeting, a campaign and a contest
		self.assertGreaterEqual(len(seen), 5, seen)

	def test_an_upload_runs_only_a_method_that_takes_the_upload(self):
		"""helper-84 F1 (high): frappe.handler.upload_file's `method` ran any whitelisted method, with no
		arguments, past every check of the app and its overrides: an agent listed every office's employees
		through HRMS's picker and read another user's roles. Refused in words (417) on both paths; nothing
		listed."""
		agent = self.org.users.agent_a1
		for path in ("upload_file", "frappe.handler.upload_file"):
			for data in (
				{"method": "hrms.api.get_all_employees"},
				{"method": "frappe.core.doctype.user.user.get_roles", "uid": self.org.users.sup_b},
				{"method": "frappe.desk.reportview.get_count", "doctype": "Agent Log"},
				{"method": "frappe.handler.upload_file"},  # itself, until the stack ran out (helper-85 F5)
			):
				with self.subTest(path=path, method=data["method"]):
					status, body = rest_post(agent, METHOD + path, data)
					self.assertEqual(status, 417, body)
					self.assertNotIn(self.org.agent_b1, json.dumps(body))
					self.assertNotIn("Sales User", json.dumps(body))

	def test_erpnexts_guest_forms_make_nothing_for_a_guest_or_an_agent(self):
		"""helper-84 F2, F3 (high): ERPNext's website contact form made a Lead, a Contact and an Opportunity for
		a guest (on an existing Lead of any office with the e-mail sent, its status changed), and its
		appointment booking an Appointment and an Event, with booking off, naming the Lead or Customer with the
		e-mail. The branch keeps neither: refused (403) to a guest and to an agent, nothing made."""
		counts = {doctype: frappe.db.count(doctype) for doctype in ("Lead", "Opportunity", "Appointment")}
		message = {"sender": "urm.guest@example.invalid", "message": "Urm", "subject": "Urm"}
		booking = {"date": "2026-01-05", "time": "10:00", "tz": "Asia/Shanghai",
			"contact": json.dumps({"customer_email": "urm.guest@example.invalid", "customer_name": "Urm"})}  # fmt: skip
		for path, data in (
			("frappe.www.contact.send_message", message),
			("erpnext.templates.utils.send_message", message),
			("erpnext.www.book_appointment.index.create_appointment", booking),
		):
			for who, post in (
				("guest", lambda path, data: guest_post(METHOD + path, data)),
				("agent", lambda path, data: rest_post(self.org.users.agent_a1, METHOD + path, data)),
			):
				with self.subTest(path=path, who=who):
					status, body = post(path, data)
					self.assertEqual(status, 403, body)
		frappe.db.rollback()
		self.assertEqual(counts, {doctype: frappe.db.count(doctype) for doctype in counts})

	def test_a_web_forms_record_is_read_by_the_rule_not_by_its_owner(self):
		"""helper-84 F4 (high): a web form's get_form_data answered its owner any record they made, whole,
		whatever the rule said after (a Lead an agent made, then moved to a colleague of another office). Now
		the rule is asked of the record named: agent A1 is refused (403) a Lead they made that is now agent
		B1's."""
		from insurance_activity.tests.integration.test_permissions import make_lead

		lead = make_lead("Urm Moved Lead", "13800009876", self.org.users.agent_b1)
		frappe.db.set_value("Lead", lead, "owner", self.org.users.agent_a1)  # made by A1, now B1's
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.delete_doc, "Lead", lead, force=True, ignore_permissions=True)
		path = METHOD + "frappe.website.doctype.web_form.web_form.get_form_data"
		# a web form of another doctype, which does not apply the record's permissions (Frappe's own "issues")
		form = {"doctype": "Lead", "docname": lead, "web_form_name": "issues"}
		self.assertEqual(frappe.db.get_value("Web Form", "issues", "apply_document_permissions"), 0)
		status, body = rest_post(self.org.users.agent_a1, path, form)
		self.assertEqual(status, 403, body)
		self.assertNotIn("Urm Moved Lead", json.dumps(body))


SET_QUERY = re.compile(r'set_query\(\s*"(\w+)"\s*,\s*(?:"(\w+)"\s*,\s*)?')
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def balanced(text: str, start: int) -> str:
	"""The bracketed text of `text` opening at `start` (its "(", "{" or "["), brackets included."""
	depth = 0
	for end in range(start, len(text)):
		depth += (text[end] in "({[") - (text[end] in ")}]")
		if depth == 0:
			return text[start : end + 1]
	return text[start:]


def filter_keys(callback: str) -> set[str]:
	"""The keys of the `filters: {...}` object a set_query callback returns (set() without one)."""
	at = callback.find("filters:")
	if at < 0:
		return set()
	body = balanced(callback, callback.index("{", at))[1:-1]
	keys, depth = set(), 0
	for part in re.split(r"([,(){}\[\]])", body):
		if part in "({[" and part:
			depth += 1
		elif part in ")}]" and part:
			depth -= 1
		elif depth == 0 and ":" in part:
			keys.add(part.split(":", 1)[0].strip().strip("\"'"))
	return keys
