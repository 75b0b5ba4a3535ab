"""Install and uninstall the app's roles (their names are constants of insurance_activity.permissions.roles)."""

import frappe

from insurance_activity.permissions.roles import ACTIVITY_ADMIN, CALLBACK_OFFICER, ROLES
from insurance_activity.permissions.rules import FIELD_ROLES, PARTY_DOCTYPES

# What the field roles may do with the customers they serve (which ones: permissions/rules.py)
CUSTOMER_RIGHTS = {
	"Lead": ("read", "write", "report", "print", "email"),
	"Contact": ("read", "write", "report", "print", "email"),
	"Customer": ("read", "report", "print", "email"),
	"Prospect": ("read", "report", "print", "email"),
	"Opportunity": ("read", "report", "print", "email"),
}


# The organisation the app's reports link to: Frappe's report runner refuses a report whose link column
# names a doctype the user may not even select (an Activity Admin has no Employee record, so none of
# ERPNext's user permissions on it). Select only: reading the records stays HRMS's and the app's rule.
SELECT_ORGANISATION = {
	"Department": ROLES,
	"Employee": (ACTIVITY_ADMIN, CALLBACK_OFFICER),
}


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


def grant_customer_permissions():
	"""Let agents, supervisors and office managers open the customers they serve (ERPNext's Lead, Customer,
	Contact, Prospect, Opportunity): role permissions added the way the Role Permission Manager adds them
	(Frappe first copies the doctype's standard permissions, so ERPNext's own roles keep theirs)."""
	from frappe.permissions import add_permission, update_permission_property

	for doctype in PARTY_DOCTYPES:
		for role in FIELD_ROLES:
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				add_permission(doctype, role, 0)
			for right in CUSTOMER_RIGHTS[doctype]:
				update_permission_property(doctype, role, 0, right, 1, validate=False)
		frappe.clear_cache(doctype=doctype)


def grant_organisation_select():
	"""Let the app's roles select the Departments (and admins and officers the Employees) that reports,
	filters and pickers name: a Custom DocPerm with only 'select', as the Role Permission Manager adds it."""
	from frappe.permissions import add_permission

	for doctype, roles in SELECT_ORGANISATION.items():
		for role in roles:
			if not frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": role, "permlevel": 0}):
				add_permission(doctype, role, 0, ptype="select")
		frappe.clear_cache(doctype=doctype)
