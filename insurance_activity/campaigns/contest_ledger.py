"""The points ledger of activity-point contests (积分竞赛): points per contest, agent and day.

The shell around `rules/contest_points.py`: it reads the contests' rules and the submitted Agent Logs of
their offices and period, and writes one Points Contest Ledger row per contest, agent and day (points,
activities scored, whether the day met the standard). Only submitted logs count (a draft is not yet the
day's record); an activity invalidated by a callback or an incident never counts.

Incremental: `recompute_agent_day` redoes one agent's day in every contest running that day; it is called
when an Agent Log is submitted or cancelled (hooks.py doc_events; an amendment is the cancel of the
original and the submit of the new log) and when a callback or an incident changes an activity's validity
(AgentLog.recompute_after_system_change). `recompute_contest` redoes a whole contest (an admin's button,
a contest's save), in a background job with progress when it is large.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from insurance_activity.rules.contest_points import DayActivity, PointsRule, day_points, tier_multiplier

CONTEST, LEDGER = "Points Contest", "Points Contest Ledger"
LOGS_PER_BATCH = 500  # logs read and written at once, and between two progress messages
LEDGER_FIELDS = (
	"contest",
	"day",
	"agent",
	"agent_name",
	"team",
	"office",
	"agent_log",
	"productivity_tier",
	"activities",
	"raw_points",
	"multiplier",
	"points",
	"standard_met",
)


class ContestConfig:
	"""What a contest scores by: its period, offices, versioned rules and tier multipliers."""

	def __init__(self, contest):
		doc = frappe.get_doc(CONTEST, contest) if isinstance(contest, str) else contest
		self.name = doc.name
		self.from_date, self.to_date = getdate(doc.from_date), getdate(doc.to_date)
		self.offices = sorted({row.office for row in doc.offices if row.office})
		self.rules = [
			PointsRule(
				row.activity_kind,
				float(row.points or 0),
				int(row.daily_cap or 0),
				getdate(row.effective_from),
			)
			for row in doc.rules
			if row.activity_kind and row.effective_from
		]
		self.multipliers = {
			row.productivity_tier: float(row.multiplier or 0)
			for row in doc.tier_multipliers
			if row.productivity_tier
		}


def ledger_rows(config: ContestConfig, logs: list[dict]) -> list[dict]:
	"""The ledger rows of `logs` (submitted Agent Logs of the contest's offices and period, with their
	activity rows under "rows"): one per log."""
	found = []
	for log in logs:
		day = getdate(log.log_date)
		multiplier = tier_multiplier(log.productivity_tier, config.multipliers)
		activities = [
			DayActivity(row.activity_kind, int(row.activity_count or 0), not row.is_invalid)
			for row in log.rows
		]
		points = day_points(activities, config.rules, day, multiplier)
		found.append(
			{
				"contest": config.name,
				"day": day,
				"agent": log.agent,
				"agent_name": log.agent_name,
				"team": log.agent if log.is_supervisor else (log.supervisor or log.agent),
				"office": log.office,
				"agent_log": log.name,
				"productivity_tier": log.productivity_tier,
				"activities": points.activities,
				"raw_points": points.raw_points,
				"multiplier": points.multiplier,
				"points": points.points,
				"standard_met": int(bool(log.standard_met)),
			}
		)
	return found


def submitted_logs(
	config: ContestConfig, agent: str | None = None, day: date | None = None, names=None
) -> list:
	"""The submitted Agent Logs the contest counts (its offices, its period; one agent's day, or `names`),
	each with its activity rows under "rows"."""
	if not config.offices:
		return []
	filters = {
		"docstatus": 1,
		"office": ("in", config.offices),
		"log_date": ("between", [config.from_date, config.to_date]),
	}
	if agent:
		filters.update(agent=agent, log_date=day)
	if names is not None:
		filters["name"] = ("in", names)
	logs = frappe.get_all(
		"Agent Log",
		filters=filters,
		fields=[
			"name",
			"agent",
			"agent_name",
			"log_date",
			"office",
			"supervisor",
			"is_supervisor",
			"productivity_tier",
			"standard_met",
		],
		order_by="log_date, name",
	)
	by_log = {log.name: log for log in logs}
	for log in logs:
		log.rows = []
	if by_log:
		for row in frappe.get_all(
			"Agent Log Activity",
			filters={"parenttype": "Agent Log", "parent": ("in", list(by_log))},
			fields=["parent", "activity_kind", "activity_count", "is_invalid"],
			order_by="parent, idx",
		):
			by_log[row.parent].rows.append(row)
	return logs


def write_rows(rows: list[dict]) -> None:
	if not rows:
		return
	now, user = now_datetime(), frappe.session.user
	frappe.db.bulk_insert(
		LEDGER,
		("name", "creation", "modified", "owner", "modified_by", "docstatus", *LEDGER_FIELDS),
		[
			(frappe.generate_hash(length=12), now, now, user, user, 0, *(row[f] for f in LEDGER_FIELDS))
			for row in rows
		],
	)


# ---------------------------------------------------------------- incremental: one agent's day
def contests_running_on(day) -> list[str]:
	"""The contests whose period holds `day`."""
	day = getdate(day)
	return frappe.get_all(
		CONTEST, filters={"from_date": ("<=", day), "to_date": (">=", day)}, pluck="name", order_by="name"
	)


def recompute_agent_day(agent: str, day) -> int:
	"""Redo `agent`'s ledger rows of `day` in every contest running that day, from their submitted log of
	the day (none when it is cancelled or still a draft). Returns the rows written."""
	if not agent or not day:
		return 0
	day, written = getdate(day), 0
	for contest in contests_running_on(day):
		config = ContestConfig(contest)
		frappe.db.delete(LEDGER, {"contest": contest, "agent": agent, "day": day})
		rows = ledger_rows(config, submitted_logs(config, agent=agent, day=day))
		write_rows(rows)
		written += len(rows)
	return written


def on_agent_log_change(doc, method=None):
	"""doc_events of Agent Log (on_submit, on_cancel): the agent's day in every running contest."""
	recompute_agent_day(doc.agent, doc.log_date)


# ---------------------------------------------------------------- a whole contest
def recompute_contest(contest: str, publish_progress: bool = False) -> int:
	"""Redo every ledger row of `contest` from the submitted logs of its offices and period, in batches of
	LOGS_PER_BATCH logs (with progress shown to whoever started it when `publish_progress`). Returns the
	rows written."""
	config = ContestConfig(contest)
	frappe.db.delete(LEDGER, {"contest": contest})
	names = [log.name for log in submitted_logs_names(config)]
	written = 0
	for start in range(0, len(names), LOGS_PER_BATCH):
		batch = names[start : start + LOGS_PER_BATCH]
		rows = ledger_rows(config, submitted_logs(config, names=batch))
		write_rows(rows)
		written += len(rows)
		if publish_progress:
			frappe.publish_progress(
				100 * (start + len(batch)) / len(names),
				title=_("Recomputing the contest ledger"),
				doctype=CONTEST,
				docname=contest,
			)
	frappe.db.set_value(CONTEST, contest, "ledger_computed_at", now_datetime(), update_modified=False)
	return written


def submitted_logs_names(config: ContestConfig) -> list:
	if not config.offices:
		return []
	return frappe.get_all(
		"Agent Log",
		filters={
			"docstatus": 1,
			"office": ("in", config.offices),
			"log_date": ("between", [config.from_date, config.to_date]),
		},
		fields=["name"],
		order_by="log_date, name",
	)
