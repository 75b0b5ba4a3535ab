"""One customer, one phone: the stored phone key on Lead, Customer and Contact, the new-prospect look-up,
phones refused with the row's reason, and one Lead when two agents save the same new number together."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from insurance_activity.customers.phone_keys import backfill_phone_keys, find_party_by_phone
from insurance_activity.setup.custom_fields import PHONE_KEY
from insurance_activity.tests.concurrent import save_together, saved
from insurance_activity.tests.factories import last_working_day, make_log, make_org, open_edit_window


def new_prospect(phone: str, name: str = "Prospect Zhao"):
	return ("New Prospect", 1, None, None, phone, name)


def leads_with_key(key: str) -> list[str]:
	return frappe.get_all("Lead", filters={PHONE_KEY: key}, pluck="name")


class TestPhoneKeys(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("Phone")
		cls.day = last_working_day()
		open_edit_window()

	def test_a_new_prospect_typed_another_way_links_the_lead_on_file(self):
		lead = frappe.get_doc(
			{"doctype": "Lead", "first_name": "Wang Fang", "mobile_no": "+86 139-0013-9000"}
		)
		lead.insert()
		self.assertEqual(lead.get(PHONE_KEY), "+8613900139000")

		log = make_log(self.org.agent_a1, self.day, [new_prospect("13900139000", "Wang Fang")])
		row = log.activities[0]
		self.assertEqual((row.party_type, row.party, row.phone), ("Lead", lead.name, "+8613900139000"))
		self.assertEqual(leads_with_key("+8613900139000"), [lead.name])

	def test_the_oldest_lead_of_a_phone_is_found_every_time(self):
		first = frappe.get_doc(
			{"doctype": "Lead", "first_name": "Li One", "mobile_no": "13900139011"}
		).insert()
		second = frappe.get_doc(
			{"doctype": "Lead", "first_name": "Li Two", "phone": "139 0013 9011"}
		).insert()
		# the second Lead was on file first (as after an import): creation decides, not the name
		frappe.db.set_value(
			"Lead", first.name, "creation", add_days(second.creation, 1), update_modified=False
		)
		for _ in range(3):
			self.assertEqual(find_party_by_phone("+8613900139011"), ("Lead", second.name))

	def test_a_new_prospect_with_a_customers_phone_links_the_customer_instead_of_a_new_lead(self):
		customer = frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": "Phone Customer Sun",
				"mobile_no": "13900139022",
				"account_manager": self.org.users.agent_a2,  # the agent's own customer
			}
		).insert()
		self.assertEqual(customer.get(PHONE_KEY), "+8613900139022")
		log = make_log(self.org.agent_a2, self.day, [new_prospect("+86 139 0013 9022", "Sun")])
		self.assertEqual((log.activities[0].party_type, log.activities[0].party), ("Customer", customer.name))
		self.assertEqual(leads_with_key("+8613900139022"), [])

	def test_a_contact_is_found_by_its_primary_mobile(self):
		contact = frappe.get_doc({"doctype": "Contact", "first_name": "Contact Zhou"})
		contact.add_phone("139-0013-9033", is_primary_mobile_no=True)
		contact.insert()
		self.assertEqual(contact.get(PHONE_KEY), "+8613900139033")
		self.assertEqual(find_party_by_phone("+8613900139033"), ("Contact", contact.name))

	def test_a_new_prospect_with_a_new_phone_creates_one_lead_keyed_by_it(self):
		log = make_log(self.org.agent_b1, self.day, [new_prospect("139 0013 9044", "Chen Jie")])
		lead = frappe.get_doc("Lead", log.activities[0].party)
		self.assertEqual((lead.mobile_no, lead.get(PHONE_KEY)), ("+8613900139044", "+8613900139044"))
		self.assertEqual(lead.lead_owner, self.org.users.agent_b1)

	def test_a_number_that_is_not_a_phone_is_refused_with_the_rows_reason(self):
		before = frappe.db.count("Agent Log")
		for rows, message in (
			(
				[("Phone Appointment", 1), new_prospect("12345", "Bad")],
				"Row 2: 12345 is not a valid phone number",
			),
			(
				[("Sales Interview", 1, None, None, "139001390", "Short")],
				"Row 1: 139001390 is not a valid phone",
			),
		):
			self.assertRaisesRegex(frappe.ValidationError, message, make_log, self.org.sup_b, self.day, rows)
		self.assertEqual(frappe.db.count("Agent Log"), before, "nothing stored")

	def test_a_rows_phone_is_stored_as_its_key_so_callbacks_and_spot_checks_see_one_customer(self):
		log = make_log(
			self.org.agent_a2,
			add_days(self.day, -1),
			[("Sales Interview", 1, None, None, "＋８６ １３９ ００１３ ９０５５", "Customer Ma")],
		)
		self.assertEqual(log.activities[0].phone, "+8613900139055")

	def test_the_patch_fills_the_key_of_records_saved_before_it(self):
		lead = frappe.get_doc({"doctype": "Lead", "first_name": "Old Lead Xu", "mobile_no": "139 0013 9066"})
		lead.insert()
		frappe.db.set_value("Lead", lead.name, PHONE_KEY, None)  # as saved before the key existed
		changed = backfill_phone_keys()
		self.assertGreaterEqual(changed["Lead"], 1)
		self.assertEqual(frappe.db.get_value("Lead", lead.name, PHONE_KEY), "+8613900139066")
		self.assertEqual(backfill_phone_keys()["Lead"], 0, "re-running changes nothing")


class TestOneLeadPerPhoneUnderConcurrentSaves(FrappeTestCase):
	"""Two agents save the same new number at the same moment: one Lead; the other save ends as a later,
	sequential save of that number would (the Lead is a colleague's now: refused without saying whose)."""

	PHONE = "139 0013 9077"
	KEY = "+8613900139077"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("PhoneRace")
		# the day before the test process's today: never a future date for a process started later
		cls.day = getdate(add_days(today(), -1))

	def tearDown(self):
		frappe.db.rollback()
		agents = [self.org.agent_a1, self.org.agent_a2]
		for name in frappe.get_all("Agent Log", filters={"agent": ("in", agents)}, pluck="name"):
			frappe.delete_doc("Agent Log", name, force=True, ignore_permissions=True)
		for doctype in ("Lead", "Contact"):
			for name in frappe.get_all(doctype, filters={PHONE_KEY: self.KEY}, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def test_two_agents_saving_the_same_new_number_together_make_one_lead(self):
		saves = [
			{
				"user": getattr(self.org.users, who),
				"agent": getattr(self.org, who),
				"log_date": str(self.day),
				"activities": [new_prospect(self.PHONE, f"Prospect of {who}")],
			}
			for who in ("agent_a1", "agent_a2")
		]
		outcomes = save_together(saves)

		frappe.db.rollback()  # a fresh snapshot that sees what the two processes committed
		leads = leads_with_key(self.KEY)
		self.assertEqual(len(leads), 1, outcomes)
		owner = frappe.db.get_value("Lead", leads[0], "lead_owner")
		winner = next(i for i, save in enumerate(saves) if save["user"] == owner)
		self.assertEqual(outcomes[winner]["parties"], [["Lead", leads[0]]])
		contacts = 1 if frappe.db.get_single_value("CRM Settings", "auto_creation_of_contact") else 0
		self.assertEqual(frappe.db.count("Contact", {PHONE_KEY: self.KEY}), contacts, "none of a lost Lead")

		loser = saves[1 - winner]
		sequential = saved(**{**loser, "log_date": str(add_days(self.day, -1))})
		self.assertIn("belongs to a customer another agent serves", sequential.get("refused", ""))
		self.assertEqual(
			{k: v for k, v in outcomes[1 - winner].items() if k != "log"},
			{k: v for k, v in sequential.items() if k != "log"},
		)
