"""Keys the database keeps for the app beyond what DocType fields can declare; added on install and
migrate, removed on uninstall.

One live Agent Log per agent and day: a log is live while draft or submitted (docstatus 0 or 1); a
cancelled log (2) stays as history beside its amendment, which has the same agent and day. The generated
column `live_log` is 1 for a live log and NULL for a cancelled one, and the unique key over
(live_log, agent, log_date) therefore binds live logs only (NULLs never collide). The database computes
the column on every write, whichever path writes (form, REST, demo loader, raw SQL).

One Callback Check per activity row: the unique key over `activity_row` stops the morning sample and a
supervisor's spot-check started at the same moment from checking one visit twice.

The facts of a log that the day, week and month analysis adds up per agent (Daily Activity, the monthly
evaluations, Target Progress) are also kept in one covering index, in the order those reports group them
(agent, kind of day, date): at branch scale a year of logs is added up from the index alone, without
reading the rows; so are the logs' activity rows and the callback checks evaluation counts (issue 18;
`dev/bench.py scale` measures it).
"""

import frappe
from frappe import _

from insurance_activity.rules.activity_standards import AGENT_ITEMS

LOG_TABLE = "tabAgent Log"
LIVE_LOG_COLUMN = "live_log"
LIVE_LOG_KEY = "one_live_log_per_agent_day"
CHECK_TABLE = "tabCallback Check"
ONE_CHECK_KEY = "one_check_per_activity_row"
LOG_FACTS_INDEX = "ia_log_facts_2"
# the index's earlier name, without the logs' valid activities (stop 36): dropped when the new one is added
OLD_LOG_FACTS_INDEX = "ia_log_facts"
LOG_FACTS_COLUMNS = (
	"agent",
	"is_working_day",
	"log_date",
	"docstatus",
	"standard_met",
	"valid_activities",
	*AGENT_ITEMS,
	*(f"{item}_target" for item in AGENT_ITEMS),
	"supervisor",
	"office",
	"coaching_type",
)
# the permission rule and the log's checks look people up by their user and their manager on every save and
# list (org.employee_of_user, direct_reports): ERPNext's Employee indexes neither
EMPLOYEE_USER_INDEX = "ia_employee_user"
EMPLOYEE_MANAGER_INDEX = "ia_employee_reports_to"
EMPLOYEE_INDEXES = {EMPLOYEE_USER_INDEX: ("user_id",), EMPLOYEE_MANAGER_INDEX: ("reports_to",)}
ROW_FACTS_INDEX = "ia_row_facts"
# a log's activity rows as the analytics add them up (analytics.activities): by log, valid or not, the count
# and the kind (its sales-cycle step)
ROW_FACTS_COLUMNS = ("parent", "parenttype", "is_invalid", "activity_count", "activity_kind")

CHECK_FACTS_INDEX = "ia_check_facts"
# the checks as evaluation counts them per agent (callback_check.closed_and_failed_counts: the month's closed and
# failed checks of Unit Evaluation and Agent Monthly Evaluation): by the visit's date, agent, outcome, appeal
CHECK_FACTS_COLUMNS = ("activity_date", "agent", "status", "overturned_on_appeal")
# the same facts led by the agent, for the same counts of a reader's few agents (an office, a team): with
# the date first MariaDB read each agent's whole year of checks from the agent's index (an office manager's
# month: 39.5 -> 9.6 ms on the scale site); the branch's month keeps the date-first index (89 ms; 170 ms
# with the agent's alone)
CHECK_AGENT_FACTS_INDEX = "ia_check_agent_facts"
CHECK_AGENT_FACTS_COLUMNS = ("agent", "activity_date", "status", "overturned_on_appeal")


def install_constraints() -> bool:
	"""Add the keys when missing; True when both are in place (each is tried, whatever the other does)."""
	log_key = install_live_log_key()
	check_key = install_one_check_key()
	install_log_facts_index()
	return log_key and check_key


def install_log_facts_index() -> None:
	"""Add the covering indexes of the logs' facts, of their activity rows' and of the callback checks' facts,
	and Employee's by user and by manager, when missing (Frappe's add_index: nothing when it exists)."""
	frappe.db.add_index("Agent Log", list(LOG_FACTS_COLUMNS), LOG_FACTS_INDEX)
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	frappe.db.sql_ddl(f"alter table `{LOG_TABLE}` drop index if exists `{OLD_LOG_FACTS_INDEX}`")
	frappe.db.add_index("Agent Log Activity", list(ROW_FACTS_COLUMNS), ROW_FACTS_INDEX)
	frappe.db.add_index("Callback Check", list(CHECK_FACTS_COLUMNS), CHECK_FACTS_INDEX)
	frappe.db.add_index("Callback Check", list(CHECK_AGENT_FACTS_COLUMNS), CHECK_AGENT_FACTS_INDEX)
	# not add_index: for one column outside install and migrate it also writes a Property Setter on ERPNext's
	# field, which uninstall would leave behind
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	frappe.db.sql_ddl(
		f"alter table `tabEmployee` add index if not exists `{EMPLOYEE_USER_INDEX}` (`user_id`)"
	)
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	frappe.db.sql_ddl(
		f"alter table `tabEmployee` add index if not exists `{EMPLOYEE_MANAGER_INDEX}` (`reports_to`)"
	)


def install_live_log_key() -> bool:
	"""Add the one-live-log key when missing; True when it is in place.

	Agent-days that already have two live logs (saved before this key existed) would make adding it fail:
	they are left as they are, listed in the Error Log and the migrate output for an admin to cancel the
	extras, and the key is added by the next migrate once they are gone.
	"""
	if has_key():
		return True
	duplicates = live_log_duplicates()
	if duplicates:
		report_duplicates(duplicates)
		return False
	if not has_column():
		# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
		frappe.db.sql_ddl(
			f"alter table `{LOG_TABLE}` add column `{LIVE_LOG_COLUMN}` tinyint "
			f"as (if(`docstatus` < 2, 1, null)) persistent"
		)
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	frappe.db.sql_ddl(
		f"alter table `{LOG_TABLE}` add unique key `{LIVE_LOG_KEY}` (`{LIVE_LOG_COLUMN}`, `agent`, `log_date`)"
	)
	return True


def install_one_check_key() -> bool:
	"""Add the one-check-per-row key when missing; True when it is in place. Rows already checked twice
	(before this key) are listed for an admin, as doubled log days are, and the key waits for them."""
	if has_check_key():
		return True
	duplicates = check_duplicates()
	if duplicates:
		rows = "; ".join(f"{row}: {checks}" for row, checks in duplicates)
		message = _(
			"One Callback Check per activity row is not enforced yet: these activity rows have more than one "
			"check. Delete the extra checks, then run migrate again. {0}"
		).format(rows)
		print(message)
		frappe.log_error(title=_("Callback Checks to Delete"), message=message)
		return False
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	frappe.db.sql_ddl(f"alter table `{CHECK_TABLE}` add unique key `{ONE_CHECK_KEY}` (`activity_row`)")
	return True


def has_check_key() -> bool:
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	return bool(frappe.db.sql(f"show index from `{CHECK_TABLE}` where Key_name = %s", ONE_CHECK_KEY))


def check_duplicates() -> list[tuple[str, str]]:
	"""(activity row, "check, check, ...") of every activity row with more than one Callback Check."""
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	return frappe.db.sql(
		f"""select activity_row, group_concat(name order by creation separator ', ')
		from `{CHECK_TABLE}` where activity_row is not null
		group by activity_row having count(*) > 1 order by activity_row"""
	)


def remove_constraints():
	"""Drop the keys and the column (uninstall drops the tables too; this leaves nothing if it does not)."""
	if frappe.db.table_exists("Callback Check", cached=False) and has_check_key():
		# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
		frappe.db.sql_ddl(f"alter table `{CHECK_TABLE}` drop key `{ONE_CHECK_KEY}`")
	# on ERPNext's table, which stays
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	frappe.db.sql_ddl(f"alter table `tabEmployee` drop index if exists `{EMPLOYEE_USER_INDEX}`")
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	frappe.db.sql_ddl(f"alter table `tabEmployee` drop index if exists `{EMPLOYEE_MANAGER_INDEX}`")
	if not frappe.db.table_exists("Agent Log", cached=False):
		return
	if has_key():
		# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
		frappe.db.sql_ddl(f"alter table `{LOG_TABLE}` drop key `{LIVE_LOG_KEY}`")
	if has_column():
		# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
		frappe.db.sql_ddl(f"alter table `{LOG_TABLE}` drop column `{LIVE_LOG_COLUMN}`")


def has_key() -> bool:
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	return bool(frappe.db.sql(f"show index from `{LOG_TABLE}` where Key_name = %s", LIVE_LOG_KEY))


def has_column() -> bool:
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	return bool(frappe.db.sql(f"show columns from `{LOG_TABLE}` like %s", LIVE_LOG_COLUMN))


def live_log_duplicates() -> list[tuple[str, str, str]]:
	"""(agent, log_date, "log, log, ...") of every agent-day with more than one live log."""
	# nosemgrep: frappe-using-db-sql -- DDL, SHOW and GROUP_CONCAT for the unique keys and the doubled rows (no query-builder form)
	return frappe.db.sql(
		f"""select agent, log_date, group_concat(name order by creation separator ', ')
		from `{LOG_TABLE}` where docstatus < 2
		group by agent, log_date having count(*) > 1
		order by log_date, agent"""
	)


def report_duplicates(duplicates: list[tuple]):
	days = "; ".join(f"{agent} {log_date}: {logs}" for agent, log_date, logs in duplicates)
	message = _(
		"One live Agent Log per agent and day is not enforced yet: these agent-days have more than one "
		"live log. Cancel or delete the extra logs, then run migrate again. {0}"
	).format(days)
	print(message)
	frappe.log_error(title=_("Agent Logs to Cancel"), message=message)
