// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

const CALL_RESULTS = ["Answered", "No Answer", "Busy", "Switched Off", "Wrong Number"];
const OUTCOMES = ["Confirmed", "Unreachable", "Visit Not Happened", "Complaint", "Misconduct"];

frappe.ui.form.on("Callback Check", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status !== "Pending") {
			// a closed check never changes (the server refuses it too): no Save, its fields and calls read-only
			frm.disable_save();
		}
		if (frm.is_new() || frm.doc.status !== "Pending" || !frm.perm[0].write) {
			return;
		}
		if (frm.doc.assigned_officer !== frappe.session.user && !frappe.user.has_role("Activity Admin")) {
			return;
		}
		// the officer's buttons are whitelisted methods of the check (record_call, close_check), which check
		// write permission themselves
		frm.add_custom_button(__("Log a Call"), () => log_call(frm));
		frm.add_custom_button(__("Close Check"), () => close_check(frm)).addClass("btn-primary");
	},
});

function options(values) {
	return values.map((value) => ({ value, label: __(value) }));
}

function log_call(frm) {
	frappe.prompt(
		[{ fieldname: "result", label: __("Result", null, "Callback Attempt"), fieldtype: "Select", reqd: 1, options: options(CALL_RESULTS) }],
		({ result }) =>
			frm.call({ method: "record_call", doc: frm.doc, args: { result }, freeze: true }).then(() => frm.reload_doc()),
		__("Log a Call"),
		__("Save")
	);
}

function close_check(frm) {
	frappe.prompt(
		[
			{ fieldname: "outcome", label: __("Outcome"), fieldtype: "Select", options: options(["", ...OUTCOMES]) },
			{
				fieldname: "customer_satisfaction",
				label: __("Customer Satisfaction"),
				fieldtype: "Select",
				options: options(["", "Very Satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very Dissatisfied"]),
				default: frm.doc.customer_satisfaction,
			},
			{ fieldname: "notes", label: __("Officer's Notes"), fieldtype: "Small Text" },
		],
		(values) =>
			frm.call({ method: "close_check", doc: frm.doc, args: values, freeze: true }).then(() => frm.reload_doc()),
		__("Close Check"),
		__("Close")
	);
}
