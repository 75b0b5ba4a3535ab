"""What the rewards area adds to a site: the reward salary component and the settlement's approval workflow.

The workflow (Frappe's Workflow) has the two states of the issue: Draft, prepared by an Activity Admin, and
Approved, reached only by finance (HR Manager, Accounts User), which submits the settlement; finance also
cancels it. Installed on install and migrate, removed on uninstall. The salary component stays on
uninstall: Salary Slips already paid with it refer to it.
"""

import frappe

from insurance_activity.permissions.roles import ACTIVITY_ADMIN, FINANCE_ROLES
from insurance_activity.settings import SETTINGS

SETTLEMENT = "Reward Settlement"
WORKFLOW = "Reward Settlement Approval"
REWARD_COMPONENT = "Contest Reward"  # the settings' default Reward Salary Component
DRAFT, APPROVED, CANCELLED = "Draft", "Approved", "Cancelled"
APPROVE, CANCEL = "Approve", "Cancel"


def install_reward_component():
	"""The default earning component of rewards (Contest Reward), when missing, and the settings' Reward
	Salary Component when unset (a Link, so no DocType default: Frappe saves the settings before install)."""
	if not frappe.db.exists("Salary Component", REWARD_COMPONENT):
		frappe.get_doc(
			{
				"doctype": "Salary Component",
				"salary_component": REWARD_COMPONENT,
				"salary_component_abbr": "IACR",
				"type": "Earning",
				"depends_on_payment_days": 0,
				"description": "Points contest rewards (竞赛奖励), from Reward Settlements",
			}
		).insert(ignore_permissions=True)
	if not frappe.db.get_single_value(SETTINGS, "reward_salary_component"):
		frappe.db.set_single_value(SETTINGS, "reward_salary_component", REWARD_COMPONENT)


def install_workflow():
	"""The approval workflow of Reward Settlement (made again when missing; an admin's edits are kept)."""
	for state, style in ((DRAFT, ""), (APPROVED, "Success"), (CANCELLED, "Danger")):
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in (APPROVE, CANCEL):
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	if frappe.db.exists("Workflow", WORKFLOW):
		return
	finance = FINANCE_ROLES[0]
	workflow = frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": WORKFLOW,
			"document_type": SETTLEMENT,
			"is_active": 1,
			"send_email_alert": 0,
			"workflow_state_field": "workflow_state",
			"states": [
				{"state": DRAFT, "doc_status": "0", "allow_edit": ACTIVITY_ADMIN},
				{"state": APPROVED, "doc_status": "1", "allow_edit": finance},
				{"state": CANCELLED, "doc_status": "2", "allow_edit": finance},
			],
			"transitions": [
				*(
					{"state": DRAFT, "action": APPROVE, "next_state": APPROVED, "allowed": role}
					for role in FINANCE_ROLES
				),
				*(
					{"state": APPROVED, "action": CANCEL, "next_state": CANCELLED, "allowed": role}
					for role in FINANCE_ROLES
				),
			],
		}
	)
	workflow.insert(ignore_permissions=True)


def install_reward_defaults():
	install_reward_component()
	install_workflow()


def remove_workflow():
	"""Uninstall: the settlement's workflow (its states and actions are Frappe's shared records)."""
	if frappe.db.exists("Workflow", WORKFLOW):
		frappe.delete_doc("Workflow", WORKFLOW, ignore_permissions=True, force=True)
