// Process Mix This Week: counted for the user who asks (insurance_activity.analytics.figures.process_mix), never from a shared cache
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Process Mix This Week"] = {
	method: "insurance_activity.analytics.figures.process_mix",
	filters: [],
};
