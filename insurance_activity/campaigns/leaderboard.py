"""The live leaderboard of a points contest (积分竞赛排行榜), per contest and office.

Who sees what (the one permission rule): a contest is read by the people of its offices (their own office,
the offices they run), by finance and by admins; the ranking shows the contest's participants in the offices the viewer
may see the contest for (admins and finance: every office of the contest), and may be narrowed to one of them. Every
participant's points are shown (the ranking is the contest's public board); amounts (rewards) are not
here.

Ranking (rules/contest_points.py, `tie_break_key`): more points first, then more standard-met days, then the
earlier day the total was reached (the last day that added points), then the name. Qualified: at least the
contest's minimum standard-met days in the period and, when set, its minimum policies issued in the period
(Insurance Policy: In Force or Lapsed, issued in the period; a cooling-off cancellation only when the
settings count it). A team is a supervisor's team (the head and their direct reports, as the log records).
"""

import frappe
from frappe import _
from frappe.utils import escape_html, getdate

from insurance_activity.campaigns.contest_ledger import CONTEST, LEDGER
from insurance_activity.org import employee_of_user
from insurance_activity.permissions import offices_read
from insurance_activity.rules.contest_points import Qualification, rank, standings
from insurance_activity.rules.production.policies import CANCELLED_IN_COOLING_OFF, IN_FORCE, LAPSED
from insurance_activity.settings import get_settings

TEAM = "Team"


def readable_contest(contest) -> "frappe.model.document.Document":
	"""The contest, when the session user may read it: frappe.ValidationError for a name that is not
	text, DoesNotExistError for no such contest, PermissionError when the rule denies it."""
	if not isinstance(contest, str) or not contest.strip() or len(contest) > 140:
		frappe.throw(_("Choose a points contest."), frappe.ValidationError)
	if not frappe.db.exists(CONTEST, contest):
		frappe.throw(
			_("No points contest {0}.").format(frappe.bold(escape_html(contest))), frappe.DoesNotExistError
		)
	doc = frappe.get_doc(CONTEST, contest)
	doc.check_permission("read")
	return doc


def leaderboard(contest: str, office: str | None = None, user: str | None = None) -> dict:
	"""The ranking of `contest` for `user` (default: the session user), over the offices they may see it for,
	or over `office` alone (one of those). Returns {"contest", "participation", "from_date", "to_date",
	"offices": [offices shown], "office", "rows": [{"rank", "participant", "name", "points",
	"standard_met_days", "policies", "qualified", "is_me"}]}; points in contest points (2 decimals)."""
	user = user or frappe.session.user
	doc = readable_contest(contest)
	listed = [row.office for row in doc.offices]
	offices = offices_read(CONTEST, listed, user)
	if office:
		if office not in offices:
			frappe.throw(
				_("{0} is not an office of this contest you can see.").format(escape_html(str(office)[:140])),
				frappe.PermissionError,
			)
		shown = [office]
	else:
		shown = offices
	key = participant_key(doc)
	rows, ranked = ranking(doc, shown)
	me = employee_of_user(user)
	mine = {me} if key == "agent" else {row["team"] for row in rows if row["agent"] == me}
	return {
		"contest": doc.name,
		"participation": doc.participation,
		"from_date": str(doc.from_date),
		"to_date": str(doc.to_date),
		"offices": offices,
		"office": office,
		"rows": [
			{
				"rank": r.rank,
				"participant": r.standing.participant,
				"name": r.standing.name,
				"points": r.standing.points,
				"standard_met_days": r.standing.standard_met_days,
				"policies": r.standing.policies,
				"qualified": r.qualified,
				"is_me": bool(me) and r.standing.participant in mine,
			}
			for r in ranked
		],
	}


def participant_key(doc) -> str:
	"""The ledger field naming a participant: "team" (the head of the team) or "agent"."""
	return "team" if doc.participation == TEAM else "agent"


def ranking(doc, offices: list[str]) -> tuple[list[dict], list]:
	"""The contest's ranking over `offices` (no permission check: the caller decides what is shown): the
	ledger rows read ({"agent", "team", "office", "day", "points", "standard_met"}) and the ranked
	participants (rules.contest_points.Ranked, in leaderboard order). The Reward Settlement ranks over every
	office of the contest with this, so the settlement and the leaderboard agree."""
	key = participant_key(doc)
	rows = (
		frappe.get_all(
			LEDGER,
			filters={"contest": doc.name, "office": ("in", offices)},
			fields=["agent", "team", "office", "day", "points", "standard_met"],
			order_by="day asc",
		)
		if offices
		else []
	)
	for row in rows:
		row["day"] = getdate(row["day"])
	participants = sorted({row[key] for row in rows if row[key]})
	names = dict(
		frappe.get_all(
			"Employee",
			filters={"name": ("in", participants or [""])},
			fields=["name", "employee_name"],
			as_list=True,
		)
	)
	policies = policies_of(doc, rows, key) if doc.min_policies else {}
	ranked = rank(
		standings(rows, key=key, names=names, policies=policies),
		Qualification(int(doc.min_standard_met_days or 0), int(doc.min_policies or 0)),
	)
	return rows, ranked


def policies_of(doc, rows: list, key: str) -> dict[str, int]:
	"""Participant -> policies issued in the contest's period by its agents (a team: its members in the
	ledger rows), counted as production counts a sale (In Force or Lapsed; cooling-off per the settings)."""
	agents = sorted({row["agent"] for row in rows})
	if not agents:
		return {}
	statuses = [IN_FORCE, LAPSED]
	if get_settings().count_cooling_off_cancellations:
		statuses.append(CANCELLED_IN_COOLING_OFF)
	counts = dict(
		frappe.get_all(
			"Insurance Policy",
			filters={
				"agent": ("in", agents),
				"issue_date": ("between", [doc.from_date, doc.to_date]),
				"status": ("in", statuses),
			},
			fields=["agent", "count(name) as n"],
			group_by="agent",
			as_list=True,
		)
	)
	if key == "agent":
		return counts
	team_of = {row["agent"]: row["team"] for row in rows}
	found: dict[str, int] = {}
	for agent, n in counts.items():
		found[team_of[agent]] = found.get(team_of[agent], 0) + int(n)
	return found


def running_contests(day=None) -> list[dict]:
	"""The contests the session user reads (frappe.get_list: the permission rule), running on `day` first,
	then the others, newest first: [{"name", "from_date", "to_date", "participation", "running"}]."""
	day = getdate(day)
	contests = frappe.get_list(
		CONTEST, fields=["name", "from_date", "to_date", "participation"], order_by="from_date desc", limit=50
	)
	for contest in contests:
		contest["running"] = getdate(contest.from_date) <= day <= getdate(contest.to_date)
	return sorted(contests, key=lambda c: not c["running"])
