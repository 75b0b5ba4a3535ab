// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

const CALLBACK_STATUS_COLORS = {
	Pending: "orange",
	Confirmed: "green",
	Unreachable: "gray",
	"Visit Not Happened": "red",
	Complaint: "purple",
	Misconduct: "red",
};

frappe.listview_settings["Callback Check"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		return [__(doc.status), CALLBACK_STATUS_COLORS[doc.status] || "gray", `status,=,${doc.status}`];
	},
	onload(listview) {
		if (frappe.user.has_role("Insurance Supervisor")) {
			listview.page.add_inner_button(__("Spot-check a Visit"), () => offer_spot_check());
		}
		if (frappe.user.has_role(["Activity Admin", "System Manager"])) {
			listview.page.add_inner_button(__("Run Sampling for a Date"), () => run_sampling(listview));
		}
	},
};

function offer_spot_check() {
	frappe.call("insurance_activity.api.callback_check.offer_spot_check").then(({ message }) => {
		if (!message.choices.length) {
			frappe.msgprint(
				__("None of your direct reports recorded a visit with a phone number on {0} that is not checked yet.", [
					frappe.datetime.str_to_user(message.visit_date),
				])
			);
			return;
		}
		const label = (c) =>
			`${c.agent_name}: ${__(c.activity_kind)}, ${c.party_name || c.phone}${c.recently_called ? " *" : ""}`;
		const dialog = new frappe.ui.Dialog({
			title: __("Spot-check a Visit of {0}", [frappe.datetime.str_to_user(message.visit_date)]),
			fields: [
				{
					fieldname: "activity_row",
					label: __("Visit"),
					fieldtype: "Select",
					reqd: 1,
					options: message.choices.map((c) => ({ value: c.activity_row, label: label(c) })),
					default: message.offered && message.offered.activity_row,
					description: __("* called recently"),
				},
			],
			primary_action_label: __("Start Spot-check"),
			primary_action({ activity_row }) {
				const choice = message.choices.find((c) => c.activity_row === activity_row);
				frappe
					.call("insurance_activity.api.callback_check.start_spot_check", {
						agent_log: choice.agent_log,
						activity_row,
					})
					.then(({ message: name }) => {
						dialog.hide();
						frappe.set_route("Form", "Callback Check", name);
					});
			},
		});
		dialog.show();
	});
}

function run_sampling(listview) {
	frappe.prompt(
		[
			{
				fieldname: "activity_date",
				label: __("Visits Of"),
				fieldtype: "Date",
				reqd: 1,
				default: frappe.datetime.add_days(frappe.datetime.get_today(), -1),
			},
		],
		({ activity_date }) =>
			frappe
				.call({
					method: "insurance_activity.api.callback_check.run_sampling",
					args: { activity_date },
					freeze: true,
				})
				.then(({ message }) => {
					frappe.msgprint(
						message.already_run
							? __("{0} was already sampled: nothing added.", [frappe.datetime.str_to_user(activity_date)])
							: __("{0} checks created, {1} beyond officer capacity, {2} visits without a phone.", [
									message.checks_created,
									message.checks_unassigned,
									message.skipped_no_phone,
							  ])
					);
					listview.refresh();
				}),
		__("Run Callback Sampling"),
		__("Run")
	);
}
