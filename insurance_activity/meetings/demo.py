"""Demo meetings: the last months' weekly reviews and planning meetings of every office, as they went.

Deterministic: each meeting draws from a random generator seeded with its office, type and rule date, so
the same records and the same day give the same meetings; a meeting that exists is left alone. Most are
held on the day, on time, long enough, with most supervisors there; a few are missed, late, short or
thinly recorded, as in real life. Called by setup/demo.py after the work logs (and production, when built).
"""

import random
from datetime import datetime, time, timedelta

import frappe
from frappe.utils import add_months, getdate, today

from insurance_activity.meetings.jobs import flag_meetings_not_held, new_session
from insurance_activity.meetings.schedule import RULE_KINDS, office_meeting_dates
from insurance_activity.org import all_offices
from insurance_activity.rules.meeting_sessions import ABSENT, EXCUSED, ON_SITE, REMOTE

MEETING_SESSION = "Meeting Session"
# Chance that a meeting went this way
MISSED, HELD_A_DAY_LATE, TOO_SHORT, NOT_ASSESSED = 0.06, 0.05, 0.08, 0.15
# (start time, weight): mostly mornings, a few afternoons, rarely after the latest start
STARTS = ((time(9, 0), 8), (time(9, 30), 5), (time(10, 0), 3), (time(14, 0), 2), (time(17, 30), 1))
ATTENDANCE = ((ON_SITE, 0.76), (REMOTE, 0.12), (ABSENT, 0.07), (EXCUSED, 0.05))
SECTION_NOTES = {
	"Plan": ["主题：本周达成复盘；目标：找出三名主管的差距；议程会前已发。"],
	"Do": ["逐一回顾各组本周数据，分享一个高效约访话术，讨论两个未成交案例。"],
	"Check": [
		"逐个主管追问目标—路径—行动：谁还没到U，差多少，本周约访和面谈安排是否足够。",
		"检视各组活动量与出勤，对低活动量业务员逐一确认辅导计划。",
	],
	"Act": ["改进：陪访前先做客户分类；行动计划已分配到人，下周例会跟进。"],
	"Month Review": ["期缴保费达成情况与U人力对比上月；营业室达成标准检视。"],
	"Best-practice Sharing": ["标杆主管分享：每周固定两次陪访，新人首月出单。"],
	"Problem Discussion": ["问题：新人留存与转介绍不足；原因：客户经营平台参与少。"],
	"Next Month's Plan": ["公司目标分解到每位主管的收入目标，发布下月行事历。"],
	"Next Week's Plan": ["下周：每位主管至少一次陪访，组织一次升温平台活动。"],
}
ACTIONS = (
	"每位主管本周完成两次陪访并记录",
	"整理未达U主管的客户清单，逐一制定跟进计划",
	"组织一次升温平台活动，报名不少于十位客户",
	"新人送训名单本周五前报营业室",
	"对低活动量业务员进行一对一面谈",
)


def make_demo_meetings(months: int = 2) -> dict:
	"""Past meetings of every office over the last `months` months and this month, up to yesterday."""
	day = getdate(today())
	first = getdate(add_months(day, -months)).replace(day=1)
	types = frappe.get_all(
		"Meeting Type",
		filters={"enabled": 1, "schedule_rule": ("in", list(RULE_KINDS))},
		fields=["name", "schedule_rule"],
		order_by="name",
	)
	made = 0
	for office in all_offices():
		for offset in range(months + 1):
			month = getdate(add_months(first, offset))
			meetings, _notes = office_meeting_dates(office, month.year, month.month)
			for meeting_type in types:
				for meeting in meetings:
					if meeting.kind != RULE_KINDS[meeting_type.schedule_rule] or meeting.scheduled >= day:
						continue
					if frappe.db.exists(
						MEETING_SESSION,
						{"office": office, "meeting_type": meeting_type.name, "rule_date": meeting.nominal},
					):
						continue
					rng = random.Random(f"{office}|{meeting_type.name}|{meeting.nominal}")
					make_past_meeting(rng, office, meeting_type.name, meeting, day)
					made += 1
	flagged = flag_meetings_not_held(day)["flagged"]
	return {"meetings": made, "not_held": flagged}


def make_past_meeting(rng: random.Random, office: str, meeting_type: str, meeting, day) -> None:
	start_time = weighted(rng, STARTS)
	session = new_session(
		office, meeting_type, meeting, planned_start=min(start_time, time(14, 0)).isoformat()
	)
	if rng.random() < MISSED:
		return  # never opened: flagged Not Held at the end

	held_on = meeting.scheduled
	if rng.random() < HELD_A_DAY_LATE and meeting.scheduled + timedelta(days=1) < day:
		held_on = meeting.scheduled + timedelta(days=1)
	minutes = rng.randint(20, 30) if rng.random() < TOO_SHORT else rng.randint(40, 95)
	start = datetime.combine(held_on, start_time)
	session.actual_start = start
	session.actual_end = start + timedelta(minutes=minutes)
	record_attendance(rng, session, start)
	record_agenda(rng, session, minutes)
	record_action_items(rng, session, held_on)
	session.save(ignore_permissions=True)

	if rng.random() >= NOT_ASSESSED:
		assess(rng, session)
	close_some_todos(rng, session, day)


def weighted(rng: random.Random, options):
	values, weights = zip(*options, strict=True)
	return rng.choices(values, weights=weights)[0]


def record_attendance(rng: random.Random, session, start: datetime) -> None:
	for row in session.attendees:
		row.attendance = weighted(rng, ATTENDANCE)
		if row.attendance in (ON_SITE, REMOTE):
			row.arrival_time = (
				(start + timedelta(minutes=rng.choice((-5, -2, 0, 0, 3, 8)))).time().isoformat()
			)


def record_agenda(rng: random.Random, session, minutes: int) -> None:
	check_share = rng.uniform(0.45, 0.78)
	checks = [row for row in session.agenda if row.is_check_step]
	others = [row for row in session.agenda if not row.is_check_step]
	for row in checks:
		row.minutes_spent = round(minutes * check_share / len(checks))
	for row in others:
		row.minutes_spent = round(minutes * (1 - check_share if checks else 1) / len(others))
	for row in session.agenda:
		if rng.random() < 0.9:
			row.notes = rng.choice(SECTION_NOTES.get(row.section_title, ["已按议程讨论并记录。"]))


def record_action_items(rng: random.Random, session, held_on) -> None:
	people = [row.employee for row in session.attendees] or [session.host]
	people = [p for p in people if p]
	for action in rng.sample(ACTIONS, rng.randint(1, 3)):
		session.append(
			"action_items",
			{
				"action": action,
				"responsible": rng.choice(people) if people else None,
				"due_date": held_on + timedelta(days=7) if rng.random() < 0.9 else None,
			},
		)


def assess(rng: random.Random, session) -> None:
	"""An assessor's scores, near the pre-score with some judgement of their own."""
	base = (session.pre_score or 60) / 100
	for row in session.quality_scores:
		share = min(1.0, max(0.2, base + rng.uniform(-0.2, 0.15)))
		row.score = round(row.max_score * share, 1)
	session.quality_check_complete = 1
	session.assessor_comment = "检视环节追问到位" if base > 0.7 else "检视时间不足，行动计划需更具体"
	session.save(ignore_permissions=True)


def close_some_todos(rng: random.Random, session, day) -> None:
	for item in session.action_items:
		if item.todo and item.due_date and getdate(item.due_date) < day and rng.random() < 0.7:
			todo = frappe.get_doc("ToDo", item.todo)
			todo.status = "Closed"
			todo.save(ignore_permissions=True)
