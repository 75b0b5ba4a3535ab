// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.listview_settings["Conduct Incident"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = { Active: "red", "Under Appeal": "orange", "Reversed on Appeal": "green" };
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
