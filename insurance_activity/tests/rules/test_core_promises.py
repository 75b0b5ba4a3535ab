"""The rules core keeps its promises: plain Python (no frappe, ERPNext or HRMS import: CI runs inside the
bench, where such an import would silently work), and its status names are the doctypes' Select options."""

import ast
import json
from pathlib import Path

import pytest

from insurance_activity.rules import callback_outcomes as outcomes
from insurance_activity.rules import campaigns, meeting_sessions
from insurance_activity.rules import customer_quadrant as quadrants
from insurance_activity.rules.activity_standards import AGENT_ITEMS
from insurance_activity.rules.production import policies

APP = Path(__file__).resolve().parents[2]
FRAMEWORK = ("frappe", "erpnext", "hrms")


def core_modules() -> list[Path]:
	return sorted((APP / "rules").rglob("*.py"))  # subpackages too (rules/production/)


@pytest.mark.parametrize("module", core_modules(), ids=lambda p: str(p.relative_to(APP / "rules")))
def test_the_core_imports_no_framework(module: Path):
	tree = ast.parse(module.read_text())
	imported = []
	for node in ast.walk(tree):
		if isinstance(node, ast.Import):
			imported += [alias.name for alias in node.names]
		elif isinstance(node, ast.ImportFrom) and node.module:
			imported.append(node.module)
	framework = [name for name in imported if name.split(".")[0] in FRAMEWORK]
	assert framework == [], f"{module.name} imports {framework}: the rules core stays plain Python"


def select_options(doctype: str, fieldname: str) -> set[str]:
	folder = doctype.lower().replace(" ", "_")
	(path,) = APP.glob(f"*/doctype/{folder}/{folder}.json")
	field = next(f for f in json.loads(path.read_text())["fields"] if f["fieldname"] == fieldname)
	return {option for option in field["options"].split("\n") if option}


INCIDENT_STATUSES = (outcomes.INCIDENT_ACTIVE, outcomes.INCIDENT_UNDER_APPEAL, outcomes.INCIDENT_REVERSED)


@pytest.mark.parametrize(
	"doctype, fieldname, core",
	[
		("Callback Check", "status", outcomes.STATUSES),
		("Callback Check", "source", outcomes.SOURCES),
		("Callback Attempt", "result", outcomes.ATTEMPT_RESULTS),
		("Agent Log", "spot_check_result", outcomes.STATUSES),
		("Conduct Incident", "incident_type", outcomes.INCIDENT_OUTCOMES),
		("Conduct Incident", "status", INCIDENT_STATUSES),
		("Meeting Attendee", "attendance", meeting_sessions.ATTENDANCE_STATUSES),
		("Insurance Policy", "status", policies.POLICY_STATUSES),
		("Insurance Policy", "payment_mode", policies.PAYMENT_MODES),
		("Activity Kind", "standard_item", AGENT_ITEMS),
		("Customer Quadrant", "quadrant", quadrants.QUADRANTS),
		("Customer Quadrant", "computed_quadrant", quadrants.QUADRANTS),
		("Customer Quadrant", "override_quadrant", quadrants.QUADRANTS),
		("Customer Quadrant", "strategy", quadrants.STRATEGIES.values()),
		("Customer Quadrant", "income_band", quadrants.INCOME_BANDS),
		("Customer Quadrant Move", "from_quadrant", quadrants.QUADRANTS),
		("Customer Quadrant Move", "to_quadrant", quadrants.QUADRANTS),
		("Customer Quadrant Move", "cause", quadrants.CAUSES),
		("Customer Navigator Rule", "quadrant", quadrants.QUADRANTS),
		("Activity Campaign", "kind", campaigns.KINDS),
		("Activity Campaign Quadrant", "quadrant", quadrants.QUADRANTS),
	],
)
def test_the_cores_names_are_the_doctypes_select_options(doctype, fieldname, core):
	assert select_options(doctype, fieldname) == set(core)
