"""Customer Quadrant (客户四象限) on a real site: the recompute places customers from their policies and the
agents' logs, touches only the customers with something new (or whose warmth decayed past the threshold),
keeps an agent's override until it expires, keeps a converted lead's history; and an agent sees their own
customers' quadrants, a supervisor their subtree's, an office manager the office's, in the desk and REST."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from insurance_activity.customers import quadrants
from insurance_activity.rules import customer_quadrant as core
from insurance_activity.tests.factories import (
	as_user,
	last_working_day,
	make_log,
	make_org,
	open_edit_window,
	set_settings,
)
from insurance_activity.tests.integration.test_permissions import make_lead
from insurance_activity.tests.production_factories import make_policy
from insurance_activity.tests.rest import rest_get, rest_post, rest_put

QUADRANT = "Customer Quadrant"


def visit(party_type: str, party: str, kind: str = "Sales Interview"):
	return [(kind, 1, party_type, party, None, None)]


def quadrant_of(party_type: str, party: str):
	return frappe.get_doc(QUADRANT, {"party_type": party_type, "party": party})


def mine(result: dict, parties) -> set[str]:
	return set(result["parties"]) & {f"{t}/{p}" for t, p in parties}


class TestCustomerQuadrantRecompute(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("CQR")
		cls.day = last_working_day()
		open_edit_window()

	def setUp(self):
		frappe.db.savepoint("customer_quadrant_test")  # each test starts from the class's records
		self.addCleanup(self.restore)
		org = self.org
		# defaults: 20 value points is high (15,000 regular premium + 5 per policy); 10 is warm (one visit)
		self.rich = make_policy(f"CQR-{self.id()[-20:]}-1", org.agent_a1, self.day, annual_premium=15000,
			customer_name=f"CQR Rich {self.id()[-12:]}").customer  # fmt: skip
		self.small = make_policy(f"CQR-{self.id()[-20:]}-2", org.agent_a1, self.day, annual_premium=1000,
			customer_name=f"CQR Small {self.id()[-12:]}").customer  # fmt: skip
		self.lead = make_lead(f"CQR Lead {self.id()[-12:]}", None, org.users.agent_a1)
		make_log(
			org.agent_a1,
			self.day,
			visit("Customer", self.rich) + visit("Lead", self.lead),
			ignore_edit_window=True,
		)
		self.parties = [("Customer", self.rich), ("Customer", self.small), ("Lead", self.lead)]
		self.first = quadrants.recompute(self.day, full=True)

	def restore(self):
		frappe.db.rollback(save_point="customer_quadrant_test")
		frappe.clear_document_cache("Insurance Activity Settings", "Insurance Activity Settings")

	def test_the_first_run_places_each_customer_in_its_quadrant_with_strategy(self):
		self.assertEqual(mine(self.first, self.parties), {f"{t}/{p}" for t, p in self.parties})
		rich, small, lead = (quadrant_of(*p) for p in self.parties)
		self.assertEqual(rich.quadrant, core.MAINTAIN_AND_UPSELL)
		self.assertEqual(rich.strategy, core.STRATEGIES[core.MAINTAIN_AND_UPSELL])
		self.assertEqual((rich.value_score, rich.temperature_score), (20, 10))
		self.assertEqual((rich.agent, rich.office), (self.org.agent_a1, self.org.office_a))
		self.assertEqual(small.quadrant, core.STANDARD_SERVICE)
		self.assertEqual(lead.quadrant, core.CONVERT)
		self.assertEqual([(m.from_quadrant or None, m.to_quadrant, m.cause) for m in rich.moves],
			[(None, core.MAINTAIN_AND_UPSELL, core.CAUSE_FIRST)])  # fmt: skip

	def test_a_second_run_touches_nobody_and_new_activity_touches_only_its_customer(self):
		again = quadrants.recompute(self.day)
		self.assertEqual(again["touched"], 0)
		# the supervisor's visit to the team's customer, the same day: warm (10) from then on
		make_log(self.org.sup_a, self.day, visit("Customer", self.small), ignore_edit_window=True)
		after = quadrants.recompute(self.day)
		self.assertEqual(after["parties"], [f"Customer/{self.small}"])
		self.assertEqual((after["touched"], after["written"], after["moved"]), (1, 1, 1))
		small = quadrant_of("Customer", self.small)
		self.assertEqual(small.quadrant, core.CONVERT)
		self.assertEqual(small.moves[-1].cause, core.CAUSE_TEMPERATURE)

	def test_warmth_decays_and_only_the_customers_crossing_the_threshold_are_touched(self):
		quadrants.recompute(self.day)
		later = quadrants.recompute(add_days(self.day, 1))  # one visit (10) is below 10 the next day
		self.assertEqual(mine(later, self.parties), {f"Customer/{self.rich}", f"Lead/{self.lead}"})
		self.assertEqual(quadrant_of("Customer", self.rich).quadrant, core.WARM_UP)
		self.assertEqual(quadrant_of("Lead", self.lead).quadrant, core.STANDARD_SERVICE)
		self.assertEqual(mine(quadrants.recompute(add_days(self.day, 2)), self.parties), set())

	def test_a_customer_who_came_to_a_campaign_warms_up_at_the_next_run(self):
		from insurance_activity.tests.integration.test_activity_campaign import make_campaign

		small = quadrant_of("Customer", self.small)
		self.assertEqual((small.temperature_score, small.quadrant), (0, core.STANDARD_SERVICE))
		invited = [("Customer", self.small, 1), ("Customer", self.rich, 0)]  # the rich one did not come
		make_campaign("CQR Tea", "Warming Platform", [self.org.office_a], self.day, self.day, invited)
		night = quadrants.recompute(self.day)  # incremental: the campaign's attendance is new
		self.assertIn(f"Customer/{self.small}", night["parties"])
		small.reload()
		self.assertEqual(small.temperature_score, 10, "the setting's 10 points, on the campaign's day")
		self.assertEqual((small.quadrant, small.moves[-1].cause), (core.CONVERT, core.CAUSE_TEMPERATURE))
		self.assertEqual(quadrant_of("Customer", self.rich).temperature_score, 10, "its visit only")

	def test_the_agents_record_of_income_and_cover_wanted_is_taken_by_the_nightly_run(self):
		quadrants.recompute(self.day)
		with as_user(self.org.users.agent_a1):
			doc = quadrant_of("Customer", self.small)
			doc.income_band = "Above 1M"  # 3 bands above the lowest, 5 points each: 6 + 15 = 21, high value
			doc.save()
		night = quadrants.recompute(self.day)  # incremental, as the nightly job runs it
		self.assertEqual(night["parties"], [f"Customer/{self.small}"])
		small = quadrant_of("Customer", self.small)
		self.assertEqual((small.value_score, small.quadrant), (21, core.WARM_UP))
		self.assertEqual(small.moves[-1].cause, core.CAUSE_VALUE)
		self.assertEqual(quadrants.recompute(self.day)["touched"], 0, "the next run has nothing new")

	def test_an_override_is_kept_with_its_reason_then_expires(self):
		doc = quadrant_of("Customer", self.small)
		doc.override_quadrant = core.WARM_UP
		self.assertRaises(frappe.ValidationError, doc.save)
		doc = quadrant_of("Customer", self.small)
		doc.override_quadrant = core.WARM_UP
		doc.override_reason = "Just inherited a business"
		doc.save()
		self.assertEqual(doc.quadrant, core.WARM_UP)
		days = frappe.db.get_single_value("Insurance Activity Settings", "quadrant_override_days")
		self.assertEqual(getdate(doc.override_until), add_days(getdate(doc.modified), days - 1))
		kept = quadrants.recompute(getdate(doc.override_until))
		self.assertNotIn(f"Customer/{self.small}", kept["parties"])
		self.assertEqual(quadrant_of("Customer", self.small).quadrant, core.WARM_UP)
		quadrants.recompute(add_days(doc.override_until, 1))
		doc.reload()
		self.assertEqual((doc.quadrant, doc.override_quadrant), (core.STANDARD_SERVICE, None))
		self.assertEqual([m.cause for m in doc.moves],
			[core.CAUSE_FIRST, core.CAUSE_OVERRIDE, core.CAUSE_OVERRIDE_EXPIRED])  # fmt: skip
		self.assertEqual(doc.moves[1].reason, "Just inherited a business")

	def test_a_lead_that_becomes_a_customer_keeps_its_history(self):
		from erpnext.crm.doctype.lead.lead import make_customer

		customer = make_customer(self.lead)
		customer.customer_group = customer.customer_group or frappe.db.get_single_value(
			"Selling Settings", "customer_group"
		)
		customer.territory = customer.territory or frappe.db.get_single_value("Selling Settings", "territory")
		customer.insert(ignore_permissions=True)
		doc = quadrant_of("Customer", customer.name)
		self.assertEqual((doc.converted_from_lead, doc.quadrant), (self.lead, core.CONVERT))
		self.assertFalse(frappe.db.exists(QUADRANT, {"party_type": "Lead", "party": self.lead}))
		quadrants.recompute(self.day, full=True)
		doc.reload()
		self.assertEqual(doc.temperature_score, 10, "the lead's visit still warms the customer")
		self.assertFalse(frappe.db.exists(QUADRANT, {"party_type": "Lead", "party": self.lead}))

	def test_the_navigator_gives_the_next_action_and_a_rule_changed_in_the_desk_takes_effect(self):
		rich = quadrant_of("Customer", self.rich)
		self.assertEqual(rich.navigator_rule, "Upsell a Valued Customer")
		self.assertEqual(getdate(rich.next_action_due), getdate(add_days(self.day, 14)))
		self.assertEqual(quadrant_of("Lead", self.lead).navigator_rule, "Needs Analysis and Proposal")
		rule = frappe.get_doc("Customer Navigator Rule", "Upsell a Valued Customer")
		rule.next_action = "Call about the new critical-illness cover"
		rule.due_days = 3
		rule.save()
		quadrants.recompute(self.day)  # the nightly run, incremental, yet every customer takes the new rule
		rich.reload()
		self.assertEqual(
			(rich.next_action, getdate(rich.next_action_due)),
			("Call about the new critical-illness cover", getdate(add_days(self.day, 3))),
		)
		self.assertEqual(quadrant_of("Lead", self.lead).navigator_rule, "Needs Analysis and Proposal")

	def test_a_silent_customer_gets_the_action_their_silence_calls_for_from_the_nightly_run(self):
		frappe.get_doc({"doctype": "Customer Navigator Rule", "rule_name": "Call a Silent Customer",
			"quadrant": core.STANDARD_SERVICE, "min_days_since_contact": 30, "priority": 5, "due_days": 3,
			"next_action": "Call: no news for a month"}).insert()  # fmt: skip
		with self.freeze_time(f"{self.day} 23:00:00"):
			quadrants.recompute(self.day)  # a changed rule: everyone placed again that night
		self.assertEqual(quadrant_of("Customer", self.small).navigator_rule, "Keep in Touch")
		for days in (1, 29):  # nothing new for the small customer, nobody contacts them
			with self.freeze_time(f"{add_days(self.day, days)} 03:00:00"):
				quadrants.recompute(add_days(self.day, days))
		self.assertEqual(quadrant_of("Customer", self.small).navigator_rule, "Keep in Touch")
		on = add_days(self.day, 30)  # 30 days without contact: the silent customer's rule now matches
		with self.freeze_time(f"{on} 03:00:00"):
			night, again = quadrants.recompute(on), quadrants.recompute(on)
		self.assertIn(f"Customer/{self.small}", night["parties"])
		small = quadrant_of("Customer", self.small)
		self.assertEqual((small.navigator_rule, small.next_action, getdate(small.next_action_due)),
			("Call a Silent Customer", "Call: no news for a month", getdate(add_days(self.day, 3))))  # fmt: skip
		self.assertEqual(again["touched"], 0)

	def test_an_agent_gets_suggested_actions_most_urgent_first_and_a_colleague_gets_none(self):
		from insurance_activity.api import customer_navigator as api

		set_settings(navigator_suggestion_days=7)  # domain.md's week
		with as_user(self.org.users.agent_a1):
			rows = api.suggested_actions(self.org.agent_a1, str(self.day))
			self.assertEqual(api.quadrant_of("Customer", self.rich).quadrant, core.MAINTAIN_AND_UPSELL)
		due = {p: getdate(quadrant_of(*p).next_action_due) for p in self.parties}
		self.assertEqual(due[("Customer", self.rich)], getdate(add_days(self.day, 14)))
		week = {p for p, on in due.items() if on <= getdate(add_days(self.day, 7))}
		self.assertEqual({(r.party_type, r.party) for r in rows}, week, "due within the week (the setting)")
		self.assertNotIn(("Customer", self.rich), week, "an action due in two weeks is not for today")
		set_settings(navigator_suggestion_days=30)  # the small customer: keep in touch within 30 days
		with as_user(self.org.users.agent_a1):
			rows = api.suggested_actions(self.org.agent_a1, str(self.day))
		self.assertEqual({(r.party_type, r.party) for r in rows}, set(self.parties))
		self.assertEqual([r.next_action_due for r in rows], sorted(r.next_action_due for r in rows))
		self.assertEqual(next(r for r in rows if r.party == self.lead).activity_kind, "Proposal Presented")
		with as_user(self.org.users.agent_b1):
			self.assertIsNone(api.quadrant_of("Customer", self.rich))
			self.assertEqual(api.suggested_actions(self.org.agent_a1), [])

	def test_a_new_log_with_no_agent_yet_gets_the_users_own_suggested_actions(self):
		method = "insurance_activity.api.customer_navigator.suggested_actions"
		set_settings(navigator_suggestion_days=60)  # today may be days after the class's last working day
		with as_user(self.org.users.agent_a1):  # a new, unsaved log: no name, its Agent field not yet filled
			rows = frappe.call(method, agent=None, day=None)
		self.assertEqual({(r.party_type, r.party) for r in rows}, set(self.parties))
		self.assertTrue(all(r.party_name and r.activity_kind for r in rows), "one tap names the customer")
		with as_user(self.org.users.agent_b1):  # their own customers only, asked with or without an agent
			self.assertFalse(
				{r.party for r in frappe.call(method, agent=None)} & {p for _t, p in self.parties}
			)
			self.assertEqual(frappe.call(method, agent=self.org.agent_a1, day=str(self.day)), [])

	def test_the_next_action_is_due_from_the_last_contact(self):
		lead = quadrant_of("Lead", self.lead)
		self.assertEqual(getdate(lead.last_contact_on), getdate(self.day))
		self.assertEqual(getdate(lead.next_action_due), getdate(add_days(self.day, 7)))

	def test_weights_and_thresholds_are_settings(self):
		set_settings(quadrant_value_threshold=1)
		quadrants.recompute(self.day, full=True)
		self.assertEqual(quadrant_of("Customer", self.small).quadrant, core.WARM_UP)


class TestCustomerQuadrantPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("CQP")
		day = last_working_day()
		cls.people = [org.manager_a, org.sup_a, org.agent_a1, org.agent_a2, org.sup_b, org.agent_b1]
		for i, person in enumerate(cls.people):
			make_policy(f"CQP-{i}", person, day, customer_name=f"CQP Customer {i}")
		quadrants.recompute(day, full=True)
		frappe.db.commit()
		cls.expected = {
			org.users.agent_a1: {org.agent_a1},
			org.users.sup_a: {org.sup_a, org.agent_a1, org.agent_a2},
			org.users.sup_b: {org.sup_b, org.agent_b1},
			org.users.manager_a: {org.manager_a, org.sup_a, org.agent_a1, org.agent_a2},
			org.users.admin: set(cls.people),
			org.users.officer: set(),
		}

	def test_get_list_follows_the_hierarchy(self):
		for user, expected in self.expected.items():
			try:
				rows = frappe.get_list(QUADRANT, {"agent": ("in", self.people)}, pluck="agent", user=user)
			except frappe.PermissionError:
				rows = []
			self.assertEqual(set(rows), expected, user)

	def test_rest_follows_the_hierarchy(self):
		for user in (self.org.users.agent_a1, self.org.users.sup_a, self.org.users.manager_a):
			status, body = rest_get(user, f"/api/resource/{QUADRANT}",
				{"filters": [["agent", "in", self.people]], "fields": ["agent"], "limit_page_length": 0})  # fmt: skip
			self.assertEqual(status, 200, user)
			self.assertEqual({r["agent"] for r in body["data"]}, self.expected[user], user)
		b1 = frappe.db.get_value(QUADRANT, {"agent": self.org.agent_b1})
		self.assertEqual(rest_get(self.org.users.agent_a1, f"/api/resource/{QUADRANT}/{b1}")[0], 403)
		self.assertEqual(rest_get(self.org.users.sup_b, f"/api/resource/{QUADRANT}/{b1}")[0], 200)

	def test_a_link_fields_check_does_not_tell_whether_another_offices_customer_exists(self):
		"""helper-80 F4: the desk checks each Link value typed in with frappe.client.validate_link, and Frappe
		answered whether any record exists by its name: is this person another office's customer? An existing
		customer the agent does not read is answered as a missing one; their own is found, with its fields."""
		agent, path = self.org.users.agent_a1, "/api/method/frappe.client.validate_link"
		theirs = frappe.db.get_value("Customer", {"customer_name": "CQP Customer 5"})
		mine = frappe.db.get_value("Customer", {"customer_name": "CQP Customer 2"})
		answers = {}
		for name in (theirs, "CQP No Such Customer"):
			status, body = rest_post(agent, path, {"doctype": "Customer", "docname": name})
			self.assertEqual(status, 200, body)
			answers[name] = body["message"]
		self.assertEqual(answers[theirs], answers["CQP No Such Customer"])
		self.assertNotIn(theirs, json.dumps(answers[theirs]))
		# fields sent as plain text: refused in words for both (Frappe's parse was a 500 for the missing one only,
		# helper-83 F1)
		for name in (theirs, "CQP No Such Customer"):
			for fields in ("customer_name", ""):  # "" too (helper-85 F4)
				status, body = rest_post(
					agent, path, {"doctype": "Customer", "docname": name, "fields": fields}
				)
				self.assertEqual(status, 417, body)
		status, body = rest_post(agent, path, {"doctype": "Customer", "docname": mine,
			"fields": json.dumps(["customer_name"])})  # fmt: skip
		self.assertEqual(status, 200, body)
		self.assertEqual(body["message"], {"name": mine, "customer_name": "CQP Customer 2"})
		# their supervisor's check finds it
		status, body = rest_post(self.org.users.sup_b, path, {"doctype": "Customer", "docname": theirs})
		self.assertEqual((status, body["message"]["name"]), (200, theirs), body)

	def test_a_colleagues_customer_stays_theirs_on_frappes_and_erpnexts_side_paths(self):
		"""helper-70 (high): a like on a colleague's customer (the side actions asked the rule of the app's own
		doctypes only), the contacts of any customer through ERPNext's primary-contact query, and every office's
		customers by name in the desk's search bar (Frappe's index checks the doctype only). Each refused or left
		out; the agent's own customer answered."""
		from frappe.utils.global_search import sync_global_search, update_global_search

		agent = self.org.users.agent_a1
		theirs = frappe.db.get_value("Customer", {"customer_name": "CQP Customer 5"})
		mine = frappe.db.get_value("Customer", {"customer_name": "CQP Customer 2"})
		contacts = "erpnext.selling.doctype.customer.customer.get_customer_primary_contact"
		search = {"doctype": "Contact", "txt": "", "searchfield": "name", "start": 0, "page_len": 10}
		for what, path, data in (
			("a like", "frappe.desk.like.toggle_like", {"doctype": "Customer", "name": theirs, "add": "Yes"}),
			("its contacts", contacts, {**search, "filters": {"customer": theirs}}),
			# helper-71 H1: as the Customer form asks them, through a link search
			(
				"its contacts, searched",
				"frappe.desk.search.search_link",
				{"doctype": "Contact", "txt": "", "query": contacts, "filters": {"customer": theirs}},
			),
		):
			with self.subTest(path=what):
				status, body = rest_post(agent, "/api/method/" + path, data)
				self.assertEqual(status, 403, body)
		status, body = rest_post(agent, "/api/method/" + contacts, {**search, "filters": {"customer": mine}})
		self.assertEqual(status, 200, body)
		# helper-73: Frappe CRM's bridge linked any office's contact (found by a filter sent as its email) onto
		# one's own customer (H1); ERPNext's lead details read any lead (H2); this HRMS's assistant any pay
		lead = frappe.get_doc(
			{"doctype": "Lead", "first_name": "CQP Lead B1", "lead_owner": self.org.users.agent_b1}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.delete_doc, "Lead", lead.name, force=True, ignore_permissions=True)
		frappe.db.commit()
		for what, path, data in (
			("a contact linked by the CRM bridge", "erpnext.crm.frappe_crm_api.create_customer",
				{"customer_name": mine, "contacts": json.dumps([{"email": ["like", "%"]}])}),
			("a colleague's lead", "erpnext.crm.doctype.lead.lead.get_lead_details", {"lead": lead.name}),
			("any employee's pay", "hrms.automation.chatbot.assistant.chat_with_assistant",
				{"query": "salary", "employee": "x"}),
		):  # fmt: skip
			with self.subTest(path=what):
				status, body = rest_post(agent, "/api/method/" + path, data)
				self.assertEqual(status, 403, body)
		mine_lead = frappe.get_doc(
			{"doctype": "Lead", "first_name": "CQP Lead A1", "lead_owner": agent}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.delete_doc, "Lead", mine_lead.name, force=True, ignore_permissions=True)
		frappe.db.commit()
		status, body = rest_post(
			agent, "/api/method/erpnext.crm.doctype.lead.lead.get_lead_details", {"lead": mine_lead.name}
		)
		self.assertEqual(status, 200, body)
		for name in (theirs, mine):
			update_global_search(frappe.get_doc("Customer", name))
		sync_global_search()
		frappe.db.commit()
		indexed = frappe.db.sql(
			"select name from __global_search where doctype = 'Customer' and name in %s", [(theirs, mine)]
		)
		self.assertEqual({row[0] for row in indexed}, {theirs, mine})  # Frappe's index holds both
		status, body = rest_post(
			agent,
			"/api/method/frappe.utils.global_search.search",
			{"text": "CQP Customer", "doctype": "Customer", "limit": 50},
		)
		found = {r["name"] for r in body["message"] if r["doctype"] == "Customer"}
		self.assertEqual(status, 200, body)
		self.assertIn(mine, found)
		self.assertNotIn(theirs, found)

	def test_the_computed_fields_are_the_recomputes_a_user_sets_only_the_override(self):
		name = frappe.db.get_value(QUADRANT, {"agent": self.org.agent_a1})
		shown = ["quadrant", "value_score", "temperature_score", "strategy", "next_action", "next_action_due"]
		stored = frappe.db.get_value(QUADRANT, name, shown, as_dict=True)
		agent, path = self.org.users.agent_a1, f"/api/resource/{QUADRANT}/{name}"
		for change in ({"value_score": 99}, {"quadrant": core.MAINTAIN_AND_UPSELL}, {"next_action": "Nothing"},
			{"next_action_due": "2099-01-01"}, {"moves": []}, {"override_quadrant": core.WARM_UP,
			"override_reason": "Inherited a business", "temperature_score": 50}):  # fmt: skip
			status, _body = rest_put(agent, path, change)
			self.assertEqual(status, 417, change)
		frappe.db.rollback()  # a fresh read of what the requests left
		self.assertEqual(frappe.db.get_value(QUADRANT, name, shown, as_dict=True), stored)
		self.assertEqual(frappe.db.count("Customer Quadrant Move", {"parent": name}), 1)
		with as_user(agent):
			doc = frappe.get_doc(QUADRANT, name)
			doc.strategy = core.STRATEGIES[core.CONVERT]
			self.assertRaises(frappe.ValidationError, doc.save)
		# the form sends the whole document back, dates and numbers as text: only the override is new
		status, body = rest_put(agent, path, {"override_quadrant": core.WARM_UP, "override_reason": "Inherited a business",
			"value_score": str(stored.value_score), "next_action_due": str(stored.next_action_due)})  # fmt: skip
		self.assertEqual((status, body["data"]["quadrant"]), (200, core.WARM_UP))

	@classmethod
	def tearDownClass(cls):
		names = frappe.get_all(QUADRANT, {"agent": ("in", cls.people)}, pluck="name")
		frappe.db.delete("Customer Quadrant Move", {"parent": ("in", names)})
		frappe.db.delete(QUADRANT, {"name": ("in", names)})
		frappe.db.delete("Insurance Policy", {"name": ("like", "CQP-%")})
		frappe.db.commit()
		super().tearDownClass()


class TestCustomerInventory(FrappeTestCase):
	"""The weekly customer inventory (客户盘点) equals a count straight from the stored quadrants and moves."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("CQI")
		cls.day = last_working_day()
		open_edit_window()
		org = cls.org
		for i, (agent, premium) in enumerate(
			[
				(org.agent_a1, 15000),
				(org.agent_a1, 1000),
				(org.agent_a2, 20000),
				(org.sup_a, 500),
				(org.agent_b1, 30000),
			]
		):
			customer = make_policy(
				f"CQI-{i}", agent, cls.day, annual_premium=premium, customer_name=f"CQI Customer {i}"
			)
			if i % 2 == 0:
				make_log(
					agent,
					add_days(cls.day, -i),
					visit("Customer", customer.customer),
					ignore_edit_window=True,
				)
		quadrants.recompute(cls.day, full=True)
		cls.people = [org.manager_a, org.sup_a, org.agent_a1, org.agent_a2, org.sup_b, org.agent_b1]

	def independent(self, unit_field: str, on) -> dict:
		rows = frappe.db.sql(
			"""select q.name, q.agent, q.office, q.quadrant, e.reports_to,
				exists(select 1 from `tabEmployee` r where r.reports_to = q.agent) as heads_team,
				(select count(*) from `tabCustomer Quadrant Move` m where m.parent = q.name
					and m.move_date between %(start)s and %(end)s and m.cause = 'First Placement') as new,
				(select count(*) from `tabCustomer Quadrant Move` m where m.parent = q.name
					and m.move_date between %(start)s and %(end)s and m.cause != 'First Placement') as moves,
				q.next_action_due < %(end)s as overdue
			from `tabCustomer Quadrant` q join `tabEmployee` e on e.name = q.agent
			where q.agent in %(people)s""",
			{"people": self.people, "start": add_days(on, -6), "end": on},
			as_dict=True,
		)
		expected = {}
		for r in rows:
			unit = {
				"agent": r.agent,
				"office": r.office,
				"team": r.agent if r.heads_team or not r.reports_to else r.reports_to,
			}[unit_field]
			counts = expected.setdefault(
				unit,
				{frappe.scrub(q): 0 for q in core.QUADRANTS}
				| {"total": 0, "new_this_week": 0, "moves_this_week": 0, "overdue_actions": 0},
			)
			counts[frappe.scrub(r.quadrant)] += 1
			counts["total"] += 1
			counts["new_this_week"] += r.new
			counts["moves_this_week"] += r.moves
			counts["overdue_actions"] += r.overdue or 0
		return expected

	def test_the_inventory_equals_a_count_of_the_same_rows(self):
		from insurance_activity.customers.report.customer_inventory.customer_inventory import execute

		for on in (
			self.day,
			add_days(self.day, 20),
		):  # the week of the moves; three weeks on, actions overdue
			for group_by in ("Agent", "Team", "Office"):
				_columns, data = execute({"group_by": group_by, "on": on})
				got = {
					row["unit"]: {k: v for k, v in row.items() if k not in ("unit", "unit_name")}
					for row in data
				}
				expected = self.independent(group_by.lower(), on)
				self.assertEqual({u: got[u] for u in expected}, expected, (group_by, on))
				self.assertGreater(sum(c["total"] for c in expected.values()), 0)
		self.assertGreater(
			sum(c["overdue_actions"] for c in self.independent("office", add_days(self.day, 20)).values()), 0
		)
		self.assertGreater(sum(c["new_this_week"] for c in self.independent("office", self.day).values()), 0)

	def test_customers_nobody_serves_are_counted_under_unassigned_last(self):
		from insurance_activity.customers.report.customer_inventory.customer_inventory import execute

		frappe.db.savepoint("unassigned")
		self.addCleanup(frappe.db.rollback, save_point="unassigned")
		lead = make_lead("CQI Nobody's Lead", "13900009999", None)
		doc = quadrants.new_quadrant(("Lead", lead), "CQI Nobody's Lead")
		doc.move_to(core.QUADRANTS[0], self.day, core.CAUSE_FIRST)
		doc.flags.placed = True
		doc.insert(ignore_permissions=True)
		for group_by in ("Agent", "Team", "Office"):
			data = execute({"group_by": group_by, "on": self.day})[1]
			self.assertEqual(
				(data[-1]["unit_name"], data[-1]["total"]), (frappe._("Unassigned"), 1), group_by
			)
			self.assertTrue(all(r["unit"] for r in data[:-1]), "the unassigned last")

	def test_a_past_week_counts_each_customer_where_they_stood_then(self):
		"""A customer first placed after the chosen day is not counted yet, and one moved since (an agent's
		override) counts in the quadrant it stood in that day; the current week reads the stored quadrants."""
		from insurance_activity.customers.report.customer_inventory.customer_inventory import execute

		frappe.db.savepoint("past_week")  # undone after the test: the class's rows stay as set up
		self.addCleanup(frappe.db.rollback, save_point="past_week")
		org, now = self.org, getdate(today())
		before = {g: execute({"group_by": g, "on": self.day})[1] for g in ("Agent", "Team", "Office")}
		by_agent = lambda: {r["unit"]: r for r in execute({"group_by": "Agent", "on": now})[1]}  # noqa: E731
		this_week = by_agent()
		late = make_policy("CQI-LATE", org.agent_a2, now, annual_premium=30000, customer_name="CQI Late")
		quadrants.recompute(now, full=True)
		doc = quadrant_of("Customer", frappe.db.get_value("Customer", {"customer_name": "CQI Late"}))
		self.assertEqual(getdate(doc.moves[0].move_date), now)
		moved = quadrant_of("Customer", frappe.db.get_value("Customer", {"customer_name": "CQI Customer 0"}))
		then = moved.quadrant
		moved.override_quadrant = next(q for q in core.QUADRANTS if q != then)
		moved.override_reason = "Inherited a business"
		moved.save()
		self.assertGreater(getdate(moved.moves[-1].move_date), self.day)
		for group_by, rows in before.items():
			with self.subTest(group_by=group_by):
				self.assertEqual(execute({"group_by": group_by, "on": self.day})[1], rows)
		self.assertTrue(late.customer)
		after = by_agent()
		new = lambda agent, rows: rows.get(agent, {}).get("new_this_week", 0)  # noqa: E731
		self.assertEqual(
			new(org.agent_a2, after), new(org.agent_a2, this_week) + 1, "the late customer is new"
		)
		self.assertEqual(new(org.agent_a1, after), new(org.agent_a1, this_week), "an override is not new")
		self.assertGreater(after[org.agent_a1]["moves_this_week"], this_week[org.agent_a1]["moves_this_week"])
		for group_by in ("Agent", "Team", "Office"):
			_columns, data = execute({"group_by": group_by, "on": now})
			got = {
				row["unit"]: {k: v for k, v in row.items() if k not in ("unit", "unit_name")} for row in data
			}
			expected = self.independent(group_by.lower(), now)
			self.assertEqual({u: got[u] for u in expected}, expected, group_by)

	def test_the_weekly_review_kpi_snapshot_takes_each_teams_inventory(self):
		from types import SimpleNamespace

		from insurance_activity.customers.report.customer_inventory.customer_inventory import execute
		from insurance_activity.meetings.kpi_snapshot import customer_inventory

		on = add_days(self.day, 20)
		context = SimpleNamespace(office=self.org.office_a, last=on, supervisors=[(self.org.sup_a, "Team A")])
		rows = {(r["metric"], r["subject"]): r["value"] for r in customer_inventory(context)}
		# the report as an admin reads it (every quadrant the rule lets them read), team A's row
		team = next(u for u in execute({"group_by": "Team", "on": on})[1] if u["unit"] == self.org.sup_a)
		self.assertEqual(rows[("Plain Customers (普客)", "Team A")], team["standard_service"])
		self.assertEqual(rows[("Warming Customers (升温客户)", "Team A")], team["warm_up"])
		self.assertEqual(rows[("Overdue Customer Actions", "Team A")], team["overdue_actions"])
		self.assertEqual(rows[("New Customers This Week", "Team A")], team["new_this_week"])
		self.assertEqual(rows[("Quadrant Moves This Week", "Team A")], team["moves_this_week"])
		self.assertEqual(team["total"], 4, "A1's two customers, A2's and the supervisor's own")

	def test_the_agent_supervisor_and_office_manager_run_the_report_in_the_desk(self):
		from frappe.desk.query_report import run

		from insurance_activity.customers.report.customer_inventory.customer_inventory import execute

		users = self.org.users
		for user in (users.agent_a1, users.sup_a, users.manager_a):
			for group_by in ("Agent", "Team", "Office"):
				filters = {"group_by": group_by, "on": str(self.day)}
				with as_user(user):
					shown = run("Customer Inventory", filters=filters)["result"]
					expected = execute(filters)[1]  # the hierarchy's rows (frappe.get_list)
				self.assertTrue(expected, (user, group_by))
				self.assertEqual(shown, expected, (user, group_by))
		with as_user(users.agent_a1):
			row = run("Customer Inventory", filters={"group_by": "Office", "on": str(self.day)})["result"][0]
		self.assertEqual((row["unit"], row["unit_name"]), (self.org.office_a,
			frappe.db.get_value("Department", self.org.office_a, "department_name")))  # fmt: skip

	def test_an_office_is_a_sales_office_营业室_in_chinese_not_frappes_办公室(self):
		from insurance_activity.customers.report.customer_inventory.customer_inventory import get_columns

		frappe.local.lang = "zh"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		self.assertEqual(get_columns("Office")[0]["label"], "营业室")
		label = frappe.get_meta(QUADRANT).get_label(
			"office"
		)  # the form translates it in its doctype's context
		self.assertEqual(frappe._(label, context=QUADRANT), "营业室")

	def test_an_agent_counts_only_their_own_customers(self):
		from insurance_activity.customers.report.customer_inventory.customer_inventory import execute

		frappe.set_user(self.org.users.agent_a1)
		try:
			_columns, data = execute({"group_by": "Agent", "on": self.day})
		finally:
			frappe.set_user("Administrator")
		self.assertEqual([row["unit"] for row in data], [self.org.agent_a1])
		self.assertEqual(data[0]["total"], 2)


class TestCustomerQuadrantJob(FrappeTestCase):
	"""The nightly recompute acts once a day at or after its hour (daily_jobs.run_daily), and only admins
	recompute the whole branch on demand."""

	JOB = "customers.recompute_customer_quadrants"

	def test_the_nightly_job_acts_once_a_day_at_or_after_its_hour(self):
		day = getdate(last_working_day())
		set_settings(quadrant_recompute_hour=3)
		with self.freeze_time(f"{day} 02:59:00"):
			self.assertNotIn("days", quadrants.recompute_customer_quadrants())
		with self.freeze_time(f"{day} 03:00:00"):
			first = quadrants.recompute_customer_quadrants()
			again = quadrants.recompute_customer_quadrants()
		self.assertEqual(set(first["days"][str(day)]), {"touched", "written", "moved", "created"})
		self.assertNotIn("days", again, "the day is done once")
		self.assertEqual(
			frappe.db.get_value("Daily Job Run", {"job": self.JOB, "day": day}, "status"), "Done"
		)

	def test_only_admins_recompute_the_whole_branch(self):
		org = make_org("CQJ")
		with as_user(org.users.agent_a1):
			self.assertRaises(frappe.PermissionError, quadrants.recompute_all)
		with as_user(org.users.admin):
			result = quadrants.recompute_all()
		self.assertEqual(set(result), {"touched", "written", "moved", "created"})

	def tearDown(self):
		frappe.db.delete("Daily Job Run", {"job": self.JOB})
		frappe.db.commit()
