// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.ui.form.on("Conduct Incident", {
	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		if (frm.doc.status === "Active" && !frm.doc.appeal_decision) {
			frm.add_custom_button(__("Appeal"), () =>
				frappe.prompt(
					[{ fieldname: "reason", label: __("Appeal Reason"), fieldtype: "Small Text", reqd: 1 }],
					({ reason }) => call(frm, "appeal", { reason }),
					__("Appeal (申诉)"),
					__("Submit Appeal")
				)
			);
		}
		if (frm.doc.status === "Under Appeal" && frappe.user.has_role(["Activity Admin", "System Manager"])) {
			frm.add_custom_button(__("Uphold Appeal"), () => decide(frm, 1), __("Decide"));
			frm.add_custom_button(__("Reject Appeal"), () => decide(frm, 0), __("Decide"));
		}
	},
});

// The buttons are whitelisted methods of the incident (appeal, decide_appeal), which check who may press them.
function call(frm, method, args) {
	return frm.call({ method, doc: frm.doc, args, freeze: true }).then(() => frm.reload_doc());
}

function decide(frm, upheld) {
	frappe.prompt(
		[{ fieldname: "notes", label: __("Decision Notes"), fieldtype: "Small Text", reqd: 1 }],
		({ notes }) => call(frm, "decide_appeal", { upheld, notes }),
		upheld ? __("Uphold Appeal") : __("Reject Appeal")
	);
}
