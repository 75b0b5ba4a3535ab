"""Policies from the core system on a real site: the sample file through frappe's Data Import and through
the bulk Policy Load store the good rows and report each bad one; REST refuses a bad policy with every
problem named and stores nothing; customers are matched or created once."""

import json
import os

import frappe
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client
from frappe.utils.background_jobs import get_job

from insurance_activity.api.policies import load_policies
from insurance_activity.production.policy_loader import run_policy_load
from insurance_activity.tests.production_factories import (
	make_policy,
	make_product,
	make_production_org,
	month_before,
)
from insurance_activity.tests.rest import api_credentials

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "production", "sample", "policies_sample.csv")
GOOD_SAMPLE_ROWS = ["0001", "0002", "0003", "0004", "0005"]
SAMPLE_ERRORS = [
	"Unknown agent IA-9999: no Employee has this ID or Employee Number.",
	"Policy number {prefix}-0001 already exists.",
	"The annual premium cannot be negative (-500).",
	"Unknown product XX-999: no Item has this Item Code.",
	"The customer name is missing.",
]


def sample_content(prefix: str = "P-SAMPLE") -> str:
	with open(SAMPLE, encoding="utf-8") as f:
		return f.read().replace("P-SAMPLE", prefix)


def save_file(name: str, content: str) -> str:
	file = frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": 1})
	file.insert(ignore_permissions=True)
	return file.file_url


def rest_post(user: str, path: str, data: dict):
	"""POST `path` as `user` (token auth) with a JSON body; returns (status code, parsed JSON body)."""
	key, secret = api_credentials(user)
	response = make_request(
		target=get_test_client().post,
		args=(path,),
		kwargs={
			"data": json.dumps(data),
			"content_type": "application/json",
			"headers": {"Authorization": f"token {key}:{secret}"},
		},
		site=frappe.local.site,
	)
	return response.status_code, response.json


def log_text(messages: str) -> str:
	"""The text of a Data Import Log's messages (each a dict, or a JSON string of one)."""
	parts = []
	for message in json.loads(messages or "[]"):
		message = json.loads(message) if isinstance(message, str) else message
		parts.append(message.get("message", ""))
	return " ".join(parts)


def sample_org(prefix: str):
	"""The sample file's agents (Employee Numbers IA-1001..1003) and products (WL20, CI30, AN10)."""
	org = make_production_org(prefix)
	for employee, number in ((org.agent_a1, "IA-1001"), (org.agent_a2, "IA-1002"), (org.agent_b1, "IA-1003")):
		frappe.db.set_value("Employee", employee, "employee_number", number)
	for code, name in (
		("WL20", "Whole Life 20-Pay"),
		("CI30", "Critical Illness 30"),
		("AN10", "Annuity 10"),
	):
		make_product(code, name)
	frappe.db.commit()
	return org


class TestSampleFileImport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = sample_org("Pol")

	def test_sample_file_through_data_import_stores_good_rows_and_reports_each_bad_row(self):
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Insurance Policy",
				"import_type": "Insert New Records",
				"import_file": save_file("policies_sample.csv", sample_content("P-DI")),
			}
		).insert()
		data_import.start_import()  # runs at once in tests

		stored = frappe.get_all("Insurance Policy", filters={"name": ("like", "P-DI-%")}, pluck="name")
		self.assertEqual(sorted(stored), [f"P-DI-{n}" for n in GOOD_SAMPLE_ROWS])
		self.assertEqual(frappe.db.get_value("Data Import", data_import.name, "status"), "Partial Success")

		failures = frappe.get_all(
			"Data Import Log",
			filters={"data_import": data_import.name, "success": 0},
			fields=["row_indexes", "messages"],
			order_by="log_index",
		)
		self.assertEqual(len(failures), 5, "one log entry per bad row")
		reported = [log_text(f.messages) for f in failures]
		for message, expected in zip(reported, SAMPLE_ERRORS, strict=True):
			self.assertIn(expected.format(prefix="P-DI"), message)

		first = frappe.get_doc("Insurance Policy", "P-DI-0001")
		self.assertEqual(
			(first.agent, first.product, first.office), (self.org.agent_a1, "WL20", self.org.office_a)
		)
		self.assertEqual(
			frappe.db.get_value("Insurance Policy", "P-DI-0005", "customer"),
			first.customer,
			"the second policy of Zhang Wei links the same Customer",
		)

	def test_sample_file_through_the_bulk_loader_stores_good_rows_and_lists_each_bad_row(self):
		result = load_policies(file_url=save_file("policies_bulk.csv", sample_content("P-BULK")))
		load = frappe.get_doc("Policy Load", result["load"])

		self.assertEqual(load.status, "Completed with Errors")
		self.assertEqual((load.total_rows, load.stored_rows, load.bad_rows), (10, 5, 5))
		self.assertEqual([e.row_number for e in load.errors], [7, 8, 9, 10, 11])
		for error, expected in zip(load.errors, SAMPLE_ERRORS, strict=True):
			self.assertIn(expected.format(prefix="P-BULK"), error.errors)
		stored = frappe.get_all(
			"Insurance Policy",
			filters={"name": ("like", "P-BULK-%")},
			fields=[
				"name",
				"agent",
				"agent_name",
				"office",
				"customer",
				"product",
				"product_name",
				"policy_load",
			],
			order_by="name",
		)
		self.assertEqual([p.name for p in stored], [f"P-BULK-{n}" for n in GOOD_SAMPLE_ROWS])
		self.assertEqual(
			(stored[2].agent, stored[2].office, stored[2].product_name, stored[2].policy_load),
			(self.org.agent_a2, self.org.office_a, "Annuity 10", load.name),
		)
		self.assertTrue(all(p.customer for p in stored))
		self.assertEqual(stored[0].customer, stored[4].customer, "one Customer for Zhang Wei")
		self.assertIn("2026-10", load.months_recomputed, "the sample's month is recomputed after the load")

	def test_loading_the_same_file_again_stores_nothing_and_reports_every_row(self):
		content = sample_content("P-AGAIN")
		load_policies(file_url=save_file("policies_again.csv", content))
		before = frappe.db.count("Insurance Policy")
		again = frappe.get_doc(
			"Policy Load", load_policies(file_url=save_file("again2.csv", content))["load"]
		)
		self.assertEqual(frappe.db.count("Insurance Policy"), before)
		self.assertEqual((again.stored_rows, again.bad_rows), (0, 10))
		self.assertIn("P-AGAIN-0003 already exists", again.errors[2].errors)

	def test_a_file_without_a_required_column_fails_the_load_and_stores_nothing(self):
		content = "Policy Number,Agent Code\nP-NOCOL-1,IA-1001\n"
		load = frappe.get_doc("Policy Load", load_policies(file_url=save_file("nocol.csv", content))["load"])
		self.assertEqual(load.status, "Failed")
		self.assertIn("The file has no column for", load.failure)
		self.assertFalse(frappe.db.exists("Insurance Policy", "P-NOCOL-1"))


class TestPolicyByRest(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_production_org("Pol")
		make_product("REST-CI", "Critical Illness")
		frappe.db.set_value("Employee", cls.org.sup_a, "employee_number", "PR-0001")
		frappe.db.commit()
		cls.day = month_before(1)

	def test_rest_insert_links_the_agent_by_employee_number_and_creates_the_customer_once(self):
		row = {
			"policy_no": "PR-REST-1",
			"agent_code": "PR-0001",
			"customer_name": "Qian Duoduo",
			"product_code": "REST-CI",
			"payment_mode": "Regular",
			"annual_premium": 9000,
			"fyc": 2700,
			"issue_date": str(self.day),
			"status": "In Force",
		}
		status, body = rest_post("Administrator", "/api/resource/Insurance Policy", row)
		self.assertEqual(status, 200, body)
		self.assertEqual((body["data"]["agent"], body["data"]["office"]), (self.org.sup_a, self.org.office_a))
		status, body = rest_post(
			"Administrator", "/api/resource/Insurance Policy", {**row, "policy_no": "PR-REST-2"}
		)
		self.assertEqual(status, 200, body)
		customers = frappe.get_all("Customer", filters={"customer_name": "Qian Duoduo"}, pluck="name")
		self.assertEqual(len(customers), 1)
		self.assertEqual(body["data"]["customer"], customers[0])

	def test_rest_insert_of_a_bad_policy_names_every_problem_and_stores_nothing(self):
		row = {
			"policy_no": "PR-REST-BAD",
			"agent_code": "NO-SUCH-AGENT",
			"customer_name": "Sun Bad",
			"product_code": "NO-SUCH-PRODUCT",
			"payment_mode": "Regular",
			"annual_premium": -1,
			"fyc": 10,
			"issue_date": str(self.day),
			"status": "In Force",
		}
		customers_before = frappe.db.count("Customer")
		status, body = rest_post("Administrator", "/api/resource/Insurance Policy", row)
		self.assertEqual(status, 417)
		message = json.dumps(body, ensure_ascii=False)
		self.assertIn("Unknown agent NO-SUCH-AGENT", message)
		self.assertIn("Unknown product NO-SUCH-PRODUCT", message)
		self.assertIn("cannot be negative (-1)", message)
		self.assertFalse(frappe.db.exists("Insurance Policy", "PR-REST-BAD"))
		self.assertEqual(frappe.db.count("Customer"), customers_before, "no customer half-created")

	def test_rest_bulk_load_of_rows_stores_the_good_ones_and_lists_the_bad_ones(self):
		good = {
			"policy_no": "PR-ROWS-1",
			"agent_code": self.org.agent_b1,
			"customer_name": "Zhou Rows",
			"product_code": "REST-CI",
			"payment_mode": "Single",
			"annual_premium": 30000,
			"fyc": 900,
			"issue_date": str(self.day),
			"status": "In Force",
		}
		bad = {**good, "policy_no": "PR-ROWS-2", "payment_mode": "Monthly", "status": "Gone"}
		status, body = rest_post(
			"Administrator",
			"/api/method/insurance_activity.api.policies.load_policies",
			{"rows": [good, bad]},
		)
		self.assertEqual(status, 200, body)
		self.assertEqual(body["message"]["status"], "Queued", "a REST load runs as a background job")
		name = body["message"]["load"]
		get_job(f"policy_load::{name}").delete()  # no worker in tests: run the job here
		run_policy_load(name)
		load = frappe.get_doc("Policy Load", name)
		self.assertEqual((load.status, load.stored_rows, load.bad_rows), ("Completed with Errors", 1, 1))
		self.assertIn("Payment mode Monthly is not one of: Regular, Single.", load.errors[0].errors)
		self.assertIn("Status Gone is not one of", load.errors[0].errors)
		self.assertTrue(frappe.db.exists("Insurance Policy", "PR-ROWS-1"))

	def test_an_agent_cannot_load_policies(self):
		status, _ = rest_post(
			self.org.users.agent_a1,
			"/api/method/insurance_activity.api.policies.load_policies",
			{"rows": [{"policy_no": "PR-AGENT-1"}]},
		)
		self.assertEqual(status, 403)

	def test_a_changed_status_is_checked_like_a_new_policy(self):
		policy = make_policy("PR-UPD-1", self.org.agent_a2, self.day, product="REST-CI")
		policy.status = "Lapsed"
		policy.save()
		policy.annual_premium = -5
		self.assertRaisesRegex(frappe.ValidationError, "cannot be negative", policy.save)
