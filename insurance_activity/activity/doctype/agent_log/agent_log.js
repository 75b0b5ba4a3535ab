// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

const PARTY_TYPES = ["Lead", "Customer", "Prospect", "Opportunity", "Contact"];

frappe.ui.form.on("Agent Log", {
	setup(frm) {
		frm.set_query("party_type", "activities", () => ({
			filters: { name: ["in", PARTY_TYPES] },
		}));
		const direct_reports = () => ({ filters: { reports_to: frm.doc.agent, status: "Active" } });
		frm.set_query("report", "tracking_calls", direct_reports);
		frm.set_query("coaching_report", direct_reports);
		frm.set_query("spot_check_log", () => ({
			filters: { supervisor: frm.doc.agent, docstatus: ["<", 2] },
		}));
	},

	refresh(frm) {
		if (frm.is_new()) return;
		const met = frm.doc.standard_met;
		frm.dashboard.clear_headline();
		frm.dashboard.set_headline_alert(
			met
				? __("Standard met for {0}", [frappe.datetime.str_to_user(frm.doc.log_date)])
				: __("Still missing: {0}", [(frm.doc.shortfall_summary || "").replace(/\n/g, "; ")]),
			met ? "green" : "orange"
		);
	},
});
