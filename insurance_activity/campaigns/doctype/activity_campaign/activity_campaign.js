// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.ui.form.on("Activity Campaign", {
	setup(frm) {
		frm.set_query("office", "offices", () => ({ filters: { ia_unit_level: "Office" } }));
	},

	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Campaign Results"), () =>
				frappe.set_route("query-report", "Campaign Results", {
					from_date: frm.doc.from_date,
					to_date: frm.doc.to_date,
					kind: frm.doc.kind,
				})
			);
		}
	},
});
