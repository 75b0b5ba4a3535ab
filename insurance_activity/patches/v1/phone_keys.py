"""Phones as one key (rules/phones.py, libphonenumber): fill the new phone key of existing Leads, Customers
and Contacts, and re-key past Callback Checks, whose customer key was the old digits-only form, so the
no-repeat window keeps counting the calls made before the change."""

import frappe

from insurance_activity.customers.phone_keys import backfill_phone_keys
from insurance_activity.rules.phones import phone_key
from insurance_activity.setup import custom_fields


def execute():
	custom_fields.install_custom_fields()  # migrate creates them after the patches; the backfill needs them
	backfill_phone_keys(commit=True)
	rekey_callback_checks()


def rekey_callback_checks():
	checks = frappe.get_all("Callback Check", fields=["name", "phone", "party_key"], order_by="name")
	for check in checks:
		key = phone_key(check.phone)
		if key != check.party_key:
			frappe.db.set_value("Callback Check", check.name, "party_key", key, update_modified=False)
	frappe.db.commit()
