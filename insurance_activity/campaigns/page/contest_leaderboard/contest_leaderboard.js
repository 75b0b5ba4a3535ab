// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

// The live leaderboard of a points contest (积分竞赛排行榜), made for a phone (390 px): rank, agent or team,
// points, standard-met days and the qualified flag; the viewer's own row highlighted. Ties: more points,
// then more standard-met days, then the earlier day the total was reached, then the name.

(() => {
	const API = "insurance_activity.api.contest_leaderboard";
	const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));

	frappe.pages["contest-leaderboard"].on_page_load = function (wrapper) {
		const page = frappe.ui.make_app_page({
			parent: wrapper,
			title: __("Contest Leaderboard"),
			single_column: true,
		});
		wrapper.leaderboard = new ContestLeaderboard(page);
		$(wrapper).on("show", () => wrapper.leaderboard.refresh());
	};

	class ContestLeaderboard {
		constructor(page) {
			this.page = page;
			this.contest = (frappe.route_options && frappe.route_options.contest) || null;
			frappe.route_options = null;
			this.$root = $(`<div class="contest-leaderboard"></div>`).appendTo(this.page.main);
			this.$controls = $(`
				<div class="cl-controls">
					<select class="form-control cl-contest" aria-label="${__("Contest")}"></select>
					<select class="form-control cl-office" aria-label="${__("Office", null, "Department")}"></select>
				</div>`).appendTo(this.$root);
			this.$head = $(`<div class="cl-head text-muted"></div>`).appendTo(this.$root);
			this.$body = $(`<div class="cl-body"></div>`).appendTo(this.$root);
			this.$root.append(
				`<p class="cl-note text-muted">${__(
					"Ties: more points, then more standard-met days, then the earlier day the total was reached, then the name."
				)}</p>`
			);
			this.$controls.find(".cl-contest").on("change", (e) => {
				this.contest = e.target.value;
				this.office = "";
				this.show();
			});
			this.$controls.find(".cl-office").on("change", (e) => {
				this.office = e.target.value;
				this.show();
			});
			this.page.set_secondary_action(__("Refresh"), () => this.refresh(), "refresh");
		}

		async refresh() {
			const contests = await frappe.xcall(`${API}.list_contests`);
			const $select = this.$controls.find(".cl-contest").empty();
			if (!contests.length) {
				this.$body.html(`<p class="text-muted">${__("No points contest of your offices.")}</p>`);
				return;
			}
			for (const c of contests) {
				$select.append(
					`<option value="${esc(c.name)}">${esc(c.name)}${c.running ? "" : " (" + __("not running") + ")"}</option>`
				);
			}
			if (!this.contest || !contests.some((c) => c.name === this.contest)) {
				this.contest = contests[0].name;
			}
			$select.val(this.contest);
			this.show();
		}

		async show() {
			const data = await frappe.xcall(`${API}.get_leaderboard`, {
				contest: this.contest,
				office: this.office || null,
			});
			const $office = this.$controls.find(".cl-office").empty();
			$office.append(`<option value="">${__("All my offices")}</option>`);
			for (const office of data.offices) {
				$office.append(`<option value="${esc(office)}">${esc(office)}</option>`);
			}
			$office.val(this.office || "");
			this.$head.text(
				`${__(data.participation)} · ${frappe.datetime.str_to_user(data.from_date)} – ${frappe.datetime.str_to_user(data.to_date)}`
			);
			if (!data.rows.length) {
				this.$body.html(`<p class="text-muted">${__("No points yet.")}</p>`);
				return;
			}
			const rows = data.rows
				.map(
					(r) => `
				<div class="cl-row${r.is_me ? " cl-me" : ""}">
					<span class="cl-rank">${r.rank}</span>
					<span class="cl-name">${esc(r.name)}${
						r.is_me ? ` <span class="cl-you">${__("You")}</span>` : ""
					}</span>
					<span class="cl-points">${format_number(r.points, null, 1)}</span>
					<span class="cl-days" title="${__("Standard-Met Days")}">${r.standard_met_days}</span>
					<span class="cl-qualified ${r.qualified ? "yes" : "no"}">${
						r.qualified ? __("Qualified") : __("Not Qualified")
					}</span>
				</div>`
				)
				.join("");
			this.$body.html(`
				<div class="cl-row cl-header text-muted">
					<span class="cl-rank">#</span>
					<span class="cl-name">${data.participation === "Team" ? __("Team") : __("Agent")}</span>
					<span class="cl-points">${__("Points")}</span>
					<span class="cl-days">${__("Days Met")}</span>
					<span class="cl-qualified">${__("Qualified")}</span>
				</div>${rows}`);
		}
	}
})();
