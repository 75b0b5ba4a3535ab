"""Issue 20, part 4: every scheduled job is idempotent, safe when two runs overlap, and all-or-nothing.

The jobs are read from the app's hooks (scheduler_events), never typed here: each gets three tests,
- run twice at the same instant the second run adds and changes nothing, nor does re-doing the day
  (a retried day whose work is already stored);
- two real processes start it at the same moment (tests/concurrent.act_together): the day is done once;
- it fails half-way (one of the app's own functions raises on its second call): nothing of the day is
  stored, its Daily Job Run says Failed, and the next tick completes the day.
"Nothing" is counted in the rows of every doctype of the app (from its modules' metadata) and of the
framework's records a job writes (WATCHED), with each table's latest `modified`. A job added to hooks.py
gets the three tests at once; they fail, naming it, until ARRANGE gives it something to do and BREAK_AT
names the app function that fails half-way.

Every run is at a frozen instant in December of a year far ahead (never "now"), one year per check. The
runs commit (a second process must see them); what they add is removed after the class.
"""

import importlib
from datetime import date, timedelta
from unittest.mock import patch

import frappe
from frappe.query_builder.functions import Count, Max
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months

from insurance_activity import hooks
from insurance_activity.permissions.roles import ACTIVITY_ADMIN
from insurance_activity.rules.unit_alerts import WEEKDAYS, months_back
from insurance_activity.tests.concurrent import act_together
from insurance_activity.tests.factories import make_log, make_org, make_user, set_settings
from insurance_activity.tests.integration.test_callback_check import visits
from insurance_activity.tests.integration.test_customer_quadrant import visit
from insurance_activity.tests.integration.test_meetings import make_session, make_type
from insurance_activity.tests.integration.test_permissions import make_lead
from insurance_activity.tests.production_factories import make_policy

APP = "insurance_activity"
RUN = "Daily Job Run"
SETTINGS = "Insurance Activity Settings"
# the framework's records a job writes besides the app's own doctypes
WATCHED = ("ToDo", "Notification Log", "Email Queue", "Comment", "Version")
WATCHED += ("User Permission", "Holiday List", "Fiscal Year")  # the calendar's and the tree's
# one year per check, in the order the tests run (their names sort a, f, o), so each finds new work
YEAR = {"twice": 2031, "failure": 2033, "overlap": 2035}
ORG = "JobsHard"
ADMINS = "jobshard.admin."  # the users unit_evaluation adds, removed after the class


def scheduled_jobs(events: dict | None = None) -> list[str]:
	"""Every dotted path in the app's scheduler_events (default: hooks.py's): any event (hourly, daily,
	cron expressions)."""
	paths = []
	for paths_or_crons in (hooks.scheduler_events if events is None else events).values():
		if isinstance(paths_or_crons, dict):  # "cron": {"0 2 * * *": [paths]}
			for cron_paths in paths_or_crons.values():
				paths += cron_paths
		else:
			paths += paths_or_crons
	return sorted(set(paths))


def the_day(check: str) -> date:
	"""The Wednesday of the third week of December of the check's year: a working day in every list the
	calendar job makes (weekends and fixed holidays), within the warning days before the year ends."""
	day = date(YEAR[check], 12, 15)
	return day + timedelta(days=(2 - day.weekday()) % 7)


def at(day: date, clock: str) -> str:
	"""An instant of `day` (site time) after every job's hour."""
	return f"{day} {clock}"


# ------------------------------------------------------------------ what is counted
def watched_doctypes() -> list[str]:
	"""Every stored doctype of the app (its modules' metadata) and WATCHED, with their child tables."""
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	own = frappe.get_all(
		"DocType", filters={"module": ("in", modules), "issingle": 0, "is_virtual": 0}, pluck="name"
	)
	children = [df.options for doctype in WATCHED for df in frappe.get_meta(doctype).get_table_fields()]
	return sorted({*own, *WATCHED, *children})


def tally(doctypes: list[str]) -> dict[str, tuple]:
	"""doctype -> (rows, latest modified): a new row changes the first, a re-saved one the second."""
	result = {}
	for doctype in doctypes:
		table = frappe.qb.DocType(doctype)
		rows, modified = frappe.qb.from_(table).select(Count("*"), Max(table.modified)).run()[0]
		result[doctype] = (rows, str(modified))
	return result


def differences(before: dict, after: dict, ignore=()) -> dict:
	return {dt: (before[dt], after[dt]) for dt in before if dt not in ignore and before[dt] != after[dt]}


# ------------------------------------------------------------------ something to do for each job
def remind_missing_logs(case, day):
	"""The org's agents have no log on the day (nothing to add)."""


def sampling(case, day):
	"""Yesterday's interviews with a phone, of two agents of two teams."""
	base = day.year * 1000
	make_log(case.org.agent_a1, add_days(day, -1), visits(f"JH{day.year}a", 4, base), ignore_edit_window=True)
	make_log(case.org.agent_b1, add_days(day, -1), visits(f"JH{day.year}b", 4, base + 10), ignore_edit_window=True)  # fmt: skip


def production(case, day):
	"""Policies of three agents in last month and this month."""
	last = add_months(day, -1).replace(day=3)
	for n, agent in enumerate((case.org.agent_a1, case.org.agent_a2, case.org.agent_b1)):
		make_policy(f"JH-{day.year}-{n}-L", agent, last, customer_name=f"JH {day.year} Holder {n}")
		make_policy(f"JH-{day.year}-{n}-T", agent, add_days(day, -1), customer_name=f"JH {day.year} Holder {n}")  # fmt: skip


def tomorrows_meeting(case, day):
	"""A meeting of office A tomorrow: its host and attendees are reminded."""
	make_session(case.org.office_a, case.meeting_type, add_days(day, 1), planned_start="09:00:00")


def coming_meetings(case, day):
	"""Nothing to add: the coming months of the check's year have no meetings yet."""


def meetings_not_held(case, day):
	"""Two meetings of office A well before the day, never opened."""
	for days_back in (10, 11):
		make_session(case.org.office_a, case.meeting_type, add_days(day, -days_back))


def working_calendar(case, day):
	"""Nothing to add: the check's year and the next have no Holiday List yet, and the year is ending."""


def reporting_tree(case, day):
	"""Agent B1 moved to the other supervisor by a direct write: the tree is out of step."""
	now = frappe.db.get_value("Employee", case.org.agent_b1, "reports_to")
	other = case.org.sup_a if now == case.org.sup_b else case.org.sup_b
	frappe.db.set_value("Employee", case.org.agent_b1, "reports_to", other, update_modified=False)


def customer_quadrants(case, day):
	"""Two new leads visited on the day."""
	for n in range(2):
		lead = make_lead(f"JH Lead {day.year} {n}", None, case.org.users.agent_a2)
		make_log(case.org.agent_a2, add_days(day, -n), visit("Lead", lead), ignore_edit_window=True)


def unit_evaluation(case, day):
	"""The day is the settings' publication day; a second Activity Admin (the year's) so that the second
	notification is where the run fails half-way. The settings and the admin are put back after the class."""
	set_settings(unit_evaluation_day=day.day, unit_evaluation_hour=9)
	make_user(f"{ADMINS}{day.year}@example.com", f"JobsHard Admin {day.year}", [ACTIVITY_ADMIN])


def unit_alerts(case, day):
	"""The day is the settings' alert weekday; office A below office B on CT and on 举绩率 in each of the three
	months before (two alerts, so that the second notification is where the run fails half-way)."""
	set_settings(unit_alert_weekday=WEEKDAYS[day.weekday()], unit_alert_hour=9, unit_alert_months=3)
	for year, month in months_back(day.year, day.month - 1, 3):
		for office, value in ((case.org.office_a, 20), (case.org.office_b, 80)):
			figures = frappe.get_doc(
				{
					"doctype": "Office Monthly Performance",
					"office": office,
					"period": date(year, month, 1),
					"year": year,
					"month": month,
					"ct_value": value,
					"has_sale_rate": value,
				}
			)
			figures.flags.computed = True
			figures.insert()


ARRANGE = {
	"insurance_activity.activity.jobs.remind_missing_logs": remind_missing_logs,
	"insurance_activity.verification.sampling.run_daily_sampling": sampling,
	"insurance_activity.production.jobs.recompute_production": production,
	"insurance_activity.meetings.jobs.remind_tomorrows_meetings": tomorrows_meeting,
	"insurance_activity.meetings.jobs.create_coming_meetings": coming_meetings,
	"insurance_activity.meetings.jobs.flag_meetings_not_held": meetings_not_held,
	"insurance_activity.configuration.calendar.check_working_calendar": working_calendar,
	"insurance_activity.configuration.organisation.check_reporting_tree": reporting_tree,
	"insurance_activity.customers.quadrants.recompute_customer_quadrants": customer_quadrants,
	"insurance_activity.analytics.jobs.publish_unit_evaluation": unit_evaluation,
	"insurance_activity.analytics.alerts.raise_unit_alerts": unit_alerts,
}

# the app's own function, as the job's module looks it up, that fails on its second call (one unit of
# the day's work is written by then)
BREAK_AT = {
	"insurance_activity.activity.jobs.remind_missing_logs": "insurance_activity.activity.jobs.notify_all",
	"insurance_activity.verification.sampling.run_daily_sampling": "insurance_activity.verification.doctype.callback_check.callback_check.sampled_check",
	"insurance_activity.production.jobs.recompute_production": "insurance_activity.production.tiers.upsert_review",
	"insurance_activity.meetings.jobs.remind_tomorrows_meetings": "insurance_activity.meetings.jobs.notify",
	"insurance_activity.meetings.jobs.create_coming_meetings": "insurance_activity.meetings.jobs.new_session",
	"insurance_activity.meetings.jobs.flag_meetings_not_held": "insurance_activity.meetings.jobs.notify",
	"insurance_activity.configuration.calendar.check_working_calendar": "insurance_activity.configuration.calendar.notify",
	"insurance_activity.configuration.organisation.check_reporting_tree": "insurance_activity.configuration.organisation.notify",
	"insurance_activity.customers.quadrants.recompute_customer_quadrants": "insurance_activity.customers.quadrants.place_one",
	"insurance_activity.analytics.jobs.publish_unit_evaluation": "insurance_activity.analytics.jobs.notify",
	"insurance_activity.analytics.alerts.raise_unit_alerts": "insurance_activity.analytics.alerts.notify",
}  # fmt: skip


class HalfWay(Exception):
	"""The failure a test puts in the middle of a job's work."""


def failing_on_second_call(path: str):
	"""Patch the app's function at `path` so its first call works and its second raises HalfWay."""
	module_name, name = path.rsplit(".", 1)
	module = importlib.import_module(module_name)
	original, calls = getattr(module, name), []

	def second_call_fails(*args, **kwargs):
		calls.append(name)
		if len(calls) == 2:
			raise HalfWay(f"{path} failed half-way")
		return original(*args, **kwargs)

	return patch.object(module, name, second_call_fails), calls


# ------------------------------------------------------------------ the tests
class TestEveryScheduledJob(FrappeTestCase):
	"""Three tests per job in hooks.scheduler_events (added below the class, one set per job)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org(ORG)
		cls.meeting_type = make_type("JobsHard Ad-hoc Review")
		frappe.db.commit()
		cls.doctypes = watched_doctypes()
		cls.names_before = {dt: frappe.qb.from_(dt).select("name").run(pluck=True) for dt in cls.doctypes}
		cls.runs_before = frappe.get_all(RUN, fields=["*"])
		cls.settings_before = frappe.db.sql(
			"select field, value from `tabSingles` where doctype = %s", SETTINGS, as_dict=True
		)
		cls.holiday_lists = dict(
			frappe.get_all("Company", fields=["name", "default_holiday_list"], as_list=True)
		)

	@classmethod
	def tearDownClass(cls):
		"""Remove what the runs added and put back what they moved (the company's list, the settings)."""
		frappe.db.rollback()
		for doctype in cls.doctypes:
			frappe.db.delete(doctype, {"name": ("not in", cls.names_before[doctype] or [""])})
		frappe.db.delete(RUN)
		for row in cls.runs_before:
			frappe.get_doc({"doctype": RUN, **row}).db_insert()
		frappe.db.delete("Singles", {"doctype": SETTINGS})
		for row in cls.settings_before:
			frappe.db.sql(
				"insert into `tabSingles` (doctype, field, value) values (%s, %s, %s)",
				(SETTINGS, row.field, row.value),
			)
		for user in frappe.get_all("User", filters={"name": ("like", f"{ADMINS}%")}, pluck="name"):
			frappe.delete_doc("User", user, ignore_permissions=True, force=True)
		for company, holiday_list in cls.holiday_lists.items():
			frappe.db.set_value("Company", company, "default_holiday_list", holiday_list)
		frappe.db.commit()
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		frappe.clear_cache()
		super().tearDownClass()

	def setUp(self):
		"""Each test starts with no Daily Job Run (no catch-up of earlier tests' days)."""
		frappe.db.rollback()
		frappe.db.delete(RUN)
		frappe.db.commit()

	def tearDown(self):
		frappe.db.rollback()

	def arrange(self, job: str, check: str) -> date:
		"""The job's data for the check's day, written at the start of that day, committed; the day."""
		self.assertIn(job, ARRANGE, f"{job} has no test data: add what gives it something to do to ARRANGE")
		self.assertIn(job, BREAK_AT, f"{job} has no point to fail at: name the app function in BREAK_AT")
		day = the_day(check)
		with self.freeze_time(at(day, "08:00:00"), tick=True):
			ARRANGE[job](self, day)
		frappe.db.commit()
		return day

	def run_job(self, job: str, instant: str):
		"""The job as the scheduler calls it, the clock starting at `instant` (ticking: a document saved
		twice in a run has two different timestamps, as in real time)."""
		with self.freeze_time(instant, tick=True):
			return frappe.get_attr(job)()

	def day_run(self, day: date) -> frappe._dict:
		(run,) = frappe.get_all(RUN, filters={"day": day}, fields=["name", "status", "attempts", "result"])
		return run

	def assertTheDayIsDoneAndComplete(self, job: str, day: date):
		"""The day's Daily Job Run is Done, and re-doing the day's work (as when a day is retried or a
		stale claim taken over) stores nothing new and changes nothing."""
		frappe.db.rollback()
		self.assertEqual(self.day_run(day).status, "Done")
		done = tally(self.doctypes)
		frappe.db.set_value(RUN, self.day_run(day).name, "status", "Failed")
		frappe.db.commit()
		result = self.run_job(job, at(day, "23:50:00"))
		frappe.db.rollback()
		self.assertEqual(self.day_run(day).status, "Done", result)
		self.assertEqual(
			differences(done, tally(self.doctypes), ignore=[RUN]), {}, f"{job} re-done: {result}"
		)

	def check_twice(self, job: str):
		day = self.arrange(job, "twice")
		before = tally(self.doctypes)
		first = self.run_job(job, at(day, "23:30:00"))
		frappe.db.rollback()
		once = tally(self.doctypes)
		self.assertTrue(differences(before, once, ignore=[RUN]), f"{job} found nothing to do: {first}")
		self.run_job(job, at(day, "23:30:00"))
		second = self.run_job(job, at(day, "23:55:00"))
		frappe.db.rollback()
		self.assertEqual(differences(once, tally(self.doctypes)), {}, f"{job} second run: {second}")
		self.assertTheDayIsDoneAndComplete(job, day)

	def check_overlap(self, job: str):
		day = self.arrange(job, "overlap")
		before = tally(self.doctypes)
		action = ("insurance_activity.tests.job_helpers.run_job_at", {"job": job, "at": at(day, "23:30:00")})
		outcomes = act_together([action, action], timeout=600)
		frappe.db.rollback()
		results = [outcome["days"][str(day)] for outcome in outcomes]
		worked = [r for r in results if isinstance(r, dict)]
		self.assertEqual(len(worked), 1, f"{job}: {outcomes}")
		self.assertIn(
			next(r for r in results if not isinstance(r, dict)), ("running elsewhere", "already done")
		)
		self.assertEqual(self.day_run(day).attempts, 1)
		self.assertTrue(
			differences(before, tally(self.doctypes), ignore=[RUN]), f"{job} did nothing: {outcomes}"
		)
		self.assertTheDayIsDoneAndComplete(job, day)

	def check_failure(self, job: str):
		day = self.arrange(job, "failure")
		before = tally(self.doctypes)
		broken, calls = failing_on_second_call(BREAK_AT[job])
		with broken, self.assertRaises(HalfWay, msg=f"{job} never called {BREAK_AT[job]} twice"):
			self.run_job(job, at(day, "23:30:00"))
		frappe.db.rollback()
		self.assertEqual(len(calls), 2)
		self.assertEqual(
			differences(before, tally(self.doctypes), ignore=[RUN]), {}, f"{job} left half its work"
		)
		failed = self.day_run(day)
		self.assertEqual(failed.status, "Failed")
		result = self.run_job(job, at(day, "23:40:00"))
		frappe.db.rollback()
		self.assertEqual(self.day_run(day).attempts, 2, result)
		self.assertTrue(
			differences(before, tally(self.doctypes), ignore=[RUN]), f"{job} re-run did nothing: {result}"
		)
		self.assertTheDayIsDoneAndComplete(job, day)


CHECKS = {
	# name suffix: (check, the rule); the suffixes sort in the order of YEAR
	"a_second_run_adds_nothing": "twice",
	"failing_half_way_stores_nothing_and_the_next_tick_completes_the_day": "failure",
	"overlapping_runs_do_the_day_once": "overlap",
}


def add_tests(job: str) -> None:
	slug = job.removeprefix(f"{APP}.").replace(".", "_")
	for suffix, check in CHECKS.items():

		def test(self, job=job, check=check):
			getattr(self, f"check_{check}")(job)

		test.__name__ = f"test_{slug}__{suffix}"
		test.__doc__ = f"{job}: {suffix.replace('_', ' ')}."
		setattr(TestEveryScheduledJob, test.__name__, test)


for scheduled_job in scheduled_jobs():
	add_tests(scheduled_job)


class TestTheSuiteCoversEveryJob(FrappeTestCase):
	def test_every_job_in_the_hooks_has_its_three_tests(self):
		"""The hooks as Frappe reads them name the jobs tested here; each has test data and a break point."""
		paths = scheduled_jobs(frappe.get_hooks("scheduler_events", app_name=APP))
		self.assertEqual(paths, scheduled_jobs())
		self.assertEqual(sorted(ARRANGE), paths)
		self.assertEqual(sorted(BREAK_AT), paths)
		tests = [n for n in dir(TestEveryScheduledJob) if n.startswith("test_")]
		self.assertEqual(len(tests), len(paths) * len(CHECKS))
