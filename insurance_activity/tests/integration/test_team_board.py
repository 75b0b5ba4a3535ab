"""The supervisor's team board (主管看板) on a real site: each report's day, one-tap tracking calls for the
caller's own reports only, no board for agents, and the page itself on a 390 px phone screen."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from insurance_activity.api.team_board import get_board, record_tracking_call
from insurance_activity.tests.artifacts import ARTIFACTS
from insurance_activity.tests.factories import last_working_day, make_log, make_org
from insurance_activity.tests.screens import PhoneScreenTestCase

FULL_5311 = [("Phone Appointment", 5), ("Sales Interview", 3), ("Recruiting Visit", 1)]
# a log of a day past the agent's edit window is made by an admin, who gives a reason
SETUP = {"amendment_reason": "test data"}


def new_prospect(phone: str):
	return ("New Prospect", 1, None, None, phone, f"Prospect {phone[-4:]}")


def latest_working_day():
	"""Today when it is a working day, else the working day before: a day with a 5311 target."""
	return last_working_day(add_days(getdate(today()), 1))


def cards(board) -> dict:
	return {report["employee"]: report for report in board["reports"]}


class TestTeamBoard(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("TBD")
		cls.day = latest_working_day()
		make_log(
			org.agent_a1,
			cls.day,
			[*FULL_5311, new_prospect("13922220001")],
			yesterday_results="Met Mr Wang and Ms Li; Wang wants a proposal",
			today_plan="Proposal for Wang, two phone appointments",
			**SETUP,
		)
		make_log(org.agent_a2, cls.day, [("Phone Appointment", 3), ("Sales Interview", 1)], **SETUP)

	def tearDown(self):
		frappe.set_user("Administrator")

	def board_as(self, user, **kwargs):
		frappe.set_user(user)
		return get_board(**kwargs)

	def test_board_shows_who_logged_who_met_5311_and_what_is_missing(self):
		board = self.board_as(self.org.users.sup_a, date=str(self.day))
		self.assertEqual(board["supervisor"], self.org.sup_a)
		reports = cards(board)
		self.assertEqual(set(reports), {self.org.agent_a1, self.org.agent_a2})

		a1, a2 = reports[self.org.agent_a1], reports[self.org.agent_a2]
		self.assertTrue(a1["logged"] and a1["met"])
		self.assertEqual(a1["missing"], [])
		self.assertEqual(a1["log_url"], f"/app/agent-log/{a1['log']}")
		self.assertTrue(a2["logged"])
		self.assertFalse(a2["met"])
		self.assertEqual(
			{m["item"]: m["short"] for m in a2["missing"]},
			{"phone_appointments": 2, "sales_interviews": 2, "recruiting_visits": 1, "new_prospects": 1},
		)
		totals = board["totals"]
		self.assertEqual((totals["size"], totals["logged"], totals["met"]), (2, 2, 1))
		phone = next(i for i in totals["items"] if i["item"] == "phone_appointments")
		self.assertEqual((phone["actual"], phone["target"]), (8, 10))

	def test_board_carries_yesterdays_results_and_todays_plan_for_the_morning_meeting(self):
		a1 = cards(self.board_as(self.org.users.sup_a, date=str(self.day)))[self.org.agent_a1]
		self.assertIn("Mr Wang", a1["yesterday_results"])
		self.assertIn("Proposal for Wang", a1["today_plan"])

	def test_a_report_without_a_log_is_flagged(self):
		b1 = cards(self.board_as(self.org.users.sup_b, date=str(self.day)))[self.org.agent_b1]
		self.assertFalse(b1["logged"] or b1["met"])
		self.assertEqual([m["item"] for m in b1["missing"]], ["no_log"])
		self.assertIsNone(b1["log_url"])

	def test_a_tracking_call_is_recorded_on_the_supervisors_log_and_shows_on_the_board(self):
		board = self.board_as(self.org.users.sup_a)
		self.assertTrue(board["can_record_calls"])
		self.assertFalse(cards(board)[self.org.agent_a1]["tracked"])

		result = record_tracking_call(self.org.agent_a1, notes="Plans two interviews this afternoon")
		log = frappe.get_doc("Agent Log", result["log"])
		self.assertEqual((log.agent, str(log.log_date), log.docstatus), (self.org.sup_a, today(), 0))
		self.assertEqual([row.report for row in log.tracking_calls], [self.org.agent_a1])
		self.assertEqual(log.tracking_calls[0].report_name, "TBD Agent A1")

		board = get_board()
		a1, a2 = cards(board)[self.org.agent_a1], cards(board)[self.org.agent_a2]
		self.assertTrue(a1["tracked"])
		self.assertEqual(a1["call_notes"], "Plans two interviews this afternoon")
		self.assertFalse(a2["tracked"])
		self.assertEqual(board["totals"]["tracked"], 1)

		# the second call goes on the same log: one log a day
		self.assertEqual(record_tracking_call(self.org.agent_a2)["log"], log.name)
		self.assertEqual(get_board()["totals"]["tracked"], 2)
		self.assertEqual(frappe.get_doc("Agent Log", log.name).tracking_calls_done, 2)

	def test_a_tracking_call_for_someone_elses_report_is_refused(self):
		frappe.set_user(self.org.users.sup_a)
		self.assertRaises(frappe.PermissionError, record_tracking_call, self.org.agent_b1)
		# the office manager is above agent A1 but A1 is not their direct report
		frappe.set_user(self.org.users.manager_a)
		self.assertRaises(frappe.PermissionError, record_tracking_call, self.org.agent_a1)
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.exists("Agent Log", {"agent": self.org.manager_a, "log_date": today()}))

	def test_an_agent_cannot_get_a_board_or_record_a_call(self):
		frappe.set_user(self.org.users.agent_a1)
		self.assertRaises(frappe.PermissionError, get_board)
		self.assertRaises(frappe.PermissionError, get_board, supervisor=self.org.sup_a)
		self.assertRaises(frappe.PermissionError, record_tracking_call, self.org.agent_a2)

	def test_a_date_that_is_no_day_is_refused(self):
		"""get_board read 0001-01-01 (no date to Frappe's getdate) as None and answered a board dated "None"."""
		for date in ("0001-01-01", "9999-12-31", "abc"):
			with self.subTest(date=date):
				self.assertRaises(frappe.ValidationError, self.board_as, self.org.users.sup_a, date=date)

	def test_a_supervisor_cannot_open_another_teams_board(self):
		frappe.set_user(self.org.users.sup_b)
		self.assertRaises(frappe.PermissionError, get_board, supervisor=self.org.sup_a)

	def test_office_manager_sees_every_team_of_their_office_and_can_open_one(self):
		board = self.board_as(self.org.users.manager_a, date=str(self.day))
		self.assertEqual(board["supervisor"], self.org.manager_a)  # their own team first
		teams = {team["supervisor"]: team for team in board["teams"]}
		self.assertEqual(set(teams), {self.org.manager_a, self.org.sup_a})  # not office B's team
		self.assertEqual((teams[self.org.sup_a]["size"], teams[self.org.sup_a]["met"]), (2, 1))

		board = get_board(date=str(self.day), supervisor=self.org.sup_a)
		self.assertEqual(set(cards(board)), {self.org.agent_a1, self.org.agent_a2})
		self.assertFalse(board["can_record_calls"])  # calls are the team's own supervisor's
		self.assertRaises(frappe.PermissionError, get_board, supervisor=self.org.sup_b)

	def test_an_admin_may_open_any_team(self):
		board = self.board_as(self.org.users.admin, date=str(self.day), supervisor=self.org.sup_b)
		self.assertEqual(set(cards(board)), {self.org.agent_b1})
		self.assertIn(self.org.sup_a, {team["supervisor"] for team in board["teams"]})


class TestTeamBoardOnAPhone(PhoneScreenTestCase):
	"""The page as a supervisor and an office manager see it on a 390 x 844 phone, in headless Chromium."""

	PASSWORD = "Phone-Board-2026!"

	@classmethod
	def make_records(cls):
		org = cls.org = make_org("TBP")
		day = getdate(today())
		make_log(
			org.agent_a1,
			day,
			[*FULL_5311, new_prospect("13933330001")],
			yesterday_results="Two interviews, one proposal accepted",
			today_plan="Follow up the proposal; recruit one",
		)
		make_log(
			org.agent_a2,
			day,
			[("Phone Appointment", 2)],
			today_plan="Five phone appointments this morning",
			problems="Customers put off meetings until after the holiday",
		)
		frappe.db.set_value("Employee", org.agent_a2, "cell_number", "13933330002")
		frappe.set_user(org.users.sup_a)
		record_tracking_call(org.agent_a1, notes="On track")
		frappe.set_user("Administrator")
		return (org.users.sup_a, org.users.manager_a)

	def open_board(self, user: str, picture: str) -> dict:
		return self.screenshot(
			user, "/app/team-board", ARTIFACTS / picture, wait_for=".team-board .report-card"
		)

	def test_team_board_fits_a_390px_phone_and_shows_the_report_cards(self):
		facts = self.open_board(self.org.users.sup_a, "team_board_390.png")
		self.assertEqual(facts["cards"], 2)
		self.assertLessEqual(facts["scrollWidth"], self.WIDTH, facts)

	def test_office_managers_board_with_the_team_picker_fits_a_390px_phone(self):
		facts = self.open_board(self.org.users.manager_a, "team_board_390_office_manager.png")
		self.assertEqual(facts["cards"], 1)  # their own team: supervisor A
		self.assertLessEqual(facts["scrollWidth"], self.WIDTH, facts)
