"""The daily log (活动日志) as an agent meets it on a Chinese desk (issue 12, part 1): the Agent field
starts as the user's own Employee and its picker lists only whom the user may log for; activity kinds are
shown and found in Chinese; a non-working day says there is no standard instead of "standard met"; labels
say what they mean; and the form and the list are usable on a 390 px phone (headless Chromium)."""

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, formatdate, getdate

from insurance_activity import working_days
from insurance_activity.activity.standards import ITEM_LABELS
from insurance_activity.customers import quadrants
from insurance_activity.setup.defaults import DEFAULT_KINDS
from insurance_activity.tests.artifacts import ARTIFACTS
from insurance_activity.tests.factories import (
	company,
	last_working_day,
	make_log,
	make_org,
	open_edit_window,
	set_settings,
)
from insurance_activity.tests.production_factories import make_policy
from insurance_activity.tests.rest import rest_get
from insurance_activity.tests.screens import PhoneScreenTestCase

AGENT_LOG = "insurance_activity.activity.doctype.agent_log.agent_log"
AGENT_QUERY = f"{AGENT_LOG}.agent_query"
SEARCH_LINK = "/api/method/frappe.desk.search.search_link"
NO_STANDARD = "Non-working day: there is no standard to meet."


def non_working_sunday(before):
	"""The latest Sunday before `before` that is a day off (a make-up working Sunday is skipped)."""
	day = add_days(getdate(before), -1)
	while day.weekday() != 6 or working_days.is_working_day(day, company=company()):
		day = add_days(day, -1)
	return getdate(day)


def new_log_defaults() -> dict:
	"""The new-log defaults as the desk asks for them (looked up by path, so this module loads without them)."""
	return frappe.get_attr(f"{AGENT_LOG}.new_log_defaults")()


def speaks_chinese(user: str) -> None:
	"""The user's desk language is Chinese (and no cached language of theirs stays behind)."""
	frappe.db.set_value("User", user, "language", "zh")
	frappe.clear_cache(user=user)


def picker(user: str, txt: str = "") -> set[str]:
	"""The Employees the Agent field's picker offers `user`, through the link-search REST route."""
	status, body = rest_get(
		user,
		SEARCH_LINK,
		{"doctype": "Employee", "txt": txt, "query": AGENT_QUERY, "reference_doctype": "Agent Log"},
	)
	assert status == 200, body
	return {row["value"] for row in body["message"]}


class TestNewLogAgent(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("NLA")
		cls.day = last_working_day()
		open_edit_window()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_a_new_log_starts_as_the_agents_own_and_an_agent_cannot_change_it(self):
		frappe.set_user(self.org.users.agent_a1)
		self.assertEqual(new_log_defaults(), {"agent": self.org.agent_a1, "agent_fixed": True})

	def test_a_supervisors_new_log_starts_as_their_own_but_they_may_log_for_their_team(self):
		frappe.set_user(self.org.users.sup_a)
		self.assertEqual(new_log_defaults(), {"agent": self.org.sup_a, "agent_fixed": False})

	def test_the_agent_picker_offers_an_agent_only_themself(self):
		self.assertEqual(picker(self.org.users.agent_a1), {self.org.agent_a1})

	def test_the_agent_picker_offers_a_supervisor_their_team_and_no_other_team(self):
		self.assertEqual(picker(self.org.users.sup_a), {self.org.sup_a, self.org.agent_a1, self.org.agent_a2})
		self.assertEqual(picker(self.org.users.sup_a, "NLA Agent"), {self.org.agent_a1, self.org.agent_a2})

	def test_the_agent_picker_offers_an_office_manager_their_office(self):
		offered = picker(self.org.users.manager_a, "NLA")
		self.assertEqual(offered, {self.org.manager_a, self.org.sup_a, self.org.agent_a1, self.org.agent_a2})

	def test_the_agent_picker_offers_an_admin_everyone(self):
		self.assertLessEqual(
			{self.org.agent_b1, self.org.agent_a1, self.org.sup_b}, picker(self.org.users.admin, "NLA")
		)


class TestDailyLogInChinese(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("DLC")
		open_edit_window()
		speaks_chinese(cls.org.users.agent_a1)
		frappe.db.commit()

	def test_a_log_sends_the_standards_items_in_order_for_its_headline(self):
		"""One list of the 5311 and 111 items (activity/standards.py), sent to the form with the log."""
		log = frappe.get_doc(
			"Agent Log", make_log(self.org.agent_a1, last_working_day(), [("Phone Appointment", 1)]).name
		)
		log.run_method("onload")
		self.assertEqual(list(log.get_onload()["standard_items"].items()), list(ITEM_LABELS.items()))

	def test_typing_电话_in_the_activity_picker_finds_the_phone_appointment(self):
		status, body = rest_get(
			self.org.users.agent_a1,
			SEARCH_LINK,
			# a token-authenticated request takes its language from `_lang` (the desk's from the user)
			{
				"doctype": "Activity Kind",
				"txt": "电话",
				"reference_doctype": "Agent Log Activity",
				"_lang": "zh",
			},
		)
		self.assertEqual(status, 200, body)
		found = [row["value"] for row in body["message"]]
		self.assertEqual(found, ["Phone Appointment"])  # 电话约访; no other seeded kind has 电话 in its name

	def test_activity_kinds_are_shown_translated_in_links(self):
		self.assertTrue(frappe.get_meta("Activity Kind").translated_doctype)

	def test_counts_toward_shows_a_label_not_the_internal_key(self):
		for lang, label in (("zh", "销售面谈"), ("en", "Sales Interviews")):
			self.assertEqual(_("sales_interviews", lang=lang), label)
		kind = frappe.get_meta("Activity Kind").get_field("standard_item")
		row = frappe.get_meta("Agent Log Activity").get_field("standard_item")
		self.assertEqual(row.fieldtype, "Select")  # a Select is shown through its translations
		self.assertEqual(row.options, kind.options)
		for key in filter(None, kind.options.split("\n")):
			self.assertNotEqual(_(key, lang="zh"), key)
			self.assertNotEqual(_(key, lang="en"), key)

	def test_the_activitys_outcome_is_not_called_a_callback_result(self):
		self.assertEqual(_("Outcome", lang="zh", context="Agent Log Activity"), "活动结果")
		self.assertEqual(_("Outcome", lang="zh", context="Callback Check"), "回访结果")

	def test_seeded_activity_kinds_agenda_sections_and_criteria_have_chinese_names(self):
		names = [kind[0] for kind in DEFAULT_KINDS]
		names += frappe.get_all("Meeting Template Section", pluck="section_title", distinct=True)
		names += frappe.get_all("Quality Rubric Criterion", pluck="criterion", distinct=True)
		self.assertGreater(len(names), len(DEFAULT_KINDS))
		untranslated = [
			name for name in names if _(name, lang="zh", context="Meeting Template Section") == name
		]
		self.assertEqual(untranslated, [])
		# PDCA's "Check" is the review step (检视), not a check box (校验)
		self.assertEqual(_("Check", lang="zh", context="Meeting Agenda Section"), "检视")
		self.assertEqual(_("Check", lang="zh", context="Meeting Template Section"), "检视")

	def test_seeded_names_are_marked_to_show_in_the_users_language(self):
		for doctype in ("Activity Kind", "Meeting Type", "Meeting Template", "Quality Rubric"):
			self.assertTrue(frappe.get_meta(doctype).translated_doctype, doctype)
		for doctype, field in (
			("Meeting Agenda Section", "section_title"),
			("Meeting Template Section", "section_title"),
			("Quality Rubric Criterion", "criterion"),
			("Meeting Quality Score", "criterion"),
			("Meeting KPI", "metric"),
		):
			self.assertTrue(frappe.get_meta(doctype).get_field(field).translatable, doctype)

	def test_a_sunday_log_says_there_is_no_standard_rather_than_standard_met(self):
		sunday = non_working_sunday(last_working_day())
		log = make_log(self.org.agent_a2, sunday, [("Phone Appointment", 1)])
		self.assertEqual(log.is_working_day, 0)
		self.assertEqual(log.shortfall_summary, NO_STANDARD)
		self.assertNotIn("已达标", _(log.shortfall_summary, lang="zh"))
		self.assertIn("非工作日", _(log.shortfall_summary, lang="zh"))


class TestDailyLogOnAPhone(PhoneScreenTestCase):
	"""The log form and list as an agent on a 390 x 844 phone with a Chinese desk (1366 px pictured too)."""

	PASSWORD = "Daily-Log-Phone-2026!"
	DESK = {"width": 1366, "height": 900}

	@classmethod
	def make_records(cls):
		open_edit_window()
		org = cls.org = make_org("DLP")
		cls.day = last_working_day()
		cls.log = make_log(
			org.agent_a1,
			cls.day,
			[
				("Sales Interview", 1, None, None, "13955550001", "王建国"),
				("Phone Appointment", 2, None, None, "13955550002", "李秀英"),
			],
		)
		cls.sunday_log = make_log(org.agent_a1, non_working_sunday(cls.day), [("Phone Appointment", 1)])
		make_policy(
			"DLP-P-1", org.agent_a1, cls.day, customer_name="赵晓明"
		)  # a customer the navigator names: "keep in touch" within 30 days, so look that far ahead
		before = frappe.db.get_single_value("Insurance Activity Settings", "navigator_suggestion_days")
		cls.addClassCleanup(lambda: (set_settings(navigator_suggestion_days=before), frappe.db.commit()))
		set_settings(navigator_suggestion_days=60)
		quadrants.recompute(cls.day, full=True)
		users = (org.users.agent_a1, org.users.sup_a)
		for user in users:
			speaks_chinese(user)
		return users

	def probe(self, user: str, path: str, picture: str, wait_for: str, facts: str, wait_until=None):
		"""Open `path` as `user` at 390 px (and 1366 px for the picture only); the 390 px facts."""
		ARTIFACTS.mkdir(parents=True, exist_ok=True)
		shots = [
			{"width": self.WIDTH, "height": self.HEIGHT, "out": str(ARTIFACTS / f"{picture}_390.png")},
			{**self.DESK, "out": str(ARTIFACTS / f"{picture}_1366.png")},
		]
		phone = self.browser.probe(
			self.url, path, user, self.PASSWORD, shots, wait_for, facts=facts, wait_until=wait_until
		)[0]
		self.assertEqual(phone["errors"], [])
		self.assertLessEqual(phone["scrollWidth"], self.WIDTH, phone)
		return phone["facts"]

	def test_a_new_log_on_a_phone_is_the_agents_own_and_fixed(self):
		facts = self.probe(
			self.org.users.agent_a1,
			"/app/agent-log/new",
			"agent_log_new",
			'.frappe-control[data-fieldname="agent"]',
			"({agent: cur_frm.doc.agent, fixed: !!cur_frm.get_field('agent').df.read_only})",
			wait_until="window.cur_frm && cur_frm.doc.agent",
		)
		self.assertEqual(facts, {"agent": self.org.agent_a1, "fixed": True})

	def test_a_new_log_offers_the_suggested_actions_and_one_tap_adds_the_customers_row(self):
		facts = self.probe(
			self.org.users.agent_a1,
			"/app/agent-log/new",
			"agent_log_new_suggested_actions",
			'.frappe-control[data-fieldname="agent"]',
			SUGGESTED_ACTIONS_TAP,
			wait_until="window.cur_frm && cur_frm.doc.agent",
		)
		self.assertEqual(facts, {"button": True, "added": ["赵晓明"]})

	def test_one_tap_adds_an_activity_and_a_customers_activity_opens_its_row(self):
		"""The fewest taps on a phone (issue 19): "Add Activity" holds a button per kind of the standard; two
		taps on 电话约访 make one row counting 2, a tap on 销售面谈 starts a row open for the customer."""
		facts = self.probe(
			self.org.users.agent_a1,
			"/app/agent-log/new",
			"agent_log_add_activity",
			'.frappe-control[data-fieldname="agent"]',
			ADD_ACTIVITY_TAPS,
			wait_until="window.cur_frm && cur_frm.doc.agent && cur_frm.custom_buttons",
		)
		kinds = frappe.get_all("Activity Kind", filters={"enabled": 1, "standard_item": ("is", "set")})
		self.assertEqual(len(facts["labels"]), len(kinds), facts)
		self.assertEqual(facts["labels"][0], "电话约访", facts)  # the standard's first item first
		self.assertIn("销售面谈", facts["labels"])
		self.assertEqual(facts["rows"], [["Phone Appointment", 2, ""], ["Sales Interview", 1, ""]], facts)
		self.assertTrue(facts["editor_open"], facts)

	def test_the_activities_grid_on_a_phone_shows_kind_name_and_phone_in_chinese(self):
		facts = self.probe(
			self.org.users.agent_a1,
			f"/app/agent-log/{self.log.name}",
			"agent_log_activities",
			'.frappe-control[data-fieldname="activities"] .grid-body .grid-row',
			"""(() => {
				const row = document.querySelector('.frappe-control[data-fieldname="activities"] .grid-body .grid-row');
				const seen = {};
				for (const field of ["activity_kind", "activity_count", "party_name", "phone"]) {
					const col = row.querySelector(`.grid-static-col[data-fieldname="${field}"]`);
					const box = col && col.getBoundingClientRect();
					const text = col && col.querySelector(".static-area");
					// not cut to "…", and not spilling out of its cell onto the next row
					const whole = !!text && text.scrollWidth <= text.clientWidth + 1
						&& text.getBoundingClientRect().bottom <= box.bottom + 1;
					seen[field] = !!box && box.width > 20 && box.left >= 0 && box.right <= window.innerWidth
						&& whole ? col.innerText.trim() : null;
				}
				return seen;
			})()""",
		)
		self.assertEqual(facts["activity_kind"], "销售面谈")
		self.assertEqual(facts["activity_count"], "1")
		self.assertEqual(facts["party_name"], "王建国")
		self.assertIn("13955550001", (facts["phone"] or "").replace(" ", ""))

	def test_a_sunday_log_on_a_phone_says_there_is_no_standard(self):
		facts = self.probe(
			self.org.users.agent_a1,
			f"/app/agent-log/{self.sunday_log.name}",
			"agent_log_sunday",
			".form-message",
			"cur_frm.layout.message.text()",
		)
		self.assertIn("非工作日", facts)
		self.assertNotIn("已达标", facts)

	def test_the_headline_names_what_the_day_lacks_from_the_servers_list_in_the_readers_language(self):
		"""The standard's items and labels reach the form from the server (standards.ITEM_LABELS, one list,
		sent with the log on load) and are read in Chinese, whatever language the log was saved in."""
		facts = self.probe(
			self.org.users.agent_a1,
			f"/app/agent-log/{self.log.name}",
			"agent_log_headline",
			".form-message",
			"({headline: cur_frm.layout.message.text(), items: Object.keys(cur_frm.doc.__onload.standard_items)})",
		)
		self.assertEqual(facts["items"], list(ITEM_LABELS))
		self.assertIn("电话约访：差", facts["headline"])
		self.assertNotIn("short by", facts["headline"])

	def test_the_list_of_logs_on_a_phone_shows_each_logs_date(self):
		facts = self.probe(
			self.org.users.agent_a1,
			"/app/agent-log",
			"agent_log_list",
			".list-row-container .list-subject",
			"Array.from(document.querySelectorAll('.list-row-container .list-subject'))"
			".filter((el) => el.getBoundingClientRect().width > 0).map((el) => el.innerText.trim())",
		)
		for day in (self.day, self.sunday_log.log_date):
			self.assertTrue(any(formatdate(day) in subject for subject in facts), (formatdate(day), facts))


# On a new log: the Suggested Actions button, tapped; the first suggestion's Add tapped; the customers of
# the activity rows then (the dialog's rows come from the server, waited for at most 10 s)
# Under "Add Activity": the kinds' buttons; 电话约访 tapped twice, 销售面谈 once; the rows and whether the last
# row's editor is open
ADD_ACTIVITY_TAPS = """(async () => {
	const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
	for (let i = 0; i < 50 && !cur_frm.custom_buttons[__("Phone Appointment")]; i++) await sleep(200);
	const group = [...document.querySelectorAll(".inner-group-button")].find((g) =>
		g.querySelector("button").innerText.includes(__("Add Activity"))
	);
	const labels = group ? [...group.querySelectorAll(".dropdown-item")].map((a) => a.innerText.trim()) : [];
	const tap = async (label) => {
		cur_frm.custom_buttons[label].click();
		await sleep(600);
	};
	await tap(__("Phone Appointment"));
	await tap(__("Phone Appointment"));
	await tap(__("Sales Interview"));
	const rows = cur_frm.doc.activities.map((row) => [row.activity_kind, row.activity_count, row.party_name || ""]);
	return { labels, rows, editor_open: !!document.querySelector(".grid-row-open") };
})()"""

SUGGESTED_ACTIONS_TAP = """(async () => {
	const button = cur_frm.custom_buttons[__("Suggested Actions")];
	if (!button) return { button: false };
	button.click();
	let add = null;
	for (let i = 0; i < 50 && !add; i++) {
		await new Promise((resolve) => setTimeout(resolve, 200));
		add = document.querySelector(".modal.show button[data-row]");
	}
	if (add) add.click();
	return { button: true, added: cur_frm.doc.activities.filter((row) => row.party).map((row) => row.party_name) };
})()"""
