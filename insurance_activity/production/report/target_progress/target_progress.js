// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Target Progress"] = {
	filters: [
		{ fieldname: "fiscal_year", label: __("Fiscal Year"), fieldtype: "Link", options: "Fiscal Year" },
		{
			fieldname: "target_level",
			label: __("Level"),
			fieldtype: "Select",
			options: ["", "Company", "Branch", "Office", "Team", "Agent"],
		},
		{ fieldname: "on", label: __("As On"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
