// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Activity Calendar"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.month_start(),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.month_end(frappe.datetime.add_months(frappe.datetime.get_today(), 2)),
		},
		insurance_activity.report_filters.office(),
	],

	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "missing_platforms" && data && data.missing_platform) {
			return `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
