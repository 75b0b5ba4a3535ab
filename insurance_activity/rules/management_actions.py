"""Standard management actions (管理动作): what an office owes in a month and which of it is missing.

Pure rules over plain data: no ``frappe`` import. domain.md, "Standard management actions":
- a monthly one-to-one target interview (目标面谈) with each key supervisor, recorded with the income
  target and the path to it;
- at least one accompanied visit (陪访) per supervisor per business week (经营周), recorded and reviewed;
- the weekly customer inventory (客户盘点), taken at each weekly review (周复盘会);
- the three kinds of customer platform every month (rules.campaigns.PLATFORM_KINDS).

An action is judged only once it is due: a week's once the week has ended, a month's once the month has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from insurance_activity.rules.business_calendar import CalendarConfig, business_week, business_week_range
from insurance_activity.rules.campaigns import PLATFORM_KINDS, missing_platforms

# the kinds of gap, in the order they are named
NO_TARGET_INTERVIEW = "no_target_interview"
FEW_ACCOMPANIED_VISITS = "few_accompanied_visits"
NO_CUSTOMER_INVENTORY = "no_customer_inventory"
NO_PLATFORM = "no_platform"


def week_ranges(year: int, month: int, cfg: CalendarConfig) -> dict[int, tuple[date, date]]:
	"""The month's business weeks (经营周: 1-7, 8-14, 15-21, 22 to the end): {week: (first, last)}."""
	return {week: business_week_range(year, month, week, cfg) for week in range(1, cfg.weeks_per_month + 1)}


def due_weeks(weeks: Mapping[int, tuple[date, date]], as_of: date) -> list[int]:
	"""The weeks already over on `as_of` (their last day is before it), in order: only those are judged."""
	return [week for week, (_first, last) in sorted(weeks.items()) if last < as_of]


def inventory_weeks(cfg: CalendarConfig) -> list[int]:
	"""The business weeks whose customer inventory is taken in the month: each weekly review (周复盘会, on
	cfg.weekly_review_days: 8th, 15th, 22nd) looks back on the week that just ended (weeks 1, 2, 3), as
	rules.business_calendar.reviewed_week says of a weekly review."""
	any_month = (2000, 1)  # the weeks depend on the day of the month only
	return sorted({max(1, business_week(date(*any_month, day), cfg) - 1) for day in cfg.weekly_review_days})


def supervisor_gaps(
	supervisor: str,
	interviews: int,
	visits_by_week: Mapping[int, int],
	weeks: Sequence[int],
	month_due: bool,
	interviews_per_month: int,
	visits_per_week: int,
) -> list[tuple[str, str, int | None]]:
	"""One supervisor's missing actions: (NO_TARGET_INTERVIEW, supervisor, None) when the month is due and
	fewer than `interviews_per_month` target interviews are recorded; (FEW_ACCOMPANIED_VISITS, supervisor,
	week) for each due week of `weeks` with fewer than `visits_per_week` accompanied visits."""
	gaps: list[tuple[str, str, int | None]] = []
	if month_due and interviews < interviews_per_month:
		gaps.append((NO_TARGET_INTERVIEW, supervisor, None))
	gaps += [
		(FEW_ACCOMPANIED_VISITS, supervisor, week)
		for week in weeks
		if visits_by_week.get(week, 0) < visits_per_week
	]
	return gaps


def office_compliance(
	supervisors: Mapping[str, Mapping],
	inventories: Iterable[int],
	platform_kinds: Iterable[str],
	weeks: Sequence[int],
	inventory_due: Sequence[int],
	month_due: bool,
	interviews_per_month: int,
	visits_per_week: int,
) -> dict:
	"""An office's month of management actions, counted and its gaps listed.

	supervisors: {supervisor: {"interviews": n, "visits": {week: n}}}; inventories: the business weeks
	whose customer inventory was taken; platform_kinds: the kinds of the month's published campaigns;
	weeks: the due business weeks; inventory_due: the due weeks that owe an inventory (inventory_weeks).
	Returns counts of what is due and what is met per action, "met" and "due" over all of them, and
	"gaps": [(kind, subject, week or None)] (subject: a supervisor, or the missing platform kind).
	"""
	gaps: list[tuple] = []
	interviews_met = visit_weeks_met = 0
	for supervisor, done in sorted(supervisors.items()):
		found = supervisor_gaps(
			supervisor,
			done.get("interviews", 0),
			done.get("visits", {}),
			weeks,
			month_due,
			interviews_per_month,
			visits_per_week,
		)
		interviews_met += int(month_due and not any(g[0] == NO_TARGET_INTERVIEW for g in found))
		visit_weeks_met += len(weeks) - sum(1 for g in found if g[0] == FEW_ACCOMPANIED_VISITS)
		gaps += found
	done_weeks = set(inventories)
	gaps += [(NO_CUSTOMER_INVENTORY, None, week) for week in inventory_due if week not in done_weeks]
	missing = missing_platforms(platform_kinds) if month_due else ()
	gaps += [(NO_PLATFORM, kind, None) for kind in missing]
	counts = {
		"interviews_due": len(supervisors) if month_due else 0,
		"interviews_met": interviews_met,
		"visit_weeks_due": len(supervisors) * len(weeks),
		"visit_weeks_met": visit_weeks_met,
		"inventories_due": len(inventory_due),
		"inventories_met": sum(1 for week in inventory_due if week in done_weeks),
		"platforms_due": len(PLATFORM_KINDS) if month_due else 0,
		"platforms_met": len(PLATFORM_KINDS) - len(missing) if month_due else 0,
	}
	counts["due"] = sum(v for k, v in counts.items() if k.endswith("_due"))
	counts["met"] = sum(v for k, v in counts.items() if k.endswith("_met"))
	return {**counts, "gaps": gaps}


def compliance_rate(met: int, due: int) -> float | None:
	"""Percent of the due actions that were met, one decimal; None when nothing is due."""
	return round(100.0 * met / due, 1) if due else None
