"""Data-driven unit alerts (单位预警): offices below the average of comparable offices for N months in a row,
with the likely causes computed from the data. Plain data in (rows the database has already added up per
office and month), plain rows out; pandas works on those aggregated rows only.

domain.md, "The direction beyond today": an office whose CT rate stays below the average is flagged with
likely causes (many new agents, few accompanied visits, weak customers) and suggested actions. "Evaluation":
units are compared on office attainment (CT, 营业室达成), premium and the share of agents with a sale (举绩率).
"Standard management actions": at least one accompanied visit (陪访) per supervisor per week.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import pandas as pd

# The measures an office is compared on, and each one's column in the measure rows.
CT_ATTAINMENT = "CT Attainment"  # 营业室达成: the office's CT value (Office Monthly Performance)
PREMIUM_ATTAINMENT = "Premium Attainment"  # regular premium against the office's target, percent
HAS_SALE_RATE = "Share with a Sale"  # 举绩率, percent
MEASURES = {
	CT_ATTAINMENT: "ct_value",
	PREMIUM_ATTAINMENT: "premium_attainment",
	HAS_SALE_RATE: "has_sale_rate",
}

# The likely causes: (numerator, denominator) columns of the cause rows, how the figure is scaled, and
# whether a higher figure is worse.
NEW_AGENTS = "New Agents"  # share of the month's agents who joined within the settings' new-agent months
ACCOMPANIED_VISITS = "Accompanied Visits"  # 陪访 per supervisor per business week
WEAK_CUSTOMERS = "Weak Customers"  # share of the office's customers in the Standard Service quadrant
VERIFICATION_FAILURES = "Verification Failures"  # share of closed callback checks that failed
CAUSES = {
	NEW_AGENTS: ("new_agents", "agents", 100, True),
	ACCOMPANIED_VISITS: ("accompanied_visits", "supervisor_weeks", 1, False),
	WEAK_CUSTOMERS: ("weak_customers", "customers", 100, True),
	VERIFICATION_FAILURES: ("failed_checks", "closed_checks", 100, True),
}
FIGURE_DECIMALS = 2


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def month_to_alert(day: date, weekday: str) -> tuple[int, int] | None:
	"""The last complete month, (year, month) before `day`'s month, when `day` is the settings' alert
	weekday (one of WEEKDAYS); None on any other day. The month in progress is never judged."""
	if WEEKDAYS[day.weekday()] != weekday:
		return None
	return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def months_back(year: int, month: int, count: int) -> list[tuple[int, int]]:
	"""The `count` months ending with (year, month), oldest first: months_back(2030, 2, 3) ->
	[(2029, 12), (2030, 1), (2030, 2)]."""
	months, index = [], year * 12 + month - 1
	for back in range(count - 1, -1, -1):
		y, m = divmod(index - back, 12)
		months.append((y, m + 1))
	return months


def period_key(year: int, month: int) -> str:
	return f"{year}-{month:02d}"


def below_average_streaks(measure_rows: Iterable[Mapping], periods: Sequence[str]) -> list[dict]:
	"""The offices below the average of their comparable offices in every one of `periods` (N months in a
	row, oldest first), per measure.

	measure_rows: one per office and month: {"unit", "group" (the comparable offices: the branch), "period"
	("YYYY-MM"), and one value per MEASURES column (None: nothing to measure)}. The average of a month is
	the plain mean of the group's offices that have a value; an office is below when its value is under it.
	An office with no value in one of the months has no streak. Returns one dict per (unit, measure):
	{"unit", "group", "measure", "periods": [{"period", "value", "average"} ...]}, sorted by unit, measure.
	"""
	frame = pd.DataFrame(list(measure_rows))
	if frame.empty or not periods:
		return []
	frame = frame[frame.period.isin(list(periods))]
	found = []
	for measure, column in MEASURES.items():
		if column not in frame:
			continue
		values = frame[["unit", "group", "period", column]].rename(columns={column: "value"})
		values = values.dropna(subset=["value"]).astype({"value": float})
		if values.empty:
			continue
		values["average"] = values.groupby(["group", "period"]).value.transform("mean")
		values["below"] = values.value < values.average - 1e-9
		for (unit, group), rows in values.groupby(["unit", "group"]):
			rows = rows.set_index("period").reindex(list(periods))
			if rows.below.isna().any() or not rows.below.astype(bool).all():
				continue
			found.append(
				{
					"unit": unit,
					"group": group,
					"measure": measure,
					"periods": [
						{
							"period": period,
							"value": round(float(row.value), FIGURE_DECIMALS),
							"average": round(float(row.average), FIGURE_DECIMALS),
						}
						for period, row in rows.iterrows()
					],
				}
			)
	return sorted(found, key=lambda alert: (alert["unit"], alert["measure"]))


def likely_causes(cause_rows: Iterable[Mapping], unit: str, group: str, periods: Sequence[str]) -> list[dict]:
	"""Each likely cause of `unit`'s streak, against its branch (the group's offices together), over the
	streak's months.

	cause_rows: one per office and month: {"unit", "group", "period", and the CAUSES' numerator and
	denominator columns} (counts; a missing column or value is 0). A figure is the months' numerators over
	their denominators (scaled: percent, or visits per supervisor-week), for the unit and for the whole
	group (the branch average); None when the denominator is 0. A cause is flagged when the unit's figure
	is worse than the branch's (higher, or lower for accompanied visits). Returns, in CAUSES order,
	[{"cause", "unit_figure", "branch_figure", "flagged": bool}].
	"""
	frame = pd.DataFrame(list(cause_rows))
	if frame.empty:
		frame = pd.DataFrame(columns=["unit", "group", "period"])
	frame = frame[frame.period.isin(list(periods)) & (frame.group == group)]
	causes = []
	for cause, (numerator, denominator, scale, higher_is_worse) in CAUSES.items():
		for column in (numerator, denominator):
			if column not in frame:
				frame = frame.assign(**{column: 0})
		counts = frame[[numerator, denominator]].fillna(0).astype(float)
		mine = counts[frame.unit == unit].sum()
		branch = counts.sum()
		unit_figure = ratio(mine[numerator], mine[denominator], scale)
		branch_figure = ratio(branch[numerator], branch[denominator], scale)
		worse = (
			unit_figure is not None
			and branch_figure is not None
			and (unit_figure > branch_figure if higher_is_worse else unit_figure < branch_figure)
		)
		causes.append(
			{"cause": cause, "unit_figure": unit_figure, "branch_figure": branch_figure, "flagged": worse}
		)
	return causes


def ratio(numerator: float, denominator: float, scale: float) -> float | None:
	"""numerator / denominator x scale, two decimals; None when there is nothing to divide by."""
	if not denominator:
		return None
	return round(scale * float(numerator) / float(denominator), FIGURE_DECIMALS)
