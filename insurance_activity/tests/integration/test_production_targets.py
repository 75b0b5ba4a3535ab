"""Targets on a real site: a company target is split down to branch, office, team and agent, each level
adding up exactly; ERPNext's Monthly Distribution spreads the year; the office manager splits the office
target across supervisors (only someone above a target's holder may set it); everyone sees the gap to date."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, getdate, today

from erpnext.accounts.utils import get_fiscal_year

from insurance_activity.production import performance
from insurance_activity.tests.factories import company, make_employee, make_log
from insurance_activity.tests.production_factories import make_policy, make_production_org
from insurance_activity.tests.rest import rest_post

TARGET = "Production Target"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
	"November", "December")  # fmt: skip
PERCENTAGES = (14, 10, 12, 7, 7, 9, 6, 6, 8, 6, 6, 9)


def get_split_proposal(target: str) -> dict:
	"""The form's Split button's first call (frm.call), as the session user."""
	return frappe.get_doc(TARGET, target).get_split_proposal()


def split_target(target: str, weights: dict) -> list[str]:
	"""The Split dialog's call (frm.call), as the session user."""
	return frappe.get_doc(TARGET, target).split_across(weights)


def make_distribution(name: str) -> str:
	if not frappe.db.exists("Monthly Distribution", name):
		frappe.get_doc(
			{
				"doctype": "Monthly Distribution",
				"distribution_id": name,
				"percentages": [
					{"month": m, "percentage_allocation": p} for m, p in zip(MONTHS, PERCENTAGES, strict=True)
				],
			}
		).insert()
	return name


def make_target(level: str, **values):
	"""The holder's target of this fiscal year with these figures (created, or updated when it exists)."""
	fiscal_year = get_fiscal_year(today(), company=company())[0]
	holder = {key: values[key] for key in ("unit", "employee") if values.get(key)} or {"company": company()}
	name = frappe.db.get_value(TARGET, {"fiscal_year": fiscal_year, "target_level": level, **holder})
	doc = frappe.get_doc(TARGET, name) if name else frappe.new_doc(TARGET)
	doc.update({"target_level": level, "fiscal_year": fiscal_year, "company": company(), **values})
	doc.save()
	return doc


def as_user(user: str, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def org_with_two_teams(prefix: str):
	"""make_org, plus a second supervisor (with one agent) in office A: two teams for the manager to split."""
	org = make_production_org(prefix)
	org.sup_a2 = make_employee(f"{prefix} Supervisor A2", org.office_a, org.manager_a, None, tier="3")
	org.agent_a3 = make_employee(f"{prefix} Agent A3", org.office_a, org.sup_a2, None)
	frappe.db.commit()
	return org


class TestTargetMonths(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_production_org("TgtMon")
		cls.distribution = make_distribution("Tgt Seasonality")

	def test_monthly_distribution_spreads_premium_and_process_targets_and_keeps_u_headcount_monthly(self):
		target = make_target(
			"Office",
			unit=self.org.office_b,
			regular_premium=1000000,
			u_headcount=3,
			activity_volume=12001,
			accompanied_visits=100,
			monthly_distribution=self.distribution,
		)
		months = target.months
		self.assertEqual(len(months), 12)
		self.assertEqual(sum(flt(m.regular_premium) for m in months), 1000000)
		self.assertEqual(sum(m.activity_volume for m in months), 12001)
		self.assertEqual(sum(m.accompanied_visits for m in months), 100)
		self.assertEqual({m.u_headcount for m in months}, {3})
		by_month = {getdate(m.month_start).month: m for m in months}
		self.assertEqual(flt(by_month[1].regular_premium), 140000)  # January: 14%
		self.assertEqual(flt(by_month[7].regular_premium), 60000)  # July: 6%

	def test_without_a_distribution_the_months_are_equal(self):
		target = make_target("Agent", employee=self.org.agent_b1, regular_premium=120000, activity_volume=24)
		self.assertEqual({flt(m.regular_premium) for m in target.months}, {10000})
		self.assertEqual({m.activity_volume for m in target.months}, {2})

	def test_one_target_per_holder_and_year(self):
		make_target("Agent", employee=self.org.agent_a2, regular_premium=1)
		second = frappe.get_doc(
			{
				"doctype": TARGET,
				"target_level": "Agent",
				"employee": self.org.agent_a2,
				"fiscal_year": get_fiscal_year(today(), company=company())[0],
				"company": company(),
			}
		)
		self.assertRaisesRegex(frappe.ValidationError, "already a target", second.insert)


class TestTargetSplit(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = org_with_two_teams("TgtTree")

	def test_the_company_target_splits_down_to_agents_and_each_level_adds_up(self):
		top = make_target(
			"Company", regular_premium=3000000, u_headcount=30, activity_volume=90000, accompanied_visits=600
		)
		branches = split_target(top.name, {self.org.branch: 1})
		branch = frappe.get_doc(TARGET, branches[0])
		self.assertEqual(
			(branch.target_level, flt(branch.regular_premium), branch.u_headcount), ("Branch", 3000000, 30)
		)

		offices = split_target(branch.name, {self.org.office_a: 2, self.org.office_b: 1})
		office_a = frappe.get_doc(TARGET, offices[0])
		office_b = frappe.get_doc(TARGET, offices[1])
		self.assertEqual((flt(office_a.regular_premium), flt(office_b.regular_premium)), (2000000, 1000000))
		self.assertEqual((office_a.u_headcount, office_b.u_headcount), (20, 10))
		self.assertEqual(office_a.employee, self.org.manager_a, "a unit's target is held by its manager")

		teams = split_target(office_a.name, {self.org.sup_a: 1, self.org.sup_a2: 1})
		team = frappe.get_doc(TARGET, teams[0])
		agents = split_target(team.name, {self.org.sup_a: 1, self.org.agent_a1: 1, self.org.agent_a2: 1})
		parts = [frappe.get_doc(TARGET, name) for name in agents]
		self.assertEqual(sum(flt(p.regular_premium) for p in parts), flt(team.regular_premium))
		self.assertEqual(
			[p.u_headcount for p in parts], [4, 3, 3], "whole agents, adding up to the team's 10"
		)
		self.assertEqual(sum(p.activity_volume for p in parts), team.activity_volume)

		# splitting again updates the same targets instead of adding more
		again = split_target(office_a.name, {self.org.sup_a: 3, self.org.sup_a2: 1})
		self.assertEqual(again, teams)
		self.assertEqual(flt(frappe.db.get_value(TARGET, teams[0], "regular_premium")), 1500000)


class TestWhoSetsTargets(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = org_with_two_teams("TgtPerm")

	def test_office_manager_splits_the_office_target_across_supervisors(self):
		office = make_target("Office", unit=self.org.office_a, regular_premium=600000, u_headcount=4)
		frappe.db.commit()  # the manager's own session reads it
		proposal = as_user(self.org.users.manager_a, get_split_proposal, office.name)
		self.assertEqual(proposal["level"], "Team")
		self.assertEqual(
			sorted(r["child"] for r in proposal["rows"]), sorted([self.org.sup_a, self.org.sup_a2])
		)

		teams = as_user(
			self.org.users.manager_a, split_target, office.name, {self.org.sup_a: 2, self.org.sup_a2: 1}
		)
		values = [
			frappe.db.get_value(TARGET, n, ["employee", "regular_premium", "u_headcount"]) for n in teams
		]
		self.assertEqual(
			[(e, flt(p), u) for e, p, u in values],
			[(self.org.sup_a, 400000, 3), (self.org.sup_a2, 200000, 1)],
		)

	def test_only_someone_above_the_holder_may_set_a_target(self):
		office = make_target("Office", unit=self.org.office_b, regular_premium=50000)
		# supervisor B runs a team in office B but does not manage the office: cannot split its target
		self.assertRaises(
			frappe.PermissionError,
			as_user,
			self.org.users.sup_b,
			split_target,
			office.name,
			{self.org.sup_b: 1},
		)
		team = make_target("Team", employee=self.org.sup_a, regular_premium=90000)
		# supervisor A splits their own team target across their agents ...
		agents = as_user(
			self.org.users.sup_a, split_target, team.name, {self.org.agent_a1: 1, self.org.agent_a2: 1}
		)
		self.assertEqual(len(agents), 2)
		# ... but an agent cannot change their own target
		own = as_user(self.org.users.agent_a1, frappe.get_doc, TARGET, agents[0])
		own.regular_premium = 1
		self.assertRaises(frappe.PermissionError, as_user, self.org.users.agent_a1, own.save)

	def test_the_split_button_is_the_managers_on_every_path(self):
		office = make_target("Office", unit=self.org.office_a, regular_premium=300000, u_headcount=2)
		frappe.db.commit()  # the REST sessions read it
		call = {
			"dt": TARGET,
			"dn": office.name,
			"method": "split_across",
			"args": json.dumps({"weights": {self.org.sup_a: 1, self.org.sup_a2: 1}}),
		}
		status, _body = rest_post(self.org.users.agent_a1, "/api/method/run_doc_method", call)
		self.assertEqual(status, 403)
		status, body = rest_post(self.org.users.manager_a, "/api/method/run_doc_method", call)
		self.assertEqual(status, 200)
		self.assertEqual(
			sorted(frappe.db.get_value(TARGET, name, "employee") for name in body["message"]),
			sorted([self.org.sup_a, self.org.sup_a2]),
		)

	def test_a_split_stays_inside_the_unit(self):
		team = make_target("Team", employee=self.org.sup_b, regular_premium=1000)
		self.assertRaisesRegex(
			frappe.ValidationError, "is not part of", split_target, team.name, {self.org.agent_a1: 1}
		)


class TestGapToDate(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_production_org("Gap")

	def test_everyone_sees_the_gap_between_the_target_to_date_and_the_results(self):
		target = make_target(
			"Agent",
			employee=self.org.agent_a1,
			regular_premium=120000,
			u_headcount=1,
			activity_volume=1200,
			accompanied_visits=24,
		)
		this_month = getdate(today()).replace(day=1)
		make_policy("GAP-1", self.org.agent_a1, this_month, annual_premium=4000, fyc=3000)
		make_policy("GAP-2", self.org.agent_a1, add_days(this_month, -40), annual_premium=2500, fyc=800)
		make_log(self.org.agent_a1, today(), [("Phone Appointment", 5), ("Sales Interview", 3)])
		make_log(self.org.sup_a, today(), [("Phone Appointment", 1)], coaching_report=self.org.agent_a1,
			coaching_type="Accompanied Visit")  # fmt: skip
		for month in {this_month, getdate(add_days(this_month, -40)).replace(day=1)}:
			performance.recompute_month(month.year, month.month)

		fiscal_start = getdate(target.months[0].month_start)
		months_to_date = (
			(this_month.year - fiscal_start.year) * 12 + this_month.month - fiscal_start.month + 1
		)
		gap = {row["metric"]: row for row in target.progress()}
		premium = gap["regular_premium"]
		self.assertEqual(premium["target"], 10000 * months_to_date)
		earlier = 2500 if add_days(this_month, -40) >= fiscal_start else 0
		self.assertEqual(premium["actual"], 4000 + earlier)
		self.assertEqual(premium["gap"], 10000 * months_to_date - 4000 - earlier)
		self.assertEqual(
			(gap["u_headcount"]["target"], gap["u_headcount"]["actual"], gap["u_headcount"]["gap"]), (1, 1, 0)
		)
		self.assertEqual(gap["activity_volume"]["actual"], 8)

		team = make_target("Team", employee=self.org.sup_a, accompanied_visits=12)
		visits = {row["metric"]: row for row in team.progress()}["accompanied_visits"]
		self.assertEqual((visits["actual"], visits["gap"]), (1, max(months_to_date - 1, 0)))

		# the agent sees their own target with its gap; the form carries it
		frappe.db.commit()
		doc = as_user(self.org.users.agent_a1, frappe.get_doc, TARGET, target.name)
		doc.run_method("onload")
		self.assertEqual(doc.get_onload().progress[0]["gap"], premium["gap"])

		# the Target Progress report names the person who holds a team or agent target, not their office
		from insurance_activity.production.report.target_progress.target_progress import execute

		rows = {row["target"]: row for row in execute({"target_level": "Agent"})[1]}
		self.assertEqual(
			rows[target.name]["holder"], frappe.db.get_value("Employee", self.org.agent_a1, "employee_name")
		)
		self.assertEqual(rows[target.name]["regular_premium_gap"], premium["gap"])


class TestTargetProgressReport(FrappeTestCase):
	"""Target Progress reads the logs once per window of dates, not once a target (issue 18): each row still
	equals the target's figures worked out on their own, from the target's months and a hand-written count
	over its members' rows (the company's, the branch's and an office's Employees, a team's subtree, an agent)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_production_org("TPR")
		cls.on = getdate(today())
		this_month = cls.on.replace(day=1)
		make_policy("TPR-1", org.agent_a1, this_month, annual_premium=4000, fyc=3000)
		make_policy("TPR-2", org.agent_b1, this_month, annual_premium=2500, fyc=900)
		make_log(org.agent_a1, cls.on, [("Phone Appointment", 4), ("Sales Interview", 2)])
		make_log(org.agent_b1, cls.on, [("Phone Appointment", 3)])
		make_log(org.sup_a, cls.on, [("Phone Appointment", 1)], coaching_report=org.agent_a2,
			coaching_type="Accompanied Visit")  # fmt: skip
		performance.recompute_month(this_month.year, this_month.month)
		cls.targets = [
			make_target("Branch", unit=org.branch, regular_premium=240000, activity_volume=2400),
			make_target("Office", unit=org.office_a, regular_premium=120000, u_headcount=2),
			make_target("Team", employee=org.sup_a, accompanied_visits=24, activity_volume=600),
			make_target("Agent", employee=org.agent_b1, regular_premium=60000, activity_volume=300),
		]

	def independent(self, name: str) -> dict:
		"""One target's figures from its own months and SQL over its members (not the report's code)."""
		target = frappe.db.get_value(
			TARGET, name, ["target_level", "employee", "unit", "company"], as_dict=True
		)
		if target.target_level == "Agent":
			people = [target.employee]
		elif target.target_level == "Team":
			lft, rgt = frappe.db.get_value("Employee", target.employee, ["lft", "rgt"])
			people = frappe.db.sql_list(
				"select name from tabEmployee where lft >= %s and rgt <= %s", (lft, rgt)
			)
		elif target.target_level in ("Branch", "Office"):
			lft, rgt = frappe.db.get_value("Department", target.unit, ["lft", "rgt"])
			people = frappe.db.sql_list(
				"""select e.name from tabEmployee e join tabDepartment d on d.name = e.department
				where d.lft >= %s and d.rgt <= %s""",
				(lft, rgt),
			)
		else:
			people = frappe.db.sql_list("select name from tabEmployee where company = %s", target.company)
		months = frappe.get_all(
			"Production Target Month",
			filters={"parent": name, "parenttype": TARGET},
			fields=["month_start", "regular_premium", "u_headcount", "activity_volume", "accompanied_visits"],
			order_by="month_start",
		)
		past = [m for m in months if getdate(m.month_start) <= self.on]
		first, current = months[0].month_start, past[-1].month_start
		last_day = min(self.on, frappe.utils.get_last_day(current))
		people = people or [""]
		premium, reached = frappe.db.sql(
			"""select sum(regular_premium), sum(period = %s and reached_u = 1) from `tabAgent Monthly Performance`
			where agent in %s and period between %s and %s""",
			(current, people, first, current),
		)[0]
		volume, visits = frappe.db.sql(
			"""select sum(phone_appointments + sales_interviews + recruiting_visits + new_prospects + referrals),
			sum(coaching_type = 'Accompanied Visit') from `tabAgent Log`
			where agent in %s and docstatus < 2 and log_date between %s and %s""",
			(people, first, last_day),
		)[0]
		planned = {
			"regular_premium": sum(flt(m.regular_premium) for m in past),
			"u_headcount": int(past[-1].u_headcount or 0),
			"activity_volume": sum(int(m.activity_volume or 0) for m in past),
			"accompanied_visits": sum(int(m.accompanied_visits or 0) for m in past),
		}
		actual = {
			"regular_premium": flt(premium),
			"u_headcount": int(reached or 0),
			"activity_volume": int(volume or 0),
			"accompanied_visits": int(visits or 0),
		}
		figures = {}
		for metric in planned:
			figures[f"{metric}_target"] = planned[metric]
			figures[f"{metric}_actual"] = actual[metric]
			figures[f"{metric}_gap"] = max(round(planned[metric] - actual[metric], 2), 0)
		return figures

	def test_every_row_equals_the_targets_own_figures_at_every_level(self):
		from insurance_activity.production.report.target_progress.target_progress import execute

		rows = execute({"on": self.on})[1]
		self.assertGreaterEqual(len(rows), len(self.targets))
		for row in rows:
			expected = self.independent(row["target"])
			self.assertEqual({key: row[key] for key in expected}, expected, row["target"])
		mine = {row["target"]: row for row in rows}
		self.assertEqual(mine[self.targets[3].name]["activity_volume_actual"], 3)
		self.assertEqual(mine[self.targets[2].name]["accompanied_visits_actual"], 1)

	def test_the_form_shows_the_same_figures_as_the_report(self):
		from insurance_activity.production.report.target_progress.target_progress import execute

		rows = {row["target"]: row for row in execute({"on": self.on})[1]}
		for target in self.targets:
			for figure in frappe.get_doc(TARGET, target.name).progress(self.on):
				for part in ("target", "actual", "gap"):
					self.assertEqual(
						rows[target.name][f"{figure['metric']}_{part}"], figure[part], (target.name, figure)
					)

	def test_a_supervisor_gets_only_the_targets_they_may_see(self):
		from insurance_activity.production.report.target_progress.target_progress import execute

		visible = set(
			as_user(self.org.users.sup_a, frappe.get_list, TARGET, pluck="name", limit_page_length=0)
		)
		rows = as_user(self.org.users.sup_a, execute, {"on": self.on})[1]
		self.assertEqual({row["target"] for row in rows}, visible)
		self.assertIn(self.targets[2].name, visible)
