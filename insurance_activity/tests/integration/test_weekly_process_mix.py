"""Weekly Process Mix (周看流程) on a real site: each agent's activities per sales-cycle step in a business
week equal an independent count (pandas over the raw Agent Log rows), and each person sees only their part."""

import pandas as pd

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from insurance_activity.tests.factories import make_log, make_org
from insurance_activity.tests.integration.test_monthly_activity_vs_results import valid_activity_rows

REPORT = "Weekly Process Mix"
STEPS = ("Prospecting", "Appointment", "Interview", "Proposal", "Closing", "Service", "Recruiting")
# logs weeks back are made as an admin, who must give a reason
SETUP = {"amendment_reason": "test data", "ignore_edit_window": True}


def business_week_of(day):
	"""The business week (经营周) holding `day`, from the settings' week starts, worked out here by hand."""
	settings = frappe.get_single("Insurance Activity Settings")
	starts = [1, settings.week_2_start_day, settings.week_3_start_day, settings.week_4_start_day]
	first = max(start for start in starts if start <= day.day)
	later = [start for start in starts if start > day.day]
	last = day.replace(day=later[0]) if later else add_days(day.replace(day=28), 4).replace(day=1)
	return day.replace(day=first), add_days(last, -1)


def expected_rows(first, last) -> pd.DataFrame:
	"""Activities per agent and step, counted with pandas over every raw row of the week's logs."""
	data = valid_activity_rows()
	data = data[(data.log_date >= first) & (data.log_date <= last)]
	table = data.pivot_table(index="agent", columns="step", values="n", aggfunc="sum", fill_value=0)
	for step in [*STEPS]:
		if step not in table:
			table[step] = 0
	settings = frappe.get_single("Insurance Activity Settings")
	mix = pd.Series({step: settings.get(f"mix_{step.lower()}") or 0 for step in STEPS}, dtype=float)
	mix = mix / mix.sum()
	steps = table[list(STEPS)]
	table["total"] = steps.sum(axis=1)
	shares = steps.div(table.total, axis=0)
	table["mix_distance"] = (50 * (shares - mix).abs().sum(axis=1)).round(1)
	table["one_kind_only"] = ((steps > 0).sum(axis=1) == 1).astype(int)
	return table


class TestWeeklyProcessMix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("PMX")
		# a business week well in the past, whatever the clock
		cls.first, cls.last = business_week_of(getdate(add_days(today(), -40)))
		first, second, last, before = cls.first, add_days(cls.first, 1), cls.last, add_days(cls.first, -1)
		make_log(
			org.agent_a1, first, [("Phone Appointment", 4), ("Sales Interview", 2), new_prospect()], **SETUP
		)
		log = make_log(org.agent_a1, last, [("Proposal Presented", 1), ("Phone Appointment", 3)], **SETUP)
		# a visit a callback found invalid stops counting
		frappe.db.set_value("Agent Log Activity", log.activities[1].name, "is_invalid", 1)
		make_log(org.agent_a2, first, [("Phone Appointment", 6)], **SETUP)
		make_log(org.agent_a2, before, [("Sales Interview", 5)], **SETUP)  # the week before
		make_log(org.sup_a, second, [("Accompanied Visit", 1), ("Recruiting Visit", 1)], **SETUP)
		make_log(org.manager_a, first, [("Customer Service Visit", 2)], submit=True, **SETUP)
		make_log(org.agent_b1, first, [("Phone Appointment", 2), ("Policy Closed", 1)], **SETUP)
		make_log(org.agent_b1, second, [("Sales Interview", 9)], submit=True, **SETUP).cancel()
		make_log(org.agent_b1, last, [("Referral", 2)], **SETUP)

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, user="Administrator", **filters) -> dict:
		frappe.set_user(user)
		week_of = add_days(self.first, 3)
		return run(REPORT, filters={"week_of": str(week_of), "office": self.org.branch, **filters})

	def rows(self, user="Administrator", **filters) -> dict[str, dict]:
		return {row["agent"]: row for row in self.run_report(user, **filters)["result"]}

	def test_rows_equal_pandas_over_the_raw_rows_for_each_reader(self):
		org = self.org
		expected = expected_rows(self.first, self.last)
		office_a = {org.manager_a, org.sup_a, org.agent_a1, org.agent_a2}
		seen_by = {
			org.users.agent_a1: {org.agent_a1},
			org.users.sup_a: {org.sup_a, org.agent_a1, org.agent_a2},
			org.users.manager_a: office_a,
			org.users.admin: office_a | {org.sup_b, org.agent_b1},
		}
		for user, agents in seen_by.items():
			with self.subTest(user=user):
				rows = self.rows(user)
				self.assertEqual(set(rows), agents)
				for agent in agents:
					figures = expected.loc[agent] if agent in expected.index else None
					row = rows[agent]
					for step in STEPS:
						want = int(figures[step]) if figures is not None else 0
						self.assertEqual(row[step.lower()], want, (agent, step))
					total = int(figures["total"]) if figures is not None else 0
					self.assertEqual(row["total"], total, agent)
					if total:
						self.assertEqual(row["mix_distance"], float(figures["mix_distance"]), agent)
						self.assertEqual(row["one_kind_only"], int(figures["one_kind_only"]), agent)
					else:
						self.assertIsNone(row["mix_distance"], agent)  # nothing to measure
						self.assertEqual(row["one_kind_only"], 0, agent)

	def test_the_known_week_by_hand(self):
		rows = self.rows()
		a1 = rows[self.org.agent_a1]
		# 4 appointments (the invalid 3 do not count), 2 interviews, 1 prospect, 1 proposal
		self.assertEqual(
			(a1["appointment"], a1["interview"], a1["prospecting"], a1["proposal"], a1["total"]),
			(4, 2, 1, 1, 8),
		)
		a2 = rows[self.org.agent_a2]
		self.assertEqual(
			(a2["appointment"], a2["interview"], a2["one_kind_only"]), (6, 0, 1)
		)  # not the week before
		self.assertEqual(a2["mix_distance"], 50.0)  # 100% appointments against the 5311 mix (50%)
		self.assertEqual(a2["most_short_step"], "Interview")
		b1 = rows[self.org.agent_b1]
		self.assertEqual((b1["interview"], b1["closing"], b1["prospecting"], b1["total"]), (0, 1, 2, 5))
		self.assertEqual(rows[self.org.manager_a]["service"], 2)
		self.assertIsNone(rows[self.org.sup_b]["mix_distance"])

	def test_any_day_of_the_week_shows_the_same_business_week(self):
		for day in (self.first, self.last):
			result = run(REPORT, filters={"week_of": str(day), "office": self.org.branch})
			self.assertEqual(result["result"], self.run_report()["result"])
		before = run(REPORT, filters={"week_of": str(add_days(self.first, -1)), "office": self.org.branch})
		a2 = next(r for r in before["result"] if r["agent"] == self.org.agent_a2)
		self.assertEqual((a2["interview"], a2["appointment"]), (5, 0))

	def test_office_and_supervisor_filters_narrow_the_rows(self):
		self.assertEqual(set(self.rows(office=self.org.office_b)), {self.org.sup_b, self.org.agent_b1})
		self.assertEqual(set(self.rows(supervisor=self.org.sup_a)), {self.org.agent_a1, self.org.agent_a2})

	def test_chart_and_summary_cover_the_selection_against_the_recommended_mix(self):
		result = self.run_report(office=self.org.office_a)
		rows = result["result"]
		total = sum(row["total"] for row in rows)
		actual, recommended = result["chart"]["data"]["datasets"]
		for step, share in zip(STEPS, actual["values"], strict=True):
			self.assertEqual(share, round(100 * sum(row[step.lower()] for row in rows) / total, 1), step)
		self.assertEqual(recommended["values"], [10.0, 50.0, 30.0, 0.0, 0.0, 0.0, 10.0])
		summary = {s["label"]: s["value"] for s in result["report_summary"]}
		self.assertEqual((summary["Agents"], summary["Week's Activities"]), (4, total))
		self.assertEqual(
			summary["Agents of One Kind Only"], 2
		)  # agent A2 (appointments), the manager (service)

	def test_the_recommended_mix_comes_from_settings(self):
		settings = frappe.get_single("Insurance Activity Settings")
		saved = {step: settings.get(f"mix_{step.lower()}") for step in STEPS}
		try:
			for step in STEPS:
				settings.set(f"mix_{step.lower()}", 100 if step == "Appointment" else 0)
			settings.save()
			a2 = self.rows()[self.org.agent_a2]
			self.assertEqual((a2["mix_distance"], a2["most_short_step"]), (0.0, ""))
		finally:
			frappe.set_user("Administrator")
			settings = frappe.get_single("Insurance Activity Settings")
			for step, share in saved.items():
				settings.set(f"mix_{step.lower()}", share)
			settings.save()

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


def new_prospect():
	return ("New Prospect", 1, None, None, "13911112222", "Prospect 2222")
