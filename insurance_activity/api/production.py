"""Production figures on demand: recompute a month's performance and re-evaluate tiers (admins)."""

import frappe
from frappe import _
from frappe.utils import cint

from insurance_activity.controllers.typed_input import FIRST_YEAR, LAST_YEAR
from insurance_activity.permissions.roles import ACTIVITY_ADMIN
from insurance_activity.production import performance, tiers


@frappe.whitelist(methods=["POST"])
def recompute(year: int, month: int, reevaluate_tiers: bool = False) -> dict:
	"""Recompute one month's Agent and Office Monthly Performance now (and its Tier Reviews if asked), all or
	nothing. Returns {"YYYY-MM": counts, "tiers": counts}. PermissionError for anyone but an Activity Admin or
	System Manager; a month outside 1-12 or a year outside FIRST_YEAR-LAST_YEAR is refused."""
	if not set(frappe.get_roles()) & {ACTIVITY_ADMIN, "System Manager"}:
		frappe.throw(_("Only an Activity Admin can recompute production figures."), frappe.PermissionError)
	year, month = cint(year), cint(month)
	if not 1 <= month <= 12:
		frappe.throw(_("The month must be between 1 and 12."))
	if not FIRST_YEAR <= year <= LAST_YEAR:
		frappe.throw(_("The year must be between {0} and {1}.").format(FIRST_YEAR, LAST_YEAR))
	result = performance.recompute_each_month([(year, month)])
	if cint(reevaluate_tiers):
		result["tiers"] = tiers.reevaluate_month(year, month)
	return result  # one unit: the request commits it, or rolls all of it back on an error
