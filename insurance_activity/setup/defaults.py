"""Default records: settings values from domain.md, productivity tiers, and (per area) seeded standards."""

import frappe

from insurance_activity.meetings.setup import install_meeting_defaults
from insurance_activity.rewards.setup import install_reward_component, install_workflow
from insurance_activity.settings import SETTINGS

# The source material's tier labels: "2" new/low producers, "3" middle, "5" high producers (产能层级).
# Tier rules: average monthly FYC and cases over the lookback months ("3" = at the U standard on average).
DEFAULT_TIERS = (
	{"tier": "2", "tier_name": "New / Low Producer", "rank": 1, "min_avg_fyc": 0, "min_avg_cases": 0},
	{"tier": "3", "tier_name": "Middle Producer", "rank": 2, "min_avg_fyc": 2000, "min_avg_cases": 1},
	{"tier": "5", "tier_name": "High Producer", "rank": 3, "min_avg_fyc": 6000, "min_avg_cases": 2},
)


# Activity kinds: the 5311 item each counts toward and its sales-cycle step (for the weekly process mix).
DEFAULT_KINDS = (
	("Phone Appointment", "phone_appointments", "Appointment", 0, 0),
	("Sales Interview", "sales_interviews", "Interview", 1, 0),
	("Accompanied Visit", "sales_interviews", "Interview", 1, 0),
	("Home Visit", "sales_interviews", "Interview", 1, 0),
	("Recruiting Visit", "recruiting_visits", "Recruiting", 1, 0),
	("Recruiting Interview", "recruiting_visits", "Recruiting", 1, 0),
	("New Prospect", "new_prospects", "Prospecting", 0, 1),
	("Referral", "referrals", "Prospecting", 0, 0),
	("Proposal Presented", "", "Proposal", 1, 0),
	("Policy Closed", "", "Closing", 1, 0),
	("Customer Service Visit", "", "Service", 1, 0),
)
# The seeded standards: "5311" for agents and "111" for supervisors, for every tier, from the start.
STANDARDS_EFFECTIVE_FROM = "2000-01-01"
DEFAULT_STANDARDS = (
	{
		"standard_name": "5311 Agent Daily Standard",
		"role": "Agent",
		"phone_appointments": 5,
		"sales_interviews": 3,
		"recruiting_visits": 1,
		"new_prospects": 1,
		"referrals": 0,
	},
	{
		"standard_name": "111 Supervisor Daily Standard",
		"role": "Supervisor",
		"tracking_calls": 1,
		"coaching_sessions": 1,
		"spot_checks": 1,
	},
)


# The customer navigator's starting rules (客经导航仪), one per quadrant (domain.md's strategies); admins edit
# them in the desk: (rule name, quadrant, not contacted for days, next action, due within days, priority,
# the activity the agent logs for it).
DEFAULT_NAVIGATOR_RULES = (
	("Upsell a Valued Customer", "Maintain and Upsell", 0,
		"Invite to a high-end event and review the cover for an upsell (加保).", 14, 10, "Sales Interview"),
	("Warm Up a Cooling Customer", "Warm Up", 0, "Warm-up call or service visit (升温).", 7, 10,
		"Customer Service Visit"),
	("Needs Analysis and Proposal", "Convert", 0, "Needs analysis and a proposal (需求分析与建议书).", 7, 10,
		"Proposal Presented"),
	("Keep in Touch", "Standard Service", 0, "Keep in touch: a greeting or a service call.", 30, 10,
		"Phone Appointment"),
)  # fmt: skip


# The Alert Playbook's starting actions (预警处置手册), per likely cause of a unit alert (rules.unit_alerts.CAUSES),
# from domain.md's management cycle and standard management actions; admins edit them in the desk.
PLAYBOOK = "Alert Playbook"
DEFAULT_PLAYBOOK = (
	("New Agents", "Pair each new agent with an experienced mentor and check their daily log with them at the morning meeting (新人辅导)."),
	("New Agents", "Run the new agents' training on the sales cycle and the 5311 daily standard this month."),
	("Accompanied Visits", "Each supervisor makes at least one accompanied visit (陪访) per week; the office head reviews them at the weekly review."),
	("Weak Customers", "Hold the weekly customer inventory (客户盘点) and plan warm-up visits and a customer platform event for the office's customers."),
	("Verification Failures", "Spot-check the office's visits and coach the agents whose visits failed the callback on recording real activities only."),
)  # fmt: skip


def install_defaults(first_install: bool = False):
	fill_settings_defaults(force=first_install)
	install_reward_component()
	for tier in DEFAULT_TIERS:
		insert_if_missing("Productivity Tier", tier["tier"], tier)
	for kind_name, item, step, verifiable, creates_prospect in DEFAULT_KINDS:
		insert_if_missing(
			"Activity Kind",
			kind_name,
			{
				"kind_name": kind_name,
				"standard_item": item,
				"sales_cycle_step": step,
				"verifiable": verifiable,
				"creates_prospect": creates_prospect,
			},
		)
	for standard in DEFAULT_STANDARDS:
		insert_if_missing(
			"Activity Standard",
			standard["standard_name"],
			{**standard, "effective_from": STANDARDS_EFFECTIVE_FROM},
		)
	for name, quadrant, min_days, action, due_days, priority, kind in DEFAULT_NAVIGATOR_RULES:
		insert_if_missing(
			"Customer Navigator Rule",
			name,
			{"rule_name": name, "quadrant": quadrant, "min_days_since_contact": min_days, "next_action": action,
				"due_days": due_days, "priority": priority, "activity_kind": kind},
		)  # fmt: skip
	install_meeting_defaults()
	install_playbook_defaults()
	install_workflow()


def install_playbook_defaults():
	"""The Alert Playbook's default actions, when it has none (an admin's own playbook is kept)."""
	playbook = frappe.get_single(PLAYBOOK)
	if playbook.actions:
		return
	for cause, action in DEFAULT_PLAYBOOK:
		playbook.append("actions", {"cause": cause, "action": action})
	playbook.flags.ignore_permissions = True
	playbook.save()


def insert_if_missing(doctype: str, name: str, values: dict):
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)


def fill_settings_defaults(force: bool = False):
	"""Give every unset settings field the default declared in its DocType (domain.md's value).

	On first install every default is written: frappe stores "now" in a new Single's Time fields.
	"""
	settings = frappe.get_single(SETTINGS)
	stored = frappe.db.get_singles_dict(SETTINGS)
	changed = False
	for df in settings.meta.fields:
		if df.default is not None and (force or stored.get(df.fieldname) in (None, "")):
			settings.set(df.fieldname, typed_default(df))
			changed = True
	if changed or settings.is_new():
		settings.flags.ignore_permissions = True
		settings.save()


def typed_default(df):
	if df.fieldtype in ("Int", "Check"):
		return frappe.utils.cint(df.default)
	if df.fieldtype in ("Float", "Percent", "Currency"):
		return frappe.utils.flt(df.default)
	return df.default


def remove_settings():
	"""Frappe drops a Single's DocType on uninstall but keeps its stored values: remove them too."""
	frappe.db.delete("Singles", {"doctype": SETTINGS})
	frappe.db.delete("Singles", {"doctype": PLAYBOOK})
