"""A naming series number taken outside the saving transaction, so that saves do not queue on the counter.

Frappe's naming series (`frappe.model.naming.getseries`) reads its counter row in `tabSeries` with a lock
and adds one inside the transaction that saves the document: the lock is held until that transaction
commits, after validation, the insert and every hook. Two agents saving their logs at the same moment
therefore save one after the other, and under a branch's morning load the log saves queue on one row
(issue 18: about a fifth of a log save's time was the wait there).

Here the number is taken on a connection of its own, in one statement that commits at once (the row is
locked for that statement only). The counter is the same `tabSeries` row: the Naming Series tool, the
counters made ahead for a new year (`configuration/calendar.py`) and Frappe's own `revert_series_if_last`
on a delete keep working. What changes: a save that fails after naming leaves a gap in the numbers, as a
database sequence does (Frappe's `autoincrement` naming has the same gaps). Our own code because Frappe
v15 offers no counter outside the transaction but `autoincrement`, which would change the names' type.
"""

import frappe
from frappe import _
from frappe.model.naming import NamingSeries, get_default_naming_series, getseries, parse_naming_series

# MariaDB error numbers: a lock wait timed out, a deadlock
LOCK_WAIT_TIMEOUT, DEADLOCK = 1205, 1213
# seconds the own connection waits for the counter's row before the number is taken the usual way: the
# row is held that long only by a transaction that changed the counter itself (a delete's
# revert_series_if_last, the Naming Series tool), possibly the caller's own, which would wait forever
WAIT_SECONDS = 1
NEXT_NUMBER = """
	insert into `tabSeries` (`name`, `current`) values (%s, last_insert_id(1))
	on duplicate key update `current` = last_insert_id(ifnull(`current`, 0) + 1)
"""


def set_name_by_naming_series(doc) -> None:
	"""Name `doc` by its naming series as Frappe does (`set_name_by_naming_series`: the document's
	`naming_series`, else the doctype's first option, with five digits), the number taken by
	`committed_series_number`. Raises Frappe's "Naming Series mandatory" or InvalidNamingSeriesError."""
	if not doc.naming_series:
		doc.naming_series = get_default_naming_series(doc.doctype)
	if not doc.naming_series:
		frappe.throw(_("Naming Series mandatory"))
	series = NamingSeries(doc.naming_series + ".#####")
	series.validate()
	doc.name = parse_naming_series(
		series.series.split("."), doc=doc, number_generator=committed_series_number
	)


def committed_series_number(key: str, digits: int) -> str:
	"""The next number of the counter `key` (a `tabSeries` row, made at 1 when missing), zero-padded to
	`digits`, committed at once on a connection of its own (MariaDB's `last_insert_id(expr)` hands the
	new value back to the statement's own session). When the row stays locked for WAIT_SECONDS, or the
	database is not MariaDB, the number is Frappe's `getseries` inside the caller's transaction."""
	if frappe.conf.db_type not in (None, "mariadb"):
		return getseries(key, digits)
	import pymysql

	connection = pymysql.connect(**frappe.db.get_connection_settings(), autocommit=True)
	try:
		with connection.cursor() as cursor:
			cursor.execute("set session innodb_lock_wait_timeout = %s", (WAIT_SECONDS,))
			for attempt in (1, 2):
				try:
					cursor.execute(NEXT_NUMBER, (key,))
					break
				except pymysql.err.OperationalError as error:
					if error.args[0] == DEADLOCK and attempt == 1:
						continue  # two first numbers of a new counter at once: the loser asks again
					if error.args[0] in (LOCK_WAIT_TIMEOUT, DEADLOCK):
						return getseries(key, digits)
					raise
			cursor.execute("select last_insert_id()")
			current = cursor.fetchone()[0]
	finally:
		connection.close()
	return ("%0" + str(digits) + "d") % current
