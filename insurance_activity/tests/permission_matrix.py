"""The permission matrix's expectations: who may do what to which record of the app, derived from the one
rule (`permissions/rules.py`) and each doctype's DocPerm rows, never from the code under test.

The people are the org of `factories.make_org` seen from agent A1's records (and office A's): the
owner, a colleague, the owner's supervisor and office manager, the other office's supervisor, the
callback officer, an Activity Admin, finance (HR Manager, Accounts User), a desk user with no insurance
role, a website user and Guest. `relation()` says how each stands to a record; `rule_allows()` reads the
record's `Rule` (which parties it names, who changes it) and answers from the relation alone, so a
doctype added to RULES is checked with the reading the README's table gives it; `docperm_allows()`
reads the doctype's DocPerm rows. A cell is expected allowed when both allow it.
"""

from dataclasses import dataclass, field

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client

from insurance_activity.permissions.roles import ALL_UNITS_ROLES, READ_PTYPES
from insurance_activity.permissions.rules import ABOVE, ALL, NOBODY, RULES, Rule

APP = "insurance_activity"


@dataclass(frozen=True)
class Persona:
	key: str  # the matrix's name for the person
	user: str
	employee: str | None = None
	above: frozenset = frozenset()  # the Employees below them in the reporting line or in their office
	manages: frozenset = frozenset()  # the offices (Departments) they manage
	supervises_in: frozenset = frozenset()  # the offices where they are a supervisor or above
	works_in: frozenset = frozenset()  # the office they work in
	roles: frozenset = field(default_factory=frozenset)


def personas(org, finance: dict, desk_user: str, website_user: str) -> list[Persona]:
	"""The matrix's people and where they stand in make_org's organisation (office A is the rows' office):
	manager A > supervisor A > agents A1, A2 in office A, which manager A manages; supervisor B > agent B1."""
	u = org.users
	a1, a2 = org.agent_a1, org.agent_a2
	office_a, office_b = frozenset({org.office_a}), frozenset({org.office_b})
	people = [
		Persona("agent", u.agent_a1, org.agent_a1, works_in=office_a),
		Persona("colleague", u.agent_a2, org.agent_a2, works_in=office_a),
		Persona(
			"supervisor", u.sup_a, org.sup_a, frozenset({a1, a2}), supervises_in=office_a, works_in=office_a
		),
		Persona(
			"office manager",
			u.manager_a,
			org.manager_a,
			frozenset({org.sup_a, a1, a2}),
			manages=office_a,
			supervises_in=office_a,
			works_in=office_a,
		),
		Persona(
			"other supervisor",
			u.sup_b,
			org.sup_b,
			frozenset({org.agent_b1}),
			supervises_in=office_b,
			works_in=office_b,
		),
		Persona("callback officer", u.officer),
		Persona("activity admin", u.admin),
		*(Persona(f"finance ({role})", user) for role, user in finance.items()),
		Persona("desk user", desk_user),
		Persona("website user", website_user),
		Persona("guest", "Guest"),
	]
	return [Persona(**{**p.__dict__, "roles": frozenset(frappe.get_roles(p.user))}) for p in people]


# ---------------------------------------------------------------- the two halves of a cell
def docperm_allows(persona: Persona, doctype: str, ptype: str) -> bool:
	"""Whether a DocPerm row (level 0) of `doctype` gives one of the persona's roles `ptype`."""
	if ptype == "select":
		return docperm_allows(persona, doctype, "read") or _docperm(persona, doctype, "select")
	return _docperm(persona, doctype, ptype)


def _docperm(persona: Persona, doctype: str, ptype: str) -> bool:
	return any(
		not p.permlevel and p.role in persona.roles and p.get(ptype)
		for p in frappe.get_meta(doctype).permissions
	)


def rule_allows(persona: Persona, doctype: str, ptype: str, record) -> bool:
	"""The one rule for one record of a ruled doctype, from the persona's relation to it.

	record: the document (a frappe Document or dict). Reading: admins, the rule's readers and writers (finance), the
	assigned officer, the owner (only in the given states when `owner_reads_when`), everyone above the
	owner, the office's managers, its supervisors and the listed attendees when the rule names them.
	Changing: admins, the rule's writers, the assigned officer, the owner and those above (`ALL`), only those above
	(`ABOVE`, and for a rule where the owner only reads), nobody by the hierarchy (`NOBODY`), the
	office's managers. A row for listed offices (`offices`): the people of a listed office and its managers
	read it, a manager of every listed office changes it. A row naming a customer (`party`): the agents
	serving it and those above them; with `changed_with`, also whoever may change the linked record.
	"""
	rule: Rule = RULES[doctype]
	if persona.roles & set(ALL_UNITS_ROLES):
		return True
	reading = ptype in READ_PTYPES
	if reading and persona.roles & set(rule.readers):
		return True
	if persona.roles & set(rule.writers):
		return True
	if rule.officer and record.get(rule.officer) == persona.user:
		return True
	if rule.owner and persona.employee:
		is_owner = record.get(rule.owner) == persona.employee
		is_above = record.get(rule.owner) in persona.above
		if reading:
			if is_above:
				return True
			if is_owner:
				if not rule.owner_reads_when:
					return True
				state_field, states = rule.owner_reads_when
				return record.get(state_field) in states
		else:
			if rule.hierarchy_writes == NOBODY:
				return False
			if is_above:
				return rule.hierarchy_writes in (ALL, ABOVE)
			return is_owner and rule.hierarchy_writes == ALL and not rule.owner_reads_when
	if rule.office and persona.employee:
		office = record.get(rule.office)
		if office in persona.manages:
			return True
		if reading and rule.office_supervisors_read and office in persona.supervises_in:
			return True
		if reading and rule.attendees:
			child, employee_field = rule.attendees
			tables = [
				df.fieldname for df in frappe.get_meta(doctype).get_table_fields() if df.options == child
			]
			return any(
				row.get(employee_field) == persona.employee for t in tables for row in record.get(t) or []
			)
	if rule.offices and persona.employee:
		child, office_field = rule.offices
		tables = [df.fieldname for df in frappe.get_meta(doctype).get_table_fields() if df.options == child]
		listed = {row.get(office_field) for t in tables for row in record.get(t) or []}
		if reading:
			return bool(listed & (persona.manages | persona.works_in))
		return bool(listed) and listed <= persona.manages
	if rule.changed_with:
		link_field, linked_doctype = rule.changed_with
		linked = record.get(link_field)
		if linked and rule_allows(persona, linked_doctype, "write", frappe.get_doc(linked_doctype, linked)):
			return True
	if rule.party and persona.employee:
		type_field, name_field = rule.party
		serving = party_agents(record.get(type_field), record.get(name_field))
		return bool(serving & ({persona.employee} | persona.above))
	return False


def party_agents(party_type: str, party: str) -> set:
	"""The agents (Employees) serving a customer, as the customer rule has it: a Lead's owner, a Customer's
	account manager and the agents of its policies."""
	owner_field = {"Lead": "lead_owner", "Customer": "account_manager"}.get(party_type)
	if not owner_field:
		return set()
	owner = frappe.db.get_value(party_type, party, owner_field)
	agents = set(frappe.get_all("Employee", {"user_id": owner}, pluck="name")) if owner else set()
	if party_type == "Customer":
		agents |= set(frappe.get_all("Insurance Policy", {"customer": party}, pluck="agent"))
	return agents


def expected(persona: Persona, doctype: str, ptype: str, record=None) -> bool:
	"""The cell: DocPerm gives the persona's roles `ptype`, and the one rule lets them at the record."""
	if persona.user == "Administrator":
		return True
	if not docperm_allows(persona, doctype, ptype):
		return False
	if doctype in RULES and record is not None:
		return rule_allows(persona, doctype, ptype, record)
	return True


# ---------------------------------------------------------------- the app's doctypes, from the metadata
def app_doctypes() -> list[dict]:
	"""Every DocType of the app's modules, child tables and singles included."""
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all(
		"DocType",
		filters={"module": ("in", modules)},
		fields=["name", "istable", "issingle", "is_submittable", "is_virtual"],
		order_by="name",
	)


def parents_of(child: str, parents: list[str]) -> list[str]:
	"""The app's non-single doctypes holding `child` as a table."""
	return [
		p
		for p in parents
		if not frappe.get_meta(p).issingle
		and any(df.options == child for df in frappe.get_meta(p).get_table_fields())
	]


# ---------------------------------------------------------------- REST as a persona
_CREDENTIALS: dict[str, str] = {}


def token(user: str) -> str | None:
	"""`key:secret` for a user (made once per process); None for Guest (no Authorization header)."""
	if user == "Guest":
		return None
	if user not in _CREDENTIALS:
		doc = frappe.get_doc("User", user)
		doc.api_key = doc.api_key or frappe.generate_hash(length=15)
		secret = frappe.generate_hash(length=15)
		doc.api_secret = secret
		doc.flags.ignore_permissions = True
		doc.save()
		frappe.db.commit()
		_CREDENTIALS[user] = f"{doc.api_key}:{secret}"
	return _CREDENTIALS[user]


def rest(user: str, method: str, path: str, params: dict | None = None, data: dict | None = None):
	"""One request as `user` through frappe's WSGI app; returns (status code, parsed JSON or None)."""
	import json

	client = get_test_client()
	headers = {"Authorization": f"token {token(user)}"} if user != "Guest" else {}
	kwargs = {"headers": headers}
	if params:
		kwargs["query_string"] = {
			k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()
		}
	if data is not None:
		kwargs["json"] = data
	response = make_request(
		target=getattr(client, method), args=(path,), kwargs=kwargs, site=frappe.local.site
	)
	try:
		body = response.json
	except Exception:
		body = None
	return response.status_code, body
