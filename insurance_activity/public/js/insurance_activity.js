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
