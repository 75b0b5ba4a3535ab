"""Install, migrate and uninstall hooks: everything the app adds to a site, and takes away again."""

import frappe

from insurance_activity.configuration import calendar, organisation
from insurance_activity.rewards.setup import remove_workflow
from insurance_activity.setup import constraints, custom_fields, defaults, roles


def after_install():
	roles.create_roles()
	roles.grant_customer_permissions()
	roles.grant_organisation_select()
	custom_fields.install_custom_fields()
	constraints.install_constraints()
	defaults.install_defaults(first_install=True)
	calendar.ensure_working_calendar()
	# nosemgrep: frappe-manual-commit -- what install made is kept before the first request
	frappe.db.commit()


def after_migrate():
	roles.create_roles()
	roles.grant_customer_permissions()
	roles.grant_organisation_select()
	custom_fields.install_custom_fields()
	constraints.install_constraints()
	defaults.install_defaults()
	calendar.ensure_working_calendar()


def before_uninstall():
	remove_workflow()
	constraints.remove_constraints()
	organisation.remove_synced_permissions()
	custom_fields.remove_custom_fields()
	roles.delete_roles()
	defaults.remove_settings()
