// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

// Seeded names stored in English (agenda sections, rubric criteria, KPI metrics) show in the user's
// language: a Data field marked "translatable" is shown through the translations (context: its doctype).
(() => {
	const show_data = frappe.form.formatters.Data;
	frappe.form.formatters.Data = function (value, df, ...rest) {
		if (df && df.translatable && typeof value === "string" && value) {
			value = __(value, null, df.parent);
		}
		return show_data.call(this, value, df, ...rest);
	};
})();

// A table on a phone: Frappe lays a grid out 738 px wide and clips it to the screen, so the columns after the
// first two are cut off. The app's forms are marked here; insurance_activity.css lets their grids take the
// screen's width instead (the phone-fit test walks every form of the app at 390 px).
$(document).on("form-refresh", (e, frm) => {
	const app = (frappe.boot.module_app || {})[frappe.scrub(frm.meta.module || "")];
	frm.page.wrapper.toggleClass("ia-app-form", app === "insurance_activity");
});

// A list's filter on a Select field (a Conduct Incident's status) shows the options in the doctype's own sense,
// as its form does: Frappe's form translates a Select's options with the doctype as their context, a list's
// standard filters without it, so a Conduct Incident's Active read 活动 ("activity") in the filter and 有效
// on the form. The app's lists get their doctype as the context.
(() => {
	const setup_filter_area = frappe.views.BaseList.prototype.setup_filter_area;
	frappe.views.BaseList.prototype.setup_filter_area = function (...args) {
		const result = setup_filter_area.apply(this, args);
		const module = frappe.scrub((frappe.get_meta(this.doctype) || {}).module || "");
		if ((frappe.boot.module_app || {})[module] === "insurance_activity") {
			Object.values(this.page.fields_dict || {}).forEach((control) => {
				if (control.df.fieldtype === "Select" && !control.df.context && control.set_options) {
					control.df.context = this.doctype;
					control.last_options = null;
					control.set_options(control.get_value());
				}
			});
		}
		return result;
	};
})();
