"""What a request asks for, read as Frappe v15 routes it (frappe.app.application, frappe.api): the one reading
of a request's method or resource for every check of the app keyed on it (api.request_shapes,
permissions.record_actions, api.counts). The paths are matched by Frappe's own map of its API (frappe.api's
API_URL_MAP: /api, /api/v1 and /api/v2), so a path Frappe adds or reads differently is read here as Frappe
reads it, not by a copy of its prefixes."""

import inspect
from typing import NamedTuple

from werkzeug.exceptions import HTTPException

import frappe
from frappe.api import API_URL_MAP

# the desk's run_doc_method: every path that runs a controller's method on a stored or sent record is read as it
DOC_METHOD = "frappe.handler.run_doc_method"
# frappe.desk.reportview.get_count: /api/v2/doctype/<doctype>/count is it, with the doctype taken from the path
COUNT_METHOD = "frappe.desk.reportview.get_count"


class Route(NamedTuple):
	"""kind: "method", "resource" or "" (a page, a file, a path Frappe's API does not know); target: the dotted
	method Frappe runs, or the doctype of a record's or a list's path; name: the record's name on a record's
	path, else None; arguments: the arguments the method or the path is called with (the request's form, plus
	what Frappe reads from the path: a record method's doctype, record and method, a count's doctype)."""

	kind: str
	target: str
	name: str | None
	arguments: dict


def reads(request) -> bool:
	"""Whether `request` reads: a GET, or a HEAD, which Werkzeug routes to the same GET handler (its answer's
	status and length were an oracle past the checks of a GET, helper-85 F3)."""
	return request.method in ("GET", "HEAD")


def read_route(request) -> Route:
	"""The Route of `request`. A `cmd` sent to any path is the method Frappe runs (frappe.app.application reads
	it before the path: /api/method/ping with a `cmd` runs the `cmd`). Of the API's paths:
	- /api[/v1]/method/<a.b.c>[/anything] is the method a.b.c (frappe.api.v1 drops what follows a "/");
	- /api/v2/method/<DocType>/<method> is the function `method` of the doctype's controller module;
	- a record's method by path (/api[/v1]/resource/<doctype>/<name> POSTed with `run_method`,
	  /api/v2/document/<doctype>/<name>/method/<method>, /api/v2/method/run_doc_method) is the desk's
	  run_doc_method (DOC_METHOD) with its arguments dt, dn or docs, method and args;
	- /api/v2/doctype/<doctype>/count is COUNT_METHOD with that doctype;
	- a record's or a list's path is ("resource", doctype, name or None)."""
	form = frappe.local.form_dict
	cmd = form.get("cmd")
	if cmd:
		return Route("method", cmd if isinstance(cmd, str) else str(cmd), None, form)
	try:
		rule, values = API_URL_MAP.bind_to_environ(request.environ).match(return_rule=True)
	except HTTPException:  # not a path of the API (404), or a method the path does not take (405)
		return Route("", "", None, form)
	except Exception:  # a path the map cannot read (a bad converter value)
		return Route("", "", None, form)
	endpoint = getattr(rule.endpoint, "__name__", "")
	doctype, name = values.get("doctype"), values.get("name")
	if endpoint == "handle_rpc_call":
		method = values["method"]
		if doctype:  # frappe.api.v2.handle_rpc_call: the doctype's module's function
			return Route("method", module_function(doctype, method), None, form)
		return Route("method", method.split("/")[0], None, form)
	if endpoint == "execute_doc_method":
		method = values.get("method") or form.get("run_method")
		arguments = {k: v for k, v in form.items() if k not in ("run_method", "cmd")}
		return Route(
			"method", DOC_METHOD, None, {"dt": doctype, "dn": name, "method": method, "args": arguments}
		)
	if rule.rule.endswith("/method/run_doc_method"):  # frappe.api.v2.run_doc_method
		return Route(
			"method",
			DOC_METHOD,
			None,
			{"docs": form.get("document"), "method": form.get("method"), "args": form.get("kwargs")},
		)
	if endpoint == "count":
		return Route("method", COUNT_METHOD, None, frappe._dict(form, doctype=doctype))
	if doctype and endpoint != "get_meta":
		return Route("resource", doctype, name, form)
	if "/method/" in rule.rule:  # v2's login, logout, ping, upload_file
		return Route("method", rule.rule.rsplit("/", 1)[-1], None, form)
	return Route("", "", None, form)


def module_function(doctype: str, function: str) -> str:
	"""The dotted name /api/v2/method/<doctype>/<function> runs: `function` of the doctype's controller module
	(frappe.api.v2.handle_rpc_call). A doctype Frappe does not know is returned as sent, "<doctype>/<function>"
	(Frappe refuses it)."""
	from frappe.modules.utils import load_doctype_module

	if not frappe.db.exists(
		"DocType", doctype
	):  # Frappe's look-up would throw, its message left in the response
		return f"{doctype}/{function}"
	try:
		return f"{load_doctype_module(doctype).__name__}.{function}"
	except ImportError:  # a doctype without a module of its own (custom): Frappe refuses it
		return f"{doctype}/{function}"


def is_installed_path(method) -> bool:
	"""Whether `method` is a dotted path into an installed app (frappe.get_attr of another app's path shows
	"App ... is not installed" besides the answer, helper-63 F5)."""
	return (
		isinstance(method, str) and "." in method and method.split(".", 1)[0] in frappe.get_installed_apps()
	)


# a dotted path that resolves -> what Frappe finds there (resolve_method): kept per process, as the code at a
# path does not change while a process runs; a path that does not resolve is not kept (any text may be sent)
RESOLVED: dict = {}


def resolve_method(method):
	"""What frappe.get_attr finds at the dotted path `method` of an installed app (the function Frappe runs for
	a request naming it), or None: not such a path, or nothing there (Frappe answers those). Resolved once per
	path and process, for the several checks of one request (request_shapes.refuse_alias, search_query,
	record_actions.check_doctype_method)."""
	if not is_installed_path(method):
		return None
	if method not in RESOLVED:
		try:
			RESOLVED[method] = frappe.get_attr(method)
		except Exception:  # no such module or attribute
			return None
	return RESOLVED[method]


def whitelisted_taking(method, parameters: tuple[str, ...]):
	"""The whitelisted function at `method` (resolve_method) whose first parameters are named `parameters`, else
	None. Frappe calls the method a link search (`query`), a tree (`tree_method`) or a mapper (`method`) names with
	their own arguments by position, so one of any other shape runs on the wrong arguments; a query's
	`page_length` is read as `page_len` (Frappe's queries use both)."""
	fn = resolve_method(method)
	if fn is None or fn not in frappe.whitelisted:
		return None
	try:
		names = list(inspect.signature(fn).parameters)[: len(parameters)]
	except (TypeError, ValueError):  # no signature to read
		return None
	return (
		fn if tuple(name.replace("page_length", "page_len") for name in names) == tuple(parameters) else None
	)
