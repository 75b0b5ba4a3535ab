from datetime import date, timedelta

import pytest

from insurance_activity.rules.customer_quadrant import (
	CAUSE_BOTH,
	CAUSE_FIRST,
	CAUSE_OVERRIDE,
	CAUSE_OVERRIDE_EXPIRED,
	CAUSE_TEMPERATURE,
	CAUSE_VALUE,
	CONFIRMED_CALLBACK,
	CONTACT,
	CONVERT,
	MAINTAIN_AND_UPSELL,
	QUADRANTS,
	STANDARD_SERVICE,
	STRATEGIES,
	VISIT,
	WARM_UP,
	Interaction,
	Override,
	PolicyFact,
	QuadrantConfig,
	ValueWeights,
	cools_by,
	days_until_cold,
	move_cause,
	override_in_force,
	override_until,
	place,
	quadrant_of,
	temperature_score,
	value_score,
)
from insurance_activity.rules.production.policies import SINGLE

DAY = date(2026, 6, 15)
WEIGHTS = ValueWeights(
	per_thousand_regular=1,
	per_thousand_single=0.2,
	per_policy=5,
	per_income_band=5,
	per_hundred_thousand_wanted=1,
)
CONFIG = QuadrantConfig(
	value_weights=WEIGHTS,
	temperature_weights={VISIT: 10, CONTACT: 5, CONFIRMED_CALLBACK: 5},
	half_life_days=30,
	value_threshold=20,
	temperature_threshold=10,
	override_days=30,
)


def test_value_weighs_regular_premium_more_than_single_and_counts_policies():
	regular = value_score([PolicyFact(10000)], WEIGHTS)
	single = value_score([PolicyFact(10000, SINGLE)], WEIGHTS)
	assert regular == 10 + 5
	assert single == 2 + 5
	assert value_score([PolicyFact(1000), PolicyFact(1000)], WEIGHTS) == 2 + 10


def test_value_adds_the_agents_income_band_and_sum_insured_wanted():
	assert value_score([], WEIGHTS, income_band="Below 100k") == 0
	assert value_score([], WEIGHTS, income_band="300k-1M") == 10
	assert value_score([], WEIGHTS, sum_insured_wanted=500000) == 5
	with pytest.raises(ValueError):
		value_score([], WEIGHTS, income_band="rich")


def test_temperature_halves_every_half_life():
	visit = [Interaction(DAY, VISIT)]
	assert temperature_score(visit, CONFIG.temperature_weights, 30, DAY) == 10
	assert temperature_score(visit, CONFIG.temperature_weights, 30, DAY + timedelta(days=30)) == 5
	assert temperature_score(visit, CONFIG.temperature_weights, 30, DAY + timedelta(days=60)) == 2.5


def test_temperature_sums_kinds_by_weight_and_ignores_the_future_and_unweighted_kinds():
	rows = [
		Interaction(DAY, VISIT),
		Interaction(DAY, CONTACT),
		Interaction(DAY, CONFIRMED_CALLBACK),
		Interaction(DAY, "Unknown"),
		Interaction(DAY + timedelta(days=1), VISIT),
	]
	assert temperature_score(rows, CONFIG.temperature_weights, 30, DAY) == 20


@pytest.mark.parametrize(
	"value, temperature, quadrant",
	[
		(20, 10, MAINTAIN_AND_UPSELL),  # both at the thresholds: high
		(20, 9.99, WARM_UP),
		(19.99, 10, CONVERT),
		(19.99, 9.99, STANDARD_SERVICE),
	],
)
def test_each_side_of_each_threshold(value, temperature, quadrant):
	assert quadrant_of(value, temperature, 20, 10) == quadrant


def test_every_quadrant_has_its_strategy():
	assert set(STRATEGIES) == set(QUADRANTS)


def test_a_warm_valuable_customer_cools_into_warm_up_as_time_passes():
	policies = [PolicyFact(15000)]  # 15 + 5 = 20: high value
	visits = [Interaction(DAY, VISIT)]
	assert place(policies, visits, CONFIG, DAY).quadrant == MAINTAIN_AND_UPSELL
	assert place(policies, visits, CONFIG, DAY + timedelta(days=1)).quadrant == WARM_UP
	assert place([], visits, CONFIG, DAY).quadrant == CONVERT
	assert place([], [], CONFIG, DAY).quadrant == STANDARD_SERVICE


def test_an_override_wins_through_its_last_day_then_expires():
	until = override_until(DAY, CONFIG.override_days)
	assert until == DAY + timedelta(days=29)
	override = Override(MAINTAIN_AND_UPSELL, "Met the family, buying soon", until)
	kept = place([], [], CONFIG, until, override=override)
	assert (kept.quadrant, kept.computed_quadrant, kept.overridden) == (
		MAINTAIN_AND_UPSELL,
		STANDARD_SERVICE,
		True,
	)
	expired = place([], [], CONFIG, until + timedelta(days=1), override=override)
	assert (expired.quadrant, expired.overridden) == (STANDARD_SERVICE, False)
	assert not override_in_force(None, DAY)
	with pytest.raises(ValueError):
		place([], [], CONFIG, DAY, override=Override("Gold", "x", until))


def test_a_move_names_its_cause():
	thresholds = (CONFIG.value_threshold, CONFIG.temperature_threshold)
	cold = place([], [], CONFIG, DAY)
	warm = place([], [Interaction(DAY, VISIT)], CONFIG, DAY)
	valuable = place([PolicyFact(15000)], [], CONFIG, DAY)
	both = place([PolicyFact(15000)], [Interaction(DAY, VISIT)], CONFIG, DAY)
	overridden = place([], [], CONFIG, DAY, override=Override(CONVERT, "why", DAY))
	assert move_cause(None, cold, thresholds) == CAUSE_FIRST
	assert move_cause(cold, cold, thresholds) is None
	assert move_cause(cold, warm, thresholds) == CAUSE_TEMPERATURE
	assert move_cause(cold, valuable, thresholds) == CAUSE_VALUE
	assert move_cause(cold, both, thresholds) == CAUSE_BOTH
	assert move_cause(cold, overridden, thresholds) == CAUSE_OVERRIDE
	assert move_cause(overridden, cold, thresholds) == CAUSE_OVERRIDE_EXPIRED


def test_decay_alone_crosses_the_threshold_after_a_half_life_per_doubling():
	assert days_until_cold(20, 10, 30) == 30
	assert days_until_cold(5, 10, 30) == 0
	assert days_until_cold(5, 0, 30) is None
	assert not cools_by(20, DAY, DAY + timedelta(days=30), 10, 30)  # exactly 10: still warm
	assert cools_by(20, DAY, DAY + timedelta(days=31), 10, 30)
	assert not cools_by(5, DAY, DAY + timedelta(days=31), 10, 30)  # already cold: no crossing
