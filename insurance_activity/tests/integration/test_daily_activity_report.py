"""Daily Activity (日看量) on a real site: the report's rows are what the Agent Logs say, for every grouping,
and each person sees only the part of the organisation they manage."""

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from insurance_activity.tests.factories import last_working_day, make_employee, make_log, make_org
from insurance_activity.working_days import days_off

REPORT = "Daily Activity"
ITEMS = ("phone_appointments", "sales_interviews", "recruiting_visits", "new_prospects", "referrals")
GROUP_FIELD = {"Agent": "agent", "Team": "supervisor", "Office": "office"}
# logs older than the agent's edit window are made as an admin, who must give a reason
SETUP = {"amendment_reason": "test data"}


def new_prospect(phone: str):
	return ("New Prospect", 1, None, None, phone, f"Prospect {phone[-4:]}")


def latest_holiday_before(day):
	"""The latest day off of the company's staff before `day` (whatever year the clock is in)."""
	day = getdate(day)
	off = days_off(add_days(day, -14), add_days(day, -1), company=frappe.db.get_value("Company", {}, "name"))
	return max(off.days)


def expected_rows(logs: list[dict], employees: list[dict], group_by: str, from_date, to_date) -> dict:
	"""The report's figures computed independently, by hand, from the same Agent Log and Employee rows.

	Each agent counts in the team and office of their latest log (else their Employee record's); a supervisor
	(anyone an active Employee reports to) heads their own team. Days met are over the agent's working days;
	attainment is working-day actual over working-day target; what was done on days off is apart."""
	everyone = frappe.get_all("Employee", filters={"status": "Active"}, fields=["name", "reports_to"])
	heads = {e.reports_to for e in everyone if e.reports_to}
	office_of_department = {e["department"]: e["department"] for e in employees}  # offices hold people here
	unit = {}
	for employee in employees:
		agent = employee["name"]
		own = sorted((log for log in logs if log["agent"] == agent), key=lambda log: log["log_date"])
		supervisor = own[-1]["supervisor"] if own else employee["reports_to"]
		office = own[-1]["office"] if own else office_of_department[employee["department"]]
		team = agent if agent in heads else supervisor
		unit[agent] = {"Agent": agent, "Team": team, "Office": office}[group_by]
	rows: dict = {}
	for employee in employees:
		agent = employee["name"]
		off = days_off(from_date, to_date, employee=agent)
		working_days = len(off.working_days(getdate(from_date), getdate(to_date)))
		own = [log for log in logs if log["agent"] == agent]
		working = [log for log in own if log["is_working_day"]]
		row = rows.setdefault(
			unit[agent],
			{"agents": 0, "logs": 0, "working_days": 0, "working_day_logs": 0, "days_met": 0}
			| {f"{i}{s}": 0 for i in ITEMS for s in ("", "_target", "_days_off")},
		)
		row["agents"] += 1
		row["logs"] += len(own)
		row["working_days"] += working_days
		row["working_day_logs"] += len(working)
		row["days_met"] += sum(1 for log in working if log["standard_met"])
		for item in ITEMS:
			row[item] += sum(log[item] for log in working)
			row[f"{item}_target"] += sum(log[f"{item}_target"] for log in working)
			row[f"{item}_days_off"] += sum(log[item] for log in own if not log["is_working_day"])
	for row in rows.values():
		row["met_share"] = (
			round(100 * row["days_met"] / row["working_days"], 1) if row["working_days"] else None
		)
		for item in ITEMS:
			target = row[f"{item}_target"]
			row[f"{item}_attainment"] = round(100 * row[item] / target, 1) if target else None
	return rows


class TestDailyActivityReport(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("DAR")
		d1 = last_working_day(getdate(today()))
		d2 = last_working_day(d1)
		holiday = cls.holiday = latest_holiday_before(d2)
		cls.from_date, cls.to_date = holiday or d2, getdate(today())

		full = [("Phone Appointment", 5), ("Sales Interview", 3), ("Recruiting Visit", 1)]
		make_log(org.agent_a1, d1, [*full, new_prospect("13911110001")], **SETUP)
		make_log(org.agent_a1, d2, [("Phone Appointment", 2), ("Sales Interview", 1)], **SETUP)
		if holiday:
			make_log(org.agent_a1, holiday, [("Phone Appointment", 1)], **SETUP)
		make_log(
			org.agent_a2,
			d1,
			[("Phone Appointment", 6), *full[1:], new_prospect("13911110002"), ("Referral", 2)],
			**SETUP,
		)
		make_log(org.sup_a, d1, [("Phone Appointment", 3)], **SETUP)
		make_log(org.manager_a, d2, [("Sales Interview", 1)], submit=True, **SETUP)
		make_log(org.agent_b1, d1, [("Phone Appointment", 4), ("Sales Interview", 3)], **SETUP)
		make_log(org.agent_b1, d2, [("Phone Appointment", 9)], submit=True, **SETUP).cancel()
		make_log(org.sup_b, d1, [("Phone Appointment", 1)], **SETUP)
		# an agent of supervisor A who logged nothing in the range: every working day is a day not met
		cls.agent_a3 = make_employee("DAR Agent A3", org.office_a, org.sup_a, None)

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, group_by="Agent", user="Administrator", **filters) -> list[dict]:
		frappe.set_user(user)
		result = run(
			REPORT,
			filters={
				"from_date": str(self.from_date),
				"to_date": str(self.to_date),
				"group_by": group_by,
				"office": self.org.branch,
				**filters,
			},
		)
		return result["result"]

	def logs_of_this_branch(self) -> list[dict]:
		return frappe.get_all(
			"Agent Log",
			filters={
				"docstatus": ("<", 2),
				"log_date": ("between", [self.from_date, self.to_date]),
				"office": ("in", [self.org.office_a, self.org.office_b]),
			},
			fields=["agent", "supervisor", "office", "log_date", "is_working_day", "standard_met", *ITEMS]
			+ [f"{item}_target" for item in ITEMS],
		)

	def employees_of_this_branch(self) -> list[dict]:
		return frappe.get_all(
			"Employee",
			filters={"department": ("in", [self.org.office_a, self.org.office_b]), "status": "Active"},
			fields=["name", "reports_to", "department"],
		)

	def working_days_of(self, employee, from_date=None, to_date=None) -> int:
		from_date, to_date = getdate(from_date or self.from_date), getdate(to_date or self.to_date)
		return len(days_off(from_date, to_date, employee=employee).working_days(from_date, to_date))

	def test_rows_equal_an_independent_count_of_the_logs_for_every_grouping(self):
		logs = self.logs_of_this_branch()
		self.assertEqual(len(logs), 7 + self.holiday_logs())
		employees = self.employees_of_this_branch()
		self.assertEqual(len(employees), 7)
		for group_by in ("Agent", "Team", "Office"):
			with self.subTest(group_by=group_by):
				rows = {row["unit"]: row for row in self.run_report(group_by)}
				expected = expected_rows(logs, employees, group_by, self.from_date, self.to_date)
				self.assertEqual(set(rows), set(expected))
				for unit, figures in expected.items():
					self.assertEqual({k: rows[unit][k] for k in figures}, figures, unit)

	def test_agent_row_counts_what_the_agent_logged_against_5311(self):
		row = next(r for r in self.run_report("Agent") if r["unit"] == self.org.agent_a1)
		self.assertEqual((row["phone_appointments"], row["phone_appointments_target"]), (7, 10))
		self.assertEqual(row["phone_appointments_attainment"], 70.0)
		self.assertEqual(row["unit_name"], "DAR Agent A1")

	def test_a_working_day_without_a_log_is_a_day_not_met(self):
		row = next(r for r in self.run_report("Agent") if r["unit"] == self.org.agent_a1)
		working_days = self.working_days_of(self.org.agent_a1)
		self.assertGreater(working_days, 2)  # two logged working days and at least today's without a log
		self.assertEqual((row["working_day_logs"], row["days_met"]), (2, 1))
		self.assertEqual(row["working_days"], working_days)
		self.assertEqual(row["met_share"], round(100 / working_days, 1))

	def test_an_agent_without_a_log_has_a_row_of_no_day_met(self):
		row = next(r for r in self.run_report("Agent") if r["unit"] == self.agent_a3)
		working_days = self.working_days_of(self.agent_a3)
		self.assertEqual((row["logs"], row["days_met"], row["working_days"]), (0, 0, working_days))
		self.assertEqual(row["met_share"], 0.0)
		self.assertIsNone(row["phone_appointments_attainment"])  # no target: nothing to measure

	def test_days_off_activity_is_apart_and_never_lifts_attainment(self):
		if not self.holiday:
			self.skipTest("the calendar has no day off in the last two weeks")
		row = next(r for r in self.run_report("Agent") if r["unit"] == self.org.agent_a1)
		self.assertEqual((row["phone_appointments"], row["phone_appointments_days_off"]), (7, 1))
		self.assertEqual(row["days_off_logs"], 1)
		self.assertEqual(row["phone_appointments_attainment"], 70.0)  # not 8 / 10

	def test_a_range_of_days_off_only_has_nothing_to_measure(self):
		if not self.holiday:
			self.skipTest("the calendar has no day off in the last two weeks")
		frappe.set_user("Administrator")
		filters = {"from_date": str(self.holiday), "to_date": str(self.holiday), "office": self.org.branch}
		result = run(REPORT, filters={**filters, "group_by": "Agent"})
		summary = {s["label"]: s for s in result["report_summary"]}
		self.assertEqual(summary["Share of Days Met"]["value"], "Nothing to measure")
		self.assertTrue(all(r["met_share"] is None for r in result["result"]))

	def holiday_logs(self) -> int:
		"""Agent A1 logged one phone appointment on the latest holiday (when the calendar has one)."""
		return 1 if self.holiday else 0

	def test_a_cancelled_log_never_counts(self):
		row = next(r for r in self.run_report("Agent") if r["unit"] == self.org.agent_b1)
		self.assertEqual((row["logs"], row["phone_appointments"]), (1, 4))

	def test_a_supervisors_own_logs_are_in_their_own_team(self):
		rows = {row["unit"]: row for row in self.run_report("Team")}
		# supervisor A's team: supervisor A, agents A1, A2 and A3; not supervisor A's manager's row
		self.assertEqual(rows[self.org.sup_a]["agents"], 4)
		self.assertEqual(rows[self.org.sup_a]["logs"], 4 + self.holiday_logs())
		self.assertEqual(rows[self.org.sup_a]["unit_name"], "DAR Supervisor A")
		self.assertEqual((rows[self.org.manager_a]["agents"], rows[self.org.manager_a]["logs"]), (1, 1))
		self.assertEqual((rows[self.org.sup_b]["agents"], rows[self.org.sup_b]["logs"]), (2, 2))
		self.assertNotIn(None, rows)  # the heads without a supervisor head their own teams

	def test_office_and_supervisor_filters_narrow_the_logs(self):
		rows = self.run_report("Office", office=self.org.office_b)
		self.assertEqual([r["unit"] for r in rows], [self.org.office_b])
		rows = self.run_report("Agent", supervisor=self.org.sup_a)
		self.assertEqual({r["unit"] for r in rows}, {self.org.agent_a1, self.org.agent_a2, self.agent_a3})

	def test_chart_and_summary_cover_the_whole_selection(self):
		frappe.set_user("Administrator")
		filters = {"from_date": str(self.from_date), "to_date": str(self.to_date), "office": self.org.branch}
		result = run(REPORT, filters={**filters, "group_by": "Agent"})
		actual, target = result["chart"]["data"]["datasets"]
		logs = self.logs_of_this_branch()
		working = [log for log in logs if log["is_working_day"]]
		self.assertEqual(actual["values"], [sum(log[i] for log in working) for i in ITEMS])
		self.assertEqual(target["values"], [sum(log[f"{i}_target"] for log in working) for i in ITEMS])
		summary = {s["label"]: s["value"] for s in result["report_summary"]}
		self.assertEqual(summary["Logs"], len(logs))
		self.assertEqual(summary["Agents"], 7)
		days = sum(self.working_days_of(e.name) for e in self.employees_of_this_branch())
		met = sum(1 for log in working if log["standard_met"])
		self.assertEqual(summary["Working Days"], days)
		self.assertEqual(summary["Share of Days Met"], round(100 * met / days, 1))

	def test_an_agent_sees_only_their_own_row(self):
		for group_by in ("Agent", "Team", "Office"):
			rows = self.run_report(group_by, user=self.org.users.agent_a1)
			self.assertEqual(sum(r["logs"] for r in rows), 2 + self.holiday_logs(), group_by)
		rows = self.run_report("Agent", user=self.org.users.agent_a1)
		self.assertEqual([r["unit"] for r in rows], [self.org.agent_a1])

	def test_no_grouping_hides_a_log_its_reader_may_see(self):
		users = self.org.users
		for user in (users.agent_a1, users.sup_a, users.manager_a, users.admin):
			totals = {g: sum(r["logs"] for r in self.run_report(g, user=user)) for g in GROUP_FIELD}
			self.assertEqual(len(set(totals.values())), 1, f"{user}: {totals}")

	def test_a_supervisor_sees_only_their_team(self):
		rows = self.run_report("Agent", user=self.org.users.sup_a)
		self.assertEqual(
			{r["unit"] for r in rows}, {self.org.sup_a, self.org.agent_a1, self.org.agent_a2, self.agent_a3}
		)

	def test_an_office_manager_sees_their_office_only(self):
		rows = self.run_report("Agent", user=self.org.users.manager_a)
		self.assertEqual(
			{r["unit"] for r in rows},
			{self.org.manager_a, self.org.sup_a, self.org.agent_a1, self.org.agent_a2, self.agent_a3},
		)
		rows = self.run_report("Office", user=self.org.users.manager_a)
		self.assertEqual([r["unit"] for r in rows], [self.org.office_a])

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


class TestLogFactsIndex(FrappeTestCase):
	"""At branch scale the analysis adds a year of logs up from one covering index (issue 18): the index is in
	place after install and migrate, in the order the reports group (agent, kind of day, date), and holds every
	column Daily Activity adds up, groups or filters on, so the database never reads the rows themselves."""

	def test_the_facts_daily_activity_reads_are_all_in_one_covering_index(self):
		import re

		from insurance_activity.activity.report.daily_activity.daily_activity import TOTAL_FIELDS
		from insurance_activity.setup.constraints import LOG_FACTS_COLUMNS, LOG_FACTS_INDEX

		index = frappe.db.sql(
			"show index from `tabAgent Log` where Key_name = %s", LOG_FACTS_INDEX, as_dict=True
		)
		columns = tuple(row.Column_name for row in sorted(index, key=lambda row: row.Seq_in_index))
		self.assertEqual(columns, LOG_FACTS_COLUMNS)
		self.assertEqual(columns[:3], ("agent", "is_working_day", "log_date"))
		summed = {name for field in TOTAL_FIELDS for name in re.findall(r"sum\((\w+)\)", field)}
		read = summed | {"agent", "is_working_day", "log_date", "docstatus", "office", "supervisor"}
		self.assertEqual(read - set(columns), set())

	def test_the_checks_evaluation_counts_are_read_from_one_covering_index(self):
		"""closed_and_failed_counts (Unit Evaluation's and Agent Monthly Evaluation's verification failures) read
		every check of the agents through the agent index, 2.6 s for a branch's month at scale; with the
		index over what it filters and groups on, 0.24 s."""
		import re

		from insurance_activity.setup.constraints import (
			CHECK_AGENT_FACTS_COLUMNS,
			CHECK_AGENT_FACTS_INDEX,
			CHECK_FACTS_COLUMNS,
			CHECK_FACTS_INDEX,
		)
		from insurance_activity.verification.doctype.callback_check import callback_check

		def index_columns(name: str) -> tuple:
			index = frappe.db.sql(
				"show index from `tabCallback Check` where Key_name = %s", name, as_dict=True
			)
			return tuple(row.Column_name for row in sorted(index, key=lambda row: row.Seq_in_index))

		columns = index_columns(CHECK_FACTS_INDEX)
		self.assertEqual(columns, CHECK_FACTS_COLUMNS)
		self.assertEqual(columns[0], "activity_date")  # a month is one range of the index
		# the same facts led by the agent: a reader's few agents, each a range of the index (stop 37)
		self.assertEqual(index_columns(CHECK_AGENT_FACTS_INDEX), CHECK_AGENT_FACTS_COLUMNS)
		self.assertEqual(set(CHECK_AGENT_FACTS_COLUMNS), set(columns))
		frappe.set_user("Administrator")
		queries, sql = [], frappe.db.sql

		def recording(query, *args, **kwargs):
			queries.append(str(query))
			return sql(query, *args, **kwargs)

		frappe.db.sql = recording
		try:
			callback_check.closed_and_failed_counts("2026-01-01", "2026-01-31", ["HR-EMP-NONE"])
		finally:
			frappe.db.sql = sql
		table_columns = set(frappe.db.get_table_columns("Callback Check"))
		read = {
			word
			for query in queries
			if "tabCallback Check" in query
			for word in re.findall(r"`?(\w+)`?", query.split("from", 1)[0] + query.split("where", 1)[-1])
			if word in table_columns
		}
		self.assertTrue(read)
		self.assertEqual(read - set(columns) - {"name"}, set())  # the primary key is in every index

	def test_the_activity_rows_the_analytics_add_up_are_read_from_one_covering_index(self):
		import re

		from insurance_activity.analytics import activities
		from insurance_activity.setup.constraints import ROW_FACTS_COLUMNS, ROW_FACTS_INDEX

		index = frappe.db.sql(
			"show index from `tabAgent Log Activity` where Key_name = %s", ROW_FACTS_INDEX, as_dict=True
		)
		columns = tuple(row.Column_name for row in sorted(index, key=lambda row: row.Seq_in_index))
		self.assertEqual(columns, ROW_FACTS_COLUMNS)
		frappe.set_user("Administrator")
		query = activities.activity_rows(frappe._dict(from_date="2026-01-01", to_date="2026-01-31"))
		query = query.select(activities.ACTIVITIES)
		read = set(re.findall(r"`tabAgent Log Activity`\.`(\w+)`", query.get_sql()))
		self.assertTrue(read)
		self.assertEqual(read - set(columns), set())

	def test_people_are_looked_up_by_user_and_by_manager_through_an_index(self):
		"""The permission rule and the log's checks find a user's Employee and a manager's reports on every
		save and list (issue 18's load run: full scans of Employee under 50 clients)."""
		from insurance_activity.setup.constraints import EMPLOYEE_INDEXES

		for name, columns in EMPLOYEE_INDEXES.items():
			index = frappe.db.sql("show index from `tabEmployee` where Key_name = %s", name, as_dict=True)
			self.assertEqual(tuple(row.Column_name for row in index), columns, name)
		self.assertEqual({columns for columns in EMPLOYEE_INDEXES.values()}, {("user_id",), ("reports_to",)})
