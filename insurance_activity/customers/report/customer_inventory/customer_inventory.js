// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Customer Inventory"] = {
	filters: [
		insurance_activity.report_filters.group_by(),
		{ fieldname: "on", label: __("Week Ending"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
