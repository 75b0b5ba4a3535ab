"""Policies from the core system over REST: a bulk load of a file (or of rows sent as JSON).

Single policies go through the standard resource API (/api/resource/Insurance Policy) and Data Import.
"""

import csv
import io
import json

import frappe
from frappe import _
from frappe.utils import now_datetime

from insurance_activity.production.policy_service import TEMPLATE_FIELDS


@frappe.whitelist(methods=["POST"])
def load_policies(file_url: str | None = None, rows: list | str | None = None) -> dict:
	"""Start a bulk Policy Load of an uploaded file (its file_url), or of `rows` (a list of objects keyed
	by the template's fieldnames); returns the load's name and status. Progress is published on it."""
	frappe.has_permission("Policy Load", "create", throw=True)
	if rows:
		file_url = save_rows_as_file(parse_rows(rows) if isinstance(rows, str) else rows)
	if not file_url:
		frappe.throw(_("Send a file_url or rows to load."))
	load = frappe.get_doc({"doctype": "Policy Load", "import_file": file_url}).insert()
	load.reload()
	return {"load": load.name, "status": load.status}


def parse_rows(text: str):
	"""`rows` sent as JSON text; text that is no JSON is refused with a message (ValidationError)."""
	try:
		return json.loads(text)
	except ValueError:
		frappe.throw(_("rows must be JSON: a list of objects keyed by the template's field names."))


def save_rows_as_file(rows: list[dict]) -> str:
	if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
		frappe.throw(_("rows must be a list of objects keyed by the template's field names."))
	buffer = io.StringIO()
	writer = csv.writer(buffer)
	writer.writerow(TEMPLATE_FIELDS)
	for row in rows:
		writer.writerow([row.get(field, "") for field in TEMPLATE_FIELDS])
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"policies-{now_datetime():%Y%m%d-%H%M%S}.csv",
			"content": buffer.getvalue(),
			"is_private": 1,
		}
	)
	file.insert()
	return file.file_url
