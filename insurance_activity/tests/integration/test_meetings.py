"""The two meetings (二会经营) on a real site: dates by rule against a real Holiday List, the meeting's
record (start, duration, attendance), the quality check from settings and rubric, action items as ToDos
carried to the next meeting, the scheduled jobs, the compliance report and who sees which meeting."""

from datetime import date, datetime, time, timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, get_datetime, getdate, today

from insurance_activity.meetings import jobs
from insurance_activity.meetings.report.meeting_compliance import meeting_compliance
from insurance_activity.meetings.schedule import office_meeting_dates, offices_meeting_dates
from insurance_activity.meetings.setup import MONTHLY_PLANNING, WEEKLY_REVIEW
from insurance_activity.permissions.roles import INSURANCE_SUPERVISOR
from insurance_activity.setup.holidays_cn import holiday_rows
from insurance_activity.tests.factories import (
	company,
	last_working_day,
	make_employee,
	make_log,
	make_org,
	make_user,
	set_settings,
)
from insurance_activity.tests.rest import rest_get, rest_post
from insurance_activity.working_days import office_holiday_list_chain

SESSION = "Meeting Session"
# One organisation for every class here (each class's meetings roll back): few new users per minute.
ORG = "Mtg"
FULL_5311 = [("Phone Appointment", 5), ("Sales Interview", 3), ("Recruiting Visit", 1), ("Referral", 2)]


class MeetingTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()


def make_meeting_org(prefix: str):
	"""make_org (idempotent per prefix); tests/site.py lifts frappe's user-creation throttle for tests."""
	return make_org(prefix)


def make_holiday_list(name: str, years: list[int]) -> str:
	"""A real Holiday List from the app's own Chinese holiday rows (weekends, public holidays, make-up days)."""
	rows = [row for year in years for row in holiday_rows(year)[0]]
	frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": name,
			"from_date": f"{years[0]}-01-01",
			"to_date": f"{years[-1]}-12-31",
			"holidays": rows,
		}
	).insert()
	return name


def month_sessions(office: str, first_day, meeting_type: str | None = None) -> list:
	"""The rule's sessions of an office for the month of `first_day`, made by the scheduling job."""
	first_day = getdate(first_day).replace(day=1)
	set_settings(meeting_months_ahead=0)
	jobs.create_coming_meetings(day=first_day, offices=[office])
	filters = {
		"office": office,
		"rule_date": ("between", [first_day, add_days(add_months(first_day, 1), -1)]),
	}
	if meeting_type:
		filters["meeting_type"] = meeting_type
	names = frappe.get_all(SESSION, filters=filters, order_by="rule_date, meeting_type", pluck="name")
	return [frappe.get_doc(SESSION, name) for name in names]


def last_month_first_day():
	return getdate(add_months(today(), -1)).replace(day=1)


def hold(session, day=None, start=time(9, 0), minutes=45, attendance=None, notes=True):
	"""Record a held meeting: start and end, each attendee's attendance, and notes in every section."""
	day = getdate(day or session.scheduled_date)
	session.actual_start = datetime.combine(day, start)
	session.actual_end = session.actual_start + timedelta(minutes=minutes)
	for row in session.attendees:
		row.attendance = (attendance or {}).get(row.employee, "On Site")
	if notes:
		for section in session.agenda:
			section.notes = f"Notes on {section.section_title}"
	session.save()
	return session


def make_type(name: str, rubric: str | None = None) -> str:
	"""An admin-added meeting type, outside the rule (no schedule)."""
	if not frappe.db.exists("Meeting Type", name):
		frappe.get_doc(
			{
				"doctype": "Meeting Type",
				"meeting_type_name": name,
				"meeting_template": "Weekly Review (PDCA)",
				"quality_rubric": rubric,
			}
		).insert()
	return name


def make_session(office: str, meeting_type: str, day, **fields):
	return frappe.get_doc(
		{"doctype": SESSION, "office": office, "meeting_type": meeting_type, "scheduled_date": day, **fields}
	).insert()


# The 2026 meetings of an office on the Chinese 2026 Holiday List: (8th, 15th, 22nd, planning), as held.
EXPECTED_2026 = {
	1: ("2026-01-08", "2026-01-15", "2026-01-22", "2026-01-27"),
	2: ("2026-02-06", "2026-02-14", "2026-02-14", "2026-02-27"),  # 7th and 8th a weekend; Spring Festival
	3: ("2026-03-06", "2026-03-13", "2026-03-20", "2026-03-27"),
	4: ("2026-04-08", "2026-04-15", "2026-04-22", "2026-04-27"),
	5: ("2026-05-08", "2026-05-15", "2026-05-22", "2026-05-27"),
	6: ("2026-06-08", "2026-06-15", "2026-06-22", "2026-06-29"),
	7: ("2026-07-08", "2026-07-15", "2026-07-22", "2026-07-27"),
	8: ("2026-08-07", "2026-08-14", "2026-08-21", "2026-08-27"),
	9: ("2026-09-08", "2026-09-15", "2026-09-22", "2026-09-28"),
	10: ("2026-10-08", "2026-10-15", "2026-10-22", "2026-10-27"),
	11: ("2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27"),
	12: ("2026-12-08", "2026-12-15", "2026-12-22", "2026-12-28"),
}


class TestMeetingDates(MeetingTestCase):
	"""Weekly reviews on the 8th, 15th, 22nd, planning from the 27th; on a holiday earlier, never later."""

	@classmethod
	def setUpClass(cls):
		# after the rollback, the manager's cached Employee must not keep the rolled-back holiday list
		cls.addClassCleanup(lambda: frappe.clear_document_cache("Employee", cls.org.manager_a))
		super().setUpClass()
		cls.org = make_meeting_org(ORG)
		cls.holiday_list = make_holiday_list("MtgCal 2026-2028", [2026, 2027, 2028])
		frappe.db.set_value("Employee", cls.org.manager_a, "holiday_list", cls.holiday_list)
		set_settings(meeting_months_ahead=11)
		jobs.create_coming_meetings(day="2026-01-01", offices=[cls.org.office_a])

	def sessions(self, first, last) -> list[dict]:
		return frappe.get_all(
			SESSION,
			filters={"office": self.org.office_a, "rule_date": ("between", [first, last])},
			fields=["*"],
			order_by="rule_date, meeting_type desc",
		)

	def test_the_office_uses_its_managers_holiday_list(self):
		self.assertEqual(office_holiday_list_chain(self.org.office_a)[0], self.holiday_list)

	def test_an_office_without_a_manager_uses_the_companys_holiday_list(self):
		self.assertEqual(
			office_holiday_list_chain(self.org.office_b)[0],
			frappe.get_cached_value("Company", company(), "default_holiday_list"),
		)

	def test_many_offices_at_once_give_each_offices_own_meetings(self):
		"""offices_meeting_dates (Meeting Compliance reads every office's Holiday Lists at once) gives each
		office the meetings office_meeting_dates gives it alone: office A on its manager's list, office B on its
		company's, in a month with holidays (October) and one without."""
		offices = [self.org.office_a, self.org.office_b]
		for year, month in ((2026, 10), (2026, 11), (2027, 2)):
			together = offices_meeting_dates(offices, year, month)
			self.assertEqual(
				together, {office: office_meeting_dates(office, year, month)[0] for office in offices}
			)
		self.assertNotEqual(together[self.org.office_a], [])

	def test_a_whole_year_of_meetings_follows_the_holiday_list(self):
		sessions = self.sessions("2026-01-01", "2026-12-31")
		self.assertEqual(len(sessions), 48)
		for month, expected in EXPECTED_2026.items():
			in_month = [s for s in sessions if s.rule_date.month == month]
			self.assertEqual(
				[s.meeting_type for s in in_month], [WEEKLY_REVIEW] * 3 + [MONTHLY_PLANNING], month
			)
			self.assertEqual([str(s.scheduled_date) for s in in_month], list(expected), month)
			holidays = set(
				frappe.get_all("Holiday", filters={"parent": self.holiday_list}, pluck="holiday_date")
			)
			for session in in_month:
				self.assertNotIn(session.scheduled_date, holidays)
				self.assertLessEqual(session.scheduled_date, session.latest_allowed_date)

	def test_when_the_8th_and_the_7th_are_both_holidays_the_review_moves_to_the_6th(self):
		(review,) = [s for s in self.sessions("2026-02-08", "2026-02-08")]
		holidays = frappe.get_all("Holiday", filters={"parent": self.holiday_list}, pluck="holiday_date")
		self.assertIn(date(2026, 2, 7), holidays)
		self.assertIn(date(2026, 2, 8), holidays)
		self.assertEqual(review.scheduled_date, date(2026, 2, 6))
		self.assertEqual(
			(review.earliest_allowed_date, review.latest_allowed_date), (review.scheduled_date,) * 2
		)
		self.assertEqual(review.moved_for_holiday, 1)
		self.assertIn("Moved earlier", review.schedule_note)
		self.assertEqual((review.business_week, review.theme), (1, "Supervisor Leading Week"))

	def test_each_review_carries_the_theme_of_the_week_it_reviews(self):
		sessions = self.sessions("2026-03-01", "2026-03-31")
		self.assertEqual(
			[(s.business_week, s.theme) for s in sessions],
			[
				(1, "Supervisor Leading Week"),
				(2, "Supervisor Coaching Week"),
				(3, "Recruiting Review Week"),
				(4, "Month-end Sprint Week"),
			],
		)

	def test_the_planning_window_runs_to_the_last_day_of_months_of_28_30_and_31_days(self):
		for month_end in ("2026-02-28", "2026-04-30", "2026-01-31"):
			(planning,) = [
				s
				for s in self.sessions(month_end[:8] + "01", month_end)
				if s.meeting_type == MONTHLY_PLANNING
			]
			self.assertEqual(str(planning.latest_allowed_date), month_end)
			self.assertEqual(str(planning.earliest_allowed_date), month_end[:8] + "27")

	def test_the_planning_window_of_a_leap_february_runs_to_the_29th(self):
		set_settings(meeting_months_ahead=0)
		jobs.create_coming_meetings(day="2028-02-01", offices=[self.org.office_a])
		(planning,) = [
			s for s in self.sessions("2028-02-01", "2028-02-29") if s.meeting_type == MONTHLY_PLANNING
		]
		self.assertEqual(planning.scheduled_date, date(2028, 2, 28))  # the 27th is a Sunday
		self.assertEqual(
			(planning.earliest_allowed_date, planning.latest_allowed_date),
			(date(2028, 2, 27), date(2028, 2, 29)),
		)

	def test_running_the_job_again_creates_nothing_new(self):
		before = frappe.db.count(SESSION, {"office": self.org.office_a})
		set_settings(meeting_months_ahead=11)
		result = jobs.create_coming_meetings(day="2026-01-01", offices=[self.org.office_a])
		self.assertEqual(result["created"], 0)
		self.assertEqual(frappe.db.count(SESSION, {"office": self.org.office_a}), before)

	def test_a_meeting_may_move_earlier_but_never_later(self):
		(review,) = self.sessions("2026-04-15", "2026-04-15")
		doc = frappe.get_doc(SESSION, review.name)
		doc.scheduled_date = "2026-04-16"
		self.assertRaisesRegex(frappe.ValidationError, "never later", doc.save)
		doc.reload()
		doc.scheduled_date = "2026-04-14"
		doc.save()
		self.assertEqual(doc.latest_allowed_date, date(2026, 4, 15))
		doc.scheduled_date = "2026-04-15"
		doc.save()

	def test_a_second_session_for_the_same_rule_day_is_refused(self):
		self.assertRaisesRegex(
			frappe.ValidationError,
			"already exists",
			make_session,
			self.org.office_a,
			WEEKLY_REVIEW,
			"2026-05-14",
		)

	def test_meeting_days_changed_in_settings_take_effect(self):
		self.addCleanup(set_settings, weekly_review_day_1=8)
		set_settings(weekly_review_day_1=9)
		set_settings(meeting_months_ahead=0)
		jobs.create_coming_meetings(day="2027-03-01", offices=[self.org.office_a])
		reviews = [s for s in self.sessions("2027-03-01", "2027-03-31") if s.meeting_type == WEEKLY_REVIEW]
		self.assertEqual(reviews[0].rule_date, date(2027, 3, 9))
		self.assertEqual(reviews[0].scheduled_date, date(2027, 3, 9))  # a Tuesday


class TestMeetingRecord(MeetingTestCase):
	"""Start no later than 17:00 (best before 12:00), longer than 30 minutes, every supervisor attends."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_meeting_org(ORG)
		# a supervisor by role whose team is not built yet, and a team leader without the role
		user_c = make_user("mtg.sup.c@example.com", "Mtg Supervisor C", [INSURANCE_SUPERVISOR])
		cls.sup_c = make_employee("Mtg Supervisor C", org.office_a, org.manager_a, user_c)
		cls.sup_d = make_employee("Mtg Supervisor D", org.office_a, org.manager_a, None)
		cls.agent_d1 = make_employee("Mtg Agent D1", org.office_a, cls.sup_d, None)
		cls.first = last_month_first_day()
		cls.month = month_sessions(org.office_a, cls.first)
		# the KPI snapshot tests open meetings of their own, a month earlier
		cls.earlier_first = getdate(add_months(cls.first, -1))
		cls.earlier = month_sessions(org.office_a, cls.earlier_first)

	def session(self, index=0):
		return frappe.get_doc(SESSION, self.month[index].name)

	def test_attendees_are_every_supervisor_and_above_of_the_office_but_the_host(self):
		session = self.session()
		self.assertEqual(session.host, self.org.manager_a)
		self.assertEqual(
			{row.employee for row in session.attendees}, {self.org.sup_a, self.sup_c, self.sup_d}
		)
		office_b = month_sessions(self.org.office_b, self.first)[0]
		self.assertEqual([row.employee for row in office_b.attendees], [self.org.sup_b])
		self.assertFalse(office_b.host)

	def test_a_planned_start_after_17_is_refused_and_after_12_warned(self):
		session = self.session()
		session.planned_start = "17:01:00"
		self.assertRaisesRegex(frappe.ValidationError, "no later than 17:00", session.save)
		session.reload()
		session.planned_start = "17:00:00"
		session.save()
		self.assertEqual(session.start_time_status, "After the Preferred Start")
		session.planned_start = "12:00:00"
		session.save()
		self.assertEqual(session.start_time_status, "On Time")

	def test_a_meeting_of_exactly_30_minutes_does_not_count_and_31_does(self):
		session = hold(self.session(), minutes=30)
		self.assertEqual((session.status, session.duration_minutes, session.long_enough), ("Held", 30, 0))
		session.actual_end = get_datetime(session.actual_start) + timedelta(minutes=31)
		session.save()
		self.assertEqual((session.duration_minutes, session.long_enough), (31, 1))

	def test_a_meeting_started_after_17_is_not_on_time(self):
		session = hold(self.session(1), start=time(17, 1))
		self.assertEqual(session.started_on_time, 0)
		session.actual_start = datetime.combine(session.scheduled_date, time(17, 0))
		session.actual_end = session.actual_start + timedelta(minutes=40)
		session.save()
		self.assertEqual(session.started_on_time, 1)

	def test_a_meeting_held_after_its_day_is_not_on_the_right_day(self):
		session = self.session(2)
		hold(session, day=add_days(session.scheduled_date, 1))
		self.assertEqual((session.status, session.held_on_right_day), ("Held", 0))
		hold(session, day=session.scheduled_date)
		self.assertEqual(session.held_on_right_day, 1)

	def test_attendance_rate_counts_on_site_and_remote_and_leaves_out_the_excused(self):
		session = hold(
			self.session(3),
			attendance={self.org.sup_a: "On Site", self.sup_c: "Remote", self.sup_d: "Excused"},
		)
		self.assertEqual((session.attendees_expected, session.attendees_present), (2, 2))
		self.assertEqual((session.attendees_on_site, session.attendance_rate), (1, 100))
		session.attendees[[r.employee for r in session.attendees].index(self.sup_d)].attendance = "Absent"
		session.save()
		self.assertEqual((session.attendees_expected, session.attendance_rate), (3, 66.7))

	def test_an_end_before_the_start_is_refused(self):
		session = self.session()
		session.actual_start = datetime.combine(session.scheduled_date, time(10, 0))
		session.actual_end = datetime.combine(session.scheduled_date, time(9, 0))
		self.assertRaisesRegex(frappe.ValidationError, "cannot end before it starts", session.save)

	def test_the_agenda_comes_from_the_meeting_types_template(self):
		weekly, planning = self.session(0), self.month[3]
		self.assertEqual([s.section_title for s in weekly.agenda], ["Plan", "Do", "Check", "Act"])
		self.assertEqual([s.is_check_step for s in weekly.agenda], [0, 0, 1, 0])
		self.assertEqual(
			[s.section_title for s in planning.agenda],
			[
				"Month Review",
				"Best-practice Sharing",
				"Problem Discussion",
				"Next Month's Plan",
				"Next Week's Plan",
			],
		)

	def test_the_planning_snapshot_shows_the_months_activity_and_says_what_is_not_available_yet(self):
		planning = frappe.get_doc(SESSION, self.earlier[3].name)
		self.assertEqual(planning.meeting_type, MONTHLY_PLANNING)
		day = last_working_day(before=planning.scheduled_date)
		make_log(self.org.agent_a1, day, FULL_5311, ignore_edit_window=True)
		hold(planning)
		by_metric = {row.metric: row for row in planning.kpi_snapshot}
		expected = sum(
			frappe.get_all(
				"Agent Log",
				filters={
					"office": self.org.office_a,
					"docstatus": ("<", 2),
					"log_date": ("between", [self.earlier_first, add_days(planning.scheduled_date, -1)]),
				},
				pluck="phone_appointments",
			)
		)
		self.assertGreaterEqual(expected, 5 if getdate(day) >= self.earlier_first else 0)
		self.assertEqual(
			(by_metric["Phone Appointments"].value, by_metric["Phone Appointments"].available), (expected, 1)
		)
		for metric in ("Regular Premium", "U Headcount", "Office Attainment (CT)"):
			self.assertEqual(by_metric[metric].available, 0, metric)
			self.assertTrue(
				by_metric[metric].detail.startswith("Not available yet"), by_metric[metric].detail
			)
		self.assertTrue(planning.kpi_snapshot_taken_on)

	def test_the_first_review_snapshot_shows_each_supervisors_pipeline(self):
		review = frappe.get_doc(SESSION, self.earlier[0].name)
		day = last_working_day(before=review.scheduled_date)
		make_log(self.org.sup_a, day, FULL_5311, ignore_edit_window=True)
		hold(review)
		rows = {(row.metric, row.subject): row for row in review.kpi_snapshot}
		in_period = getdate(day) >= self.earlier_first
		self.assertEqual(
			rows[("Pipeline: Phone Appointments", "Mtg Supervisor A")].value, 5 if in_period else 0
		)
		self.assertEqual(rows[("Pipeline: Referrals", "Mtg Supervisor A")].value, 2 if in_period else 0)
		# no production figures for this office's month: said plainly, whether or not production is built
		u_rows = [row for row in review.kpi_snapshot if row.metric == "At U This Month"]
		self.assertTrue(u_rows)
		self.assertTrue(
			all(not row.available and row.detail.startswith("Not available yet") for row in u_rows)
		)
		own_market = [row for row in review.kpi_snapshot if row.metric == "Pipeline: Own Market"]
		self.assertEqual([row.available for row in own_market], [0])


class TestSnapshotWithProduction(MeetingTestCase):
	"""When production has computed the month, the snapshot shows premium, U, CT and FYC from it."""

	@classmethod
	def setUpClass(cls):
		from insurance_activity.production.performance import recompute_month
		from insurance_activity.tests.production_factories import make_policy

		super().setUpClass()
		cls.org = make_meeting_org(ORG)
		cls.first = getdate(add_months(last_month_first_day(), -1))
		make_policy("MTGKPI-0001", cls.org.sup_a, add_days(cls.first, 2), annual_premium=12000, fyc=3000)
		recompute_month(cls.first.year, cls.first.month)
		cls.review_8, _review_15, cls.review_22, cls.planning = month_sessions(cls.org.office_a, cls.first)
		cls.office_month = frappe.get_all(
			"Office Monthly Performance",
			filters={"office": cls.org.office_a, "year": cls.first.year, "month": cls.first.month},
			fields=["regular_premium", "u_headcount", "headcount", "ct_value"],
		)[0]

	def snapshot(self, session) -> dict:
		hold(session)
		return {(row.metric, row.subject): row for row in session.kpi_snapshot}

	def test_the_planning_snapshot_takes_premium_u_and_ct_from_the_computed_month(self):
		rows = self.snapshot(self.planning)
		office = frappe.get_cached_value("Department", self.org.office_a, "department_name")
		premium, u_headcount, ct = (
			rows[("Regular Premium", office)],
			rows[("U Headcount", office)],
			rows[("Office Attainment (CT)", office)],
		)
		self.assertEqual(
			(premium.value, premium.available, premium.source), (12000, 1, "Office Monthly Performance")
		)
		self.assertEqual(premium.value, self.office_month.regular_premium)
		self.assertEqual((u_headcount.value, u_headcount.available), (self.office_month.u_headcount, 1))
		self.assertEqual(u_headcount.value, 1)
		self.assertEqual((ct.value, ct.available), (self.office_month.ct_value, 1))

	def test_the_8th_shows_which_supervisors_are_at_u(self):
		rows = self.snapshot(self.review_8)
		at_u = rows[("At U This Month", "Mtg Supervisor A")]
		self.assertEqual((at_u.value, at_u.available), (1, 1))
		self.assertTrue(at_u.detail.startswith("At U"))

	def test_the_22nd_shows_team_and_new_agents_fyc(self):
		rows = self.snapshot(self.review_22)
		office = frappe.get_cached_value("Department", self.org.office_a, "department_name")
		self.assertEqual(rows[("Team FYC", "Mtg Supervisor A")].value, 3000)
		new_agents_fyc = sum(
			frappe.get_all(
				"Agent Monthly Performance",
				filters={
					"office": self.org.office_a,
					"year": self.first.year,
					"month": self.first.month,
					"is_new_agent": 1,
				},
				pluck="fyc",
			)
		)
		self.assertEqual(rows[("New Agents' FYC", office)].value, new_agents_fyc)
		self.assertEqual(rows[("Recruits Sent to Training", office)].available, 1)


class TestTheHostsButtons(MeetingTestCase):
	"""Start, End and Retake KPI Snapshot are methods of the meeting (frm.call), for those who run it."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_meeting_org("MtgBtn")  # its own offices: the REST calls commit what they change
		cls.sessions = month_sessions(cls.org.office_a, last_month_first_day())

	def call(self, user: str, session: str, method: str):
		return rest_post(user, "/api/method/run_doc_method", {"dt": SESSION, "dn": session, "method": method})

	def test_the_office_manager_starts_and_ends_the_meeting_from_the_form(self):
		name = self.sessions[0].name
		status, _body = self.call(self.org.users.manager_a, name, "start_meeting")
		self.assertEqual(status, 200)
		session = frappe.get_doc(SESSION, name)
		self.assertTrue(session.actual_start)
		self.assertEqual(session.status, "In Progress")
		self.assertTrue(session.kpi_snapshot_taken_on)

		status, body = self.call(self.org.users.manager_a, name, "start_meeting")
		self.assertEqual(status, 417)
		self.assertIn("The meeting started at", str(body))

		status, _body = self.call(self.org.users.manager_a, name, "end_meeting")
		self.assertEqual(status, 200)
		self.assertEqual(frappe.get_doc(SESSION, name).status, "Held")

	def test_an_attendee_who_may_only_read_cannot_start_end_or_retake(self):
		name = self.sessions[1].name
		for method in ("start_meeting", "end_meeting", "refresh_kpi_snapshot"):
			status, _body = self.call(self.org.users.sup_a, name, method)
			self.assertEqual(status, 403, method)
		self.assertFalse(frappe.db.get_value(SESSION, name, "actual_start"))

	def test_an_agent_of_the_office_cannot_press_them_either(self):
		status, _body = self.call(self.org.users.agent_a1, self.sessions[2].name, "start_meeting")
		self.assertEqual(status, 403)


class TestQualityCheck(MeetingTestCase):
	"""A pre-score from the record; the rubric and the pass mark from configuration, not code."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_meeting_org(ORG)
		cls.rubric = frappe.get_doc(
			{
				"doctype": "Quality Rubric",
				"rubric_name": "MtgQa Rubric",
				"criteria": [
					{"criterion": "Content Completeness", "weight": 40, "max_score": 10},
					{"criterion": "Process Compliance", "weight": 30, "max_score": 10},
					{"criterion": "Interaction Effectiveness", "weight": 30, "max_score": 10},
				],
			}
		).insert()
		cls.meeting_type = make_type("MtgQa Review", cls.rubric.name)
		cls.day = last_working_day()

	def held_session(self, days_back: int):
		session = make_session(self.org.office_a, self.meeting_type, add_days(self.day, -days_back))
		return hold(session)

	def score(self, session, scores: list[float]):
		for row, score in zip(session.quality_scores, scores, strict=True):
			row.score = score
		session.quality_check_complete = 1
		session.save()
		return session

	def test_pre_score_is_computed_from_the_evidence_in_the_record(self):
		session = make_session(self.org.office_a, self.meeting_type, self.day)
		minutes = {"Plan": 5, "Do": 10, "Check": 35, "Act": 0}
		for section in session.agenda:
			section.minutes_spent = minutes[section.section_title]
			section.notes = "" if section.section_title == "Act" else "recorded"
		session.append(
			"action_items",
			{
				"action": "Two accompanied visits",
				"responsible": self.org.sup_a,
				"due_date": add_days(self.day, 7),
			},
		)
		session.append("action_items", {"action": "Customer inventory", "responsible": self.org.sup_a})
		hold(session, minutes=50, notes=False)
		# sections 3/4, duration counts, attendance 1, check 70% of 70%, action items 1/2, punctuality 1
		self.assertEqual(session.check_share, 70)
		self.assertEqual(session.pre_score, round(100 * (0.75 + 1 + 1 + 1 + 0.5 + 1) / 6, 1))
		self.assertIn("Sections filled in: 3 of 4", session.pre_score_breakdown)

	def test_a_zero_pre_score_weight_leaves_that_factor_out(self):
		rubric = frappe.get_doc("Quality Rubric", self.rubric.name)
		for factor in ("sections", "duration", "check_share", "action_items", "punctuality"):
			rubric.set(f"{factor}_weight", 0)
		rubric.save()
		self.addCleanup(self.restore_pre_score_weights)
		session = make_session(self.org.office_a, self.meeting_type, add_days(self.day, -1))
		hold(session, attendance={self.org.sup_a: "Absent"})
		self.assertEqual(session.pre_score, 0)  # attendance alone: the only supervisor was absent

	def restore_pre_score_weights(self):
		rubric = frappe.get_doc("Quality Rubric", self.rubric.name)
		for factor in ("sections", "duration", "check_share", "action_items", "punctuality"):
			rubric.set(f"{factor}_weight", 1)
		rubric.save()

	def test_the_rubric_becomes_the_score_sheet_once_the_meeting_is_held(self):
		session = make_session(self.org.office_a, self.meeting_type, add_days(self.day, -2))
		self.assertEqual(session.quality_scores, [])
		hold(session)
		self.assertEqual(
			[(r.criterion, r.weight, r.max_score) for r in session.quality_scores],
			[
				("Content Completeness", 40, 10),
				("Process Compliance", 30, 10),
				("Interaction Effectiveness", 30, 10),
			],
		)

	def test_an_energy_score_of_60_passes_at_the_pass_mark_of_60(self):
		session = self.score(self.held_session(3), [6, 6, 6])
		self.assertEqual((session.quality_score, session.pass_mark, session.quality_passed), (60, 60, 1))
		self.assertEqual(session.assessed_by, "Administrator")

	def test_a_pass_mark_changed_in_settings_takes_effect(self):
		self.addCleanup(set_settings, quality_pass_mark=60)
		set_settings(quality_pass_mark=65)
		session = self.score(self.held_session(4), [6, 6, 6])
		self.assertEqual((session.quality_score, session.pass_mark, session.quality_passed), (60, 65, 0))
		set_settings(quality_pass_mark=55)
		session.quality_scores[0].score = 7
		session.save()
		self.assertEqual((session.quality_score, session.pass_mark, session.quality_passed), (64, 55, 1))

	def test_a_rubric_changed_by_an_admin_takes_effect_for_the_next_meeting(self):
		rubric = frappe.copy_doc(self.rubric)
		rubric.rubric_name = "MtgQa Rubric Changed"
		rubric.insert()
		meeting_type = make_type("MtgQa Review Changed", rubric.name)
		before = self.score(
			hold(make_session(self.org.office_a, meeting_type, add_days(self.day, -5))), [10, 0, 0]
		)
		self.assertEqual(before.quality_score, 40)

		rubric.criteria[0].weight = 80
		rubric.criteria[1].weight = 10
		rubric.criteria[2].weight = 10
		rubric.append("criteria", {"criterion": "Energy", "weight": 20, "max_score": 5})
		rubric.save()
		after = self.score(
			hold(make_session(self.org.office_a, meeting_type, add_days(self.day, -6))), [10, 0, 0, 0]
		)
		self.assertEqual([r.criterion for r in after.quality_scores][-1], "Energy")
		self.assertEqual(after.quality_score, round(100 * 80 / 120, 1))
		self.assertEqual(after.quality_passed, 1)
		before.reload()
		self.assertEqual((len(before.quality_scores), before.quality_score), (3, 40), "history is kept")

	def test_the_host_cannot_assess_their_own_meeting(self):
		session = self.held_session(8)
		frappe.set_user(self.org.users.manager_a)
		try:
			own = frappe.get_doc(SESSION, session.name)
			for row in own.quality_scores:
				row.score = 10
			own.quality_check_complete = 1
			self.assertRaisesRegex(frappe.ValidationError, "host cannot assess", own.save)
		finally:
			frappe.set_user("Administrator")

	def test_a_meeting_not_yet_held_cannot_be_assessed(self):
		session = make_session(self.org.office_a, self.meeting_type, add_days(self.day, -9))
		session.quality_check_complete = 1
		self.assertRaisesRegex(frappe.ValidationError, "once it is held", session.save)


class TestActionItems(MeetingTestCase):
	"""Action items with owner and due date become ToDos; the next meeting lists the items still open."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_meeting_org(ORG)
		month = month_sessions(cls.org.office_a, last_month_first_day(), WEEKLY_REVIEW)
		cls.first, cls.second, cls.third = (s.name for s in month)
		cls.planning = month_sessions(cls.org.office_a, last_month_first_day(), MONTHLY_PLANNING)[0].name
		cls.office_b_review = month_sessions(cls.org.office_b, last_month_first_day(), WEEKLY_REVIEW)[1].name

	def test_items_become_todos_and_open_ones_carry_over_to_the_next_meeting(self):
		first = frappe.get_doc(SESSION, self.first)
		due = add_days(first.scheduled_date, 7)
		for action, owner, due_date in (
			("Two accompanied visits each", self.org.sup_a, due),
			("Customer inventory by Friday", self.org.sup_a, due),
			("Warm-up platform event", self.org.sup_a, None),
		):
			first.append("action_items", {"action": action, "responsible": owner, "due_date": due_date})
		hold(first)

		items = {item.action: item for item in first.action_items}
		visits = items["Two accompanied visits each"]
		inventory = items["Customer inventory by Friday"]
		event = items["Warm-up platform event"]
		todo = frappe.get_doc("ToDo", visits.todo)
		self.assertEqual(
			(todo.allocated_to, todo.reference_type, todo.reference_name, getdate(todo.date), todo.status),
			(self.org.users.sup_a, SESSION, first.name, getdate(due), "Open"),
		)
		self.assertEqual(todo.assigned_by, self.org.users.manager_a)
		self.assertTrue(inventory.todo)
		self.assertFalse(event.todo, "no due date, no ToDo")

		# the owner closes one ToDo: the item is done and no longer carried
		frappe.set_user(self.org.users.sup_a)
		try:
			todo.status = "Closed"
			todo.save()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Meeting Action Item", visits.name, "status"), "Done")

		second = frappe.get_doc(SESSION, self.second)
		second.save()
		self.assertEqual(
			[(row.action, row.from_meeting) for row in second.previous_open_items],
			[("Customer inventory by Friday", first.name), ("Warm-up platform event", first.name)],
		)
		self.assertEqual(second.previous_open_items[0].todo, inventory.todo)

		# still open two meetings later; another office's meeting lists none of them
		third = frappe.get_doc(SESSION, self.third)
		third.save()
		self.assertEqual(len(third.previous_open_items), 2)
		other = frappe.get_doc(SESSION, self.office_b_review)
		other.save()
		self.assertEqual(other.previous_open_items, [])

	def test_changing_an_items_due_date_or_status_updates_its_todo(self):
		first = frappe.get_doc(SESSION, self.planning)
		first.append(
			"action_items",
			{
				"action": "Recruit two new agents",
				"responsible": self.org.sup_a,
				"due_date": add_days(first.scheduled_date, 3),
			},
		)
		first.save()
		item = first.action_items[-1]
		item.due_date = add_days(first.scheduled_date, 10)
		first.save()
		self.assertEqual(getdate(frappe.db.get_value("ToDo", item.todo, "date")), getdate(item.due_date))
		item.status = "Cancelled"
		first.save()
		self.assertEqual(frappe.db.get_value("ToDo", item.todo, "status"), "Cancelled")


class TestScheduledJobs(MeetingTestCase):
	"""The day before, host and attendees are reminded; a meeting not held by its last day is flagged."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_meeting_org(ORG)
		cls.meeting_type = make_type("MtgJob Ad-hoc Review")

	def notifications(self, session: str) -> list[str]:
		return sorted(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": SESSION, "document_name": session},
				pluck="for_user",
			)
		)

	def test_host_and_attendees_are_reminded_once_the_day_before(self):
		tomorrow = make_session(
			self.org.office_a, self.meeting_type, add_days(today(), 1), planned_start="09:00:00"
		)
		later = make_session(self.org.office_a, self.meeting_type, add_days(today(), 2))
		set_settings(meeting_reminder_hour=9)
		with self.freeze_time(f"{today()} 08:59:00"):
			self.assertEqual(jobs.remind_tomorrows_meetings(), {"skipped": "not yet the hour"})
		jobs.remind_tomorrows_meetings(force=True)
		self.assertEqual(
			self.notifications(tomorrow.name), sorted([self.org.users.manager_a, self.org.users.sup_a])
		)
		self.assertEqual(self.notifications(later.name), [])
		jobs.remind_tomorrows_meetings(force=True)
		self.assertEqual(len(self.notifications(tomorrow.name)), 2)

	def test_a_meeting_not_held_by_its_day_is_flagged_and_the_host_told(self):
		past = make_session(self.org.office_a, self.meeting_type, last_working_day())
		held = hold(make_session(self.org.office_a, self.meeting_type, add_days(last_working_day(), -1)))
		coming = make_session(self.org.office_a, self.meeting_type, add_days(today(), 3))
		jobs.flag_meetings_not_held(day=today())
		self.assertEqual(frappe.db.get_value(SESSION, past.name, "status"), "Not Held")
		self.assertEqual(frappe.db.get_value(SESSION, held.name, "status"), "Held")
		self.assertEqual(frappe.db.get_value(SESSION, coming.name, "status"), "Scheduled")
		self.assertEqual(self.notifications(past.name), [self.org.users.manager_a])
		self.assertEqual(jobs.flag_meetings_not_held(day=today())["flagged"], 0)

	def test_a_flagged_meeting_recorded_late_counts_as_held_but_not_on_the_right_day(self):
		past = make_session(self.org.office_a, self.meeting_type, add_days(last_working_day(), -2))
		jobs.flag_meetings_not_held(day=today())
		late = hold(frappe.get_doc(SESSION, past.name), day=add_days(past.scheduled_date, 1))
		self.assertEqual((late.status, late.held_on_right_day), ("Held", 0))


class TestMeetingsWhateverTheHour(MeetingTestCase):
	"""Frappe fills an empty Time field with "now": a meeting made without a start time has none."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_meeting_org(ORG)
		cls.meeting_type = make_type("MtgJob Ad-hoc Review")

	def test_a_meeting_made_in_the_evening_without_a_start_time_has_none(self):
		with self.freeze_time("2026-11-30 19:50:00"):
			session = make_session(self.org.office_a, self.meeting_type, "2026-12-04")
		self.assertIsNone(frappe.db.get_value(SESSION, session.name, "planned_start"))
		self.assertFalse(frappe.db.get_value(SESSION, session.name, "start_time_status"))

	def test_the_scheduling_job_run_in_the_evening_or_at_night_makes_meetings_without_a_start(self):
		for instant in ("2026-11-30 19:50:00", "2026-12-01 00:20:00"):
			with self.subTest(instant=instant), self.freeze_time(instant):
				set_settings(meeting_months_ahead=1)
				created = jobs.create_coming_meetings(offices=[self.org.office_b])["created"]
				self.assertGreater(created, 0)
				starts = frappe.get_all(SESSION, filters={"office": self.org.office_b}, pluck="planned_start")
				self.assertEqual(set(starts), {None})

	def test_a_start_time_entered_is_kept(self):
		with self.freeze_time("2026-11-30 19:50:00"):
			session = make_session(
				self.org.office_a, self.meeting_type, "2026-12-04", planned_start="09:30:00"
			)
		self.assertEqual(str(frappe.db.get_value(SESSION, session.name, "planned_start")), "9:30:00")


class TestComplianceReport(MeetingTestCase):
	"""Per office and month: on the right day, on time, long enough, attendance, quality; 100% coverage.

	Office A held three of its four rule meetings (the planning meeting was not held), office B none."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_meeting_org(ORG)
		cls.first = last_month_first_day()
		review_8, review_15, review_22, planning = month_sessions(org.office_a, cls.first)
		month_sessions(org.office_b, cls.first)
		hold(review_8, minutes=45)
		# on the right day, on time, long enough, but a supervisor absent: not fully compliant
		hold(review_15, minutes=60, attendance={org.sup_a: "Absent"})
		hold(review_22, start=time(14, 0), minutes=30)
		# planning never opened: flagged as not held, as are all of office B's meetings
		jobs.flag_meetings_not_held(day=today())
		for session, scores in ((review_8, [8, 8, 8]), (review_15, [5, 5, 5])):
			for row, score in zip(session.quality_scores, scores, strict=True):
				row.score = score
			session.quality_check_complete = 1
			session.save()
		cls.filters = {"month": cls.first.month, "year": cls.first.year, "office": org.branch}

	def report(self, user="Administrator"):
		frappe.set_user(user)
		try:
			_columns, data, _message, _chart, summary = meeting_compliance.execute(dict(self.filters))
		finally:
			frappe.set_user("Administrator")
		return {row["office"]: row for row in data}, summary

	def independent(self, office: str) -> dict:
		"""The figures computed straight from the stored sessions, without the report's code."""
		sessions = frappe.get_all(
			SESSION,
			filters={
				"office": office,
				"scheduled_date": ("between", [self.first, add_days(add_months(self.first, 1), -1)]),
			},
			fields=["*"],
		)
		held = [s for s in sessions if s.status == "Held"]
		checked = [s for s in held if s.quality_check_complete]
		present = expected = 0
		full = 0
		for s in held:
			rows = frappe.get_all("Meeting Attendee", filters={"parent": s.name}, pluck="attendance")
			expected_here = sum(1 for row in rows if row != "Excused")
			present_here = sum(1 for row in rows if row in ("On Site", "Remote"))
			expected += expected_here
			present += present_here
			notes = frappe.get_all("Meeting Agenda Section", filters={"parent": s.name}, pluck="notes")
			full += (
				getdate(s.actual_start) == s.scheduled_date
				and get_datetime(s.actual_start).time() <= time(17, 0)
				and s.duration_minutes > 30
				and expected_here > 0
				and present_here == expected_here
				and bool(notes)
				and all(notes)
			)
		rule_dates = {
			s.rule_date for s in sessions if s.rule_date
		}  # the scheduling job made one per rule meeting
		held_rule_dates = {s.rule_date for s in held if s.rule_date}
		return {
			"compliant": full,
			"rule_meetings": len(rule_dates),
			"rule_meetings_held": len(held_rule_dates),
			"covered": int(bool(rule_dates) and held_rule_dates == rule_dates),
			"scheduled": len(sessions),
			"held": len(held),
			"not_held": sum(1 for s in sessions if s.status == "Not Held"),
			"on_right_day": sum(1 for s in held if getdate(s.actual_start) == s.scheduled_date),
			"started_on_time": sum(1 for s in held if get_datetime(s.actual_start).time() <= time(17, 0)),
			"long_enough": sum(1 for s in held if s.duration_minutes > 30),
			"attendance_rate": round(100 * present / expected, 1) if expected else None,
			"quality_checked": len(checked),
			"average_score": round(sum(s.quality_score for s in checked) / len(checked), 1)
			if checked
			else None,
			"pass_rate": round(100 * sum(s.quality_score >= 60 for s in checked) / len(checked), 1)
			if checked
			else None,
			"held_none": int(not held),
		}

	def test_each_office_equals_an_independent_computation(self):
		rows, _summary = self.report()
		self.assertEqual(set(rows), {self.org.office_a, self.org.office_b})
		for office in (self.org.office_a, self.org.office_b):
			row = rows[office]
			for key, value in self.independent(office).items():
				self.assertEqual(row[key], value, f"{office} {key}")

	def test_the_figures_of_the_scenario(self):
		rows, summary = self.report()
		a, b = rows[self.org.office_a], rows[self.org.office_b]
		self.assertEqual(
			[
				a[k]
				for k in (
					"scheduled",
					"held",
					"not_held",
					"on_right_day",
					"started_on_time",
					"long_enough",
					"compliant",
				)
			],
			[4, 3, 1, 3, 3, 2, 1],  # fully compliant: only the 8th (the 15th missed a supervisor)
		)
		self.assertEqual(
			(a["attendance_rate"], a["quality_checked"], a["average_score"], a["pass_rate"]),
			(66.7, 2, 65, 50),
		)
		self.assertEqual((b["scheduled"], b["held"], b["not_held"], b["held_none"]), (4, 0, 4, 1))
		# office A held three of its four rule meetings: not covered, although it held meetings
		self.assertEqual((a["rule_meetings"], a["rule_meetings_held"], a["covered"]), (4, 3, 0))
		coverage = next(s for s in summary if s["label"].startswith("Coverage"))
		self.assertEqual(coverage["value"], 0)

	def test_only_rule_meetings_already_due_count_toward_coverage(self):
		# on the 10th only the review of the 8th is due: office A held it, office B did not
		with self.freeze_time(f"{add_days(self.first, 9)} 12:00:00"):
			rows, summary = self.report()
		a, b = rows[self.org.office_a], rows[self.org.office_b]
		self.assertEqual((a["rule_meetings"], a["rule_meetings_held"], a["covered"]), (1, 1, 1))
		self.assertEqual((b["rule_meetings"], b["rule_meetings_held"], b["covered"]), (1, 0, 0))
		coverage = next(s for s in summary if s["label"].startswith("Coverage"))
		self.assertEqual(coverage["value"], 50)

	def test_a_month_with_nothing_to_measure_says_so_instead_of_zero(self):
		# an admin-added type outside the rule: no rule meeting to cover, no quality check to pass
		self.filters = {**self.filters, "meeting_type": make_type("MtgCompliance Ad-hoc")}
		_rows, summary = self.report()
		summary = {s["label"]: s for s in summary}
		for label in ("Coverage (offices that held every rule meeting)", "Quality Pass Rate"):
			self.assertEqual(
				(summary[label]["value"], summary[label]["indicator"]), ("Nothing to measure", "Grey")
			)

	def test_a_manager_and_a_supervisor_see_only_their_own_office(self):
		rows, _summary = self.report(self.org.users.manager_a)
		self.assertEqual(set(rows), {self.org.office_a})
		rows, _summary = self.report(self.org.users.sup_b)
		self.assertEqual(set(rows), {self.org.office_b})
		self.assertEqual(rows[self.org.office_b]["not_held"], 4)


class TestMeetingPermissions(FrappeTestCase):
	"""The office manager runs their office's meetings; supervisors read their office's; agents see none
	unless they attend."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_meeting_org(ORG)
		cls.meeting_type = make_type("MtgPerm Review")
		day = last_working_day()
		cls.meeting_a = make_session(org.office_a, cls.meeting_type, day).name
		cls.meeting_b = make_session(org.office_b, cls.meeting_type, day).name
		invited = frappe.get_doc(
			SESSION, make_session(org.office_a, cls.meeting_type, add_days(day, -1)).name
		)
		invited.append("attendees", {"employee": org.agent_a2})
		invited.save()
		cls.meeting_a_with_agent = invited.name
		frappe.db.commit()
		a, a2, b = cls.meeting_a, cls.meeting_a_with_agent, cls.meeting_b
		cls.expected_reads = {
			org.users.manager_a: {a, a2},
			org.users.sup_a: {a, a2},
			org.users.sup_b: {b},
			org.users.agent_a1: set(),
			org.users.agent_a2: {a2},
			org.users.agent_b1: set(),
			org.users.admin: {a, a2, b},
		}

	@classmethod
	def tearDownClass(cls):
		for name in (cls.meeting_a, cls.meeting_b, cls.meeting_a_with_agent):
			frappe.delete_doc(SESSION, name, force=True, ignore_permissions=True)
		frappe.delete_doc("Meeting Type", cls.meeting_type, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def all_meetings(self):
		return [self.meeting_a, self.meeting_b, self.meeting_a_with_agent]

	def test_get_list_follows_the_meeting_rule(self):
		for user, expected in self.expected_reads.items():
			rows = frappe.get_list(
				SESSION, filters={"name": ("in", self.all_meetings())}, pluck="name", user=user
			)
			self.assertEqual(set(rows), expected, user)

	def test_rest_list_follows_the_meeting_rule(self):
		for user, expected in self.expected_reads.items():
			status, body = rest_get(
				user,
				"/api/resource/Meeting Session",
				{"filters": [["name", "in", self.all_meetings()]], "limit_page_length": 0},
			)
			self.assertEqual(status, 200, user)
			self.assertEqual({r["name"] for r in body["data"]}, expected, user)

	def test_rest_form_of_a_meeting_not_attended_is_forbidden_to_an_agent(self):
		status, _body = rest_get(self.org.users.agent_a1, f"/api/resource/Meeting Session/{self.meeting_a}")
		self.assertEqual(status, 403)
		status, body = rest_get(
			self.org.users.agent_a2, f"/api/resource/Meeting Session/{self.meeting_a_with_agent}"
		)
		self.assertEqual((status, body["data"]["name"]), (200, self.meeting_a_with_agent))
		status, _body = rest_get(self.org.users.manager_a, f"/api/resource/Meeting Session/{self.meeting_b}")
		self.assertEqual(status, 403)

	def test_only_the_office_manager_and_admins_may_write(self):
		doc = frappe.get_doc(SESSION, self.meeting_a)
		writers = {
			user
			for user in self.expected_reads
			if frappe.has_permission(SESSION, "write", doc=doc, user=user)
		}
		self.assertEqual(writers, {self.org.users.manager_a, self.org.users.admin})

	def test_the_office_manager_runs_their_own_meeting_but_not_another_offices(self):
		frappe.set_user(self.org.users.manager_a)
		try:
			own = frappe.get_doc(SESSION, self.meeting_a)
			own.planned_start = "09:30:00"
			own.save()
			self.assertRaises(
				frappe.PermissionError, make_session, self.org.office_b, self.meeting_type, today()
			)
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback()
		frappe.set_user(self.org.users.sup_a)
		try:
			read_only = frappe.get_doc(SESSION, self.meeting_a)
			read_only.planned_start = "10:00:00"
			self.assertRaises(frappe.PermissionError, read_only.save)
		finally:
			frappe.set_user("Administrator")
