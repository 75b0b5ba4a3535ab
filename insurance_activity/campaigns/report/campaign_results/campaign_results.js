// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Campaign Results"] = {
	filters: [
		...insurance_activity.report_filters.date_range({
			from_default: frappe.datetime.add_months(frappe.datetime.get_today(), -3),
		}),
		insurance_activity.report_filters.office(),
		{
			fieldname: "kind",
			label: __("Campaign Kind"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				...["Warming Platform", "Value Customer Event", "High Potential Event", "Visiting Theme", "Points Contest"].map(
					(value) => ({ value, label: __(value) })
				),
			],
		},
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			reqd: 1,
			options: [
				{ value: "Campaign", label: __("Campaign") },
				{ value: "Office", label: __("Office", null, "Department") },
				{ value: "Kind", label: __("Campaign Kind") },
			],
			default: "Campaign",
		},
	],
};
