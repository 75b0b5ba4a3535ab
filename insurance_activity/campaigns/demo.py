"""Demo activity campaigns (活动企划): one published campaign of each kind for every demo office, spread
over the last weeks of the history, each with its agents, invited customers (policy holders of the offices,
some of whom came) and some of the agents' interviews of those days naming it.

Called by the demo command (setup/demo.py) after the logs and policies. Deterministic for a seed; a reload
replaces the demo's campaigns and the rows naming them.
"""

import random
from datetime import timedelta

import frappe
from frappe.query_builder import DocType
from frappe.utils import getdate, today

from insurance_activity.campaigns.demo_contest import DEMO_CONTEST
from insurance_activity.org import all_offices, unit_employees
from insurance_activity.rules.campaigns import KINDS, POINTS_CONTEST

# kind -> (name, place, content, materials (kind, description, quantity), preparation)
DEMO_CAMPAIGNS = {
	"Warming Platform": (
		"客户升温茶话会",
		"营业室三楼多功能厅",
		"健康讲座与茶艺体验，邀请中低温度客户，拉近关系。",
		(("Letter", "邀请函", 60), ("Gift", "茶叶小礼盒", 50)),
		("预订场地", "确认讲师", "打印邀请函"),
	),
	"Value Customer Event": (
		"价值客户答谢晚宴",
		"市中心酒店宴会厅",
		"答谢高价值客户，介绍家庭资产配置与加保方案。",
		(("Letter", "答谢信", 40), ("Gift", "定制礼品", 40), ("Media", "宣传视频", 1)),
		("预订酒店", "准备客户名单", "彩排流程"),
	),
	"High Potential Event": (
		"高潜客户理财沙龙",
		"营业室会议室",
		"面向高潜客户的养老与教育金规划沙龙。",
		(("Questionnaire", "家庭保障需求问卷", 80), ("Gift", "精美笔记本", 60)),
		("准备讲义", "印制问卷"),
	),
	"Visiting Theme": (
		"季度拜访主题：家庭保障检视",
		"客户家中",
		"本季度以保单检视为拜访理由，带问卷和小礼品上门。",
		(("Questionnaire", "保单检视问卷", 200), ("Gift", "小礼品", 200), ("Letter", "拜访信", 200)),
		("培训话术", "分发物料"),
	),
	"Points Contest": (
		"月度活动量积分竞赛",
		"全营业室",
		"按活动量积分排名，激励每日达标。",
		(("Media", "排行榜海报", 3),),
		("公布规则", "准备奖品"),
	),
}
INVITEES_PER_OFFICE = 8
AGENTS_PER_OFFICE = 5
ROW = DocType("Agent Log Activity")
LOG = DocType("Agent Log")


def make_demo_campaigns(months: int = 2, seed: int = 2026) -> dict:
	"""One published campaign of each kind (KINDS) per demo office over the last 25 days; returns
	{"campaigns": n, "invitees": n, "rows": activity rows naming a campaign}."""
	remove_demo_campaigns()
	end = getdate(today())
	made = {"campaigns": 0, "invitees": 0, "rows": 0}
	for office in all_offices():
		# each office its own stream: an office's campaigns do not depend on the offices before it
		rng = random.Random(f"{seed}:campaigns:{office}")
		people = unit_employees(office)
		if not people:
			continue
		holders = sorted(
			set(
				frappe.get_all(
					"Insurance Policy",
					{"agent": ("in", people), "customer": ("is", "set")},
					pluck="customer",
				)
			)
		)
		for index, kind in enumerate(KINDS):
			start = end - timedelta(days=25 - 5 * index)
			campaign = make_campaign(rng, kind, office, people, holders, start, start + timedelta(days=4))
			made["campaigns"] += 1
			made["invitees"] += invite(rng, campaign, holders)
			made["rows"] += name_follow_ups(rng, campaign, [row.employee for row in campaign.agents])
	return made


def make_campaign(rng, kind, office, people, holders, start, end):
	name, place, content, materials, preparation = DEMO_CAMPAIGNS[kind]
	agents = rng.sample(people, min(AGENTS_PER_OFFICE, len(people)))
	campaign = frappe.get_doc(
		{
			"doctype": "Activity Campaign",
			"campaign_name": name,
			"kind": kind,
			# the points contest campaign announces the demo's running contest (made just before)
			"points_contest": DEMO_CONTEST if kind == POINTS_CONTEST else None,
			"from_date": start,
			"to_date": end,
			"place": place,
			"content": content,
			"budget": rng.choice((2000, 5000, 8000)),
			"offices": [{"office": office}],
			"target_quadrants": [{"quadrant": "Warm Up"}, {"quadrant": "Convert"}],
			"preparation": [{"item": item, "done": 1} for item in preparation],
			"materials": [{"material_kind": k, "description": d, "quantity": q} for k, d, q in materials],
			"expected_invitations": min(INVITEES_PER_OFFICE, len(holders)) + 2,
			"expected_attendees": max(min(INVITEES_PER_OFFICE, len(holders)) // 2, 1),
			"expected_interviews": 10,
			"expected_policies": 2,
			"agents": [{"employee": employee} for employee in agents],
		}
	)
	campaign.insert(ignore_permissions=True)
	campaign.submit()
	return campaign


def invite(rng, campaign, holders: list[str]) -> int:
	"""Invite up to INVITEES_PER_OFFICE of the office's policy holders; about 60% come. Returns how many."""
	invited = rng.sample(holders, min(INVITEES_PER_OFFICE, len(holders)))
	for customer in invited:
		came = rng.random() < 0.6
		frappe.get_doc(
			{
				"doctype": "Activity Campaign Invitee",
				"campaign": campaign.name,
				"party_type": "Customer",
				"party": customer,
				"reply": "Accepted" if came else rng.choice(("Pending", "Declined")),
				"attended": 1 if came else 0,
			}
		).insert(ignore_permissions=True)
	return len(invited)


def name_follow_ups(rng, campaign, agents: list[str]) -> int:
	"""About half of the agents' interview rows of the campaign's days (submitted logs) name it."""
	rows = [
		row[0]
		for row in frappe.qb.from_(ROW)
		.join(LOG)
		.on(ROW.parent == LOG.name)
		.select(ROW.name)
		.where(
			(ROW.parenttype == "Agent Log")
			& (LOG.docstatus == 1)
			& LOG.agent.isin(agents)
			& LOG.log_date.between(campaign.from_date, campaign.to_date)
			& (ROW.standard_item == "sales_interviews")
			& ROW.activity_campaign.isnull()
		)
		.orderby(ROW.name)
		.run()
	]
	chosen = [name for name in rows if rng.random() < 0.5]
	if chosen:
		frappe.qb.update(ROW).set(ROW.activity_campaign, campaign.name).where(ROW.name.isin(chosen)).run()
	return len(chosen)


def remove_demo_campaigns():
	"""The campaigns a previous load made (by their names), their rows, and the log rows naming them."""
	names = frappe.get_all(
		"Activity Campaign", {"campaign_name": ("in", [v[0] for v in DEMO_CAMPAIGNS.values()])}, pluck="name"
	)
	if not names:
		return
	frappe.qb.update(ROW).set(ROW.activity_campaign, None).where(ROW.activity_campaign.isin(names)).run()
	for child in (
		"Activity Campaign Office",
		"Activity Campaign Quadrant",
		"Activity Campaign Preparation",
		"Activity Campaign Material",
		"Activity Campaign Agent",
	):
		frappe.db.delete(child, {"parenttype": "Activity Campaign", "parent": ("in", names)})
	frappe.db.delete("Activity Campaign Invitee", {"campaign": ("in", names)})
	frappe.db.delete("Activity Campaign", {"name": ("in", names)})
