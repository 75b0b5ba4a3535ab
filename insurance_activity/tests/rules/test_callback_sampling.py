"""Daily callback sampling (抽样回访) and assignment to callback officers (回访专员)."""

import json
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from insurance_activity.rules.callback_sampling import (
	SKIP_REASONS,
	Candidate,
	SamplingConfig,
	SamplingHistory,
	agent_quota,
	assign,
	is_agent_overdue,
	sample,
)
from insurance_activity.rules.phones import phone_key

TODAY = date(2024, 6, 12)
REPO_ROOT = Path(__file__).resolve().parents[3]


def config(**values) -> SamplingConfig:
	"""Explicit test settings; each test overrides the numbers its rule depends on."""
	settings = {
		"rate": 0.0,
		"min_per_agent": 0,
		"min_per_team": 0,
		"coverage_period_days": 30,
		"no_repeat_days": 90,
		"officer_capacity": 40,
	}
	settings.update(values)
	return SamplingConfig(**settings)


def activity(
	activity_id: str,
	agent: str = "AG-1",
	team: str = "SUP-1",
	office: str = "OFF-1",
	party: str | None = None,
	phone: str | None = "13800000000",
	verifiable: bool = True,
) -> Candidate:
	return Candidate(
		activity_id=activity_id,
		agent=agent,
		team=team,
		office=office,
		party_key=party if party is not None else f"CUST-{activity_id}",
		phone=phone,
		verifiable=verifiable,
	)


def agents_checked_yesterday(*agents: str) -> SamplingHistory:
	"""History in which no agent is overdue for coverage, so only rate and minimums apply."""
	return SamplingHistory(last_checked_agent={a: TODAY - timedelta(days=1) for a in agents})


def ids(candidates: list[Candidate]) -> list[str]:
	return [c.activity_id for c in candidates]


def per_agent(candidates: list[Candidate]) -> Counter:
	return Counter(c.agent for c in candidates)


# Configuration


@pytest.mark.parametrize(
	"bad",
	[
		{"rate": -0.1},
		{"rate": 1.5},
		{"min_per_agent": -1},
		{"min_per_team": 1.5},
		{"no_repeat_days": -1},
		{"officer_capacity": True},
	],
)
def test_settings_out_of_range_are_refused(bad):
	with pytest.raises(ValueError):
		config(**bad)


def test_the_same_activity_listed_twice_is_refused():
	with pytest.raises(ValueError):
		sample(TODAY, [activity("A1"), activity("A1")], SamplingHistory(), config())


# Exclusions


def test_activity_without_phone_is_skipped_and_counted():
	candidates = [
		activity("A1", phone=None),
		activity("A2", phone=""),
		activity("A3", phone=" - "),
		activity("A4"),
	]
	result = sample(TODAY, candidates, agents_checked_yesterday("AG-1"), config(rate=1.0))

	assert result.skipped["no_phone"] == ["A1", "A2", "A3"]
	assert ids(result.selected) == ["A4"]


def test_activity_whose_phone_is_not_a_valid_number_is_skipped_as_without_phone():
	candidates = [activity("A1", phone="12345"), activity("A2", phone="12345678901"), activity("A3")]
	result = sample(TODAY, candidates, agents_checked_yesterday("AG-1"), config(rate=1.0))

	assert result.skipped["no_phone"] == ["A1", "A2"]
	assert ids(result.selected) == ["A3"]


def test_activity_of_a_kind_that_cannot_be_verified_is_skipped():
	candidates = [activity("A1", verifiable=False), activity("A2", verifiable=False, phone=None)]
	result = sample(TODAY, candidates, agents_checked_yesterday("AG-1"), config(rate=1.0))

	assert result.skipped["not_verifiable"] == ["A1", "A2"]
	assert result.skipped["no_phone"] == []
	assert result.selected == []


def test_every_skip_reason_is_reported_even_when_empty():
	result = sample(TODAY, [], SamplingHistory(), config())

	assert set(result.skipped) == set(SKIP_REASONS)
	assert all(v == [] for v in result.skipped.values())


def test_customer_checked_within_no_repeat_days_is_skipped_as_recent_party():
	history = SamplingHistory(
		last_checked_agent={"AG-1": TODAY - timedelta(days=1)},
		recent_parties={
			"C-TODAY": TODAY,
			"C-1": TODAY - timedelta(days=1),
			"C-7": TODAY - timedelta(days=7),
		},
	)
	candidates = [activity("A0", party="C-TODAY"), activity("A1", party="C-1"), activity("A7", party="C-7")]
	result = sample(TODAY, candidates, history, config(rate=1.0, no_repeat_days=7))

	assert result.skipped["recent_party"] == ["A0", "A1", "A7"]
	assert result.selected == []


def test_customer_checked_exactly_no_repeat_days_plus_one_ago_is_eligible_again():
	history = SamplingHistory(
		last_checked_agent={"AG-1": TODAY - timedelta(days=1)},
		recent_parties={"C-8": TODAY - timedelta(days=8)},
	)
	result = sample(TODAY, [activity("A8", party="C-8")], history, config(rate=1.0, no_repeat_days=7))

	assert ids(result.selected) == ["A8"]
	assert result.skipped["recent_party"] == []


def test_same_customer_is_called_at_most_once_a_day():
	candidates = [
		activity("A1", agent="AG-1", party="C-SHARED"),
		activity("A2", agent="AG-1", party="C-SHARED"),
		activity("B1", agent="AG-2", party="C-SHARED"),
	]
	history = agents_checked_yesterday("AG-1", "AG-2")
	result = sample(TODAY, candidates, history, config(rate=1.0))

	assert ids(result.selected) == ["A1"]
	assert result.skipped["duplicate_party_today"] == ["A2", "B1"]


def test_shared_customer_is_kept_for_the_agent_overdue_for_coverage():
	candidates = [
		activity("A1", agent="AG-1", party="C-SHARED"),
		activity("B1", agent="AG-2", party="C-SHARED"),
	]
	history = agents_checked_yesterday("AG-1")  # AG-2 never checked
	result = sample(TODAY, candidates, history, config())

	assert ids(result.selected) == ["B1"]
	assert result.skipped["duplicate_party_today"] == ["A1"]
	assert result.uncovered_agents == []


# Stratification


def test_every_agent_with_an_eligible_activity_gets_at_least_min_per_agent():
	candidates = [
		activity(f"{agent}-{i}", agent=agent) for agent in ("AG-1", "AG-2", "AG-3") for i in range(5)
	]
	candidates.append(activity("AG-4-0", agent="AG-4"))
	history = agents_checked_yesterday("AG-1", "AG-2", "AG-3", "AG-4")
	result = sample(TODAY, candidates, history, config(rate=0.0, min_per_agent=2))

	assert per_agent(result.selected) == {"AG-1": 2, "AG-2": 2, "AG-3": 2, "AG-4": 1}


def test_rate_sets_each_agents_share_rounded_up():
	candidates = [activity(f"AG-1-{i:02}", agent="AG-1") for i in range(50)]
	candidates += [activity(f"AG-2-{i}", agent="AG-2") for i in range(10)]
	history = agents_checked_yesterday("AG-1", "AG-2")
	result = sample(TODAY, candidates, history, config(rate=0.14, min_per_agent=1))

	# 0.14 * 50 is exactly 7 (in floats 7.000000000000001, which must not round up to 8);
	# 0.14 * 10 = 1.4 rounds up to 2.
	assert per_agent(result.selected) == {"AG-1": 7, "AG-2": 2}


def test_agent_quota_is_the_larger_of_minimum_and_rate_capped_at_eligible_count():
	cfg = config(rate=0.25, min_per_agent=2)

	assert agent_quota(20, overdue=False, cfg=cfg) == 5
	assert agent_quota(4, overdue=False, cfg=cfg) == 2
	assert agent_quota(1, overdue=False, cfg=cfg) == 1
	assert agent_quota(0, overdue=True, cfg=cfg) == 0
	assert agent_quota(3, overdue=True, cfg=config(rate=0.0)) == 1


def test_team_below_minimum_is_topped_up_from_its_remaining_activities():
	candidates = [activity(f"T1-{i}", agent=f"AG-{i % 2}", team="SUP-1") for i in range(10)]
	candidates += [activity(f"T2-{i}", agent="AG-9", team="SUP-2") for i in range(10)]
	history = agents_checked_yesterday("AG-0", "AG-1", "AG-9")
	result = sample(TODAY, candidates, history, config(rate=0.0, min_per_agent=1, min_per_team=4))

	per_team = Counter(c.team for c in result.selected)
	assert per_team == {"SUP-1": 4, "SUP-2": 4}
	assert per_agent(result.selected)["AG-0"] >= 1
	assert per_agent(result.selected)["AG-1"] >= 1


def test_team_top_up_stops_when_the_team_has_nothing_left():
	candidates = [activity("T1-0", team="SUP-1"), activity("T1-1", team="SUP-1")]
	result = sample(TODAY, candidates, agents_checked_yesterday("AG-1"), config(min_per_team=5))

	assert ids(result.selected) == ["T1-0", "T1-1"]


def test_agents_without_a_team_are_not_topped_up():
	candidates = [activity(f"A{i}", team="") for i in range(5)]
	result = sample(TODAY, candidates, agents_checked_yesterday("AG-1"), config(min_per_team=3))

	assert result.selected == []


def test_selection_is_listed_by_office_team_agent_and_activity():
	candidates = [
		activity("Z1", agent="AG-2", team="SUP-1", office="OFF-1"),
		activity("A1", agent="AG-3", team="SUP-2", office="OFF-2"),
		activity("M1", agent="AG-1", team="SUP-1", office="OFF-1"),
		activity("B1", agent="AG-1", team="SUP-1", office="OFF-1"),
	]
	result = sample(TODAY, candidates, SamplingHistory(), config(rate=1.0))

	assert ids(result.selected) == ["B1", "M1", "Z1", "A1"]


# Coverage of agents


def test_agent_overdue_for_coverage_gets_a_check_even_when_rate_and_minimum_give_none():
	candidates = [activity(f"A{i}", agent="AG-LATE") for i in range(6)]
	candidates += [activity(f"B{i}", agent="AG-OK") for i in range(6)]
	history = SamplingHistory(
		last_checked_agent={"AG-LATE": TODAY - timedelta(days=30), "AG-OK": TODAY - timedelta(days=29)}
	)
	result = sample(TODAY, candidates, history, config(rate=0.0, coverage_period_days=30))

	assert result.overdue_agents == ["AG-LATE"]
	assert per_agent(result.selected) == {"AG-LATE": 1}
	assert result.uncovered_agents == []


def test_agent_never_checked_is_overdue():
	result = sample(TODAY, [activity("A1", agent="AG-NEW")], SamplingHistory(), config())

	assert result.overdue_agents == ["AG-NEW"]
	assert ids(result.selected) == ["A1"]


def test_coverage_period_boundary_last_check_period_days_ago_is_overdue():
	cfg = config(coverage_period_days=30)

	assert not is_agent_overdue(TODAY, TODAY - timedelta(days=29), cfg)
	assert is_agent_overdue(TODAY, TODAY - timedelta(days=30), cfg)
	assert is_agent_overdue(TODAY, None, cfg)


def test_overdue_agent_without_an_eligible_activity_is_reported_uncovered():
	candidates = [activity("A1", agent="AG-NOPHONE", phone=None), activity("B1", agent="AG-NEW")]
	history = SamplingHistory(last_checked_agent={"AG-IDLE": TODAY - timedelta(days=60)})
	result = sample(TODAY, candidates, history, config(coverage_period_days=30))

	assert result.overdue_agents == ["AG-IDLE", "AG-NEW", "AG-NOPHONE"]
	assert result.uncovered_agents == ["AG-IDLE", "AG-NOPHONE"]


# Determinism


def _mixed_day(n: int = 60) -> list[Candidate]:
	return [
		activity(f"ACT-{i:03}", agent=f"AG-{i % 6}", team=f"SUP-{i % 2}", office=f"OFF-{i % 3 // 2}")
		for i in range(n)
	]


def test_same_date_and_seed_give_the_same_sample():
	cfg = config(rate=0.2, min_per_agent=1, min_per_team=3)
	first = sample(TODAY, _mixed_day(), SamplingHistory(), cfg, seed="branch-1")
	again = sample(TODAY, _mixed_day(), SamplingHistory(), cfg, seed="branch-1")

	assert first == again


def test_different_dates_usually_give_different_samples():
	cfg = config(rate=0.2, min_per_agent=1)
	samples = {
		tuple(ids(sample(TODAY + timedelta(days=d), _mixed_day(), SamplingHistory(), cfg).selected))
		for d in range(10)
	}

	assert len(samples) >= 9


def test_different_seeds_usually_give_different_samples():
	cfg = config(rate=0.2, min_per_agent=1)
	samples = {
		tuple(ids(sample(TODAY, _mixed_day(), SamplingHistory(), cfg, seed=f"s{s}").selected))
		for s in range(10)
	}

	assert len(samples) >= 9


def test_input_order_does_not_change_the_sample():
	cfg = config(rate=0.3, min_per_agent=1, min_per_team=4)
	day = _mixed_day()
	expected = sample(TODAY, day, SamplingHistory(), cfg, seed="x")
	shuffler = random.Random(7)
	for _ in range(5):
		shuffled = day[:]
		shuffler.shuffle(shuffled)
		assert sample(TODAY, shuffled, SamplingHistory(), cfg, seed="x") == expected


def test_sample_is_stable_across_python_runs():
	"""The seed must not depend on hash() (randomised per process by PYTHONHASHSEED)."""
	script = (
		"import json; from datetime import date;"
		"from insurance_activity.rules.callback_sampling import Candidate, SamplingConfig, SamplingHistory, sample;"
		"cs = [Candidate(f'ACT-{i:03}', f'AG-{i % 4}', 'SUP-1', 'OFF-1', f'C{i}', '13800000000', True) for i in range(40)];"
		"cfg = SamplingConfig(0.2, 1, 0, 30, 90, 40);"
		"r = sample(date(2024, 6, 12), cs, SamplingHistory(), cfg, seed='s');"
		"print(json.dumps([c.activity_id for c in r.selected]))"
	)
	runs = []
	for hash_seed in ("1", "2"):
		env = {**os.environ, "PYTHONHASHSEED": hash_seed}
		out = subprocess.run(
			[sys.executable, "-c", script], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True
		)
		runs.append(json.loads(out.stdout))

	assert runs[0] == runs[1]
	assert len(runs[0]) == 8  # 4 agents x ceil(0.2 * 10)


# Assignment to callback officers (回访专员)


def _selected(n: int) -> list[Candidate]:
	return [activity(f"ACT-{i:03}") for i in range(n)]


def test_assignment_respects_capacity_counting_checks_already_open():
	result = assign(_selected(6), ["OF-A", "OF-B"], {"OF-A": 3, "OF-B": 0}, capacity=4)

	load = Counter(result.assignments.values())
	assert load == {"OF-A": 1, "OF-B": 4}
	assert result.unassigned == ["ACT-005"]


def test_assignment_is_even_when_officers_start_equal():
	result = assign(_selected(11), ["OF-A", "OF-B", "OF-C"], {}, capacity=10)

	load = Counter(result.assignments.values())
	assert max(load.values()) - min(load.values()) <= 1
	assert result.unassigned == []


def test_assignment_goes_to_least_loaded_officer_ties_by_name():
	result = assign(_selected(3), ["OF-C", "OF-B", "OF-A"], {"OF-B": 1}, capacity=5)

	assert result.assignments == {"ACT-000": "OF-A", "ACT-001": "OF-C", "ACT-002": "OF-A"}


def test_checks_beyond_total_capacity_are_unassigned():
	result = assign(_selected(5), ["OF-A", "OF-B"], {}, capacity=2)

	assert len(result.assignments) == 4
	assert result.unassigned == ["ACT-004"]


def test_without_officers_everything_is_unassigned():
	result = assign(_selected(3), [], {}, capacity=10)

	assert result.assignments == {}
	assert result.unassigned == ["ACT-000", "ACT-001", "ACT-002"]


def test_officer_already_over_capacity_gets_nothing_more():
	result = assign(_selected(2), ["OF-A", "OF-B"], {"OF-A": 9}, capacity=5)

	assert set(result.assignments.values()) == {"OF-B"}


# Invariants over many random days


def _random_day(rng: random.Random) -> tuple[list[Candidate], SamplingHistory, SamplingConfig]:
	agents = [f"AG-{i}" for i in range(rng.randint(1, 8))]
	team_of = {a: rng.choice(["SUP-1", "SUP-2", "SUP-3", ""]) for a in agents}
	parties = [f"C-{i}" for i in range(rng.randint(1, 40))]
	candidates = []
	for i in range(rng.randint(0, 50)):
		agent = rng.choice(agents)
		candidates.append(
			activity(
				f"ACT-{i:03}",
				agent=agent,
				team=team_of[agent],
				office=f"OFF-{int(team_of[agent][-1:] or 0) % 2}",
				party=rng.choice(parties),
				phone=rng.choice([None, "", "13800000000", "+86 139 0000 0000"]),
				verifiable=rng.random() < 0.8,
			)
		)
	history = SamplingHistory(
		last_checked_agent={
			a: TODAY - timedelta(days=rng.randint(0, 60)) for a in agents if rng.random() < 0.7
		},
		recent_parties={p: TODAY - timedelta(days=rng.randint(0, 60)) for p in parties if rng.random() < 0.3},
	)
	cfg = config(
		rate=rng.choice([0.0, 0.1, 0.25, 0.5, 1.0]),
		min_per_agent=rng.randint(0, 3),
		min_per_team=rng.randint(0, 6),
		coverage_period_days=rng.randint(1, 45),
		no_repeat_days=rng.randint(0, 45),
		officer_capacity=rng.randint(0, 8),
	)
	return candidates, history, cfg


def test_random_days_keep_every_sampling_and_assignment_invariant():
	for case in range(300):
		rng = random.Random(case)
		candidates, history, cfg = _random_day(rng)
		result = sample(TODAY, candidates, history, cfg, seed=str(case))
		by_id = {c.activity_id: c for c in candidates}
		selected = ids(result.selected)
		skipped = [i for reason in SKIP_REASONS for i in result.skipped[reason]]
		eligible = [c for c in candidates if c.activity_id not in set(skipped)]

		# Every activity is selected, skipped for exactly one reason, or eligible and not drawn.
		assert len(skipped) == len(set(skipped)), case
		assert not set(selected) & set(skipped), case
		assert len(selected) == len(set(selected)), case
		assert all(by_id[i].verifiable for i in selected), case
		assert all(phone_key(by_id[i].phone) for i in selected), case
		assert all(not by_id[i].verifiable for i in result.skipped["not_verifiable"]), case
		assert all(phone_key(by_id[i].phone) is None for i in result.skipped["no_phone"]), case

		# One call per customer per day, never a customer called within the no-repeat window.
		parties = [c.party_key for c in result.selected]
		assert len(parties) == len(set(parties)), case
		for party in parties:
			last = history.recent_parties.get(party)
			assert last is None or (TODAY - last).days > cfg.no_repeat_days, case
		assert len({c.party_key for c in eligible}) == len(eligible), case

		# Stratification: each agent's quota, each team's minimum as far as it has activities.
		chosen = per_agent(result.selected)
		overdue = set(result.overdue_agents)
		for agent, count in per_agent(eligible).items():
			assert chosen[agent] >= agent_quota(count, agent in overdue, cfg), case
		chosen_team = Counter(c.team for c in result.selected)
		for team, count in Counter(c.team for c in eligible).items():
			if team:
				assert chosen_team[team] >= min(cfg.min_per_team, count), case

		# Coverage: the overdue list follows the rule; only agents with nothing eligible stay uncovered.
		known = {c.agent for c in candidates} | set(history.last_checked_agent)
		expected_overdue = {
			a for a in known if is_agent_overdue(TODAY, history.last_checked_agent.get(a), cfg)
		}
		assert overdue == expected_overdue, case
		assert set(result.uncovered_agents) == overdue - set(chosen), case
		assert not set(result.uncovered_agents) & {c.agent for c in eligible}, case

		# Same inputs in another order give the same result.
		shuffled = candidates[:]
		rng.shuffle(shuffled)
		assert sample(TODAY, shuffled, history, cfg, seed=str(case)) == result, case

		# Assignment: all accounted for, nobody above capacity, overflow only when all are full.
		officers = [f"OF-{i}" for i in range(rng.randint(0, 4))]
		open_load = {o: rng.randint(0, 5) for o in officers if rng.random() < 0.5}
		outcome = assign(result.selected, officers, open_load, cfg.officer_capacity)
		assert sorted([*outcome.assignments, *outcome.unassigned]) == sorted(selected), case
		new_load = Counter(outcome.assignments.values())
		room = sum(max(0, cfg.officer_capacity - open_load.get(o, 0)) for o in officers)
		assert len(outcome.assignments) == min(len(selected), room), case
		for officer in officers:
			if new_load[officer]:
				assert open_load.get(officer, 0) + new_load[officer] <= cfg.officer_capacity, case
		if not open_load and officers and len(selected) <= room:
			loads = [new_load[o] for o in officers]
			assert max(loads) - min(loads) <= 1, case


def test_active_agent_never_checked_and_without_activity_is_reported_uncovered():
	history = SamplingHistory(last_checked_agent={"AG-IDLE": None, "AG-1": TODAY - timedelta(days=1)})
	result = sample(TODAY, [activity("A1")], history, config(coverage_period_days=30))

	assert result.overdue_agents == ["AG-IDLE"]
	assert result.uncovered_agents == ["AG-IDLE"]
