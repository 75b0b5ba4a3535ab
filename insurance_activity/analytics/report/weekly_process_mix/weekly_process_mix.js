// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Weekly Process Mix"] = {
	filters: [
		{
			fieldname: "week_of",
			label: __("Week Of"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
			description: __("Any day of the business week (经营周) to show"),
		},
		insurance_activity.report_filters.office(),
		insurance_activity.report_filters.supervisor(),
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "agent" && data && data.agent) {
			return frappe.utils.get_form_link("Employee", data.agent, true);
		}
		// no activity in the week: nothing to measure, "—" rather than 0%
		const is_rate = column.fieldname === "mix_distance" || column.fieldname.endsWith("_share");
		if (is_rate && data && data[column.fieldname] == null) {
			return insurance_activity.report_filters.nothing_to_measure();
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "one_kind_only" && data && data.one_kind_only) {
			value = `<span style="color: var(--red-600)" title="${__("One Kind Only")}">${value}</span>`;
		}
		return value;
	},
};
