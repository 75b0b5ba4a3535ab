"""Frappe's, ERPNext's and HRMS's whitelisted methods that name a doctype, each reviewed (issue 20).

Any desk user can call any whitelisted method by REST, and many of Frappe's, ERPNext's and HRMS's read or
write the records of the doctype a request names. The inventory test
(`test_whitelisted_inventory.test_every_whitelisted_method_naming_a_doctype_is_checked_or_reviewed`) walks
every whitelisted function of the installed apps taking a doctype-like argument and requires each to be:
checked by the app (its tables in api/request_shapes.py and permissions/record_actions.py, or an override in
hooks.py), covered by a rule for a whole kind (a method of an ERPNext or HRMS doctype:
record_actions.check_doctype_method; a search query: request_shapes.check_query_levels), or listed here with
why it needs nothing of the app: `record-checked` (it asks Frappe's permission of the record itself),
`role-only` (it refuses every role but one agents never hold), `metadata` (it reads no record, or only the
user's own settings), `accepted` (a reviewed finding left alone, the note saying why). A method an upgrade of
Frappe, ERPNext or HRMS adds fails the test until it is reviewed: the list grows by construction. Reviewed by
reading each method's source (helper-70, on Frappe 15.72.4, ERPNext 15.71.1, HRMS 15.47.8).

REVIEWED_NO_DOCTYPE does the same for every other method, naming no doctype
(`test_every_whitelisted_method_naming_no_doctype_is_checked_or_reviewed`; a method open to guests, a
controller's method and a method of an ERPNext or HRMS doctype are covered whole and not listed), with one
class more: `own` (it reads or writes the session user's own records only). Reviewed by reading each method's
source and calling the doubtful ones as agents of the demo (helper-75, helper-76, helper-78, helper-79).

REVIEWED_GUEST does the same for the methods open to guests that name no doctype
(`test_every_whitelisted_method_open_to_guests_is_checked_or_reviewed`): a guest's method is also every
signed-in user's, and one of them ran any whitelisted method past every check of the app (an upload's
`method`, helper-84). One class more: `public` (made for the public website or a guest's flow, and touching
nothing of anyone's part of the organisation: it says what it touches). Reviewed by reading each method's source
and calling the doubtful ones as Guest and as an agent of the demo (helper-84).
"""

REVIEWED = {
	"erpnext.accounts.party.get_party_details": (
		"record-checked: _get_party_details: frappe.has_permission(party_type, read/select, party, throw) (request's ignore_permissions is popped by frappe.call)"
	),
	"erpnext.accounts.utils.get_children": (
		"record-checked: frappe.get_list(doctype) with fixed fields; filter column derived from the doctype's name only"
	),
	"erpnext.accounts.utils.get_coa": ("metadata: chart-of-accounts template JSON, no records"),
	"erpnext.controllers.stock_controller.check_item_quality_inspection": (
		"metadata: Item inspection flags of caller-sent items only"
	),
	"erpnext.controllers.stock_controller.make_quality_inspections": (
		"role-only: Quality Inspection .save() checks create (stock/quality roles; agents have none)"
	),
	"frappe.automation.doctype.auto_repeat.auto_repeat.make_auto_repeat": (
		"role-only: Auto Repeat .save() needs create on Auto Repeat (System Manager/Accounts roles)"
	),
	"frappe.client.attach_file": (
		"record-checked: doc.check_permission() (read) before attaching; File validate hooks of the app"
	),
	"frappe.client.get_doc_permissions": (
		"record-checked: returns only the caller's own computed permissions on the record (existence oracle only)"
	),
	"frappe.client.get_password": ("role-only: frappe.only_for('System Manager')"),
	"frappe.client.has_permission": ("record-checked: frappe.has_permission(doctype, ptype, docname)"),
	"frappe.client.rename_doc": ("record-checked: validate_rename: has_permission write on the doc"),
	"frappe.core.api.file.get_attached_images": (
		"record-checked: frappe.db.get_list('File') under File permissions"
	),
	"frappe.core.doctype.access_log.access_log.make_access_log": (
		"metadata: writes the caller's own Access Log row"
	),
	"frappe.core.doctype.data_export.exporter.export_data": (
		"role-only: can_export(raise_exception); agents have no export right"
	),
	"frappe.core.doctype.data_import.data_import.download_template": (
		"role-only: has_permission read + Exporter can_export; agents have no export right"
	),
	"frappe.core.doctype.doctype.doctype.get_row_size_utilization": (
		"role-only: has_permission('DocType') (System Manager/Administrator)"
	),
	"frappe.core.doctype.document_naming_settings.document_naming_settings.DocumentNamingSettings.get_options": (
		"metadata: naming series options from meta (a doc method of a System Manager single)"
	),
	"frappe.core.doctype.user_permission.user_permission.check_applicable_doc_perm": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.page.permission_manager.permission_manager.get_permissions": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.page.permission_manager.permission_manager.get_standard_permissions": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.page.permission_manager.permission_manager.remove": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.page.permission_manager.permission_manager.reset": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.page.permission_manager.permission_manager.update": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.custom.doctype.custom_field.custom_field.get_fields_label": ("metadata: field labels from meta"),
	"frappe.custom.doctype.customize_form.customize_form.get_link_filters_from_doc_without_customisations": (
		"metadata: DocType definition only"
	),
	"frappe.custom.doctype.customize_form.customize_form.get_orphaned_columns": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.desk.doctype.bulk_update.bulk_update.submit_cancel_or_update_docs": (
		"record-checked: each doc submit/cancel/save checks the record (note: 'update' skips the app's read-only-field check of check_set_value)"
	),
	"frappe.desk.doctype.kanban_board.kanban_board.get_kanban_boards": (
		"record-checked: frappe.get_list('Kanban Board')"
	),
	"frappe.desk.doctype.kanban_board.kanban_board.quick_kanban_board": (
		"metadata: creates a Kanban Board (config, save() checks create); reads no record"
	),
	"frappe.desk.doctype.list_view_settings.list_view_settings.get_default_listview_fields": (
		"metadata: doctype JSON in_list_view fields"
	),
	"frappe.desk.doctype.list_view_settings.list_view_settings.save_listview_settings": (
		"role-only: List View Settings save() checks write (System Manager)"
	),
	"frappe.desk.doctype.tag.tag.get_tags": ("metadata: Tag names via get_list"),
	"frappe.desk.form.linked_with.get": ("record-checked: has_permission(doctype, doc=docname, throw)"),
	"frappe.desk.form.linked_with.get_linked_doctypes": ("metadata: link metadata"),
	"frappe.desk.form.linked_with.get_submitted_linked_docs": (
		"record-checked: has_permission(doctype, doc=name, throw) on the root"
	),
	"frappe.desk.form.load.get_communications": ("record-checked: doc.has_permission('read')"),
	"frappe.desk.form.load.getdoctype": ("metadata: meta bundle + own user settings"),
	"frappe.desk.form.save.cancel": ("record-checked: Document.cancel -> check_permission('cancel')"),
	"frappe.desk.link_preview.get_preview_data": ("record-checked: frappe.get_list with meta preview fields"),
	"frappe.desk.listview.get_list_settings": ("metadata: List View Settings (config)"),
	"frappe.desk.listview.set_list_settings": (
		"role-only: List View Settings save() checks write (System Manager)"
	),
	"frappe.desk.reportview.save_report": ("metadata: saves the caller's own Report Builder settings"),
	"frappe.desk.treeview.get_children": ("record-checked: frappe.get_list(doctype) meta title field"),
	"frappe.email.doctype.email_group.email_group.import_from": (
		"role-only: nlist.has_permission('write') on Email Group (Newsletter/System Manager)"
	),
	"frappe.email.doctype.newsletter.newsletter.newsletter_email_read": (
		"role-only: verify_request(): server-signed link only"
	),
	"frappe.email.queue.unsubscribe": ("role-only: verify_request(): server-signed link only"),
	"frappe.geo.utils.get_coords": (
		"record-checked: has_permission(doctype) + get_filters_cond with match conditions; only location/lat-long columns (no app doctype has them)"
	),
	"frappe.model.rename_doc.update_document_title": ("record-checked: doc.check_permission('write')"),
	"frappe.model.utils.user_settings.get": ("metadata: the caller's own user settings"),
	"frappe.model.utils.user_settings.save": ("metadata: the caller's own user settings"),
	"frappe.model.workflow.bulk_workflow_approval": (
		"record-checked: apply_workflow: transitions/approval access + save checks"
	),
	"frappe.model.workflow.can_cancel_document": ("metadata: workflow definition"),
	"frappe.model.workflow.get_common_transition_actions": (
		"record-checked: get_transitions checks read of each doc"
	),
	"frappe.modules.utils.export_customizations": ("role-only: refuses outside developer_mode"),
	"frappe.printing.page.print_format_builder.print_format_builder.create_custom_format": (
		"role-only: Print Format insert() checks create (System Manager)"
	),
	"frappe.realtime.can_subscribe_doc": ("record-checked: has_permission(doctype, doc=docname, throw)"),
	"frappe.realtime.can_subscribe_doctype": ("metadata: doctype-level read only, no record"),
	"frappe.rename_doc": (
		"record-checked: frappe.model.rename_doc.rename_doc: validate_rename asks write permission of the record"
	),
	"frappe.share.add": ("record-checked: check_share_permission(doctype, name)"),
	"frappe.share.get_users": ("record-checked: _get_users: has_permission read on the doc"),
	"frappe.share.set_permission": ("record-checked: check_share_permission(doctype, name)"),
	"frappe.utils.print_format.download_multi_pdf": (
		"record-checked: printview page validate_print_permission per doc"
	),
	"frappe.utils.print_format.download_multi_pdf_async": ("record-checked: as download_multi_pdf, in a job"),
	"frappe.website.doctype.web_form.web_form.get_in_list_view_fields": ("metadata: meta only"),
	"frappe.workflow.doctype.workflow_action.workflow_action.apply_action": (
		"role-only: verify_request(): server-signed link only"
	),
	"frappe.workflow.doctype.workflow_action.workflow_action.confirm_action": (
		"role-only: verify_request(): server-signed link only"
	),
	"hrms.api.get_doctype_fields": ("metadata: meta/workflow definition only"),
	"hrms.api.get_doctype_states": ("metadata: meta/workflow definition only"),
	"hrms.api.get_permitted_fields_for_write": ("metadata: meta/workflow definition only"),
	"hrms.api.get_workflow": ("metadata: meta/workflow definition only"),
	"hrms.automation.approval_engine.get_delegation_suggestion": (
		"role-only: record_actions.ROLE_ONLY_MODULES (hrms.automation., this build's module beyond upstream HRMS): the HR roles"
	),
	# search queries that name no doctype of their own (check_query_levels asks the read of the doctype asked for)
	"erpnext.controllers.queries.get_doctypes_for_closing": (
		"metadata: the doctypes a period closing lists, from hooks"
	),
	"erpnext.controllers.queries.get_filtered_child_rows": (
		"accepted: rows of the doctype asked for (which the user must read) holding an item_code: ERPNext's item "
		"tables, none of the app's; filtered on any of their columns, reviewed as low (helper-70)"
	),
	"erpnext.controllers.queries.get_filtered_dimensions": (
		"record-checked: frappe.get_list of the doctype asked for"
	),
	"erpnext.selling.report.payment_terms_status_for_sales_order.payment_terms_status_for_sales_order.get_customers_or_items": (
		"record-checked: frappe.desk.reportview.execute of the doctype asked for"
	),
}

# every other method, naming no doctype
REVIEWED_NO_DOCTYPE = {
	"erpnext.accounts.party.get_address_tax_category": (
		"accepted: frappe.db.get_value('Address', billing/shipping_address, 'tax_category') unchecked: one Address's tax category or the one sent back; a master setting, the app keeps no Address (0 on the demo)"
	),
	"erpnext.accounts.party.get_party_account": (
		"accepted: Party Account / Customer Group / Company default ledger account names, no party field returned; a missing party answers the same default (no oracle, probed)"
	),
	"erpnext.accounts.party.get_party_bank_account": (
		"accepted: frappe.db.get_value('Bank Account', {party_type, party, is_default}) unchecked: a default Bank Account's name; the app keeps no Bank Account (agents are paid by Additional Salary / Journal Entry; 0 on the demo), reviewed as low"
	),
	"erpnext.accounts.report.utils.get_invoiced_item_gross_margin": (
		"record-checked: GrossProfitGenerator's query adds get_match_cond('Sales Invoice'), which raises for users who read no Sales Invoice (probed: agent 403 'No permission to read Sales Invoice'); parameterised filters"
	),
	"erpnext.accounts.utils.add_ac": (
		"record-checked: the Account's insert asks create; the ignore_permissions it read from frappe.form_dict is dropped from every request (request_shapes.drop_permission_flags, helper-76 L13)"
	),
	"erpnext.accounts.utils.add_cc": (
		"role-only: cc.insert() asks create on Cost Center (Accounts Manager); no ignore_permissions path"
	),
	"erpnext.accounts.utils.get_account_balances": (
		"record-checked: get_balance_on(account) runs acc.check_permission('read') for each account sent (probed: agent 403 on Account); finance (Accounts User) reads the ledger anyway"
	),
	"erpnext.accounts.utils.get_companies": ("record-checked: frappe.get_list('Company')"),
	"erpnext.accounts.utils.get_company_default": ("metadata: a Company field (site configuration)"),
	"erpnext.accounts.utils.get_fiscal_year": (
		"metadata: the Fiscal Year covering a date (site configuration)"
	),
	"erpnext.accounts.utils.get_fiscal_year_filter_field": (
		"metadata: the company's Fiscal Years as filter options"
	),
	"erpnext.accounts.utils.update_cost_center": (
		"record-checked: frappe.rename_doc asks write on the Cost Center (417 'You need write permission'); its db.set_value before it rolls back with the request (probed); with the name unchanged it writes the same values"
	),
	"erpnext.buying.utils.get_linked_material_requests": (
		"accepted: open submitted Material Requests' names and quantities for the item codes sent (parameterised SQL, no check): purchasing data, none of the app's (0 on the demo), reviewed as low"
	),
	"erpnext.controllers.accounts_controller.get_payment_term_details": (
		"metadata: a Payment Term's portion, discount and due date (master data; Frappe's 403 for a missing one to non-readers, probed)"
	),
	"erpnext.controllers.accounts_controller.get_payment_terms": (
		"metadata: a Payment Terms Template's schedule (master data; none on the demo; probed 403 for a missing one)"
	),
	"erpnext.controllers.accounts_controller.get_tax_rate": (
		"metadata: an Account's tax rate and name (chart of accounts)"
	),
	"erpnext.controllers.item_variant.create_variant": (
		"accepted: frappe.get_doc('Item', template) unchecked, returns an unsaved variant: Item master data only (no Item on the demo, none of the app's)"
	),
	"erpnext.controllers.item_variant.create_variant_doc_for_quick_entry": (
		"accepted: as create_variant/get_variant: Item master data, nothing saved"
	),
	"erpnext.controllers.item_variant.enqueue_multiple_variant_creation": (
		"role-only: create_multiple_variants: variant.save() asks create on Item (Item/Stock Manager)"
	),
	"erpnext.controllers.item_variant.get_variant": (
		"accepted: frappe.get_doc('Item') unchecked, finds a variant by attributes: Item master data only"
	),
	"erpnext.controllers.sales_and_purchase_return.get_payment_data": (
		"accepted: frappe.db.get_all('Sales Invoice Payment') of an invoice named, unchecked: its payment modes and amounts; the app keeps no Sales Invoice (0 on the demo), reviewed as low"
	),
	"erpnext.controllers.taxes_and_totals.get_round_off_applicable_accounts": (
		"metadata: the regional round-off accounts of a company (none for China)"
	),
	"erpnext.controllers.taxes_and_totals.get_rounding_tax_settings": (
		"metadata: one Accounts Settings flag"
	),
	"erpnext.regional.italy.utils.export_invoices": (
		"role-only: frappe.has_permission('Sales Invoice', throw) (Accounts roles, who read every Sales Invoice anyway)"
	),
	"erpnext.regional.italy.utils.generate_single_invoice": (
		"record-checked: frappe.has_permission('Sales Invoice', doc=doc, throw=True)"
	),
	"erpnext.regional.report.irs_1099.irs_1099.irs_1099_print": (
		"accepted: no check, but execute() returns rows only for a Company in the United States (the insurer's is in China): Supplier payments, none of the app's"
	),
	"erpnext.selling.page.point_of_sale.point_of_sale.check_opening_entry": (
		"accepted: any user's open POS Opening Entries, unchecked (frappe.db.get_all); the app has no POS (none on the demo), reviewed as low"
	),
	"erpnext.selling.page.point_of_sale.point_of_sale.create_opening_voucher": (
		"role-only: the POS Opening Entry's submit() asks create/submit (Sales Manager, System Manager; probed: agent 403)"
	),
	"erpnext.selling.page.point_of_sale.point_of_sale.get_items": (
		"accepted: a POS Profile's items, stock and prices (escaped search); catalogue data, none of the app's"
	),
	"erpnext.selling.page.point_of_sale.point_of_sale.get_parent_item_group": (
		"metadata: the root Item Group's name"
	),
	"erpnext.selling.page.point_of_sale.point_of_sale.get_past_order_list": (
		"record-checked: frappe.db.get_list('POS Invoice')"
	),
	"erpnext.selling.page.point_of_sale.point_of_sale.get_pos_profile_data": (
		"accepted: frappe.get_doc('POS Profile') unchecked, returned whole; the app has no POS (0 on the demo; a missing one is Frappe's 403 to non-readers, probed), reviewed as low"
	),
	"erpnext.selling.page.point_of_sale.point_of_sale.search_for_serial_or_batch_or_barcode_number": (
		"accepted: scan_barcode: an Item Barcode / Serial No / Batch's item code (catalogue data; none on the demo)"
	),
	"erpnext.selling.page.point_of_sale.point_of_sale.set_customer_info": (
		"record-checked: its db.set_value on the Customer is unchecked, but the Contact insert/save() after it asks the rule (403 for a customer the user does not read) and the request rolls back (probed: another office's customer unchanged)"
	),
	"erpnext.setup.demo.clear_demo_data": ("role-only: frappe.only_for('System Manager')"),
	"erpnext.setup.utils.get_exchange_rate": ("metadata: Currency Exchange rates / the configured rate API"),
	"erpnext.startup.leaderboard.get_all_customers": (
		"record-checked: frappe.get_list of Sales Invoice / Sales Order"
	),
	"erpnext.startup.leaderboard.get_all_items": (
		"record-checked: frappe.get_list of Sales/Purchase Order; Bin totals filtered to the Items the user reads (get_list)"
	),
	"erpnext.startup.leaderboard.get_all_sales_partner": ("record-checked: frappe.get_list('Sales Order')"),
	"erpnext.startup.leaderboard.get_all_sales_person": ("record-checked: frappe.get_list('Sales Order')"),
	"erpnext.startup.leaderboard.get_all_suppliers": (
		"record-checked: frappe.get_list of Purchase Invoice / Purchase Order"
	),
	"erpnext.stock.dashboard.item_dashboard.get_data": (
		"accepted: Bin stock levels by frappe.db.get_all, only for users reading Warehouse (build_match_conditions raises, answered []: agent probed); sort_by/sort_order reach order_by, where Frappe's validate_order_by_and_group_by refuses a sub-query; no stock on the demo (0 Bin)"
	),
	"erpnext.stock.dashboard.warehouse_capacity_dashboard.get_data": (
		"accepted: Putaway Rule capacities and stock, only for users reading Warehouse (as item_dashboard: agent [] probed); no stock on the demo"
	),
	"erpnext.stock.dashboard_chart_source.warehouse_wise_stock_value.warehouse_wise_stock_value.get": (
		"record-checked: frappe.get_list of Warehouse and Bin"
	),
	"erpnext.stock.get_item_details.calculate_service_end_date": (
		"metadata: an Item's deferred settings and default accounts"
	),
	"erpnext.stock.get_item_details.get_batch_based_item_price": (
		"accepted: an Item Price for a batch (query builder): catalogue data, none of the app's"
	),
	"erpnext.stock.get_item_details.get_batch_qty": (
		"accepted: a batch's stock quantity (0 Batch on the demo)"
	),
	"erpnext.stock.get_item_details.get_bin_details": (
		"accepted: Bin quantity sums of an item (query builder): stock data, none on the demo"
	),
	"erpnext.stock.get_item_details.get_blanket_order_details": (
		"accepted: a submitted Blanket Order's rate for an item (query builder); no app data, none on the demo"
	),
	"erpnext.stock.get_item_details.get_conversion_factor": ("metadata: an item's UOM conversion factor"),
	"erpnext.stock.get_item_details.get_default_bom": (
		"accepted: an item's default BOM name (manufacturing; 0 on the demo)"
	),
	"erpnext.stock.get_item_details.get_item_tax_info": ("metadata: items' Item Tax Template rates"),
	"erpnext.stock.get_item_details.get_item_tax_map": ("metadata: an Item Tax Template's rates per account"),
	"erpnext.stock.get_item_details.get_item_tax_template": (
		"metadata: an Item's / Item Group's tax templates"
	),
	"erpnext.stock.get_item_details.get_pos_profile": (
		"accepted: a POS Profile (and its users' default), unchecked; the app has no POS (none on the demo)"
	),
	"erpnext.stock.get_item_details.get_projected_qty": (
		"accepted: a Bin's projected quantity (stock data, none on the demo)"
	),
	"erpnext.stock.get_item_details.get_serial_no": ("metadata: returns the serial_nos sent, reads nothing"),
	"erpnext.stock.get_item_details.get_valuation_rate": (
		"accepted: a Bin's valuation rate or an item's average purchase rate (Purchase Invoice Item sums): stock data, none on the demo"
	),
	"erpnext.stock.report.incorrect_serial_and_batch_bundle.incorrect_serial_and_batch_bundle.remove_sabb_entry": (
		"role-only: doc.cancel() and delete() ask cancel/delete on Serial and Batch Bundle (stock/purchase/manufacturing roles; probed: agent 403)"
	),
	"erpnext.stock.report.stock_and_account_value_comparison.stock_and_account_value_comparison.create_reposting_entries": (
		"role-only: the Repost Item Valuation's submit() asks create/submit (Stock Manager, Accounts Manager, System Manager; probed: agent 403)"
	),
	"erpnext.stock.report.stock_ledger_invariant_check.stock_ledger_invariant_check.create_reposting_entries": (
		"role-only: the Repost Item Valuation's submit() asks create/submit (Stock Manager, Accounts Manager, System Manager; probed: agent 403)"
	),
	"erpnext.stock.utils.get_latest_stock_qty": (
		"accepted: an item's Bin quantity (parameterised SQL): stock data, none on the demo"
	),
	"erpnext.stock.utils.scan_barcode": (
		"accepted: an Item Barcode / Serial No / Batch's item code (catalogue data; none on the demo)"
	),
	"erpnext.templates.pages.projects.get_task_html": (
		"accepted: frappe.get_all('Task') of any project named, unchecked (subjects, status, _assign); the app keeps no Project or Task (0 on the demo), reviewed as low"
	),
	"erpnext.templates.pages.projects.get_timesheet_html": (
		"accepted: frappe.get_all of any project's Timesheet Details, unchecked; the app keeps no Project or Timesheet (0 on the demo), reviewed as low"
	),
	"erpnext.utilities.bulk_transaction.retry": (
		"accepted: retries a day's failed Bulk Transaction Log Details as the caller (ERPNext's mappers ask read and create; marks the logs retried); sales/purchase mappings only, none on the demo"
	),
	"erpnext.utilities.bulk_transaction.transaction_processing": (
		"role-only: frappe.has_permission(from_doctype, read) and (to_doctype, create), throw: the sales/purchase mappings only, which no insurance role holds"
	),
	"frappe.apps.get_apps": ("metadata: the installed apps the user's own workspaces show"),
	"frappe.apps.get_incomplete_setup_route": (
		"metadata: installed apps' setup state and hooks' routes; reads no record"
	),
	"frappe.apps.set_app_as_default": ("own: db.set_value('User', frappe.session.user, 'default_app')"),
	"frappe.auth.get_logged_user": ("own: the session's user"),
	"frappe.automation.doctype.auto_repeat.auto_repeat.generate_message_preview": (
		"record-checked: has_permission('Auto Repeat', 'write', throw) then doc.check_permission() on the record named before rendering it"
	),
	"frappe.automation.doctype.auto_repeat.auto_repeat.update_reference": (
		"record-checked: doc.check_permission('write') on the Auto Repeat (System Manager/Accounts roles; finance only, who already read the production it repeats)"
	),
	"frappe.client.get_js": (
		"metadata: reads files under sites/assets only ('..' and paths outside assets/ refused)"
	),
	"frappe.contacts.doctype.address.address.get_address_display": (
		"record-checked: render_address: a name is read with address.check_permission(); a dict sent is rendered as sent"
	),
	"frappe.contacts.doctype.address_template.address_template.get_default_address_template": (
		"metadata: a template file"
	),
	"frappe.contacts.doctype.contact.contact.address_query": (
		"record-checked: frappe.has_permission(link_doctype, 'read', link_name) per link before its Address names are read"
	),
	"frappe.contacts.doctype.contact.contact.download_vcard": (
		"record-checked: contact.check_permission() (read; Contact is under the rule for field roles)"
	),
	"frappe.contacts.doctype.contact.contact.download_vcards": (
		"record-checked: contact.check_permission() (read) per Contact before its vCard"
	),
	"frappe.contacts.doctype.contact.contact.get_contact_details": (
		"record-checked: contact.check_permission() before the contact's fields are returned"
	),
	"frappe.contacts.doctype.contact.contact.invite_user": (
		"record-checked: contact.check_permission(); the User insert then needs create on User (System Manager)"
	),
	"frappe.core.api.file.create_new_folder": (
		"own: File insert() asks create (File's has_permission); a folder owned by the caller, check_file_url for the app"
	),
	"frappe.core.api.file.get_files_by_search_text": (
		"record-checked: frappe.get_list('File') under File's query conditions (own files for non-system users) and the app's"
	),
	"frappe.core.api.file.get_files_in_folder": (
		"record-checked: frappe.get_list('File') under File's query conditions; besides it only the fixed 'Home/Attachments' folder row"
	),
	"frappe.core.api.file.move_file": (
		"record-checked: setup_folder_path: file.save() asks write on each File (the app's check_file_url), then the two folders' save() ask write"
	),
	"frappe.core.api.file.unzip_file": (
		"record-checked: File.unzip creates the extracted Files with save() (create under check_file_url) and ends with frappe.delete_doc of the zip, which checks delete: refused, the request rolls back (the extracted bytes stay orphaned on the disk)"
	),
	"frappe.core.api.file.zip_files": (
		"record-checked: File.zip_files skips a File without has_permission(_file, 'read'); the app's files.py covers a File without a URL"
	),
	"frappe.core.doctype.data_import.data_import.download_errored_template": (
		"record-checked: data_import.check_permission('read') (Data Import: System Manager)"
	),
	"frappe.core.doctype.data_import.data_import.download_import_log": (
		"record-checked: data_import.check_permission('read')"
	),
	"frappe.core.doctype.data_import.data_import.form_start_import": (
		"record-checked: di.check_permission('write') before start_import"
	),
	"frappe.core.doctype.data_import.data_import.get_import_logs": (
		"record-checked: doc.check_permission('read') on the Data Import before its logs"
	),
	"frappe.core.doctype.data_import.data_import.get_import_status": (
		"record-checked: data_import.check_permission('read') before its counts"
	),
	"frappe.core.doctype.data_import.data_import.get_preview_from_template": (
		"record-checked: di.check_permission('read') before the preview"
	),
	"frappe.core.doctype.deleted_document.deleted_document.bulk_restore": (
		"record-checked: restore() per name: doc.insert() checks create of the restored doctype under the rule; the Deleted Document is read unchecked but only re-enters as a record the rule judges"
	),
	"frappe.core.doctype.deleted_document.deleted_document.restore": (
		"record-checked: doc.insert() checks create of the restored record (the app's rule on its values); the Deleted Document itself is read unchecked (System Manager-only doctype), its data not returned"
	),
	"frappe.core.doctype.error_log.error_log.clear_error_logs": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.doctype.installed_applications.installed_applications.get_installed_app_order": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.doctype.installed_applications.installed_applications.update_installed_apps_order": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.doctype.log_settings.log_settings.has_unseen_error_log": (
		"accepted: whether any Error Log is unseen (the desk's alert; no log's content), reviewed as low"
	),
	"frappe.core.doctype.module_def.module_def.get_installed_apps": ("metadata: the installed apps' names"),
	"frappe.core.doctype.package.package.get_license_text": (
		"metadata: a fixed license text from Frappe's folder, only for names in LICENSES"
	),
	"frappe.core.doctype.prepared_report.prepared_report.delete_prepared_reports": (
		"record-checked: prepared_report.has_permission() (Prepared Report's hook: one of the user's reports) before delete"
	),
	"frappe.core.doctype.prepared_report.prepared_report.download_attachment": (
		"record-checked: pr.has_permission('read') (Prepared Report's hook: the report must be one of the user's reports)"
	),
	"frappe.core.doctype.prepared_report.prepared_report.get_reports_in_queued_state": (
		"own: frappe.get_all filtered by owner = session user"
	),
	"frappe.core.doctype.recorder.recorder.add_indexes": ("role-only: frappe.only_for('Administrator')"),
	"frappe.core.doctype.recorder.recorder.optimize": ("role-only: frappe.only_for('Administrator')"),
	"frappe.core.doctype.rq_job.rq_job.remove_failed_jobs": ("role-only: frappe.only_for('System Manager')"),
	"frappe.core.doctype.rq_job.rq_job.stop_job": (
		"role-only: RQ Job.stop_job is @check_permissions: frappe.only_for('System Manager') (load_from_db refuses another site's job)"
	),
	"frappe.core.doctype.scheduled_job_type.scheduled_job_type.execute_event": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.doctype.server_script.server_script.enabled": (
		"role-only: answers only if frappe.has_permission('Server Script') (System Manager)"
	),
	"frappe.core.doctype.session_default_settings.session_default_settings.get_session_default_values": (
		"own: the session user's own defaults"
	),
	"frappe.core.doctype.session_default_settings.session_default_settings.set_session_default_values": (
		"own: frappe.defaults.set_user_default for the session's user only (their own defaults; User Permissions are separate)"
	),
	"frappe.core.doctype.system_settings.system_settings.load": (
		"role-only: System Manager, else PermissionError"
	),
	"frappe.core.doctype.user.user.generate_keys": ("role-only: frappe.only_for('System Manager')"),
	"frappe.core.doctype.user.user.get_all_roles": ("metadata: the roles' names"),
	"frappe.core.doctype.user.user.get_module_profile": (
		"metadata: a Module Profile's blocked modules (site configuration, unchecked)"
	),
	"frappe.core.doctype.user.user.get_perm_info": (
		"metadata: get_all_perms(role): the DocPerm rows of a role (site configuration)"
	),
	"frappe.core.doctype.user.user.get_role_profile": (
		"metadata: a Role Profile's roles (site configuration, unchecked)"
	),
	"frappe.core.doctype.user.user.get_timezones": ("metadata: pytz's time zones"),
	"frappe.core.doctype.user.user.has_email_account": (
		"record-checked: frappe.get_list('Email Account') (System Manager's doctype: an agent lists none)"
	),
	"frappe.core.doctype.user.user.impersonate": ("role-only: frappe.only_for('Administrator')"),
	"frappe.core.doctype.user.user.switch_theme": (
		"own: db.set_value('User', frappe.session.user, 'desk_theme') for three fixed values"
	),
	"frappe.core.doctype.user.user.verify_password": (
		"own: login_manager.check_password(frappe.session.user, password): the caller's own password only"
	),
	"frappe.core.doctype.user_permission.user_permission.add_user_permissions": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.doctype.user_permission.user_permission.clear_user_permissions": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.doctype.user_type.user_type.get_user_id": (
		"metadata: the User link fields of a doctype (DocField, Custom Field)"
	),
	"frappe.core.page.permission_manager.permission_manager.add": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.page.permission_manager.permission_manager.get_roles_and_doctypes": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.page.permission_manager.permission_manager.get_users_with_role": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.core.report.database_storage_usage_by_tables.database_storage_usage_by_tables.optimize_doctype": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.custom.doctype.custom_field.custom_field.rename_fieldname": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.desk.calendar.update_event": (
		"record-checked: w.save() checks write on the record; the app's check_stored_record"
	),
	"frappe.desk.desktop.get_desktop_page": (
		"metadata: a Workspace's layout; PermissionError for a module the user lacks; its links, shortcuts, charts and cards filtered by the user's read (is_item_allowed); no record data"
	),
	"frappe.desk.desktop.get_workspace_sidebar_items": (
		"metadata: the workspaces of the modules the user's roles allow"
	),
	"frappe.desk.doctype.dashboard.dashboard.get_permitted_cards": (
		"record-checked: has_permission('Number Card', doc=card) per card (the Dashboard itself is configuration)"
	),
	"frappe.desk.doctype.dashboard.dashboard.get_permitted_charts": (
		"record-checked: has_permission('Dashboard Chart', doc=chart) per chart (the Dashboard itself is configuration)"
	),
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.add_chart_to_dashboard": (
		"role-only: dashboard.save() (and chart.save()) check write (System Manager/Dashboard Manager)"
	),
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get_parent_doctypes": (
		"metadata: DocField/Custom Field parents of a child doctype"
	),
	"frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source.get_config": (
		"metadata: the source's JS file from the app's code"
	),
	"frappe.desk.doctype.dashboard_settings.dashboard_settings.save_chart_config": (
		"own: the Dashboard Settings named frappe.session.user only"
	),
	"frappe.desk.doctype.desktop_icon.desktop_icon.add_user_icon": (
		"own: a Desktop Icon owned by the session's user (insert ignore_permissions), reading a DocType's/Report's icon and module only; Desktop Icons are unused by the v15 desk"
	),
	"frappe.desk.doctype.desktop_icon.desktop_icon.get_module_icons": (
		"own: another user's icons only with frappe.only_for('System Manager')"
	),
	"frappe.desk.doctype.form_tour.form_tour.update_user_status": (
		"own: sets the session user's onboarding_status"
	),
	"frappe.desk.doctype.kanban_board.kanban_board.add_card": (
		"record-checked: frappe.has_permission(reference_doctype, 'write', throw) (doctype level); only the board's column order is saved"
	),
	"frappe.desk.doctype.kanban_board.kanban_board.add_column": (
		"record-checked: doc.save() asks write on the Kanban Board (Desk User writes only their own: if_owner; hook: public or owner)"
	),
	"frappe.desk.doctype.kanban_board.kanban_board.archive_restore_column": (
		"record-checked: doc.save() asks write on the Kanban Board (own boards only)"
	),
	"frappe.desk.doctype.kanban_board.kanban_board.save_settings": (
		"record-checked: doc.save() asks write on the Kanban Board (own boards only)"
	),
	"frappe.desk.doctype.kanban_board.kanban_board.set_indicator": (
		"record-checked: board.save() asks write on the Kanban Board (own boards only)"
	),
	"frappe.desk.doctype.kanban_board.kanban_board.update_column_order": (
		"record-checked: board.save() asks write on the Kanban Board (own boards only)"
	),
	"frappe.desk.doctype.kanban_board.kanban_board.update_order_for_single_card": (
		"record-checked: has_permission(doctype, write) then frappe.set_value -> frappe.client.set_value -> doc.save() checks write on the record (the app's rule)"
	),
	"frappe.desk.doctype.note.note.reset_notes": ("own: the session user's unseen notes in the cache"),
	"frappe.desk.doctype.notification_log.notification_log.get_notification_logs": (
		"record-checked: frappe.db.get_list('Notification Log') (for_user query conditions: the caller's own)"
	),
	"frappe.desk.doctype.notification_log.notification_log.mark_all_as_read": (
		"own: Notification Logs for_user the session's user"
	),
	"frappe.desk.doctype.notification_log.notification_log.trigger_indicator_hide": (
		"own: a realtime event to the session's user"
	),
	"frappe.desk.doctype.notification_settings.notification_settings.get_subscribed_documents": (
		"own: the session user's Notification Settings"
	),
	"frappe.desk.doctype.number_card.number_card.add_card_to_dashboard": (
		"role-only: dashboard.save() (and card.save()) check write (System Manager/Dashboard Manager)"
	),
	"frappe.desk.doctype.onboarding_step.onboarding_step.get_onboarding_steps": (
		"metadata: Onboarding Step configuration (Desk User reads them)"
	),
	"frappe.desk.doctype.route_history.route_history.deferred_insert": (
		"own: Route History rows with user forced to frappe.session.user"
	),
	"frappe.desk.doctype.route_history.route_history.frequently_visited_links": (
		"own: Route History of the session's user"
	),
	"frappe.desk.doctype.system_console.system_console.execute_code": (
		"role-only: SystemConsole.run: frappe.only_for('System Manager')"
	),
	"frappe.desk.doctype.system_console.system_console.show_processlist": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.desk.doctype.system_health_report.system_health_report.get_job_status": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.desk.doctype.tag.tag.get_documents_for_tag": (
		"record-checked: frappe.get_list('Tag Link'): the app's query conditions keep a Tag Link to the records the user reads (permissions.POINTING)"
	),
	"frappe.desk.doctype.tag.tag.get_tags_list_for_awesomebar": ("record-checked: frappe.get_list('Tag')"),
	"frappe.desk.doctype.todo.todo.new_todo": (
		"own: a ToDo insert() with only a description (allocated to the caller; the app's check_reference on ToDo)"
	),
	"frappe.desk.doctype.workspace.workspace.delete_page": (
		"record-checked: a public page needs Workspace Manager, a private one for_user == session user, else PermissionError"
	),
	"frappe.desk.doctype.workspace.workspace.hide_page": (
		"record-checked: hide_unhide_page: public needs Workspace Manager, private for_user == session user"
	),
	"frappe.desk.doctype.workspace.workspace.new_page": (
		"record-checked: public needs Workspace Manager (silently not saved), private for_user must be the session's, create permission on Workspace"
	),
	"frappe.desk.doctype.workspace.workspace.save_page": (
		"record-checked: a private page is found by for_user = session user; a public one is refused by Workspace.validate unless Workspace Manager"
	),
	"frappe.desk.doctype.workspace.workspace.sort_pages": (
		"own: private pages filtered for_user = session user; public ones only if is_workspace_manager()"
	),
	"frappe.desk.doctype.workspace.workspace.unhide_page": (
		"record-checked: hide_unhide_page: public needs Workspace Manager, private for_user == session user"
	),
	"frappe.desk.form.assign_to.add": (
		"record-checked: frappe.get_doc(doctype, name).check_permission() (read) before the ToDo (ignore_permissions is dropped from a request)"
	),
	"frappe.desk.form.assign_to.add_multiple": ("record-checked: add() per name, each check_permission()"),
	"frappe.desk.form.linked_with.cancel_all_linked_docs": (
		"record-checked: linked_doc.cancel() checks cancel; the app's before_cancel check_stored_record"
	),
	"frappe.desk.form.load.get_user_info_for_viewers": (
		"accepted: add_user_info: full name, image, email and time zone of the users named (Frappe's user directory, as for @mentions; no secret, the app keeps no user private)"
	),
	"frappe.desk.form.utils.remove_attach": (
		"record-checked: frappe.delete_doc('File', fid) asks the File's delete permission (and the app's File rule, permissions/files.py)"
	),
	"frappe.desk.form.utils.update_comment": (
		"own: only the comment's owner, and reference_doc.check_permission()"
	),
	"frappe.desk.form.utils.update_comment_publicity": ("own: the comment's owner or a System Manager"),
	"frappe.desk.gantt.update_task": ("record-checked: d.save() checks write; the app's check_stored_record"),
	"frappe.desk.leaderboard.get_energy_point_leaderboard": (
		"accepted: frappe.get_list('User') then Energy Point Log totals, which Frappe lets every Desk User read; Energy Point Settings is disabled (no logs)"
	),
	"frappe.desk.notifications.get_notification_info": (
		"record-checked: the open counts of get_notifications (frappe.get_list of each doctype the user reads) and doctype names"
	),
	"frappe.desk.notifications.get_notifications": (
		"record-checked: open counts by frappe.get_list of the doctypes the user reads"
	),
	"frappe.desk.page.backups.backups.schedule_files_backup": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.desk.page.leaderboard.leaderboard.get_leaderboard_config": ("metadata: the leaderboards' hooks"),
	"frappe.desk.page.setup_wizard.setup_wizard.initialize_system_settings_and_user": (
		"role-only: system_settings.save() asks write on System Settings (System Manager): 403 (probed; setup_complete is 0 on this site, so it does reach the save); the user update comes after it"
	),
	"frappe.desk.page.setup_wizard.setup_wizard.load_country": (
		"metadata: the country of the request's own IP"
	),
	"frappe.desk.page.setup_wizard.setup_wizard.load_languages": ("metadata: the languages"),
	"frappe.desk.page.setup_wizard.setup_wizard.load_user_details": (
		"accepted: the name and email cached by a signup before the setup wizard (the site's first user; empty on a set-up site), reviewed as low"
	),
	"frappe.desk.page.setup_wizard.setup_wizard.setup_complete": (
		"metadata: returns {'status': 'ok'} once frappe.is_setup_complete() (the site is set up)"
	),
	"frappe.desk.page.user_profile.user_profile.get_energy_points_heatmap_data": (
		"accepted: any user's daily energy points, unchecked; Desk User reads every Energy Point Log anyway and Energy Point Settings is disabled (none)"
	),
	"frappe.desk.page.user_profile.user_profile.get_energy_points_list": (
		"record-checked: frappe.db.get_list('Energy Point Log') (Desk User reads them)"
	),
	"frappe.desk.page.user_profile.user_profile.get_energy_points_percentage_chart_data": (
		"accepted: Energy Point Log grouped by any column for any user (reference_name included); disabled here - enabling energy points would expose Lead/Customer names (rules exist on Lead, Customer, Opportunity)"
	),
	"frappe.desk.page.user_profile.user_profile.get_user_rank": (
		"accepted: ranks by Energy Point Log totals, which every Desk User reads"
	),
	"frappe.desk.page.user_profile.user_profile.update_profile_info": (
		"own: user.update(any keys sent) then save() of the session's own User only; permlevel-1 fields (roles, user_type, restrict_ip, api keys) are reset by validate_higher_perm_levels (roles sent stayed unchanged; probed)"
	),
	"frappe.desk.query_report.get_script": (
		"record-checked: get_report_doc(report_name): the report must be permitted (is_permitted) and its ref_doctype readable"
	),
	"frappe.desk.query_report.save_report": (
		"accepted: get_report_doc checks the reference report is permitted; a new Custom Report (insert ignore_permissions) of columns/filters only, run with the runner's permissions"
	),
	"frappe.desk.reportview.delete_items": (
		"record-checked: delete_bulk: frappe.delete_doc of each, asking its delete permission (the app's rule for its own)"
	),
	"frappe.desk.reportview.delete_report": ("own: the report's owner or has_permission('delete')"),
	"frappe.desk.search.get_names_for_mentions": (
		"accepted: the enabled system users' names and ids for @mentions (Frappe's user directory; the app keeps no user private)"
	),
	"frappe.desk.treeview.add_node": (
		"record-checked: doc.save() asks create of the doctype (the app's rule for its own)"
	),
	"frappe.email.doctype.auto_email_report.auto_email_report.download": (
		"role-only: auto_email_report.check_permission() (System Manager/Report Manager)"
	),
	"frappe.email.doctype.auto_email_report.auto_email_report.send_now": (
		"role-only: auto_email_report.check_permission() (System Manager/Report Manager)"
	),
	"frappe.email.doctype.email_account.email_account.pull_emails": (
		"role-only: frappe.has_permission('Email Account', 'read', throw) (System Manager, Inbox User)"
	),
	"frappe.email.doctype.email_group.email_group.add_subscribers": (
		"role-only: Email Group Member insert checks create (Newsletter Manager); refused, the request rolls back"
	),
	"frappe.email.doctype.email_queue.email_queue.bulk_retry": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.email.doctype.email_queue.email_queue.send_now": (
		"role-only: record.check_permission() (Email Queue: System Manager)"
	),
	"frappe.email.doctype.email_queue.email_queue.toggle_sending": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.email.doctype.email_template.email_template.get_email_template": (
		"accepted: renders a site Email Template (Desk User reads them) with the doc the caller sends"
	),
	"frappe.email.doctype.notification.notification.get_documents_for_today": (
		"role-only: notification.check_permission('read') (Notification: System Manager)"
	),
	"frappe.email.email_body.get_email_html": (
		"metadata: renders a code template (templates/emails) with the caller's args"
	),
	"frappe.email.get_contact_list": (
		"record-checked: frappe.get_list('Contact') under the rule (Contact's query conditions)"
	),
	"frappe.email.inbox.create_email_flag_queue": (
		"accepted: sets seen flags and an Email Flag Queue on any Communication with an IMAP uid, unchecked; no incoming email account on this site (no uid: nothing done)"
	),
	"frappe.email.inbox.mark_as_closed_open": (
		"record-checked: frappe.client.set_value -> doc.save() checks write on the Communication (agents: none)"
	),
	"frappe.email.inbox.mark_as_spam": (
		"record-checked: frappe.client.set_value checks write on the Communication; the Email Rule inserted before is rolled back with the refusal"
	),
	"frappe.email.inbox.mark_as_trash": (
		"record-checked: frappe.client.set_value checks write on the Communication"
	),
	"frappe.email.inbox.move_email": (
		"record-checked: frappe.client.set_value checks write on the Communication"
	),
	"frappe.integrations.doctype.connected_app.connected_app.has_token": (
		"accepted: a boolean whether a user holds a token of a Connected App (any user named), no token returned; the site has no Connected App (404, probed)"
	),
	"frappe.integrations.doctype.google_calendar.google_calendar.authorize_access": (
		"record-checked: google_calendar.check_permission('write') (Desk User: own calendars only)"
	),
	"frappe.integrations.doctype.google_calendar.google_calendar.google_callback": (
		"accepted: writes and commits authorization_code on the Google Calendar cached as pending before authorize_access's check_permission('write'); Google Settings is disabled and nothing is pending (417, nothing written; probed)"
	),
	"frappe.integrations.doctype.google_calendar.google_calendar.sync": (
		"record-checked: frappe.get_list('Google Calendar') (Desk User: their own, if_owner)"
	),
	"frappe.integrations.doctype.google_contacts.google_contacts.authorize_access": (
		"record-checked: contact.check_permission('write') on the Google Contacts (own, if_owner)"
	),
	"frappe.integrations.doctype.google_contacts.google_contacts.sync": (
		"record-checked: frappe.get_list('Google Contacts') (own, if_owner)"
	),
	"frappe.integrations.doctype.google_settings.google_settings.get_file_picker_settings": (
		"accepted: the Google Drive picker's app and client ids, public identifiers every uploader's browser is sent; no secret"
	),
	"frappe.integrations.doctype.webhook.webhook.get_all_queues": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.integrations.frappe_providers.frappecloud_billing.api": (
		"role-only: get_headers() throws unless System Manager"
	),
	"frappe.integrations.frappe_providers.frappecloud_billing.is_fc_site": (
		"metadata: false unless the user is a System Manager"
	),
	"frappe.integrations.google_oauth.callback": (
		"accepted: dispatches to the Google authorize_access of the domain in state (contacts: check_permission write; drive, indexing: unchecked, refused while Google Settings is disabled: 417, probed)"
	),
	"frappe.integrations.oauth2.approve": ("own: OAuth authorization for the session user's own grant"),
	"frappe.integrations.oauth2.openid_profile": ("own: userinfo of the bearer token's own user"),
	"frappe.model.workflow.apply_workflow": (
		"record-checked: get_transitions check_permission('read'), then save/submit/cancel check write under the rule"
	),
	"frappe.model.workflow.get_transitions": (
		"record-checked: doc.load_from_db() then doc.check_permission('read')"
	),
	"frappe.onboarding.get_onboarding_status": ("own: the session user's onboarding status"),
	"frappe.onboarding.update_user_onboarding_status": (
		"own: db.set_value('User', frappe.session.user, 'onboarding_status')"
	),
	"frappe.printing.doctype.network_printer_settings.network_printer_settings.get_network_printer_settings": (
		"record-checked: frappe.db.get_list"
	),
	"frappe.printing.doctype.print_format.print_format.make_default": (
		"role-only: print_format.check_permission('write') (System Manager)"
	),
	"frappe.printing.doctype.print_settings.print_settings.is_print_server_enabled": (
		"metadata: one Print Settings flag"
	),
	"frappe.printing.page.print_format_builder_beta.print_format_builder_beta.get_google_fonts": (
		"metadata: font names"
	),
	"frappe.push_notification.subscribe": ("own: PushNotification.add_token(frappe.session.user, token)"),
	"frappe.push_notification.unsubscribe": (
		"own: PushNotification.remove_token(frappe.session.user, token)"
	),
	"frappe.recorder.delete": ("role-only: @administrator_only"),
	"frappe.recorder.export_data": ("role-only: @administrator_only"),
	"frappe.recorder.get": ("role-only: @administrator_only"),
	"frappe.recorder.import_data": ("role-only: @administrator_only"),
	"frappe.recorder.start": ("role-only: @administrator_only"),
	"frappe.recorder.status": ("role-only: @administrator_only"),
	"frappe.recorder.stop": ("role-only: @administrator_only"),
	"frappe.sessions.clear": ("own: the session user's cache"),
	"frappe.sessions.get_boot_assets_json": ("metadata: the desk's asset paths"),
	"frappe.social.doctype.energy_point_log.energy_point_log.add_review_points": (
		"role-only: frappe.only_for('System Manager')"
	),
	"frappe.social.doctype.energy_point_log.energy_point_log.get_energy_points": (
		"accepted: a user's energy/review point totals, which every Desk User reads in Energy Point Log"
	),
	"frappe.social.doctype.energy_point_log.energy_point_log.get_user_energy_and_review_points": (
		"accepted: every user's point totals (raw SQL), which every Desk User reads in Energy Point Log"
	),
	"frappe.social.doctype.energy_point_log.energy_point_log.review": (
		"role-only: needs review points (get_energy_points(session user).review_points), given only by Energy Point Settings' review levels: none for the insurance roles"
	),
	"frappe.translate.get_translations": (
		"role-only: frappe.db.get_list('Translation') (System Manager only reads Translation)"
	),
	"frappe.translate.update_translations_for_source": (
		"role-only: doc.save()/frappe.delete_doc ask write/create/delete on Translation (System Manager)"
	),
	"frappe.twofactor.reset_otp_secret": ("own: another user's only with frappe.only_for('System Manager')"),
	"frappe.utils.backups.fetch_latest_backups": ("role-only: frappe.only_for('System Manager')"),
	"frappe.utils.backups.get_backup_encryption_key": ("role-only: frappe.only_for('System Manager')"),
	"frappe.utils.change_log.get_versions": ("metadata: the installed apps' versions"),
	"frappe.utils.change_log.show_update_popup": ("own: the session user's update notice"),
	"frappe.utils.change_log.update_last_known_versions": ("own: the session user's last known versions"),
	"frappe.utils.csvutils.send_csv_to_client": ("metadata: echoes the caller's data as CSV"),
	"frappe.utils.diff.get_version_diff": (
		"record-checked: frappe.get_list('Version') (System Manager's doctype: an agent reads none)"
	),
	"frappe.utils.pdf.is_wkhtmltopdf_valid": ("metadata: whether wkhtmltopdf is patched Qt"),
	"frappe.utils.print_format.report_to_pdf": (
		"accepted: renders only the HTML the caller sends (JS and local file access disabled, the cookie jar the caller's own session); wkhtmltopdf is not installed here (a 500)"
	),
	"frappe.utils.scheduler.activate_scheduler": ("role-only: frappe.only_for('Administrator')"),
	"frappe.utils.scheduler.get_scheduler_status": ("metadata: whether the scheduler runs"),
	"frappe.website.doctype.discussion_reply.discussion_reply.delete_message": (
		"own: deletes only when the reply's owner == frappe.session.user (delete_doc also asks delete)"
	),
	"frappe.website.doctype.web_form.web_form.delete": (
		"own: deletes only when the record's owner is the session user and the web form allows delete"
	),
	"frappe.website.doctype.web_form.web_form.delete_multiple": (
		"own: deletes only records whose owner is the session user (web form allow_delete)"
	),
	"frappe.website.doctype.web_page_view.web_page_view.get_page_view_count": (
		"accepted: frappe.db.count('Web Page View', path) unchecked: website page-view analytics, not records (the app has no website pages; 0 rows on the demo)"
	),
	"frappe.www.printview.get_rendered_raw_commands": (
		"record-checked: document.check_permission() (read); only raw-printing formats (none on this site)"
	),
	"frappe.www.third_party_apps.delete_client": (
		"own: OAuth Bearer Tokens filtered user = frappe.session.user"
	),
	"hrms.api.are_push_notifications_enabled": ("metadata: one Push Notification Settings flag"),
	"hrms.api.delete_attachment": (
		"record-checked: frappe.delete_doc('File', filename) asks the File's delete permission (and the app's File rule, permissions/files.py; agent001 may delete none of the demo's Files)"
	),
	"hrms.api.download_salary_slip": (
		"record-checked: frappe.utils.print_format.download_pdf: validate_print_permission(doc) of the Salary Slip (refused 417 for a colleague's)"
	),
	"hrms.api.get_advance_account": ("metadata: the company's default employee advance account"),
	"hrms.api.get_attendance_requests": ("record-checked: frappe.get_list('Attendance Request')"),
	"hrms.api.get_company_cost_center_and_expense_account": (
		"metadata: the company's cost center and expense claim payable account"
	),
	"hrms.api.get_company_currencies": ("metadata: each company's currency and symbol"),
	"hrms.api.get_currency_symbols": ("metadata: currency symbols"),
	"hrms.api.get_current_employee_info": ("own: the session user's Employee"),
	"hrms.api.get_current_user_info": ("own: the session's user and roles"),
	"hrms.api.get_expense_claim_types": ("metadata: the expense claim types"),
	"hrms.api.get_expense_claims": ("record-checked: frappe.get_list('Expense Claim')"),
	"hrms.api.get_expense_type_description": ("metadata: an Expense Claim Type's description"),
	"hrms.api.get_hr_settings": ("metadata: two HR Settings flags"),
	"hrms.api.get_leave_applications": (
		"record-checked: frappe.get_list('Leave Application') (probed: a colleague's: [])"
	),
	"hrms.api.get_shift_requests": ("record-checked: frappe.get_list('Shift Request')"),
	"hrms.api.get_unread_notifications_count": ("own: PWA Notifications to the session's user"),
	"hrms.api.mark_all_notifications_as_read": ("own: PWA Notifications to the session's user"),
	"hrms.api.roster.get_default_company": ("own: the session user's default company"),
	"hrms.hr.dashboard_chart_source.employees_by_age.employees_by_age.get_data": (
		"record-checked: frappe.db.get_list('Employee')"
	),
	"hrms.hr.dashboard_chart_source.hiring_vs_attrition_count.hiring_vs_attrition_count.get_data": (
		"record-checked: frappe.db.get_list('Employee') of the permitted date fields"
	),
	"hrms.hr.report.monthly_attendance_sheet.monthly_attendance_sheet.get_attendance_years": (
		"accepted: the years holding any attendance, for the report's filter (no record's data)"
	),
	"hrms.hr.utils.get_leave_period": (
		"metadata: the company's active Leave Periods over dates (0 on the demo)"
	),
	"hrms.hr.utils.get_monthly_earned_leave": ("metadata: computed from the numbers sent, reads nothing"),
	"hrms.hr.utils.set_geolocation_from_coordinates": (
		"metadata: sets a field on the object passed in, reads and stores nothing (by REST a text: an error)"
	),
	"hrms.payroll.report.provident_fund_deductions.provident_fund_deductions.get_years": (
		"accepted: the years holding any salary slip, for the report's filter (no record's data)"
	),
	"hrms.payroll.utils.get_payroll_settings_for_payment_days": ("metadata: four Payroll Settings flags"),
	"erpnext.accounts.custom.address.get_shipping_address": (
		"accepted: the company's own shipping address (Address rows marked as the company's), no party's"
	),
	"hrms.overrides.employee_master.get_retirement_date": (
		"metadata: the date sent plus HR Settings' retirement age"
	),
}


# the methods open to guests naming no doctype (helper-84; the module docstring)
REVIEWED_GUEST = {
	"erpnext.accounts.doctype.payment_request.payment_request.make_payment_request": (
		"accepted: reads the Sales/Purchase Order or Invoice named (dt/dn) unchecked and inserts/submits a Payment Request with ignore_permissions, answering party and amounts; the site has none of these documents (Guest and agents 403 via Frappe's handle_does_not_exist_error, probed) - latent, F11"
	),
	"erpnext.accounts.doctype.payment_request.payment_request.resend_payment_email": (
		"accepted: e-mails a Payment Request named to its own recipient, unchecked; the site has no Payment Request (403, probed) - latent, F11"
	),
	"erpnext.controllers.trends.get_period_date_ranges": (
		"metadata: a Fiscal Year's period boundaries (a fiscal year not found: a 500, F7)"
	),
	"erpnext.templates.pages.search_help.get_help_results_sections": (
		"public: searches the Support Settings' help sources; none configured (answers [], probed); a doctype source would be a global search of it for guests (F12)"
	),
	"frappe.client.get_time_zone": ("metadata: the site's default time zone"),
	"frappe.core.api.file.get_max_file_size": ("metadata: the site's maximum upload size"),
	"frappe.core.doctype.communication.email.mark_email_as_seen": (
		"accepted: the read-receipt pixel: marks the Communication named read (after the response, no answer either way); names are random hashes and the site has none - F10"
	),
	"frappe.core.doctype.user.user.reset_password": (
		"accepted: the forgot-password flow: sets the named user's reset key and mails it to that user only; answers 404 'not found' / 'disabled' / 'not allowed' (a user-existence oracle, rate-limited, F6)"
	),
	"frappe.core.doctype.user.user.sign_up": (
		"public: website sign-up; disabled on the site (417, probed); enabled, it would tell registered/disabled addresses apart"
	),
	"frappe.core.doctype.user.user.test_password_strength": (
		"metadata: scores the password sent (reads the session user's own name fields as hints)"
	),
	"frappe.core.doctype.user.user.update_password": (
		"own: sets the password of the user of a valid reset key or old password (410 for a bad key, probed)"
	),
	"frappe.desk.desk_page.getpage": (
		"metadata: a Page's assets when Page.is_permitted (its roles): the app's pages refuse Guest (403), Frappe's role-less 'leaderboard' page is served (code only, probed)"
	),
	"frappe.email.doctype.newsletter.newsletter.confirm_subscription": (
		"public: signed link (verify_request): adds the signed e-mail to an Email Group"
	),
	"frappe.email.doctype.newsletter.newsletter.subscribe": (
		"public: mails a signed confirmation link to the address sent (rate-limited 10/h); reads an Email Group's template name only"
	),
	"frappe.geo.country_info.get_country_timezone_info": ("metadata: Frappe's country and time-zone table"),
	"frappe.handler.download_file": (
		"record-checked: File found by its URL, File.is_downloadable (File permission), plus the app's files.check_request (Guest 403, probed)"
	),
	"frappe.handler.logout": ("own: ends the caller's own session"),
	"frappe.handler.web_logout": ("own: ends the caller's own session"),
	"frappe.integrations.doctype.connected_app.connected_app.callback": (
		"own: OAuth callback of the session user's own Token Cache (Guest redirected to login, probed)"
	),
	"frappe.integrations.doctype.ldap_settings.ldap_settings.login": (
		"public: LDAP sign-in; LDAP disabled on the site (417, probed)"
	),
	"frappe.integrations.oauth2.authorize": (
		"own: OAuth consent of the session user (Guest redirected to login, probed)"
	),
	"frappe.integrations.oauth2.get_token": (
		"public: OAuth token endpoint (client credentials/code required; 400, probed)"
	),
	"frappe.integrations.oauth2.introspect_token": (
		"public: answers a bearer token's status and its own user's profile only to whoever holds the token (active false, probed)"
	),
	"frappe.integrations.oauth2.openid_configuration": ("metadata: the OpenID discovery document"),
	"frappe.integrations.oauth2.revoke_token": ("public: revokes the token sent (holder only)"),
	"frappe.integrations.oauth2_logins.custom": (
		"public: social-login callback of a Social Login Key named by path; the site has none"
	),
	"frappe.integrations.oauth2_logins.login_via_facebook": (
		"public: social-login callback; no Social Login Key configured"
	),
	"frappe.integrations.oauth2_logins.login_via_fairlogin": (
		"public: social-login callback; no Social Login Key configured"
	),
	"frappe.integrations.oauth2_logins.login_via_frappe": (
		"public: social-login callback; no Social Login Key configured"
	),
	"frappe.integrations.oauth2_logins.login_via_github": (
		"public: social-login callback; no Social Login Key configured (401, probed)"
	),
	"frappe.integrations.oauth2_logins.login_via_google": (
		"public: social-login callback; no Social Login Key configured"
	),
	"frappe.integrations.oauth2_logins.login_via_keycloak": (
		"public: social-login callback; no Social Login Key configured"
	),
	"frappe.integrations.oauth2_logins.login_via_office365": (
		"public: social-login callback; no Social Login Key configured"
	),
	"frappe.integrations.oauth2_logins.login_via_salesforce": (
		"public: social-login callback; no Social Login Key configured"
	),
	"frappe.ping": ("metadata: answers 'pong'"),
	"frappe.push_notification.auth_webhook": (
		"public: the push relay's registration token from the cache (none: 401, probed)"
	),
	"frappe.realtime.get_user_info": ("own: the session user's name and user type"),
	"frappe.search.web_search": (
		"public: the website routes' full-text index (published pages only; [] probed)"
	),
	"frappe.translate.get_all_languages": ("metadata: enabled Language codes"),
	"frappe.translate.get_app_translations": (
		"metadata: translations of the caller's (or the site's) language"
	),
	"frappe.utils.global_search.web_search": (
		"public: __global_search rows with published=1 only (web-published pages; the site has none, probed)"
	),
	"frappe.website.doctype.help_article.help_article.add_feedback": (
		"public: increments a Help Article's helpful/not-helpful counter (rate-limited 5/h); the site has no Help Article"
	),
	"frappe.website.doctype.personal_data_deletion_request.personal_data_deletion_request.confirm_deletion": (
		"public: signed link (verify_request) moving the signed request to Pending Approval (unsigned: 'Invalid link', probed)"
	),
	"frappe.website.doctype.web_form.web_form.accept": (
		"public: saves a published Web Form's own doctype (Job Applicant and data requests for guests; Issue, Task, Address, own User profile when logged in): inserts with ignore_permissions, edits only with owner/website/document permission (another user's profile: 403, probed)"
	),
	"frappe.website.doctype.web_form.web_form.get_web_form_filters": (
		"metadata: a Web Form's filter fields (its definition)"
	),
	"frappe.website.doctype.web_page_view.web_page_view.make_view_log": (
		"public: inserts a Web Page View of the referring page; tracking disabled on the site (nothing written)"
	),
	"frappe.website.doctype.website_settings.website_settings.get_auto_account_deletion": (
		"metadata: Website Settings' account-deletion delay"
	),
	"frappe.www.login.login_via_key": ("public: one-time login key from the cache (invalid: 403, probed)"),
	"frappe.www.login.login_via_token": ("public: login token from the cache (invalid: 417, probed)"),
	"frappe.www.login.send_login_link": (
		"accepted: e-mails a one-time login link to the user's own address (login by e-mail link is on); 404 'User ... does not exist' for an unknown address: a user-existence oracle, rate-limited (F6)"
	),
	"frappe.www.search.get_search_results": (
		"public: frappe.utils.global_search.web_search (published rows only) with previews"
	),
	"hrms.api.oauth.oauth_providers": (
		"metadata: enabled Social Login Keys' names, icons and authorize URLs (none)"
	),
	"hrms.utils.get_country": (
		"public: looks up the caller's IP at ip-api.com (key None); no network: a 500 (F7)"
	),
	"hrms.www.hrms.get_context_for_dev": ("own: the session's boot, developer mode only (off: 417, probed)"),
}
