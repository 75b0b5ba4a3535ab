"""Working days (工作日): which Holiday List decides a date, and what happens where none does.

A Holiday List (ERPNext) names the days off of a period: weekends, public holidays (法定节假日), and
leaves out the weekend days that are made working days in exchange (调休上班). Several lists may
apply to one person (their own, their company's, the yearly lists of the app's settings); for each
date the first list, in that order, whose period covers the date decides it. A date that no list
covers is never silently a working day: weekends are its days off, and it is reported as uncovered so
that the log, the reports and the admins can say that the year's holidays are missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

WEEKEND = (5, 6)  # Saturday, Sunday: the days off where no Holiday List covers a date


@dataclass(frozen=True)
class HolidayCalendar:
	"""One Holiday List: its period and the days off it names inside [start, end] of a query."""

	name: str
	from_date: date
	to_date: date
	days_off: frozenset[date] = field(default_factory=frozenset)

	def covers(self, day: date) -> bool:
		return self.from_date <= day <= self.to_date


@dataclass(frozen=True)
class DaysOff:
	"""The days off between two dates, and the dates no Holiday List covered (weekends assumed)."""

	days: frozenset[date]
	uncovered: tuple[date, ...] = ()

	def is_working_day(self, day: date) -> bool:
		return day not in self.days

	def working_days(self, start: date, end: date) -> list[date]:
		return [d for d in dates_between(start, end) if d not in self.days]


def dates_between(start: date, end: date) -> list[date]:
	return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def days_off_between(start: date, end: date, calendars: Sequence[HolidayCalendar]) -> DaysOff:
	"""Days off from `start` to `end` (both included), each date decided by the first covering calendar.

	calendars: in order of precedence (the employee's list, the company's, the app's yearly lists).
	A date none covers is off when it is a Saturday or Sunday, and is listed in `uncovered`.
	"""
	days, uncovered = set(), []
	for day in dates_between(start, end):
		calendar = next((c for c in calendars if c.covers(day)), None)
		if calendar is None:
			uncovered.append(day)
			if day.weekday() in WEEKEND:
				days.add(day)
		elif day in calendar.days_off:
			days.add(day)
	return DaysOff(frozenset(days), tuple(uncovered))
