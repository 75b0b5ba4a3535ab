from datetime import date

from insurance_activity.rules.campaigns import (
	HIGH_POTENTIAL_EVENT,
	PLATFORM_KINDS,
	POINTS_CONTEST,
	VALUE_CUSTOMER_EVENT,
	VISITING_THEME,
	WARMING_PLATFORM,
	attribution_window,
	covers,
	is_attributed,
	missing_platforms,
	months_of,
	rate,
)

START, END = date(2026, 3, 10), date(2026, 3, 12)


def test_a_policy_issued_during_the_campaign_or_within_the_window_after_it_is_attributed():
	assert is_attributed(START, START, END, 30)
	assert is_attributed(date(2026, 3, 11), START, END, 30)
	assert is_attributed(date(2026, 4, 11), START, END, 30)  # the window's last day (12 March + 30)


def test_a_policy_issued_before_the_campaign_or_after_the_window_is_not_attributed():
	assert not is_attributed(date(2026, 3, 9), START, END, 30)
	assert not is_attributed(date(2026, 4, 12), START, END, 30)


def test_the_window_follows_the_setting_and_never_ends_before_the_campaign():
	assert attribution_window(START, END, 7) == (START, date(2026, 3, 19))
	assert attribution_window(START, END, 0) == (START, END)
	assert attribution_window(START, END, -5) == (START, END)
	assert attribution_window(START, END, None) == (START, END)


def test_a_campaign_covers_the_days_of_its_period_both_ends_included():
	assert covers(START, START, END) and covers(END, START, END)
	assert not covers(date(2026, 3, 13), START, END)


def test_a_campaign_stands_in_every_month_it_touches_across_a_year_end():
	assert months_of(date(2026, 12, 20), date(2027, 2, 1)) == [(2026, 12), (2027, 1), (2027, 2)]
	assert months_of(START, END) == [(2026, 3)]


def test_an_office_month_without_one_of_the_three_platforms_is_flagged():
	assert PLATFORM_KINDS == (WARMING_PLATFORM, VALUE_CUSTOMER_EVENT, HIGH_POTENTIAL_EVENT)
	assert missing_platforms([WARMING_PLATFORM, VALUE_CUSTOMER_EVENT, HIGH_POTENTIAL_EVENT]) == ()
	assert missing_platforms([WARMING_PLATFORM, HIGH_POTENTIAL_EVENT, WARMING_PLATFORM]) == (
		VALUE_CUSTOMER_EVENT,
	)
	# a visiting theme or a points contest is no platform
	assert missing_platforms([VISITING_THEME, POINTS_CONTEST]) == PLATFORM_KINDS
	assert missing_platforms([]) == PLATFORM_KINDS


def test_rates_are_percentages_and_blank_when_nothing_was_expected():
	assert rate(3, 4) == 75.0
	assert rate(5, 0) is None
	assert rate(0, 10) == 0.0
