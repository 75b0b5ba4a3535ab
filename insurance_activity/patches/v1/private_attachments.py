"""The attachments of the records under the one rule are private files (permissions.files.check_private_attachment,
issue 20): the public ones stored before are made private, Frappe moving each disk file and the record's Attach
field with it (File.handle_is_private_changed). A link cannot be private, and a disk file other File rows share
would be moved under them: both are left as they are, and counted."""

import frappe

from insurance_activity.permissions.rules import RULES


def execute():
	left = 0
	for row in frappe.get_all(
		"File",
		filters={"attached_to_doctype": ["in", sorted(RULES)], "is_private": 0, "is_folder": 0},
		fields=["name", "file_url"],
		order_by="name",
	):
		url = row.file_url or ""
		if not url.startswith("/files/") or frappe.db.count("File", {"file_url": url}) > 1:
			left += 1
			continue
		frappe.db.savepoint("private_attachment")
		try:
			file = frappe.get_doc("File", row.name)
			file.is_private = 1
			file.save(ignore_permissions=True)
		except Exception:  # a file missing on the disk, or its private twin there already: left public
			frappe.db.rollback(save_point="private_attachment")
			left += 1
	frappe.db.commit()
	if left:
		print(
			f"insurance_activity: {left} public attachment(s) of ruled records left public (links or shared files)"
		)
