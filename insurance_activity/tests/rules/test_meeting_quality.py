"""Quality check (质检) of the two meetings: the weighted rubric, the pass mark of 60 (能量值), and the
automatic pre-score from a meeting's records."""

from dataclasses import replace

import pytest

from insurance_activity.rules.meeting_quality import (
	PRE_SCORE_FACTORS,
	Criterion,
	MeetingEvidence,
	passes,
	pre_score,
	score_total,
)

PASS_MARK = 60
MINIMUM_MINUTES = 30
TARGET_CHECK_SHARE = 0.7

RUBRIC = (
	Criterion("content_completeness", weight=40, max_score=10),
	Criterion("process_compliance", weight=30, max_score=10),
	Criterion("interaction_effectiveness", weight=30, max_score=5),
)

EQUAL_WEIGHTS = dict.fromkeys(PRE_SCORE_FACTORS, 1.0)

GOOD_MEETING = MeetingEvidence(
	sections_total=4,
	sections_filled=4,
	duration_minutes=45,
	minimum_minutes=MINIMUM_MINUTES,
	attendance_rate=1.0,
	check_share=0.7,
	target_check_share=TARGET_CHECK_SHARE,
	action_items_total=3,
	action_items_complete=3,
	held_on_schedule=True,
	started_on_time=True,
)


# The rubric


def test_full_marks_on_every_criterion_score_100():
	assert (
		score_total(
			RUBRIC, {"content_completeness": 10, "process_compliance": 10, "interaction_effectiveness": 5}
		)
		== 100
	)


def test_each_criterion_counts_by_its_weight_as_a_share_of_its_maximum():
	scores = {"content_completeness": 10, "process_compliance": 0, "interaction_effectiveness": 2.5}
	assert score_total(RUBRIC, scores) == pytest.approx(40 + 0 + 15)


def test_weights_need_not_add_up_to_100():
	rubric = (Criterion("a", weight=1, max_score=10), Criterion("b", weight=3, max_score=10))
	assert score_total(rubric, {"a": 10, "b": 0}) == 25
	assert score_total(rubric, {"a": 0, "b": 10}) == 75


def test_scores_outside_zero_to_the_maximum_are_clamped():
	scores = {"content_completeness": 15, "process_compliance": -4, "interaction_effectiveness": 5}
	assert score_total(RUBRIC, scores) == 70


def test_a_rubric_total_of_exactly_60_is_not_spoilt_by_float_noise():
	rubric = [Criterion(key, weight=1, max_score=10) for key in ("a", "b", "c")]
	total = score_total(rubric, {"a": 6, "b": 6, "c": 6})
	assert total == 60
	assert passes(total, PASS_MARK)


def test_a_score_for_an_unknown_criterion_is_rejected():
	scores = {"content_completeness": 10, "process_compliance": 10, "interaction_effectiveness": 5, "typo": 1}
	with pytest.raises(ValueError, match="unknown criteria: typo"):
		score_total(RUBRIC, scores)


def test_a_criterion_without_a_score_is_rejected():
	with pytest.raises(ValueError, match="no score given for criteria: interaction_effectiveness"):
		score_total(RUBRIC, {"content_completeness": 10, "process_compliance": 10})


def test_a_rubric_with_duplicate_keys_or_no_weight_is_rejected():
	with pytest.raises(ValueError, match="unique"):
		score_total([Criterion("a", 1, 10), Criterion("a", 1, 10)], {"a": 5})
	with pytest.raises(ValueError, match="more than zero"):
		score_total([Criterion("a", 0, 10)], {"a": 5})


def test_a_criterion_needs_a_positive_maximum_and_a_non_negative_weight():
	with pytest.raises(ValueError, match="max_score"):
		Criterion("a", weight=1, max_score=0)
	with pytest.raises(ValueError, match="weight"):
		Criterion("a", weight=-1, max_score=10)


def test_an_energy_score_of_60_passes():
	assert passes(60, PASS_MARK)
	assert passes(100, PASS_MARK)


def test_an_energy_score_below_60_fails():
	assert not passes(59.9, PASS_MARK)
	assert not passes(0, PASS_MARK)


# The pre-score


def test_a_meeting_that_meets_every_rule_pre_scores_100():
	result = pre_score(GOOD_MEETING, EQUAL_WEIGHTS)
	assert result == {**dict.fromkeys(PRE_SCORE_FACTORS, 1.0), "total": 100}


def test_sections_score_is_the_share_of_sections_filled_in():
	assert pre_score(replace(GOOD_MEETING, sections_filled=3), EQUAL_WEIGHTS)["sections"] == 0.75
	assert (
		pre_score(replace(GOOD_MEETING, sections_total=0, sections_filled=0), EQUAL_WEIGHTS)["sections"] == 0
	)


def test_a_meeting_of_exactly_the_minimum_length_gets_no_duration_credit():
	assert pre_score(replace(GOOD_MEETING, duration_minutes=30), EQUAL_WEIGHTS)["duration"] == 0
	assert pre_score(replace(GOOD_MEETING, duration_minutes=31), EQUAL_WEIGHTS)["duration"] == 1


def test_attendance_score_is_the_attendance_rate():
	assert pre_score(replace(GOOD_MEETING, attendance_rate=0.8), EQUAL_WEIGHTS)["attendance"] == 0.8


def test_check_share_scores_against_the_70_percent_target_without_extra_credit_beyond_it():
	assert pre_score(replace(GOOD_MEETING, check_share=0.35), EQUAL_WEIGHTS)["check_share"] == pytest.approx(
		0.5
	)
	assert pre_score(replace(GOOD_MEETING, check_share=0.9), EQUAL_WEIGHTS)["check_share"] == 1


def test_action_items_score_counts_only_items_with_owner_and_due_date():
	assert pre_score(replace(GOOD_MEETING, action_items_complete=1), EQUAL_WEIGHTS)[
		"action_items"
	] == pytest.approx(1 / 3)


def test_a_meeting_without_action_items_gets_no_action_plan_credit():
	no_plan = replace(GOOD_MEETING, action_items_total=0, action_items_complete=0)
	assert pre_score(no_plan, EQUAL_WEIGHTS)["action_items"] == 0


def test_punctuality_gives_half_for_the_date_and_half_for_the_start_time():
	assert pre_score(replace(GOOD_MEETING, started_on_time=False), EQUAL_WEIGHTS)["punctuality"] == 0.5
	assert pre_score(replace(GOOD_MEETING, held_on_schedule=False), EQUAL_WEIGHTS)["punctuality"] == 0.5
	late_and_moved = replace(GOOD_MEETING, held_on_schedule=False, started_on_time=False)
	assert pre_score(late_and_moved, EQUAL_WEIGHTS)["punctuality"] == 0


def test_missing_evidence_counts_zero():
	unrecorded = replace(GOOD_MEETING, duration_minutes=None, check_share=None)
	result = pre_score(unrecorded, EQUAL_WEIGHTS)
	assert result["duration"] == 0
	assert result["check_share"] == 0
	assert result["total"] == pytest.approx(100 * 4 / 6)


def test_pre_score_total_is_the_weighted_mean_over_the_weighted_factors_only():
	evidence = replace(GOOD_MEETING, attendance_rate=0.5, duration_minutes=None)
	result = pre_score(evidence, {"attendance": 3, "sections": 1})
	assert result["total"] == pytest.approx(100 * (3 * 0.5 + 1 * 1.0) / 4)
	assert result["duration"] == 0  # still reported, though it carries no weight here


def test_pre_score_rejects_unknown_factors_negative_weights_and_no_weight_at_all():
	with pytest.raises(ValueError, match="unknown pre-score factors: energy"):
		pre_score(GOOD_MEETING, {"energy": 1})
	with pytest.raises(ValueError, match="must not be negative: sections"):
		pre_score(GOOD_MEETING, {"sections": -1})
	with pytest.raises(ValueError, match="more than zero"):
		pre_score(GOOD_MEETING, {})
