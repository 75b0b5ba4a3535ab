"""Policies from the insurer's core system: what one policy and the bulk load share around the rules core.

Every way a policy arrives (the form, REST and Data Import through the Insurance Policy document, the bulk
Policy Load in `policy_loader.py`) checks its row with the core, which returns error codes; this module
translates them into one clear message per problem (`error_message`, with the limits of `import_limits`),
finds the Employees and Items that agent and product codes name (`references_for`), and matches or creates
Customers by name, one at a time or in bulk.
"""

from dataclasses import dataclass, field
from decimal import Decimal

import frappe
from frappe import _
from frappe.model.naming import make_autoname
from frappe.utils import format_date, getdate, now, today

from insurance_activity.rules.production.policies import (
	PAYMENT_MODES,
	POLICY_STATUSES,
	PolicyImportLimits,
)
from insurance_activity.settings import get_settings

INSERT_CHUNK = 1000  # rows per INSERT statement in bulk writes

# The policy's own fields, in the order of the import template, and the core's name for each.
TEMPLATE_FIELDS = (
	"policy_no",
	"agent_code",
	"customer_name",
	"product_code",
	"payment_mode",
	"annual_premium",
	"fyc",
	"issue_date",
	"status",
)
CORE_KEYS = {"agent_code": "agent", "product_code": "product"}


def error_message(code: str, row: dict, limits: PolicyImportLimits) -> str:
	"""The translated message of one core error code, naming the offending value."""
	value = {
		"duplicate_policy_no": row.get("policy_no"),
		"unknown_agent": row.get("agent_code"),
		"unknown_product": row.get("product_code"),
		"bad_payment_mode": row.get("payment_mode"),
		"bad_issue_date": row.get("issue_date"),
		"future_issue_date": row.get("issue_date"),
		"bad_status": row.get("status"),
	}.get(code)
	if code.endswith("_premium"):
		value = row.get("annual_premium")
	elif code.endswith("_fyc"):
		value = row.get("fyc")
	messages = {
		"missing_policy_no": _("The policy number is missing."),
		"duplicate_policy_no": _("Policy number {0} already exists."),
		"missing_agent": _("The agent code is missing."),
		"unknown_agent": _("Unknown agent {0}: no Employee has this ID or Employee Number."),
		"missing_customer_name": _("The customer name is missing."),
		"missing_product": _("The product code is missing."),
		"unknown_product": _("Unknown product {0}: no Item has this Item Code."),
		"bad_payment_mode": _("Payment mode {0} is not one of: {1}."),
		"missing_premium": _("The annual premium is missing."),
		"bad_premium": _("The annual premium {0} is not a number in a form the import reads ({1})."),
		"ambiguous_premium": _(
			"The annual premium {0} is not read: its commas or points could mean another amount. Write it as {1}."
		),
		"too_precise_premium": _(
			"The annual premium {0} has more than two decimal places: amounts are in yuan to the fen (1.200 is refused too: write 1200)."
		),
		"negative_premium": _("The annual premium cannot be negative ({0})."),
		"too_large_premium": _(
			"The annual premium {0} is above the largest amount accepted on a policy ({1}, in Insurance Activity Settings)."
		),
		"missing_fyc": _("The first-year commission (FYC) is missing."),
		"bad_fyc": _("The first-year commission (FYC) {0} is not a number in a form the import reads ({1})."),
		"ambiguous_fyc": _(
			"The first-year commission (FYC) {0} is not read: its commas or points could mean another amount. Write it as {1}."
		),
		"too_precise_fyc": _(
			"The first-year commission (FYC) {0} has more than two decimal places: amounts are in yuan to the fen (1.200 is refused too: write 1200)."
		),
		"negative_fyc": _("The first-year commission (FYC) cannot be negative ({0})."),
		"too_large_fyc": _(
			"The first-year commission (FYC) {0} is above the largest amount accepted on a policy ({1}, in Insurance Activity Settings)."
		),
		"missing_issue_date": _("The issue date is missing."),
		"bad_issue_date": _(
			"The issue date {0} is not a date in a form the import reads: write the year first ({1})."
		),
		"future_issue_date": _(
			"The issue date {0} is in the future: a policy is issued on or before today ({1})."
		),
		"bad_status": _("Status {0} is not one of: {1}."),
	}
	details = {
		"bad_payment_mode": ", ".join(PAYMENT_MODES),
		"bad_status": ", ".join(POLICY_STATUSES),
		"bad_premium": AMOUNT_EXAMPLES,
		"bad_fyc": AMOUNT_EXAMPLES,
		"ambiguous_premium": AMOUNT_EXAMPLES,
		"ambiguous_fyc": AMOUNT_EXAMPLES,
		"too_large_premium": f"{limits.max_amount.normalize():,f}",
		"too_large_fyc": f"{limits.max_amount.normalize():,f}",
		"bad_issue_date": DATE_EXAMPLES,
		"future_issue_date": format_date(limits.today),
	}.get(code, "")
	return messages[code].format(shown(value), details)


# The accepted forms, as the messages show them (see rules.production.policies.read_amount and read_date).
AMOUNT_EXAMPLES = "1200.50, 1,200.50, ￥1,200.50"
DATE_EXAMPLES = "2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305"


def import_limits() -> PolicyImportLimits:
	"""The ceiling on amounts (Insurance Activity Settings) and today, in the system's time zone."""
	return PolicyImportLimits(
		max_amount=Decimal(str(get_settings().largest_policy_amount or 0)), today=getdate(today())
	)


def shown(value) -> str:
	"""A value as the user typed it: -500 rather than the -500.0 that a spreadsheet reader makes of it."""
	if value in (None, ""):
		return _("(empty)")
	if isinstance(value, float) and value.is_integer():
		return str(int(value))
	return str(value)


def core_row(row: dict) -> dict:
	"""A policy row with the core's keys (agent, product) instead of the template's codes."""
	return {CORE_KEYS.get(key, key): row.get(key) for key in TEMPLATE_FIELDS}


@dataclass
class References:
	"""What rows are checked against: agent codes (Employee ID or Employee Number) and product codes."""

	agents: dict[str, str] = field(default_factory=dict)  # code -> Employee
	products: dict[str, str] = field(default_factory=dict)  # item code -> item name

	def core_args(self) -> tuple[set[str], set[str]]:
		return set(self.agents), set(self.products)


def references_for(agent_codes=None, product_codes=None) -> References:
	"""The Employees and Items that the given codes name; every one of them when no codes are given."""
	refs = References()
	employee_filters = {"name": ("in", list(agent_codes))} if agent_codes is not None else {}
	number_filters = {"employee_number": ("in", list(agent_codes))} if agent_codes is not None else {}
	if agent_codes is None or agent_codes:
		# the Employee Number (工号) is how the core system knows an agent; the Employee ID works too
		for row in frappe.get_all("Employee", filters=number_filters, fields=["name", "employee_number"]):
			if row.employee_number:
				refs.agents.setdefault(row.employee_number, row.name)
		for name in frappe.get_all("Employee", filters=employee_filters, pluck="name"):
			refs.agents[name] = name
	if product_codes is None or product_codes:
		item_filters = {"name": ("in", list(product_codes))} if product_codes is not None else {}
		for row in frappe.get_all("Item", filters=item_filters, fields=["name", "item_name"]):
			refs.products[row.name] = row.item_name
	return refs


def existing_policy_numbers(policy_nos) -> set[str]:
	policy_nos = [p for p in policy_nos if p]
	if not policy_nos:
		return set()
	return set(frappe.get_all("Insurance Policy", filters={"name": ("in", policy_nos)}, pluck="name"))


# Fields that Data Import hands over as the cell's text under the app's column map (policy_columns); the
# policy refuses a value of these that Data Import converted itself (InsurancePolicy.converted_by_data_import).
READ_BY_APP = ("annual_premium", "fyc", "issue_date")


# --- Customers, shared with the bulk loader ---------------------------------------------------------------


def customer_key(name: str) -> str:
	"""Customer names match as the database compares them: trimmed, ignoring case."""
	return (name or "").strip().casefold()


def matching_customers(names) -> dict[str, str]:
	"""customer_key(name) -> Customer, for the names that already have a Customer (the oldest on a tie)."""
	names = sorted({n.strip() for n in names if n and n.strip()})
	found: dict[str, str] = {}
	if not names:
		return found
	rows = frappe.get_all(
		"Customer",
		filters={"customer_name": ("in", names)},
		fields=["name", "customer_name"],
		order_by="creation asc",
	)
	for row in rows:
		found.setdefault(customer_key(row.customer_name), row.name)
	return found


def customer_defaults() -> dict:
	values = {
		key: frappe.db.get_single_value("Selling Settings", key) for key in ("customer_group", "territory")
	}
	return {key: value for key, value in values.items() if value}


def create_customers_in_bulk(names: list[str]) -> dict[str, str]:
	"""Create one Individual Customer per distinct name in a single insert (the bulk loader's path:
	ERPNext's Customer controller costs tens of milliseconds a record); returns customer_key -> Customer.
	Names follow ERPNext's customer naming (the customer name, or its naming series)."""
	distinct: dict[str, str] = {}
	for customer_name in names:
		distinct.setdefault(customer_key(customer_name), customer_name.strip())
	if not distinct:
		return {}
	by_name = frappe.defaults.get_global_default("cust_master_name") == "Customer Name"
	series = frappe.get_meta("Customer").get_field("naming_series")
	series = (series.default or "CUST-.YYYY.-") if series else "CUST-.YYYY.-"
	taken = set()
	if by_name:
		existing = frappe.get_all("Customer", filters={"name": ("in", list(distinct.values()))}, pluck="name")
		taken = {customer_key(name) for name in existing}
	defaults = customer_defaults()
	stamp, user = now(), frappe.session.user
	created, values = {}, []
	for key, customer_name in distinct.items():
		name = customer_name if by_name else make_autoname(series, "Customer")
		suffix = 0
		while customer_key(name) in taken:
			suffix += 1
			name = f"{customer_name} - {suffix}"
		taken.add(customer_key(name))
		created[key] = name
		values.append(
			(
				name,
				customer_name,
				"Individual",
				defaults.get("customer_group"),
				defaults.get("territory"),
				stamp,
				stamp,
				user,
				user,
			)
		)
	insert_rows(
		"Customer",
		[
			"name",
			"customer_name",
			"customer_type",
			"customer_group",
			"territory",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		values,
	)
	return created


def insert_rows(doctype: str, columns: list[str], rows: list[tuple]):
	"""A multi-row INSERT with driver-escaped parameters: frappe.db.bulk_insert builds the same statement
	through the query builder, which costs half of a 100,000-row load."""
	names = ", ".join(f"`{column}`" for column in columns)
	placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
	for chunk in _chunks(rows, INSERT_CHUNK):
		# nosemgrep: frappe-using-db-sql -- the bulk load's multi-row INSERT (dev/static_checks.py SQL_ALLOWED)
		frappe.db.sql(
			f"insert into `tab{doctype}` ({names}) values {', '.join([placeholders] * len(chunk))}",
			[value for row in chunk for value in row],
		)


def _chunks(rows: list, size: int):
	for start in range(0, len(rows), size):
		yield rows[start : start + size]
