"""The back office's day in a real browser (issue 19, part 1): a callback officer, an office manager, an admin
and finance, each driving the desk as a person would (the form's own buttons and dialogs, in headless
Chromium), and each journey asserting what the person sees: figures and states, not only that a page loaded.

1. A callback officer on a phone (Chinese desk) works the day's checks: confirms one visit and records a visit
   that did not happen; the agent's supervisor then sees the Conduct Incident, and the agent's log no longer
   counts the visit in its subtotal (小计).
2. An office manager on a phone (Chinese desk) opens this week's review (周复盘会), marks attendance, fills
   the check step (检视), scores it and sees its action items as ToDos; the quality check (质检) is then
   completed by an admin, as the host may not assess their own meeting.
3. An admin on a 1366 px desk (English) creates a Points Contest and the campaign announcing it with desk forms
   only, and sees it on the Activity Calendar (行事历).
4. Finance (English) approves a Reward Settlement and opens the Additional Salary it made.

Every date is explicit: the visit's day is the last working day before today by the site's own Holiday
Lists, the meeting is the latest weekly review on or before today, the contest runs next month; so the
journeys hold at any instant, also under the test command's hostile clock.
"""

import json

import frappe
from frappe import _
from frappe.utils import add_days, add_months, get_first_day, getdate, today

from insurance_activity.meetings.setup import WEEKLY_REVIEW
from insurance_activity.permissions.roles import INSURANCE_AGENT, INSURANCE_SUPERVISOR
from insurance_activity.rules import rewards
from insurance_activity.tests.artifacts import ARTIFACTS
from insurance_activity.tests.factories import (
	last_working_day,
	make_employee,
	make_log,
	make_org,
	make_user,
	set_settings,
)
from insurance_activity.tests.integration.test_activity_campaign import remove_campaigns
from insurance_activity.tests.integration.test_callback_check import interview, manual_check
from insurance_activity.tests.integration.test_meetings import month_sessions
from insurance_activity.tests.reward_factories import (
	give_salary_structure,
	make_reward_contest,
	make_settlement,
	set_accrual_accounts,
)
from insurance_activity.tests.screens import PhoneScreenTestCase

PREFIX = "JBO"
SHOTS = ARTIFACTS / "journeys"
DESK = 1366

# In the page: wait for a condition (polled, at most `ms`); open a route and wait for its form
HELPERS = """const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const wait = async (cond, ms = 20000) => {
	const start = Date.now();
	while (!(await cond())) {
		if (Date.now() - start > ms) return false;
		await sleep(200);
	}
	return true;
};
const open_form = async (doctype, name) => {
	frappe.set_route("Form", doctype, name);
	await wait(() => window.cur_frm && cur_frm.doctype === doctype && cur_frm.doc.name === name && !cur_frm.is_new());
	await sleep(800);  // the form's refresh: buttons, headline
};
const shown = (el) => !!el && el.offsetParent !== null;
const text = (el) => (el ? el.textContent.replace(/\\s+/g, " ").trim() : "");
const pill = () => text([...document.querySelectorAll(".page-head .indicator-pill")].find(shown));
const headline = () => text(document.querySelector(".form-message"));
const press = async (label) => {
	await wait(() => cur_frm.custom_buttons[label]);
	cur_frm.custom_buttons[label].trigger("click");
	await wait(() => window.cur_dialog && cur_dialog.display);
	return cur_dialog;
};"""


def within(script: str, seconds: int = 90) -> str:
	"""The page script, answered with {"timeout": true} after `seconds` instead of hanging the browser (a
	dialog the journey did not expect leaves a save waiting forever)."""
	return f"Promise.race([{script}, new Promise((r) => setTimeout(() => r({{timeout: true}}), {seconds * 1000}))])"


def journey(body: str, **values) -> str:
	"""An async page script: HELPERS, the test's values as `V`, then `body`."""
	return within(
		f"(async () => {{\n{HELPERS}\nconst V = {json.dumps(values, default=str, ensure_ascii=False)};\n{body}\n}})()"
	)


# ---------------------------------------------------------------- 1. the callback officer's day
# On the officer's list of the day's checks: each check's status; then, on each check's form, the officer's
# own buttons: Log a Call (answered), Close Check with the outcome; back on the list, the statuses again
OFFICER_WORKS_THE_DAY = """
const listed = async () => {
	await wait(() => window.cur_list && cur_list.doctype === "Callback Check" && cur_list.data && cur_list.data.length);
	await sleep(500);
	return Object.fromEntries([...document.querySelectorAll(".list-row-container")].map((row) => [
		(row.querySelector(".list-row-checkbox") || {}).dataset.name, text(row.querySelector(".indicator-pill"))]));
};
const before = await listed();
const worked = {};
for (const [name, outcome] of V.outcomes) {
	await open_form("Callback Check", name);
	const pending = pill();
	let dialog = await press(__("Log a Call"));
	await dialog.set_value("result", "Answered");
	dialog.get_primary_btn().trigger("click");
	await wait(() => cur_frm.doc.attempt_count === 1 && !window.cur_dialog?.display);
	await sleep(500);
	dialog = await press(__("Close Check"));
	await dialog.set_values({ outcome, customer_satisfaction: "Neutral", notes: V.notes });
	dialog.get_primary_btn().trigger("click");
	await wait(() => cur_frm.doc.status === outcome);
	await sleep(1000);
	worked[name] = {
		pending,
		closed: pill(),
		incident: cur_frm.doc.incident || null,
		buttons: Object.keys(cur_frm.custom_buttons).filter((k) => shown(cur_frm.custom_buttons[k][0])),
		dirty: cur_frm.is_dirty(),
	};
}
frappe.set_route("List", "Callback Check");
await wait(() => window.cur_list && cur_list.doctype === "Callback Check");
cur_list.refresh();
await wait(() => [...document.querySelectorAll(".list-row-container .indicator-pill")].every((p) => !p.textContent.includes(before[V.outcomes[0][0]])));
return { before, worked, after: await listed() };
"""

# The agent's supervisor: the incident the failed visit raised, then the agent's log and its subtotal
SUPERVISOR_SEES_THE_INCIDENT = """
frappe.set_route("List", "Conduct Incident");
await wait(() => window.cur_list && cur_list.doctype === "Conduct Incident" && cur_list.page.fields_dict.status);
const status_filter = [...cur_list.page.fields_dict.status.$input[0].options].map((o) => o.textContent).filter(Boolean);
await open_form("Conduct Incident", V.incident);
const incident = {
	status_filter,
	type: cur_frm.doc.incident_type,
	status: pill(),
	agent: cur_frm.doc.agent_name,
	finding: cur_frm.doc.finding,
	log: cur_frm.doc.agent_log,
};
await open_form("Agent Log", V.log);
// the subtotal's section starts folded on a phone: tap its head open, as the supervisor would
const section = cur_frm.get_field("sales_interviews").section;
if (section.is_collapsed()) section.head.trigger("click");
await wait(() => !section.is_collapsed());
await sleep(500);
const figure = cur_frm.get_field("sales_interviews").$wrapper.find(".control-value, .like-disabled-input").filter(":visible")[0];
const row = cur_frm.doc.activities.find((r) => r.name === V.row);
return {
	incident,
	log: {
		sales_interviews: cur_frm.doc.sales_interviews,
		sales_interviews_target: cur_frm.doc.sales_interviews_target,
		standard_met: cur_frm.doc.standard_met,
		headline: headline(),
		row_invalid: row.is_invalid,
		row_struck: cur_frm.fields_dict.activities.grid.grid_rows_by_docname[V.row].wrapper.hasClass("ia-invalid-row"),
		rows_struck: cur_frm.doc.activities.filter((r) =>
			cur_frm.fields_dict.activities.grid.grid_rows_by_docname[r.name].wrapper.hasClass("ia-invalid-row")
		).length,
		row_reason: row.invalid_reason,
		shown_figure: text(figure),
	},
};
"""


# ---------------------------------------------------------------- 2. the office manager's weekly review
# On the meeting's form: attendance per supervisor, the held times, the check step's notes and every section's
# minutes, two action items with owner and due date; saved; then the score sheet filled and saved; then the
# ToDo list of the meeting
MANAGER_HOLDS_THE_REVIEW = """
await open_form("Meeting Session", V.session);
const opened = { status: pill(), attendees: cur_frm.doc.attendees.map((r) => r.employee).sort() };
for (const row of cur_frm.doc.attendees) {
	await frappe.model.set_value(row.doctype, row.name, "attendance", V.attendance[row.employee]);
}
await cur_frm.set_value("actual_start", V.start);
await cur_frm.set_value("actual_end", V.end);
for (const row of cur_frm.doc.agenda) {
	await frappe.model.set_value(row.doctype, row.name, "minutes_spent", V.minutes[row.section_title]);
	if (row.is_check_step) await frappe.model.set_value(row.doctype, row.name, "notes", V.check_notes);
}
for (const item of V.actions) {
	const row = cur_frm.add_child("action_items");
	await frappe.model.set_value(row.doctype, row.name, item);
}
cur_frm.refresh_fields();
await cur_frm.save();
await wait(() => cur_frm.doc.status === "Held" && (cur_frm.doc.quality_scores || []).length);
await sleep(800);
const held = {
	status: pill(),
	dirty: cur_frm.is_dirty(),
	attendance_rate: cur_frm.doc.attendance_rate,
	present: cur_frm.doc.attendees_present,
	expected: cur_frm.doc.attendees_expected,
	check_share: cur_frm.doc.check_share,
	sections_filled: cur_frm.doc.sections_filled,
	duration: cur_frm.doc.duration_minutes,
	criteria: cur_frm.doc.quality_scores.map((r) => r.criterion),
	todos: cur_frm.doc.action_items.map((r) => r.todo || null),
};
for (const row of cur_frm.doc.quality_scores) {
	await frappe.model.set_value(row.doctype, row.name, "score", row.max_score * V.share_of_max);
}
await cur_frm.save();
await wait(() => !cur_frm.is_dirty() && cur_frm.doc.quality_score > 0);
await sleep(500);
const scored = {
	energy: cur_frm.doc.quality_score,
	shown: text(cur_frm.get_field("quality_score").$wrapper.find(".control-value, .like-disabled-input")[0]),
	complete: cur_frm.doc.quality_check_complete,
	dirty: cur_frm.is_dirty(),
};
frappe.route_options = { reference_type: "Meeting Session", reference_name: V.session };
frappe.set_route("List", "ToDo");
await wait(() => window.cur_list && cur_list.doctype === "ToDo" && cur_list.data && cur_list.data.length >= V.actions.length);
await sleep(800);
const todos = cur_list.data.map((d) => ({ name: d.name, description: frappe.utils.html2text(d.description || "").trim(), status: d.status }));
const rows_shown = [...document.querySelectorAll(".list-row-container")].filter(shown).map(text);
return { opened, held, scored, todos, rows_shown };
"""

# The admin (质检) completes the quality check of the held meeting
ADMIN_COMPLETES_THE_CHECK = """
await open_form("Meeting Session", V.session);
await cur_frm.set_value("quality_check_complete", 1);
await cur_frm.save();
await wait(() => cur_frm.doc.assessed_by && !cur_frm.is_dirty());
await sleep(500);
return {
	energy: cur_frm.doc.quality_score,
	pass_mark: cur_frm.doc.pass_mark,
	passed: cur_frm.doc.quality_passed,
	assessed_by: cur_frm.doc.assessed_by,
	dirty: cur_frm.is_dirty(),
};
"""


# ---------------------------------------------------------------- 3. the admin's contest and calendar
# A new Points Contest typed in, an office and a rule row, saved; a new campaign of kind Points Contest that
# announces it, saved and submitted (the dialog's Yes); then the Activity Calendar over the contest's month
ADMIN_PLANS_A_CONTEST = """
frappe.new_doc("Points Contest");
await wait(() => window.cur_frm && cur_frm.doctype === "Points Contest" && cur_frm.is_new());
for (const [field, value] of Object.entries(V.contest)) await cur_frm.set_value(field, value);
const office = (cur_frm.doc.offices || []).find((r) => !r.office) || cur_frm.add_child("offices");
await frappe.model.set_value(office.doctype, office.name, "office", V.office);
const rule = (cur_frm.doc.rules || []).find((r) => !r.activity_kind) || cur_frm.add_child("rules");
await frappe.model.set_value(rule.doctype, rule.name, V.rule);
cur_frm.refresh_fields();
await cur_frm.save();
await wait(() => !cur_frm.is_new());
await sleep(800);
const contest = {
	name: cur_frm.doc.name,
	dirty: cur_frm.is_dirty(),
	buttons: Object.keys(cur_frm.custom_buttons),
	rules: cur_frm.doc.rules.map((r) => [r.activity_kind, r.points]),
};

frappe.new_doc("Activity Campaign");
await wait(() => window.cur_frm && cur_frm.doctype === "Activity Campaign" && cur_frm.is_new());
await cur_frm.set_value("campaign_name", V.campaign_name);
await cur_frm.set_value("kind", "Points Contest");
await wait(() => shown(cur_frm.get_field("points_contest").$wrapper[0]));
for (const [field, value] of Object.entries({ points_contest: contest.name, from_date: V.contest.from_date, to_date: V.contest.to_date })) {
	await cur_frm.set_value(field, value);
}
const row = (cur_frm.doc.offices || []).find((r) => !r.office) || cur_frm.add_child("offices");
await frappe.model.set_value(row.doctype, row.name, "office", V.office);
cur_frm.refresh_field("offices");
await cur_frm.save();
await wait(() => !cur_frm.is_new());
cur_frm.savesubmit();
await wait(() => document.querySelector(".modal.show .btn-primary"));
document.querySelector(".modal.show .btn-primary").click();
await wait(() => cur_frm.doc.docstatus === 1);
await sleep(500);
const campaign = { name: cur_frm.doc.name, status: pill(), docstatus: cur_frm.doc.docstatus };

frappe.route_options = { from_date: V.contest.from_date, to_date: V.contest.to_date, office: V.office };
frappe.set_route("query-report", "Activity Calendar");
const rows = () => (frappe.query_report && frappe.query_report.report_name === "Activity Calendar"
	&& frappe.query_report.data) || [];
await wait(() => rows().some((r) => (r.campaigns || "").includes(V.campaign_name)), 40000);
await sleep(1000);
const grid = text(document.querySelector(".report-wrapper .dt-scrollable, .report-wrapper"));
return {
	contest,
	campaign,
	calendar: rows().map((r) => ({ office: r.office, month: r.month, points_contest: r.points_contest, campaigns: r.campaigns })),
	grid_shows_campaign: grid.includes(V.campaign_name),
};
"""


# ---------------------------------------------------------------- 4. finance's approval and the payroll entry
# The workflow's Approve in the form's Actions menu; then the salaried agent's line links the Additional Salary,
# opened from the line as finance would
FINANCE_APPROVES = """
await open_form("Reward Settlement", V.settlement);
const draft = { state: cur_frm.doc.workflow_state, status: pill(), total: cur_frm.doc.total_amount };
await wait(() => [...document.querySelectorAll(".actions-btn-group .dropdown-item")].some((a) => text(a) === __("Approve")));
const actions = [...document.querySelectorAll(".actions-btn-group .dropdown-item")].map(text).filter(Boolean);
[...document.querySelectorAll(".actions-btn-group .dropdown-item")].find((a) => text(a) === __("Approve")).click();
await wait(() => cur_frm.doc.docstatus === 1 && cur_frm.doc.workflow_state === "Approved");
await sleep(1000);
const approved = {
	state: cur_frm.doc.workflow_state,
	status: pill(),
	payroll_amount: cur_frm.doc.payroll_amount,
	lines: cur_frm.doc.lines.map((l) => ({ agent: l.agent, amount: l.amount, route: l.route, additional_salary: l.additional_salary || null })),
	dirty: cur_frm.is_dirty(),
};
const line = cur_frm.doc.lines.find((l) => l.agent === V.agent);
// the line's own form (the grid row opened), and in it the link to the Additional Salary, tapped
const gridrow = cur_frm.fields_dict.lines.grid.grid_rows.find((r) => r.doc.agent === V.agent);
const open = gridrow.row.find(".btn-open-row")[0];
if (open) open.click(); else gridrow.toggle_view(true);
const link_in_row = () => document.querySelector(`.grid-row-open [data-fieldname="additional_salary"] a[href*="additional-salary"]`);
await wait(link_in_row);
const link = link_in_row();
if (link) link.click(); else frappe.set_route("Form", "Additional Salary", line.additional_salary);
await wait(() => window.cur_frm && cur_frm.doctype === "Additional Salary" && cur_frm.doc.name === line.additional_salary);
await sleep(1000);
return {
	draft,
	actions,
	approved,
	clicked_link: !!link,
	salary: {
		name: cur_frm.doc.name,
		employee: cur_frm.doc.employee,
		amount: cur_frm.doc.amount,
		component: cur_frm.doc.salary_component,
		payroll_date: cur_frm.doc.payroll_date,
		ref: [cur_frm.doc.ref_doctype, cur_frm.doc.ref_docname],
		docstatus: cur_frm.doc.docstatus,
		status: pill(),
	},
};
"""


class TestBackOfficeJourneys(PhoneScreenTestCase):
	"""One organisation (JBO): office A's manager, supervisors A and C, agents A1 and A2, the callback
	officer, the admin and a finance user (HR Manager); each journey's records made up front."""

	PASSWORD = "Back-Office-2026!"

	@classmethod
	def make_records(cls):
		org = cls.org = make_org(PREFIX)
		cls.sup_c_user = make_user(
			"jbo.sup.c@example.com", f"{PREFIX} Supervisor C", [INSURANCE_AGENT, INSURANCE_SUPERVISOR]
		)
		cls.sup_c = make_employee(
			f"{PREFIX} Supervisor C", org.office_a, org.manager_a, cls.sup_c_user, tier="3"
		)
		# finance approves as HR Manager (the app's FINANCE_ROLES); HRMS lets only HR User (and System Manager)
		# read an Additional Salary, so with HR Manager alone the payroll entry the approval made cannot be
		# opened ("Not permitted"): the payroll officer holds HR User too
		cls.finance = make_user("jbo.finance@example.com", f"{PREFIX} Finance", ["HR Manager", "HR User"])
		for user in (org.users.officer, org.users.sup_a, org.users.manager_a):
			frappe.db.set_value("User", user, "language", "zh")
		set_settings(log_lock_days=60)  # the visit's day may be a while back (a long holiday)
		cls.make_callback_day()
		cls.make_weekly_review()
		cls.make_settlement()
		cls.addClassCleanup(cls.remove_records)
		return (
			org.users.officer,
			org.users.sup_a,
			org.users.manager_a,
			org.users.admin,
			cls.finance,
		)

	@classmethod
	def make_callback_day(cls):
		"""Agent A1's full 5311 on the last working day, submitted; two of its interviews to call back today."""
		org = cls.org
		cls.visit_day = last_working_day(employee=org.agent_a1)
		cls.log = make_log(
			org.agent_a1,
			cls.visit_day,
			[
				("Phone Appointment", 5),
				interview("13977770001", "JBO 王芳"),
				interview("13977770002", "JBO 李军"),
				interview("13977770003", "JBO 赵敏"),
				("Recruiting Visit", 1),
				("New Prospect", 1, None, None, "13977770004", "JBO 陈新"),
			],
			submit=True,
			ignore_edit_window=True,
			amendment_reason="test data",
		)
		cls.callback_day = getdate(today())
		cls.confirmed = manual_check(cls.log, 2, org.users.officer, cls.callback_day).name
		cls.failed = manual_check(cls.log, 3, org.users.officer, cls.callback_day).name
		cls.failed_row = frappe.db.get_value("Callback Check", cls.failed, "activity_row")

	@classmethod
	def make_weekly_review(cls):
		"""The office's latest weekly review on or before today (this month's, else last month's), as the
		scheduling job made it."""
		office, day = cls.org.office_a, getdate(today())
		sessions = [
			*month_sessions(office, add_months(day, -1), WEEKLY_REVIEW),
			*month_sessions(office, day, WEEKLY_REVIEW),
		]
		cls.review = max(
			(s for s in sessions if getdate(s.scheduled_date) <= day), key=lambda s: s.scheduled_date
		)

	@classmethod
	def make_settlement(cls):
		"""A finished contest: agent A1 first (1000, salaried), A2 second (500, no salary structure)."""
		org = cls.org
		cls.contest = make_reward_contest(
			f"{PREFIX} Autumn Contest",
			[org.office_a],
			{org.agent_a1: 90, org.agent_a2: 60},
			[{"rank_from": 1, "rank_to": 1, "amount": 1000}, {"rank_from": 2, "rank_to": 2, "amount": 500}],
		)
		give_salary_structure(org.agent_a1, PREFIX)
		# no accrual accounts for this settlement, whatever an earlier test class left in the settings: A2 (no
		# salary structure) is then Blocked, not routed to a Journal Entry
		set_accrual_accounts(False)
		cls.settlement = make_settlement(cls.contest.name).name

	@classmethod
	def remove_records(cls):
		remove_campaigns(f"{PREFIX} %")
		frappe.db.commit()

	def walk(self, user: str, path: str, picture: str, wait_for: str, script: str, width: int | None = None):
		"""Open `path` as `user`, run the journey `script` in the page, picture the end; what it returns."""
		width = width or self.WIDTH
		out = SHOTS / f"{picture}_{width}.png"
		facts = self.browser.screenshot(
			self.url, path, user, self.PASSWORD, out, width, self.HEIGHT, wait_for, evaluate=script
		)
		self.assertTrue(out.exists())
		self.assertEqual(facts["errors"], [])
		seen = facts["checks"]
		out.with_suffix(".json").write_text(json.dumps(seen, ensure_ascii=False, indent=1, default=str))
		self.assertNotIn("timeout", seen or {}, f"the journey stopped half-way; see {out}")
		if width < 768:
			self.assertLessEqual(facts["scrollWidth"], width, "no sideways scrolling on a phone")
		frappe.db.rollback()  # read what the served site committed, not this connection's older snapshot
		return seen

	# ------------------------------------------------------------ 1
	def test_a_callback_officer_records_a_visit_that_did_not_happen_and_it_stops_counting(self):
		zh = lambda text: _(text, lang="zh")  # noqa: E731
		org = self.org
		self.assertEqual(self.log.sales_interviews, 3)
		self.assertTrue(self.log.standard_met)
		seen = self.walk(
			org.users.officer,
			f"/app/callback-check?assigned_officer={org.users.officer}&callback_date={self.callback_day}",
			"callback_officer_day",
			".list-row-container",
			journey(
				OFFICER_WORKS_THE_DAY,
				outcomes=[[self.confirmed, "Confirmed"], [self.failed, "Visit Not Happened"]],
				notes="客户表示当天没有见面",
			),
		)
		pending = zh("Pending")
		self.assertEqual(seen["before"], {self.confirmed: pending, self.failed: pending})
		self.assertEqual(
			seen["after"], {self.confirmed: zh("Confirmed"), self.failed: zh("Visit Not Happened")}
		)
		confirmed, failed = seen["worked"][self.confirmed], seen["worked"][self.failed]
		self.assertEqual((confirmed["pending"], confirmed["closed"]), (pending, zh("Confirmed")))
		self.assertIsNone(confirmed["incident"])
		self.assertEqual(failed["closed"], zh("Visit Not Happened"))
		self.assertTrue(failed["incident"], "the failed visit raised a Conduct Incident")
		for worked in (confirmed, failed):
			self.assertEqual(worked["buttons"], [], "a closed check offers no more calls")
			self.assertFalse(worked["dirty"])

		# management: the agent's supervisor sees the incident and the log's subtotal without the visit
		seen = self.walk(
			org.users.sup_a,
			f"/app/conduct-incident/{failed['incident']}",
			"incident_and_log_subtotal",
			".form-layout",
			journey(
				SUPERVISOR_SEES_THE_INCIDENT,
				incident=failed["incident"],
				log=self.log.name,
				row=self.failed_row,
			),
		)
		incident = seen["incident"]
		self.assertEqual(
			(incident["type"], incident["agent"], incident["log"]),
			("Visit Not Happened", f"{PREFIX} Agent A1", self.log.name),
		)
		# the incident's own word (有效), not Frappe's generic "Active" (活动: "activity" in this app)
		self.assertEqual(incident["status"], _("Active", lang="zh", context="Conduct Incident"))
		self.assertNotEqual(incident["status"], "活动")
		# and so does the list's status filter (Frappe's list filters translate without the doctype's context)
		self.assertIn(incident["status"], incident["status_filter"])
		self.assertNotIn("活动", incident["status_filter"])
		self.assertIn("JBO 李军", incident["finding"])
		log = seen["log"]
		self.assertEqual(
			(
				log["sales_interviews"],
				log["sales_interviews_target"],
				log["standard_met"],
				log["row_invalid"],
			),
			(2, 3, 0, 1),
		)
		self.assertEqual(log["shown_figure"], "2", "the subtotal on the form reads 2 interviews")
		# the row that no longer counts is struck through in the grid, and only that one
		self.assertEqual((log["row_struck"], log["rows_struck"]), (True, 1))
		self.assertIn(self.failed, log["row_reason"])
		self.assertIn(zh("Still missing: {0}").split("{0}")[0].strip(), log["headline"])
		self.assertIn(zh("{0}: short by {1}").format(zh("Sales Interviews"), 1), log["headline"])

	# ------------------------------------------------------------ 2
	def test_an_office_manager_holds_this_weeks_review_scores_it_and_its_action_items_are_todos(self):
		org, review = self.org, self.review
		day = getdate(review.scheduled_date)
		due = add_days(day, 7)
		actions = [
			{"action": "周五前完成客户盘点", "responsible": org.sup_a, "due_date": due},
			{"action": "本周陪访两次", "responsible": self.sup_c, "due_date": due},
		]
		seen = self.walk(
			org.users.manager_a,
			f"/app/meeting-session/{review.name}",
			"office_manager_weekly_review",
			".form-layout",
			journey(
				MANAGER_HOLDS_THE_REVIEW,
				session=review.name,
				attendance={org.sup_a: "On Site", self.sup_c: "Absent"},
				start=f"{day} 09:00:00",
				end=f"{day} 09:45:00",
				minutes={"Plan": 5, "Do": 5, "Check": 32, "Act": 3},
				check_notes="逐一追问主管U达成路径与行动",
				actions=actions,
				share_of_max=0.8,
			),
		)
		self.assertEqual(seen["opened"]["attendees"], sorted([org.sup_a, self.sup_c]))
		held = seen["held"]
		self.assertEqual(held["status"], _("Held", lang="zh"))
		self.assertFalse(held["dirty"], "the form is not marked unsaved right after a save")
		self.assertEqual((held["present"], held["expected"], held["attendance_rate"]), (1, 2, 50))
		self.assertEqual((held["duration"], held["sections_filled"]), (45, 1))
		self.assertAlmostEqual(held["check_share"], 71.1)
		self.assertEqual(len(held["criteria"]), 3)
		self.assertTrue(all(held["todos"]), "each action item with owner and due date has its ToDo")
		self.assertEqual(
			(seen["scored"]["energy"], seen["scored"]["complete"], seen["scored"]["dirty"]), (80, 0, False)
		)
		self.assertEqual(seen["scored"]["shown"], "80")
		self.assertEqual(
			{t["description"]: t["status"] for t in seen["todos"]},
			{"周五前完成客户盘点": "Open", "本周陪访两次": "Open"},
		)
		self.assertEqual(len(seen["rows_shown"]), 2)
		for action in ("周五前完成客户盘点", "本周陪访两次"):
			self.assertTrue(any(action in row for row in seen["rows_shown"]), seen["rows_shown"])
		owners = dict(
			frappe.get_all(
				"ToDo", {"name": ("in", held["todos"])}, ["description", "allocated_to"], as_list=True
			)
		)
		self.assertEqual(owners, {"周五前完成客户盘点": org.users.sup_a, "本周陪访两次": self.sup_c_user})

		# the host may not assess their own meeting: the quality check (质检) is completed by the admin
		seen = self.walk(
			org.users.admin,
			f"/app/meeting-session/{review.name}",
			"quality_check_complete",
			".form-layout",
			journey(ADMIN_COMPLETES_THE_CHECK, session=review.name),
			width=DESK,
		)
		self.assertEqual(
			(seen["energy"], seen["pass_mark"], seen["passed"], seen["assessed_by"], seen["dirty"]),
			(80, 60, 1, org.users.admin, False),
		)

	# ------------------------------------------------------------ 3
	def test_an_admin_creates_a_points_contest_with_desk_forms_and_sees_it_on_the_activity_calendar(self):
		start = get_first_day(add_months(today(), 1))
		contest = {
			"contest_name": f"{PREFIX} Interview Sprint",
			"participation": "Individual",
			"from_date": start,
			"to_date": add_days(start, 20),
			"min_standard_met_days": 5,
		}
		campaign_name = f"{PREFIX} Interview Sprint Launch"
		seen = self.walk(
			self.org.users.admin,
			"/app/points-contest",
			"admin_contest_calendar",
			".page-head",
			journey(
				ADMIN_PLANS_A_CONTEST,
				contest=contest,
				office=self.org.office_a,
				rule={
					"activity_kind": "Sales Interview",
					"points": 3,
					"daily_cap": 4,
					"effective_from": start,
				},
				campaign_name=campaign_name,
			),
			width=DESK,
		)
		self.assertFalse(seen["contest"]["dirty"])
		self.assertEqual(seen["contest"]["rules"], [["Sales Interview", 3]])
		self.assertIn("Leaderboard", seen["contest"]["buttons"])
		self.assertEqual((seen["campaign"]["status"], seen["campaign"]["docstatus"]), ("Published", 1))
		month = f"{start.year}-{start.month:02d}"
		self.assertEqual(
			seen["calendar"],
			[
				{
					"office": self.org.office_a,
					"month": month,
					"points_contest": 1,
					"campaigns": campaign_name,
				}
			],
		)
		self.assertTrue(seen["grid_shows_campaign"], "the calendar's table shows the campaign")
		stored = frappe.get_doc("Points Contest", seen["contest"]["name"])
		self.assertEqual(
			(str(stored.from_date), [r.office for r in stored.offices], stored.min_standard_met_days),
			(str(start), [self.org.office_a], 5),
		)
		self.assertEqual(
			frappe.db.get_value("Activity Campaign", seen["campaign"]["name"], "points_contest"),
			stored.name,
		)

	# ------------------------------------------------------------ 4
	def test_finance_approves_a_reward_settlement_and_opens_the_additional_salary_it_made(self):
		org = self.org
		seen = self.walk(
			self.finance,
			f"/app/reward-settlement/{self.settlement}",
			"finance_settlement_payroll",
			".form-layout",
			journey(FINANCE_APPROVES, settlement=self.settlement, agent=org.agent_a1),
			width=DESK,
		)
		self.assertEqual((seen["draft"]["state"], seen["draft"]["total"]), ("Draft", 1500))
		self.assertIn("Approve", seen["actions"])
		approved = seen["approved"]
		self.assertEqual((approved["state"], approved["status"]), ("Approved", "Approved"))
		self.assertFalse(approved["dirty"])
		self.assertEqual(approved["payroll_amount"], 1000)
		by_agent = {line["agent"]: line for line in approved["lines"]}
		self.assertEqual(
			(by_agent[org.agent_a1]["amount"], by_agent[org.agent_a1]["route"]), (1000, rewards.PAYROLL)
		)
		self.assertEqual(
			by_agent[org.agent_a2]["route"], rewards.BLOCKED
		)  # no salary structure, no accrual account
		self.assertIsNone(by_agent[org.agent_a2]["additional_salary"], "not on payroll")
		salary = seen["salary"]
		self.assertTrue(seen["clicked_link"], "the line links its Additional Salary")
		self.assertEqual(salary["name"], by_agent[org.agent_a1]["additional_salary"])
		self.assertEqual(
			(salary["employee"], salary["amount"], salary["component"], salary["ref"], salary["docstatus"]),
			(org.agent_a1, 1000, "Contest Reward", ["Reward Settlement", self.settlement], 1),
		)
		self.assertEqual(salary["status"], "Submitted")
		self.assertEqual(
			str(salary["payroll_date"]),
			str(frappe.db.get_value("Reward Settlement", self.settlement, "payroll_date")),
		)
