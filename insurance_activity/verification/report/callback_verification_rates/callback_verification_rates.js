// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Callback Verification Rates"] = {
	filters: [
		...insurance_activity.report_filters.date_range({
			from_label: __("Visits From"),
			to_label: __("Visits To"),
			from_default: frappe.datetime.month_start(),
		}),
		insurance_activity.report_filters.group_by(),
		{
			fieldname: "period",
			label: __("Period"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("Whole Range") },
				{ value: "Day", label: __("Day") },
				{ value: "Business Week", label: __("Business Week") },
				{ value: "Month", label: __("Month") },
			],
		},
		insurance_activity.report_filters.office(),
		{
			fieldname: "source",
			label: __("Source"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Company Sampling", label: __("Company Sampling") },
				{ value: "Supervisor Spot-check", label: __("Supervisor Spot-check") },
				{ value: "Manual", label: __("Manual") },
			],
		},
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "unit" && data && data.unit) {
			return insurance_activity.report_filters.unit_link(data);
		}
		// a rate with no closed check has nothing to measure: "—", not 0%
		if (column.fieldname.endsWith("_rate") && data && data[column.fieldname] == null) {
			return insurance_activity.report_filters.nothing_to_measure();
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "failure_rate" && data && data.failure_rate) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
