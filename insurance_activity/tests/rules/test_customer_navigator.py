from datetime import date, timedelta

from insurance_activity.rules.customer_navigator import (
	CustomerState,
	NavigatorRule,
	Recommendation,
	is_overdue,
	next_action,
)
from insurance_activity.rules.customer_quadrant import CONVERT, WARM_UP

DAY = date(2026, 6, 15)
RULES = [
	NavigatorRule("warm-up call", "Warm-up call", 7, quadrant=WARM_UP, priority=1),
	NavigatorRule("proposal", "Needs analysis and proposal", 5, quadrant=CONVERT, priority=2),
	NavigatorRule("long silence", "Call: no contact for 60 days", 3, min_days_since_contact=60, priority=0),
	NavigatorRule("keep in touch", "Keep in touch", 30, priority=9),
]


def test_the_quadrants_rule_gives_the_action_due_from_entering_the_quadrant():
	state = CustomerState(WARM_UP, in_quadrant_since=DAY - timedelta(days=2))
	assert next_action(state, RULES, DAY) == Recommendation(
		"warm-up call", "Warm-up call", DAY + timedelta(days=5)
	)


def test_a_contact_after_entering_the_quadrant_restarts_the_clock():
	state = CustomerState(CONVERT, DAY - timedelta(days=20), last_contact_on=DAY - timedelta(days=1))
	assert next_action(state, RULES, DAY).due_on == DAY + timedelta(days=4)


def test_a_long_silence_rule_wins_by_priority_only_after_its_days():
	quiet = CustomerState(CONVERT, DAY - timedelta(days=90), last_contact_on=DAY - timedelta(days=60))
	recent = CustomerState(CONVERT, DAY - timedelta(days=90), last_contact_on=DAY - timedelta(days=59))
	assert next_action(quiet, RULES, DAY).rule == "long silence"
	assert next_action(recent, RULES, DAY).rule == "proposal"


def test_a_rule_for_any_quadrant_catches_the_rest_and_no_rule_gives_none():
	state = CustomerState("Standard Service", DAY)
	assert next_action(state, RULES, DAY).rule == "keep in touch"
	assert next_action(state, RULES[:2], DAY) is None


def test_overdue_the_day_after_the_due_date():
	assert not is_overdue(DAY, DAY)
	assert is_overdue(DAY, DAY + timedelta(days=1))
	assert not is_overdue(None, DAY)
