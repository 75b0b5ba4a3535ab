"""Unit Evaluation (单位考评) on a real site: each office's and branch's per-capita activity, share of agents
with a sale (举绩率) and per-capita cases equal an independent computation (pandas over the raw Agent Log
rows and the month's Agent Monthly Performance), for each reader over the agents they may see."""

import pandas as pd

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from insurance_activity.tests.integration.test_monthly_activity_vs_results import (
	expected_activities,
	frame,
	make_month_of_work,
)

REPORT = "Unit Evaluation"


class TestUnitEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org, cls.first, cls.last = make_month_of_work("UEV")

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
		units = {office: group for office, group in people.groupby("office")} | {org.branch: people}
		return {
			unit: {
				"headcount": len(group),
				"activities": int(group.activities.sum()),
				"activity_per_capita": round(group.activities.sum() / len(group), 1),
				"has_sale_rate": round(100 * group.has_sale.sum() / len(group), 1),
				"cases_per_capita": round(group.cases.sum() / len(group), 2),
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
		self.assertEqual(a["below_on"], "")
		# the whole selection: 569 / 6 activities, 50% with a sale, 0.5 cases a head: B is short on activity only
		self.assertEqual(b["below_on"], "Activity per Capita (人均活动量)")
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
