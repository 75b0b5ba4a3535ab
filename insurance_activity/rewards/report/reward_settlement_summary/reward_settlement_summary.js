// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.query_reports["Reward Settlement Summary"] = {
	filters: [
		{ fieldname: "contest", label: __("Points Contest"), fieldtype: "Link", options: "Points Contest" },
		insurance_activity.report_filters.office(),
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			reqd: 1,
			options: [
				{ value: "Contest", label: __("Points Contest") },
				{ value: "Office", label: __("Office", null, "Department") },
				{ value: "Agent", label: __("Agent") },
			],
			default: "Contest",
		},
	],
};
