from datetime import date, timedelta

from insurance_activity.rules.customer_navigator import (
	CustomerState,
	NavigatorRule,
	Recommendation,
	crosses_a_rule,
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


def test_a_silent_customer_crosses_a_rule_on_the_day_their_silence_reaches_its_days():
	state = CustomerState(CONVERT, DAY - timedelta(days=90), last_contact_on=DAY - timedelta(days=60))
	assert crosses_a_rule(state, RULES, DAY - timedelta(days=1), DAY)  # 59 days: proposal; 60: long silence
	assert crosses_a_rule(state, RULES, DAY - timedelta(days=30), DAY)  # several days since the last run
	assert not crosses_a_rule(state, RULES, DAY, DAY + timedelta(days=1))  # already the long-silence rule
	assert not crosses_a_rule(state, RULES, DAY - timedelta(days=2), DAY - timedelta(days=1))


def test_crossing_a_rule_that_a_higher_priority_rule_hides_changes_nothing():
	rules = [
		NavigatorRule("warm-up call", "Warm-up call", 7, quadrant=WARM_UP, priority=1),
		NavigatorRule("quiet", "Call", 3, quadrant=WARM_UP, min_days_since_contact=10, priority=5),
	]
	state = CustomerState(WARM_UP, DAY - timedelta(days=30), last_contact_on=DAY - timedelta(days=10))
	assert not crosses_a_rule(state, rules, DAY - timedelta(days=1), DAY)


def test_no_crossing_without_time_passing_or_without_rules():
	state = CustomerState(CONVERT, DAY - timedelta(days=90), last_contact_on=DAY - timedelta(days=60))
	assert not crosses_a_rule(state, RULES, DAY, DAY)
	assert not crosses_a_rule(state, [], DAY - timedelta(days=5), DAY)
