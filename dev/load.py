#!/usr/bin/env python3
"""Log submit latency under load (issue 18): N concurrent clients on loopback, driven by locust (headless).

    dev/bench.py load --site SITE [--users 50] [--seconds 60] [--workers 4] [--port PORT]

Prints figures, never a timed test. On `--site` (with agents, e.g. the scale site of dev/scale.py):
- serves the site with Frappe's gunicorn (`frappe.app:application --preload`, sync workers) on 127.0.0.1;
- gives a pool of plain agents (no reports of their own) a desk session each through Frappe's own sessions
  (frappe.sessions.Session, as a login makes one: no password or API key is set), and for each a working
  day in the edit window (the settings are not changed) without a live log of theirs;
- runs two scenarios one after the other on the same server, each `--users` clients for `--seconds`, no
  think time: (a) an agent's log with three activity rows over REST, `POST /api/resource/Agent Log` (a
  draft) then `PUT /api/resource/Agent Log/<name>` with docstatus 1 (the submit); (b) a plain ToDo, `POST
  /api/resource/ToDo`;
- prints per request: requests, failures, 5xx, p50, p95, p99 (ms), req/s, and the ratio of the log's p95
  to the ToDo's; the exception lines of any 5xx (the response, the server's Error Log) and the machine's
  load while it ran;
- afterwards removes everything the run made (the logs, cancelled and deleted permanently in reverse so
  the naming series counter goes back; the ToDos; their versions and comments; the sessions; the users'
  last login), and says what, if anything, is left.

Locust lives in a venv of its own (~/.cache/insurance_activity/locust-venv, made on first use): its
dependencies (Flask, Werkzeug, gevent) would move Frappe's pins in the bench env. It loads this same file as
its locustfile: the user classes at the bottom exist only where locust imports.

The first `--warmup` seconds of each scenario (workers loading metadata and controllers) are left out of
the latency figures; every 5xx counts, warm-up or not.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("IA_BENCH", Path.home() / "frappe-bench")).expanduser()
CACHE = Path.home() / ".cache" / "insurance_activity"
VENV = CACHE / "locust-venv"
LOCUST_SPEC = "locust==2.47.0"
DEFAULT_PORT = 8061
SITE_HEADER = "X-Frappe-Site-Name"
AGENT_ROLE = "Insurance Agent"
NAMING_SERIES = "AL-.YYYY.-"
# the rows of every log: a count, a visit to one of the agent's own Leads (its ownership is checked), a count
ROWS = (
	{"activity_kind": "Phone Appointment", "activity_count": 3},
	{"activity_kind": "Sales Interview", "activity_count": 1, "party_type": "Lead"},
	{"activity_kind": "Recruiting Visit", "activity_count": 1},
)
LOG_INSERT, LOG_SUBMIT, LOG_BOTH, TODO_INSERT = (
	"Agent Log insert (POST)",
	"Agent Log submit (PUT docstatus=1)",
	"Agent Log insert + submit",
	"ToDo insert (POST)",
)
FOOTPRINT = (  # tables a log or a ToDo save may write to beside its own; checked for rows left behind
	"Agent Log",
	"Agent Log Activity",
	"ToDo",
	"Version",
	"Comment",
	"Activity Log",
	"Error Log",
	"Notification Log",
	"Energy Point Log",
	"Deleted Document",
	"Points Contest Ledger",
	"Lead",
	"Sessions",
)


# ---------------------------------------------------------------- locust, in its own venv
def ensure_locust() -> Path:
	"""The locust executable of our venv, installed when missing (pip, unattended)."""
	locust = VENV / "bin" / "locust"
	if not locust.exists():
		print(
			f"==> {LOCUST_SPEC} into {VENV} (a venv of its own: Frappe's pins stay as they are)", flush=True
		)
		subprocess.run(["python3", "-m", "venv", str(VENV)], check=True)
		subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", LOCUST_SPEC], check=True)
	return locust


# ---------------------------------------------------------------- the server
@contextlib.contextmanager
def gunicorn(site: str, port: int, workers: int, log_path: Path, timeout: float = 180):
	"""Serve the bench's sites with Frappe's gunicorn (sync workers, --preload) on 127.0.0.1:`port` until the
	block ends; waits until `site` answers ping. Stops the server and its workers afterwards."""
	sys.path.insert(0, str(REPO / "dev"))
	from browser import free_port, served

	port = free_port(port)
	url = f"http://127.0.0.1:{port}"
	command = [str(BENCH / "env" / "bin" / "gunicorn"), "-b", f"127.0.0.1:{port}", "-w", str(workers)]
	command += ["-t", "120", "--preload", "frappe.app:application"]
	with served(
		command, BENCH / "sites", log_path, lambda: answers(url, site), f"{site} on {url}", timeout, 30
	) as server:
		print(f"==> gunicorn: {workers} sync workers on {url} (pid {server.pid}), log {log_path}", flush=True)
		yield url


def answers(url: str, site: str) -> bool:
	import urllib.request

	request = urllib.request.Request(f"{url}/api/method/ping", headers={SITE_HEADER: site})
	try:
		with urllib.request.urlopen(request, timeout=5) as response:
			return json.loads(response.read()).get("message") == "pong"
	except (OSError, ValueError):
		return False


# ---------------------------------------------------------------- the agents, on the site (bench env)
def connect(site: str):
	os.chdir(BENCH / "sites")
	import frappe

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	if "insurance_activity" not in frappe.get_installed_apps():
		sys.exit(f"insurance_activity is not installed on {site}")
	return frappe


def agent_slots(frappe, wanted: int, lock_days: int) -> list[dict]:
	"""Up to `wanted` (agent, day) pairs: active plain agents (an Insurance Agent user, nobody reporting to
	them) with one of their own Leads, and a working day of theirs in the agent's edit window (today and the
	`log_lock_days` before it) on which they have no live log: each free day of each agent, today's first,
	so that a run has every free day of the window (one day an agent gave 495 on the scale site: runs ended
	early)."""
	from frappe.utils import add_days, getdate, today

	from insurance_activity import working_days

	end = getdate(today())
	start = getdate(add_days(end, -lock_days))
	agents = frappe.db.sql(  # nosemgrep: frappe-using-db-sql -- one read of the candidates
		"""select e.name, e.user_id, u.full_name,
			(select l.name from tabLead l where l.lead_owner = e.user_id order by l.name limit 1) as lead
		from tabEmployee e join tabUser u on u.name = e.user_id and u.enabled = 1
		where e.status = 'Active'
			and exists (select 1 from `tabHas Role` r where r.parent = e.user_id and r.role = %(role)s)
			and not exists (select 1 from tabEmployee d where d.reports_to = e.name)
		order by e.name""",
		{"role": AGENT_ROLE},
		as_dict=True,
	)
	agents = [a for a in agents if a.lead]
	taken = {
		(agent, str(day))
		for agent, day in frappe.get_all(
			"Agent Log",
			filters={"log_date": ("between", (start, end)), "docstatus": ("<", 2)},
			fields=["agent", "log_date"],
			as_list=True,
		)
	}
	off = working_days.days_off_by_employee([a.name for a in agents], start, end)
	days = [getdate(add_days(end, -k)) for k in range((end - start).days + 1)]
	slots = []
	for day in days:  # every agent's free day of today first, then of each day before: one agent a time
		for agent in agents:
			if off[agent.name].is_working_day(day) and (agent.name, str(day)) not in taken:
				slots.append({**agent, "log_date": str(day)})
				if len(slots) >= wanted:
					return slots
	return slots


def set_edit_window(frappe, days: int) -> None:
	"""The site's edit window (Insurance Activity Settings' log_lock_days) set to `days`, committed (the served
	site reads it). main() widens it for a run (--window-days) and puts the site's own back after: a window of
	one day holds one working day or none (a Saturday's), 495 free agent days on the scale site, and a run of
	50 clients ran out of them."""
	if int(frappe.db.get_single_value("Insurance Activity Settings", "log_lock_days") or 0) == days:
		return
	frappe.db.set_single_value("Insurance Activity Settings", "log_lock_days", days)
	frappe.clear_document_cache("Insurance Activity Settings", "Insurance Activity Settings")
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the served site reads it; put back after the run


def open_sessions(frappe, slots: list[dict]) -> dict[str, dict]:
	"""A desk session (sid) for each slot's user, made by Frappe's own Session as a login does; returns
	{user: its last_login, last_ip, last_active before}, which close_sessions puts back."""
	from frappe.sessions import Session

	users = sorted({s["user_id"] for s in slots})
	before = {
		u.name: u
		for u in frappe.get_all(
			"User",
			filters={"name": ("in", users)},
			fields=["name", "last_login", "last_ip", "last_active"],
		)
	}
	frappe.local.request_ip = "127.0.0.1"
	frappe.form_dict.sid = "Guest"  # Session reads a request's sid first; this script has no request
	sids = {}
	for slot in slots:
		user = slot["user_id"]
		if user not in sids:
			sids[user] = Session(user, resume=False, full_name=slot["full_name"], user_type="System User").sid
		slot["sid"] = sids[user]
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- the sessions must be there for the server
	frappe.set_user("Administrator")  # each Session made itself this process's session
	return before


def close_sessions(frappe, slots: list[dict], before: dict[str, dict]) -> None:
	"""Remove the run's sessions (as frappe.sessions.delete_session, without its logout feed) and put the
	users' last login, IP and activity back as they were."""
	for sid in {s["sid"] for s in slots if s.get("sid")}:
		frappe.db.delete("Sessions", {"sid": sid})
		frappe.cache.hdel("session", sid)
		frappe.cache.hdel("last_db_session_update", sid)
	for user, row in before.items():
		frappe.db.set_value(
			"User",
			user,
			{"last_login": row.last_login, "last_ip": row.last_ip, "last_active": row.last_active},
			update_modified=False,
		)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a bench script's clean-up


def series_counters(frappe) -> dict[str, int]:
	series = "select name, current from tabSeries where name like 'AL-%%'"
	return dict(frappe.db.sql(series))  # nosemgrep: frappe-using-db-sql -- tabSeries has no doctype


def made_since(frappe, started: str, users: list[str]) -> dict[str, list[str]]:
	"""{doctype: names} of the Agent Logs and ToDos the run's users made since `started`."""
	return {
		doctype: frappe.get_all(
			doctype,
			filters={"owner": ("in", users), "creation": (">=", started)},
			pluck="name",
			order_by="name desc",
		)
		for doctype in ("Agent Log", "ToDo")
	}


def error_logs(frappe, started: str) -> list[dict]:
	return frappe.get_all(
		"Error Log",
		filters={"creation": (">=", started)},
		fields=["name", "creation", "method", "error", "reference_doctype", "reference_name"],
		order_by="creation asc",
	)


def clean_up(frappe, made: dict[str, list[str]], errors: list[dict], counters: dict[str, int]) -> None:
	"""Delete what the run made: its logs (cancelled first; newest first so Frappe puts the naming series
	counter back), its ToDos, their versions and comments, and the run's Error Log rows (printed before)."""
	for name in made["Agent Log"]:
		doc = frappe.get_doc("Agent Log", name)
		if doc.docstatus == 1:
			doc.flags.ignore_permissions = True
			doc.cancel()
		frappe.delete_doc("Agent Log", name, ignore_permissions=True, force=True, delete_permanently=True)
	for name in made["ToDo"]:
		frappe.delete_doc("ToDo", name, ignore_permissions=True, force=True, delete_permanently=True)
	for doctype, names in made.items():
		for start in range(0, len(names), 500):
			batch = names[start : start + 500]
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", batch)})
			frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ("in", batch)})
			frappe.db.delete("Activity Log", {"reference_doctype": doctype, "reference_name": ("in", batch)})
	for doctype, names in made.items():  # delete_doc's feed ("Agent Log AL-2026-…" deleted), by subject
		subjects = [f"{frappe._(doctype)} {name}" for name in names]
		for start in range(0, len(subjects), 500):
			frappe.db.delete(
				"Comment",
				{
					"comment_type": "Deleted",
					"reference_doctype": doctype,
					"subject": ("in", subjects[start : start + 500]),
				},
			)
	for row in errors:
		frappe.db.delete("Error Log", {"name": row.name})
	# a counter Frappe did not put back (a deleted log was not the last): back to where it was, when no log
	# above it remains
	for key, current in series_counters(frappe).items():
		was = counters.get(key, 0)
		above = [["name", "like", f"{key}%"], ["name", ">", f"{key}{was:05d}"]]
		if current > was and not frappe.db.exists("Agent Log", above):
			frappe.db.sql(
				"update tabSeries set current = %s where name = %s", (was, key)
			)  # nosemgrep: frappe-using-db-sql
	frappe.db.commit()  # nosemgrep: frappe-manual-commit -- a bench script's clean-up


def left_behind(frappe, started: str, users: list[str]) -> dict[str, int]:
	"""Rows of the FOOTPRINT tables made since `started` by the run's users (or by Administrator, who cleans
	up) that are still there: {} when the run left nothing."""
	left = {}
	for doctype in FOOTPRINT:
		if doctype == "Sessions":  # no creation column: the run's users' sessions
			count = frappe.db.count(doctype, {"user": ("in", users)})
		else:
			count = frappe.db.count(
				doctype, {"creation": (">=", started), "owner": ("in", [*users, "Administrator"])}
			)
		if count:
			left[doctype] = count
	return left


# ---------------------------------------------------------------- measuring
def cpu_times() -> tuple[int, int]:
	"""(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
	fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
	idle = fields[3] + fields[4]
	return sum(fields) - idle, sum(fields)


def busiest_processes(count: int = 6) -> str:
	"""The top CPU users over 3 seconds (top's second frame), this run's server and locust included."""
	out = subprocess.run(
		["top", "-c", "-b", "-n", "2", "-d", "3", "-o", "%CPU", "-w", "400"], capture_output=True, text=True
	).stdout
	frame = out.split("\ntop - ")[-1].splitlines()
	head = next((i for i, line in enumerate(frame) if line.split()[:1] == ["PID"]), None)
	if head is None:
		return "unknown"
	rows = []
	for line in frame[head + 1 :]:
		parts = line.split()
		if len(parts) >= 12 and float(parts[8]) >= 2:
			command = " ".join([Path(parts[11]).name, *parts[12:14]])[:60]
			rows.append(f"{command} {float(parts[8]):.0f}%")
	return ", ".join(rows[:count]) or "none"


def percentile(values: list[float], share: float) -> float:
	"""Nearest-rank percentile (the value at rank ceil(share * n))."""
	import math

	if not values:
		return float("nan")
	ordered = sorted(values)
	return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def run_scenario(locust: Path, scenario: str, url: str, args, slots_path: Path, out_dir: Path) -> dict:
	"""One headless locust run of the user class `scenario`; returns its request records and the load."""
	records = out_dir / f"{scenario}.jsonl"
	env = {
		**os.environ,
		"IA_LOAD_SITE": args.site,
		"IA_LOAD_SLOTS": str(slots_path),
		"IA_LOAD_RECORDS": str(records),
	}
	command = [str(locust), "-f", str(Path(__file__).resolve()), "--headless", "--host", url]
	command += ["-u", str(args.users), "-r", str(args.users), "-t", f"{args.seconds}s"]
	command += ["--stop-timeout", "60", "--only-summary", "--loglevel", "WARNING", scenario]
	load_before, cpu_before = os.getloadavg()[0], cpu_times()
	print(f"==> {scenario}: {args.users} clients for {args.seconds} s", flush=True)
	with open(out_dir / f"{scenario}.locust.log", "w") as log:
		locust_run = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
		time.sleep(args.seconds / 2)
		others = busiest_processes()
		locust_run.wait()
	cpu_after = cpu_times()
	busy = (cpu_after[0] - cpu_before[0]) / max(1, cpu_after[1] - cpu_before[1])
	rows = [json.loads(line) for line in records.read_text().splitlines()] if records.exists() else []
	return {
		"records": rows,
		"load": (load_before, os.getloadavg()[0]),
		"cpu": busy,
		"others": others,
		"locust_rc": locust_run.returncode,
	}


def figures(records: list[dict], name: str, warmup: float) -> dict:
	"""Requests, failures, 5xx, p50/p95/p99 and req/s of the records named `name`, after the warm-up."""
	mine = [r for r in records if r["name"] == name]
	if not mine:
		return {"name": name, "requests": 0}
	first = min(r["start"] for r in records)
	measured = [r for r in mine if r["start"] - first >= warmup]
	span = (
		max(r["start"] + r["ms"] / 1000 for r in measured) - min(r["start"] for r in measured)
		if measured
		else 0
	)
	times = [r["ms"] for r in measured]
	return {
		"name": name,
		"requests": len(measured),
		"failures": sum(1 for r in measured if not r["ok"]),
		"5xx": sum(1 for r in mine if r["status"] >= 500),
		"p50": percentile(times, 0.50),
		"p95": percentile(times, 0.95),
		"p99": percentile(times, 0.99),
		"rps": len(measured) / span if span else 0,
	}


def print_table(rows: list[dict]) -> None:
	print(
		f"\n{'request':<36} {'requests':>8} {'fail':>5} {'5xx':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7}"
	)
	for row in rows:
		if not row["requests"]:
			print(f"{row['name']:<36} {0:>8}")
			continue
		print(
			f"{row['name']:<36} {row['requests']:>8} {row['failures']:>5} {row['5xx']:>4} {row['p50']:>8.0f}"
			f" {row['p95']:>8.0f} {row['p99']:>8.0f} {row['rps']:>7.1f}"
		)


def print_faults(records: list[dict], errors: list[dict]) -> None:
	"""The 5xx responses (request, status, exception line) and the server's Error Log of the run; the first
	few other failures' messages."""
	server_errors = [r for r in records if r["status"] >= 500]
	others = [r for r in records if not r["ok"] and r["status"] < 500]
	print(f"\n5xx responses: {len(server_errors)}")
	for r in server_errors[:20]:
		print(f"  {r['status']} {r['name']} {r.get('request', '')}: {r.get('error', '')}")
	if others:
		print(f"other failures: {len(others)} (first 5)")
		for r in others[:5]:
			print(f"  {r['status']} {r['name']} {r.get('request', '')}: {r.get('error', '')}")
	if errors:
		print(f"Error Log rows made during the run: {len(errors)}")
		for row in errors[:10]:
			lines = [line for line in (row.error or "").splitlines() if line.strip()]
			print(
				f"  {row.creation} {row.method or ''} {row.reference_doctype or ''} {row.reference_name or ''}"
			)
			for line in lines[-3:]:
				print(f"      {line}")


def main() -> None:
	import argparse

	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", required=True)
	parser.add_argument("--users", type=int, default=50, help="concurrent clients")
	parser.add_argument("--seconds", type=int, default=60, help="each scenario's duration")
	parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
	parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="preferred port (a free one if taken)")
	parser.add_argument("--warmup", type=float, default=5, help="seconds left out of the latency figures")
	parser.add_argument(
		"--agents",
		type=int,
		help="(agent, free day) pairs prepared (one log each); default users x seconds / 2",
	)
	parser.add_argument(
		"--window-days",
		type=int,
		default=7,
		help="the edit window (log_lock_days) during the run, at least; the site's is put back after",
	)
	args = parser.parse_args()

	locust = ensure_locust()
	stamp = time.strftime("%Y%m%d-%H%M%S")
	out_dir = CACHE / f"load-{args.site}-{stamp}"
	out_dir.mkdir(parents=True, exist_ok=True)
	frappe = connect(args.site)
	from frappe.utils import now

	started = now()
	wanted = args.agents or args.users * args.seconds // 2
	lock_days = int(frappe.db.get_single_value("Insurance Activity Settings", "log_lock_days") or 0)
	window = max(lock_days, args.window_days)
	set_edit_window(frappe, window)
	try:
		run(frappe, args, locust, out_dir, started, wanted, window)
	finally:
		set_edit_window(frappe, lock_days)  # the site's own window again, whatever happened
		frappe.destroy()


def run(frappe, args, locust: Path, out_dir: Path, started: str, wanted: int, window: int) -> None:
	"""The run of main(), the edit window set to `window` days for it."""
	slots = agent_slots(frappe, wanted, window)
	if len(slots) < args.users:
		sys.exit(f"only {len(slots)} agents have a free working day in the edit window; {args.users} needed")
	counters = series_counters(frappe)
	users = sorted({s["user_id"] for s in slots})
	print(
		f"==> {len(slots)} free working days of {len({s['name'] for s in slots})} agents in a window of"
		f" {window} days, a log each ({slots[0]['log_date']} first)",
		flush=True,
	)
	before = open_sessions(frappe, slots)
	slots_path = out_dir / "slots.json"
	slots_path.write_text(
		json.dumps([{k: s[k] for k in ("sid", "user_id", "name", "log_date", "lead")} for s in slots])
	)
	results = {}
	try:
		with gunicorn(args.site, args.port, args.workers, out_dir / "gunicorn.log") as url:
			for scenario in ("LogUser", "ToDoUser"):
				results[scenario] = run_scenario(locust, scenario, url, args, slots_path, out_dir)
	finally:
		frappe.db.rollback()
		errors = error_logs(frappe, started)
		made = made_since(frappe, started, users)
		print(
			f"\n==> clean-up: {len(made['Agent Log'])} logs, {len(made['ToDo'])} ToDos, {len(users)} sessions",
			flush=True,
		)
		close_sessions(frappe, slots, before)
		clean_up(frappe, made, errors, counters)
		left = left_behind(frappe, started, users)
		print(f"    left behind: {left or 'nothing'}; series {series_counters(frappe)} (before {counters})")

	log_records, todo_records = results["LogUser"]["records"], results["ToDoUser"]["records"]
	rows = [figures(log_records, name, args.warmup) for name in (LOG_INSERT, LOG_SUBMIT, LOG_BOTH)]
	rows.append(figures(todo_records, TODO_INSERT, args.warmup))
	print(
		f"\n{args.site}: {args.users} clients, {args.seconds} s a scenario, gunicorn {args.workers} sync workers"
	)
	print(f"(latency after the first {args.warmup:.0f} s of each scenario; 5xx over the whole run)")
	print_table(rows)
	todo_p95 = rows[3].get("p95")
	if todo_p95:
		for row in rows[:3]:
			if row["requests"]:
				print(f"p95 ratio {row['name']} / ToDo insert: {row['p95'] / todo_p95:.2f}")
	total_5xx = sum(1 for r in [*log_records, *todo_records] if r["status"] >= 500)
	print(f"5xx at {args.users} clients: {total_5xx}")
	if sum(1 for r in log_records if r["name"] == LOG_INSERT) >= len(slots):
		print(f"the {len(slots)} prepared agents ran out before the end: clients stopped; give more --agents")
	for scenario, result in results.items():
		print(
			f"machine during {scenario}: CPU busy {result['cpu']:.0%} of {os.cpu_count()} cores, load average"
			f" {result['load'][0]:.2f} -> {result['load'][1]:.2f}; top processes mid-run: {result['others']}"
		)
	print_faults([*log_records, *todo_records], errors)
	print(f"\nrecords, locust and gunicorn logs: {out_dir}")


# ---------------------------------------------------------------- the locustfile (loaded by locust only)
try:
	from locust import HttpUser, constant, events, task
	from locust.exception import StopUser
except ImportError:  # the bench env runs main(); only locust's venv has it
	HttpUser = None

if HttpUser is not None:
	import itertools
	from collections import deque

	SITE = os.environ.get("IA_LOAD_SITE", "")
	SLOTS = (
		deque(json.loads(Path(os.environ["IA_LOAD_SLOTS"]).read_text()))
		if os.environ.get("IA_LOAD_SLOTS")
		else deque()
	)
	SESSIONS = itertools.cycle([(s["sid"], s["user_id"]) for s in SLOTS] or [("", "")])
	RECORDS: list[dict] = []

	def exception_line(response) -> str:
		"""What a Frappe error response says: exc_type, the exception line, the first server message."""
		try:
			body = response.json()
		except ValueError:
			return (response.text or "")[:300].replace("\n", " ")
		parts = [body.get("exc_type", ""), body.get("exception", "")]
		with contextlib.suppress(ValueError, TypeError, IndexError):
			parts.append(json.loads(json.loads(body["_server_messages"])[0]).get("message", ""))
		return " | ".join(p for p in parts if p)[:500]

	@events.request.add_listener
	def record(
		request_type,
		name,
		response_time,
		response_length,
		response=None,
		exception=None,
		start_time=None,
		context=None,
		**kw,
	):
		status = getattr(response, "status_code", 0) or 0
		row = {
			"name": name,
			"ms": response_time,
			"status": status,
			"ok": exception is None,
			"start": start_time,
		}
		if exception is not None:
			row["error"] = (
				exception_line(response) if response is not None and status else str(exception)[:300]
			)
			row["request"] = (context or {}).get("what", "")
		RECORDS.append(row)

	@events.quitting.add_listener
	def write_records(environment, **kw):
		path = os.environ.get("IA_LOAD_RECORDS")
		if path:
			Path(path).write_text("".join(json.dumps(r) + "\n" for r in RECORDS))

	class FrappeUser(HttpUser):
		abstract = True
		wait_time = constant(0)

		def call(self, method: str, path: str, name: str, sid: str, what: str, body: dict | None = None):
			self.client.cookies.clear()  # one session a request: never a cookie the last response set
			return self.client.request(
				method,
				path,
				name=name,
				json=body,
				cookies={"sid": sid},
				headers={SITE_HEADER: SITE, "Accept": "application/json"},
				context={"what": what},
			)

	class LogUser(FrappeUser):
		"""An agent's day: the log with three rows as a draft, then its submit (one agent and day each)."""

		@task
		def log(self):
			if not SLOTS:
				raise StopUser  # the prepared agents ran out: a shorter run, or more --agents
			slot = SLOTS.popleft()
			rows = [dict(row) for row in ROWS]
			rows[1]["party"] = slot["lead"]
			what = f"{slot['name']} {slot['log_date']}"
			body = {
				"naming_series": NAMING_SERIES,
				"agent": slot["name"],
				"log_date": slot["log_date"],
				"activities": rows,
			}
			started = time.time()
			response = self.call("POST", "/api/resource/Agent Log", LOG_INSERT, slot["sid"], what, body)
			if response.status_code != 200:
				return
			name = response.json()["data"]["name"]
			response = self.call(
				"PUT",
				f"/api/resource/Agent Log/{name}",
				LOG_SUBMIT,
				slot["sid"],
				f"{what} {name}",
				{"docstatus": 1},
			)
			if response.status_code == 200:
				RECORDS.append(
					{
						"name": LOG_BOTH,
						"ms": (time.time() - started) * 1000,
						"status": 200,
						"ok": True,
						"start": started,
					}
				)

	class ToDoUser(FrappeUser):
		"""A plain ToDo for oneself (Frappe lets an agent make a ToDo allocated to or assigned by them), by
		the same agents' sessions."""

		@task
		def todo(self):
			sid, user = next(SESSIONS)
			body = {
				"description": "load test: a plain ToDo",
				"allocated_to": user,
			}  # one's own, as the desk's
			self.call("POST", "/api/resource/ToDo", TODO_INSERT, sid, user, body)


if __name__ == "__main__":
	main()
