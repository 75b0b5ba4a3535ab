// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Callback Officer Workload"] = {
	filters: [
		{
			fieldname: "date",
			label: __("Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
	],
};
