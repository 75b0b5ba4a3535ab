// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

// The activity calendar (行事历): the campaigns the reader may see, over their period (Frappe's calendar
// view reads them with frappe.get_list, so the one permission rule applies).
frappe.views.calendar["Activity Campaign"] = {
	field_map: {
		start: "from_date",
		end: "to_date",
		id: "name",
		title: "campaign_name",
		allDay: "all_day", // no such field: every campaign is a whole-day event
	},
	filters: [
		{ fieldtype: "Select", fieldname: "kind", label: __("Campaign Kind"), options: [
			"", "Warming Platform", "Value Customer Event", "High Potential Event", "Visiting Theme", "Points Contest",
		].map((value) => ({ value, label: value ? __(value) : "" })) },
	],
};
