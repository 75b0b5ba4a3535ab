#!/usr/bin/env python3
"""Benchmark the bulk policy load: a 100,000-row core-system file through the Policy Load, on a real site.

    python3 dev/bench_production.py --site SITE [--rows 100000] [--agents 200] [--bad-every 100] [--seed 2026]

Prints figures (never a timed test). The file is generated deterministically (same seed, same rows): agents
"Bench Agent nnn" with Employee Numbers BENCH-A-nnn in five bench offices, three products, about one
customer for every three policies, issue dates over the last twelve months, and one bad row in every
`--bad-every` rows (unknown agent, negative premium, repeated policy number, unknown product, in turn).
The load runs in this process exactly as the background job runs it (insurance_activity.production.
policy_loader.run_policy_load); the months' recompute that follows a load is timed separately.
The previous run's bench policies and customers are removed first, so every run loads the same rows.
The site needs insurance_activity installed (bench --site SITE install-app insurance_activity).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(os.environ.get("IA_BENCH", Path.home() / "frappe-bench")).expanduser()
PREFIX = "BENCH-P-"
AGENT_NUMBER = "BENCH-A-{:03d}"
CUSTOMER = "Bench Customer {:06d}"
PRODUCTS = (("BENCH-WL", "Bench Whole Life", "Regular"), ("BENCH-CI", "Bench Critical Illness", "Regular"),
	("BENCH-AN", "Bench Single Annuity", "Single"))  # fmt: skip
OFFICES = 5
HEADER = ("Policy Number", "Agent Code", "Customer Name", "Product Code", "Payment Mode", "Annual Premium",
	"First-Year Commission (FYC)", "Policy Issue Date", "Status")  # fmt: skip


def peak_rss_mb() -> float:
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_bench_python() -> None:
	"""Re-run under the bench's Python, from the sites folder, when started with another interpreter."""
	python = BENCH / "env" / "bin" / "python"
	os.chdir(BENCH / "sites")
	try:
		import frappe  # noqa: F401
	except ImportError:
		os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


def connect(site: str):
	import frappe

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	if "insurance_activity" not in frappe.get_installed_apps():
		sys.exit(
			f"insurance_activity is not installed on {site}: bench --site {site} install-app insurance_activity"
		)
	return frappe


def ensure_bench_org(frappe, agents: int) -> None:
	"""Five bench offices with `agents` agents between them, and the bench products (once per site)."""
	from frappe.utils import add_days, today

	company = frappe.db.get_value("Company", {}, "name")
	abbr = frappe.get_cached_value("Company", company, "abbr")
	offices = []
	for n in range(1, OFFICES + 1):
		name = f"Bench Office {n} - {abbr}"
		if not frappe.db.exists("Department", name):
			frappe.get_doc({"doctype": "Department", "department_name": f"Bench Office {n}", "company": company,
				"parent_department": "All Departments", "ia_unit_level": "Office"}).insert()  # fmt: skip
		offices.append(name)
	existing = set(
		frappe.get_all(
			"Employee", filters={"employee_number": ("like", "BENCH-A-%")}, pluck="employee_number"
		)
	)
	for n in range(1, agents + 1):
		if AGENT_NUMBER.format(n) in existing:
			continue
		frappe.get_doc({"doctype": "Employee", "first_name": f"Bench Agent {n:03d}", "gender": "Female",
			"date_of_birth": "1990-01-01", "date_of_joining": add_days(today(), -800), "company": company,
			"department": offices[n % OFFICES], "employee_number": AGENT_NUMBER.format(n), "status": "Active",
			"ia_productivity_tier": "2"}).insert()  # fmt: skip
	group = "Services" if frappe.db.exists("Item Group", "Services") else "All Item Groups"
	for code, name, _mode in PRODUCTS:
		if not frappe.db.exists("Item", code):
			frappe.get_doc({"doctype": "Item", "item_code": code, "item_name": name, "item_group": group,
				"stock_uom": "Nos", "is_stock_item": 0}).insert()  # fmt: skip
	frappe.db.commit()


def remove_previous_run(frappe) -> None:
	frappe.db.sql("delete from `tabInsurance Policy` where name like %s", f"{PREFIX}%")
	frappe.db.sql("delete from `tabCustomer` where customer_name like %s", "Bench Customer %")
	frappe.db.commit()


def policy_file(rows: int, agents: int, bad_every: int, seed: int) -> str:
	"""The deterministic CSV content of `rows` policies."""
	from frappe.utils import getdate, today

	rng = random.Random(seed)
	end = getdate(today())
	buffer = io.StringIO()
	writer = csv.writer(buffer)
	writer.writerow(HEADER)
	for n in range(1, rows + 1):
		code, _name, mode = rng.choice(PRODUCTS)
		premium = round(rng.uniform(3000, 30000) if mode == "Regular" else rng.uniform(50000, 300000), -2)
		row = [
			f"{PREFIX}{n:07d}",
			AGENT_NUMBER.format(rng.randint(1, agents)),
			CUSTOMER.format(rng.randint(1, max(rows // 3, 1))),
			code,
			mode,
			premium,
			round(premium * (0.3 if mode == "Regular" else 0.02), 2),
			str(end - timedelta(days=rng.randrange(365))),
			rng.choices(("In Force", "Cancelled in Cooling-off", "Lapsed"), (93, 4, 3))[0],
		]
		if bad_every and n % bad_every == 0:
			kind = (n // bad_every) % 4
			if kind == 0:
				row[1] = "BENCH-A-UNKNOWN"
			elif kind == 1:
				row[5] = -row[5]
			elif kind == 2:
				row[0] = f"{PREFIX}{n - 1:07d}"  # the previous row's number again
			else:
				row[3] = "BENCH-NO-SUCH-PRODUCT"
		writer.writerow(row)
	return buffer.getvalue()


def main() -> None:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--site", required=True)
	parser.add_argument("--rows", type=int, default=100_000)
	parser.add_argument("--agents", type=int, default=200)
	parser.add_argument("--bad-every", type=int, default=100, help="one bad row in this many (0: none)")
	parser.add_argument("--seed", type=int, default=2026)
	args = parser.parse_args()
	in_bench_python()
	sys.path.insert(0, str(REPO))
	frappe = connect(args.site)

	from insurance_activity.production import performance
	from insurance_activity.production.policy_loader import run_policy_load

	started = time.perf_counter()
	ensure_bench_org(frappe, args.agents)
	remove_previous_run(frappe)
	content = policy_file(args.rows, args.agents, args.bad_every, args.seed)
	file = frappe.get_doc({"doctype": "File", "file_name": f"bench-policies-{args.rows}.csv", "content": content,
		"is_private": 1}).insert()  # fmt: skip
	load = frappe.get_doc({"doctype": "Policy Load", "import_file": file.file_url})
	load.flags.defer_start = True
	load.insert()
	frappe.db.commit()
	print(f"setup (org, cleanup, {len(content) / 1e6:.1f} MB file): {time.perf_counter() - started:.1f} s")
	rss_before = peak_rss_mb()

	started = time.perf_counter()
	result = run_policy_load(load.name, recompute=False)
	load_seconds = time.perf_counter() - started
	load.reload()
	months = [
		(int(year), int(month))
		for year, month in frappe.db.sql(
			"""select distinct year(issue_date), month(issue_date) from `tabInsurance Policy`
			where policy_load = %s order by 1, 2""",
			load.name,
		)
	]
	started = time.perf_counter()
	performance.recompute_each_month(months)
	recompute_seconds = time.perf_counter() - started

	print(f"policy load {load.name}: status={load.status} rows={load.total_rows} stored={load.stored_rows} "
		f"bad={load.bad_rows}")  # fmt: skip
	print(f"load time:            {load_seconds:8.1f} s")
	print(f"rows per second:      {args.rows / load_seconds:8.0f}")
	print(f"recompute {len(months):2d} months:  {recompute_seconds:8.1f} s")
	print(f"peak RSS:             {peak_rss_mb():8.1f} MB (before the load: {rss_before:.1f} MB)")
	assert result.get("status") != "Failed", load.failure
	frappe.destroy()


if __name__ == "__main__":
	main()
