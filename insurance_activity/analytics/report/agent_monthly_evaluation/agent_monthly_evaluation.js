// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Agent Monthly Evaluation"] = {
	filters: [
		insurance_activity.report_filters.month_of(),
		insurance_activity.report_filters.office(),
		insurance_activity.report_filters.supervisor(),
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "agent" && data && data.agent) {
			return frappe.utils.get_form_link("Employee", data.agent, true);
		}
		// no working day, or no meeting to attend: nothing to measure, "—" rather than 0 or "not met"
		const measured = {
			activity_standard: "activity_met",
			activity_met: "activity_met",
			attendance_rate: "attendance_met",
			attendance_met: "attendance_met",
		};
		if (data && measured[column.fieldname] && data[measured[column.fieldname]] == null) {
			return insurance_activity.report_filters.nothing_to_measure();
		}
		if (data && column.fieldname.endsWith("_met") && data[column.fieldname] != null) {
			const met = data[column.fieldname];
			return `<span style="color: var(--${met ? "green" : "red"}-600)">${
				met ? __("Met") : __("Not Met")
			}</span>`;
		}
		return default_formatter(value, row, column, data);
	},
};
