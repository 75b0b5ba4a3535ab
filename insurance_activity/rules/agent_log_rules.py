"""Rules for a day's work log (活动日志): which days, how many logs, what may change and when."""

from __future__ import annotations

from datetime import date, timedelta

# Error codes; the shell turns them into translated messages.
FUTURE_DATE = "future_date"
NEGATIVE_COUNT = "negative_count"
ZERO_COUNT = "zero_count"


def check_log_date(log_date: date, today: date) -> str | None:
	"""No log for a future date: activity is recorded after it happens."""
	return FUTURE_DATE if log_date > today else None


def check_count(count: int) -> str | None:
	"""Each activity row counts at least one activity; counts are never negative."""
	if count < 0:
		return NEGATIVE_COUNT
	if count == 0:
		return ZERO_COUNT
	return None


def lock_date(log_date: date, lock_days: int) -> date:
	"""The last day on which the agent may still change the log of `log_date`."""
	return log_date + timedelta(days=lock_days)


def is_locked_for_agent(log_date: date, today: date, lock_days: int) -> bool:
	"""After the edit window the agent can no longer change a log; a supervisor amends it with a reason."""
	return today > lock_date(log_date, lock_days)
