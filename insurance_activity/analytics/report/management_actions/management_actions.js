// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Management Actions"] = {
	filters: [
		insurance_activity.report_filters.month_of(),
		insurance_activity.report_filters.office(),
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "office" && data && data.office) {
			return frappe.utils.get_form_link("Department", data.office, true);
		}
		if (column.fieldname === "compliance" && data && data.compliance == null) {
			return insurance_activity.report_filters.nothing_to_measure();
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "gaps" && data && data.gaps) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
