"""An agent's and a supervisor's day in a real browser (issue 19, part 1): each journey drives the desk as the
user does (the form's own buttons and controls, cur_frm for what a tap sets), asserts what the user sees
(figures, headlines, states) and what was stored, and leaves a picture of where it ended in
dev/artifacts/journeys.

- An agent fills a working day's log on a 390 px phone in Chinese, and another at a 1366 px desk in English:
  rows added with the table's Add Row and filled in the row editor, a new prospect (新增准客户), the subtotal
  (小计) against the 5311 and what is still missing in the headline, saved (not marked unsaved), submitted.
- A supervisor on a phone in Chinese records a tracking call (电话追踪) from the team board and sees it there,
  reviews a report's log opened from the board, and records a coaching session (个别辅导) on their own log.
- An agent on a phone in English opens "my customers" (the Customer Quadrant list), reads the navigator's
  next action (客经导航仪) and adds it to the day's log with Suggested Actions.

The log's date is a working day from the site's working-days look-up (never "today"); the board works on
today, so its expectations follow whether today is a working day. Any hour, any day, any clock.
"""

import json

import frappe
from frappe import _
from frappe.utils import formatdate, getdate, today

from insurance_activity import working_days
from insurance_activity.customers import quadrants
from insurance_activity.tests.artifacts import ARTIFACTS
from insurance_activity.tests.factories import last_working_day, make_log, make_org, set_settings
from insurance_activity.tests.integration.test_agent_log_screens import speaks_chinese
from insurance_activity.tests.integration.test_campaign_screens import WAIT, within
from insurance_activity.tests.production_factories import make_policy
from insurance_activity.tests.screens import PhoneScreenTestCase, errors_of_ours

SHOTS = ARTIFACTS / "journeys"
DESK = (1366, 900)
SETTINGS = "Insurance Activity Settings"
AGENT_ITEMS = ("phone_appointments", "sales_interviews", "recruiting_visits", "new_prospects", "referrals")
SUPERVISOR_ITEMS = ("tracking_calls_done", "coaching_sessions", "spot_checks")

# In the page, for every journey: waiting, reading what a field or the headline shows, opening a collapsed
# section and filling an activity row as a user does
HELPERS = (
	WAIT
	+ """
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const text = (el) => (el ? el.textContent.replace(/\\s+/g, " ").trim() : "");
const shown = (el) => !!el && el.offsetParent !== null;
const headline = () => text(cur_frm.layout.message && cur_frm.layout.message[0]);
const pill = () => text(cur_frm.page.indicator && cur_frm.page.indicator[0]);
// what a read-only field shows on the form (its section opened first)
const shows = (field) => text(cur_frm.fields_dict[field].$wrapper.find(".control-value")[0]);
// a collapsed section opened as a user does: a tap on its head
const open_section = async (fieldname) => {
	const section = cur_frm.layout.sections_dict[fieldname];
	if (section.is_collapsed()) section.head.trigger("click");
	return await wait(() => !section.is_collapsed());
};
const figures = async (section, items) => {
	await open_section(section);
	const seen = {};
	for (const item of items) {
		const target = item.replace(/_done$/, "") + "_target";
		seen[item] = `${shows(item)}/${shows(target)}`;
	}
	return seen;
};
// a row added with the table's own Add Row, opened with its edit icon and filled in the row editor
const add_row = async (values) => {
	const grid = cur_frm.fields_dict.activities.grid;
	const count = cur_frm.doc.activities.length;
	grid.wrapper.find(".grid-add-row")[0].click();
	await wait(() => cur_frm.doc.activities.length === count + 1);
	const row = grid.get_row(cur_frm.doc.activities[count].name);
	const edit = row.wrapper.find(".btn-open-row")[0];
	const edit_shown = shown(edit);
	edit.click();
	await wait(() => row.grid_form && row.grid_form.fields_dict.activity_kind);
	for (const [field, value] of Object.entries(values)) {
		await row.grid_form.fields_dict[field].set_value(value);
	}
	await sleep(300);
	row.toggle_view(false);
	return edit_shown;
};
// saved with the form's own save (Ctrl+S / the primary button), then whether it is marked unsaved at once
// and a moment later (after the form's refresh)
const save = async (action) => {
	await cur_frm.save(action).catch(() => null);
	const at_once = cur_frm.is_dirty();
	await sleep(1500);
	// a refused save's message, if any (the journey's facts then say why)
	const message = text(document.querySelector(".modal.show .msgprint"));
	return { dirty_at_once: at_once, dirty_later: cur_frm.is_dirty(), pill: pill(), ...(message ? { message } : {}) };
};
"""
)

# An agent's new log: the day picked, the rows added one by one, saved (headline and subtotal read), then
# for `more` rows added and saved again, then submitted with the confirmation's Yes
FILL_A_DAYS_LOG = """(async () => {
	%s
	const plan = %s;
	await wait(() => window.cur_frm && cur_frm.doctype === "Agent Log" && cur_frm.is_new() && cur_frm.doc.agent);
	await cur_frm.fields_dict.log_date.set_value(plan.day);
	const edit_icons = [];
	for (const values of plan.rows) edit_icons.push(await add_row(values));
	const first = await save();
	const after_first = {
		...first,
		name: cur_frm.doc.name,
		headline: headline(),
		subtotal: await figures("subtotal_section", plan.items),
		grid: cur_frm.doc.activities.map((r) => [r.activity_kind, r.activity_count, r.party_name || null]),
	};
	let after_more = null;
	if (plan.more.length) {
		for (const values of plan.more) edit_icons.push(await add_row(values));
		after_more = { ...(await save()), headline: headline(), subtotal: await figures("subtotal_section", plan.items) };
	}
	cur_frm.savesubmit();
	await wait(() => document.querySelector(".modal.show .btn-primary"));
	await sleep(600);  // as a person would, once the dialog has opened: a Yes during its fade-in leaves it open
	document.querySelector(".modal.show .btn-primary").click();
	await wait(() => cur_frm.doc.docstatus === 1);
	const dialog_closed = await wait(() => !document.querySelector(".modal.show"), 5000);
	await sleep(1000);
	// the picture: the submitted log's headline and its subtotal
	await open_section("subtotal_section");
	window.scrollTo(0, 0);
	return {
		dialog_closed,
		edit_icons,
		after_first,
		after_more,
		submitted: { docstatus: cur_frm.doc.docstatus, dirty: cur_frm.is_dirty(), pill: pill(), headline: headline() },
	};
})()"""

# On the team board: the report's card before, the Record Call button tapped, the dialog's notes typed and
# Record tapped, then the card and the team's figures once the board has refreshed
RECORD_A_TRACKING_CALL = """(async () => {
	%s
	const plan = %s;
	const card = () => document.querySelector(`.report-card[data-employee="${plan.report}"]`);
	const stats = () => Object.fromEntries([...document.querySelectorAll(".tb-stat")].map((s) =>
		[text(s.querySelector(".tb-stat-label")), text(s.querySelector(".tb-stat-value"))]));
	await wait(() => card() && card().querySelector(".tb-record-call"));
	const before = { chips: text(card().querySelector(".tb-chips")), stats: stats() };
	const button = card().querySelector(".tb-record-call");
	const button_label = text(button);
	button.click();
	await wait(() => window.cur_dialog && cur_dialog.display && cur_dialog.fields_dict.notes);
	const dialog_title = text(cur_dialog.$wrapper.find(".modal-title")[0]);
	await cur_dialog.set_value("notes", plan.notes);
	cur_dialog.get_primary_btn().trigger("click");
	await wait(() => card() && card().querySelector(".tb-chip.is-done"));
	await sleep(500);
	return {
		before,
		button_label,
		dialog_title,
		chip: text(card().querySelector(".tb-chip.is-done")),
		notes: [...card().querySelectorAll(".tb-note")].map(text),
		after_button: text(card().querySelector(".tb-record-call")),
		stats: stats(),
	};
})()"""

# From the team board: the report's Open Log tapped, the review section opened, the review set and the
# submitted log updated
REVIEW_FROM_THE_BOARD = """(async () => {
	%s
	const plan = %s;
	const card = () => document.querySelector(`.report-card[data-employee="${plan.report}"]`);
	await wait(() => card() && card().querySelector("a.tb-action"));
	card().querySelector("a.tb-action").click();
	await wait(() => window.cur_frm && cur_frm.doctype === "Agent Log" && cur_frm.doc.agent === plan.report
		&& cur_frm.fields_dict.review_status);
	await sleep(800);
	const opened = { name: cur_frm.doc.name, docstatus: cur_frm.doc.docstatus, pill: pill() };
	await open_section("review_section");
	await cur_frm.fields_dict.review_status.set_value("Reviewed");
	await cur_frm.fields_dict.supervisor_comment.set_value(plan.comment);
	const dirty_before = cur_frm.is_dirty();
	const saved = await save("Update");
	return {
		opened,
		dirty_before,
		...saved,
		review_status: (() => {
			const select = cur_frm.fields_dict.review_status.$wrapper.find("select")[0];
			return select ? text(select.options[select.selectedIndex]) : shows("review_status");
		})(),
		review_value: cur_frm.doc.review_status,
		reviewed_by: cur_frm.doc.reviewed_by,
		comment: cur_frm.doc.supervisor_comment,
	};
})()"""

# On the supervisor's own log: the coached report, the coaching type and notes, saved; the 111's figures,
# the tracking calls' table and the headline read
RECORD_A_COACHING_SESSION = """(async () => {
	%s
	const plan = %s;
	await wait(() => window.cur_frm && cur_frm.doctype === "Agent Log" && cur_frm.doc.name === plan.log
		&& cur_frm.fields_dict.coaching_report);
	await sleep(800);
	const before = headline();
	await cur_frm.fields_dict.coaching_report.set_value(plan.coached);
	await cur_frm.fields_dict.coaching_type.set_value("Accompanied Visit");
	await cur_frm.fields_dict.coaching_notes.set_value(plan.notes);
	const saved = await save();
	return {
		before,
		...saved,
		headline: headline(),
		figures: await figures("supervisor_subtotal_section", plan.items),
		calls: [...cur_frm.fields_dict.tracking_calls.$wrapper.find(".grid-body .grid-row")].map(text),
		still_to_call: cur_frm.doc.missing_tracking_calls,
		shortfall_summary: cur_frm.doc.shortfall_summary,
	};
})()"""

# "My customers": the Customer Quadrant list, the customer's row opened and its next action read; then a new
# log for the day, Suggested Actions tapped, the customer's Add tapped, the dialog closed and the log saved
NAVIGATOR_TO_THE_LOG = """(async () => {
	%s
	const plan = %s;
	const rows = () => [...document.querySelectorAll(".list-row-container .list-subject a[data-name], .list-row-container .list-subject a")];
	await wait(() => rows().some((a) => text(a).includes(plan.customer_name)));
	const listed = [...new Set(rows().map(text).filter(Boolean))];
	rows().find((a) => text(a).includes(plan.customer_name)).click();
	await wait(() => window.cur_frm && cur_frm.doctype === "Customer Quadrant" && cur_frm.doc.party === plan.customer
		&& headline());
	const quadrant = { headline: headline(), quadrant: shows("quadrant") || cur_frm.doc.quadrant };
	frappe.new_doc("Agent Log", { log_date: plan.day });
	await wait(() => window.cur_frm && cur_frm.doctype === "Agent Log" && cur_frm.is_new() && cur_frm.doc.agent
		&& cur_frm.custom_buttons[__("Suggested Actions")]);
	if (cur_frm.doc.log_date !== plan.day) await cur_frm.fields_dict.log_date.set_value(plan.day);
	cur_frm.custom_buttons[__("Suggested Actions")].click();
	const item = () => [...document.querySelectorAll(".modal.show button[data-row]")]
		.map((b) => b.closest(".flex")).find((el) => text(el).includes(plan.customer_name));
	await wait(() => item());
	const suggestion = text(item());
	const add = item().querySelector("button[data-row]");
	add.click();
	await wait(() => add.disabled);
	const add_after = text(add);
	document.querySelector(".modal.show .btn-modal-close").click();
	await wait(() => !document.querySelector(".modal.show"), 5000);
	const saved = await save();
	const grid = cur_frm.fields_dict.activities.$wrapper;
	return {
		listed,
		quadrant,
		suggestion,
		add_after,
		...saved,
		name: cur_frm.doc.name,
		rows: cur_frm.doc.activities.map((r) => ({
			activity_kind: r.activity_kind, party_type: r.party_type, party: r.party, party_name: r.party_name,
			next_step: r.next_step,
		})),
		grid_names: [...grid.find('.grid-body .grid-static-col[data-fieldname="party_name"]')].map(text),
		headline: headline(),
	};
})()"""


class TestAgentAndSupervisorJourneys(PhoneScreenTestCase):
	"""One branch (make_org "JAS"): supervisor A with agents A1 (Chinese) and A2 (English), supervisor B with
	agent B1 (English); A2 has a submitted log today for the supervisor to review; B1 and A1 each serve a
	customer with a policy, placed by the customer quadrant recompute."""

	PASSWORD = "Journeys-Agent-Supervisor-2026!"

	@classmethod
	def make_records(cls):
		org = cls.org = make_org("JAS")
		before = {
			key: frappe.db.get_single_value(SETTINGS, key)
			for key in ("log_lock_days", "navigator_suggestion_days")
		}
		cls.addClassCleanup(cls.remove_records, before)
		# the log's day may lie a long weekend back: the agent's edit window must still hold it; a new
		# customer's "keep in touch" is due within 30 days, so the suggestions look that far ahead
		set_settings(log_lock_days=60, navigator_suggestion_days=60)
		cls.day = last_working_day(employee=org.agent_a1)
		cls.today = getdate(today())

		cls.reviewed_log = make_log(
			org.agent_a2,
			cls.today,
			[("Phone Appointment", 2), ("Sales Interview", 1, None, None, "13977730001", "冯晓东")],
			submit=True,
			today_plan="回访两位老客户",
		)
		cls.b_day = last_working_day(employee=org.agent_b1)
		cls.customer_name = "JAS 陈静雯"
		cls.customer = make_policy(
			"JAS-P-1", org.agent_b1, cls.b_day, customer_name=cls.customer_name
		).customer
		cls.colleagues_customer_name = "JAS 周国强"
		make_policy("JAS-P-2", org.agent_a1, cls.b_day, customer_name=cls.colleagues_customer_name)
		quadrants.recompute(cls.b_day, full=True)

		for user in (org.users.agent_a1, org.users.sup_a):
			speaks_chinese(user)
		for user in (org.users.agent_a2, org.users.agent_b1):
			frappe.db.set_value("User", user, "language", "en")
			frappe.clear_cache(user=user)
		return (org.users.agent_a1, org.users.agent_a2, org.users.sup_a, org.users.agent_b1)

	@classmethod
	def remove_records(cls, settings: dict):
		frappe.db.rollback()
		for key, value in settings.items():
			frappe.db.set_single_value(SETTINGS, key, value)
		frappe.db.delete("Insurance Policy", {"name": ("like", "JAS-P-%")})
		frappe.db.commit()

	def journey(self, user: str, path: str, picture: str, wait_for: str, script: str, desk=False) -> dict:
		"""Open `path` as `user` on a 390 x 844 phone (or a 1366 px desk), run the journey's page script,
		picture where it ended (dev/artifacts/journeys/<picture>.png, its facts beside it as JSON); the
		facts. The page raised no error and never scrolls sideways."""
		width, height = DESK if desk else (self.WIDTH, self.HEIGHT)
		out = SHOTS / f"{picture}.png"
		facts = self.browser.screenshot(
			self.url, path, user, self.PASSWORD, out, width, height, wait_for, evaluate=within(script, 150)
		)
		checks = facts["checks"]
		out.with_suffix(".json").write_text(json.dumps(checks, ensure_ascii=False, indent=1))
		self.assertTrue(out.exists())
		self.assertNotIn("timeout", checks or {}, f"the journey stopped half-way; see {out}")
		self.assertEqual(errors_of_ours(facts["errors"]), [])
		self.assertLessEqual(facts["scrollWidth"], width, "the page scrolls sideways")
		frappe.db.rollback()  # read what the served site committed, not this connection's older snapshot
		return checks

	def assert_saved_cleanly(self, saved: dict, saved_label: str):
		"""Right after a save the form is not marked unsaved, at once nor after its refresh: its status reads
		`saved_label` (Draft) in the user's language."""
		self.assertEqual((saved["dirty_at_once"], saved["dirty_later"]), (False, False), saved)
		self.assertNotIn(_("Not Saved", lang=self.lang), saved["pill"])
		self.assertEqual(saved["pill"], _(saved_label, lang=self.lang))

	# ------------------------------------------------------------ 1. an agent's day, phone and desk
	def test_an_agent_fills_a_working_days_log_on_a_phone_in_chinese_and_submits_it(self):
		self.lang = "zh"
		plan = {
			"day": str(self.day),
			"rows": [
				{"activity_kind": "Phone Appointment", "activity_count": 3},
				{
					"activity_kind": "Sales Interview",
					"activity_count": 2,
					"party_name": "王秀兰",
					"phone": "13977710001",
				},
				{"activity_kind": "New Prospect", "party_name": "钱多多", "phone": "13977710002"},
			],
			"more": [],
			"items": AGENT_ITEMS,
		}
		seen = self.journey(
			self.org.users.agent_a1,
			"/app/agent-log/new",
			"agent_log_day_390_zh",
			'.frappe-control[data-fieldname="activities"]',
			FILL_A_DAYS_LOG % (HELPERS, json.dumps(plan, ensure_ascii=False)),
		)
		self.assertEqual(seen["edit_icons"], [True, True, True], "each row's edit icon shows on the phone")
		first = seen["after_first"]
		self.assert_saved_cleanly(first, "Draft")
		# the subtotal (小计) against the 5311: 5 appointments, 3 interviews, 1 recruiting visit, 1 prospect
		self.assertEqual(
			first["subtotal"],
			{
				"phone_appointments": "3/5",
				"sales_interviews": "2/3",
				"recruiting_visits": "0/1",
				"new_prospects": "1/1",
				"referrals": "0/0",
			},
		)
		self.assertEqual(
			first["headline"], "尚缺：电话约访：差2; 销售面谈：差1; 增员拜访：差1", "what the day still lacks"
		)
		self.assertEqual(
			first["grid"],
			[["Phone Appointment", 3, None], ["Sales Interview", 2, "王秀兰"], ["New Prospect", 1, "钱多多"]],
		)
		self.assertEqual(seen["submitted"]["docstatus"], 1)
		self.assertFalse(seen["submitted"]["dirty"])
		self.assertTrue(seen["dialog_closed"])
		self.assertEqual(
			seen["submitted"]["pill"], "未达标", "a submitted log's status says the day fell short"
		)

		log = frappe.get_doc("Agent Log", first["name"])
		self.assertEqual((log.agent, getdate(log.log_date), log.docstatus), (self.org.agent_a1, self.day, 1))
		self.assertEqual(
			[(r.activity_kind, r.activity_count, r.party_name, r.phone) for r in log.activities],
			[
				("Phone Appointment", 3, None, None),
				("Sales Interview", 2, "王秀兰", "+8613977710001"),
				("New Prospect", 1, "钱多多", "+8613977710002"),
			],
		)
		self.assertEqual([log.get(item) for item in AGENT_ITEMS] + [log.standard_met], [3, 2, 0, 1, 0, 0])
		prospect = log.activities[2]
		self.assertEqual(prospect.party_type, "Lead", "the new prospect is a Lead of the agent's")
		self.assertEqual(
			frappe.db.get_value("Lead", prospect.party, ["first_name", "lead_owner"]),
			("钱多多", self.org.users.agent_a1),
		)

	def test_an_agent_fills_a_working_days_log_at_a_desk_in_english_until_the_standard_is_met(self):
		self.lang = "en"
		plan = {
			"day": str(self.day),
			"rows": [
				{"activity_kind": "Phone Appointment", "activity_count": 5},
				{
					"activity_kind": "Sales Interview",
					"activity_count": 3,
					"party_name": "Lin Hai",
					"phone": "13977720001",
				},
				{"activity_kind": "New Prospect", "party_name": "Gao Yan", "phone": "13977720002"},
			],
			"more": [{"activity_kind": "Recruiting Visit", "party_name": "Xu Lei", "phone": "13977720003"}],
			"items": AGENT_ITEMS,
		}
		seen = self.journey(
			self.org.users.agent_a2,
			"/app/agent-log/new",
			"agent_log_day_1366_en",
			'.frappe-control[data-fieldname="activities"]',
			FILL_A_DAYS_LOG % (HELPERS, json.dumps(plan)),
			desk=True,
		)
		self.assertTrue(seen["dialog_closed"])
		first, more = seen["after_first"], seen["after_more"]
		self.assert_saved_cleanly(first, "Draft")
		self.assertEqual(first["headline"], "Still missing: Recruiting Visits: short by 1")
		self.assertEqual(first["subtotal"]["recruiting_visits"], "0/1")
		self.assert_saved_cleanly(more, "Draft")
		self.assertEqual(more["headline"], f"Standard met for {formatdate(self.day)}")
		self.assertEqual(
			more["subtotal"],
			{
				"phone_appointments": "5/5",
				"sales_interviews": "3/3",
				"recruiting_visits": "1/1",
				"new_prospects": "1/1",
				"referrals": "0/0",
			},
		)
		self.assertEqual((seen["submitted"]["docstatus"], seen["submitted"]["pill"]), (1, "Standard Met"))

		log = frappe.get_doc("Agent Log", first["name"])
		self.assertEqual((log.agent, getdate(log.log_date), log.docstatus), (self.org.agent_a2, self.day, 1))
		self.assertEqual(
			[(r.activity_kind, r.activity_count) for r in log.activities],
			[("Phone Appointment", 5), ("Sales Interview", 3), ("New Prospect", 1), ("Recruiting Visit", 1)],
		)
		self.assertEqual([log.get(item) for item in AGENT_ITEMS] + [log.standard_met], [5, 3, 1, 1, 0, 1])

	# ------------------------------------------------------------ 2. a supervisor's day on a phone
	def test_a_supervisor_on_a_phone_tracks_a_report_reviews_a_log_and_records_a_coaching_session(self):
		self.lang = "zh"
		org = self.org
		working = working_days.is_working_day(self.today, employee=org.sup_a)
		notes = "业绩进度正常，明天陪访"
		board = self.journey(
			org.users.sup_a,
			"/app/team-board",
			"team_board_tracking_call_390_zh",
			".team-board .report-card",
			RECORD_A_TRACKING_CALL % (HELPERS, json.dumps({"report": org.agent_a1, "notes": notes})),
		)
		self.assertEqual(board["before"]["stats"]["已追踪"], "0/2")
		self.assertIn("未追踪", board["before"]["chips"])
		self.assertEqual(board["button_label"], "记录通话")
		self.assertIn("电话追踪", board["dialog_title"])
		self.assertRegex(board["chip"], r"^已追踪 \d{1,2}:\d{2}$", "the call and its time on the card")
		self.assertIn(f"通话备注{notes}", [note.replace(" ", "") for note in board["notes"]])
		self.assertEqual(board["stats"]["已追踪"], "1/2")

		own_log = frappe.db.get_value(
			"Agent Log", {"agent": org.sup_a, "log_date": self.today, "docstatus": 0}, "name"
		)
		calls = frappe.get_all(
			"Agent Log Tracking Call", {"parent": own_log}, ["report", "notes"], order_by="idx"
		)
		self.assertEqual([(c.report, c.notes) for c in calls], [(org.agent_a1, notes)])

		review = self.journey(
			org.users.sup_a,
			"/app/team-board",
			"agent_log_review_390_zh",
			".team-board .report-card",
			REVIEW_FROM_THE_BOARD
			% (HELPERS, json.dumps({"report": org.agent_a2, "comment": "计划清楚，继续"})),
		)
		self.assertEqual(review["opened"]["name"], self.reviewed_log.name)
		self.assertEqual(review["opened"]["docstatus"], 1)
		self.assertTrue(review["dirty_before"])
		self.assertEqual((review["dirty_at_once"], review["dirty_later"]), (False, False), review)
		self.assertEqual(review["pill"], "未达标" if working else _("Non-working Day", lang="zh"))
		self.assertEqual(review["review_status"], "已审阅")
		stored = frappe.db.get_value(
			"Agent Log", self.reviewed_log.name, ["review_status", "supervisor_comment", "reviewed_by"]
		)
		self.assertEqual(stored, ("Reviewed", "计划清楚，继续", org.users.sup_a))

		coaching = self.journey(
			org.users.sup_a,
			f"/app/agent-log/{own_log}",
			"supervisor_coaching_390_zh",
			'.frappe-control[data-fieldname="coaching_report"]',
			RECORD_A_COACHING_SESSION
			% (
				HELPERS,
				json.dumps(
					{
						"log": own_log,
						"coached": org.agent_a2,
						"notes": "陪访冯晓东，讲解保障缺口",
						"items": SUPERVISOR_ITEMS,
					},
					ensure_ascii=False,
				),
			),
		)
		self.assert_saved_cleanly(coaching, "Draft")
		self.assertEqual(len(coaching["calls"]), 1)
		self.assertIn("JAS Agent A1", coaching["calls"][0])
		if working:
			# 111: one call of two reports, the coaching done, no spot-check yet
			self.assertEqual(
				coaching["figures"],
				{"tracking_calls_done": "1/2", "coaching_sessions": "1/1", "spot_checks": "0/1"},
			)
			self.assertEqual(coaching["still_to_call"], "JAS Agent A2")
			self.assertIn("电话追踪：差1", coaching["headline"])
			self.assertIn("抽查回访：差1", coaching["headline"])
			self.assertNotIn("个别辅导", coaching["headline"])
		else:  # what was done still counts; there is nothing to meet
			self.assertEqual(
				coaching["figures"],
				{"tracking_calls_done": "1/0", "coaching_sessions": "1/0", "spot_checks": "0/0"},
			)
			self.assertIn("非工作日", coaching["headline"])
		stored = frappe.get_doc("Agent Log", own_log)
		self.assertEqual(
			(stored.coaching_report, stored.coaching_type, stored.coaching_sessions),
			(org.agent_a2, "Accompanied Visit", 1),
		)

	# ------------------------------------------------------------ 3. my customers, the navigator, the log
	def test_an_agent_adds_the_navigators_next_action_for_a_customer_to_the_days_log(self):
		self.lang = "en"
		quadrant = frappe.get_doc("Customer Quadrant", {"party_type": "Customer", "party": self.customer})
		self.assertTrue(quadrant.next_action)
		plan = {"customer": self.customer, "customer_name": self.customer_name, "day": str(self.b_day)}
		seen = self.journey(
			self.org.users.agent_b1,
			"/app/customer-quadrant",
			"my_customers_next_action_390_en",
			".list-row-container",
			NAVIGATOR_TO_THE_LOG % (HELPERS, json.dumps(plan)),
		)
		self.assertIn(self.customer_name, seen["listed"])
		self.assertNotIn(self.colleagues_customer_name, seen["listed"], "only the agent's own customers")
		due = formatdate(quadrant.next_action_due)
		self.assertIn(f"Next action: {quadrant.next_action} Due {due}", seen["quadrant"]["headline"])
		self.assertIn(quadrant.next_action, seen["suggestion"])
		self.assertEqual(seen["add_after"], "Added")
		self.assert_saved_cleanly(seen, "Draft")
		kind = frappe.db.get_value("Customer Navigator Rule", quadrant.navigator_rule, "activity_kind")
		expected = {
			"activity_kind": kind,
			"party_type": "Customer",
			"party": self.customer,
			"party_name": self.customer_name,
			"next_step": quadrant.next_action,
		}
		self.assertEqual(seen["rows"], [expected])
		self.assertEqual(seen["grid_names"], [self.customer_name], "the row shows the customer on the phone")

		log = frappe.get_doc("Agent Log", seen["name"])
		self.assertEqual((log.agent, getdate(log.log_date)), (self.org.agent_b1, self.b_day))
		self.assertEqual(
			[
				{k: row.get(k) for k in ("activity_kind", "party_type", "party", "party_name", "next_step")}
				for row in log.activities
			],
			[expected],
		)
		item = frappe.db.get_value("Activity Kind", kind, "standard_item")
		if item:  # the navigator's kind counts toward the 5311 (a proposal counts toward none)
			self.assertEqual(log.get(item), 1)
