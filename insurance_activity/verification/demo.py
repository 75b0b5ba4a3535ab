"""Demo callbacks: the daily samples of the last days, supervisors' spot-checks, and realistic outcomes.

Called by the demo command (setup/demo.py) after the work logs. Deterministic for a seed: the samples are
seeded by date, the outcomes by `seed`. Most checks are closed (mostly Confirmed, some Unreachable, a few
Visit Not Happened, Complaint or Misconduct, which invalidate visits and raise incidents; a few incidents
are appealed). Today's calls stay open, as they would be in the morning.
"""

import random
from datetime import timedelta

import frappe
from frappe.utils import add_days, cint, getdate, today

from insurance_activity import working_days
from insurance_activity.org import user_of_employee
from insurance_activity.rules import callback_outcomes as outcomes
from insurance_activity.rules.callback_sampling import has_room
from insurance_activity.settings import get_settings
from insurance_activity.verification import sampling, spot_checks
from insurance_activity.verification.officers import officer_load

# (outcome, weight): what callbacks of a real branch find, roughly.
OUTCOME_WEIGHTS = (
	(outcomes.CONFIRMED, 82),
	(outcomes.UNREACHABLE, 9),
	(outcomes.COMPLAINT, 3),
	(outcomes.VISIT_NOT_HAPPENED, 4),
	(outcomes.MISCONDUCT, 2),
)
SATISFACTION = (("Very Satisfied", 4), ("Satisfied", 5), ("Neutral", 2), ("Dissatisfied", 1))
NOTES = {
	outcomes.CONFIRMED: ("客户确认拜访，对讲解满意", "客户确认面谈，约了下周看计划书", "客户确认见过业务员"),
	outcomes.COMPLAINT: ("客户反映业务员多次电话打扰", "客户反映讲解不清楚，感觉被催促"),
	outcomes.VISIT_NOT_HAPPENED: ("客户表示近期没有见过业务员", "客户不认识该业务员"),
	outcomes.MISCONDUCT: ("客户反映业务员承诺返还佣金", "客户反映业务员代签了问卷"),
}
SPOT_CHECK_SHARE = 0.8  # supervisors who do their spot-check on a given day
APPEAL_SHARE = 0.3  # incidents the agent appeals
UPHELD_SHARE = 0.4  # appeals that are upheld


def make_demo_callbacks(days: int = 30, seed: int = 2026):
	rng = random.Random(seed)
	frappe.flags.mute_emails = True
	end = getdate(today())
	first_visit_day = getdate(add_days(end, -days))
	remove_demo_callbacks(first_visit_day)
	day = first_visit_day
	while day < end:
		sampling.run_sampling(day)
		make_spot_checks(rng, getdate(add_days(day, 1)))
		# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
		frappe.db.commit()
		day = getdate(add_days(day, 1))
	progress(f"{frappe.db.count('Callback Check')} callback checks sampled; closing them")
	close_checks(rng, open_from(end))
	appeal_incidents(rng, first_visit_day)
	# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
	frappe.db.commit()
	progress(f"{frappe.db.count('Conduct Incident')} conduct incidents")


def progress(message: str):
	print(f"    {message}", flush=True)


def remove_demo_callbacks(first_visit_day):
	"""A re-run refreshes the window: its runs and checks go (and those of logs the demo recreated), and the
	logs that are still there count their visits and spot-checks again."""
	runs = frappe.get_all(
		"Callback Sampling Run", filters={"activity_date": (">=", first_visit_day)}, pluck="name"
	)
	check = frappe.qb.DocType("Callback Check")
	log = frappe.qb.DocType("Agent Log")
	removed = (
		frappe.qb.from_(check)
		.left_join(log)
		.on(log.name == check.agent_log)
		.select(
			check.name,
			check.activity_row,
			log.name.as_("agent_log"),
			check.spot_checked_by,
			check.callback_date,
		)
		.where(log.name.isnull() | (check.callback_date > first_visit_day))
		.run(as_dict=True)
	)
	names = [c.name for c in removed]
	incidents = frappe.get_all(
		"Conduct Incident", filters={"callback_check": ("in", names or [""])}, pluck="name"
	)
	for doctype, chunk_names, child in (
		("Callback Check", names, "Callback Attempt"),
		("Conduct Incident", incidents, None),
		("Callback Sampling Run", runs, "Callback Sampling Exclusion"),
	):
		for i in range(0, len(chunk_names), 500):
			chunk = chunk_names[i : i + 500]
			if child:
				frappe.db.delete(child, {"parent": ("in", chunk)})
			frappe.db.delete(doctype, {"name": ("in", chunk)})
			frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": ("in", chunk)})
			frappe.db.delete("Notification Log", {"document_type": doctype, "document_name": ("in", chunk)})
	kept_logs = {c.agent_log for c in removed if c.agent_log}
	for c in removed:
		if c.agent_log:
			frappe.db.set_value("Agent Log Activity", c.activity_row, {"is_invalid": 0, "invalid_reason": ""})
		if c.spot_checked_by:
			kept_logs.add(
				frappe.db.get_value("Agent Log", {"agent": c.spot_checked_by, "log_date": c.callback_date})
			)
	for name in sorted(kept_logs - {None}):
		frappe.get_doc("Agent Log", name).recompute_after_system_change()
	# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
	frappe.db.commit()


def open_from(end):
	"""The officers' morning: the latest day's company sample and today's spot-checks stay open."""
	latest = frappe.get_all(
		"Callback Check",
		filters={"source": outcomes.SOURCE_SAMPLING},
		fields=["max(callback_date) as latest"],
	)[0].latest
	return min(getdate(latest), end) if latest else end


def make_spot_checks(rng: random.Random, on_date):
	"""On a working day most supervisors spot-check one of yesterday's visits of their team."""
	for supervisor in supervisors():
		if not working_days.is_working_day(on_date, employee=supervisor):
			continue
		if rng.random() > SPOT_CHECK_SHARE:
			continue
		offer = spot_checks.offer_spot_check(supervisor, on_date)
		if offer["offered"]:
			spot_checks.start_spot_check(
				supervisor, offer["offered"].agent_log, offer["offered"].activity_row, on_date
			)


def supervisors() -> list[str]:
	employee = frappe.qb.DocType("Employee")
	report = frappe.qb.DocType("Employee").as_("report")
	rows = (
		frappe.qb.from_(employee)
		.join(report)
		.on(report.reports_to == employee.name)
		.select(employee.name)
		.distinct()
		.where((employee.status == "Active") & (report.status == "Active") & employee.user_id.isnotnull())
		.run()
	)
	return sorted(r[0] for r in rows)


def close_checks(rng: random.Random, end):
	"""Close every check due before `end` as its officer would have, on its day."""
	officers = sampling.callback_officers()
	max_attempts = max(cint(get_settings().callback_max_attempts), 1)
	pending = frappe.get_all(
		"Callback Check",
		filters={"status": outcomes.PENDING, "callback_date": ("<", end)},
		fields=["name", "assigned_officer", "callback_date", "source"],
		order_by="callback_date, name",
	)
	for n, check in enumerate(pending):
		doc = frappe.get_doc("Callback Check", check.name)
		if not doc.assigned_officer and officers:
			doc.assigned_officer = officer_with_room(
				officers, check.callback_date
			)  # the admin hands out the overflow
		outcome = pick(rng, OUTCOME_WEIGHTS)
		if check.source == outcomes.SOURCE_SUPERVISOR and outcome != outcomes.UNREACHABLE:
			outcome = outcomes.CONFIRMED if rng.random() < 0.9 else outcome
		if outcome == outcomes.UNREACHABLE:
			calls = ["No Answer"] * (max_attempts - 1) + ["Switched Off"]
		else:
			calls = (["No Answer"] if rng.random() < 0.3 else []) + ["Answered"]
		for result in calls:
			doc.append("attempts", {"result": result})
		if outcome == outcomes.UNREACHABLE:
			doc.save()  # the last unanswered call closes it by itself
		else:
			doc.close_check(outcome, pick(rng, SATISFACTION), rng.choice(NOTES[outcome]))
		backdate(doc, check.callback_date, rng)
		if n % 200 == 0:
			# nosemgrep: frappe-manual-commit -- the demo commits each step (minutes of work, progress shown)
			frappe.db.commit()


def officer_with_room(officers: list[str], day) -> str | None:
	"""The least loaded officer still below the day's capacity, or None (the overflow stays with the admin)."""
	capacity = cint(get_settings().callback_officer_capacity)
	load = officer_load(officers, day)
	free = [o for o in officers if has_room(load.get(o, 0), capacity)]
	return min(free, key=lambda o: (load.get(o, 0), o)) if free else None


def backdate(doc, day, rng: random.Random):
	"""Calls and closing on the check's own day, by its officer, for realistic reports."""
	start = frappe.utils.get_datetime(f"{day} 09:00:00") + timedelta(minutes=rng.randrange(0, 8 * 60))
	officer = doc.assigned_officer
	for i, attempt in enumerate(
		frappe.get_all("Callback Attempt", filters={"parent": doc.name}, order_by="idx", pluck="name")
	):
		frappe.db.set_value(
			"Callback Attempt",
			attempt,
			{"attempt_time": start + timedelta(hours=2 * i), "called_by": officer},
			update_modified=False,
		)
	closed_on = start + timedelta(hours=2 * (len(doc.attempts) - 1), minutes=5)
	frappe.db.set_value(
		"Callback Check", doc.name, {"closed_on": closed_on, "closed_by": officer}, update_modified=False
	)
	if doc.get("incident") or frappe.db.get_value("Callback Check", doc.name, "incident"):
		incident = frappe.db.get_value("Callback Check", doc.name, "incident")
		frappe.db.set_value(
			"Conduct Incident", incident, "incident_date", getdate(closed_on), update_modified=False
		)


def appeal_incidents(rng: random.Random, since):
	"""Some agents appeal; an admin upholds a few appeals (reversing the incident) and rejects the rest."""
	admin = frappe.session.user
	for name in frappe.get_all(
		"Conduct Incident",
		filters={"status": outcomes.INCIDENT_ACTIVE, "incident_date": (">=", since)},
		order_by="name",
		pluck="name",
	):
		if rng.random() > APPEAL_SHARE:
			continue
		incident = frappe.get_doc("Conduct Incident", name)
		frappe.set_user(user_of_employee(incident.agent) or admin)
		try:
			incident.appeal("我当天确实拜访了客户，有拜访照片和客户签字的需求分析表")
		finally:
			frappe.set_user(admin)
		upheld = rng.random() < UPHELD_SHARE
		frappe.get_doc("Conduct Incident", name).decide_appeal(
			int(upheld),
			"核实拜访照片与签字，申诉成立" if upheld else "客户再次确认未见面，申诉不成立",
		)


def pick(rng: random.Random, weighted) -> str:
	values, weights = zip(*weighted, strict=True)
	return rng.choices(values, weights)[0]
