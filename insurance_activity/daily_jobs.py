"""Daily jobs that act at or after their hour, once a day, and catch up the days they missed.

Frappe calls the app's scheduled jobs every hour (hooks.py). A job that acted only when the clock showed
its hour lost the whole day whenever the scheduler or the workers were down at that hour. Here a job
claims each day in a *Daily Job Run* whose name is the job and the day (the table's primary key):

- the day is done at the first tick at or after the job's hour, and at no later tick;
- a tick after a gap also does each missed day since the job's last done day, within the settings'
  catch-up window (never days from before the job first ran on this site);
- two overlapping runs (a second worker starting while the first runs) never both do a day: the
  second finds the claim and reports it;
- a run that fails rolls its work back, marks the day Failed and the next tick tries again; a claim
  left Running by a killed process is taken over after STALE_AFTER.

Frappe's Scheduled Job Log has no key per job and day, so it cannot stop an overlapping run: hence our own.
"""

import json
from collections.abc import Callable
from datetime import date, timedelta

import frappe
from frappe.utils import add_to_date, cint, get_datetime, getdate, now_datetime

from insurance_activity.settings import get_settings

RUN = "Daily Job Run"
STALE_AFTER = timedelta(hours=6)  # longer than any daily job runs; a Running claim older is dead


def run_daily(job: str, hour: int, work: Callable[[date], dict], catch_up_days: int | None = None) -> dict:
	"""Do `work(day)` for every day due: today once `hour` (0-23, site time) has come, and the days missed.

	job: a stable key (the function's dotted path); work: returns a small dict (stored as the result).
	catch_up_days: how many past days may be caught up (default: the settings' Catch Up a Missed Daily
	Job For (Days)). Returns {"days": {day: result or "already done" or "running elsewhere"}} or
	{"skipped": ...} when nothing is due. Each day's work is committed on its own.
	"""
	now = now_datetime()
	if catch_up_days is None:
		catch_up_days = cint(get_settings().job_catch_up_days)
	days = due_days(job, now, cint(hour), catch_up_days)
	if not days:
		return {"skipped": "not yet the hour"}
	results = {}
	for day in days:
		claim = claim_day(job, day)
		if claim is not True:
			results[str(day)] = claim
			continue
		try:
			result = work(day) or {}
		except Exception:
			frappe.db.rollback()
			finish(job, day, "Failed", error=frappe.get_traceback())
			raise
		finish(job, day, "Done", result=result)
		results[str(day)] = result
	return {"days": results}


def due_days(job: str, now, hour: int, catch_up_days: int) -> list[date]:
	"""Days whose run is due at `now`: missed days after the last done one (within the window), and today."""
	today = getdate(now)
	last_done = frappe.db.get_value(RUN, {"job": job, "status": "Done"}, "max(day)")
	days = []
	if last_done and catch_up_days > 0:
		first = max(getdate(last_done) + timedelta(days=1), today - timedelta(days=catch_up_days))
		days = [first + timedelta(days=i) for i in range((today - first).days)]
	if get_datetime(now).hour >= hour:
		days.append(today)
	return [d for d in days if frappe.db.get_value(RUN, run_name(job, d), "status") != "Done"]


def run_name(job: str, day: date) -> str:
	return f"{job} {day}"


def claim_day(job: str, day: date):
	"""True when this process now holds the day; else why not ("already done", "running elsewhere").

	The insert of the Daily Job Run is committed at once, so a second process sees it; a Failed day or a
	stale Running claim is taken over by one conditional UPDATE, which only one process can win.
	"""
	name, now = run_name(job, day), now_datetime()
	try:
		frappe.get_doc(
			{"doctype": RUN, "job": job, "day": day, "status": "Running", "started_at": now, "attempts": 1}
		).insert(ignore_permissions=True, set_name=name)
		frappe.db.commit()
		return True
	except frappe.DuplicateEntryError:
		frappe.db.rollback()
	status = frappe.db.get_value(RUN, name, "status")
	if status == "Done":
		return "already done"
	table = frappe.qb.DocType(RUN)
	frappe.qb.update(table).set(table.status, "Running").set(table.started_at, now).set(
		table.attempts, table.attempts + 1
	).where(
		(table.name == name)
		& (
			(table.status == "Failed")
			| (
				(table.status == "Running")
				& (table.started_at < add_to_date(now, seconds=-STALE_AFTER.total_seconds()))
			)
		)
	).run()
	won = frappe.db._cursor.rowcount == 1
	# nosemgrep: frappe-manual-commit -- the day's claim and its outcome must be seen by an overlapping run at once
	frappe.db.commit()
	return True if won else "running elsewhere"


def finish(job: str, day: date, status: str, result: dict | None = None, error: str | None = None) -> None:
	values = {"status": status, "finished_at": now_datetime()}
	if result is not None:
		values["result"] = json.dumps(result, default=str, ensure_ascii=False)[:10000]
	if error is not None:
		values["error"] = error
	frappe.db.set_value(RUN, run_name(job, day), values, update_modified=True)
	# nosemgrep: frappe-manual-commit -- the day's claim and its outcome must be seen by an overlapping run at once
	frappe.db.commit()
