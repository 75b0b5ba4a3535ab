// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Conduct Incidents"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -1),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "office",
			label: __("Office"),
			fieldtype: "Link",
			options: "Department",
			get_query: () => ({ filters: { ia_unit_level: "Office" } }),
		},
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "agent" && data && data.agent) {
			return frappe.utils.get_form_link("Employee", data.agent, true);
		}
		return default_formatter(value, row, column, data);
	},
};
