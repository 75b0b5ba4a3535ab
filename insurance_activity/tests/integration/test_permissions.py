"""The one permission rule on every path: child tables follow their parent, walked from the app's metadata
(a child doctype added later is covered without editing this file), through frappe.get_list with
parent_doctype, REST (frappe.client.get_list with parent), and report view with child columns."""

from contextlib import contextmanager

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from insurance_activity.meetings import jobs as meeting_jobs
from insurance_activity.permissions import RULES
from insurance_activity.tests.factories import last_working_day, make_log, make_org
from insurance_activity.tests.rest import rest_get

APP = "insurance_activity"


@contextmanager
def as_user(user: str):
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def app_doctypes(istable: int) -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all(
		"DocType", filters={"module": ("in", modules), "istable": istable}, pluck="name", order_by="name"
	)


def parents_of(child: str) -> list[str]:
	"""Parents with rows of their own (a Single's table is configuration, read with the Single)."""
	return [
		parent
		for parent in app_doctypes(0)
		if not frappe.get_meta(parent).issingle
		and any(df.options == child for df in frappe.get_meta(parent).get_table_fields())
	]


def visible_or_none(doctype: str, **kwargs):
	"""The rows a user lists, or None when their roles do not read the doctype at all."""
	try:
		return frappe.get_list(doctype, limit_page_length=0, **kwargs)
	except frappe.PermissionError:
		return None


class TestChildTablesFollowTheirParent(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("Perm")
		day = cls.day = last_working_day()
		cls.a1_log = make_log(
			org.agent_a1,
			day,
			[("Sales Interview", 1, None, None, "13912340001", "Perm Customer A1")],
			ignore_edit_window=True,
		)
		cls.b1_log = make_log(
			org.agent_b1,
			day,
			[("Sales Interview", 1, None, None, "13912340002", "Perm Customer B1")],
			ignore_edit_window=True,
		)
		sup_log = make_log(org.sup_a, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		sup_log.append("tracking_calls", {"report": org.agent_a1, "notes": "Perm tracking note"})
		sup_log.save()
		check = frappe.get_doc(
			{
				"doctype": "Callback Check",
				"source": "Manual",
				"agent_log": cls.a1_log.name,
				"activity_idx": 1,
				"assigned_officer": org.users.officer,
				"callback_date": today(),
			}
		).insert()
		check.append("attempts", {"result": "No Answer"})
		check.save()
		frappe.db.set_single_value("Insurance Activity Settings", "meeting_months_ahead", 0)
		meeting_jobs.create_coming_meetings(day=add_days(today(), -40), offices=[org.office_a])
		frappe.db.commit()  # the REST test reads through another request

	def users(self) -> list[str]:
		u = self.org.users
		return [u.agent_a1, u.agent_a2, u.agent_b1, u.sup_a, u.sup_b, u.manager_a, u.officer]

	def test_every_child_table_shows_only_rows_of_parents_the_user_sees(self):
		children = [c for c in app_doctypes(1) if parents_of(c)]
		self.assertIn("Agent Log Activity", children)
		checked = 0
		for child in children:
			for parent in parents_of(child):
				for user in self.users():
					with self.subTest(child=child, parent=parent, user=user), as_user(user):
						parents = visible_or_none(parent, pluck="name")
						rows = visible_or_none(child, parent_doctype=parent, fields=["name", "parent"])
						if rows is None:
							continue
						self.assertIsNotNone(parents, f"{user} lists {child} rows without reading {parent}")
						leaked = {row.parent for row in rows} - set(parents)
						self.assertEqual(
							leaked, set(), f"{user} sees {child} rows of {parent} they cannot read"
						)
						checked += len(rows)
		self.assertGreater(checked, 0)

	def test_an_agent_does_not_list_a_colleagues_customers_and_phones(self):
		fields = ["parent", "party_name", "phone"]
		with as_user(self.org.users.agent_b1):
			rows = frappe.get_list("Agent Log Activity", parent_doctype="Agent Log", fields=fields, limit=0)
		self.assertEqual({r.parent for r in rows}, {self.b1_log.name})
		with as_user(self.org.users.agent_a1):
			rows = frappe.get_list("Agent Log Activity", parent_doctype="Agent Log", fields=fields, limit=0)
		self.assertIn(self.a1_log.name, {r.parent for r in rows})
		self.assertNotIn(self.b1_log.name, {r.parent for r in rows})

	def test_an_agent_does_not_list_others_callback_attempts_tracking_notes_or_attendance(self):
		for child, parent in (
			("Callback Attempt", "Callback Check"),
			("Agent Log Tracking Call", "Agent Log"),
			("Meeting Attendee", "Meeting Session"),
		):
			with as_user(self.org.users.agent_b1):
				rows = visible_or_none(child, parent_doctype=parent, fields=["name"])
			self.assertFalse(rows, f"agent B1 lists {child} rows of others")
		with as_user(self.org.users.sup_a):
			notes = frappe.get_list(
				"Agent Log Tracking Call", parent_doctype="Agent Log", fields=["notes"], limit=0
			)
		self.assertIn("Perm tracking note", {n.notes for n in notes})

	def test_rest_child_rows_follow_the_parent(self):
		status, body = rest_get(
			self.org.users.agent_b1,
			"/api/method/frappe.client.get_list",
			{
				"doctype": "Agent Log Activity",
				"parent": "Agent Log",
				"fields": ["parent", "party_name", "phone"],
				"limit_page_length": 0,
			},
		)
		self.assertEqual(status, 200)
		self.assertEqual({r["parent"] for r in body["message"]}, {self.b1_log.name})

	def test_report_view_with_child_columns_follows_the_parent(self):
		from frappe.desk.reportview import get

		with as_user(self.org.users.agent_b1):
			frappe.local.form_dict = frappe._dict(
				doctype="Agent Log",
				fields=["`tabAgent Log`.`name`", "`tabAgent Log Activity`.`phone`"],
				filters=[],
			)
			result = get()
		names = {row[0] for row in result["values"]}
		self.assertEqual(names, {self.b1_log.name})

	def test_every_parent_with_a_child_table_of_agents_data_has_a_rule(self):
		"""A doctype whose children carry an agent's customers, calls or attendance is in the rule."""
		for parent in ("Agent Log", "Callback Check", "Meeting Session"):
			self.assertIn(parent, RULES)
