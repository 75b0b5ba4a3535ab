"""Activity-point contests (活动积分竞赛): a day's activities turned into points, and the ranking.

The contest is data (Points Contest: rule rows, tier multipliers, the qualification minimums); the caller
reads the rows and the logs and passes them in. The rules:

- **Rule in force** (versioned rules): for an activity kind on a day, the row of that kind with the latest
  Effective From on or before the day applies; a kind with no row in force scores nothing. A rule changed
  mid-contest is a new row with a later Effective From, so the days before keep their points.
- **Points of a day**: per kind, the day's valid activities (a row invalidated by a callback or an incident
  never counts), at most the rule's daily cap (0: no cap), times the rule's points; the day's raw points
  are their sum, times the agent's tier multiplier (1 when the tier has none).
- **Qualification**: at least the contest's minimum standard-met days (5311 days, 达标天数) in the period
  and, when the contest sets one, at least its minimum number of policies issued in the period.
- **Tie-break** (the order of the leaderboard): more points first, then more standard-met days, then the
  earlier day the total was reached (the last day that added points), then the name (then the id).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class PointsRule:
	"""One rule row: `points` per activity of `activity_kind`, at most `daily_cap` activities a day counted
	(0: no cap), in force from `effective_from` until a later row of the same kind."""

	activity_kind: str
	points: float
	daily_cap: int
	effective_from: date


@dataclass(frozen=True)
class DayActivity:
	"""An activity row of the day's log: its kind, how many (activity_count, at least 1), and whether it
	still counts (not invalidated)."""

	activity_kind: str
	count: int
	valid: bool = True


@dataclass(frozen=True)
class DayPoints:
	activities: int  # activities that scored (after the caps)
	raw_points: float  # before the tier multiplier
	multiplier: float
	points: float  # raw_points x multiplier


@dataclass(frozen=True)
class Standing:
	"""A participant's contest so far (an agent, or a team under its head)."""

	participant: str
	name: str
	points: float
	standard_met_days: int
	reached_on: date | None  # the last day that added points; None with no points
	policies: int = 0


@dataclass(frozen=True)
class Ranked:
	rank: int
	standing: Standing
	qualified: bool


@dataclass(frozen=True)
class Qualification:
	"""min_standard_met_days: standard-met days needed; min_policies: policies issued in the period (0: no
	policy condition)."""

	min_standard_met_days: int = 0
	min_policies: int = 0


def rule_in_force(rules: Iterable[PointsRule], activity_kind: str, day: date) -> PointsRule | None:
	"""The row of `activity_kind` in force on `day`: the latest Effective From on or before the day
	(the later row of two with one date); None when no row of the kind is in force yet."""
	found = None
	for rule in rules:
		if rule.activity_kind != activity_kind or rule.effective_from > day:
			continue
		if found is None or rule.effective_from >= found.effective_from:
			found = rule
	return found


def day_points(
	activities: Iterable[DayActivity], rules: Iterable[PointsRule], day: date, multiplier: float = 1.0
) -> DayPoints:
	"""The points of one agent's day: valid activities per kind, capped by the rule in force, times its
	points, times the tier multiplier (rounded to 2 decimals)."""
	rules = list(rules)
	counts: dict[str, int] = {}
	for activity in activities:
		if activity.valid and activity.activity_kind:
			counts[activity.activity_kind] = counts.get(activity.activity_kind, 0) + max(
				int(activity.count or 0), 1
			)
	scored, raw = 0, 0.0
	for kind, count in sorted(counts.items()):
		rule = rule_in_force(rules, kind, day)
		if rule is None:
			continue
		counted = min(count, rule.daily_cap) if rule.daily_cap and rule.daily_cap > 0 else count
		scored += counted
		raw += counted * rule.points
	return DayPoints(scored, round(raw, 2), multiplier, round(raw * multiplier, 2))


def tier_multiplier(tier: str | None, multipliers: dict[str, float]) -> float:
	"""The tier's multiplier; 1 for a tier the contest does not name (or no tier)."""
	value = multipliers.get(tier or "")
	return float(value) if value else 1.0


def qualifies(standing: Standing, rule: Qualification) -> bool:
	"""Enough standard-met days and, when the contest asks for policies, enough policies issued."""
	return standing.standard_met_days >= rule.min_standard_met_days and (
		not rule.min_policies or standing.policies >= rule.min_policies
	)


@dataclass
class _Total:
	name: str
	points: float = 0.0
	met_days: set = field(default_factory=set)
	reached_on: date | None = None


def standings(
	rows: Iterable[dict],
	key: str = "agent",
	names: dict[str, str] | None = None,
	policies: dict | None = None,
) -> list[Standing]:
	"""Add up ledger rows ({"agent", "team", "day", "points", "standard_met"}) per participant (`key`:
	"agent" or "team"). A team's standard-met days count each member's day met (three members meeting
	the standard on one day make 3). `names`: participant -> name
	shown; `policies`: participant -> policies issued in the period."""
	totals: dict[str, _Total] = {}
	names, policies = names or {}, policies or {}
	for row in rows:
		who = row[key]
		if not who:
			continue
		total = totals.setdefault(who, _Total(names.get(who, who)))
		points = float(row.get("points") or 0)
		total.points += points
		if row.get("standard_met"):
			total.met_days.add((row["agent"], row["day"]))
		if points > 0 and (total.reached_on is None or row["day"] > total.reached_on):
			total.reached_on = row["day"]
	return [
		Standing(who, t.name, round(t.points, 2), len(t.met_days), t.reached_on, int(policies.get(who, 0)))
		for who, t in totals.items()
	]


def tie_break_key(standing: Standing) -> tuple:
	"""The leaderboard order: more points, more standard-met days, earlier day the total was reached (none
	last), then name and id."""
	reached = standing.reached_on.toordinal() if standing.reached_on else float("inf")
	return (-standing.points, -standing.standard_met_days, reached, standing.name, standing.participant)


def rank(entries: Iterable[Standing], qualification: Qualification) -> list[Ranked]:
	"""The leaderboard: participants in tie-break order, ranked 1, 2, 3 ... (the tie-break leaves no tie),
	each with whether they qualify."""
	ordered = sorted(entries, key=tie_break_key)
	return [Ranked(n, s, qualifies(s, qualification)) for n, s in enumerate(ordered, start=1)]
