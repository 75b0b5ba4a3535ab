"""Rules for a day's work log (活动日志): which days, how many logs, what may change and when."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class RowVerdict:
	"""One activity row as the verdict rule sees it: its row name (None for a row not stored yet), what it
	claims (`visit`: the kind of activity and who was seen, see `visit_of`), and the callback's verdict on it
	(作废: `is_invalid`, `reason`)."""

	name: str | None
	visit: tuple
	is_invalid: bool = False
	reason: str = ""


def visit_of(
	activity_kind: str | None, phone_key: str | None, party: str | None, party_name: str | None
) -> tuple:
	"""What a row claims, for finding it again when it is typed anew: the kind of activity and the person seen,
	by phone key when it has one (two spellings of one phone are one person), else by linked party, else by
	the name typed (trimmed, case-folded)."""
	who = phone_key or party or (party_name or "").strip().casefold()
	return (activity_kind or "", who)


def carried_verdicts(rows: list[RowVerdict], before: list[RowVerdict]) -> list[tuple[bool, str]]:
	"""The verdict each of `rows` (a save's rows, in order) carries: (is_invalid, reason).

	A callback's verdict on a row is the system's (set without a save), never the sender's, so:
	- a row stored before (same row name in `before`) keeps its stored verdict, whatever was sent;
	- a row new to the log that claims the same visit as a row of `before` marked invalid (作废) that no
	  other row kept takes that verdict: a deleted row typed again, or an amendment's copy of the cancelled
	  log's row (`before` is then the cancelled log's rows), does not count again;
	- any other row carries no verdict (False, ""), whatever was sent: a new claim, for a callback to verify.
	Source: domain.md, callbacks (回访) decide whether a visit counts."""
	by_name = {row.name: row for row in before if row.name}
	kept = {row.name for row in rows if row.name in by_name}
	open_invalid = [row for row in before if row.is_invalid and row.name not in kept]
	verdicts = []
	for row in rows:
		stored = by_name.get(row.name) if row.name else None
		if stored is None:
			stored = next((b for b in open_invalid if b.visit == row.visit), None)
			if stored is not None:
				open_invalid.remove(stored)
		verdicts.append((bool(stored.is_invalid), stored.reason or "") if stored else (False, ""))
	return verdicts
