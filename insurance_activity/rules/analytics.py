"""Analysis by week (周看流程: by week look at the process mix) and by month (月看业绩), and the monthly
evaluations of units (单位考评) and agents (个人月度考评): plain data in, plain rows out.

domain.md, "The management cycle": by week, look at the ratio of an agent's activities across the steps of
the sales cycle, compare it with the mix the company recommends, and spot agents doing only one kind of
activity. The counts come in already added up per step (the database groups them); this module only
compares them with the recommended mix.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

# The steps of the sales cycle (销售流程), in order: Activity Kind.sales_cycle_step's options.
SALES_CYCLE_STEPS = (
	"Prospecting",  # 准客户开拓
	"Appointment",  # 约访
	"Interview",  # 面谈
	"Proposal",  # 建议书
	"Closing",  # 促成
	"Service",  # 售后服务
	"Recruiting",  # 增员
)
# The settings field of each step's recommended share of a week's activities (percent).
MIX_SETTING = {step: f"mix_{step.lower()}" for step in SALES_CYCLE_STEPS}


def step_field(step: str) -> str:
	"""The report's column of a step's count: "Appointment" -> "appointment"."""
	return step.lower()


def recommended_mix(shares: Mapping[str, float]) -> dict[str, float] | None:
	"""The recommended share of each step (fraction of 1), from percentages per step (missing = 0).

	The shares are taken relative to their sum, so they always add up to 1; None when every share is 0
	(no mix is recommended: nothing to compare with). A negative share is a ValueError.
	"""
	values = {step: float(shares.get(step) or 0) for step in SALES_CYCLE_STEPS}
	if any(value < 0 for value in values.values()):
		raise ValueError(f"a recommended share is negative: {values}")
	whole = sum(values.values())
	if not whole:
		return None
	return {step: value / whole for step, value in values.items()}


def process_mix(counts: Mapping[str, int], mix: Mapping[str, float] | None) -> dict:
	"""One agent's (or a selection's) week against the recommended mix.

	`counts`: activities per step (missing = 0); `mix`: recommended_mix()'s fractions, or None. Returns
	- `total`: activities on a sales-cycle step;
	- `<step>_share`: the step's share of the total in percent (one decimal), None when the total is 0;
	- `mix_distance`: the share of the activities (percent, one decimal) that would have to move to another
	  step to match the recommended mix (half the sum of the share gaps: 0 = on the mix, 100 = nothing in
	  common); None when there is nothing to measure (no activity, or no mix recommended);
	- `most_short_step`: the step furthest below its recommended share, "" when none is below it;
	- `one_kind_only`: 1 when every activity of the week was of a single step (a week of one kind of
	  activity only), else 0 (a week without activity is not flagged: the daily report shows it).
	"""
	values = {step: int(counts.get(step) or 0) for step in SALES_CYCLE_STEPS}
	total = sum(values.values())
	row: dict = {"total": total}
	shares = {step: (value / total if total else None) for step, value in values.items()}
	for step, share in shares.items():
		row[f"{step_field(step)}_share"] = None if share is None else round(100 * share, 1)
	row["one_kind_only"] = int(total > 0 and sum(1 for value in values.values() if value) == 1)
	if not total or not mix:
		row["mix_distance"], row["most_short_step"] = None, ""
		return row
	gaps = {step: shares[step] - mix.get(step, 0.0) for step in SALES_CYCLE_STEPS}
	row["mix_distance"] = round(50 * sum(abs(gap) for gap in gaps.values()), 1)
	short = min(SALES_CYCLE_STEPS, key=lambda step: gaps[step])  # the first such step on a tie
	row["most_short_step"] = short if gaps[short] < -1e-9 else ""
	return row


def add_counts(rows: Iterable[Mapping[str, int]]) -> dict[str, int]:
	"""The counts per step of several agents added up (for the selection's summary and chart)."""
	totals = dict.fromkeys(SALES_CYCLE_STEPS, 0)
	for row in rows:
		for step in SALES_CYCLE_STEPS:
			totals[step] += int(row.get(step) or 0)
	return totals


# ---------------------------------------------------------------- by month: results against activity (月看业绩)
# The four groups of agents by activity and results (domain.md, "The management cycle").
ROLE_MODEL = "Role Model"  # high activity, high results: 标杆
COACH_SKILLS = "Coach Skills"  # high activity, low results: 辅导技能
LOW_ACTIVITY_HIGH_RESULTS = "Low Activity, High Results"  # 低活动量高业绩
COACH_HABITS = "Coach Habits"  # low activity, low results: 辅导习惯
ACTIVITY_GROUPS = (ROLE_MODEL, COACH_SKILLS, LOW_ACTIVITY_HIGH_RESULTS, COACH_HABITS)


def activity_per_day(activities: int, working_days: int) -> float | None:
	"""A month's activities per working day (工作日), two decimals; None when the agent had no working day."""
	if not working_days:
		return None
	return round(activities / working_days, 2)


def activity_results_group(per_day: float | None, high_activity_per_day: float, high_results: bool) -> str:
	"""The agent's group of the month: high activity is at least `high_activity_per_day` activities per
	working day (the settings' bar, default the 5311 day's 10), high results is reaching U (U人力: the FYC and
	regular-case standard of the month). "" when there is nothing to measure (no working day)."""
	if per_day is None:
		return ""
	high_activity = per_day >= high_activity_per_day
	if high_activity:
		return ROLE_MODEL if high_results else COACH_SKILLS
	return LOW_ACTIVITY_HIGH_RESULTS if high_results else COACH_HABITS


# ---------------------------------------------------------------- units: the month's evaluation (单位考评)
# domain.md, "Evaluation": units are measured on per-capita activity (人均活动量), the share of agents with at
# least one sale (举绩率), per-capita cases (人均件数), meeting attendance (出席率), valid complaints (有效投诉) and
# the verification failure rate; poorly performing units and their heads are reported.
UNIT_METRICS = (
	"activity_per_capita",
	"has_sale_rate",
	"cases_per_capita",
	"attendance_rate",
	"complaints_per_capita",
	"failure_rate",
)
LOWER_IS_BETTER = frozenset({"complaints_per_capita", "failure_rate"})  # fewer complaints, fewer failures
PERCENT_METRICS = frozenset({"has_sale_rate", "attendance_rate", "failure_rate"})


def unit_figures(
	headcount: int,
	activities: int,
	sales_agents: int,
	cases: int,
	meetings_expected: int = 0,
	meetings_present: int = 0,
	complaints: int = 0,
	closed_checks: int = 0,
	failed_checks: int = 0,
) -> dict:
	"""A unit's month (UNIT_METRICS): per-capita activity (one decimal), 举绩率 in percent (one decimal),
	per-capita cases and valid complaints (two decimals) over its headcount (agents employed in the month);
	attendance (出席率: meetings attended of those expected, percent, one decimal: rules.meeting_sessions.
	count_attendance per agent, added up) and the verification failure rate (closed callback checks that found
	a visit not happened or misconduct, not overturned on appeal, percent, one decimal). None where there is
	nothing to measure: no agent, no meeting expected, no closed check."""
	figures = dict.fromkeys(UNIT_METRICS)
	if headcount:
		figures.update(
			activity_per_capita=round(activities / headcount, 1),
			has_sale_rate=round(100 * sales_agents / headcount, 1),
			cases_per_capita=round(cases / headcount, 2),
			complaints_per_capita=round(complaints / headcount, 2),
		)
	if meetings_expected:
		figures["attendance_rate"] = round(100 * meetings_present / meetings_expected, 1)
	if closed_checks:
		figures["failure_rate"] = round(100 * failed_checks / closed_checks, 1)
	return figures


def below_reference(unit: dict, reference: dict) -> list[str]:
	"""The metrics (UNIT_METRICS' names) on which a unit is below the reference (the whole selection's own
	figures: the bar a unit is measured against): under it, or over it for LOWER_IS_BETTER; a metric with
	nothing to measure is never below."""
	return [
		metric
		for metric in UNIT_METRICS
		if unit.get(metric) is not None
		and reference.get(metric) is not None
		and (
			unit[metric] > reference[metric]
			if metric in LOWER_IS_BETTER
			else unit[metric] < reference[metric]
		)
	]


def ranks(values: dict[str, float | None], lower_is_better: bool = False) -> dict[str, int | None]:
	"""Competition ranking (1 = best: the highest, or the lowest when `lower_is_better`; ties share a rank: 1,
	1, 3); None stays unranked."""
	ranked = sorted((v for v in values.values() if v is not None), reverse=not lower_is_better)
	return {key: (None if value is None else ranked.index(value) + 1) for key, value in values.items()}


# ---------------------------------------------------------------- agents: the month's evaluation (个人月度考评)
# domain.md, "Evaluation": an agent is evaluated on activity volume, meeting attendance (出席率) and valid
# complaints (有效投诉) together, with a monthly standard of regular-premium cases (期交件数).
AGENT_EVALUATION_ITEMS = ("activity", "attendance", "complaints", "regular_cases")


@dataclass(frozen=True)
class AgentEvaluationStandard:
	"""The monthly standard (Insurance Activity Settings, section Agent Monthly Evaluation).

	activities_per_working_day: the month's activities must reach this many per working day (default the
	5311 day's 5 + 3 + 1 + 1 = 10); attendance_rate: percent of the month's meetings the agent was expected
	at (100: every one); max_valid_complaints: at most this many valid complaints (0: none); min_regular_cases:
	at least this many regular-premium policies issued in the month (1).
	"""

	activities_per_working_day: float
	attendance_rate: float
	max_valid_complaints: int
	min_regular_cases: int


def activity_standard(per_working_day: float, working_days: int) -> int | None:
	"""The month's activity standard of an agent: the daily figure times their working days (工作日), rounded
	up to a whole activity; None when the agent had no working day (nothing to measure)."""
	if not working_days:
		return None
	return math.ceil(round(per_working_day * working_days, 6))


def agent_evaluation(
	activities: int,
	working_days: int,
	meetings_expected: int,
	meetings_attended: int,
	valid_complaints: int,
	regular_cases: int,
	standard: AgentEvaluationStandard,
) -> dict:
	"""One agent's month against the monthly standard, item by item, and overall.

	meetings_expected: the month's held meetings the agent was listed at, an excused absence left out
	(rules.meeting_sessions.count_attendance); meetings_attended: of those, on site or remote. Returns
	- `activity_standard` (rounded up, see activity_standard) and `activity_met`;
	- `attendance_rate` (percent, one decimal) and `attendance_met`;
	- `complaints_met` (no more than the allowed valid complaints) and `regular_cases_met`;
	- `overall_met`: every item with something to measure is met.
	An item with nothing to measure (no working day; no meeting the agent was expected at, as for an agent
	who is not a supervisor) is None: neither met nor missed, and left out of the overall result.
	"""
	target = activity_standard(standard.activities_per_working_day, working_days)
	rate = round(100 * meetings_attended / meetings_expected, 1) if meetings_expected else None
	row = {
		"activity_standard": target,
		"activity_met": None if target is None else activities >= target,
		"attendance_rate": rate,
		# the rate unrounded, so that 2 of 3 meetings never passes a 66.7% standard by rounding
		"attendance_met": None
		if rate is None
		else 100 * meetings_attended >= standard.attendance_rate * meetings_expected,
		"complaints_met": valid_complaints <= standard.max_valid_complaints,
		"regular_cases_met": regular_cases >= standard.min_regular_cases,
	}
	row["overall_met"] = all(row[f"{item}_met"] is not False for item in AGENT_EVALUATION_ITEMS)
	return row


# ---------------------------------------------------------------- publishing the units' evaluation monthly
def month_to_publish(day: date, publication_day: int) -> tuple[int, int] | None:
	"""The month whose evaluation is published on `day`: the previous month, when `day` is the publication
	day of its month (the settings' day of the month, 1-31; in a shorter month its last day); else None.
	Results are published monthly (domain.md, "Evaluation")."""
	last = calendar.monthrange(day.year, day.month)[1]
	if day.day != min(max(int(publication_day), 1), last):
		return None
	return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
