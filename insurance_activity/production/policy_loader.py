"""Bulk load of a policy file from the core system (保单导入): 100,000 rows in one background job.

The file is read as a stream and handled in batches; each batch is one transaction (policies and the
customers they create together), so a row is stored whole or not at all. Rows are checked by the rules
core, exactly as a single policy is (InsurancePolicy.validate_row), with the messages of policy_service;
good rows are inserted in bulk, bad rows are listed on the Policy Load with their translated errors.
Progress is published after every batch.
"""

import csv
import itertools
import os
import time

import frappe
from frappe import _
from frappe.utils import now, now_datetime

from insurance_activity.production import performance
from insurance_activity.production.policy_columns import policy_file_headers
from insurance_activity.production.policy_service import (
	TEMPLATE_FIELDS,
	core_row,
	create_customers_in_bulk,
	customer_key,
	error_message,
	existing_policy_numbers,
	import_limits,
	insert_rows,
	matching_customers,
	references_for,
)
from insurance_activity.rules.production.policies import parse_policy_row, validate_policy_row

BATCH_SIZE = 2000  # rows per transaction: small enough for short locks and steady progress
LOAD_TIMEOUT_SECONDS = 4 * 60 * 60  # the background job's limit, far above a 100,000-row load
POLICY_COLUMNS = [
	"name",
	"policy_no",
	"status",
	"issue_date",
	"agent_code",
	"agent",
	"agent_name",
	"office",
	"customer_name",
	"customer",
	"product_code",
	"product",
	"product_name",
	"payment_mode",
	"annual_premium",
	"fyc",
	"policy_load",
	"creation",
	"modified",
	"owner",
	"modified_by",
]


def start_load(load_name: str, now: bool = False):
	"""Queue the load on the long queue (run at once in tests, or when asked)."""
	frappe.enqueue(
		"insurance_activity.production.policy_loader.run_policy_load",
		queue="long",
		timeout=LOAD_TIMEOUT_SECONDS,
		job_id=f"policy_load::{load_name}",
		deduplicate=True,
		enqueue_after_commit=not (now or frappe.flags.in_test),
		now=now or bool(frappe.flags.in_test),
		load_name=load_name,
	)


def run_policy_load(load_name: str, recompute: bool = True) -> dict:
	"""Load the Policy Load's file; the months that got policies are recomputed at the end."""
	load = frappe.get_doc("Policy Load", load_name)
	if load.status != "Queued":  # a load runs once; a re-queued job finds it done
		return {"status": load.status, "skipped": True}
	path = frappe.get_doc("File", {"file_url": load.import_file}).get_full_path()
	started = time.monotonic()
	load.db_set(
		{"status": "In Progress", "started_at": now_datetime(), "total_rows": count_rows(path)}, commit=True
	)
	try:
		summary = load_rows(read_rows(path), load)
	except Exception:
		frappe.db.rollback()
		load.db_set(
			{"status": "Failed", "failure": frappe.get_traceback(), "finished_at": now_datetime()},
			commit=True,
		)
		frappe.log_error(title=_("Policy load {0} failed").format(load.name))
		return {"status": "Failed"}

	seconds = time.monotonic() - started
	save_errors(load.name, summary["errors"])
	months = sorted(summary["months"])
	load.db_set(
		{
			"status": "Completed with Errors" if summary["errors"] else "Completed",
			"finished_at": now_datetime(),
			"seconds": seconds,
			"rows_per_second": summary["rows"] / seconds if seconds else 0,
			"months_recomputed": ", ".join(f"{y}-{m:02d}" for y, m in months) if recompute else "",
		},
		commit=True,
	)
	if recompute:
		for year, month in months:
			performance.recompute_month(year, month)
		# nosemgrep: frappe-manual-commit -- the loaded policies, their months and the load's record are kept together
		frappe.db.commit()
	publish(load.name, 100, summary["rows"], summary["rows"])
	return {
		"status": load.status,
		"rows": summary["rows"],
		"stored": summary["stored"],
		"bad": len(summary["errors"]),
		"seconds": seconds,
	}


def load_rows(rows, load) -> dict:
	"""Check and store `rows` ((row number, values) pairs) batch by batch, committing each batch."""
	refs = references_for()
	known_agents, known_products = refs.core_args()
	limits = import_limits()
	people = performance.employee_details()
	seen: set[str] = set()
	summary = {"rows": 0, "stored": 0, "errors": [], "months": set()}
	total = load.total_rows or 0
	for batch in batched(rows, BATCH_SIZE):
		stored, errors, months = store_batch(
			batch, refs, known_agents, known_products, limits, people, seen, load.name
		)
		summary["rows"] += len(batch)
		summary["stored"] += stored
		summary["errors"] += errors
		summary["months"] |= months
		load.db_set(
			{
				"processed_rows": summary["rows"],
				"stored_rows": summary["stored"],
				"bad_rows": len(summary["errors"]),
			}
		)
		# nosemgrep: frappe-manual-commit -- the loaded policies, their months and the load's record are kept together
		frappe.db.commit()
		publish(
			load.name, min(99, int(100 * summary["rows"] / total)) if total else 0, summary["rows"], total
		)
	return summary


def store_batch(batch, refs, known_agents, known_products, limits, people, seen, load_name):
	"""One transaction's worth of rows: returns (policies stored, [(row, policy no, errors)], months)."""
	seen |= existing_policy_numbers(
		[str(values.get("policy_no") or "").strip() for _row_number, values in batch]
	)
	good, errors = [], []
	for row_number, values in batch:
		codes = validate_policy_row(core_row(values), known_agents, known_products, seen, limits)
		if codes:
			errors.append(
				(
					row_number,
					values.get("policy_no"),
					"\n".join(error_message(c, values, limits) for c in codes),
				)
			)
		else:
			good.append(parse_policy_row(core_row(values)))

	names = [policy.customer_name for policy in good]
	customers = matching_customers(names)
	customers.update(create_customers_in_bulk([n for n in names if customer_key(n) not in customers]))

	stamp, user = now(), frappe.session.user
	records, months = [], set()
	for policy in good:
		agent = refs.agents[policy.agent]
		agent_name, office = people.get(agent, (None, None))
		months.add((policy.issue_date.year, policy.issue_date.month))
		records.append(
			(
				policy.policy_no,
				policy.policy_no,
				policy.status,
				policy.issue_date,
				policy.agent,
				agent,
				agent_name,
				office,
				policy.customer_name,
				customers[customer_key(policy.customer_name)],
				policy.product,
				policy.product,
				refs.products[policy.product],
				policy.payment_mode,
				policy.annual_premium,
				policy.fyc,
				load_name,
				stamp,
				stamp,
				user,
				user,
			)
		)
	insert_rows("Insurance Policy", POLICY_COLUMNS, records)
	return len(records), errors, months


def save_errors(load_name: str, errors: list[tuple]):
	stamp, user = now(), frappe.session.user
	insert_rows(
		"Policy Load Error",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"row_number",
			"policy_no",
			"errors",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		[
			(
				frappe.generate_hash(length=12),
				load_name,
				"Policy Load",
				"errors",
				idx,
				*error,
				stamp,
				stamp,
				user,
				user,
			)
			for idx, error in enumerate(errors, start=1)
		],
	)


def publish(load_name: str, percent: int, done: int, total: int):
	frappe.publish_progress(
		percent,
		title=_("Loading policies"),
		doctype="Policy Load",
		docname=load_name,
		description=_("{0} of {1} rows").format(done, total),
	)


# --- Reading the file -----------------------------------------------------------------------------------


def read_rows(path: str):
	"""(row number, {policy field: value}) for each data row; the header row is row 1. Headers are matched
	as Data Import matches them, in English or Chinese whatever the job's language (policy_columns)."""
	rows = iter_file(path)
	header = next(rows, None) or []
	headers = policy_file_headers()
	columns = [headers.get(str(h or "").strip()) for h in header]
	missing = [f for f in TEMPLATE_FIELDS if f not in columns]
	if missing:
		meta = frappe.get_meta("Insurance Policy")
		frappe.throw(
			_("The file has no column for: {0}.").format(", ".join(_(meta.get_label(f)) for f in missing))
		)
	for row_number, row in enumerate(rows, start=2):
		if not any(str(v or "").strip() for v in row):
			continue
		yield row_number, {field: value for field, value in zip(columns, row, strict=False) if field}


def iter_file(path: str):
	extension = os.path.splitext(path)[1].lower()
	if extension == ".csv":
		with open(path, encoding="utf-8-sig", newline="") as f:
			yield from csv.reader(f)
	elif extension == ".xlsx":
		from openpyxl import load_workbook

		book = load_workbook(path, read_only=True, data_only=True)
		try:
			yield from book.active.iter_rows(values_only=True)
		finally:
			book.close()
	else:
		frappe.throw(_("A policy file must be a .csv or .xlsx file."))


def count_rows(path: str) -> int:
	"""Data rows in the file (for progress), without reading it into memory."""
	if path.lower().endswith(".csv"):
		with open(path, encoding="utf-8-sig", newline="") as f:
			return max(sum(1 for _ in csv.reader(f)) - 1, 0)
	return max(sum(1 for _ in iter_file(path)) - 1, 0)


def batched(iterable, size: int):
	iterator = iter(iterable)
	while batch := list(itertools.islice(iterator, size)):
		yield batch
