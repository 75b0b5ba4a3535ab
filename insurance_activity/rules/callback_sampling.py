"""Daily callback sampling (抽样回访) and its assignment to callback officers (回访专员).

Every day company callback staff phone customers of yesterday's visits to verify them (电话回访).
A daily job samples yesterday's verifiable activities (sales interviews and visits with a phone
number) with `sample` and spreads the sample over the officers with `assign`. A visit that did not
happen stops counting and goes to management; that handling is not part of this module.

Every business number (sample rate, minimums, windows, capacity) comes in `SamplingConfig`, built
by the caller from settings. Same inputs give the same output: the only randomness is a
`random.Random` seeded from the seed string and the date, which is stable across Python runs.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from itertools import pairwise

from insurance_activity.rules.phones import phone_key

SKIP_NOT_VERIFIABLE = "not_verifiable"
SKIP_NO_PHONE = "no_phone"
SKIP_RECENT_PARTY = "recent_party"
SKIP_DUPLICATE_PARTY_TODAY = "duplicate_party_today"
SKIP_REASONS = (SKIP_NOT_VERIFIABLE, SKIP_NO_PHONE, SKIP_RECENT_PARTY, SKIP_DUPLICATE_PARTY_TODAY)


@dataclass(frozen=True)
class Candidate:
	"""One of yesterday's activities that the callback job may pick.

	`party_key` identifies the customer (its `phones.phone_key` or a customer id); it must be built the
	same way as the keys of `SamplingHistory.recent_parties`. `verifiable` says whether the activity
	kind can be verified by phone (sales interviews and visits can).
	"""

	activity_id: str
	agent: str
	team: str
	office: str
	party_key: str
	phone: str | None
	verifiable: bool


@dataclass(frozen=True)
class SamplingConfig:
	"""The admin's callback settings (抽样回访设置).

	- rate: share of each agent's eligible activities to check, 0..1, rounded up per agent.
	- min_per_agent: checks per agent with an eligible activity, whatever the rate gives.
	- min_per_team: checks per team (a supervisor's direct reports); shortfalls are topped up.
	- coverage_period_days: every agent is checked at least once in any period of this many days.
	- no_repeat_days: a customer checked this many days ago or fewer is not called again.
	- officer_capacity: checks one callback officer (回访专员) takes per day.
	"""

	rate: float
	min_per_agent: int
	min_per_team: int
	coverage_period_days: int
	no_repeat_days: int
	officer_capacity: int

	def __post_init__(self):
		if not 0 <= self.rate <= 1:
			raise ValueError(f"rate must be between 0 and 1, got {self.rate}")
		for name in (
			"min_per_agent",
			"min_per_team",
			"coverage_period_days",
			"no_repeat_days",
			"officer_capacity",
		):
			value = getattr(self, name)
			if isinstance(value, bool) or not isinstance(value, int) or value < 0:
				raise ValueError(f"{name} must be a whole number of 0 or more, got {value!r}")


@dataclass(frozen=True)
class SamplingHistory:
	"""What earlier callbacks already covered.

	- last_checked_agent: agent -> date of the last callback on one of their activities, or None when
	  never checked. Pass the active agents: an agent listed here with no activity yesterday is still
	  reported if overdue.
	- recent_parties: party_key -> date the customer was last called.
	"""

	last_checked_agent: dict[str, date | None] = field(default_factory=dict)
	recent_parties: dict[str, date] = field(default_factory=dict)


@dataclass(frozen=True)
class SampleResult:
	"""The day's sample.

	- selected: the activities to call, ordered by office, team, agent, activity id.
	- skipped: reason -> activity ids left out before sampling; every reason in SKIP_REASONS is a key.
	- overdue_agents: agents with no callback within coverage_period_days (or never) before today.
	- uncovered_agents: overdue agents still without a check today (no eligible activity yesterday).
	"""

	selected: list[Candidate]
	skipped: dict[str, list[str]]
	overdue_agents: list[str]
	uncovered_agents: list[str]


@dataclass(frozen=True)
class AssignResult:
	"""assignments: activity_id -> officer, in the order given; unassigned: beyond total capacity."""

	assignments: dict[str, str]
	unassigned: list[str]


def is_agent_overdue(for_date: date, last_checked: date | None, cfg: SamplingConfig) -> bool:
	"""Coverage rule: every agent is checked at least once in any coverage_period_days days.

	The period is the coverage_period_days days ending on for_date, so an agent last checked k days
	before for_date is overdue when k >= coverage_period_days (unless checked today, no check falls
	in the period). Never checked is overdue.
	"""
	if last_checked is None:
		return True
	return (for_date - last_checked).days >= cfg.coverage_period_days


def is_party_recent(for_date: date, last_called: date | None, cfg: SamplingConfig) -> bool:
	"""No-repeat rule: a customer called k days before for_date is not called again when
	k <= no_repeat_days; k = no_repeat_days + 1 is eligible again. A date on or after for_date
	counts as recent too.
	"""
	if last_called is None:
		return False
	return (for_date - last_called).days <= cfg.no_repeat_days


def agent_quota(eligible_count: int, overdue: bool, cfg: SamplingConfig) -> int:
	"""Per-agent stratum size: max(min_per_agent, ceil(rate * eligible)), at least 1 for an agent
	overdue for coverage, never more than the agent's eligible activities.
	"""
	by_rate = math.ceil(Fraction(str(cfg.rate)) * eligible_count)  # exact: 0.1 * 30 is 3, not 4
	wanted = max(cfg.min_per_agent, by_rate, 1 if overdue else 0)
	return min(wanted, eligible_count)


def sample(
	for_date: date,
	candidates: list[Candidate],
	history: SamplingHistory,
	cfg: SamplingConfig,
	seed: str = "",
) -> SampleResult:
	"""Pick the day's callbacks (抽样回访) from yesterday's activities.

	1. Skip activities whose kind cannot be verified (not_verifiable), then those without a usable
	   phone (no_phone), then customers called within no_repeat_days (recent_party).
	2. One check per customer per day: of several activities of one customer, keep one whose agent
	   is overdue if any, else the lowest activity id; the rest are duplicate_party_today.
	3. Stratify by agent: each agent gets `agent_quota` activities at random.
	4. Each team (supervisor) below min_per_team is topped up at random from its remaining
	   eligible activities, as far as they go. An empty team means no team and is not topped up.

	Candidates are sorted by activity id before drawing and the generator is seeded from
	f"{seed}:{for_date.isoformat()}", so input order does not matter and a rerun gives the same
	sample. officer_capacity does not cap the sample: `assign` reports what officers cannot take.
	"""
	ordered = sorted(candidates, key=lambda c: c.activity_id)
	_check_unique_ids(ordered)
	rng = random.Random(f"{seed}:{for_date.isoformat()}")

	agents = {c.agent for c in ordered} | set(history.last_checked_agent)
	overdue = {a for a in agents if is_agent_overdue(for_date, history.last_checked_agent.get(a), cfg)}

	skipped: dict[str, list[str]] = {reason: [] for reason in SKIP_REASONS}
	eligible = _one_per_party(_screen(for_date, ordered, history, cfg, skipped), overdue, skipped)

	by_agent = _group(eligible, lambda c: c.agent)
	chosen: set[str] = set()
	for agent in sorted(by_agent):
		pool = by_agent[agent]
		quota = agent_quota(len(pool), agent in overdue, cfg)
		chosen.update(c.activity_id for c in rng.sample(pool, quota))

	for team, pool in sorted(_group(eligible, lambda c: c.team).items()):
		if not team:
			continue
		shortfall = cfg.min_per_team - sum(c.activity_id in chosen for c in pool)
		remaining = [c for c in pool if c.activity_id not in chosen]
		if shortfall > 0 and remaining:
			extra = rng.sample(remaining, min(shortfall, len(remaining)))
			chosen.update(c.activity_id for c in extra)

	selected = sorted(
		(c for c in eligible if c.activity_id in chosen),
		key=lambda c: (c.office, c.team, c.agent, c.activity_id),
	)
	covered = {c.agent for c in selected}
	return SampleResult(
		selected=selected,
		skipped=skipped,
		overdue_agents=sorted(overdue),
		uncovered_agents=sorted(overdue - covered),
	)


def assign(
	selected: list[Candidate], officers: list[str], open_load: dict[str, int], capacity: int
) -> AssignResult:
	"""Share the day's callbacks among callback officers (回访专员).

	Each activity, in the order given, goes to the officer with the least load, ties broken by
	officer name; load counts open_load (checks already given to the officer that day). No officer
	goes above capacity; what does not fit, or everything when there are no officers, is unassigned.
	"""
	if capacity < 0:
		raise ValueError(f"capacity must be 0 or more, got {capacity}")
	load = {officer: open_load.get(officer, 0) for officer in officers}
	assignments: dict[str, str] = {}
	unassigned: list[str] = []
	for candidate in selected:
		free = [officer for officer in load if load[officer] < capacity]
		if not free:
			unassigned.append(candidate.activity_id)
			continue
		officer = min(free, key=lambda o: (load[o], o))
		assignments[candidate.activity_id] = officer
		load[officer] += 1
	return AssignResult(assignments=assignments, unassigned=unassigned)


def _check_unique_ids(ordered: list[Candidate]) -> None:
	for before, after in pairwise(ordered):
		if before.activity_id == after.activity_id:
			raise ValueError(f"activity {after.activity_id} is listed twice")


def _party_of(candidate: Candidate) -> str:
	"""The customer key; without a party_key the phone key stands for the customer."""
	return candidate.party_key or phone_key(candidate.phone) or ""


def _screen(
	for_date: date,
	ordered: list[Candidate],
	history: SamplingHistory,
	cfg: SamplingConfig,
	skipped: dict[str, list[str]],
) -> list[Candidate]:
	kept = []
	for c in ordered:
		if not c.verifiable:
			skipped[SKIP_NOT_VERIFIABLE].append(c.activity_id)
		elif phone_key(c.phone) is None:
			skipped[SKIP_NO_PHONE].append(c.activity_id)
		elif is_party_recent(for_date, history.recent_parties.get(_party_of(c)), cfg):
			skipped[SKIP_RECENT_PARTY].append(c.activity_id)
		else:
			kept.append(c)
	return kept


def _one_per_party(
	screened: list[Candidate], overdue: set[str], skipped: dict[str, list[str]]
) -> list[Candidate]:
	keep: dict[str, Candidate] = {}
	for c in sorted(screened, key=lambda c: (c.agent not in overdue, c.activity_id)):
		party = _party_of(c)
		if party in keep:
			skipped[SKIP_DUPLICATE_PARTY_TODAY].append(c.activity_id)
		else:
			keep[party] = c
	skipped[SKIP_DUPLICATE_PARTY_TODAY].sort()
	return sorted(keep.values(), key=lambda c: c.activity_id)


def _group(candidates, key) -> dict[str, list[Candidate]]:
	groups: dict[str, list[Candidate]] = {}
	for c in candidates:
		groups.setdefault(key(c), []).append(c)
	return groups
