"""The permission matrix: every person of the org x every doctype of the app (walked from the metadata,
child tables included) x read, list, report view, link search, create, write, submit, delete, checked
through REST (/api/resource, frappe.desk.reportview.get, frappe.desk.search.search_link,
frappe.client.get_list) and in-process (frappe.get_list, frappe.has_permission). The expected cell comes
from `tests/permission_matrix.py`: the one rule (permissions/rules.py) and the doctype's DocPerm rows.
A doctype added to the app joins the matrix by construction; one failing cell is named by its subTest."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from insurance_activity.analytics.alerts import store_alert
from insurance_activity.customers import quadrants
from insurance_activity.meetings import jobs as meeting_jobs
from insurance_activity.permissions.rules import RULES
from insurance_activity.production import performance, tiers
from insurance_activity.tests.artifacts import write_table
from insurance_activity.tests.contest_factories import make_contest, make_ledger_row
from insurance_activity.tests.factories import last_working_day, make_log, make_org, make_user, set_settings
from insurance_activity.tests.integration.test_production_targets import make_target
from insurance_activity.tests.permission_matrix import (
	app_doctypes,
	expected,
	parents_of,
	personas,
	rest,
)
from insurance_activity.tests.production_factories import SETTINGS, make_policy, month_before
from insurance_activity.tests.reward_factories import make_settlement
from insurance_activity.tests.site import real_time_only

PREFIX = "Mtx"


def as_user(user: str, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	except frappe.PermissionError:
		return None
	finally:
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()


def names_listed(doctype: str, record: str, **kwargs) -> set:
	return set(frappe.get_list(doctype, filters={"name": record}, pluck="name", **kwargs))


def make_campaign(org, customer: str):
	campaign = frappe.get_doc(
		{
			"doctype": "Activity Campaign",
			"campaign_name": "Mtx Warming Tea",
			"kind": "Warming Platform",
			"from_date": add_days(today(), -10),
			"to_date": add_days(today(), -9),
			"offices": [{"office": org.office_a}],
			"target_quadrants": [{"quadrant": "Warm Up"}],
			"preparation": [{"item": "Book the room"}],
			"materials": [{"material_kind": "Gift", "description": "Tea", "quantity": 10}],
			"agents": [{"employee": org.agent_a1}],
		}
	).insert()
	campaign.submit()
	frappe.get_doc(
		{
			"doctype": "Activity Campaign Invitee",
			"campaign": campaign.name,
			"party_type": "Customer",
			"party": customer,
		}
	).insert()  # agent A1's customer invited
	return campaign


def write_artifact(cells: list[tuple]):
	"""Every cell (person, doctype, action, expected, as expected) as a table for the reviewer."""
	write_table("permission-matrix.tsv", ["person", "doctype", "action", "expected", "as expected"], cells)


@real_time_only  # who may do what does not depend on the hour; the HTTP fuzz checks leaks at both clocks
class TestPermissionMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org(PREFIX)
		day = last_working_day()
		cls.months_ahead = frappe.db.get_single_value(SETTINGS, "meeting_months_ahead")
		set_settings(meeting_months_ahead=0)  # only the sessions asked for below; put back in tearDownClass
		log = make_log(
			org.agent_a1,
			day,
			[("Sales Interview", 1, None, None, "13912348801", "Mtx Customer A1")],
			ignore_edit_window=True,
		)
		check = frappe.get_doc(
			{
				"doctype": "Callback Check",
				"source": "Manual",
				"agent_log": log.name,
				"activity_idx": 1,
				"assigned_officer": org.users.officer,
				"callback_date": today(),
			}
		).insert()
		check.append("attempts", {"result": "No Answer"})
		check.save()
		supervisors_log = make_log(org.sup_a, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		supervisors_log.append("tracking_calls", {"report": org.agent_a1, "notes": "Mtx tracking note"})
		supervisors_log.save()
		frappe.get_doc(
			{"doctype": "Conduct Incident", "incident_type": "Misconduct", "agent": org.agent_a1}
		).insert()
		month = month_before(1)
		customer = make_policy("MTX-P-1", org.agent_a1, month, customer_name="Mtx Customer A1").customer
		cls.quadrant_party = ("Customer", customer)
		quadrants.place_parties(
			[cls.quadrant_party],
			day,
			quadrants.quadrant_config(),
			quadrants.stored_quadrants(),
			quadrants.navigator_rules(),
		)  # agent A1's Customer Quadrant, from the policy (its moves: the first placement)
		make_target("Agent", employee=org.agent_a1, regular_premium=1000)
		performance.recompute_month(month.year, month.month)
		tiers.reevaluate_month(month.year, month.month)
		meeting_jobs.create_coming_meetings(day=add_days(today(), -40), offices=[org.office_a])
		make_campaign(org, customer)  # office A's published campaign, a row in each of its tables
		cls.unit_alert, _stored = store_alert(
			2000,
			1,
			{
				"unit": org.office_a,
				"group": org.branch,
				"measure": "CT Attainment",
				"periods": [{"period": "2000-01", "value": 10.0, "average": 20.0}],
				"causes": [
					{"cause": "New Agents", "unit_figure": 50.0, "branch_figure": 25.0, "flagged": True}
				],
			},
			{},
		)  # office A's Unit Alert (the weekly job's record), with its month and cause rows
		# a points contest of office A (read by its people) and a ledger row of agent A1's day
		make_contest("Mtx Contest", day, day, [org.office_a], [("Sales Interview", 2, 0, day)])
		make_ledger_row("Mtx Contest", org.agent_a1, day)
		# its draft Reward Settlement (finance approves it) and agent A1's Agent Reward (what the agent reads)
		settlement = make_settlement("Mtx Contest")
		frappe.get_doc(
			{
				"doctype": "Agent Reward",
				"agent": org.agent_a1,
				"office": org.office_a,
				"contest": "Mtx Contest",
				"from_date": day,
				"to_date": day,
				"amount": 100,
				"status": "Journal Entry",
				"settlement": settlement.name,
			}
		).insert(ignore_permissions=True)
		finance = {
			"HR Manager": make_user("mtx.hr@example.com", "Mtx HR", ["HR Manager"]),
			"Accounts User": make_user("mtx.accounts@example.com", "Mtx Accounts", ["Accounts User"]),
		}
		desk = make_user("mtx.desk@example.com", "Mtx Desk", ["Employee"])
		website = make_user("mtx.web@example.com", "Mtx Web", [])
		frappe.db.commit()  # REST requests read through their own connection
		cls.people = personas(org, finance, desk, website)
		cls.doctypes = app_doctypes()
		cls.cells = []
		cls.bare = cls.make_bare_records()
		frappe.db.commit()

	@classmethod
	def make_bare_records(cls) -> list[tuple[str, str]]:
		"""A doctype of the app with no record yet (nothing cheap makes one: a sampling run, a policy load, a
		job's day), and a child table with no rows under the record the matrix reads, get one bare row
		written straight to the table: enough to ask who reads it. Removed again in tearDownClass."""
		made = []
		parents = [d.name for d in cls.doctypes if not d.istable and not d.issingle and not d.is_virtual]
		for doctype in parents:
			if doctype not in RULES and not frappe.get_all(doctype, limit=1):
				doc = frappe.new_doc(doctype)
				doc.name = f"MTX-{frappe.scrub(doctype)}"
				doc.db_insert()
				made.append((doctype, doc.name))
		for child in (d.name for d in cls.doctypes if d.istable):
			for parent in parents_of(child, parents):
				record = cls.record_of(parent)
				if record and not cls.record_of(parent, child):
					row = frappe.new_doc(child)
					fieldname = next(
						df.fieldname
						for df in frappe.get_meta(parent).get_table_fields()
						if df.options == child
					)
					row.update({"parent": record, "parenttype": parent, "parentfield": fieldname, "idx": 1})
					row.name = f"MTX-{frappe.scrub(child)}"
					row.db_insert()
					made.append((child, row.name))
		return made

	@classmethod
	def tearDownClass(cls):
		for doctype, name in cls.bare:
			frappe.db.delete(doctype, {"name": name})
		for name in frappe.get_all("Activity Campaign", {"campaign_name": "Mtx Warming Tea"}, pluck="name"):
			frappe.get_doc("Activity Campaign", name).cancel()
			frappe.delete_doc("Activity Campaign", name, force=True)
		frappe.db.delete("Insurance Policy", {"name": "MTX-P-1"})
		for settlement in frappe.get_all("Reward Settlement", {"contest": "Mtx Contest"}, pluck="name"):
			frappe.db.delete("Agent Reward", {"settlement": settlement})
			frappe.db.delete("Reward Settlement Line", {"parent": settlement})
			frappe.db.delete("Reward Settlement", {"name": settlement})
		for table in ("Unit Alert Period", "Unit Alert Cause"):
			frappe.db.delete(table, {"parent": cls.unit_alert.name})
		frappe.db.delete("Unit Alert", {"name": cls.unit_alert.name})
		party_type, party = cls.quadrant_party
		for name in frappe.get_all(
			"Customer Quadrant", {"party_type": party_type, "party": party}, pluck="name"
		):
			frappe.db.delete("Customer Quadrant Move", {"parent": name})
			frappe.db.delete("Customer Quadrant", {"name": name})
		set_settings(meeting_months_ahead=cls.months_ahead)
		frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def record_of(cls, doctype: str, child: str | None = None) -> str | None:
		"""Agent A1's record of a ruled doctype (else supervisor A's), office A's for an office's doctype; any
		record of another doctype. With `child`: one that has rows of that child table."""
		rule = RULES.get(doctype)
		filters = {}
		if rule and rule.owner:
			filters = {rule.owner: ("in", [cls.org.agent_a1, cls.org.sup_a])}
		elif rule and rule.office:
			filters = {rule.office: cls.org.office_a}
		elif rule and rule.offices:
			child_table, office_field = rule.offices
			filters = {
				"name": (
					"in",
					frappe.get_all(child_table, {office_field: cls.org.office_a}, pluck="parent") or [""],
				)
			}
		if child:
			holders = frappe.get_all(child, filters={"parenttype": doctype}, pluck="parent", distinct=True)
			if "name" in filters:
				holders = [h for h in holders if h in filters["name"][1]]
			filters["name"] = ("in", holders or [""])
		found = frappe.get_all(
			doctype,
			filters=filters,
			fields=["name", *([rule.owner] if rule and rule.owner else [])],
			order_by="creation desc",
		)
		if rule and rule.owner:
			found.sort(key=lambda row: row[rule.owner] != cls.org.agent_a1)
		return found[0].name if found else None

	def cell(self, persona, doctype, action, want, got):
		self.cells.append((persona.key, doctype, action, "allowed" if want else "refused", bool(got) == want))
		with self.subTest(persona=persona.key, doctype=doctype, action=action):
			self.assertEqual(bool(got), want, f"{persona.key} ({persona.user}) {action} {doctype}")

	# ---------------------------------------------------------------- the walk
	def test_the_matrix(self):
		parents = [d.name for d in self.doctypes if not d.istable and not d.is_virtual]
		children = [d.name for d in self.doctypes if d.istable]
		self.assertIn("Agent Log", parents)
		self.assertIn("Agent Log Activity", children)
		self.assertTrue(
			set(RULES) - {"Lead", "Prospect", "Customer", "Opportunity", "Contact"} <= set(parents)
		)
		singles = {d.name for d in self.doctypes if d.issingle}
		submittable = {d.name for d in self.doctypes if d.is_submittable}
		for doctype in parents:
			record = doctype if doctype in singles else self.record_of(doctype)
			if doctype in RULES:
				self.assertIsNotNone(record, f"the matrix makes a record of every ruled doctype: {doctype}")
			for persona in self.people:
				self.check_doctype(persona, doctype, record, doctype in singles, doctype in submittable)
		without_rows = []
		for child in children:
			for parent in parents_of(child, parents):
				record = self.record_of(parent, child)
				if not record:
					without_rows.append(f"{child} of {parent}")
					continue
				for persona in self.people:
					self.check_child(persona, child, parent, record)
		without_records = [d for d in parents if d not in singles and not self.record_of(d)]
		print(
			f"\npermission matrix: {len(self.cells)} cells checked; {len(self.people)} people x {len(parents)} doctypes"
			f" and {len(children)} child tables; no record to read of {without_records or 'none'},"
			f" no rows of {without_rows or 'none'} (their list and create cells are"
			" checked); each cell in dev/artifacts/permission-matrix.tsv"
		)
		write_artifact(self.cells)
		self.assertGreater(len(self.cells), 1000)

	def check_doctype(self, persona, doctype, record, single, submittable):
		doc = frappe.get_doc(doctype, record) if record else None
		user = persona.user
		reads = expected(persona, doctype, "read", doc)
		# create: DocPerm alone; a refused create through REST stores nothing
		creates = expected(persona, doctype, "create")
		self.cell(
			persona,
			doctype,
			"create (has_permission)",
			creates,
			frappe.has_permission(doctype, "create", user=user),
		)
		if not creates and not single:
			status, _ = rest(user, "post", f"/api/resource/{doctype}", data={})
			self.cell(persona, doctype, "create (REST POST)", False, status not in (401, 403))
		if not single:
			lists = expected(persona, doctype, "read")
			status, body = rest(user, "get", f"/api/resource/{doctype}", {"limit_page_length": 1})
			self.cell(persona, doctype, "list (REST allowed)", lists, status == 200)
		if not record:
			return
		path = f"/api/resource/{doctype}/{record}"
		status, _ = rest(user, "get", path)
		self.cell(persona, doctype, "read (REST form)", reads, status == 200)
		self.cell(
			persona,
			doctype,
			"read (has_permission)",
			reads,
			frappe.has_permission(doctype, "read", doc, user=user),
		)
		for ptype in ("export", "write", "delete", *(("submit", "cancel") if submittable else ())):
			allowed = expected(persona, doctype, ptype, doc)
			self.cell(
				persona,
				doctype,
				f"{ptype} (has_permission)",
				allowed,
				frappe.has_permission(doctype, ptype, doc, user=user),
			)
			if allowed or ptype == "export":
				continue
			if ptype == "write":
				status, _ = rest(user, "put", path, data={})
				self.cell(persona, doctype, "write (REST PUT)", False, status not in (401, 403))
			elif ptype == "delete" and not single:
				status, _ = rest(user, "delete", path)
				self.cell(persona, doctype, "delete (REST DELETE)", False, status not in (401, 403))
				self.cell(
					persona, doctype, "delete (record gone)", False, not frappe.db.exists(doctype, record)
				)
		if single:
			return
		status, body = rest(
			user,
			"get",
			f"/api/resource/{doctype}",
			{"filters": [["name", "=", record]], "limit_page_length": 0},
		)
		listed = status == 200 and record in {row["name"] for row in body["data"]}
		self.cell(persona, doctype, "list (REST /api/resource)", reads, listed)
		self.cell(
			persona, doctype, "list (frappe.get_list)", reads, as_user(user, names_listed, doctype, record)
		)
		status, body = rest(
			user,
			"get",
			"/api/method/frappe.desk.reportview.get",
			{
				"doctype": doctype,
				"fields": [f"`tab{doctype}`.`name`"],
				"filters": [[doctype, "name", "=", record]],
			},
		)
		message = (body or {}).get("message") if status == 200 else None
		values = message.get("values", []) if isinstance(message, dict) else []
		self.cell(persona, doctype, "report view", reads, record in {row[0] for row in values})
		selects = expected(persona, doctype, "select", doc)
		status, body = rest(
			user, "get", "/api/method/frappe.desk.search.search_link", {"doctype": doctype, "txt": record}
		)
		found = {row["value"] for row in (body or {}).get("message") or []} if status == 200 else set()
		self.cell(persona, doctype, "link search", selects, record in found)

	def check_child(self, persona, child, parent, record):
		"""A child's rows follow their parent: listed with parent_doctype, REST and report view."""
		user = persona.user
		doc = frappe.get_doc(parent, record)
		reads = expected(persona, parent, "read", doc)
		where = f"{child} of {parent}"
		rows = as_user(
			user, frappe.get_list, child, parent_doctype=parent, filters={"parent": record}, fields=["name"]
		)
		self.cell(persona, where, "list (frappe.get_list parent_doctype)", reads, rows)
		status, body = rest(
			user,
			"get",
			"/api/method/frappe.client.get_list",
			{"doctype": child, "parent": parent, "filters": {"parent": record}, "fields": ["name"]},
		)
		self.cell(
			persona, where, "list (REST frappe.client.get_list)", reads, status == 200 and body.get("message")
		)
		table = next(df.fieldname for df in frappe.get_meta(parent).get_table_fields() if df.options == child)
		status, body = rest(
			user,
			"get",
			"/api/method/frappe.desk.reportview.get",
			{
				"doctype": parent,
				"fields": [f"`tab{parent}`.`name`", f"`tab{child}`.`name`"],
				"filters": [[parent, "name", "=", record], [child, "name", "is", "set"]],
			},
		)
		message = (body or {}).get("message") if status == 200 else None
		values = message.get("values", []) if isinstance(message, dict) else []
		self.cell(persona, where, f"report view ({table} column)", reads, values)

	def test_the_readme_table_pins_the_expectations(self):
		"""The expectations follow rules.py; these cells are the README's table in words, so a change of the
		rule's data that contradicts the README fails here, not silently in both."""
		people = {p.key: p for p in self.people}

		def allowed(key, doctype, ptype):
			record = doctype if frappe.get_meta(doctype).issingle else self.record_of(doctype)
			return expected(people[key], doctype, ptype, frappe.get_doc(doctype, record))

		statements = [
			("agent", "Agent Log", "read", True),
			("agent", "Agent Log", "write", True),
			("colleague", "Agent Log", "read", False),
			("other supervisor", "Agent Log", "read", False),
			("supervisor", "Agent Log", "write", True),
			("office manager", "Agent Log", "read", True),
			("agent", "Callback Check", "read", False),  # pending: never shown to the visited agent
			("callback officer", "Callback Check", "write", True),
			("supervisor", "Callback Check", "read", True),
			("supervisor", "Callback Check", "write", False),
			("agent", "Insurance Policy", "read", True),
			("agent", "Insurance Policy", "write", False),
			("finance (HR Manager)", "Insurance Policy", "read", True),
			("finance (Accounts User)", "Agent Monthly Performance", "read", True),
			("finance (Accounts User)", "Insurance Policy", "write", False),
			("agent", "Production Target", "read", True),
			("agent", "Production Target", "write", False),  # set by someone above the holder
			("supervisor", "Production Target", "write", True),
			("agent", "Office Monthly Performance", "read", False),
			("office manager", "Office Monthly Performance", "read", True),
			("other supervisor", "Meeting Session", "read", False),
			("office manager", "Meeting Session", "write", True),
			("supervisor", "Meeting Session", "write", False),
			("activity admin", "Conduct Incident", "read", True),
			("desk user", "Agent Log", "read", False),
			("website user", "Insurance Policy", "read", False),
			("guest", "Insurance Activity Settings", "read", False),
			("agent", "Activity Campaign", "read", True),  # a campaign of their office
			("agent", "Activity Campaign", "write", False),
			("supervisor", "Activity Campaign", "write", False),
			("other supervisor", "Activity Campaign", "read", False),  # another office's
			("office manager", "Activity Campaign", "write", True),  # for their own office only
			("activity admin", "Activity Campaign", "write", True),
			("agent", "Activity Campaign Invitee", "write", True),  # their own customer's invitation
			("colleague", "Activity Campaign Invitee", "read", False),  # a colleague's customer
			("supervisor", "Activity Campaign Invitee", "read", True),  # the team's customers
			("office manager", "Activity Campaign Invitee", "write", True),  # runs the campaign
			("other supervisor", "Activity Campaign Invitee", "read", False),
			("office manager", "Unit Alert", "read", True),
			("office manager", "Unit Alert", "write", False),  # computed only
			("supervisor", "Unit Alert", "read", False),
			("other supervisor", "Unit Alert", "read", False),
			("activity admin", "Unit Alert", "read", True),
			("activity admin", "Alert Playbook", "write", True),
			("office manager", "Alert Playbook", "write", False),
			("agent", "Points Contest", "read", True),  # a contest of their office
			("agent", "Points Contest", "write", False),
			("other supervisor", "Points Contest", "read", False),
			("office manager", "Points Contest", "write", False),
			("agent", "Points Contest Ledger", "read", True),
			("agent", "Points Contest Ledger", "write", False),
			("colleague", "Points Contest Ledger", "read", False),
			("supervisor", "Points Contest Ledger", "read", True),
			("finance (HR Manager)", "Points Contest", "read", True),  # they settle its rewards
			("finance (Accounts User)", "Points Contest", "write", False),
			("finance (Accounts User)", "Points Contest Ledger", "read", True),
			("finance (HR Manager)", "Points Contest Ledger", "write", False),
			("agent", "Agent Reward", "read", True),  # their own reward
			("agent", "Agent Reward", "write", False),
			("colleague", "Agent Reward", "read", False),  # never another agent's amount
			("finance (Accounts User)", "Agent Reward", "read", True),
			("agent", "Reward Settlement", "read", False),
			("office manager", "Reward Settlement", "read", False),
			("activity admin", "Reward Settlement", "write", True),  # prepares it
			("activity admin", "Reward Settlement", "submit", False),  # never approves it
			("finance (HR Manager)", "Reward Settlement", "submit", True),
			("finance (Accounts User)", "Reward Settlement", "submit", True),
		]
		for key, doctype, ptype, want in statements:
			with self.subTest(persona=key, doctype=doctype, ptype=ptype):
				self.assertEqual(allowed(key, doctype, ptype), want)
