"""Every script report, number card and dashboard chart of the app, as each person of the permission matrix,
over REST the way the desk asks for them: refused to whom the Report's roles (a card's or chart's doctype)
do not give it, else only what the one permission rule lets that person see.

The reports (Script Reports of the app's modules), the number cards and the charts (of the app's modules) are
walked from the metadata, so a new one joins by itself; a new one also needs its expected figures below
(REPORT_TOTALS, CUSTOM_CARDS, CHART_FIGURES), and fails by name until it has them. The expectations come from
the organisation and `tests/permission_matrix.py` (the rule read from `permissions/rules.py` and DocPerm), never
from the code under test: each figure is an independent count over the records `expected()` lets the person
read. Each cell is written to dev/artifacts/permission-reports-cards.tsv.
"""

import re
from collections import defaultdict
from pathlib import Path

import frappe
from frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source import get_config
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, flt, getdate, today

from insurance_activity.analytics.alerts import store_alert
from insurance_activity.controllers.typed_input import app_modules
from insurance_activity.customers import quadrants
from insurance_activity.meetings.schedule import calendar_config, month_range
from insurance_activity.permissions.roles import ALL_UNITS_ROLES, CALLBACK_OFFICER
from insurance_activity.permissions.rules import RULES
from insurance_activity.production import performance
from insurance_activity.rules.analytics import SALES_CYCLE_STEPS, step_field
from insurance_activity.rules.business_calendar import business_week, business_week_range
from insurance_activity.rules.callback_outcomes import OUTCOMES
from insurance_activity.tests.artifacts import write_table
from insurance_activity.tests.contest_factories import make_contest, make_ledger_row
from insurance_activity.tests.factories import last_working_day, make_log, make_org, make_user
from insurance_activity.tests.integration.test_activity_campaign import invite, make_campaign
from insurance_activity.tests.integration.test_agent_monthly_evaluation import make_incident
from insurance_activity.tests.integration.test_callback_check import close_as, manual_check
from insurance_activity.tests.integration.test_meetings import make_session, make_type
from insurance_activity.tests.integration.test_production_targets import make_target
from insurance_activity.tests.permission_matrix import docperm_allows, expected, personas, rest
from insurance_activity.tests.production_factories import make_policy
from insurance_activity.tests.reward_factories import make_settlement

PREFIX = "Rpc"
GROUPINGS = ("Agent", "Team", "Office", "Campaign", "Kind", "Contest")  # what a report may group by
REFUSED = (401, 403)
VISIT = "Accompanied Visit"
FULL_5311 = [("Phone Appointment", 5), ("Sales Interview", 3), ("Recruiting Visit", 1), ("Referral", 2)]
# a card's dynamic filter is a JavaScript expression the desk evaluates; these are the ones the app's cards use
DYNAMIC_VALUES = {"frappe.datetime.get_today()": today}


def visit(n: int, who: str) -> tuple:
	"""A verifiable visit (a phone to call back) of a customer of this test alone."""
	return ("Sales Interview", 1, None, None, f"1368642{n:04d}", f"{PREFIX} Customer {who}")


def prospect(n: int, who: str) -> tuple:
	"""A new prospect (a Lead made from the phone): with 5311's other items, the day's standard is met."""
	return ("New Prospect", 1, None, None, f"1368642{n:04d}", f"{PREFIX} Prospect {who}")


def n_activities(count) -> int:
	"""A row's activities, as the app counts them: its count, 1 when empty."""
	return int(count or 0) or 1


# ---------------------------------------------------------------- what the app has, from the metadata
def app_reports() -> list:
	return frappe.get_all(
		"Report",
		filters={"module": ("in", list(app_modules())), "report_type": "Script Report"},
		fields=["name", "module", "ref_doctype"],
		order_by="name",
	)


def app_cards() -> list[str]:
	return frappe.get_all(
		"Number Card", filters={"module": ("in", list(app_modules()))}, pluck="name", order_by="name"
	)


def app_charts() -> list[str]:
	return frappe.get_all(
		"Dashboard Chart", filters={"module": ("in", list(app_modules()))}, pluck="name", order_by="name"
	)


def report_roles(report: str) -> set[str]:
	return set(frappe.get_all("Has Role", {"parenttype": "Report", "parent": report}, pluck="role"))


def report_script(report) -> str:
	"""The report's desk script (its filters)."""
	folder = frappe.scrub(report.name)
	path = Path(frappe.get_module_path(report.module)) / "report" / folder / f"{folder}.js"
	return path.read_text() if path.exists() else ""


def chart_method(chart) -> str:
	"""The method the desk calls for a chart: a custom chart source's (from its script), else Frappe's."""
	if chart.chart_type == "Custom":
		return re.search(r"method:\s*\"([^\"]+)\"", get_config(chart.source)).group(1)
	return "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"


def card_filters(card) -> list[list]:
	"""The filters the desk sends for a Document Type card: its static filters and its dynamic ones evaluated."""
	filters = [list(f[:4]) for f in frappe.parse_json(card.filters_json or "[]")]
	for doctype, field, op, expression, *_hidden in frappe.parse_json(card.dynamic_filters_json or "[]"):
		if expression not in DYNAMIC_VALUES:
			raise AssertionError(f"card {card.name}: no value for its dynamic filter {expression}")
		filters.append([doctype, field, op, str(DYNAMIC_VALUES[expression]())])
	return filters


class TestPermissionReportsAndCards(FrappeTestCase):
	"""Today 12 people x (15 script reports + 7 number cards + 3 dashboard charts) = 300 cells (180 report,
	84 card and 36 chart cells), each person and item one cell. A report runs once per grouping it offers (25
	runs a person), and, for the people it shows a part to, once more for each of the other office and the
	other team asked for in its filters (77 probes). A cell is refused as expected, or allowed with every row,
	name and figure checked: the people and units the result names, the agent rows, and the totals against
	an independent count over what the person may read (about 900 checks a run, each a subTest)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org(PREFIX)
		cls.officer2 = make_user("rpc.officer2@example.com", f"{PREFIX} Officer Two", [CALLBACK_OFFICER])
		finance = {
			"HR Manager": make_user("rpc.hr@example.com", f"{PREFIX} HR", ["HR Manager"]),
			"Accounts User": make_user("rpc.accounts@example.com", f"{PREFIX} Accounts", ["Accounts User"]),
		}
		desk = make_user("rpc.desk@example.com", f"{PREFIX} Desk", ["Employee"])
		website = make_user("rpc.web@example.com", f"{PREFIX} Web", [])
		cls.day = getdate(today())
		cls.first = add_days(cls.day, -40)  # the date range of the range reports: every record below
		cls.make_records()
		frappe.db.commit()  # REST requests read through their own connection
		cls.people = personas(org, finance, desk, website)
		cls.index = Identities(org)
		cls.cells = []
		cls.cache = {}

	@classmethod
	def make_records(cls):
		"""Two offices' work: logs of every employee (today, and the last working day before it), callback
		checks (pending, closed, another officer's), incidents, meetings, policies and their performance,
		targets, customer quadrants, campaigns with invited customers, a running and a finished contest with
		rewards, unit alerts."""
		org, day = cls.org, cls.day
		earlier = last_working_day()
		setup = {"ignore_edit_window": True}
		logs = {
			org.agent_a1: make_log(
				org.agent_a1, day, [*FULL_5311, prospect(11, "A1"), visit(1, "A1")], **setup
			),
			org.agent_a2: make_log(org.agent_a2, day, [("Phone Appointment", 2), visit(2, "A2")], **setup),
			org.sup_a: make_log(
				org.sup_a,
				day,
				[("Phone Appointment", 1), visit(3, "SA"), visit(5, "SA2")],
				coaching_type=VISIT,
				coaching_report=org.agent_a1,
				income_target=30000,
				target_path="8 regular cases",
				**setup,
			),
			org.agent_b1: make_log(
				org.agent_b1,
				day,
				[
					("Phone Appointment", 9),
					("Sales Interview", 6),
					("Recruiting Visit", 2),
					("Referral", 3),
					prospect(14, "B1"),
					visit(4, "B1"),
				],
				**setup,
			),
		}
		logs[org.manager_a] = make_log(org.manager_a, day, [("Referral", 1), visit(6, "MA")], **setup)
		make_log(
			org.sup_b,
			day,
			[("Phone Appointment", 3)],
			coaching_type=VISIT,
			coaching_report=org.agent_b1,
			**setup,
		)
		make_log(org.agent_a1, earlier, [("Phone Appointment", 3)], **setup)
		make_log(org.agent_b1, earlier, [("Sales Interview", 7)], **setup)
		make_log(org.sup_a, earlier, [("Referral", 1)], **setup)
		officer = org.users.officer
		manual_check(logs[org.agent_a1], len(logs[org.agent_a1].activities), officer)  # pending
		manual_check(logs[org.agent_a2], 2, cls.officer2)  # another officer's
		# a supervisor's and an office head's own visits, pending: never shown to the visited themselves
		manual_check(logs[org.sup_a], 3, officer)
		manual_check(logs[org.manager_a], 2, officer)
		close_as(
			officer,
			manual_check(logs[org.agent_b1], len(logs[org.agent_b1].activities), officer).name,
			"Confirmed",
		)
		close_as(officer, manual_check(logs[org.sup_a], 2, officer).name, "Visit Not Happened")
		make_incident(org.agent_a1, day)
		make_incident(org.agent_a2, day, incident_type="Misconduct")
		make_incident(org.agent_b1, day)
		make_incident(org.sup_b, day, status="Under Appeal")
		meeting = make_type(f"{PREFIX} Team Meeting")
		session = make_session(org.office_a, meeting, day)
		session.append("attendees", {"employee": org.agent_a1})
		session.save()
		session = make_session(org.office_b, meeting, day)
		session.append("attendees", {"employee": org.agent_a1})  # office A's agent, invited to office B's
		session.save()
		customers = {
			agent: make_policy(
				f"RPC-P-{n}", agent, day, customer_name=f"{PREFIX} Policy Customer {n}", **values
			).customer
			for n, (agent, values) in enumerate(
				(
					(org.agent_a1, {}),
					(org.agent_a2, {"payment_mode": "Single"}),
					(org.agent_b1, {"fyc": 500, "annual_premium": 2000}),
					(org.sup_a, {"fyc": 5000}),
				)
			)
		}
		performance.recompute_month(day.year, day.month)
		for agent in (org.agent_a1, org.agent_a2, org.agent_b1):
			make_target("Agent", employee=agent, regular_premium=1000)
		make_target("Team", employee=org.sup_a, accompanied_visits=4)
		make_target("Office", unit=org.office_a, regular_premium=90000)
		make_target("Office", unit=org.office_b, regular_premium=50000)
		quadrants.place_parties(
			[("Customer", customer) for customer in customers.values()],
			day,
			quadrants.quadrant_config(),
			quadrants.stored_quadrants(),
			quadrants.navigator_rules(),
		)
		span = (add_days(day, -1), add_days(day, 1))
		warm = make_campaign(f"{PREFIX} Warm A", "Warming Platform", [org.office_a], *span, submit=False)
		invite(warm.name, "Customer", customers[org.agent_a1], 1)
		invite(warm.name, "Customer", customers[org.agent_a2], 0)
		warm.submit()
		make_campaign(
			f"{PREFIX} Value B",
			"Value Customer Event",
			[org.office_b],
			*span,
			[("Customer", customers[org.agent_b1], 1)],
		)
		make_campaign(
			f"{PREFIX} High AB",
			"High Potential Event",
			[org.office_a, org.office_b],
			*span,
			[("Customer", customers[org.agent_b1], 0), ("Customer", customers[org.sup_a], 1)],
		)
		rules = [("Sales Interview", 2, 0, add_days(day, -3))]
		make_contest(
			f"{PREFIX} Contest", add_days(day, -3), add_days(day, 3), [org.office_a, org.office_b], rules
		)
		for agent, points in ((org.agent_a1, 3), (org.agent_a2, 5), (org.agent_b1, 11)):
			make_ledger_row(f"{PREFIX} Contest", agent, day, points=points)
		past = (add_days(day, -30), add_days(day, -5))
		make_contest(
			f"{PREFIX} Past Contest",
			*past,
			[org.office_a, org.office_b],
			[("Sales Interview", 2, 0, past[0])],
		)
		settlement = make_settlement(f"{PREFIX} Past Contest", get_rewards=False)
		for agent, office, amount in (
			(org.agent_a1, org.office_a, 100),
			(org.agent_a2, org.office_a, 250),
			(org.agent_b1, org.office_b, 400),
		):
			frappe.get_doc(
				{
					"doctype": "Agent Reward",
					"agent": agent,
					"office": office,
					"contest": f"{PREFIX} Past Contest",
					"from_date": past[0],
					"to_date": past[1],
					"amount": amount,
					"status": "Journal Entry",
					"settlement": settlement.name,
				}
			).insert(ignore_permissions=True)
		cls.alerts = [
			store_alert(
				2000,
				1,
				{
					"unit": office,
					"group": org.branch,
					"measure": "CT Attainment",
					"periods": [{"period": "2000-01", "value": 10.0, "average": 20.0}],
					"causes": [],
				},
				{},
			)[0].name
			for office in (org.office_a, org.office_b)
		]

	@classmethod
	def tearDownClass(cls):
		org = cls.org
		employees = [org.manager_a, org.sup_a, org.agent_a1, org.agent_a2, org.sup_b, org.agent_b1]
		offices = [org.office_a, org.office_b]
		contests = frappe.get_all("Points Contest", {"contest_name": ("like", f"{PREFIX} %")}, pluck="name")
		campaigns = frappe.get_all(
			"Activity Campaign", {"campaign_name": ("like", f"{PREFIX} %")}, pluck="name"
		)
		settlements = frappe.get_all("Reward Settlement", {"contest": ("in", contests or [""])}, pluck="name")
		for doctype, filters in (
			("Agent Log", {"agent": ("in", employees)}),
			("Callback Check", {"agent": ("in", employees)}),
			("Conduct Incident", {"agent": ("in", employees)}),
			("Meeting Session", {"office": ("in", offices)}),
			("Insurance Policy", {"agent": ("in", employees)}),
			("Agent Monthly Performance", {"agent": ("in", employees)}),
			("Office Monthly Performance", {"office": ("in", offices)}),
			("Production Target", {"employee": ("in", employees)}),
			("Production Target", {"unit": ("in", offices)}),
			("Customer Quadrant", {"agent": ("in", employees)}),
			("Activity Campaign Invitee", {"campaign": ("in", campaigns or [""])}),
			("Activity Campaign", {"name": ("in", campaigns or [""])}),
			("Points Contest Ledger", {"contest": ("in", contests or [""])}),
			("Agent Reward", {"agent": ("in", employees)}),
			("Reward Settlement", {"name": ("in", settlements or [""])}),
			("Points Contest", {"name": ("in", contests or [""])}),
			("Unit Alert", {"name": ("in", cls.alerts)}),
		):
			purge(doctype, filters)
		frappe.db.commit()
		super().tearDownClass()

	# ---------------------------------------------------------------- what a person may read
	def readable(self, persona, doctype: str, filters: dict | list | None = None) -> list[dict]:
		"""The records of `doctype` matching `filters` that the person may read by the matrix's expectation
		(DocPerm and the one rule, record by record), read as Administrator: never through the app's
		permission code."""
		key = (persona.key, doctype, frappe.as_json(filters or {}))
		if key not in self.cache:
			self.cache[key] = (
				[r for r in records_of(doctype, filters) if expected(persona, doctype, "read", r)]
				if docperm_allows(persona, doctype, "read")
				else []
			)
		return self.cache[key]

	def sees_all(self, persona, doctype: str | None) -> bool:
		"""Whether the person's roles give them every record of `doctype` (admins; finance where it reads)."""
		rule = RULES.get(doctype)
		roles = set(ALL_UNITS_ROLES) | (set(rule.readers) | set(rule.writers) if rule else set())
		return persona.user == "Administrator" or bool(persona.roles & roles)

	def view_of(self, persona, doctype: str) -> "View":
		"""Whom and which units the person may see in a report on `doctype`: themselves and everyone below them,
		the owners of the records they read (a callback officer: the agents of their checks); the units of all
		of those, the units they work in, supervise or run, and those named on the records they read (with
		the branches above); as labels also the reporting line above and the heads of those units."""
		index, rule = self.index, RULES.get(doctype)
		subjects = {persona.employee} | set(persona.above) if persona.employee else set()
		units = set(persona.works_in | persona.manages | persona.supervises_in)
		for record in self.readable(persona, doctype) if rule else []:
			if rule.owner and record.get(rule.owner):
				subjects.add(record[rule.owner])
			if rule.office and record.get(rule.office):
				units.add(record[rule.office])
			if rule.offices:
				child, field = rule.offices
				units |= {row.get(field) for row in child_rows(doctype, record, child)}
		units |= {index.department_of(e) for e in subjects}
		units = index.with_ancestors(units - {None, ""}) | index.below(persona.manages)
		labels = set(subjects) | index.lines_above(subjects) | {index.head_of(u) for u in units}
		return View(subjects, units, labels - {None}, {persona.user})

	# ---------------------------------------------------------------- recording a cell
	def cell(self, persona, kind, name, variant, check, want, ok, detail=""):
		self.cells.append((persona.key, kind, name, variant, check, want, ok))
		with self.subTest(person=persona.key, item=f"{kind} {name}", variant=variant, check=check):
			self.assertTrue(ok, f"{persona.key} ({persona.user}) {kind} {name} [{variant}] {check}: {detail}")

	# ---------------------------------------------------------------- the walk
	def test_reports_cards_and_charts_as_each_person(self):
		reports, cards, charts = app_reports(), app_cards(), app_charts()
		self.assertIn("Daily Activity", [r.name for r in reports])
		self.assertIn("Agent Logs Today", cards)
		self.assertIn("Daily Activity Trend", charts)
		missing = [r.name for r in reports if r.name not in REPORT_TOTALS]
		self.assertFalse(missing, f"reports with no expected totals: add them to REPORT_TOTALS: {missing}")
		for report in reports:
			variants = self.variants(report)
			for persona in self.people:
				self.check_report(persona, report, variants)
		for name in cards:
			for persona in self.people:
				self.check_card(persona, frappe.get_doc("Number Card", name))
		for name in charts:
			for persona in self.people:
				self.check_chart(persona, frappe.get_doc("Dashboard Chart", name))
		items = len(self.people) * (len(reports) + len(cards) + len(charts))
		failed = sum(1 for cell in self.cells if not cell[-1])
		print(
			f"\nreports and cards: {items} cells ({len(self.people)} people x {len(reports)} reports,"
			f" {len(cards)} number cards, {len(charts)} charts), {len(self.cells)} checks, {failed} failed;"
			" each in dev/artifacts/permission-reports-cards.tsv"
		)
		write_table(
			"permission-reports-cards.tsv",
			["person", "kind", "name", "variant", "check", "expected", "as expected"],
			self.cells,
		)

	def variants(self, report) -> list[dict]:
		"""Filters that give rows: every date filter the app's reports know, over the records above, and each
		grouping the report accepts (a report that groups: the groupings it does not refuse)."""
		day = self.day
		base = {
			"from_date": str(self.first),
			"to_date": str(day),
			"month_of": str(day),
			"week_of": str(day),
			"month": day.month,
			"year": day.year,
			"on": str(day),
			"date": str(day),
		}
		if "group_by" not in report_script(report):
			return [base]
		found = []
		for group in GROUPINGS:
			try:
				run(report.name, filters={**base, "group_by": group})
			except frappe.ValidationError:
				frappe.clear_messages()
				continue
			found.append({**base, "group_by": group})
		self.assertTrue(found, f"{report.name} groups by none of {GROUPINGS}")
		return found

	def check_report(self, persona, report, variants):
		may = bool(persona.roles & report_roles(report.name)) or persona.user == "Administrator"
		sees_all = self.sees_all(persona, report.ref_doctype)
		runs = [(f.get("group_by", ""), f, True) for f in (variants if may else variants[:1])]
		if may and not sees_all:
			runs += self.probes(persona, report, variants[0])
		for variant, filters, with_totals in runs:
			status, body = rest(
				persona.user,
				"get",
				"/api/method/frappe.desk.query_report.run",
				{"report_name": report.name, "filters": filters, "ignore_prepared_report": 1},
			)
			want = "allowed" if may else "refused"
			got = "allowed" if status == 200 else "refused" if status in REFUSED else f"HTTP {status}"
			self.cell(persona, "report", report.name, variant, "access", want, got == want, got)
			if not may or status != 200:
				continue
			message = body["message"]
			rows = [row for row in message.get("result") or [] if isinstance(row, dict)]
			if sees_all:
				if persona.key == "activity admin":
					self.cell(persona, "report", report.name, variant, "has rows", "rows", bool(rows))
				continue
			self.check_names(persona, report, variant, message, rows, filters)
			if not with_totals:
				continue
			for check, got_total, want_total in REPORT_TOTALS[report.name](
				self, persona, frappe._dict(filters), rows
			):
				self.cell(
					persona,
					"report",
					report.name,
					variant,
					f"total: {check}",
					want_total,
					got_total == want_total,
					f"the report shows {got_total}, the person reads {want_total}",
				)

	def probes(self, persona, report, filters) -> list[tuple]:
		"""The report asked for a unit or a team that is not the person's (the other office, the other
		office's supervisor), when it has such a filter: its rows still name only whom they see."""
		org, script = self.org, report_script(report)
		theirs = persona.works_in | persona.manages
		office, supervisor = (
			(org.office_b, org.sup_b) if org.office_a in theirs else (org.office_a, org.sup_a)
		)
		found = []
		if "report_filters.office(" in script:
			found.append((f"office: {office}", {**filters, "office": office}, False))
		if "report_filters.supervisor(" in script:
			found.append((f"supervisor: {supervisor}", {**filters, "supervisor": supervisor}, False))
		return found

	def check_names(self, persona, report, variant, message, rows, filters):
		"""Every person and unit the result names (rows, message, chart, summary) is one the person may see;
		an agent column (or a unit column grouped by agent) names only people whose records they read."""
		view, index = self.view_of(persona, report.ref_doctype), self.index
		strict = {"agent"} | ({"unit"} if filters.get("group_by") == "Agent" else set())
		unseen, not_theirs, has_agents = set(), set(), False
		for row in rows:
			for field, value in row.items():
				found = index.named_in(value)
				unseen |= found - view.all
				if field in strict:
					has_agents = True
					not_theirs |= {i for i in found if i[0] == "Employee"} - {
						("Employee", e) for e in view.subjects
					}
		for part in ("message", "chart", "report_summary"):
			unseen |= index.named_in(message.get(part)) - view.all
		name = report.name
		shown = index.describe(unseen)
		self.cell(
			persona, "report", name, variant, "names only whom they see", "none unseen", not unseen, shown
		)
		if has_agents:
			others = index.describe(not_theirs)
			self.cell(
				persona,
				"report",
				name,
				variant,
				"agent rows only theirs",
				"none other",
				not not_theirs,
				others,
			)

	def check_card(self, persona, card):
		may = docperm_allows(persona, card.document_type, "read")
		if card.type == "Document Type":
			filters = card_filters(card)
			status, body = rest(
				persona.user,
				"get",
				"/api/method/frappe.desk.doctype.number_card.number_card.get_result",
				{"doc": frappe.as_json(card.as_dict()), "filters": frappe.as_json(filters)},
			)
			value = (body or {}).get("message") if status == 200 else None
			figure = card_figure(self, persona, card, filters)
		else:
			if card.method not in CUSTOM_CARDS:
				raise AssertionError(f"number card {card.name}: add its expected figure to CUSTOM_CARDS")
			status, body = rest(
				persona.user, "get", f"/api/method/{card.method}", {"filters": card.filters_json or "[]"}
			)
			value = ((body or {}).get("message") or {}).get("value") if status == 200 else None
			figure = CUSTOM_CARDS[card.method](self, persona)
		self.check_figure(persona, "number card", card.name, may, status, value, figure if may else None)

	def check_chart(self, persona, chart):
		method = chart_method(chart)
		if method not in CHART_FIGURES:
			raise AssertionError(f"chart {chart.name}: add its expected figures to CHART_FIGURES ({method})")
		may = docperm_allows(persona, chart.document_type, "read")
		status, body = rest(
			persona.user,
			"get",
			f"/api/method/{method}",
			{"chart_name": chart.name, "filters": chart.filters_json or "{}", "refresh": 1},
		)
		value = None
		if status == 200:
			data = body["message"]
			value = (data["labels"], [d["values"] for d in data["datasets"]])
		self.check_figure(
			persona,
			"chart",
			chart.name,
			may,
			status,
			value,
			CHART_FIGURES[method](self, persona) if may else None,
		)

	def check_figure(self, persona, kind, name, may, status, value, figure):
		want = "allowed" if may else "refused"
		got = "allowed" if status == 200 else "refused" if status in REFUSED else f"HTTP {status}"
		self.cell(persona, kind, name, "", "access", want, got == want, got)
		if may and status == 200:
			self.cell(
				persona,
				kind,
				name,
				"",
				"figure",
				figure,
				value == figure,
				f"shows {value}, an independent count over what they read gives {figure}",
			)

	# ---------------------------------------------------------------- independent counts
	def logs(self, persona, first, last) -> list[dict]:
		return self.readable(
			persona, "Agent Log", {"docstatus": ("<", 2), "log_date": ("between", [str(first), str(last)])}
		)

	def activity_rows(self, persona, first, last) -> list[dict]:
		"""The valid activity rows (not found invalid) of the logs the person reads in the range."""
		names = [log.name for log in self.logs(persona, first, last)]
		if not names:
			return []
		steps = dict(frappe.get_all("Activity Kind", fields=["name", "sales_cycle_step"], as_list=True))
		rows = frappe.get_all(
			"Agent Log Activity",
			filters={"parenttype": "Agent Log", "parent": ("in", names), "is_invalid": 0},
			fields=["parent", "activity_kind", "activity_count"],
		)
		dates = {log.name: str(log.log_date) for log in self.logs(persona, first, last)}
		return [
			frappe._dict(
				day=dates[r.parent], step=steps.get(r.activity_kind), n=n_activities(r.activity_count)
			)
			for r in rows
		]

	def activities(self, persona, first, last) -> int:
		return sum(r.n for r in self.activity_rows(persona, first, last))

	def closed_checks(self, persona, first, last) -> list[dict]:
		"""The callback checks with an outcome of the visits in the range that the person reads."""
		return self.readable(
			persona,
			"Callback Check",
			{"status": ("in", list(OUTCOMES)), "activity_date": ("between", [str(first), str(last)])},
		)

	def month(self, filters) -> tuple:
		day = getdate(filters.month_of)
		return month_range(day.year, day.month)

	def incidents(self, persona, first, last, **filters) -> list[dict]:
		return self.readable(
			persona, "Conduct Incident", {"incident_date": ("between", [str(first), str(last)]), **filters}
		)


class View:
	"""Whom a person may see in a report: `subjects` (whose records they read), `units`, `labels` (subjects and
	the people named beside them: the line above, unit heads) and `users`, as Identities names them."""

	def __init__(self, subjects, units, labels, users):
		self.subjects = subjects
		self.all = (
			{("Employee", e) for e in labels}
			| {("Department", d) for d in units}
			| {("User", u) for u in users}
		)


class Identities:
	"""Who and which unit a text names: every Employee (its ID and its name), every sales unit (Department
	with a unit level: its name and its short name) and the test's users, read as Administrator."""

	def __init__(self, org):
		self.employees = {
			e.name: e
			for e in frappe.get_all(
				"Employee", fields=["name", "employee_name", "user_id", "department", "reports_to"]
			)
		}
		self.departments = {
			d.name: d
			for d in frappe.get_all(
				"Department",
				fields=[
					"name",
					"department_name",
					"parent_department",
					"ia_unit_level",
					"ia_unit_manager",
					"lft",
					"rgt",
				],
			)
		}
		tokens: dict[str, set] = defaultdict(set)
		for e in self.employees.values():
			tokens[e.name].add(("Employee", e.name))
			if e.employee_name and len(e.employee_name) > 3:
				tokens[e.employee_name].add(("Employee", e.name))
			if e.user_id:
				tokens[e.user_id].add(("Employee", e.name))
		for d in self.departments.values():
			if d.ia_unit_level:
				tokens[d.name].add(("Department", d.name))
				tokens[d.department_name].add(("Department", d.name))
		for user in frappe.get_all("User", {"name": ("like", f"{PREFIX.lower()}.%")}, pluck="name"):
			if not any(e.user_id == user for e in self.employees.values()):
				tokens[user].add(("User", user))
		# a name two records share names neither for sure: left out
		self.tokens = {token: found.pop() for token, found in tokens.items() if len(found) == 1}
		alternatives = "|".join(re.escape(t) for t in sorted(self.tokens, key=len, reverse=True))
		self.pattern = re.compile(f"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])")

	def named_in(self, value) -> set:
		"""The identities a value (text, number, list, dict) names."""
		if isinstance(value, dict):
			return set().union(*(self.named_in(v) for v in value.values())) if value else set()
		if isinstance(value, list | tuple):
			return set().union(*(self.named_in(v) for v in value)) if value else set()
		if not isinstance(value, str):
			return set()
		return {self.tokens[m] for m in self.pattern.findall(value)}

	def describe(self, identities: set) -> list[str]:
		"""The identities in words, for a failure's message: "HR-EMP-00002 (Rpc Manager A)"."""
		names = {("Employee", e.name): e.employee_name for e in self.employees.values()} | {
			("Department", d.name): d.department_name for d in self.departments.values()
		}
		return sorted(f"{i[1]} ({names.get(i, i[0])})" for i in identities)

	def department_of(self, employee: str):
		e = self.employees.get(employee)
		return e.department if e else None

	def with_ancestors(self, units: set) -> set:
		found = set()
		for unit in units:
			while unit and unit in self.departments and unit not in found:
				found.add(unit)
				unit = self.departments[unit].parent_department
		return found

	def below(self, units) -> set:
		found = set()
		for unit in units:
			top = self.departments.get(unit)
			if top:
				found |= {d.name for d in self.departments.values() if top.lft <= d.lft and d.rgt <= top.rgt}
		return found

	def lines_above(self, employees: set) -> set:
		found = set()
		for employee in employees:
			boss = (self.employees.get(employee) or frappe._dict()).reports_to
			while boss and boss not in found:
				found.add(boss)
				boss = (self.employees.get(boss) or frappe._dict()).reports_to
		return found

	def head_of(self, unit: str):
		d = self.departments.get(unit)
		return d.ia_unit_manager if d else None


def records_of(doctype: str, filters) -> list[dict]:
	"""Every record of `doctype` matching `filters` with all its fields, and the child rows the rule reads
	(a campaign's or contest's offices, a meeting's attendees) under their table's fieldname."""
	rows = frappe.get_all(doctype, filters=filters, fields=["*"], limit_page_length=0)
	rule = RULES.get(doctype)
	children = [c for c in (rule.offices, rule.attendees) if c] if rule else []
	for child, _field in children:
		for df in frappe.get_meta(doctype).get_table_fields():
			if df.options != child:
				continue
			found = defaultdict(list)
			for row in frappe.get_all(
				child,
				filters={
					"parenttype": doctype,
					"parentfield": df.fieldname,
					"parent": ("in", [r.name for r in rows] or [""]),
				},
				fields=["*"],
			):
				found[row.parent].append(row)
			for r in rows:
				r[df.fieldname] = found.get(r.name, [])
	return rows


def child_rows(doctype: str, record, child: str) -> list:
	"""The rows of `record` (as records_of reads it) in its tables of `child`."""
	tables = [df.fieldname for df in frappe.get_meta(doctype).get_table_fields() if df.options == child]
	return [row for table in tables for row in record.get(table) or []]


def purge(doctype: str, filters: dict) -> None:
	"""Delete the records and their child rows, straight from the tables (submitted ones too)."""
	names = frappe.get_all(doctype, filters=filters, pluck="name")
	if not names:
		return
	for df in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(df.options, {"parenttype": doctype, "parent": ("in", names)})
	frappe.db.delete(doctype, {"name": ("in", names)})


# ---------------------------------------------------------------- each report's totals
def total(rows, *fields) -> int:
	return int(sum(flt(row.get(field)) for row in rows for field in fields))


def key_supervisors(t) -> set:
	"""The organisation's key supervisors (Management Actions): who heads a team, the office head apart."""
	index = t.index
	heads = {e.reports_to for e in index.employees.values() if e.reports_to}
	return {e for e in heads if e != index.head_of(index.department_of(e))}


def campaigns_between(t, persona, filters) -> list[dict]:
	return t.readable(
		persona,
		"Activity Campaign",
		{
			"docstatus": 1,
			"from_date": ("<=", str(filters.to_date)),
			"to_date": (">=", str(filters.from_date)),
		},
	)


def invitations(t, persona, campaigns) -> int:
	names = [c.name for c in campaigns]
	return len(t.readable(persona, "Activity Campaign Invitee", {"campaign": ("in", names or [""])}))


def campaign_results(t, persona, filters, rows):
	campaigns = campaigns_between(t, persona, filters)
	checks = [("invitations", total(rows, "invitations"), invitations(t, persona, campaigns))]
	if filters.group_by == "Campaign":
		checks.append(("campaigns", sorted(r["campaign"] for r in rows), sorted(c.name for c in campaigns)))
	elif filters.group_by == "Kind":
		checks.append(("campaigns", total(rows, "campaigns"), len(campaigns)))
	else:  # an office's row holds every campaign listing it: the invitations of a campaign of two offices twice
		checks = []
	return checks


def activity_calendar(t, persona, filters, rows):
	shown = sorted({name for r in rows for name in (r.get("campaigns") or "").split(", ") if name})
	return [("campaigns", shown, sorted(c.campaign_name for c in campaigns_between(t, persona, filters)))]


def meeting_compliance(t, persona, filters, rows):
	first, last = month_range(int(filters.year), int(filters.month))
	offices = persona.manages | persona.supervises_in  # the offices whose meetings they read in full
	sessions = t.readable(
		persona, "Meeting Session", {"scheduled_date": ("between", [str(first), str(last)])}
	)
	return [("meetings", total(rows, "scheduled"), len([s for s in sessions if s.office in offices]))]


def management_actions(t, persona, filters, rows):
	first, last = t.month(filters)
	visits = [
		log
		for log in t.logs(persona, first, last)
		if log.coaching_type == VISIT and log.agent in key_supervisors(t)
	]
	return [("accompanied visits", total(rows, "visits"), len(visits))]


def unit_evaluation(t, persona, filters, rows):
	first, last = t.month(filters)
	offices = [r for r in rows if r.get("level_key") == "Office"]
	complaints = t.incidents(
		persona, first, last, incident_type="Complaint", status=("!=", "Reversed on Appeal")
	)
	return [
		("activities", total(offices, "activities"), t.activities(persona, first, last)),
		("valid complaints", total(offices, "complaints"), len(complaints)),
		("closed checks", total(offices, "closed_checks"), len(t.closed_checks(persona, first, last))),
	]


def agent_monthly_evaluation(t, persona, filters, rows):
	first, last = t.month(filters)
	complaints = t.incidents(
		persona, first, last, incident_type="Complaint", status=("!=", "Reversed on Appeal")
	)
	return [
		("activities", total(rows, "activities"), t.activities(persona, first, last)),
		("valid complaints", total(rows, "valid_complaints"), len(complaints)),
	]


def monthly_activity_vs_results(t, persona, filters, rows):
	first, last = t.month(filters)
	day = getdate(filters.month_of)
	results = t.readable(persona, "Agent Monthly Performance", {"year": day.year, "month": day.month})
	return [
		("activities", total(rows, "activities"), t.activities(persona, first, last)),
		("cases", total(rows, "cases"), total(results, "cases")),
	]


def weekly_process_mix(t, persona, filters, rows):
	day, calendar = getdate(filters.week_of), calendar_config()
	first, last = business_week_range(day.year, day.month, business_week(day, calendar), calendar)
	steps = [step_field(step) for step in SALES_CYCLE_STEPS]
	return [("activities", total(rows, *steps), t.activities(persona, first, last))]


def callback_officer_workload(t, persona, filters, rows):
	day = str(filters.date)
	pending = t.readable(persona, "Callback Check", {"status": "Pending", "callback_date": ("<=", day)})
	closed = t.readable(
		persona, "Callback Check", {"status": ("!=", "Pending"), "closed_on": ("between", [day, day])}
	)
	return [
		("open", total(rows, "open"), len(pending)),
		("closed today", total(rows, "closed_today"), len(closed)),
	]


REPORT_TOTALS = {
	"Daily Activity": lambda t, p, f, rows: [
		("logs", total(rows, "logs"), len(t.logs(p, f.from_date, f.to_date)))
	],
	"Agent Monthly Evaluation": agent_monthly_evaluation,
	"Management Actions": management_actions,
	"Monthly Activity vs Results": monthly_activity_vs_results,
	"Unit Evaluation": unit_evaluation,
	"Weekly Process Mix": weekly_process_mix,
	"Activity Calendar": activity_calendar,
	"Campaign Results": campaign_results,
	"Customer Inventory": lambda t, p, f, rows: [
		("customers", total(rows, "total"), len(t.readable(p, "Customer Quadrant")))
	],
	"Meeting Compliance": meeting_compliance,
	"Target Progress": lambda t, p, f, rows: [
		(
			"targets",
			sorted(r["target"] for r in rows),
			sorted(x.name for x in t.readable(p, "Production Target")),
		)
	],
	"Reward Settlement Summary": lambda t, p, f, rows: [
		(
			"amount",
			total(rows, "total"),
			total(t.readable(p, "Agent Reward", {"status": ("!=", "Cancelled")}), "amount"),
		)
	],
	"Callback Officer Workload": callback_officer_workload,
	"Callback Verification Rates": lambda t, p, f, rows: [
		(
			"checks",
			total(rows, "checks"),
			len(
				t.readable(
					p, "Callback Check", {"activity_date": ("between", [str(f.from_date), str(f.to_date)])}
				)
			),
		)
	],
	"Conduct Incidents": lambda t, p, f, rows: [
		(
			"incidents",
			total(rows, "active", "under_appeal", "reversed"),
			len(t.incidents(p, f.from_date, f.to_date)),
		)
	],
}


# ---------------------------------------------------------------- each card's and chart's figure
def card_figure(t, persona, card, filters) -> float:
	"""A Document Type card's figure: its function over the records of its filters the person reads."""
	records = t.readable(persona, card.document_type, filters)
	if card.function == "Count":
		return flt(len(records))
	values = [flt(r.get(card.aggregate_function_based_on)) for r in records]
	functions = {"Sum": sum, "Minimum": min, "Maximum": max, "Average": lambda v: sum(v) / len(v)}
	return flt(functions[card.function](values)) if values else 0.0


def attainment_today(t, persona) -> float:
	logs = t.logs(persona, t.day, t.day)
	return round(100.0 * sum(log.standard_met for log in logs) / len(logs), 1) if logs else 0.0


def open_unit_alerts(t, persona) -> int:
	return len(t.readable(persona, "Unit Alert", {"status": "Open"}))


def contest_leaders(t, persona) -> float:
	"""The leading score among the running contests the person reads, each over the offices they see it for
	(every listed office for admins and finance; else those they work in or run). The ranking is the contest's
	public board (README, "Campaigns (contests)"; campaigns/leaderboard.py): a colleague's points lead an
	agent's card, though the ledger rows themselves are read by the agent and those above only."""
	top = 0.0
	day = str(t.day)
	for contest in t.readable(persona, "Points Contest", {"from_date": ("<=", day), "to_date": (">=", day)}):
		listed = {row.office for row in child_rows("Points Contest", contest, "Points Contest Office")}
		offices = (
			listed if t.sees_all(persona, "Points Contest") else listed & (persona.works_in | persona.manages)
		)
		key = "team" if contest.participation == "Team" else "agent"
		points = defaultdict(float)
		for row in frappe.get_all(
			"Points Contest Ledger",
			filters={"contest": contest.name, "office": ("in", list(offices) or [""])},
			fields=[key, "points"],
		):
			if row[key]:
				points[row[key]] += flt(row.points)
		top = max([top, *(round(p, 2) for p in points.values())])  # points to 2 decimals, as shown
	return top


CUSTOM_CARDS = {
	"insurance_activity.analytics.figures.attainment_today": attainment_today,
	"insurance_activity.analytics.figures.open_unit_alerts": open_unit_alerts,
	"insurance_activity.api.contest_leaderboard.contest_leaders": contest_leaders,
}


def daily_activities(t, persona) -> tuple:
	days = [add_days(t.day, n - 29) for n in range(30)]
	counts = defaultdict(int)
	for row in t.activity_rows(persona, days[0], days[-1]):
		counts[row.day] += row.n
	return [str(day) for day in days], [[counts[str(day)] for day in days]]


def process_mix(t, persona) -> tuple:
	calendar = calendar_config()
	first, last = business_week_range(t.day.year, t.day.month, business_week(t.day, calendar), calendar)
	counts = defaultdict(int)
	for row in t.activity_rows(persona, first, last):
		counts[row.step] += row.n
	labels = [frappe._(step, context="Activity Kind") for step in SALES_CYCLE_STEPS]
	return labels, [[counts[step] for step in SALES_CYCLE_STEPS]]


def attainment_by_office(t, persona) -> tuple:
	logs, met = defaultdict(int), defaultdict(int)
	for log in t.logs(persona, t.day.replace(day=1), t.day):
		if log.office:
			logs[log.office] += 1
			met[log.office] += log.standard_met or 0
	offices = sorted(logs)
	names = {o: t.index.departments[o].department_name if o in t.index.departments else o for o in offices}
	return [names[o] for o in offices], [[round(100.0 * met[o] / logs[o], 1) for o in offices]]


CHART_FIGURES = {
	"insurance_activity.analytics.figures.daily_activities": daily_activities,
	"insurance_activity.analytics.figures.process_mix": process_mix,
	"insurance_activity.analytics.figures.attainment_by_office": attainment_by_office,
}
