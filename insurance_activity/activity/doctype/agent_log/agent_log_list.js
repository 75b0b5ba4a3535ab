// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.listview_settings["Agent Log"] = {
	add_fields: ["standard_met", "is_working_day", "docstatus", "log_date"],
	formatters: {
		// a phone shows only the title column: the day goes beside the agent's name there
		agent_name(value, df, doc) {
			if (!doc.log_date || !window.matchMedia("(max-width: 767.98px)").matches) return value;
			return `${value || doc.agent || ""} · ${frappe.datetime.str_to_user(doc.log_date)}`;
		},
	},
	get_indicator(doc) {
		if (doc.docstatus === 2) return [__("Cancelled"), "red", "docstatus,=,2"];
		if (!doc.is_working_day) return [__("Non-working Day"), "gray", "is_working_day,=,0"];
		return doc.standard_met
			? [__("Standard Met"), "green", "standard_met,=,1"]
			: [__("Short"), "orange", "standard_met,=,0"];
	},
};
