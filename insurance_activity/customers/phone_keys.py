"""Finding a customer by phone: the stored, indexed phone key on Lead, Customer and Contact.

Each of these records keeps `ia_phone_key`, the key of its phone (`rules.phones.phone_key`), filled on
save (doc_events) and for older records by the patch `phone_keys`. A Lead made from an agent's new
prospect also keeps it in `ia_prospect_phone_key`, a unique column: the database lets no second such
Lead have the same phone, even when two agents save the same new number at the same moment.
"""

import frappe
from frappe import _

from insurance_activity.rules.phones import phone_key
from insurance_activity.setup.custom_fields import PHONE_KEY, PROSPECT_PHONE_KEY

# the phone fields each record is found by, first filled one first (Customer: its primary contact's mobile)
PHONE_FIELDS = {
	"Lead": ("mobile_no", "phone"),
	"Customer": ("mobile_no",),
	"Contact": ("mobile_no", "phone"),
}
LOOKUP_ORDER = ("Lead", "Customer", "Contact")


def key_of(doctype: str, record) -> str | None:
	"""The phone key of a Lead, Customer or Contact (a document or a row): its first valid phone's, else None."""
	for fieldname in PHONE_FIELDS[doctype]:
		key = phone_key(record.get(fieldname))
		if key:
			return key
	return None


def set_phone_key(doc, method=None):
	"""doc_events validate of Lead, Customer and Contact: keep the phone key in step with the phone."""
	doc.set(PHONE_KEY, key_of(doc.doctype, doc))
	if doc.doctype == "Lead" and doc.get(PROSPECT_PHONE_KEY):
		doc.set(PROSPECT_PHONE_KEY, doc.get(PHONE_KEY))
		refuse_second_prospect_lead(doc)


def refuse_second_prospect_lead(lead):
	"""A Lead made from a new prospect cannot take the phone of another such Lead (the column is unique)."""
	key = lead.get(PROSPECT_PHONE_KEY)
	other = key and frappe.db.get_value("Lead", {PROSPECT_PHONE_KEY: key, "name": ("!=", lead.name)})
	if other:
		frappe.throw(
			_("Lead {0} already has the phone {1}: one Lead per phone.").format(other, key),
			title=_("Duplicate Phone"),
		)


def find_party_by_phone(key: str, for_update: bool = False) -> tuple[str, str] | None:
	"""(doctype, name) of the oldest Lead, else Customer, else Contact whose phone key is `key`; None if none.

	`for_update` reads with a lock, which sees what other transactions committed after this one began:
	how the loser of a race finds the record the winner just saved.
	"""
	if not key:
		return None
	for doctype in LOOKUP_ORDER:
		name = frappe.db.get_value(
			doctype, {PHONE_KEY: key}, "name", order_by="creation asc, name asc", for_update=for_update
		)
		if name:
			return doctype, name
	return None


def backfill_phone_keys(commit: bool = False, batch: int = 1000) -> dict[str, int]:
	"""Fill the phone key of every Lead, Customer and Contact from its phone fields (the patch; re-runnable).

	Returns doctype -> records whose key changed. Plain updates (no controller runs), committed every
	`batch` records when `commit`.
	"""
	changed = {}
	for doctype, fields in PHONE_FIELDS.items():
		changed[doctype] = 0
		rows = frappe.get_all(doctype, fields=["name", PHONE_KEY, *fields], order_by="name")
		for start in range(0, len(rows), batch):
			for row in rows[start : start + batch]:
				key = key_of(doctype, row)
				if key != row.get(PHONE_KEY):
					frappe.db.set_value(doctype, row.name, PHONE_KEY, key, update_modified=False)
					changed[doctype] += 1
			if commit:
				# nosemgrep: frappe-manual-commit -- the key back-fill commits per chunk on a large branch
				frappe.db.commit()
	return changed
