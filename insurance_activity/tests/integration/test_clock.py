"""The clock and the calendar: whatever the hour or the date, the app's records and rules hold.

Walks the app's own metadata, so a doctype added later is covered without editing this file.
"""

import frappe
from frappe.model.base_document import get_controller
from frappe.tests.utils import FrappeTestCase

from insurance_activity.controllers.times import KeepsBlankTimes

APP = "insurance_activity"


def app_doctypes() -> list[dict]:
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all(
		"DocType", filters={"module": ("in", modules)}, fields=["name", "istable"], order_by="name"
	)


def has_time_field(doctype: str) -> bool:
	return bool(frappe.get_meta(doctype).get("fields", {"fieldtype": "Time"}))


class TestTimeFields(FrappeTestCase):
	def test_every_document_with_a_time_field_keeps_a_blank_time_blank(self):
		"""Every parent doctype with a Time field, its own or a child table's, mixes in KeepsBlankTimes."""
		checked = []
		for doctype in app_doctypes():
			if doctype.istable:
				continue
			meta = frappe.get_meta(doctype.name)
			tables = [df.options for df in meta.get_table_fields()]
			if has_time_field(doctype.name) or any(has_time_field(t) for t in tables):
				checked.append(doctype.name)
				self.assertTrue(
					issubclass(get_controller(doctype.name), KeepsBlankTimes),
					f"{doctype.name} has a Time field but its controller does not keep blank times blank",
				)
		self.assertIn("Meeting Session", checked)
		self.assertIn("Agent Log", checked)

	def test_a_child_row_without_a_time_stays_without_one_at_night(self):
		from insurance_activity.tests.factories import make_log, make_org

		org = make_org("Clk")
		with self.freeze_time("2026-11-30 23:50:00"):
			log = make_log(org.agent_a1, "2026-11-30", [("Phone Appointment", 2)], ignore_edit_window=True)
		self.assertIsNone(frappe.db.get_value("Agent Log Activity", {"parent": log.name}, "activity_time"))
