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
	"""Whom a visit was with, as a row or a callback names them: the phone keys (E.164) they are known by (the
	phone typed and their records' stored phones), the records that are them (a Lead and the Customer made
	from it are one person) and the name typed (see `person_of`); any of them may be missing."""

	phone_keys: frozenset[str]
	parties: frozenset[str]
	name: str


def person_of(phone_keys, parties, typed_name: str | None) -> Person:
	"""The Person of a row or a check. `phone_keys` and `parties`: one value or several (None and "" left
	out; a party as "Customer/CUST-1" or a bare name). The typed name is compared without spaces or case and
	with full-width letters read as half-width (NFKC): "王 芳" and "王芳" are one name, as are "WANG Fang"
	typed full-width and "wangfang"."""
	name = "".join(unicodedata.normalize("NFKC", typed_name or "").split()).casefold()
	return Person(values_of(phone_keys), values_of(parties), name)


def values_of(value) -> frozenset[str]:
	"""One value or an iterable of them, as a set without the empty ones."""
	values = [value] if value is None or isinstance(value, str) else list(value)
	return frozenset(v for v in values if v)


def same_person(a: Person, b: Person) -> bool:
	"""Whether two mentions name one person: a phone key or a record in common; else the same typed name,
	unless both are known by phone keys and share none, or both name records and share none."""
	if a.phone_keys & b.phone_keys or a.parties & b.parties:
		return True
	differ = (a.phone_keys and b.phone_keys) or (a.parties and b.parties)
	return bool(a.name and a.name == b.name and not differ)


@dataclass(frozen=True)
class Verdict:
	"""A callback's standing verdict (回访结论) on a visit of an agent's day: the visit did not happen or was
	misconduct, and no appeal overturned it. `person` whom the visit was with; `reason` what a row shows;
	`row` the row the check was made on (its first-written id: see row_verdicts), if known."""

	person: Person
	reason: str
	row: str | None = None


def row_verdicts(
	rows: list[Person], verdicts: list[Verdict], claims: list[str | None] | None = None
) -> list[tuple[bool, str]]:
	"""Each row's verdict, (is_invalid, reason), for the persons of the rows of an agent's log of a day and the
	standing verdicts on that agent's visits of that day (and of the logs it amends or was moved from).
	`claims`: each row's first-written id (the row it was first written as, kept through amendments), in
	the order of `rows`.

	A visit found not to have happened counts in no log of that day, however it is written again: every row
	of the day that claims the same person (same_person) is invalid (作废), whatever its kind or 5311 item,
	in the log checked, in an amendment, in a new log of the day; retyped, split or doubled. The row the check
	was made on stays invalid whatever it says later (another phone, another name: a correction goes through
	the appeal). Any other row counts, whatever a request sent for it: a verdict is a callback's alone. An
	appeal that overturns the verdict takes it away (it no longer stands). Source: domain.md, 回访 (callbacks)."""
	claims = claims or [None] * len(rows)
	answers = []
	for person, claim in zip(rows, claims, strict=True):
		found = next(
			(v for v in verdicts if (claim and v.row == claim) or same_person(v.person, person)), None
		)
		answers.append((True, found.reason) if found else (False, ""))
	return answers


def carry_claims(
	rows: list[Person],
	open_claims: list[tuple],
	kinds: list[str | None] | None = None,
	judged: frozenset[str] | set[str] = frozenset(),
) -> list[str | None]:
	"""The first-written id each new row of a log carries, in the order of `rows` (the persons of the rows
	written in this save: new in a draft, or all the rows of an amendment or of a new log of the day), from
	`open_claims` ((id, person) or (id, person, kind) of the rows they may stand for, in order: the rows deleted
	in this save, the rows of the log amended, of the day's cancelled logs); `kinds` the rows' activity kinds.
	None: a row of its own.

	A row claiming the same person as an open claim carries it (each claim once: of the row's own kind first,
	then one no verdict is on (`judged`: the ids a standing verdict is on), then in order); the rows left take
	the claims left, of their own kind first, in order. So a visit retyped with another phone and name,
	deleted and written again, or written again in a new log after a cancel stands for the row it replaces,
	and a callback's verdict on that row stays on it (row_verdicts); a request's own ids are never read. A row
	of the judged person is under the verdict by its person already: it does not take the judged row's id
	from the row retyped (helper-60, F1: a second row with the same customer that day took it, and the
	checked row retyped counted). Source: helper-58, F4; helper-59, F2, F3; helper-60, F1."""
	kinds = kinds or [None] * len(rows)
	carried: list[str | None] = [None] * len(rows)
	left = [(claim[0], claim[1], claim[2] if len(claim) > 2 else None) for claim in open_claims]
	for i, person in enumerate(rows):
		candidates = [claim for claim in left if same_person(claim[1], person)]
		match = min(
			candidates,
			key=lambda claim: (not (claim[2] and claim[2] == kinds[i]), claim[0] in judged),
			default=None,
		)
		if match:
			carried[i] = match[0]
			left.remove(match)
	for same_kind in (True, False):
		for i in range(len(rows)):
			if carried[i] is not None:
				continue
			match = next((c for c in left if not same_kind or (c[2] and c[2] == kinds[i])), None)
			if match:
				carried[i] = match[0]
				left.remove(match)
	return carried
