#!/usr/bin/env python3
"""Bring up a demo site with realistic data and serve the desk on port 8000.

Creates the site (erpnext, hrms, insurance_activity) or refreshes an existing one (migrate + new history),
completes ERPNext's setup for a Shanghai branch with this year's Chinese public holidays, loads the demo
organisation and its history, prints the URL and the logins, and serves until interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack

SITE = os.environ.get("IA_DEMO_SITE", "insurance.localhost")
PORT = int(os.environ.get("IA_DEMO_PORT", "8000"))


def ensure_site() -> None:
	if not stack.site_exists(SITE):
		stack.new_site(SITE)
	installed = stack.bench("--site", SITE, "list-apps", "--format", "json", quiet=True, check=False).stdout
	try:
		apps = json.loads(installed).get(SITE, [])
	except ValueError:
		apps = []
	if stack.APP not in apps:
		stack.step(f"install-app {stack.APP}")
		stack.bench("--site", SITE, "install-app", stack.APP)
	else:
		stack.step(f"migrate {SITE}")
		stack.bench("--site", SITE, "migrate")


def load_data(args) -> dict:
	stack.step(
		f"demo data: {args.offices} offices, {args.supervisors} supervisors, {args.agents} agents, "
		f"{args.months} months of history (a few minutes)"
	)
	out = stack.BENCH / "sites" / SITE / "demo_logins.json"
	kwargs = {
		"agents": args.agents,
		"supervisors": args.supervisors,
		"offices": args.offices,
		"months": args.months,
		"seed": args.seed,
	}
	stack.call_on_site(SITE, "insurance_activity.setup.demo.load_demo_to_file", path=str(out), **kwargs)
	return json.loads(out.read_text())


def serve() -> None:
	stack.step(f"serving {SITE} on port {PORT} (web, background worker, scheduler); Ctrl+C stops")
	procs = [
		subprocess.Popen(
			["bench", "--site", SITE, "serve", "--port", str(PORT), "--noreload"], cwd=stack.BENCH
		),
		subprocess.Popen(["bench", "worker"], cwd=stack.BENCH, stdout=subprocess.DEVNULL),
		subprocess.Popen(["bench", "schedule"], cwd=stack.BENCH, stdout=subprocess.DEVNULL),
	]
	signal.signal(
		signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt)
	)  # stop all on SIGTERM too
	try:
		procs[0].wait()
	except KeyboardInterrupt:
		pass
	finally:
		for proc in procs:
			if proc.poll() is None:
				proc.send_signal(signal.SIGTERM)


def main() -> None:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--agents", type=int, default=150)
	parser.add_argument("--supervisors", type=int, default=15)
	parser.add_argument("--offices", type=int, default=3)
	parser.add_argument("--months", type=int, default=2, help="months of history")
	parser.add_argument("--seed", type=int, default=2026)
	parser.add_argument("--no-serve", action="store_true", help="prepare the site and exit")
	args = parser.parse_args()
	started = time.monotonic()
	stack.ensure_stack()
	ensure_site()
	logins = load_data(args)
	print(
		f"\nDemo site ready in {time.monotonic() - started:.0f} s: http://localhost:{PORT}/app/insurance-activity"
	)
	print(f"(site {SITE}; from another machine use this machine's address)")
	for role, (user, password) in logins.items():
		print(f"  {role:<18} {user:<45} {password}")
	if not args.no_serve:
		serve()


if __name__ == "__main__":
	main()
