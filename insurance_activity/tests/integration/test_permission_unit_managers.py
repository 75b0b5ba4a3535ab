"""Who a person sees, asked of the organisation as it is now: a supervisor who runs no office or branch sees
exactly their reporting subtree, and the moment someone is made an office's Unit Manager
(Department.ia_unit_manager) they see its people, in the same request, with no remembered answer in the way
(issue 18: the managed departments are asked only of unit managers, org.manages_units)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity.org import manages_units
from insurance_activity.permissions import has_permission as permission_of
from insurance_activity.permissions.hierarchy import visible_employees
from insurance_activity.tests.factories import as_user, last_working_day, make_log, make_org


class TestWhoAPersonSeesFollowsTheUnitsTheyRun(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("Reach")
		day = last_working_day()
		cls.logs = {
			agent: make_log(agent, day, [("Phone Appointment", 1)], ignore_edit_window=True).name
			for agent in (org.agent_a1, org.agent_a2, org.agent_b1, org.sup_a, org.sup_b)
		}

	def seen_by(self, employee: str) -> set[str]:
		people = {self.org.agent_a1, self.org.agent_a2, self.org.agent_b1, self.org.sup_a, self.org.sup_b}
		return set(visible_employees(employee).run(pluck=True)) & (people | {self.org.manager_a})

	def logs_listed_by_supervisor_a(self) -> set[str]:
		with as_user(self.org.users.sup_a):
			return set(frappe.get_list("Agent Log", {"name": ("in", list(self.logs.values()))}, pluck="name"))

	def test_a_supervisor_who_runs_no_unit_sees_exactly_their_reporting_subtree(self):
		org = self.org
		self.assertFalse(manages_units(org.sup_a))
		self.assertEqual(self.seen_by(org.sup_a), {org.sup_a, org.agent_a1, org.agent_a2})
		self.assertEqual(self.seen_by(org.sup_b), {org.sup_b, org.agent_b1})
		self.assertNotIn(
			"department", str(visible_employees(org.sup_a)), "no department clause: the tree's range alone"
		)
		self.assertEqual(
			self.logs_listed_by_supervisor_a(),
			{self.logs[org.sup_a], self.logs[org.agent_a1], self.logs[org.agent_a2]},
		)

	def test_a_supervisor_made_manager_of_an_office_sees_its_agents_at_once(self):
		org = self.org
		self.addCleanup(frappe.db.set_value, "Department", org.office_b, "ia_unit_manager", None)
		b1_log = frappe.get_doc("Agent Log", self.logs[org.agent_b1])
		self.assertNotIn(self.logs[org.agent_b1], self.logs_listed_by_supervisor_a())
		self.assertFalse(permission_of(b1_log, "read", org.users.sup_a))

		# written past the controller (as the demo loader and an admin's SQL do): nothing to clear
		frappe.db.set_value("Department", org.office_b, "ia_unit_manager", org.sup_a)

		self.assertTrue(manages_units(org.sup_a))
		self.assertEqual(
			self.seen_by(org.sup_a), {org.sup_a, org.agent_a1, org.agent_a2, org.sup_b, org.agent_b1}
		)
		self.assertIn(self.logs[org.agent_b1], self.logs_listed_by_supervisor_a())
		self.assertTrue(permission_of(b1_log, "read", org.users.sup_a))

	def test_the_office_manager_sees_their_office_and_not_the_other(self):
		org = self.org
		self.assertTrue(manages_units(org.manager_a))
		self.assertEqual(self.seen_by(org.manager_a), {org.manager_a, org.sup_a, org.agent_a1, org.agent_a2})

	def test_a_save_remembers_the_answer_only_for_itself(self):
		"""The memo of one save (org.lookups_while_saving) keeps the answer; the next save asks again."""
		org = self.org
		self.addCleanup(frappe.db.set_value, "Department", org.office_b, "ia_unit_manager", None)
		lookups: dict = {}
		self.assertFalse(manages_units(org.sup_a, lookups))
		frappe.db.set_value("Department", org.office_b, "ia_unit_manager", org.sup_a)
		self.assertFalse(manages_units(org.sup_a, lookups), "asked once per save")
		self.assertTrue(manages_units(org.sup_a, {}), "a new save asks afresh")

	def test_team_heads_are_the_same_looked_up_by_name_or_read_for_the_branch(self):
		"""org.team_heads looks a few people up by name and reads every head of the branch for many (stop 37:
		one person's answer, asked on each permission question of a supervisor, took 11 ms the second way on
		the scale site): both ways give the same heads, an inactive report not making a head."""
		from unittest.mock import patch

		from insurance_activity import org as org_module

		org = self.org
		people = [org.manager_a, org.sup_a, org.sup_b, org.agent_a1, org.agent_a2, org.agent_b1, "", None]
		expected = {org.manager_a, org.sup_a, org.sup_b}
		self.assertEqual(org_module.team_heads(people), expected)
		with patch.object(org_module, "HEADS_BY_NAME", 0):
			self.assertEqual(org_module.team_heads(people), expected)
		self.assertTrue(org_module.is_supervisor_or_above(org.sup_b))
		self.assertFalse(org_module.is_supervisor_or_above(org.agent_b1))
		frappe.db.set_value("Employee", org.agent_b1, "status", "Inactive")
		try:
			for threshold in (0, org_module.HEADS_BY_NAME):
				with patch.object(org_module, "HEADS_BY_NAME", threshold):
					self.assertEqual(org_module.team_heads([org.sup_b]), set(), threshold)
		finally:
			frappe.db.set_value("Employee", org.agent_b1, "status", "Active")
