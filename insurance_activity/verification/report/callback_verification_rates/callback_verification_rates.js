// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Callback Verification Rates"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("Visits From"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.month_start(),
		},
		{
			fieldname: "to_date",
			label: __("Visits To"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.get_today(),
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			reqd: 1,
			options: [
				{ value: "Agent", label: __("Agent") },
				{ value: "Team", label: __("Team") },
				{ value: "Office", label: __("Office") },
			],
			default: "Agent",
		},
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
		{
			fieldname: "office",
			label: __("Office"),
			fieldtype: "Link",
			options: "Department",
			get_query: () => ({ filters: { ia_unit_level: ["in", ["Office", "Branch"]] } }),
		},
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
			const group_by = frappe.query_report.get_filter_value("group_by");
			return frappe.utils.get_form_link(group_by === "Office" ? "Department" : "Employee", data.unit, true);
		}
		// a rate with no closed check has nothing to measure: "—", not 0%
		if (column.fieldname.endsWith("_rate") && data && data[column.fieldname] == null) {
			return `<span class="text-muted" title="${__("Nothing to measure")}">—</span>`;
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "failure_rate" && data && data.failure_rate) {
			value = `<span style="color: var(--red-600)">${value}</span>`;
		}
		return value;
	},
};
