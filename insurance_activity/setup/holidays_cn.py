"""China's statutory public holidays (法定节假日) as published by the State Council, and the weekend days
that become working days in exchange (调休上班). Used to build the company's Holiday List."""

from datetime import date, timedelta


def _days(start: str, end: str) -> list[date]:
	first, last = date.fromisoformat(start), date.fromisoformat(end)
	return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# year -> (holidays as (name, first day, last day), make-up working days)
PUBLISHED = {
	2025: (
		[
			("New Year's Day (元旦)", "2025-01-01", "2025-01-01"),
			("Spring Festival (春节)", "2025-01-28", "2025-02-04"),
			("Qingming Festival (清明节)", "2025-04-04", "2025-04-06"),
			("Labour Day (劳动节)", "2025-05-01", "2025-05-05"),
			("Dragon Boat Festival (端午节)", "2025-05-31", "2025-06-02"),
			("National Day and Mid-Autumn Festival (国庆节、中秋节)", "2025-10-01", "2025-10-08"),
		],
		["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
	),
	2026: (
		[
			("New Year's Day (元旦)", "2026-01-01", "2026-01-03"),
			("Spring Festival (春节)", "2026-02-15", "2026-02-23"),
			("Qingming Festival (清明节)", "2026-04-04", "2026-04-06"),
			("Labour Day (劳动节)", "2026-05-01", "2026-05-05"),
			("Dragon Boat Festival (端午节)", "2026-06-19", "2026-06-21"),
			("Mid-Autumn Festival (中秋节)", "2026-09-25", "2026-09-27"),
			("National Day (国庆节)", "2026-10-01", "2026-10-07"),
		],
		["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
	),
}

# Fixed-date holidays, used for a year whose schedule is not in PUBLISHED yet.
FIXED = [
	("New Year's Day (元旦)", 1, 1, 1),
	("Labour Day (劳动节)", 5, 1, 3),
	("National Day (国庆节)", 10, 1, 7),
]


def holiday_rows(year: int) -> tuple[list[dict], bool]:
	"""Rows for a Holiday List of `year`: public holidays plus weekends that are not make-up working days.

	Returns (rows, published) where published says whether the State Council schedule for the year was known.
	"""
	if year in PUBLISHED:
		spans, makeup = PUBLISHED[year]
		published = True
	else:
		spans = [
			(name, f"{year}-{m:02d}-{d:02d}", f"{year}-{m:02d}-{d + n - 1:02d}") for name, m, d, n in FIXED
		]
		makeup, published = [], False
	makeup_days = {date.fromisoformat(d) for d in makeup}
	rows: dict[date, dict] = {}
	for name, start, end in spans:
		for day in _days(start, end):
			rows[day] = {"holiday_date": day, "description": name, "weekly_off": 0}
	for day in _days(f"{year}-01-01", f"{year}-12-31"):
		if day.weekday() >= 5 and day not in makeup_days and day not in rows:
			rows[day] = {"holiday_date": day, "description": "Weekend (周末)", "weekly_off": 1}
	return [rows[d] for d in sorted(rows)], published
