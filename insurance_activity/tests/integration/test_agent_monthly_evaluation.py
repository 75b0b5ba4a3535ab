"""Agent Monthly Evaluation (个人月度考评) on a real site: each agent's month of activity, meeting attendance,
valid complaints and regular-premium cases, each against its standard in settings, equals an independent
computation (pandas over the raw Agent Log rows, Meeting Sessions and their attendees, Conduct Incidents
and Insurance Policies), for an agent, a supervisor, an office manager and an admin."""

import math

import pandas as pd

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months

from insurance_activity.production.performance import recompute_month
from insurance_activity.tests.factories import set_settings
from insurance_activity.tests.integration.test_meetings import hold, make_session, make_type
from insurance_activity.tests.integration.test_monthly_activity_vs_results import (
	expected_activities,
	frame,
	make_month_of_work,
)
from insurance_activity.tests.production_factories import make_policy
from insurance_activity.working_days import days_off

REPORT = "Agent Monthly Evaluation"
SETTINGS = "Insurance Activity Settings"


def make_incident(agent: str, day, incident_type="Complaint", status="Active") -> str:
	"""A Conduct Incident as a closed callback leaves it (Complaint: a valid complaint, 有效投诉)."""
	employee = frappe.db.get_value(
		"Employee", agent, ["employee_name", "department", "reports_to"], as_dict=True
	)
	return (
		frappe.get_doc(
			{
				"doctype": "Conduct Incident",
				"incident_type": incident_type,
				"status": status,
				"incident_date": day,
				"agent": agent,
				"agent_name": employee.employee_name,
				"office": employee.department,
				"supervisor": employee.reports_to,
				"finding": "test",
			}
		)
		.insert()
		.name
	)


def make_meeting(office: str, day, attendance: dict | None, invited=()) -> str:
	"""A meeting of the office (its supervisors and above listed, and `invited`), held with `attendance`
	(employee -> status) when given, else left scheduled."""
	session = make_session(office, make_type("AME Team Meeting"), day)
	for employee in invited:
		session.append("attendees", {"employee": employee})
	session.save()
	if attendance is not None:
		hold(session, attendance=attendance)
	return session.name


def make_month_of_evaluation(prefix: str):
	"""make_month_of_work's activities and policies (A1 and A2 busy, supervisor A and B1 a little; a regular
	case each for A1, supervisor A and B1), and besides:
	- A2 sells a single-premium policy, manager A a regular one cancelled in the cooling-off period;
	- office A holds two meetings (supervisor A: on site, then absent; A1, invited: remote, then excused),
	  a third is never held, one was held the month before; office B holds one (supervisor B on site);
	- valid complaints: A2 one (and one the month after), supervisor B one under appeal; A1's complaint was
	  reversed on appeal and B1's incident is misconduct, not a complaint.
	Returns (org, first day, last day)."""
	org, first, last = make_month_of_work(prefix)
	make_policy(f"{prefix}-0004", org.agent_a2, add_days(first, 3), payment_mode="Single")
	make_policy(f"{prefix}-0005", org.manager_a, add_days(first, 4), status="Cancelled in Cooling-off")
	recompute_month(first.year, first.month)
	on_site, remote = "On Site", "Remote"
	make_meeting(org.office_a, add_days(first, 8), {org.sup_a: on_site, org.agent_a1: remote}, [org.agent_a1])
	make_meeting(
		org.office_a, add_days(first, 15), {org.sup_a: "Absent", org.agent_a1: "Excused"}, [org.agent_a1]
	)
	make_meeting(org.office_a, add_days(first, 24), None)
	make_meeting(org.office_a, add_days(first, -3), {org.sup_a: "Absent"})
	make_meeting(org.office_b, add_days(first, 8), {org.sup_b: on_site})
	make_incident(org.agent_a2, add_days(first, 10))
	make_incident(org.agent_a2, add_days(last, 1))
	make_incident(org.sup_b, add_days(first, 11), status="Under Appeal")
	make_incident(org.agent_a1, add_days(first, 12), status="Reversed on Appeal")
	make_incident(org.agent_b1, add_days(first, 13), incident_type="Misconduct")
	return org, first, last


def raw(doctype: str, fields: list[str], **filters) -> pd.DataFrame:
	return frame(frappe.get_all(doctype, filters=filters, fields=fields, limit_page_length=0))


def in_month(dates: pd.Series, first, last) -> pd.Series:
	days = pd.to_datetime(dates).dt.date
	return (days >= first) & (days <= last)


def expected_month(first, last) -> pd.DataFrame:
	"""Every agent's four figures, counted with pandas over the raw rows, indexed by agent."""
	activities = expected_activities(first, last)["activities"]

	sessions = raw("Meeting Session", ["name", "status", "scheduled_date"])
	attendees = raw("Meeting Attendee", ["parent", "employee", "attendance"], parenttype="Meeting Session")
	rows = attendees.merge(sessions, left_on="parent", right_on="name")
	rows = rows[(rows.status == "Held") & in_month(rows.scheduled_date, first, last)]
	rows = rows[rows.attendance != "Excused"]
	rows["present"] = rows.attendance.isin(["On Site", "Remote"]).astype(int)
	meetings = rows.groupby("employee").agg(expected=("present", "size"), attended=("present", "sum"))

	incidents = raw("Conduct Incident", ["agent", "incident_type", "status", "incident_date"])
	incidents = incidents[
		(incidents.incident_type == "Complaint")
		& (incidents.status != "Reversed on Appeal")
		& in_month(incidents.incident_date, first, last)
	]
	complaints = incidents.groupby("agent").size()

	policies = raw("Insurance Policy", ["agent", "payment_mode", "status", "issue_date"])
	policies = policies[
		(policies.payment_mode == "Regular")
		& (policies.status != "Cancelled in Cooling-off")
		& in_month(policies.issue_date, first, last)
	]
	regular = policies.groupby("agent").size()

	agents = sorted(set(activities.index) | set(meetings.index) | set(complaints.index) | set(regular.index))
	table = pd.DataFrame(index=pd.Index(agents, name="agent"))
	table["activities"] = activities.reindex(agents, fill_value=0)
	table["meetings_expected"] = meetings.expected.reindex(agents, fill_value=0)
	table["meetings_attended"] = meetings.attended.reindex(agents, fill_value=0)
	table["valid_complaints"] = complaints.reindex(agents, fill_value=0)
	table["regular_cases"] = regular.reindex(agents, fill_value=0)
	return table


class TestAgentMonthlyEvaluation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org, cls.first, cls.last = make_month_of_evaluation("AME")

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, user="Administrator", **filters) -> dict:
		frappe.set_user(user)
		return run(
			REPORT, filters={"month_of": str(add_days(self.first, 20)), "office": self.org.branch, **filters}
		)

	def rows(self, user="Administrator", **filters) -> dict[str, dict]:
		return {row["agent"]: row for row in self.run_report(user, **filters)["result"]}

	def working_days_of(self, agent) -> int:
		return len(days_off(self.first, self.last, employee=agent).working_days(self.first, self.last))

	def test_rows_equal_an_independent_computation_for_each_reader(self):
		org = self.org
		expected = expected_month(self.first, self.last)
		settings = frappe.get_single(SETTINGS)
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
					row = rows[agent]
					figures = (
						expected.loc[agent].to_dict()
						if agent in expected.index
						else dict.fromkeys(expected.columns, 0)
					)
					self.assertEqual({k: row[k] for k in figures}, figures, agent)
					working = self.working_days_of(agent)
					target = math.ceil(settings.evaluation_activities_per_day * working)
					mets = {
						"activity_met": int(figures["activities"] >= target),
						"attendance_met": None
						if not figures["meetings_expected"]
						else int(
							100 * figures["meetings_attended"]
							>= settings.evaluation_attendance_rate * figures["meetings_expected"]
						),
						"complaints_met": int(
							figures["valid_complaints"] <= settings.evaluation_max_valid_complaints
						),
						"regular_cases_met": int(
							figures["regular_cases"] >= settings.evaluation_min_regular_cases
						),
					}
					mets["overall_met"] = int(all(met != 0 for met in mets.values()))  # None: not measured
					self.assertEqual(
						(row["working_days"], row["activity_standard"]), (working, target), agent
					)
					self.assertEqual({k: row[k] for k in mets}, mets, agent)

	def test_each_item_against_its_standard_on_the_known_month(self):
		rows = self.rows()
		org = self.org
		a1, a2, sup_a, sup_b = rows[org.agent_a1], rows[org.agent_a2], rows[org.sup_a], rows[org.sup_b]
		# A1: 280 activities, the meeting not excused attended remotely, no valid complaint, one regular case
		self.assertEqual(
			(a1["meetings_expected"], a1["meetings_attended"], a1["attendance_rate"]), (1, 1, 100)
		)
		self.assertEqual((a1["valid_complaints"], a1["regular_cases"], a1["overall_met"]), (0, 1, 1))
		# A2: busy too, but a valid complaint and only a single-premium sale; no meeting to attend
		self.assertEqual((a2["activity_met"], a2["attendance_rate"], a2["attendance_met"]), (1, None, None))
		self.assertEqual((a2["valid_complaints"], a2["complaints_met"]), (1, 0))
		self.assertEqual((a2["regular_cases"], a2["regular_cases_met"], a2["overall_met"]), (0, 0, 0))
		# supervisor A: 5 activities, one of two meetings; supervisor B: a complaint under appeal still counts
		self.assertEqual((sup_a["activities"], sup_a["activity_met"]), (5, 0))
		self.assertEqual((sup_a["attendance_rate"], sup_a["attendance_met"]), (50, 0))
		self.assertEqual((sup_b["valid_complaints"], sup_b["attendance_rate"]), (1, 100))
		self.assertEqual(rows[org.manager_a]["regular_cases"], 0, "a cooling-off cancellation is no sale")
		result = self.run_report()
		summary = {s["label"]: s["value"] for s in result["report_summary"]}
		self.assertEqual((summary["Agents"], summary["Month Met"], summary["Month Not Met"]), (6, 1, 5))
		self.assertIn("at least 10", result["message"])

	def test_the_standards_are_the_settings(self):
		changed = (
			"evaluation_activities_per_day",
			"evaluation_attendance_rate",
			"evaluation_max_valid_complaints",
			"evaluation_min_regular_cases",
		)
		self.addCleanup(set_settings, **{f: frappe.db.get_single_value(SETTINGS, f) for f in changed})
		set_settings(
			evaluation_activities_per_day=0.2,
			evaluation_attendance_rate=50,
			evaluation_max_valid_complaints=1,
			evaluation_min_regular_cases=0,
		)
		rows = self.rows()
		sup_a, a2 = rows[self.org.sup_a], rows[self.org.agent_a2]
		self.assertEqual(sup_a["activity_standard"], math.ceil(0.2 * self.working_days_of(self.org.sup_a)))
		self.assertEqual((sup_a["activity_met"], sup_a["attendance_met"], sup_a["overall_met"]), (1, 1, 1))
		self.assertEqual((a2["complaints_met"], a2["regular_cases_met"], a2["overall_met"]), (1, 1, 1))

	def test_office_and_supervisor_filters_narrow_the_rows(self):
		self.assertEqual(set(self.rows(office=self.org.office_b)), {self.org.sup_b, self.org.agent_b1})
		self.assertEqual(set(self.rows(supervisor=self.org.sup_a)), {self.org.agent_a1, self.org.agent_a2})

	def test_another_month_has_its_own_figures(self):
		rows = self.rows(month_of=str(add_months(self.first, -1)))
		self.assertEqual(rows[self.org.agent_b1]["activities"], 50)  # the log of the month before
		self.assertEqual(rows[self.org.sup_a]["meetings_expected"], 1)  # the meeting of the month before
		self.assertEqual(rows[self.org.agent_a2]["valid_complaints"], 0)

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
