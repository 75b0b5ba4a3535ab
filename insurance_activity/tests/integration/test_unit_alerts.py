"""Issue 17, part 4: data-driven unit alerts (单位预警) on a real site.

Crafted data: a branch of three offices over January-April 2030. Office A is below the average of the three
on CT in February, March and April, with many new agents and no accompanied visit (陪访); office C is below
in March and April only (a 2-month streak); office B never. The alert of office A names exactly those two
causes and its weak customers (in Standard Service at each month's end of the streak, though not today),
with figures equal to a hand computation over the crafted rows; a re-run stores and notifies nothing
new; the head of office A and the branch head are notified; the alert is read by them and the admins only
(REST and get_list), and the workspace card counts per reader. The clock is frozen on Monday 6 May 2030 (the
default alert weekday): nothing depends on today.
"""

from calendar import monthrange
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity.analytics.alerts import JOB, raise_alerts, raise_unit_alerts
from insurance_activity.analytics.figures import open_unit_alerts
from insurance_activity.permissions.roles import INSURANCE_AGENT, INSURANCE_SUPERVISOR, OFFICE_MANAGER
from insurance_activity.tests.factories import (
	as_user,
	make_department,
	make_employee,
	make_log,
	make_org,
	make_outgoing_email_account,
	make_user,
	set_settings,
)
from insurance_activity.tests.rest import rest_get

ALERT = "Unit Alert"
MONDAY = "2030-05-06 10:30:00"  # a Monday after the default alert hour; April 2030 is the last full month
MONTHS = ((2030, 1), (2030, 2), (2030, 3), (2030, 4))
STREAK = ("2030-02", "2030-03", "2030-04")
SETUP = {"amendment_reason": "test data", "ignore_edit_window": True}
# CT per office and month: A below the average in Feb, Mar, Apr; C in Mar and Apr only
CT = {"A": (60, 30, 30, 20), "B": (50, 60, 70, 70), "C": (40, 60, 40, 40)}
HAS_SALE_RATE = 50  # every office, every month: nobody below on 举绩率


def make_computed(doctype: str, values: dict) -> str:
	doc = frappe.get_doc({"doctype": doctype, **values})
	doc.flags.computed = True
	doc.insert(ignore_permissions=True)
	return doc.name


class TestUnitAlerts(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("UAL")
		users = org.users
		users.manager_c = make_user(
			"ual.manager.c@example.com",
			"UAL Manager C",
			[INSURANCE_AGENT, INSURANCE_SUPERVISOR, OFFICE_MANAGER],
		)
		users.branch_head = make_user("ual.branch.head@example.com", "UAL Branch Head", [OFFICE_MANAGER])
		org.office_c = make_department("UAL Office C", "Office", org.branch)
		org.manager_c = make_employee("UAL Manager C", org.office_c, None, users.manager_c)
		org.agent_c1 = make_employee("UAL Agent C1", org.office_c, org.manager_c, None)
		org.agent_c2 = make_employee("UAL Agent C2", org.office_c, org.manager_c, None)
		org.branch_head = make_employee("UAL Branch Head", org.branch, None, users.branch_head)
		frappe.db.set_value("Department", org.office_c, "ia_unit_manager", org.manager_c)
		frappe.db.set_value("Department", org.branch, "ia_unit_manager", org.branch_head)
		cls.offices = {"A": org.office_a, "B": org.office_b, "C": org.office_c}
		# each office's people in the month: (agent, their supervisor, new agent)
		cls.people = {
			"A": [
				(org.manager_a, None, 0),
				(org.sup_a, org.manager_a, 0),
				(org.agent_a1, org.sup_a, 1),
				(org.agent_a2, org.sup_a, 1),
			],
			"B": [(org.sup_b, None, 0), (org.agent_b1, org.sup_b, 0)],
			"C": [
				(org.manager_c, None, 0),
				(org.agent_c1, org.manager_c, 1),
				(org.agent_c2, org.manager_c, 0),
			],
		}
		cls.visits = {"A": 0, "B": 2, "C": 1}  # accompanied visits per month
		cls.checks = {  # callback checks of the offices' visits in March: statuses
			"A": ["Confirmed"] * 4,
			"B": ["Confirmed"] * 3 + ["Visit Not Happened"],
			"C": ["Confirmed", "Confirmed", "Pending"],
		}
		# each office's customers: their moves (date, quadrant), the first one their first placement. A's first
		# customer was in Standard Service all through the streak and left it in May; B's second was first
		# placed in May: today's quadrants would say the opposite of the streak's months
		cls.quadrants = {
			"A": [
				[("2030-01-10", "Standard Service"), ("2030-05-03", "Warm Up")],
				[("2030-02-20", "Convert")],
			],
			"B": [[("2030-01-10", "Maintain and Upsell")], [("2030-05-02", "Standard Service")]],
			"C": [],
		}
		with cls.freeze_time(cls, MONDAY):
			cls.make_data()
		frappe.db.commit()

	@classmethod
	def make_data(cls):
		org = cls.org
		for key, office in cls.offices.items():
			for n, (year, month) in enumerate(MONTHS):
				make_computed(
					"Office Monthly Performance",
					{
						"office": office,
						"period": f"{year}-{month:02d}-01",
						"year": year,
						"month": month,
						"ct_value": CT[key][n],
						"has_sale_rate": HAS_SALE_RATE,
						"headcount": len(cls.people[key]),
					},
				)
				for agent, supervisor, new in cls.people[key]:
					make_computed(
						"Agent Monthly Performance",
						{
							"agent": agent,
							"office": office,
							"supervisor": supervisor,
							"period": f"{year}-{month:02d}-01",
							"year": year,
							"month": month,
							"is_new_agent": new,
						},
					)
				supervisor = cls.people[key][0][0]
				report = cls.people[key][1][0]
				for visit in range(cls.visits[key]):
					make_log(
						supervisor,
						f"{year}-{month:02d}-{10 + visit:02d}",
						[("Phone Appointment", 1)],
						coaching_report=report,
						coaching_type="Accompanied Visit",
						**SETUP,
					)
			agent = cls.people[key][-1][0]
			for n, status in enumerate(cls.checks[key]):
				check = frappe.new_doc("Callback Check")
				check.update(
					{"status": status, "agent": agent, "office": office, "activity_date": "2030-03-12"}
				)
				check.name = f"UAL-CBC-{key}-{n}"
				check.db_insert()
			for n, moves in enumerate(cls.quadrants[key]):
				placed = frappe.new_doc("Customer Quadrant")
				placed.update(
					{"agent": agent, "office": office, "quadrant": moves[-1][1], "party_type": "Lead"}
				)
				placed.name = f"UAL-CQ-{key}-{n}"
				placed.db_insert()
				before = None
				for idx, (day, quadrant) in enumerate(moves, 1):
					move = frappe.new_doc("Customer Quadrant Move")
					move.update(
						{"parent": placed.name, "parenttype": "Customer Quadrant", "parentfield": "moves",
						"idx": idx, "move_date": day, "from_quadrant": before, "to_quadrant": quadrant}
					)  # fmt: skip
					move.db_insert()
					before = quadrant
		cls.org = org

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		offices = list(cls.offices.values())
		alerts = frappe.get_all(ALERT, filters={"unit": ("in", offices)}, pluck="name")
		frappe.db.delete(
			"Notification Log", {"document_type": ALERT, "document_name": ("in", alerts or [""])}
		)
		for child in ("Unit Alert Period", "Unit Alert Cause"):
			frappe.db.delete(child, {"parent": ("in", alerts or [""])})
		frappe.db.delete(ALERT, {"name": ("in", alerts or [""])})
		for doctype in ("Office Monthly Performance", "Agent Monthly Performance"):
			frappe.db.delete(doctype, {"office": ("in", offices), "year": 2030})
		logs = frappe.get_all(
			"Agent Log", filters={"office": ("in", offices), "log_date": (">=", "2030-01-01")}, pluck="name"
		)
		for child in ("Agent Log Activity", "Agent Log Tracking Call"):
			frappe.db.delete(child, {"parent": ("in", logs or [""])})
		frappe.db.delete("Agent Log", {"name": ("in", logs or [""])})
		frappe.db.delete("Callback Check", {"name": ("like", "UAL-CBC-%")})
		frappe.db.delete("Customer Quadrant Move", {"parent": ("like", "UAL-CQ-%")})
		frappe.db.delete("Customer Quadrant", {"name": ("like", "UAL-CQ-%")})
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def raise_april(self) -> dict:
		with self.freeze_time(MONDAY):
			return raise_alerts(2030, 4)

	def alerts(self) -> list[frappe._dict]:
		return frappe.get_all(
			ALERT,
			filters={"unit": ("in", list(self.offices.values()))},
			fields=["name", "unit", "measure", "period", "status", "modified", "notified_on"],
		)

	def notices(self, name: str) -> list[frappe._dict]:
		return frappe.get_all(
			"Notification Log",
			filters={"document_type": ALERT, "document_name": name},
			fields=["for_user", "subject"],
		)

	# ---------------------------------------------------------------- the rule on crafted data
	def test_only_the_office_below_the_average_three_months_in_a_row_is_alerted(self):
		self.raise_april()
		(alert,) = self.alerts()
		self.assertEqual(
			(alert.unit, alert.measure, alert.period), (self.org.office_a, "CT Attainment", "2030-04")
		)
		doc = frappe.get_doc(ALERT, alert.name)
		self.assertEqual(doc.streak_months, 3)
		self.assertEqual(doc.branch, self.org.branch)
		# the months against the average of the three offices, by hand
		expected = []
		for n, period in enumerate(STREAK, start=1):
			values = [CT[key][n] for key in "ABC"]
			expected.append((period, CT["A"][n], round(sum(values) / 3, 2)))
		self.assertEqual([(r.period, r.value, r.average) for r in doc.periods], expected)

	def test_the_alerts_causes_are_the_new_agents_and_the_missing_accompanied_visits(self):
		self.raise_april()
		(alert,) = self.alerts()
		doc = frappe.get_doc(ALERT, alert.name)
		causes = {row.cause: row for row in doc.causes}
		months, weeks = len(STREAK), 4  # the settings' business weeks: 1-7, 8-14, 15-21, 22-end
		# by hand over the crafted rows: the streak's months of office A against the three offices together
		people = {key: rows for key, rows in self.people.items()}
		new = {key: sum(new for _a, _s, new in rows) * months for key, rows in people.items()}
		agents = {key: len(rows) * months for key, rows in people.items()}
		supervisors = {key: len({s for _a, s, _n in rows if s}) for key, rows in people.items()}
		visits = {key: self.visits[key] * months for key in people}
		failed = {key: self.checks[key].count("Visit Not Happened") for key in people}
		closed = {key: len([s for s in self.checks[key] if s != "Pending"]) for key in people}
		ends = [date(y, m, monthrange(y, m)[1]) for y, m in MONTHS if f"{y}-{m:02d}" in STREAK]

		def placed_on(moves, end) -> str | None:
			return next((q for day, q in reversed(moves) if date.fromisoformat(day) <= end), None)

		placements = {
			key: [placed_on(moves, end) for moves in self.quadrants[key] for end in ends] for key in people
		}
		weak = {key: placements[key].count("Standard Service") for key in people}
		customers = {key: len([q for q in placements[key] if q]) for key in people}

		def pair(numerator, denominator, scale=100):
			return (
				round(scale * numerator["A"] / denominator["A"], 2),
				round(scale * sum(numerator.values()) / sum(denominator.values()), 2),
			)

		supervisor_weeks = {key: supervisors[key] * weeks * months for key in people}
		expected = {
			"New Agents": (*pair(new, agents), 1),
			"Accompanied Visits": (*pair(visits, supervisor_weeks, 1), 1),
			"Weak Customers": (*pair(weak, customers), 1),
			"Verification Failures": (*pair(failed, closed), 0),
		}
		self.assertEqual(expected["New Agents"], (50.0, 33.33, 1))
		self.assertEqual(expected["Accompanied Visits"], (0.0, 0.19, 1))
		# weak customers at each month's end: A 3 of 6, the branch 3 of 9 (B's second not yet placed)
		self.assertEqual(expected["Weak Customers"][:2], (50.0, 33.33))
		self.assertEqual(
			{cause: (row.unit_figure, row.branch_figure, row.flagged) for cause, row in causes.items()},
			expected,
		)
		playbook = frappe.get_single("Alert Playbook")
		for cause, row in causes.items():
			self.assertEqual(
				row.suggested_action, "\n".join(playbook.actions_for(cause)) if row.flagged else ""
			)
		self.assertTrue(causes["New Agents"].suggested_action)
		self.assertIn(causes["Accompanied Visits"].suggested_action, doc.suggested_actions)

	def test_premium_attainment_is_the_regular_premium_against_the_office_targets_month(self):
		premium, target = {"A": 5000, "B": 9000, "C": 9000}, {"A": 10000, "B": 10000, "C": 5000}
		for key, office in self.offices.items():
			for year, month in MONTHS:
				frappe.db.set_value(
					"Office Monthly Performance",
					{"office": office, "year": year, "month": month},
					"regular_premium",
					premium[key],
				)
			goal = frappe.new_doc("Production Target")
			goal.update({"title": f"UAL {key}", "target_level": "Office", "unit": office})
			goal.name = f"UAL-PT-{key}"
			goal.db_insert()
			for n, (year, month) in enumerate(MONTHS, start=1):
				row = frappe.new_doc("Production Target Month")
				row.update(
					{
						"parent": goal.name,
						"parenttype": "Production Target",
						"parentfield": "months",
						"idx": n,
						"month_start": f"{year}-{month:02d}-01",
						"regular_premium": target[key],
					}
				)
				row.name = f"UAL-PTM-{key}-{n}"
				row.db_insert()
		self.raise_april()
		attainment = {key: 100 * premium[key] / target[key] for key in "ABC"}  # 50, 90, 180 each month
		average = round(sum(attainment.values()) / 3, 2)
		self.assertEqual(
			sorted((a.unit, a.measure) for a in self.alerts()),
			sorted(
				[
					(self.org.office_a, "CT Attainment"),
					(self.org.office_a, "Premium Attainment"),
					(self.org.office_b, "Premium Attainment"),
				]
			),
		)
		name = next(
			a.name for a in self.alerts() if a.measure == "Premium Attainment" and a.unit == self.org.office_a
		)
		self.assertEqual(
			[(r.period, r.value, r.average) for r in frappe.get_doc(ALERT, name).periods],
			[(period, attainment["A"], average) for period in STREAK],
		)

	def test_a_two_month_streak_raises_nothing_until_the_settings_ask_for_two(self):
		self.raise_april()
		self.assertNotIn(self.org.office_c, {a.unit for a in self.alerts()})
		set_settings(unit_alert_months=2)
		self.raise_april()
		self.assertEqual(
			sorted((a.unit, a.period) for a in self.alerts() if a.status == "Open"),
			sorted([(self.org.office_a, "2030-04"), (self.org.office_c, "2030-04")]),
		)

	def test_re_running_neither_duplicates_nor_notifies_again(self):
		first = self.raise_april()
		self.assertEqual((first["raised"], first["stored"], first["notified"]), (1, 1, 2))
		before = self.alerts()
		(alert,) = before
		notices = self.notices(alert.name)
		again = self.raise_april()
		self.assertEqual((again["raised"], again["stored"], again["notified"]), (1, 0, 0))
		self.assertEqual(self.alerts(), before)
		self.assertEqual(self.notices(alert.name), notices)

	def test_the_head_and_the_branch_head_are_notified(self):
		self.raise_april()
		(alert,) = self.alerts()
		notices = self.notices(alert.name)
		self.assertEqual(
			sorted(n.for_user for n in notices),
			sorted([self.org.users.manager_a, self.org.users.branch_head]),
		)
		for notice in notices:
			self.assertIn("UAL Office A", notice.subject)
			self.assertIn("3", notice.subject)

	def test_a_manager_working_in_chinese_reads_it_in_chinese_and_gets_an_email_when_the_setting_is_on(self):
		make_outgoing_email_account()
		set_settings(email_reminders=1)
		frappe.db.set_value("User", self.org.users.branch_head, "language", "zh")
		self.raise_april()
		(alert,) = self.alerts()
		subjects = {n.for_user: n.subject for n in self.notices(alert.name)}
		self.assertEqual(
			subjects[self.org.users.branch_head], "单位预警：UAL Office A 的营业室达成(CT)连续 3 个月低于均值"
		)
		self.assertEqual(
			subjects[self.org.users.manager_a],
			"Unit alert: UAL Office A below the average on CT Attainment for 3 months in a row",
		)
		(body,) = frappe.get_all(
			"Notification Log",
			filters={"document_name": alert.name, "for_user": self.org.users.branch_head},
			pluck="email_content",
		)
		self.assertIn("新人占比", body)
		self.assertIn("每位主管每周至少陪访一次", body)  # the playbook's action, translated
		for user in (self.org.users.branch_head, self.org.users.manager_a):
			queued = frappe.get_all("Email Queue Recipient", filters={"recipient": user}, pluck="parent")
			emails = frappe.get_all(
				"Email Queue",
				filters={
					"name": ("in", queued or [""]),
					"reference_doctype": ALERT,
					"reference_name": alert.name,
				},
				pluck="name",
			)
			self.assertEqual(len(emails), 1, user)

	def test_the_weekly_job_acts_on_the_alert_weekday_only(self):
		self.assertEqual(raise_unit_alerts(day="2030-05-07"), {"skipped": "not the alert weekday"})
		self.assertEqual(self.alerts(), [])
		result = raise_unit_alerts(day="2030-05-06")
		self.assertEqual((result["month"], result["raised"]), ("2030-04", 1))
		self.assertEqual(JOB, "analytics.raise_unit_alerts")

	# ---------------------------------------------------------------- who reads it
	def test_the_alert_is_read_by_the_offices_managers_and_the_admins_only(self):
		self.raise_april()
		(alert,) = self.alerts()
		frappe.db.commit()
		try:
			users = self.org.users
			readers = {users.manager_a: True, users.branch_head: True, users.admin: True}
			readers.update({users.manager_c: False})
			for user, reads in readers.items():
				with self.subTest(user=user):
					status, body = rest_get(
						user, f"/api/resource/{ALERT}", {"filters": [["name", "=", alert.name]]}
					)
					self.assertEqual(status, 200)
					self.assertEqual([row["name"] for row in body["data"]], [alert.name] if reads else [])
					status, _body = rest_get(user, f"/api/resource/{ALERT}/{alert.name}")
					self.assertEqual(status == 200, reads, status)
					with as_user(user):
						listed = frappe.get_list(ALERT, filters={"name": alert.name}, pluck="name")
					self.assertEqual(listed, [alert.name] if reads else [])
			for user in (users.sup_a, users.agent_a1, users.officer):
				with self.subTest(user=user):
					status, _body = rest_get(user, f"/api/resource/{ALERT}/{alert.name}")
					self.assertIn(status, (403, 404))
					with as_user(user):
						self.assertRaises(frappe.PermissionError, frappe.get_list, ALERT)
		finally:
			frappe.db.delete("Notification Log", {"document_type": ALERT, "document_name": alert.name})
			frappe.db.delete("Unit Alert Period", {"parent": alert.name})
			frappe.db.delete("Unit Alert Cause", {"parent": alert.name})
			frappe.db.delete(ALERT, {"name": alert.name})
			frappe.db.commit()

	def test_the_open_alerts_card_counts_what_each_reader_sees(self):
		self.raise_april()
		users = self.org.users
		open_alerts = frappe.db.count(ALERT, {"status": "Open"})
		for user, count in {
			users.manager_a: 1,
			users.branch_head: 1,
			users.manager_c: 0,
			users.admin: open_alerts,
		}.items():
			with self.subTest(user=user), as_user(user):
				self.assertEqual(open_unit_alerts(), {"value": count, "fieldtype": "Int"})
		for user in (users.sup_a, users.agent_a1):
			with self.subTest(user=user), as_user(user):
				self.assertRaises(frappe.PermissionError, open_unit_alerts)
		self.assertGreaterEqual(open_alerts, 1)

	def test_an_activity_admin_edits_the_playbook_and_the_next_run_suggests_the_new_action(self):
		with as_user(self.org.users.admin):
			playbook = frappe.get_doc("Alert Playbook")
			playbook.set("actions", [row for row in playbook.actions if row.cause != "New Agents"])
			playbook.append("actions", {"cause": "New Agents", "action": "UAL: a mentor for every new agent"})
			playbook.save()
		with as_user(self.org.users.manager_a):
			playbook = frappe.get_doc("Alert Playbook")
			self.assertIn("UAL: a mentor for every new agent", playbook.actions_for("New Agents"))
			playbook.append("actions", {"cause": "New Agents", "action": "UAL: by the office manager"})
			self.assertRaises(frappe.PermissionError, playbook.save)
		self.raise_april()
		(alert,) = self.alerts()
		causes = {row.cause: row for row in frappe.get_doc(ALERT, alert.name).causes}
		self.assertEqual(causes["New Agents"].suggested_action, "UAL: a mentor for every new agent")

	def test_an_alert_cannot_be_typed_by_hand(self):
		doc = frappe.get_doc(
			{"doctype": ALERT, "unit": self.org.office_b, "measure": "CT Attainment", "period": "2030-04"}
		)
		self.assertRaises(frappe.ValidationError, doc.insert, ignore_permissions=True)
