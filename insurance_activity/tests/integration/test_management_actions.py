"""Management Actions (管理动作) on a real site: each office's month of target interviews, accompanied visits,
customer inventories and customer platforms equals an independent count (pandas over the raw records each
reader may list), and the gaps are named."""

import pandas as pd

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, get_last_day, getdate, now_datetime, today

from insurance_activity.tests.factories import as_user, make_log, make_org
from insurance_activity.tests.integration.test_activity_campaign import make_campaign

REPORT = "Management Actions"
SETUP = {"amendment_reason": "test data", "ignore_edit_window": True}
VISIT = "Accompanied Visit"
PLATFORMS = ("Warming Platform", "Value Customer Event", "High Potential Event")
INVENTORY_WEEKS = (1, 2, 3)  # the weeks the reviews of the 8th, 15th and 22nd look back on


def week_of(day) -> int:
	settings = frappe.get_single("Insurance Activity Settings")
	starts = (settings.week_2_start_day, settings.week_3_start_day, settings.week_4_start_day)
	return 1 + sum(1 for start in starts if getdate(day).day >= start)


def listed(doctype: str, **kwargs) -> list[dict]:
	"""frappe.get_list as the session user, every row, as plain dicts for pandas."""
	return [dict(row) for row in frappe.get_list(doctype, limit_page_length=0, **kwargs)]


class TestManagementActions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("MGA")
		# a month well in the past, whatever the clock: every week and the month itself are due
		first = cls.first = getdate(add_months(today(), -2)).replace(day=1)
		cls.last = getdate(get_last_day(first))

		def day(n):
			return add_days(first, n - 1)

		interview = {"income_target": 30000, "target_path": "8 regular cases, 2 recruits"}
		visit = {"coaching_type": VISIT, "coaching_report": org.agent_a1}
		row = [("Phone Appointment", 1)]
		log = make_log(org.sup_a, day(2), row, **visit, **interview, **SETUP)
		frappe.db.set_value("Agent Log", log.name, "review_status", "Reviewed")
		make_log(org.sup_a, day(9), row, **visit, **SETUP)
		make_log(org.sup_a, day(23), row, **visit, **SETUP)  # no visit in week 3 (15-21)
		b_visit = {"coaching_type": VISIT, "coaching_report": org.agent_b1}
		for n in (3, 10, 16, 24):
			make_log(org.sup_b, day(n), row, **b_visit, **SETUP)
		make_log(org.sup_b, day(4), row, income_target=20000, **SETUP)  # a target without its path
		make_log(org.sup_b, day(17), row, **b_visit, submit=True, **SETUP).cancel()
		# the office head is no key supervisor
		make_log(org.manager_a, day(2), row, coaching_type=VISIT, coaching_report=org.sup_a, **SETUP)
		make_log(org.agent_a1, day(2), row, **SETUP)

		# weekly reviews: A takes the inventory at the 8th only (the 15th held without its snapshot, the
		# 22nd never held); B at all three
		for office, held in (
			(org.office_a, {8: True, 15: False, 22: None}),
			(org.office_b, {8: 1, 15: 1, 22: 1}),
		):
			for nominal, snapshot in held.items():
				session = frappe.get_doc(
					{
						"doctype": "Meeting Session",
						"office": office,
						"meeting_type": "Weekly Review",
						"rule_date": day(nominal),
						"scheduled_date": day(1),
					}
				).insert()
				if snapshot is not None:
					frappe.db.set_value("Meeting Session", session.name, "status", "Held")
				if snapshot:
					frappe.db.set_value(
						"Meeting Session", session.name, "kpi_snapshot_taken_on", now_datetime()
					)

		make_campaign("MGA Warm", PLATFORMS[0], [org.office_a], day(5), day(6))
		make_campaign("MGA Value", PLATFORMS[1], [org.office_a, org.office_b], add_days(first, -3), day(2))
		make_campaign("MGA High B", PLATFORMS[2], [org.office_b], day(12), day(12))
		make_campaign("MGA High A draft", PLATFORMS[2], [org.office_a], day(12), day(12), submit=False)
		frappe.db.commit()

	def rows(self, user="Administrator") -> dict[str, dict]:
		with as_user(user):
			result = run(
				REPORT, filters={"month_of": str(add_days(self.first, 10)), "office": self.org.branch}
			)
		return {row["office"]: row for row in result["result"]}

	def expected(self, user, offices) -> dict[str, dict]:
		"""The figures per office, counted with pandas over the raw records the user may list."""
		org = self.org
		supervisors = {org.sup_a: org.office_a, org.sup_b: org.office_b}
		between = ["between", [self.first, self.last]]
		with as_user(user):
			log_fields = [
				"agent",
				"log_date",
				"docstatus",
				"coaching_type",
				"review_status",
				"income_target",
				"target_path",
			]
			logs = pd.DataFrame(
				listed(
					"Agent Log",
					filters={"agent": ("in", list(supervisors)), "log_date": between},
					fields=log_fields,
				),
				columns=log_fields,
			)
			sessions = pd.DataFrame(
				listed(
					"Meeting Session",
					filters={"office": ("in", offices), "scheduled_date": between},
					fields=["office", "business_week", "status", "kpi_snapshot_taken_on", "meeting_type"],
				),
				columns=["office", "business_week", "status", "kpi_snapshot_taken_on", "meeting_type"],
			)
			campaigns = pd.DataFrame(
				listed(
					"Activity Campaign",
					filters={"docstatus": 1, "from_date": ("<=", self.last), "to_date": (">=", self.first)},
					fields=["name", "kind", "`tabActivity Campaign Office`.office as office"],
				),
				columns=["name", "kind", "office"],
			)
		seen = set(logs.agent)
		logs = logs[logs.docstatus < 2]
		logs["week"] = logs.log_date.map(week_of)
		logs["interview"] = (logs.income_target.fillna(0) > 0) & (logs.target_path.fillna("") != "")
		visits = logs[logs.coaching_type == VISIT]
		held = sessions[
			(sessions.meeting_type == "Weekly Review")
			& (sessions.status == "Held")
			& sessions.kpi_snapshot_taken_on.notna()
		]
		expected = {}
		for office in offices:
			people = [s for s, o in supervisors.items() if o == office and s in seen]
			mine = visits[visits.agent.isin(people)]
			weeks = mine.groupby(["agent", "week"]).size()
			kinds = set(campaigns[campaigns.office == office].kind) & set(PLATFORMS)
			inventories = set(held[held.office == office].business_week) & set(INVENTORY_WEEKS)
			figures = {
				"supervisors": len(people),
				"interviews_due": len(people),
				"interviews_met": int(logs[logs.agent.isin(people)].groupby("agent").interview.any().sum()),
				"visits": len(mine),
				"visits_reviewed": int((mine.review_status == "Reviewed").sum()),
				"visit_weeks_due": 4 * len(people),
				"visit_weeks_met": int((weeks >= 1).sum()),
				"inventories_due": len(INVENTORY_WEEKS),
				"inventories_met": len(inventories),
				"platforms_due": 3,
				"platforms_met": len(kinds),
			}
			figures["due"] = sum(v for k, v in figures.items() if k.endswith("_due"))
			figures["met"] = sum(v for k, v in figures.items() if k.endswith("_met"))
			expected[office] = figures
		return expected

	def test_figures_equal_pandas_over_the_raw_records_for_each_reader(self):
		org = self.org
		offices_of = {
			org.users.agent_a1: [org.office_a],
			org.users.sup_a: [org.office_a],
			org.users.manager_a: [org.office_a],
			org.users.admin: [org.office_a, org.office_b],
		}
		for user, offices in offices_of.items():
			with self.subTest(user=user):
				rows = self.rows(user)
				self.assertEqual(set(rows), set(offices))
				for office, figures in self.expected(user, offices).items():
					got = {key: rows[office][key] for key in figures}
					self.assertEqual(got, figures, (user, office))

	def test_the_known_month_by_hand_with_the_gaps_named(self):
		rows = self.rows(self.org.users.admin)
		a, b = rows[self.org.office_a], rows[self.org.office_b]
		self.assertEqual((a["supervisors"], a["interviews_met"], a["visit_weeks_met"]), (1, 1, 3))
		self.assertEqual(
			(a["visits"], a["visits_reviewed"], a["inventories_met"], a["platforms_met"]), (3, 1, 1, 2)
		)
		self.assertEqual((b["interviews_met"], b["visit_weeks_met"], b["inventories_met"]), (0, 4, 3))
		self.assertEqual((a["met"], a["due"], a["compliance"]), (7, 11, 63.6))
		self.assertEqual(
			a["gaps"],
			"MGA Supervisor A: no accompanied visit in week 15-21; no customer inventory for week 8-14; "
			"no customer inventory for week 15-21; no High Potential Event this month",
		)
		self.assertEqual(
			b["gaps"], "MGA Supervisor B: no target interview this month; no Warming Platform this month"
		)

	def test_an_agent_sees_no_supervisor_and_so_no_supervisor_gap(self):
		row = self.rows(self.org.users.agent_a1)[self.org.office_a]
		self.assertEqual((row["supervisors"], row["interviews_due"], row["visit_weeks_due"]), (0, 0, 0))
		self.assertNotIn("Supervisor", row["gaps"])

	def test_the_visits_a_week_come_from_the_settings(self):
		settings = frappe.get_single("Insurance Activity Settings")
		self.assertEqual(settings.accompanied_visits_per_supervisor_week, 1)  # domain.md's default
		settings.accompanied_visits_per_supervisor_week = 2
		settings.save()
		try:
			row = self.rows(self.org.users.admin)[self.org.office_b]
			self.assertEqual(row["visit_weeks_met"], 0)
			self.assertIn("MGA Supervisor B: fewer than 2 accompanied visits in week 1-7", row["gaps"])
		finally:
			frappe.db.rollback()
