# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Insurance Policy (保单): one policy from the insurer's core system.

However a single policy arrives (the form, REST, Data Import), its row is checked by the rules core
(`rules/production/policies.py`) before anything is written, with one translated message per problem;
its agent code, product code and customer name are then resolved to the Employee, Item and Customer it
links to. The bulk Policy Load (`production/policy_loader.py`) checks its rows with the same core and
shares the messages, references and bulk customers of `production/policy_service.py`.
"""

import frappe
from frappe import _
from frappe.utils import escape_html

from insurance_activity.controllers.document import AppDocument
from insurance_activity.org import office_of
from insurance_activity.production.policy_service import (
	READ_BY_APP,
	TEMPLATE_FIELDS,
	core_row,
	customer_defaults,
	customer_key,
	error_message,
	existing_policy_numbers,
	import_limits,
	matching_customers,
	references_for,
)
from insurance_activity.rules.production.policies import parse_policy_row, validate_policy_row


class InsurancePolicy(AppDocument):
	"""A policy (保单) from the insurer's core system; its row is checked by the rules core however it
	arrives (form, REST, Data Import), and its agent, product and customer are linked."""

	def before_insert(self):
		# before naming: a missing or duplicate policy number gets the same message as every other error
		self.validate_row()

	def validate(self):
		if not self.is_new():
			self.validate_row()

	def before_save(self):
		self.link_customer()

	def validate_row(self):
		"""Refuse the policy with every problem of its row, one translated message each, before anything is
		written; then store the amounts and the date as the rules core read them, and fill the agent,
		product and office it links to.

		The values are read as they arrived: REST and the form send them as typed, and Data Import as the
		cell's text (policy_columns gives it the app's column map). A value that Data Import converted
		itself (its map was not the app's, as in `bench data-import`) is refused: what the file said is
		lost."""
		if not self.agent_code and self.agent:
			self.agent_code = self.agent  # REST clients may send the Employee directly
		for code in ("policy_no", "agent_code", "product_code", "customer_name"):
			if isinstance(self.get(code), str):
				self.set(code, self.get(code).strip())
		row = {key: self.get(key) for key in TEMPLATE_FIELDS}
		refs = references_for([row["agent_code"]] if row["agent_code"] else [], [row["product_code"] or ""])
		seen = existing_policy_numbers([row["policy_no"]]) if self.is_new() else set()
		limits = import_limits()
		as_typed = {
			key: escape_html(v) if isinstance(v, str) else v for key, v in row.items()
		}  # shown as HTML
		messages = [
			error_message(code, as_typed, limits)
			for code in validate_policy_row(core_row(row), *refs.core_args(), seen, limits)
		]
		messages += [
			_(
				"Data Import converted the {0} column itself before the app could read it; import the file again from the Data Import form, or load it with a Policy Load."
			).format(_(self.meta.get_label(fieldname)))
			for fieldname in self.converted_by_data_import()
		]
		if messages:
			frappe.throw(
				"<br>".join(messages),
				title=_("Policy {0} cannot be stored").format(row["policy_no"] or ""),
			)
		policy = parse_policy_row(core_row(row))
		self.annual_premium, self.fyc, self.issue_date = policy.annual_premium, policy.fyc, policy.issue_date
		self.agent = refs.agents[row["agent_code"]]
		self.product = row["product_code"]
		self.office = office_of(self.agent)

	def converted_by_data_import(self) -> list[str]:
		"""The fields of READ_BY_APP that a Data Import row set to a number or a date rather than the
		cell's text: frappe's own column map converted them (flt, its date guess), so the written value is
		unknown. A value equal to the stored one changes nothing and passes (an update file without that
		column)."""
		if (self.flags.updater_reference or {}).get("doctype") != "Data Import":
			return []
		before = None if self.is_new() else self.get_doc_before_save()
		return [
			fieldname
			for fieldname in READ_BY_APP
			if self.get(fieldname) is not None
			and not isinstance(self.get(fieldname), str)
			and (before is None or before.get(fieldname) != self.get(fieldname))
		]

	def link_customer(self):
		"""Match the customer by name to an ERPNext Customer, or create one (with ERPNext's own
		validation)."""
		if (
			self.customer
			and frappe.db.get_value("Customer", self.customer, "customer_name") == self.customer_name
		):
			return
		customer = matching_customers([self.customer_name]).get(customer_key(self.customer_name))
		if not customer:
			new = frappe.get_doc(
				{
					"doctype": "Customer",
					"customer_name": self.customer_name.strip(),
					"customer_type": "Individual",
					**customer_defaults(),
				}
			)
			new.flags.ignore_permissions = True
			new.insert()
			customer = new.name
		self.customer = customer
