// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.ui.form.on("Policy Load", {
	refresh(frm) {
		if (["Queued", "In Progress"].includes(frm.doc.status) && !frm.is_new()) {
			frm.dashboard.set_headline(
				__("Loading: {0} of {1} rows processed.", [frm.doc.processed_rows || 0, frm.doc.total_rows || 0])
			);
			// the load publishes progress after every batch; reload the counts when it is done
			frappe.realtime.off("progress", frm.__policy_load_progress);
			frm.__policy_load_progress = (data) => {
				if (data.percent >= 100) frm.reload_doc();
			};
			frappe.realtime.on("progress", frm.__policy_load_progress);
		}
	},
});
