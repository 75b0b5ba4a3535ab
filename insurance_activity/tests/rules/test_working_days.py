"""Which Holiday List decides a date, and weekends (never 'every day works') where none does."""

from datetime import date

from insurance_activity.rules.working_days import HolidayCalendar, days_off_between

LIST_2026 = HolidayCalendar(
	"China 2026",
	date(2026, 1, 1),
	date(2026, 12, 31),
	frozenset({date(2026, 12, 26), date(2026, 12, 27), date(2026, 10, 1)}),
)
LIST_2027 = HolidayCalendar(
	"China 2027", date(2027, 1, 1), date(2027, 12, 31), frozenset({date(2027, 1, 1), date(2027, 1, 2)})
)


def test_a_date_is_decided_by_the_list_that_covers_it():
	off = days_off_between(date(2026, 12, 26), date(2027, 1, 2), [LIST_2026, LIST_2027])
	assert sorted(off.days) == [date(2026, 12, 26), date(2026, 12, 27), date(2027, 1, 1), date(2027, 1, 2)]
	assert off.uncovered == ()


def test_the_first_list_that_covers_a_date_wins():
	own = HolidayCalendar("Own", date(2026, 10, 1), date(2026, 10, 31), frozenset())
	off = days_off_between(date(2026, 10, 1), date(2026, 10, 1), [own, LIST_2026])
	assert off.is_working_day(date(2026, 10, 1))


def test_a_list_that_does_not_cover_a_date_is_passed_over():
	"""The employee's 2026 list does not decide 2027: the next list that covers 2027 does."""
	off = days_off_between(date(2027, 1, 1), date(2027, 1, 1), [LIST_2026, LIST_2027])
	assert not off.is_working_day(date(2027, 1, 1))


def test_where_no_list_covers_a_date_weekends_are_off_and_the_date_is_reported():
	off = days_off_between(date(2027, 1, 1), date(2027, 1, 4), [LIST_2026])
	# 1 Jan 2027 is a Friday: a working day without a list that says otherwise; the 2nd and 3rd are off
	assert off.is_working_day(date(2027, 1, 1))
	assert not off.is_working_day(date(2027, 1, 2))
	assert not off.is_working_day(date(2027, 1, 3))
	assert off.is_working_day(date(2027, 1, 4))
	assert off.uncovered == (date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3), date(2027, 1, 4))


def test_no_list_at_all_still_keeps_weekends_off():
	off = days_off_between(date(2026, 11, 28), date(2026, 11, 30), [])
	assert off.working_days(date(2026, 11, 28), date(2026, 11, 30)) == [date(2026, 11, 30)]
