"""Unit Evaluation (单位考评) on a real site: each office's and branch's per-capita activity, share of agents
with a sale (举绩率), per-capita cases, meeting attendance (出席率), valid complaints (有效投诉) and verification
failure rate equal an independent computation (pandas over the raw Agent Log rows, the month's Agent Monthly
Performance, Meeting Sessions and their attendees, Conduct Incidents and Callback Checks), for each reader
over the agents they may see."""

import pandas as pd

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from insurance_activity.rules.callback_outcomes import INVALIDATING_OUTCOMES, OUTCOMES
from insurance_activity.tests.integration.test_agent_monthly_evaluation import (
	expected_month,
	in_month,
	make_incident,
	make_meeting,
	raw,
)
from insurance_activity.tests.integration.test_monthly_activity_vs_results import (
	expected_activities,
	frame,
	make_month_of_work,
)

REPORT = "Unit Evaluation"
CHECKS = {  # agent -> the statuses of their callback checks of the month (True: overturned on appeal)
	"agent_a1": [
		("Confirmed", False),
		("Visit Not Happened", False),
		("Unreachable", False),
		("Pending", False),
	],
	"agent_b1": [("Misconduct", True), ("Confirmed", False)],
}


def add_month_of_evaluation(org, first, last):
	"""Besides make_month_of_work: office A holds a meeting (supervisor A on site, A1 invited and remote),
	office B one (supervisor B absent); A2 has a valid complaint, B1's was
	reversed on appeal, A1's came the month after; A1's callbacks found one visit not happened in three closed
	(one still pending), B1's two closed found nothing (the misconduct was overturned on appeal)."""
	make_meeting(
		org.office_a, add_days(first, 8), {org.sup_a: "On Site", org.agent_a1: "Remote"}, [org.agent_a1]
	)
	make_meeting(org.office_b, add_days(first, 8), {org.sup_b: "Absent"})
	make_incident(org.agent_a2, add_days(first, 10))
	make_incident(org.agent_b1, add_days(first, 11), status="Reversed on Appeal")
	make_incident(org.agent_a1, add_days(last, 1))
	for key, statuses in CHECKS.items():
		agent = getattr(org, key)
		office = org.office_a if key.endswith("a1") else org.office_b
		for n, (status, overturned) in enumerate(statuses):
			check = frappe.new_doc("Callback Check")
			check.update(
				{
					"status": status,
					"agent": agent,
					"office": office,
					"activity_date": add_days(first, 3 + n),
					"overturned_on_appeal": int(overturned),
				}
			)
			check.name = f"UEV-CBC-{key}-{n}"
			check.db_insert()  # left uncommitted, as the month of work: the class's rollback removes them


class TestUnitEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org, cls.first, cls.last = make_month_of_work("UEV")
		add_month_of_evaluation(cls.org, cls.first, cls.last)

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, user="Administrator", **filters) -> dict:
		frappe.set_user(user)
		return run(
			REPORT, filters={"month_of": str(add_days(self.first, 5)), "office": self.org.branch, **filters}
		)

	def expected_units(self, agents: set[str]) -> dict[str, dict]:
		"""Offices and the branch, by hand with pandas: every agent employed in the month counts once."""
		org = self.org
		activities = expected_activities(self.first, self.last)
		results = frame(
			frappe.get_all(
				"Agent Monthly Performance",
				filters={"year": self.first.year, "month": self.first.month},
				fields=["agent", "has_sale", "cases"],
			)
		).set_index("agent")
		office_a = {org.manager_a, org.sup_a, org.agent_a1, org.agent_a2}
		people = pd.DataFrame({"agent": sorted(agents)})
		people["office"] = people.agent.map(lambda a: org.office_a if a in office_a else org.office_b)
		people["activities"] = people.agent.map(lambda a: activities.activities.get(a, 0))
		people["has_sale"] = people.agent.map(lambda a: results.has_sale.get(a, 0))
		people["cases"] = people.agent.map(lambda a: results.cases.get(a, 0))
		month = expected_month(self.first, self.last)
		for column in ("meetings_expected", "meetings_attended", "valid_complaints"):
			people[column] = people.agent.map(lambda a, c=column: month[c].get(a, 0))
		checks = raw("Callback Check", ["agent", "status", "overturned_on_appeal", "activity_date"])
		checks = checks[in_month(checks.activity_date, self.first, self.last) & checks.status.isin(OUTCOMES)]
		checks["failed"] = (
			checks.status.isin(INVALIDATING_OUTCOMES) & (checks.overturned_on_appeal == 0)
		).astype(int)
		closed, failed = checks.groupby("agent").size(), checks.groupby("agent").failed.sum()
		people["closed"] = people.agent.map(lambda a: closed.get(a, 0))
		people["failed"] = people.agent.map(lambda a: failed.get(a, 0))
		units = {office: group for office, group in people.groupby("office")} | {org.branch: people}

		def share(part, whole, digits=1):
			return round(100 * part / whole, digits) if whole else None

		return {
			unit: {
				"headcount": len(group),
				"activities": int(group.activities.sum()),
				"activity_per_capita": round(group.activities.sum() / len(group), 1),
				"has_sale_rate": round(100 * group.has_sale.sum() / len(group), 1),
				"cases_per_capita": round(group.cases.sum() / len(group), 2),
				"attendance_rate": share(group.meetings_attended.sum(), group.meetings_expected.sum()),
				"complaints": int(group.valid_complaints.sum()),
				"complaints_per_capita": round(group.valid_complaints.sum() / len(group), 2),
				"closed_checks": int(group.closed.sum()),
				"failure_rate": share(group.failed.sum(), group.closed.sum()),
			}
			for unit, group in units.items()
		}

	def test_units_equal_an_independent_computation_for_each_reader(self):
		org = self.org
		office_a = {org.manager_a, org.sup_a, org.agent_a1, org.agent_a2}
		seen_by = {
			org.users.agent_a1: {org.agent_a1},
			org.users.sup_a: {org.sup_a, org.agent_a1, org.agent_a2},
			org.users.manager_a: office_a,
			org.users.admin: office_a | {org.sup_b, org.agent_b1},
		}
		for user, agents in seen_by.items():
			with self.subTest(user=user):
				rows = {row["unit"]: row for row in self.run_report(user)["result"]}
				expected = self.expected_units(agents)
				self.assertEqual(set(rows), set(expected))
				for unit, figures in expected.items():
					self.assertEqual({k: rows[unit][k] for k in figures}, figures, unit)

	def test_offices_are_ranked_and_those_below_the_bar_named_with_their_heads(self):
		result = self.run_report()
		rows = {row["unit"]: row for row in result["result"]}
		a, b = rows[self.org.office_a], rows[self.org.office_b]
		# office A: 4 agents, 565 activities, 2 with a sale; office B: 2 agents, 4 activities, 1 with a sale
		self.assertEqual((a["headcount"], a["activities"], a["has_sale_rate"]), (4, 565, 50.0))
		self.assertEqual((b["headcount"], b["activities"], b["has_sale_rate"]), (2, 4, 50.0))
		self.assertEqual((a["activity_per_capita_rank"], b["activity_per_capita_rank"]), (1, 2))
		self.assertEqual((a["has_sale_rate_rank"], b["has_sale_rate_rank"]), (1, 1))  # a tie shares the rank
		# A: both expected at its meeting came, 1 valid complaint in 4 heads, 1 failed of 3 closed checks; B: its
		# supervisor absent, no valid complaint (B1's was reversed), none of 2 failed (the misconduct was
		# overturned on appeal): the fewest complaints and failures rank first
		self.assertEqual(
			(a["attendance_rate"], a["complaints_per_capita"], a["failure_rate"]), (100, 0.25, 33.3)
		)
		self.assertEqual((b["attendance_rate"], b["complaints_per_capita"], b["failure_rate"]), (0, 0, 0))
		ranked = {"attendance_rate": (1, 2), "complaints_per_capita": (2, 1), "failure_rate": (2, 1)}
		for metric, expected in ranked.items():
			self.assertEqual((a[f"{metric}_rank"], b[f"{metric}_rank"]), expected, metric)
		# the whole selection: 2 of 3 attended, 1/6 complaint a head, 1 of 5 checks failed: A is worse on two
		self.assertEqual(
			a["below_on"], "Valid Complaints per Capita (人均有效投诉), Verification Failure Rate"
		)
		# 569 / 6 activities, 50% with a sale, 0.5 cases a head: B is short on activity and attendance
		self.assertEqual(b["below_on"], "Activity per Capita (人均活动量), Meeting Attendance (出席率)")
		self.assertEqual(a["head_name"], "UEV Manager A")
		self.assertIn("UEV Office B (head: no head set) is below on", result["message"])
		self.assertEqual(rows[self.org.branch]["headcount"], 6)

	def test_every_role_of_the_hierarchy_may_open_the_report_but_callback_staff_may_not(self):
		report = frappe.get_doc("Report", REPORT)
		for user in (
			self.org.users.agent_a1,
			self.org.users.sup_a,
			self.org.users.manager_a,
			self.org.users.admin,
		):
			frappe.set_user(user)
			self.assertTrue(report.is_permitted(), user)
		frappe.set_user(self.org.users.officer)
		self.assertFalse(report.is_permitted())
