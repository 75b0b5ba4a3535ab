"""Quality check (质检) of the two meetings (二会经营): the scored rubric and an automatic pre-score.

Pure rules over plain data: no ``frappe`` import. The rubric's criteria, their weights and the pass
mark (an "energy score" 能量值 of 60 or more passes) come from the app's settings; the pre-score's
weights and thresholds do too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PRE_SCORE_FACTORS = ("sections", "duration", "attendance", "check_share", "action_items", "punctuality")

# Binary floating point turns an exact 60 into 59.99999999999999; rounding far below any displayed
# precision keeps the pass-mark comparison honest.
_FLOAT_NOISE_DIGITS = 9


@dataclass(frozen=True)
class Criterion:
	"""One line of the quality-check rubric (质检评分项), e.g. content completeness, process compliance,
	interaction effectiveness: a key, its relative weight and the highest score a checker can give."""

	key: str
	weight: float
	max_score: float

	def __post_init__(self) -> None:
		if self.weight < 0:
			raise ValueError(f"criterion {self.key!r}: weight must not be negative, got {self.weight}")
		if self.max_score <= 0:
			raise ValueError(f"criterion {self.key!r}: max_score must be positive, got {self.max_score}")


def _clamp(value: float, low: float, high: float) -> float:
	return max(low, min(high, value))


def _weighted_percent(weights: Mapping[str, float], shares: Mapping[str, float]) -> float:
	"""100 x the weighted mean of 0..1 shares; weights are normalised so they need not sum to 1."""
	total_weight = math.fsum(weights.values())
	if total_weight <= 0:
		raise ValueError("the weights must add up to more than zero")
	weighted = math.fsum(weights[key] * shares[key] for key in weights)
	return round(100 * weighted / total_weight, _FLOAT_NOISE_DIGITS)


def score_total(criteria: Iterable[Criterion], scores: Mapping[str, float]) -> float:
	"""Energy score (能量值) of a quality check, 0-100: the weighted mean of each criterion's share of its
	maximum. Weights are normalised; each score is clamped to 0..max_score.

	Every criterion needs a score and every score needs a criterion, so a typo cannot pass silently.
	"""
	criteria = list(criteria)
	keys = [criterion.key for criterion in criteria]
	if len(set(keys)) != len(keys):
		raise ValueError(f"criterion keys must be unique, got {keys}")
	unknown = sorted(set(scores) - set(keys))
	if unknown:
		raise ValueError(f"scores given for unknown criteria: {', '.join(unknown)}")
	missing = [key for key in keys if key not in scores]
	if missing:
		raise ValueError(f"no score given for criteria: {', '.join(missing)}")
	weights = {criterion.key: criterion.weight for criterion in criteria}
	shares = {
		criterion.key: _clamp(scores[criterion.key], 0, criterion.max_score) / criterion.max_score
		for criterion in criteria
	}
	return _weighted_percent(weights, shares)


def passes(total: float, pass_mark: float) -> bool:
	"""A meeting passes the quality check when its energy score (能量值) reaches the pass mark (60): 60 passes."""
	return total >= pass_mark


@dataclass(frozen=True)
class MeetingEvidence:
	"""What the records of one meeting show, gathered by the caller for the pre-score.

	- ``sections_total`` / ``sections_filled``: agenda sections of the minutes (e.g. the five chapters of
	  月规划会, or plan/do/check/act of 周复盘会) and how many are filled in ("recorded in full").
	- ``duration_minutes`` (None when not recorded) and ``minimum_minutes`` ("longer than 30 minutes").
	- ``attendance_rate``: 出席率 of supervisors and above, 0..1.
	- ``check_share`` (None when not recorded) and ``target_check_share``: share of the meeting spent on
	  the check step (drill-down questioning), target about 70%.
	- ``action_items_total`` / ``action_items_complete``: action-plan items, and how many have both an
	  owner and a due date.
	- ``held_on_schedule``: held on the scheduled date; ``started_on_time``: started within the start rule.
	"""

	sections_total: int
	sections_filled: int
	duration_minutes: float | None
	minimum_minutes: float
	attendance_rate: float
	check_share: float | None
	target_check_share: float
	action_items_total: int
	action_items_complete: int
	held_on_schedule: bool
	started_on_time: bool


def _share(part: float, whole: float) -> float:
	return _clamp(part / whole, 0, 1) if whole > 0 else 0.0


def sections_score(evidence: MeetingEvidence) -> float:
	"""Recorded in full (完整记录): sections_filled / sections_total, 0 when the minutes have no sections."""
	return _share(evidence.sections_filled, evidence.sections_total)


def duration_score(evidence: MeetingEvidence) -> float:
	"""Longer than the minimum: 1 when duration_minutes > minimum_minutes, else 0 (also when not recorded).

	Binary because the rule is a hard one: a 30-minute meeting does not count, however close it came.
	"""
	if evidence.duration_minutes is None:
		return 0.0
	return 1.0 if evidence.duration_minutes > evidence.minimum_minutes else 0.0


def attendance_score(evidence: MeetingEvidence) -> float:
	"""Attendance (出席率): the attendance rate itself, clamped to 0..1."""
	return _clamp(evidence.attendance_rate, 0, 1)


def check_share_score(evidence: MeetingEvidence) -> float:
	"""PDCA check step (about 70% of the meeting): min(check_share / target_check_share, 1), 0 when not
	recorded. Going beyond the target earns no extra credit; a target of 0 is met by any recorded share."""
	if evidence.check_share is None:
		return 0.0
	if evidence.target_check_share <= 0:
		return 1.0
	return _share(evidence.check_share, evidence.target_check_share)


def action_items_score(evidence: MeetingEvidence) -> float:
	"""PDCA act step (action plan): action_items_complete / action_items_total, counting only items with
	both an owner and a due date; 0 when the meeting produced no action items."""
	return _share(evidence.action_items_complete, evidence.action_items_total)


def punctuality_score(evidence: MeetingEvidence) -> float:
	"""Held on the scheduled date and started on time: half a point each."""
	return (int(evidence.held_on_schedule) + int(evidence.started_on_time)) / 2


_FACTOR_SCORES = {
	"sections": sections_score,
	"duration": duration_score,
	"attendance": attendance_score,
	"check_share": check_share_score,
	"action_items": action_items_score,
	"punctuality": punctuality_score,
}


def pre_score(evidence: MeetingEvidence, weights: Mapping[str, float]) -> dict[str, float]:
	"""Automatic pre-score of a meeting before the human quality check (质检).

	Returns each factor's 0..1 sub-score and ``"total"``: 100 x the weighted mean over the factors named
	in ``weights`` (normalised). A factor whose evidence is missing scores 0. An unknown factor or a
	negative weight raises ValueError. The factors (details in the ``*_score`` functions):

	- ``sections``: sections_filled / sections_total (recorded in full);
	- ``duration``: 1 if duration_minutes > minimum_minutes else 0;
	- ``attendance``: attendance_rate (出席率);
	- ``check_share``: min(check_share / target_check_share, 1) (check step, about 70%);
	- ``action_items``: action_items_complete / action_items_total (owner and due date set);
	- ``punctuality``: (held_on_schedule + started_on_time) / 2.
	"""
	unknown = sorted(set(weights) - set(_FACTOR_SCORES))
	if unknown:
		raise ValueError(
			f"unknown pre-score factors: {', '.join(unknown)}; expected some of {', '.join(PRE_SCORE_FACTORS)}"
		)
	negative = sorted(key for key, weight in weights.items() if weight < 0)
	if negative:
		raise ValueError(f"pre-score weights must not be negative: {', '.join(negative)}")
	sub_scores = {key: score(evidence) for key, score in _FACTOR_SCORES.items()}
	return {**sub_scores, "total": _weighted_percent(weights, sub_scores)}
