// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.ui.form.on("Production Target", {
	refresh(frm) {
		render_progress(frm);
		if (!frm.is_new() && frm.doc.target_level !== "Agent") {
			frm.add_custom_button(__("Split Target"), () => split_dialog(frm));
		}
	},
});

function render_progress(frm) {
	const rows = (frm.doc.__onload && frm.doc.__onload.progress) || [];
	const wrapper = frm.get_field("progress_html").$wrapper;
	if (!rows.length) {
		wrapper.html(`<p class="text-muted">${__("No month of this fiscal year has started yet.")}</p>`);
		return;
	}
	const fmt = (row, value) => (row.is_amount ? format_currency(value) : format_number(value, null, 0));
	const body = rows
		.map(
			(row) => `<tr>
				<td>${frappe.utils.escape_html(row.label)}</td>
				<td class="text-right">${fmt(row, row.target)}</td>
				<td class="text-right">${fmt(row, row.actual)}</td>
				<td class="text-right ${row.gap > 0 ? "text-danger" : "text-success"}">${fmt(row, row.gap)}</td>
			</tr>`,
		)
		.join("");
	wrapper.html(`<table class="table table-bordered table-sm">
		<thead><tr><th>${__("Target")}</th><th class="text-right">${__("Target to Date")}</th>
		<th class="text-right">${__("Actual to Date")}</th><th class="text-right">${__("Gap")}</th></tr></thead>
		<tbody>${body}</tbody></table>`);
}

function split_dialog(frm) {
	frm.call("get_split_proposal").then(({ message }) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Split across: {0}", [__(message.level)]),
			fields: [
				{
					fieldname: "rows",
					fieldtype: "Table",
					label: __("Weights"),
					cannot_add_rows: false,
					in_place_edit: true,
					data: message.rows,
					fields: [
						{
							fieldname: "child",
							fieldtype: "Data",
							label: __("Unit or Employee"),
							in_list_view: 1,
							reqd: 1,
						},
						{
							fieldname: "label",
							fieldtype: "Data",
							label: __("Name"),
							in_list_view: 1,
							read_only: 1,
						},
						{
							fieldname: "weight",
							fieldtype: "Float",
							label: __("Weight"),
							in_list_view: 1,
							reqd: 1,
						},
					],
				},
			],
			primary_action_label: __("Split"),
			primary_action(values) {
				const weights = {};
				(values.rows || []).forEach((row) => (weights[row.child] = row.weight));
				frm.call("split_across", { weights }).then(({ message: names }) => {
					dialog.hide();
					frappe.show_alert({
						message: __("{0} targets set", [names.length]),
						indicator: "green",
					});
					frappe.set_route("List", "Production Target", { parent_target: frm.doc.name });
				});
			},
		});
		dialog.show();
	});
}
