"""Activity campaigns (活动企划) and the activity calendar (行事历): the rules over plain dates and kinds.

Source: domain.md, "Campaigns and the activity calendar": a calendar published ahead; three platform
kinds every office runs (升温平台 warming platforms for mid/low temperature customers, 价值客户活动
value-customer events, 高潜客户活动 high-potential events); a quarterly visiting theme (拜访主题) and points
contests (积分竞赛) besides.
"""

from datetime import date, timedelta

WARMING_PLATFORM = "Warming Platform"  # 升温平台
VALUE_CUSTOMER_EVENT = "Value Customer Event"  # 价值客户活动
HIGH_POTENTIAL_EVENT = "High Potential Event"  # 高潜客户活动
VISITING_THEME = "Visiting Theme"  # 拜访主题
POINTS_CONTEST = "Points Contest"  # 积分竞赛
KINDS = (WARMING_PLATFORM, VALUE_CUSTOMER_EVENT, HIGH_POTENTIAL_EVENT, VISITING_THEME, POINTS_CONTEST)
# the three platform kinds each office plans every month (行事历)
PLATFORM_KINDS = (WARMING_PLATFORM, VALUE_CUSTOMER_EVENT, HIGH_POTENTIAL_EVENT)


def covers(day: date, from_date: date, to_date: date) -> bool:
	"""A campaign covers a day of its period, both ends included (an activity row may name it that day)."""
	return from_date <= day <= to_date


def attribution_window(from_date: date, to_date: date, days: int) -> tuple[date, date]:
	"""The issue dates of the policies a campaign is credited with: from its first day to `days` days after
	its last (campaign_attribution_days on the settings), both ends included. A negative `days` is 0."""
	return from_date, to_date + timedelta(days=max(int(days or 0), 0))


def is_attributed(issue_date: date, from_date: date, to_date: date, days: int) -> bool:
	"""A policy of an invited customer counts for the campaign when issued inside the attribution window."""
	start, end = attribution_window(from_date, to_date, days)
	return start <= issue_date <= end


def months_of(from_date: date, to_date: date) -> list[tuple[int, int]]:
	"""The (year, month) a period touches, in order: a campaign stands in the calendar of each."""
	months, year, month = [], from_date.year, from_date.month
	while (year, month) <= (to_date.year, to_date.month):
		months.append((year, month))
		year, month = (year + 1, 1) if month == 12 else (year, month + 1)
	return months


def missing_platforms(kinds) -> tuple[str, ...]:
	"""The platform kinds an office month has no campaign of, in PLATFORM_KINDS order (empty: all three
	are planned); the calendar flags a month where this is not empty."""
	planned = set(kinds)
	return tuple(kind for kind in PLATFORM_KINDS if kind not in planned)


def rate(actual: float, expected: float) -> float | None:
	"""actual / expected as a percentage (attainment, attendance, conversion); None when nothing was
	expected, so that a report shows a blank rather than a division by zero."""
	return round(100.0 * actual / expected, 1) if expected else None
