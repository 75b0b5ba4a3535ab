"""The sales organisation on ERPNext/HRMS records: branch > office (Department tree) > team (reports_to) > agent.

An agent is an Employee with a user; a supervisor's team is their `reports_to` subtree (Employee is a nested
set, so a whole subtree is one range query); offices and branches are Departments marked with a unit level,
and the Department's unit manager runs it. "Supervisor and above" is whoever heads a team or holds a
supervisor's role. Every organisation look-up of the app is here; nothing here imports the permission
package at load time (it imports this module).
"""

from contextlib import contextmanager

from pypika.terms import Term

import frappe
from frappe.query_builder import DocType
from frappe.utils.nestedset import get_descendants_of

OFFICE = "Office"  # Department.ia_unit_level of a sales office


LOOKUPS_FLAG = "ia_org_lookups"


@contextmanager
def lookups_while_saving(doc):
	"""Around one save of `doc` (insert, save, submit, cancel): a memo of organisation look-ups in its flags
	(lookups_of), so that the save's checks (the permission rule on write and again on submit, the parties'
	serving agent, the edit window, the review) ask each question once (issue 18: ~75 statements a log).
	The memo is dropped when the save ends, also after a failure: no answer outlives the save, so a change
	to an Employee (by a save, db.set_value or SQL) is seen by the next save. A save inside it (a new
	document's save inserts) shares the memo."""
	if doc.flags.get(LOOKUPS_FLAG) is not None:
		yield
		return
	doc.flags[LOOKUPS_FLAG] = {}
	try:
		yield
	finally:
		doc.flags.pop(LOOKUPS_FLAG, None)


def lookups_of(doc) -> dict | None:
	"""The memo of organisation look-ups of `doc` while it is saved ({(look-up, *arguments): answer}, see
	lookups_while_saving), else None: outside a save every look-up is asked afresh."""
	return doc.flags.get(LOOKUPS_FLAG)


def remembered(lookups: dict | None, key: tuple, compute):
	"""`compute()`, kept in `lookups` (see lookups_of) under `key`: the look-up's name and every argument it
	depends on, never an implicit one such as the session user. Without a memo (None): asked every time."""
	if lookups is None:
		return compute()
	if key not in lookups:
		lookups[key] = compute()
	return lookups[key]


def employee_of_user(user: str | None = None, lookups: dict | None = None) -> str | None:
	"""The active Employee whose desk user is `user` (default: the session user), or None.

	lookups: a document's memo (lookups_of) when asked while that document is checked or saved."""
	user = user or frappe.session.user
	return remembered(
		lookups,
		("employee_of_user", user),
		lambda: frappe.db.get_value("Employee", {"user_id": user, "status": "Active"}, "name"),
	)


def tree_span(employee: str, lookups: dict | None = None) -> tuple[int, int] | None:
	"""The Employee's (lft, rgt) in the reporting tree (a nested set: their subtree is the range), or None
	when there is no such Employee. lookups: a document's memo (lookups_of), as for employee_of_user."""
	return remembered(
		lookups,
		("tree_span", employee),
		lambda: frappe.db.get_value("Employee", employee, ["lft", "rgt"]),
	)


def user_of_employee(employee: str) -> str | None:
	return frappe.get_cached_value("Employee", employee, "user_id")


def users_of_employees(employees: list[str]) -> dict[str, str]:
	"""Each employee's desk user (Employee.user_id), in one read: employee -> user (those with one)."""
	if not employees:
		return {}
	return dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", sorted(set(employees))), "user_id": ("is", "set")},
			fields=["name", "user_id"],
			as_list=True,
		)
	)


def direct_reports(employee: str) -> list[str]:
	"""Active direct reports (直管属员), in name order."""
	return frappe.get_all(
		"Employee",
		filters={"reports_to": employee, "status": "Active"},
		pluck="name",
		order_by="employee_name, name",
	)


def subtree(employee: str, include_self: bool = True) -> list[str]:
	"""Everyone under `employee` in the reporting tree (the whole team, all levels)."""
	lft, rgt = frappe.db.get_value("Employee", employee, ["lft", "rgt"])
	employees = frappe.qb.DocType("Employee")
	query = (
		frappe.qb.from_(employees)
		.select(employees.name)
		.where((employees.lft >= lft) & (employees.rgt <= rgt))
	)
	if not include_self:
		query = query.where(employees.name != employee)
	return [row[0] for row in query.run()]


def validate_office_rows(rows) -> None:
	"""A table of offices (an activity campaign's, a points contest's): each row's `office` is a sales office
	(营业室), listed once. frappe.ValidationError naming the row otherwise."""
	from frappe import _

	offices = {row.office for row in rows if row.office}
	level = dict(
		frappe.get_all(
			"Department",
			filters={"name": ("in", list(offices) or [""])},
			fields=["name", "ia_unit_level"],
			as_list=True,
		)
	)
	seen = set()
	for row in rows:
		if level.get(row.office) != OFFICE:
			frappe.throw(_("Office row {0}: {1} is not a sales office.").format(row.idx, row.office))
		if row.office in seen:
			frappe.throw(_("Office row {0}: {1} is listed twice.").format(row.idx, row.office))
		seen.add(row.office)


def all_offices() -> list[str]:
	"""Every sales office (营业室): Departments whose unit level is Office, in tree order."""
	return frappe.get_all("Department", filters={"ia_unit_level": OFFICE}, pluck="name", order_by="lft")


def unit_manager(department: str | None) -> str | None:
	"""The Employee who runs an office or branch: the Department's Unit Manager (ia_unit_manager; an
	office's 营业室负责人, who also hosts its meetings), or None when it has none or no department is given."""
	return frappe.db.get_value("Department", department, "ia_unit_manager") if department else None


def office_of(employee: str) -> str | None:
	"""The employee's sales office: the nearest Department up the tree whose unit level is Office."""
	department = frappe.get_cached_value("Employee", employee, "department")
	return office_by_department().get(department) if department else None


def office_by_department() -> dict[str, str | None]:
	"""Department -> its sales office (营业室): the nearest Department up the tree marked Office."""
	return unit_by_department(OFFICE)


def unit_by_department(level: str) -> dict[str, str | None]:
	"""Department -> the nearest Department up the tree (itself included) whose unit level is `level`
	(Office 营业室, Branch 分公司), None where there is none: one read of the Department table."""
	departments = {
		d.name: d for d in frappe.get_all("Department", fields=["name", "parent_department", "ia_unit_level"])
	}
	units: dict[str, str | None] = {}
	for name in departments:
		current, seen, unit = name, set(), None
		while current in departments and current not in seen:
			seen.add(current)
			if departments[current].ia_unit_level == level:
				unit = current
				break
			current = departments[current].parent_department
		units[name] = unit
	return units


def departments_under(department: str) -> list[str]:
	"""A Department and every Department under it: an office, or a branch with its offices and their
	sub-departments (Frappe's nested-set helper: one range query)."""
	return [department, *get_descendants_of("Department", department, ignore_permissions=True)]


def offices_under(department: str) -> list[str]:
	"""The sales offices (营业室) at or under a department (an office itself, or a branch's), in tree order."""
	lft, rgt = frappe.db.get_value("Department", department, ["lft", "rgt"])
	return frappe.get_all(
		"Department",
		filters={"ia_unit_level": OFFICE, "lft": (">=", lft), "rgt": ("<=", rgt)},
		pluck="name",
		order_by="lft",
	)


def unit_employees(unit: str | None, active_only: bool = True, fields=("name",)) -> list:
	"""The Employees of a unit (office or branch) and every department under it, by name.

	`fields` ("name" alone gives a list of names, else a list of dicts); `active_only` leaves out those who left.
	"""
	if not unit:
		return []
	filters = {"department": ("in", departments_under(unit))}
	if active_only:
		filters["status"] = "Active"
	if tuple(fields) == ("name",):
		return frappe.get_all("Employee", filters=filters, pluck="name", order_by="employee_name, name")
	return frappe.get_all("Employee", filters=filters, fields=list(fields), order_by="employee_name, name")


class Value(Term):
	"""A literal for SQL text: rendered with frappe.db.escape (pypika's own quoting does not escape
	backslashes), so a query built here may be handed to Frappe as SQL text; None is NULL."""

	def __init__(self, value):
		super().__init__()
		self.value = value

	def get_sql(self, **kwargs) -> str:
		return "NULL" if self.value is None else frappe.db.escape(str(self.value))


def managed_departments_query(employee: str):
	"""Subquery: the Departments `employee` manages (ia_unit_manager), each with every Department under it
	(Department is a nested set: one range join). The permission rule uses it as it is."""
	unit, managed = DocType("Department").as_("unit"), DocType("Department").as_("managed")
	return (
		frappe.qb.from_(unit)
		.join(managed)
		.on((unit.lft >= managed.lft) & (unit.rgt <= managed.rgt))
		.select(unit.name)
		.where(managed.ia_unit_manager == Value(employee))
	)


def manages_units(employee: str, lookups: dict | None = None) -> bool:
	"""True when `employee` is the Unit Manager (Department.ia_unit_manager) of at least one office or branch;
	agents and supervisors, nearly everyone, manage none. lookups: a document's memo (lookups_of), as for
	employee_of_user; without one it is asked afresh (a read of the small Department table), so a manager
	named a moment ago is seen at once, however the Department was changed."""
	return remembered(
		lookups,
		("manages_units", employee),
		lambda: bool(frappe.db.exists("Department", {"ia_unit_manager": employee})),
	)


def managed_departments(employee: str) -> list[str]:
	"""Departments (offices, branches) that `employee` manages, with every department under them, by name:
	`managed_departments_query`, run."""
	return sorted({row[0] for row in managed_departments_query(employee).run()})


def managed_offices(employee: str) -> list[str]:
	"""The sales offices `employee` runs, in tree order: the offices they manage and those under a branch
	they manage."""
	managed = set(managed_departments(employee))
	return [office for office in all_offices() if office in managed]


def is_manager_of(manager: str, employee: str) -> bool:
	"""True when `manager` is above `employee` in the reporting line or manages their office or branch; False
	when either is no Employee."""
	if manager == employee:
		return False
	manager_row = frappe.db.get_value("Employee", manager, ["lft", "rgt"])
	employee_row = frappe.db.get_value("Employee", employee, ["lft", "rgt", "department"])
	if not manager_row or not employee_row:  # no such Employee: nobody's report, nobody's manager
		return False
	(m_lft, m_rgt), (e_lft, e_rgt, department) = manager_row, employee_row
	if m_lft < e_lft and e_rgt < m_rgt:
		return True
	return bool(department) and department in managed_departments(manager)


# up to this many people, their team heads are looked up by name (the reports_to index, one probe each);
# above it, every head of the branch is read once and kept to them (a technical threshold, not a business rule)
HEADS_BY_NAME = 500


def team_heads(employees) -> set[str]:
	"""Those of `employees` who head a team (团队): at least one active Employee reports to them.

	A few people (a supervisor's team, one person's check on each permission question) are looked up by name
	on the reports_to index; more (a report over 5,000 agents, which would send their names in an IN (...)
	list) by reading every head of the branch (a few hundred) once and keeping those among `employees`: on
	the scale site one person's answer took 11 ms the second way and under 1 ms the first."""
	employees = set(employees) - {None, ""}
	if not employees:
		return set()
	employee = frappe.qb.DocType("Employee")
	query = (
		frappe.qb.from_(employee)
		.select(employee.reports_to)
		.distinct()
		.where((employee.status == "Active") & employee.reports_to.isnotnull())
	)
	if len(employees) <= HEADS_BY_NAME:
		query = query.where(employee.reports_to.isin(sorted(employees)))
	return employees & set(query.run(pluck=True))


def supervisors_and_above(employees: list[frappe._dict]) -> list[frappe._dict]:
	"""Those of `employees` (dicts with name and user_id) who are supervisor and above: they head a team
	(an active Employee reports to them), or their user holds the Insurance Supervisor or Office Manager role
	(a new supervisor whose team is not built yet)."""
	# the roles are constants of the permission package, which imports this module: read when called
	from insurance_activity.permissions.roles import SUPERVISOR_ROLES

	if not employees:
		return []
	leaders = team_heads(e.name for e in employees)
	users = [e.user_id for e in employees if e.user_id]
	role_holders = set(
		frappe.get_all(
			"Has Role",
			filters={"parent": ("in", users), "parenttype": "User", "role": ("in", SUPERVISOR_ROLES)},
			pluck="parent",
		)
		if users
		else []
	)
	return [e for e in employees if e.name in leaders or (e.user_id and e.user_id in role_holders)]


def is_supervisor_or_above(employee: str) -> bool:
	"""True when the Employee heads a team or holds a supervisor's role (supervisors_and_above)."""
	row = frappe.db.get_value("Employee", employee, ["name", "employee_name", "user_id"], as_dict=True)
	return bool(row and supervisors_and_above([row]))
