#!/usr/bin/env python3
"""Benchmarks: print figures (time, rows, rows/s, peak memory). Never timed tests; run them by hand.

    dev/bench.py rules                 # the pure rules core, no site needed
    dev/bench.py policy-load --site SITE [--rows 100000]   # the bulk policy load on a real site
    dev/bench.py scale --site SITE [--generate] [--agents 5000] [--months 12] [--seed 2026]
                                       # branch scale: every report, the team board and the hourly jobs
                                       # against hand-written SQL (dev/scale.py, dev/scale_measure.py)
    dev/bench.py load --site SITE [--users 50] [--seconds 60] [--workers 4] [--port PORT]
                                       # log submit latency against a plain ToDo insert under locust
                                       # (headless, loopback, gunicorn), 5xx counted (dev/load.py)
    dev/bench.py queries --site SITE [--top 25]
                                       # the SQL statements of one log insert + submit, grouped, against
                                       # a ToDo insert; rolled back (dev/log_queries.py)

Each benchmark is a function registered in BENCHMARKS; later areas add theirs there.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def peak_rss_mb() -> float:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, rows: int, seconds: float) -> None:
	rate = rows / seconds if seconds else float("inf")
	print(
		f"{name:<40} rows={rows:<9} time={seconds:8.3f}s  rows/s={rate:12.0f}  peak_rss={peak_rss_mb():7.1f} MB"
	)


def bench_rules(args) -> None:
	"""5311 attainment for N agent-days and a day's callback sample over N candidates, in the pure core."""
	from insurance_activity.rules.activity_standards import (
		Standard,
		agent_attainment,
		select_standard,
		subtotals,
	)
	from insurance_activity.rules.callback_sampling import Candidate, SamplingConfig, SamplingHistory, sample

	rng = random.Random(1)
	n = args.rows
	standards = [
		Standard(
			"5311",
			"Agent",
			{"phone_appointments": 5, "sales_interviews": 3, "recruiting_visits": 1, "new_prospects": 1},
		),
		Standard("tier5", "Agent", {"phone_appointments": 3, "sales_interviews": 4}, tier="5"),
	]
	items = ["phone_appointments", "sales_interviews", "recruiting_visits", "new_prospects", "referrals"]
	days = [
		[(rng.choice(items), rng.randint(1, 3), rng.random() > 0.02) for _ in range(10)] for _ in range(n)
	]
	started = time.perf_counter()
	met = 0
	for i, rows in enumerate(days):
		standard = select_standard(
			standards, "Agent", rng.choice(["2", "3", "5"]), date(2026, 11, 2) + timedelta(i % 20)
		)
		met += agent_attainment(subtotals(rows), standard, True).met
	report("5311 attainment (agent-days)", n, time.perf_counter() - started)

	candidates = [
		Candidate(
			f"A{i:07d}", f"agent{i % 1500}", f"team{i % 150}", f"office{i % 30}", f"p{i}", f"138{i:08d}", True
		)
		for i in range(n)
	]
	config = SamplingConfig(
		rate=0.1,
		min_per_agent=1,
		min_per_team=2,
		coverage_period_days=7,
		no_repeat_days=30,
		officer_capacity=40,
	)
	started = time.perf_counter()
	result = sample(date(2026, 11, 23), candidates, SamplingHistory(), config, seed="bench")
	report(f"callback sampling ({len(result.selected)} picked)", n, time.perf_counter() - started)

	# Daily Activity: the database's per-agent totals (working day / day off) rolled up to teams
	from insurance_activity.rules.activity_analysis import GROUP_TEAM, overall, unit_rows

	agents = [f"agent{i}" for i in range(n // 2)]
	totals = [
		{"agent": agent, "is_working_day": working, "logs": 20, "days_met": rng.randint(0, 20)}
		| {item: rng.randint(0, 100) for item in items}
		| {f"{item}_target": 60 for item in items}
		for agent in agents
		for working in (1, 0)
	]
	members = {
		agent: {"team": f"team{i % 150}", "office": f"office{i % 30}"} for i, agent in enumerate(agents)
	}
	started = time.perf_counter()
	rows = unit_rows(totals, members, dict.fromkeys(agents, 22), GROUP_TEAM)
	overall(rows)
	report(f"daily activity roll-up ({len(rows)} teams)", len(totals), time.perf_counter() - started)


def bench_policy_load(args) -> None:
	"""The 100,000-row policy file through the bulk Policy Load on a real site (dev/bench_production.py)."""
	import subprocess

	script = REPO / "dev" / "bench_production.py"
	subprocess.run([sys.executable, str(script), "--site", args.site, "--rows", str(args.rows)], check=True)


def bench_scale(args) -> None:
	"""A branch of `--agents` people and `--months` of history loaded in bulk (with --generate), then every
	report, the team board and the hourly jobs timed against hand-written SQL (dev/scale.py)."""
	import os
	import subprocess

	if args.site is None:
		sys.exit("scale needs --site (a site of its own: it loads thousands of agents)")
	python = (
		Path(os.environ.get("IA_BENCH", Path.home() / "frappe-bench")).expanduser() / "env" / "bin" / "python"
	)
	options = ["--site", args.site, "--agents", str(args.agents), "--months", str(args.months)]
	options += ["--seed", str(args.seed), *(["--generate"] if args.generate else [])]
	options += [*(["--no-measure"] if args.no_measure else []), *(["--no-jobs"] if args.no_jobs else [])]
	options += [*(["--no-reports"] if args.no_reports else []), *(f"--job={job}" for job in args.job or [])]
	subprocess.run([str(python), str(REPO / "dev" / "scale.py"), *options], check=True)


def bench_load(args) -> None:
	"""`--users` concurrent clients (locust, headless) on a gunicorn of `--workers` serving the site: an
	agent's log submitted over REST, then a plain ToDo insert; p50/p95/p99, req/s, the p95 ratio and every
	5xx printed, and what the run made removed (dev/load.py)."""
	import os
	import subprocess

	if args.site is None:
		sys.exit("load needs --site (a site with agents, e.g. the scale site)")
	python = (
		Path(os.environ.get("IA_BENCH", Path.home() / "frappe-bench")).expanduser() / "env" / "bin" / "python"
	)
	options = ["--site", args.site, "--users", str(args.users), "--seconds", str(args.seconds)]
	options += ["--workers", str(args.workers), *(["--port", str(args.port)] if args.port else [])]
	subprocess.run([str(python), str(REPO / "dev" / "load.py"), *options], check=True)


def bench_queries(args) -> None:
	"""The SQL statements of one agent's log insert + submit as the load bench's REST requests run them,
	counted and grouped (the repeats first), against a plain ToDo insert; rolled back (dev/log_queries.py)."""
	import os
	import subprocess

	if args.site is None:
		sys.exit("queries needs --site (a test site with the app installed, e.g. ia-test-c.localhost)")
	python = (
		Path(os.environ.get("IA_BENCH", Path.home() / "frappe-bench")).expanduser() / "env" / "bin" / "python"
	)
	options = ["--site", args.site, "--top", str(args.top)]
	subprocess.run([str(python), str(REPO / "dev" / "log_queries.py"), *options], check=True)


BENCHMARKS = {
	"rules": bench_rules,
	"policy-load": bench_policy_load,
	"scale": bench_scale,
	"load": bench_load,
	"queries": bench_queries,
}


def main() -> None:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("benchmark", choices=sorted(BENCHMARKS))
	parser.add_argument("--rows", type=int, default=100_000)
	parser.add_argument("--site", help="policy-load: default insurance.localhost; scale, load: required")
	parser.add_argument("--generate", action="store_true", help="scale: (re)load the scale branch first")
	parser.add_argument("--agents", type=int, default=5000, help="scale: people in the branch")
	parser.add_argument("--months", type=int, default=12, help="scale: months of history")
	parser.add_argument("--seed", type=int, default=2026, help="scale: the data's seed")
	parser.add_argument("--no-measure", action="store_true", help="scale: load only")
	parser.add_argument("--no-jobs", action="store_true", help="scale: reports only, no hourly jobs")
	parser.add_argument("--no-reports", action="store_true", help="scale: hourly jobs only")
	parser.add_argument("--job", action="append", help="scale: only the hourly jobs whose path contains this")
	parser.add_argument("--users", type=int, default=50, help="load: concurrent clients")
	parser.add_argument("--seconds", type=int, default=60, help="load: each scenario's duration")
	parser.add_argument("--workers", type=int, default=4, help="load: gunicorn sync workers")
	parser.add_argument("--port", type=int, help="load: preferred port of the server")
	parser.add_argument("--top", type=int, default=25, help="queries: how many groups to print")
	args = parser.parse_args()
	if args.benchmark == "policy-load" and args.site is None:
		args.site = "insurance.localhost"
	BENCHMARKS[args.benchmark](args)


if __name__ == "__main__":
	main()
