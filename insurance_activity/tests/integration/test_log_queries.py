"""One save of a work log asks the organisation each question once (issue 18: a log's insert and submit
sent about 75 statements under load), and remembers no answer past the save: a change to an Employee,
even one written without its doc events (db.set_value), is seen by the next save."""

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity.org import lookups_of
from insurance_activity.permissions.roles import INSURANCE_AGENT
from insurance_activity.tests.factories import (
	as_user,
	last_working_day,
	make_log,
	make_org,
	make_user,
	open_edit_window,
)

ONE_CALL = [("Phone Appointment", 1)]
EMPLOYEE_BY_USER = "FROM `tabEmployee` WHERE `user_id`="


class StatementsSent:
	"""The SQL statements frappe.db.sql sends inside the block."""

	def __enter__(self):
		self.original, self.statements = frappe.db.sql, []

		def sql(query, *args, **kwargs):
			self.statements.append(str(query))
			return self.original(query, *args, **kwargs)

		frappe.db.sql = sql
		return self

	def __exit__(self, *exc):
		frappe.db.sql = self.original

	def count(self, text: str) -> int:
		return sum(text in statement for statement in self.statements)


class TestLogSaveAsksOnce(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("LogQ")
		cls.new_user = make_user("logq.new.login@example.com", "LogQ New Login", [INSURANCE_AGENT])

	def setUp(self):
		open_edit_window()
		self.day = last_working_day(employee=self.org.agent_a1)

	def tearDown(self):
		frappe.db.rollback()
		# the rolled-back user_id must not stay in Frappe's cached Employee either
		frappe.clear_document_cache("Employee", self.org.agent_a1)

	def test_an_agents_log_insert_and_submit_each_look_up_the_agents_employee_once(self):
		with as_user(self.org.users.agent_a1):
			with StatementsSent() as insert:
				log = make_log(self.org.agent_a1, self.day, ONE_CALL)
			with StatementsSent() as submit:
				log.submit()
		# the permission rule (create; write and submit), the edit window and the review all ask it
		self.assertEqual(insert.count(EMPLOYEE_BY_USER), 1)
		self.assertEqual(submit.count(EMPLOYEE_BY_USER), 1)
		self.assertIsNone(lookups_of(log), "nothing is remembered once the save is over")

	def test_a_new_login_of_the_agent_is_seen_by_the_next_save_of_the_same_log(self):
		with as_user(self.org.users.agent_a1):
			log = make_log(self.org.agent_a1, self.day, ONE_CALL)
		# an HR sync gives the agent a new login without the Employee's doc events
		frappe.db.set_value("Employee", self.org.agent_a1, "user_id", self.new_user)
		log.activities[0].activity_count = 2
		with as_user(self.org.users.agent_a1):
			self.assertRaises(frappe.PermissionError, log.save)
		with as_user(self.new_user):
			log.save()
		self.assertEqual(
			frappe.db.get_value("Agent Log Activity", log.activities[0].name, "activity_count"), 2
		)
