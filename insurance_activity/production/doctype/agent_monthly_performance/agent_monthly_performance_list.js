// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.listview_settings["Agent Monthly Performance"] = {
	onload(listview) {
		if (!frappe.user.has_role(["Activity Admin", "System Manager"])) return;
		listview.page.add_inner_button(__("Recompute a Month"), () => {
			frappe.prompt(
				[
					{ fieldname: "month", fieldtype: "Date", label: __("Any Day of the Month"), reqd: 1, default: frappe.datetime.get_today() },
					{ fieldname: "reevaluate_tiers", fieldtype: "Check", label: __("Re-evaluate Tiers Too") },
				],
				(values) => {
					const day = frappe.datetime.str_to_obj(values.month);
					frappe
						.call("insurance_activity.api.production.recompute", {
							year: day.getFullYear(),
							month: day.getMonth() + 1,
							reevaluate_tiers: values.reevaluate_tiers,
						})
						.then(() => {
							frappe.show_alert({ message: __("Recomputed"), indicator: "green" });
							listview.refresh();
						});
				},
				__("Recompute Production Figures")
			);
		});
	},
};
