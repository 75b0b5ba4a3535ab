// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Conduct Incidents"] = {
	filters: [
		...insurance_activity.report_filters.date_range({
			from_default: frappe.datetime.add_months(frappe.datetime.get_today(), -1),
		}),
		insurance_activity.report_filters.office({ levels: ["Office"] }),
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "agent" && data && data.agent) {
			return frappe.utils.get_form_link("Employee", data.agent, true);
		}
		return default_formatter(value, row, column, data);
	},
};
