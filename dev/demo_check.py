#!/usr/bin/env python3
"""Check a demo site as its users would: every printed login works, the admin sees the app's workspace,
an agent's log form renders, and each kind of user's pages of the README's tour draw. Saves the
screenshots under docs/screenshots/.

    dev/demo_check.py [--site insurance.localhost]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser
import stack

SHOTS = stack.REPO / "docs" / "screenshots"


# Awaited before the picture: the workspace's charts draw after its cards (each asks the server on its own):
# every chart drawn and no request still out, then a second for the charts' animation.
CHARTS_DRAWN = """new Promise((done) => {
	const drawn = () => document.querySelectorAll(".dashboard-widget-box svg").length;
	const started = Date.now();
	const settled = () => drawn() >= 3 && frappe.request.ajax_count === 0;
	const check = () => (settled() || Date.now() - started > 30000 ? setTimeout(() => done(drawn()), 1000) : setTimeout(check, 250));
	check();
})"""


# The README's tour (one picture per row): file under docs/screenshots, the demo login's role, the page, its
# size, and what shows once the page is drawn. Each user sees the desk in their own language.
TOUR = (
	("campaign_form.png", "office manager", "/app/activity-campaign/{campaign}", 1280, 1100, ".form-documents"),
	("campaign_calendar.png", "activity admin", "/app/activity-campaign/view/calendar/default", 1280, 900,
		".fc-view-harness, .fc-view-container"),
	("invitations_390.png", "agent", "/app/activity-campaign-invitee", 390, 844, ".frappe-list"),
	("contest_leaderboard_390.png", "agent", "/app/contest-leaderboard", 390, 844, ".layout-main-section"),
	("customer_quadrants_390.png", "agent", "/app/customer-quadrant", 390, 844, ".frappe-list"),
	("daily_activity.png", "office manager", "/app/query-report/Daily Activity", 1280, 900, ".dt-scrollable"),
	("unit_evaluation.png", "office manager", "/app/query-report/Unit Evaluation", 1280, 900, ".dt-scrollable"),
	("callback_checks.png", "callback officer", "/app/callback-check", 1280, 860, ".frappe-list"),
	("meeting_sessions.png", "office manager", "/app/meeting-session", 1280, 860, ".frappe-list"),
	("reward_settlements.png", "finance", "/app/reward-settlement", 1280, 860, ".frappe-list"),
)  # fmt: skip


def session(url: str, user: str, password: str):
	opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
	data = urllib.parse.urlencode({"usr": user, "pwd": password}).encode()
	opener.open(f"{url}/api/method/login", data, timeout=30)
	return opener


def get_json(opener, url: str) -> dict:
	with opener.open(url, timeout=30) as response:
		return json.loads(response.read())


def login_works(url: str, user: str, password: str) -> str:
	return get_json(session(url, user, password), f"{url}/api/method/frappe.auth.get_logged_user")["message"]


def latest_submitted_log(url: str, user: str, password: str) -> str:
	query = urllib.parse.urlencode(
		{"filters": json.dumps([["docstatus", "=", 1]]), "order_by": "log_date desc", "limit_page_length": 1}
	)
	return get_json(session(url, user, password), f"{url}/api/resource/Agent%20Log?{query}")["data"][0][
		"name"
	]


def latest_campaign(url: str, user: str, password: str) -> str:
	query = urllib.parse.urlencode({"filters": json.dumps([["docstatus", "=", 1]]), "limit_page_length": 1})
	return get_json(session(url, user, password), f"{url}/api/resource/Activity%20Campaign?{query}")["data"][
		0
	]["name"]


def take_tour(url: str, logins: dict) -> None:
	"""The README tour's pictures (TOUR), each as its user sees the page."""
	campaign = latest_campaign(url, *logins["office manager"])
	for name, role, path, width, height, wait_for in TOUR:
		user, password = logins[role]
		facts = browser.screenshot(url, path.format(campaign=campaign), user, password, SHOTS / name,
			width, height, wait_for)  # fmt: skip
		print(f"  {role:<18} {name:<30} scrollWidth={facts.get('scrollWidth')}")


def main() -> int:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", default="insurance.localhost")
	args = parser.parse_args()
	logins = json.loads((stack.BENCH / "sites" / args.site / "demo_logins.json").read_text())
	browser.ensure_browser()
	failures = 0
	with browser.serve_site(args.site) as url:
		for role, (user, password) in logins.items():
			logged = login_works(url, user, password)
			ok = logged == user
			failures += not ok
			print(f"  login {role:<18} {user:<45} {'ok' if ok else 'FAILED: ' + logged}")
		admin, admin_password = logins["admin"]
		facts = browser.screenshot(url, "/app/insurance-activity", admin, admin_password,
			SHOTS / "workspace.png", 1280, 860, ".codex-editor, .workspace-skeleton, .layout-main-section")  # fmt: skip
		print(f"  admin workspace: {facts}")
		manager, manager_password = logins["office manager"]
		for name, width, height in (
			("agency_activity.png", 1280, 900),
			("agency_activity_390.png", 390, 844),
		):
			facts = browser.screenshot(url, "/app/agency-activity", manager, manager_password, SHOTS / name,
				width, height, ".number-widget-box .widget-content .number", evaluate=CHARTS_DRAWN)  # fmt: skip
			print(f"  office manager's Agency Activity at {width} px: {facts}")
		agent, agent_password = logins["agent"]
		facts = browser.screenshot(url, "/app/agent-log?agent_name=", agent, agent_password,
			SHOTS / "agent_log_list.png", 1280, 860, ".frappe-list, .list-row-container")  # fmt: skip
		print(f"  agent log list: {facts}")
		log = latest_submitted_log(url, agent, agent_password)
		facts = browser.screenshot(url, f"/app/agent-log/{log}", agent, agent_password,
			SHOTS / "agent_log_form.png", 1280, 1500, ".form-layout")  # fmt: skip
		print(f"  agent log form: {facts}")
		take_tour(url, logins)
	return 1 if failures else 0


if __name__ == "__main__":
	sys.exit(main())
