"""The demo loader builds a working branch on a real site: people with logins, roles and logs (small size)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today
from frappe.utils.password import check_password

from insurance_activity.campaigns import demo_contest
from insurance_activity.customers import demo as customers_demo
from insurance_activity.rules.campaigns import KINDS
from insurance_activity.setup import demo
from insurance_activity.tests.site import real_time_only


def demo_employees() -> list[str]:
	return frappe.get_all(
		"Employee", filters={"user_id": ("like", f"%@{demo.EMAIL_DOMAIN}")}, pluck="name", order_by="name"
	)


@real_time_only  # loading the demo takes minutes; its dates come from the real-time pass
class TestDemoData(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.logins = demo.load_demo(agents=6, supervisors=2, offices=1, months=1, seed=7)

	def test_every_printed_login_authenticates(self):
		for role, (user, password) in self.logins.items():
			self.assertEqual(check_password(user, password), user, role)

	def test_the_hierarchy_is_branch_office_team_agent(self):
		agent = frappe.db.get_value("User", self.logins["agent"][0], "name")
		employee = frappe.db.get_value(
			"Employee", {"user_id": agent}, ["reports_to", "department"], as_dict=True
		)
		self.assertTrue(employee.reports_to)
		self.assertEqual(frappe.db.get_value("Department", employee.department, "ia_unit_level"), "Office")
		manager = frappe.db.get_value("Department", employee.department, "ia_unit_manager")
		self.assertEqual(
			frappe.db.get_value("Employee", manager, "user_id"), self.logins["office manager"][0]
		)

	def test_logs_carry_the_standard_and_vary_between_agents(self):
		logs = frappe.get_all(
			"Agent Log", filters={"docstatus": 1}, fields=["agent", "standard", "standard_met"]
		)
		self.assertTrue(logs)
		self.assertTrue(all(log.standard for log in logs if log.standard is not None))
		met = {log.standard_met for log in logs}
		self.assertEqual(met, {0, 1}, "some days met, some short")

	def test_the_demo_has_a_published_campaign_of_each_kind_with_invitees_and_follow_ups(self):
		campaigns = frappe.get_all("Activity Campaign", {"docstatus": 1}, ["name", "kind"])
		self.assertEqual({c.kind for c in campaigns}, set(KINDS))
		names = [c.name for c in campaigns]
		self.assertTrue(frappe.get_all("Activity Campaign Invitee", {"campaign": ("in", names)}, limit=1))
		self.assertTrue(frappe.get_all("Agent Log Activity", {"activity_campaign": ("in", names)}, limit=1))

	def test_the_demo_runs_a_points_contest_with_its_ledger(self):
		contest = frappe.get_doc("Points Contest", demo_contest.DEMO_CONTEST)
		self.assertTrue(getdate(contest.from_date) <= getdate(today()) <= getdate(contest.to_date))
		self.assertGreater(
			len({row.effective_from for row in contest.rules}), 1, "a rule changed mid-contest"
		)
		self.assertTrue(
			frappe.db.count("Points Contest Ledger", {"contest": contest.name, "points": (">", 0)})
		)
		# finance can try a Reward Settlement on it: reward rows, a cap, a budget and the accrual accounts
		self.assertEqual(len(contest.reward_tiers), len(demo_contest.DEMO_REWARD_TIERS))
		self.assertEqual(contest.reward_budget, demo_contest.DEMO_REWARD_BUDGET)
		settings = frappe.get_single("Insurance Activity Settings")
		self.assertTrue(settings.reward_payable_account and settings.reward_expense_account)

	def test_the_demo_agents_customers_are_placed_in_quadrants(self):
		placed = frappe.get_all(
			"Customer Quadrant", {"agent": ("in", demo_employees())}, ["quadrant", "next_action"]
		)
		self.assertTrue(placed)
		self.assertTrue(all(row.quadrant and row.next_action for row in placed))

	def test_every_demo_agent_has_customers_in_all_four_quadrants(self):
		agents = set(frappe.get_all("Agent Log", {"agent": ("in", demo_employees())}, pluck="agent"))
		self.assertTrue(agents)
		held = {}
		for row in frappe.get_all(
			"Customer Quadrant", {"agent": ("in", list(agents))}, ["agent", "quadrant"]
		):
			held.setdefault(row.agent, set()).add(row.quadrant)
		options = frappe.get_meta("Customer Quadrant").get_field("quadrant").options.split("\n")
		for agent in sorted(agents):
			self.assertEqual(held.get(agent), set(options), agent)
		self.assertTrue(
			frappe.db.exists("Customer Quadrant", {"agent": ("in", list(agents)), "party_type": "Customer", "quadrant": "Maintain and Upsell"}),
			"policy holders are among the valued, warm customers",
		)  # fmt: skip

	def test_a_policy_holder_is_valued_and_warm_when_every_holder_came_to_a_campaign(self):
		"""A small office's demo campaigns may invite every one of its policy holders (a whole test run's other
		offices drew first, and the demo had only leads to place as valued, warm customers): a holder met
		already is still placed in Maintain and Upsell (维护加保)."""
		agents = sorted(set(frappe.get_all("Agent Log", {"agent": ("in", demo_employees())}, pluck="agent")))
		holders = sorted(
			set(
				frappe.get_all(
					"Insurance Policy", {"agent": ("in", agents), "customer": ("is", "set")}, pluck="customer"
				)
			)
		)
		office = frappe.db.get_value("Employee", agents[0], "department")
		campaigns = frappe.get_all(
			"Activity Campaign Office", {"office": office, "parenttype": "Activity Campaign"}, pluck="parent"
		)
		campaign = campaigns[0]
		self.assertTrue(holders)
		try:
			# the office's campaigns held two months ago: every holder met then, cold today
			held_on = add_days(today(), -60)
			for name in campaigns:
				frappe.db.set_value(
					"Activity Campaign", name, {"from_date": add_days(held_on, -4), "to_date": held_on}
				)
			invited = frappe.get_all(
				"Activity Campaign Invitee", {"campaign": campaign}, ["name", "party"], as_list=True
			)
			for name, party in invited:
				if party in holders:
					frappe.db.set_value(
						"Activity Campaign Invitee", name, {"reply": "Accepted", "attended": 1}
					)
			for customer in sorted(set(holders) - {party for _name, party in invited}):
				frappe.get_doc(
					{
						"doctype": "Activity Campaign Invitee",
						"campaign": campaign,
						"party_type": "Customer",
						"party": customer,
						"reply": "Accepted",
						"attended": 1,
					}
				).insert(ignore_permissions=True)
			customers_demo.make_demo_quadrants(months=1, seed=7)
			self.assertTrue(
				frappe.db.exists("Customer Quadrant", {"agent": ("in", agents), "party_type": "Customer", "quadrant": "Maintain and Upsell"}),
			)  # fmt: skip
		finally:
			frappe.db.rollback()

	def test_demo_histories_have_moves_in_the_past_with_causes(self):
		placed = frappe.get_all(
			"Customer Quadrant", {"agent": ("in", demo_employees())}, ["name", "computed_on"]
		)
		last_run = max(row.computed_on for row in placed)
		moves = frappe.get_all(
			"Customer Quadrant Move",
			{"parent": ("in", [row.name for row in placed])},
			["parent", "move_date", "cause"],
		)
		past = [m for m in moves if m.move_date < last_run]
		self.assertGreater(len(past), len(placed) / 2, "most customers were first placed weeks ago")
		self.assertGreater(len({m.move_date for m in past}), 2, "placed week by week")
		later = {m.cause for m in moves} - {"First Placement"}
		self.assertTrue({"Temperature Changed", "Value Changed"} <= later, later)

	def test_a_demo_weekly_review_snapshot_takes_the_customer_inventory(self):
		"""The demo places customers before it holds the meetings, so a held weekly review's KPI snapshot
		carries each team's customer inventory (客户盘点) as it stood that day."""
		held = frappe.get_all(
			"Meeting Session",
			{"kpi_snapshot_taken_on": ("is", "set"), "actual_start": ("is", "set")},
			pluck="name",
		)
		self.assertTrue(held)
		sources = set(
			frappe.get_all(
				"Meeting KPI", {"parenttype": "Meeting Session", "parent": ("in", held)}, pluck="source"
			)
		)
		self.assertIn("Customer Quadrant", sources)

	def test_reloading_refreshes_history_without_duplicating_people(self):
		employees = demo_employees()
		logs = frappe.db.count("Agent Log", {"agent": ("in", employees)})
		demo.load_demo(agents=6, supervisors=2, offices=1, months=1, seed=7)
		self.assertEqual(demo_employees(), employees)
		self.assertEqual(frappe.db.count("Agent Log", {"agent": ("in", employees)}), logs)
		# the customers' step again on the same history: the same rows, quadrants and moves, none twice
		counts = {
			doctype: frappe.db.count(doctype)
			for doctype in ("Agent Log Activity", "Customer Quadrant", "Customer Quadrant Move")
		}
		customers_demo.make_demo_quadrants(months=1, seed=7)
		self.assertEqual({doctype: frappe.db.count(doctype) for doctype in counts}, counts)
		visits = frappe.get_all(
			"Agent Log Activity",
			{"party_type": "Customer"},
			["parent", "party", "activity_kind", "count(*) as n"],
			group_by="parent, party, activity_kind",
		)
		self.assertTrue(visits)
		self.assertEqual({row.n for row in visits}, {1})

	def test_reloading_gives_back_roles_a_demo_user_lost(self):
		"""A demo user whose roles went (the app reinstalled: uninstall removes its roles) gets them back
		on reload, so an agent can still appeal their incident in the demo's verification step."""
		agent = self.logins["agent"][0]
		frappe.get_doc("User", agent).remove_roles("Insurance Agent")
		self.assertNotIn("Insurance Agent", frappe.get_roles(agent))
		demo.load_demo(agents=6, supervisors=2, offices=1, months=1, seed=7)
		self.assertIn("Insurance Agent", frappe.get_roles(agent))
