"""The daily activity standards: "5311" for every agent and "111" for every supervisor (活动量标准).

5311: 5 phone appointments (电话约访), 3 sales interviews (销售面谈), 1 recruiting visit (增员拜访) and
1 new prospect (新增准客户) a working day; referrals (转介绍) are recorded with them. 111, on top of a
supervisor's own 5311: phone-track every direct report once (电话追踪), coach one report in person (个别辅导)
and spot-check one customer a report visited yesterday (抽查回访). The numbers are data: targets differ by
productivity tier (产能层级) and period, so a standard is chosen per role, tier and date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

# The five items every log records, in the order users see them.
AGENT_ITEMS = ("phone_appointments", "sales_interviews", "recruiting_visits", "new_prospects", "referrals")
# The supervisor's 111 items; tracking calls are per direct report.
SUPERVISOR_ITEMS = ("tracking_calls", "coaching_sessions", "spot_checks")

ROLE_AGENT = "Agent"
ROLE_SUPERVISOR = "Supervisor"


@dataclass(frozen=True)
class Standard:
	"""One configured standard: daily targets for a role, optionally for one tier, over a date range."""

	name: str
	role: str
	targets: Mapping[str, int]
	tier: str | None = None
	effective_from: date | None = None
	effective_to: date | None = None

	def applies_on(self, day: date) -> bool:
		return (self.effective_from is None or self.effective_from <= day) and (
			self.effective_to is None or day <= self.effective_to
		)


def select_standard(standards: Iterable[Standard], role: str, tier: str | None, day: date) -> Standard | None:
	"""The standard that applies to a role and tier on a day.

	A tier-specific standard beats the all-tiers one; among equals the latest `effective_from` wins, so a new
	period's standard replaces the old without editing it.
	"""
	candidates = [
		s
		for s in standards
		if s.role == role and s.applies_on(day) and (s.tier in (None, "") or s.tier == tier)
	]
	if not candidates:
		return None
	return max(candidates, key=lambda s: (bool(s.tier), s.effective_from or date.min, s.name))


@dataclass(frozen=True)
class ItemAttainment:
	item: str
	target: int
	actual: int

	@property
	def shortfall(self) -> int:
		return max(self.target - self.actual, 0)

	@property
	def met(self) -> bool:
		return self.actual >= self.target


@dataclass(frozen=True)
class Attainment:
	"""A day's subtotal (小计) per item against the standard that applies."""

	items: tuple[ItemAttainment, ...] = field(default_factory=tuple)
	standard: str | None = None
	working_day: bool = True

	@property
	def met(self) -> bool:
		return all(i.met for i in self.items)

	def shortfalls(self) -> dict[str, int]:
		return {i.item: i.shortfall for i in self.items if i.shortfall}

	def by_item(self) -> dict[str, ItemAttainment]:
		return {i.item: i for i in self.items}


def subtotals(
	rows: Iterable[tuple[str | None, int, bool]], items: Iterable[str] = AGENT_ITEMS
) -> dict[str, int]:
	"""The day's subtotal (小计) per standard item from (item, count, valid) rows.

	An activity row invalidated by a callback (visit not happened, misconduct) does not count.
	"""
	totals = dict.fromkeys(items, 0)
	for item, count, valid in rows:
		if item in totals and valid:
			totals[item] += count
	return totals


def agent_attainment(actuals: Mapping[str, int], standard: Standard | None, working_day: bool) -> Attainment:
	"""5311 attainment: each item's actual against the target; no target on a non-working day or without a standard."""
	applies = working_day and standard is not None
	items = tuple(
		ItemAttainment(item, int(standard.targets.get(item, 0)) if applies else 0, int(actuals.get(item, 0)))
		for item in AGENT_ITEMS
	)
	return Attainment(items, standard.name if applies else None, working_day)


def supervisor_attainment(
	direct_reports: Iterable[str],
	tracked_reports: Iterable[str],
	coaching_sessions: int,
	spot_checks: int,
	standard: Standard | None,
	working_day: bool,
) -> tuple[Attainment, list[str]]:
	"""111 attainment and the direct reports still missing a tracking call today.

	The tracking target is per direct report ("phone-track every direct report once"), so a team of 8 with a
	per-report target of 1 needs 8 distinct reports called; calling one report twice counts once.
	"""
	reports = list(dict.fromkeys(direct_reports))
	tracked = set(tracked_reports) & set(reports)
	missing = [r for r in reports if r not in tracked]
	applies = working_day and standard is not None
	per_report = int(standard.targets.get("tracking_calls", 0)) if applies else 0
	targets = {
		"tracking_calls": min(per_report, 1) * len(reports),
		"coaching_sessions": int(standard.targets.get("coaching_sessions", 0)) if applies else 0,
		"spot_checks": int(standard.targets.get("spot_checks", 0)) if applies else 0,
	}
	actuals = {
		"tracking_calls": len(tracked),
		"coaching_sessions": coaching_sessions,
		"spot_checks": spot_checks,
	}
	items = tuple(ItemAttainment(i, targets[i], actuals[i]) for i in SUPERVISOR_ITEMS)
	return Attainment(items, standard.name if applies else None, working_day), (missing if per_report else [])
