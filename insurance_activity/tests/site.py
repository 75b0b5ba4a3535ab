"""Connect this pytest process to the real test site (no fake frappe): imported by the conftests."""

import os
import unittest

import frappe
from frappe.installer import update_site_config

TEST_USER_LIMIT = 100_000


def connect_test_site() -> str:
	site = os.environ.get("IA_TEST_SITE", "ia-test.localhost")
	if getattr(frappe.local, "site", None) != site or not getattr(frappe.local, "db", None):
		frappe.init(site=site, sites_path=os.environ.get("IA_SITES_PATH", "."))
		frappe.connect()
		frappe.flags.in_test = True
		# test classes make whole organisations; frappe otherwise refuses more than 60 new users a minute.
		# In the test site's config: FrappeTestCase re-reads the site config after every test class.
		if frappe.local.conf.get("throttle_user_limit") != TEST_USER_LIMIT:
			update_site_config("throttle_user_limit", TEST_USER_LIMIT)
			frappe.local.conf.throttle_user_limit = TEST_USER_LIMIT
		frappe.set_user("Administrator")
	return site


# The test command's second pass runs the suites with the clock at a hostile instant (libfaketime, dev/test.py).
# A few long tests whose subject does not depend on the clock run in the real-time pass only, to keep the
# whole command inside CI's 90 minutes.
CLOCK_FAKED = bool(os.environ.get("FAKETIME"))
real_time_only = unittest.skipIf(CLOCK_FAKED, "clock-independent and long: run in the real-time pass only")
