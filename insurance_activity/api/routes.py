"""What a request asks for, read as Frappe v15 routes it (frappe.app.application, frappe.api): the one reading
of a request's method or resource for every check of the app keyed on it (api.request_shapes,
permissions.record_actions)."""

import frappe

# the paths of Frappe v15's REST API to a method and to a record (frappe.api: /api, /api/v1 and /api/v2)
ROUTES = (
	("method", "/api/method/"),
	("method", "/api/v1/method/"),
	("method", "/api/v2/method/"),
	("resource", "/api/resource/"),
	("resource", "/api/v1/resource/"),
	("resource", "/api/v2/document/"),
)


def route_of(request) -> tuple[str, str]:
	"""What a request asks for: ("method", the dotted method name) for the desk's `cmd` (wherever it is sent) or
	a method's path of any of Frappe's API versions, ("resource", "<doctype>[/<name>...]") for a record's or a list's
	path, ("", "") for anything else (a page, a file). Every check of a path reads it here, so no version of
	the API goes round them."""
	# Frappe runs a request's `cmd` before it looks at the path (frappe.app.application): a `cmd` sent to any
	# path, /api/method/ping included, is the method that runs (a fresh user's probe went round every check so)
	cmd = frappe.local.form_dict.get("cmd")
	if cmd:
		return "method", cmd if isinstance(cmd, str) else str(cmd)
	path = request.path or ""
	for kind, prefix in ROUTES:
		if path.startswith(prefix):
			return kind, path[len(prefix) :]
	return "", ""
