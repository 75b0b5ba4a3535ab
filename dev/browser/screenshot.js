#!/usr/bin/env node
// Log in to a Frappe site, open a desk page at a phone's size, save a screenshot and print facts as JSON.
//
//   node screenshot.js '{"baseUrl": "http://127.0.0.1:8011", "path": "/app/team-board", "user": "...",
//                        "password": "...", "out": "shot.png", "width": 390, "height": 844,
//                        "waitFor": ".report-card", "executablePath": "/usr/bin/chromium"}'
//
// "evaluate" (optional): a JS expression run in the page after waitFor, before the picture; its value is
// returned as "checks". The last line printed is JSON: {scrollWidth, clientWidth, cards, title, url, checks,
// errors}.

const { launch, open_logged_in, run } = require("./session");

run(async (args) => {
	const waitFor = args.waitFor || ".report-card";
	const browser = await launch(args);
	try {
		const { page, errors } = await open_logged_in(browser, args, {
			width: args.width,
			height: args.height,
			mobile: true,
		});
		await page.setViewportSize({ width: args.width, height: args.height });
		await page.goto(`${args.baseUrl}${args.path}`, { waitUntil: "load", timeout: 120000 });
		await page.waitForSelector(waitFor, { timeout: 120000 });
		// let fonts and icons settle before the picture
		await page.waitForLoadState("networkidle", { timeout: 30000 }).catch(() => {});
		// a check of the page as the test sees it: a JS expression (may be a promise) whose value is returned
		let checks = null;
		if (args.evaluate) {
			checks = await page.evaluate(args.evaluate);
			await page.waitForTimeout(300);
		}
		await page.screenshot({ path: args.out, fullPage: true });

		const facts = await page.evaluate((selector) => {
			const root = document.scrollingElement;
			return {
				scrollWidth: root.scrollWidth,
				clientWidth: root.clientWidth,
				innerWidth: window.innerWidth,
				cards: document.querySelectorAll(selector).length,
				title: document.title,
				url: location.pathname,
			};
		}, waitFor);
		console.log(JSON.stringify({ ...facts, checks, errors }));
	} finally {
		await browser.close();
	}
});
