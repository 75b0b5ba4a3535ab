"""controllers/bulk.py against Frappe's own document path: what the bulk insert, update and load write and
read equals what insert, save and get_doc write and read, child rows included."""

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity.controllers import bulk

RUN = "Callback Sampling Run"  # a parent with a child table (exclusions) and a named format
DIFFER = {"name", "creation", "modified", "activity_date", "callback_date", "parent"}


def new_run(day: str, reasons=("No Phone", "Beyond Officer Capacity")):
	doc = frappe.new_doc(RUN, activity_date=day, callback_date=day, status="Completed", checks_created=7)
	for reason in reasons:
		doc.append("exclusions", {"reason": reason, "party_name": f"Bulk {reason}"})
	return doc


def stored(name: str) -> dict:
	"""The document as Frappe loads it, without what differs between two documents by nature."""
	doc = frappe.get_doc(RUN, name).as_dict()
	doc["exclusions"] = [{k: v for k, v in row.items() if k not in DIFFER} for row in doc["exclusions"]]
	return {k: v for k, v in doc.items() if k not in DIFFER}


class TestBulkDocuments(FrappeTestCase):
	def test_insert_update_and_load_equal_frappes_own(self):
		one = new_run("1990-01-01")
		one.insert(ignore_permissions=True)
		(bulk_name,) = bulk.insert_documents([new_run("1990-01-02")])

		self.assertEqual(bulk_name, "CSR-1990-01-02", "named by the doctype's rule")
		self.assertEqual(stored(bulk_name), stored(one.name))
		self.assertEqual(
			[r.name for r in frappe.get_doc(RUN, bulk_name).exclusions if not r.name], [], "rows named"
		)

		loaded = bulk.load_documents(RUN, [one.name, bulk_name])
		self.assertEqual(loaded[one.name].as_dict(), frappe.get_doc(RUN, one.name).as_dict())

		for doc in (one, loaded[bulk_name]):
			doc.checks_created = 9
			doc.append("exclusions", {"reason": "No Phone", "party_name": "Bulk later"})
		one.save(ignore_permissions=True)
		bulk.update_documents([loaded[bulk_name]])
		self.assertEqual(stored(bulk_name), stored(one.name))
		self.assertEqual(len(frappe.get_doc(RUN, bulk_name).exclusions), 3)

	def test_a_duplicate_is_skipped_only_when_asked(self):
		frappe.new_doc("ToDo", description="bulk duplicate", name="ia-bulk-dup").db_insert()
		again = frappe.new_doc("ToDo", description="bulk duplicate")
		again.name = "ia-bulk-dup"
		bulk.insert_documents([again], ignore_duplicates=True)
		self.assertEqual(bulk.existing("ToDo", ["ia-bulk-dup", "ia-bulk-none"]), {"ia-bulk-dup"})
		with self.assertRaises(Exception) as refused:
			bulk.insert_documents([again])
		self.assertTrue(frappe.db.is_duplicate_entry(refused.exception), refused.exception)
		with self.assertRaises(ValueError):
			bulk.insert_documents([new_run("1990-01-03")], ignore_duplicates=True)
