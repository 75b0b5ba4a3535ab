"""Customer Quadrant (客户四象限): a customer's value (价值) x relationship temperature (温度), and the strategy.

domain.md, "Customers: the four quadrants":

| quadrant | value | temperature | strategy |
| --- | --- | --- | --- |
| Maintain and Upsell (维护加保) | high | high | maintain; high-end events; upsell (加保) |
| Warm Up (升温) | high | low | warm up through service and personal attention |
| Convert (转化) | low | high | convert: product fit, raise needs |
| Standard Service (常规服务) | low | low | standard service; keep in touch; wait for an opening |

The value score comes from the customer's in-force policies and what the agent recorded; the temperature
score from dated interactions, each kind with a weight, halving every `half_life_days`. Plain data in,
plain data out: every number (weights, half-life, thresholds, override days) comes from the caller's
settings. An agent's override wins until it expires; "high" means at or above the threshold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from insurance_activity.rules.production.policies import REGULAR, SINGLE

MAINTAIN_AND_UPSELL = "Maintain and Upsell"
WARM_UP = "Warm Up"
CONVERT = "Convert"
STANDARD_SERVICE = "Standard Service"
QUADRANTS = (MAINTAIN_AND_UPSELL, WARM_UP, CONVERT, STANDARD_SERVICE)

# each quadrant's strategy (domain.md); the shell translates it
STRATEGIES = {
	MAINTAIN_AND_UPSELL: "Maintain the relationship; invite to high-end events; upsell (加保).",
	WARM_UP: "Warm up through service and personal attention.",
	CONVERT: "Convert: find the product fit and raise the needs.",
	STANDARD_SERVICE: "Standard service: keep in touch and wait for an opening.",
}

# interaction kinds that warm a relationship (their weights are settings)
VISIT = "Visit"  # an Agent Log activity met face to face (a verifiable kind)
CONTACT = "Contact"  # any other Agent Log activity with the customer (a phone appointment ...)
CONFIRMED_CALLBACK = "Confirmed Callback"  # a phone callback confirmed the visit
CAMPAIGN_ATTENDED = "Campaign Attended"  # came to a published activity campaign (活动企划), on its last day
INTERACTION_KINDS = (VISIT, CONTACT, CONFIRMED_CALLBACK, CAMPAIGN_ATTENDED)

# household income bands an agent may record, lowest first: the band's level is its index
INCOME_BANDS = ("Below 100k", "100k-300k", "300k-1M", "Above 1M")

# why a customer moved (stable keys; the shell translates them)
CAUSE_FIRST = "First Placement"
CAUSE_VALUE = "Value Changed"
CAUSE_TEMPERATURE = "Temperature Changed"
CAUSE_BOTH = "Value and Temperature Changed"
CAUSE_OVERRIDE = "Agent Override"
CAUSE_OVERRIDE_EXPIRED = "Override Expired"
CAUSES = (CAUSE_FIRST, CAUSE_VALUE, CAUSE_TEMPERATURE, CAUSE_BOTH, CAUSE_OVERRIDE, CAUSE_OVERRIDE_EXPIRED)


@dataclass(frozen=True)
class PolicyFact:
	"""One in-force policy of the customer: annual premium in yuan, payment mode Regular or Single."""

	annual_premium: float
	payment_mode: str = REGULAR


@dataclass(frozen=True)
class ValueWeights:
	"""Points of the value score (价值): per 1,000 yuan of regular and of single premium, per policy, per
	income band level above the lowest, per 100,000 yuan of sum insured the customer wants."""

	per_thousand_regular: float
	per_thousand_single: float
	per_policy: float
	per_income_band: float = 0.0
	per_hundred_thousand_wanted: float = 0.0


@dataclass(frozen=True)
class Interaction:
	"""A dated interaction with the customer; kind is one of INTERACTION_KINDS (or any weighted kind)."""

	on: date
	kind: str


@dataclass(frozen=True)
class QuadrantConfig:
	"""The settings of the classification: value weights, temperature weights per interaction kind, the
	half-life of warmth in days, the two thresholds (high at or above) and how long an override lasts."""

	value_weights: ValueWeights
	temperature_weights: Mapping[str, float]
	half_life_days: float
	value_threshold: float
	temperature_threshold: float
	override_days: int = 30


@dataclass(frozen=True)
class Override:
	"""An agent's quadrant chosen by hand, with the reason, in force through `until` (inclusive)."""

	quadrant: str
	reason: str
	until: date


@dataclass(frozen=True)
class Placement:
	"""Where a customer stands on a day: the scores, the computed and the effective quadrant."""

	value: float
	temperature: float
	computed_quadrant: str
	quadrant: str
	overridden: bool


def value_score(
	policies: Iterable[PolicyFact],
	weights: ValueWeights,
	income_band: str | None = None,
	sum_insured_wanted: float = 0.0,
) -> float:
	"""The value score (价值) from in-force policies (regular premium weighs per_thousand_regular per 1,000
	yuan, single premium per_thousand_single, each policy per_policy) plus the agent's optional records:
	the household income band (its level in INCOME_BANDS) and the sum insured wanted (per 100,000 yuan)."""
	policies = list(policies)
	regular = math.fsum(p.annual_premium for p in policies if p.payment_mode != SINGLE)
	single = math.fsum(p.annual_premium for p in policies if p.payment_mode == SINGLE)
	score = (
		regular / 1000 * weights.per_thousand_regular
		+ single / 1000 * weights.per_thousand_single
		+ len(policies) * weights.per_policy
	)
	if income_band:
		if income_band not in INCOME_BANDS:
			raise ValueError(f"unknown income band {income_band!r}")
		score += INCOME_BANDS.index(income_band) * weights.per_income_band
	score += (sum_insured_wanted or 0) / 100000 * weights.per_hundred_thousand_wanted
	return round(score, 4)


def decay(weight: float, age_days: float, half_life_days: float) -> float:
	"""What `weight` of warmth is left after `age_days`: it halves every `half_life_days`."""
	if half_life_days <= 0:
		raise ValueError(f"half_life_days must be more than 0, got {half_life_days}")
	return weight * 0.5 ** (max(age_days, 0) / half_life_days)


def temperature_score(
	interactions: Iterable[Interaction], weights: Mapping[str, float], half_life_days: float, on: date
) -> float:
	"""The temperature score (温度) on day `on`: each interaction's kind weight, halved every half-life
	since its day. Interactions after `on` do not count yet; a kind without a weight counts 0."""
	return round(
		math.fsum(
			decay(weights.get(i.kind, 0.0), (on - i.on).days, half_life_days)
			for i in interactions
			if i.on <= on
		),
		4,
	)


def quadrant_of(
	value: float, temperature: float, value_threshold: float, temperature_threshold: float
) -> str:
	"""The quadrant of a value and a temperature: high is at or above its threshold."""
	high_value = value >= value_threshold
	warm = temperature >= temperature_threshold
	if high_value:
		return MAINTAIN_AND_UPSELL if warm else WARM_UP
	return CONVERT if warm else STANDARD_SERVICE


def override_in_force(override: Override | None, on: date) -> bool:
	"""An override counts through its `until` day and no longer."""
	return bool(override and override.quadrant and override.until and on <= override.until)


def override_until(set_on: date, override_days: int) -> date:
	"""The last day an override set on `set_on` counts (the settings' override days, at least one day)."""
	return set_on + timedelta(days=max(override_days, 1) - 1)


def place(
	policies: Iterable[PolicyFact],
	interactions: Iterable[Interaction],
	config: QuadrantConfig,
	on: date,
	income_band: str | None = None,
	sum_insured_wanted: float = 0.0,
	override: Override | None = None,
) -> Placement:
	"""A customer's placement on day `on`: the scores, the computed quadrant, and the effective one (the
	agent's override while it is in force)."""
	if override and override.quadrant not in QUADRANTS:
		raise ValueError(f"unknown quadrant {override.quadrant!r}")
	value = value_score(policies, config.value_weights, income_band, sum_insured_wanted)
	temperature = temperature_score(interactions, config.temperature_weights, config.half_life_days, on)
	computed = quadrant_of(value, temperature, config.value_threshold, config.temperature_threshold)
	overridden = override_in_force(override, on)
	return Placement(value, temperature, computed, override.quadrant if overridden else computed, overridden)


def move_cause(before: Placement | None, after: Placement, thresholds: tuple[float, float]) -> str | None:
	"""Why the effective quadrant moved from `before` to `after` (a CAUSES key), None when it did not.

	thresholds: (value, temperature). A first placement is a move from nothing."""
	if before is None:
		return CAUSE_FIRST
	if before.quadrant == after.quadrant:
		return None
	if after.overridden:
		return CAUSE_OVERRIDE
	if before.overridden:
		return CAUSE_OVERRIDE_EXPIRED
	value_side = (before.value >= thresholds[0]) != (after.value >= thresholds[0])
	temperature_side = (before.temperature >= thresholds[1]) != (after.temperature >= thresholds[1])
	if value_side and temperature_side:
		return CAUSE_BOTH
	return CAUSE_VALUE if value_side else CAUSE_TEMPERATURE


def days_until_cold(temperature: float, threshold: float, half_life_days: float) -> float | None:
	"""Days until a temperature, left alone, decays below `threshold`: 0 when already below, None when the
	threshold is 0 or less (never). Lets a recompute find the customers whose decay crosses it."""
	if threshold <= 0:
		return None
	if temperature < threshold:
		return 0.0
	return half_life_days * math.log2(temperature / threshold)


def cools_by(temperature: float, since: date, on: date, threshold: float, half_life_days: float) -> bool:
	"""True when a temperature warm (at or above threshold) on `since` has decayed below it by `on`,
	with no new interaction: the customer's quadrant moves by decay alone."""
	if temperature < threshold:
		return False
	return decay(temperature, (on - since).days, half_life_days) < threshold
