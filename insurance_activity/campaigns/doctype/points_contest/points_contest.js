// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

// Points Contest (积分竞赛): only sales offices in the office table; buttons for the leaderboard and, for
// those who may change the contest, the whole-contest ledger recompute.
frappe.ui.form.on("Points Contest", {
	setup(frm) {
		frm.set_query("office", "offices", () => ({ filters: { ia_unit_level: "Office" } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Leaderboard"), () =>
			frappe.set_route("contest-leaderboard", { contest: frm.doc.name })
		);
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Recompute Ledger"), () =>
				frm.call("recompute_ledger").then((r) => {
					if (r.message && !r.message.queued) {
						frappe.show_alert({
							message: __("{0} ledger rows recomputed.", [r.message.rows]),
							indicator: "green",
						});
						frm.reload_doc();
					}
				})
			);
		}
	},
});
