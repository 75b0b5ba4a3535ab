"""The app's roles. Finance works with HRMS/Accounts roles (HR Manager, Accounts User) and needs none of ours."""

import frappe

INSURANCE_AGENT = "Insurance Agent"
INSURANCE_SUPERVISOR = "Insurance Supervisor"
OFFICE_MANAGER = "Office Manager"
CALLBACK_OFFICER = "Callback Officer"
ACTIVITY_ADMIN = "Activity Admin"

ROLES = (INSURANCE_AGENT, INSURANCE_SUPERVISOR, OFFICE_MANAGER, CALLBACK_OFFICER, ACTIVITY_ADMIN)
# Roles that see every unit's records (no hierarchy filter)
ALL_UNITS_ROLES = (ACTIVITY_ADMIN, "System Manager")


def create_roles():
	for role in ROLES:
		if not frappe.db.exists("Role", role):
			frappe.get_doc({"doctype": "Role", "role_name": role, "desk_access": 1}).insert(
				ignore_permissions=True
			)


def delete_roles():
	for role in ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
