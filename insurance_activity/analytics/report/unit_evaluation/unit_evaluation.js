// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Unit Evaluation"] = {
	filters: [
		insurance_activity.report_filters.month_of(),
		insurance_activity.report_filters.office(),
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "unit" && data && data.unit) {
			return frappe.utils.get_form_link("Department", data.unit, true);
		}
		const is_metric = [
			"activity_per_capita",
			"has_sale_rate",
			"cases_per_capita",
			"attendance_rate",
			"complaints_per_capita",
			"failure_rate",
		].includes(column.fieldname);
		if (is_metric && data && data[column.fieldname] == null) {
			return insurance_activity.report_filters.nothing_to_measure();
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "below_on" && data && data.below_on) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
