// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Meeting Compliance"] = {
	filters: [
		{
			fieldname: "month",
			label: __("Month"),
			fieldtype: "Select",
			reqd: 1,
			options: [
				{ value: 1, label: __("Jan") },
				{ value: 2, label: __("Feb") },
				{ value: 3, label: __("Mar") },
				{ value: 4, label: __("Apr") },
				{ value: 5, label: __("May") },
				{ value: 6, label: __("June") },
				{ value: 7, label: __("July") },
				{ value: 8, label: __("Aug") },
				{ value: 9, label: __("Sep") },
				{ value: 10, label: __("Oct") },
				{ value: 11, label: __("Nov") },
				{ value: 12, label: __("Dec") },
			],
			default: frappe.datetime.str_to_obj(frappe.datetime.get_today()).getMonth() + 1,
		},
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			reqd: 1,
			default: frappe.datetime.str_to_obj(frappe.datetime.get_today()).getFullYear(),
		},
		insurance_activity.report_filters.office({ label: __("Office or Branch") }),
		{
			fieldname: "meeting_type",
			label: __("Meeting Type"),
			fieldtype: "Link",
			options: "Meeting Type",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		// a rate whose base is 0 (no meeting held, none checked) has nothing to measure: "—", not 0%
		const is_rate = ["attendance_rate", "pass_rate", "average_score"].includes(column.fieldname);
		if (is_rate && data && data[column.fieldname] == null) {
			return insurance_activity.report_filters.nothing_to_measure();
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "office" && data && !data.covered && data.rule_meetings) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
