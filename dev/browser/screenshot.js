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

const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const CHROMIUM_FLAGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--disable-dev-shm-usage",
];

async function main() {
	const args = JSON.parse(process.argv[2]);
	const waitFor = args.waitFor || ".report-card";
	const browser = await chromium.launch({
		executablePath: args.executablePath || "/usr/bin/chromium",
		args: CHROMIUM_FLAGS,
		headless: true,
	});
	const errors = [];
	try {
		const context = await browser.newContext({
			viewport: { width: args.width, height: args.height },
			deviceScaleFactor: 1,
			isMobile: true,
			hasTouch: true,
		});
		if (args.appAssets) {
			// the bench's assets link is shared by every checkout that runs tests on it: serve this app's
			// files from the checkout under test, as the link would if it pointed here
			const { prefix, dir } = args.appAssets;
			await context.route(
				(url) => url.pathname.startsWith(prefix),
				(route) => {
					const rest = decodeURIComponent(new URL(route.request().url()).pathname.slice(prefix.length));
					const file = path.resolve(dir, rest);
					if (!file.startsWith(path.resolve(dir) + path.sep) || !fs.existsSync(file)) {
						return route.fulfill({ status: 404, body: "" });
					}
					return route.fulfill({ path: file });
				}
			);
		}
		const page = await context.newPage();
		page.on("pageerror", (error) => errors.push(String(error)));

		const login = await context.request.post(`${args.baseUrl}/api/method/login`, {
			form: { usr: args.user, pwd: args.password },
		});
		if (!login.ok()) {
			throw new Error(`login failed: ${login.status()} ${await login.text()}`);
		}

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
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
