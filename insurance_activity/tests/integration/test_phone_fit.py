"""Phone fit (issue 19, part 3): every screen an agent or a supervisor opens works on a 390 x 844 phone.

The screens come from the metadata, never from a list typed here: every DocType of the app's modules
(modules.txt) whose DocPerm rows let the user's roles read it, opened as its list view and as a form (a new
form where the roles may create, else a record the user may read, found with frappe.get_list as that user),
and every Page of the app the user may open (its roles). An agent walks them in English, a supervisor
(agent and supervisor roles) in Chinese, each in one browser session (one login), going from screen to
screen with the desk's own router as a tap does.

On each screen, at the top as it opens:
- no sideways scrolling: the document is no wider than the phone, and no element of the page's main section
  reaches past its right edge or scrolls sideways inside itself (what an ancestor clips away is not seen);
- the primary action shows without scrolling: the page head's primary button (Save, Submit, Add) or, on a
  page without one, its first button, lies inside the 390 x 844 viewport; a new form has its Save;
- Chinese renders in a CJK font: Chromium names the fonts it drew each visible Chinese text with
  (DevTools' CSS.getPlatformFontsForNode), and those fonts, which fontconfig lists for the language zh,
  drew at least as many glyphs as the text has Chinese characters. A missing font draws boxes in
  another font and fails; document.fonts.check is no test (it answers true for a font that is not there);
- the page raised no error of the app's.

One picture per screen in dev/artifacts/phone_fit/ and a table of the screens checked in the output (and in
dev/artifacts/phone_fit_<user>_<language>.tsv). A screen that does not fit and cannot be fixed small goes in KNOWN_MISFITS
with its reason, where it stays visible; an entry that fits again fails until it is taken out.
"""

import json
import subprocess
import tempfile
import time
from dataclasses import dataclass

import pytest

import frappe
from frappe.permissions import get_role_permissions
from frappe.utils import add_days

from insurance_activity.customers import quadrants
from insurance_activity.production import performance, tiers
from insurance_activity.tests.artifacts import ARTIFACTS, write_table
from insurance_activity.tests.contest_factories import make_contest, make_ledger_row
from insurance_activity.tests.factories import last_working_day, make_log, make_org
from insurance_activity.tests.integration.test_activity_campaign import make_campaign, remove_campaigns
from insurance_activity.tests.integration.test_agent_log_screens import speaks_chinese
from insurance_activity.tests.integration.test_callback_check import close_as, manual_check
from insurance_activity.tests.integration.test_meetings import make_session
from insurance_activity.tests.integration.test_production_targets import make_target
from insurance_activity.tests.production_factories import make_policy, month_before
from insurance_activity.tests.reward_factories import make_settlement
from insurance_activity.tests.screens import CHART_REDRAW_RACE, PhoneScreenTestCase, errors_of_ours
from insurance_activity.tests.site import real_time_only

APP = "insurance_activity"
PREFIX = "PHF"
SHOTS = ARTIFACTS / "phone_fit"

# Screens that do not fit a phone yet and are not a small fix of the app's: (user, screen) -> why. Each
# entry is reported in the table; it fails again once the screen fits, so that it is taken out.
KNOWN_MISFITS: dict[tuple[str, str], str] = {}

# In the page, once a screen has opened: what the checks read. `vw`/`vh` are the viewport's size.
MEASURE = """({ vw, vh }) => {
	const page = frappe.container.page;
	const main = page.querySelector(".layout-main-section") || page;
	const shown = (el) => {
		const r = el.getBoundingClientRect();
		return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
	};
	const name = (el) => {
		const cls = [...el.classList].slice(0, 3).join(".");
		const field = el.closest("[data-fieldname]");
		return `${el.tagName.toLowerCase()}${cls ? "." + cls : ""}`
			+ (field ? ` in [data-fieldname=${field.dataset.fieldname}]` : "");
	};
	// the part of an element a person can see: cut by each ancestor that clips (overflow not visible)
	const seen = (el) => {
		const r = el.getBoundingClientRect();
		let right = r.right;
		for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
			const overflow = getComputedStyle(a).overflowX;
			if (overflow === "hidden" || overflow === "clip") right = Math.min(right, a.getBoundingClientRect().right);
		}
		return right;
	};
	const wide = [];
	for (const el of main.querySelectorAll("*")) {
		if (!shown(el)) continue;
		const r = el.getBoundingClientRect();
		const style = getComputedStyle(el);
		const scrolls = ["auto", "scroll"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
		if (r.width > vw + 0.5 || seen(el) > vw + 0.5 || scrolls) {
			wide.push(`${name(el)} ${Math.round(r.left)}..${Math.round(r.right)}${scrolls ? ` scrolls ${el.scrollWidth}/${el.clientWidth}` : ""}`);
		}
	}
	// the primary action: the page head's primary button, else its first button, else the page's first
	const buttons = (root, selector) => [...root.querySelectorAll(selector)].filter(shown);
	const head = page.querySelector(".page-head");
	const primary = (head && buttons(head, ".page-actions .primary-action")[0])
		|| (head && buttons(head, ".page-actions button")[0])
		|| buttons(main, "button, .btn")[0];
	let action = null;
	if (primary) {
		const r = primary.getBoundingClientRect();
		action = {
			label: primary.innerText.replace(/\\s+/g, " ").trim() || primary.getAttribute("title")
				|| primary.getAttribute("aria-label") || (primary.querySelector("svg use") || { getAttribute: () => "icon" })
					.getAttribute("href").replace(/^#(icon|es-line)-/, ""),
			primary: primary.classList.contains("primary-action"),
			inside: r.left >= -0.5 && r.top >= -0.5 && r.right <= vw + 0.5 && r.bottom <= vh + 0.5,
			box: [r.left, r.top, r.right, r.bottom].map(Math.round),
		};
	}
	// the Chinese texts on screen, marked for the fonts' read-out: elements whose own text has CJK characters,
	// whole in the viewport and not cut by an ellipsis
	const CJK = /[\\u3400-\\u9fff\\uf900-\\ufaff]/g;
	document.querySelectorAll("[data-pf-cjk]").forEach((el) => el.removeAttribute("data-pf-cjk"));
	let cjk_chars = 0;
	const cjk_texts = [];
	for (const el of document.body.querySelectorAll("*")) {
		if (cjk_texts.length >= 8) break;
		const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("");
		const found = own.match(CJK);
		if (!found || !shown(el) || el.closest(".hidden, .hide")) continue;
		const r = el.getBoundingClientRect();
		if (r.left < 0 || r.top < 0 || r.right > vw || r.bottom > vh || el.scrollWidth > el.clientWidth + 1) continue;
		el.setAttribute("data-pf-cjk", "");
		cjk_chars += found.length;
		cjk_texts.push(own.trim().slice(0, 20));
	}
	const root = document.scrollingElement;
	return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 12),
		wide_count: wide.length, action, cjk_chars, cjk_texts, route: frappe.get_route_str() };
}"""

# One browser session for a user: log in once (dev/browser/session.js), then each screen through the desk's
# router, waited for, measured, pictured, and its Chinese texts' fonts read from DevTools.
WALK = """
const fs = require("fs");
const args = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const { launch, open_logged_in } = require(args.session);
const measure = eval(args.measure);
const settle = (page) => page.evaluate(() => new Promise((r) => frappe.after_ajax(() => setTimeout(r, 600))));

async function fonts(cdp) {
	const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
	const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: "[data-pf-cjk]" });
	const used = {};
	for (const nodeId of nodeIds) {
		const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
		for (const f of fonts) used[f.familyName] = (used[f.familyName] || 0) + f.glyphCount;
	}
	return used;
}

(async () => {
	const browser = await launch(args);
	const results = [];
	try {
		const size = { width: args.width, height: args.height, mobile: true };
		const { context, page, errors } = await open_logged_in(browser, args, size);
		const cdp = await context.newCDPSession(page);
		await cdp.send("DOM.enable");
		await cdp.send("CSS.enable");
		await page.goto(`${args.baseUrl}/app`, { waitUntil: "load", timeout: 120000 });
		await page.waitForFunction(() => window.frappe && frappe.container && frappe.container.page, null,
			{ timeout: 120000 });
		await settle(page);
		for (const screen of args.screens) {
			const started = Date.now();
			const before = errors.length;
			let facts;
			try {
				await page.evaluate((path) => { frappe.set_route(path); }, screen.path);
				await page.waitForFunction(screen.ready, null, { timeout: 60000 });
				await settle(page);
				await settle(page);
				await page.evaluate(() => window.scrollTo(0, 0));
				if (args.inject) await page.evaluate(args.inject);
				facts = await page.evaluate(measure, { vw: args.width, vh: args.height });
				facts.fonts = await fonts(cdp);
			} catch (error) {
				facts = { failed: String(error).split("\\n")[0] };
			}
			await page.screenshot({ path: screen.out, fullPage: true }).catch(() => {});
			results.push({ ...facts, errors: errors.slice(before), ms: Date.now() - started });
		}
	} finally {
		await browser.close();
	}
	console.log(JSON.stringify(results));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
"""


@dataclass(frozen=True)
class Screen:
	kind: str  # list, new form, form, page
	title: str  # the DocType's or the Page's name
	path: str  # the desk route, /app/...
	ready: str  # a JS expression, true once the screen has opened

	@property
	def key(self) -> str:
		return f"{self.kind}: {self.title}"


def app_modules() -> list[str]:
	return frappe.get_module_list(APP)


def slug(name: str) -> str:
	return frappe.scrub(name).replace("_", "-")


def screens_of(user: str) -> list[Screen]:
	"""The screens `user` opens: for each DocType of the app their roles may read, its list and a form (new
	where they may create, else the newest record they may read; a Single: its one form); each Page of the
	app they may open."""
	modules = app_modules()
	screens = []
	doctypes = frappe.get_all(
		"DocType",
		{"module": ("in", modules), "istable": 0, "is_virtual": 0},
		["name", "issingle"],
		order_by="name",
	)
	frappe.set_user(user)
	try:
		for doctype in doctypes:
			may = get_role_permissions(frappe.get_meta(doctype.name), user=user)
			if not may.get("read"):
				continue
			dt = json.dumps(doctype.name)
			form = (
				f"window.cur_frm && cur_frm.doctype === {dt} && cur_frm.page.wrapper.is(':visible')"
				" && cur_frm.layout && !frappe.dom.freeze_count"
			)
			if doctype.issingle:
				screens.append(Screen("form", doctype.name, f"/app/{slug(doctype.name)}", form))
				continue
			screens.append(
				Screen(
					"list",
					doctype.name,
					f"/app/{slug(doctype.name)}",
					f"window.cur_list && cur_list.doctype === {dt} && frappe.get_route()[0] === 'List'"
					" && [...frappe.container.page.querySelectorAll('.list-row-container, .no-result')]"
					".some((el) => el.offsetParent)",
				)
			)
			if may.get("create"):
				screens.append(
					Screen(
						"new form",
						doctype.name,
						f"/app/{slug(doctype.name)}/new",
						form + " && cur_frm.is_new()",
					)
				)
				continue
			record = frappe.get_list(doctype.name, pluck="name", order_by="creation desc", limit=1)
			if not record:
				raise AssertionError(
					f"{user} may read {doctype.name} but reads no record of it: make one in make_records"
				)
			screens.append(
				Screen(
					"form",
					doctype.name,
					f"/app/{slug(doctype.name)}/{record[0]}",
					form + f" && cur_frm.docname === {json.dumps(record[0])}",
				)
			)
		for page in frappe.get_all("Page", {"module": ("in", modules)}, pluck="name", order_by="name"):
			if frappe.get_doc("Page", page).is_permitted():
				screens.append(
					Screen(
						"page",
						page,
						f"/app/{page}",
						f"frappe.container.page && frappe.container.page.dataset.pageRoute === {json.dumps(page)}"
						" && $(frappe.container.page).is(':visible')",
					)
				)
	finally:
		frappe.set_user("Administrator")
	return screens


def purge(doctype: str, filters: dict) -> None:
	"""Delete the records and their table rows (not committed)."""
	names = frappe.get_all(doctype, filters, pluck="name")
	if names:
		for table in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(table.options, {"parenttype": doctype, "parent": ("in", names)})
		frappe.db.delete(doctype, {"name": ("in", names)})


def chinese_font_families() -> set[str]:
	"""The font families fontconfig lists for Chinese (each family's every name)."""
	listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
	return {name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()}


@pytest.fixture(autouse=True)
def _terminal(request, capsys):
	"""The test's table goes to the terminal (pytest otherwise keeps a passing test's output)."""
	if request.instance is not None:
		request.instance.capsys = capsys


@real_time_only  # a layout's fit does not depend on the hour; the records' dates are working days
class TestEveryScreenFitsAPhone(PhoneScreenTestCase):
	"""make_org "PHF": agent A1 (English) and supervisor A (Chinese, agent and supervisor roles), with a
	record of each doctype they read that nobody of theirs creates: the log's checked visit, an incident, a
	policy and its customer's quadrant, a target, the month's performance and tier review, the office's
	meetings, campaign and points contest with the agent's ledger row and reward."""

	PASSWORD = "Phone-Fit-2026!"

	@classmethod
	def make_records(cls):
		org = cls.org = make_org(PREFIX)
		cls.remove_records()
		cls.addClassCleanup(cls.remove_records)
		day = last_working_day(employee=org.agent_a1)
		log = make_log(
			org.agent_a1,
			day,
			[("Sales Interview", 1, None, None, "13912348601", "PHF 林晓梅")],
			ignore_edit_window=True,
		)
		check = manual_check(log, 1, org.users.officer)
		close_as(org.users.officer, check.name, "Confirmed")  # an agent reads a check once it is closed
		frappe.get_doc(
			{"doctype": "Conduct Incident", "incident_type": "Misconduct", "agent": org.agent_a1}
		).insert()
		month = month_before(1)
		customer = make_policy("PHF-P-1", org.agent_a1, month, customer_name="PHF 林晓梅").customer
		quadrants.place_parties(
			[("Customer", customer)],
			day,
			quadrants.quadrant_config(),
			quadrants.stored_quadrants(),
			quadrants.navigator_rules(),
		)
		make_target("Agent", employee=org.agent_a1, regular_premium=1000)
		performance.recompute_month(month.year, month.month)
		tiers.reevaluate_month(month.year, month.month)
		meeting = make_session(org.office_a, "Weekly Review", day)
		meeting.append("attendees", {"employee": org.agent_a1})  # an agent reads the meetings they attend
		meeting.save()
		make_campaign(
			f"{PREFIX} 客户答谢茶话会",
			"Warming Platform",
			[org.office_a],
			add_days(day, -2),
			add_days(day, 5),
			invitees=[("Customer", customer, 0)],
		)
		make_contest(f"{PREFIX} Contest", day, day, [org.office_a], [("Sales Interview", 2, 0, day)])
		make_ledger_row(f"{PREFIX} Contest", org.agent_a1, day)
		settlement = make_settlement(f"{PREFIX} Contest")
		frappe.get_doc(
			{
				"doctype": "Agent Reward",
				"agent": org.agent_a1,
				"office": org.office_a,
				"contest": f"{PREFIX} Contest",
				"from_date": day,
				"to_date": day,
				"amount": 100,
				"status": "Journal Entry",
				"settlement": settlement.name,
			}
		).insert(ignore_permissions=True)
		speaks_chinese(org.users.sup_a)
		frappe.db.set_value("User", org.users.agent_a1, "language", "en")
		frappe.clear_cache(user=org.users.agent_a1)
		return (org.users.agent_a1, org.users.sup_a)

	@classmethod
	def remove_records(cls):
		"""What make_records made (also a run's that stopped half-way, so a rerun starts clean)."""
		frappe.db.rollback()
		org = cls.org
		people = ("in", [org.agent_a1, org.agent_a2, org.sup_a, org.manager_a, org.sup_b, org.agent_b1])
		contests = ("like", f"{PREFIX} %")
		remove_campaigns(f"{PREFIX} %")
		for doctype, filters in (
			("Callback Check", {"agent": people}),
			("Agent Log", {"agent": people}),
			("Conduct Incident", {"agent": people}),
			("Customer Quadrant", {"agent": people}),
			("Production Target", {"employee": people}),
			("Agent Monthly Performance", {"agent": people}),
			("Tier Review", {"agent": people}),
			("Meeting Session", {"office": org.office_a}),
			("Agent Reward", {"contest": contests}),
			("Reward Settlement", {"contest": contests}),
			("Points Contest Ledger", {"contest": contests}),
			("Points Contest", {"name": contests}),
			("Insurance Policy", {"name": ("like", f"{PREFIX}-P-%")}),
		):
			purge(doctype, filters)
		frappe.db.commit()

	# ------------------------------------------------------------ the walk
	def walk(self, who: str, user: str, lang: str, inject: str | None = None) -> list[tuple[Screen, dict]]:
		"""Every screen of `user` in one browser session; each screen with what was measured on it. `inject`:
		a script run on each screen before it is measured (how the check was seen to fail: a 420 px element
		added to the Agent Log screens made both of them fail, and nothing else)."""
		screens = screens_of(user)
		SHOTS.mkdir(parents=True, exist_ok=True)
		outs = [SHOTS / f"{who}_{lang}_{s.kind.replace(' ', '_')}_{slug(s.title)}.png" for s in screens]
		args = {
			"baseUrl": self.url,
			"user": user,
			"password": self.PASSWORD,
			"width": self.WIDTH,
			"height": self.HEIGHT,
			"session": str(self.browser.BROWSER_DIR / "session.js"),
			"executablePath": self.browser.CHROMIUM,
			"appAssets": {"prefix": f"/assets/{APP}/", "dir": str(self.browser.APP_PUBLIC)},
			"measure": MEASURE,
			"inject": inject,
			"screens": [
				{"path": s.path, "ready": s.ready, "out": str(out)}
				for s, out in zip(screens, outs, strict=True)
			],
		}
		with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
			json.dump(args, file)
			file.flush()
			result = subprocess.run(
				["node", "-e", WALK, file.name],
				cwd=self.browser.BROWSER_DIR,
				capture_output=True,
				text=True,
				timeout=60 * len(screens) + 180,
			)
		if result.returncode != 0:
			raise RuntimeError(f"the walk failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
		facts = json.loads(result.stdout.strip().splitlines()[-1])
		for fact, out in zip(facts, outs, strict=True):
			fact["picture"] = str(out.relative_to(ARTIFACTS.parent.parent))
		return list(zip(screens, facts, strict=True))

	def misfits(self, screen: Screen, facts: dict, lang: str, cjk_fonts: set[str]) -> list[str]:
		"""Why the screen does not work on the phone; empty when it does."""
		if "failed" in facts:
			return [f"did not open: {facts['failed']}"]
		why = []
		if facts["scrollWidth"] > self.WIDTH:
			why.append(f"the page is {facts['scrollWidth']} px wide")
		if facts["wide"]:
			why.append(f"{facts['wide_count']} elements past the edge: {'; '.join(facts['wide'][:4])}")
		action = facts["action"]
		if screen.kind == "new form" and not (action and action["primary"]):
			why.append("no Save in the page head")
		if action and not action["inside"]:
			why.append(f"{action['label']!r} at {action['box']} is off the screen")
		drawn = sum(glyphs for family, glyphs in facts["fonts"].items() if family in cjk_fonts)
		if drawn < facts["cjk_chars"]:
			why.append(
				f"Chinese drawn without a CJK font: {facts['fonts']} for {facts['cjk_chars']} characters"
			)
		if lang == "zh" and not facts["cjk_chars"]:
			why.append("no Chinese on a Chinese desk")
		errors = errors_of_ours(facts["errors"], (CHART_REDRAW_RACE,))
		if errors:
			why.append(f"page errors: {errors}")
		return why

	def assert_every_screen_fits(self, who: str, user: str, lang: str, inject: str | None = None):
		started = time.monotonic()
		walked = self.walk(who, user, lang, inject)
		cjk_fonts = chinese_font_families()
		rows, unexpected, fits_again = [], [], []
		for screen, facts in walked:
			why = self.misfits(screen, facts, lang, cjk_fonts)
			known = KNOWN_MISFITS.get((who, screen.key))
			if why and not known:
				unexpected.append(f"{screen.key} ({facts['picture']}): {' | '.join(why)}")
			if known and not why:
				fits_again.append(f"{screen.key} fits now: take it out of KNOWN_MISFITS")
			action = (facts.get("action") or {}).get("label", "")
			rows.append(
				(
					f"{who} ({lang})",
					screen.key,
					facts.get("scrollWidth", "-"),
					facts.get("wide_count", "-"),
					action[:14] or "-",
					facts.get("cjk_chars", "-"),
					f"{facts['ms'] / 1000:.1f}",
					("known misfit: " + known) if known else ("NO FIT" if why else "fits"),
					facts["picture"],
				)
			)
		self.report(who, lang, rows, time.monotonic() - started)
		self.assertGreater(len(walked), 0)
		self.assertEqual(unexpected + fits_again, [], "\n".join(unexpected + fits_again))

	def report(self, who: str, lang: str, rows: list[tuple], seconds: float):
		header = ["user", "screen", "width", "wide", "action", "CJK", "s", "result", "picture"]
		write_table(f"phone_fit_{who}_{lang}.tsv", header, rows)
		lines = [f"\nphone fit, {who} ({lang}): {len(rows)} screens at 390x844 in {seconds:.0f} s"]
		lines += [
			f"  {r[1]:<42} w={r[2]!s:<4} wide={r[3]!s:<3} {r[4]:<14} cjk={r[5]!s:<3} {r[7]}" for r in rows
		]
		with self.capsys.disabled():
			print("\n".join(lines), flush=True)

	# ------------------------------------------------------------ the tests
	def test_the_walk_finds_each_roles_screens_from_the_metadata(self):
		agent = {s.key for s in screens_of(self.org.users.agent_a1)}
		supervisor = {s.key for s in screens_of(self.org.users.sup_a)}
		# an agent writes their own log, reads a campaign, opens the leaderboard; the board is a supervisor's
		self.assertLessEqual(
			{
				"new form: Agent Log",
				"list: Agent Log",
				"form: Activity Campaign",
				"page: contest-leaderboard",
			},
			agent,
		)
		self.assertNotIn("page: team-board", agent)
		self.assertIn("page: team-board", supervisor)
		self.assertIn("new form: Production Target", supervisor, "a supervisor sets their team's targets")
		self.assertIn("form: Production Target", agent, "an agent reads their own")
		# nothing their roles may not read: the callback officers' sampling runs
		self.assertNotIn("list: Callback Sampling Run", supervisor)

	def test_every_screen_an_agent_opens_fits_a_phone_in_english(self):
		self.assert_every_screen_fits("agent", self.org.users.agent_a1, "en")

	def test_every_screen_a_supervisor_opens_fits_a_phone_in_chinese(self):
		self.assert_every_screen_fits("supervisor", self.org.users.sup_a, "zh")
