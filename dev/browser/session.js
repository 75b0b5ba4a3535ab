// What every page test does first, written once for probe.js and screenshot.js: launch Debian's Chromium
// headless, open a browser context at a screen's size, serve this checkout's app assets, log in.

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

/** Headless Chromium at `args.executablePath` (default Debian's). */
function launch(args) {
	return chromium.launch({
		executablePath: args.executablePath || "/usr/bin/chromium",
		args: CHROMIUM_FLAGS,
		headless: true,
	});
}

/**
 * A context of `width` x `height` (touch and mobile when `mobile`, by default below 768 px), logged in as
 * `args.user` on `args.baseUrl`; returns {context, page, errors}, `errors` collecting the page's errors.
 * With `args.appAssets` ({prefix, dir}) the app's files are served from `dir`: the bench's assets link is
 * shared by every checkout that runs tests on it, so serve this app's files from the checkout under test,
 * as the link would if it pointed here.
 */
async function open_logged_in(browser, args, { width, height, mobile = width < 768 }) {
	const context = await browser.newContext({
		viewport: { width, height },
		deviceScaleFactor: 1,
		isMobile: mobile,
		hasTouch: mobile,
	});
	if (args.appAssets) {
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
	const errors = [];
	const page = await context.newPage();
	page.on("pageerror", (error) => errors.push(String(error)));

	const login = await context.request.post(`${args.baseUrl}/api/method/login`, {
		form: { usr: args.user, pwd: args.password },
	});
	if (!login.ok()) {
		throw new Error(`login failed: ${login.status()} ${await login.text()}`);
	}
	return { context, page, errors };
}

/** Run `main(args)` with the JSON of the first argument; print the error and exit 1 when it fails. */
function run(main) {
	main(JSON.parse(process.argv[2])).catch((error) => {
		console.error(error);
		process.exit(1);
	});
}

module.exports = { launch, open_logged_in, run };
