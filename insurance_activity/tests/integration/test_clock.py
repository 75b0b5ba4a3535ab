"""The clock and the calendar: whatever the hour or the date, the app's records and rules hold.

Walks the app's own metadata, so a doctype added later is covered without editing this file.
"""

import frappe
from frappe.model.base_document import get_controller
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from insurance_activity.configuration.calendar import (
	check_working_calendar,
	ensure_fiscal_years,
	ensure_working_calendar,
	make_counters,
	series_key,
	year_series,
	yearly_list_name,
)
from insurance_activity.controllers.times import KeepsBlankTimes
from insurance_activity.daily_jobs import run_daily
from insurance_activity.setup.holidays_cn import is_published
from insurance_activity.working_days import days_off, is_working_day, uncovered_note

APP = "insurance_activity"
SETTINGS = "Insurance Activity Settings"


def app_doctypes() -> list[dict]:
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all(
		"DocType", filters={"module": ("in", modules)}, fields=["name", "istable"], order_by="name"
	)


def has_time_field(doctype: str) -> bool:
	return bool(frappe.get_meta(doctype).get("fields", {"fieldtype": "Time"}))


class TestTimeFields(FrappeTestCase):
	def test_every_document_with_a_time_field_keeps_a_blank_time_blank(self):
		"""Every parent doctype with a Time field, its own or a child table's, mixes in KeepsBlankTimes."""
		checked = []
		for doctype in app_doctypes():
			if doctype.istable:
				continue
			meta = frappe.get_meta(doctype.name)
			tables = [df.options for df in meta.get_table_fields()]
			if has_time_field(doctype.name) or any(has_time_field(t) for t in tables):
				checked.append(doctype.name)
				self.assertTrue(
					issubclass(get_controller(doctype.name), KeepsBlankTimes),
					f"{doctype.name} has a Time field but its controller does not keep blank times blank",
				)
		self.assertIn("Meeting Session", checked)
		self.assertIn("Agent Log", checked)

	def test_a_child_row_without_a_time_stays_without_one_at_night(self):
		from insurance_activity.tests.factories import make_log, make_org

		org = make_org("Clk")
		with self.freeze_time("2026-11-30 23:50:00"):
			log = make_log(org.agent_a1, "2026-11-30", [("Phone Appointment", 2)], ignore_edit_window=True)
		self.assertIsNone(frappe.db.get_value("Agent Log Activity", {"parent": log.name}, "activity_time"))


class TestWorkingDaysOnAnyDate(FrappeTestCase):
	"""One look-up answers 'is this a working day' on any date; where no Holiday List covers it, weekends
	are off (never every day) and the log says so."""

	def test_a_date_no_holiday_list_covers_keeps_weekends_off_and_is_reported(self):
		company = frappe.db.get_value("Company", {}, "name")
		# 2024: before any list the site has (the baseline's year and the ones setup keeps ahead)
		off = days_off("2024-01-05", "2024-01-08", company=company)
		self.assertEqual(
			[d for d in off.working_days(getdate("2024-01-05"), getdate("2024-01-08"))],
			[getdate("2024-01-05"), getdate("2024-01-08")],
		)
		self.assertEqual(len(off.uncovered), 4)
		self.assertIn("No Holiday List covers", uncovered_note(off))

	def test_a_sunday_log_outside_every_list_is_not_a_working_day_and_says_why(self):
		from insurance_activity.tests.factories import make_log, make_org

		org = make_org("Clk")
		log = make_log(org.agent_a1, "2024-01-07", [("Phone Appointment", 1)], ignore_edit_window=True)
		self.assertEqual(log.is_working_day, 0)
		self.assertEqual(log.phone_appointments_target, 0)
		self.assertIn("No Holiday List covers", log.calendar_note)

	def test_nobody_is_reminded_on_a_sunday_of_a_year_without_a_list(self):
		from insurance_activity.activity.jobs import remind_missing_logs
		from insurance_activity.tests.factories import make_org

		make_org("Clk")
		self.assertEqual(remind_missing_logs(day="2024-01-07")["missing"], 0)
		self.assertGreater(remind_missing_logs(day="2024-01-08")["missing"], 0)

	def test_the_holiday_list_that_covers_the_date_decides_it(self):
		"""With the company's list for one year only, the next year is decided by the app's yearly list."""
		company = frappe.db.get_value("Company", {}, "name")
		year = getdate().year
		ensure_working_calendar()
		frappe.db.set_value("Company", company, "default_holiday_list", yearly_list_name(year))
		frappe.clear_cache(doctype="Company")
		self.assertFalse(is_working_day(f"{year + 1}-10-01", company=company))
		self.assertFalse(is_working_day(f"{year}-10-01", company=company))


def next_in_series(key: str) -> dict:
	"""One competing process's next number of a naming series counter (Frappe's getseries, as a new
	document's name takes it), or what stopped it."""
	from frappe.model.naming import getseries

	try:
		return {"number": getseries(key, 5)}
	except Exception as e:  # a deadlock: what the year's first documents saved together met
		frappe.db.rollback()
		return {"failed": type(e).__name__}


class TestWorkingCalendarAhead(FrappeTestCase):
	"""Setup and the daily check keep the next year's Holiday List and fiscal year ahead, and warn admins."""

	def test_the_coming_years_list_exists_ahead_with_what_is_published(self):
		result = check_working_calendar(day="2026-12-05")
		self.assertIn("China 2027", result["holiday_lists"])
		rows = {r.holiday_list: r for r in frappe.get_single(SETTINGS).holiday_lists}
		self.assertEqual(rows["China 2027"].published, int(is_published(2027)))
		holidays = frappe.get_all(
			"Holiday", filters={"parent": "China 2027"}, fields=["holiday_date", "weekly_off"]
		)
		self.assertIn(getdate("2027-01-01"), {h.holiday_date for h in holidays})  # New Year's Day, by law
		self.assertIn(getdate("2027-01-02"), {h.holiday_date for h in holidays})  # a Saturday

	def test_every_yearly_naming_series_has_its_counter_for_the_coming_year(self):
		result = check_working_calendar(day="2026-12-05")
		series = year_series()  # from the app's metadata: every doctype whose names carry the year
		self.assertEqual(series["Agent Log"], "AL-.YYYY.-")
		self.assertEqual(series["Policy Load"], "format:PL-{YYYY}-{#####}")
		expected = {series_key(each, year) for each in series.values() for year in (2026, 2027)}
		self.assertEqual(set(result["series"]), expected)
		self.assertLessEqual({"AL-2027-", "CBC-2027-", "PL-2027-"}, expected)
		for key in expected:
			self.assertIsNotNone(frappe.db.get_value("Series", key, "current", order_by=None), key)

	def test_a_counter_made_ahead_gives_each_of_the_first_documents_saved_together_its_own_number(self):
		from insurance_activity.tests.concurrent import act_together

		key = f"IA-RACE-{frappe.generate_hash(length=8)}-"
		make_counters([key])
		frappe.db.commit()
		try:
			outcomes = act_together(
				[("insurance_activity.tests.integration.test_clock.next_in_series", {"key": key})] * 20
			)
			self.assertEqual(sorted(o.get("number") for o in outcomes), [f"{n:05d}" for n in range(1, 21)])
		finally:
			frappe.db.delete("Series", {"name": key})
			frappe.db.commit()

	def test_the_company_list_follows_the_year(self):
		company = frappe.db.get_value("Company", {}, "name")
		check_working_calendar(day="2026-12-05")
		frappe.db.set_value("Company", company, "default_holiday_list", "China 2026")
		check_working_calendar(day="2027-01-01")
		self.assertEqual(frappe.db.get_value("Company", company, "default_holiday_list"), "China 2027")

	def test_a_fiscal_year_covers_the_coming_weeks(self):
		far = "2031-06-30"
		ensure_fiscal_years(far)
		self.assertTrue(
			frappe.db.exists("Fiscal Year", {"year_start_date": ("<=", far), "year_end_date": (">=", far)})
		)
		check_working_calendar(day="2031-12-20")
		self.assertTrue(frappe.db.exists("Fiscal Year", {"year_start_date": "2032-01-01"}))

	def test_admins_are_warned_once_before_a_list_in_force_runs_out(self):
		from insurance_activity.tests.factories import make_org

		org = make_org("Clk")
		frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": "Clk HR List 2030",
				"from_date": "2030-01-01",
				"to_date": "2030-12-31",
				"holidays": [{"holiday_date": "2030-10-01", "description": "National Day"}],
			}
		).insert()
		frappe.db.set_value("Employee", org.agent_a1, "holiday_list", "Clk HR List 2030")

		def warnings():
			return frappe.get_all(
				"Notification Log",
				filters={"for_user": "Administrator", "document_name": "Clk HR List 2030"},
				pluck="subject",
			)

		check_working_calendar(day="2030-11-20")  # 41 days before the end: not yet
		self.assertEqual(warnings(), [])
		check_working_calendar(day="2030-12-10")
		(warning,) = warnings()
		self.assertIn("China 2031", warning)  # what takes over from 1 January
		check_working_calendar(day="2030-12-11")
		self.assertEqual(len(warnings()), 1, "warned once")


class TestDailyJobs(FrappeTestCase):
	"""A daily job acts at or after its hour, once a day, catches up missed days, and two overlapping runs
	never both do a day. The claims are committed (a second process must see them): removed after each test."""

	def tearDown(self):
		frappe.db.rollback()
		frappe.db.delete("Daily Job Run", {"job": ("like", "test.%")})
		frappe.db.commit()

	def work(self, done: list):
		def record(day):
			done.append(str(day))
			return {"ok": 1}

		return record

	def test_a_day_is_done_once_at_or_after_its_hour(self):
		done = []
		with self.freeze_time("2026-12-01 07:59:00"):
			self.assertEqual(run_daily("test.hour", 8, self.work(done)), {"skipped": "not yet the hour"})
		with self.freeze_time("2026-12-01 23:50:00"):
			run_daily("test.hour", 8, self.work(done))
		with self.freeze_time("2026-12-01 23:55:00"):
			run_daily("test.hour", 8, self.work(done))
		self.assertEqual(done, ["2026-12-01"])

	def test_missed_days_are_caught_up_within_the_window_and_never_before_the_first_run(self):
		done = []
		with self.freeze_time("2026-12-01 09:00:00"):
			run_daily("test.catch_up", 8, self.work(done), catch_up_days=3)
		self.assertEqual(done, ["2026-12-01"], "a new job does not invent a history")
		with self.freeze_time("2026-12-06 07:00:00"):  # down from the 2nd to the 5th; before the hour
			run_daily("test.catch_up", 8, self.work(done), catch_up_days=3)
		self.assertEqual(done, ["2026-12-01", "2026-12-03", "2026-12-04", "2026-12-05"])

	def test_a_failed_day_is_rolled_back_and_tried_again_at_the_next_tick(self):
		def failing(day):
			frappe.get_doc({"doctype": "ToDo", "description": "half-done work of test.fail"}).insert()
			raise RuntimeError("the database went away")

		with self.freeze_time("2026-12-01 09:00:00"), self.assertRaises(RuntimeError):
			run_daily("test.fail", 8, failing)
		self.assertEqual(frappe.db.get_value("Daily Job Run", "test.fail 2026-12-01", "status"), "Failed")
		self.assertFalse(frappe.db.exists("ToDo", {"description": "half-done work of test.fail"}))
		done = []
		with self.freeze_time("2026-12-01 10:00:00"):
			run_daily("test.fail", 8, self.work(done))
		self.assertEqual(done, ["2026-12-01"])
		self.assertEqual(frappe.db.get_value("Daily Job Run", "test.fail 2026-12-01", "attempts"), 2)

	def test_two_overlapping_runs_do_a_day_once(self):
		"""Two real processes start the same job at the same moment: one does the day, one reports it."""
		import os
		import subprocess
		import sys
		import tempfile

		marker = tempfile.NamedTemporaryFile(delete=False, suffix=".txt").name
		code = (
			f"import frappe; frappe.init(site={frappe.local.site!r}, sites_path={os.path.abspath(frappe.local.sites_path)!r}); frappe.connect(); "
			"from insurance_activity.tests.job_helpers import run_overlapping_job; run_overlapping_job(); "
			"frappe.db.commit(); frappe.destroy()"
		)
		env = {**os.environ, "IA_JOB_MARKER": marker, "IA_JOB_SECONDS": "3"}
		runs = [
			subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
			for _ in range(2)
		]
		outputs = [run.communicate(timeout=120)[0] for run in runs]
		self.assertEqual([run.returncode for run in runs], [0, 0])
		with open(marker) as f:
			self.assertEqual(len(f.read().splitlines()), 1, outputs)
		self.assertTrue(any("running elsewhere" in out or "already done" in out for out in outputs), outputs)
