#!/usr/bin/env python3
"""Bring up the Frappe v15 + ERPNext v15 + HRMS v15 stack for insurance_activity, the standard way.

Unattended and safe to re-run: an existing bench, app or site is reused, never rebuilt. Sources come
from git (upstream by default); each can be overridden with a URL or a local path and a branch:

    IA_FRAPPE_SOURCE / IA_FRAPPE_BRANCH, IA_ERPNEXT_SOURCE / IA_ERPNEXT_BRANCH,
    IA_HRMS_SOURCE / IA_HRMS_BRANCH, IA_BENCH (default ~/frappe-bench).

It also works on a network that reaches only the package registries (PyPI, npm, Debian): before
bench clones a source, the few dependencies that v15 takes from git hosts are swapped for the same
versions from the registries (see REGISTRY_SUBSTITUTIONS). Only the standard library is used here.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
APP = "insurance_activity"
HOME = Path.home()


def load_machine_settings() -> None:
	"""KEY=VALUE lines in ~/.config/insurance_activity/stack.env act as defaults for the IA_* variables."""
	path = HOME / ".config" / APP / "stack.env"
	if path.exists():
		for line in path.read_text().splitlines():
			key, sep, value = line.strip().partition("=")
			if sep and not key.startswith("#"):
				os.environ.setdefault(key.strip(), value.strip())


load_machine_settings()
BENCH = Path(os.environ.get("IA_BENCH", HOME / "frappe-bench")).expanduser()
CACHE = Path(os.environ.get("IA_CACHE", HOME / ".cache" / APP)).expanduser()
PYTHON = os.environ.get("IA_PYTHON", "python3")
BENCH_CLI_VERSION = "5.31.1"
YARN_VERSION = "1.22.22"
DB_ADMIN = os.environ.get("IA_DB_ADMIN", "ia_dbadmin")
DB_ADMIN_PASSWORD = os.environ.get("IA_DB_ADMIN_PASSWORD", "ia_dbadmin")
ADMIN_PASSWORD = os.environ.get("IA_ADMIN_PASSWORD", "admin")
REDIS_URL = os.environ.get("IA_REDIS_URL", "redis://127.0.0.1:6379")

UPSTREAM = "https://github.com/frappe/{}"
APPS = ("frappe", "erpnext", "hrms")

# Dependencies that frappe/hrms v15 take from git hosts, and the same thing from the registries.
REGISTRY_SUBSTITUTIONS = {
	"frappe": [
		("pyproject.toml", r'"gunicorn @ git\+[^"]+"', '"gunicorn~=23.0.0"'),
		("package.json", r'"air-datepicker": "[^"]*"', '"air-datepicker": "2.2.3"'),
		("package.json", r'"frappe-charts": "[^"]*"', '"frappe-charts": "2.0.0-rc27"'),
	],
	"hrms": [
		# the PWA (frontend/, roster/) needs packages from git hosts; the desk bundles do not.
		("package.json", r'"postinstall": "[^"]*",?', ""),
		("package.json", r'"build": "[^"]*",?', ""),
	],
}
# yarn.lock entries that pin the git-host or missing versions; yarn re-resolves them from npm.
LOCK_ENTRIES = {"frappe": ("air-datepicker@", "frappe-charts@")}


def step(message: str) -> None:
	print(f"==> {message}", flush=True)


def run(cmd, cwd=None, env=None, check=True, quiet=False) -> subprocess.CompletedProcess:
	shown = cmd if isinstance(cmd, str) else " ".join(str(c) for c in cmd)
	if not quiet:
		print(f"    $ {shown}", flush=True)
	full_env = {**os.environ, **(env or {})}
	result = subprocess.run(
		cmd,
		cwd=cwd,
		env=full_env,
		shell=isinstance(cmd, str),
		stdin=subprocess.DEVNULL,
		text=True,
		capture_output=quiet,
	)
	if check and result.returncode != 0:
		if quiet:
			sys.stdout.write(result.stdout or "")
			sys.stderr.write(result.stderr or "")
		raise SystemExit(f"failed ({result.returncode}): {shown}")
	return result


def ok(cmd) -> bool:
	return subprocess.run(cmd, shell=True, stdin=subprocess.DEVNULL, capture_output=True).returncode == 0


def bench(*args, check=True, quiet=False, env=None) -> subprocess.CompletedProcess:
	return run(["bench", *args], cwd=BENCH, check=check, quiet=quiet, env=env)


# ---------------------------------------------------------------- services
def ensure_services() -> None:
	step("MariaDB and Redis")
	if not ok("mariadb-admin ping --silent"):
		if not shutil.which("mariadbd"):
			raise SystemExit("MariaDB is not installed: install mariadb-server (Debian) and re-run.")
		run("start-stop-daemon --start --oknodo --background --exec $(command -v mariadbd)")
		wait_for("mariadb-admin ping --silent", "MariaDB")
	if not ok("redis-cli -u " + REDIS_URL + " ping"):
		if not shutil.which("redis-server"):
			raise SystemExit("Redis is not installed: install redis-server (Debian) and re-run.")
		run(
			"redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no "
			"--dir /tmp --logfile /tmp/ia-redis.log"
		)
		wait_for("redis-cli -u " + REDIS_URL + " ping", "Redis")
	ensure_db_admin()


def wait_for(probe: str, name: str, seconds: int = 60) -> None:
	for _ in range(seconds):
		if ok(probe):
			return
		time.sleep(1)
	raise SystemExit(f"{name} did not start within {seconds} s")


def ensure_db_admin() -> None:
	"""A password-based admin: root here authenticates over the socket only, and bench asks for a password."""
	probe = f"mariadb -u{DB_ADMIN} -p{DB_ADMIN_PASSWORD} -h127.0.0.1 -e 'select 1'"
	if ok(probe):
		return
	sql = "".join(
		f"CREATE USER IF NOT EXISTS '{DB_ADMIN}'@'{host}' IDENTIFIED BY '{DB_ADMIN_PASSWORD}';"
		f"GRANT ALL PRIVILEGES ON *.* TO '{DB_ADMIN}'@'{host}' WITH GRANT OPTION;"
		for host in ("localhost", "127.0.0.1", "%")
	)
	run(["mariadb", "-uroot", "-e", sql + "FLUSH PRIVILEGES;"], quiet=True)


# ---------------------------------------------------------------- tools
def ensure_tools() -> None:
	step("bench CLI, yarn and node")
	if not shutil.which("node"):
		raise SystemExit("Node.js 18+ is required (Debian: apt-get install nodejs npm).")
	if (
		not shutil.which("bench")
		or BENCH_CLI_VERSION not in run("bench --version", quiet=True, check=False).stdout
	):
		run([sys.executable, "-m", "pip", "install", "-q", f"frappe-bench=={BENCH_CLI_VERSION}"])
	yarn = shutil.which("yarn")
	if not yarn or not run("yarn --version", quiet=True, check=False).stdout.startswith("1."):
		run(["npm", "install", "-g", f"yarn@{YARN_VERSION}"], quiet=True)


# ---------------------------------------------------------------- sources
def source_of(app: str) -> tuple[str, str]:
	src = os.environ.get(f"IA_{app.upper()}_SOURCE", UPSTREAM.format(app))
	branch = os.environ.get(f"IA_{app.upper()}_BRANCH", "version-15")
	if os.path.isdir(os.path.expanduser(src)):
		src = str(Path(src).expanduser().resolve())
	return src, branch


def prepare_source(app: str) -> tuple[Path, str]:
	"""Clone the app's git source into the cache and commit the registry substitutions on its branch."""
	src, branch = source_of(app)
	dest = CACHE / "sources" / app
	git = ["git", "-C", str(dest)]
	if not (dest / ".git").exists():
		step(f"{app}: clone {src} ({branch})")
		dest.parent.mkdir(parents=True, exist_ok=True)
		run(["git", "clone", "--quiet", "--single-branch", "--branch", branch, src, str(dest)])
	elif run([*git, "remote", "get-url", "origin"], quiet=True).stdout.strip() != src:
		shutil.rmtree(dest)
		return prepare_source(app)
	changed = False
	for rel, pattern, replacement in REGISTRY_SUBSTITUTIONS.get(app, []):
		path = dest / rel
		text = path.read_text()
		new = re.sub(pattern, replacement, text)
		if new != text:
			path.write_text(fix_json_commas(new) if rel.endswith(".json") else new)
			changed = True
	lock = dest / "yarn.lock"
	if lock.exists() and app in LOCK_ENTRIES:
		text = lock.read_text()
		new = drop_lock_entries(text, LOCK_ENTRIES[app])
		if new != text:
			lock.write_text(new)
			changed = True
	if changed:
		run([*git, "add", "-A"], quiet=True)
		run(
			[
				*git,
				"-c",
				"user.name=setup",
				"-c",
				"user.email=setup@localhost",
				"commit",
				"-qm",
				"registry-only deps",
			],
			quiet=True,
		)
	return dest, branch


def fix_json_commas(text: str) -> str:
	return re.sub(r",(\s*[}\]])", r"\1", text)


def drop_lock_entries(text: str, prefixes: tuple[str, ...]) -> str:
	blocks = text.split("\n\n")
	return "\n\n".join(b for b in blocks if not b.lstrip('"').startswith(prefixes))


# ---------------------------------------------------------------- bench
def ensure_bench(link_app: bool = True) -> None:
	"""A bench with frappe, erpnext and hrms; `link_app` points its copy of this app at this checkout.

	The test command passes link_app=False: it imports this checkout through PYTHONPATH instead, so
	testing a clone (as CI does) never re-points the bench that a served demo site uses.
	"""
	if (BENCH / "apps" / "frappe").is_dir() and (BENCH / "env" / "bin" / "python").exists():
		step(f"bench at {BENCH}: reusing it")
	else:
		if BENCH.exists() and any(BENCH.iterdir()):
			raise SystemExit(f"{BENCH} exists but is not a complete bench; move it away or set IA_BENCH.")
		frappe_src, branch = prepare_source("frappe")
		step(f"bench init {BENCH} (about a minute)")
		staging = CACHE / "init"
		(staging / "sites").mkdir(parents=True, exist_ok=True)
		(staging / "sites" / "common_site_config.json").write_text(
			json.dumps({"frappe_user": os.environ.get("USER", "root")})
		)
		if BENCH.exists():
			BENCH.rmdir()
		run(
			[
				"bench", "init", str(BENCH), "--frappe-path", str(frappe_src), "--frappe-branch", branch,
				"--python", PYTHON, "--skip-redis-config-generation", "--no-backups", "--no-procfile",
			],
			cwd=staging,
		)  # fmt: skip
	configure_bench()
	ensure_app_dependencies()
	for app in ("erpnext", "hrms"):
		if not (BENCH / "apps" / app).is_dir():
			src, branch = prepare_source(app)
			step(f"bench get-app {app}")
			bench("get-app", str(src), "--branch", branch, "--skip-assets")
	if link_app:
		link_this_app()


def configure_bench() -> None:
	config_path = BENCH / "sites" / "common_site_config.json"
	config = json.loads(config_path.read_text()) if config_path.exists() else {}
	wanted = {
		"frappe_user": os.environ.get("USER", "root"),
		"redis_cache": REDIS_URL,
		"redis_queue": REDIS_URL,
		"redis_socketio": REDIS_URL,
		"allow_tests": True,
		"webserver_port": 8000,
	}
	if any(config.get(k) != v for k, v in wanted.items()):
		config.update(wanted)
		config_path.write_text(json.dumps(config, indent=1, sort_keys=True))


def app_dependencies() -> list[str]:
	"""The app's Python dependencies and dev dependencies (tests, lint) as pyproject.toml declares them."""
	import tomllib

	project = tomllib.loads((REPO / "pyproject.toml").read_text())
	dev = project["tool"]["bench"]["dev-dependencies"]
	return [*project["project"]["dependencies"], *(f"{name}{spec}" for name, spec in dev.items())]


def ensure_app_dependencies() -> None:
	"""This checkout's dependencies in the bench env, and setuptools<81 (frappe's dependencies import
	pkg_resources, which uv's seeded setuptools 84 lacks). uv makes this a no-op when all is there."""
	python = str(BENCH / "env" / "bin" / "python")
	run(["uv", "pip", "install", "-q", "setuptools<81", *app_dependencies(), "--python", python], quiet=True)


def link_this_app() -> None:
	"""Point the bench's copy of this app at this checkout, so a fresh clone is what gets tested."""
	link = BENCH / "apps" / APP
	if link.is_symlink() and link.resolve() == REPO:
		pass
	else:
		step(f"bench app {APP} -> {REPO}")
		if link.is_symlink() or link.is_file():
			link.unlink()
		elif link.is_dir():
			shutil.rmtree(link)
		link.symlink_to(REPO, target_is_directory=True)
	env_python = str(BENCH / "env" / "bin" / "python")
	# run from the bench's sites folder (as bench does), so a package in the current folder cannot answer
	installed = run(
		[env_python, "-c", f"import {APP}, os; print(os.path.dirname({APP}.__file__))"],
		cwd=BENCH / "sites",
		quiet=True,
		check=False,
	)
	if installed.returncode != 0 or Path(installed.stdout.strip()).resolve() != (REPO / APP).resolve():
		run(["uv", "pip", "install", "-q", "-e", str(link), "--python", env_python])
	apps_txt = BENCH / "sites" / "apps.txt"
	apps = apps_txt.read_text().split() if apps_txt.exists() else []
	if APP not in apps:
		apps_txt.write_text("\n".join([*apps, APP]) + "\n")
	assets = BENCH / "sites" / "assets" / APP
	if not (assets.is_symlink() and assets.resolve() == (REPO / APP / "public").resolve()):
		if assets.is_symlink() or assets.exists():
			assets.unlink() if assets.is_symlink() else shutil.rmtree(assets)
		assets.parent.mkdir(parents=True, exist_ok=True)
		assets.symlink_to(REPO / APP / "public", target_is_directory=True)


def build_assets(app: bool = True) -> None:
	if (
		not (BENCH / "sites" / "assets" / "frappe" / "dist").exists()
		or not (BENCH / "sites" / "assets" / "hrms" / "dist").exists()
	):
		step("bench build (desk assets, a few minutes the first time)")
		bench("build")
	elif app:
		bench("build", "--app", APP, quiet=True)


# ---------------------------------------------------------------- sites
def site_exists(site: str) -> bool:
	return (BENCH / "sites" / site / "site_config.json").exists()


def new_site(site: str) -> None:
	step(f"new site {site} with erpnext and hrms (about two minutes)")
	bench(
		"new-site", site, "--db-root-username", DB_ADMIN, "--db-root-password", DB_ADMIN_PASSWORD,
		"--admin-password", ADMIN_PASSWORD, "--mariadb-user-host-login-scope=%",
		"--install-app", "erpnext", "--install-app", "hrms", "--force",
	)  # fmt: skip


def call_on_site(site: str, function: str, **kwargs) -> None:
	"""Call `package.module.function(**kwargs)` on a site, committed, even before this app is installed there."""
	module, _, name = function.rpartition(".")
	code = (
		f"import json, frappe; frappe.init(site={site!r}, sites_path='.'); frappe.connect(); "
		f"frappe.set_user('Administrator'); from {module} import {name}; {name}(**json.loads({json.dumps(kwargs)!r})); "
		"frappe.db.commit(); frappe.destroy()"
	)
	run([str(BENCH / "env" / "bin" / "python"), "-c", code], cwd=BENCH / "sites")


def drop_site(site: str) -> None:
	bench(
		"drop-site", site, "--db-root-username", DB_ADMIN, "--db-root-password", DB_ADMIN_PASSWORD,
		"--force", "--no-backup", check=False,
	)  # fmt: skip
	if (BENCH / "sites" / site).exists():
		shutil.rmtree(BENCH / "sites" / site)


def ensure_stack(assets: bool = True, link_app: bool = True) -> None:
	ensure_tools()
	ensure_services()
	ensure_bench(link_app=link_app)
	if assets:
		build_assets(app=link_app)


def main() -> None:
	parser = argparse.ArgumentParser(
		description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
	)
	parser.add_argument("--no-assets", action="store_true", help="skip building desk assets")
	args = parser.parse_args()
	ensure_stack(assets=not args.no_assets)
	print(f"bench ready at {BENCH}")


if __name__ == "__main__":
	main()
