"""The valid activities (有效活动) the analytics reports add up: one query of the Agent Log rows in a date
range, narrowed to a unit and a team and to the logs the reader sees (the one permission rule); each report
adds its own grouping (per sales-cycle step, per business week...)."""

from pypika import Table
from pypika.enums import DatePart
from pypika.terms import Case

import frappe
from frappe.query_builder.functions import Coalesce, Extract, NullIf, Sum

from insurance_activity.meetings.schedule import calendar_config
from insurance_activity.org import departments_under
from insurance_activity.permissions import where_allowed

# the tables, as frappe.qb.DocType names them (built at import, before a site is connected)
LOG = Table("tabAgent Log")
ROW = Table("tabAgent Log Activity")
# a row's count: its activity_count, 1 when empty (as the log's subtotal counts it)
ACTIVITIES = Sum(Coalesce(NullIf(ROW.activity_count, 0), 1))
# each log's valid activities from its rows (store_valid_activities), of every log or of %(logs)s
STORE_VALID_ACTIVITIES = """
	update `tabAgent Log` log
	left join (
		select parent, sum(coalesce(nullif(activity_count, 0), 1)) as activities
		from `tabAgent Log Activity`
		where parenttype = 'Agent Log' and is_invalid = 0 and (%(every)s or parent in %(logs)s)
		group by parent
	) counted on counted.parent = log.name
	set log.valid_activities = ifnull(counted.activities, 0)
	where log.valid_activities <> ifnull(counted.activities, 0) and (%(every)s or log.name in %(logs)s)
"""


def activity_rows(filters: frappe._dict):
	"""Query builder over ROW joined to LOG: the valid rows (not marked invalid, 作废) of the logs dated
	filters.from_date..filters.to_date that are not cancelled, of filters.office with the units under it
	and of filters.supervisor's team when set, and only the logs the session user reads. The caller selects
	and groups (ACTIVITIES is a row's count). None when the user reads no log."""
	query = (
		frappe.qb.from_(ROW)
		.join(LOG)
		.on((ROW.parent == LOG.name) & (ROW.parenttype == "Agent Log"))
		.where(
			(LOG.docstatus < 2)
			& LOG.log_date.between(filters.from_date, filters.to_date)
			& (ROW.is_invalid == 0)
		)
	)
	return narrowed(query, filters)


def valid_logs(filters: frappe._dict):
	"""Query builder over LOG alone, narrowed as `activity_rows`, of the logs with valid activities: each
	log's stored total (its `valid_activities`, kept by every save and callback verdict) stands for its valid
	rows, so a month is added up over its logs, not its six times as many rows (issue 18). The caller selects
	and groups (Sum(LOG.valid_activities)). None when the user reads no log."""
	query = (
		frappe.qb.from_(LOG)
		.where(LOG.docstatus < 2)
		.where(LOG.log_date.between(filters.from_date, filters.to_date))
		.where(LOG.valid_activities > 0)
	)
	return narrowed(query, filters)


def narrowed(query, filters: frappe._dict):
	"""`query` (over LOG) narrowed to filters.office with the units under it, to filters.supervisor's team
	when set, and to the logs the session user reads (the one permission rule); None when they read none."""
	if filters.office:
		query = query.where(LOG.office.isin(departments_under(filters.office)))
	if filters.supervisor:
		query = query.where(LOG.supervisor == filters.supervisor)
	return where_allowed(query, "Agent Log", table=LOG)


def store_valid_activities(logs: list[str] | None = None) -> None:
	"""Write each log's `valid_activities` from its rows, in the database (one UPDATE over a GROUP BY: the
	rows' count as ACTIVITIES adds it), for the logs named (all when None): for rows written without a save
	(a demo's or the scale generator's bulk inserts) and for the logs stored before the total was kept
	(patches/v1/store_valid_activities.py)."""
	if logs is not None and not logs:
		return
	# nosemgrep: frappe-using-db-sql -- an UPDATE joined to a GROUP BY, which the query builder cannot write
	frappe.db.sql(STORE_VALID_ACTIVITIES, {"every": logs is None, "logs": tuple(logs or ("",))})


def business_week_of(date_column):
	"""SQL for the business week (经营周: 1-7, 8-14, 15-21, 22 to the end) of a date column, from the
	settings' week starts, so that rows are added up per week in the database."""
	day = Extract(DatePart.day, date_column)
	week = Case()
	for number, start in reversed(list(enumerate(calendar_config().week_starts, start=2))):
		week = week.when(day >= start, number)
	return week.else_(1)
