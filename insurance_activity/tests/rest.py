"""REST calls as a given user against the real site, through frappe's WSGI app (token auth)."""

import json

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client


def api_credentials(user: str) -> tuple[str, str]:
	doc = frappe.get_doc("User", user)
	if not doc.api_key:
		doc.api_key = frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
	frappe.db.commit()
	return doc.api_key, secret


def token_request(method: str, user: str, path: str, headers: dict | None = None, **request):
	"""Call `path` with the test client's `method` ("get", "post", "put", "delete", "head") as `user`, by token;
	`headers` are sent besides the token's (Accept-Language: a script asking for its language); `request`
	goes to the client (query_string, json, ...). Returns the test client's response."""
	key, secret = api_credentials(user)
	return make_request(
		target=getattr(get_test_client(), method),
		args=(path,),
		kwargs={**request, "headers": {**(headers or {}), "Authorization": f"token {key}:{secret}"}},
		site=frappe.local.site,
	)


def rest_request(method: str, user: str, path: str, headers: dict | None = None, **request):
	"""token_request, answered as (status code, parsed JSON body)."""
	response = token_request(method, user, path, headers, **request)
	return response.status_code, response.json


def rest_download(user: str, path: str) -> tuple[int, bytes]:
	"""GET `path` (a file: `/private/files/...`, a page) as `user`, by token; returns (status code, the body's
	bytes)."""
	response = token_request("get", user, path)
	return response.status_code, response.data


def rest_get(user: str, path: str, params: dict | None = None):
	"""GET `path` as `user`; returns (status code, parsed JSON body)."""
	query = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in (params or {}).items()}
	return rest_request("get", user, path, query_string=query)


def rest_post(user: str, path: str, data: dict):
	"""POST `data` as JSON to `path` as `user`; returns (status code, parsed JSON body)."""
	return rest_request("post", user, path, json=data)


def rest_put(user: str, path: str, data: dict):
	"""PUT `data` as JSON to `path` as `user` (a document update); returns (status code, parsed JSON body)."""
	return rest_request("put", user, path, json=data)


def guest_post(path: str, data: dict):
	"""POST `data` as JSON to `path` without signing in (as Guest); returns (status code, parsed JSON body)."""
	response = make_request(
		target=get_test_client().post, args=(path,), kwargs={"json": data}, site=frappe.local.site
	)
	return response.status_code, response.json


def rest_head(user: str, path: str) -> int:
	"""HEAD `path` as `user`, by token (Werkzeug answers it with the GET handler, body left out); returns the
	status code."""
	return token_request("head", user, path).status_code
