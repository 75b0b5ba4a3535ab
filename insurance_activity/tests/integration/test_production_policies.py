"""Policies from the core system on a real site: the sample file through frappe's Data Import and through
the bulk Policy Load store the good rows and report each bad one; REST refuses a bad policy with every
problem named and stores nothing; customers are matched or created once. Every path reads amounts and
dates with the rules core's reader (exactly, or refused with the reason); Data Import matches English and
Chinese headers in either order."""

import json
import os
import tempfile
from datetime import date

import frappe
from frappe import _
from frappe.core.doctype.data_import.data_import import import_file
from frappe.core.doctype.data_import.exporter import Exporter
from frappe.core.doctype.data_import.importer import build_fields_dict_for_column_matching
from frappe.tests.utils import FrappeTestCase
from frappe.utils.background_jobs import get_job

from insurance_activity.api.policies import load_policies
from insurance_activity.production.policy_columns import (
	DATA_IMPORT_JOB,
	IMPORT_HEADER_CACHE,
	on_data_import_job,
	session_language,
)
from insurance_activity.production.policy_loader import run_policy_load
from insurance_activity.production.policy_service import TEMPLATE_FIELDS
from insurance_activity.settings import get_settings
from insurance_activity.tests.production_factories import (
	SETTINGS,
	make_policy,
	make_product,
	make_production_org,
	month_before,
	production_settings,
)
from insurance_activity.tests.rest import rest_post

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "production", "sample", "policies_sample.csv")
GOOD_SAMPLE_ROWS = ["0001", "0002", "0003", "0004", "0005"]
SAMPLE_ERRORS = [
	"Unknown agent IA-9999: no Employee has this ID or Employee Number.",
	"Policy number {prefix}-0001 already exists.",
	"The annual premium cannot be negative (-500).",
	"Unknown product XX-999: no Item has this Item Code.",
	"The customer name is missing.",
	"The annual premium 1.200,50 is not read: its commas or points could mean another amount.",
	"The first-year commission (FYC) 12,5 is not read: its commas or points could mean another amount.",
	"The annual premium 1e308 is not a number in a form the import reads",
	"The annual premium 20,000,000 is above the largest amount accepted on a policy (10,000,000,",
	"The issue date 2099-12-31 is in the future",
	"The issue date 10/05/2026 is not a date in a form the import reads",
]
# The good rows as the sample writes them ("12,000.00", "￥8000", "2026年10月20日", full-width digits,
# "5000元", "20261028"), as stored: (annual premium, FYC, issue date).
SAMPLE_VALUES = {
	"0001": (12000, 3600, date(2026, 10, 8)),
	"0002": (8000, 2400.5, date(2026, 10, 15)),
	"0003": (50000, 1000, date(2026, 10, 20)),
	"0004": (6000, 1800, date(2026, 10, 22)),
	"0005": (5000, 1500, date(2026, 10, 28)),
}


def sample_content(prefix: str = "P-SAMPLE") -> str:
	with open(SAMPLE, encoding="utf-8") as f:
		return f.read().replace("P-SAMPLE", prefix)


def save_file(name: str, content: str) -> str:
	file = frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": 1})
	file.insert(ignore_permissions=True)
	return file.file_url


def log_text(messages: str) -> str:
	"""The text of a Data Import Log's messages (each a dict, or a JSON string of one)."""
	parts = []
	for message in json.loads(messages or "[]"):
		message = json.loads(message) if isinstance(message, str) else message
		parts.append(message.get("message", ""))
	return " ".join(parts)


def assert_sample_values(test, prefix: str):
	"""The sample's good rows are stored with the amounts and dates the file wrote, whatever the form."""
	for number, expected in SAMPLE_VALUES.items():
		stored = frappe.db.get_value(
			"Insurance Policy", f"{prefix}-{number}", ["annual_premium", "fyc", "issue_date"]
		)
		test.assertEqual(tuple(stored), expected, f"{prefix}-{number}")


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
		self.assertEqual(len(failures), len(SAMPLE_ERRORS), "one log entry per bad row")
		reported = [log_text(f.messages) for f in failures]
		for message, expected in zip(reported, SAMPLE_ERRORS, strict=True):
			self.assertIn(expected.format(prefix="P-DI"), message)

		assert_sample_values(self, "P-DI")
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
		self.assertEqual((load.total_rows, load.stored_rows, load.bad_rows), (16, 5, 11))
		self.assertEqual([e.row_number for e in load.errors], list(range(7, 18)))
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
		assert_sample_values(self, "P-BULK")

	def test_loading_the_same_file_again_stores_nothing_and_reports_every_row(self):
		content = sample_content("P-AGAIN")
		load_policies(file_url=save_file("policies_again.csv", content))
		before = frappe.db.count("Insurance Policy")
		again = frappe.get_doc(
			"Policy Load", load_policies(file_url=save_file("again2.csv", content))["load"]
		)
		self.assertEqual(frappe.db.count("Insurance Policy"), before)
		self.assertEqual((again.stored_rows, again.bad_rows), (0, 16))
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

	def test_a_load_of_a_file_that_was_never_uploaded_is_refused_and_nothing_stored(self):
		loads = frappe.db.count("Policy Load")
		for file_url in ("/private/files/pol-never-uploaded.csv", "/private/files/../../site_config.csv"):
			with self.subTest(file_url=file_url):
				status, body = rest_post(
					"Administrator",
					"/api/method/insurance_activity.api.policies.load_policies",
					{"file_url": file_url},
				)
				self.assertEqual(status, 417, body)
				self.assertIn("upload the policy file first", str(body))
				frappe.db.rollback()
				self.assertEqual(frappe.db.count("Policy Load"), loads)

	def test_a_changed_status_is_checked_like_a_new_policy(self):
		policy = make_policy("PR-UPD-1", self.org.agent_a2, self.day, product="REST-CI")
		policy.status = "Lapsed"
		policy.save()
		policy.annual_premium = -5
		self.assertRaisesRegex(frappe.ValidationError, "cannot be negative", policy.save)


# --- Numbers and dates on every path -----------------------------------------------------------------------


def policy_row(policy_no: str, **overrides) -> dict:
	"""A good row of the sample's agents and products (sample_org), keyed by the template's fieldnames."""
	return {
		"policy_no": policy_no,
		"agent_code": "IA-1001",
		"customer_name": "Feng Shu",
		"product_code": "WL20",
		"payment_mode": "Regular",
		"annual_premium": "1,200.50",
		"fyc": "360",
		"issue_date": "2026-03-05",
		"status": "In Force",
		**overrides,
	}


def stored_values(policy_no: str):
	values = frappe.db.get_value("Insurance Policy", policy_no, ["annual_premium", "fyc", "issue_date"])
	return tuple(values) if values else None


class TestNumbersAndDatesOnEveryPath(FrappeTestCase):
	"""A number is read exactly or refused with the row's reason, never another value; a Chinese date is
	read; an amount above the ceiling and an issue date in the future are refused: on every path."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = sample_org("Pol")

	def insert_by_rest(self, row: dict):
		return rest_post(
			"Administrator",
			"/api/method/frappe.client.insert",
			{"doc": {"doctype": "Insurance Policy", **row}},
		)

	def test_rest_insert_reads_grouped_and_full_width_amounts_and_chinese_dates_exactly(self):
		status, body = self.insert_by_rest(
			policy_row("PN-REST-1", annual_premium="￥1,200.50", fyc="３６０", issue_date="2026年3月5日")
		)
		self.assertEqual(status, 200, body)
		self.assertEqual(stored_values("PN-REST-1"), (1200.5, 360, date(2026, 3, 5)))
		status, body = self.insert_by_rest(policy_row("PN-REST-2", issue_date="2026/3/5", fyc=360.25))
		self.assertEqual(status, 200, body)
		self.assertEqual(stored_values("PN-REST-2"), (1200.5, 360.25, date(2026, 3, 5)))

	def test_rest_insert_refuses_an_ambiguous_amount_and_a_future_date_and_stores_nothing(self):
		status, body = self.insert_by_rest(
			policy_row("PN-REST-BAD", annual_premium="1.200,50", fyc="12,5", issue_date="2099-12-31")
		)
		self.assertEqual(status, 417)
		message = json.dumps(body, ensure_ascii=False)
		self.assertIn("The annual premium 1.200,50 is not read", message)
		self.assertIn("The first-year commission (FYC) 12,5 is not read", message)
		self.assertIn("The issue date 2099-12-31 is in the future", message)
		self.assertIsNone(stored_values("PN-REST-BAD"))

	def test_rest_resource_refuses_a_premium_above_the_ceiling_and_a_day_first_date(self):
		status, body = rest_post(
			"Administrator",
			"/api/resource/Insurance Policy",
			policy_row("PN-RES-BAD", annual_premium=1e308, issue_date="05/03/2026"),
		)
		self.assertEqual(status, 417)
		message = json.dumps(body, ensure_ascii=False)
		self.assertIn("is above the largest amount accepted on a policy (10,000,000", message)
		self.assertIn("The issue date 05/03/2026 is not a date in a form the import reads", message)
		self.assertIsNone(stored_values("PN-RES-BAD"))

	def test_the_ceiling_is_the_settings_value(self):
		self.assertEqual(get_settings().largest_policy_amount, 10_000_000, "the default, in yuan")
		with production_settings(largest_policy_amount=50_000):
			frappe.clear_document_cache(SETTINGS, SETTINGS)
			self.assertRaisesRegex(
				frappe.ValidationError,
				r"above the largest amount accepted on a policy \(50,000,",
				make_policy,
				"PN-CEIL-1",
				self.org.agent_a1,
				date(2026, 3, 5),
				annual_premium=50_000.01,
			)
			make_policy("PN-CEIL-2", self.org.agent_a1, date(2026, 3, 5), annual_premium=50_000)
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		settings = frappe.get_doc(SETTINGS)
		settings.largest_policy_amount = 0
		self.assertRaisesRegex(frappe.ValidationError, "must be more than 0", settings.save)

	def test_the_apps_rest_load_reads_every_row_with_the_same_reader(self):
		rows = [
			policy_row("PN-ROWS-1", annual_premium="￥8,000", issue_date="2026.3.5"),
			policy_row("PN-ROWS-2", annual_premium="12,5"),
			policy_row("PN-ROWS-3", fyc="360.255", issue_date="20990101"),
		]
		status, body = rest_post(
			"Administrator", "/api/method/insurance_activity.api.policies.load_policies", {"rows": rows}
		)
		self.assertEqual(status, 200, body)
		name = body["message"]["load"]
		get_job(f"policy_load::{name}").delete()  # no worker in tests: run the job here
		run_policy_load(name)
		load = frappe.get_doc("Policy Load", name)
		self.assertEqual((load.stored_rows, load.bad_rows), (1, 2))
		self.assertEqual(stored_values("PN-ROWS-1"), (8000, 360, date(2026, 3, 5)))
		self.assertIn("The annual premium 12,5 is not read", load.errors[0].errors)
		self.assertIn("360.255 has more than two decimal places", load.errors[1].errors)
		self.assertIn("The issue date 20990101 is in the future", load.errors[1].errors)

	def test_a_value_that_frappes_own_column_map_converted_is_refused_not_stored(self):
		"""`bench data-import` reads the file without the app's hooks: frappe's map reads "1.200,50" as
		1.2005 and "12,5" as 125 before the policy sees them, so such a row is refused."""
		frappe.cache.hset(IMPORT_HEADER_CACHE, "Insurance Policy", frappe_header_map())
		rows = [policy_row("PN-CLI-1", annual_premium="1.200,50"), policy_row("PN-CLI-2", fyc="12,5")]
		with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", delete=False) as f:
			f.write(csv_text(english_headers(), rows))
		try:
			import_file("Insurance Policy", f.name, "Insert", console=True)
		finally:
			os.unlink(f.name)
			frappe.cache.hdel(IMPORT_HEADER_CACHE, "Insurance Policy")
		self.assertIsNone(stored_values("PN-CLI-1"))
		self.assertIsNone(stored_values("PN-CLI-2"))

	def test_a_lapse_update_through_data_import_keeps_the_stored_amounts(self):
		make_policy("PN-UPD-1", self.org.agent_a1, date(2026, 3, 5), annual_premium=1200.5, fyc=360)
		content = csv_text(["Policy Number", "Status"], [{"policy_no": "PN-UPD-1", "status": "Lapsed"}])
		data_import = run_data_import("pn-upd.csv", content, "Update Existing Records")
		self.assertEqual(data_import.status, "Success", import_messages(data_import))
		self.assertEqual(frappe.db.get_value("Insurance Policy", "PN-UPD-1", "status"), "Lapsed")
		self.assertEqual(stored_values("PN-UPD-1"), (1200.5, 360, date(2026, 3, 5)))


# --- Data Import with English and Chinese headers ---------------------------------------------------------


def frappe_header_map() -> dict:
	"""Data Import's own header map, as frappe builds and caches it in the session's language."""
	return build_fields_dict_for_column_matching("Insurance Policy")


def english_headers() -> list[str]:
	meta = frappe.get_meta("Insurance Policy")
	return [meta.get_label(fieldname) for fieldname in TEMPLATE_FIELDS]


def chinese_form_headers() -> list[str]:
	"""The labels a Chinese user sees on the policy form (the desk translates a label in its DocType's
	context)."""
	meta = frappe.get_meta("Insurance Policy")
	return [_(meta.get_label(f), lang="zh", context="Insurance Policy") for f in TEMPLATE_FIELDS]


def csv_text(headers: list[str], rows: list[dict]) -> str:
	lines = [",".join(headers)]
	for row in rows:
		lines.append(",".join(f'"{row.get(f, "")}"' for f in TEMPLATE_FIELDS if f in row))
	return "\n".join(lines) + "\n"


def run_data_import(file_name: str, content: str, import_type: str = "Insert New Records"):
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": "Insurance Policy",
			"import_type": import_type,
			"import_file": save_file(file_name, content),
		}
	).insert()
	frappe.db.commit()  # the importer rolls back after a failed row
	data_import.start_import()  # runs at once in tests
	data_import.reload()
	return data_import


def import_messages(data_import) -> str:
	logs = frappe.get_all(
		"Data Import Log",
		filters={"data_import": data_import.name, "success": 0},
		fields=["messages", "exception"],
	)
	return " | ".join(log_text(log.messages) + (log.exception or "")[-300:] for log in logs)


class TestDataImportHeadersInBothLanguages(FrappeTestCase):
	"""An English header file and a Chinese header file (the labels of the Chinese form), in either order,
	in one process: frappe caches the header map of the first import's language."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = sample_org("Pol")

	def import_in(self, language: str, prefix: str, headers: list[str], byte_order_mark: str = ""):
		rows = [
			policy_row(f"{prefix}-1"),
			policy_row(f"{prefix}-2", annual_premium="６０００", issue_date="2026年3月5日", status="Lapsed"),
		]
		with session_language(language):
			data_import = run_data_import(f"{prefix}.csv", byte_order_mark + csv_text(headers, rows))
		self.assertEqual(data_import.status, "Success", import_messages(data_import))
		self.assertEqual(stored_values(f"{prefix}-1"), (1200.5, 360, date(2026, 3, 5)))
		self.assertEqual(stored_values(f"{prefix}-2"), (6000, 360, date(2026, 3, 5)))

	def test_the_chinese_form_labels_are_the_import_headers(self):
		self.assertIn("承保日期", chinese_form_headers(), "the issue date as the Chinese form shows it")

	def test_english_then_chinese_headers_in_one_process(self):
		frappe.cache.hdel(IMPORT_HEADER_CACHE, "Insurance Policy")
		self.import_in("en", "PH-EN1", english_headers())
		self.import_in("zh", "PH-ZH1", chinese_form_headers())

	def test_chinese_then_english_headers_in_one_process(self):
		frappe.cache.hdel(IMPORT_HEADER_CACHE, "Insurance Policy")
		self.import_in("zh", "PH-ZH2", chinese_form_headers())
		self.import_in("en", "PH-EN2", english_headers())

	def test_a_chinese_file_saved_by_excel_with_a_byte_order_mark(self):
		self.import_in("zh", "PH-BOM", chinese_form_headers(), byte_order_mark="\ufeff")

	def test_the_downloaded_chinese_template_names_the_issue_date_as_the_form_does(self):
		with session_language("zh"):
			exporter = Exporter("Insurance Policy", export_fields={"Insurance Policy": list(TEMPLATE_FIELDS)})
			header = exporter.get_csv_array()[0]
		self.assertEqual(header, chinese_form_headers())
		self.assertNotIn("问题日期", header)

	def test_the_background_job_and_the_preview_find_the_apps_map_after_an_english_session(self):
		with session_language("zh"):
			data_import = frappe.get_doc(
				{
					"doctype": "Data Import",
					"reference_doctype": "Insurance Policy",
					"import_type": "Insert New Records",
					"import_file": save_file(
						"ph-job.csv", csv_text(chinese_form_headers(), [policy_row("PH-JOB-1")])
					),
				}
			).insert()
		frappe.db.commit()
		with session_language("en"):
			frappe.cache.hset(IMPORT_HEADER_CACHE, "Insurance Policy", frappe_header_map())
			self.assertIn("start_import", DATA_IMPORT_JOB)
			self.assertIn(
				"insurance_activity.production.policy_columns.on_data_import_job",
				frappe.get_hooks("before_job"),
			)
			on_data_import_job(method=DATA_IMPORT_JOB, kwargs={"data_import": data_import.name})
			self.assertEqual(
				frappe.cache.hget(IMPORT_HEADER_CACHE, "Insurance Policy")["承保日期"].fieldname, "issue_date"
			)

			frappe.cache.hset(IMPORT_HEADER_CACHE, "Insurance Policy", frappe_header_map())
			status, body = rest_post(
				"Administrator",
				"/api/method/frappe.core.doctype.data_import.data_import.get_preview_from_template",
				{"data_import": data_import.name},
			)
		self.assertEqual(status, 200, body)
		mapped = {
			c.get("header_title"): (c.get("df") or {}).get("fieldname") for c in body["message"]["columns"]
		}
		self.assertEqual(mapped.get("承保日期"), "issue_date", mapped)

	def test_a_policy_load_in_an_english_worker_reads_chinese_headers(self):
		content = csv_text(chinese_form_headers(), [policy_row("PH-LOAD-1", issue_date="2026/3/5")])
		with session_language("en"):
			load = frappe.get_doc(
				"Policy Load", load_policies(file_url=save_file("ph-load.csv", content))["load"]
			)
		self.assertEqual((load.status, load.stored_rows), ("Completed", 1), load.failure)
		self.assertEqual(stored_values("PH-LOAD-1"), (1200.5, 360, date(2026, 3, 5)))
