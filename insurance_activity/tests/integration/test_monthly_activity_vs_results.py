"""Monthly Activity vs Results (月看业绩) on a real site: each agent's month of activities, week by week,
equals an independent count (pandas over the raw Agent Log rows), the results are the month's Agent Monthly
Performance, the four groups follow, and each person sees only their part."""

import pandas as pd

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from insurance_activity.production.performance import recompute_month
from insurance_activity.tests.factories import make_log, make_org
from insurance_activity.tests.production_factories import make_policy, month_before
from insurance_activity.working_days import days_off

REPORT = "Monthly Activity vs Results"
SETUP = {"amendment_reason": "test data", "ignore_edit_window": True}


def frame(rows: list[dict]) -> pd.DataFrame:
	"""A DataFrame of frappe rows (plain dicts: a frappe._dict answers every attribute pandas probes)."""
	return pd.DataFrame([dict(row) for row in rows])


def week_of_day(day: int) -> int:
	"""The business week (经营周) of a day of the month, by hand from the settings' week starts."""
	settings = frappe.get_single("Insurance Activity Settings")
	starts = [settings.week_2_start_day, settings.week_3_start_day, settings.week_4_start_day]
	return 1 + sum(1 for start in starts if day >= start)


def valid_activity_rows() -> pd.DataFrame:
	"""Every valid activity row (有效活动: not found invalid, of a log not cancelled) of every Agent Log, read
	without the permission rule: its log's agent, date and office, its kind's sales-cycle step, and `n` the
	count it adds (activity_count, 1 when empty). The raw rows the analytics tests count by hand."""
	logs = frame(
		frappe.get_all(
			"Agent Log", fields=["name", "agent", "log_date", "office", "docstatus"], limit_page_length=0
		)
	)
	rows = frame(
		frappe.get_all(
			"Agent Log Activity",
			filters={"parenttype": "Agent Log"},
			fields=["parent", "activity_kind", "activity_count", "is_invalid"],
			limit_page_length=0,
		)
	)
	steps = dict(frappe.get_all("Activity Kind", fields=["name", "sales_cycle_step"], as_list=True))
	data = rows.merge(logs, left_on="parent", right_on="name")
	data["log_date"] = pd.to_datetime(data["log_date"]).dt.date
	data["n"] = data.activity_count.fillna(0).astype(int).where(lambda n: n > 0, 1)
	data["step"] = data.activity_kind.map(steps)
	return data[(data.docstatus < 2) & (data.is_invalid == 0)]


def expected_activities(first, last) -> pd.DataFrame:
	"""Valid activities per agent and business week of the month, counted with pandas over the raw rows."""
	data = valid_activity_rows()
	data = data[(data.log_date >= first) & (data.log_date <= last)].copy()
	data["week"] = data.log_date.map(lambda d: week_of_day(d.day))
	table = data.pivot_table(index="agent", columns="week", values="n", aggfunc="sum", fill_value=0)
	for week in range(1, 5):
		if week not in table:
			table[week] = 0
	table["activities"] = table[[1, 2, 3, 4]].sum(axis=1)
	return table


def make_month_of_work(prefix: str):
	"""Two months back: agents A1 and A2 busy every business week (70 activities a day), supervisor A a little
	(one visit a callback found invalid), agent B1 a little (a cancelled log and a log of the month before);
	A1 (3000 FYC) and supervisor A (5000) reach U, B1 (500) does not. Returns (org, first day, last day)."""
	org = make_org(prefix)
	first = month_before(2)
	last = add_days(month_before(1), -1)
	days = [first.replace(day=d) for d in (2, 9, 16, 25)]  # one day in each business week
	busy = [("Phone Appointment", 40), ("Sales Interview", 30)]  # 70 a day, 280 in the month
	for agent in (org.agent_a1, org.agent_a2):
		for day in days:
			make_log(agent, day, busy, **SETUP)
	log = make_log(org.sup_a, days[0], [("Phone Appointment", 5), ("Sales Interview", 3)], **SETUP)
	log.set_activity_validity(log.activities[1].name, False, "a callback found no visit")
	make_log(org.agent_b1, days[1], [("Phone Appointment", 4)], **SETUP)
	make_log(org.agent_b1, days[2], [("Phone Appointment", 9)], submit=True, **SETUP).cancel()
	make_log(org.agent_b1, add_days(first, -1), [("Phone Appointment", 50)], **SETUP)  # month before
	# results: agent A1 and supervisor A reach U (FYC 3000 >= 2000 with a regular case), B1 sells below U
	make_policy(f"{prefix}-0001", org.agent_a1, days[0], fyc=3000, annual_premium=12000)
	make_policy(f"{prefix}-0002", org.sup_a, days[1], fyc=5000, annual_premium=20000)
	make_policy(f"{prefix}-0003", org.agent_b1, days[2], fyc=500, annual_premium=2000)
	recompute_month(first.year, first.month)
	return org, first, last


class TestMonthlyActivityVsResults(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org, cls.first, cls.last = make_month_of_work("MAR")

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_report(self, user="Administrator", **filters) -> dict:
		frappe.set_user(user)
		return run(
			REPORT, filters={"month_of": str(add_days(self.first, 12)), "office": self.org.branch, **filters}
		)

	def rows(self, user="Administrator", **filters) -> dict[str, dict]:
		return {row["agent"]: row for row in self.run_report(user, **filters)["result"]}

	def working_days_of(self, agent) -> int:
		return len(days_off(self.first, self.last, employee=agent).working_days(self.first, self.last))

	def test_rows_equal_an_independent_computation_for_each_reader(self):
		org = self.org
		activities = expected_activities(self.first, self.last)
		results = {
			r.agent: r
			for r in frappe.get_all(
				"Agent Monthly Performance",
				filters={"year": self.first.year, "month": self.first.month},
				fields=["agent", "fyc", "cases", "total_premium", "reached_u"],
			)
		}
		bar = frappe.get_single("Insurance Activity Settings").high_activity_per_day
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
					weeks = activities.loc[agent] if agent in activities.index else None
					for week in range(1, 5):
						self.assertEqual(row[f"week_{week}"], int(weeks[week]) if weeks is not None else 0)
					total = int(weeks["activities"]) if weeks is not None else 0
					self.assertEqual(row["activities"], total, agent)
					working = self.working_days_of(agent)
					self.assertEqual(row["working_days"], working, agent)
					self.assertEqual(row["activity_per_day"], round(total / working, 2), agent)
					result = results.get(agent) or frappe._dict(fyc=0, cases=0, total_premium=0, reached_u=0)
					self.assertEqual((row["fyc"], row["cases"]), (result.fyc, result.cases), agent)
					self.assertEqual(row["total_premium"], result.total_premium, agent)
					high_activity = total / working >= bar
					group = {
						(True, True): "Role Model",
						(True, False): "Coach Skills",
						(False, True): "Low Activity, High Results",
						(False, False): "Coach Habits",
					}[(high_activity, bool(result.reached_u))]
					self.assertEqual(row["activity_group"], group, agent)

	def test_each_log_keeps_its_valid_activities_as_its_rows_count_them(self):
		"""The month is added up over the logs' stored totals (issue 18): a save, a callback's verdict and its
		reversal keep a log's `valid_activities` equal to its valid rows; `store_valid_activities` (the patch
		for the logs stored before, the bulk loaders) writes it from the rows for every log of the site."""
		from insurance_activity.analytics.activities import store_valid_activities

		org = self.org
		log = make_log(
			org.agent_b1,
			add_days(self.first, 3),
			[("Phone Appointment", 3), ("Sales Interview", None)],
			**SETUP,
		)
		self.assertEqual(log.valid_activities, 4)
		log.set_activity_validity(log.activities[0].name, False, "no such call")
		self.assertEqual(frappe.db.get_value("Agent Log", log.name, "valid_activities"), 1)
		log.set_activity_validity(log.activities[0].name, True, "appeal upheld")
		self.assertEqual(frappe.db.get_value("Agent Log", log.name, "valid_activities"), 4)

		frappe.db.set_value("Agent Log", log.name, "valid_activities", 99, update_modified=False)
		frappe.db.set_value("Agent Log Activity", log.activities[1].name, "is_invalid", 1)  # a raw write
		store_valid_activities([log.name])
		self.assertEqual(frappe.db.get_value("Agent Log", log.name, "valid_activities"), 3)
		frappe.db.set_value("Agent Log", self.some_log(), "valid_activities", 0, update_modified=False)
		store_valid_activities()
		rows = valid_activity_rows()
		expected = rows.groupby("parent").n.sum().to_dict()
		live = {"docstatus": ("<", 2)}
		stored = dict(
			frappe.get_all("Agent Log", filters=live, fields=["name", "valid_activities"], as_list=True)
		)
		self.assertEqual({name: stored[name] for name in expected}, expected)
		self.assertFalse({name: n for name, n in stored.items() if name not in expected and n})
		frappe.db.delete("Agent Log Activity", {"parent": log.name})
		frappe.db.delete("Agent Log", {"name": log.name})

	def test_a_row_an_admin_writes_on_its_own_recounts_its_log(self):
		"""Left open at stop 36, closed at stop 37: a row written on its own (an admin's REST POST of an Agent
		Log Activity, frappe.client.bulk_update, a DELETE) skips its log's save, so the log kept counting the
		rows as they were (valid activities, the 5311 subtotal) and a verdict written on the row stood. The
		row's own hooks recompute a draft log from the standing verdicts; a submitted log's rows are refused."""
		from insurance_activity.tests.rest import rest_post, rest_request

		org = self.org
		log = make_log(org.agent_b1, add_days(self.first, 6), [("Sales Interview", 2)], **SETUP)
		self.assertEqual((log.valid_activities, log.sales_interviews), (2, 2))

		def stored():
			return frappe.db.get_value("Agent Log", log.name, ["valid_activities", "sales_interviews"])

		status, body = rest_post(
			"Administrator",
			"/api/resource/Agent Log Activity",
			{"parent": log.name, "parenttype": "Agent Log", "parentfield": "activities", "idx": 1,
				"activity_kind": "Sales Interview", "activity_count": 3, "phone": "139 0099 5555"},
		)  # fmt: skip
		self.assertEqual(status, 200, body)
		self.assertEqual(stored(), (5, 5))
		row = body["data"]["name"]
		# after the log's last row, its phone stored as a key (helper-57, N6: it took row 1's number, unkeyed)
		self.assertEqual(
			frappe.db.get_value("Agent Log Activity", row, ["idx", "phone"]), (2, "+8613900995555")
		)
		status, body = rest_post(
			"Administrator",
			"/api/resource/Agent Log Activity",
			{"parent": log.name, "parenttype": "Agent Log", "parentfield": "activities",
				"activity_kind": "Sales Interview", "activity_count": 3, "phone": "12345"},
		)  # fmt: skip
		self.assertEqual(status, 417, body)
		self.assertIn("is not a valid phone number", str(body))
		self.assertEqual((stored(), frappe.db.count("Agent Log Activity", {"parent": log.name})), ((5, 5), 2))
		status, body = rest_post(
			"Administrator",
			"/api/method/frappe.client.bulk_update",
			{
				"docs": frappe.as_json(
					[{"doctype": "Agent Log Activity", "docname": row, "activity_count": 1}]
				)
			},
		)
		self.assertEqual((status, body.get("message")), (200, {"failed_docs": []}), body)
		self.assertEqual(stored(), (3, 3))
		status, body = rest_request("delete", "Administrator", f"/api/resource/Agent Log Activity/{row}")
		self.assertEqual(status, 202, body)
		self.assertEqual(stored(), (2, 2))
		# a verdict is a callback's, not a row's write (helper-56, F9); a submitted log's rows change by amending
		first = log.activities[0].name
		status, body = rest_request(
			"put", "Administrator", f"/api/resource/Agent Log Activity/{first}", json={"is_invalid": 1}
		)
		self.assertEqual(status, 200, body)
		self.assertEqual(frappe.db.get_value("Agent Log Activity", first, "is_invalid"), 0)
		self.assertEqual(stored(), (2, 2))
		log.reload()
		log.flags.ignore_edit_window = True
		log.submit()
		for method, path, data in (
			("post", "/api/resource/Agent Log Activity", {"parent": log.name, "parenttype": "Agent Log",
				"parentfield": "activities", "activity_kind": "Sales Interview", "activity_count": 3}),
			("put", f"/api/resource/Agent Log Activity/{first}", {"activity_count": 9}),
			("delete", f"/api/resource/Agent Log Activity/{first}", None),
		):  # fmt: skip
			status, body = rest_request(method, "Administrator", path, **({"json": data} if data else {}))
			self.assertEqual(status, 417, (method, body))
		self.assertEqual(stored(), (2, 2))
		self.assertEqual(frappe.db.count("Agent Log Activity", {"parent": log.name}), 1)
		frappe.db.delete("Agent Log Activity", {"parent": log.name})
		frappe.db.delete("Agent Log", {"name": log.name})

	def some_log(self) -> str:
		return frappe.get_all("Agent Log", filters={"agent": self.org.agent_a1}, pluck="name", limit=1)[0]

	def test_the_four_groups_and_the_role_models_named(self):
		result = self.run_report()
		rows = {row["agent"]: row for row in result["result"]}
		org = self.org
		self.assertEqual(rows[org.agent_a1]["activity_group"], "Role Model")
		self.assertEqual(rows[org.agent_a2]["activity_group"], "Coach Skills")
		self.assertEqual(rows[org.sup_a]["activity_group"], "Low Activity, High Results")
		self.assertEqual(rows[org.agent_b1]["activity_group"], "Coach Habits")
		self.assertEqual((rows[org.agent_a1]["week_1"], rows[org.agent_a1]["activities"]), (70, 280))
		self.assertEqual((rows[org.sup_a]["activities"], rows[org.agent_b1]["activities"]), (5, 4))
		self.assertIn("Role models of the month: MAR Agent A1", result["message"])
		summary = {s["label"]: s["value"] for s in result["report_summary"]}
		self.assertEqual((summary["Agents"], summary["Role Model"], summary["Coach Habits"]), (6, 1, 3))
		self.assertEqual(result["chart"]["data"]["datasets"][0]["values"], [1, 1, 1, 3])

	def test_office_and_supervisor_filters_narrow_the_rows(self):
		self.assertEqual(set(self.rows(office=self.org.office_b)), {self.org.sup_b, self.org.agent_b1})
		self.assertEqual(set(self.rows(supervisor=self.org.sup_a)), {self.org.agent_a1, self.org.agent_a2})

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
