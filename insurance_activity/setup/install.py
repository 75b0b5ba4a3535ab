"""Install, migrate and uninstall hooks: everything the app adds to a site, and takes away again."""

import frappe

from insurance_activity.configuration import calendar, organisation
from insurance_activity.setup import custom_fields, defaults, roles


def after_install():
	roles.create_roles()
	roles.grant_customer_permissions()
	custom_fields.install_custom_fields()
	defaults.install_defaults(first_install=True)
	calendar.ensure_working_calendar()
	frappe.db.commit()


def after_migrate():
	roles.create_roles()
	roles.grant_customer_permissions()
	custom_fields.install_custom_fields()
	defaults.install_defaults()
	calendar.ensure_working_calendar()


def before_uninstall():
	organisation.remove_synced_permissions()
	custom_fields.remove_custom_fields()
	roles.delete_roles()
	defaults.remove_settings()
