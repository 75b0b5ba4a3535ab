"""When the database refuses a duplicate: the outcome of a sequential duplicate, not Frappe's generic message.

A check before insert cannot see what another transaction is saving at the same moment; a unique key
can. When it refuses a write, Frappe queues "<field> must be unique" for the user and raises
UniqueValidationError. These helpers recognise the key that refused the write, withdraw Frappe's
message, and let the caller do what it does for a duplicate it found by itself.

The loser's transaction began before the winner committed, so its plain reads still miss the winner's
record: read it with a lock (`for_update`), which sees the latest committed rows.
"""

from collections.abc import Callable
from contextlib import contextmanager
from types import SimpleNamespace

import frappe


def violates(error: Exception, key: str) -> bool:
	"""Whether `error` (Frappe's UniqueValidationError) is a duplicate entry for the unique key `key`."""
	cause = error.args[2] if len(error.args) > 2 else error.__cause__
	return f"for key '{key}'" in str(cause or "")


@contextmanager
def explained(key: str, explain: Callable[[], None]):
	"""Run a write; when the unique key `key` refuses it, `explain()` throws the message of a sequential
	duplicate instead of Frappe's "must be unique" (the original error is re-raised if it does not)."""
	queued = len(frappe.local.message_log)
	try:
		yield
	except frappe.UniqueValidationError as e:
		if not violates(e, key):
			raise
		del frappe.local.message_log[queued:]
		explain()
		raise


@contextmanager
def undone_if_refused(key: str, savepoint: str):
	"""Run a write that may lose a race on the unique key `key`; yields an outcome whose `refused` says
	whether it lost. A lost write is undone to `savepoint` (with whatever it wrote before, such as a
	Lead's auto-created Contact) and leaves no message; other errors pass through."""
	outcome = SimpleNamespace(refused=False)
	queued = len(frappe.local.message_log)
	frappe.db.savepoint(savepoint)
	try:
		yield outcome
	except frappe.UniqueValidationError as e:
		if not violates(e, key):
			raise
		frappe.db.rollback(save_point=savepoint)
		del frappe.local.message_log[queued:]
		outcome.refused = True
	else:
		frappe.db.release_savepoint(savepoint)
