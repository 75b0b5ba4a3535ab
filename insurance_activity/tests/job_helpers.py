"""Work functions for the daily-job tests, importable by a second process (see test_clock.py)."""

import os
import time


def slow_work(day) -> dict:
	"""Record the day in the marker file, then take a while (so that a second run overlaps)."""
	with open(os.environ["IA_JOB_MARKER"], "a") as marker:
		marker.write(f"{os.getpid()} {day}\n")
	time.sleep(float(os.environ.get("IA_JOB_SECONDS", "3")))
	return {"done": str(day)}


def run_overlapping_job() -> None:
	"""Entry point of one competing process: claim today's run of the test job and do it."""
	from insurance_activity.daily_jobs import run_daily

	print(run_daily("test.overlap", 0, slow_work, catch_up_days=0))


def run_job_at(job: str, at: str) -> dict:
	"""One process of an overlapping run (tests/concurrent.act_together): the scheduled job at the dotted
	path `job`, called as the scheduler calls it, with the clock started at `at` (site time, as
	FrappeTestCase.freeze_time does; ticking); its result, made JSON-able."""
	import json

	import pytz
	from freezegun import freeze_time

	import frappe
	from frappe.utils import get_datetime, get_system_timezone

	instant = pytz.timezone(get_system_timezone()).localize(get_datetime(at)).astimezone(pytz.utc)
	# imported before the clock is frozen: a C extension (pandas, which the Unit Evaluation uses) imported
	# under freezegun's fake date classes hangs this fresh process
	scheduled = frappe.get_attr(job)
	with freeze_time(instant, tick=True):
		result = scheduled()
	return json.loads(json.dumps(result, default=str))
