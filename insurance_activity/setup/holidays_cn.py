"""China's public holidays (法定节假日) and make-up working days (调休上班) for a Holiday List.

The published schedule comes from PyPI `chinesecalendar`, which carries the State Council's notice for
each year and is updated when the next year's notice appears (usually in November); a year it does not
know yet gets weekends and the holidays fixed by date in the national regulation (元旦 1 January,
劳动节 1-2 May, 国庆节 1-3 October), and is marked unpublished so that it is rebuilt once it is known.
"""

from datetime import date, timedelta

import chinese_calendar

# Fixed-date public holidays of the national regulation (全国年节及纪念日放假办法, as amended 2024):
# (name, month, first day, days). The lunar and solar-term holidays move, so only a published
# schedule has them.
FIXED = [
	("New Year's Day (元旦)", 1, 1, 1),
	("Labour Day (劳动节)", 5, 1, 2),
	("National Day (国庆节)", 10, 1, 3),
]
WEEKEND = "Weekend (周末)"


def is_published(year: int) -> bool:
	"""Whether the State Council's holiday schedule for `year` is known to the calendar library."""
	try:
		chinese_calendar.is_workday(date(year, 1, 1))
	except NotImplementedError:
		return False
	return True


def holiday_rows(year: int) -> tuple[list[dict], bool]:
	"""Rows for a Holiday List of `year`: public holidays plus weekends that are not make-up working days.

	Returns (rows, published): published says whether the State Council schedule for the year was known;
	each row is {"holiday_date", "description", "weekly_off"} as ERPNext's Holiday child table has them.
	"""
	days = [
		date(year, 1, 1) + timedelta(days=i) for i in range((date(year, 12, 31) - date(year, 1, 1)).days + 1)
	]
	rows = []
	if is_published(year):
		for day in days:
			off, holiday = chinese_calendar.get_holiday_detail(day)
			if not off:
				continue
			if holiday is None:
				rows.append({"holiday_date": day, "description": WEEKEND, "weekly_off": 1})
			else:
				name = chinese_calendar.Holiday(holiday)
				rows.append(
					{"holiday_date": day, "description": f"{name.value} ({name.chinese})", "weekly_off": 0}
				)
		return rows, True
	fixed = {date(year, month, first + i): name for name, month, first, count in FIXED for i in range(count)}
	for day in days:
		if day in fixed:
			rows.append({"holiday_date": day, "description": fixed[day], "weekly_off": 0})
		elif day.weekday() >= 5:
			rows.append({"holiday_date": day, "description": WEEKEND, "weekly_off": 1})
	return rows, False
