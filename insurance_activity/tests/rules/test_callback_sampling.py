"""Daily callback sampling (抽样回访) and assignment to callback officers (回访专员)."""

import json
import os
import random
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insurance_activity.rules.callback_sampling import (
	SKIP_REASONS,
	Candidate,
	SamplingConfig,
	SamplingHistory,
	agent_need,
	assign,
	day_target,
	has_room,
	is_agent_overdue,
	is_party_recent,
	pick_spot_check,
	sample,
	window_before,
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


def test_the_rate_sets_the_days_volume_over_all_verifiable_visits_rounded_up():
	candidates = [activity(f"AG-1-{i:02}", agent="AG-1") for i in range(50)]
	candidates += [activity(f"AG-2-{i}", agent="AG-2") for i in range(10)]
	candidates += [activity(f"AG-2-NP{i}", agent="AG-2", phone=None) for i in range(5)]
	history = agents_checked_yesterday("AG-1", "AG-2")
	result = sample(TODAY, candidates, history, config(rate=0.14))

	# 0.14 * 60 = 8.4 rounds up to 9; the visits without a phone are not verifiable visits
	assert result.target == 9
	assert len(result.selected) == 9


def test_day_target_is_exact_and_rounded_up():
	# 0.14 * 50 is exactly 7 (in floats 7.000000000000001, which must not round up to 8)
	assert day_target(50, config(rate=0.14)) == 7
	assert day_target(30, config(rate=0.1)) == 3
	assert day_target(31, config(rate=0.1)) == 4
	assert day_target(0, config(rate=0.5)) == 0


def settings_of_issue_11(rate: float) -> SamplingConfig:
	return config(
		rate=rate,
		min_per_agent=1,
		min_per_team=2,
		coverage_period_days=7,
		no_repeat_days=30,
		officer_capacity=40,
	)


def test_issue_11_a_rate_change_from_0_to_10_percent_changes_the_days_volume():
	"""Issue 11: with a minimum of 1 per agent and never more than 10 visits per agent-day, every rate
	from 0% to 10% gave the same checks (one per agent every day). The minimum now holds over the
	coverage window: agents checked within it need none today, and the rate sets the volume."""
	agents = [f"AG-{i:02}" for i in range(20)]
	candidates = [activity(f"{a}-{i}", agent=a) for a in agents for i in range(10)]
	history = SamplingHistory(
		last_checked_agent={a: TODAY - timedelta(days=3) for a in agents},
		agent_checks_in_window={a: 1 for a in agents},
		team_checks_in_window={"SUP-1": 5},
	)
	volumes = {
		rate: len(sample(TODAY, candidates, history, settings_of_issue_11(rate)).selected)
		for rate in (0.0, 0.02, 0.05, 0.1)
	}

	assert volumes == {0.0: 0, 0.02: 4, 0.05: 10, 0.1: 20}


def test_minimum_per_agent_holds_over_the_window_not_every_day():
	cfg = config(min_per_agent=2, coverage_period_days=7)
	history = SamplingHistory(
		last_checked_agent={"AG-1": TODAY - timedelta(days=2), "AG-2": TODAY - timedelta(days=2)},
		agent_checks_in_window={"AG-1": 2, "AG-2": 1},
	)
	candidates = [activity(f"{a}-{i}", agent=a) for a in ("AG-1", "AG-2") for i in range(5)]
	result = sample(TODAY, candidates, history, cfg)

	# AG-1 has its 2 checks in the window; AG-2 needs one more
	assert per_agent(result.selected) == {"AG-2": 1}
	assert (agent_need(TODAY, "AG-1", history, cfg), agent_need(TODAY, "AG-2", history, cfg)) == (0, 1)


def test_the_window_before_a_day_is_the_coverage_period_less_that_day():
	assert window_before(TODAY, config(coverage_period_days=7)) == (
		TODAY - timedelta(days=6),
		TODAY - timedelta(days=1),
	)
	assert window_before(TODAY, config(coverage_period_days=1)) is None


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
	assert len(runs[0]) == 8  # ceil(0.2 * 40 visits)


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

		# Minimums over the window: each agent's and team's need today, as far as its activities go.
		chosen = per_agent(result.selected)
		for agent, count in per_agent(eligible).items():
			assert chosen[agent] >= min(agent_need(TODAY, agent, history, cfg), count), case
		chosen_team = Counter(c.team for c in result.selected)
		for team, count in Counter(c.team for c in eligible).items():
			if team:
				assert chosen_team[team] >= min(cfg.min_per_team, count), case

		# Volume: the rate's target, more only for the minimums, less only when the day has no more.
		assert len(selected) >= min(result.target, len(eligible)), case
		assert len(selected) <= max(result.target, len(result.for_minimums)), case

		# Coverage: the overdue list follows the rule; an agent short today had nothing more to give.
		known = {c.agent for c in candidates} | set(history.last_checked_agent)
		expected_overdue = {
			a for a in known if is_agent_overdue(TODAY, history.last_checked_agent.get(a), cfg)
		}
		assert set(result.overdue_agents) == expected_overdue, case
		assert set(result.uncovered_agents) == {
			a for a in known if chosen[a] < agent_need(TODAY, a, history, cfg)
		}, case
		assert all(c.activity_id in selected for c in eligible if c.agent in result.uncovered_agents), case

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


# Coverage looks back (issue 11: an overdue agent's visits were all dropped as recent customers)


def test_overdue_agent_whose_visits_today_are_all_recent_customers_gets_an_earlier_visit():
	cfg = config(coverage_period_days=7, no_repeat_days=30)
	history = SamplingHistory(
		last_checked_agent={"AG-LATE": TODAY - timedelta(days=7)},
		recent_parties={"C-RECENT-1": TODAY - timedelta(days=3), "C-RECENT-2": TODAY - timedelta(days=10)},
	)
	today = [
		activity("T1", agent="AG-LATE", party="C-RECENT-1"),
		activity("T2", agent="AG-LATE", party="C-RECENT-2"),
	]
	earlier = [
		activity("E1", agent="AG-LATE", party="C-RECENT-1"),  # still a recent customer: never called
		activity("E2", agent="AG-LATE", party="C-FRESH"),
	]
	result = sample(TODAY, today, history, cfg, lookback=earlier)

	assert result.skipped["recent_party"] == ["T1", "T2"]
	assert ids(result.selected) == ["E2"]
	assert result.looked_back == ["E2"]
	assert result.uncovered_agents == []


def test_overdue_agent_without_visits_today_is_checked_on_an_earlier_unsampled_visit():
	cfg = config(coverage_period_days=7)
	history = SamplingHistory(last_checked_agent={"AG-IDLE": TODAY - timedelta(days=9), "AG-1": TODAY})
	result = sample(
		TODAY, [activity("A1", agent="AG-1")], history, cfg, lookback=[activity("E1", agent="AG-IDLE")]
	)

	assert ids(result.selected) == ["E1"]
	assert result.uncovered_agents == []


def test_an_agent_not_due_is_never_checked_on_an_earlier_visit():
	cfg = config(rate=1.0, coverage_period_days=7)
	history = agents_checked_yesterday("AG-1")
	result = sample(TODAY, [activity("A1")], history, cfg, lookback=[activity("E1")])

	assert ids(result.selected) == ["A1"]
	assert result.looked_back == []


def test_a_team_short_in_the_window_is_topped_up_from_earlier_visits():
	cfg = config(min_per_team=2, coverage_period_days=7)
	history = SamplingHistory(
		last_checked_agent={"AG-1": TODAY - timedelta(days=1)}, team_checks_in_window={"SUP-1": 1}
	)
	result = sample(TODAY, [], history, cfg, lookback=[activity("E1"), activity("E2")])

	assert len(result.selected) == 1
	assert result.looked_back == ids(result.selected)


# Spot-check offers and officers' capacity


def test_the_spot_check_offer_never_falls_back_to_a_recently_called_customer():
	cfg = config(no_repeat_days=30)
	recent = {"C-1": TODAY - timedelta(days=2), "C-2": TODAY - timedelta(days=31)}
	choices = [("R1", "C-1"), ("R2", "C-2")]

	assert pick_spot_check(TODAY, choices, recent, cfg, seed="s") == "R2"
	assert pick_spot_check(TODAY, [("R1", "C-1")], recent, cfg, seed="s") is None


def test_an_officer_at_capacity_has_no_room():
	assert has_room(39, 40)
	assert not has_room(40, 40)
	assert not has_room(41, 40)
	assert not has_room(0, 0)


# Properties over generated days (hypothesis)

settings_strategy = st.builds(
	SamplingConfig,
	rate=st.integers(0, 100).map(lambda p: p / 100),
	min_per_agent=st.integers(0, 2),
	min_per_team=st.integers(0, 3),
	coverage_period_days=st.integers(1, 10),
	no_repeat_days=st.integers(0, 40),
	officer_capacity=st.integers(0, 10),
)


@st.composite
def generated_days(draw):
	"""A branch's agents (in teams) and their visits over consecutive days, with customers that repeat."""
	agents = [f"AG-{i}" for i in range(draw(st.integers(1, 6)))]
	team_of = {a: draw(st.sampled_from(["SUP-1", "SUP-2", ""])) for a in agents}
	parties = draw(st.integers(3, 40))
	days = []
	for d in range(draw(st.integers(1, 14))):
		visits = []
		for agent in agents:
			for i in range(draw(st.integers(0, 4))):
				visits.append(
					activity(
						f"D{d:02}-{agent}-{i}",
						agent=agent,
						team=team_of[agent],
						party=f"C-{draw(st.integers(0, parties - 1))}",
						phone=draw(st.sampled_from(["13800000000", "13800000000", "13800000000", None])),
						verifiable=draw(st.booleans()) or draw(st.booleans()),
					)
				)
		days.append(visits)
	return agents, days


def history_of(
	for_date: date, agents: list[str], calls: list[tuple[date, Candidate]], cfg
) -> SamplingHistory:
	"""What the shell reads from earlier checks (callback date, activity): the same definitions."""
	window = window_before(for_date, cfg)
	in_window = [c for day, c in calls if window and window[0] <= day <= window[1]]
	last = dict.fromkeys(agents)
	recent: dict[str, date] = {}
	for day, c in calls:
		last[c.agent] = max(day, last[c.agent] or day)
		recent[c.party_key] = max(day, recent.get(c.party_key, day))
	return SamplingHistory(
		last_checked_agent=last,
		recent_parties=recent,
		agent_checks_in_window=dict(Counter(c.agent for c in in_window)),
		team_checks_in_window=dict(Counter(c.team for c in in_window if c.team)),
	)


def run_days(agents, days, cfg):
	"""Sample each generated day in turn as the daily job does: history from the earlier days' calls,
	earlier unsampled visits within the window looked back at. Yields (day, visits, lookback, history, result, calls)."""
	calls: list[tuple[date, Candidate]] = []
	visited: list[tuple[date, Candidate]] = []
	for d, visits in enumerate(days):
		for_date = TODAY + timedelta(days=d)
		history = history_of(for_date, agents, calls, cfg)
		called = {c.activity_id for _, c in calls}
		first = for_date - timedelta(days=cfg.coverage_period_days)
		lookback = [c for day, c in visited if day >= first and c.activity_id not in called]
		result = sample(for_date, visits, history, cfg, seed="p", lookback=lookback)
		calls += [(for_date, c) for c in result.selected]
		visited += [(for_date, c) for c in visits]
		yield for_date, visits, lookback, history, result, calls


def callable_(c: Candidate, for_date: date, history: SamplingHistory, cfg) -> bool:
	return (
		c.verifiable
		and phone_key(c.phone) is not None
		and not is_party_recent(for_date, history.recent_parties.get(c.party_key), cfg)
	)


@settings(max_examples=60, deadline=None)
@given(generated_days(), settings_strategy)
def test_property_the_rate_sets_the_volume_and_minimums_only_add_to_it(branch, cfg):
	agents, days = branch
	for for_date, visits, _, history, result, _ in run_days(agents, days, cfg):
		verifiable = [c for c in visits if c.verifiable and phone_key(c.phone)]
		assert result.target == day_target(len(verifiable), cfg)
		eligible_parties = {c.party_key for c in verifiable if callable_(c, for_date, history, cfg)}
		assert len(result.selected) >= min(result.target, len(eligible_parties))
		assert len(result.selected) <= max(result.target, len(result.for_minimums))
		today_ids = {c.activity_id for c in visits}
		assert all(i in today_ids for i in set(ids(result.selected)) - set(result.looked_back))


@settings(max_examples=60, deadline=None)
@given(generated_days(), settings_strategy, st.integers(0, 100), st.integers(0, 100))
def test_property_a_higher_rate_never_gives_fewer_checks(branch, cfg, low, high):
	agents, days = branch
	low, high = sorted((low, high))
	visits = days[0]
	history = SamplingHistory(last_checked_agent=dict.fromkeys(agents, TODAY))
	fewer = sample(TODAY, visits, history, replace(cfg, rate=low / 100))
	more = sample(TODAY, visits, history, replace(cfg, rate=high / 100))
	assert len(fewer.selected) <= len(more.selected)


@settings(max_examples=60, deadline=None)
@given(generated_days(), settings_strategy)
def test_property_every_agent_and_team_keeps_its_minimum_in_every_window_unless_nothing_was_callable(
	branch, cfg
):
	agents, days = branch
	for for_date, visits, lookback, history, result, calls in run_days(agents, days, cfg):
		first = for_date - timedelta(days=cfg.coverage_period_days - 1)
		window = [c for day, c in calls if day >= first]
		taken = {c.party_key for c in result.selected}
		left = [
			c
			for c in [*visits, *lookback]
			if c.activity_id not in set(ids(result.selected))
			and c.party_key not in taken
			and callable_(c, for_date, history, cfg)
		]
		per_agent_window = Counter(c.agent for c in window)
		for agent in agents:
			if per_agent_window[agent] < max(cfg.min_per_agent, 1):
				assert agent in result.uncovered_agents
				assert not [c for c in left if c.agent == agent], (agent, left)
		per_team_window = Counter(c.team for c in window)
		for team in {c.team for c in [*visits, *lookback] if c.team}:
			if per_team_window[team] < cfg.min_per_team:
				assert not [c for c in left if c.team == team], (team, left)


@settings(max_examples=60, deadline=None)
@given(generated_days(), settings_strategy)
def test_property_no_customer_is_called_twice_within_the_no_repeat_days(branch, cfg):
	agents, days = branch
	*_, calls = list(run_days(agents, days, cfg))[-1]
	last: dict[str, date] = {}
	for day, c in sorted(calls, key=lambda call: (call[0], call[1].activity_id)):
		assert not is_party_recent(day, last.get(c.party_key), cfg) or last[c.party_key] == day
		assert c.party_key not in last or last[c.party_key] < day  # once a day
		last[c.party_key] = day


@settings(max_examples=60, deadline=None)
@given(
	st.lists(st.tuples(st.integers(0, 30), st.integers(0, 60)), max_size=30),
	settings_strategy,
	st.integers(0, 10**6),
)
def test_property_a_spot_check_offer_is_never_a_recently_called_customer(rows, cfg, seed):
	choices = [(f"ROW-{i}", f"C-{party}") for i, (party, _) in enumerate(rows)]
	recent = {f"C-{party}": TODAY - timedelta(days=ago) for party, ago in rows[::2]}
	offered = pick_spot_check(TODAY, choices, recent, cfg, seed=str(seed))
	fresh = [row for row, party in choices if not is_party_recent(TODAY, recent.get(party), cfg)]
	assert offered in fresh if fresh else offered is None


@settings(max_examples=100, deadline=None)
@given(
	st.integers(0, 60),
	st.lists(st.text("ABC", min_size=1, max_size=2), unique=True, max_size=5),
	st.dictionaries(st.text("ABC", min_size=1, max_size=2), st.integers(0, 12)),
	st.integers(0, 10),
)
def test_property_no_officer_goes_above_capacity_counting_what_they_already_have(
	n, officers, open_load, capacity
):
	result = assign(_selected(n), officers, open_load, capacity)
	new = Counter(result.assignments.values())
	for officer in officers:
		if new[officer]:
			assert open_load.get(officer, 0) + new[officer] <= capacity
	room = sum(max(capacity - open_load.get(o, 0), 0) for o in officers)
	assert len(result.assignments) == min(n, room)
	# one load count: an officer `assign` left without room is refused a check by hand too
	for officer in officers:
		assert has_room(open_load.get(officer, 0) + new[officer], capacity) == (
			open_load.get(officer, 0) + new[officer] < capacity
		)
