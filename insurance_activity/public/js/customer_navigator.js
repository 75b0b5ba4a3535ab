// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

// The customer's quadrant (客户四象限) and the navigator's next action (客经导航仪) on the Customer and
// Lead forms, for whoever may read the customer's quadrant (the one permission rule).
["Customer", "Lead"].forEach((doctype) => {
	frappe.ui.form.on(doctype, {
		refresh(frm) {
			if (frm.is_new()) return;
			frappe
				.xcall("insurance_activity.api.customer_navigator.quadrant_of", {
					party_type: doctype,
					party: frm.doc.name,
				})
				.then((row) => {
					if (!row) return;
					const due = row.next_action_due
						? " " + __("Due {0}", [frappe.datetime.str_to_user(row.next_action_due)])
						: "";
					const action = row.next_action ? __("Next action: {0}", [__(row.next_action)]) + due : "";
					frm.dashboard.add_comment(
						`<a href="/app/customer-quadrant/${encodeURIComponent(row.name)}">${__(
							row.quadrant
						)}</a>: ${__(row.strategy || "")} ${frappe.utils.escape_html(action)}`,
						row.overdue ? "red" : "blue",
						true
					);
				});
		},
	});
});
