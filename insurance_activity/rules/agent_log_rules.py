"""Rules for a day's work log (活动日志): which days, how many logs, what may change and when."""

from __future__ import annotations

import unicodedata
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
class Person:
	"""Whom a visit was with, as a row or a callback names them: the phone key (E.164), the linked party (a
	Customer or Lead) and the name typed (see `person_of`); any of them may be missing."""

	phone_key: str | None
	party: str | None
	name: str


def person_of(phone_key: str | None, party: str | None, typed_name: str | None) -> Person:
	"""The Person of a row or a check; the typed name is compared without spaces or case and with full-width
	letters read as half-width (NFKC): "王 芳" and "王芳" are one name, as are "WANG Fang" typed full-width and
	"wangfang"."""
	name = "".join(unicodedata.normalize("NFKC", typed_name or "").split()).casefold()
	return Person(phone_key or None, party or None, name)


def same_person(a: Person, b: Person) -> bool:
	"""Whether two mentions name one person: the same phone key or the same party; else the same typed name,
	unless their phone keys or their parties (where both have one) differ."""
	if a.phone_key and a.phone_key == b.phone_key:
		return True
	if a.party and a.party == b.party:
		return True
	differ = (a.phone_key and b.phone_key and a.phone_key != b.phone_key) or (
		a.party and b.party and a.party != b.party
	)
	return bool(a.name and a.name == b.name and not differ)


@dataclass(frozen=True)
class Verdict:
	"""A callback's standing verdict (回访结论) on a visit of an agent's day: the visit did not happen or was
	misconduct, and no appeal overturned it. `person` whom the visit was with; `reason` what a row shows."""

	person: Person
	reason: str


def row_verdicts(rows: list[Person], verdicts: list[Verdict]) -> list[tuple[bool, str]]:
	"""Each row's verdict, (is_invalid, reason), for the persons of the rows of an agent's log of a day and the
	standing verdicts on that agent's visits of that day (and of the logs it amends or was moved from).

	A visit found not to have happened counts in no log of that day, however it is written again: every row
	of the day that claims the same person (same_person) is invalid (作废), whatever its kind or 5311 item,
	in the log checked, in an amendment, in a new log of the day; retyped, split or doubled. Any other row
	counts, whatever a request sent for it: a verdict is a callback's alone. An appeal that overturns the
	verdict takes it away (it no longer stands). Source: domain.md, 回访 (callbacks)."""
	answers = []
	for person in rows:
		found = next((v for v in verdicts if same_person(v.person, person)), None)
		answers.append((True, found.reason) if found else (False, ""))
	return answers
