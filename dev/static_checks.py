#!/usr/bin/env python3
"""Static checks of the app's source, run by `./dev/test` in its lint stage (plain Python, no site).

1. Every `@frappe.whitelist` function either is a document method (Frappe checks the document's
   permission before it runs one) or checks permission itself: it calls `frappe.has_permission`,
   `doc.check_permission`/`has_permission`, `frappe.only_for`, a helper of `insurance_activity.permissions`,
   reads only through `frappe.get_list` (which applies the permission rule), or throws `frappe.PermissionError`, directly or through a function of its own module. The few that need
   none are listed in WHITELIST_ALLOWED with the reason.
2. No SQL built from values: the query given to `frappe.db.sql` (and `sql_list`, `sql_ddl`, `multisql`)
   is a string literal, or an f-string whose only values are module constants (UPPER_CASE names);
   never `%`/`+`/`.format()` text or an f-string of variables. Values go in as query parameters or
   through the query builder. Exceptions are listed in SQL_ALLOWED with the reason.
3. The rule is written once: outside `insurance_activity/permissions`, nothing imports the hierarchy's
   building blocks (RULE_INTERNALS, e.g. `visible_employees`) to narrow a query by hand; a query the app
   builds itself asks `permissions.where_allowed` / `condition_for` for the doctype's rule.

Usage: `python3 dev/static_checks.py [ROOT]` prints each finding as `path:line: message` and exits 1 when
there is one.
"""

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = "insurance_activity"

# names (the last part of a call's dotted name) that check the caller's permission
PERMISSION_CALLS = frozenset({"has_permission", "check_permission", "only_for"})
# reads that apply the permission rule themselves (Frappe adds the permission query conditions)
PERMISSION_READS = frozenset({"frappe.get_list"})
# modules whose helpers are permission checks when a whitelisted function calls them
PERMISSION_MODULES = ("insurance_activity.permissions",)
SQL_CALLS = frozenset({"sql", "sql_list", "sql_ddl", "multisql"})
# the one rule's building blocks: imported only inside the permissions package
RULE_INTERNALS = frozenset({"visible_employees", "condition", "Rows", "OneDocument", "child_condition"})
RULE_PACKAGE = "insurance_activity.permissions"

# (path under the app, function): reason
WHITELIST_ALLOWED: dict[tuple[str, str], str] = {}
SQL_ALLOWED: dict[tuple[str, str], str] = {
	(
		"setup/custom_fields.py",
		"remove_custom_fields",
	): "uninstall drops the app's own custom-field columns: table and column names come from the app's "
	"field definitions, never from a request",
	(
		"production/policy_service.py",
		"insert_rows",
	): "the bulk policy load's multi-row INSERT: its callers pass the doctype and column names as the "
	"app's constants (policy_loader.POLICY_COLUMNS, ...), every value goes in as a %s parameter",
}


def dotted(node: ast.AST) -> str:
	"""`frappe.db.sql` for the call target `frappe.db.sql`; '' when it is not a plain dotted name."""
	if isinstance(node, ast.Name):
		return node.id
	if isinstance(node, ast.Attribute):
		base = dotted(node.value)
		return f"{base}.{node.attr}" if base else node.attr
	return ""


def is_whitelist(decorator: ast.AST) -> bool:
	target = decorator.func if isinstance(decorator, ast.Call) else decorator
	return dotted(target) in ("frappe.whitelist", "whitelist")


class Module:
	"""One source file: its functions by name, the names it imports from the permission modules, its
	module constants."""

	def __init__(self, path: Path, root: Path):
		self.path, self.rel = path, path.relative_to(root).as_posix()
		self.tree = ast.parse(path.read_text(), filename=str(path))
		self.functions: dict[str, ast.FunctionDef] = {}
		self.permission_names: set[str] = set()
		self.constants: set[str] = set()
		for node in self.tree.body:
			if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
				self.functions[node.name] = node
			elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PERMISSION_MODULES):
				self.permission_names |= {alias.asname or alias.name for alias in node.names}
			elif isinstance(node, ast.Import):
				for alias in node.names:
					if alias.name.startswith(PERMISSION_MODULES):
						self.permission_names.add(alias.asname or alias.name)
			elif isinstance(node, ast.Assign | ast.AnnAssign):
				targets = node.targets if isinstance(node, ast.Assign) else [node.target]
				self.constants |= {t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper()}

	def checks_permission(self, function: ast.FunctionDef, seen: set[str] | None = None) -> bool:
		"""Whether `function`, or a function of this module it calls, checks permission."""
		seen = seen if seen is not None else set()
		seen.add(function.name)
		for node in ast.walk(function):
			if isinstance(node, ast.Attribute) and node.attr == "PermissionError":
				return True  # throws frappe.PermissionError on a failed check
			if not isinstance(node, ast.Call):
				continue
			name = dotted(node.func)
			last, first = name.rsplit(".", 1)[-1], name.split(".", 1)[0]
			if last in PERMISSION_CALLS or first in self.permission_names or name in PERMISSION_READS:
				return True
			helper = self.functions.get(name)
			if helper is not None and name not in seen and self.checks_permission(helper, seen):
				return True
		return False


def python_files(root: Path):
	app = root / APP
	for path in sorted(app.rglob("*.py")):
		parts = path.relative_to(app).parts
		if parts[0] in ("tests", "patches"):
			continue
		yield path


def whitelist_findings(module: Module, app_root: Path) -> list[str]:
	findings = []
	methods = {
		id(item)
		for cls in ast.walk(module.tree)
		if isinstance(cls, ast.ClassDef)
		for item in cls.body
		if isinstance(item, ast.FunctionDef)
	}
	for node in ast.walk(module.tree):
		if not isinstance(node, ast.FunctionDef) or not any(map(is_whitelist, node.decorator_list)):
			continue
		if id(node) in methods:
			continue  # a document method: Frappe checks the document's permission first
		key = (module.path.relative_to(app_root).as_posix(), node.name)
		if key in WHITELIST_ALLOWED or module.checks_permission(node):
			continue
		findings.append(
			f"{module.rel}:{node.lineno}: whitelisted {node.name}() checks no permission "
			"(frappe.has_permission, doc.check_permission, frappe.only_for, a permissions helper, "
			"or frappe.PermissionError)"
		)
	return findings


def built_sql(query: ast.AST, constants: set[str]) -> str | None:
	"""Why a query argument is SQL built from values, or None when it is fixed text."""
	if isinstance(query, ast.Constant):
		return None
	if isinstance(query, ast.JoinedStr):
		for part in query.values:
			if isinstance(part, ast.FormattedValue):
				value = part.value
				if not (isinstance(value, ast.Name) and value.id in constants):
					return f"an f-string with {ast.unparse(value)}"
		return None
	if isinstance(query, ast.BinOp):
		return f"text joined with {type(query.op).__name__}"
	if isinstance(query, ast.Call) and isinstance(query.func, ast.Attribute) and query.func.attr == "format":
		return "str.format()"
	return None  # a name or a call: a query built elsewhere (e.g. the query builder's get_sql)


def sql_findings(module: Module, app_root: Path) -> list[str]:
	findings = []
	for function in ast.walk(module.tree):
		if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
			continue
		key = (module.path.relative_to(app_root).as_posix(), function.name)
		assigned = {  # a query text put in a variable first: `query = f"..."; frappe.db.sql(query)`
			target.id: node.value
			for node in ast.walk(function)
			if isinstance(node, ast.Assign)
			for target in node.targets
			if isinstance(target, ast.Name)
		}
		for node in ast.walk(function):
			if not (isinstance(node, ast.Call) and node.args):
				continue
			name = dotted(node.func)
			if not (name.rsplit(".", 1)[-1] in SQL_CALLS and ".db." in f".{name}"):
				continue
			query = node.args[0]
			if isinstance(query, ast.Name) and query.id in assigned:
				query = assigned[query.id]
			why = built_sql(query, module.constants)
			if why and key not in SQL_ALLOWED:
				findings.append(
					f"{module.rel}:{node.lineno}: {function.name}() builds SQL from values ({why}); "
					"pass values as query parameters or use frappe.qb"
				)
	return findings


def rule_findings(module: Module) -> list[str]:
	"""Imports of the rule's building blocks from outside the permissions package."""
	if module.rel.startswith(f"{APP}/permissions/"):
		return []
	return [
		f"{module.rel}:{node.lineno}: imports {alias.name} from {node.module}: narrow the query with "
		"permissions.where_allowed (the doctype's rule), not by hand"
		for node in ast.walk(module.tree)
		if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(RULE_PACKAGE)
		for alias in node.names
		if alias.name in RULE_INTERNALS
	]


def findings(root: Path = REPO) -> list[str]:
	"""Every finding of the checks on the app under `root`."""
	app_root = root / APP
	found = []
	for path in python_files(root):
		module = Module(path, root)
		found += whitelist_findings(module, app_root)
		found += sql_findings(module, app_root)
		found += rule_findings(module)
	return found


def main() -> int:
	root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO
	found = findings(root)
	for line in found:
		print(line)
	print(f"static checks: {len(found)} finding(s)")
	return 1 if found else 0


if __name__ == "__main__":
	sys.exit(main())
