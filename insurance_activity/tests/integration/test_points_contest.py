"""Points contests (积分竞赛, issue 15 parts 3-5): points from submitted logs with caps and tier multipliers,
versioned rules, an activity invalidated by a callback losing its points, qualification by standard-met days,
team totals, and a leaderboard that equals an independent computation over the raw Agent Log Activity rows
for an agent, a team and an office; permissions through REST and get_list."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from insurance_activity.api.contest_leaderboard import contest_leaders, get_leaderboard, list_contests
from insurance_activity.tests.artifacts import ARTIFACTS
from insurance_activity.tests.contest_factories import make_contest
from insurance_activity.tests.factories import (
	as_user,
	last_working_day,
	make_log,
	make_org,
	make_user,
	open_edit_window,
)
from insurance_activity.tests.integration.test_callback_check import callback_settings, close_as, manual_check
from insurance_activity.tests.production_factories import make_policy
from insurance_activity.tests.rest import rest_get, rest_put
from insurance_activity.tests.screens import PhoneScreenTestCase

PREFIX = "PCT"
LEDGER = "Points Contest Ledger"
PHONE, INTERVIEW, RECRUIT, PROSPECT = (
	"Phone Appointment",
	"Sales Interview",
	"Recruiting Visit",
	"New Prospect",
)


def full_day(agent_key: str, n: int) -> list[tuple]:
	"""A day meeting the 5311 (5 phone appointments, 3 interviews, 1 recruiting visit, 1 new prospect)."""
	return [
		(PHONE, 5),
		*[(INTERVIEW, 1, None, None, f"1391{n:03d}{i:04d}", f"{agent_key} Customer {i}") for i in range(3)],
		(RECRUIT, 1),
		(PROSPECT, 1, None, None, f"1392{n:03d}0001", f"{agent_key} Prospect"),
	]


def interviews(agent_key: str, n: int, count: int) -> list[tuple]:
	return [(INTERVIEW, 1, None, None, f"1393{n:03d}{i:04d}", f"{agent_key} Visit {i}") for i in range(count)]


# ---------------------------------------------------------------- the independent computation
def raw_points(contest: str, offices: list[str], agents=None) -> dict[str, dict]:
	"""Agent -> {"points", "met_days", "team", "last_day"} from the raw rows (submitted Agent Logs and their
	Agent Log Activity rows), the contest's rule rows and multipliers read as plain data, in plain Python."""
	doc = frappe.get_doc("Points Contest", contest)
	rules = [(r.activity_kind, r.points, r.daily_cap, getdate(r.effective_from)) for r in doc.rules]
	multipliers = {r.productivity_tier: r.multiplier for r in doc.tier_multipliers}
	logs = frappe.get_all(
		"Agent Log",
		filters={"docstatus": 1, "office": ("in", offices)},
		fields=[
			"name",
			"agent",
			"log_date",
			"productivity_tier",
			"standard_met",
			"supervisor",
			"is_supervisor",
		],
	)
	found = {}
	for log in logs:
		day = getdate(log.log_date)
		if not (getdate(doc.from_date) <= day <= getdate(doc.to_date)) or (
			agents and log.agent not in agents
		):
			continue
		counts = {}
		for row in frappe.get_all(
			"Agent Log Activity",
			filters={"parent": log.name, "parenttype": "Agent Log", "is_invalid": 0},
			fields=["activity_kind", "activity_count"],
		):
			counts[row.activity_kind] = counts.get(row.activity_kind, 0) + max(row.activity_count or 0, 1)
		points = 0.0
		for kind, count in counts.items():
			in_force = sorted((r for r in rules if r[0] == kind and r[3] <= day), key=lambda r: r[3])
			if in_force:
				_, per, cap, _ = in_force[-1]
				points += (min(count, cap) if cap else count) * per
		points *= multipliers.get(log.productivity_tier) or 1
		entry = found.setdefault(
			log.agent,
			{
				"points": 0.0,
				"met_days": 0,
				"team": log.agent if log.is_supervisor else log.supervisor,
				"last_day": None,
			},
		)
		entry["points"] += points
		entry["met_days"] += int(log.standard_met)
		if points > 0 and (entry["last_day"] is None or day > entry["last_day"]):
			entry["last_day"] = day
	return found


class TestPointsContest(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org(PREFIX)
		callback_settings()
		open_edit_window()
		cls.d2 = last_working_day()
		cls.d1 = last_working_day(cls.d2)
		cls.start, cls.end = add_days(cls.d1, -3), add_days(cls.d2, 3)
		for name in frappe.get_all("Points Contest", {"name": ("like", f"{PREFIX}%")}, pluck="name"):
			frappe.delete_doc("Points Contest", name, force=True)
		rules = [
			(PHONE, 1, 5, cls.start),
			(INTERVIEW, 3, 0, cls.start),
			(INTERVIEW, 5, 0, cls.d2),  # the rule changed mid-contest: from d2 an interview scores 5
			(RECRUIT, 4, 1, cls.start),
		]
		cls.contest = make_contest(
			f"{PREFIX} Individual",
			cls.start,
			cls.end,
			[org.office_a, org.office_b],
			rules,
			multipliers={"3": 1.5},
			min_standard_met_days=1,
		).name
		cls.team_contest = make_contest(
			f"{PREFIX} Team", cls.start, cls.end, [org.office_a, org.office_b], rules, participation="Team"
		).name
		cls.office_a_only = make_contest(f"{PREFIX} Office A", cls.start, cls.end, [org.office_a], rules).name
		# A1: a full 5311 day on d1 (7 phone appointments: capped at 5), 2 interviews on d2
		first = full_day("A1", 1)
		first[0] = (PHONE, 7)
		cls.a1_d1 = make_log(org.agent_a1, cls.d1, first, submit=True, ignore_edit_window=True)
		cls.a1_d2 = make_log(
			org.agent_a1, cls.d2, interviews("A1", 2, 2), submit=True, ignore_edit_window=True
		)
		# A2: 2 interviews on d1; supervisor A (tier 3, x1.5): 2 interviews on d1; B1: a full day on d2
		cls.a2_d1 = make_log(
			org.agent_a2, cls.d1, interviews("A2", 3, 2), submit=True, ignore_edit_window=True
		)
		cls.sup_d1 = make_log(org.sup_a, cls.d1, interviews("SA", 4, 2), submit=True, ignore_edit_window=True)
		cls.b1_d2 = make_log(org.agent_b1, cls.d2, full_day("B1", 5), submit=True, ignore_edit_window=True)
		make_log(org.agent_a2, cls.d2, interviews("A2d", 6, 3), ignore_edit_window=True)  # a draft: no points
		frappe.db.commit()  # REST requests read through their own connection

	@classmethod
	def tearDownClass(cls):
		for name in (cls.contest, cls.team_contest, cls.office_a_only):
			frappe.delete_doc("Points Contest", name, force=True)
		frappe.db.commit()
		super().tearDownClass()

	def ledger(self, contest, agent, day):
		return frappe.get_all(
			LEDGER,
			filters={"contest": contest, "agent": agent, "day": day},
			fields=["points", "raw_points", "multiplier", "activities", "standard_met", "team"],
		)

	def ledger_name(self, agent):
		return frappe.get_all(LEDGER, filters={"contest": self.contest, "agent": agent}, pluck="name")[0]

	def test_points_are_capped_per_kind_and_multiplied_by_the_tier(self):
		org = self.org
		(a1,) = self.ledger(self.contest, org.agent_a1, self.d1)
		# 7 phone appointments capped at 5 (x1), 3 interviews (x3), 1 recruiting visit (x4); no rule for prospects
		self.assertEqual((a1.activities, a1.points, a1.standard_met), (5 + 3 + 1, 5 + 9 + 4, 1))
		(sup,) = self.ledger(self.contest, org.sup_a, self.d1)
		self.assertEqual((sup.raw_points, sup.multiplier, sup.points), (6, 1.5, 9))
		self.assertEqual(sup.team, org.sup_a)  # a supervisor heads their own team

	def test_a_draft_log_scores_nothing_until_submitted(self):
		self.assertEqual(self.ledger(self.contest, self.org.agent_a2, self.d2), [])

	def test_the_rule_in_force_on_the_activity_date_applies(self):
		(d1,) = self.ledger(self.contest, self.org.agent_a2, self.d1)
		(d2,) = self.ledger(self.contest, self.org.agent_a1, self.d2)
		self.assertEqual((d1.points, d2.points), (2 * 3, 2 * 5))

	def test_a_rule_in_force_is_versioned_not_edited(self):
		doc = frappe.get_doc("Points Contest", self.contest)
		with self.freeze_time(self.d2):
			row = next(r for r in doc.rules if r.activity_kind == PHONE)
			row.points = 9
			self.assertRaisesRegex(frappe.ValidationError, "add a new rule row", doc.save)
			doc.reload()
			doc.rules = [r for r in doc.rules if r.activity_kind != RECRUIT]
			self.assertRaisesRegex(frappe.ValidationError, "cannot be changed or removed", doc.save)
			doc.reload()
			doc.append("rules", {"activity_kind": PHONE, "points": 9, "effective_from": self.d1})
			self.assertRaisesRegex(frappe.ValidationError, "takes effect today or later", doc.save)
			doc.reload()
			doc.append("rules", {"activity_kind": PHONE, "points": 2, "effective_from": self.d2})
			doc.save()  # a new version from today: the days before keep their points
		(a1,) = self.ledger(self.contest, self.org.agent_a1, self.d1)
		self.assertEqual(a1.points, 18)
		(b1,) = self.ledger(self.contest, self.org.agent_b1, self.d2)
		self.assertEqual(b1.points, 5 * 2 + 3 * 5 + 4)
		frappe.db.rollback()

	def test_the_desk_form_saves_a_started_contest_it_sends_back_unchanged(self):
		"""Found in use: a started contest could not be saved from its form at all, because the browser sends
		a rule's whole points as 2 where the database holds 2.0."""
		with self.freeze_time(self.d2):
			sent = frappe.get_doc("Points Contest", self.contest).as_dict()
			for row in sent["rules"]:
				row["points"], row["daily_cap"] = int(row["points"]), int(row["daily_cap"] or 0)
			sent["min_policies"] = 1
			saved = frappe.client.save(frappe.as_json(sent))  # as the form's Save sends it
		self.assertEqual(saved["min_policies"], 1)
		frappe.db.rollback()

	def test_an_activity_invalidated_by_a_callback_after_it_scored_loses_its_points_until_an_appeal_restores_it(
		self,
	):
		org = self.org
		log = make_log(
			org.agent_a2,
			add_days(self.start, 1),
			interviews("A2v", 7, 2),
			submit=True,
			ignore_edit_window=True,
		)
		day = getdate(log.log_date)
		self.assertEqual(self.ledger(self.contest, org.agent_a2, day)[0].points, 6)
		check = manual_check(log, 1, org.users.officer)
		check = close_as(org.users.officer, check.name, "Visit Not Happened", notes="never met")
		self.assertEqual(self.ledger(self.contest, org.agent_a2, day)[0].points, 3)
		# the Conduct Incident's appeal upheld: the visit counts again, and so do its points
		with as_user(org.users.agent_a2):
			frappe.get_doc("Conduct Incident", check.incident).appeal(
				"The customer signed the needs analysis."
			)
		with as_user(org.users.admin):
			frappe.get_doc("Conduct Incident", check.incident).decide_appeal(1, "Signature is genuine")
		self.assertEqual(self.ledger(self.contest, org.agent_a2, day)[0].points, 6)
		close_as(org.users.officer, manual_check(log, 2, org.users.officer).name, "Visit Not Happened")
		self.assertEqual(self.ledger(self.contest, org.agent_a2, day)[0].points, 3)
		# cancelled: the day leaves the ledger; its amendment scores again
		log.reload()
		log.cancel()
		self.assertEqual(self.ledger(self.contest, org.agent_a2, day), [])
		amended = frappe.copy_doc(log)
		amended.amended_from, amended.docstatus = log.name, 0
		amended.flags.ignore_edit_window = True
		amended.insert()
		amended.submit()
		self.assertEqual(len(self.ledger(self.contest, org.agent_a2, day)), 1)
		frappe.db.rollback()

	def test_qualification_needs_the_minimum_standard_met_days(self):
		with as_user(self.org.users.admin):
			rows = {r["participant"]: r for r in get_leaderboard(self.contest)["rows"]}
		self.assertTrue(rows[self.org.agent_a1]["qualified"])  # d1 met the 5311
		self.assertTrue(rows[self.org.agent_b1]["qualified"])
		self.assertFalse(rows[self.org.agent_a2]["qualified"])
		self.assertFalse(rows[self.org.sup_a]["qualified"])

	def test_the_policy_condition_counts_policies_issued_in_the_period(self):
		org = self.org
		frappe.db.set_value("Points Contest", self.contest, "min_policies", 1)
		make_policy("PCT-P-1", org.agent_a1, self.d1)  # in the period
		make_policy("PCT-P-2", org.agent_b1, add_days(self.start, -1))  # the day before it starts
		make_policy("PCT-P-3", org.agent_b1, self.d2, status="Cancelled in Cooling-off")  # no sale
		with as_user(org.users.admin):
			rows = {r["participant"]: r for r in get_leaderboard(self.contest)["rows"]}
		self.assertEqual((rows[org.agent_a1]["policies"], rows[org.agent_a1]["qualified"]), (1, True))
		self.assertEqual((rows[org.agent_b1]["policies"], rows[org.agent_b1]["qualified"]), (0, False))
		frappe.db.rollback()

	def test_the_leaderboard_equals_the_raw_rows_for_an_agent_a_team_and_an_office(self):
		org = self.org
		both = [org.office_a, org.office_b]
		raw = raw_points(self.contest, both)

		def order(entries):
			names = dict(frappe.get_all("Employee", fields=["name", "employee_name"], as_list=True))
			return sorted(
				entries,
				key=lambda k: (
					-round(entries[k]["points"], 2),
					-entries[k]["met_days"],
					entries[k]["last_day"] or getdate("9999-12-31"),
					names[k],
					k,
				),
			)

		# the admin, every office: agents
		with as_user(org.users.admin):
			board = get_leaderboard(self.contest)
		self.assertEqual([r["participant"] for r in board["rows"]], order(raw))
		for r in board["rows"]:
			self.assertAlmostEqual(r["points"], raw[r["participant"]]["points"])
			self.assertEqual(r["standard_met_days"], raw[r["participant"]]["met_days"])
		# agent A1 sees office A's ranking, their own row highlighted; never office B's agents
		with as_user(org.users.agent_a1):
			board = get_leaderboard(self.contest)
		office_a = raw_points(self.contest, [org.office_a])
		self.assertEqual(board["offices"], [org.office_a])
		self.assertEqual([r["participant"] for r in board["rows"]], order(office_a))
		self.assertEqual([r["participant"] for r in board["rows"] if r["is_me"]], [org.agent_a1])
		# the office filter: the admin narrows to office B
		with as_user(org.users.admin):
			board = get_leaderboard(self.contest, org.office_b)
		self.assertEqual(
			[r["participant"] for r in board["rows"]], order(raw_points(self.contest, [org.office_b]))
		)
		# teams: the members' points and standard-met days added up under their head (supervisor A heads
		# their own team with A1 and A2; B1 is in supervisor B's)
		totals, met = {}, {}
		for entry in raw_points(self.team_contest, both).values():
			totals[entry["team"]] = totals.get(entry["team"], 0) + entry["points"]
			met[entry["team"]] = met.get(entry["team"], 0) + entry["met_days"]
		self.assertEqual(set(totals), {org.sup_a, org.sup_b})
		with as_user(org.users.admin):
			board = get_leaderboard(self.team_contest)
		self.assertEqual({r["participant"]: r["points"] for r in board["rows"]}, totals)
		self.assertEqual({r["participant"]: r["standard_met_days"] for r in board["rows"]}, met)
		self.assertEqual([r["participant"] for r in board["rows"]], sorted(totals, key=lambda t: -totals[t]))
		with as_user(org.users.agent_a1):
			board = get_leaderboard(self.team_contest)
		self.assertEqual([(r["participant"], r["is_me"]) for r in board["rows"]], [(org.sup_a, True)])

	def test_the_number_card_gives_the_leading_score_of_the_running_contests_the_user_sees(self):
		with self.freeze_time(self.d2), as_user(self.org.users.agent_b1):
			value = contest_leaders()["value"]
			boards = [get_leaderboard(c["name"]) for c in list_contests() if c["running"]]
		tops = [board["rows"][0] for board in boards if board["rows"]]
		self.assertEqual(len(tops), 2, "the two contests listing office B")
		b1 = frappe.db.get_value("Employee", self.org.agent_b1, "employee_name")
		self.assertIn(b1, {top["name"] for top in tops}, "office B's leader of a contest")
		self.assertEqual(value, max(top["points"] for top in tops))
		self.assertGreater(value, 0)

	def test_the_whole_contest_recompute_is_for_admins_and_rebuilds_the_same_ledger(self):
		fields = ["agent", "day", "points", "standard_met"]
		before = sorted(map(tuple, frappe.get_all(LEDGER, {"contest": self.contest}, fields, as_list=True)))
		with as_user(self.org.users.manager_a):
			doc = frappe.get_doc("Points Contest", self.contest)
			self.assertRaises(frappe.PermissionError, doc.recompute_ledger)
		with as_user(self.org.users.admin):
			result = frappe.get_doc("Points Contest", self.contest).recompute_ledger()
		after = sorted(map(tuple, frappe.get_all(LEDGER, {"contest": self.contest}, fields, as_list=True)))
		self.assertEqual((result, after), ({"queued": False, "rows": len(before)}, before))
		frappe.db.rollback()

	def test_permissions_through_rest_and_get_list(self):
		org, path = self.org, f"/api/resource/Points Contest/{self.office_a_only}"
		self.assertEqual(rest_get(org.users.agent_a1, path)[0], 200)
		self.assertEqual(rest_get(org.users.agent_b1, path)[0], 403)  # not an office of the contest
		self.assertEqual(rest_put(org.users.manager_a, path, {"min_policies": 3})[0], 403)  # admins change it
		self.assertEqual(rest_put(org.users.admin, path, {"min_policies": 0})[0], 200)
		status, body = rest_get(
			org.users.agent_a2,
			"/api/resource/Points Contest Ledger",
			{"fields": ["agent"], "limit_page_length": 0},
		)
		self.assertEqual(status, 200)
		self.assertEqual({r["agent"] for r in body["data"]}, {org.agent_a2})  # their own rows only
		with as_user(org.users.sup_a):
			seen = set(frappe.get_list(LEDGER, filters={"contest": self.contest}, pluck="agent"))
		self.assertEqual(seen, {org.sup_a, org.agent_a1, org.agent_a2})
		with as_user(org.users.agent_b1):
			self.assertNotIn(self.office_a_only, frappe.get_list("Points Contest", pluck="name"))
			self.assertRaises(frappe.PermissionError, get_leaderboard, self.office_a_only)
			self.assertRaises(frappe.PermissionError, get_leaderboard, self.contest, org.office_a)
		status, _ = rest_put(
			org.users.agent_a1, f"/api/resource/{LEDGER}/{self.ledger_name(org.agent_a1)}", {"points": 99}
		)
		self.assertEqual(status, 403)  # the ledger is computed, never typed

	def test_finance_reads_every_contest_its_ledger_and_the_whole_leaderboard_to_settle_rewards(self):
		"""Finance (HR Manager, Accounts User) settle the rewards (issue 16): they read each contest, its
		ledger and every office's ranking, and change none of it."""
		finance = make_user(f"{PREFIX.lower()}.finance@example.com", f"{PREFIX} Finance", ["Accounts User"])
		frappe.db.commit()
		org, path = self.org, f"/api/resource/Points Contest/{self.office_a_only}"
		self.assertEqual(rest_get(finance, path)[0], 200)
		self.assertEqual(rest_put(finance, path, {"min_policies": 3})[0], 403)
		status, body = rest_get(
			finance,
			f"/api/resource/{LEDGER}",
			{"filters": [["contest", "=", self.contest]], "fields": ["agent"], "limit_page_length": 0},
		)
		self.assertEqual(status, 200)
		self.assertEqual(
			{r["agent"] for r in body["data"]}, set(raw_points(self.contest, [org.office_a, org.office_b]))
		)
		with as_user(finance):
			board = get_leaderboard(self.contest)
			self.assertEqual(set(board["offices"]), {org.office_a, org.office_b})
			self.assertEqual(
				{r["participant"] for r in board["rows"]},
				set(raw_points(self.contest, [org.office_a, org.office_b])),
			)
			office_b = get_leaderboard(self.contest, org.office_b)["rows"]
			self.assertEqual(
				{r["participant"] for r in office_b}, set(raw_points(self.contest, [org.office_b]))
			)


class TestContestLeaderboardOnAPhone(PhoneScreenTestCase):
	"""The leaderboard page at 390 px: no sideways scroll, the agent's own row highlighted, in Chinese."""

	PASSWORD = "Phone-Contest-2026!"

	@classmethod
	def make_records(cls):
		org = cls.org = make_org("PCS")
		open_edit_window()
		day = last_working_day()
		frappe.db.set_value("User", org.users.agent_a1, "language", "zh")
		make_contest(
			"PCS 手机排行榜竞赛",
			add_days(day, -3),
			add_days(day, 3),
			[org.office_a],
			[(PHONE, 1, 0, add_days(day, -3)), (INTERVIEW, 3, 0, add_days(day, -3))],
		)
		make_log(org.agent_a1, day, [(PHONE, 4)], submit=True, ignore_edit_window=True)
		make_log(org.agent_a2, day, interviews("PCS", 8, 2), submit=True, ignore_edit_window=True)
		return (org.users.agent_a1,)

	def test_the_leaderboard_fits_a_390px_phone_with_the_viewers_row_highlighted(self):
		facts = self.screenshot(
			self.org.users.agent_a1,
			"/app/contest-leaderboard",
			ARTIFACTS / "contest_leaderboard_390.png",
			wait_for=".contest-leaderboard .cl-me",
			evaluate="""({
				ranks: [...document.querySelectorAll(".cl-row:not(.cl-header) .cl-rank")].map((e) => e.textContent.trim()),
				me: document.querySelector(".cl-me .cl-rank").textContent.trim(),
				header: document.querySelector(".cl-header .cl-points").textContent.trim(),
			})""",
		)
		self.assertLessEqual(facts["scrollWidth"], self.WIDTH, facts)
		self.assertEqual(facts["checks"]["ranks"], ["1", "2"])
		self.assertEqual(facts["checks"]["me"], "2")  # A2's 6 points before A1's 4
		self.assertEqual(facts["checks"]["header"], "积分")
