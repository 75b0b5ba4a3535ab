// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Customer Inventory"] = {
	filters: [
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: ["Agent", "Team", "Office"],
			default: "Agent",
		},
		{ fieldname: "on", label: __("Week Ending"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
