"""The Unit Evaluation (单位考评) published monthly on a real site: on the publication day the month before goes
to the head of each office below the bar and to the Activity Admins, once, in each one's language, by email
when the settings say so; the hourly tick acts at or after the hour and catches up a missed day. Every day
is passed or frozen: nothing here depends on today's date."""

import frappe
from frappe.desk.query_report import get_script, run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months

from insurance_activity.analytics.jobs import JOB, publish_unit_evaluation
from insurance_activity.production.performance import recompute_month
from insurance_activity.settings import get_settings
from insurance_activity.tests.factories import make_log, make_org, make_outgoing_email_account, set_settings
from insurance_activity.tests.production_factories import make_policy, month_before

REPORT = "Unit Evaluation"
RUN = "Daily Job Run"
SETUP = {"amendment_reason": "test data", "ignore_edit_window": True}


def evaluation_notices(user: str) -> list[frappe._dict]:
	return frappe.get_all(
		"Notification Log",
		filters={"for_user": user, "document_type": "Report", "document_name": REPORT},
		fields=["subject", "email_content", "link"],
	)


def period_of(day) -> str:
	return f"{day.year}-{day.month:02d}"


class TestUnitEvaluationPublishing(FrappeTestCase):
	"""Office A works (each of its four people sells twice, agent A1 logs 100 activities); office B, headed by
	supervisor B, logs nothing: below the bar on activity per capita whatever else the site holds. Each test
	makes its month and rolls it back (the publications of one test must not be another's)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("UEP")
		cls.first = month_before(2)
		cls.publication_day = add_months(cls.first, 1)  # the 1st of the month after: the default day

	def setUp(self):
		org, first = self.org, self.first
		frappe.db.set_value("Department", org.office_b, "ia_unit_manager", org.sup_b)
		activities = [("Phone Appointment", 60), ("Sales Interview", 40)]
		make_log(org.agent_a1, add_days(first, 9), activities, **SETUP)
		for n, agent in enumerate((org.manager_a, org.sup_a, org.agent_a1, org.agent_a2)):
			for case in range(2):
				make_policy(f"UEP-{n}{case}", agent, add_days(first, 3 + case))
		recompute_month(first.year, first.month)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def below_the_bar(self) -> set[str]:
		"""The offices the report itself, read by an admin over every unit, names below the bar."""
		frappe.set_user(self.org.users.admin)
		rows = run(REPORT, filters={"month_of": str(add_days(self.first, 20))})["result"]
		frappe.set_user("Administrator")
		return {row["unit"] for row in rows if row.get("below_on")}

	def test_the_month_before_goes_to_the_heads_below_the_bar_and_to_the_admins_once(self):
		org, period = self.org, period_of(self.first)
		result = publish_unit_evaluation(day=self.publication_day)
		self.assertEqual(result["month"], period)
		below = self.below_the_bar()
		self.assertIn(org.office_b, below)
		self.assertNotIn(org.office_a, below)

		(notice,) = evaluation_notices(org.users.sup_b)
		self.assertEqual(notice.subject, f"Unit Evaluation of {period}: your unit is below the bar")
		self.assertIn(
			"UEP Office B is below the bar on Activity per Capita (人均活动量)", notice.email_content
		)
		self.assertEqual(notice.link, f"/app/query-report/{REPORT}?month_of={self.first}")
		self.assertEqual(evaluation_notices(org.users.manager_a), [], "office A is above the bar")
		for user in (org.users.sup_a, org.users.agent_a1, org.users.agent_b1):
			self.assertEqual(evaluation_notices(user), [], user)
		(whole,) = evaluation_notices(org.users.admin)
		self.assertEqual(whole.subject, f"Unit Evaluation of {period}")
		self.assertIn("UEP Office A", whole.email_content)
		self.assertIn(
			"UEP Office B (head: UEP Supervisor B) is below on Activity per Capita (人均活动量)",
			whole.email_content,
		)
		# every head the report names below the bar, and nobody else but the admins, heard of it: one each,
		# whatever their language (the subject is composed in it)
		admins = set(frappe.get_all("Has Role", filters={"role": "Activity Admin"}, pluck="parent"))
		heads = (
			{
				frappe.db.get_value("Employee", manager, "user_id")
				for manager in frappe.get_all(
					"Department", filters={"name": ("in", list(below))}, pluck="ia_unit_manager"
				)
				if manager
			}
			- admins
			- {None}
		)
		told = frappe.get_all(
			"Notification Log",
			filters={
				"document_type": "Report",
				"document_name": REPORT,
				"for_user": ("not in", list(admins)),
			},
			pluck="for_user",
		)
		self.assertEqual(sorted(told), sorted(heads))
		self.assertEqual(result["heads_notified"], len(heads))

		again = publish_unit_evaluation(day=self.publication_day)
		self.assertEqual((again["heads_notified"], again["admins_notified"]), (0, 0))
		self.assertEqual(len(evaluation_notices(org.users.sup_b)), 1, "one notification per head per month")
		self.assertEqual(len(evaluation_notices(org.users.admin)), 1)

	def test_only_the_publication_day_publishes(self):
		self.assertEqual(
			publish_unit_evaluation(day=add_days(self.publication_day, 1)),
			{"skipped": "not the publication day"},
		)
		self.assertEqual(evaluation_notices(self.org.users.sup_b), [])
		set_settings(unit_evaluation_day=5)
		self.assertEqual(
			publish_unit_evaluation(day=self.publication_day), {"skipped": "not the publication day"}
		)
		result = publish_unit_evaluation(day=add_days(self.publication_day, 4))
		self.assertEqual(result["month"], period_of(self.first))
		self.assertEqual(len(evaluation_notices(self.org.users.sup_b)), 1)

	def test_a_head_working_in_chinese_reads_it_in_chinese_and_gets_an_email_when_the_setting_is_on(self):
		make_outgoing_email_account()
		set_settings(email_reminders=1)
		frappe.db.set_value("User", self.org.users.sup_b, "language", "zh")
		publish_unit_evaluation(day=self.publication_day)
		(notice,) = evaluation_notices(self.org.users.sup_b)
		self.assertEqual(notice.subject, f"单位考评（{period_of(self.first)}）：您的单位低于标准")
		self.assertIn("人均活动量", notice.email_content)
		queued = frappe.get_all(
			"Email Queue Recipient",
			filters={"recipient": self.org.users.sup_b},
			pluck="parent",
		)
		references = frappe.get_all(
			"Email Queue",
			filters={"name": ("in", queued or [""]), "reference_doctype": "Report", "reference_name": REPORT},
			pluck="name",
		)
		self.assertEqual(len(references), 1)

	def test_the_print_format_shows_the_ranking_and_the_units_and_heads_below_the_bar(self):
		html = get_script(REPORT)["html_format"]
		self.assertIn('__("Ranking (1 = best)")', html)
		self.assertIn('__("Units and Heads Below the Bar")', html)
		self.assertIn("head_name", html)


class TestUnitEvaluationPublishingTiming(FrappeTestCase):
	"""The hourly tick publishes on the publication day at or after the hour, once, and a publication day
	missed while the scheduler was down is caught up. The daily jobs commit their claims, so this class puts
	back, committed, what it changed."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("UEPT")
		cls.publication_day = month_before(1)

	def setUp(self):
		saved = {
			f: get_settings().get(f)
			for f in ("unit_evaluation_hour", "unit_evaluation_day", "job_catch_up_days")
		}
		self.addCleanup(self.put_back, saved)

	def put_back(self, saved: dict):
		frappe.db.rollback()
		set_settings(**saved)
		frappe.db.delete(RUN, {"job": JOB})
		frappe.db.delete("Notification Log", {"document_type": "Report", "document_name": REPORT})
		frappe.db.commit()

	def test_the_tick_publishes_at_or_after_the_hour_once(self):
		set_settings(unit_evaluation_hour=9, unit_evaluation_day=1, job_catch_up_days=0)
		day, period = self.publication_day, period_of(add_months(self.publication_day, -1))
		with self.freeze_time(f"{day} 08:59:00"):
			self.assertEqual(publish_unit_evaluation(), {"skipped": "not yet the hour"})
		with self.freeze_time(f"{day} 09:00:00"):
			first = publish_unit_evaluation()
		self.assertEqual(first["days"][str(day)]["month"], period)
		with self.freeze_time(f"{day} 15:00:00"):
			self.assertNotIn("days", publish_unit_evaluation(), "the day is done once")
		with self.freeze_time(f"{add_days(day, 1)} 09:30:00"):
			self.assertEqual(
				publish_unit_evaluation()["days"][str(add_days(day, 1))],
				{"skipped": "not the publication day"},
			)
		self.assertEqual(len(evaluation_notices(self.org.users.admin)), 1)
		self.assertEqual(frappe.db.get_value(RUN, f"{JOB} {day}", "status"), "Done")

	def test_a_publication_day_missed_while_the_scheduler_was_down_is_caught_up(self):
		set_settings(unit_evaluation_hour=9, unit_evaluation_day=1, job_catch_up_days=3)
		day, period = self.publication_day, period_of(add_months(self.publication_day, -1))
		with self.freeze_time(f"{add_days(day, -1)} 10:00:00"):
			self.assertEqual(
				publish_unit_evaluation()["days"][str(add_days(day, -1))],
				{"skipped": "not the publication day"},
			)
		# the scheduler was down on the publication day, until the morning after
		with self.freeze_time(f"{add_days(day, 1)} 09:00:00"):
			caught_up = publish_unit_evaluation()
		self.assertEqual(caught_up["days"][str(day)]["month"], period)
		self.assertEqual(
			[notice.subject for notice in evaluation_notices(self.org.users.admin)],
			[f"Unit Evaluation of {period}"],
		)
