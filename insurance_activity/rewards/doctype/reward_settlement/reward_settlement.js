// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

// Reward Settlement (奖励结算): a draft gets its lines from the contest's ranking (Get Rewards); the budget
// overrun shows in red before finance approves it through the workflow.
frappe.ui.form.on("Reward Settlement", {
	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new() && frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Get Rewards"), () =>
				frm.call("get_rewards").then(() => frm.reload_doc())
			);
		}
		if (frm.doc.budget_overrun > 0) {
			frm.dashboard.set_headline_alert(
				__("The rewards are {0} above the contest's budget.", [
					format_currency(frm.doc.budget_overrun),
				]),
				"red"
			);
		}
	},
});
