"""Branch scale (issue 18): each script report, the team board and each hourly job, timed on a real site.

Run through `dev/bench.py scale --site SITE` (after `--generate`, see dev/scale.py). For each report and
the team board, as an admin, an office manager and a supervisor (the generator's users), for a day, a month
and a year where the report takes a period: the time of the report's own `execute(filters)` as that user
(frappe.set_user), the time of a hand-written SQL query returning the same main figures where one is
written here ("—" elsewhere), their ratio, and the peak resident memory of the process during the call
(Linux VmHWM, reset before each call) with its growth over the memory before the call. Then each hourly job
of hooks.py once, for today, through the job's own work function (the once-a-day wrapper is bypassed, so
a day already done is timed too; a job whose day is not today, its work for last month; the customer
quadrants as a night's increment since the day before yesterday, not their first placing of every
customer); its writes are rolled back. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

REPEAT_UNDER = 2.0  # seconds: a call faster than this is run again and the faster time kept


# ---------------------------------------------------------------- memory and time
def rss_mb(field: str) -> float:
	"""The process's resident memory in MB from /proc/self/status: VmRSS now, or VmHWM (the peak)."""
	for line in Path("/proc/self/status").read_text().splitlines():
		if line.startswith(field + ":"):
			return int(line.split()[1]) / 1024
	return 0.0


def reset_peak() -> None:
	"""Start a new peak (VmHWM) from the current resident memory (Linux: clear_refs 5)."""
	try:
		Path("/proc/self/clear_refs").write_text("5")
	except OSError:
		pass


def timed(call: Callable) -> tuple[float, float, float, object]:
	"""(seconds, peak RSS MB, growth MB over the RSS before, result) of `call()`; a fast call runs again and
	keeps its faster time."""
	import frappe

	before = rss_mb("VmRSS")
	reset_peak()
	started = time.perf_counter()
	result = call()
	seconds = time.perf_counter() - started
	peak = rss_mb("VmHWM")
	if seconds < REPEAT_UNDER:
		started = time.perf_counter()
		call()
		seconds = min(seconds, time.perf_counter() - started)
	frappe.db.rollback()
	return seconds, peak, peak - before, result


# ---------------------------------------------------------------- the readers' scope, in SQL
class Scope:
	"""What a reader sees, as SQL text over an Employee column: everyone (admin), else the Employees of their
	reporting subtree and of the Departments they manage (office manager), looked up once (an indexed read, as
	the report's permission rule does) and written into the query as a list."""

	def __init__(self, frappe, user: str):
		from insurance_activity.org import employee_of_user, managed_departments, managed_offices, subtree
		from insurance_activity.permissions.hierarchy import sees_all_units

		self.all = sees_all_units(user)
		employee = employee_of_user(user)
		names, self.office_names = set(), []
		if employee and not self.all:
			names = set(subtree(employee))
			departments = managed_departments(employee)
			if departments:
				names |= set(frappe.get_all("Employee", {"department": ("in", departments)}, pluck="name"))
			self.office_names = managed_offices(employee) or [
				frappe.db.get_value("Employee", employee, "department")
			]
		self.names = sorted(names)

	def people(self, column: str) -> str:
		"""A condition on `column` (an Employee name) for the reader's people."""
		import frappe

		if self.all:
			return "1=1"
		return f"{column} in ({', '.join(frappe.db.escape(n) for n in self.names) or 'NULL'})"

	def offices(self, column: str) -> str:
		import frappe

		if self.all:
			return "1=1"
		return f"{column} in ({', '.join(frappe.db.escape(o) for o in self.office_names) or 'NULL'})"


def warm_up(frappe) -> None:
	"""Read the big tables once (into MariaDB's buffer pool), so the first report timed is not the one that
	pays for the disk, and have MariaDB sample them again (ANALYZE TABLE): right after a bulk load its
	statistics lag behind, and a plan from them can be 20 times slower than the plan of a site that grew by
	saves (Unit Evaluation, stop 37: 2.4 s on the morning of a load, 0.7 s later the same day); prints how long
	that took."""
	started = time.perf_counter()
	for table in (
		"Agent Log",
		"Agent Log Activity",
		"Callback Check",
		"Employee",
		"Agent Monthly Performance",
	):
		frappe.db.sql(f"analyze table `tab{table}`")  # nosemgrep: frappe-using-db-sql
		frappe.db.sql(
			f"select count(*), sum(docstatus + length(owner)) from `tab{table}`"
		)  # nosemgrep: frappe-using-db-sql
	print(
		f"warm-up (the big tables analysed and read once): {time.perf_counter() - started:.1f} s", flush=True
	)


# ---------------------------------------------------------------- hand-written baselines
def sql(query: str, values=None) -> list:
	import frappe

	return frappe.db.sql(query, values)  # nosemgrep: frappe-using-db-sql -- the hand-written baselines


def daily_activity_sql(scope: Scope, f: dict) -> list:
	"""Per agent and kind of day: logs, days met and the five items' actuals and targets (GROUP BY)."""
	items = ("phone_appointments", "sales_interviews", "recruiting_visits", "new_prospects", "referrals")
	sums = ", ".join(f"sum({i}), sum({i}_target)" for i in items)
	return sql(
		f"""select agent, is_working_day, count(*), sum(standard_met), {sums} from `tabAgent Log`
		where docstatus < 2 and log_date between %s and %s and {scope.people("agent")}
		group by agent, is_working_day""",
		(f["from_date"], f["to_date"]),
	)


def meeting_compliance_sql(scope: Scope, f: dict) -> list:
	"""Per office: sessions, held, not held, on the right day, on time, long enough, attendance, quality."""
	first = date(int(f["year"]), int(f["month"]), 1)
	last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
	return sql(
		f"""select office, count(*), sum(status = 'Held'), sum(status = 'Not Held'), sum(held_on_right_day),
		sum(started_on_time), sum(long_enough), sum(attendees_expected), sum(attendees_present),
		sum(quality_check_complete), avg(quality_score), sum(quality_passed), sum(sections_filled)
		from `tabMeeting Session` where scheduled_date between %s and %s and {scope.offices("office")}
		group by office""",
		(first, last),
	)


def target_progress_sql(scope: Scope, f: dict) -> list:
	"""Per office, from the fiscal year's start to the day: regular premium (Agent Monthly Performance),
	activity volume and accompanied visits (Agent Logs)."""
	import frappe

	start = frappe.db.get_value("Fiscal Year", f["fiscal_year"], "year_start_date")
	on = f["on"]
	month = date(on.year, on.month, 1)
	premium = sql(
		f"""select office, sum(regular_premium), sum(reached_u and period = %s) from `tabAgent Monthly Performance`
		where period between %s and %s and {scope.people("agent")} group by office""",
		(month, start, month),
	)
	volume = sql(
		f"""select office, sum(phone_appointments + sales_interviews + recruiting_visits + new_prospects
		+ referrals), sum(coaching_type = 'Accompanied Visit') from `tabAgent Log`
		where docstatus < 2 and log_date between %s and %s and {scope.people("agent")} group by office""",
		(start, on),
	)
	return [*premium, *volume]


def callback_rates_sql(scope: Scope, f: dict) -> list:
	"""Per agent: checks by status of the visits in the range (the rates' counts)."""
	return sql(
		f"""select agent, status, count(*) from `tabCallback Check`
		where activity_date between %s and %s and {scope.people("agent")} group by agent, status""",
		(f["from_date"], f["to_date"]),
	)


def officer_workload_sql(scope: Scope, f: dict) -> list:
	"""Per officer: the day's checks by status (the workload)."""
	return sql(
		"""select assigned_officer, status, count(*) from `tabCallback Check` where callback_date = %s
		group by assigned_officer, status""",
		(f["date"],),
	)


def conduct_incidents_sql(scope: Scope, f: dict) -> list:
	"""The incidents of the range with the agent's name (one row each)."""
	return sql(
		f"""select i.name, i.incident_type, i.status, i.agent, e.employee_name, i.office, i.incident_date
		from `tabConduct Incident` i left join tabEmployee e on e.name = i.agent
		where i.incident_date between %s and %s and {scope.people("i.agent")}""",
		(f["from_date"], f["to_date"]),
	)


# ---------------------------------------------------------------- what is measured
def periods(today: date) -> dict[str, tuple[date, date]]:
	"""day: yesterday; month: last month, whole; year: the twelve months up to yesterday."""
	yesterday = today - timedelta(days=1)
	last_month_end = today.replace(day=1) - timedelta(days=1)
	return {
		"day": (yesterday, yesterday),
		"week": (
			yesterday,
			yesterday,
		),  # the business week (经营周) of yesterday: the report takes a day of it
		"month": (last_month_end.replace(day=1), last_month_end),
		"year": (today.replace(year=today.year - 1), yesterday),
	}


def range_filters(extra: dict | None = None):
	return lambda start, end: {"from_date": start, "to_date": end, **(extra or {})}


def month_of(start, end):
	return {"month_of": start}


# (label, module of execute, periods it takes, filters from (start, end), baseline or None)
REPORTS = (
	("Daily Activity", "activity.report.daily_activity.daily_activity", ("day", "month", "year"),
		range_filters(), daily_activity_sql),
	("Meeting Compliance", "meetings.report.meeting_compliance.meeting_compliance", ("month",),
		lambda s, e: {"month": s.month, "year": s.year}, meeting_compliance_sql),
	("Target Progress", "production.report.target_progress.target_progress", ("day",),
		lambda s, e: {"on": e}, target_progress_sql),
	("Callback Verification Rates", "verification.report.callback_verification_rates.callback_verification_rates",
		("day", "month", "year"), range_filters(), callback_rates_sql),
	("Callback Officer Workload", "verification.report.callback_officer_workload.callback_officer_workload",
		("day",), lambda s, e: {"date": e}, officer_workload_sql),
	("Conduct Incidents", "verification.report.conduct_incidents.conduct_incidents", ("day", "month", "year"),
		range_filters(), conduct_incidents_sql),
	("Agent Monthly Evaluation", "analytics.report.agent_monthly_evaluation.agent_monthly_evaluation",
		("month",), month_of, None),
	("Unit Evaluation", "analytics.report.unit_evaluation.unit_evaluation", ("month",), month_of, None),
	("Weekly Process Mix", "analytics.report.weekly_process_mix.weekly_process_mix", ("week",),
		lambda s, e: {"week_of": e}, None),
	("Monthly Activity vs Results", "analytics.report.monthly_activity_vs_results.monthly_activity_vs_results",
		("month",), month_of, None),
	("Management Actions", "analytics.report.management_actions.management_actions", ("month",), month_of,
		None),
	# the inventory of the week ending today, as a manager reads it on Monday (a past day counts, besides, each
	# party moved since where it stood: on a site whose quadrants were all placed today, every party)
	("Customer Inventory", "customers.report.customer_inventory.customer_inventory", ("day",),
		lambda s, e: {"on": e + timedelta(days=1)}, None),
	("Campaign Results", "campaigns.report.campaign_results.campaign_results", ("month", "year"),
		range_filters({"group_by": "Campaign"}), None),
	("Activity Calendar", "campaigns.report.activity_calendar.activity_calendar", ("month", "year"),
		range_filters(), None),
	("Reward Settlement Summary", "rewards.report.reward_settlement_summary.reward_settlement_summary",
		("year",), lambda s, e: {"group_by": "Contest"}, None),
)  # fmt: skip


def team_board(start, end):
	from insurance_activity.api.team_board import get_board

	return lambda: get_board(date=str(end))


def run_report(execute, filters: dict) -> Callable:
	import frappe

	return lambda: execute(frappe._dict(filters))


def rows_of(result) -> int:
	if isinstance(result, tuple | list) and len(result) > 1 and isinstance(result[1], list):
		return len(result[1])
	if isinstance(result, dict):
		return len(result.get("reports") or []) + len(result.get("teams") or [])
	return len(result) if isinstance(result, list) else 0


def fmt(seconds: float | None) -> str:
	if seconds is None:
		return "—"
	return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def measure_reports(frappe, users: dict[str, str]) -> list[tuple]:
	from frappe.utils import getdate, today

	warm_up(frappe)
	spans = periods(getdate(today()))
	fiscal_year = frappe.db.get_value("Fiscal Year", {"year_start_date": ("<=", spans["day"][1]),
		"year_end_date": (">=", spans["day"][1])}, "name")  # fmt: skip
	header = f"{'report':<30} {'reader':<15} {'period':<6} {'rows':>6} {'report':>9} {'SQL':>9} {'ratio':>7} {'peak RSS':>9} {'growth':>8}"
	print("\n" + header + "\n" + "-" * len(header), flush=True)
	lines = []
	jobs = [
		(label, module, period, make, baseline)
		for label, module, taken, make, baseline in REPORTS
		for period in taken
	]
	jobs.append(("Team Board (page)", None, "day", None, None))
	for label, module, period, make, baseline in jobs:
		start, end = spans[period]
		for reader, user in users.items():
			frappe.set_user(user)
			frappe.local.lang = "en"
			if module is None:
				call = team_board(start, end)
				filters = {}
			else:
				execute = importlib.import_module(f"insurance_activity.{module}").execute
				filters = make(start, end)
				if label == "Target Progress":
					filters["fiscal_year"] = fiscal_year
				call = run_report(execute, filters)
			try:
				seconds, peak, growth, result = timed(call)
				rows, error = rows_of(result), None
			except Exception as e:  # a report that cannot run says why in the table
				frappe.db.rollback()
				seconds, peak, growth, rows, error = None, None, None, 0, f"{type(e).__name__}: {str(e)[:60]}"
			base = None
			if baseline and error is None:
				frappe.set_user("Administrator")  # the baseline applies the scope itself
				scope = Scope(frappe, user)
				base_filters = {**filters, "on": getdate(filters["on"])} if "on" in filters else filters
				base, _p, _g, _r = timed(lambda: baseline(scope, base_filters))
			ratio = f"{seconds / base:.1f}x" if base and seconds is not None else "—"
			line = (label, reader, period, rows, seconds, base, ratio, peak, growth, error)
			lines.append(line)
			if error:
				print(f"{label:<30} {reader:<15} {period:<6} {error}", flush=True)
			else:
				print(f"{label:<30} {reader:<15} {period:<6} {rows:>6} {fmt(seconds):>9} {fmt(base):>9} "
					f"{ratio:>7} {peak:>6.0f} MB {growth:>5.0f} MB", flush=True)  # fmt: skip
	frappe.set_user("Administrator")
	return lines


def measure_jobs(frappe, only: list[str] | None = None) -> list[tuple]:
	"""Each hourly job of hooks.py once (those whose path contains one of `only`, when given), for today, by
	its own work function; rolled back after."""
	from frappe.utils import getdate, today

	from insurance_activity import hooks

	day = getdate(today())
	frappe.flags.mute_emails = True
	steady_state = {  # a job whose first run on a site does everything: time a night's increment instead
		"recompute_customer_quadrants": lambda: placed_last_night(frappe, day),
	}
	print(f"\n{'hourly job (for ' + str(day) + ')':<62} {'time':>9} {'peak RSS':>9} {'growth':>8}")
	print("-" * 92)
	lines = []
	for path in hooks.scheduler_events["hourly"]:
		if only and not any(part in path for part in only):
			continue
		module_name, _, function = path.rpartition(".")
		module = importlib.import_module(module_name)
		captured = {}
		original = getattr(module, "run_daily", None)

		def run_for_day(job, hour, work, catch_up_days=None, captured=captured):
			captured["job"] = job
			on = captured.get("day", day)
			return {"days": {str(on): work(on)}}

		if original:
			module.run_daily = run_for_day
		frappe.set_user("Administrator")
		if function in steady_state:
			captured["day"] = steady_state[function]()
		try:
			seconds, peak, growth, result = timed_once(getattr(module, function))
			error = None
		except Exception as e:
			seconds, peak, growth, result = None, None, None, None
			error = f"{type(e).__name__}: {str(e)[:70]}"
		finally:
			if original:
				module.run_daily = original
			frappe.db.rollback()
		label = path.replace("insurance_activity.", "")
		forced = FORCED.get(function)
		if forced and error is None and "skipped" in str(result):
			# not its day today: its own work for the last month, as on its day
			last = day.replace(day=1) - timedelta(days=1)
			work = getattr(module, forced)
			try:
				seconds, peak, growth, result = timed_once(lambda work=work: work(last.year, last.month))
			except Exception as e:
				error = f"{type(e).__name__}: {str(e)[:70]}"
			finally:
				frappe.db.rollback()
			label += f" ({forced} {last:%Y-%m})"
		if error:
			print(f"{label:<62} {error}", flush=True)
		else:
			print(
				f"{label:<62} {fmt(seconds):>9} {peak:>6.0f} MB {growth:>5.0f} MB  {brief(result)}",
				flush=True,
			)
		lines.append((label, seconds, peak, error))
	return lines


def placed_last_night(frappe, day):
	"""The customer quadrants' next night: the stored quadrants were placed today (by the site's last run or
	Recompute All), so tomorrow's run places again the parties with activity since yesterday (the last run
	set to yesterday at midnight, rolled back after) and writes their new scores. Without stored quadrants
	every due party is created, as on the first night. Returns the day to run for."""
	frappe.db.set_single_value(
		"Insurance Activity Settings", "quadrant_last_run", f"{day - timedelta(days=1)} 00:00:00"
	)
	return day + timedelta(days=1)


# hourly jobs that act on one day of the month or week only: their work for a month, timed when today is not it
FORCED = {"publish_unit_evaluation": "publish_month", "raise_unit_alerts": "raise_alerts"}


def brief(result) -> str:
	"""A job's counts, short: the numbers of its (first) day's result, else its result cut to 60 characters."""
	day = (
		next(iter(result["days"].values()), None) if isinstance(result, dict) and "days" in result else result
	)
	if isinstance(day, dict):
		counts = [f"{k}={v}" for k, v in day.items() if isinstance(v, int) and not isinstance(v, bool)]
		if counts:
			return " ".join(counts)[:120]
	return str(result)[:60]


def timed_once(call: Callable) -> tuple[float, float, float, object]:
	"""As `timed`, one run only (a job writes)."""
	before = rss_mb("VmRSS")
	reset_peak()
	started = time.perf_counter()
	result = call()
	return time.perf_counter() - started, rss_mb("VmHWM"), rss_mb("VmHWM") - before, result


def data_size(frappe) -> str:
	counts = {
		table: frappe.db.sql(f"select count(*) from `tab{table}`")[0][0]
		for table in ("Employee", "Agent Log", "Agent Log Activity", "Callback Check", "Insurance Policy",
			"Meeting Session")
	}  # fmt: skip
	return ", ".join(f"{table}: {count:,}" for table, count in counts.items())
