from datetime import date

from insurance_activity.rules.business_calendar import CalendarConfig
from insurance_activity.rules.campaigns import HIGH_POTENTIAL_EVENT, VALUE_CUSTOMER_EVENT, WARMING_PLATFORM
from insurance_activity.rules.management_actions import (
	FEW_ACCOMPANIED_VISITS,
	NO_CUSTOMER_INVENTORY,
	NO_PLATFORM,
	NO_TARGET_INTERVIEW,
	compliance_rate,
	due_weeks,
	inventory_weeks,
	office_compliance,
	supervisor_gaps,
	week_ranges,
)

CFG = CalendarConfig(
	week_starts=(8, 15, 22),
	weekly_review_days=(8, 15, 22),
	planning_from_day=27,
	week_themes=("leading", "coaching", "recruiting", "sprint"),
)
ALL_PLATFORMS = (WARMING_PLATFORM, VALUE_CUSTOMER_EVENT, HIGH_POTENTIAL_EVENT)


def test_the_month_has_the_four_business_weeks_of_the_process_mix():
	weeks = week_ranges(2028, 2, CFG)
	assert weeks[1] == (date(2028, 2, 1), date(2028, 2, 7))
	assert weeks[2] == (date(2028, 2, 8), date(2028, 2, 14))
	assert weeks[4] == (date(2028, 2, 22), date(2028, 2, 29))  # leap year: week 4 runs to the 29th


def test_a_week_is_judged_only_once_it_has_ended():
	weeks = week_ranges(2028, 2, CFG)
	assert due_weeks(weeks, date(2028, 2, 14)) == [1]  # week 2 ends that day: not over yet
	assert due_weeks(weeks, date(2028, 2, 15)) == [1, 2]
	assert due_weeks(weeks, date(2028, 3, 1)) == [1, 2, 3, 4]
	assert due_weeks(weeks, date(2028, 2, 1)) == []


def test_each_weekly_review_takes_the_inventory_of_the_week_that_just_ended():
	assert inventory_weeks(CFG) == [1, 2, 3]


def test_one_accompanied_visit_a_week_and_one_target_interview_a_month_leave_no_gap():
	assert supervisor_gaps("S", 1, {1: 1, 2: 2, 3: 1, 4: 1}, [1, 2, 3, 4], True, 1, 1) == []


def test_a_week_without_an_accompanied_visit_and_a_month_without_a_target_interview_are_gaps():
	gaps = supervisor_gaps("S", 0, {1: 1, 3: 1}, [1, 2, 3, 4], True, 1, 1)
	assert gaps == [
		(NO_TARGET_INTERVIEW, "S", None),
		(FEW_ACCOMPANIED_VISITS, "S", 2),
		(FEW_ACCOMPANIED_VISITS, "S", 4),
	]


def test_the_visits_a_week_come_from_the_setting():
	assert supervisor_gaps("S", 1, {1: 1}, [1], True, 1, 2) == [(FEW_ACCOMPANIED_VISITS, "S", 1)]


def test_a_month_in_progress_owes_no_target_interview_yet():
	assert supervisor_gaps("S", 0, {}, [], False, 1, 1) == []


def test_an_office_month_counts_what_is_due_and_names_each_gap():
	result = office_compliance(
		supervisors={
			"S1": {"interviews": 1, "visits": {1: 1, 2: 1}},
			"S2": {"interviews": 0, "visits": {1: 1}},
		},
		inventories=[1, 3],
		platform_kinds=[WARMING_PLATFORM, WARMING_PLATFORM, HIGH_POTENTIAL_EVENT],
		weeks=[1, 2],
		inventory_due=[1, 2],
		month_due=True,
		interviews_per_month=1,
		visits_per_week=1,
	)
	assert result["gaps"] == [
		(NO_TARGET_INTERVIEW, "S2", None),
		(FEW_ACCOMPANIED_VISITS, "S2", 2),
		(NO_CUSTOMER_INVENTORY, None, 2),
		(NO_PLATFORM, VALUE_CUSTOMER_EVENT, None),
	]
	assert (result["interviews_due"], result["interviews_met"]) == (2, 1)
	assert (result["visit_weeks_due"], result["visit_weeks_met"]) == (4, 3)
	assert (result["inventories_due"], result["inventories_met"]) == (2, 1)
	assert (result["platforms_due"], result["platforms_met"]) == (3, 2)
	assert (result["due"], result["met"]) == (11, 7)


def test_an_office_that_did_everything_is_fully_compliant():
	result = office_compliance(
		{"S": {"interviews": 1, "visits": {1: 1}}}, [1], ALL_PLATFORMS, [1], [1], True, 1, 1
	)
	assert result["gaps"] == []
	assert compliance_rate(result["met"], result["due"]) == 100.0


def test_nothing_due_has_no_rate():
	assert compliance_rate(0, 0) is None
	assert compliance_rate(2, 3) == 66.7
