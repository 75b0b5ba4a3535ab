"""Records for the production tests: insurance products (Items), policies and settings changes."""

from contextlib import contextmanager

import frappe
from frappe.utils import add_months, getdate, today

from insurance_activity.tests.factories import make_org

SETTINGS = "Insurance Activity Settings"


def make_production_org(prefix: str):
	"""make_org (idempotent per prefix); tests/site.py lifts frappe's user-creation throttle for tests."""
	return make_org(prefix)


def make_product(code: str, name: str | None = None) -> str:
	"""An insurance product (险种) is a non-stock ERPNext Item."""
	if not frappe.db.exists("Item", code):
		group = "Services" if frappe.db.exists("Item Group", "Services") else "All Item Groups"
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": name or code,
				"item_group": group,
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return code


def make_policy(
	policy_no: str,
	agent: str,
	issue_date,
	payment_mode: str = "Regular",
	annual_premium: float = 10000,
	fyc: float = 3000,
	status: str = "In Force",
	product: str = "TEST-WL",
	customer_name: str = "Test Customer",
):
	make_product(product)
	return frappe.get_doc(
		{
			"doctype": "Insurance Policy",
			"policy_no": policy_no,
			"agent_code": agent,
			"customer_name": customer_name,
			"product_code": product,
			"payment_mode": payment_mode,
			"annual_premium": annual_premium,
			"fyc": fyc,
			"issue_date": issue_date,
			"status": status,
		}
	).insert()


def month_before(months: int = 1):
	"""The first day of the month `months` before this one: a whole month, on any calendar day."""
	day = getdate(add_months(today(), -months))
	return day.replace(day=1)


@contextmanager
def production_settings(**values):
	"""Change Insurance Activity Settings for a block; restored (and committed) afterwards, because the
	production jobs commit."""
	before = {key: frappe.db.get_single_value(SETTINGS, key) for key in values}
	for key, value in values.items():
		frappe.db.set_single_value(SETTINGS, key, value)
	try:
		yield
	finally:
		for key, value in before.items():
			frappe.db.set_single_value(SETTINGS, key, value)
		frappe.db.commit()
