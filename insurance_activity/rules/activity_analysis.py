"""Analysis of daily activity (日看量: by day look at volume) and the supervisor's team board.

Plain data in, plain rows out. A log is any mapping with the Agent Log's subtotal fields: `agent`,
`supervisor`, `office`, `is_working_day`, `standard_met`, and for each of the five items its actual
(`phone_appointments`) and the target that applied that day (`phone_appointments_target`). Targets are
the log's own snapshot, so a change of standard never rewrites history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from insurance_activity.rules.activity_standards import AGENT_ITEMS

GROUP_AGENT = "Agent"
GROUP_TEAM = "Team"
GROUP_OFFICE = "Office"
# The unit a log belongs to, per grouping: the agent, the team (the log's supervisor) or the office.
GROUP_FIELDS = {GROUP_AGENT: "agent", GROUP_TEAM: "supervisor", GROUP_OFFICE: "office"}

NO_LOG = "no_log"


def percent(part: float, whole: float) -> float | None:
	"""Part of whole in percent, one decimal; None when there is nothing to measure against."""
	if not whole:
		return None
	return round(100.0 * part / whole, 1)


def item_totals(logs: Iterable[Mapping]) -> dict[str, dict[str, int]]:
	"""Actual and target per item over the logs: {'phone_appointments': {'actual': 12, 'target': 15}}."""
	totals = {item: {"actual": 0, "target": 0} for item in AGENT_ITEMS}
	for log in logs:
		for item in AGENT_ITEMS:
			totals[item]["actual"] += int(log.get(item) or 0)
			totals[item]["target"] += int(log.get(f"{item}_target") or 0)
	return totals


def volume_summary(logs: Iterable[Mapping]) -> dict:
	"""How much was logged and how often the day's standard was met.

	Only working-day logs count toward "days met": on a holiday there is no target, so every log would
	trivially meet it.
	"""
	logs = list(logs)
	working = [log for log in logs if log.get("is_working_day")]
	days_met = sum(1 for log in working if log.get("standard_met"))
	return {
		"agents": len({log.get("agent") for log in logs}),
		"logs": len(logs),
		"working_day_logs": len(working),
		"days_met": days_met,
		"met_share": percent(days_met, len(working)),
	}


def summarise_by_unit(
	logs: Iterable[Mapping], group_by: str, labels: Mapping[str | None, str] | None = None
) -> list[dict]:
	"""One row per unit (agent, team or office) with volume, each item's actual, target and attainment %.

	Rows are ordered by the unit's label (falling back to its key); a log without a unit (an agent with no
	supervisor, grouped by team) forms a unit of its own with key None, listed last.
	"""
	field = GROUP_FIELDS[group_by]
	labels = labels or {}
	units: dict[str | None, list[Mapping]] = {}
	for log in logs:
		units.setdefault(log.get(field) or None, []).append(log)

	rows = []
	for unit, unit_logs in units.items():
		row = {"unit": unit, "unit_name": labels.get(unit, unit), **volume_summary(unit_logs)}
		for item, total in item_totals(unit_logs).items():
			row[item] = total["actual"]
			row[f"{item}_target"] = total["target"]
			row[f"{item}_attainment"] = percent(total["actual"], total["target"])
		rows.append(row)
	return sorted(rows, key=lambda r: (r["unit"] is None, str(r["unit_name"] or ""), str(r["unit"] or "")))


def shortfalls(log: Mapping) -> dict[str, int]:
	"""What is missing against the day's standard: {'phone_appointments': 2} for items short of target."""
	missing = {}
	for item in AGENT_ITEMS:
		short = int(log.get(f"{item}_target") or 0) - int(log.get(item) or 0)
		if short > 0:
			missing[item] = short
	return missing


def report_status(log: Mapping | None, tracked: bool) -> dict:
	"""A direct report's day on the team board: logged? standard met? what is missing? tracked today?

	No log counts as not met, with `missing` naming the log itself (NO_LOG) so the supervisor knows what to
	chase first.
	"""
	if not log:
		return {"logged": False, "met": False, "missing": {NO_LOG: 1}, "tracked": tracked}
	return {
		"logged": True,
		"met": bool(log.get("standard_met")),
		"missing": shortfalls(log),
		"tracked": tracked,
	}


def team_totals(reports: Iterable[Mapping]) -> dict:
	"""The team's day for the line above (二次早会 totals): headcount, logged, met, tracked, and item totals.

	`reports` are report_status() results, each with the report's `log` (or None) beside them.
	"""
	reports = list(reports)
	logs = [r["log"] for r in reports if r.get("log")]
	return {
		"size": len(reports),
		"logged": sum(1 for r in reports if r["logged"]),
		"met": sum(1 for r in reports if r["met"]),
		"tracked": sum(1 for r in reports if r["tracked"]),
		"items": item_totals(logs),
	}
