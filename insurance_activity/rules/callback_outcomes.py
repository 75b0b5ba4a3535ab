"""What a phone callback (电话回访) found, and what follows from it.

Company callback staff (回访专员) and supervisors (抽查回访) phone the customer of a visit. The call's
outcome decides what happens to the visit: a visit that did not happen (虚假拜访) or misconduct stops
counting toward the standards and goes to management as an incident against the agent; a complaint is
recorded as a valid complaint (有效投诉) for the agent's evaluation; an upheld appeal reverses the incident.
Verification and failure rates per agent, team, office and period are computed here too.

Plain data in, plain data out: no frappe import. Numbers (attempts before unreachable, business-week
boundaries) come from the caller's settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date

# Where a check comes from.
SOURCE_SAMPLING = "Company Sampling"
SOURCE_SUPERVISOR = "Supervisor Spot-check"
SOURCE_MANUAL = "Manual"
SOURCES = (SOURCE_SAMPLING, SOURCE_SUPERVISOR, SOURCE_MANUAL)

# A check's status: pending until closed with one of the outcomes.
PENDING = "Pending"
CONFIRMED = "Confirmed"
UNREACHABLE = "Unreachable"
VISIT_NOT_HAPPENED = "Visit Not Happened"
COMPLAINT = "Complaint"
MISCONDUCT = "Misconduct"
OUTCOMES = (CONFIRMED, UNREACHABLE, VISIT_NOT_HAPPENED, COMPLAINT, MISCONDUCT)
STATUSES = (PENDING, *OUTCOMES)

# The visit must stop counting: it did not happen, or the agent broke the rules (fraud).
INVALIDATING_OUTCOMES = (VISIT_NOT_HAPPENED, MISCONDUCT)
# These reach management as an incident against the agent (a complaint is a valid complaint, 有效投诉).
INCIDENT_OUTCOMES = (VISIT_NOT_HAPPENED, MISCONDUCT, COMPLAINT)

# The result of one call attempt.
ANSWERED = "Answered"
ATTEMPT_RESULTS = (ANSWERED, "No Answer", "Busy", "Switched Off", "Wrong Number")

# An incident's status.
INCIDENT_ACTIVE = "Active"
INCIDENT_UNDER_APPEAL = "Under Appeal"
INCIDENT_REVERSED = "Reversed on Appeal"

# Periods of the rates report.
PERIOD_DAY = "Day"
PERIOD_BUSINESS_WEEK = "Business Week"
PERIOD_MONTH = "Month"
PERIODS = (PERIOD_DAY, PERIOD_BUSINESS_WEEK, PERIOD_MONTH)

# Error codes; the shell turns them into translated messages.
ALREADY_CLOSED = "already_closed"
NO_OUTCOME = "no_outcome"
UNKNOWN_OUTCOME = "unknown_outcome"
NOT_ANSWERED = "not_answered"
TOO_FEW_ATTEMPTS = "too_few_attempts"
NOT_APPEALABLE = "not_appealable"
NOT_UNDER_APPEAL = "not_under_appeal"


def is_closed(status: str | None) -> bool:
	return status in OUTCOMES


def unanswered_attempts(attempt_results: Iterable[str]) -> int:
	return sum(1 for result in attempt_results if result and result != ANSWERED)


def was_answered(attempt_results: Iterable[str]) -> bool:
	return any(result == ANSWERED for result in attempt_results)


def close_error(
	status: str | None, outcome: str | None, attempt_results: list[str], max_attempts: int
) -> str | None:
	"""Why a check cannot be closed with `outcome`, or None.

	A check is closed once, with one of the outcomes. Unreachable means `max_attempts` calls went
	unanswered ("unreachable after N attempts"); any other outcome needs a call the customer answered.
	"""
	if is_closed(status):
		return ALREADY_CLOSED
	if not outcome:
		return NO_OUTCOME
	if outcome not in OUTCOMES:
		return UNKNOWN_OUTCOME
	if outcome == UNREACHABLE:
		if was_answered(attempt_results) or unanswered_attempts(attempt_results) < max(max_attempts, 1):
			return TOO_FEW_ATTEMPTS
		return None
	if not was_answered(attempt_results):
		return NOT_ANSWERED
	return None


def reached_unreachable(status: str | None, attempt_results: list[str], max_attempts: int) -> bool:
	"""A pending check whose last `max_attempts` calls all went unanswered closes as Unreachable by itself."""
	return (
		not is_closed(status)
		and not was_answered(attempt_results)
		and unanswered_attempts(attempt_results) >= max(max_attempts, 1)
	)


def spot_check_counts(status: str | None, attempt_count: int) -> bool:
	"""A supervisor's spot-check (抽查回访) counts toward the 111 once the supervisor has made the call:
	at least one call recorded, or the check closed."""
	return is_closed(status) or (attempt_count or 0) > 0


def effective_outcome(status: str | None, overturned_on_appeal: bool) -> str | None:
	"""The outcome that stands: an incident reversed on appeal means the visit was found genuine."""
	if overturned_on_appeal and status in INCIDENT_OUTCOMES:
		return CONFIRMED
	return status


def appeal_error(incident_status: str | None, deciding: bool, decided_before: bool = False) -> str | None:
	"""An active incident may be appealed once (申诉); only an incident under appeal can be decided."""
	if deciding:
		return None if incident_status == INCIDENT_UNDER_APPEAL else NOT_UNDER_APPEAL
	return None if incident_status == INCIDENT_ACTIVE and not decided_before else NOT_APPEALABLE


def percent(part: int, whole: int) -> float | None:
	return round(100.0 * part / whole, 1) if whole else None


@dataclass
class OutcomeCounts:
	"""Checks of one unit and period by what they found (after appeals)."""

	checks: int = 0
	open: int = 0
	confirmed: int = 0
	unreachable: int = 0
	visit_not_happened: int = 0
	complaint: int = 0
	misconduct: int = 0
	overturned: int = 0

	@property
	def closed(self) -> int:
		return self.checks - self.open

	@property
	def failed(self) -> int:
		return self.visit_not_happened + self.misconduct

	@property
	def verification_rate(self) -> float | None:
		"""核实率: share of closed checks in which the customer confirmed the visit."""
		return percent(self.confirmed, self.closed)

	@property
	def failure_rate(self) -> float | None:
		"""Share of closed checks that found a visit not happened or misconduct."""
		return percent(self.failed, self.closed)

	@property
	def unreachable_rate(self) -> float | None:
		return percent(self.unreachable, self.closed)

	def __add__(self, other: OutcomeCounts) -> OutcomeCounts:
		"""Two units' counts together (a report's total row or summary)."""
		return OutcomeCounts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

	def add(self, status: str | None, overturned_on_appeal: bool = False, count: int = 1) -> None:
		"""Count `count` checks of one status (a row of checks already counted by the database, or one)."""
		self.checks += count
		outcome = effective_outcome(status, overturned_on_appeal)
		if overturned_on_appeal and outcome != status:
			self.overturned += count
		if outcome == CONFIRMED:
			self.confirmed += count
		elif outcome == UNREACHABLE:
			self.unreachable += count
		elif outcome == VISIT_NOT_HAPPENED:
			self.visit_not_happened += count
		elif outcome == COMPLAINT:
			self.complaint += count
		elif outcome == MISCONDUCT:
			self.misconduct += count
		else:
			self.open += count


def period_start(day: date, period: str, week_starts: tuple[int, ...] = ()) -> date:
	"""First day of the period holding `day`: the day, its business week (经营周, weeks start on day 1 and
	on each of `week_starts`), or its month."""
	if period == PERIOD_DAY:
		return day
	if period == PERIOD_MONTH:
		return day.replace(day=1)
	if period == PERIOD_BUSINESS_WEEK:
		return day.replace(day=max(start for start in (1, *week_starts) if start <= day.day))
	raise ValueError(f"period must be one of {PERIODS}, got {period!r}")


def rates_by(
	checks: Iterable[Mapping], unit_field: str, period: str | None = None, week_starts: tuple[int, ...] = ()
) -> dict[tuple[str, date | None], OutcomeCounts]:
	"""Outcome counts per (unit, period start) over checks with `status`, `overturned_on_appeal`,
	`activity_date` (when a period is asked) and the unit field (agent, supervisor or office); a row may
	stand for several checks alike, counted in `checks` (a GROUP BY's count; 1 when absent). Without a
	period, one row per unit."""
	groups: dict[tuple[str, date | None], OutcomeCounts] = {}
	for check in checks:
		start = period_start(check["activity_date"], period, week_starts) if period else None
		key = (check.get(unit_field) or "", start)
		groups.setdefault(key, OutcomeCounts()).add(
			check["status"], bool(check.get("overturned_on_appeal")), int(check.get("checks", 1))
		)
	return dict(sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] or date.min)))
