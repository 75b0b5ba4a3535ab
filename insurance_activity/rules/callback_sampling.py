"""Daily callback sampling (抽样回访) and its assignment to callback officers (回访专员).

Every day company callback staff phone customers of yesterday's visits to verify them (电话回访).
A daily job samples yesterday's verifiable activities (sales interviews and visits with a phone
number) with `sample` and spreads the sample over the officers with `assign`. A visit that did not
happen stops counting and goes to management; that handling is not part of this module.

What the settings mean (抽样回访设置):
- the sampling rate sets the day's volume: ceil(rate x the day's verifiable visits with a phone);
- the minimums per agent and per team, and "every agent at least once", hold over the coverage window
  (any coverage_period_days consecutive days), not every day: the day's sample first tops up the agents
  and teams that would otherwise fall short in the window ending today (looking back at their earlier
  unchecked visits within the window when the day has none to offer), then draws the rest of the day's
  volume at random;
- no customer is called twice within no_repeat_days, whatever the reason for the call;
- no officer gets more than officer_capacity checks a day (`assign`, `has_room`).

Every business number comes in `SamplingConfig`, built by the caller from settings. Same inputs give the
same output: the only randomness is a `random.Random` seeded from the seed string and the date, which is
stable across Python runs.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
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
	"""An activity the callback job may pick (one of the sampled day's, or an earlier one looked back at).

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

	- rate: the day's volume, 0..1 of the day's verifiable visits with a phone, rounded up.
	- min_per_agent: checks per agent within any coverage window (a check lasts the window).
	- min_per_team: checks per team (a supervisor's direct reports) within any coverage window.
	- coverage_period_days: the window; every active agent is checked at least once in any period of
	  this many days.
	- no_repeat_days: a customer called this many days ago or fewer is not called again.
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
	- recent_parties: party_key -> date the customer was last called (by anyone, for any reason).
	- agent_checks_in_window / team_checks_in_window: agent or team -> checks with a callback date in
	  `window_before(for_date)`, the days before for_date that share a coverage window with it; missing
	  means none.
	"""

	last_checked_agent: dict[str, date | None] = field(default_factory=dict)
	recent_parties: dict[str, date] = field(default_factory=dict)
	agent_checks_in_window: dict[str, int] = field(default_factory=dict)
	team_checks_in_window: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SampleResult:
	"""The day's sample.

	- selected: the activities to call, ordered by office, team, agent, activity id (the day's and the
	  looked-back ones).
	- skipped: reason -> the day's activity ids left out before sampling; every reason in SKIP_REASONS
	  is a key.
	- overdue_agents: agents with no callback within coverage_period_days (or never) before today.
	- uncovered_agents: agents still short of their window's checks after today's sample (nothing
	  eligible to call, today or looked back).
	- target: the day's volume by rate, ceil(rate x the day's verifiable visits with a phone).
	- for_minimums: ids drawn to keep coverage and the window's minimums (the rest is drawn by rate).
	- looked_back: selected ids that are earlier visits, drawn for an agent or team short in the window.
	"""

	selected: list[Candidate]
	skipped: dict[str, list[str]]
	overdue_agents: list[str]
	uncovered_agents: list[str]
	target: int = 0
	for_minimums: list[str] = field(default_factory=list)
	looked_back: list[str] = field(default_factory=list)


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


def window_before(for_date: date, cfg: SamplingConfig) -> tuple[date, date] | None:
	"""(first, last) callback dates before for_date inside the coverage window ending on for_date:
	the coverage_period_days - 1 days before it; None when the window is today alone."""
	if cfg.coverage_period_days <= 1:
		return None
	return for_date - timedelta(days=cfg.coverage_period_days - 1), for_date - timedelta(days=1)


def is_party_recent(for_date: date, last_called: date | None, cfg: SamplingConfig) -> bool:
	"""No-repeat rule: a customer called k days before for_date is not called again when
	k <= no_repeat_days; k = no_repeat_days + 1 is eligible again. A date on or after for_date
	counts as recent too.
	"""
	if last_called is None:
		return False
	return (for_date - last_called).days <= cfg.no_repeat_days


def day_target(verifiable_visits: int, cfg: SamplingConfig) -> int:
	"""The day's volume by rate: ceil(rate x verifiable visits with a phone), exactly (0.1 x 30 is 3)."""
	return math.ceil(Fraction(str(cfg.rate)) * verifiable_visits)


def agent_need(for_date: date, agent: str, history: SamplingHistory, cfg: SamplingConfig) -> int:
	"""Checks the agent still needs today for the window ending today: min_per_agent less the checks
	already in the window, and at least 1 when overdue for coverage (never checked within the period)."""
	overdue = is_agent_overdue(for_date, history.last_checked_agent.get(agent), cfg)
	short = cfg.min_per_agent - history.agent_checks_in_window.get(agent, 0)
	return max(short, 1 if overdue else 0, 0)


def team_need(team: str, history: SamplingHistory, cfg: SamplingConfig) -> int:
	"""Checks the team still needs today: min_per_team less the team's checks already in the window."""
	return max(cfg.min_per_team - history.team_checks_in_window.get(team, 0), 0) if team else 0


def has_room(load: int, capacity: int) -> bool:
	"""Whether an officer with `load` checks on a day may take one more (officer_capacity, 每日回访量)."""
	return load < capacity


def pick_spot_check(
	for_date: date, choices: list[tuple[str, str]], recent_parties: dict[str, date], cfg, seed: str
) -> str | None:
	"""The supervisor's spot-check offer (抽查回访): one of (activity_id, party_key) drawn with the seed
	among customers not called within no_repeat_days; None when every one was (never a fallback)."""
	fresh = sorted(
		activity_id
		for activity_id, party in choices
		if not is_party_recent(for_date, recent_parties.get(party), cfg)
	)
	return random.Random(seed).choice(fresh) if fresh else None


def sample(
	for_date: date,
	candidates: list[Candidate],
	history: SamplingHistory,
	cfg: SamplingConfig,
	seed: str = "",
	lookback: list[Candidate] | None = None,
) -> SampleResult:
	"""Pick the day's callbacks (抽样回访) from yesterday's activities (`candidates`).

	1. Skip activities whose kind cannot be verified (not_verifiable), then those without a usable
	   phone (no_phone), then customers called within no_repeat_days (recent_party). The day's target
	   is `day_target` of the activities left after the first two.
	2. Coverage and minimums over the window, agents first (by name), then teams: each draws
	   `agent_need` / `team_need` checks at random from its eligible activities of the day, and what the
	   day cannot give from `lookback` (earlier unchecked activities within the window, screened the same
	   way). An empty team means no team and has no minimum.
	3. The rest of the target is drawn at random from the day's eligible activities.
	4. One call per customer per day, in every draw: the day's activities not drawn whose customer is
	   called today, or repeats one also not drawn, are duplicate_party_today.

	Candidates are sorted by activity id before drawing and the generator is seeded from
	f"{seed}:{for_date.isoformat()}", so input order does not matter and a rerun gives the same
	sample. officer_capacity does not cap the sample: `assign` reports what officers cannot take.
	"""
	ordered = sorted(candidates, key=lambda c: c.activity_id)
	earlier = sorted(lookback or [], key=lambda c: c.activity_id)
	_check_unique_ids(sorted([*ordered, *earlier], key=lambda c: c.activity_id))
	rng = random.Random(f"{seed}:{for_date.isoformat()}")

	agents = {c.agent for c in ordered} | set(history.last_checked_agent)
	overdue = {a for a in agents if is_agent_overdue(for_date, history.last_checked_agent.get(a), cfg)}
	need = {a: agent_need(for_date, a, history, cfg) for a in agents}

	skipped: dict[str, list[str]] = {reason: [] for reason in SKIP_REASONS}
	screened = _screen(for_date, ordered, history, cfg, skipped)
	target = day_target(len(ordered) - len(skipped[SKIP_NOT_VERIFIABLE]) - len(skipped[SKIP_NO_PHONE]), cfg)
	needy = {a for a, n in need.items() if n > 0}
	eligible = screened
	back = _screen(for_date, [c for c in earlier if c.agent in agents], history, cfg, _no_skips())

	draw = _Draw(rng)
	today_by_agent, back_by_agent = _group(eligible, _agent), _group(back, _agent)
	for agent in sorted(needy):
		draw.take(today_by_agent.get(agent, []), back_by_agent.get(agent, []), need[agent])
	today_by_team, back_by_team = _group(eligible, _team), _group(back, _team)
	for team in sorted(set(today_by_team) | set(back_by_team)):
		short = team_need(team, history, cfg) - sum(c.team == team for c in draw.chosen.values())
		draw.take(today_by_team.get(team, []), back_by_team.get(team, []), short)
	for_minimums = sorted(draw.chosen)
	draw.take(eligible, [], target - len(draw.chosen))

	selected = sorted(draw.chosen.values(), key=lambda c: (c.office, c.team, c.agent, c.activity_id))
	skipped[SKIP_DUPLICATE_PARTY_TODAY] = _same_customer(eligible, draw)
	per_agent = _count(selected, _agent)
	return SampleResult(
		selected=selected,
		skipped=skipped,
		overdue_agents=sorted(overdue),
		uncovered_agents=sorted(a for a in needy if per_agent.get(a, 0) < need[a]),
		target=target,
		for_minimums=for_minimums,
		looked_back=sorted(draw.looked_back),
	)


class _Draw:
	"""The day's picks so far: one per customer; draws at random, the day's activities before earlier ones."""

	def __init__(self, rng: random.Random):
		self.rng = rng
		self.chosen: dict[str, Candidate] = {}
		self.parties: set[str] = set()
		self.looked_back: list[str] = []

	def take(self, today: list[Candidate], earlier: list[Candidate], count: int):
		"""Up to `count` more picks at random, from `today` first, then from `earlier`."""
		for pool, is_earlier in ((today, False), (earlier, True)):
			open_ = [c for c in pool if c.activity_id not in self.chosen]
			for c in self.rng.sample(open_, len(open_)):
				if count <= 0:
					return
				if _party_of(c) in self.parties:
					continue
				self.chosen[c.activity_id] = c
				self.parties.add(_party_of(c))
				count -= 1
				if is_earlier:
					self.looked_back.append(c.activity_id)


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
		free = [officer for officer in load if has_room(load[officer], capacity)]
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


def _same_customer(eligible: list[Candidate], draw: "_Draw") -> list[str]:
	"""The day's activities not drawn whose customer is called today on another activity, or that repeat
	the customer of an earlier (lower id) activity also not drawn: one call per customer per day."""
	seen = set(draw.parties)
	same = []
	for c in eligible:
		if c.activity_id in draw.chosen:
			continue
		if _party_of(c) in seen:
			same.append(c.activity_id)
		seen.add(_party_of(c))
	return same


def _no_skips() -> dict[str, list[str]]:
	return {reason: [] for reason in SKIP_REASONS}


def _agent(c: Candidate) -> str:
	return c.agent


def _team(c: Candidate) -> str:
	return c.team


def _count(candidates, key) -> dict[str, int]:
	counts: dict[str, int] = {}
	for c in candidates:
		counts[key(c)] = counts.get(key(c), 0) + 1
	return counts


def _group(candidates, key) -> dict[str, list[Candidate]]:
	groups: dict[str, list[Candidate]] = {}
	for c in candidates:
		groups.setdefault(key(c), []).append(c)
	return groups
