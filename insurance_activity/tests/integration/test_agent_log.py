"""Agent Log on a real site: 5311/111 attainment, bad input refused with nothing stored, the edit window,
and the hierarchy permission matrix through REST and frappe.get_list."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from insurance_activity.tests.factories import last_working_day, make_log, make_org, open_edit_window
from insurance_activity.tests.rest import rest_get
from insurance_activity.verification import spot_checks

FULL_5311 = [("Phone Appointment", 5), ("Sales Interview", 3), ("Recruiting Visit", 1)]


def new_prospect(phone: str, name: str = "Prospect Zhang"):
	return ("New Prospect", 1, None, None, phone, name)


def log_count(agent: str) -> int:
	return frappe.db.count("Agent Log", {"agent": agent})


class TestAttainment(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("Att")
		cls.day = last_working_day()
		open_edit_window()

	def test_5311_met_when_every_item_reaches_its_target(self):
		log = make_log(self.org.agent_a1, self.day, [*FULL_5311, new_prospect("13800000001")])
		self.assertEqual(log.standard, "5311 Agent Daily Standard")
		self.assertEqual(
			[log.phone_appointments, log.sales_interviews, log.recruiting_visits, log.new_prospects],
			[5, 3, 1, 1],
		)
		self.assertEqual(log.phone_appointments_target, 5)
		self.assertEqual(log.standard_met, 1)
		self.assertEqual(log.shortfall_summary, "Standard met")

	def test_5311_short_names_each_missing_item_and_by_how_much(self):
		log = make_log(self.org.agent_a2, self.day, [("Phone Appointment", 3), ("Sales Interview", 1)])
		self.assertEqual(log.standard_met, 0)
		self.assertIn("Phone Appointments: short by 2", log.shortfall_summary)
		self.assertIn("Sales Interviews: short by 2", log.shortfall_summary)
		self.assertIn("Recruiting Visits: short by 1", log.shortfall_summary)
		self.assertIn("New Prospects: short by 1", log.shortfall_summary)

	def test_5311_over_target_counts_the_actual_and_is_met(self):
		log = make_log(
			self.org.agent_b1,
			self.day,
			[
				("Phone Appointment", 8),
				("Sales Interview", 2),
				("Home Visit", 2),
				("Recruiting Interview", 1),
				new_prospect("13800000002"),
				("Referral", 2),
			],
		)
		self.assertEqual(log.phone_appointments, 8)
		self.assertEqual(log.sales_interviews, 4)  # interviews and home visits both count as sales interviews
		self.assertEqual(log.referrals, 2)
		self.assertEqual(log.standard_met, 1)

	def test_a_tier_with_its_own_standard_uses_its_targets(self):
		frappe.get_doc(
			{
				"doctype": "Activity Standard",
				"standard_name": "Tier 5 Daily Standard",
				"role": "Agent",
				"productivity_tier": "5",
				"effective_from": "2000-01-01",
				"phone_appointments": 2,
				"sales_interviews": 4,
				"recruiting_visits": 1,
				"new_prospects": 0,
				"referrals": 1,
			}
		).insert()
		log = make_log(self.org.manager_a, self.day, [("Phone Appointment", 2), ("Sales Interview", 3)])
		self.assertEqual(log.standard, "Tier 5 Daily Standard")
		self.assertEqual(
			[log.phone_appointments_target, log.sales_interviews_target, log.referrals_target], [2, 4, 1]
		)
		self.assertIn("Sales Interviews: short by 1", log.shortfall_summary)
		self.assertNotIn("Phone Appointments", log.shortfall_summary)
		# the same tier-3 supervisor still gets the all-tiers 5311
		other = make_log(self.org.sup_b, self.day, [("Phone Appointment", 2)])
		self.assertEqual(other.standard, "5311 Agent Daily Standard")

	def test_no_standard_applies_on_a_non_working_day(self):
		sunday = getdate(self.day)
		while sunday.weekday() != 6:
			sunday = add_days(sunday, -1)
		log = make_log(self.org.agent_a1, sunday, [("Phone Appointment", 1)])
		self.assertEqual(log.is_working_day, 0)
		self.assertEqual(log.phone_appointments_target, 0)
		self.assertEqual(log.standard_met, 1)

	def test_111_lists_reports_not_yet_tracked_and_is_met_when_all_three_are_done(self):
		log = make_log(self.org.sup_a, self.day, FULL_5311)
		log.append("tracking_calls", {"report": self.org.agent_a1, "notes": "plan for today"})
		log.save()
		self.assertEqual(log.is_supervisor, 1)
		self.assertEqual([log.tracking_calls_done, log.tracking_calls_target], [1, 2])
		self.assertEqual(log.missing_tracking_calls, "Att Agent A2")
		self.assertEqual(log.supervisor_standard_met, 0)
		self.assertIn("Tracking Calls: short by 1", log.shortfall_summary)

		log.append("tracking_calls", {"report": self.org.agent_a2})
		log.append(
			"tracking_calls", {"report": self.org.agent_a2}
		)  # a second call to the same report counts once
		log.coaching_report, log.coaching_type = self.org.agent_a2, "Accompanied Visit"
		log.save()
		self.assertEqual([log.tracking_calls_done, log.coaching_sessions, log.spot_checks], [2, 1, 0])
		self.assertEqual(log.missing_tracking_calls, "")

		# the spot-check is a Callback Check on a report's visit of the previous working day, once called
		visit = make_log(
			self.org.agent_a1,
			spot_checks.visit_day(self.org.sup_a, self.day),
			[("Sales Interview", 1, None, None, "13800000021", "Customer Li")],
		)
		check = spot_checks.start_spot_check(self.org.sup_a, visit.name, visit.activities[0].name, self.day)
		check.record_call("Answered")
		log.reload()
		self.assertEqual([log.spot_checks, log.spot_check_callback], [1, check.name])
		self.assertEqual(log.supervisor_standard_met, 1)

	def test_a_tracking_call_to_someone_outside_the_team_is_refused(self):
		log = make_log(self.org.sup_b, add_days(self.day, -1), [])
		log.append("tracking_calls", {"report": self.org.agent_a1})
		self.assertRaisesRegex(frappe.ValidationError, "is not a direct report", log.save)

	def test_new_prospect_links_the_existing_lead_with_that_phone(self):
		lead = frappe.get_doc(
			{"doctype": "Lead", "first_name": "Existing Wang", "mobile_no": "13900000009"}
		).insert()
		before = frappe.db.count("Lead")
		log = make_log(self.org.agent_a2, add_days(self.day, -1), [new_prospect("+86 139-0000-0009", "Wang")])
		self.assertEqual((log.activities[0].party_type, log.activities[0].party), ("Lead", lead.name))
		self.assertEqual(frappe.db.count("Lead"), before)

	def test_new_prospect_with_a_new_phone_creates_one_lead_owned_by_the_agent(self):
		log = make_log(self.org.agent_b1, add_days(self.day, -1), [new_prospect("13700000077", "Chen Jie")])
		lead = frappe.get_doc("Lead", log.activities[0].party)
		self.assertEqual((lead.mobile_no, lead.lead_owner), ("+8613700000077", self.org.users.agent_b1))


class TestBadInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("Bad")
		cls.day = last_working_day()
		open_edit_window()

	def tearDown(self):
		open_edit_window()

	def assert_refused(self, pattern, agent, *args, **kwargs):
		before = log_count(agent)
		self.assertRaisesRegex(frappe.ValidationError, pattern, make_log, agent, *args, **kwargs)
		self.assertEqual(log_count(agent), before, "nothing may be stored")

	def test_a_log_for_a_future_date_is_refused(self):
		self.assert_refused("future date", self.org.agent_a1, add_days(today(), 1), FULL_5311)

	def test_a_second_log_for_the_same_day_is_refused_naming_the_first(self):
		first = make_log(self.org.agent_a1, self.day, FULL_5311)
		self.assert_refused(first.name, self.org.agent_a1, self.day, [("Phone Appointment", 1)])

	def test_a_negative_count_is_refused(self):
		self.assert_refused("cannot be negative", self.org.agent_a2, self.day, [("Phone Appointment", -2)])

	def test_a_party_that_does_not_exist_is_refused(self):
		self.assert_refused(
			"Customer No Such Customer does not exist",
			self.org.agent_b1,
			self.day,
			[("Sales Interview", 1, "Customer", "No Such Customer", "13800000003")],
		)

	def test_a_new_prospect_without_phone_is_refused(self):
		self.assert_refused(
			"needs a phone", self.org.sup_b, self.day, [("New Prospect", 1, None, None, None, "X")]
		)

	def test_agent_cannot_change_a_log_after_the_edit_window_but_the_supervisor_amends_with_a_reason(self):
		lock_days = 1
		open_edit_window(lock_days)
		old_day = last_working_day(add_days(today(), -lock_days - 1))
		log = make_log(
			self.org.agent_a2, old_day, [("Phone Appointment", 2)], submit=True, ignore_edit_window=True
		)

		frappe.set_user(self.org.users.agent_a2)
		try:
			own = frappe.get_doc("Agent Log", log.name)
			self.assertRaisesRegex(frappe.ValidationError, "is locked since", own.cancel)
			self.assertEqual(frappe.db.get_value("Agent Log", log.name, "docstatus"), 1)
			draft = frappe.copy_doc(frappe.get_doc("Agent Log", log.name))
			draft.docstatus, draft.amended_from = 0, log.name
			self.assertRaisesRegex(frappe.ValidationError, "locked", draft.insert)
		finally:
			frappe.set_user("Administrator")

		frappe.set_user(self.org.users.sup_a)
		try:
			original = frappe.get_doc("Agent Log", log.name)
			original.cancel()
			amended = frappe.copy_doc(original)
			amended.docstatus, amended.amended_from = 0, original.name
			amended.activities[0].activity_count = 5
			self.assertRaisesRegex(frappe.ValidationError, "amendment reason", amended.insert)
			amended.amendment_reason = "Agent forgot three calls; confirmed at the morning meeting"
			amended.insert()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Agent Log", log.name, "docstatus"), 2, "history kept")
		self.assertEqual(amended.phone_appointments, 5)

	def test_the_agent_cannot_review_their_own_log(self):
		log = make_log(self.org.agent_a1, add_days(self.day, -1), FULL_5311, submit=True)
		frappe.set_user(self.org.users.agent_a1)
		try:
			log = frappe.get_doc("Agent Log", log.name)
			log.review_status = "Reviewed"
			self.assertRaisesRegex(frappe.ValidationError, "Only the agent's supervisor", log.save)
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(self.org.users.sup_a)
		try:
			log = frappe.get_doc("Agent Log", log.name)
			log.review_status, log.supervisor_comment = "Reviewed", "Good day"
			log.save()
			self.assertEqual(log.reviewed_by, self.org.users.sup_a)
		finally:
			frappe.set_user("Administrator")


class TestReviewIsTheSupervisors(FrappeTestCase):
	"""Only the agent's supervisor or office manager sets the review: on insert, update, REST and amend."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("Rev")
		cls.day = last_working_day()
		frappe.db.set_single_value("Insurance Activity Settings", "log_lock_days", 60)

	def test_an_agent_inserting_a_reviewed_log_is_refused(self):
		frappe.set_user(self.org.users.agent_a1)
		try:
			self.assertRaisesRegex(
				frappe.ValidationError,
				"Only the agent's supervisor",
				make_log,
				self.org.agent_a1,
				self.day,
				FULL_5311,
				review_status="Reviewed",
				supervisor_comment="Great day, says me",
			)
		finally:
			frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Agent Log", {"agent": self.org.agent_a1, "log_date": self.day}))

	def test_an_agent_cannot_review_through_rest(self):
		from insurance_activity.tests.rest import rest_post

		status, body = rest_post(
			self.org.users.agent_a2,
			"/api/resource/Agent Log",
			{
				"agent": self.org.agent_a2,
				"log_date": str(add_days(self.day, -2)),
				"activities": [{"activity_kind": "Phone Appointment", "activity_count": 1}],
				"review_status": "Reviewed",
				"supervisor_comment": "self-review",
			},
		)
		self.assertNotEqual(status, 200, body)
		self.assertFalse(
			frappe.db.exists("Agent Log", {"agent": self.org.agent_a2, "review_status": "Reviewed"})
		)

	def test_a_supervisor_cannot_review_their_own_log(self):
		log = make_log(self.org.sup_a, add_days(self.day, -3), FULL_5311, ignore_edit_window=True)
		frappe.set_user(self.org.users.sup_a)
		try:
			log = frappe.get_doc("Agent Log", log.name)
			log.review_status = "Reviewed"
			self.assertRaisesRegex(frappe.ValidationError, "Only the agent's supervisor", log.save)
		finally:
			frappe.set_user("Administrator")

	def test_an_amended_log_starts_unreviewed(self):
		log = make_log(self.org.agent_a1, add_days(self.day, -4), FULL_5311, submit=True)
		frappe.set_user(self.org.users.sup_a)
		try:
			log = frappe.get_doc("Agent Log", log.name)
			log.review_status, log.supervisor_comment = "Reviewed", "Good day"
			log.save()
			log.cancel()
			amended = frappe.copy_doc(log)  # the review fields copied, as a client might send them
			amended.docstatus, amended.amended_from = 0, log.name
			amended.amendment_reason = "corrected a count"
			amended.insert()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(amended.review_status, "Pending")
		self.assertFalse(amended.supervisor_comment or amended.reviewed_by)


class TestPermissionMatrix(FrappeTestCase):
	"""An agent sees their own logs, a supervisor their subtree, an office manager their office, admins all."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("Perm")
		day = last_working_day()
		cls.people = [org.manager_a, org.sup_a, org.agent_a1, org.agent_a2, org.sup_b, org.agent_b1]
		cls.logs = {
			p: make_log(p, day, [("Phone Appointment", 1)], ignore_edit_window=True).name for p in cls.people
		}
		frappe.db.commit()
		cls.expected = {
			org.users.agent_a1: {org.agent_a1},
			org.users.agent_a2: {org.agent_a2},
			org.users.sup_a: {org.sup_a, org.agent_a1, org.agent_a2},
			org.users.sup_b: {org.sup_b, org.agent_b1},
			org.users.manager_a: {org.manager_a, org.sup_a, org.agent_a1, org.agent_a2},
			org.users.admin: set(cls.people),
		}

	def visible_via_get_list(self, user):
		rows = frappe.get_list(
			"Agent Log",
			filters={"agent": ("in", self.people)},
			fields=["agent"],
			user=user,
			limit_page_length=0,
		)
		return {r.agent for r in rows}

	def test_get_list_follows_the_hierarchy(self):
		for user, expected in self.expected.items():
			self.assertEqual(self.visible_via_get_list(user), expected, user)

	def test_rest_list_follows_the_hierarchy(self):
		for user, expected in self.expected.items():
			status, body = rest_get(
				user,
				"/api/resource/Agent Log",
				{"filters": [["agent", "in", self.people]], "fields": ["agent"], "limit_page_length": 0},
			)
			self.assertEqual(status, 200, user)
			self.assertEqual({r["agent"] for r in body["data"]}, expected, user)

	def test_rest_form_of_another_agents_log_is_forbidden(self):
		status, _ = rest_get(
			self.org.users.agent_a1, f"/api/resource/Agent Log/{self.logs[self.org.agent_a2]}"
		)
		self.assertEqual(status, 403)
		status, _ = rest_get(self.org.users.sup_b, f"/api/resource/Agent Log/{self.logs[self.org.agent_a1]}")
		self.assertEqual(status, 403)
		status, body = rest_get(
			self.org.users.sup_a, f"/api/resource/Agent Log/{self.logs[self.org.agent_a1]}"
		)
		self.assertEqual((status, body["data"]["agent"]), (200, self.org.agent_a1))

	@classmethod
	def tearDownClass(cls):
		frappe.db.delete("Agent Log", {"name": ("in", list(cls.logs.values()))})
		frappe.db.commit()
		super().tearDownClass()
