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
	"frappe.utils.print_format.print_by_server": (
		"record-checked: printview validates print permission (needs pycups)"
	),
	"frappe.utils.weasyprint.download_pdf": ("record-checked: doc.check_permission('print')"),
	"frappe.website.doctype.web_form.web_form.get_form_data": (
		"record-checked: web_form.has_web_form_permission(read)"
	),
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
		"accepted: HRMS's approval chain: the employees reporting to an approver (names); no record of the app, reviewed as low (helper-70)"
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
