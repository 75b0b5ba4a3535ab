#!/usr/bin/env node
// Log in to a Frappe site, open a desk page at each given width, save a screenshot per width and read
// facts from the page with a JavaScript expression; print the facts as JSON.
//
//   node probe.js '{"baseUrl": "http://127.0.0.1:8011", "path": "/app/agent-log/new", "user": "...",
//                   "password": "...", "shots": [{"width": 390, "height": 844, "out": "a.png"}],
//                   "waitFor": ".frappe-control", "waitUntil": "cur_frm && cur_frm.doc.agent",
//                   "facts": "({agent: cur_frm.doc.agent})", "executablePath": "/usr/bin/chromium"}'
//
// waitUntil (optional) is waited for at most 20 s; when it never holds the facts say so
// ("waitedOut": true) rather than failing, so the same probe also pictures code that lacks the feature.
// "appAssets" (optional, {prefix, dir}): the app's files are served from this checkout (session.js).
// The last line printed is JSON: [{width, facts, scrollWidth, waitedOut, errors}, ...].

const { launch, open_logged_in, run } = require("./session");

async function probe(browser, args, shot) {
	const { context, page, errors } = await open_logged_in(browser, args, shot);
	try {
		await page.goto(`${args.baseUrl}${args.path}`, { waitUntil: "load", timeout: 120000 });
		await page.waitForSelector(args.waitFor, { timeout: 120000 });
		let waitedOut = false;
		if (args.waitUntil) {
			await page
				.waitForFunction(args.waitUntil, null, { timeout: 20000 })
				.catch(() => (waitedOut = true));
		}
		await page.waitForLoadState("networkidle", { timeout: 30000 }).catch(() => {});
		await page.waitForTimeout(500); // let the form's last refresh paint
		if (shot.out) await page.screenshot({ path: shot.out, fullPage: true });
		const facts = args.facts ? await page.evaluate(args.facts) : null;
		const scrollWidth = await page.evaluate(() => document.scrollingElement.scrollWidth);
		return { width: shot.width, facts, scrollWidth, waitedOut, errors };
	} finally {
		await context.close();
	}
}

run(async (args) => {
	const browser = await launch(args);
	try {
		const results = [];
		for (const shot of args.shots) results.push(await probe(browser, args, shot));
		console.log(JSON.stringify(results));
	} finally {
		await browser.close();
	}
});
