"""The daily missing-log reminder: agents without a log are reminded, supervisors get their gaps, once."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate

from insurance_activity.activity.jobs import remind_missing_logs
from insurance_activity.settings import get_settings
from insurance_activity.tests.factories import (
	last_working_day,
	make_log,
	make_org,
	make_outgoing_email_account,
	open_edit_window,
	set_settings,
)


def notifications(user: str) -> list[str]:
	return frappe.get_all("Notification Log", filters={"for_user": user}, pluck="subject")


class TestMissingLogReminder(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("Rem")
		cls.day = last_working_day()
		open_edit_window()

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


class TestReminderTiming(FrappeTestCase):
	"""The hourly tick acts at or after the hour, once a day, and catches up a missed day.

	The daily jobs commit their claims (a second process must see them), so this class keeps its own
	organisation and puts back, committed, what it changed.
	"""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("RemT")

	def setUp(self):
		self.addCleanup(self.put_back, {f: get_settings().get(f) for f in CHANGED})

	def put_back(self, saved: dict):
		frappe.db.rollback()
		set_settings(**saved)
		frappe.db.delete(RUN, {"job": ("like", "activity.%")})
		frappe.db.delete("Notification Log", {"for_user": ("in", list(vars(self.org.users).values()))})
		frappe.db.commit()

	def test_the_job_acts_at_or_after_its_hour_once_a_day(self):
		"""At 10:00 with the hour at 20 nothing happens; a tick at 23:50 (the 20:00 tick was missed) reminds;
		a later tick the same day reminds nobody again."""
		set_settings(reminder_hour=20, job_catch_up_days=0)
		day = last_working_day()
		with self.freeze_time(f"{day} 10:00:00"):
			self.assertEqual(remind_missing_logs(), {"skipped": "not yet the hour"})
		with self.freeze_time(f"{day} 23:50:00"):
			first = remind_missing_logs()
		self.assertGreaterEqual(first["days"][str(day)]["agents_notified"], 1)
		self.assertEqual(len(notifications(self.org.users.agent_a1)), 1)
		with self.freeze_time(f"{day} 23:55:00"):
			self.assertEqual(remind_missing_logs(), {"skipped": "not yet the hour"})
		self.assertEqual(len(notifications(self.org.users.agent_a1)), 1)
		self.assertEqual(frappe.db.get_value(RUN, f"activity.remind_missing_logs {day}", "status"), "Done")

	def test_a_day_missed_while_the_scheduler_was_down_is_caught_up_within_the_edit_window(self):
		set_settings(reminder_hour=20, job_catch_up_days=3, log_lock_days=1)
		day = last_working_day()
		earlier = last_working_day(day)
		with self.freeze_time(f"{earlier} 21:00:00"):
			remind_missing_logs()
		# the scheduler was down from then until the morning after `day`
		with self.freeze_time(f"{add_days(day, 1)} 08:00:00"):
			caught_up = remind_missing_logs()
		# only `day`: the agent may still fill it (edit window 1 day); earlier days are closed anyway
		self.assertEqual(list(caught_up["days"]), [str(day)])
		self.assertGreaterEqual(caught_up["days"][str(day)]["agents_notified"], 1)


RUN = "Daily Job Run"
CHANGED = ("reminder_hour", "job_catch_up_days", "log_lock_days")


class TestReminderEmail(FrappeTestCase):
	"""'Also Send Reminders by Email' queues real email (Frappe does not email in-app Alerts)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("Mail")
		cls.day = last_working_day()
		make_outgoing_email_account()

	def queued_subjects(self, employee: str) -> list[str]:
		import email
		from email.header import decode_header, make_header

		messages = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Employee", "reference_name": employee},
			pluck="message",
		)
		return [str(make_header(decode_header(email.message_from_string(m)["Subject"]))) for m in messages]

	def test_the_email_setting_queues_real_email_in_the_recipients_language(self):
		set_settings(email_reminders=1)
		frappe.db.set_value("User", self.org.users.agent_b1, "language", "zh")
		remind_missing_logs(day=last_working_day(self.day))  # a day of its own: reminders go once a day
		(chinese,) = self.queued_subjects(self.org.agent_b1)
		self.assertIn("活动日志尚未填写", chinese)
		(english,) = self.queued_subjects(self.org.agent_a2)
		self.assertIn("No work log yet", english)

	def test_no_email_is_queued_when_the_setting_is_off(self):
		set_settings(email_reminders=0)
		result = remind_missing_logs(day=self.day)
		self.assertGreaterEqual(result["agents_notified"], 1)
		self.assertEqual(self.queued_subjects(self.org.agent_a2), [])


class TestNotificationsInBulk(FrappeTestCase):
	"""notify_all writes what notify writes one notification at a time: same rows, languages, once."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("RemBulk")

	def rows(self, users: list[str]) -> list[tuple]:
		return [
			tuple(r)
			for r in frappe.get_all(
				"Notification Log",
				filters={"for_user": ("in", users)},
				fields=[
					"for_user",
					"type",
					"document_type",
					"document_name",
					"subject",
					"email_content",
					"link",
					"read",
					"owner",
					"docstatus",
				],  # fmt: skip
				order_by="for_user, subject",
				as_list=True,
			)
		]

	def notices(self, users):
		from frappe import _

		from insurance_activity.notifications import Notice

		return [
			Notice(
				u, "Employee", self.org.agent_a1, lambda: _("No work log yet for {0}").format("2026-01-05")
			)
			for u in users
		] + [
			Notice(u, "Employee", self.org.sup_a, "Plain subject", lambda: _("Draft"), link="/app/agent-log")
			for u in users
		]

	def test_bulk_equals_one_at_a_time_and_is_once(self):
		from insurance_activity.notifications import notify, notify_all

		users = vars(self.org.users)
		one_by_one = [users["agent_a1"], users["agent_a2"]]
		in_bulk = [users["agent_b1"], users["sup_b"]]
		for user in (one_by_one[1], in_bulk[1]):
			frappe.db.set_value("User", user, "language", "zh")
		for user in one_by_one + in_bulk:
			frappe.db.set_value("Notification Settings", user, "seen", 1, update_modified=False)
		for n in self.notices(one_by_one):
			notify(n.user, n.document_type, n.document_name, n.subject, n.body, once=True, link=n.link)
		made = notify_all(self.notices(in_bulk) + self.notices(in_bulk), once=True)

		self.assertEqual(made, 4, "each notice once, though given twice")
		expected = [(in_bulk[one_by_one.index(r[0])],) + r[1:] for r in self.rows(one_by_one)]
		self.assertEqual(sorted(self.rows(in_bulk)), sorted(expected))
		self.assertTrue(any("活动日志尚未填写" in r[4] for r in self.rows(in_bulk)), "in the user's language")
		self.assertTrue(any(r[5] == "草稿" for r in self.rows(in_bulk)), "a body composed in it too")
		for user in in_bulk:
			self.assertEqual(
				frappe.db.get_value("Notification Settings", user, "seen"), 0, "the bell shows it"
			)
		self.assertEqual(notify_all(self.notices(in_bulk), once=True), 0, "nothing twice")
		self.assertEqual(notify_all(self.notices(in_bulk)), 4, "without once, again")
