// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.listview_settings["Conduct Incident"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colors = { Active: "red", "Under Appeal": "orange", "Reversed on Appeal": "green" };
		// "Active" in the incident's own sense (有效), not Frappe's generic one (活动, which reads as "activity" here)
		return [
			__(doc.status, null, "Conduct Incident"),
			colors[doc.status] || "gray",
			`status,=,${doc.status}`,
		];
	},
};
