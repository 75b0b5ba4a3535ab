"""Frappe's side actions on a record: a like, a tag, a follow, an assignment, a comment (issue 20, every
permission on every path).

Frappe v15 writes these beside a record without asking whether the user may read it:
`frappe.desk.like.toggle_like` (the record's `_liked_by` and a Like comment on its timeline),
`frappe.desk.doctype.tag.tag.add_tag`/`add_tags`/`remove_tag` (its `_user_tags` and a Tag Link),
`frappe.desk.form.document_follow.follow_document`/`unfollow_document`/`update_follow` (a Document Follow, for
any user named) and `get_follow_users` (who follows it); a ToDo or a Document Follow saved by REST
(`/api/resource/ToDo`: the record's `_assign` and an "Assigned" line on its timeline; a follow for any user, whose
digest then carries the record's changes); and `frappe.desk.form.utils.add_comment` signs a comment with any
`comment_email`; `frappe.desk.form.utils.get_next` finds a form's next record from any column of the record
named. A fresh user's agent liked a colleague's log they cannot open. The assignment methods
(`frappe.desk.form.assign_to.remove`/`remove_multiple`/`close`) check the record themselves (Frappe drops an
`ignore_permissions` sent in a request); asked here too, they refuse in the rule's own sentence like the rest.

For the app's records (`check_request`, an `auth_hooks` entry of hooks.py: it runs once Frappe knows the user,
by session or by token, and before the method; `check_reference`, the validate of ToDo and Document Follow):
each record named must exist (404) and be one the user may read under the one permission rule (403, the
rule's own sentence); a row of a table is acted on through its record (403); a follow is the user's own and a
comment signed by the user (403). Administrator, as Frappe grants them everything, may.
"""

import frappe
from frappe import _
from frappe.utils import escape_html

from insurance_activity.api.routes import read_route, reads, resolve_method
from insurance_activity.controllers.typed_input import is_app_doctype
from insurance_activity.permissions import (
	POINTING,
	reads_every_record,
	refuse,
	refuse_hidden_row,
	refuse_missing,
	unreadable_fields,
)
from insurance_activity.permissions.rules import RULES

# method -> (the argument naming the doctype, the argument naming the record or records)
RECORD_ACTIONS = {
	"frappe.desk.like.toggle_like": ("doctype", "name"),
	"frappe.desk.doctype.tag.tag.add_tag": ("dt", "dn"),
	"frappe.desk.doctype.tag.tag.add_tags": ("dt", "docs"),
	"frappe.desk.doctype.tag.tag.remove_tag": ("dt", "dn"),
	"frappe.desk.form.document_follow.update_follow": ("doctype", "doc_name"),
	"frappe.desk.form.document_follow.follow_document": ("doctype", "doc_name"),
	"frappe.desk.form.document_follow.unfollow_document": ("doctype", "doc_name"),
	"frappe.desk.form.document_follow.get_follow_users": ("doctype", "doc_name"),
	"frappe.desk.form.assign_to.remove": ("doctype", "name"),
	"frappe.desk.form.assign_to.remove_multiple": ("doctype", "names"),
	"frappe.desk.form.assign_to.close": ("doctype", "name"),
	"frappe.desk.form.utils.add_comment": ("reference_doctype", "reference_name"),
	# a form's next record is found from a column of `value`: an oracle on any column of a hidden record
	"frappe.desk.form.utils.get_next": ("doctype", "value"),
	# reads and writes about a record named, unchecked in Frappe, ERPNext and HRMS (helper-70): its open ToDos
	# and Events, attachments, amendment, reviews, submissions, default address; a website comment or like
	# signed by anyone, a lock lifted, assignment rules applied, a discussion posted, a file uploaded, an email
	# moved onto it
	"erpnext.crm.utils.get_open_activities": ("ref_doctype", "ref_docname"),
	"hrms.api.get_attachments": ("dt", "dn"),
	"hrms.api.upload_base64_file": ("dt", "dn"),
	"frappe.client.is_document_amended": ("doctype", "docname"),
	"frappe.social.doctype.energy_point_log.energy_point_log.get_reviews": ("doctype", "docname"),
	"frappe.core.doctype.submission_queue.submission_queue.get_latest_submissions": ("doctype", "docname"),
	"frappe.contacts.doctype.address.address.get_default_address": ("doctype", "name"),
	"frappe.templates.includes.comments.comments.add_comment": ("reference_doctype", "reference_name"),
	"frappe.templates.includes.likes.likes.like": ("reference_doctype", "reference_name"),
	"frappe.model.document.unlock_document": ("doctype", "name"),
	"frappe.automation.doctype.assignment_rule.assignment_rule.bulk_apply": ("doctype", "docnames"),
	"frappe.website.doctype.discussion_topic.discussion_topic.submit_discussion": ("doctype", "docname"),
	"frappe.desk.doctype.event.event.delete_communication": ("reference_doctype", "reference_docname"),
	"frappe.printing.page.print.print.get_print_settings_to_show": ("doctype", "docname"),
	"frappe.email.relink": ("reference_doctype", "reference_name"),
	"frappe.core.doctype.sms_settings.sms_settings.get_contact_number": ("ref_doctype", "ref_name"),
}
# the methods that name a user besides the record: the user acted for must be the session's
ACTING_USER = {
	"frappe.desk.form.document_follow.follow_document": "user",
	"frappe.desk.form.document_follow.unfollow_document": "user",
	"frappe.desk.form.utils.add_comment": "comment_email",
	"frappe.templates.includes.comments.comments.add_comment": "comment_email",
}


def check_request() -> None:
	"""auth_hooks (hooks.py): the record checks of a request calling a method of Frappe, ERPNext or HRMS, by any
	path of Frappe's API (api.routes.read_route), for the method run: the one called, and a link search's query
	or the method a tree, a hierarchy chart or a mapping runs inside (INNER_METHODS), each by `check_method`.
	Frappe runs these hooks right after it has read the session or the token: the user is known here (in
	before_request a token's user is still Guest)."""
	request = getattr(frappe.local, "request", None)
	if request is None:
		return
	route = read_route(request)
	if route.kind == "resource" and route.name is not None and reads(request):
		refuse_hidden_row(route.target, route.name)  # a row read on its own: with its record (helper-83 F2)
	if route.kind != "method":
		return
	form = route.arguments
	inner = form.get("query" if route.target in SEARCH_METHODS else INNER_METHODS.get(route.target, ""))
	for method in [route.target, *([inner] if isinstance(inner, str) else [])]:
		check_method(method, form)


def check_method(method: str, form) -> None:
	"""The checks of the tables below for `method`, run with the request's arguments `form` (a method run inside
	another is called with them, or with a part of them: an organisation chart's nodes ran its role-only
	method's answer for every employee, helper-77): `check_record_action` for RECORD_ACTIONS, `check_record_read`
	for the records OWN_RECORDS, READ_RECORDS and FILTER_RECORDS name, the totals of TOTALS, the user of
	SESSION_USER, the report of REPORT_RUNS, the page of PUBLIC_PAGES, the addresses of CREDIT_MAILS, the roles
	of ROLE_ONLY and ROLE_ONLY_MODULES, and `check_doctype_method`."""
	if method in RECORD_ACTIONS:
		check_record_action(method, form)
	if method in ROW_READS:
		doctype, name, ptype = ROW_READS[method]
		refuse_hidden_row(form.get(doctype), form.get(name), ptype)
	for doctype, argument in OWN_RECORDS.get(method, ()):
		if form.get(argument) not in (None, ""):
			check_record_read(doctype, form.get(argument), argument)
	if method in READ_RECORDS:
		doctype_argument, name_argument, *default = READ_RECORDS[method]
		doctype = form.get(doctype_argument) or next(iter(default), None)
		if form.get(name_argument) not in (None, ""):
			check_record_read(doctype, form.get(name_argument), name_argument)
	for doctype in TOTALS.get(method, ()):
		refuse_partial_total(doctype)
	if method in SESSION_USER:
		check_session_user(form.get(SESSION_USER[method]))
	if method in REPORT_RUNS:
		check_report_run(form.get(REPORT_RUNS[method]))
	if method in PUBLIC_PAGES:
		check_public_page(form.get(PUBLIC_PAGES[method]))
	if method in PRIVATE_PAGES:
		check_private_page(form.get(PRIVATE_PAGES[method]))
	if method in KANBAN_ORDERS:
		board, order = KANBAN_ORDERS[method]
		check_kanban_order(form.get(board), form.get(order))
	if method in CREDIT_MAILS:
		check_credit_controllers(form.get(CREDIT_MAILS[method][0]), CREDIT_MAILS[method][1])
	if method in ROLE_ONLY:
		frappe.only_for(ROLE_ONLY[method], message=True)
	for prefix, roles in ROLE_ONLY_MODULES.items():
		if method.startswith(prefix):
			frappe.only_for(roles, message=True)
	check_doctype_method(method)
	if method in FILTER_RECORDS:  # called on its own or as a link search's query (helper-71 H1)
		doctype, key = FILTER_RECORDS[method]
		try:
			filters = as_json_filters(form.get("filters"))
		except ValueError:
			filters = "bad"
		value = filters.get(key) if isinstance(filters, dict) else None
		if not (filters is None or (isinstance(filters, dict) and isinstance(value, str | int | None))):
			frappe.throw(  # ERPNext's query reads it unchecked: a 500 (helper-72)
				_("{0} must be a mapping of filter to value, not {1}.").format(
					"filters", escape_html(str(form.get("filters"))[:40])
				),
				title=_("Not a Valid Value"),
			)
		if value not in (None, ""):
			check_record_read(doctype, value, key)


def as_json_filters(filters):
	"""`filters` as sent: a mapping or list, or JSON text of one (ValueError for text that is no JSON)."""
	return frappe.parse_json(filters) if isinstance(filters, str) else filters


# methods that read records of doctypes of their own, named by arguments: ((doctype, the argument), ...); a
# Contact's numbers by its name whatever record the request names besides, a Lead's or Contact's last emails, an
# employee's leave balances (helper-70, helper-71)
OWN_RECORDS = {
	"frappe.core.doctype.sms_settings.sms_settings.get_contact_number": (("Contact", "contact_name"),),
	"erpnext.crm.doctype.utils.get_last_interaction": (("Contact", "contact"), ("Lead", "lead")),
	"hrms.hr.doctype.leave_application.leave_application.get_leave_details": (("Employee", "employee"),),
	"hrms.hr.doctype.leave_application.leave_application.get_leave_balance_on": (("Employee", "employee"),),
	# a Lead's name, contacts and address, of any lead named (helper-73 H2), copied onto a prospect (helper-74)
	"erpnext.crm.doctype.lead.lead.get_lead_details": (("Lead", "lead"),),
	"erpnext.crm.doctype.lead.lead.add_lead_to_prospect": (("Lead", "lead"),),
	# any field of any employee named, their leave balances and claims (helper-74)
	"hrms.hr.utils.get_employee_field_property": (("Employee", "employee"),),
	"hrms.api.get_leave_balance_map": (("Employee", "employee"),),
	"hrms.api.get_expense_claim_summary": (("Employee", "employee"),),
	# another user's notification marked read by its name (helper-75), their private note marked seen, any
	# prepared report's rows made the caller's own file (every lead's mobile, helper-78)
	"frappe.desk.doctype.notification_log.notification_log.mark_as_read": (("Notification Log", "docname"),),
	"frappe.desk.doctype.note.note.mark_as_seen": (("Note", "note"),),
	"frappe.core.doctype.prepared_report.prepared_report.enqueue_json_to_csv_conversion": (
		("Prepared Report", "prepared_report_name"),
	),
	# HRMS's app reads any employee named: their attendance by day, advances owed, shifts, leave types and
	# approvers (helper-76 L4, L5, L7-L9)
	**{
		f"hrms.api.{method}": (("Employee", "employee"),)
		for method in (
			"get_attendance_calendar_events",
			"get_employee_advance_balance",
			"get_leave_types",
			"get_shifts",
			"get_leave_approval_details",
			"get_expense_approval_details",
			"get_shift_request_approvers",
			"get_holidays_for_employee",
		)
	},  # fmt: skip
}
# methods of ERPNext and HRMS that read a record of any doctype named, unchecked, for every doctype (not only
# the app's): (the argument naming the doctype, the argument naming the record); a voucher's ledger preview,
# an onboarding's activities (helper-70)
READ_RECORDS = {
	# a web form's record: Frappe answers it whole to its owner, whatever the rule says now (a Lead an agent
	# made and that moved to a colleague, helper-84 F4)
	"frappe.website.doctype.web_form.web_form.get_form_data": ("doctype", "docname"),
	"erpnext.controllers.stock_controller.show_accounting_ledger_preview": ("doctype", "docname"),
	"erpnext.controllers.stock_controller.show_stock_ledger_preview": ("doctype", "docname"),
	"hrms.controllers.employee_boarding_controller.get_onboarding_details": ("parenttype", "parent"),
	# an Employee's form: its connections counted and a year of attendance, of any employee named
	"hrms.overrides.employee_master.get_timeline_data": ("doctype", "name"),
	# a bank entry made from any claim or advance named (its employee, amounts, accounts; helper-71 M2)
	"hrms.hr.doctype.expense_claim.expense_claim.make_bank_entry": ("dt", "dn"),
	"hrms.hr.doctype.employee_advance.employee_advance.make_bank_entry": ("dt", "dn"),
	# a party's tax template and due date, read from the party named unchecked (a missing customer a 500, an
	# existing one a date: whether another office's customer exists, helper-76 L11)
	"erpnext.accounts.party.set_taxes": ("party_type", "party"),
	"erpnext.accounts.party.get_due_date": ("party_type", "party"),
	"erpnext.accounts.party.get_payment_terms_template": ("party_type", "party_name"),
	# a reminder of a record named: whether another office's customer exists, and a reminder naming it (helper-78)
	"frappe.automation.doctype.reminder.reminder.create_new_reminder": (
		"reminder_doctype",
		"reminder_docname",
	),
	# HRMS's payment of any claim, advance, gratuity or encashment named: its employee, amounts and accounts
	# (in a folder pkgutil's walk did not enter: found when the inventory walked the source tree)
	"hrms.overrides.employee_payment_entry.get_payment_entry_for_employee": ("dt", "dn"),
	"hrms.overrides.employee_payment_entry.get_payment_reference_details": (
		"reference_doctype",
		"reference_name",
	),
	"hrms.overrides.employee_payment_entry.get_reference_details_for_employee": (
		"reference_doctype",
		"reference_name",
	),
	# a tax template's, an order's rows of any record named, or named by filters (any field of another office's
	# policy found by a mapping as its name, helper-79): (..., the doctype when the argument is not sent)
	"erpnext.controllers.accounts_controller.get_taxes_and_charges": ("master_doctype", "master_name"),
	"erpnext.controllers.accounts_controller.get_default_taxes_and_charges": (
		"master_doctype",
		"tax_template",
	),
	"erpnext.controllers.accounts_controller.update_child_qty_rate": (
		"parent_doctype",
		"parent_doctype_name",
	),
	"erpnext.controllers.subcontracting_controller.make_rm_stock_entry": (
		"order_doctype",
		"subcontract_order",
		"Subcontracting Order",
	),
	"erpnext.controllers.subcontracting_controller.get_materials_from_supplier": (
		"order_doctype",
		"subcontract_order",
		"Subcontracting Order",
	),
}
# the HR roles that read every employee's pay, attendance and appraisals (HRMS's Salary Slip readers)
HR_ROLES = ("HR Manager", "HR User", "System Manager")
# the roles that read the ledger (ERPNext's GL Entry readers)
ACCOUNTS_ROLES = ("Accounts User", "Accounts Manager", "System Manager")
# methods Frappe means for one role and checks only on one of its paths: the role (rebuild_tree asks it only
# when called as `cmd`, not by /api/method, helper-70)
ROLE_ONLY = {
	"frappe.utils.nestedset.rebuild_tree": ("System Manager",),
	# Frappe CRM's bridge: inserts and links Customers, Contacts and Prospects with ignore_permissions, finding
	# a contact by any filter sent as its email (another office's contact linked onto one's own customer,
	# helper-73 H1)
	"erpnext.crm.frappe_crm_api.create_customer": ("System Manager",),
	# ERPNext's website contact form (Frappe's, which ERPNext replaces): a guest's message made a Lead, a Contact
	# and an Opportunity with ignore_permissions, and opened one on the Lead or Customer of any office with the
	# e-mail sent, its status changed (helper-84 F2). The branch keeps no public website
	"frappe.www.contact.send_message": ("System Manager",),
	"erpnext.templates.utils.send_message": ("System Manager",),
	"erpnext.crm.frappe_crm_api.create_prospect_against_crm_deal": ("System Manager",),
	"erpnext.crm.frappe_crm_api.create_custom_fields_for_frappe_crm": ("System Manager",),
	# a site's backups sent off to Dropbox, Google Drive or S3, the Dropbox sign-in, the search bar's doctypes
	# reset and Frappe Cloud's billing calls, each asked of no role by Frappe (found in the inventory of the
	# methods naming no doctype): for the role of their settings
	"frappe.integrations.doctype.dropbox_settings.dropbox_settings.take_backup": ("System Manager",),
	"frappe.integrations.doctype.dropbox_settings.dropbox_settings.get_dropbox_authorize_url": (
		"System Manager",
	),
	"frappe.integrations.doctype.dropbox_settings.dropbox_settings.dropbox_auth_finish": ("System Manager",),
	"frappe.integrations.doctype.google_drive.google_drive.take_backup": ("System Manager",),
	"frappe.integrations.doctype.s3_backup_settings.s3_backup_settings.take_backup": ("System Manager",),
	"frappe.desk.doctype.global_search_settings.global_search_settings.reset_global_search_settings_doctypes": (
		"System Manager",
	),
	"frappe.integrations.frappe_providers.frappecloud_billing.current_site_info": ("System Manager",),
	"frappe.integrations.frappe_providers.frappecloud_billing.send_verification_code": ("System Manager",),
	# any party's ledger balance (a colleague's accrued contest rewards, booked to them as an Employee party) and
	# any account's balance by month, unchecked (helper-76 L3, L12): for those who read the ledger
	"erpnext.accounts.utils.get_balance_on": ACCOUNTS_ROLES,
	"erpnext.accounts.dashboard_chart_source.account_balance_timeline.account_balance_timeline.get": ACCOUNTS_ROLES,
	# any Item's default supplier set unchecked (helper-76 L14)
	"erpnext.buying.report.supplier_quotation_comparison.supplier_quotation_comparison.set_default_supplier": (
		"Item Manager",
		"Purchase Manager",
		"System Manager",
	),
	# HRMS's roster page reads every employee's shifts, leaves and holidays and changes or deletes any
	# employee's shift assignment, unchecked (helper-76 L6), and its organisational chart lists every employee
	# with their manager and team (L10): for the HR roles (the roster's record reads, get_values, the app answers)
	**{
		f"hrms.api.roster.{method}": HR_ROLES
		for method in (
			"get_events",
			"get_schedule_from_assignment",
			"create_shift_schedule_assignment",
			"delete_shift_schedule_assignment",
			"swap_shift",
			"break_shift",
			"insert_shift",
		)
	},  # fmt: skip
	"hrms.hr.page.organizational_chart.organizational_chart.get_children": HR_ROLES,
	# every employee's daily work summaries, read with frappe.get_all (helper-77)
	"hrms.hr.page.team_updates.team_updates.get_data": HR_ROLES,
	# the site's language set and its cache cleared, every user's tour reset, the S3 backup started, any number
	# texted in the insurer's name, an awaiting mail account's password set, the site's Drive backups and
	# indexing bound to one's own Google account, a Frappe Cloud login taken (helper-78): for System Managers
	**{
		method: ("System Manager",)
		for method in (
			"frappe.desk.page.setup_wizard.setup_wizard.load_messages",
			"frappe.desk.doctype.form_tour.form_tour.reset_tour",
			"frappe.integrations.doctype.s3_backup_settings.s3_backup_settings.take_backups_s3",
			"frappe.core.doctype.sms_settings.sms_settings.send_sms",
			"frappe.email.doctype.email_account.email_account.set_email_password",
			"frappe.integrations.doctype.google_drive.google_drive.authorize_access",
			"frappe.website.doctype.website_settings.google_indexing.authorize_access",
			"frappe.integrations.frappe_providers.frappecloud_billing.verify_verification_code",
		)
	},
	# a chart or a number card inserted with ignore_permissions, public and of any doctype, by any desk user
	# (helper-75): for those who may create them
	**{
		f"frappe.desk.doctype.{module}": ("System Manager", "Dashboard Manager")
		for module in (
			"dashboard_chart.dashboard_chart.create_dashboard_chart",
			"dashboard_chart.dashboard_chart.create_report_chart",
			"number_card.number_card.create_number_card",
			"number_card.number_card.create_report_number_card",
		)
	},
}
# methods that add up records of doctypes over every record, whatever the user reads, unchecked: (doctype, ...);
# ERPNext's sales funnel counted every office's leads, opportunities and converted customers, and summed every
# opportunity's amount by source and stage: for those who read every record of each (reads_every_record)
TOTALS = {
	"erpnext.selling.page.sales_funnel.sales_funnel.get_funnel_data": (
		"Lead",
		"Opportunity",
		"Quotation",
		"Customer",
	),
	"erpnext.selling.page.sales_funnel.sales_funnel.get_opp_by_lead_source": ("Opportunity",),
	"erpnext.selling.page.sales_funnel.sales_funnel.get_pipeline_data": ("Opportunity",),
}
# methods that read or write for a user named by an argument, unchecked: the argument must name the session's
# user (or none), unless a System Manager asks: another user's private events, user permissions (their
# Employee and their team's), mail accounts, roles and notification settings (helper-75)
SESSION_USER = {
	"frappe.desk.doctype.event.event.get_events": "user",
	"frappe.core.doctype.user_permission.user_permission.get_user_permissions": "user",
	"frappe.core.doctype.user.user.get_email_awaiting": "user",
	"frappe.core.doctype.user.user.get_roles": "uid",
	"frappe.desk.doctype.notification_settings.notification_settings.set_seen_value": "user",
	# another user's desktop icons, dashboard settings, LDAP password (were LDAP on)
	"frappe.desk.doctype.desktop_icon.desktop_icon.hide": "user",
	"frappe.desk.doctype.desktop_icon.desktop_icon.set_order": "user",
	"frappe.desk.doctype.desktop_icon.desktop_icon.update_icons": "user",
	"frappe.desk.doctype.dashboard_settings.dashboard_settings.create_dashboard_settings": "user",
	"frappe.integrations.doctype.ldap_settings.ldap_settings.reset_password": "user",
}
# methods that run a report named by an argument past its permission: a prepared report ran any report as its
# caller, with ignore_permissions, and left the caller its rows as their own file (every lead's name and mobile
# to an agent, helper-75)
REPORT_RUNS = {"frappe.core.doctype.prepared_report.prepared_report.make_prepared_report": "report_name"}
# methods that change a workspace named by an argument: Frappe asks the Workspace Manager role of a private
# page of another user only, and one sent `public=0` took a public page off every user's sidebar (helper-75)
PUBLIC_PAGES = {"frappe.desk.doctype.workspace.workspace.update_page": "name"}
# methods that copy a workspace named by an argument: another user's private page was copied whole (helper-78)
PRIVATE_PAGES = {"frappe.desk.doctype.workspace.workspace.duplicate_page": "page_name"}
# methods that set a field of the records a Kanban board's order names: (the board's argument, the order's);
# a card moved answered whether another office's record held the column's value (helper-78)
KANBAN_ORDERS = {"frappe.desk.doctype.kanban_board.kanban_board.update_order": ("board_name", "order")}


def refuse_partial_total(doctype: str) -> None:
	"""frappe.PermissionError (403) unless the session's user reads every record of `doctype` (TOTALS)."""
	if frappe.session.user != "Administrator" and not reads_every_record(doctype):
		frappe.throw(
			_("This adds up every {0}; it is shown only to those who read them all.").format(_(doctype)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


# ERPNext's mail of a customer's credit limit to the credit controllers, whose addresses the request sends:
# (the argument, its key listing them); any address was mailed a subject of the caller's text, from the site
CREDIT_MAILS = {
	"erpnext.selling.doctype.customer.customer.send_emails": ("args", "credit_controller_users_list"),
}


def check_credit_controllers(sent, key: str) -> None:
	"""The users `sent` (JSON text of a mapping) lists under `key` hold the credit controller's role (Accounts
	Settings, "Sales Master Manager" when none is set: ERPNext's own choice of them): frappe.PermissionError
	(403) otherwise."""
	from frappe.utils.user import get_users_with_role

	role = frappe.db.get_single_value("Accounts Settings", "credit_controller") or "Sales Master Manager"
	try:
		read = as_json_filters(sent)
	except ValueError:
		read = None
	recipients = read.get(key) if isinstance(read, dict) else None
	if not (
		isinstance(recipients, list)
		and recipients
		and all(isinstance(user, str) for user in recipients)
		and set(recipients) <= set(get_users_with_role(role))
	):
		frappe.throw(
			_("This mail goes only to the credit controllers ({0}).").format(_(role)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def check_private_page(name) -> None:
	"""A private workspace named is read only by its user or a Workspace Manager (Frappe's own test,
	is_workspace_manager): frappe.PermissionError (403)."""
	from frappe.desk.doctype.workspace.workspace import is_workspace_manager

	found = frappe.db.get_value("Workspace", name, ["public", "for_user"]) if isinstance(name, str) else None
	if not found or found[0] or found[1] == frappe.session.user:
		return  # a public page, one's own, or none: Frappe's own checks
	if not is_workspace_manager():
		frappe.throw(
			_("A private workspace is read only by its user."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def check_kanban_order(board, order) -> None:
	"""Each record a Kanban board's `order` (JSON of column -> [names]) names is one the session's user reads
	(check_record_read, of the board's doctype)."""
	doctype = (
		frappe.db.get_value("Kanban Board", board, "reference_doctype") if isinstance(board, str) else None
	)
	try:
		read = as_json_filters(order)
	except ValueError:
		read = None
	if not (doctype and isinstance(read, dict)):
		return  # no such board, or no order: Frappe answers
	for cards in read.values():
		for card in cards if isinstance(cards, list) else [cards]:
			check_record_read(doctype, card, "order")


def check_session_user(user) -> None:
	"""`user` (a SESSION_USER argument as sent) is none or the session's user, or a System Manager asks:
	frappe.PermissionError (403) otherwise."""
	if user in (None, "", frappe.session.user) or "System Manager" in frappe.get_roles():
		return
	refuse_acting_as(user)


def refuse_acting_as(user) -> None:
	"""frappe.PermissionError (403): the request names `user`, not the session's."""
	frappe.throw(
		_("You may act only as yourself: {0} is not your user.").format(escape_html(str(user)[:140])),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


def check_report_run(report_name) -> None:
	"""The session's user may run the report `report_name` (Frappe's own check of a report run,
	frappe.desk.query_report.get_report_doc: the report's roles and `report` on its doctype):
	frappe.PermissionError (403)."""
	from frappe.desk.query_report import get_report_doc

	if isinstance(report_name, str) and frappe.db.exists("Report", report_name):
		get_report_doc(report_name)  # no such report: Frappe refuses the Prepared Report's link to it


def check_public_page(name) -> None:
	"""A public workspace named is changed only by a Workspace Manager (Frappe's rule for saving one,
	is_workspace_manager): frappe.PermissionError (403)."""
	from frappe.desk.doctype.workspace.workspace import is_workspace_manager

	if not (isinstance(name, str) and frappe.db.get_value("Workspace", name, "public")):
		return  # a private page, or none: Frappe's own checks
	if not is_workspace_manager():
		frappe.throw(
			_("A public workspace is changed only by a Workspace Manager."),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


# modules of this HRMS build beyond upstream HRMS whose methods read any employee's or department's pay,
# attendance, appraisals and leave unchecked (a chat query "salary" answered any employee's net pay, helper-73):
# for the HR roles only
ROLE_ONLY_MODULES = {
	"hrms.analytics.": HR_ROLES,
	"hrms.engagement.": HR_ROLES,
	"hrms.performance.": HR_ROLES,
	# the assistant, the leave predictor and the approval engine (an approver's workload counted, the employees
	# reporting to them)
	"hrms.automation.": HR_ROLES,
	# modules of this ERPNext build beyond upstream ERPNext: a custom report ran any SELECT the caller sent
	# (every office's officer's notes, the users' API keys, helper-74 H1), an offline sync answers any doctype's
	# records whole: for System Managers only
	"erpnext.analytics.": ("System Manager",),
	"erpnext.mobile.": ("System Manager",),
	"erpnext.scheduling.": ("System Manager",),
	"erpnext.projects.api.": ("System Manager",),
	# ERPNext's public appointment booking: a guest made an Appointment and an Event with booking turned off,
	# and the answer named the Lead or Customer with the e-mail sent (helper-84 F3); the branch books no
	# appointments from a website
	"erpnext.www.book_appointment.": ("System Manager",),
	# Frappe Cloud's plan of HRMS: the headcount told to any guest (helper-84 F8), its callback a 500
	"hrms.subscription_utils.": ("System Manager",),
}


def check_record_read(doctype, name, argument: str = "name") -> None:
	"""The session's user reads the record `name` of `doctype` (any doctype: Frappe's permission, the app's rule
	for its own): frappe.DoesNotExistError (404) for a missing one, frappe.PermissionError (403) otherwise, in
	the rule's sentence; frappe.ValidationError (417) naming `argument` for a `name` that is no name (a list or
	a mapping, which ERPNext and HRMS read as filters: any employee's date of birth found so, helper-77)."""
	if not (isinstance(doctype, str) and frappe.db.exists("DocType", doctype)):
		return  # Frappe's own answer
	if not isinstance(name, str | int):
		frappe.throw(
			_("{0} must be the name of a record, not {1}.").format(
				escape_html(argument), escape_html(str(name)[:40])
			),
			title=_("Not a Valid Value"),
		)
	if not frappe.db.exists(doctype, name):
		refuse_missing(doctype, name)
	refuse_hidden_row(doctype, name)  # a row: Frappe asks only the roles of its parent's doctype
	if not frappe.has_permission(doctype, "read", name):
		refuse(frappe._dict(doctype=doctype, name=name), "read")


def doctype_of_method(method: str) -> str | None:
	"""The doctype whose folder holds the module of `method`, for ERPNext's and HRMS's doctypes
	(`<app>.<module>.doctype.<name>.<module>.<fn>`, DOCTYPE_METHOD_APPS), else None."""
	parts = method.split(".") if isinstance(method, str) else []
	if not (len(parts) >= 6 and parts[0] in DOCTYPE_METHOD_APPS and parts[2] == "doctype"):
		return None
	# any module in a doctype's folder, or below it, is the doctype's (an Asset's `depreciation`, helper-72 M2;
	# an Account's chart of accounts, helper-77)
	return frappe.db.get_value("DocType", parts[3].replace("_", " "), "name", cache=True)


# Frappe's methods that read a record named by (doctype argument, name argument) that may be a table's row,
# with the permission asked (permissions.hidden_row: Frappe asks only the roles of the parent's doctype)
ROW_READS = {
	"frappe.utils.print_format.download_pdf": ("doctype", "name", "print"),
	"frappe.www.printview.get_html_and_style": ("doc", "name", "print"),
	# WeasyPrint's printout and a printer's, which render without Frappe's printview (its before_print)
	"frappe.utils.weasyprint.download_pdf": ("doctype", "name", "print"),
	"frappe.utils.print_format.print_by_server": ("doctype", "name", "print"),
	"run_doc_method": ("dt", "dn", "read"),
	"frappe.handler.run_doc_method": ("dt", "dn", "read"),
}
# methods that run another whitelisted method named by an argument, in the same request
INNER_METHODS = {
	"frappe.desk.treeview.get_all_nodes": "tree_method",  # a tree's nodes
	# a form's "Make" buttons: Frappe's mapper runs the mapping method named (helper-71 H2)
	"frappe.model.mapper.make_mapped_doc": "method",
	"frappe.model.mapper.map_docs": "method",
	# HRMS's hierarchy charts: the chart's method, run for every node (helper-77)
	"hrms.utils.hierarchy_chart.get_all_nodes": "method",
	# an upload's method, run on the file (helper-84 F1; request_shapes.check_upload_method)
	"upload_file": "method",
	"uploadfile": "method",
	"frappe.handler.upload_file": "method",
	"frappe.handler.uploadfile": "method",
}
# the link searches, whose `query` is the method run (frappe.desk.search)
SEARCH_METHODS = ("frappe.desk.search.search_link", "frappe.desk.search.search_widget")
# queries that read records of a party named in their filters: (the party's doctype, the filter); ERPNext reads
# the contacts of any customer named (their names and emails, helper-70), HRMS an employee's KRAs and pay
FILTER_RECORDS = {
	"erpnext.selling.doctype.customer.customer.get_customer_primary_contact": ("Customer", "customer"),
	"hrms.hr.doctype.appraisal.appraisal.get_kras_for_employee": ("Employee", "employee"),
	"hrms.payroll.doctype.employee_benefit_application.employee_benefit_application.get_earning_components": (
		"Employee",
		"employee",
	),
}


# the apps whose doctypes' methods are for those who read the doctype (check_doctype_method): Frappe's own
# serve the desk of every user, the app's check their records themselves
DOCTYPE_METHOD_APPS = ("erpnext", "hrms")


def check_doctype_method(method: str) -> None:
	"""A whitelisted method of one of ERPNext's or HRMS's doctypes (`<app>.<module>.doctype.<name>.<name>.<fn>`)
	is for those whose roles read (or select) that doctype: many read their doctype's records, or others, with
	no check of their own (an agent read any Salary Slip's net pay through a Full and Final Statement's method,
	ran SQL of their own through a Request for Quotation's supplier search, helper-70). A method open to guests
	is left to its app. frappe.PermissionError (403) naming the doctype."""
	if frappe.session.user == "Administrator":
		return
	fn = resolve_method(method)
	if fn is None or fn in frappe.guest_methods:  # no such method (Frappe answers it), or a guest's
		return
	# by its path and by where it is written: ERPNext imports some into other modules, served there too
	# (helper-71 M1)
	own = f"{getattr(fn, '__module__', '')}.{getattr(fn, '__name__', '')}"
	doctype = doctype_of_method(method) or doctype_of_method(own)
	if not doctype:
		return
	if not (frappe.has_permission(doctype, "select") or frappe.has_permission(doctype, "read")):
		frappe.throw(
			_("Only those who read {0} may use its actions.").format(_(doctype)),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def check_record_action(method: str, form) -> None:
	"""Refuse `method` (one of RECORD_ACTIONS) on a record of the app the session's user may not read, and a
	follow of a record with fields they do not read (FOLLOWING, refuse_hidden_follow).

	`form` is the request's arguments (frappe.local.form_dict). Raises what `check_records` raises; returns
	None otherwise (every other doctype is left to Frappe)."""
	doctype_argument, names_argument = RECORD_ACTIONS[method]
	acting = ACTING_USER.get(method)
	check_records(
		form.get(doctype_argument), names_in(form.get(names_argument)), form.get(acting) if acting else None
	)
	if method in FOLLOWING and str(form.get(FOLLOWING[method], 1)).lower() not in ("0", "false", ""):
		refuse_hidden_follow(form.get(doctype_argument), frappe.session.user)


# the methods that follow a record, and the argument saying whether to (follow_document always does)
FOLLOWING = {
	"frappe.desk.form.document_follow.follow_document": "follow",
	"frappe.desk.form.document_follow.update_follow": "following",
}


def hides_changes_from(doctype, user: str) -> bool:
	"""Whether a follow of a record of `doctype` (one of the app's) would mail `user` changes they may not read:
	Frappe's follow digest (document_follow.get_version) sends each change of the record whole, whatever the
	field's level, so an agent following the check on their visit was mailed the officer's notes (helper-66
	K4)."""
	return (
		user != "Administrator"
		and isinstance(doctype, str)
		and is_app_doctype(doctype)
		and bool(unreadable_fields(doctype, user=user))
	)


def refuse_hidden_follow(doctype, user: str) -> None:
	"""frappe.PermissionError (403) in the user's language for a follow that hides_changes_from them."""
	if hides_changes_from(doctype, user):
		frappe.throw(
			_("You may not follow a {0}: its changes include fields none of your roles reads.").format(
				_(doctype)
			),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def drop_hidden_follow(doc, method=None) -> None:
	"""doc_events after_insert of Document Follow (hooks.py): a follow Frappe made itself (on a comment, an
	assignment, a like, when the user's settings follow such records) of a record whose changes it would mail
	the user without their fields' levels (hides_changes_from) is not kept: a refusal there would stop the
	comment. A follow asked for by a method is refused in words first (check_record_action)."""
	if hides_changes_from(doc.ref_doctype, doc.user):
		frappe.delete_doc("Document Follow", doc.name, ignore_permissions=True, force=True)


# Frappe's doctypes that point at another record and at the user they are for: (doctype field, name field, user
# field or None)
REFERENCING = {
	"ToDo": ("reference_type", "reference_name", None),
	"Reminder": ("reminder_doctype", "reminder_docname", "user"),
	"Document Follow": (*POINTING["Document Follow"], "user"),
	"Tag Link": (*POINTING["Tag Link"], None),
	"File": (*POINTING["File"], None),
}


def check_reference(doc, method=None) -> None:
	"""doc_events validate of ToDo, Reminder, Document Follow, Tag Link and File (hooks.py): one a user saves
	themselves (REST, the desk's form) that newly points at a record of the app must point at one the user may
	read, and a follow or a reminder must be the user's own (check_records). Frappe checks neither: a ToDo posted by REST set `_assign` and an "Assigned"
	line on a colleague's log. Saves by the app's and Frappe's own code with ignore_permissions (an assignment
	through assign_to.add, which checks the record first; the morning sample's) and a ToDo closed on a record
	no longer read are left alone."""
	if doc.flags.ignore_permissions:
		return
	doctype_field, name_field, user_field = REFERENCING[doc.doctype]
	if not (doc.is_new() or doc.has_value_changed(doctype_field) or doc.has_value_changed(name_field)):
		if not (user_field and doc.has_value_changed(user_field)):
			return
	pointed, name = doc.get(doctype_field), doc.get(name_field)
	if (
		doc.doctype == "File"
		and isinstance(name, str)
		and name.startswith("new-")
		and is_app_doctype(pointed)
	):
		# a file attached to a form not yet saved, under Frappe's temporary name: Frappe links it to the record
		# when that is saved (file.utils.relink_mismatched_files), the record's create checked by the rule then
		if not frappe.db.exists(pointed, name):
			pointed = None
	if pointed and name:
		check_records(pointed, [name], doc.get(user_field) if user_field else None)
	if doc.doctype == "Document Follow" and not doc.is_new():
		# a follow moved onto such a record (a new one is dropped after its insert: drop_hidden_follow)
		refuse_hidden_follow(doc.ref_doctype, doc.user)
	# moved away from a record: that record must be one the user reads too (a fresh user's agent moved another
	# office's private attachment onto their own log, and read it)
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before and before.get(doctype_field) and before.get(name_field):
		if frappe.db.exists(before.get(doctype_field), before.get(name_field)):
			check_records(before.get(doctype_field), [before.get(name_field)])


def check_records(doctype, names: list[str], acting_as=None, ptype: str = "read") -> None:
	"""The session's user may act on `names` of `doctype` (one of the app's; `ptype` the rule's action, read for
	the side actions): frappe.DoesNotExistError (404) for
	a record that does not exist, frappe.PermissionError (403) for one the rule hides, a row of a table, or
	`acting_as` naming another user (a follow, a comment's signature); frappe.ValidationError for a doctype
	named with spaces around it (MariaDB finds "Agent Log " as "Agent Log"; Frappe's code then fails on it).
	Administrator may; every other doctype is left to Frappe."""
	user = frappe.session.user
	if user == "Administrator":
		return
	if isinstance(doctype, str) and doctype != doctype.strip() and is_app_doctype(doctype.strip()):
		frappe.throw(
			_("There is no document type {0}.").format(escape_html(repr(doctype)[:140])),
			title=_("Not a Valid Value"),
		)
	if not (
		isinstance(doctype, str) and (is_app_doctype(doctype) or doctype in RULES)
	):  # Customer, Contact ... are under the rule too (helper-70)
		return
	if acting_as not in (None, "", user):
		refuse_acting_as(acting_as)
	if frappe.get_meta(doctype).istable:
		frappe.throw(
			_("A row of {0} is acted on through the record it belongs to: open that record.").format(
				_(doctype)
			),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	for name in names:
		if not frappe.db.exists(doctype, name):
			refuse_missing(doctype, name)
		if not frappe.has_permission(doctype, ptype, name, user=user):
			refuse(frappe._dict(doctype=doctype, name=name), ptype)


def names_in(value) -> list[str]:
	"""The record names an argument holds: one name, or a list of them (JSON text or a list, as `add_tags` and
	`remove_multiple` take them). Anything else is one name as text (Frappe reads it so: no record has it)."""
	if isinstance(value, str) and value.startswith("["):
		try:
			value = frappe.parse_json(value)
		except ValueError:
			return [value]
	if isinstance(value, list | tuple):
		return [str(v) for v in value]
	return [str(value if value is not None else "")]
