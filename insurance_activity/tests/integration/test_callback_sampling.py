"""Issue 11, item 2: the daily callback sample does what the settings say, on a real site.

The rate sets the day's volume; coverage looks back at earlier unchecked visits before the no-repeat rule
drops an overdue agent's day; no customer is called twice within the no-repeat window, spot-checks
included; an officer at the day's capacity is refused a check by hand; overlapping runs and a spot-check
started while the morning run is open never check a visit twice. Each test samples its own day far in the
past (or before the test org existed), so no other test's logs are on it.
"""

import json
import math

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from insurance_activity.setup import constraints
from insurance_activity.tests.concurrent import act_together, refused_or
from insurance_activity.tests.factories import make_log, make_org
from insurance_activity.tests.integration.test_callback_check import (
	CHECK,
	callback_settings,
	checks_of,
	interview,
	manual_check,
	visits,
)
from insurance_activity.tests.rest import rest_put
from insurance_activity.verification import sampling, spot_checks

RUN = "Callback Sampling Run"
ISSUE_11 = {  # the demo's settings in issue 11
	"callback_sampling_rate": 10,
	"callback_min_per_agent": 1,
	"callback_min_per_team": 2,
	"callback_coverage_days": 7,
	"callback_no_repeat_days": 30,
	"callback_officer_capacity": 40,
}


def settings_now() -> dict:
	"""The committed values callback_settings changes, to put back after a test class that commits."""
	fields = [*ISSUE_11, "callback_max_attempts", "log_lock_days"]
	return {f: frappe.db.get_single_value("Insurance Activity Settings", f) for f in fields}


def put_back(values: dict):
	for fieldname, value in values.items():
		frappe.db.set_single_value("Insurance Activity Settings", fieldname, value)


def day_back(days: int):
	return getdate(add_days(today(), -days))


def remove_day(activity_date, logs: list[str]):
	"""Everything a test of a day left committed: its run, checks, logs."""
	runs = frappe.get_all(RUN, filters={"activity_date": activity_date}, pluck="name")
	checks = frappe.get_all(
		CHECK, filters={"agent_log": ("in", logs or [""])}, pluck="name"
	) + frappe.get_all(CHECK, filters={"sampling_run": ("in", runs or [""])}, pluck="name")
	for name in set(checks):
		frappe.db.delete("Callback Attempt", {"parent": name})
		frappe.db.delete("ToDo", {"reference_type": CHECK, "reference_name": name})
		frappe.db.delete(CHECK, {"name": name})
	for run in runs:
		frappe.db.delete("Callback Sampling Exclusion", {"parent": run})
		frappe.db.delete(RUN, {"name": run})
	for log in logs:
		frappe.db.delete("Agent Log Activity", {"parent": log})
		frappe.db.delete("Agent Log", {"name": log})


class TestTheRateSetsTheVolume(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("SmpRate")

	def setUp(self):
		callback_settings(**ISSUE_11)

	def checked_recently(self, day):
		"""Every agent checked within the window and each team twice: no minimum asks for a check today."""
		org = self.org
		earlier = add_days(day, -2)
		for n, (agent, count) in enumerate(((org.agent_a1, 1), (org.agent_a2, 1), (org.agent_b1, 2))):
			log = make_log(
				agent, earlier, visits(f"rate-old-{agent}", count, 40_000 + n * 10), ignore_edit_window=True
			)
			for idx in range(1, count + 1):
				manual_check(log, idx, org.users.officer, add_days(day, -1))

	def log_uneven_day(self, day, base: int):
		"""15 verifiable visits: A1 12, A2 1, B1 2; plus a phone appointment and a visit without a phone each."""
		org, logs = self.org, []
		for n, (agent, count) in enumerate(((org.agent_a1, 12), (org.agent_a2, 1), (org.agent_b1, 2))):
			rows = [("Phone Appointment", 5), *visits(f"rate-{agent}-{day}", count, base + n * 100)]
			rows.append(interview(None, f"{agent} No Phone"))
			logs.append(make_log(agent, day, rows, ignore_edit_window=True).name)
		return logs

	def test_issue_11_at_rate_0_nothing_is_sampled_when_every_agent_and_team_was_checked_within_the_window(
		self,
	):
		"""On main every rate from 0% to 10% gave one check per agent every day (3 here)."""
		callback_settings(**{**ISSUE_11, "callback_sampling_rate": 0})
		day = day_back(500)
		self.checked_recently(day)
		logs = self.log_uneven_day(day, 41_000)
		summary = sampling.run_sampling(day)

		self.assertEqual(checks_of(logs), [])
		self.assertEqual((summary["checks_created"], summary["target_by_rate"]), (0, 0))

	def test_issue_11_at_rate_10_the_day_gets_rate_times_verifiable_visits_rounded_up(self):
		"""15 verifiable visits at 10%: ceil(1.5) = 2 checks (main: max(1, ceil(10% x each agent's)) = 4)."""
		day = day_back(510)
		self.checked_recently(day)
		logs = self.log_uneven_day(day, 42_000)
		summary = sampling.run_sampling(day)

		self.assertEqual(len(checks_of(logs)), math.ceil(0.10 * 15))
		self.assertEqual((summary["checks_created"], summary["target_by_rate"]), (2, 2))

	def test_minimums_and_coverage_still_hold_over_the_window(self):
		"""Nobody checked within the window: each agent gets one, each team two, whatever the rate."""
		callback_settings(**{**ISSUE_11, "callback_sampling_rate": 0})
		day = day_back(520)
		logs = self.log_uneven_day(day, 43_000)
		sampling.run_sampling(day)

		checks = checks_of(logs)
		per_agent = {c.agent for c in checks}
		per_team = [c.supervisor for c in checks]
		self.assertEqual(per_agent, {self.org.agent_a1, self.org.agent_a2, self.org.agent_b1})
		self.assertGreaterEqual(per_team.count(self.org.sup_a), 2)
		self.assertGreaterEqual(per_team.count(self.org.sup_b), 2)


class TestCoverageLooksBack(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("SmpCover")

	def setUp(self):
		callback_settings(**{**ISSUE_11, "callback_sampling_rate": 0, "callback_min_per_team": 0})

	def test_issue_11_an_overdue_agent_whose_day_is_all_recent_customers_is_checked_on_an_earlier_visit(self):
		org = self.org
		day = day_back(530)
		recent_phone = "13955550001"
		# A1's customer was called 5 days ago; A1 (never checked) saw only them yesterday
		called = make_log(
			org.agent_b1, add_days(day, -6), [interview(recent_phone, "Called")], ignore_edit_window=True
		)
		manual_check(called, 1, org.users.officer, add_days(day, -4))
		earlier = make_log(
			org.agent_a1,
			add_days(day, -3),
			[interview("13955550002", "Fresh Customer")],
			ignore_edit_window=True,
		)
		today_log = make_log(
			org.agent_a1, day, [interview(recent_phone, "Called Again")], ignore_edit_window=True
		)
		summary = sampling.run_sampling(day)

		self.assertEqual(checks_of([today_log.name]), [])
		looked_back = checks_of([earlier.name])
		self.assertEqual([c.activity_row for c in looked_back], [earlier.activities[0].name])
		self.assertEqual(summary["skipped_recent_customer"], 1)
		self.assertEqual(summary["checks_on_earlier_visits"], 1)
		run = frappe.get_doc(RUN, summary["name"])
		self.assertNotIn(
			org.agent_a1, [e.agent for e in run.exclusions if e.reason == "Overdue Agent Not Covered"]
		)

	def test_a_stored_run_redraws_identically(self):
		"""Also after a supervisor's spot-check of the same day and a later day's run that looks back."""
		org = self.org
		on_date = next(
			d
			for d in (day_back(k) for k in range(540, 550))
			if spot_checks.visit_day(org.sup_a, d) == getdate(add_days(d, -1))
		)
		day = getdate(add_days(on_date, -1))
		callback_settings(**{**ISSUE_11, "callback_sampling_rate": 30})
		make_log(org.agent_a2, add_days(day, -2), visits("redraw-old", 3, 44_000), ignore_edit_window=True)
		logs = {
			agent: make_log(
				agent, day, visits(f"redraw-{agent}", 6, 44_100 + n * 10), ignore_edit_window=True
			)
			for n, agent in enumerate((org.agent_a1, org.agent_a2, org.agent_b1))
		}
		summary = sampling.run_sampling(day)
		stored = set(frappe.get_all(CHECK, filters={"sampling_run": summary["name"]}, pluck="activity_row"))
		spot = next(r for r in logs[org.agent_a1].activities if r.name not in stored)
		spot_checks.start_spot_check(org.sup_a, logs[org.agent_a1].name, spot.name, on_date)
		sampling.run_sampling(on_date)

		replayed = sampling.plan_sample(day, replay_of=summary["name"])["result"]
		self.assertEqual({c.activity_id for c in replayed.selected}, stored)


class TestNoRepeatIncludesSpotChecks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("SmpRepeat")
		cls.on_date = day_back(560)
		cls.visit_day = spot_checks.visit_day(cls.org.sup_a, cls.on_date)

	def setUp(self):
		callback_settings(**ISSUE_11)

	def test_issue_11_a_customer_called_by_the_company_is_neither_offered_nor_spot_checked_within_30_days(
		self,
	):
		org = self.org
		phone = "13966660001"
		# the company called the customer 10 days before the supervisor's spot-check
		before = make_log(
			org.agent_a2, add_days(self.visit_day, -12), [interview(phone, "Called")], ignore_edit_window=True
		)
		manual_check(before, 1, org.users.officer, add_days(self.on_date, -10))
		log = make_log(
			org.agent_a1, self.visit_day, [interview(phone, "Called Again")], ignore_edit_window=True
		)

		offer = spot_checks.offer_spot_check(org.sup_a, self.on_date)
		self.assertIsNone(offer["offered"])  # main offered the recently called customer as a fallback
		self.assertEqual([c.recently_called for c in offer["choices"]], [True])
		self.assertRaisesRegex(
			spot_checks.CalledRecently,
			"was called within the last 30 days",
			spot_checks.start_spot_check,
			org.sup_a,
			log.name,
			log.activities[0].name,
			self.on_date,
		)
		self.assertEqual(checks_of([log.name]), [])

	def test_a_customer_called_31_days_before_may_be_spot_checked(self):
		org = self.org
		phone = "13966660002"
		on_date = add_days(self.on_date, -40)
		visit_day = spot_checks.visit_day(org.sup_a, on_date)
		before = make_log(
			org.agent_a2, add_days(visit_day, -40), [interview(phone, "Long Ago")], ignore_edit_window=True
		)
		manual_check(before, 1, org.users.officer, add_days(on_date, -31))
		log = make_log(org.agent_a1, visit_day, [interview(phone, "Again")], ignore_edit_window=True)

		offer = spot_checks.offer_spot_check(org.sup_a, on_date)
		self.assertEqual(offer["offered"].activity_row, log.activities[0].name)
		check = spot_checks.start_spot_check(org.sup_a, log.name, log.activities[0].name, on_date)
		self.assertEqual(check.source, "Supervisor Spot-check")


class TestOfficerCapacityByHand(FrappeTestCase):
	"""Capacity 2: the officer already has two checks on the day; a third by hand is refused (form and REST),
	and the sampler counts the same load."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("SmpCap")
		cls.day = day_back(580)
		cls.call_day = getdate(add_days(cls.day, 1))
		cls.settings_before = settings_now()
		callback_settings(**{**ISSUE_11, "callback_officer_capacity": 2})
		cls.log = make_log(cls.org.agent_a1, cls.day, visits("cap", 4, 45_000), ignore_edit_window=True)
		for idx in (1, 2):
			manual_check(cls.log, idx, cls.org.users.officer, cls.call_day)
		cls.unassigned = frappe.get_doc(
			{
				"doctype": CHECK,
				"source": "Manual",
				"agent_log": cls.log.name,
				"activity_idx": 3,
				"callback_date": cls.call_day,
			}
		).insert()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		remove_day(cls.day, [cls.log.name])
		put_back(cls.settings_before)
		frappe.db.commit()
		super().tearDownClass()

	def test_issue_11_an_officer_at_the_days_capacity_is_refused_a_check_by_hand(self):
		doc = frappe.get_doc(CHECK, self.unassigned.name)
		doc.assigned_officer = self.org.users.officer
		self.assertRaisesRegex(frappe.ValidationError, "already has 2 checks on .* \\(2\\)", doc.save)
		self.assertRaisesRegex(
			frappe.ValidationError,
			"already has 2 checks",
			manual_check,
			self.log,
			4,
			self.org.users.officer,
			self.call_day,
		)
		# another day has room
		self.assertTrue(manual_check(self.log, 4, self.org.users.officer, add_days(self.call_day, 1)).name)
		frappe.db.rollback()

	def test_an_officer_at_capacity_is_refused_through_rest_too(self):
		status, body = rest_put(
			self.org.users.admin,
			f"/api/resource/{CHECK}/{self.unassigned.name}",
			{"assigned_officer": self.org.users.officer},
		)
		self.assertEqual(status, 417, body)
		self.assertIn("already has 2 checks", json.dumps(body))
		frappe.db.rollback()
		self.assertFalse(frappe.db.get_value(CHECK, self.unassigned.name, "assigned_officer"))

	def test_the_sampler_counts_the_same_load(self):
		callback_settings(**{**ISSUE_11, "callback_officer_capacity": 2, "callback_sampling_rate": 100})
		other = make_log(self.org.agent_a2, self.day, visits("cap-s", 6, 45_100), ignore_edit_window=True)
		summary = sampling.run_sampling(self.day)
		mine = frappe.get_all(
			CHECK, filters={"sampling_run": summary["name"], "assigned_officer": self.org.users.officer}
		)
		self.assertEqual(mine, [])
		self.assertGreater(len(checks_of([other.name])), 0)
		frappe.db.rollback()


def race_sampling(activity_date: str) -> dict:
	"""One of two overlapping runs of a day's sampling (a process of act_together)."""
	summary = sampling.run_sampling(activity_date)
	return {"already_run": bool(summary["already_run"]), "run": summary.get("name")}


def race_spot_check(supervisor: str, agent_log: str, activity_row: str, on_date: str) -> dict:
	"""A supervisor's spot-check started while the morning run is open (a process of act_together)."""
	return refused_or(
		lambda: {"check": spot_checks.start_spot_check(supervisor, agent_log, activity_row, on_date).name}
	)


class TestOverlappingRuns(FrappeTestCase):
	"""Real processes at the same moment (tests/concurrent.py); what they write is committed and removed."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("SmpRace")
		cls.logs = []
		cls.settings_before = settings_now()

	def setUp(self):
		callback_settings(**{**ISSUE_11, "callback_sampling_rate": 100})
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()
		for day in getattr(self, "days", []):
			remove_day(day, self.logs)
		self.logs.clear()
		put_back(self.settings_before)
		frappe.db.commit()

	def test_issue_11_a_second_run_of_the_same_day_reports_already_run(self):
		day = self.days = [day_back(600)]
		for n, agent in enumerate((self.org.agent_a1, self.org.agent_b1)):
			self.logs.append(
				make_log(
					agent, day[0], visits(f"race-{agent}", 4, 46_000 + n * 10), ignore_edit_window=True
				).name
			)
		frappe.db.commit()

		outcomes = act_together([(f"{__name__}.race_sampling", {"activity_date": str(day[0])})] * 2)

		frappe.db.rollback()
		self.assertEqual(sorted(o["already_run"] for o in outcomes), [False, True], outcomes)
		self.assertEqual(len(frappe.get_all(RUN, filters={"activity_date": day[0]})), 1)
		rows = [c.activity_row for c in checks_of(self.logs)]
		self.assertEqual(len(rows), 8)
		self.assertEqual(len(set(rows)), len(rows))

	def test_issue_11_a_spot_check_started_while_the_morning_run_is_open_never_checks_a_visit_twice(self):
		on_date = day_back(620)
		visit_day = spot_checks.visit_day(self.org.sup_a, on_date)
		self.days = [visit_day]
		log = make_log(self.org.agent_a1, visit_day, visits("race-spot", 3, 47_000), ignore_edit_window=True)
		self.logs.append(log.name)
		frappe.db.commit()
		row = log.activities[1].name

		outcomes = act_together(
			[
				(f"{__name__}.race_sampling", {"activity_date": str(visit_day)}),
				(
					f"{__name__}.race_spot_check",
					{
						"supervisor": self.org.sup_a,
						"agent_log": log.name,
						"activity_row": row,
						"on_date": str(on_date),
					},
				),
			]
		)

		frappe.db.rollback()
		checks = frappe.get_all(CHECK, filters={"activity_row": row}, fields=["name", "source"])
		self.assertEqual(len(checks), 1, (checks, outcomes))
		spot = outcomes[1]
		if "refused" in spot:
			self.assertIn("is already verified by", spot["refused"])
			self.assertNotIn("Duplicate", spot["refused"])
		else:
			self.assertEqual(checks[0].name, spot["check"])
		self.assertFalse(outcomes[0]["already_run"])

	def test_the_key_is_in_place_after_install(self):
		self.assertTrue(constraints.has_check_key())
