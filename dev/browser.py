#!/usr/bin/env python3
"""A headless browser for tests that look at pages as a person would: Debian's Chromium driven by
playwright-core (npm), and a site served by `bench serve` on a free local port.

    ensure_browser()            install what is missing (unattended, idempotent)
    with serve_site(site) as url: ...  the site answers at `url` until the block ends
    screenshot(url, path, ...), probe(url, path, ...)  log in, open a page, picture it and read facts

Only the standard library is used, so dev/test.py and dev/stack.py can import it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
APP = "insurance_activity"
APP_PUBLIC = Path(__file__).resolve().parents[1] / APP / "public"  # this checkout's, not the bench link's
CHROMIUM = os.environ.get("IA_CHROMIUM", "/usr/bin/chromium")
BENCH = Path(os.environ.get("IA_BENCH", Path.home() / "frappe-bench")).expanduser()
DEFAULT_PORT = 8011  # not 8000: that is the bench's own webserver port


def run(cmd: list[str], cwd: Path | None = None) -> None:
	print(f"    $ {' '.join(cmd)}", flush=True)
	env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
	subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, check=True)


def ensure_browser() -> None:
	"""Chromium from Debian and playwright-core from npm, each installed only when missing."""
	missing = [
		pkg
		for pkg, present in (("chromium", Path(CHROMIUM).exists()), ("fonts-noto-cjk", has_cjk_font()))
		if not present
	]
	if missing:  # Chinese screens need a CJK font, or every character renders as a box
		print(f"==> {' '.join(missing)} (Debian)", flush=True)
		run(["apt-get", "update", "-qq"])
		run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing])
	if not (BROWSER_DIR / "node_modules" / "playwright-core" / "package.json").exists():
		print("==> playwright-core (npm)", flush=True)
		npm = shutil.which("npm") or "npm"
		has_lock = (BROWSER_DIR / "package-lock.json").exists()
		run([npm, "ci" if has_lock else "install", "--no-audit", "--no-fund"], cwd=BROWSER_DIR)


def has_cjk_font() -> bool:
	result = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
	return result.returncode == 0 and bool(result.stdout.strip())


def free_port(preferred: int = DEFAULT_PORT) -> int:
	"""`preferred` when nothing listens there, else any free port the system hands out."""
	for port in (preferred, 0):
		with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
			try:
				sock.bind(("127.0.0.1", port))
			except OSError:
				continue
			return sock.getsockname()[1]
	raise RuntimeError("no free local port")


def answers(url: str) -> bool:
	try:
		with urllib.request.urlopen(f"{url}/api/method/ping", timeout=5) as response:
			return json.loads(response.read()).get("message") == "pong"
	except (OSError, ValueError, urllib.error.URLError):
		return False


@contextlib.contextmanager
def serve_site(site: str, port: int | None = None, timeout: float = 120) -> Iterator[str]:
	"""Serve `site` with `bench serve` (werkzeug, no reloader) and yield its base URL; stop it afterwards."""
	port = port or free_port(DEFAULT_PORT + zlib.crc32(site.encode()) % 50)  # each site its own, side by side
	url = f"http://127.0.0.1:{port}"
	log_path = BENCH / "logs" / f"serve-{site}-{port}.log"
	log_path.parent.mkdir(parents=True, exist_ok=True)
	command = ["bench", "--site", site, "serve", "--port", str(port), "--noreload"]
	with served(command, BENCH, log_path, lambda: answers(url), f"{site} on {url}", timeout, stop_wait=15):
		yield url


@contextlib.contextmanager
def served(command: list[str], cwd, log_path, ready, what: str, timeout: float, stop_wait: float):
	"""Run a server `command` (its output to `log_path`) until the block ends, once `ready()` is true
	(RuntimeError, naming `what` and the log, when it exits or is not ready within `timeout` s); then stop it
	and every process it started (its own process group), killed after `stop_wait` s."""
	with open(log_path, "w") as log:
		server = subprocess.Popen(
			command,
			cwd=cwd,
			stdin=subprocess.DEVNULL,
			stdout=log,
			stderr=subprocess.STDOUT,
			start_new_session=True,  # so stopping it stops its children too
		)
	try:
		deadline = time.monotonic() + timeout
		while not ready():
			if server.poll() is not None:
				raise RuntimeError(f"{command[0]} exited ({server.returncode}); see {log_path}")
			if time.monotonic() > deadline:
				raise RuntimeError(f"{what} did not answer within {timeout:.0f} s; see {log_path}")
			time.sleep(0.5)
		yield server
	finally:
		with contextlib.suppress(ProcessLookupError):
			os.killpg(server.pid, 15)
		try:
			server.wait(timeout=stop_wait)
		except subprocess.TimeoutExpired:
			os.killpg(server.pid, 9)
			server.wait()


def screenshot(
	url: str,
	path: str,
	user: str,
	password: str,
	out: Path,
	width: int,
	height: int,
	wait_for: str,
	evaluate: str | None = None,
) -> dict:
	"""Log in as `user`, open `path` at width x height once `wait_for` shows, save a PNG to `out`.

	Returns the page's facts: scrollWidth and clientWidth of the document, how many `wait_for` elements,
	and under "checks" the value of `evaluate` (a JS expression, awaited when a promise) run in the page
	before the picture.
	"""
	out.parent.mkdir(parents=True, exist_ok=True)
	args = {
		"baseUrl": url,
		"path": path,
		"user": user,
		"password": password,
		"out": str(out),
		"width": width,
		"height": height,
		"waitFor": wait_for,
		"evaluate": evaluate,
	}
	return run_script("screenshot.js", args, timeout=240)


def probe(
	url: str,
	path: str,
	user: str,
	password: str,
	shots: list[dict],
	wait_for: str,
	facts: str | None = None,
	wait_until: str | None = None,
) -> list[dict]:
	"""Log in as `user` and open `path` once per shot ({width, height, out}); one dict a shot.

	Each: width, facts (the value of the JS expression `facts`), scrollWidth, waitedOut (whether
	`wait_until`, a JS expression waited for at most 20 s, never held) and the page's errors.
	"""
	args = {
		"baseUrl": url,
		"path": path,
		"user": user,
		"password": password,
		"shots": shots,
		"waitFor": wait_for,
		"waitUntil": wait_until,
		"facts": facts,
	}
	return run_script("probe.js", args, timeout=300)


def run_script(script: str, args: dict, timeout: float):
	"""Run one of the node scripts beside this file (this checkout's assets, Debian's Chromium); its last
	printed line, parsed as JSON."""
	args = {
		**args,
		"appAssets": {"prefix": f"/assets/{APP}/", "dir": str(APP_PUBLIC)},
		"executablePath": CHROMIUM,
	}
	result = subprocess.run(
		["node", str(BROWSER_DIR / script), json.dumps(args)],
		cwd=BROWSER_DIR,
		stdin=subprocess.DEVNULL,
		capture_output=True,
		text=True,
		timeout=timeout,
	)
	if result.returncode != 0:
		raise RuntimeError(f"{script} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
	return json.loads(result.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
	ensure_browser()
	print("browser ready")
