"""What a phone callback (电话回访) found and what follows: closing, appeals, spot-checks, rates."""

from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insurance_activity.rules.callback_outcomes import (
	ALREADY_CLOSED,
	ANSWERED,
	COMPLAINT,
	CONFIRMED,
	INCIDENT_ACTIVE,
	INCIDENT_REVERSED,
	INCIDENT_UNDER_APPEAL,
	MISCONDUCT,
	NO_OUTCOME,
	NOT_ANSWERED,
	NOT_APPEALABLE,
	NOT_UNDER_APPEAL,
	OUTCOMES,
	PENDING,
	PERIOD_BUSINESS_WEEK,
	PERIOD_DAY,
	PERIOD_MONTH,
	TOO_FEW_ATTEMPTS,
	UNKNOWN_OUTCOME,
	UNREACHABLE,
	VISIT_NOT_HAPPENED,
	OutcomeCounts,
	appeal_error,
	close_error,
	effective_outcome,
	period_start,
	rates_by,
	reached_unreachable,
	spot_check_counts,
)

NO_ANSWER = "No Answer"


# Closing a check


def test_closing_without_an_outcome_is_refused():
	assert close_error(PENDING, None, [ANSWERED], 3) == NO_OUTCOME
	assert close_error(PENDING, "", [ANSWERED], 3) == NO_OUTCOME


def test_closing_with_an_outcome_that_does_not_exist_is_refused():
	assert close_error(PENDING, "Probably Fine", [ANSWERED], 3) == UNKNOWN_OUTCOME


def test_a_closed_check_cannot_be_closed_again():
	assert close_error(CONFIRMED, MISCONDUCT, [ANSWERED], 3) == ALREADY_CLOSED


@pytest.mark.parametrize("outcome", [CONFIRMED, VISIT_NOT_HAPPENED, COMPLAINT, MISCONDUCT])
def test_an_outcome_from_the_customer_needs_an_answered_call(outcome):
	assert close_error(PENDING, outcome, [], 3) == NOT_ANSWERED
	assert close_error(PENDING, outcome, [NO_ANSWER, NO_ANSWER], 3) == NOT_ANSWERED
	assert close_error(PENDING, outcome, [NO_ANSWER, ANSWERED], 3) is None


def test_unreachable_needs_max_attempts_unanswered_calls():
	assert close_error(PENDING, UNREACHABLE, [NO_ANSWER, "Busy"], 3) == TOO_FEW_ATTEMPTS
	assert close_error(PENDING, UNREACHABLE, [NO_ANSWER, "Busy", "Switched Off"], 3) is None
	assert close_error(PENDING, UNREACHABLE, [NO_ANSWER, NO_ANSWER, ANSWERED], 3) == TOO_FEW_ATTEMPTS


def test_the_nth_unanswered_call_makes_the_check_unreachable_by_itself():
	assert not reached_unreachable(PENDING, [NO_ANSWER, NO_ANSWER], 3)
	assert reached_unreachable(PENDING, [NO_ANSWER, NO_ANSWER, "Wrong Number"], 3)
	assert not reached_unreachable(PENDING, [NO_ANSWER, ANSWERED, NO_ANSWER, NO_ANSWER], 3)
	assert not reached_unreachable(CONFIRMED, [NO_ANSWER] * 3, 3)


def test_zero_max_attempts_still_needs_one_call_to_be_unreachable():
	assert not reached_unreachable(PENDING, [], 0)
	assert close_error(PENDING, UNREACHABLE, [], 0) == TOO_FEW_ATTEMPTS


# Spot-checks and appeals


def test_a_spot_check_counts_once_the_supervisor_has_made_the_call():
	assert not spot_check_counts(PENDING, 0)
	assert spot_check_counts(PENDING, 1)
	assert spot_check_counts(CONFIRMED, 0)


def test_an_incident_reversed_on_appeal_counts_as_a_confirmed_visit():
	assert effective_outcome(VISIT_NOT_HAPPENED, True) == CONFIRMED
	assert effective_outcome(MISCONDUCT, False) == MISCONDUCT
	assert effective_outcome(UNREACHABLE, True) == UNREACHABLE


def test_only_an_active_incident_is_appealed_and_only_one_under_appeal_is_decided():
	assert appeal_error(INCIDENT_ACTIVE, deciding=False) is None
	assert appeal_error(INCIDENT_ACTIVE, deciding=False, decided_before=True) == NOT_APPEALABLE
	assert appeal_error(INCIDENT_UNDER_APPEAL, deciding=False) == NOT_APPEALABLE
	assert appeal_error(INCIDENT_REVERSED, deciding=False) == NOT_APPEALABLE
	assert appeal_error(INCIDENT_UNDER_APPEAL, deciding=True) is None
	assert appeal_error(INCIDENT_ACTIVE, deciding=True) == NOT_UNDER_APPEAL


# Rates


def test_rates_are_shares_of_closed_checks_and_pending_checks_are_left_out():
	counts = OutcomeCounts()
	for status in [CONFIRMED] * 6 + [
		UNREACHABLE,
		VISIT_NOT_HAPPENED,
		MISCONDUCT,
		COMPLAINT,
		PENDING,
		PENDING,
	]:
		counts.add(status)

	assert (counts.checks, counts.open, counts.closed) == (12, 2, 10)
	assert counts.verification_rate == 60.0
	assert counts.failure_rate == 20.0
	assert counts.unreachable_rate == 10.0


def test_rates_without_closed_checks_are_empty_not_zero():
	counts = OutcomeCounts()
	counts.add(PENDING)

	assert counts.verification_rate is None
	assert counts.failure_rate is None


def test_an_overturned_failure_counts_as_confirmed_and_is_counted_as_overturned():
	counts = OutcomeCounts()
	counts.add(VISIT_NOT_HAPPENED, overturned_on_appeal=True)
	counts.add(VISIT_NOT_HAPPENED)

	assert (counts.confirmed, counts.visit_not_happened, counts.overturned) == (1, 1, 1)
	assert counts.failure_rate == 50.0


def test_period_start_for_day_business_week_and_month():
	day = date(2024, 6, 17)
	assert period_start(day, PERIOD_DAY) == day
	assert period_start(day, PERIOD_MONTH) == date(2024, 6, 1)
	assert period_start(day, PERIOD_BUSINESS_WEEK, (8, 15, 22)) == date(2024, 6, 15)
	assert period_start(date(2024, 6, 30), PERIOD_BUSINESS_WEEK, (8, 15, 22)) == date(2024, 6, 22)
	assert period_start(date(2024, 6, 7), PERIOD_BUSINESS_WEEK, (8, 15, 22)) == date(2024, 6, 1)
	with pytest.raises(ValueError):
		period_start(day, "Fortnight")


def test_rates_by_unit_and_period_group_the_checks():
	checks = [
		{"agent": "AG-1", "activity_date": date(2024, 6, 3), "status": CONFIRMED},
		{"agent": "AG-1", "activity_date": date(2024, 6, 9), "status": VISIT_NOT_HAPPENED},
		{"agent": "AG-1", "activity_date": date(2024, 7, 1), "status": CONFIRMED},
		{"agent": "AG-2", "activity_date": date(2024, 6, 3), "status": MISCONDUCT, "overturned_on_appeal": 1},
	]
	by_month = rates_by(checks, "agent", PERIOD_MONTH)

	assert list(by_month) == [
		("AG-1", date(2024, 6, 1)),
		("AG-1", date(2024, 7, 1)),
		("AG-2", date(2024, 6, 1)),
	]
	assert by_month[("AG-1", date(2024, 6, 1))].failure_rate == 50.0
	assert by_month[("AG-2", date(2024, 6, 1))].confirmed == 1
	assert rates_by(checks, "agent")[("AG-1", None)].checks == 3


@given(
	st.lists(
		st.tuples(
			st.sampled_from(["AG-1", "AG-2", "AG-3"]),
			st.dates(date(2024, 6, 1), date(2024, 7, 10)),
			st.sampled_from([PENDING, *OUTCOMES]),
			st.booleans(),
		),
		max_size=60,
	),
	st.sampled_from([None, PERIOD_DAY, PERIOD_BUSINESS_WEEK, PERIOD_MONTH]),
)
def test_rows_counted_by_the_database_give_the_rates_of_the_checks_one_by_one(checks, period):
	"""The rates report counts checks in the database (GROUP BY, issue 18): rows that each stand for
	`checks` alike checks give the same counts and rates as the checks one by one."""
	single = [
		{"agent": a, "activity_date": d, "status": s, "overturned_on_appeal": o} for a, d, s, o in checks
	]
	grouped = Counter(checks)
	rows = [
		{"agent": a, "activity_date": d, "status": s, "overturned_on_appeal": o, "checks": n}
		for (a, d, s, o), n in grouped.items()
	]
	assert rates_by(rows, "agent", period, (8, 15, 22)) == rates_by(single, "agent", period, (8, 15, 22))


def test_counts_of_two_units_add_up_to_the_summary():
	"""The report's summary is the units' counts added (OutcomeCounts + OutcomeCounts), rates recomputed
	from the totals, not averaged."""
	a, b = OutcomeCounts(), OutcomeCounts()
	for status in (CONFIRMED, CONFIRMED, VISIT_NOT_HAPPENED, None):
		a.add(status)
	b.add(MISCONDUCT)
	b.add(VISIT_NOT_HAPPENED, overturned_on_appeal=True)
	total = sum((a, b), OutcomeCounts())
	assert (total.checks, total.open, total.closed, total.confirmed, total.failed, total.overturned) == (
		6,
		1,
		5,
		3,
		2,
		1,
	)
	assert total.verification_rate == 60.0 and total.failure_rate == 40.0
	assert OutcomeCounts().verification_rate is None  # nothing to measure, not 0%
