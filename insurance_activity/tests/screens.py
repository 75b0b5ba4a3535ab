"""The base of the tests that look at the desk as a person on a phone would.

Each class makes its records, gives the users who log in one password, serves the site with `bench serve`
and opens its pages in headless Chromium at a phone's 390 x 844 (dev/browser.py and dev/browser/*.js do
the work: install what is missing, serve, log in, picture, read facts from the page).
"""

import contextlib
import sys
from collections.abc import Iterable
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import update_password

REPO = Path(__file__).resolve().parents[2]

# frappe-charts, when a chart is redrawn while its first drawing still animates (seen on Daily Activity and on
# the Agency Activity workspace at 390 px): the chart's own error, not the app's
CHART_REDRAW_RACE = "Failed to execute 'removeChild' on 'Node'"


def errors_of_ours(errors: list[str], not_ours: tuple[str, ...] = ()) -> list[str]:
	"""The page's errors but those containing one of `not_ours` (a framework's own)."""
	return [error for error in errors if not any(e in error for e in not_ours)]


def dev_browser():
	"""dev/browser.py, which lives outside the app (dev/test.py and dev/stack.py import it too)."""
	if str(REPO / "dev") not in sys.path:
		sys.path.insert(0, str(REPO / "dev"))
	import browser

	return browser


class PhoneScreenTestCase(FrappeTestCase):
	"""Serves the site after `make_records` and opens its pages logged in at a phone's size.

	A subclass sets PASSWORD and makes its records in `make_records`, which returns the users who log in.
	"""

	WIDTH, HEIGHT = 390, 844
	PASSWORD: str

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.browser = dev_browser()
		cls.browser.ensure_browser()
		for user in cls.make_records():
			update_password(user, cls.PASSWORD)
		frappe.db.commit()  # the served site reads through its own connection

		server = contextlib.ExitStack()
		cls.addClassCleanup(server.close)
		cls.url = server.enter_context(cls.browser.serve_site(frappe.local.site))

	@classmethod
	def make_records(cls) -> Iterable[str]:
		"""Make what the screens show; return the users who log in."""
		raise NotImplementedError

	def screenshot(
		self,
		user: str,
		path: str,
		out: Path,
		wait_for: str,
		evaluate: str | None = None,
		not_ours: tuple[str, ...] = (),
	) -> dict:
		"""Open `path` as `user` at the phone's size once `wait_for` shows; picture it at `out`.

		Returns dev/browser.py's facts of the page (scrollWidth, cards, and the value of `evaluate` under
		"checks"); the page raised no error but those containing one of `not_ours` (a framework's own).
		"""
		facts = self.browser.screenshot(
			self.url, path, user, self.PASSWORD, out, self.WIDTH, self.HEIGHT, wait_for, evaluate=evaluate
		)
		self.assertTrue(out.exists())
		self.assertEqual(errors_of_ours(facts["errors"], not_ours), [])
		return facts
