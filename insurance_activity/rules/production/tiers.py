"""Productivity tiers (产能层级): the monthly review that moves an agent up or down by their results."""

import math
from dataclasses import dataclass

from insurance_activity.rules.production.performance import AgentMonth


@dataclass(frozen=True)
class TierRule:
	"""A productivity tier (产能层级: "2" new/low, "3" middle, "5" high) and the monthly averages it needs."""

	tier: str
	min_avg_fyc: float
	min_avg_cases: float


@dataclass(frozen=True)
class TierDecision:
	"""reason: "override", "no_history", "thresholds_met" or "floor" (stable keys for translation)."""

	tier: str
	reason: str
	overridden: bool
	avg_fyc: float = 0.0
	avg_cases: float = 0.0
	months_used: int = 0


def evaluate_tier(
	history: list[AgentMonth],
	rules: list[TierRule],
	lookback_months: int,
	override: str | None,
) -> TierDecision:
	"""An agent's productivity tier (产能层级) from average monthly FYC and cases over the latest
	`lookback_months` months of their history (fewer when fewer exist).

	`rules` run highest tier first; the first whose both minimums are met wins; the last rule is the
	floor, given even when its minimums are not met, and to agents with no history. A manual override
	(an admin's decision) wins over everything.
	"""
	if not rules:
		raise ValueError("at least one tier rule is required")
	if lookback_months < 1:
		raise ValueError(f"lookback_months must be at least 1, got {lookback_months}")
	if len({row.agent for row in history}) > 1:
		raise ValueError("history must belong to one agent")

	recent = sorted(history, key=lambda r: (r.year, r.month))[-lookback_months:]
	months_used = len(recent)
	avg_fyc = math.fsum(r.fyc for r in recent) / months_used if recent else 0.0
	avg_cases = sum(r.cases for r in recent) / months_used if recent else 0.0

	def decision(tier: str, reason: str, overridden: bool = False) -> TierDecision:
		return TierDecision(tier, reason, overridden, avg_fyc, avg_cases, months_used)

	if override:
		if override not in {rule.tier for rule in rules}:
			raise ValueError(f"override tier {override!r} is not one of the tier rules")
		return decision(override, "override", overridden=True)
	if not recent:
		return decision(rules[-1].tier, "no_history")
	for rule in rules[:-1]:
		if avg_fyc >= rule.min_avg_fyc and avg_cases >= rule.min_avg_cases:
			return decision(rule.tier, "thresholds_met")
	floor = rules[-1]
	met_floor = avg_fyc >= floor.min_avg_fyc and avg_cases >= floor.min_avg_cases
	return decision(floor.tier, "thresholds_met" if met_floor else "floor")
