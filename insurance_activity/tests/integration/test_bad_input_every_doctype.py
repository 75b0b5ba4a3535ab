"""The bad-input corpus over every doctype of the app and every script report's filters (issue 20, part 2).

Walked from the metadata, so a new doctype, field or report joins by itself:

- Every doctype of the app's modules (`typed_input.app_modules()`), its child tables reached through the
  parent's table fields, is posted over REST (`POST /api/resource/<doctype>`; a Single is saved with `PUT`) by
  a user holding the first app role (permissions/roles.py ROLES, the least privileged first) whose DocPerm row
  creates it (Administrator for a record nobody of the app creates: computed ones), the request asking for
  Chinese (`Accept-Language: zh`), the user's desk speaking it too. Each request is a valid document (`bases`:
  what the factories and the other integration tests make; for a doctype without one, its mandatory fields
  filled from the metadata) with one wrong value in one field the user may type into (neither read-only nor
  fetched), the row's field for a child table. By field kind:
    - Data, Small Text, Text, Select, Link, Dynamic Link: a list and a dict (wrong types; the list and the
      dict carry the base's own valid value, so that a lookup taking the first name of a list shows);
    - Data: 2,000 characters, and 2,000 full-width ones (beyond the column's length); Small Text, Text: 70,000
      characters (beyond a TEXT column's 64 KB);
    - Int, Float, Currency, Percent: NaN and 1e300 (beyond the column); Date, Datetime: 0000-00-00 and
      12/03/2026; Time: 25:61 and "noon" (none of which the database reads);
    - Link, Dynamic Link: a record that does not exist, and SQL text (`x' or '1'='1`);
    - Data, Small Text, Text: `<script>` HTML: refused, or stored without the script (sanitised; the record
      is then removed again). Frappe sanitises it: stored without `<script>`, the harmless markup kept.
  Each other case: a 4xx (never a 500), no traceback in the answer (System Settings' "Show Full Error" off, as
  on a production site), a message with Chinese characters, and no row of the doctype or of its child tables
  stored (counted before and after). Where the base is valid the field's own check answers; the summary line
  counts how many answers name the field.
- Every script report of the app (Report, module in app_modules(), Script Report) is run over REST
  (`frappe.desk.query_report.run`) as an Activity Admin, from filters that run (each filter the report's
  script declares, its own or the shared `report_filters.js` ones, at a valid value), with each filter in turn
  set to SQL text, to `<script>` HTML and to a list: each refused (a 4xx, `report_filters.read_filters` and the
  report's own checks) with a message in Chinese, the value escaped; never a 5xx, never a traceback.

Today: 22 doctypes (18 posted by an app role; Points Contest Ledger, Customer Quadrant, Tier Review and Conduct
Incident, computed, by Administrator; 7 more have no field to type into) and 21 child tables: 782 (doctype,
field, case) cells: 264 wrong types (132 fields x list and dict), 78 over-long (26 Data fields x ASCII and
full-width, 26 Small Text fields x 70,000 characters), 98 links (49 Link and Dynamic Link fields x missing and
SQL), 52 HTML (37 stored sanitised, 15 refused: a name cannot hold "<", or the controller's own check), 244
numbers (122 fields x NaN and 1e300), 46 dates and times (0000-00-00 and 12/03/2026 in 17 date fields, 25:61
and "noon" in 6 time fields); every one answered as above (a list or a mapping in a link field or the naming
series is refused by controllers/document.AppDocument before Frappe's link check and naming, which made a 500
of 91 of them). 15 reports x 48 filters x 3 = 144 report runs, all refused.
"""

import json
import re
import traceback
from collections import Counter
from pathlib import Path

import frappe
from frappe import _
from frappe.desk.query_report import run
from frappe.model import no_value_fields
from frappe.model.base_document import get_controller
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_test_client, getdate, nowdate, today

from erpnext.accounts.utils import get_fiscal_year

from insurance_activity.controllers.document import AppDocument
from insurance_activity.controllers.typed_input import app_modules
from insurance_activity.permissions.roles import (
	ACTIVITY_ADMIN,
	CALLBACK_OFFICER,
	INSURANCE_AGENT,
	INSURANCE_SUPERVISOR,
	OFFICE_MANAGER,
	ROLES,
)
from insurance_activity.tests.artifacts import write_table
from insurance_activity.tests.contest_factories import make_contest
from insurance_activity.tests.factories import company, last_working_day, make_log, make_org
from insurance_activity.tests.integration.test_agent_log_screens import speaks_chinese
from insurance_activity.tests.integration.test_bad_input_corpus import CHINESE, CJK, hide_tracebacks, messages
from insurance_activity.tests.permission_matrix import token
from insurance_activity.tests.production_factories import make_product

PREFIX = "BIE"
SCRIPT = '<script>alert("bie")</script><b>bold</b>'
SQL = "x' or '1'='1"
MISSING = "BIE-NO-SUCH-RECORD"
WRONG_TYPES = ("Data", "Small Text", "Text", "Long Text", "Select", "Link", "Dynamic Link")
OVER_LONG = ("Data",)
OVER_64_KB = ("Small Text", "Text")  # a TEXT column: 65,535 bytes
LINKS = ("Link", "Dynamic Link")
HTML = ("Data", "Small Text", "Text", "Long Text")
NUMBERS = ("Int", "Float", "Currency", "Percent")
DATES = ("Date", "Datetime")
TIMES = ("Time",)
APP_ROOT = Path(frappe.get_app_path("insurance_activity"))


def cases(df, good) -> list[tuple[str, object]]:
	"""(case, wrong value) for a field of this kind; `good`: the base document's value of the field."""
	found = []
	if df.fieldtype in WRONG_TYPES:
		found += [("a list", [good or "x", "y"]), ("a dict", {"value": good or "x"})]
	if df.fieldtype in OVER_LONG:
		length = max(2000, (df.length or 140) + 1)
		found += [("over-long", "x" * length), ("over-long full-width", "Ｘ" * length)]
	if df.fieldtype in OVER_64_KB:
		found += [("over 64 KB", "x" * 70000)]
	if df.fieldtype in LINKS:
		found += [("a missing record", MISSING), ("SQL text", SQL)]
	if df.fieldtype in NUMBERS:
		found += [("NaN", float("nan")), ("beyond the column", 1e300)]
	if df.fieldtype in DATES:
		found += [("an impossible date", "0000-00-00"), ("a date in another form", "12/03/2026")]
	if df.fieldtype in TIMES:
		found += [("an impossible time", "25:61"), ("a time in words", "noon")]
	if df.fieldtype in HTML:
		found += [("HTML", SCRIPT)]
	return found


def typed_fields(doctype: str) -> list:
	"""The fields of `doctype` someone types into: neither read-only nor fetched from a link."""
	return [
		df
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in WRONG_TYPES + LINKS + NUMBERS + DATES + TIMES
		and not df.read_only
		and not df.fetch_from
	]


def kind(case: str) -> str:
	return {
		"a list": "wrong type",
		"a dict": "wrong type",
		"over-long": "over-long",
		"over-long full-width": "over-long",
		"over 64 KB": "over-long",
		"NaN": "number",
		"beyond the column": "number",
		"an impossible date": "date",
		"a date in another form": "date",
		"an impossible time": "date",
		"a time in words": "date",
		"a missing record": "link",
		"SQL text": "link",
		"HTML": "HTML",
	}[case]


def last_frames(e: Exception) -> str:
	"""The exception and the last frames of its traceback in Frappe and the apps (not the database driver),
	innermost first, on one line."""
	frames = [f for f in traceback.extract_tb(e.__traceback__) if "site-packages" not in f.filename][-4:]
	return f"{type(e).__name__}: " + " < ".join(
		f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames)
	)


def raised_in_process(user: str, action) -> str:
	"""Where a request that made a 5xx fails, for the reader of a failing cell (the answer itself carries no
	traceback): `action` run in-process as `user` and rolled back, the last frames of its traceback."""
	frappe.set_user(user)
	try:
		action()
		return "(ran in-process)"
	except Exception as e:
		return last_frames(e)
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()


def rest(method: str, user: str, path: str, **request) -> tuple[int, dict | None]:
	"""tests/rest.py's rest_request, asking for Chinese, with the user's token made once (permission_matrix.token)
	rather than once a request: a few hundred requests."""
	headers = {**CHINESE, "Authorization": f"token {token(user)}"}
	response = make_request(
		target=getattr(get_test_client(), method),
		args=(path,),
		kwargs={**request, "headers": headers},
		site=frappe.local.site,
	)
	try:
		body = response.json
	except Exception:
		body = None
	return response.status_code, body if body is not None else {"text": response.get_data(as_text=True)}


class TestBadInputEveryDoctype(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org(PREFIX)
		cls.day = last_working_day()
		cls.users = {
			INSURANCE_AGENT: org.users.agent_a1,
			INSURANCE_SUPERVISOR: org.users.sup_a,
			OFFICE_MANAGER: org.users.manager_a,
			CALLBACK_OFFICER: org.users.officer,
			ACTIVITY_ADMIN: org.users.admin,
		}
		for user in cls.users.values():
			speaks_chinese(user)
		hide_tracebacks(cls)
		cls.made = []  # (doctype, name) removed again in tearDownClass
		# a visit of agent A1's to call back
		cls.visit_log = make_log(
			org.agent_a1,
			cls.day,
			[("Sales Interview", 1, None, None, "13912347701", "BIE Customer")],
			ignore_edit_window=True,
		)
		cls.made.append(("Agent Log", cls.visit_log.name))
		# agent A1's prospect to invite, to a published campaign of office A
		cls.lead = (
			frappe.get_doc(
				{
					"doctype": "Lead",
					"first_name": "BIE Prospect",
					"lead_owner": org.users.agent_a1,
					"mobile_no": "13912347702",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		cls.made.append(("Lead", cls.lead))
		campaign = frappe.get_doc(
			{
				"doctype": "Activity Campaign",
				"campaign_name": "BIE Tea",
				"kind": "Warming Platform",
				"from_date": add_days(today(), 1),
				"to_date": add_days(today(), 2),
				"offices": [{"office": org.office_a}],
			}
		).insert()
		campaign.submit()
		cls.campaign = campaign.name
		cls.made.append(("Activity Campaign", campaign.name))
		# a finished contest of office A to settle
		cls.contest = make_contest(
			"BIE Contest",
			add_days(today(), -30),
			add_days(today(), -5),
			[org.office_a],
			[("Sales Interview", 2, 0, add_days(today(), -30))],
		).name
		cls.made.append(("Points Contest", cls.contest))
		make_product("BIE-WL")
		cls.meeting_type = frappe.db.get_value("Meeting Type", {"schedule_rule": ("is", "not set")}) or (
			frappe.get_doc({"doctype": "Meeting Type", "meeting_type_name": "BIE Review"}).insert().name
		)
		cls.template = frappe.db.get_value("Meeting Template", {})
		cls.rubric = frappe.db.get_value("Quality Rubric", {})
		cls.criteria = frappe.get_all(
			"Quality Rubric Criterion",
			{"parent": cls.rubric, "parenttype": "Quality Rubric"},
			["criterion", "weight", "max_score"],
			order_by="idx",
		)
		frappe.db.commit()  # REST requests read through their own connection
		cls.cells = []  # (doctype, where, field, case, outcome)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for doctype, name in reversed(cls.made):
			if frappe.db.exists(doctype, name):
				doc = frappe.get_doc(doctype, name)
				if doc.docstatus == 1:
					doc.cancel()
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	# ---------------------------------------------------------------- who posts what
	def creator(self, doctype: str) -> str:
		"""The user of the first app role whose DocPerm row creates (a Single: writes) `doctype`; else
		Administrator (a computed record nobody of the app creates)."""
		meta = frappe.get_meta(doctype)
		ptype = "write" if meta.issingle else "create"
		for role in ROLES:
			if any(p.role == role and not p.permlevel and p.get(ptype) for p in meta.permissions):
				return self.users[role]
		return "Administrator"

	def bases(self) -> dict[str, dict]:
		"""A valid document of each doctype, one row in each table someone fills, as the factories and the
		integration tests make them; posted by `creator()` (the Agent Log by a supervisor, whose log holds
		tracking calls and coaching)."""
		org, day = self.org, str(self.day)
		fiscal_year = get_fiscal_year(today(), company=company())[0]
		return {
			"Activity Kind": {
				"kind_name": "BIE Kind",
				"sales_cycle_step": "Prospecting",
				"description": "A kind",
			},
			"Activity Standard": {
				"standard_name": "BIE Standard",
				"role": "Agent",
				"productivity_tier": "2",
				"effective_from": "2090-01-01",
			},
			"Agent Log": {
				"agent": org.sup_a,
				"log_date": day,
				"activities": [
					{
						"activity_kind": "Sales Interview",
						"activity_count": 1,
						"party_name": "BIE Visit",
						"phone": "13912347703",
						"outcome": "Interested",
						"next_step": "Call back",
						"referred_by": "BIE Friend",
					}
				],
				"tracking_calls": [{"report": org.agent_a1, "notes": "Called"}],
				"coaching_report": org.agent_a1,
				"coaching_type": "Accompanied Visit",
				"coaching_notes": "Went along",
				"yesterday_results": "Two visits",
				"today_plan": "Three calls",
				"problems": "None",
			},
			"Activity Campaign": {
				"campaign_name": "BIE Campaign",
				"kind": "Warming Platform",
				"from_date": add_days(today(), 3),
				"to_date": add_days(today(), 4),
				"place": "Office",
				"content": "Tea and talk",
				"offices": [{"office": org.office_a}],
				"target_quadrants": [{"quadrant": "Warm Up"}],
				"preparation": [{"item": "Book the room"}],
				"materials": [{"material_kind": "Gift", "description": "Tea", "quantity": 10}],
				"agents": [{"employee": org.agent_a1}],
			},
			"Activity Campaign Invitee": {
				"campaign": self.campaign,
				"party_type": "Lead",
				"party": self.lead,
				"reply": "Pending",
			},
			"Points Contest": {
				"contest_name": "BIE Contest 2",
				"participation": "Individual",
				"from_date": today(),
				"to_date": add_days(today(), 10),
				"offices": [{"office": org.office_a}],
				"rules": [{"activity_kind": "Sales Interview", "points": 2, "effective_from": today()}],
				"tier_multipliers": [{"productivity_tier": "2", "multiplier": 1}],
				"reward_tiers": [{"rank_from": 1, "rank_to": 1, "productivity_tier": "2", "amount": 100}],
			},
			"Productivity Tier": {"tier": "BIE9", "tier_name": "Nine", "description": "A tier"},
			"Customer Navigator Rule": {
				"rule_name": "BIE Rule",
				"quadrant": "Warm Up",
				"next_action": "Call",
				"due_days": 7,
				"activity_kind": "Phone Appointment",
			},
			"Meeting Session": {
				"office": org.office_a,
				"meeting_type": self.meeting_type,
				"scheduled_date": add_days(today(), 3),
				"planned_start": "09:00:00",
				"host": org.sup_a,
				"meeting_template": self.template,
				"quality_rubric": self.rubric,
				"assessor_comment": "Good",
				"attendees": [{"employee": org.agent_a1, "attendance": "On Site", "note": "On time"}],
				"agenda": [{"section_title": "Check", "notes": "Done"}],
				"action_items": [
					{"action": "Call", "responsible": org.agent_a1, "due_date": add_days(today(), 3)}
				],
				# the rubric's criteria, scored (the form fills them from the rubric)
				"quality_scores": [{**c, "score": 5, "comment": "Clear"} for c in self.criteria],
			},
			"Meeting Template": {
				"template_name": "BIE Template",
				"description": "A template",
				"sections": [{"section_title": "Plan", "guidance": "Plan the week"}],
			},
			"Meeting Type": {
				"meeting_type_name": "BIE Type",
				"meeting_template": self.template,
				"quality_rubric": self.rubric,
				"description": "A type",
			},
			"Quality Rubric": {
				"rubric_name": "BIE Rubric",
				"description": "A rubric",
				"criteria": [{"criterion": "Content", "weight": 1, "max_score": 10, "guidance": "Judge it"}],
			},
			"Insurance Policy": {
				"policy_no": "BIE-P-1",
				"status": "In Force",
				"issue_date": day,
				"agent_code": org.agent_a1,
				"customer_name": "BIE Policyholder",
				"product_code": "BIE-WL",
				"payment_mode": "Regular",
				"annual_premium": 10000,
				"fyc": 3000,
			},
			"Production Target": {
				"target_level": "Agent",
				"fiscal_year": fiscal_year,
				"company": company(),
				"employee": org.agent_a1,
				"regular_premium": 1000,
			},
			"Reward Settlement": {
				"contest": self.contest,
				"company": company(),
				"posting_date": today(),
				"lines": [{"agent": org.agent_a1}],
			},
			"Callback Check": {
				"source": "Manual",
				"agent_log": self.visit_log.name,
				"activity_idx": 1,
				"assigned_officer": org.users.officer,
				"callback_date": today(),
				"officer_notes": "Called",
				"attempts": [{"result": "No Answer"}],
			},
		}

	def generic_base(self, doctype: str) -> dict:
		"""A doctype without a base of its own: its mandatory fields filled from the metadata, one row in
		each mandatory table."""
		doc = {}
		for df in frappe.get_meta(doctype).fields:
			if not df.reqd or df.read_only or df.fieldname == "naming_series":
				continue
			if df.fieldtype == "Table":
				doc[df.fieldname] = [self.generic_base(df.options)]
			elif df.fieldtype == "Select":
				doc[df.fieldname] = next((o for o in (df.options or "").split("\n") if o), None)
			elif df.fieldtype == "Link":
				doc[df.fieldname] = frappe.db.get_value(df.options, {}) if df.options else None
			elif df.fieldtype in ("Date", "Datetime"):
				doc[df.fieldname] = nowdate()
			elif df.fieldtype in ("Int", "Float", "Currency", "Percent"):
				doc[df.fieldname] = 1
			elif df.fieldtype in ("Data", "Small Text", "Text", "Long Text"):
				doc[df.fieldname] = f"{PREFIX} {df.fieldname}"
		return doc

	def base_of(self, doctype: str) -> dict:
		if frappe.get_meta(doctype).issingle:
			return {}
		return self.bases().get(doctype) or self.generic_base(doctype)

	def poster(self, doctype: str) -> str:
		return self.org.users.sup_a if doctype == "Agent Log" else self.creator(doctype)

	# ---------------------------------------------------------------- what is stored
	def stored(self, doctype: str) -> tuple:
		"""How many rows of `doctype` and of each of its child tables; a Single: its values and rows."""
		meta = frappe.get_meta(doctype)
		tables = [df.options for df in meta.get_table_fields()]
		if meta.issingle:
			values = frappe.db.sql(
				"select field, value from tabSingles where doctype=%s and field != 'modified' order by field",
				doctype,
			)
			return values, [self.rows_of(doctype, table) for table in meta.get_table_fields()]
		return (
			frappe.db.count(doctype),
			*(frappe.db.count(t, {"parenttype": doctype}) for t in tables),
		)

	# ---------------------------------------------------------------- the walk
	def app_doctypes(self) -> list[str]:
		return frappe.get_all(
			"DocType",
			filters={"module": ("in", list(app_modules())), "istable": 0, "is_virtual": 0},
			pluck="name",
			order_by="name",
		)

	def corpus(self, doctype: str) -> list[tuple]:
		"""(where, field, case, document): the base with one wrong value; `where` is the doctype, or the
		child table's name for a row's field."""
		base = self.base_of(doctype)
		meta = frappe.get_meta(doctype)
		found = []
		for df in typed_fields(doctype):
			for case, value in cases(df, base.get(df.fieldname)):
				found.append((doctype, df, case, {**base, df.fieldname: value}))
		for table in meta.get_table_fields():
			if table.read_only:
				continue
			rows = base.get(table.fieldname) or self.existing_rows(doctype, table)
			if not rows:
				rows = [self.generic_base(table.options)]
			for df in typed_fields(table.options):
				for case, value in cases(df, rows[0].get(df.fieldname)):
					row = {**rows[0], df.fieldname: value}
					found.append((table.options, df, case, {**base, table.fieldname: [row, *rows[1:]]}))
		return found

	def rows_of(self, doctype: str, table) -> list[dict]:
		"""A Single's stored rows of `table`, their values only (a PUT sends them back, a restore rewrites them)."""
		fields = [
			df.fieldname
			for df in frappe.get_meta(table.options).fields
			if df.fieldtype not in no_value_fields
		]
		return frappe.get_all(
			table.options, {"parenttype": doctype, "parentfield": table.fieldname}, fields, order_by="idx"
		)

	def existing_rows(self, doctype: str, table) -> list[dict]:
		return self.rows_of(doctype, table) if frappe.get_meta(doctype).issingle else []

	def send(self, doctype: str, document: dict) -> tuple[int, dict | None]:
		user = self.poster(doctype)
		document = json.loads(frappe.as_json(document))  # a stored row's dates as text
		if frappe.get_meta(doctype).issingle:
			return rest("put", user, f"/api/resource/{doctype}/{doctype}", json=document)
		return rest("post", user, f"/api/resource/{doctype}", json=document)

	def outcome(self, doctype: str, where: str, df, case: str, document: dict) -> dict:
		"""One cell sent: what came back and whether anything was stored (then removed again, so that one
		accepted input does not fail the cells after it)."""
		before = self.stored(doctype)
		rows = {
			t.fieldname: self.existing_rows(doctype, t) for t in frappe.get_meta(doctype).get_table_fields()
		}
		status, body = self.send(doctype, document)
		frappe.db.rollback()
		shown = messages(body)
		stored = self.stored(doctype) != before
		if stored or 200 <= status < 300:
			self.remove(doctype, body, rows)
		label = df.label or df.fieldname
		raised_at = self.raised_at(doctype, document) if status >= 500 else ""
		return {
			"doctype": doctype,
			"where": where,
			"field": df.fieldname,
			"fieldtype": df.fieldtype,
			"case": case,
			"status": status,
			"exc_type": (body or {}).get("exc_type", ""),
			"traceback": "Traceback" in str(body),
			"chinese": bool(CJK.search(shown)),
			"names the field": _(label, lang="zh") in shown or label in shown,
			"stored": stored,
			# the script as sent, in what is stored (a 2xx) or in the message shown (unescaped: the desk shows it
			# as HTML)
			"script kept": "<script" in (json.dumps(body, default=str) if status < 300 else shown),
			"message": re.sub(r"\s+", " ", shown)[:160],
			"raised at": raised_at,
		}

	def raised_at(self, doctype: str, document: dict) -> str:
		"""Where a request that made a 5xx fails: the same document saved in-process."""

		def save():
			values = json.loads(frappe.as_json(document))
			if frappe.get_meta(doctype).issingle:
				frappe.get_doc(doctype).update(values).save()
			else:
				frappe.new_doc(doctype, **values).insert()

		return raised_in_process(self.poster(doctype), save)

	def test_every_doctype_refuses_each_bad_input_in_the_senders_language_and_stores_nothing(self):
		doctypes = self.app_doctypes()
		self.assertIn("Agent Log", doctypes)
		results = [
			self.outcome(doctype, where, df, case, document)
			for doctype in doctypes
			for where, df, case, document in self.corpus(doctype)
		]
		write_table("bad-input-every-doctype.tsv", list(results[0]), [tuple(r.values()) for r in results])
		for r in results:
			cell = f"{r['where']}.{r['field']} {r['case']}: {r['status']} {r['exc_type']} {r['message']}"
			with self.subTest(doctype=r["doctype"], where=r["where"], field=r["field"], case=r["case"]):
				self.assertFalse(r["traceback"], cell)
				self.assertLess(r["status"], 500, cell)
				self.assertFalse(r["script kept"], f"the script as sent: {cell}")
				if r["case"] == "HTML" and r["status"] == 200:
					continue  # stored sanitised (and removed again)
				self.assertTrue(400 <= r["status"] < 500, cell)
				self.assertTrue(r["chinese"], f"not in Chinese: {cell}")
				self.assertFalse(r["stored"], f"stored: {cell}")
		tally = Counter(kind(r["case"]) for r in results)
		named = Counter(kind(r["case"]) for r in results if r["names the field"])
		html = Counter(
			"refused" if r["status"] >= 400 else "stored sanitised" for r in results if r["case"] == "HTML"
		)
		children = {r["where"] for r in results} - set(doctypes)
		print(
			f"\nbad input, every doctype: {len({r['doctype'] for r in results})} doctypes and {len(children)}"
			f" child tables, {len(results)} cells: {dict(tally)}; answers naming the field: {dict(named)};"
			f" HTML: {dict(html)}; each cell in dev/artifacts/bad-input-every-doctype.tsv"
		)
		self.assertGreater(len(results), 300)

	def remove(self, doctype: str, body: dict, rows: dict) -> None:
		"""An accepted HTML value (stored sanitised): its record removed again, a Single's rows put back."""
		if frappe.get_meta(doctype).issingle:
			single = frappe.get_doc(doctype)
			for fieldname, stored in rows.items():
				single.set(fieldname, stored)
			single.save(ignore_permissions=True)
		elif name := ((body or {}).get("data") or {}).get("name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()


class TestEveryControllerChecksShapesFirst(FrappeTestCase):
	def test_every_controller_of_the_app_is_an_app_document(self):
		"""controllers/document.AppDocument runs the app's shape checks before Frappe's link check and naming
		(a mapping in a link field, a list in the naming series: a 500 before any hook): every doctype of the
		app, child tables included, derives from it; a new doctype is held to it by this walk."""
		doctypes = frappe.get_all(
			"DocType", filters={"module": ("in", list(app_modules())), "is_virtual": 0}, pluck="name"
		)
		self.assertEqual([d for d in doctypes if not issubclass(get_controller(d), AppDocument)], [])
		self.assertGreater(len(doctypes), 40)


# ---------------------------------------------------------------- the script reports' filters
FIELDNAME = re.compile(r'fieldname:\s*"(\w+)"')
HELPER_CALL = re.compile(r"report_filters\.(\w+)\(")
HELPER = re.compile(r"^\t(\w+)\(.*\)\s*\{\s*$", re.MULTILINE)


def shared_filters() -> dict[str, str]:
	"""public/js/report_filters.js: each helper's source, by name."""
	text = (APP_ROOT / "public" / "js" / "report_filters.js").read_text()
	starts = list(HELPER.finditer(text))
	return {
		m.group(1): text[m.start() : (starts[i + 1].start() if i + 1 < len(starts) else len(text))]
		for i, m in enumerate(starts)
	}


def declared_filters(report: str, module: str) -> dict[str, dict]:
	"""The filters a report's script declares, its own and the shared helpers it calls: fieldname ->
	{fieldtype, options (a Select's values), default (a literal)}."""
	scrubbed = frappe.scrub(report)
	script = (APP_ROOT / frappe.scrub(module) / "report" / scrubbed / f"{scrubbed}.js").read_text()
	shared = shared_filters()
	sources = [script, *(shared.get(name, "") for name in HELPER_CALL.findall(script))]
	found = {}
	for source in sources:
		starts = list(FIELDNAME.finditer(source))
		for i, m in enumerate(starts):
			chunk = source[m.end() : (starts[i + 1].start() if i + 1 < len(starts) else len(source))]
			fieldtype = re.search(r'fieldtype:\s*"(\w+)"', chunk)
			default = re.search(r'default:\s*"([^"]*)"', chunk)
			options = re.search(r"options:\s*\[(.*?)\]", chunk, re.DOTALL)
			values = []
			if options:
				values = re.findall(r'value:\s*"?([^",}]*)"?', options.group(1)) or re.findall(
					r'"([^"]*)"', options.group(1)
				)
			found[m.group(1)] = {
				"fieldtype": fieldtype.group(1) if fieldtype else "Data",
				"options": [v.strip() for v in values if v.strip()],
				"default": default.group(1) if default else None,
			}
	return found


def good_value(fieldname: str, declared: dict):
	"""A value of the filter a report runs with (None: left out)."""
	fieldtype = declared["fieldtype"]
	if fieldtype == "Date":
		return add_days(today(), -30) if fieldname.startswith("from") else today()
	if fieldtype == "Int":
		return getdate(today()).year if fieldname == "year" else 1
	if fieldtype == "Select":
		return declared["default"] or next(iter(declared["options"]), None)
	return None


def answer(body) -> tuple[bool, str]:
	"""Whether the answer carries a traceback, and what the user is shown on one line: the messages of a refusal,
	else the answer's start."""
	text = str(body)
	shown = messages(body) if isinstance(body, dict) and body.get("_server_messages") else text
	return "Traceback" in text, re.sub(r"\s+", " ", shown)[:200]


class TestBadInputInReportFilters(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org(PREFIX)
		hide_tracebacks(cls)

	def reports(self) -> list[dict]:
		return frappe.get_all(
			"Report",
			filters={"module": ("in", list(app_modules())), "report_type": "Script Report"},
			fields=["name", "module"],
			order_by="name",
		)

	def run_report(self, report: str, filters: dict) -> tuple[int, dict | None]:
		return rest(
			"post",
			self.org.users.admin,
			"/api/method/frappe.desk.query_report.run",
			json={"report_name": report, "filters": json.dumps(filters, default=str)},
		)

	def raised_at(self, report: str, filters: dict) -> str:
		"""Where a run that made a 5xx fails: the same run in-process."""
		user = self.org.users.admin
		return raised_in_process(
			user, lambda: run(report, filters=json.dumps(filters, default=str), user=user)
		)

	def test_a_count_of_an_app_doctype_with_filters_that_are_no_filters_is_refused(self):
		# frappe.client.get_count is the app's for its doctypes (api/counts.py)
		for filters in ("garbage", json.dumps({"no_such_field": 1})):
			with self.subTest(filters=filters):
				status, body = rest(
					"get",
					self.org.users.admin,
					"/api/method/frappe.client.get_count",
					query_string={"doctype": "Agent Log", "filters": filters},
				)
				has_traceback, shown = answer(body)
				self.assertTrue(400 <= status < 500, f"{filters}: {status} {shown}")
				self.assertRegex(shown, CJK, f"{filters}: {shown}")

	def test_every_report_filter_with_sql_html_or_a_list_is_refused_in_the_senders_language(self):
		reports = self.reports()
		self.assertIn("Daily Activity", {r.name for r in reports})
		results = []
		declared_of = {}
		for report in reports:
			declared = declared_of[report.name] = declared_filters(report.name, report.module)
			base = {f: good_value(f, d) for f, d in declared.items()}
			base = {f: v for f, v in base.items() if v is not None}
			status, body = self.run_report(report.name, base)
			results.append(
				(report.name, "(valid filters)", json.dumps(base, default=str), status, *answer(body), "")
			)
			for fieldname in declared:
				for case, bad in (
					("SQL text", SQL),
					("HTML", SCRIPT),
					("a list", [base.get(fieldname) or "x", "y"]),
				):
					status, body = self.run_report(report.name, {**base, fieldname: bad})
					where = self.raised_at(report.name, {**base, fieldname: bad}) if status >= 500 else ""
					results.append((report.name, fieldname, case, status, *answer(body), where))
		write_table(
			"bad-input-report-filters.tsv",
			["report", "filter", "case", "status", "traceback", "answer", "raised at"],
			results,
		)
		refused = Counter()
		for report, fieldname, case, status, has_traceback, shown, _where in results:
			run_ = f"{report}.{fieldname} {case}: {status} {shown}"
			with self.subTest(report=report, filter=fieldname, case=case):
				self.assertFalse(has_traceback, f"a traceback: {run_}")
				self.assertLess(status, 500, run_)
				self.assertNotIn("<script", shown, f"the script as sent: {run_}")
				if fieldname == "(valid filters)":
					self.assertEqual(status, 200, run_)
					continue
				# every filter holds one value: a date, a record, a number or one of its options; anything else
				# is refused, in the sender's language
				self.assertTrue(400 <= status < 500, run_)
				self.assertRegex(shown, CJK, f"not in Chinese: {run_}")
				refused[declared_of[report][fieldname]["fieldtype"]] += 1
		runs = [r for r in results if r[1] != "(valid filters)"]
		print(
			f"\nbad report filters: {len(reports)} reports, {len({r[:2] for r in runs})} filters, {len(runs)} runs;"
			f" refused, by filter type: {dict(refused)}; each in dev/artifacts/bad-input-report-filters.tsv"
		)
		self.assertGreater(len(runs), 50)
