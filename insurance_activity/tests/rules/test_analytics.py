"""Weekly process mix (周看流程): a week's activities per sales-cycle step against the recommended mix."""

import json
from pathlib import Path

import pytest

from insurance_activity.rules.analytics import (
	COACH_HABITS,
	COACH_SKILLS,
	LOW_ACTIVITY_HIGH_RESULTS,
	MIX_SETTING,
	ROLE_MODEL,
	SALES_CYCLE_STEPS,
	UNIT_METRICS,
	activity_per_day,
	activity_results_group,
	add_counts,
	below_reference,
	process_mix,
	ranks,
	recommended_mix,
	unit_figures,
)

APP = Path(__file__).resolve().parents[2]
# the defaults of the settings: the 5311 ratio (1 prospect, 5 appointments, 3 interviews, 1 recruiting)
MIX_5311 = {"Prospecting": 10, "Appointment": 50, "Interview": 30, "Recruiting": 10}


def json_of(folder: str) -> dict:
	(path,) = APP.glob(f"*/doctype/{folder}/{folder}.json")
	return json.loads(path.read_text())


def test_the_steps_are_the_activity_kinds_options_and_each_has_a_setting_with_the_5311_default():
	kind = json_of("activity_kind")
	field = next(f for f in kind["fields"] if f["fieldname"] == "sales_cycle_step")
	assert [o for o in field["options"].split("\n") if o] == list(SALES_CYCLE_STEPS)
	settings = {f["fieldname"]: f for f in json_of("insurance_activity_settings")["fields"]}
	defaults = {step: float(settings[MIX_SETTING[step]]["default"]) for step in SALES_CYCLE_STEPS}
	assert defaults == {step: float(MIX_5311.get(step, 0)) for step in SALES_CYCLE_STEPS}


def test_the_recommended_mix_is_relative_to_its_sum():
	mix = recommended_mix({"Appointment": 2, "Interview": 2})
	assert mix["Appointment"] == mix["Interview"] == 0.5
	assert mix["Closing"] == 0
	assert recommended_mix({}) is None
	with pytest.raises(ValueError):
		recommended_mix({"Appointment": -1})


def test_a_week_on_the_recommended_mix_is_at_distance_zero():
	row = process_mix(
		{"Prospecting": 1, "Appointment": 5, "Interview": 3, "Recruiting": 1}, recommended_mix(MIX_5311)
	)
	assert (row["total"], row["mix_distance"], row["most_short_step"], row["one_kind_only"]) == (
		10,
		0.0,
		"",
		0,
	)
	assert row["appointment_share"] == 50.0


def test_the_distance_is_the_share_of_activities_off_the_mix_and_the_shortest_step_is_named():
	# 8 appointments, 2 interviews: 80% / 20% against 50 / 30 / 10 / 10 -> (30 + 10 + 10 + 10) / 2 = 30
	row = process_mix({"Appointment": 8, "Interview": 2}, recommended_mix(MIX_5311))
	assert row["mix_distance"] == 30.0
	assert row["most_short_step"] == "Prospecting"  # 10 points short, first of the tied steps
	assert (row["appointment_share"], row["interview_share"], row["closing_share"]) == (80.0, 20.0, 0.0)


def test_a_week_of_one_kind_of_activity_only_is_flagged():
	row = process_mix({"Appointment": 12}, recommended_mix(MIX_5311))
	assert row["one_kind_only"] == 1
	assert row["mix_distance"] == 50.0
	assert row["most_short_step"] == "Interview"


def test_a_week_without_activity_has_nothing_to_measure_and_is_not_flagged():
	row = process_mix({}, recommended_mix(MIX_5311))
	assert (row["total"], row["mix_distance"], row["one_kind_only"], row["most_short_step"]) == (
		0,
		None,
		0,
		"",
	)
	assert row["appointment_share"] is None


def test_without_a_recommended_mix_only_the_shares_are_given():
	row = process_mix({"Appointment": 1, "Interview": 1}, None)
	assert (row["mix_distance"], row["interview_share"]) == (None, 50.0)


def test_counts_add_up_across_agents():
	assert add_counts([{"Appointment": 2}, {"Appointment": 1, "Closing": 1}]) == dict.fromkeys(
		SALES_CYCLE_STEPS, 0
	) | {"Appointment": 3, "Closing": 1}


def test_activity_per_working_day_has_nothing_to_measure_without_a_working_day():
	assert activity_per_day(45, 20) == 2.25
	assert activity_per_day(3, 0) is None


@pytest.mark.parametrize(
	("per_day", "reached_u", "group"),
	[
		(10.0, True, ROLE_MODEL),
		(12.5, False, COACH_SKILLS),
		(9.99, True, LOW_ACTIVITY_HIGH_RESULTS),
		(0.0, False, COACH_HABITS),
		(None, True, ""),
	],
)
def test_the_four_groups_by_activity_and_results(per_day, reached_u, group):
	assert activity_results_group(per_day, 10, reached_u) == group


def test_unit_figures_are_per_capita_over_the_headcount():
	assert unit_figures(4, 90, 3, 5, complaints=1) == {
		"activity_per_capita": 22.5,
		"has_sale_rate": 75.0,
		"cases_per_capita": 1.25,
		"attendance_rate": None,  # no meeting expected
		"complaints_per_capita": 0.25,
		"failure_rate": None,  # no closed check
	}
	assert unit_figures(0, 0, 0, 0) == dict.fromkeys(UNIT_METRICS)


def test_attendance_and_the_failure_rate_are_shares_of_what_there_was_to_measure():
	figures = unit_figures(
		4, 90, 3, 5, meetings_expected=6, meetings_present=4, closed_checks=8, failed_checks=1
	)
	assert (figures["attendance_rate"], figures["failure_rate"]) == (66.7, 12.5)


def test_a_unit_below_the_selection_is_named_on_each_metric_it_falls_short():
	reference = unit_figures(6, 120, 3, 6)  # 20 a head, 50%, 1 case a head
	assert below_reference(unit_figures(2, 30, 1, 3), reference) == ["activity_per_capita"]
	assert below_reference(unit_figures(0, 0, 0, 0), reference) == []


def test_more_complaints_or_failures_than_the_bar_is_below_it():
	reference = unit_figures(6, 120, 3, 6, 10, 8, 3, 10, 1)  # 0.5 complaints a head, 10% failed
	unit = unit_figures(2, 40, 1, 2, 4, 2, 2, 4, 2)  # 40 a head, 50% attended, 1 complaint a head, 50% failed
	assert below_reference(unit, reference) == ["attendance_rate", "complaints_per_capita", "failure_rate"]
	assert below_reference(unit_figures(2, 40, 1, 2, 4, 4, 0, 4, 0), reference) == []


def test_the_lowest_ranks_first_where_lower_is_better():
	assert ranks({"a": 0.5, "b": 0.0, "c": None, "d": 0.5}, lower_is_better=True) == {
		"a": 2,
		"b": 1,
		"c": None,
		"d": 2,
	}


def test_ranks_share_ties_and_leave_nothing_to_measure_unranked():
	assert ranks({"a": 2.0, "b": 5.0, "c": 2.0, "d": None, "e": 1.0}) == {
		"a": 2,
		"b": 1,
		"c": 2,
		"d": None,
		"e": 4,
	}
