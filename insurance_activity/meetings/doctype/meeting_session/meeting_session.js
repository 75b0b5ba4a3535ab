// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

frappe.ui.form.on("Meeting Session", {
	setup(frm) {
		frm.set_query("office", () => ({ filters: { ia_unit_level: "Office" } }));
		frm.set_query("meeting_type", () => ({ filters: { enabled: 1 } }));
		frm.set_query("quality_rubric", () => ({ filters: { enabled: 1 } }));
		frm.set_query("meeting_template", () => ({ filters: { enabled: 1 } }));
		// a snapshot keeps its metric names in the language of the moment it was taken: show them in
		// the reader's language
		const metric = frappe.meta.docfield_map["Meeting KPI"]?.metric;
		if (metric) metric.formatter = (value) => frappe.utils.escape_html(__(value || ""));
	},

	refresh(frm) {
		if (frm.is_new() || !frm.perm[0]?.write) return;
		if (!frm.doc.actual_start) {
			frm.add_custom_button(__("Start Meeting"), () => call_meeting_api(frm, "start_meeting"));
		} else if (!frm.doc.actual_end) {
			frm.add_custom_button(__("End Meeting"), () => call_meeting_api(frm, "end_meeting"));
		}
		if (frm.doc.actual_start) {
			frm.add_custom_button(__("Retake KPI Snapshot"), () =>
				call_meeting_api(frm, "refresh_kpi_snapshot"),
			);
		}
		if (frm.doc.schedule_note) {
			frm.dashboard.add_comment(frm.doc.schedule_note, "orange", true);
		}
	},
});

// The host's buttons are whitelisted methods of the document (start_meeting, end_meeting,
// refresh_kpi_snapshot), which check write permission themselves.
function call_meeting_api(frm, method) {
	frm.call({ method, doc: frm.doc, freeze: true }).then(() => frm.reload_doc());
}
