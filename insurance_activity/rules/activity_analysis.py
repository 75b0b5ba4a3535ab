"""Analysis of daily activity (日看量: by day look at volume) and the supervisor's team board.

Plain data in, plain rows out. A log is any mapping with the Agent Log's subtotal fields: `agent`,
`supervisor`, `office`, `is_working_day`, `standard_met`, and for each of the five items its actual
(`phone_appointments`) and the target that applied that day (`phone_appointments_target`). Targets are
the log's own snapshot, so a change of standard never rewrites history.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from insurance_activity.rules.activity_standards import AGENT_ITEMS

GROUP_AGENT = "Agent"
GROUP_TEAM = "Team"
GROUP_OFFICE = "Office"
# The unit an agent's days count in, per grouping: the agent, the team (see team_of) or the office.
GROUP_FIELDS = {GROUP_AGENT: "agent", GROUP_TEAM: "team", GROUP_OFFICE: "office"}

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


def team_of(agent: str, supervisor: str | None, team_heads: Collection[str]) -> str | None:
	"""The team (团队) an agent's day counts in: a supervisor (主管) heads their own team, so their own logs
	count there with their direct reports (直管属员); anyone else counts in their supervisor's team."""
	return agent if agent in team_heads else supervisor or None


def unit_rows(
	totals: Iterable[Mapping],
	members: Mapping[str, Mapping[str, str | None]],
	working_days: Mapping[str, int],
	group_by: str,
	labels: Mapping[str | None, str] | None = None,
) -> list[dict]:
	"""One row per unit (agent, team or office) of the Daily Activity report (日看量).

	- ``totals``: the agents' logs added up per agent and kind of day: ``agent``, ``is_working_day``,
	  ``logs``, ``days_met`` (logs that met the day's standard) and each item's actual and target.
	- ``members``: every agent of the range (with or without a log), with the ``team`` and ``office`` they
	  count in (see team_of).
	- ``working_days``: each agent's working days (工作日) in the range, from their Holiday Lists.

	Definitions, in the business's words:
	- Share of Days Met = days the standard (5311) was met / the agents' working days in the range. A working
	  day without a log is a day not met; an agent with no log has a row (0 met of N working days).
	- Attainment (达成率) = working-day actual / working-day target: both on one base. What was done on days
	  off is shown beside it (``<item>_days_off``), never added to attainment.
	- A figure with nothing to measure against (no working day, no target) is None, never 0%.

	Rows are ordered by the unit's label (falling back to its key); agents without a unit (no supervisor,
	grouped by team) form a unit of their own with key None, listed last.
	"""
	field = GROUP_FIELDS[group_by]
	labels = labels or {}
	unit_of = {
		agent: agent if field == "agent" else unit.get(field) or None for agent, unit in members.items()
	}
	units: dict[str | None, dict] = {}

	def row_of(unit):
		if unit not in units:
			units[unit] = {
				"unit": unit,
				"unit_name": labels.get(unit, unit),
				"agents": 0,
				"working_days": 0,
				"logs": 0,
				"working_day_logs": 0,
				"days_off_logs": 0,
				"days_met": 0,
				**{key: 0 for item in AGENT_ITEMS for key in (item, f"{item}_target", f"{item}_days_off")},
			}
		return units[unit]

	for agent in members:
		row = row_of(unit_of[agent])
		row["agents"] += 1
		row["working_days"] += int(working_days.get(agent) or 0)
	for total in totals:
		row = row_of(unit_of.get(total["agent"], total["agent"] if field == "agent" else None))
		logs = int(total.get("logs") or 0)
		row["logs"] += logs
		if total.get("is_working_day"):
			row["working_day_logs"] += logs
			row["days_met"] += int(total.get("days_met") or 0)
			for item in AGENT_ITEMS:
				row[item] += int(total.get(item) or 0)
				row[f"{item}_target"] += int(total.get(f"{item}_target") or 0)
		else:
			row["days_off_logs"] += logs
			for item in AGENT_ITEMS:
				row[f"{item}_days_off"] += int(total.get(item) or 0)

	for row in units.values():
		row["met_share"] = percent(row["days_met"], row["working_days"])
		for item in AGENT_ITEMS:
			row[f"{item}_attainment"] = percent(row[item], row[f"{item}_target"])
	return sorted(
		units.values(), key=lambda r: (r["unit"] is None, str(r["unit_name"] or ""), str(r["unit"] or ""))
	)


def overall(rows: Iterable[Mapping]) -> dict:
	"""The whole selection: agents, logs, working days, days met and the share of days met (None when the
	range holds no working day of any agent: nothing to measure)."""
	rows = list(rows)
	summary = {
		key: sum(int(r.get(key) or 0) for r in rows)
		for key in ("agents", "logs", "working_days", "working_day_logs", "days_met")
	}
	summary["met_share"] = percent(summary["days_met"], summary["working_days"])
	for item in AGENT_ITEMS:
		summary[item] = sum(int(r.get(item) or 0) for r in rows)
		summary[f"{item}_target"] = sum(int(r.get(f"{item}_target") or 0) for r in rows)
	return summary


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
