"""The daily missing-log reminder: agents without a log are reminded, supervisors get their gaps, once."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from insurance_activity.activity.jobs import remind_missing_logs
from insurance_activity.tests.factories import last_working_day, make_log, make_org


def notifications(user: str) -> list[str]:
	return frappe.get_all("Notification Log", filters={"for_user": user}, pluck="subject")


class TestMissingLogReminder(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("Rem")
		cls.day = last_working_day()
		frappe.db.set_single_value("Insurance Activity Settings", "log_lock_days", 60)

	def test_agents_without_a_log_are_reminded_and_their_supervisor_gets_the_gaps_once(self):
		make_log(self.org.agent_a1, self.day, [("Phone Appointment", 5)])
		first = remind_missing_logs(force=True, day=self.day)
		self.assertGreaterEqual(first["agents_notified"], 1)

		self.assertEqual(len(notifications(self.org.users.agent_a2)), 1)
		self.assertEqual(notifications(self.org.users.agent_a1), [], "a1 logged today")
		gaps = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.org.users.sup_a, "subject": ("like", "Team log gaps%")},
			fields=["subject", "email_content"],
		)
		self.assertEqual(len(gaps), 1)
		self.assertEqual(
			len(notifications(self.org.users.sup_a)), 2, "the supervisor's own reminder and the gaps"
		)
		self.assertIn("Rem Agent A2", gaps[0].email_content)
		self.assertNotIn("Rem Agent A1", gaps[0].email_content)

		again = remind_missing_logs(force=True, day=self.day)
		self.assertEqual((again["agents_notified"], again["supervisors_notified"]), (0, 0))
		self.assertEqual(len(notifications(self.org.users.agent_a2)), 1, "nothing is sent twice")

	def test_an_agent_working_in_chinese_is_reminded_in_chinese(self):
		frappe.db.set_value("User", self.org.users.agent_b1, "language", "zh")
		day = last_working_day(add_days(self.day, -7))
		remind_missing_logs(force=True, day=day)
		subjects = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.org.users.agent_b1, "subject": ("like", "%活动日志尚未填写%")},
			pluck="subject",
		)
		self.assertEqual(len(subjects), 1)
		english = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.org.users.agent_a2, "subject": ("like", "No work log yet%")},
			pluck="subject",
		)
		self.assertTrue(english, "a user without a language gets the site's language")

	def test_nobody_is_reminded_on_a_non_working_day(self):
		sunday = getdate(self.day)
		while sunday.weekday() != 6:
			sunday = add_days(sunday, -1)
		result = remind_missing_logs(force=True, day=sunday)
		self.assertEqual(result["missing"], 0)

	def test_the_job_waits_for_the_configured_hour(self):
		hour = frappe.utils.now_datetime().hour
		frappe.db.set_single_value("Insurance Activity Settings", "reminder_hour", (hour + 1) % 24)
		frappe.clear_document_cache("Insurance Activity Settings", "Insurance Activity Settings")
		self.assertEqual(remind_missing_logs(), {"skipped": "not the reminder hour"})
