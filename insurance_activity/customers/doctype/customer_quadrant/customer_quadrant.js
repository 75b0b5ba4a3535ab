// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.ui.form.on("Customer Quadrant", {
	refresh(frm) {
		// the navigator's next action (客经导航仪) on top of the form, red once overdue
		if (!frm.doc.next_action) return;
		const due = frm.doc.next_action_due;
		const overdue = due && due < frappe.datetime.get_today();
		const when = due ? " " + __("Due {0}", [frappe.datetime.str_to_user(due)]) : "";
		frm.set_intro(__("Next action: {0}", [__(frm.doc.next_action)]) + when, overdue ? "red" : "blue");
	},
});
