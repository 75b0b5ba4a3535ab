"""Business weeks and the dates of the two meetings (二会经营).

Pure rules over plain data: no ``frappe`` import. The caller builds a ``CalendarConfig`` from the app's
settings doctype and passes the non-working days of a Holiday List as a set of dates.

Hard rules (domain.md, "The two meetings"):
- business weeks (经营周) are not calendar weeks: week 1 = days 1-7, week 2 = 8-14, week 3 = 15-21,
  week 4 = 22 to month end, each with a theme;
- weekly review meetings (周复盘会) on the 8th, 15th and 22nd; the monthly planning meeting (月规划会)
  between the 27th and the month's last day;
- on a holiday a meeting may move earlier, never later;
- start no later than 17:00, best before 12:00; a meeting counts when it lasts longer than 30 minutes;
- attendance rate (出席率) is tracked per meeting.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKLY_REVIEW = "weekly_review"
MONTHLY_PLANNING = "monthly_planning"

START_OK = "ok"
START_WARNING = "warning"
START_TOO_LATE = "too_late"

# A configured day must exist in every month (February has 28 days), so no week or review ever vanishes.
_LAST_DAY_IN_EVERY_MONTH = 28
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class CalendarConfig:
	"""Calendar settings of the two meetings, built by the caller from the app's settings doctype.

	- ``week_starts``: first day of business weeks 2..n (经营周), e.g. (8, 15, 22); week 1 starts on the 1st
	  and the last week runs to the month's last day.
	- ``weekly_review_days``: days of the weekly review meeting (周复盘会), e.g. (8, 15, 22).
	- ``planning_from_day``: first day of the monthly planning meeting's window (月规划会), e.g. 27.
	- ``week_themes``: one theme key per business week, e.g. ("supervisor_leading" 主管领跑周,
	  "supervisor_coaching" 主管辅导周, "recruiting_review" 招募检视周, "month_end_sprint" 月末冲刺周).
	"""

	week_starts: tuple[int, ...]
	weekly_review_days: tuple[int, ...]
	planning_from_day: int
	week_themes: tuple[str, ...]

	def __post_init__(self) -> None:
		_require_days_in_every_month("week_starts", self.week_starts, first_allowed=2)
		_require_days_in_every_month("weekly_review_days", self.weekly_review_days, first_allowed=1)
		if not 1 <= self.planning_from_day <= 31:
			raise ValueError(
				f"planning_from_day must be a day of the month (1-31), got {self.planning_from_day}"
			)
		if len(self.week_themes) != len(self.week_starts) + 1:
			raise ValueError(
				f"week_themes needs one theme per business week: {len(self.week_starts) + 1} weeks, "
				f"got {len(self.week_themes)} themes"
			)

	@property
	def weeks_per_month(self) -> int:
		return len(self.week_starts) + 1


WEEKS_OUT_OF_ORDER = "weeks_out_of_order"
REVIEWS_OUT_OF_ORDER = "reviews_out_of_order"


def calendar_days_problem(
	week_starts: tuple[int, ...], review_days: tuple[int, ...], planning_from_day: int
) -> str | None:
	"""The settings' check of the business weeks and meeting days, or None when they are sound.

	- ``WEEKS_OUT_OF_ORDER``: the starts of business weeks 2..n (经营周) must increase, from day 2 on, the
	  last no later than the 28th (so every month, February included, has every week);
	- ``REVIEWS_OUT_OF_ORDER``: the weekly review days (周复盘会) must increase and all come before the first
	  day of the monthly planning meeting's window (月规划会).
	"""
	weeks = list(week_starts)
	if not weeks or weeks != sorted(set(weeks)) or weeks[0] < 2 or weeks[-1] > _LAST_DAY_IN_EVERY_MONTH:
		return WEEKS_OUT_OF_ORDER
	reviews = list(review_days)
	if not reviews or reviews != sorted(set(reviews)) or reviews[-1] >= planning_from_day:
		return REVIEWS_OUT_OF_ORDER
	return None


def _require_days_in_every_month(name: str, days: tuple[int, ...], first_allowed: int) -> None:
	if not days:
		raise ValueError(f"{name} must not be empty")
	if list(days) != sorted(set(days)):
		raise ValueError(f"{name} must be strictly increasing, got {days}")
	if days[0] < first_allowed or days[-1] > _LAST_DAY_IN_EVERY_MONTH:
		raise ValueError(
			f"{name} must lie between day {first_allowed} and day {_LAST_DAY_IN_EVERY_MONTH} "
			f"so that they exist in every month, got {days}"
		)


def _last_day_of_month(year: int, month: int) -> date:
	return date(year, month, calendar.monthrange(year, month)[1])


def business_week(d: date, cfg: CalendarConfig) -> int:
	"""Business week (经营周) of a date: 1 for days 1-7, 2 for 8-14, 3 for 15-21, 4 for 22 to month end.

	The boundaries are ``cfg.week_starts``; the last week always runs to the month's last day.
	"""
	return 1 + sum(1 for start in cfg.week_starts if d.day >= start)


def business_week_range(year: int, month: int, week: int, cfg: CalendarConfig) -> tuple[date, date]:
	"""First and last date of a business week (经营周) in a month; the last week ends on the month's last day."""
	_require_week(week, cfg)
	first_day = 1 if week == 1 else cfg.week_starts[week - 2]
	start = date(year, month, first_day)
	if week == cfg.weeks_per_month:
		return start, _last_day_of_month(year, month)
	return start, date(year, month, cfg.week_starts[week - 1]) - _ONE_DAY


def week_theme(week: int, cfg: CalendarConfig) -> str:
	"""Theme key of a business week: 1 主管领跑周, 2 主管辅导周, 3 招募检视周, 4 月末冲刺周 (from the config)."""
	_require_week(week, cfg)
	return cfg.week_themes[week - 1]


def _require_week(week: int, cfg: CalendarConfig) -> None:
	if not 1 <= week <= cfg.weeks_per_month:
		raise ValueError(f"business week must be between 1 and {cfg.weeks_per_month}, got {week}")


def is_working_day(d: date, holidays: AbstractSet[date]) -> bool:
	"""A day is a working day unless the Holiday List names it.

	``holidays`` is the set of non-working days of a Holiday List; weekends are in it when the list has
	them (ERPNext adds weekly offs to the list), and make-up working days (调休上班) are simply absent.
	"""
	return d not in holidays


def previous_working_day_on_or_before(
	d: date, holidays: AbstractSet[date], earliest: date | None
) -> date | None:
	"""Nearest working day on or before ``d``: a meeting on a holiday moves earlier, never later.

	Returns None when no working day lies between ``earliest`` and ``d`` (both included). Without
	``earliest`` the search ends at the first day the finite holiday set does not name.
	"""
	candidate = d
	while earliest is None or candidate >= earliest:
		if is_working_day(candidate, holidays):
			return candidate
		if candidate == date.min:
			return None
		candidate -= _ONE_DAY
	return None


def _first_working_day_between(first: date, last: date, holidays: AbstractSet[date]) -> date | None:
	candidate = first
	while candidate <= last:
		if is_working_day(candidate, holidays):
			return candidate
		candidate += _ONE_DAY
	return None


@dataclass(frozen=True)
class MeetingDate:
	"""One scheduled meeting of the two meetings (二会经营) in a month.

	- ``kind``: ``"weekly_review"`` (周复盘会) or ``"monthly_planning"`` (月规划会).
	- ``nominal``: the rule's date: the review day, or the first day of the planning window.
	- ``scheduled``: the date the meeting is held; never later than the rule allows.
	- ``business_week``: business week (经营周) of the nominal date.
	- ``moved``: the meeting had to move earlier because of a holiday (for planning: before the window).
	- ``window_end``: for planning, the month's last day; None for reviews.
	- ``needs_manual_date``: no working day was found where the rule allows one; ``scheduled`` keeps
	  the nominal date and a person must choose the date.
	"""

	kind: str
	nominal: date
	scheduled: date
	business_week: int
	moved: bool
	window_end: date | None = None
	needs_manual_date: bool = False


def planning_window(year: int, month: int, cfg: CalendarConfig) -> tuple[date, date]:
	"""Window of the monthly planning meeting (月规划会): from the 27th to the month's last day.

	When ``planning_from_day`` is past the month's last day, the window is the last day alone.
	"""
	last = _last_day_of_month(year, month)
	return date(year, month, min(cfg.planning_from_day, last.day)), last


def _weekly_review(
	year: int, month: int, day: int, holidays: AbstractSet[date], cfg: CalendarConfig
) -> MeetingDate:
	nominal = date(year, month, day)
	scheduled = previous_working_day_on_or_before(nominal, holidays, earliest=date(year, month, 1))
	return MeetingDate(
		kind=WEEKLY_REVIEW,
		nominal=nominal,
		scheduled=scheduled or nominal,
		business_week=business_week(nominal, cfg),
		moved=scheduled is not None and scheduled != nominal,
		needs_manual_date=scheduled is None,
	)


def _monthly_planning(year: int, month: int, holidays: AbstractSet[date], cfg: CalendarConfig) -> MeetingDate:
	window_start, window_end = planning_window(year, month, cfg)
	scheduled = _first_working_day_between(window_start, window_end, holidays)
	moved = False
	if scheduled is None:
		scheduled = previous_working_day_on_or_before(
			window_start - _ONE_DAY, holidays, earliest=date(year, month, 1)
		)
		moved = scheduled is not None
	return MeetingDate(
		kind=MONTHLY_PLANNING,
		nominal=window_start,
		scheduled=scheduled or window_start,
		business_week=business_week(window_start, cfg),
		moved=moved,
		window_end=window_end,
		needs_manual_date=scheduled is None,
	)


def meeting_dates(
	year: int, month: int, holidays: AbstractSet[date], cfg: CalendarConfig
) -> list[MeetingDate]:
	"""Dates of the two meetings (二会经营) of a month, weekly reviews first, planning last.

	- Weekly review (周复盘会) on each of ``cfg.weekly_review_days`` (8th, 15th, 22nd); on a non-working day
	  it moves to the nearest earlier working day, never earlier than the 1st of the month.
	- Monthly planning (月规划会) on the first working day from ``cfg.planning_from_day`` (27th) to the
	  month's last day; when the whole window is non-working, the nearest earlier working day before it.
	- A meeting never moves later. When no working day is found, the nominal date is kept with
	  ``needs_manual_date`` set. A long holiday can put two reviews on the same day; the caller decides.
	"""
	reviews = [_weekly_review(year, month, day, holidays, cfg) for day in cfg.weekly_review_days]
	return [*reviews, _monthly_planning(year, month, holidays, cfg)]


def allowed_dates(meeting: MeetingDate) -> tuple[date, date]:
	"""The days on which a meeting counts as held on the right day (first, last), both included.

	- Weekly review: its scheduled day alone (the rule's day, or the working day it moved to).
	- Monthly planning: any day from the window's start (or the earlier day it moved to) to the month's end.
	- No working day found (``needs_manual_date``): from the 1st of the month to the latest day the rule
	  allows, since a person picks the date; never later.
	"""
	last = meeting.window_end or meeting.scheduled
	if meeting.needs_manual_date:
		return meeting.nominal.replace(day=1), last
	if meeting.kind == WEEKLY_REVIEW:
		return meeting.scheduled, meeting.scheduled
	return min(meeting.scheduled, meeting.nominal), last


def reviewed_week(meeting: MeetingDate, cfg: CalendarConfig) -> int:
	"""The business week whose theme a meeting reviews: a weekly review looks back on the week that just
	ended (the 8th reviews week 1, the supervisor leading week; the 15th week 2; the 22nd week 3), the
	monthly planning meeting belongs to the last week (month-end sprint)."""
	if meeting.kind == MONTHLY_PLANNING:
		return cfg.weeks_per_month
	return max(1, meeting.business_week - 1)


def start_time_check(planned: time, latest: time, preferred_before: time) -> str:
	"""Check a meeting's start time: start no later than 17:00, best before 12:00.

	Returns ``"ok"`` up to ``preferred_before``, ``"warning"`` after it but not after ``latest``, and
	``"too_late"`` after ``latest``.
	"""
	if preferred_before > latest:
		raise ValueError(f"preferred start {preferred_before} must not be after the latest start {latest}")
	if planned <= preferred_before:
		return START_OK
	if planned <= latest:
		return START_WARNING
	return START_TOO_LATE


def duration_minutes(start: datetime, end: datetime) -> float:
	"""Length of a meeting in minutes; an end before the start is a data error."""
	if end < start:
		raise ValueError(f"meeting end {end.isoformat()} is before its start {start.isoformat()}")
	return (end - start).total_seconds() / 60


def duration_counts(start: datetime, end: datetime, minimum_minutes: int) -> bool:
	"""A meeting counts only when it lasts longer than the minimum ("longer than 30 minutes"): exactly 30 does not."""
	return duration_minutes(start, end) > minimum_minutes


def attendance_rate(statuses: Iterable[str], present: AbstractSet[str]) -> float:
	"""Attendance rate (出席率): share of invited attendees whose status is one of ``present``, 0..1.

	An empty invitation list gives 0.0: a meeting nobody was invited to has no attendance.
	"""
	statuses = list(statuses)
	if not statuses:
		return 0.0
	return sum(1 for status in statuses if status in present) / len(statuses)
