// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Daily Activity"] = {
	filters: [
		...insurance_activity.report_filters.date_range({
			from_default: frappe.datetime.add_days(frappe.datetime.get_today(), -6),
		}),
		insurance_activity.report_filters.group_by(),
		insurance_activity.report_filters.office(),
		insurance_activity.report_filters.supervisor(),
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "unit" && data && data.unit) {
			return insurance_activity.report_filters.unit_link(data);
		}
		// a rate whose base is 0 (no target, no working day) has nothing to measure: "—", not 0% in red
		const is_rate = column.fieldname.endsWith("_attainment") || column.fieldname === "met_share";
		if (is_rate && data && data[column.fieldname] == null) {
			return insurance_activity.report_filters.nothing_to_measure();
		}
		value = default_formatter(value, row, column, data);
		if (is_rate && data) {
			const color = data[column.fieldname] >= 100 ? "green" : "red";
			value = `<span style="color: var(--${color}-600)">${value}</span>`;
		}
		return value;
	},
};
