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


def rest_get(user: str, path: str, params: dict | None = None):
	"""GET `path` as `user`; returns (status code, parsed JSON body)."""
	key, secret = api_credentials(user)
	query = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in (params or {}).items()}
	response = make_request(
		target=get_test_client().get,
		args=(path,),
		kwargs={"query_string": query, "headers": {"Authorization": f"token {key}:{secret}"}},
		site=frappe.local.site,
	)
	return response.status_code, response.json


def rest_post(user: str, path: str, data: dict):
	"""POST `data` as JSON to `path` as `user`; returns (status code, parsed JSON body)."""
	key, secret = api_credentials(user)
	response = make_request(
		target=get_test_client().post,
		args=(path,),
		kwargs={"json": data, "headers": {"Authorization": f"token {key}:{secret}"}},
		site=frappe.local.site,
	)
	return response.status_code, response.json


def rest_put(user: str, path: str, data: dict):
	"""PUT `data` as JSON to `path` as `user` (a document update); returns (status code, parsed JSON body)."""
	key, secret = api_credentials(user)
	response = make_request(
		target=get_test_client().put,
		args=(path,),
		kwargs={"json": data, "headers": {"Authorization": f"token {key}:{secret}"}},
		site=frappe.local.site,
	)
	return response.status_code, response.json
