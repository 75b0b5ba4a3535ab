"""Saves made by real processes at the same moment on the test site (as in test_clock.py's overlapping runs).

`save_together` starts one process per save (`act_together` one per any action). Each connects to the test site and reads, so that its
transaction's snapshot is taken before any of them writes (as two requests arriving together: neither
check-before-insert sees the other's record), waits until every process is that far, then saves as its
user, commits, and prints its outcome. The outcome of a save is {"log": name, "parties": [[type, name]]},
or {"refused": message} for a ValidationError (rolled back).
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import frappe

RESULT = "OUTCOME "


def save_together(saves: list[dict], timeout: int = 120) -> list[dict]:
	"""saves: keyword arguments of `save_log`, one process each; the outcomes in the same order."""
	return act_together([("insurance_activity.tests.concurrent.saved", save) for save in saves], timeout)


def act_together(actions: list[tuple[str, dict]], timeout: int = 120) -> list[dict]:
	"""Any actions at the same moment, one process each: (dotted path of a function, its keyword
	arguments); each function returns a JSON-able outcome. The outcomes in the same order."""
	barrier = tempfile.mkdtemp(prefix="ia-race-")
	code = "from insurance_activity.tests.concurrent import run_one; run_one()"
	runs = []
	for index, (action, save) in enumerate(actions):
		env = {
			**os.environ,
			"IA_RACE_SITE": frappe.local.site,
			"IA_RACE_SITES_PATH": os.path.abspath(frappe.local.sites_path),
			"IA_RACE_BARRIER": barrier,
			"IA_RACE_PARTIES": str(len(actions)),
			"IA_RACE_ACTION": action,
			"IA_RACE_INDEX": str(index),
			"IA_RACE_SAVE": json.dumps(save, default=str),
		}
		runs.append(
			subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
		)
	try:
		outputs = [run.communicate(timeout=timeout)[0] for run in runs]
	finally:  # a process that hangs is not left running (holding its locks) after the test
		for run in runs:
			if run.poll() is None:
				run.kill()
				run.wait()
	assert [run.returncode for run in runs] == [0] * len(runs), outputs
	return [outcome_in(output) for output in outputs]


def outcome_in(output: str) -> dict:
	lines = [line for line in output.splitlines() if line.startswith(RESULT)]
	assert lines, output
	return json.loads(lines[-1][len(RESULT) :])


def run_one():
	"""One competing process: connect, take the snapshot, wait for the others, save, commit, report."""
	frappe.init(site=os.environ["IA_RACE_SITE"], sites_path=os.environ["IA_RACE_SITES_PATH"])
	frappe.connect()
	try:
		frappe.db.sql("select name from `tabAgent Log` limit 1")  # the transaction's snapshot starts here
		wait_for_everyone(os.environ["IA_RACE_BARRIER"], int(os.environ["IA_RACE_PARTIES"]))
		outcome = frappe.get_attr(os.environ["IA_RACE_ACTION"])(**json.loads(os.environ["IA_RACE_SAVE"]))
		frappe.db.commit()
		print(RESULT + json.dumps(outcome), flush=True)
	finally:
		frappe.destroy()


def wait_for_everyone(barrier: str, parties: int, timeout: float = 60):
	open(os.path.join(barrier, os.environ["IA_RACE_INDEX"]), "w").close()
	deadline = time.monotonic() + timeout
	while len(os.listdir(barrier)) < parties:
		if time.monotonic() > deadline:
			raise TimeoutError("the other processes never got ready")
		time.sleep(0.01)


def refused_or(action) -> dict:
	"""The outcome of `action()` in a competing process, or {"refused": message} for a ValidationError
	(rolled back)."""
	try:
		return action()
	except frappe.ValidationError as e:
		frappe.db.rollback()
		return {"refused": str(e)}


def saved(user: str, **log) -> dict:
	"""Save as `user`: {"log", "parties"} when stored, {"refused": message} when refused."""
	frappe.set_user(user)
	try:
		return refused_or(lambda: save_log(**log))
	finally:
		frappe.set_user("Administrator")


def save_log(agent: str, log_date: str, activities: list) -> dict:
	"""An agent's log for a day with the given rows (factories.make_log; the edit window is not what these
	tests are about); the parties its rows link."""
	from insurance_activity.tests.factories import make_log

	log = make_log(agent, log_date, [tuple(row) for row in activities], ignore_edit_window=True)
	return {"log": log.name, "parties": [[row.party_type, row.party] for row in log.activities]}
