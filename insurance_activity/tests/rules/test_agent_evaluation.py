"""The agent's monthly evaluation (个人月度考评): activity, meeting attendance, valid complaints and
regular-premium cases against the monthly standard, and the month the units' evaluation is published."""

from datetime import date

import pytest

from insurance_activity.rules.analytics import (
	AGENT_EVALUATION_ITEMS,
	AgentEvaluationStandard,
	activity_standard,
	agent_evaluation,
	month_to_publish,
)
from insurance_activity.tests.rules.test_analytics import json_of

# domain.md's values: the 5311 day's 10 activities, every meeting attended, no valid complaint, one
# regular-premium case a month
STANDARD = AgentEvaluationStandard(
	activities_per_working_day=10, attendance_rate=100, max_valid_complaints=0, min_regular_cases=1
)
SETTINGS_OF_STANDARD = {
	"activities_per_working_day": "evaluation_activities_per_day",
	"attendance_rate": "evaluation_attendance_rate",
	"max_valid_complaints": "evaluation_max_valid_complaints",
	"min_regular_cases": "evaluation_min_regular_cases",
}


def evaluate(**month) -> dict:
	figures = {
		"activities": 220,
		"working_days": 22,
		"meetings_expected": 4,
		"meetings_attended": 4,
		"valid_complaints": 0,
		"regular_cases": 1,
	}
	return agent_evaluation(**(figures | month), standard=STANDARD)


def test_every_standard_is_a_setting_with_domain_md_s_value_as_its_default():
	settings = {f["fieldname"]: f for f in json_of("insurance_activity_settings")["fields"]}
	defaults = {item: float(settings[field]["default"]) for item, field in SETTINGS_OF_STANDARD.items()}
	assert defaults == {
		"activities_per_working_day": 10,
		"attendance_rate": 100,
		"max_valid_complaints": 0,
		"min_regular_cases": 1,
	}


def test_an_agent_meeting_every_standard_meets_the_month():
	row = evaluate()
	assert row == {
		"activity_standard": 220,
		"activity_met": True,
		"attendance_rate": 100.0,
		"attendance_met": True,
		"complaints_met": True,
		"regular_cases_met": True,
		"overall_met": True,
	}


@pytest.mark.parametrize(
	("month", "missed"),
	[
		({"activities": 219}, "activity"),
		({"meetings_attended": 3}, "attendance"),
		({"valid_complaints": 1}, "complaints"),
		({"regular_cases": 0}, "regular_cases"),
	],
)
def test_one_item_missed_misses_the_month(month, missed):
	row = evaluate(**month)
	assert [item for item in AGENT_EVALUATION_ITEMS if row[f"{item}_met"] is False] == [missed]
	assert row["overall_met"] is False


def test_the_activity_standard_is_the_daily_figure_times_the_agent_s_working_days_rounded_up():
	assert activity_standard(10, 21) == 210
	assert activity_standard(9.5, 21) == 200  # 199.5 rounded up to a whole activity
	assert activity_standard(0.1, 30) == 3  # not 4 by floating-point error
	assert activity_standard(10, 0) is None


def test_an_agent_with_no_meeting_to_attend_is_not_measured_on_attendance():
	row = evaluate(meetings_expected=0, meetings_attended=0)
	assert (row["attendance_rate"], row["attendance_met"], row["overall_met"]) == (None, None, True)


def test_without_a_working_day_activity_has_nothing_to_measure():
	row = evaluate(activities=0, working_days=0)
	assert (row["activity_standard"], row["activity_met"], row["overall_met"]) == (None, None, True)


def test_attendance_is_compared_unrounded():
	standard = AgentEvaluationStandard(10, 66.7, 0, 1)
	row = agent_evaluation(220, 22, 3, 2, 0, 1, standard)  # 66.666...% shown as 66.7
	assert (row["attendance_rate"], row["attendance_met"]) == (66.7, False)


def test_complaints_up_to_the_allowed_number_still_meet_the_standard():
	standard = AgentEvaluationStandard(10, 100, 1, 1)
	assert agent_evaluation(220, 22, 4, 4, 1, 1, standard)["complaints_met"] is True
	assert agent_evaluation(220, 22, 4, 4, 2, 1, standard)["complaints_met"] is False


@pytest.mark.parametrize(
	("day", "publication_day", "month"),
	[
		(date(2026, 12, 1), 1, (2026, 11)),
		(date(2027, 1, 1), 1, (2026, 12)),  # January publishes last year's December
		(date(2026, 12, 2), 1, None),
		(date(2026, 12, 5), 5, (2026, 11)),
		(date(2027, 2, 28), 31, (2027, 1)),  # a short month publishes on its last day
		(date(2028, 2, 28), 31, None),  # 2028 is a leap year: the 29th
		(date(2028, 2, 29), 30, (2028, 1)),
	],
)
def test_the_previous_month_is_published_on_the_publication_day(day, publication_day, month):
	assert month_to_publish(day, publication_day) == month
