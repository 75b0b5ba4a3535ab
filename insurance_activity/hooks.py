app_name = "insurance_activity"
app_title = "Insurance Activity"
app_publisher = "insurance_activity developers"
app_description = "Activity management for a life insurer's agency channel (个险渠道活动管理)"
app_email = "dev@insurance-activity.invalid"
app_license = "mit"
app_icon = "octicon octicon-graph"
app_color = "blue"

required_apps = ["frappe/erpnext", "frappe/hrms"]

# Install, migrate and uninstall
# ------------------------------
after_install = "insurance_activity.setup.install.after_install"
after_migrate = "insurance_activity.setup.install.after_migrate"
before_uninstall = "insurance_activity.setup.install.before_uninstall"

# Tests complete ERPNext's setup wizard first (company, fiscal year, defaults)
before_tests = "insurance_activity.setup.company.before_tests"

# Desk assets
# -----------
app_include_css = "/assets/insurance_activity/css/insurance_activity.css"
app_include_js = [
	"/assets/insurance_activity/js/insurance_activity.js",
	"/assets/insurance_activity/js/report_filters.js",  # the script reports' shared filters
]

# The customer's quadrant and the navigator's next action on the Customer and Lead forms
doctype_js = {
	"Customer": "public/js/customer_navigator.js",
	"Lead": "public/js/customer_navigator.js",
}

# Scheduled jobs (visible, pausable and re-timable in Scheduled Job Type)
# -----------------------------------------------------------------------
scheduler_events = {
	# Every hour; each acts once a day, at or after its hour (Insurance Activity Settings, else midnight),
	# catches up the days it missed, and never does a day twice, even in two overlapping runs
	# (insurance_activity/daily_jobs.py).
	"hourly": [
		"insurance_activity.activity.jobs.remind_missing_logs",
		"insurance_activity.verification.sampling.run_daily_sampling",
		"insurance_activity.production.jobs.recompute_production",
		"insurance_activity.meetings.jobs.remind_tomorrows_meetings",
		"insurance_activity.meetings.jobs.create_coming_meetings",
		"insurance_activity.meetings.jobs.flag_meetings_not_held",
		"insurance_activity.configuration.calendar.check_working_calendar",
		"insurance_activity.configuration.organisation.check_reporting_tree",
		"insurance_activity.customers.quadrants.recompute_customer_quadrants",
		"insurance_activity.analytics.jobs.publish_unit_evaluation",
		# weekly in effect: only on the settings' Unit Alert Weekday (analytics/alerts.py)
		"insurance_activity.analytics.alerts.raise_unit_alerts",
	],
}

# Permissions: one rule for the org hierarchy (agent < team < office < admin), every doctype of the app
# and its child tables; each doctype's part is one line of insurance_activity/permissions/rules.py
# ---------------------------------------------------------------------------------------------------
permission_query_conditions = {"*": "insurance_activity.permissions.query_conditions"}
has_permission = {"*": "insurance_activity.permissions.has_permission"}
# frappe.client.get_count and a form's Connections counts check no permission in v15: counted under the rule
# for the app's doctypes
override_whitelisted_methods = {
	"frappe.client.get_count": "insurance_activity.api.counts.get_count",
	# a form's Connections counts: Frappe counts them with frappe.get_all
	"frappe.desk.notifications.get_open_count": "insurance_activity.api.counts.get_open_count",
	# the list sidebar's "Assigned To" counts: Frappe counts them unchecked
	"frappe.desk.listview.get_group_by_count": "insurance_activity.api.counts.get_group_by_count",
	# the title a Link field shows: Frappe reads it unchecked (a customer's name on an invitee)
	"frappe.desk.search.get_link_title": "insurance_activity.api.desk_reads.get_link_title",
	# a form's record and the titles of the records it links to: Frappe reads those titles unchecked
	"frappe.desk.form.load.getdoc": "insurance_activity.api.desk_reads.getdoc",
	# a Link field's check of a value: Frappe answers whether any record exists by its name (a customer's)
	"frappe.client.validate_link": "insurance_activity.api.desk_reads.validate_link",
	# a record found by filters: among those the user reads (Frappe refused the one found by its name)
	"frappe.client.get": "insurance_activity.api.desk_reads.get",
	# HRMS's roster reads any record's fields, and a goal graph totals any doctype, unchecked (helper-69 P2, P6)
	"hrms.api.roster.get_values": "insurance_activity.api.desk_reads.get_roster_values",
	# HRMS's employee picker lists every employee, unchecked
	"hrms.api.get_all_employees": "insurance_activity.api.desk_reads.get_all_employees",
	"frappe.utils.goal.get_monthly_goal_graph_data": "insurance_activity.api.desk_reads.get_monthly_goal_graph_data",
	# the search bar: Frappe's index holds every record's text and checks the doctype only (helper-70)
	"frappe.utils.global_search.search": "insurance_activity.api.desk_reads.global_search",
	# a list's workflow-state counts: Frappe counts every record, by any column (helper-69 P4)
	"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count": (
		"insurance_activity.api.counts.get_workflow_state_count"
	),
	"frappe.desk.form.load.get_docinfo": "insurance_activity.api.desk_reads.get_docinfo",
	# the records carrying a tag: Frappe reads them from the table, unchecked
	"frappe.desk.doctype.tag.tag.get_tagged_docs": "insurance_activity.api.desk_reads.get_tagged_docs",
	# a record bulk_update could not save: why, not the server's traceback (Frappe answered with it)
	"frappe.client.bulk_update": "insurance_activity.api.client_writes.bulk_update",
}

# The agent's callback checks and conduct incidents on their Employee dashboard
override_doctype_dashboards = {
	"Employee": "insurance_activity.verification.dashboard.employee_dashboard",
}

# Document events
# ---------------
doc_events = {
	# an Attach field a user sets themselves: a file they may open (Frappe makes it a File row of the record)
	# a printout's titles of the records it links to: of records the user reads (as a form's)
	# a save of a stored record under the rule: the record as stored is one the user may act on, not only the
	# values sent (the app's own doctypes ask it first, in AppDocument)
	"*": {
		"validate": [
			"insurance_activity.permissions.files.check_attach_fields",
			"insurance_activity.permissions.check_stored_record",
		],
		"before_update_after_submit": "insurance_activity.permissions.check_stored_record",
		"before_cancel": "insurance_activity.permissions.check_stored_record",
		"before_print": [
			"insurance_activity.api.desk_reads.refuse_hidden_print",
			"insurance_activity.api.desk_reads.hide_print_link_titles",
		],
	},
	# a meeting's action item follows its ToDo when the owner closes or cancels it
	"ToDo": {
		"on_update": "insurance_activity.meetings.action_items.on_todo_update",
		# a ToDo a user saves themselves about one of the app's records: a record they may read
		"validate": "insurance_activity.permissions.record_actions.check_reference",
	},
	# a follow or a tag a user saves themselves: their own, of a record of the app they may read
	"Document Follow": {
		"validate": "insurance_activity.permissions.record_actions.check_reference",
		# a follow of a record whose changes include fields the user does not read is not kept
		"after_insert": "insurance_activity.permissions.record_actions.drop_hidden_follow",
	},
	"Tag Link": {"validate": "insurance_activity.permissions.record_actions.check_reference"},
	# a reminder a user saves themselves: their own, of a record of the app they may read
	"Reminder": {"validate": "insurance_activity.permissions.record_actions.check_reference"},
	# an attachment a user saves or moves themselves: from and to records they read, of a file they read
	# and a row Frappe copies for them (ignore_permissions) names a file they may open; a record under the rule
	# has private attachments only (Frappe lists a public File to every system user)
	"File": {
		"validate": [
			"insurance_activity.permissions.record_actions.check_reference",
			"insurance_activity.permissions.files.check_copied_file",
			"insurance_activity.permissions.files.check_private_attachment",
		]
	},
	# Data Import of policies: the app's column map (English and Chinese headers, amounts and dates read by
	# the rules core) is in place whenever Data Import reads a file (production/policy_columns.py)
	"Data Import": {"before_validate": "insurance_activity.production.policy_columns.on_data_import_save"},
	# the stored phone key the app finds customers by (one customer, one phone key)
	"Lead": {"validate": "insurance_activity.customers.phone_keys.set_phone_key"},
	"Customer": {
		"validate": "insurance_activity.customers.phone_keys.set_phone_key",
		# a customer made from a lead keeps the lead's Customer Quadrant and its history
		"after_insert": "insurance_activity.customers.quadrants.keep_history_of_converted_lead",
	},
	"Contact": {"validate": "insurance_activity.customers.phone_keys.set_phone_key"},
	# the points contests' ledger: the agent's day is recomputed when the log is submitted or cancelled (an
	# amendment is both); a callback's or incident's verdict on a row recomputes it too (AgentLog)
	"Agent Log": {
		"on_submit": "insurance_activity.campaigns.contest_ledger.on_agent_log_change",
		"on_cancel": "insurance_activity.campaigns.contest_ledger.on_agent_log_change",
	},
}
# Frappe's likes, tags, follows, un-assignments and comments on the app's records under the one permission rule,
# once the user is known (by session or token)
auth_hooks = [
	"insurance_activity.permissions.record_actions.check_request",
	# a private file downloaded by a user who reads a File row with exactly its URL
	"insurance_activity.permissions.files.check_request",
	# a chart's heatmap of the app's records, which Frappe adds up over every record
	"insurance_activity.api.counts.check_chart_request",
	# a list, count or record read by filters may filter, sort or group only by fields the user reads
	"insurance_activity.api.request_shapes.check_request_levels",
]

before_request = [
	"insurance_activity.production.policy_columns.on_data_import_request",
	# the shape of the arguments Frappe's own list, search, report and client paths read for the app
	"insurance_activity.api.request_shapes.check_request",
]
before_job = ["insurance_activity.production.policy_columns.on_data_import_job"]

export_python_type_annotations = True
