"""Conduct Incidents, counted in the database (issue 18), equals an independent count over the same rows.

A small branch's incidents of each kind and state, an agent whose supervisor changed between two incidents
(the report's database groups by supervisor and agent, then adds the two rows), incidents outside the range
and in another office: the report's rows, per agent and in order, equal a count in Python over the incidents
read with frappe.get_all, the name, office and supervisor those of the agent's latest incident in the range.
"""

from collections import Counter

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity.tests.factories import make_org
from insurance_activity.tests.integration.test_agent_monthly_evaluation import make_incident
from insurance_activity.verification.report.conduct_incidents.conduct_incidents import (
	STATUS_COLUMNS,
	TYPE_COLUMNS,
	execute,
)

FIRST, LAST = "2025-03-01", "2025-03-31"


class TestConductIncidentsReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("CIR")
		made = [
			(org.agent_a1, "2025-03-03", "Complaint", "Active"),
			(org.agent_a1, "2025-03-04", "Visit Not Happened", "Under Appeal"),
			(org.agent_a1, "2025-03-20", "Misconduct", "Reversed on Appeal"),
			(org.agent_a2, "2025-03-05", "Complaint", "Active"),
			(org.agent_a2, "2025-02-27", "Complaint", "Active"),  # before the range
			(org.agent_b1, "2025-03-10", "Misconduct", "Active"),
			(org.agent_b1, "2025-04-01", "Complaint", "Active"),  # after the range
		]
		for agent, day, kind, status in made:
			make_incident(agent, day, incident_type=kind, status=status)
		# agent A1's supervisor changes before a later incident: their incidents are under two supervisors
		frappe.db.set_value("Employee", org.agent_a1, "reports_to", org.sup_b)
		make_incident(org.agent_a1, "2025-03-25", incident_type="Complaint", status="Active")
		frappe.db.set_value("Employee", org.agent_a1, "reports_to", org.sup_a)

	def expected(self, office: str | None = None) -> list[dict]:
		filters = {"incident_date": ("between", [FIRST, LAST]), "agent": ("in", self.agents())}
		if office:
			filters["office"] = office
		incidents = frappe.get_all(
			"Conduct Incident",
			filters=filters,
			fields=[
				"agent",
				"agent_name",
				"supervisor",
				"office",
				"incident_type",
				"status",
				"incident_date",
				"creation",
			],
			order_by="incident_date, creation",
		)
		rows = {}
		for agent in dict.fromkeys(i.agent for i in incidents):
			mine = [i for i in incidents if i.agent == agent]
			latest = mine[-1]
			kinds, states = Counter(i.incident_type for i in mine), Counter(i.status for i in mine)
			rows[agent] = {
				"agent": agent,
				"agent_name": latest.agent_name,
				"supervisor_name": frappe.db.get_value("Employee", latest.supervisor, "employee_name"),
				"office": latest.office,
				**{column: kinds[kind] for kind, column in TYPE_COLUMNS.items()},
				**{column: states[state] for state, column in STATUS_COLUMNS.items()},
			}
		return sorted(
			rows.values(), key=lambda r: (-(r["active"] + r["under_appeal"]), r["agent_name"] or "")
		)

	def agents(self) -> list[str]:
		return [self.org.agent_a1, self.org.agent_a2, self.org.agent_b1]

	def test_the_rows_equal_a_count_over_the_incidents(self):
		for office in (None, self.org.office_a, self.org.office_b):
			with self.subTest(office=office):
				_columns, rows = execute({"from_date": FIRST, "to_date": LAST, "office": office})
				rows = [r for r in rows if r["agent"] in self.agents()]
				self.assertEqual(rows, self.expected(office))
		_columns, rows = execute({"from_date": FIRST, "to_date": LAST})
		a1 = next(r for r in rows if r["agent"] == self.org.agent_a1)
		# four incidents in the range under two supervisors, one row; the latest's supervisor named
		self.assertEqual(a1["active"] + a1["under_appeal"] + a1["reversed"], 4)
		self.assertEqual(
			a1["supervisor_name"], frappe.db.get_value("Employee", self.org.sup_b, "employee_name")
		)
