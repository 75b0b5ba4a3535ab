"""The record of one meeting of the two meetings (二会经营), and each office's monthly compliance.

Pure rules over plain data: no ``frappe`` import. The caller reads Meeting Sessions and passes plain
values; the dates and the start, duration and attendance rules themselves live in ``business_calendar``.

Hard rules (domain.md, "The two meetings"): every fourth-level office holds them (100% coverage), on the
right day, starting no later than 17:00, longer than 30 minutes, with every supervisor and above
attending (in person preferred); the quality check passes at an energy score (能量值) of 60.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from insurance_activity.rules.business_calendar import attendance_rate

ON_SITE = "On Site"
REMOTE = "Remote"
ABSENT = "Absent"
EXCUSED = "Excused"
ATTENDANCE_STATUSES = (ON_SITE, REMOTE, ABSENT, EXCUSED)
PRESENT = frozenset({ON_SITE, REMOTE})


@dataclass(frozen=True)
class Attendance:
	"""Supervisors' attendance (出席率) of one meeting: ``rate`` is present / expected, 0..1."""

	expected: int
	present: int
	on_site: int
	rate: float


def count_attendance(statuses: Iterable[str | None]) -> Attendance:
	"""Attendance of supervisors and above: present means on site or remote.

	An excused absence (请假) is not expected, so it neither helps nor hurts the rate; a status not yet
	recorded counts as absent (nobody is present by default).
	"""
	recorded = [status or ABSENT for status in statuses]
	expected = [status for status in recorded if status != EXCUSED]
	return Attendance(
		expected=len(expected),
		present=sum(1 for status in expected if status in PRESENT),
		on_site=sum(1 for status in expected if status == ON_SITE),
		rate=attendance_rate(expected, PRESENT),
	)


def check_share(sections: Iterable[tuple[float | None, bool]]) -> float | None:
	"""PDCA check step (检视, about 70% of a weekly review): minutes on check sections / all minutes, 0..1.

	``sections`` are (minutes spent, is a check section). None when the agenda has no check section
	(the five chapters of the planning meeting) or when no minutes were recorded.
	"""
	sections = [(minutes or 0, is_check) for minutes, is_check in sections]
	if not any(is_check for _minutes, is_check in sections):
		return None
	total = sum(minutes for minutes, _is_check in sections)
	if total <= 0:
		return None
	return sum(minutes for minutes, is_check in sections if is_check) / total


def held_on_right_day(held_on: date, allowed: tuple[date, date]) -> bool:
	"""Held on a day the rule allows (see ``business_calendar.allowed_dates``): never later, never before."""
	first, last = allowed
	return first <= held_on <= last


@dataclass(frozen=True)
class SessionFacts:
	"""What the compliance report needs from one Meeting Session of the month.

	``rule_date``: the rule's date the session stands for (the 8th, 15th, 22nd, the 27th), None for a
	meeting outside the rule; ``sections_total`` / ``sections_filled``: agenda sections of the minutes and
	how many are filled in (recorded in full, 完整记录).
	"""

	office: str
	held: bool
	not_held: bool
	on_right_day: bool
	started_on_time: bool
	long_enough: bool
	attendees_expected: int
	attendees_present: int
	quality_checked: bool
	quality_score: float | None
	quality_passed: bool
	rule_date: date | None = None
	sections_total: int = 0
	sections_filled: int = 0


@dataclass(frozen=True)
class OfficeCompliance:
	"""One office's month of meetings.

	- ``compliant``: the held meetings that are fully compliant (see fully_compliant).
	- ``attendance_rate``: present / expected over the held meetings together (0..1), None without any.
	- ``quality_checked`` meetings have a complete quality check, ``quality_passed`` of them passed;
	  ``average_score`` and ``pass_rate`` are over those.
	- ``rule_meetings``: the meetings the rule requires of the office in the period; ``rule_meetings_held``:
	  how many of them it held; ``covered``: it held every one (the rule is 100% coverage).
	- ``held_none``: the office held no meeting at all.
	"""

	office: str
	scheduled: int
	held: int
	not_held: int
	on_right_day: int
	started_on_time: int
	long_enough: int
	compliant: int
	attendance_rate: float | None
	quality_checked: int
	quality_passed: int
	average_score: float | None
	pass_rate: float | None
	held_none: bool
	rule_meetings: int = 0
	rule_meetings_held: int = 0
	covered: bool = False


def _ratio(part: float, whole: float) -> float | None:
	return part / whole if whole else None


def fully_compliant(session: SessionFacts, attendance_share: float) -> bool:
	"""A meeting is fully compliant (完全合规) when it was held on the right day, started on time, lasted
	longer than the minimum, was attended by at least ``attendance_share`` (0..1, the setting; every
	supervisor and above attends: 1.0) of the supervisors and above expected, and was recorded in full
	(every agenda section of the minutes filled in). A meeting with nobody expected or no agenda has no
	attendance or record to show, so it is not fully compliant."""
	attended = session.attendees_expected > 0 and (
		session.attendees_present >= attendance_share * session.attendees_expected - 1e-9
	)
	recorded = session.sections_total > 0 and session.sections_filled >= session.sections_total
	return bool(
		session.held
		and session.on_right_day
		and session.started_on_time
		and session.long_enough
		and attended
		and recorded
	)


def office_compliance(
	offices: Iterable[str],
	sessions: Iterable[SessionFacts],
	rule_dates: Mapping[str, Collection[date]] | None = None,
	attendance_share: float = 1.0,
) -> list[OfficeCompliance]:
	"""Compliance of each office over its sessions of a month, in the order of ``offices``.

	``rule_dates``: per office, the rule's dates of the meetings it must hold in the period (the 8th, 15th,
	22nd and the planning window's first day, or only those of one meeting type); a rule meeting is held
	when a held session stands for its date. ``attendance_share``: see fully_compliant.
	Every office appears, with or without sessions, so an office that held nothing is never hidden.
	"""
	rule_dates = rule_dates or {}
	by_office: dict[str, list[SessionFacts]] = {office: [] for office in offices}
	for session in sessions:
		by_office.setdefault(session.office, []).append(session)
	rows = []
	for office, facts in by_office.items():
		held = [s for s in facts if s.held]
		checked = [s for s in held if s.quality_checked]
		required = set(rule_dates.get(office) or ())
		held_rule = required & {s.rule_date for s in held}
		rows.append(
			OfficeCompliance(
				office=office,
				scheduled=len(facts),
				held=len(held),
				not_held=sum(1 for s in facts if s.not_held),
				on_right_day=sum(1 for s in held if s.on_right_day),
				started_on_time=sum(1 for s in held if s.started_on_time),
				long_enough=sum(1 for s in held if s.long_enough),
				compliant=sum(1 for s in held if fully_compliant(s, attendance_share)),
				attendance_rate=_ratio(
					sum(s.attendees_present for s in held), sum(s.attendees_expected for s in held)
				),
				quality_checked=len(checked),
				quality_passed=sum(1 for s in checked if s.quality_passed),
				average_score=_ratio(sum(s.quality_score or 0 for s in checked), len(checked)),
				pass_rate=_ratio(sum(1 for s in checked if s.quality_passed), len(checked)),
				held_none=not held,
				rule_meetings=len(required),
				rule_meetings_held=len(held_rule),
				covered=bool(required) and held_rule == required,
			)
		)
	return rows


def coverage(rows: Iterable[OfficeCompliance]) -> float | None:
	"""Coverage (覆盖率, the rule is 100%): the share of offices that held every rule meeting of the period,
	0..1. An office that held one meeting of four is not covered. None when there is no office to measure."""
	rows = [row for row in rows if row.rule_meetings]
	return _ratio(sum(1 for row in rows if row.covered), len(rows))
