"""Points contest leaderboard endpoints (积分竞赛排行榜) for the desk page `contest-leaderboard` and the number
card "Contest Leaders". Both answer for the session user under the one permission rule (campaigns/leaderboard.py);
ties are broken by more points, more standard-met days, the earlier day the total was reached, then the name.
"""

import frappe
from frappe import _

from insurance_activity.analytics.figures import on_day
from insurance_activity.campaigns import leaderboard as board

CONTEST = "Points Contest"
LEADERS_SHOWN = 3  # contests named on the number card


@frappe.whitelist()
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
def list_contests(day: str | None = None) -> list[dict]:
	"""The contests the caller reads, those running on `day` (default today) first. Raises
	frappe.ValidationError for a day that is not a date."""
	frappe.has_permission(CONTEST, "read", throw=True)
	return board.running_contests(on_day(day))


@frappe.whitelist()
def contest_leaders(filters=None, day: str | None = None) -> dict:
	"""Number card "Contest Leaders" (积分竞赛领先者): the leader of each contest running on `day` (default
	today) that the caller reads, over the offices they see it for, as "name (points)" joined by " / "
	(at most LEADERS_SHOWN contests); "—" when none runs. Returns {"value": str, "fieldtype": "Data",
	"route": ["contest-leaderboard"]}. Computed per caller, never cached across users."""
	frappe.has_permission(CONTEST, "read", throw=True)
	leaders = []
	for contest in board.running_contests(on_day(day)):
		if not contest["running"] or len(leaders) >= LEADERS_SHOWN:
			continue
		rows = board.leaderboard(contest["name"])["rows"]
		if rows and rows[0]["points"] > 0:
			leaders.append(f"{rows[0]['name']} ({frappe.format(rows[0]['points'], 'Float')})")
	return {"value": " / ".join(leaders) or "—", "fieldtype": "Data", "route": ["contest-leaderboard"]}
