// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

// The filters and cell formats the app's script reports share (Daily Activity, Callback Verification
// Rates, Meeting Compliance, Conduct Incidents, Customer Inventory and the Analytics reports), written once. Loaded with the desk (hooks.py
// app_include_js), so it is there before Frappe evaluates a report's own script.
frappe.provide("insurance_activity.report_filters");

Object.assign(insurance_activity.report_filters, {
	/** From and To dates, both required; the range ends today and starts at `from_default`. */
	date_range({ from_label = __("From Date"), to_label = __("To Date"), from_default } = {}) {
		return [
			{
				fieldname: "from_date",
				label: from_label,
				fieldtype: "Date",
				reqd: 1,
				default: from_default,
			},
			{
				fieldname: "to_date",
				label: to_label,
				fieldtype: "Date",
				reqd: 1,
				default: frappe.datetime.get_today(),
			},
		];
	},

	/** One row per agent (营销员), team (团队, a supervisor's) or office (营业室). */
	group_by() {
		return {
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			reqd: 1,
			options: [
				{ value: "Agent", label: __("Agent") },
				{ value: "Team", label: __("Team") },
				// a sales office (营业室), not Frappe's own "Office" (an address type, 办公室)
				{ value: "Office", label: __("Office", null, "Department") },
			],
			default: "Agent",
		};
	},

	/** A month, given as any day of it (the reports read the month of the date); this month by default. */
	month_of() {
		return {
			fieldname: "month_of",
			label: __("Month Of"),
			fieldtype: "Date",
			reqd: 1,
			default: frappe.datetime.month_start(),
			description: __("Any day of the month to show"),
		};
	},

	/** A sales unit (a Department marked with one of `levels`: office 营业室, branch 分公司). */
	office({ label = __("Office", null, "Department"), levels = ["Office", "Branch"] } = {}) {
		return {
			fieldname: "office",
			label: label,
			fieldtype: "Link",
			options: "Department",
			get_query: () => ({ filters: { ia_unit_level: ["in", levels] } }),
		};
	},

	/** A team (团队): the supervisor whose reporting subtree to show. */
	supervisor() {
		return { fieldname: "supervisor", label: __("Supervisor"), fieldtype: "Link", options: "Employee" };
	},

	/** A "unit" cell as a link to its record: a Department when grouped by office, else an Employee. */
	unit_link(data) {
		const group_by = frappe.query_report.get_filter_value("group_by");
		return frappe.utils.get_form_link(group_by === "Office" ? "Department" : "Employee", data.unit, true);
	},

	/** A rate whose base is 0 has nothing to measure: "—", not 0%. */
	nothing_to_measure() {
		return `<span class="text-muted" title="${__("Nothing to measure")}">—</span>`;
	},
});
