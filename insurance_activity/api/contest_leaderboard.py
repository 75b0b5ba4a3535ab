"""Points contest leaderboard endpoints (积分竞赛排行榜) for the desk page `contest-leaderboard` and the number
card "Contest Leaders". Both answer for the session user under the one permission rule (campaigns/leaderboard.py);
ties are broken by more points, more standard-met days, the earlier day the total was reached, then the name.
"""

import frappe
from frappe import _

from insurance_activity.analytics.figures import on_day
from insurance_activity.campaigns import leaderboard as board

CONTEST = "Points Contest"


@frappe.whitelist()
@frappe.read_only()
def get_leaderboard(contest: str, office: str | None = None) -> dict:
	"""The ranking of `contest` (a Points Contest the caller reads) over the offices the caller sees it for,
	or one of them (`office`). See campaigns.leaderboard.leaderboard for the shape. Raises
	frappe.ValidationError for a contest name that is not text, DoesNotExistError for no such contest,
	PermissionError for a contest or office the caller may not see."""
	frappe.has_permission(CONTEST, "read", throw=True)
	if office is not None and not isinstance(office, str):
		frappe.throw(_("Choose an office of the contest."), frappe.ValidationError)
	return board.leaderboard(contest, office or None)


@frappe.whitelist()
@frappe.read_only()
def list_contests(day: str | None = None) -> list[dict]:
	"""The contests the caller reads, those running on `day` (default today) first. Raises
	frappe.ValidationError for a day that is not a date."""
	frappe.has_permission(CONTEST, "read", throw=True)
	return board.running_contests(on_day(day))


@frappe.whitelist()
@frappe.read_only()
def contest_leaders(filters=None, day: str | None = None) -> dict:
	"""Number card "Contest Leaders" (积分竞赛领先者): the leading score (points) among the contests running on
	`day` (default today) that the caller reads, each ranked over the offices they see it for; 0 when none
	runs. The card opens the leaderboard, which names the leaders: Frappe's number card shows a number only
	(its widget shortens and formats the value as one; a text value breaks the workspace). Returns
	{"value": float, "fieldtype": "Float", "route": ["contest-leaderboard"]}. Computed per caller, never
	cached across users."""
	frappe.has_permission(CONTEST, "read", throw=True)
	top = 0.0
	for contest in board.running_contests(on_day(day)):
		if contest["running"]:
			rows = board.leaderboard(contest["name"])["rows"]
			if rows:
				top = max(top, float(rows[0]["points"] or 0))
	return {"value": top, "fieldtype": "Float", "route": ["contest-leaderboard"]}
