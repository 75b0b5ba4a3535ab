"""Activity-point contests (活动积分竞赛): points, caps, multipliers, versioned rules, qualification, ranking."""

from datetime import date

from insurance_activity.rules.contest_points import (
	DayActivity,
	PointsRule,
	Qualification,
	Standing,
	day_points,
	rank,
	rule_in_force,
	standings,
	tier_multiplier,
)

D1, D10, D20 = date(2027, 3, 1), date(2027, 3, 10), date(2027, 3, 20)
RULES = [
	PointsRule("Phone Appointment", 1, 5, D1),
	PointsRule("Sales Interview", 3, 0, D1),
	PointsRule("Sales Interview", 4, 0, D10),  # changed mid-contest: a new row from the 10th
]


def test_points_are_capped_per_kind_and_multiplied_by_tier():
	day = [
		DayActivity("Phone Appointment", 4),
		DayActivity("Phone Appointment", 3),
		DayActivity("Sales Interview", 2),
	]
	points = day_points(day, RULES, D1, multiplier=1.5)
	assert points.activities == 5 + 2  # 7 phone appointments capped at 5
	assert points.raw_points == 5 * 1 + 2 * 3
	assert points.points == 16.5


def test_an_invalidated_activity_never_scores():
	day = [DayActivity("Sales Interview", 1, valid=False), DayActivity("Sales Interview", 1)]
	assert day_points(day, RULES, D1).points == 3


def test_an_empty_count_is_one_activity_and_an_unruled_kind_scores_nothing():
	assert day_points([DayActivity("Sales Interview", 0), DayActivity("Referral", 9)], RULES, D1).points == 3


def test_the_rule_in_force_on_the_activity_date_applies():
	assert rule_in_force(RULES, "Sales Interview", D1).points == 3
	assert rule_in_force(RULES, "Sales Interview", date(2027, 3, 9)).points == 3
	assert rule_in_force(RULES, "Sales Interview", D10).points == 4
	assert rule_in_force(RULES, "Sales Interview", date(2027, 2, 28)) is None
	assert day_points([DayActivity("Sales Interview", 1)], RULES, D20).points == 4


def test_a_tier_without_multiplier_counts_once():
	assert tier_multiplier("5", {"5": 1.2}) == 1.2
	assert tier_multiplier("2", {"5": 1.2}) == 1.0
	assert tier_multiplier(None, {}) == 1.0


def ledger(agent, team, day, points, met):
	return {"agent": agent, "team": team, "day": day, "points": points, "standard_met": met}


def test_team_totals_add_their_members_and_count_each_member_day_met():
	rows = [ledger("a1", "s", D1, 10, 1), ledger("a2", "s", D1, 5, 1), ledger("b1", "t", D10, 12, 0)]
	teams = {s.participant: s for s in standings(rows, key="team")}
	assert teams["s"].points == 15 and teams["s"].standard_met_days == 2
	assert teams["t"].points == 12 and teams["t"].reached_on == D10


def test_qualification_needs_the_standard_met_days_and_the_policies_when_asked():
	rows = [ledger("a1", "s", D1, 10, 1), ledger("a1", "s", D10, 10, 1), ledger("a2", "s", D1, 30, 0)]
	found = {s.participant: s for s in standings(rows, policies={"a1": 1})}
	ranked = {r.standing.participant: r for r in rank(found.values(), Qualification(2))}
	assert ranked["a1"].qualified and not ranked["a2"].qualified
	ranked = {r.standing.participant: r for r in rank(found.values(), Qualification(2, min_policies=2))}
	assert not ranked["a1"].qualified


def test_ties_go_to_more_standard_met_days_then_the_earlier_day_then_the_name():
	entries = [
		Standing("x", "Zhao", 20, 1, D1),
		Standing("y", "Qian", 20, 2, D20),
		Standing("z", "Sun", 20, 1, D10),
		Standing("w", "Li", 20, 1, D10),
		Standing("v", "Zhou", 30, 0, D20),
		Standing("u", "Wu", 0, 0, None),
	]
	order = [r.standing.participant for r in rank(entries, Qualification())]
	assert order == ["v", "y", "x", "w", "z", "u"]
	assert [r.rank for r in rank(entries, Qualification())] == [1, 2, 3, 4, 5, 6]
