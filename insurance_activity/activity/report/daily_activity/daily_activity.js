// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Daily Activity"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.add_days(frappe.datetime.get_today(), -6),
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
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
			fieldname: "office",
			label: __("Office"),
			fieldtype: "Link",
			options: "Department",
			get_query: () => ({ filters: { ia_unit_level: ["in", ["Office", "Branch"]] } }),
		},
		{
			fieldname: "supervisor",
			label: __("Supervisor"),
			fieldtype: "Link",
			options: "Employee",
		},
	],

	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "unit" && data && data.unit) {
			const group_by = frappe.query_report.get_filter_value("group_by");
			const doctype = group_by === "Office" ? "Department" : "Employee";
			return frappe.utils.get_form_link(doctype, data.unit, true);
		}
		// a rate whose base is 0 (no target, no working day) has nothing to measure: "—", not 0% in red
		const is_rate =
			column.fieldname.endsWith("_attainment") || column.fieldname === "met_share";
		if (is_rate && data && data[column.fieldname] == null) {
			return `<span class="text-muted" title="${__("Nothing to measure")}">—</span>`;
		}
		value = default_formatter(value, row, column, data);
		if (is_rate && data) {
			const color = data[column.fieldname] >= 100 ? "green" : "red";
			value = `<span style="color: var(--${color}-600)">${value}</span>`;
		}
		return value;
	},
};
