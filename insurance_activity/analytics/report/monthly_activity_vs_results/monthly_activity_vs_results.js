// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Monthly Activity vs Results"] = {
	filters: [
		insurance_activity.report_filters.month_of(),
		insurance_activity.report_filters.office(),
		insurance_activity.report_filters.supervisor(),
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "agent" && data && data.agent) {
			return frappe.utils.get_form_link("Employee", data.agent, true);
		}
		// no working day in the month: nothing to measure, "—" rather than 0
		if (column.fieldname === "activity_per_day" && data && data.activity_per_day == null) {
			return insurance_activity.report_filters.nothing_to_measure();
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "activity_group" && data && data.group_key) {
			const colors = {
				"Role Model": "green",
				"Coach Skills": "orange",
				"Low Activity, High Results": "blue",
				"Coach Habits": "red",
			};
			value = `<span style="color: var(--${colors[data.group_key]}-600)">${value}</span>`;
		}
		return value;
	},
};
