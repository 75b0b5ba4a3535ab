"""Business weeks (经营周) and the dates of the two meetings (二会经营): weekly reviews on the 8th, 15th and
22nd, monthly planning from the 27th, moved earlier (never later) on a holiday."""

from datetime import date, datetime, time, timedelta

import pytest

from insurance_activity.rules.business_calendar import (
	MONTHLY_PLANNING,
	WEEKLY_REVIEW,
	CalendarConfig,
	attendance_rate,
	business_week,
	business_week_range,
	duration_counts,
	duration_minutes,
	is_working_day,
	meeting_dates,
	planning_window,
	previous_working_day_on_or_before,
	start_time_check,
	week_theme,
)

# The domain.md defaults, as the settings doctype holds them.
CFG = CalendarConfig(
	week_starts=(8, 15, 22),
	weekly_review_days=(8, 15, 22),
	planning_from_day=27,
	week_themes=("supervisor_leading", "supervisor_coaching", "recruiting_review", "month_end_sprint"),
)
LATEST_START = time(17, 0)
PREFERRED_BEFORE = time(12, 0)
MINIMUM_MINUTES = 30
PRESENT = {"Present", "Present Remotely"}


def _days(first: date, last: date) -> set[date]:
	return {first + timedelta(days=n) for n in range((last - first).days + 1)}


def _holiday_list_2026() -> set[date]:
	"""A 2026 Holiday List as ERPNext holds it: every Saturday and Sunday plus the public holidays of the
	State Council's 2026 schedule, minus the make-up working days (调休上班)."""
	year = _days(date(2026, 1, 1), date(2026, 12, 31))
	weekends = {d for d in year if d.weekday() >= 5}
	public_holidays = (
		_days(date(2026, 1, 1), date(2026, 1, 3))  # 元旦
		| _days(date(2026, 2, 15), date(2026, 2, 23))  # 春节
		| _days(date(2026, 4, 4), date(2026, 4, 6))  # 清明节
		| _days(date(2026, 5, 1), date(2026, 5, 5))  # 劳动节
		| _days(date(2026, 6, 19), date(2026, 6, 21))  # 端午节
		| _days(date(2026, 9, 25), date(2026, 9, 27))  # 中秋节
		| _days(date(2026, 10, 1), date(2026, 10, 7))  # 国庆节
	)
	make_up_working_days = {
		date(2026, 1, 4),
		date(2026, 2, 14),
		date(2026, 2, 28),
		date(2026, 5, 9),
		date(2026, 9, 20),
		date(2026, 10, 10),
	}
	return (weekends | public_holidays) - make_up_working_days


HOLIDAYS_2026 = _holiday_list_2026()

# month: (8th review, 15th review, 22nd review, planning), as held in 2026.
EXPECTED_2026 = {
	1: (date(2026, 1, 8), date(2026, 1, 15), date(2026, 1, 22), date(2026, 1, 27)),
	2: (date(2026, 2, 6), date(2026, 2, 14), date(2026, 2, 14), date(2026, 2, 27)),
	3: (date(2026, 3, 6), date(2026, 3, 13), date(2026, 3, 20), date(2026, 3, 27)),
	4: (date(2026, 4, 8), date(2026, 4, 15), date(2026, 4, 22), date(2026, 4, 27)),
	5: (date(2026, 5, 8), date(2026, 5, 15), date(2026, 5, 22), date(2026, 5, 27)),
	6: (date(2026, 6, 8), date(2026, 6, 15), date(2026, 6, 22), date(2026, 6, 29)),
	7: (date(2026, 7, 8), date(2026, 7, 15), date(2026, 7, 22), date(2026, 7, 27)),
	8: (date(2026, 8, 7), date(2026, 8, 14), date(2026, 8, 21), date(2026, 8, 27)),
	9: (date(2026, 9, 8), date(2026, 9, 15), date(2026, 9, 22), date(2026, 9, 28)),
	10: (date(2026, 10, 8), date(2026, 10, 15), date(2026, 10, 22), date(2026, 10, 27)),
	11: (date(2026, 11, 6), date(2026, 11, 13), date(2026, 11, 20), date(2026, 11, 27)),
	12: (date(2026, 12, 8), date(2026, 12, 15), date(2026, 12, 22), date(2026, 12, 28)),
}


# Business weeks


@pytest.mark.parametrize(
	("day", "week"),
	[
		(date(2026, 1, 1), 1),
		(date(2026, 1, 7), 1),
		(date(2026, 1, 8), 2),
		(date(2026, 1, 14), 2),
		(date(2026, 1, 15), 3),
		(date(2026, 1, 21), 3),
		(date(2026, 1, 22), 4),
		(date(2026, 1, 31), 4),
		(date(2026, 2, 28), 4),
		(date(2028, 2, 29), 4),
		(date(2026, 4, 30), 4),
	],
)
def test_business_weeks_are_days_1_7_8_14_15_21_and_22_to_month_end(day, week):
	assert business_week(day, CFG) == week


def test_business_week_ranges_cover_the_month_without_gaps_and_the_last_week_ends_on_the_last_day():
	assert business_week_range(2026, 1, 1, CFG) == (date(2026, 1, 1), date(2026, 1, 7))
	assert business_week_range(2026, 1, 2, CFG) == (date(2026, 1, 8), date(2026, 1, 14))
	assert business_week_range(2026, 1, 3, CFG) == (date(2026, 1, 15), date(2026, 1, 21))
	assert business_week_range(2026, 1, 4, CFG) == (date(2026, 1, 22), date(2026, 1, 31))
	assert business_week_range(2026, 2, 4, CFG) == (date(2026, 2, 22), date(2026, 2, 28))
	assert business_week_range(2028, 2, 4, CFG) == (date(2028, 2, 22), date(2028, 2, 29))
	assert business_week_range(2026, 4, 4, CFG) == (date(2026, 4, 22), date(2026, 4, 30))


def test_every_day_of_a_year_falls_in_the_business_week_whose_range_contains_it():
	for day in _days(date(2028, 1, 1), date(2028, 12, 31)):
		first, last = business_week_range(day.year, day.month, business_week(day, CFG), CFG)
		assert first <= day <= last


def test_week_themes_follow_the_business_weeks():
	assert [week_theme(week, CFG) for week in (1, 2, 3, 4)] == [
		"supervisor_leading",
		"supervisor_coaching",
		"recruiting_review",
		"month_end_sprint",
	]


@pytest.mark.parametrize("week", [0, 5])
def test_a_business_week_outside_the_month_is_rejected(week):
	with pytest.raises(ValueError, match="business week"):
		week_theme(week, CFG)
	with pytest.raises(ValueError, match="business week"):
		business_week_range(2026, 1, week, CFG)


def test_a_config_needs_one_theme_per_business_week():
	with pytest.raises(ValueError, match="one theme per business week"):
		CalendarConfig(
			week_starts=(8, 15, 22), weekly_review_days=(8,), planning_from_day=27, week_themes=("a",)
		)


def test_configured_days_must_exist_in_every_month_and_increase():
	with pytest.raises(ValueError, match="every month"):
		CalendarConfig(
			week_starts=(8, 15, 29), weekly_review_days=(8,), planning_from_day=27, week_themes=("a",) * 4
		)
	with pytest.raises(ValueError, match="every month"):
		CalendarConfig(
			week_starts=(8,), weekly_review_days=(30,), planning_from_day=27, week_themes=("a",) * 2
		)
	with pytest.raises(ValueError, match="increasing"):
		CalendarConfig(
			week_starts=(15, 8), weekly_review_days=(8,), planning_from_day=27, week_themes=("a",) * 3
		)
	with pytest.raises(ValueError, match="planning_from_day"):
		CalendarConfig(
			week_starts=(8,), weekly_review_days=(8,), planning_from_day=32, week_themes=("a",) * 2
		)


# Working days


def test_a_working_day_is_any_day_the_holiday_list_does_not_name():
	assert is_working_day(date(2026, 2, 14), HOLIDAYS_2026)  # a Saturday made a working day (调休)
	assert not is_working_day(date(2026, 2, 16), HOLIDAYS_2026)  # Spring Festival
	assert not is_working_day(date(2026, 3, 7), HOLIDAYS_2026)  # a Saturday


def test_previous_working_day_is_the_day_itself_when_it_is_a_working_day():
	thursday = date(2026, 1, 8)
	assert previous_working_day_on_or_before(thursday, HOLIDAYS_2026, date(2026, 1, 1)) == thursday


def test_previous_working_day_looks_earlier_and_never_later():
	assert previous_working_day_on_or_before(date(2026, 10, 7), HOLIDAYS_2026, None) == date(2026, 9, 30)


def test_previous_working_day_is_none_when_nothing_is_open_since_the_earliest_day():
	assert previous_working_day_on_or_before(date(2026, 10, 7), HOLIDAYS_2026, date(2026, 10, 1)) is None


# Meeting dates


def test_a_whole_year_of_meeting_dates_follows_the_2026_holiday_list():
	for month, expected in EXPECTED_2026.items():
		meetings = meeting_dates(2026, month, HOLIDAYS_2026, CFG)
		assert [m.kind for m in meetings] == [WEEKLY_REVIEW] * 3 + [MONTHLY_PLANNING]
		assert tuple(m.scheduled for m in meetings) == expected, month
		assert all(is_working_day(m.scheduled, HOLIDAYS_2026) for m in meetings)
		assert not any(m.needs_manual_date for m in meetings)


def test_no_meeting_of_the_year_is_ever_held_later_than_the_rule_allows():
	for month in range(1, 13):
		for meeting in meeting_dates(2026, month, HOLIDAYS_2026, CFG):
			assert meeting.scheduled.month == month
			if meeting.kind == WEEKLY_REVIEW:
				assert meeting.scheduled <= meeting.nominal
				assert meeting.moved == (meeting.scheduled != meeting.nominal)
			else:
				assert meeting.scheduled <= meeting.window_end
				assert not meeting.moved


def test_review_on_a_holiday_moves_to_the_nearest_earlier_working_day():
	reviews = meeting_dates(2026, 8, HOLIDAYS_2026, CFG)[:3]
	assert [(r.nominal, r.scheduled, r.moved) for r in reviews] == [
		(date(2026, 8, 8), date(2026, 8, 7), True),
		(date(2026, 8, 15), date(2026, 8, 14), True),
		(date(2026, 8, 22), date(2026, 8, 21), True),
	]


def test_review_whose_day_and_eve_are_both_holidays_moves_to_the_6th():
	review_of_the_8th = meeting_dates(2026, 2, HOLIDAYS_2026, CFG)[0]
	assert date(2026, 2, 8) in HOLIDAYS_2026 and date(2026, 2, 7) in HOLIDAYS_2026
	assert review_of_the_8th.scheduled == date(2026, 2, 6)
	assert review_of_the_8th.moved


def test_review_moves_past_several_holidays_to_the_first_earlier_working_day():
	holidays = _days(date(2027, 3, 3), date(2027, 3, 8))
	review_of_the_8th = meeting_dates(2027, 3, holidays, CFG)[0]
	assert review_of_the_8th.scheduled == date(2027, 3, 2)


def test_review_keeps_its_business_week_when_moved_into_the_week_before():
	review_of_the_8th = meeting_dates(2026, 2, HOLIDAYS_2026, CFG)[0]
	assert review_of_the_8th.business_week == 2
	assert business_week(review_of_the_8th.scheduled, CFG) == 1


def test_spring_festival_puts_the_15th_and_22nd_reviews_on_the_same_make_up_working_day():
	reviews = meeting_dates(2026, 2, HOLIDAYS_2026, CFG)[1:3]
	assert [r.scheduled for r in reviews] == [date(2026, 2, 14), date(2026, 2, 14)]


def test_review_never_moves_into_the_previous_month_and_is_flagged_for_a_manual_date():
	holidays = _days(date(2026, 7, 1), date(2026, 7, 8))
	review_of_the_8th = meeting_dates(2026, 7, holidays, CFG)[0]
	assert review_of_the_8th.scheduled == date(2026, 7, 8)
	assert not review_of_the_8th.moved
	assert review_of_the_8th.needs_manual_date


def test_review_on_a_working_day_stays_put():
	review = meeting_dates(2026, 1, HOLIDAYS_2026, CFG)[0]
	assert (review.nominal, review.scheduled, review.moved, review.window_end) == (
		date(2026, 1, 8),
		date(2026, 1, 8),
		False,
		None,
	)


def test_planning_is_held_on_the_first_working_day_from_the_27th():
	planning = meeting_dates(2026, 6, HOLIDAYS_2026, CFG)[-1]
	assert planning.nominal == date(2026, 6, 27)  # a Saturday
	assert planning.scheduled == date(2026, 6, 29)
	assert planning.window_end == date(2026, 6, 30)
	assert planning.business_week == 4
	assert not planning.moved


def test_planning_moves_earlier_when_the_whole_window_is_non_working():
	holidays = _days(date(2026, 7, 26), date(2026, 7, 31))
	planning = meeting_dates(2026, 7, holidays, CFG)[-1]
	assert planning.scheduled == date(2026, 7, 25)
	assert planning.moved
	assert not planning.needs_manual_date


def test_planning_without_any_working_day_in_the_month_keeps_the_27th_and_is_flagged():
	holidays = _days(date(2026, 7, 1), date(2026, 7, 31))
	planning = meeting_dates(2026, 7, holidays, CFG)[-1]
	assert planning.scheduled == date(2026, 7, 27)
	assert planning.needs_manual_date
	assert not planning.moved


@pytest.mark.parametrize(
	("year", "month", "window"),
	[
		(2026, 2, (date(2026, 2, 27), date(2026, 2, 28))),
		(2028, 2, (date(2028, 2, 27), date(2028, 2, 29))),
		(2026, 4, (date(2026, 4, 27), date(2026, 4, 30))),
		(2026, 1, (date(2026, 1, 27), date(2026, 1, 31))),
	],
)
def test_planning_window_runs_from_the_27th_to_the_last_day_of_months_of_28_29_30_and_31_days(
	year, month, window
):
	assert planning_window(year, month, CFG) == window


def test_planning_window_starting_after_the_month_end_is_the_last_day_alone():
	late = CalendarConfig(
		week_starts=CFG.week_starts,
		weekly_review_days=CFG.weekly_review_days,
		planning_from_day=30,
		week_themes=CFG.week_themes,
	)
	assert planning_window(2026, 2, late) == (date(2026, 2, 28), date(2026, 2, 28))
	assert planning_window(2026, 3, late) == (date(2026, 3, 30), date(2026, 3, 31))
	assert meeting_dates(2026, 2, set(), late)[-1].scheduled == date(2026, 2, 28)


def test_planning_in_a_leap_february_may_use_the_29th():
	holidays = {date(2028, 2, 27), date(2028, 2, 28)}
	planning = meeting_dates(2028, 2, holidays, CFG)[-1]
	assert planning.scheduled == date(2028, 2, 29)
	assert planning.window_end == date(2028, 2, 29)


def test_meeting_days_and_business_weeks_are_configurable():
	cfg = CalendarConfig(
		week_starts=(10, 20),
		weekly_review_days=(10, 20),
		planning_from_day=25,
		week_themes=("first_third", "second_third", "last_third"),
	)
	meetings = meeting_dates(2026, 1, HOLIDAYS_2026, cfg)
	assert [(m.kind, m.scheduled, m.business_week) for m in meetings] == [
		(WEEKLY_REVIEW, date(2026, 1, 9), 2),  # the 10th is a Saturday
		(WEEKLY_REVIEW, date(2026, 1, 20), 3),
		(MONTHLY_PLANNING, date(2026, 1, 26), 3),  # the 25th is a Sunday
	]
	assert business_week(date(2026, 1, 9), cfg) == 1
	assert business_week_range(2026, 1, 3, cfg) == (date(2026, 1, 20), date(2026, 1, 31))
	assert week_theme(3, cfg) == "last_third"


# Start time, duration, attendance


@pytest.mark.parametrize(
	("planned", "verdict"),
	[
		(time(9, 0), "ok"),
		(time(12, 0), "ok"),
		(time(12, 1), "warning"),
		(time(17, 0), "warning"),
		(time(17, 1), "too_late"),
	],
)
def test_start_no_later_than_17_and_best_before_12(planned, verdict):
	assert start_time_check(planned, LATEST_START, PREFERRED_BEFORE) == verdict


def test_a_preferred_start_after_the_latest_start_is_a_configuration_error():
	with pytest.raises(ValueError, match="preferred start"):
		start_time_check(time(9, 0), time(12, 0), time(17, 0))


def test_a_meeting_of_exactly_30_minutes_does_not_count():
	start = datetime(2026, 1, 8, 9, 0)
	assert duration_minutes(start, start + timedelta(minutes=30)) == 30
	assert not duration_counts(start, start + timedelta(minutes=30), MINIMUM_MINUTES)


def test_a_meeting_longer_than_30_minutes_counts():
	start = datetime(2026, 1, 8, 9, 0)
	assert duration_counts(start, start + timedelta(minutes=31), MINIMUM_MINUTES)
	assert duration_counts(start, start + timedelta(minutes=30, seconds=1), MINIMUM_MINUTES)


def test_a_meeting_ending_before_it_starts_is_rejected():
	with pytest.raises(ValueError, match="before its start"):
		duration_minutes(datetime(2026, 1, 8, 10, 0), datetime(2026, 1, 8, 9, 0))


def test_attendance_rate_is_the_share_of_attendees_present():
	statuses = ["Present", "Present Remotely", "Absent", "Present"]
	assert attendance_rate(statuses, PRESENT) == 0.75
	assert attendance_rate(["Absent", "Leave"], PRESENT) == 0.0
	assert attendance_rate(["Present"], PRESENT) == 1.0


def test_attendance_rate_of_a_meeting_nobody_was_invited_to_is_zero():
	assert attendance_rate([], PRESENT) == 0.0


# ---- the settings' check of the business weeks and meeting days (the settings form calls this) ----
from insurance_activity.rules.business_calendar import (
	REVIEWS_OUT_OF_ORDER,
	WEEKS_OUT_OF_ORDER,
	calendar_days_problem,
)


@pytest.mark.parametrize(
	"weeks, reviews, planning, expected",
	[
		((8, 15, 22), (8, 15, 22), 27, None),  # domain.md's calendar
		((2, 3, 28), (1, 2, 27), 28, None),  # the edges that are still sound
		((1, 15, 22), (8, 15, 22), 27, WEEKS_OUT_OF_ORDER),  # week 2 cannot start on the 1st
		((8, 8, 22), (8, 15, 22), 27, WEEKS_OUT_OF_ORDER),  # not increasing
		((8, 22, 15), (8, 15, 22), 27, WEEKS_OUT_OF_ORDER),
		((8, 15, 29), (8, 15, 22), 30, WEEKS_OUT_OF_ORDER),  # week 4 would vanish in February
		((8, 15, 22), (8, 15, 15), 27, REVIEWS_OUT_OF_ORDER),
		((8, 15, 22), (15, 8, 22), 27, REVIEWS_OUT_OF_ORDER),
		((8, 15, 22), (8, 15, 27), 27, REVIEWS_OUT_OF_ORDER),  # the last review on the planning day
		((8, 15, 22), (8, 15, 26), 27, None),  # the day before is fine
	],
)
def test_the_settings_calendar_check(weeks, reviews, planning, expected):
	assert calendar_days_problem(weeks, reviews, planning) == expected
