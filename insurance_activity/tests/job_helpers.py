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
