"""One meeting's record (attendance, the PDCA check share, the right day) and each office's monthly
compliance with the two meetings (二会经营): 100% coverage, on the right day, on time, long enough."""

from datetime import date

import pytest

from insurance_activity.rules.business_calendar import (
	MONTHLY_PLANNING,
	WEEKLY_REVIEW,
	CalendarConfig,
	MeetingDate,
	allowed_dates,
	meeting_dates,
	reviewed_week,
)
from insurance_activity.rules.meeting_sessions import (
	ABSENT,
	EXCUSED,
	ON_SITE,
	REMOTE,
	SessionFacts,
	check_share,
	count_attendance,
	coverage,
	fully_compliant,
	held_on_right_day,
	office_compliance,
)

CFG = CalendarConfig(
	week_starts=(8, 15, 22),
	weekly_review_days=(8, 15, 22),
	planning_from_day=27,
	week_themes=("supervisor_leading", "supervisor_coaching", "recruiting_review", "month_end_sprint"),
)


# Attendance


def test_attendance_counts_on_site_and_remote_as_present():
	attendance = count_attendance([ON_SITE, REMOTE, ABSENT, ON_SITE])
	assert (attendance.expected, attendance.present, attendance.on_site) == (4, 3, 2)
	assert attendance.rate == 0.75


def test_an_excused_supervisor_is_not_expected():
	attendance = count_attendance([ON_SITE, EXCUSED, ABSENT])
	assert (attendance.expected, attendance.present) == (2, 1)
	assert attendance.rate == 0.5


def test_an_attendance_not_recorded_counts_as_absent():
	assert count_attendance([ON_SITE, None, ""]).rate == pytest.approx(1 / 3)


def test_a_meeting_where_everyone_is_excused_has_no_attendance():
	attendance = count_attendance([EXCUSED, EXCUSED])
	assert (attendance.expected, attendance.rate) == (0, 0.0)


# The check step of PDCA


def test_check_share_is_the_minutes_on_check_sections_over_all_minutes():
	assert check_share([(5, False), (10, False), (35, True), (0, False)]) == 0.7


def test_check_share_is_unknown_without_a_check_section_or_without_minutes():
	assert check_share([(20, False), (25, False)]) is None
	assert check_share([(None, False), (None, True)]) is None


# The right day


def test_a_weekly_review_is_held_on_the_right_day_only_on_its_scheduled_day():
	review = meeting_dates(2026, 2, {date(2026, 2, 7), date(2026, 2, 8)}, CFG)[0]
	allowed = allowed_dates(review)
	assert allowed == (date(2026, 2, 6), date(2026, 2, 6))
	assert held_on_right_day(date(2026, 2, 6), allowed)
	assert not held_on_right_day(date(2026, 2, 5), allowed)
	assert not held_on_right_day(date(2026, 2, 9), allowed)


def test_the_planning_meeting_may_be_held_any_day_from_the_27th_to_the_month_end():
	planning = meeting_dates(2026, 4, set(), CFG)[-1]
	assert allowed_dates(planning) == (date(2026, 4, 27), date(2026, 4, 30))


def test_a_planning_meeting_moved_before_its_window_may_be_held_from_the_moved_day():
	holidays = {date(2026, 7, d) for d in range(26, 32)}
	planning = meeting_dates(2026, 7, holidays, CFG)[-1]
	assert allowed_dates(planning) == (date(2026, 7, 25), date(2026, 7, 31))


def test_a_meeting_without_any_working_day_may_be_held_from_the_1st_but_never_later_than_the_rule():
	review = MeetingDate(WEEKLY_REVIEW, date(2026, 7, 8), date(2026, 7, 8), 2, False, None, True)
	assert allowed_dates(review) == (date(2026, 7, 1), date(2026, 7, 8))


def test_each_meeting_reviews_the_theme_of_the_week_that_just_ended():
	meetings = meeting_dates(2026, 1, set(), CFG)
	assert [(m.kind, reviewed_week(m, CFG)) for m in meetings] == [
		(WEEKLY_REVIEW, 1),
		(WEEKLY_REVIEW, 2),
		(WEEKLY_REVIEW, 3),
		(MONTHLY_PLANNING, 4),
	]


# Compliance of an office's month


def facts(office="A", **values) -> SessionFacts:
	held = {
		"held": True,
		"not_held": False,
		"on_right_day": True,
		"started_on_time": True,
		"long_enough": True,
		"attendees_expected": 4,
		"attendees_present": 4,
		"quality_checked": True,
		"quality_score": 80.0,
		"quality_passed": True,
		"rule_date": date(2026, 10, 8),
		"sections_total": 5,
		"sections_filled": 5,
	}
	return SessionFacts(office=office, **{**held, **values})


# The rule's meetings of October 2026: weekly reviews on the 8th, 15th, 22nd, planning from the 27th.
OCTOBER = [date(2026, 10, 8), date(2026, 10, 15), date(2026, 10, 22), date(2026, 10, 27)]


def test_a_meeting_is_compliant_only_when_on_the_right_day_on_time_and_long_enough():
	sessions = [
		facts(),
		facts(on_right_day=False),
		facts(started_on_time=False),
		facts(long_enough=False),
	]
	(row,) = office_compliance(["A"], sessions)
	assert (row.scheduled, row.held, row.on_right_day, row.started_on_time, row.long_enough) == (
		4,
		4,
		3,
		3,
		3,
	)
	assert row.compliant == 1


def test_attendance_rate_pools_the_held_meetings_of_the_month():
	sessions = [
		facts(attendees_expected=4, attendees_present=3),
		facts(attendees_expected=2, attendees_present=2),
		facts(held=False, not_held=True, attendees_expected=5, attendees_present=0, quality_checked=False),
	]
	(row,) = office_compliance(["A"], sessions)
	assert row.attendance_rate == pytest.approx(5 / 6)
	assert (row.held, row.not_held) == (2, 1)


def test_score_and_pass_rate_cover_only_completed_quality_checks():
	sessions = [
		facts(quality_score=90, quality_passed=True),
		facts(quality_score=50, quality_passed=False),
		facts(quality_checked=False, quality_score=None, quality_passed=False),
	]
	(row,) = office_compliance(["A"], sessions)
	assert (row.quality_checked, row.quality_passed, row.average_score, row.pass_rate) == (2, 1, 70, 0.5)


def test_an_office_that_held_no_meeting_is_listed_and_lowers_coverage():
	rules = {office: OCTOBER[:1] for office in "ABC"}
	rows = office_compliance(["A", "B", "C"], [facts("A"), facts("C", held=False, not_held=True)], rules)
	assert [(r.office, r.held_none, r.covered) for r in rows] == [
		("A", False, True),
		("B", True, False),
		("C", True, False),
	]
	assert rows[1].scheduled == 0
	assert (rows[1].attendance_rate, rows[1].average_score, rows[1].pass_rate) == (None, None, None)
	assert coverage(rows) == pytest.approx(1 / 3)


def test_an_office_is_covered_only_when_it_held_every_rule_meeting_of_the_period():
	# October: 3 offices x 4 rule meetings; office A held all four, B three, C one
	held = {"A": OCTOBER, "B": OCTOBER[:3], "C": OCTOBER[:1]}
	sessions = [facts(office, rule_date=day) for office, days in held.items() for day in days]
	rows = office_compliance(["A", "B", "C"], sessions, {office: OCTOBER for office in "ABC"})
	assert [(r.rule_meetings, r.rule_meetings_held, r.covered) for r in rows] == [
		(4, 4, True),
		(4, 3, False),
		(4, 1, False),
	]
	assert coverage(rows) == pytest.approx(1 / 3)  # not 100% because each office held a meeting


def test_two_sessions_for_one_rule_date_do_not_cover_a_missing_one():
	sessions = [facts(rule_date=OCTOBER[0]), facts(rule_date=OCTOBER[0]), facts(rule_date=None)]
	(row,) = office_compliance(["A"], sessions, {"A": OCTOBER[:2]})
	assert (row.held, row.rule_meetings_held, row.covered) == (3, 1, False)


def test_fully_compliant_needs_full_attendance_and_the_full_record():
	assert fully_compliant(facts(), 1.0)
	assert not fully_compliant(facts(attendees_present=3), 1.0)  # 3 of 4 supervisors
	assert fully_compliant(facts(attendees_present=3), 0.75)  # the setting may ask less
	assert not fully_compliant(facts(sections_filled=4), 1.0)  # one agenda section left empty
	assert not fully_compliant(facts(attendees_expected=0, attendees_present=0), 1.0)  # nobody recorded
	assert not fully_compliant(facts(sections_total=0, sections_filled=0), 1.0)  # no minutes
	assert not fully_compliant(facts(held=False, not_held=True), 1.0)


def test_compliant_count_in_the_office_row_uses_the_full_definition():
	sessions = [facts(), facts(attendees_present=3), facts(sections_filled=2)]
	(row,) = office_compliance(["A"], sessions, {"A": OCTOBER[:1]})
	assert row.compliant == 1


def test_coverage_of_no_offices_is_nothing_to_measure():
	assert coverage([]) is None
	assert coverage(office_compliance(["A"], [], {"A": []})) is None
