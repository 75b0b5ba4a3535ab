"""Production targets: the split proposal, the split one level down, and the gap to date."""

import frappe

from insurance_activity.production import targets

TARGET = "Production Target"


@frappe.whitelist()
def get_split_proposal(target: str) -> dict:
	"""Who the target splits across by default (each with weight 1) and at which level."""
	doc = frappe.get_doc(TARGET, target)
	doc.check_permission("read")
	return {"level": targets.child_level(doc), "rows": targets.split_proposal(doc)}


@frappe.whitelist(methods=["POST"])
def split_target(target: str, weights: dict | str) -> list[str]:
	"""Split the target across the given children ({unit or employee: weight}); each child target is
	created or updated with the caller's own permissions (only someone above its holder may set it)."""
	doc = frappe.get_doc(TARGET, target)
	doc.check_permission("read")
	return targets.split(doc, frappe.parse_json(weights) if isinstance(weights, str) else weights)


@frappe.whitelist()
def get_progress(target: str) -> list[dict]:
	doc = frappe.get_doc(TARGET, target)
	doc.check_permission("read")
	return targets.progress(doc)
