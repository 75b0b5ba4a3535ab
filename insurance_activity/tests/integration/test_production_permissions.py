"""Who sees production on a real site, through frappe.get_list and REST: an agent their own policies,
performance, tier reviews and targets; a supervisor their subtree; an office manager their office (and its
office figures); finance (HR Manager, Accounts User) reads every unit; nobody else reads another's."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from insurance_activity.production import performance, tiers
from insurance_activity.tests.factories import make_user
from insurance_activity.tests.integration.test_production_targets import make_target
from insurance_activity.tests.production_factories import make_policy, make_production_org, month_before
from insurance_activity.tests.rest import rest_get

AGENT_OWNED = {
	"Insurance Policy": "agent",
	"Agent Monthly Performance": "agent",
	"Tier Review": "agent",
	"Production Target": "employee",
}


class TestProductionPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_production_org("PrdPerm")
		month = cls.month = month_before(1)
		cls.people = [org.manager_a, org.sup_a, org.agent_a1, org.agent_a2, org.sup_b, org.agent_b1]
		for i, person in enumerate(cls.people):
			make_policy(f"PRDPERM-{i}", person, add_days(month, i), annual_premium=5000, fyc=2000)
			make_target("Agent", employee=person, regular_premium=1000 * (i + 1))
		performance.recompute_month(month.year, month.month)
		tiers.reevaluate_month(month.year, month.month)
		cls.finance = [
			make_user("prdperm.hr@example.com", "PrdPerm HR", ["HR Manager"]),
			make_user("prdperm.accounts@example.com", "PrdPerm Accounts", ["Accounts User"]),
		]
		frappe.db.commit()
		everyone = set(cls.people)
		cls.expected = {
			org.users.agent_a1: {org.agent_a1},
			org.users.agent_a2: {org.agent_a2},
			org.users.sup_a: {org.sup_a, org.agent_a1, org.agent_a2},
			org.users.sup_b: {org.sup_b, org.agent_b1},
			org.users.manager_a: {org.manager_a, org.sup_a, org.agent_a1, org.agent_a2},
			org.users.admin: everyone,
			org.users.officer: set(),  # a callback officer has no production role
			**dict.fromkeys(cls.finance, everyone),
		}

	def visible(self, doctype: str, user: str) -> set:
		field = AGENT_OWNED[doctype]
		filters = {field: ("in", self.people)}
		if doctype == "Production Target":
			filters["target_level"] = "Agent"
		try:
			rows = frappe.get_list(doctype, filters=filters, fields=[field], user=user, limit_page_length=0)
		except frappe.PermissionError:
			return set()
		return {row[field] for row in rows}

	def test_get_list_follows_the_hierarchy_and_finance_reads_all(self):
		for doctype in AGENT_OWNED:
			for user, expected in self.expected.items():
				self.assertEqual(self.visible(doctype, user), expected, f"{doctype} as {user}")

	def test_rest_list_follows_the_hierarchy_and_finance_reads_all(self):
		for doctype, field in AGENT_OWNED.items():
			for user in (
				self.org.users.agent_a1,
				self.org.users.sup_a,
				self.org.users.manager_a,
				*self.finance,
			):
				status, body = rest_get(
					user,
					f"/api/resource/{doctype}",
					{"filters": [[field, "in", self.people]], "fields": [field], "limit_page_length": 0},
				)
				self.assertEqual(status, 200, f"{doctype} as {user}")
				if doctype == "Production Target":
					continue  # the team targets of the class's other tests are in here too
				self.assertEqual(
					{r[field] for r in body["data"]}, self.expected[user], f"{doctype} as {user}"
				)

	def test_rest_form_of_another_agents_policy_is_forbidden(self):
		b1_policy = f"PRDPERM-{self.people.index(self.org.agent_b1)}"
		a1_policy = f"PRDPERM-{self.people.index(self.org.agent_a1)}"
		self.assertEqual(
			rest_get(self.org.users.agent_a1, f"/api/resource/Insurance Policy/{b1_policy}")[0], 403
		)
		self.assertEqual(
			rest_get(self.org.users.sup_b, f"/api/resource/Insurance Policy/{a1_policy}")[0], 403
		)
		status, body = rest_get(self.org.users.sup_a, f"/api/resource/Insurance Policy/{a1_policy}")
		self.assertEqual((status, body["data"]["agent"]), (200, self.org.agent_a1))
		status, body = rest_get(self.finance[1], f"/api/resource/Insurance Policy/{b1_policy}")
		self.assertEqual((status, body["data"]["agent"]), (200, self.org.agent_b1))

	def test_office_figures_are_for_the_office_managers_and_finance(self):
		offices = [self.org.office_a, self.org.office_b]

		def offices_seen(user):
			try:
				rows = frappe.get_list(
					"Office Monthly Performance",
					filters={"office": ("in", offices), "period": self.month},
					pluck="office",
					user=user,
				)
			except frappe.PermissionError:
				return set()
			return set(rows)

		self.assertEqual(offices_seen(self.org.users.manager_a), {self.org.office_a})
		self.assertEqual(offices_seen(self.org.users.sup_b), set())
		self.assertEqual(offices_seen(self.org.users.agent_a1), set())
		for user in (*self.finance, self.org.users.admin):
			self.assertEqual(offices_seen(user), set(offices), user)

	def test_finance_reads_but_cannot_change_production(self):
		policy = f"PRDPERM-{self.people.index(self.org.agent_a1)}"
		frappe.set_user(self.finance[0])
		try:
			doc = frappe.get_doc("Insurance Policy", policy)
			doc.annual_premium = 1
			self.assertRaises(frappe.PermissionError, doc.save)
		finally:
			frappe.set_user("Administrator")

	@classmethod
	def tearDownClass(cls):
		frappe.db.delete("Insurance Policy", {"name": ("like", "PRDPERM-%")})
		frappe.db.commit()
		super().tearDownClass()
