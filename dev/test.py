#!/usr/bin/env python3
"""Run every test of insurance_activity: lint, the pure rules core, and the integration tests on a real site.

The integration site starts from a clean database every run: a backup taken right after ERPNext's
setup wizard (the baseline) is restored, the app is installed onto it, the tests run, and finally the
app is uninstalled and checked for leftovers. The baseline is built once per set of framework sources.

The suites run twice: at the real time, and once more with the clock at a hostile instant (HOSTILE:
23:30 in Shanghai on Sunday 31 December 2028, a Sunday that ends a month and a leap year, after every
cut-off hour), so a test or a rule that depends on the hour or the date fails whenever CI runs. The two
passes run side by side, each on its own site (the hostile one on SITE's "-clock" sibling).
`--at "YYYY-MM-DD HH:MM"` runs once at that Shanghai instant instead; `--real-time` runs once at the
real time. The clock is set with libfaketime (Debian `faketime`) around the test processes only:
restoring the database and pinging Redis run at the real time (redis-cli hangs under libfaketime).
The last line printed is `N passed, N failed`; the exit code is non-zero on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser
import stack

SITE = os.environ.get("IA_TEST_SITE", "ia-test.localhost")
BUSINESS_TZ = "Asia/Shanghai"  # the test site's time zone, as the app's users'
HOSTILE = "2028-12-31 23:30"  # Sunday, the last day of a month and of a leap year, after every cut-off
BASELINE_RECIPE = "2"  # bump when the baseline's contents change
ARTIFACTS = stack.REPO / "dev" / "artifacts"
SEMGREP = "semgrep==1.185.0"  # PyPI; the rules are vendored in dev/semgrep
SEMGREP_ENV = Path.home() / ".cache" / "insurance_activity" / "semgrep-env"
APP_DIR = stack.REPO / stack.APP


class Tally:
	def __init__(self):
		self.passed = 0
		self.failed = 0
		self.skipped = 0
		self.lines: list[str] = []

	def add(self, name: str, passed: int, failed: int, skipped: int = 0):
		self.passed += passed
		self.failed += failed
		self.skipped += skipped
		self.lines.append(f"  {name:<32} {passed} passed, {failed} failed, {skipped} skipped")


def env_python() -> str:
	return str(stack.BENCH / "env" / "bin" / "python")


def rules_python() -> str:
	"""The interpreter for lint and the pure core without a site: the bench env with the app's dependencies
	(the core parses phones with phonenumbers; ruff and pytest are dev dependencies) when there is a bench,
	else this interpreter, which then needs them installed."""
	if not Path(env_python()).exists():
		return sys.executable
	stack.ensure_app_dependencies()
	return env_python()


def lint(tally: Tally, python: str) -> None:
	stack.step("lint: ruff check and ruff format --check")
	checks = [[python, "-m", "ruff", "check", "."], [python, "-m", "ruff", "format", "--check", "."]]
	for cmd in checks:
		result = stack.run(cmd, cwd=stack.REPO, check=False)
		tally.add(" ".join(cmd[2:4]), int(result.returncode == 0), int(result.returncode != 0))
	stack.step("lint: static checks (whitelisted methods check permission, no SQL built from values)")
	result = stack.run([python, str(stack.REPO / "dev" / "static_checks.py")], cwd=stack.REPO, check=False)
	tally.add("static checks", int(result.returncode == 0), int(result.returncode != 0))
	stack.step("lint: Frappe's semgrep rules (dev/semgrep, vendored from frappe/semgrep-rules)")
	semgrep = [semgrep_binary(), "scan", "--config", str(stack.REPO / "dev" / "semgrep"), "--error"]
	semgrep += ["--metrics=off", "--disable-version-check", "--quiet", stack.APP]
	result = stack.run(semgrep, cwd=stack.REPO, check=False)
	tally.add("semgrep (Frappe's rules)", int(result.returncode == 0), int(result.returncode != 0))


def semgrep_binary() -> str:
	"""semgrep (SEMGREP) in a virtualenv of its own, made or brought to the pinned version on first use: its
	dependencies pin versions the bench's packages do not share. uv makes this a no-op when it is there."""
	python = SEMGREP_ENV / "bin" / "python"
	if not python.exists():
		stack.run(["uv", "venv", "-q", str(SEMGREP_ENV)], quiet=True)
	stack.run(["uv", "pip", "install", "-q", SEMGREP, "--python", str(python)], quiet=True)
	return str(SEMGREP_ENV / "bin" / "semgrep")


def pytest(tally: Tally, name: str, python: str, paths: list[str], cwd: Path, extra_env=None) -> None:
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	# the site in the name: runs side by side on their own sites never read each other's tally
	report = ARTIFACTS / f"junit-{re.sub(r'[^A-Za-z0-9]+', '-', f'{SITE} {name}').strip('-')}.xml"
	report.unlink(missing_ok=True)
	cmd = [
		python,
		"-m",
		"pytest",
		"-q",
		"-p",
		"no:cacheprovider",
		f"--junitxml={report}",
		"--rootdir",
		str(stack.REPO),
		*paths,
	]
	result = stack.run(cmd, cwd=cwd, env=extra_env, check=False)
	passed, failed, skipped = junit_counts(report)
	if result.returncode not in (0, 5) and failed == 0:
		failed = 1  # the run broke before reporting (collection or import error)
	tally.add(name, passed, failed, skipped)


def junit_counts(report: Path) -> tuple[int, int, int]:
	if not report.exists():
		return 0, 0, 0
	root = ET.parse(report).getroot()
	suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
	total = sum(int(s.get("tests", 0)) for s in suites)
	failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
	skipped = sum(int(s.get("skipped", 0)) for s in suites)
	return total - failed - skipped, failed, skipped


# ---------------------------------------------------------------- the clock
def clock_env(at: str | None) -> dict:
	"""Environment that starts the clock of a process at `at` (Shanghai local time), ticking from there.

	None: the real time (no change). libfaketime's FAKETIME is given in UTC with TZ=UTC, so the instant
	does not depend on this machine's own time zone.
	"""
	if not at:
		return {}
	from datetime import datetime, timezone
	from zoneinfo import ZoneInfo

	local = datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(BUSINESS_TZ))
	utc = local.astimezone(timezone.utc)
	return {"LD_PRELOAD": str(faketime_library()), "FAKETIME": f"@{utc:%Y-%m-%d %H:%M:%S}", "TZ": "UTC"}


def faketime_library() -> Path:
	found = sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))
	if not found:
		browser.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "faketime"])
		found = sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))
	if not found:
		raise SystemExit("libfaketime is missing: install Debian's faketime package.")
	return found[0]


def check_instant(value: str) -> str:
	from datetime import datetime

	try:
		datetime.strptime(value, "%Y-%m-%d %H:%M")
	except ValueError:
		raise argparse.ArgumentTypeError(f'{value!r}: give the instant as "YYYY-MM-DD HH:MM" (Shanghai time)')
	return value


# ---------------------------------------------------------------- the bench, borrowed
@contextlib.contextmanager
def bench_borrowed_for_this_checkout():
	"""Run this checkout's code on the shared bench, and leave the bench as it was found.

	Every process started here imports the app from this checkout (PYTHONPATH), so the bench's own copy
	of the app (the one a served demo site uses) is not re-pointed. Only what is missing is added for the
	run: the app's link and its line in apps.txt on a bench that has never had it; the assets link points
	at this checkout for the pages the browser tests look at. All of it is put back afterwards, also when
	the run fails or is stopped, so deleting a tested clone (as CI does) leaves nothing dangling.
	"""
	os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(stack.REPO), os.environ.get("PYTHONPATH")]))
	link = stack.BENCH / "apps" / stack.APP
	assets = stack.BENCH / "sites" / "assets" / stack.APP
	apps_txt = stack.BENCH / "sites" / "apps.txt"
	found = {path: os.readlink(path) if path.is_symlink() else None for path in (link, assets)}
	found_apps_txt = apps_txt.read_text() if apps_txt.exists() else None
	previous_sigterm = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
	try:
		if not link.exists() and not link.is_symlink():
			link.symlink_to(stack.REPO, target_is_directory=True)
		if stack.APP not in (found_apps_txt or "").split():
			apps_txt.write_text((found_apps_txt or "").rstrip("\n") + f"\n{stack.APP}\n")
		if assets.is_symlink() or not assets.exists():
			replace_symlink(assets, stack.REPO / stack.APP / "public")
		yield
	finally:
		for path, target in found.items():
			if path.is_symlink() or target is not None:
				replace_symlink(path, target)
		if found_apps_txt is not None:
			apps_txt.write_text(found_apps_txt)
		signal.signal(signal.SIGTERM, previous_sigterm)


def replace_symlink(path: Path, target) -> None:
	"""Point `path` at `target`, or remove it when target is None (only ever a symlink, never a folder)."""
	if path.is_symlink():
		path.unlink()
	if target is not None:
		path.parent.mkdir(parents=True, exist_ok=True)
		path.symlink_to(target, target_is_directory=True)


# ---------------------------------------------------------------- clean test site
def baseline_key() -> str:
	heads = []
	for app in stack.APPS:
		out = stack.run(
			["git", "-C", str(stack.BENCH / "apps" / app), "rev-parse", "HEAD"], quiet=True, check=False
		)
		heads.append(out.stdout.strip())
	# a baseline belongs to one bench's site (its encryption key), and to one set of framework sources
	return hashlib.sha1(("|".join([str(stack.BENCH), *heads]) + BASELINE_RECIPE).encode()).hexdigest()[:16]


def baseline_path(site: str) -> Path:
	return stack.CACHE / "baselines" / f"{site}-{baseline_key()}.sql.gz"


def site_db(site: str) -> dict:
	config = json.loads((stack.BENCH / "sites" / site / "site_config.json").read_text())
	return {
		"name": config["db_name"],
		"user": config.get("db_user", config["db_name"]),
		"password": config["db_password"],
	}


def mariadb_admin(sql: str) -> None:
	stack.run(
		["mariadb", f"-u{stack.DB_ADMIN}", f"-p{stack.DB_ADMIN_PASSWORD}", "-h127.0.0.1", "-e", sql],
		quiet=True,
	)


def build_baseline(site: str, path: Path) -> None:
	stack.step(f"building the clean test baseline for {site} (once per framework version, a few minutes)")
	stack.drop_site(site)
	stack.new_site(site)
	stack.step("ERPNext setup wizard for the test company")
	stack.call_on_site(site, "insurance_activity.setup.company.before_tests")
	dump_baseline(site, path)


def dump_baseline(site: str, path: Path) -> None:
	db = site_db(site)
	path.parent.mkdir(parents=True, exist_ok=True)
	tmp = path.with_suffix(".tmp")
	stack.run(
		f"mariadb-dump -u{stack.DB_ADMIN} -p{stack.DB_ADMIN_PASSWORD} -h127.0.0.1 --single-transaction "
		f"--routines --events {db['name']} | gzip -1 > {tmp}"
	)
	tmp.rename(path)


def restore_baseline(site: str, path: Path) -> None:
	"""Drop and reload the site's database from the baseline: the same state every run, in seconds. Only
	this site's keys leave the shared Redis cache (Frappe prefixes them with the database's name), so a
	pass running beside it on another site keeps its own."""
	stack.step(f"restoring {site} from the clean baseline")
	db = site_db(site)
	mariadb_admin(
		f"DROP DATABASE IF EXISTS `{db['name']}`; CREATE DATABASE `{db['name']}` "
		"CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
	)
	stack.run(
		f"gunzip -c {path} | mariadb -u{stack.DB_ADMIN} -p{stack.DB_ADMIN_PASSWORD} -h127.0.0.1 {db['name']}"
	)
	redis = f"redis-cli -u {stack.REDIS_URL}"
	stack.run(f"{redis} --scan --pattern '{db['name']}|*' | xargs -r -n 500 {redis} DEL", quiet=True)


def prepare_site(site: str, clock: dict) -> None:
	path = baseline_path(site)
	if not stack.site_exists(site) or not path.exists():
		build_baseline(site, path)
	else:
		restore_baseline(site, path)
	stack.step(f"install-app {stack.APP} on {site}")
	started = time.monotonic()
	stack.bench("--site", site, "install-app", stack.APP, env=clock)
	print(f"    installed in {time.monotonic() - started:.1f} s")


def main() -> int:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--rules-only", action="store_true", help="lint and the pure core only (no site)")
	parser.add_argument(
		"-k", dest="keyword", help="only integration tests matching this pytest -k expression"
	)
	when = parser.add_mutually_exclusive_group()
	when.add_argument(
		"--at",
		type=check_instant,
		metavar='"YYYY-MM-DD HH:MM"',
		help="run once with the clock at this instant, Shanghai time (default: real time, then "
		+ HOSTILE
		+ ")",
	)
	when.add_argument("--real-time", action="store_true", help="run once, at the real time only")
	parser.add_argument("--one-pass", metavar="TALLY_JSON", help=argparse.SUPPRESS)  # the side pass (below)
	args = parser.parse_args()
	os.environ.setdefault("CI", "true")
	tally = Tally()
	started = time.monotonic()

	if args.one_pass:  # started by the main run below, which has prepared the bench and linted
		run_suites(args, tally, env_python(), SITE, args.at)
		Path(args.one_pass).write_text(json.dumps(tally.__dict__))
		return 0
	if args.rules_only:
		python = rules_python()
	else:
		stack.ensure_stack(link_app=False)
		browser.ensure_browser()  # headless Chromium for the tests that look at pages
		python = env_python()
	instants = [args.at] if args.at else [None] if args.real_time or args.rules_only else [None, HOSTILE]
	with contextlib.ExitStack() as borrowed:
		if not args.rules_only:
			borrowed.enter_context(bench_borrowed_for_this_checkout())
		lint(tally, python)
		if len(instants) == 2:
			with side_pass(args, tally, instants[1]):
				run_suites(args, tally, python, SITE, instants[0])
		else:
			run_suites(args, tally, python, SITE, instants[0])

	print(f"\nfinished in {time.monotonic() - started:.0f} s")
	print("\n".join(tally.lines))
	print(
		f"{tally.passed} passed, {tally.failed} failed"
		+ (f", {tally.skipped} skipped" if tally.skipped else "")
	)
	return 1 if tally.failed or not tally.passed else 0


def side_site() -> str:
	"""The hostile-clock pass's own site, beside SITE: ia-test.localhost -> ia-test-clock.localhost."""
	stem, dot, rest = SITE.partition(".")
	return f"{stem}-clock{dot}{rest}"


@contextlib.contextmanager
def side_pass(args, tally: Tally, at: str):
	"""Run the suites at `at` on their own site (side_site) in a child process while the body runs, and add
	its tally when both are done; its output is printed after the body's, in one piece.

	The two passes share nothing but the bench's code and MariaDB/Redis (each site its own database and
	cache keys), and the machine's two cores keep both busy: the whole command took 96 minutes one pass
	after the other (clean-clone run of dc2d0d6), over CI's 90."""
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	log_path = ARTIFACTS / "side-pass.log"
	tally_path = ARTIFACTS / "side-pass-tally.json"
	tally_path.unlink(missing_ok=True)
	cmd = [sys.executable, str(Path(__file__).resolve()), "--at", at, "--one-pass", str(tally_path)]
	if args.keyword:
		cmd += ["-k", args.keyword]
	stack.step(f"the pass @ {at} runs beside this one on {side_site()} (its output follows at the end)")
	with open(log_path, "w") as log:
		child = subprocess.Popen(
			cmd, env={**os.environ, "IA_TEST_SITE": side_site()}, stdout=log, stderr=subprocess.STDOUT
		)
	try:
		yield
		stack.step(f"waiting for the pass @ {at}")
		child.wait()
	finally:
		if child.poll() is None:
			child.terminate()
			child.wait()
		print(f"\n==> the pass @ {at}, run beside the one above on {side_site()}:", flush=True)
		sys.stdout.write(log_path.read_text(errors="replace"))
		sys.stdout.flush()
	if tally_path.exists():
		side = json.loads(tally_path.read_text())
		for line in side["lines"]:
			tally.lines.append(line)
		tally.passed += side["passed"]
		tally.failed += side["failed"]
		tally.skipped += side["skipped"]
	else:
		tally.add(f"the pass @ {at}", 0, 1)  # it broke before writing its tally: see its output


def run_suites(args, tally: Tally, python: str, site: str, at: str | None) -> None:
	"""The suites once on `site`, with the clock of the test processes at `at` (None: the real time)."""
	clock = clock_env(at)
	suffix = f" @ {at}" if at else ""
	stack.step("pure rules core (plain pytest, no frappe)" + suffix)
	pytest(tally, "rules core" + suffix, python, [str(APP_DIR / "tests" / "rules")], stack.REPO, clock)
	if not at:
		pytest(tally, "dev tools", python, [str(stack.REPO / "dev" / "tests")], stack.REPO)

	if not args.rules_only:
		prepare_site(site, clock)
		sites = stack.BENCH / "sites"
		env = {"IA_TEST_SITE": site, "IA_SITES_PATH": str(sites), **clock}
		integration = [str(APP_DIR / "tests" / "integration"), "--durations=15"]
		if args.keyword:
			integration += ["-k", args.keyword]
		stack.step("integration tests on a real site" + suffix)
		pytest(tally, "integration" + suffix, python, integration, sites, env)
		stack.step("lifecycle: uninstall removes what install added" + suffix)
		pytest(tally, "uninstall" + suffix, python, [str(APP_DIR / "tests" / "lifecycle")], sites, env)


if __name__ == "__main__":
	sys.exit(main())
