#!/usr/bin/env python3
"""Measure the daily callback sample against what the settings promise, on generated days (issue 11).

    python3 dev/callback_figures.py [--days 45 --agents 168 --rates 0,2,5,10 --seed 2026] [--compare REF]

A branch like the demo's (agents in teams of about 11, 0-10 verifiable visits an agent-day on working days,
customers from each agent's own book so that customers come back) is sampled day after day with the rules
core, as the daily job does: history from the earlier days' calls, earlier unchecked visits within the
coverage window looked back at, and each working day most supervisors spot-check one of their team's
visits of the previous day. Printed per rate: checks / verifiable visits, agents whose checks were more
than the coverage window apart (and the longest gap), customers called twice within the no-repeat window,
officer-days over capacity, and runs that redraw identically. `--compare main` measures the rules core of
that git ref the same way (its spot-check offer fell back to recently called customers).
"""

import argparse
import importlib.util
import random
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SETTINGS = {
	"min_per_agent": 1,
	"min_per_team": 2,
	"coverage_period_days": 7,
	"no_repeat_days": 30,
	"officer_capacity": 40,
}
OFFICERS = [f"officer{i}" for i in range(8)]
SPOT_CHECK_SHARE = 0.8
VISITS_PER_DAY = (range(11), (30, 25, 18, 10, 6, 4, 3, 2, 1, 0.5, 0.5))


def core_of(ref: str | None):
	"""The rules core of this checkout, or of a git ref (loaded from `git show`)."""
	if not ref:
		from insurance_activity.rules import callback_sampling

		return callback_sampling
	source = subprocess.run(
		["git", "show", f"{ref}:insurance_activity/rules/callback_sampling.py"],
		cwd=REPO,
		capture_output=True,
		text=True,
		check=True,
	).stdout
	path = Path(tempfile.mkdtemp()) / "callback_sampling_ref.py"
	path.write_text(source)
	spec = importlib.util.spec_from_file_location("callback_sampling_ref", path)
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


def branch(agents: int, days: int, seed: int):
	"""Agents (agent -> team), and per day the visits: (id, agent, customer, has phone)."""
	rng = random.Random(seed)
	team_of = {f"AG{i:03}": f"SUP{i // 11:02}" for i in range(agents)}
	books = {a: [f"{a}-C{j}" for j in range(rng.randint(15, 60))] for a in team_of}
	start = date(2026, 9, 1)
	visits = {}
	for d in range(days):
		day = start + timedelta(days=d)
		rows = []
		if day.weekday() < 5:
			for agent in team_of:
				for k in range(rng.choices(*VISITS_PER_DAY)[0]):
					rows.append((f"{day}-{agent}-{k}", agent, rng.choice(books[agent]), rng.random() > 0.05))
		visits[day] = rows
	return team_of, visits


def simulate(core, rate: float, team_of, visits, seed: int) -> dict:
	cfg = core.SamplingConfig(rate=rate, **SETTINGS)
	new_core = hasattr(core, "window_before")
	calls: list[tuple[date, str, str, str, str]] = []  # (callback date, activity, agent, customer, source)
	checked: set[str] = set()
	by_id = {}
	redrawn = over = uncovered = 0
	spot_rng = random.Random(seed)
	days = sorted(visits)
	for activity_day in days:
		for_date = activity_day + timedelta(days=1)
		candidates = []
		for activity_id, agent, customer, has_phone in visits[activity_day]:
			c = core.Candidate(
				activity_id,
				agent,
				team_of[agent],
				"OFF",
				customer,
				"13800000000" if has_phone else None,
				True,
			)
			by_id[activity_id] = c
			if activity_id not in checked:
				candidates.append(c)
		company = [(d, a, agent) for d, a, agent, _, source in calls if source == "company"]
		last = dict.fromkeys(team_of)
		for d, _, agent in company:
			last[agent] = max(d, last[agent] or d)
		recent = {}
		for d, _, _, customer, _ in calls:
			recent[customer] = max(d, recent.get(customer, d))
		kwargs = {}
		if new_core:
			window = core.window_before(for_date, cfg)
			inside = [by_id[a] for d, a, _ in company if window and window[0] <= d <= window[1]]
			history = core.SamplingHistory(
				last_checked_agent=last,
				recent_parties=recent,
				agent_checks_in_window=dict(Counter(c.agent for c in inside)),
				team_checks_in_window=dict(Counter(c.team for c in inside)),
			)
			first = for_date - timedelta(days=cfg.coverage_period_days)
			kwargs["lookback"] = [
				by_id[i]
				for day in days
				if first <= day < activity_day
				for i, *_ in visits[day]
				if i not in checked
			]
		else:
			history = core.SamplingHistory(last_checked_agent=last, recent_parties=recent)
		result = core.sample(for_date, candidates, history, cfg, seed="figures", **kwargs)
		redrawn += core.sample(for_date, candidates, history, cfg, seed="figures", **kwargs) == result
		assignment = core.assign(result.selected, OFFICERS, {}, cfg.officer_capacity)
		load = Counter(assignment.assignments.values())
		for c in result.selected:
			calls.append((for_date, c.activity_id, c.agent, c.party_key, "company"))
			checked.add(c.activity_id)
		spot_check(core, cfg, spot_rng, for_date, activity_day, visits, team_of, calls, checked, new_core)
		over += sum(n > cfg.officer_capacity for n in load.values())
		uncovered += len(result.uncovered_agents)
	return {
		**figures(cfg, calls, visits, team_of, days, redrawn),
		"officer_days_over": over,
		"uncovered": uncovered,
	}


def spot_check(core, cfg, rng, on_date, visit_day, visits, team_of, calls, checked, new_core):
	"""Each working day most supervisors spot-check one unchecked visit of their team of the day before."""
	if on_date.weekday() >= 5 or visit_day.weekday() >= 5:
		return
	recent = {}
	for d, _, _, customer, _ in calls:
		recent[customer] = max(d, recent.get(customer, d))
	per_team = defaultdict(list)
	for activity_id, agent, customer, has_phone in visits[visit_day]:
		if has_phone and activity_id not in checked:
			per_team[team_of[agent]].append((activity_id, agent, customer))
	for team in sorted(per_team):
		if rng.random() > SPOT_CHECK_SHARE:
			continue
		choices = per_team[team]
		if new_core:
			picked = core.pick_spot_check(
				on_date, [(a, c) for a, _, c in choices], recent, cfg, seed=f"{team}:{on_date}"
			)
		else:  # main: customers not called recently, else any (the fallback)
			fresh = [a for a, _, c in choices if not core.is_party_recent(on_date, recent.get(c), cfg)]
			picked = random.Random(f"{team}:{on_date}").choice(fresh or [a for a, *_ in choices])
		if picked:
			agent, customer = next((g, c) for a, g, c in choices if a == picked)
			calls.append((on_date, picked, agent, customer, "spot"))
			checked.add(picked)


def figures(cfg, calls, visits, team_of, days, redrawn) -> dict:
	verifiable = sum(1 for day in days for *_, has_phone in visits[day] if has_phone)
	company = [c for c in calls if c[4] == "company"]
	first_call, last_call = days[0] + timedelta(days=1), days[-1] + timedelta(days=1)
	gaps = {}
	for agent in team_of:
		dates = sorted({d for d, _, g, _, _ in company if g == agent})
		points = [first_call - timedelta(days=1), *dates, last_call]
		gaps[agent] = max((b - a).days for a, b in pairwise(points))
	repeats = 0
	last: dict[str, date] = {}
	for d, _, _, customer, _ in sorted(calls):
		if customer in last and (d - last[customer]).days <= cfg.no_repeat_days:
			repeats += 1
		last[customer] = d
	return {
		"checks": len(company),
		"verifiable": verifiable,
		"share": 100 * len(company) / max(verifiable, 1),
		"agents_over": sum(g > cfg.coverage_period_days for g in gaps.values()),
		"longest_gap": max(gaps.values()),
		"repeats": repeats,
		"spot_checks": len(calls) - len(company),
		"redrawn": redrawn,
		"runs": len(days),
	}


def main():
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--days", type=int, default=45)
	parser.add_argument("--agents", type=int, default=168)
	parser.add_argument("--rates", default="0,2,5,10", help="percentages")
	parser.add_argument("--seed", type=int, default=2026)
	parser.add_argument("--compare", default=None, help="a git ref whose rules core to measure too")
	args = parser.parse_args()
	team_of, visits = branch(args.agents, args.days, args.seed)
	print(
		f"{args.agents} agents, {args.days} days, settings {SETTINGS}, {len(OFFICERS)} officers; "
		f"a gap counts from the first callback day to the first check and between checks"
	)
	for label, ref in (("this checkout", None), *(((args.compare, args.compare),) if args.compare else ())):
		core = core_of(ref)
		print(f"\n{label}")
		print(
			"rate  checks / verifiable visits   agents with a gap > window (longest)  repeats <= no-repeat  spot-checks  officer-days over  redraws"
		)
		for rate in (float(r) / 100 for r in args.rates.split(",")):
			f = simulate(core, rate, team_of, visits, args.seed)
			print(
				f"{rate:>4.0%}  {f['checks']:>6} / {f['verifiable']:<6} = {f['share']:5.1f}%      "
				f"{f['agents_over']:>4} of {args.agents} ({f['longest_gap']} days, {f['uncovered']} agent-days reported)"
				f"{'':>20}{f['repeats']:>5}{f['spot_checks']:>18}{f['officer_days_over']:>15}"
				f"{'':>8}{f['redrawn']}/{f['runs']}"
			)


if __name__ == "__main__":
	main()
