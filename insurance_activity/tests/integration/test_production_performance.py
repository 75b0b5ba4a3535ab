"""Monthly production on a real site: agent figures equal hand-computed expectations, the U standard and
the CT definition follow Insurance Activity Settings, recomputing is idempotent, and productivity tiers
re-evaluate monthly from performance with an admin override that needs a reason."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, getdate

from insurance_activity.production import jobs, performance, tiers
from insurance_activity.tests.factories import company
from insurance_activity.tests.production_factories import (
	make_policy,
	make_production_org,
	month_before,
	production_settings,
)

AGENT = "Agent Monthly Performance"
OFFICE = "Office Monthly Performance"


def figures(agent: str, month) -> dict:
	name = f"{agent}-{month.year}-{month.month:02d}"
	return frappe.db.get_value(AGENT, name, "*", as_dict=True)


def office_figures(office: str, month) -> dict:
	return frappe.db.get_value(OFFICE, f"{office}-{month.year}-{month.month:02d}", "*", as_dict=True)


def recompute(month):
	return performance.recompute_month(month.year, month.month)


def make_recruit(first_name: str, office: str, supervisor: str, recruiter: str, joined) -> str:
	"""A new agent who joined through an HRMS Job Applicant referred by `recruiter` (增员)."""
	if not frappe.db.exists("Job Applicant Source", "Employee Referral"):
		frappe.get_doc({"doctype": "Job Applicant Source", "source_name": "Employee Referral"}).insert()
	applicant = frappe.get_doc(
		{
			"doctype": "Job Applicant",
			"applicant_name": first_name,
			"email_id": f"{first_name.lower().replace(' ', '.')}@example.com",
			"status": "Accepted",
			"source": "Employee Referral",
			"source_name": recruiter,
		}
	).insert()
	return (
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": first_name,
				"gender": "Female",
				"date_of_birth": "1995-01-01",
				"date_of_joining": joined,
				"company": company(),
				"department": office,
				"reports_to": supervisor,
				"job_applicant": applicant.name,
				"status": "Active",
			}
		)
		.insert()
		.name
	)


class TestAgentMonthlyPerformance(FrappeTestCase):
	"""Last month, office A: supervisor S (Regular 4,000 / FYC 2,000, exactly the U threshold, one recruit),
	agent A1 (Regular 12,000 / FYC 3,600 and Single 50,000 / FYC 1,000; a policy of the month before does
	not count), agent A2 (one policy cancelled in the cooling-off period, one lapsed), and the recruit.
	A lapsed policy stays a sale of its issue month. Office B: agent B1 (Single 100,000 / FYC 2,500: enough FYC, but no regular-premium case)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_production_org("Perf")
		month = cls.month = month_before(1)
		make_policy("PERF-A1-0", org.agent_a1, add_days(month, -10), annual_premium=3000, fyc=900)
		make_policy("PERF-A1-1", org.agent_a1, add_days(month, 2), annual_premium=12000, fyc=3600)
		make_policy("PERF-A1-2", org.agent_a1, add_days(month, 27), "Single", 50000, 1000)
		make_policy("PERF-A2-1", org.agent_a2, add_days(month, 5), annual_premium=8000, fyc=2400,
			status="Cancelled in Cooling-off")  # fmt: skip
		make_policy(
			"PERF-A2-2", org.agent_a2, add_days(month, 6), annual_premium=5000, fyc=1500, status="Lapsed"
		)
		make_policy("PERF-B1-1", org.agent_b1, add_days(month, 8), "Single", 100000, 2500)
		make_policy("PERF-SA-1", org.sup_a, add_days(month, 12), annual_premium=4000, fyc=2000)
		cls.recruit = make_recruit("Perf Recruit", org.office_a, org.sup_a, org.sup_a, add_days(month, 9))
		recompute(month)

	def months_since_joining(self, employee):
		joined = getdate(frappe.db.get_value("Employee", employee, "date_of_joining"))
		return (self.month.year * 12 + self.month.month) - (joined.year * 12 + joined.month)

	def test_agent_month_sums_counted_policies_issued_in_the_month(self):
		a1 = figures(self.org.agent_a1, self.month)
		self.assertEqual(
			[
				a1.regular_premium,
				a1.total_premium,
				a1.fyc,
				a1.cases,
				a1.regular_cases,
				a1.has_sale,
				a1.reached_u,
			],
			[12000, 62000, 4600, 2, 1, 1, 1],
		)
		self.assertEqual((a1.office, a1.supervisor), (self.org.office_a, self.org.sup_a))

	def test_fyc_exactly_at_the_threshold_reaches_u_and_recruits_are_counted(self):
		s = figures(self.org.sup_a, self.month)
		self.assertEqual([s.regular_premium, s.fyc, s.cases, s.reached_u, s.recruits], [4000, 2000, 1, 1, 1])

	def test_a_lapsed_policy_counts_in_its_issue_month_and_a_cooling_off_cancellation_does_not(self):
		a2 = figures(self.org.agent_a2, self.month)
		# the lapsed Regular 5,000 / FYC 1,500 stays a sale (举绩) of its month; the cancellation is no sale
		self.assertEqual(
			[a2.regular_premium, a2.fyc, a2.cases, a2.has_sale, a2.reached_u], [5000, 1500, 1, 1, 0]
		)

	def test_a_later_lapse_does_not_rewrite_the_issue_month_whenever_the_recompute_runs(self):
		policy = frappe.get_doc("Insurance Policy", "PERF-A1-1")
		self.addCleanup(recompute, self.month)
		self.addCleanup(policy.db_set, "status", "In Force")
		before = figures(self.org.agent_a1, self.month)
		office_before = office_figures(self.org.office_a, self.month)
		policy.db_set("status", "Lapsed")
		recompute(self.month)
		after = figures(self.org.agent_a1, self.month)
		keys = ("regular_premium", "total_premium", "fyc", "cases", "regular_cases", "has_sale", "reached_u")
		self.assertEqual({k: after[k] for k in keys}, {k: before[k] for k in keys})
		office_keys = ("regular_premium", "cases", "has_sale_count", "has_sale_rate", "u_headcount")
		office_after = office_figures(self.org.office_a, self.month)
		self.assertEqual(
			{k: office_after[k] for k in office_keys}, {k: office_before[k] for k in office_keys}
		)
		# a cancellation in the cooling-off period (犹豫期撤单) still takes the sale out, as before
		policy.db_set("status", "Cancelled in Cooling-off")
		recompute(self.month)
		self.assertEqual(figures(self.org.agent_a1, self.month).regular_premium, 0)

	def test_single_premium_alone_does_not_reach_u(self):
		b1 = figures(self.org.agent_b1, self.month)
		self.assertEqual([b1.regular_premium, b1.total_premium, b1.fyc, b1.cases], [0, 100000, 2500, 1])
		self.assertEqual((b1.has_sale, b1.reached_u), (1, 0))

	def test_new_agent_flag_counts_months_since_joining(self):
		recruit = figures(self.recruit, self.month)
		self.assertEqual((recruit.months_since_joining, recruit.is_new_agent), (0, 1))
		a1 = figures(self.org.agent_a1, self.month)
		tenure = self.months_since_joining(self.org.agent_a1)
		self.assertEqual(a1.months_since_joining, tenure)
		self.assertEqual(a1.is_new_agent, int(tenure <= 12))

	def test_office_figures_and_ct_by_u_rate(self):
		a = office_figures(self.org.office_a, self.month)
		self.assertEqual(
			[a.headcount, a.u_headcount, a.regular_premium, a.cases, a.has_sale_count],
			[5, 2, 21000, 4, 3],
		)
		self.assertEqual([a.has_sale_rate, a.cases_per_capita, a.premium_per_capita], [60, 0.8, 4200])
		self.assertEqual((a.ct_basis, a.ct_value, a.ct_target, a.ct_reached), ("U Rate", 0.4, 0.3, 1))
		b = office_figures(self.org.office_b, self.month)
		self.assertEqual((b.headcount, b.u_headcount, b.has_sale_rate, b.ct_reached), (2, 0, 50, 0))

	def test_u_threshold_and_minimum_regular_cases_come_from_settings(self):
		with production_settings(u_fyc_threshold=5000):
			recompute(self.month)
			self.assertEqual(figures(self.org.agent_a1, self.month).reached_u, 0)
			self.assertEqual(figures(self.org.agent_a1, self.month).u_fyc_threshold, 5000)
		with production_settings(u_fyc_threshold=2500, u_min_regular_cases=0):
			recompute(self.month)
			self.assertEqual(figures(self.org.agent_b1, self.month).reached_u, 1)
			self.assertEqual(figures(self.org.sup_a, self.month).reached_u, 0)
		recompute(self.month)
		self.assertEqual(figures(self.org.agent_a1, self.month).reached_u, 1)

	def test_cooling_off_cancellations_count_when_settings_say_so(self):
		with production_settings(count_cooling_off_cancellations=1):
			recompute(self.month)
			a2 = figures(self.org.agent_a2, self.month)
			self.assertEqual(
				[a2.regular_premium, a2.fyc, a2.cases, a2.reached_u], [13000, 3900, 2, 1]
			)  # with the lapsed one
		recompute(self.month)

	def test_ct_definition_follows_the_configured_basis_and_threshold(self):
		with production_settings(ct_basis="U Headcount", ct_threshold=2):
			recompute(self.month)
			a, b = (
				office_figures(self.org.office_a, self.month),
				office_figures(self.org.office_b, self.month),
			)
			self.assertEqual((a.ct_basis, a.ct_value, a.ct_reached, b.ct_reached), ("U Headcount", 2, 1, 0))
		with production_settings(ct_basis="Regular Premium", ct_threshold=21000):
			recompute(self.month)
			self.assertEqual(office_figures(self.org.office_a, self.month).ct_reached, 1)
		with production_settings(ct_basis="Regular Premium", ct_threshold=21000.01):
			recompute(self.month)
			self.assertEqual(office_figures(self.org.office_a, self.month).ct_reached, 0)
		recompute(self.month)
		self.assertEqual(office_figures(self.org.office_a, self.month).ct_basis, "U Rate")

	def test_recomputing_changes_nothing_when_no_record_changed(self):
		recompute(self.month)
		before = frappe.get_all(AGENT, filters={"period": self.month}, fields=["name", "modified"])
		recompute(self.month)
		after = frappe.get_all(AGENT, filters={"period": self.month}, fields=["name", "modified"])
		self.assertEqual(sorted(before, key=str), sorted(after, key=str))

	def test_a_new_policy_shows_after_the_next_recompute(self):
		make_policy("PERF-A2-3", self.org.agent_a2, add_days(self.month, 20), annual_premium=7000, fyc=2100)
		recompute(self.month)
		self.assertEqual(figures(self.org.agent_a2, self.month).reached_u, 1)
		frappe.delete_doc("Insurance Policy", "PERF-A2-3")
		recompute(self.month)
		self.assertEqual(figures(self.org.agent_a2, self.month).reached_u, 0)

	def test_performance_cannot_be_typed_in(self):
		doc = frappe.get_doc(
			{"doctype": AGENT, "agent": self.org.agent_a2, "period": self.month, "regular_premium": 99999}
		)
		self.assertRaisesRegex(frappe.ValidationError, "computed from policies", doc.insert)
		existing = frappe.get_doc(AGENT, f"{self.org.agent_a2}-{self.month.year}-{self.month.month:02d}")
		existing.regular_premium = 99999
		self.assertRaisesRegex(frappe.ValidationError, "computed from policies", existing.save)


class TestRecomputeJob(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_production_org("Perf")

	def test_the_hourly_job_acts_at_or_after_the_configured_hour(self):
		day = getdate()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.delete, "Daily Job Run", {"job": "production.recompute_production"})
		with production_settings(performance_recompute_hour=3), self.freeze_time(f"{day} 02:59:00"):
			self.assertIn("skipped", jobs.recompute_production())
		make_policy("PJOB-1", self.org.agent_b1, day, annual_premium=6000, fyc=2000)
		with production_settings(performance_recompute_hour=3), self.freeze_time(f"{day} 23:30:00"):
			result = jobs.recompute_production()["days"][str(day)]
		this_month = day.replace(day=1)
		self.assertIn(f"{this_month.year}-{this_month.month:02d}", result)
		self.assertEqual(figures(self.org.agent_b1, this_month).reached_u, 1)
		self.assertIn("tiers", result)


class TestTierReevaluation(FrappeTestCase):
	"""Three closed months: A1 sells 2 regular policies of FYC 3,500 every month (high producer), supervisor
	S one of FYC 2,000 (middle), A2 nothing, B1 three of FYC 2,000 three months ago only."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_production_org("Tier")
		cls.months = [month_before(3), month_before(2), month_before(1)]
		for i, month in enumerate(cls.months):
			make_policy(f"TIER-A1-{i}-1", org.agent_a1, add_days(month, 3), annual_premium=9000, fyc=3500)
			make_policy(f"TIER-A1-{i}-2", org.agent_a1, add_days(month, 4), annual_premium=9000, fyc=3500)
			make_policy(f"TIER-SA-{i}", org.sup_a, add_days(month, 5), annual_premium=6000, fyc=2000)
		for n in range(3):
			make_policy(
				f"TIER-B1-{n}", org.agent_b1, add_days(cls.months[0], 6 + n), annual_premium=5000, fyc=2000
			)
		for month in cls.months:
			recompute(month)
		cls.last = cls.months[-1]

	def reevaluate(self):
		return tiers.reevaluate_month(self.last.year, self.last.month)

	def tier_of(self, employee):
		return frappe.db.get_value("Employee", employee, "ia_productivity_tier")

	def review(self, employee):
		return frappe.get_doc("Tier Review", f"{employee}-{self.last.year}-{self.last.month:02d}")

	def test_tiers_are_re_evaluated_from_the_averages_of_the_lookback_months(self):
		self.reevaluate()
		self.assertEqual(
			[
				self.tier_of(e)
				for e in (self.org.agent_a1, self.org.sup_a, self.org.agent_a2, self.org.agent_b1)
			],
			["5", "3", "2", "3"],
		)
		review = self.review(self.org.agent_a1)
		self.assertEqual(
			(review.computed_tier, review.applied_tier, review.avg_fyc, review.avg_cases, review.months_used),
			("5", "5", 7000, 2, 3),
		)
		self.assertEqual(review.previous_tier, "2")

	def test_tier_rules_come_from_the_productivity_tiers(self):
		frappe.db.set_value("Productivity Tier", "5", "min_avg_fyc", 8000)
		try:
			self.reevaluate()
			self.assertEqual(self.tier_of(self.org.agent_a1), "3")
		finally:
			frappe.db.set_value("Productivity Tier", "5", "min_avg_fyc", 6000)
		self.reevaluate()
		self.assertEqual(self.tier_of(self.org.agent_a1), "5")

	def test_lookback_months_come_from_settings(self):
		with production_settings(tier_lookback_months=1):
			self.reevaluate()
			self.assertEqual(self.tier_of(self.org.agent_b1), "2")
			self.assertEqual(self.review(self.org.agent_b1).months_used, 1)
		self.reevaluate()
		self.assertEqual(self.tier_of(self.org.agent_b1), "3")

	def test_an_override_needs_a_reason_wins_and_survives_re_evaluation(self):
		self.reevaluate()
		review = self.review(self.org.agent_a2)
		review.override_tier = "3"
		self.assertRaisesRegex(frappe.ValidationError, "reason for overriding", review.save)
		self.assertEqual(self.tier_of(self.org.agent_a2), "2", "a refused override changes nothing")
		review = self.review(self.org.agent_a2)
		review.override_tier = "3"
		review.override_reason = "Transferred from another company with a strong record"
		review.save()
		self.assertEqual(
			(review.computed_tier, review.applied_tier, review.overridden_by), ("2", "3", "Administrator")
		)
		self.assertEqual(self.tier_of(self.org.agent_a2), "3")

		self.reevaluate()
		self.assertEqual(
			(self.review(self.org.agent_a2).applied_tier, self.tier_of(self.org.agent_a2)), ("3", "3")
		)

		review = self.review(self.org.agent_a2)
		review.override_tier = None
		review.save()
		self.assertEqual((review.applied_tier, self.tier_of(self.org.agent_a2)), ("2", "2"))

	def test_an_agent_cannot_override_their_own_tier(self):
		self.reevaluate()
		frappe.set_user(self.org.users.agent_a2)
		try:
			review = frappe.get_doc("Tier Review", self.review(self.org.agent_a2).name)
			review.override_tier, review.override_reason = "5", "I deserve it"
			self.assertRaises(frappe.PermissionError, review.save)
		finally:
			frappe.set_user("Administrator")

	def test_tier_reviews_cannot_be_typed_in(self):
		doc = frappe.get_doc(
			{"doctype": "Tier Review", "agent": self.org.agent_b1, "period": add_months(self.last, -12)}
		)
		self.assertRaisesRegex(frappe.ValidationError, "monthly re-evaluation", doc.insert)
