// Copyright (c) 2026, insurance_activity developers
// For license information, please see license.txt

// The supervisor's team board (主管看板), made for a phone: one card per direct report with today's
// status, the morning-meeting notes from their log, and one tap to open the log or record a tracking call.

frappe.provide("insurance_activity");

// a page script runs as a classic script: keep its names out of the global scope
(() => {
	const TEAM_BOARD_API = "insurance_activity.api.team_board";
	const esc = (value) => frappe.utils.escape_html(value == null ? "" : String(value));
	// the five items in a few letters, so five tiles fit side by side on a phone
	const SHORT_LABELS = {
		phone_appointments: __("Phone Appts"),
		sales_interviews: __("Interviews"),
		recruiting_visits: __("Recruiting"),
		new_prospects: __("Prospects"),
		referrals: __("Referrals"),
	};
	const short_label = (item) => SHORT_LABELS[item.item] || item.label;

	frappe.pages["team-board"].on_page_load = function (wrapper) {
		const page = frappe.ui.make_app_page({
			parent: wrapper,
			title: __("Team Board"),
			single_column: true,
		});
		wrapper.team_board = new insurance_activity.TeamBoard(page);
		$(wrapper).on("show", () => wrapper.team_board.refresh());
	};

	insurance_activity.TeamBoard = class TeamBoard {
		constructor(page) {
			this.page = page;
			this.date = frappe.datetime.get_today();
			this.supervisor = (frappe.route_options && frappe.route_options.supervisor) || null;
			frappe.route_options = null;
			this.$root = $(`<div class="team-board"></div>`).appendTo(this.page.main);
			this.$controls = $(`
			<div class="tb-controls">
				<div class="tb-field tb-date-field">
					<span class="tb-field-label">${__("Date")}</span>
				</div>
				<label class="tb-field tb-team-field hidden">
					<span class="tb-field-label">${__("Team")}</span>
					<select class="form-control tb-team"></select>
				</label>
				<button class="btn btn-default tb-refresh" title="${__("Refresh")}">
					${frappe.utils.icon("refresh", "sm")}
				</button>
			</div>
		`).appendTo(this.$root);
			this.$body = $(`<div class="tb-body"></div>`).appendTo(this.$root);

			this.make_date_picker();
			this.$controls.find(".tb-team").on("change", (e) => this.show_team(e.target.value));
			this.$controls.find(".tb-refresh").on("click", () => this.refresh());
			this.$body.on("click", ".tb-record-call", (e) => {
				const $card = $(e.currentTarget).closest(".report-card");
				this.record_call($card.attr("data-employee"), $card.attr("data-name"));
			});
			this.$body.on("click", ".tb-team-row", (e) => {
				this.show_team($(e.currentTarget).attr("data-supervisor"));
				frappe.utils.scroll_to(0);
			});
		}

		// Frappe's own Date control, not a browser date input: it shows the date in the user's date
		// format, as the heading does (a native input follows the browser's locale instead)
		make_date_picker() {
			this.date_picker = frappe.ui.form.make_control({
				parent: this.$controls.find(".tb-date-field"),
				df: {
					fieldtype: "Date",
					fieldname: "board_date",
					max_date: frappe.datetime.str_to_obj(this.date),
					change: () => {
						const value = this.date_picker.get_value() || frappe.datetime.get_today();
						if (value === this.date) return;
						this.date = value;
						this.refresh();
					},
				},
				only_input: true,
				render_input: true,
			});
			this.date_picker.$input.addClass("tb-date");
			this.date_picker.set_value(this.date);
		}

		show_team(supervisor) {
			this.supervisor = supervisor;
			this.refresh();
		}

		refresh() {
			return frappe
				.call({
					method: `${TEAM_BOARD_API}.get_board`,
					args: { date: this.date, supervisor: this.supervisor },
				})
				.then((r) => this.render(r.message));
		}

		record_call(employee, name) {
			frappe.prompt(
				[
					{
						fieldname: "notes",
						fieldtype: "Small Text",
						label: __("What did you talk about?"),
					},
				],
				(values) =>
					frappe
						.call({
							method: `${TEAM_BOARD_API}.record_tracking_call`,
							args: { report: employee, notes: values.notes },
							freeze: true,
						})
						.then(() => {
							frappe.show_alert({
								message: __("Tracking call with {0} recorded", [name]),
								indicator: "green",
							});
							this.refresh();
						}),
				__("Tracking Call: {0}", [name]),
				__("Record")
			);
		}

		render(board) {
			this.board = board;
			this.supervisor = board.supervisor;
			this.render_team_picker(board.teams || []);
			if (!board.supervisor) {
				this.$body.html(this.empty(__("No team to show: you have no direct reports.")));
				return;
			}
			this.$body.html(`
			${this.notice(board)}
			${this.team_summary(board)}
			<div class="tb-cards">
				${board.reports.map((report) => this.report_card(report, board)).join("")}
			</div>
			${board.reports.length ? "" : this.empty(__("This team has no active direct reports."))}
			${this.totals_section(board)}
			${this.teams_section(board.teams || [], board.supervisor)}
		`);
		}

		render_team_picker(teams) {
			const $field = this.$controls.find(".tb-team-field");
			$field.toggleClass("hidden", !teams.length);
			if (!teams.length) return;
			const options = teams.map(
				(team) =>
					`<option value="${esc(team.supervisor)}" ${
						team.supervisor === this.supervisor ? "selected" : ""
					}>${esc(team.supervisor_name)}</option>`
			);
			$field.find(".tb-team").html(options.join(""));
		}

		notice(board) {
			const notes = [];
			if (!board.is_working_day) {
				notes.push(__("Not a working day: there is no daily standard to meet."));
			}
			if (board.calendar_note) {
				notes.push(esc(board.calendar_note));
			}
			if (!board.can_record_calls && board.is_today) {
				notes.push(__("You are viewing {0}'s team.", [esc(board.supervisor_name)]));
			}
			return notes.map((note) => `<div class="tb-notice">${note}</div>`).join("");
		}

		team_summary(board) {
			// a team of nobody (0/0) has nothing done: open, not green
			const t = board.totals;
			const stat = (label, value, good) => `
			<div class="tb-stat ${good ? "is-good" : "is-open"}">
				<div class="tb-stat-value">${value}<span class="tb-stat-of">/${t.size}</span></div>
				<div class="tb-stat-label">${label}</div>
			</div>`;
			return `
			<div class="tb-heading">
				<div class="tb-heading-title">${esc(board.supervisor_name)}</div>
				<div class="tb-heading-date">${
					board.is_today ? __("Today") : frappe.datetime.str_to_user(board.date)
				}</div>
			</div>
			<div class="tb-stats">
				${stat(__("Logged"), t.logged, t.size > 0 && t.logged === t.size)}
				${stat(__("Met"), t.met, t.size > 0 && t.met === t.size)}
				${stat(__("Tracked"), t.tracked, t.size > 0 && t.tracked === t.size)}
			</div>`;
		}

		report_card(report, board) {
			const status = !report.logged
				? { label: __("No log"), color: "red", css: "no-log" }
				: report.met
				? { label: __("Met"), color: "green", css: "is-met" }
				: { label: __("Short"), color: "orange", css: "is-short" };
			const draft = report.logged && !report.submitted;
			return `
			<div class="tb-card report-card ${status.css}"
				data-employee="${esc(report.employee)}" data-name="${esc(report.employee_name)}">
				<div class="tb-card-head">
					<div class="tb-name">${esc(report.employee_name)}</div>
					${this.phone_link(report.phone)}
					<span class="indicator-pill ${status.color} tb-status">${status.label}</span>
				</div>
				<div class="tb-chips">
					${this.tracked_chip(report)}
					${draft ? `<span class="tb-chip">${__("Draft")}</span>` : ""}
				</div>
				${this.missing_list(report.missing)}
				${report.items.length ? this.item_tiles(report.items) : ""}
				${this.meeting_notes(report)}
				${report.call_notes ? this.note(__("Call notes"), report.call_notes) : ""}
				<div class="tb-actions">
					${this.open_log_button(report)}
					${board.can_record_calls ? this.record_call_button(report) : ""}
				</div>
			</div>`;
		}

		tracked_chip(report) {
			if (!report.tracked) {
				return `<span class="tb-chip is-todo">${__("Not tracked yet")}</span>`;
			}
			const label = __("Tracked");
			const tick = frappe.utils.icon("tick", "xs");
			return `<span class="tb-chip is-done">${tick} ${label} ${
				report.call_time || ""
			}</span>`;
		}

		missing_list(missing) {
			if (!missing.length) return "";
			const items = missing.map((m) => {
				const label = m.short ? short_label(m) : m.label;
				const short = m.short ? ` <b>−${m.short}</b>` : "";
				return `<span class="tb-missing-item" title="${esc(m.label)}">${esc(
					label
				)}${short}</span>`;
			});
			return `
				<div class="tb-missing">
					<span class="tb-missing-label">${__("Missing")}:</span>
					${items.join("")}
				</div>`;
		}

		phone_link(phone) {
			if (!phone) return "";
			const title = __("Phone");
			const icon = frappe.utils.icon("call", "sm");
			return `<a class="tb-phone" href="tel:${esc(phone)}" title="${title}">${icon}</a>`;
		}

		open_log_button(report) {
			if (!report.log_url) {
				const label = __("No Log Yet");
				return `<span class="btn btn-default tb-action disabled">${label}</span>`;
			}
			const label = __("Open Log");
			return `<a class="btn btn-default tb-action" href="${report.log_url}">${label}</a>`;
		}

		record_call_button(report) {
			const label = report.tracked ? __("Call Again") : __("Record Call");
			const style = report.tracked ? "btn-default" : "btn-primary";
			return `<button class="btn ${style} tb-action tb-record-call">${label}</button>`;
		}

		item_tiles(items) {
			return `<div class="tb-items">${items
				.map((item) => {
					const short = item.actual < item.target;
					return `
					<div class="tb-item ${short ? "is-short" : ""}" title="${esc(item.label)}">
						<div class="tb-item-value">${item.actual}<span class="tb-item-target">/${item.target}</span></div>
						<div class="tb-item-label">${esc(short_label(item))}</div>
					</div>`;
				})
				.join("")}</div>`;
		}

		meeting_notes(report) {
			// the second morning meeting (二次早会): yesterday's results, today's plan, problems
			return [
				[__("Yesterday"), report.yesterday_results],
				[__("Today's Plan"), report.today_plan],
				[__("Problems"), report.problems],
			]
				.filter(([, text]) => text)
				.map(([label, text]) => this.note(label, text))
				.join("");
		}

		note(label, text) {
			return `<div class="tb-note"><span class="tb-note-label">${label}</span>${esc(
				text
			)}</div>`;
		}

		totals_section(board) {
			const title = board.is_today ? __("Team Totals Today") : __("Team Totals");
			return `
			<div class="tb-section-title">${title}</div>
			<div class="tb-card tb-totals">${this.item_tiles(board.totals.items)}</div>`;
		}

		teams_section(teams, current) {
			if (!teams.length) return "";
			const rows = teams.map(
				(team) => `
			<button class="tb-team-row ${team.supervisor === current ? "is-current" : ""}"
				data-supervisor="${esc(team.supervisor)}">
				<span class="tb-team-name">${esc(team.supervisor_name)}</span>
				<span class="tb-team-figures">
					<span>${__("Logged")} <b>${team.logged}/${team.size}</b></span>
					<span>${__("Met")} <b>${team.met}/${team.size}</b></span>
					<span>${__("Tracked")} <b>${team.tracked}/${team.size}</b></span>
				</span>
			</button>`
			);
			return `
			<div class="tb-section-title">${__("Teams in Your Office")}</div>
			<div class="tb-teams">${rows.join("")}</div>`;
		}

		empty(message) {
			return `<div class="tb-empty">${message}</div>`;
		}
	};
})();
