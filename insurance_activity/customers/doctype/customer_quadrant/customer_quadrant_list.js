// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.listview_settings["Customer Quadrant"] = {
	// the agent's "my customers": sorted by the next action's due date, the most urgent first (doctype sort)
	onload(listview) {
		if (!(frappe.user.has_role("Activity Admin") || frappe.user.has_role("System Manager"))) return;
		listview.page.add_inner_button(__("Recompute All Customers"), () =>
			frappe.call({
				method: "insurance_activity.customers.quadrants.recompute_all",
				freeze: true,
				callback: (r) => {
					frappe.msgprint(
						__("{0} customers recomputed, {1} moved.", [r.message.touched, r.message.moved])
					);
					listview.refresh();
				},
			})
		);
	},
};
