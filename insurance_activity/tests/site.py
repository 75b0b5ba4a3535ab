"""Connect this pytest process to the real test site (no fake frappe): imported by the conftests."""

import os

import frappe


def connect_test_site() -> str:
	site = os.environ.get("IA_TEST_SITE", "ia-test.localhost")
	if getattr(frappe.local, "site", None) != site or not getattr(frappe.local, "db", None):
		frappe.init(site=site, sites_path=os.environ.get("IA_SITES_PATH", "."))
		frappe.connect()
		frappe.flags.in_test = True
		# test classes make whole organisations; frappe otherwise refuses more than 60 new users a minute
		frappe.local.conf.throttle_user_limit = 100_000
		frappe.set_user("Administrator")
	return site
