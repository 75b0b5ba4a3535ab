"""Seeded configuration of the two meetings (二会经营): the meeting types, their agendas and the quality
rubric, as domain.md describes them. Inserted once; an admin's later edits are never overwritten."""

import frappe

from insurance_activity.meetings.schedule import PLANNING_RULE, WEEKLY_REVIEW_RULE

DEFAULT_RUBRIC = "Meeting Quality Check"
WEEKLY_TEMPLATE = "Weekly Review (PDCA)"
PLANNING_TEMPLATE = "Monthly Planning (Five Chapters)"
WEEKLY_REVIEW = "Weekly Review"
MONTHLY_PLANNING = "Monthly Planning"

RUBRIC = {
	"rubric_name": DEFAULT_RUBRIC,
	"is_default": 1,
	"description": "二会质检: an energy score (能量值) at or above the pass mark passes.",
	"criteria": [
		{
			"criterion": "Content Completeness",
			"weight": 40,
			"max_score": 10,
			"guidance": "内容完整性: every agenda section covered and recorded in full; the KPI snapshot reviewed "
			"against target; a plan that names who, what and by when.",
		},
		{
			"criterion": "Process Compliance",
			"weight": 30,
			"max_score": 10,
			"guidance": "流程规范性: held on the rule's day, started on time, longer than the minimum, every "
			"supervisor attending; PDCA in order with most of the time on the check.",
		},
		{
			"criterion": "Interaction Effectiveness",
			"weight": 30,
			"max_score": 10,
			"guidance": "互动有效性: drill-down questions on targets, paths and actions; every supervisor speaks; "
			"problems end in concrete action items.",
		},
	],
}

TEMPLATES = (
	{
		"template_name": WEEKLY_TEMPLATE,
		"description": "周复盘会, run as PDCA; the check is about 70% of the meeting.",
		"sections": [
			{
				"section_title": "Plan",
				"planned_minutes": 5,
				"guidance": "计划: the topic, time, goal and agenda fixed beforehand.",
			},
			{
				"section_title": "Do",
				"planned_minutes": 10,
				"guidance": "执行: review of the week, sharing, problem discussion, next week.",
			},
			{
				"section_title": "Check",
				"is_check_step": 1,
				"planned_minutes": 35,
				"guidance": "检视: drill-down questioning of targets, paths and actions, supervisor by supervisor.",
			},
			{
				"section_title": "Act",
				"planned_minutes": 10,
				"guidance": "改进: lessons, improvements and the action plan, each item with an owner and a date.",
			},
		],
	},
	{
		"template_name": PLANNING_TEMPLATE,
		"description": "月规划会: five chapters, between the 27th and the month's last day.",
		"sections": [
			{
				"section_title": "Month Review",
				"planned_minutes": 15,
				"guidance": "月度回顾: regular premium (期缴保费), U headcount (U人力) and office attainment (CT) "
				"against target.",
			},
			{
				"section_title": "Best-practice Sharing",
				"planned_minutes": 10,
				"guidance": "经验分享: what the role models did, in their own words.",
			},
			{
				"section_title": "Problem Discussion",
				"planned_minutes": 15,
				"guidance": "问题研讨: where results and activity fell short, and why.",
			},
			{
				"section_title": "Next Month's Plan",
				"planned_minutes": 15,
				"guidance": "下月规划: the company target turned into each supervisor's income target and the "
				"activity calendar (行事历).",
			},
			{
				"section_title": "Next Week's Plan",
				"planned_minutes": 5,
				"guidance": "下周计划: the first week's actions, each with an owner and a date.",
			},
		],
	},
)

TYPES = (
	{
		"meeting_type_name": WEEKLY_REVIEW,
		"schedule_rule": WEEKLY_REVIEW_RULE,
		"meeting_template": WEEKLY_TEMPLATE,
		"quality_rubric": DEFAULT_RUBRIC,
		"description": "周复盘会: on the weekly review days, reviewing the business week that just ended.",
	},
	{
		"meeting_type_name": MONTHLY_PLANNING,
		"schedule_rule": PLANNING_RULE,
		"meeting_template": PLANNING_TEMPLATE,
		"quality_rubric": DEFAULT_RUBRIC,
		"description": "月规划会: from the planning day to the month's last day.",
	},
)


def install_meeting_defaults() -> None:
	"""Seed the rubric, the two agendas and the two meeting types (called from setup.defaults)."""
	insert_if_missing("Quality Rubric", RUBRIC["rubric_name"], RUBRIC)
	for template in TEMPLATES:
		insert_if_missing("Meeting Template", template["template_name"], template)
	for meeting_type in TYPES:
		insert_if_missing("Meeting Type", meeting_type["meeting_type_name"], meeting_type)


def insert_if_missing(doctype: str, name: str, values: dict) -> None:
	if not frappe.db.exists(doctype, name):
		frappe.get_doc({"doctype": doctype, **values}).insert(ignore_permissions=True)
