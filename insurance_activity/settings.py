"""Insurance Activity Settings (活动管理设置): the one way the app reads its business numbers.

Every business number (standards, hours, thresholds, shares, windows) is a field of the single doctype
Insurance Activity Settings, with domain.md's value as its default (setup/defaults.py). Code reads it
only through `get_settings()`: Frappe's cached document, cleared by Frappe itself when the settings are
saved, when `frappe.db.set_single_value` changes a field and when a transaction that did either rolls back
(so tests may change a value and roll back without leaving a stale copy behind).

To change settings, load a fresh copy with `frappe.get_single(SETTINGS)`, change it and save it: the
cached document is shared by the whole request and must not be changed in place.
"""

import frappe

SETTINGS = "Insurance Activity Settings"


def get_settings():
	"""The settings document (InsuranceActivitySettings), cached; read-only by convention (see above)."""
	return frappe.get_cached_doc(SETTINGS)
