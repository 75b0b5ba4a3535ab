"""Demo customers' quadrants (客户四象限): after the logs, policies and callbacks of the demo are loaded, every
customer and lead they name is placed from that history (a whole-branch recompute), so the demo agents have
customers in the quadrants their histories lead to, with the navigator's next actions."""

import frappe
from frappe.utils import getdate, today

from insurance_activity.customers import quadrants


def make_demo_quadrants() -> dict:
	"""Drop the quadrants of the leads and customers the reload removed, then place every customer."""
	stale = [
		row.name
		for party_type in quadrants.PARTY_TYPES
		for row in frappe.get_all(quadrants.QUADRANT, {"party_type": party_type}, ["name", "party"])
		if not frappe.db.exists(party_type, row.party)
	]
	for start in range(0, len(stale), 500):
		chunk = stale[start : start + 500]
		frappe.db.delete("Customer Quadrant Move", {"parent": ("in", chunk)})
		frappe.db.delete(quadrants.QUADRANT, {"name": ("in", chunk)})
	result = quadrants.recompute(getdate(today()), full=True)
	result.pop("parties")
	result["per_quadrant"] = dict(
		frappe.get_all(
			quadrants.QUADRANT, fields=["quadrant", "count(*) as n"], group_by="quadrant", as_list=True
		)
	)
	return result
