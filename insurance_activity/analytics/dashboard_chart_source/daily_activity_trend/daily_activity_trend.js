// Daily Activity Trend: counted for the user who asks (insurance_activity.analytics.figures.daily_activities), never from a shared cache
frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Daily Activity Trend"] = {
	method: "insurance_activity.analytics.figures.daily_activities",
	filters: [],
};
