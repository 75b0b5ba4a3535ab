"""Targets (目标) split from company to agent: premium to the cent, counts in whole units, each level adding up
exactly; the monthly distribution and the gap to date (差距)."""

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

_CENT = Decimal("0.01")


_PERCENT_TOLERANCE = 1e-6


_Key = TypeVar("_Key")


def split_target(total: float, weights: dict[str, float]) -> dict[str, float]:
	"""Decompose a target (company -> office -> team -> agent) in proportion to the weights.

	Parts are rounded to cents; the rounding remainder goes to the largest weight (the first one on a
	tie), so the parts add up exactly to the total. All-zero weights split equally; no weights -> {}.
	"""
	return _split_proportionally(total, weights)


def split_count(total: int, weights: dict[_Key, float]) -> dict[_Key, int]:
	"""Decompose a whole-number target (U headcount, activity volume, accompanied visits) in proportion to
	the weights, in whole units: each part is rounded down and the units left over go to the largest
	remainders (the first one on a tie), so the parts add up exactly to the total. All-zero weights split
	equally; no weights -> {}.
	"""
	if not weights:
		return {}
	if total < 0 or int(total) != total:
		raise ValueError(f"a count target must be a whole number of at least 0, got {total!r}")
	if any(w < 0 for w in weights.values()):
		raise ValueError("weights must not be negative")
	dec_weights = {key: Decimal(str(w)) for key, w in weights.items()}
	if not any(dec_weights.values()):
		dec_weights = dict.fromkeys(weights, Decimal(1))
	weight_sum = sum(dec_weights.values())

	exact = {key: Decimal(int(total)) * w / weight_sum for key, w in dec_weights.items()}
	parts = {key: int(value) for key, value in exact.items()}
	left_over = int(total) - sum(parts.values())
	order = list(weights)
	by_remainder = sorted(order, key=lambda key: (-(exact[key] - parts[key]), order.index(key)))
	for key in by_remainder[:left_over]:
		parts[key] += 1
	return parts


def gap_to_date(target: float, actual: float) -> float:
	"""What is still missing to reach the target (差距), in cents; 0 once the target is reached."""
	return float(max(_cents(target) - _cents(actual), Decimal(0)))


def monthly_distribution(annual: float, percentages: dict[int, float]) -> dict[int, float]:
	"""Spread an annual target over months 1..12 by each month's percentage (the 12 must add up to 100).

	Amounts are in cents and add up exactly to the annual target (see split_target).
	"""
	if set(percentages) != set(range(1, 13)):
		raise ValueError("percentages must be given for exactly the months 1..12")
	if any(p < 0 for p in percentages.values()):
		raise ValueError("percentages must not be negative")
	if abs(math.fsum(percentages.values()) - 100) > _PERCENT_TOLERANCE:
		raise ValueError("monthly percentages must add up to 100")
	return _split_proportionally(annual, {month: percentages[month] for month in range(1, 13)})


def _split_proportionally(total: float, weights: dict[_Key, float]) -> dict[_Key, float]:
	if not weights:
		return {}
	if any(w < 0 for w in weights.values()):
		raise ValueError("weights must not be negative")

	total_dec = _cents(total)
	dec_weights = {key: Decimal(str(w)) for key, w in weights.items()}
	if not any(dec_weights.values()):
		dec_weights = dict.fromkeys(weights, Decimal(1))
	weight_sum = sum(dec_weights.values())

	parts = {
		key: (total_dec * w / weight_sum).quantize(_CENT, ROUND_HALF_UP) for key, w in dec_weights.items()
	}
	largest = max(dec_weights, key=lambda key: dec_weights[key])
	parts[largest] += total_dec - sum(parts.values())
	return {key: float(part) for key, part in parts.items()}


def _cents(value: float) -> Decimal:
	return Decimal(str(value)).quantize(_CENT, ROUND_HALF_UP)
