"""The KPI snapshot of a meeting, taken when it opens, for the theme of the week it reviews.

- week 1, supervisor leading (主管领跑周): which supervisors are at U, and each one's pipeline;
- week 2, supervisor coaching (主管辅导周): the office's CT, and the coaching the supervisors did;
- week 3, recruiting review (招募检视周): recruits sent to training, new agents' FYC and team FYC;
- monthly planning (月规划会): regular premium, U headcount, CT and the activity totals.

Activity figures come from Agent Log. Production figures (premium, U, CT, FYC, recruits) come from the
monthly production records (Agent Monthly Performance, Office Monthly Performance) when the site has
them; a metric whose source is not there yet, or not computed for the month, is listed as "not available
yet" with the reason, never left out or shown as zero.
The period is the month of the meeting up to the day before it.
"""

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, formatdate, getdate, now_datetime

from insurance_activity.activity.standards import ITEM_LABELS
from insurance_activity.meetings.schedule import PLANNING_RULE, THEMES
from insurance_activity.rules.activity_standards import AGENT_ITEMS

AGENT_LOG = "Agent Log"
AGENT_PERFORMANCE = "Agent Monthly Performance"
OFFICE_PERFORMANCE = "Office Monthly Performance"
CLOSING_STEP = "Closing"
COACHING_ITEMS = ("tracking_calls_done", "coaching_sessions", "spot_checks")
COACHING_LABELS = {
	"tracking_calls_done": "Tracking Calls",
	"coaching_sessions": "Coaching Sessions",
	"spot_checks": "Spot-checks",
}
MONTHLY = "monthly"


def take_snapshot(doc) -> None:
	"""Fill the session's KPI rows for its theme; replaces an earlier snapshot."""
	context = SnapshotContext(doc)
	key = MONTHLY if context.is_planning else doc.theme
	rows = []
	for build in BUILDERS.get(key, ()):
		rows.extend(build(context))
	doc.set("kpi_snapshot", rows)
	doc.kpi_snapshot_taken_on = now_datetime()


class SnapshotContext:
	def __init__(self, doc):
		self.doc = doc
		self.office = doc.office
		self.office_label = frappe.get_cached_value("Department", doc.office, "department_name") or doc.office
		meeting_day = getdate(doc.scheduled_date)
		self.first = meeting_day.replace(day=1)
		self.last = max(self.first, meeting_day - timedelta(days=1))
		self.is_planning = (
			frappe.get_cached_value("Meeting Type", doc.meeting_type, "schedule_rule") == PLANNING_RULE
		)
		self.supervisors = [(row.employee, row.employee_name or row.employee) for row in doc.attendees]
		self._agent_months = None
		self._office_month = None


def kpi(metric: str, subject: str, value, detail: str = "", source: str = AGENT_LOG) -> dict:
	return {
		"metric": metric,
		"subject": subject,
		"value": value,
		"detail": detail,
		"available": 1,
		"source": source,
	}


# ---------------------------------------------------------------- Agent Log figures
def log_totals(office: str, first: date, last: date, fields, by_agent: bool = False):
	"""Sums of Agent Log fields over the office's logs in the period (cancelled logs never count)."""
	log = frappe.qb.DocType(AGENT_LOG)
	query = (
		frappe.qb.from_(log)
		.select(*[Sum(log[field]).as_(field) for field in fields])
		.where((log.office == office) & (log.docstatus < 2) & log.log_date.between(first, last))
	)
	if by_agent:
		query = query.select(log.agent).groupby(log.agent)
		return {row.agent: row for row in query.run(as_dict=True)}
	return query.run(as_dict=True)[0]


def closes_by_agent(office: str, first: date, last: date) -> dict[str, int]:
	"""Closes (签单) logged per agent: activities whose kind is a closing step of the sales cycle."""
	log, row, kind = (
		frappe.qb.DocType(AGENT_LOG),
		frappe.qb.DocType("Agent Log Activity"),
		frappe.qb.DocType("Activity Kind"),
	)
	query = (
		frappe.qb.from_(row)
		.join(log)
		.on(row.parent == log.name)
		.join(kind)
		.on(row.activity_kind == kind.name)
		.select(log.agent, Sum(row.activity_count).as_("closes"))
		.where(
			(log.office == office)
			& (log.docstatus < 2)
			& log.log_date.between(first, last)
			& (kind.sales_cycle_step == CLOSING_STEP)
			& (row.is_invalid == 0)
		)
		.groupby(log.agent)
	)
	return {r.agent: int(r.closes or 0) for r in query.run(as_dict=True)}


# ---------------------------------------------------------------- production figures
def production_rows(context: "SnapshotContext", doctype: str, fields: list[str]) -> list[dict] | str:
	"""The office's rows of a monthly production record for the meeting's month, or why there are none.

	Read by name at snapshot time, so this area never imports the production area: when the site has no
	such doctype yet, or the month is not computed yet, the reason is returned instead of rows.
	"""
	if not frappe.db.exists("DocType", doctype):
		return _("Not available yet: no {0} on this site").format(_(doctype))
	rows = frappe.get_all(
		doctype,
		filters={"office": context.office, "year": context.first.year, "month": context.first.month},
		fields=fields,
	)
	if not rows:
		return _("Not available yet: {0} not computed for {1}").format(
			_(doctype), formatdate(context.first, "MMMM yyyy")
		)
	return rows


def agent_months(context: "SnapshotContext") -> list[dict] | str:
	if context._agent_months is None:
		context._agent_months = production_rows(
			context,
			AGENT_PERFORMANCE,
			["agent", "supervisor", "fyc", "reached_u", "is_new_agent", "recruits"],
		)
	return context._agent_months


def office_month(context: "SnapshotContext") -> dict | str:
	if context._office_month is None:
		rows = production_rows(
			context,
			OFFICE_PERFORMANCE,
			[
				"regular_premium",
				"headcount",
				"u_headcount",
				"ct_value",
				"ct_target",
				"ct_basis",
				"ct_reached",
			],
		)
		context._office_month = rows if isinstance(rows, str) else rows[0]
	return context._office_month


def not_available(metric: str, subject: str, source: str, reason: str) -> dict:
	return {
		"metric": metric,
		"subject": subject,
		"value": None,
		"detail": reason,
		"available": 0,
		"source": source,
	}


def u_status(context: "SnapshotContext") -> list[dict]:
	"""Week 1: which supervisors are at U this month (the 8th reviews those not yet at U)."""
	metric = _("At U This Month")
	rows = agent_months(context)
	if isinstance(rows, str):
		return [not_available(metric, context.office_label, AGENT_PERFORMANCE, rows)]
	by_agent = {row.agent: row for row in rows}
	result = []
	for employee, name in context.supervisors:
		month = by_agent.get(employee) or {}
		reached = bool(month.get("reached_u"))
		detail = _("At U") if reached else _("Not yet at U")
		detail += " · " + _("FYC {0}").format(
			frappe.format_value(month.get("fyc") or 0, {"fieldtype": "Currency"})
		)
		result.append(kpi(metric, name, int(reached), detail, AGENT_PERFORMANCE))
	return result


def supervisor_pipeline(context: "SnapshotContext") -> list[dict]:
	"""Week 1: each supervisor's own plan/visit/close/referral pipeline (PVKYC) this month, from their logs."""
	items = ("phone_appointments", "sales_interviews", "referrals")
	totals = log_totals(context.office, context.first, context.last, items, by_agent=True)
	closes = closes_by_agent(context.office, context.first, context.last)
	rows = []
	for employee, name in context.supervisors:
		logged = totals.get(employee, {})
		for item in items:
			rows.append(
				kpi(_("Pipeline: {0}").format(_(ITEM_LABELS[item])), name, int(logged.get(item) or 0))
			)
		rows.append(kpi(_("Pipeline: {0}").format(_("Closes")), name, closes.get(employee, 0)))
	rows.append(
		not_available(
			_("Pipeline: {0}").format(_("Own Market")),
			context.office_label,
			AGENT_LOG,
			_("Not available yet: Agent Log does not record the own market (缘故市场)"),
		)
	)
	return rows


def office_ct_row(context: "SnapshotContext") -> list[dict]:
	"""Week 2 and the month: the office's attainment (CT) as production computed it."""
	metric = _("Office Attainment (CT)")
	month = office_month(context)
	if isinstance(month, str):
		return [not_available(metric, context.office_label, OFFICE_PERFORMANCE, month)]
	detail = (
		(_("Reached") if month.ct_reached else _("Below CT"))
		+ " · "
		+ _("{0} against {1} ({2})").format(
			flt(month.ct_value, 2), flt(month.ct_target, 2), _(month.ct_basis or "")
		)
	)
	return [kpi(metric, context.office_label, month.ct_value, detail, OFFICE_PERFORMANCE)]


def coaching_activity(context: "SnapshotContext") -> list[dict]:
	"""Week 2: the coaching the office's supervisors logged (111: tracking calls, coaching, spot-checks)."""
	totals = log_totals(context.office, context.first, context.last, COACHING_ITEMS)
	return [
		kpi(_(COACHING_LABELS[item]), context.office_label, int(totals.get(item) or 0))
		for item in COACHING_ITEMS
	]


def recruiting(context: "SnapshotContext") -> list[dict]:
	"""Week 3: recruits sent to training, new agents' FYC, each supervisor's team FYC, recruiting visits."""
	rows = agent_months(context)
	totals = log_totals(context.office, context.first, context.last, ("recruiting_visits",))
	visits = kpi(
		_(ITEM_LABELS["recruiting_visits"]), context.office_label, int(totals.recruiting_visits or 0)
	)
	metrics = (_("Recruits Sent to Training"), _("New Agents' FYC"), _("Team FYC"))
	if isinstance(rows, str):
		return [*(not_available(m, context.office_label, AGENT_PERFORMANCE, rows) for m in metrics), visits]
	result = [
		kpi(metrics[0], context.office_label, sum(r.recruits or 0 for r in rows), source=AGENT_PERFORMANCE),
		kpi(
			metrics[1],
			context.office_label,
			sum(flt(r.fyc) for r in rows if r.is_new_agent),
			_("{0} new agents").format(sum(1 for r in rows if r.is_new_agent)),
			AGENT_PERFORMANCE,
		),
	]
	for employee, name in context.supervisors:
		team = [r for r in rows if r.supervisor == employee or r.agent == employee]
		result.append(kpi(metrics[2], name, sum(flt(r.fyc) for r in team), source=AGENT_PERFORMANCE))
	return [*result, visits]


def regular_premium(context: "SnapshotContext") -> list[dict]:
	metric = _("Regular Premium")
	month = office_month(context)
	if isinstance(month, str):
		return [not_available(metric, context.office_label, OFFICE_PERFORMANCE, month)]
	return [kpi(metric, context.office_label, month.regular_premium, source=OFFICE_PERFORMANCE)]


def u_headcount(context: "SnapshotContext") -> list[dict]:
	metric = _("U Headcount")
	month = office_month(context)
	if isinstance(month, str):
		return [not_available(metric, context.office_label, OFFICE_PERFORMANCE, month)]
	detail = _("{0} of {1} agents").format(month.u_headcount, month.headcount)
	return [kpi(metric, context.office_label, month.u_headcount, detail, OFFICE_PERFORMANCE)]


def activity_totals(context: SnapshotContext) -> list[dict]:
	totals = log_totals(context.office, context.first, context.last, AGENT_ITEMS)
	log = frappe.qb.DocType(AGENT_LOG)
	agents = (
		frappe.qb.from_(log)
		.select(Count(log.agent).distinct())
		.where(
			(log.office == context.office)
			& (log.docstatus < 2)
			& log.log_date.between(context.first, context.last)
		)
		.run()[0][0]
	)
	detail = _("{0} agents logged").format(agents or 0)
	return [
		kpi(_(ITEM_LABELS[item]), context.office_label, int(totals.get(item) or 0), detail)
		for item in AGENT_ITEMS
	]


def customer_inventory(context: "SnapshotContext") -> list[dict]:
	"""Every weekly review: the weekly customer inventory (客户盘点) of each team of the office, as the
	Customer Inventory report counts it: plain customers (普客), customers being warmed up (升温客户), the
	customers first placed and the quadrant moves of the week before the meeting and the navigator's overdue actions."""
	if not frappe.db.exists("DocType", "Customer Quadrant"):
		return []
	from insurance_activity.customers.report.customer_inventory import customer_inventory as report

	names = dict(context.supervisors)
	result = []
	for unit in report.get_data("Team", context.last, office=context.office):
		subject = names.get(unit["unit"]) or frappe.get_cached_value(
			"Employee", unit["unit"], "employee_name"
		)
		for metric, key in (
			(_("Plain Customers (普客)"), "standard_service"),
			(_("Warming Customers (升温客户)"), "warm_up"),
			(_("New Customers This Week"), "new_this_week"),
			(_("Quadrant Moves This Week"), "moves_this_week"),
			(_("Overdue Customer Actions"), "overdue_actions"),
		):
			result.append(kpi(metric, subject or unit["unit"], unit[key], source="Customer Quadrant"))
	return result


BUILDERS = {
	THEMES[0]: (u_status, supervisor_pipeline, customer_inventory),
	THEMES[1]: (office_ct_row, coaching_activity, customer_inventory),
	THEMES[2]: (recruiting, customer_inventory),
	THEMES[3]: (regular_premium, u_headcount, office_ct_row, activity_totals, customer_inventory),
	MONTHLY: (regular_premium, u_headcount, office_ct_row, activity_totals),
}
