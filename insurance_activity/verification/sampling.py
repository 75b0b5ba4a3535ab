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
from frappe.query_builder.functions import Count, IfNull
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
	window_before,
)
from insurance_activity.rules.phones import phone_key
from insurance_activity.settings import get_settings
from insurance_activity.verification.doctype.callback_check.callback_check import insert_sampled_checks
from insurance_activity.verification.officers import officer_load

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
		# nosemgrep: frappe-manual-commit -- a forced run from the console keeps its checks
		frappe.db.commit()
		return summary
	hour = cint(get_settings().callback_sampling_hour)
	return run_daily("verification.run_daily_sampling", hour, lambda day: run_sampling(add_days(day, -1)))


def sampling_config() -> SamplingConfig:
	settings = get_settings()
	return SamplingConfig(
		rate=flt(settings.callback_sampling_rate) / 100,
		min_per_agent=cint(settings.callback_min_per_agent),
		min_per_team=cint(settings.callback_min_per_team),
		coverage_period_days=cint(settings.callback_coverage_days),
		no_repeat_days=cint(settings.callback_no_repeat_days),
		officer_capacity=cint(settings.callback_officer_capacity),
	)


def run_sampling(activity_date, show_progress: bool = False) -> dict:
	"""Sample the visits of `activity_date` for calls the next day; idempotent per date.

	Returns the run's summary (run_summary) with already_run False, or with already_run True when the day
	was sampled before or is being sampled by another process at this moment (then nothing is added and
	nothing waits: see claim_sampling_day)."""
	activity_date = getdate(activity_date)
	callback_date = getdate(add_days(activity_date, 1))
	if not claim_sampling_day(activity_date):
		return {
			"activity_date": activity_date,
			"callback_date": callback_date,
			"status": "Running",
			"already_run": True,
		}
	existing = frappe.db.get_value(RUN, {"activity_date": activity_date}, for_update=True)
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
	chosen = [rows.get(c.activity_id) or plan["earlier_rows"][c.activity_id] for c in result.selected]
	if show_progress:
		frappe.publish_progress(
			0,
			title=_("Callback sampling for {0}").format(formatdate(activity_date)),
			description=_("{0} of {1} checks").format(0, len(chosen)),
		)
	created = insert_sampled_checks(chosen, callback_date, assignment.assignments, run.name)
	taken_meanwhile = len(chosen) - len(created)
	if show_progress:
		frappe.publish_progress(
			100,
			title=_("Callback sampling for {0}").format(formatdate(activity_date)),
			description=_("{0} of {1} checks").format(len(chosen), len(chosen)),
		)
	notify_officers(
		{a: officer for a, officer in assignment.assignments.items() if a in created},
		activity_date,
		callback_date,
	)

	run.update(
		{
			"status": "Completed",
			"finished_at": now_datetime(),
			"activities_considered": len(rows) + plan["already_checked"],
			"checks_created": len(created),
			"checks_assigned": len([a for a in assignment.assignments if a in created]),
			"checks_unassigned": len([a for a in assignment.unassigned if a in created]),
			"target_by_rate": result.target,
			"checks_on_earlier_visits": len([a for a in result.looked_back if a in created]),
			"skipped_no_phone": len(result.skipped[SKIP_NO_PHONE]),
			"skipped_not_verifiable": len(result.skipped[SKIP_NOT_VERIFIABLE]),
			"skipped_recent_customer": len(result.skipped[SKIP_RECENT_PARTY]),
			"skipped_same_customer_today": len(result.skipped[SKIP_DUPLICATE_PARTY_TODAY]),
			"skipped_already_checked": plan["already_checked"] + taken_meanwhile,
			"overdue_agents": len(result.overdue_agents),
			"uncovered_agents": len(result.uncovered_agents),
		}
	)
	for activity_id in result.skipped[SKIP_NO_PHONE]:
		run.append("exclusions", exclusion(NO_PHONE, rows[activity_id]))
	for activity_id in (a for a in assignment.unassigned if a in created):
		run.append(
			"exclusions",
			{
				**exclusion(BEYOND_CAPACITY, rows.get(activity_id) or plan["earlier_rows"][activity_id]),
				"callback_check": created[activity_id],
			},
		)
	names = agent_names(result.uncovered_agents)
	for agent in result.uncovered_agents:
		run.append(
			"exclusions", {"reason": OVERDUE_NOT_COVERED, "agent": agent, "agent_name": names.get(agent)}
		)
	run.save(ignore_permissions=True)
	return {**run_summary(run.name), "already_run": False}


def plan_sample(activity_date, replay_of: str | None = None) -> dict:
	"""The sample and its assignment for a day of visits, without writing anything.

	replay_of: a stored Callback Sampling Run of this day, to redraw it as it was drawn: only the checks made
	before it count (not its own, nor a spot-check made later that day, nor later days'); its draw is
	seeded by the date, so the same inputs give the same sample. Returns {"result": SampleResult, "rows": the day's rows
	by name, "earlier_rows": the looked-back rows by name, "assignment": AssignResult, "already_checked": n}.
	"""
	activity_date = getdate(activity_date)
	callback_date = getdate(add_days(activity_date, 1))
	cfg = sampling_config()
	all_rows = activity_rows(activity_date, activity_date)
	checked = already_checked(list(all_rows), callback_date, replay_of)
	rows = {name: row for name, row in all_rows.items() if name not in checked}
	earlier_rows = {}
	if cfg.coverage_period_days > 0:
		first = getdate(add_days(callback_date, -cfg.coverage_period_days))
		if first < activity_date:
			before = activity_rows(first, getdate(add_days(activity_date, -1)), verifiable_only=True)
			earlier_checked = already_checked(list(before), callback_date, replay_of)
			earlier_rows = {name: row for name, row in before.items() if name not in earlier_checked}
	history = sampling_history(callback_date, cfg, replay_of)
	result = sample(
		callback_date,
		[candidate_of(row) for row in rows.values()],
		history,
		cfg,
		seed=SEED,
		lookback=[candidate_of(row) for row in earlier_rows.values()],
	)
	officers = callback_officers()
	assignment = assign(
		result.selected, officers, officer_load(officers, callback_date), cfg.officer_capacity
	)
	return {
		"result": result,
		"rows": rows,
		"earlier_rows": earlier_rows,
		"assignment": assignment,
		"already_checked": len(checked),
	}


def candidate_of(row) -> Candidate:
	return Candidate(
		activity_id=row.name,
		agent=row.agent,
		team=row.supervisor or "",
		office=row.office or "",
		party_key=phone_key(row.phone) or "",
		phone=row.phone,
		verifiable=bool(row.verifiable),
	)


def claim_sampling_day(activity_date) -> bool:
	"""Hold the day for this transaction, or False at once when another process holds it.

	A database lock named by the day (MariaDB GET_LOCK, timeout 0), released when this transaction
	commits or rolls back: a second run of the same day started meanwhile is told "already run" at once
	instead of waiting on the first one's insert and failing on the duplicate run. Our own: Frappe's file
	locks are per machine and do not end with the transaction.
	"""
	name = f"ia_sampling:{frappe.conf.db_name}:{getdate(activity_date)}"  # one server, many sites; <= 64
	# nosemgrep: frappe-using-db-sql -- MariaDB's GET_LOCK and RELEASE_LOCK have no query-builder form
	if frappe.db.sql("select get_lock(%s, 0)", name)[0][0] != 1:
		return False

	def release():
		# nosemgrep: frappe-using-db-sql -- MariaDB's GET_LOCK and RELEASE_LOCK have no query-builder form
		frappe.db.sql("select release_lock(%s)", name)

	frappe.db.after_commit.add(release)
	frappe.db.after_rollback.add(release)
	return True


def activity_rows(from_date, to_date, verifiable_only: bool = False) -> dict[str, frappe._dict]:
	"""Every activity row of the logs of from_date..to_date (drafts too: a draft's visits are verified like
	any other); verifiable_only: only still valid rows of kinds a call can verify, with a phone."""
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
			row.activity_time,
			row.party_type,
			row.party,
			row.party_name,
			row.phone,
			log.name.as_("agent_log"),
			log.log_date,
			log.agent,
			log.agent_name,
			log.supervisor,
			log.office,
			kind.verifiable,
		)
		.where((log.log_date >= from_date) & (log.log_date <= to_date) & (log.docstatus < 2))
	)
	if verifiable_only:
		query = query.where((kind.verifiable == 1) & (row.is_invalid == 0) & (IfNull(row.phone, "") != ""))
	return {r.name: r for r in query.run(as_dict=True)}


def already_checked(row_names: list[str], callback_date, replay_of: str | None = None) -> set[str]:
	"""Rows with a check already (a supervisor's spot-check, a manual check, an earlier run's) are not
	sampled again. Only checks up to callback_date count, and for `replay_of` only those made before it."""
	if not row_names:
		return set()
	check = frappe.qb.DocType(CHECK)
	query = (
		frappe.qb.from_(check)
		.select(check.activity_row)
		.where(check.activity_row.isin(row_names) & (check.callback_date <= callback_date))
	)
	if replay_of:
		query = query.where(check.creation < run_created(replay_of))
	return {r[0] for r in query.run()}


def run_created(run: str):
	"""When a stored run began: a replay sees only the checks made before it (not its own, nor a
	spot-check or manual check made later on the same callback date)."""
	return frappe.db.get_value(RUN, run, "creation")


def sampling_history(callback_date, cfg: SamplingConfig, replay_of: str | None = None) -> SamplingHistory:
	"""Coverage counts the company's own checks (sampling and manual), not supervisors' spot-checks; the
	no-repeat window counts every call, so a customer is never called twice within it. replay_of: a
	stored run of this callback date whose own calls are left out (plan_sample)."""
	check = frappe.qb.DocType(CHECK)
	last_checked = dict.fromkeys(active_agents())
	rows = (
		frappe.qb.from_(check)
		.select(check.agent, frappe.query_builder.functions.Max(check.callback_date))
		.where((check.callback_date < callback_date) & (check.source != outcomes.SOURCE_SUPERVISOR))
		.where(made_before(check, replay_of))
		.groupby(check.agent)
		.run()
	)
	for agent, day in rows:
		if agent in last_checked:
			last_checked[agent] = getdate(day)
	agent_window, team_window = checks_in_window(callback_date, cfg, replay_of)
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
	)
	recent = recent.where(made_before(check, replay_of)).run()
	return SamplingHistory(
		last_checked_agent=last_checked,
		recent_parties={key: getdate(day) for key, day in recent if key},
		agent_checks_in_window=agent_window,
		team_checks_in_window=team_window,
	)


def made_before(check, replay_of: str | None):
	"""Criterion: every check, or for a replay those made before the replayed run (what it saw)."""
	return check.creation < run_created(replay_of) if replay_of else check.name.isnotnull()


def checks_in_window(
	callback_date, cfg: SamplingConfig, replay_of: str | None = None
) -> tuple[dict[str, int], dict[str, int]]:
	"""Company checks (sampling and manual) per agent and per team (supervisor) with a callback date in
	the days before callback_date that share its coverage window (rules window_before)."""
	window = window_before(getdate(callback_date), cfg)
	if not window:
		return {}, {}
	check = frappe.qb.DocType(CHECK)
	counted = (
		check.callback_date.between(window[0], window[1])
		& (check.source != outcomes.SOURCE_SUPERVISOR)
		& made_before(check, replay_of)
	)
	per_agent = frappe.qb.from_(check).select(check.agent, Count("*")).where(counted).groupby(check.agent)
	per_team = (
		frappe.qb.from_(check)
		.select(check.supervisor, Count("*"))
		.where(counted & check.supervisor.isnotnull())
		.groupby(check.supervisor)
	)
	return dict(per_agent.run()), {team: n for team, n in per_team.run() if team}


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
		"target_by_rate",
		"checks_on_earlier_visits",
		"overdue_agents",
		"uncovered_agents",
	]
	return frappe.db.get_value(RUN, run, fields, as_dict=True)
