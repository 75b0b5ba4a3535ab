"""The one permission rule of the app: who reads and who changes which record.

An agent sees their own records, a supervisor their whole reporting subtree, an office or branch manager
their units, Activity Admins and System Managers everything; each doctype's extra parties (finance, the
callback officer, meeting attendees) are data in `rules.RULES`. The condition is built once with the
query builder (`hierarchy`) and used both ways:

- `query_conditions(user, doctype)`: the SQL condition Frappe adds to every list query (desk lists,
  frappe.get_list, REST /api/resource, report view, export, link search), for the app's doctypes and
  their child tables (a child row is seen when its parent is);
- `has_permission(doc, ptype, user)`: the same condition evaluated for one document (forms, REST
  document routes, whitelisted document methods);
- `where_allowed(query, doctype)`: the same condition added to a query-builder query, for the figures a
  report has the database add up (GROUP BY), where frappe.get_list does not fit.

Both are registered in hooks.py for every doctype ("*"); they answer only for the doctypes the rule
knows and leave every other doctype to Frappe. Child tables are found from the metadata, not listed.
"""

from dataclasses import replace

from pypika.terms import Case, Criterion

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import escape_html

from insurance_activity.org import (
	LOOKUPS_FLAG,
	Value,
	employee_of_user,
	is_supervisor_or_above,
	lookups_of,
	managed_departments_query,
	office_of,
	remembered,
)
from insurance_activity.permissions.files import check_file_url
from insurance_activity.permissions.hierarchy import has_any_role, sees_all_units, visible_employees
from insurance_activity.permissions.roles import READ_PTYPES
from insurance_activity.permissions.rules import ABOVE, ALL, RULES, Rule


# ---------------------------------------------------------------- where the values come from
class Rows:
	"""The rows of a doctype's table (a list query); `table` and `columns` when a report selects them from
	an aliased table, or asks the rule of another table's column (see `read_condition`)."""

	lookups = None  # a list query asks the organisation once: nothing to remember

	def __init__(self, doctype: str, table=None, columns: dict | None = None):
		self.doctype, self.table = doctype, table if table is not None else DocType(doctype)
		self.columns = columns or {}

	def field(self, fieldname: str):
		return self.columns.get(fieldname, self.table[fieldname])

	def listed(self, child: str, fieldname: str, employee: str):
		rows = DocType(child).as_("listed")
		return self.table.name.isin(
			frappe.qb.from_(rows)
			.select(rows.parent)
			.where((rows.parenttype == Value(self.doctype)) & (rows[fieldname] == Value(employee)))
		)

	def lists(self, child: str, fieldname: str, values) -> Criterion:
		"""Rows whose `child` table lists one of `values` (a list or a subquery) in `fieldname`."""
		return self.table.name.isin(
			self._listing(child, self._in(DocType(child).as_("listed")[fieldname], values))
		)

	def lists_only(self, child: str, fieldname: str, values) -> Criterion:
		"""Rows whose `child` table lists something and nothing but `values` in `fieldname`."""
		rows = DocType(child).as_("listed")
		return self.lists(child, fieldname, values) & self.table.name.notin(
			self._listing(child, self._in(rows[fieldname], values).negate())
		)

	def _listing(self, child: str, criterion: Criterion):
		rows = DocType(child).as_("listed")
		return (
			frappe.qb.from_(rows)
			.select(rows.parent)
			.where((rows.parenttype == Value(self.doctype)) & criterion)
		)

	@staticmethod
	def _in(term, values) -> Criterion:
		return term.isin([Value(v) for v in values] if isinstance(values, list | tuple) else values)

	def linked_to(self, visible: dict) -> Criterion | bool:
		"""Rows with a Dynamic Link to a record visible in `visible` (doctype -> subquery, True or False)."""
		links = DocType("Dynamic Link").as_("dl")
		clauses = []
		for doctype, names in visible.items():
			if names is False:
				continue
			clause = links.link_doctype == Value(doctype)
			clauses.append(clause if names is True else clause & links.link_name.isin(names))
		if not clauses:
			return False
		return self.table.name.isin(
			frappe.qb.from_(links)
			.select(links.parent)
			.where((links.parenttype == Value(self.doctype)) & Criterion.any(clauses))
		)


class OneDocument:
	"""One document's values (a form, a REST document route; also a document not saved yet).

	lookups: the memo of organisation look-ups the rule's answers for this document share (org.lookups_of:
	the document's own, unless a save checking another document hands its memo over)."""

	def __init__(self, doc, lookups: dict | None = None):
		self.doc = doc
		self.lookups = lookups_of(doc) if lookups is None else lookups

	def field(self, fieldname: str):
		return Value(self.doc.get(fieldname))

	def listed(self, child: str, fieldname: str, employee: str) -> bool:
		tables = [df.fieldname for df in self.doc.meta.get_table_fields() if df.options == child]
		return any(row.get(fieldname) == employee for table in tables for row in self.doc.get(table) or [])

	def values_in(self, child: str, fieldname: str) -> list:
		tables = [df.fieldname for df in self.doc.meta.get_table_fields() if df.options == child]
		return [row.get(fieldname) for table in tables for row in self.doc.get(table) or []]

	def lists(self, child: str, fieldname: str, values) -> Criterion | bool:
		return any_of([Rows._in(Value(v), values) for v in self.values_in(child, fieldname)])

	def lists_only(self, child: str, fieldname: str, values) -> Criterion | bool:
		listed = self.values_in(child, fieldname)
		return Criterion.all([Rows._in(Value(v), values) for v in listed]) if listed else False

	def linked_to(self, visible: dict) -> Criterion | bool:
		parts = []
		for link in self.doc.get("links") or []:
			names = visible.get(link.link_doctype, False)
			parts.append(names if isinstance(names, bool) else Value(link.link_name).isin(names))
		return any_of(parts)


# ---------------------------------------------------------------- the rule
UNSET = object()


def condition(rule: Rule, user: str | None, ptype: str, source, me=UNSET) -> Criterion | bool:
	"""The rows (or whether the one document) `user` may read (ptype in READ_PTYPES) or change.

	me: the Employee whose reach is asked (default: the user's); an agent without a login is asked with
	user=None and their Employee.
	"""
	if user and sees_all_units(user):
		return True
	if user and rule.only_for_roles and not has_any_role(user, rule.only_for_roles):
		return True  # ERPNext's own permissions decide for staff without a field role
	reading = (ptype or "read") in READ_PTYPES
	if user and reading and rule.readers and has_any_role(user, rule.readers):
		return True
	if user and rule.writers and has_any_role(user, rule.writers):
		return True
	parts: list = []
	if user and rule.officer and may_be_officer(source, rule.officer, user):
		parts.append(source.field(rule.officer) == Value(user))
	if me is UNSET:
		me = employee_of_user(user, source.lookups) if user else None
	if me and rule.owner:
		owner = source.field(rule.owner)
		sees = owner.isin(visible_employees(me, source.lookups))
		if rule.owner_reads_when:
			field, values = rule.owner_reads_when
			if reading:
				parts.append(
					sees & ((owner != Value(me)) | source.field(field).isin([Value(v) for v in values]))
				)
			elif rule.hierarchy_writes == ALL:
				parts.append(sees & (owner != Value(me)))
		elif reading or rule.hierarchy_writes == ALL:
			parts.append(sees)
		elif rule.hierarchy_writes == ABOVE:
			parts.append(sees & (owner != Value(me)))
	if me and rule.owner_user:
		parts.append(source.field(rule.owner_user).isin(users_of(visible_employees(me, source.lookups))))
	if me and rule.served_by:
		doctype, link, employee_field = rule.served_by
		serving = DocType(doctype).as_("serving")
		parts.append(
			source.field("name").isin(
				frappe.qb.from_(serving)
				.select(serving[link])
				.where(serving[employee_field].isin(visible_employees(me, source.lookups)))
			)
		)
	if me and rule.party:
		type_field, name_field = rule.party
		for doctype, names in visible_records(RULES_FOR_PARTIES, user, me).items():
			if names is not False:
				clause = source.field(type_field) == Value(doctype)
				parts.append(clause if names is True else clause & source.field(name_field).isin(names))
	if me and rule.linked_parties:
		parts.append(source.linked_to(visible_records(rule.linked_parties, user, me)))
	if me and rule.office:
		office = source.field(rule.office)
		parts.append(office.isin(managed_departments_query(me)))
		if reading and rule.office_supervisors_read:
			own = own_office_if_supervisor(me)
			if own:
				parts.append(office == Value(own))
		if reading and rule.attendees:
			parts.append(source.listed(*rule.attendees, me))
	if me and rule.offices:
		child, fieldname = rule.offices
		managed = managed_departments_query(me)
		if reading:
			own = office_of(me)
			parts.append(source.lists(child, fieldname, managed))
			if own:
				parts.append(source.lists(child, fieldname, [own]))
		else:
			parts.append(source.lists_only(child, fieldname, managed))
	if rule.changed_with:
		field, doctype = rule.changed_with
		changed = condition(RULES[doctype], user, "write", Rows(doctype), me)
		if isinstance(changed, bool):
			parts.append(changed)
		else:
			table = DocType(doctype)
			parts.append(source.field(field).isin(frappe.qb.from_(table).select(table.name).where(changed)))
	return any_of(parts)


def offices_read(doctype: str, offices: list[str], user: str | None = None) -> list[str]:
	"""Of `offices`, those for which `user` (default: the session user) would read a `doctype` record (a
	rule with `offices`, e.g. a Points Contest) listing that office alone: the rule itself, asked once per
	office, so a leaderboard shows the offices of a contest the way the contest is read (admins and the
	rule's readers, such as finance: every one; a field user: their own office and the offices they run).
	KeyError for a doctype without an `offices` rule."""
	user = user or frappe.session.user
	rule = RULES[doctype]
	child, fieldname = rule.offices
	table = next(df.fieldname for df in frappe.get_meta(doctype).get_table_fields() if df.options == child)
	found = []
	for office in offices:
		alone = frappe.new_doc(doctype)
		alone.append(table, {fieldname: office})
		if evaluate(condition(rule, user, "read", OneDocument(alone))):
			found.append(office)
	return found


RULES_FOR_PARTIES = ("Lead", "Customer", "Prospect")


def visible_records(doctypes, user: str | None, me: str) -> dict:
	"""doctype -> a subquery of the names `me` reads (or True/False), for records tied to other records."""
	found = {}
	for doctype in doctypes:
		seen = condition(RULES[doctype], user, "read", Rows(doctype), me)
		table = DocType(doctype)
		found[doctype] = (
			seen if isinstance(seen, bool) else frappe.qb.from_(table).select(table.name).where(seen)
		)
	return found


def users_of(employees):
	"""Subquery: the users (logins) of a subquery of Employees."""
	people = DocType("Employee").as_("login")
	return frappe.qb.from_(people).select(people.user_id).where(people.name.isin(employees))


def own_office_if_supervisor(employee: str) -> str | None:
	"""The Employee's office when they are supervisor and above (rules with office_supervisors_read let them
	read its records), else None."""
	return office_of(employee) if is_supervisor_or_above(employee) else None


def any_of(parts: list) -> Criterion | bool:
	"""OR of criteria and booleans: True wins, False drops out; nothing left is False."""
	if any(part is True for part in parts):
		return True
	criteria = [part for part in parts if part is not False]
	return Criterion.any(criteria) if criteria else False


def child_condition(doctype: str, user: str) -> Criterion | bool:
	"""A child table's rows are seen when their parent is: one clause per parent doctype with a rule."""
	rows = DocType(doctype)
	parents = ruled_parents_of(doctype)
	parts: list = [rows.parenttype.notin([Value(p) for p in parents])]
	for parent in parents:
		seen = rows_of_parents(rows, parent, condition(RULES[parent], user, "read", Rows(parent)))
		parts.append(all_of([rows.parenttype == Value(parent), seen]))
	return any_of(parts)


def rows_of_parents(rows, parent: str, allowed: Criterion | bool, name_column=None) -> Criterion | bool:
	"""The child `rows` whose `parent` record (or the record named in `name_column`) is one of `allowed`
	(True: every one, False: none)."""
	if isinstance(allowed, bool):
		return allowed
	table = DocType(parent)
	column = rows.parent if name_column is None else name_column
	return column.isin(frappe.qb.from_(table).select(table.name).where(allowed))


# Frappe's doctypes whose rows name a record of another doctype and are listed to desk users (the Tag Link and
# Document Follow lists to every desk user, the File list to every system user): doctype -> (the field naming
# the record's doctype, the field naming the record). A row about a record of the app is theirs who read it.
POINTING = {
	"Tag Link": ("document_type", "document_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	"File": ("attached_to_doctype", "attached_to_name"),
}


def pointing_condition(doctype: str, user: str) -> Criterion | bool:
	"""The rows of `doctype` (one of POINTING) `user` may list: those about no record of the app, and those
	about a record the user reads (its doctype's roles, then the rule). A fresh user's desk user with no
	insurance role listed the tags, follows and private attachments of every office's logs so."""
	rows = DocType(doctype)
	type_field, name_field = POINTING[doctype]
	parts: list = [rows[type_field].isnull(), rows[type_field].notin([Value(d) for d in sorted(RULES)])]
	# the rule of the doctypes some row is about, only (an index's distinct values: each rule costs look-ups)
	present = frappe.qb.from_(rows).select(rows[type_field]).distinct().run(pluck=True)
	for ruled in sorted(set(RULES) & set(present)):
		if not frappe.has_permission(ruled, "read", user=user):
			continue
		allowed = condition(RULES[ruled], user, "read", Rows(ruled))
		seen = rows_of_parents(rows, ruled, allowed, rows[name_field])
		parts.append(all_of([rows[type_field] == Value(ruled), seen]))
	return any_of(parts)


def all_of(parts: list) -> Criterion | bool:
	"""AND of criteria and booleans: False wins, True drops out; nothing left is True."""
	if any(part is False for part in parts):
		return False
	criteria = [part for part in parts if part is not True]
	return Criterion.all(criteria) if criteria else True


def ruled_parents_of(child: str) -> list[str]:
	"""The doctypes with a rule that hold `child` as a table, read from their metadata."""
	return [
		parent
		for parent in sorted(RULES)
		if any(df.options == child for df in frappe.get_meta(parent).get_table_fields())
	]


def parents_of_table(child: str) -> list[str]:
	"""Every doctype of the site holding `child` as a table (its fields and custom fields), by name: the
	records a row of `child` is read with. `ruled_parents_of` is the same question for the ruled doctypes only,
	answered from their cached metadata (it runs on every list query)."""
	return sorted(
		set(frappe.get_all("DocField", {"fieldtype": "Table", "options": child}, pluck="parent"))
		| set(frappe.get_all("Custom Field", {"fieldtype": "Table", "options": child}, pluck="dt"))
	)


_CHILDREN: dict[str, frozenset] = {}


def ruled_children() -> frozenset:
	"""Child doctypes of the ruled doctypes, read from the metadata once per process and site (this runs
	for every list query of the site)."""
	site = getattr(frappe.local, "site", None)
	if site not in _CHILDREN:
		_CHILDREN[site] = frozenset(
			df.options for parent in RULES for df in frappe.get_meta(parent).get_table_fields()
		)
	return _CHILDREN[site]


def as_sql(criterion: Criterion | bool) -> str:
	if criterion is True:
		return ""
	if criterion is False:
		return "1=0"
	return "(" + criterion.get_sql(quote_char="`", with_namespace=True) + ")"


# ---------------------------------------------------------------- for queries the app builds itself
def condition_for(
	doctype: str,
	user: str | None = None,
	ptype: str = "read",
	table=None,
	columns: dict | None = None,
) -> Criterion | bool:
	"""The rows of `doctype` that `user` (default: the session user) may read (or, with another `ptype`,
	change) under the one rule, as a query-builder criterion: True for every row, False for none.

	For a report that aggregates with frappe.qb, which (unlike frappe.get_list) adds no
	permission_query_conditions: it narrows its query with this instead of writing the rule again.
	table: the doctype's table as the query names it (default: the unaliased table); columns: a rule field
	answered by another column, e.g. condition_for("Agent Log", table=employee, columns={"agent":
	employee.name}) is "the Employees whose work logs the user reads". A child table of ruled doctypes
	(read only, its unaliased table) follows its parent (child_condition). KeyError for a doctype with no rule.
	"""
	user = user or frappe.session.user
	if doctype not in RULES and doctype in ruled_children():
		return child_condition(doctype, user)
	return condition(RULES[doctype], user, ptype, Rows(doctype, table, columns))


def where_allowed(
	query, doctype: str, user: str | None = None, ptype: str = "read", table=None, columns: dict | None = None
):
	"""`query` narrowed as frappe.get_list narrows a list: the doctype's roles (DocPerm) for `ptype`, then
	`condition_for` (same arguments). None when the user may reach no row of `doctype` (the caller shows
	nothing rather than run a query that cannot match)."""
	user = user or frappe.session.user
	checked = ruled_parents_of(doctype) if doctype in ruled_children() else [doctype]
	if not any(frappe.has_permission(each, ptype, user=user) for each in checked):
		return None  # the doctype's own roles (DocPerm) first, as frappe.get_list checks them (a child: its parent's)
	allowed = condition_for(doctype, user, ptype, table, columns)
	if allowed is False:
		return None
	return query if allowed is True else query.where(allowed)


# ---------------------------------------------------------------- registered in hooks.py ("*")
def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for every doctype: the rule's SQL for the app's doctypes and their
	child tables; '' (no restriction from this app) for any other doctype."""
	user = user or frappe.session.user
	if doctype in RULES:
		# and the records shared with the user, which they open by name (Frappe's share): without the doctype's
		# roles Frappe lists only those, and ANDs this condition to them (helper-65 H4); with the roles it adds
		# them only where user permissions apply (helper-66 K11)
		shared = frappe.share.get_shared(doctype, user)
		allowed = (
			condition(RULES[doctype], user, "read", Rows(doctype))
			if has_role_to_read(doctype, user)
			else False
		)
		return as_sql(any_of([allowed, DocType(doctype).name.isin(shared)]) if shared else allowed)
	if doctype in POINTING:
		return "" if sees_all_units(user) else as_sql(pointing_condition(doctype, user))
	if doctype and frappe.get_meta(doctype).istable:
		parts = [as_sql(child_condition(doctype, user))] if doctype in ruled_children() else []
		parts.append(other_parents_condition(doctype, user))
		return " and ".join(f"({part})" for part in parts if part)
	return ""


def other_parents_condition(doctype: str, user: str) -> str:
	"""SQL: a child table's rows of a parent doctype outside the rule are seen when their parent is: Frappe
	checks only that the user's roles read the parent doctype, so an agent listed the pay lines of every Salary
	Slip and the lines of every Expense Claim (helper-80 F1). For each such parent doctype whose list a
	condition narrows for `user` (their user permissions, a permission query), its rows of the parents they
	list; of a parent doctype their roles do not read, the rows of the parents shared with them only (a
	callback officer with one Salary Slip shared listed every slip's lines, helper-81 F4); '' when nothing
	narrows."""
	from frappe.model.db_query import DatabaseQuery

	rows, narrowed, parts = f"`tab{doctype}`", [], []
	for parent in parents_of_table(doctype):
		if parent in RULES:
			continue  # child_condition
		if frappe.get_meta(parent).issingle:  # no table to ask: its rows with it, or none (helper-82)
			if not has_role_to_read(parent, user):
				narrowed.append(parent)
			continue
		if has_role_to_read(parent, user):
			narrowing = DatabaseQuery(parent, user=user).build_match_conditions()
		else:  # asked before Frappe, which refuses with a message shown over the list (helper-81 F5)
			shared = frappe.share.get_shared(parent, user)
			narrowing = (
				f"`tab{parent}`.name in ({', '.join(frappe.db.escape(n) for n in shared)})" if shared else "0"
			)
		if narrowing:
			narrowed.append(parent)
			parts.append(
				f"({rows}.parenttype = {frappe.db.escape(parent)} and {rows}.parent in "
				f"(select `tab{parent}`.name from `tab{parent}` where {narrowing}))"
			)
	if not narrowed:
		return ""
	others = ", ".join(frappe.db.escape(parent) for parent in narrowed)
	return " or ".join([f"{rows}.parenttype not in ({others})", *parts])


def reads_every_record(doctype: str) -> bool:
	"""Whether the session's user reads every record of `doctype`: their roles read it and no condition narrows
	their list (the app's rule, user permissions, a permission query condition: Frappe's get_match_cond is
	empty). A total Frappe computes over every record (a goal graph, a heatmap) is theirs to see only then."""
	from frappe.desk.reportview import get_match_cond

	return bool(frappe.has_permission(doctype, "read")) and not get_match_cond(doctype)


# Frappe's doctypes whose records are each one user's (the field naming the user): Frappe narrows their lists to
# the user but not a record read by its name (any user read another's Notification Log so, helper-75)
USER_RECORDS = {"Notification Log": "for_user"}


def has_role_to_read(doctype: str, user: str) -> bool:
	"""Whether one of `user`'s roles reads (or selects) `doctype` (its DocPerms, as Frappe's list asks)."""
	perms = frappe.permissions.get_role_permissions(frappe.get_meta(doctype), user=user)
	return bool(perms.get("read") or perms.get("select"))


def has_permission(
	doc, ptype: str | None = None, user: str | None = None, debug: bool = False
) -> bool | None:
	"""has_permission for every doctype: False where the rule denies one of the app's documents, or where a
	record of USER_RECORDS is another user's; None (no opinion) for other doctypes. Child rows are checked on their parent by Frappe itself. A File to create
	or write that names a private file the user may not download is refused here (files.check_file_url)."""
	rule = RULES.get(doc.doctype)
	if rule is None:
		if doc.doctype in USER_RECORDS:
			user = user or frappe.session.user
			return None if user == "Administrator" or doc.get(USER_RECORDS[doc.doctype]) == user else False
		if doc.doctype == "File":
			check_file_url(doc, ptype, user or frappe.session.user)
		return pointed_record_permission(doc, user) if doc.doctype in POINTING else None
	user = user or frappe.session.user
	source = OneDocument(doc)
	return evaluate(condition(rule, user, ptype or "read", source), source.lookups)


def pointed_record_permission(doc, user: str | None = None) -> bool | None:
	"""has_permission of a row of POINTING (a tag, a follow, an attachment): False when it is about a record
	of the app that `user` does not read, None (Frappe decides) otherwise, a missing record included."""
	type_field, name_field = POINTING[doc.doctype]
	pointed, name = doc.get(type_field), doc.get(name_field)
	if pointed not in RULES or not isinstance(name, str) or not frappe.db.exists(pointed, name):
		return None
	return None if frappe.has_permission(pointed, "read", name, user=user or frappe.session.user) else False


def reaches(doc, employee: str, lookups: dict | None = None) -> bool:
	"""Whether `employee` (an agent, with or without a login) reaches `doc` under the rule as a field user:
	their own records, their team's, their units'. For the parties of a work log (Agent Log.validate_party_ownership),
	which hands over its memo of organisation look-ups (`lookups`, org.lookups_of of the log)."""
	rule = RULES.get(doc.doctype)
	if rule is None:
		return True
	user = frappe.get_cached_value("Employee", employee, "user_id")
	if user and sees_all_units(user):
		return True
	source = OneDocument(doc, lookups)
	allowed = condition(replace(rule, only_for_roles=()), None, "read", source, me=employee)
	return evaluate(allowed, source.lookups)


def evaluate(allowed: Criterion | bool, lookups: dict | None = None) -> bool:
	"""Whether one document meets `allowed` (a criterion over its own values, rendered as literals): asked
	of the database, once per statement while a document is saved (`lookups`, org.lookups_of: a submit
	checks write and submit with the same condition)."""
	if isinstance(allowed, bool):
		return allowed
	query = frappe.qb.select(Case().when(allowed, 1).else_(0))
	return remembered(lookups, ("evaluate", str(query)), lambda: bool(query.run()[0][0]))


def may_be_officer(source, officer_field: str, user: str) -> bool:
	"""Whether the officer's clause (`officer_field` = user) can match anything for `user`: always for one
	document (its own value decides, a literal); for a list query only when some stored row names the user
	(one indexed look-up). OR-ed with the hierarchy's sub-query the clause keeps MariaDB from the agent's index:
	a supervisor's year of Callback Checks read all 306,000 rows (336 ms) where their team's are 42 groups read
	by index (8-13 ms). A user named on no row loses nothing by its absence."""
	if not isinstance(source, Rows):
		return True
	return bool(frappe.db.exists(source.doctype, {officer_field: user}))


# ---------------------------------------------------------------- a refusal, in words
# what a permission type asks to do, as a verb in a sentence (Frappe's own words are capitalised labels)
VERBS = {
	"read": "read",
	"write": "change",
	"create": "create",
	"submit": "submit",
	"cancel": "cancel",
	"amend": "amend",
	"delete": "delete",
	"print": "print",
	"email": "e-mail",
	"share": "share",
	"export": "export",
	"report": "report on",
	"select": "select",
}


def refuse(doc, ptype: str) -> None:
	"""frappe.PermissionError for a document of the app the rule does not let the session's user `ptype`
	(read, write, create, submit, ...), in one sentence in the user's language naming the action and the
	record (AppDocument.raise_no_permission_to). Frappe's own message prints its check's log first: HTML,
	the user's e-mail address and "None" for a record not yet saved."""
	message = refusal(doc, ptype)
	frappe.flags.error_message = message
	# said once: the document's has_permission may have shown it already (AppDocument.has_permission)
	log = getattr(frappe.local, "message_log", None) or []
	log[:] = [each for each in log if not (isinstance(each, dict) and each.get("message") == message)]
	frappe.throw(message, frappe.PermissionError, title=_("Not Permitted"))


def refusal(doc, ptype: str) -> str:
	"""Why the session's user may not `ptype` `doc`, in one sentence in their language (refuse): none of their
	roles allows it on the doctype (an agent deleting their own draft log), or the record is not one they work
	with (the rule)."""
	verb = _(VERBS.get(ptype, ptype))
	if ptype in VERBS and not frappe.permissions.has_permission(doc.doctype, ptype, raise_exception=False):
		return _("You may not {0} this {1}: none of your roles allows it.").format(verb, _(doc.doctype))
	if doc.get("__islocal") or not doc.name:
		message = _(
			"You may not {0} this {1}: it is not among the records you work with (an agent's own, a "
			"supervisor's team's, a manager's office's)."
		).format(verb, _(doc.doctype))
	else:
		message = _(
			"You may not {0} {1} {2}: it is not among the records you work with (an agent's own, a "
			"supervisor's team's, a manager's office's)."
		).format(verb, _(doc.doctype), escape_html(str(doc.name)))
	return message


SAVE_ACTIONS = {"save": "write", "update_after_submit": "write", "submit": "submit", "cancel": "cancel"}


def check_stored_record(doc, method=None) -> None:
	"""A save (write, submit, update after submit, cancel) of a stored record of a doctype under the rule: the
	user may act on the record as stored, not only on the values sent (frappe.PermissionError, the rule's
	sentence). Frappe judges a save by the values it carries: an agent's PUT of another office's log, or of
	another agent's Customer, naming themselves took it. AppDocument.run_before_save_methods asks it first;
	doc_events (validate, before_update_after_submit, before_cancel) for ERPNext's records under the rule.
	Frappe has read the stored copy for the save already (get_doc_before_save): one evaluation of the rule."""
	ptype = SAVE_ACTIONS.get(getattr(doc, "_action", None))
	if (
		doc.doctype not in RULES
		or not ptype
		or doc.is_new()
		or doc.flags.ignore_permissions
		or doc.flags.stored_record_checked
	):
		return
	doc.flags.stored_record_checked = True
	stored = doc.get_doc_before_save()
	if not stored:
		return
	# the save's memo of organisation look-ups (org.lookups_while_saving): its answers hold for the stored copy
	stored.flags[LOOKUPS_FLAG] = lookups_of(doc)
	try:
		allowed = frappe.permissions.has_permission(doc.doctype, ptype, stored, raise_exception=False)
	finally:
		stored.flags.pop(LOOKUPS_FLAG, None)
	if not allowed:
		refuse(stored, ptype)


def refuse_missing(doctype: str, name) -> None:
	"""frappe.DoesNotExistError (404) for the record `name` of `doctype`, which does not exist: one sentence in
	the user's language naming it (at most 140 characters of the name, escaped). Frappe raises its own refusals
	of a missing record bare (a delete), reads on from None (a child row's set_value) or answers in English."""
	frappe.throw(
		_("{0} {1} not found").format(_(doctype), escape_html(str(name or "")[:140])),
		frappe.DoesNotExistError,
		title=_("Not Found"),
	)


def unreadable_fields(doctype: str, parenttype: str | None = None, user: str | None = None) -> frozenset:
	"""The fieldnames of `doctype` at a permission level none of `user`'s roles reads (a row of a table: the
	levels of its parent `parenttype`'s permissions, as Frappe reads a row's fields; without `parenttype`, the
	levels any of its parents gives): e.g. a Callback Check's
	`officer_notes` (level 1) for an agent. Frappe leaves such a field out of a record and out of a list's
	columns, but not out of its filters, order or grouping: filtered a guess at a time, the notes were
	recovered (helper-64 G2). Administrator reads every level. Source: the doctype's permissions (Frappe's
	Meta.get_permlevel_access)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return frozenset()
	meta = frappe.get_meta(doctype)
	if not meta.istable:
		levels = set(meta.get_permlevel_access("read", user=user))
	else:  # a row's levels are its parent's; a row asked without its parent: those of any parent
		parents = [parenttype] if parenttype else parents_of_table(doctype)
		levels = {
			level
			for parent in parents
			for level in meta.get_permlevel_access("read", parenttype=parent, user=user)
		}
	# level 0 is the doctype's own read, which Frappe's checks answer (a record shared with a user of no role)
	return frozenset(df.fieldname for df in meta.fields if df.permlevel and df.permlevel not in levels)


# ---------------------------------------------------------------- a table's rows on their own
def row_refusal(row, ptype: str, user: str | None = None) -> str | None:
	"""Why `user` may not `ptype` a row of one of the app's tables opened on its own (REST
	`/api/resource/<child doctype>/<name>`, frappe.client.get, frappe.delete_doc), or None when they may.

	A row is read with its record: the rule on the parent document. It is changed only through its record
	(the record's controller checks its rows: counts, the day's standard, a submitted log's rows stay): Frappe
	v15 asks of a row on its own only whether the user may write the parent's doctype, so an agent could add a
	row to a colleague's log or to their own submitted one, change it, or delete it. Administrator, as Frappe
	grants them everything, may."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	parent_doctype, parent = row.get("parenttype"), row.get("parent")
	if ptype not in READ_PTYPES:
		return _("A row of {0} is changed on its {0}: open {1} and change the row there.").format(
			_(parent_doctype or row.doctype), escape_html(str(parent or ""))
		)
	if (
		isinstance(parent_doctype, str)
		and isinstance(parent, str)
		and frappe.db.exists(parent_doctype, parent)
		and frappe.get_doc(parent_doctype, parent).has_permission("read", user=user)
	):
		return None
	return _("You may not read this row of {0}: its record is not among the records you work with.").format(
		_(parent_doctype or row.doctype)
	)


def hidden_row(doctype, name, ptype: str = "read") -> str | None:
	"""Why the session's user may not `ptype` the row `name` of the table `doctype` read on its own (any
	table, of any app: row_refusal's sentence), or None: not a table, no such row, or its record read. Frappe
	v15 asks of a row read by its name only whether the user's roles read the parent's doctype
	(has_child_permission passes no record for a row loaded on its own), so an agent read another office's
	employee's pay line by its name on every path that reads a record (helper-83 F2)."""
	if not (isinstance(doctype, str) and isinstance(name, str | int)):
		return None
	if not frappe.db.get_value("DocType", doctype, "istable", cache=True):  # one cached look-up per request
		return None
	row = frappe.db.get_value(doctype, name, ["parenttype", "parent"], as_dict=True)
	return row_refusal(frappe._dict(row, doctype=doctype), ptype) if row else None


def refuse_hidden_row(doctype, name, ptype: str = "read") -> None:
	"""frappe.PermissionError (403) in row_refusal's sentence where hidden_row says why."""
	if reason := hidden_row(doctype, name, ptype):
		frappe.throw(reason, frappe.PermissionError, title=_("Not Permitted"))


def refuse_rows_sent_twice(doc) -> None:
	"""frappe.ValidationError naming the row for a row of `doc` sent with the name of another of its rows (in
	any of its tables): each row is one row. Rows are named by their place in their table (a request's own
	row numbers may repeat)."""
	first_at = {}
	for df in doc.meta.get_table_fields():
		for position, row in enumerate(doc.get(df.fieldname) or [], 1):
			if not row.name:
				continue
			if row.name in first_at:
				frappe.throw(
					_("Row {0}: it is sent with the name of row {1} ({2}); send each row once.").format(
						position, first_at[row.name], escape_html(str(row.name)[:40])
					),
					title=_("Not a Valid Value"),
				)
			first_at[row.name] = position


def refuse_rows_of_others(doc) -> None:
	"""frappe.PermissionError for a row sent with the name of a row that is not one of `doc`'s own (a row of
	another record, or of another table of it); frappe.ValidationError for a name no row has. Frappe v15 saves
	a row sent with a name by that name alone (`UPDATE ... WHERE name=%s`): a row of a colleague's log sent in
	one's own was moved into it, and a made-up name dropped the row without a word. The rows of the stored
	copy Frappe has already read for the save (`get_doc_before_save`) are the record's own: only other names
	are asked of the database, so an ordinary save asks nothing.

	A name sent twice is refused too (frappe.ValidationError): Frappe stored one row and the log counted each
	copy (a submitted log's valid activities and 5311 items 3 with one row stored: helper-60, F2)."""
	refuse_rows_sent_twice(doc)
	stored_copy = doc.get_doc_before_save()
	for df in doc.meta.get_table_fields():
		own = {r.name for r in stored_copy.get(df.fieldname) or []} if stored_copy else set()
		rows = [
			r for r in doc.get(df.fieldname) or [] if r.name and not r.get("__islocal") and r.name not in own
		]
		if not rows:
			continue
		found = {
			r.name: r
			for r in frappe.db.get_all(
				df.options,
				filters={"name": ("in", [r.name for r in rows])},
				fields=["name", "parent", "parenttype", "parentfield"],
			)
		}
		for row in rows:
			stored = found.get(row.name)
			if stored is None:
				frappe.throw(
					_("Row {0}: there is no row {1} of {2}; send a new row without a name.").format(
						row.idx, escape_html(str(row.name)[:40]), _(doc.doctype)
					),
					title=_("Not a Valid Value"),
				)
			if (stored.parent, stored.parenttype, stored.parentfield) != (
				str(doc.name),
				doc.doctype,
				df.fieldname,
			):
				frappe.throw(
					_("Row {0}: {1} is a row of another record; it cannot be moved into this {2}.").format(
						row.idx, escape_html(str(row.name)[:40]), _(doc.doctype)
					),
					frappe.PermissionError,
					title=_("Not Permitted"),
				)
