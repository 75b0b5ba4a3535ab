"""What a supervisor and a callback officer meet on their screens (issue 12, part 2), on a real site and, for
what only a person sees, in headless Chromium at 390 x 844 on a Chinese desk (User.language "zh"):
the team board's call time and date picker, the supervisor's own log on a phone, a closed callback check,
the meeting list and a meeting's KPI snapshot and open items."""

import json
from datetime import time
from pathlib import Path

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, formatdate, getdate, today

from insurance_activity.api.team_board import get_board, record_tracking_call
from insurance_activity.meetings.setup import WEEKLY_REVIEW
from insurance_activity.tests.artifacts import ARTIFACTS
from insurance_activity.tests.factories import make_log, make_org
from insurance_activity.tests.integration.test_callback_check import close_as, manual_check
from insurance_activity.tests.integration.test_meetings import hold, last_month_first_day, month_sessions
from insurance_activity.tests.screens import CHART_REDRAW_RACE, PhoneScreenTestCase

REPO = Path(__file__).resolve().parents[3]
SHOTS = ARTIFACTS / "screens"
CHECK = "Callback Check"
SESSION = "Meeting Session"


def interview(phone: str, customer: str):
	return ("Sales Interview", 1, None, None, phone, customer)


def tracking_call_at(supervisor_user: str, report: str, at: time) -> str:
	"""A tracking call recorded through the board, then moved to the clock time `at`; the log's name."""
	frappe.set_user(supervisor_user)
	try:
		record_tracking_call(report, notes="On track")
	finally:
		frappe.set_user("Administrator")
	row = frappe.get_all(
		"Agent Log Tracking Call", filters={"report": report}, fields=["name", "parent"], limit=1
	)[0]
	frappe.db.set_value("Agent Log Tracking Call", row.name, "call_time", at)
	return row.parent


def check_assigned_to(officer: str, prefix: str, phone: str):
	"""A Pending manual check, made in an English session, of a visit of the prefix's agent A1."""
	org = make_org(prefix)
	log = make_log(org.agent_a1, getdate(today()), [interview(phone, f"{prefix} Customer")])
	return manual_check(log, 1, officer)


class TestSupervisorAndOfficerScreens(FrappeTestCase):
	"""The rules behind the screens, without a browser."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("SCS")

	def test_a_tracking_call_before_ten_reads_hour_and_minutes_without_a_stray_colon(self):
		tracking_call_at(self.org.users.sup_a, self.org.agent_a1, time(8, 30))
		tracking_call_at(self.org.users.sup_a, self.org.agent_a2, time(14, 5))
		frappe.set_user(self.org.users.sup_a)
		try:
			board = get_board(date=today())
		finally:
			frappe.set_user("Administrator")
		times = {card["employee"]: card["call_time"] for card in board["reports"]}
		self.assertEqual(times, {self.org.agent_a1: "8:30", self.org.agent_a2: "14:05"})

	def test_the_call_dialogs_result_reads_as_a_result_not_a_grade(self):
		"""Frappe's own Chinese for a bare "Result" is 成绩 (a grade); the call dialog's label says 结果."""
		from frappe.translate import get_messages_from_file

		script = REPO / "insurance_activity/verification/doctype/callback_check/callback_check.js"
		labels = [
			(text, context)
			for _path, text, context, _line in get_messages_from_file(str(script))
			if text == "Result"
		]
		self.assertTrue(labels)
		for text, context in labels:
			self.assertEqual(frappe._(text, lang="zh", context=context), "结果")

	def test_pending_has_one_chinese_translation_wherever_it_shows(self):
		# the check's status (form and list), a spot-check's result on the log, a log's review status
		readings = {
			context: _("Pending", lang="zh", context=context)
			for context in (None, CHECK, "Agent Log", "Agent Log Activity")
		}
		self.assertEqual(set(readings.values()), {"待处理"}, readings)
		self.assertIn("“待处理”", _("Pending until the check is closed with an outcome.", lang="zh"))

	def test_the_assignment_line_of_a_check_is_in_the_officers_language(self):
		frappe.db.set_value("User", self.org.users.officer, "language", "zh")
		frappe.local.lang = "en"  # the sampling job's or an English admin's session
		check = check_assigned_to(self.org.users.officer, "SCS", "13955550001")
		lines = frappe.get_all(
			"Comment",
			filters={"reference_doctype": CHECK, "reference_name": check.name, "comment_type": "Assigned"},
			pluck="content",
		)
		self.assertEqual(len(lines), 1, lines)
		self.assertIn("分配", lines[0])  # "{0} assigned {1}: {2}" in Chinese
		self.assertNotIn("assigned", lines[0])
		todo = frappe.get_all("ToDo", filters={"reference_name": check.name}, pluck="description")
		self.assertTrue(todo[0].startswith("致电"), todo)  # the officer's to-do itself

	def test_a_meeting_title_starts_with_its_date(self):
		session = month_sessions(self.org.office_a, last_month_first_day(), WEEKLY_REVIEW)[0]
		self.assertTrue(session.title.startswith(formatdate(session.scheduled_date)), session.title)


# ---------------------------------------------------------------- in the browser, 390 px, Chinese desk
TEAM_BOARD_CHECK = """(async () => {
	const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
	const chips = [...document.querySelectorAll(".tb-chip.is-done")].map((e) =>
		e.textContent.replace(/\\s+/g, " ").trim());
	const board = frappe.pages["team-board"].team_board;
	// two days back: the browser's and the server's clocks may stand either side of midnight in the hostile-clock pass
	const past = frappe.datetime.add_days(frappe.datetime.get_today(), -2);
	const user_date = frappe.datetime.str_to_user(past);
	const input = document.querySelector(".tb-date");
	if (board.date_picker) await board.date_picker.set_value(past);
	else { input.value = past; input.dispatchEvent(new Event("change", { bubbles: true })); }
	const heading = () => (document.querySelector(".tb-heading-date") || {}).textContent || "";
	for (let i = 0; i < 50 && !heading().includes(user_date); i++) await sleep(200);
	return { chips, input_type: input.type, input_value: input.value, heading: heading().trim(), user_date };
})()"""

LOG_FORM_CHECK = """(async () => {
	await new Promise((r) => setTimeout(r, 1500));
	// the sidebar names people; on the demo one was a long e-mail address (no hyphen: nowhere to break),
	// which no test user has: add one
	const sidebar = document.querySelector(".layout-side-section .overlay-sidebar") ||
		document.querySelector(".layout-side-section");
	const email = document.createElement("div");
	email.textContent = "supervisor.pudong.team01@demolifeinsuranceshanghai.example.com";
	sidebar.appendChild(email);
	await new Promise((r) => setTimeout(r, 300));
	const leaks = new Set();
	for (let y = 0; y < window.innerHeight; y += 4) {
		for (const x of [1, 5, 10]) {
			const el = document.elementFromPoint(x, y);
			if (el && el.closest(".layout-side-section")) leaks.add((el.textContent || el.tagName).trim().slice(0, 40));
		}
	}
	const message = document.querySelector(".form-message");
	const close = message && message.querySelector(".close-message svg, .close-message");
	// the text's box must end before the close button: whatever the text, in any language, it cannot
	// wrap under the button (a Chinese line breaks anywhere, so it reaches the box's right edge)
	let overlap = 0, headline = "";
	if (message && close) {
		const text = message.firstElementChild.getBoundingClientRect();
		headline = message.firstElementChild.textContent.trim();
		const c = close.getBoundingClientRect();
		const w = Math.min(text.right, c.right) - Math.max(text.left, c.left);
		const h = Math.min(text.bottom, c.bottom) - Math.max(text.top, c.top);
		if (w > 0 && h > 0) overlap = w * h;
	}
	return { leaks: [...leaks], overlap, headline, height: document.scrollingElement.scrollHeight };
})()"""

CLOSED_CHECK_CHECK = """(async () => {
	await new Promise((r) => setTimeout(r, 1500));
	const shown = (el) => el && el.offsetParent !== null && getComputedStyle(el).visibility !== "hidden";
	const texts = (sel) => [...document.querySelectorAll(sel)].filter(shown).map((e) => e.textContent.replace(/\\s+/g, " ").trim());
	const inputs = [...document.querySelectorAll(".form-layout .frappe-control[data-fieldname]")]
		.filter((c) => shown(c.querySelector("input:not([type=checkbox]), textarea, select")))
		.map((c) => c.dataset.fieldname);
	return {
		save: texts(".page-head .primary-action"),
		add_row: texts(".grid-add-row").length,
		editable: inputs,
		status: texts(".page-head .indicator-pill"),
		assignment: texts(".timeline-item").filter((t) => /assigned|分配/.test(t)),
	};
})()"""

LOG_A_CALL = """(async () => {
	const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
	const label = __("Log a Call");
	for (let i = 0; i < 50 && !(window.cur_frm && cur_frm.custom_buttons[label]); i++) await sleep(200);
	if (!(window.cur_frm && cur_frm.custom_buttons[label])) return { pressed: false };
	cur_frm.custom_buttons[label].trigger("click");
	for (let i = 0; i < 50 && !(window.cur_dialog && cur_dialog.fields_dict.result); i++) await sleep(200);
	await cur_dialog.set_value("result", "Answered");
	cur_dialog.get_primary_btn().trigger("click");
	for (let i = 0; i < 50 && cur_frm.doc.attempt_count !== 1; i++) await sleep(200);
	return { pressed: true, attempts: cur_frm.doc.attempt_count, status: cur_frm.doc.status };
})()"""

MEETING_LIST_CHECK = """(async () => {
	await new Promise((r) => setTimeout(r, 1000));
	return [...document.querySelectorAll(".list-row-container .list-subject a.ellipsis")].map((a) => {
		const node = [...a.childNodes].find((n) => n.nodeType === 3 && /\\d{2}-\\d{2}-\\d{4}/.test(n.textContent));
		const box = a.getBoundingClientRect();
		let date_shown = false;
		if (node) {
			const at = node.textContent.search(/\\d{2}-\\d{2}-\\d{4}/);
			const range = document.createRange();
			range.setStart(node, at);
			range.setEnd(node, at + 10);
			const r = range.getBoundingClientRect();
			date_shown = r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
		}
		return { title: a.textContent.trim(), date_shown };
	});
})()"""

MEETING_FORM_CHECK = """(async () => {
	await new Promise((r) => setTimeout(r, 1500));
	const shown = (el) => el && el.offsetParent !== null;
	const grid = (field) => document.querySelector(`.frappe-control[data-fieldname="${field}"]`);
	const cells = (field, column) => [...grid(field).querySelectorAll(`.grid-body .grid-row [data-fieldname="${column}"]`)]
		.map((e) => e.textContent.trim());
	const rows = (field) => [...grid(field).querySelectorAll(".grid-body .grid-row")].map((e) => e.textContent.replace(/\\s+/g, " ").trim());
	return {
		kpi_shown: shown(grid("kpi_snapshot")) && shown(grid("kpi_snapshot").querySelector(".form-grid")),
		metrics: cells("kpi_snapshot", "metric"),
		open_items: rows("previous_open_items"),
	};
})()"""


class TestSupervisorAndOfficerScreensOnAPhone(PhoneScreenTestCase):
	"""The same screens as a Chinese-desk supervisor, officer and office manager see them on a 390 x 844 phone."""

	PASSWORD = "Phone-Screens-2026!"
	# the supervisor's own log with its 111 sections: 4,376 px on the demo and 4,782 px here before the
	# secondary sections collapsed, 2,911 px after; a little room for fields still to come
	LOG_HEIGHT_LIMIT = 3200

	@classmethod
	def make_records(cls):
		org = cls.org = make_org("SCP")
		users = (org.users.sup_a, org.users.manager_a, org.users.officer)
		for user in users:
			frappe.db.set_value("User", user, "language", "zh")
		day = getdate(today())
		make_log(
			org.agent_a1,
			day,
			[("Phone Appointment", 5), interview("13966660001", "SCP Customer 1")],
			today_plan="Follow up the proposal",
		)
		cls.sup_log = tracking_call_at(org.users.sup_a, org.agent_a1, time(8, 30))

		log = make_log(
			org.agent_a2,
			add_days(day, -1),
			[interview("13966660002", "SCP Customer 2")],
			ignore_edit_window=True,
			amendment_reason="test data",
		)
		check = manual_check(log, 1, org.users.officer)
		cls.closed_check = close_as(org.users.officer, check.name, "Confirmed").name
		log = make_log(
			org.agent_b1,
			add_days(day, -1),
			[interview("13966660003", "SCP Customer 3")],
			ignore_edit_window=True,
			amendment_reason="test data",
		)
		cls.pending_check = manual_check(log, 1, org.users.officer).name

		weekly = month_sessions(org.office_a, last_month_first_day(), WEEKLY_REVIEW)
		first, second = weekly[0], frappe.get_doc(SESSION, weekly[1].name)
		first.append(
			"action_items",
			{
				"action": "Customer inventory by Friday",
				"responsible": org.sup_a,
				"due_date": add_days(first.scheduled_date, 7),
			},
		)
		hold(first)
		cls.open_todo = first.action_items[0].todo
		second.save()
		hold(frappe.get_doc(SESSION, second.name))
		cls.meeting = second.name
		return users

	def look(self, user: str, path: str, picture: str, wait_for: str, check: str, not_ours=()):
		out = SHOTS / picture
		facts = self.screenshot(user, path, out, wait_for, evaluate=check, not_ours=not_ours)
		# what the check saw, beside the picture (heights, texts), for a person comparing before and after
		out.with_suffix(".json").write_text(json.dumps(facts["checks"], ensure_ascii=False, indent=1))
		return facts["checks"]

	def test_team_board_shows_the_call_time_without_a_colon_and_the_picker_in_the_heading_format(self):
		today_seen = self.look(
			self.org.users.sup_a,
			"/app/team-board",
			"team_board_today.png",
			".team-board .report-card",
			"""[...document.querySelectorAll(".tb-chip.is-done")].map((e) => e.textContent.trim())""",
		)
		self.assertTrue(today_seen)
		seen = self.look(
			self.org.users.sup_a,
			"/app/team-board",
			"team_board.png",
			".team-board .report-card",
			TEAM_BOARD_CHECK,
		)
		self.assertIn("已追踪 8:30", seen["chips"][0])
		self.assertNotIn("8:30:", seen["chips"][0])
		self.assertNotEqual(seen["input_type"], "date", "a browser date input follows the browser's locale")
		self.assertEqual((seen["input_value"], seen["heading"]), (seen["user_date"], seen["user_date"]))

	def test_the_supervisors_own_log_on_a_phone_hides_the_sidebar_and_is_short(self):
		seen = self.look(
			self.org.users.sup_a,
			f"/app/agent-log/{self.sup_log}",
			"supervisor_log.png",
			'.frappe-control[data-fieldname="activities"]',
			LOG_FORM_CHECK,
		)
		self.assertEqual(seen["leaks"], [], "nothing of the sidebar at the left edge")
		self.assertTrue(seen["headline"])
		# what the day lacks reads in the reader's language, whoever saved the log (today may be a day off)
		if frappe.db.get_value("Agent Log", self.sup_log, "is_working_day"):
			self.assertIn("电话约访：差", seen["headline"])
		else:
			self.assertIn("非工作日", seen["headline"])
		self.assertNotIn("short by", seen["headline"])
		self.assertEqual(seen["overlap"], 0, "the headline's text runs under its close button")
		self.assertLessEqual(seen["height"], self.LOG_HEIGHT_LIMIT)

	def test_a_closed_check_offers_no_save_no_add_row_and_a_chinese_assignment_line(self):
		seen = self.look(
			self.org.users.officer,
			f"/app/callback-check/{self.closed_check}",
			"closed_callback_check.png",
			".form-layout",
			CLOSED_CHECK_CHECK,
		)
		self.assertEqual(seen["save"], [])
		self.assertEqual(seen["add_row"], 0)
		self.assertEqual(seen["editable"], [])
		self.assertTrue(seen["assignment"], seen)
		self.assertTrue(all("分配" in line and "assigned" not in line for line in seen["assignment"]), seen)

	def test_the_officer_logs_a_call_from_the_check_on_a_phone(self):
		"""The form's Log a Call is the check's own method (frm.call record_call), pressed as an officer would."""
		seen = self.look(
			self.org.users.officer,
			f"/app/callback-check/{self.pending_check}",
			"callback_check_log_a_call.png",
			".form-layout",
			LOG_A_CALL,
		)
		self.assertEqual((seen["pressed"], seen["attempts"], seen["status"]), (True, 1, "Pending"), seen)
		frappe.db.rollback()  # a fresh snapshot: the served site wrote the call through its own connection
		check = frappe.get_doc(CHECK, self.pending_check)
		self.assertEqual(
			[(a.result, a.called_by) for a in check.attempts], [("Answered", self.org.users.officer)]
		)

	def test_the_meeting_list_shows_each_titles_date(self):
		seen = self.look(
			self.org.users.manager_a,
			"/app/meeting-session",
			"meeting_list.png",
			".list-row-container .list-subject",
			MEETING_LIST_CHECK,
		)
		self.assertTrue(seen)
		self.assertTrue(all(row["date_shown"] for row in seen), seen)

	def test_a_meetings_kpi_snapshot_is_open_in_chinese_and_open_items_read_as_actions(self):
		seen = self.look(
			self.org.users.manager_a,
			f"/app/meeting-session/{self.meeting}",
			"meeting_kpi_open_items.png",
			'.frappe-control[data-fieldname="meeting_type"]',
			MEETING_FORM_CHECK,
		)
		self.assertTrue(seen["kpi_shown"], "the KPI snapshot is expanded")
		self.assertTrue(seen["metrics"])
		self.assertTrue(all(not metric.isascii() for metric in seen["metrics"]), seen["metrics"])
		self.assertTrue(seen["open_items"])
		self.assertTrue(all("Customer inventory" in row for row in seen["open_items"]), seen["open_items"])
		self.assertTrue(all(self.open_todo not in row for row in seen["open_items"]), seen["open_items"])

	def test_the_script_reports_build_their_unit_and_date_filters_from_the_shared_ones(self):
		"""The date range, group-by and office filters are written once (public/js/report_filters.js, loaded
		with the desk before a report's own script); each report opens with them, in Chinese, no error."""
		reports = {
			"Daily Activity": (
				["from_date", "to_date", "group_by", "office", "supervisor"],
				["Office", "Branch"],
			),
			"Callback Verification Rates": (
				["from_date", "to_date", "group_by", "period", "office", "source"],
				["Office", "Branch"],
			),
			"Meeting Compliance": (["month", "year", "office", "meeting_type"], ["Office", "Branch"]),
			"Conduct Incidents": (["from_date", "to_date", "office"], ["Office"]),
			"Weekly Process Mix": (["week_of", "office", "supervisor"], ["Office", "Branch"]),
			"Monthly Activity vs Results": (["month_of", "office", "supervisor"], ["Office", "Branch"]),
			"Unit Evaluation": (["month_of", "office"], ["Office", "Branch"]),
			"Customer Inventory": (["group_by", "on"], None),
			"Agent Monthly Evaluation": (["month_of", "office", "supervisor"], ["Office", "Branch"]),
		}
		for report, (fieldnames, levels) in reports.items():
			with self.subTest(report=report):
				seen = self.look(
					self.org.users.manager_a,
					f"/app/query-report/{report}",
					f"report_{frappe.scrub(report)}.png",
					'body[data-route^="query-report/"]',
					REPORT_FILTERS_CHECK.replace("REPORT", json.dumps(report)),
					not_ours=(CHART_REDRAW_RACE,),
				)
				self.assertTrue(seen["shared"], "insurance_activity.report_filters is loaded with the desk")
				self.assertEqual([name for name, _label, _reqd in seen["filters"]], fieldnames)
				self.assertEqual(seen["office_levels"], levels)
				labels = {name: (label, reqd) for name, label, reqd in seen["filters"]}
				if "group_by" in labels:
					self.assertEqual(labels["group_by"], (_("Group By", lang="zh"), 1))
				if report in ("Daily Activity", "Conduct Incidents"):
					self.assertEqual(labels["from_date"], (_("From Date", lang="zh"), 1))
					self.assertEqual(labels["to_date"], (_("To Date", lang="zh"), 1))
					self.assertEqual(labels["office"][0], _("Office", lang="zh", context="Department"))
				self.assertTrue(all(not label.isascii() for label, _reqd in labels.values()), labels)


# the report's filters once its script has run (waited for at most 60 s): the shared helpers present, each
# filter's fieldname, label and whether it is required, and the unit levels the office picker offers
REPORT_FILTERS_CHECK = """new Promise((resolve) => {
	const started = Date.now();
	const look = () => {
		const report = window.frappe && frappe.query_report;
		const ready = report && decodeURIComponent(report.report_name || "") === REPORT && report.filters && report.filters.length;
		if (!ready && Date.now() - started < 60000) return setTimeout(look, 200);
		const office = ready && report.get_filter("office");
		resolve({
			shared: !!(window.insurance_activity && insurance_activity.report_filters),
			filters: ready ? report.filters.map((f) => [f.df.fieldname, f.df.label, f.df.reqd || 0]) : [],
			office_levels: office ? office.df.get_query().filters.ia_unit_level[1] : null,
		});
	};
	look();
})"""
