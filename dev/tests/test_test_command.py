"""The test command borrows the shared bench and gives it back as it found it (plain pytest, no bench)."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import stack
import test as test_command


@pytest.fixture
def fake_bench(tmp_path, monkeypatch):
	"""A bench folder whose app link points at another checkout (the one a demo site is served from)."""
	bench = tmp_path / "frappe-bench"
	(bench / "apps").mkdir(parents=True)
	(bench / "sites" / "assets").mkdir(parents=True)
	demo_checkout = tmp_path / "demo-checkout"
	(demo_checkout / stack.APP / "public").mkdir(parents=True)
	(bench / "apps" / stack.APP).symlink_to(demo_checkout)
	(bench / "sites" / "assets" / stack.APP).symlink_to(demo_checkout / stack.APP / "public")
	(bench / "sites" / "apps.txt").write_text(f"frappe\nerpnext\nhrms\n{stack.APP}\n")
	monkeypatch.setattr(stack, "BENCH", bench)
	monkeypatch.delenv("PYTHONPATH", raising=False)
	return bench, demo_checkout


def links(bench: Path) -> tuple[str, str, str]:
	return (
		os.readlink(bench / "apps" / stack.APP),
		os.readlink(bench / "sites" / "assets" / stack.APP),
		(bench / "sites" / "apps.txt").read_text(),
	)


def test_the_tested_checkout_is_imported_without_re_pointing_the_bench_app(fake_bench):
	bench, demo_checkout = fake_bench
	with test_command.bench_borrowed_for_this_checkout():
		assert os.environ["PYTHONPATH"].split(os.pathsep)[0] == str(stack.REPO)
		assert os.readlink(bench / "apps" / stack.APP) == str(demo_checkout)
		# the pages the browser tests look at come from the tested checkout
		assert Path(os.readlink(bench / "sites" / "assets" / stack.APP)) == stack.REPO / stack.APP / "public"


def test_the_bench_is_given_back_as_found_after_a_run(fake_bench):
	bench, _ = fake_bench
	before = links(bench)
	with test_command.bench_borrowed_for_this_checkout():
		pass
	assert links(bench) == before


def test_the_bench_is_given_back_as_found_after_a_failed_run(fake_bench):
	bench, _ = fake_bench
	before = links(bench)
	with pytest.raises(RuntimeError), test_command.bench_borrowed_for_this_checkout():
		raise RuntimeError("a suite broke")
	assert links(bench) == before


def test_a_bench_that_never_had_the_app_is_left_without_it(fake_bench):
	bench, _ = fake_bench
	(bench / "apps" / stack.APP).unlink()
	(bench / "sites" / "assets" / stack.APP).unlink()
	(bench / "sites" / "apps.txt").write_text("frappe\nerpnext\nhrms\n")
	with test_command.bench_borrowed_for_this_checkout():
		assert (bench / "apps" / stack.APP).resolve() == stack.REPO.resolve()
		assert stack.APP in (bench / "sites" / "apps.txt").read_text().split()
	assert not (bench / "apps" / stack.APP).is_symlink()
	assert not (bench / "sites" / "assets" / stack.APP).is_symlink()
	assert (bench / "sites" / "apps.txt").read_text() == "frappe\nerpnext\nhrms\n"


def test_the_clock_is_set_in_shanghai_time_whatever_this_machines_zone():
	env = test_command.clock_env("2028-12-31 23:30")
	assert env["FAKETIME"] == "@2028-12-31 15:30:00"
	assert env["TZ"] == "UTC"
	assert test_command.clock_env(None) == {}


def test_a_process_started_with_the_clock_env_lives_at_that_instant():
	import subprocess

	env = {**os.environ, **test_command.clock_env("2027-01-31 23:50")}
	out = subprocess.run(
		[
			sys.executable,
			"-c",
			'import datetime; print(f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H}")',
		],
		env=env,
		capture_output=True,
		text=True,
		check=True,
	).stdout
	assert out.strip() == "2027-01-31 15"


def test_frappes_semgrep_rules_find_an_unexplained_commit_and_pass_an_explained_one(tmp_path):
	"""The vendored rules run as the lint stage runs them: a bare frappe.db.commit() in the app fails, the
	same commit with `# nosemgrep: <rule> -- <why>` on the line before passes."""
	import subprocess

	app = tmp_path / stack.APP
	app.mkdir()
	sample = app / "jobs.py"
	sample.write_text("import frappe\n\n\ndef run():\n\tfrappe.db.commit()\n")
	scan = [test_command.semgrep_binary(), "scan", "--config", str(stack.REPO / "dev" / "semgrep")]
	scan += ["--error", "--metrics=off", "--disable-version-check", "--quiet", stack.APP]
	found = subprocess.run(scan, cwd=tmp_path, capture_output=True, text=True)
	assert found.returncode == 1 and "frappe-manual-commit" in found.stdout, found.stdout + found.stderr
	sample.write_text(
		"import frappe\n\n\ndef run():\n"
		"\t# nosemgrep: frappe-manual-commit -- a second process must see the claim\n"
		"\tfrappe.db.commit()\n"
	)
	assert subprocess.run(scan, cwd=tmp_path, capture_output=True).returncode == 0
