// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Customer Inventory"] = {
	filters: [
		insurance_activity.report_filters.group_by(),
		{ fieldname: "on", label: __("Week Ending"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "unit" && data && data.unit) {
			return insurance_activity.report_filters.unit_link(data);
		}
		return default_formatter(value, row, column, data);
	},
};
