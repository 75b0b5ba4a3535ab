// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.listview_settings["Meeting Session"] = {
	add_fields: ["status", "quality_check_complete", "quality_passed"],
	get_indicator(doc) {
		const colors = {
			Scheduled: "blue",
			"In Progress": "orange",
			Held: "green",
			"Not Held": "red",
		};
		if (doc.status === "Held" && doc.quality_check_complete) {
			return doc.quality_passed
				? [__("Passed"), "green", "quality_passed,=,1"]
				: [__("Failed Quality Check"), "red", "quality_passed,=,0"];
		}
		return [__(doc.status), colors[doc.status] || "gray", "status,=," + doc.status];
	},
};
