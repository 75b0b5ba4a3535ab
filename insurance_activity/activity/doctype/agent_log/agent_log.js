// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

const PARTY_TYPES = ["Lead", "Customer", "Prospect", "Opportunity", "Contact"];

// On a phone Frappe keeps a grid 738 px wide and clips it to the screen, so only #, kind and count showed.
// Here the activities grid fits the screen with kind, count, customer name and phone; party type and party
// are in the row editor, as the table's description says. (In the form's script, not the app's CSS
// bundle, so it arrives with the form.)
frappe.dom.set_style(
	`
	@media (max-width: 767.98px) {
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .form-grid-container .form-grid {
			min-width: 0 !important;
		}
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .grid-static-col[data-fieldname="party_type"],
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .grid-static-col[data-fieldname="party"] {
			display: none !important;
		}
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .grid-static-col[data-fieldname="activity_kind"],
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .grid-static-col[data-fieldname="party_name"],
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .grid-static-col[data-fieldname="phone"] {
			flex: 3 1 0;
			max-width: none;
			min-width: 0;
		}
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .grid-static-col[data-fieldname="activity_count"] {
			flex: 1 1 0;
			max-width: none;
			min-width: 0;
		}
		/* a long kind, name or phone wraps instead of ending in "…", and its row grows to hold it */
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .grid-body .grid-static-col .static-area.ellipsis {
			white-space: normal;
			overflow-wrap: anywhere;
		}
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .grid-body .grid-static-col,
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .grid-body .row-index {
			height: auto;
			min-height: 38px;
			padding: 6px 4px !important;
		}
		/* rows are deleted from the row editor on a phone: the selection box gives its width to the data */
		[data-page-route="Agent Log"] .frappe-control[data-fieldname="activities"] .row-check {
			display: none !important;
		}
	}
	/* a visit a callback found not to have happened (or misconduct) no longer counts: struck through */
	[data-page-route="Agent Log"] .grid-row.ia-invalid-row .grid-static-col .static-area {
		text-decoration: line-through;
		color: var(--text-muted);
	}
`,
	"agent-log-phone-grid"
);

frappe.ui.form.on("Agent Log", {
	setup(frm) {
		// only whom the user may log for (themself, their team, their units): the same rule on the server
		frm.set_query("agent", () => ({
			query: "insurance_activity.activity.doctype.agent_log.agent_log.agent_query",
		}));
		frm.set_query("party_type", "activities", () => ({
			filters: { name: ["in", PARTY_TYPES] },
		}));
		const direct_reports = () => ({ filters: { reports_to: frm.doc.agent, status: "Active" } });
		// the published campaigns covering the log's day (the rule lists only those of the reader's offices)
		frm.set_query("activity_campaign", "activities", () => ({
			query: "insurance_activity.campaigns.lookups.campaign_query",
			filters: {
				docstatus: 1,
				from_date: ["<=", frm.doc.log_date],
				to_date: [">=", frm.doc.log_date],
			},
		}));
		frm.set_query("report", "tracking_calls", direct_reports);
		frm.set_query("coaching_report", direct_reports);
		frm.set_query("spot_check_log", () => ({
			filters: { supervisor: frm.doc.agent, docstatus: ["<", 2] },
		}));
	},

	onload(frm) {
		if (!frm.is_new()) return;
		frappe
			.xcall("insurance_activity.activity.doctype.agent_log.agent_log.new_log_defaults")
			.then(async ({ agent, agent_fixed }) => {
				if (agent && !frm.doc.agent) await frm.set_value("agent", agent);
				// an agent logs only their own day: the field is fixed
				frm.set_df_property("agent", "read_only", agent_fixed && frm.doc.agent === agent ? 1 : 0);
			});
	},

	refresh(frm) {
		add_suggested_actions_button(frm);
		add_activity_buttons(frm);
		mark_rows_not_counted(frm);
		if (frm.is_new()) return;
		const day = frappe.datetime.str_to_user(frm.doc.log_date);
		frm.dashboard.clear_headline();
		if (!frm.doc.is_working_day) {
			// no 5311 on a non-working day: nothing to meet, so never "standard met"
			frm.dashboard.set_headline_alert(
				__("{0} is a non-working day: there is no standard to meet.", [day]),
				"blue"
			);
			return;
		}
		const met = frm.doc.standard_met;
		frm.dashboard.set_headline_alert(
			met
				? __("Standard met for {0}", [day])
				: __("Still missing: {0}", [shortfalls_in_user_language(frm)]),
			met ? "green" : "orange"
		);
	},
});

// An item's count is the log's field of the item's name, but for the tracking calls: `tracking_calls` is the
// table of calls, their count is `tracking_calls_done`.
const ITEM_COUNT_FIELDS = { tracking_calls: "tracking_calls_done" };

// What the day still lacks, from the log's figures and targets, in the reader's language (the stored
// summary is in the language of whoever saved the log last). The items and their labels, in the standard's
// order, come from the server (activity/standards.py ITEM_LABELS, sent by the controller's onload).
function shortfalls_in_user_language(frm) {
	const items = (frm.doc.__onload && frm.doc.__onload.standard_items) || {};
	const count = (item) => frm.doc[ITEM_COUNT_FIELDS[item] || item] || 0;
	const parts = Object.entries(items)
		.map(([item, label]) => [label, (frm.doc[`${item}_target`] || 0) - count(item)])
		.filter(([, short]) => short > 0)
		.map(([label, short]) => __("{0}: short by {1}", [__(label), short]));
	return parts.length ? parts.join("; ") : (frm.doc.shortfall_summary || "").replace(/\n/g, "; ");
}

// Today's suggested actions from the customer navigator (客经导航仪): the agent's customers, the most urgent
// first; one tap adds the activity row for that customer (saved with the log, under the log's own rules).
// Shown on a new, unsaved log too, before its Agent field is filled (onload fills it a moment later): the
// server then takes the user's own Employee.
function add_suggested_actions_button(frm) {
	if (frm.doc.docstatus !== 0) return;
	frm.add_custom_button(__("Suggested Actions"), () =>
		frappe
			.xcall("insurance_activity.api.customer_navigator.suggested_actions", {
				agent: frm.doc.agent || null,
				day: frm.doc.log_date || null,
			})
			.then((rows) => show_suggested_actions(frm, rows))
	);
}

function show_suggested_actions(frm, rows) {
	if (!rows.length) {
		frappe.msgprint(__("No suggested actions: the navigator has nothing due for your customers."));
		return;
	}
	const dialog = new frappe.ui.Dialog({
		title: __("Suggested Actions"),
		fields: [{ fieldname: "list", fieldtype: "HTML" }],
	});
	const items = rows.map((row, i) => {
		const due = frappe.datetime.str_to_user(row.next_action_due);
		const tone = row.overdue ? "text-danger" : "text-muted";
		return `<div class="flex justify-between align-center" style="padding: 6px 0">
			<div><b>${frappe.utils.escape_html(row.party_name || row.party)}</b> · ${__(row.quadrant)}<br>
			${frappe.utils.escape_html(__(row.next_action))} <span class="${tone}">${__("Due {0}", [due])}</span></div>
			<button class="btn btn-xs btn-default" data-row="${i}">${__("Add")}</button></div>`;
	});
	dialog.fields_dict.list.$wrapper.html(items.join(""));
	dialog.fields_dict.list.$wrapper.on("click", "button[data-row]", function () {
		const row = rows[$(this).attr("data-row")];
		frm.add_child("activities", {
			activity_kind: row.activity_kind,
			activity_count: 1,
			party_type: row.party_type,
			party: row.party,
			party_name: row.party_name,
			next_step: __(row.next_action),
		});
		frm.refresh_field("activities");
		$(this).prop("disabled", true).text(__("Added"));
	});
	dialog.show();
}

// One tap adds an activity, the fewest taps on a phone: under "Add Activity", a button for each enabled kind
// that counts toward the daily standard, in the standard's order. A kind done without a customer (a phone
// appointment's count) adds one to its row without a customer, or starts that row; a kind with a customer
// (a sales interview a callback verifies, a new prospect) starts a row and opens it for the name and phone.
// the kinds, read once a page load (not at every refresh of the form)
let standard_kinds = null;

function add_activity_buttons(frm) {
	if (frm.doc.docstatus !== 0) return;
	standard_kinds =
		standard_kinds ||
		Promise.all([
			frappe.db.get_list("Activity Kind", {
				filters: { enabled: 1, standard_item: ["is", "set"] },
				fields: ["name", "standard_item", "needs_party", "creates_prospect", "verifiable"],
				limit: 50,
			}),
			// the standard's order: the order of the kind's Standard Item options
			new Promise((resolve) => frappe.model.with_doctype("Activity Kind", resolve)),
		]).catch((error) => {
			standard_kinds = null; // read again at the next refresh
			throw error;
		});
	standard_kinds.then(([fetched]) => {
		const kinds = [...fetched];
		const options = frappe.meta.get_docfield("Activity Kind", "standard_item").options || "";
		const order = options.split("\n").filter(Boolean);
		const rank = (kind) => (order.includes(kind.standard_item) ? order.indexOf(kind.standard_item) : 99);
		kinds
			.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
			.forEach((kind) =>
				frm.add_custom_button(__(kind.name), () => add_activity(frm, kind), __("Add Activity"))
			);
	});
}

async function add_activity(frm, kind) {
	// a visit a callback verifies, a new prospect or a kind that names its customer: the row needs one
	const with_customer = kind.needs_party || kind.creates_prospect || kind.verifiable;
	const without_customer = (row) =>
		row.activity_kind === kind.name && !row.party && !row.party_name && !row.phone;
	const counted = with_customer ? null : (frm.doc.activities || []).find(without_customer);
	if (counted) {
		// an empty count counts as one (the log's subtotal): the next tap makes it two
		const count = (counted.activity_count || 1) + 1;
		await frappe.model.set_value(counted.doctype, counted.name, "activity_count", count);
	} else {
		const row = frm.add_child("activities");
		await frappe.model.set_value(row.doctype, row.name, "activity_kind", kind.name);
		await frappe.model.set_value(row.doctype, row.name, "activity_count", 1);
		frm.refresh_field("activities");
		if (with_customer) frm.fields_dict.activities.grid.get_row(row.name).toggle_view(true);
	}
	frm.refresh_field("activities");
	frappe.show_alert({ message: __("{0} added", [__(kind.name)]), indicator: "green" }, 2);
}

// A row a callback found invalid (the visit did not happen, misconduct) is struck through in the grid: the
// subtotal no longer counts it, and the row editor says why (invalid_reason).
function mark_rows_not_counted(frm) {
	const grid = frm.fields_dict.activities && frm.fields_dict.activities.grid;
	if (!grid) return;
	for (const row of frm.doc.activities || []) {
		const grid_row = grid.grid_rows_by_docname[row.name];
		if (grid_row) grid_row.wrapper.toggleClass("ia-invalid-row", !!row.is_invalid);
	}
}
