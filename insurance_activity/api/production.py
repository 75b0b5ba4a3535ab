"""Production figures on demand: recompute a month's performance and re-evaluate tiers (admins)."""

import frappe
from frappe import _
from frappe.utils import cint

from insurance_activity.permissions.roles import ACTIVITY_ADMIN
from insurance_activity.production import performance, tiers


@frappe.whitelist(methods=["POST"])
def recompute(year: int, month: int, reevaluate_tiers: bool = False) -> dict:
	"""Recompute one month's Agent and Office Monthly Performance now (and its Tier Reviews if asked)."""
	if not set(frappe.get_roles()) & {ACTIVITY_ADMIN, "System Manager"}:
		frappe.throw(_("Only an Activity Admin can recompute production figures."), frappe.PermissionError)
	year, month = cint(year), cint(month)
	if not 1 <= month <= 12:
		frappe.throw(_("The month must be between 1 and 12."))
	result = performance.recompute_months([(year, month)])
	if cint(reevaluate_tiers):
		result["tiers"] = tiers.reevaluate_month(year, month)
		# nosemgrep: frappe-manual-commit -- the tiers are kept with the recomputed months
		frappe.db.commit()
	return result
