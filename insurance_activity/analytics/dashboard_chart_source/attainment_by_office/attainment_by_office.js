// Attainment by Office: counted for the user who asks (insurance_activity.analytics.figures.attainment_by_office), never from a shared cache
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Attainment by Office"] = {
	method: "insurance_activity.analytics.figures.attainment_by_office",
	filters: [],
};
