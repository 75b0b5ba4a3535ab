"""The daily callback sample (抽样回访): the shell around rules/callback_sampling.py.

Every day, at the hour set in Insurance Activity Settings, yesterday's verifiable activities (interviews
and visits with a phone) are sampled and the sample is shared among the callback officers within their
daily capacity. The history (when each agent was last checked, which customers were called recently)
comes from the Callback Checks already made, and the draw is seeded by the date: the same date gives the
same sample. One Callback Sampling Run per day of visits makes a re-run add nothing; it also reports what
could not be sampled (no phone, agents due for a check with nothing to sample, checks beyond capacity).
"""

import frappe
from frappe import _
from frappe.utils import add_days, cint, flt, formatdate, getdate, now_datetime, today

from insurance_activity.daily_jobs import run_daily
from insurance_activity.notifications import notify
from insurance_activity.permissions.roles import CALLBACK_OFFICER, INSURANCE_AGENT
from insurance_activity.rules import callback_outcomes as outcomes
from insurance_activity.rules.callback_sampling import (
	SKIP_DUPLICATE_PARTY_TODAY,
	SKIP_NO_PHONE,
	SKIP_NOT_VERIFIABLE,
	SKIP_RECENT_PARTY,
	Candidate,
	SamplingConfig,
	SamplingHistory,
	assign,
	sample,
)
from insurance_activity.rules.phones import phone_key

SETTINGS = "Insurance Activity Settings"
RUN = "Callback Sampling Run"
CHECK = "Callback Check"
# The draw is seeded with this and the date; changing it changes every past day's sample.
SEED = "insurance_activity.callback_sampling"

NO_PHONE = "No Phone"
OVERDUE_NOT_COVERED = "Overdue Agent Not Covered"
BEYOND_CAPACITY = "Beyond Officer Capacity"


def run_daily_sampling(force: bool = False):
	"""Hourly: once a day, at or after the sampling hour, sample the previous day's visits; a day missed
	while the scheduler was down is caught up (daily_jobs.run_daily). force: sample yesterday now."""
	if force:
		summary = run_sampling(add_days(today(), -1))
		frappe.db.commit()
		return summary
	hour = cint(frappe.db.get_single_value(SETTINGS, "callback_sampling_hour"))
	return run_daily("verification.run_daily_sampling", hour, lambda day: run_sampling(add_days(day, -1)))


def sampling_config() -> SamplingConfig:
	settings = frappe.get_single(SETTINGS)
	return SamplingConfig(
		rate=flt(settings.callback_sampling_rate) / 100,
		min_per_agent=cint(settings.callback_min_per_agent),
		min_per_team=cint(settings.callback_min_per_team),
		coverage_period_days=cint(settings.callback_coverage_days),
		no_repeat_days=cint(settings.callback_no_repeat_days),
		officer_capacity=cint(settings.callback_officer_capacity),
	)


def run_sampling(activity_date, show_progress: bool = False) -> dict:
	"""Sample the visits of `activity_date` for calls the next day; idempotent per date."""
	activity_date = getdate(activity_date)
	callback_date = getdate(add_days(activity_date, 1))
	existing = frappe.db.get_value(RUN, {"activity_date": activity_date})
	if existing:
		return {**run_summary(existing), "already_run": True}

	run = frappe.get_doc(
		{
			"doctype": RUN,
			"activity_date": activity_date,
			"callback_date": callback_date,
			"status": "Running",
			"run_by": frappe.session.user,
			"started_at": now_datetime(),
		}
	)
	run.insert(ignore_permissions=True)  # the unique date stops a second run of the same day

	plan = plan_sample(activity_date)
	result, rows, assignment = plan["result"], plan["rows"], plan["assignment"]
	created: dict[str, str] = {}
	for i, candidate in enumerate(result.selected):
		row = rows[candidate.activity_id]
		created[candidate.activity_id] = make_check(
			row, callback_date, assignment.assignments.get(candidate.activity_id), run.name
		)
		if show_progress:
			frappe.publish_progress(
				100 * (i + 1) / len(result.selected),
				title=_("Callback sampling for {0}").format(formatdate(activity_date)),
				description=_("{0} of {1} checks").format(i + 1, len(result.selected)),
			)
	notify_officers(assignment.assignments, activity_date, callback_date)

	run.update(
		{
			"status": "Completed",
			"finished_at": now_datetime(),
			"activities_considered": len(rows) + plan["already_checked"],
			"checks_created": len(created),
			"checks_assigned": len(assignment.assignments),
			"checks_unassigned": len(assignment.unassigned),
			"skipped_no_phone": len(result.skipped[SKIP_NO_PHONE]),
			"skipped_not_verifiable": len(result.skipped[SKIP_NOT_VERIFIABLE]),
			"skipped_recent_customer": len(result.skipped[SKIP_RECENT_PARTY]),
			"skipped_same_customer_today": len(result.skipped[SKIP_DUPLICATE_PARTY_TODAY]),
			"skipped_already_checked": plan["already_checked"],
			"overdue_agents": len(result.overdue_agents),
			"uncovered_agents": len(result.uncovered_agents),
		}
	)
	for activity_id in result.skipped[SKIP_NO_PHONE]:
		run.append("exclusions", exclusion(NO_PHONE, rows[activity_id]))
	for activity_id in assignment.unassigned:
		run.append(
			"exclusions",
			{**exclusion(BEYOND_CAPACITY, rows[activity_id]), "callback_check": created[activity_id]},
		)
	names = agent_names(result.uncovered_agents)
	for agent in result.uncovered_agents:
		run.append(
			"exclusions", {"reason": OVERDUE_NOT_COVERED, "agent": agent, "agent_name": names.get(agent)}
		)
	run.save(ignore_permissions=True)
	return {**run_summary(run.name), "already_run": False}


def plan_sample(activity_date) -> dict:
	"""The sample and its assignment for a day of visits, without writing anything."""
	activity_date = getdate(activity_date)
	callback_date = getdate(add_days(activity_date, 1))
	cfg = sampling_config()
	all_rows = activity_rows(activity_date)
	checked = already_checked(list(all_rows))
	rows = {name: row for name, row in all_rows.items() if name not in checked}
	candidates = [
		Candidate(
			activity_id=row.name,
			agent=row.agent,
			team=row.supervisor or "",
			office=row.office or "",
			party_key=phone_key(row.phone) or "",
			phone=row.phone,
			verifiable=bool(row.verifiable),
		)
		for row in rows.values()
	]
	history = sampling_history(callback_date, cfg)
	result = sample(callback_date, candidates, history, cfg, seed=SEED)
	officers = callback_officers()
	assignment = assign(
		result.selected, officers, officer_load(officers, callback_date), cfg.officer_capacity
	)
	return {"result": result, "rows": rows, "assignment": assignment, "already_checked": len(checked)}


def activity_rows(activity_date) -> dict[str, frappe._dict]:
	"""Every activity row of the day's logs (drafts too: a draft's visits are verified like any other)."""
	log = frappe.qb.DocType("Agent Log")
	row = frappe.qb.DocType("Agent Log Activity")
	kind = frappe.qb.DocType("Activity Kind")
	query = (
		frappe.qb.from_(row)
		.join(log)
		.on((row.parent == log.name) & (row.parenttype == "Agent Log") & (row.parentfield == "activities"))
		.left_join(kind)
		.on(kind.name == row.activity_kind)
		.select(
			row.name,
			row.idx,
			row.activity_kind,
			row.party_name,
			row.phone,
			log.name.as_("agent_log"),
			log.agent,
			log.agent_name,
			log.supervisor,
			log.office,
			kind.verifiable,
		)
		.where((log.log_date == activity_date) & (log.docstatus < 2))
	)
	return {r.name: r for r in query.run(as_dict=True)}


def already_checked(row_names: list[str]) -> set[str]:
	"""Rows with a check already (a supervisor's spot-check, a manual check) are not sampled again."""
	if not row_names:
		return set()
	return set(frappe.get_all(CHECK, filters={"activity_row": ("in", row_names)}, pluck="activity_row"))


def sampling_history(callback_date, cfg: SamplingConfig) -> SamplingHistory:
	"""Coverage counts the company's own checks (sampling and manual), not supervisors' spot-checks; the
	no-repeat window counts every call, so a customer is never called twice within it."""
	check = frappe.qb.DocType(CHECK)
	last_checked = dict.fromkeys(active_agents())
	rows = (
		frappe.qb.from_(check)
		.select(check.agent, frappe.query_builder.functions.Max(check.callback_date))
		.where((check.callback_date < callback_date) & (check.source != outcomes.SOURCE_SUPERVISOR))
		.groupby(check.agent)
		.run()
	)
	for agent, day in rows:
		if agent in last_checked:
			last_checked[agent] = getdate(day)
	since = add_days(callback_date, -cfg.no_repeat_days - 1)
	recent = (
		frappe.qb.from_(check)
		.select(check.party_key, frappe.query_builder.functions.Max(check.callback_date))
		.where(
			(check.callback_date >= since)
			& (check.callback_date <= callback_date)
			& check.party_key.isnotnull()
		)
		.groupby(check.party_key)
		.run()
	)
	return SamplingHistory(
		last_checked_agent=last_checked, recent_parties={key: getdate(day) for key, day in recent if key}
	)


def active_agents() -> list[str]:
	"""Active Employees whose user has the Insurance Agent role: every one is due a check each period."""
	employee = frappe.qb.DocType("Employee")
	has_role = frappe.qb.DocType("Has Role")
	rows = (
		frappe.qb.from_(employee)
		.join(has_role)
		.on((has_role.parent == employee.user_id) & (has_role.parenttype == "User"))
		.select(employee.name)
		.distinct()
		.where((employee.status == "Active") & (has_role.role == INSURANCE_AGENT))
		.run()
	)
	return sorted(r[0] for r in rows)


def callback_officers() -> list[str]:
	"""Enabled users with the Callback Officer role, by name."""
	users = frappe.get_all(
		"Has Role", filters={"role": CALLBACK_OFFICER, "parenttype": "User"}, pluck="parent", distinct=True
	)
	enabled = (
		frappe.get_all("User", filters={"name": ("in", users), "enabled": 1}, pluck="name") if users else []
	)
	return sorted(u for u in enabled if u not in ("Administrator", "Guest"))


def officer_load(officers: list[str], callback_date) -> dict[str, int]:
	"""Checks each officer already has for that day (capacity is per officer per day)."""
	if not officers:
		return {}
	rows = frappe.get_all(
		CHECK,
		filters={"assigned_officer": ("in", officers), "callback_date": callback_date},
		fields=["assigned_officer", "count(name) as checks"],
		group_by="assigned_officer",
	)
	return {r.assigned_officer: r.checks for r in rows}


def make_check(row, callback_date, officer: str | None, run: str) -> str:
	doc = frappe.get_doc(
		{
			"doctype": CHECK,
			"source": outcomes.SOURCE_SAMPLING,
			"callback_date": callback_date,
			"assigned_officer": officer,
			"sampling_run": run,
			"agent_log": row.agent_log,
			"activity_row": row.name,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def notify_officers(assignments: dict[str, str], activity_date, callback_date):
	counts: dict[str, int] = {}
	for officer in assignments.values():
		counts[officer] = counts.get(officer, 0) + 1
	for officer, count in sorted(counts.items()):

		def subject(count=count):
			return _("{0} callback checks for {1} (visits of {2})").format(
				count, formatdate(callback_date), formatdate(activity_date)
			)

		notify(officer, RUN, frappe.db.get_value(RUN, {"activity_date": activity_date}), subject)


def exclusion(reason: str, row) -> dict:
	return {
		"reason": reason,
		"agent": row.agent,
		"agent_name": row.agent_name,
		"agent_log": row.agent_log,
		"activity_kind": row.activity_kind,
		"party_name": row.party_name,
	}


def agent_names(agents: list[str]) -> dict[str, str]:
	if not agents:
		return {}
	return dict(
		frappe.get_all(
			"Employee", filters={"name": ("in", agents)}, fields=["name", "employee_name"], as_list=True
		)
	)


def run_summary(run: str) -> dict:
	fields = [
		"name",
		"activity_date",
		"callback_date",
		"status",
		"activities_considered",
		"checks_created",
		"checks_assigned",
		"checks_unassigned",
		"skipped_no_phone",
		"skipped_not_verifiable",
		"skipped_recent_customer",
		"skipped_same_customer_today",
		"skipped_already_checked",
		"overdue_agents",
		"uncovered_agents",
	]
	return frappe.db.get_value(RUN, run, fields, as_dict=True)
