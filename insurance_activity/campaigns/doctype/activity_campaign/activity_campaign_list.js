// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.listview_settings["Activity Campaign"] = {
	add_fields: ["status", "kind"],
	get_indicator(doc) {
		const colour = { Draft: "orange", Published: "green", Cancelled: "red" }[doc.status] || "gray";
		return [__(doc.status, null, "Activity Campaign"), colour, "status,=," + doc.status];
	},
};
