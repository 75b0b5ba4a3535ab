"""Campaigns (活动企划) in a real browser (issues 15 and 19): an agent on a 390 px phone with a Chinese desk
invites one of their customers from the campaign form's Connections and sees the count go up, never seeing
a colleague's invitation; an admin plans and publishes a campaign with the desk form alone."""

import json

import frappe
from frappe.utils import add_days, today

from insurance_activity.tests.artifacts import ARTIFACTS
from insurance_activity.tests.factories import make_org
from insurance_activity.tests.integration.test_activity_campaign import make_campaign, remove_campaigns
from insurance_activity.tests.integration.test_agent_log_screens import speaks_chinese
from insurance_activity.tests.production_factories import make_policy
from insurance_activity.tests.screens import PhoneScreenTestCase

INVITEE = "Activity Campaign Invitee"

# In the page: wait for a condition (polled, at most `ms`)
WAIT = """const wait = async (cond, ms = 20000) => {
	const start = Date.now();
	while (!(await cond())) {
		if (Date.now() - start > ms) return false;
		await new Promise((r) => setTimeout(r, 200));
	}
	return true;
};"""

# On the campaign form: the invitations' count in Connections, the "+" tapped, the agent's customer chosen and
# saved on the new invitation, then back on the campaign, the count again
INVITE_FROM_CONNECTIONS = """(async () => {
	%s
	const link = () => document.querySelector('.document-link[data-doctype="%s"]');
	const count = () => {
		const badge = link() && link().querySelector(".count");
		return badge && !badge.classList.contains("hidden") ? badge.innerText.trim() : "0";
	};
	await wait(() => link());
	document.querySelector(".form-documents").scrollIntoView();
	await new Promise((r) => setTimeout(r, 1500));  // the counts load once the links are in view
	const before = count();
	const plus = link().querySelector(".btn-new");
	const canAdd = !!plus && !plus.classList.contains("hidden");
	plus.click();
	await wait(() => window.cur_frm && cur_frm.doctype === "%s" && cur_frm.is_new());
	const prefilled = cur_frm.doc.campaign;
	await cur_frm.set_value("party_type", "Customer");
	await cur_frm.set_value("party", %s);
	await cur_frm.save();
	await wait(() => !cur_frm.is_new());
	const saved = { party_name: cur_frm.doc.party_name, dirty: cur_frm.is_dirty() };
	frappe.set_route("Form", "Activity Campaign", prefilled);
	await wait(() => cur_frm && cur_frm.doctype === "Activity Campaign" && link());
	document.querySelector(".form-documents").scrollIntoView();
	await wait(() => count() === "1");
	return { before, canAdd, prefilled, ...saved, after: count() };
})()"""

# On a new campaign form: the plan typed in, the office chosen in the table's row, saved, then submitted (the
# dialog's Yes)
PLAN_AND_PUBLISH = """(async () => {
	%s
	await wait(() => window.cur_frm && cur_frm.doctype === "Activity Campaign");
	const plan = %s;
	for (const [field, value] of Object.entries(plan.fields)) await cur_frm.set_value(field, value);
	// a new form may already hold an empty row of the table
	const row = (cur_frm.doc.offices || []).find((r) => !r.office) || cur_frm.add_child("offices");
	await frappe.model.set_value(row.doctype, row.name, "office", plan.office);
	cur_frm.refresh_field("offices");
	await cur_frm.save();
	await wait(() => !cur_frm.is_new());
	const draft = cur_frm.doc.status;
	cur_frm.savesubmit();
	await wait(() => document.querySelector(".modal.show .btn-primary"));
	document.querySelector(".modal.show .btn-primary").click();
	await wait(() => cur_frm.doc.docstatus === 1);
	return { name: cur_frm.doc.name, draft, status: cur_frm.doc.status, docstatus: cur_frm.doc.docstatus };
})()"""


def within(script: str, seconds: int = 90) -> str:
	"""The page script, answered with {"timeout": true} after `seconds` instead of hanging the probe (a dialog
	the journey did not expect leaves a save waiting forever)."""
	return f"Promise.race([{script}, new Promise((r) => setTimeout(() => r({{timeout: true}}), {seconds * 1000}))])"


class TestCampaignOnAPhone(PhoneScreenTestCase):
	"""An office's published campaign with one invitation of a colleague's customer; the agent invites their
	own on a phone, in Chinese."""

	PASSWORD = "Campaign-Phone-2026!"

	@classmethod
	def make_records(cls):
		org = cls.org = make_org("CSP")
		day = today()
		cls.mine = make_policy("CSP-P-1", org.agent_a1, add_days(day, -40), customer_name="孙丽").customer
		theirs = make_policy("CSP-P-2", org.agent_a2, add_days(day, -40), customer_name="周强").customer
		cls.campaign = make_campaign(
			"CSP 客户答谢茶话会",
			"Warming Platform",
			[org.office_a],
			add_days(day, -2),
			add_days(day, 5),
			invitees=[("Customer", theirs, 0)],
		)
		cls.addClassCleanup(cls.remove_records)
		speaks_chinese(org.users.agent_a1)
		return (org.users.agent_a1, org.users.admin)

	@classmethod
	def remove_records(cls):
		remove_campaigns("CSP %")
		frappe.db.delete("Insurance Policy", {"name": ("like", "CSP-P-%")})
		frappe.db.commit()

	def probe(self, user, path, picture, wait_for, facts, width=None):
		ARTIFACTS.mkdir(parents=True, exist_ok=True)
		size = {"width": width, "height": 900} if width else {"width": self.WIDTH, "height": self.HEIGHT}
		found = self.browser.probe(
			self.url,
			path,
			user,
			self.PASSWORD,
			[{**size, "out": str(ARTIFACTS / f"{picture}.png")}],
			wait_for,
			facts=facts,
			wait_until="window.cur_frm && cur_frm.doc && cur_frm.doc.name",
		)[0]
		self.assertEqual(found["errors"], [])
		self.assertLessEqual(found["scrollWidth"], size["width"], found)
		return found["facts"]

	def test_an_agent_invites_their_own_customer_from_the_campaigns_connections_on_a_phone(self):
		facts = self.probe(
			self.org.users.agent_a1,
			f"/app/activity-campaign/{self.campaign.name}",
			"campaign_invite_390",
			".form-documents",
			within(INVITE_FROM_CONNECTIONS % (WAIT, INVITEE, INVITEE, json.dumps(self.mine))),
		)
		self.assertEqual(
			facts,
			{
				"before": "0",  # the colleague's invitation is not counted
				"canAdd": True,
				"prefilled": self.campaign.name,
				"party_name": "孙丽",
				"dirty": False,
				"after": "1",
			},
		)
		frappe.db.rollback()  # read what the served site committed, not this connection's older snapshot
		stored = frappe.get_all(INVITEE, {"campaign": self.campaign.name}, ["party", "owner"])
		self.assertIn({"party": self.mine, "owner": self.org.users.agent_a1}, stored)

	def test_an_admin_plans_and_publishes_a_campaign_with_the_desk_form_alone(self):
		plan = {
			"fields": {
				"campaign_name": "CSP Visiting Theme",
				"kind": "Visiting Theme",
				"from_date": add_days(today(), 1),
				"to_date": add_days(today(), 20),
				"expected_interviews": 30,
			},
			"office": self.org.office_a,
		}
		facts = self.probe(
			self.org.users.admin,
			"/app/activity-campaign/new",
			"campaign_plan_1366",
			'.frappe-control[data-fieldname="campaign_name"]',
			within(PLAN_AND_PUBLISH % (WAIT, json.dumps(plan, default=str))),
			width=1366,
		)
		self.assertEqual(
			{k: facts[k] for k in ("draft", "status", "docstatus")},
			{"draft": "Draft", "status": "Published", "docstatus": 1},
		)
		frappe.db.rollback()  # read what the served site committed
		stored = frappe.get_doc("Activity Campaign", facts["name"])
		self.assertEqual(
			(stored.campaign_name, stored.docstatus, [row.office for row in stored.offices]),
			("CSP Visiting Theme", 1, [self.org.office_a]),
		)
