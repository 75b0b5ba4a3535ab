from insurance_activity.rules.activity_analysis import (
	GROUP_AGENT,
	GROUP_OFFICE,
	GROUP_TEAM,
	NO_LOG,
	item_totals,
	overall,
	percent,
	report_status,
	shortfalls,
	team_of,
	team_totals,
	unit_rows,
)
from insurance_activity.rules.activity_standards import AGENT_ITEMS

TARGETS_5311 = {
	"phone_appointments": 5,
	"sales_interviews": 3,
	"recruiting_visits": 1,
	"new_prospects": 1,
	"referrals": 0,
}


def log(agent, supervisor, office, working=True, met=None, targets=TARGETS_5311, **actuals):
	row = {"agent": agent, "supervisor": supervisor, "office": office, "is_working_day": int(working)}
	for item in AGENT_ITEMS:
		row[item] = actuals.get(item, 0)
		row[f"{item}_target"] = targets[item] if working else 0
	if met is None:
		met = all(row[i] >= row[f"{i}_target"] for i in AGENT_ITEMS)
	row["standard_met"] = int(met)
	return row


FULL_DAY = {"phone_appointments": 5, "sales_interviews": 3, "recruiting_visits": 1, "new_prospects": 1}

# Office North: supervisor S leads A and B. Office South: C reports to nobody.
LOGS = [
	log("A", "S", "North", **FULL_DAY),
	log("A", "S", "North", phone_appointments=2, sales_interviews=1),
	log("A", "S", "North", working=False, phone_appointments=1),
	log("B", "S", "North", phone_appointments=6, sales_interviews=3, recruiting_visits=1, new_prospects=2),
	log("C", None, "South", phone_appointments=4, sales_interviews=3, recruiting_visits=1, new_prospects=1),
]


def by_unit(rows):
	return {r["unit"]: r for r in rows}


def test_percent_is_none_without_a_target():
	assert percent(3, 0) is None
	assert percent(2, 3) == 66.7
	assert percent(6, 5) == 120.0


def test_item_totals_add_actuals_and_the_targets_that_applied_each_day():
	totals = item_totals(LOGS)
	assert totals["phone_appointments"] == {"actual": 18, "target": 20}
	assert totals["referrals"] == {"actual": 0, "target": 0}


def totals_of(logs):
	"""The database's part, done by hand: logs added up per agent and kind of day."""
	groups = {}
	for row in logs:
		key = (row["agent"], row["is_working_day"])
		total = groups.setdefault(key, {"agent": key[0], "is_working_day": key[1], "logs": 0, "days_met": 0})
		total["logs"] += 1
		total["days_met"] += row["standard_met"]
		for item in AGENT_ITEMS:
			for field in (item, f"{item}_target"):
				total[field] = total.get(field, 0) + row[field]
	return list(groups.values())


# S heads a team (A, B report to S); C reports to nobody; D (no log at all) reports to S.
MEMBERS = {
	"A": {"team": "S", "office": "North"},
	"B": {"team": "S", "office": "North"},
	"C": {"team": None, "office": "South"},
	"D": {"team": "S", "office": "North"},
}
WORKING_DAYS = {"A": 5, "B": 5, "C": 5, "D": 5}


def rows_of(group_by, logs=LOGS, members=MEMBERS, days=WORKING_DAYS, labels=None):
	return unit_rows(totals_of(logs), members, days, group_by, labels)


def test_a_day_without_a_log_is_a_day_not_met():
	rows = by_unit(rows_of(GROUP_AGENT))
	a = rows["A"]
	# A met 5311 once in 5 working days: 20%, not 1 of 2 working-day logs (50%)
	assert (a["logs"], a["working_day_logs"], a["working_days"], a["days_met"]) == (3, 2, 5, 1)
	assert a["met_share"] == 20.0


def test_an_agent_without_a_log_has_a_row_of_zero_met_days():
	d = by_unit(rows_of(GROUP_AGENT))["D"]
	assert (d["logs"], d["working_days"], d["days_met"], d["met_share"]) == (0, 5, 0, 0.0)
	assert d["phone_appointments_attainment"] is None  # no log, no target: nothing to compare


def test_attainment_is_working_day_actual_over_working_day_target():
	a = by_unit(rows_of(GROUP_AGENT))["A"]
	# 7 on working days against 10; the 1 on a day off is shown apart, not added
	assert (a["phone_appointments"], a["phone_appointments_target"]) == (7, 10)
	assert a["phone_appointments_attainment"] == 70.0
	assert a["phone_appointments_days_off"] == 1
	assert a["days_off_logs"] == 1
	assert a["referrals_attainment"] is None  # no referral target in 5311


def test_weekend_work_never_lifts_attainment_above_the_working_days():
	logs = [
		log("E", "S", "North", phone_appointments=3),
		log("E", "S", "North", phone_appointments=4),
		log("E", "S", "North", working=False, phone_appointments=4),
	]
	e = by_unit(unit_rows(totals_of(logs), {"E": MEMBERS["A"]}, {"E": 2}, GROUP_AGENT))["E"]
	assert e["phone_appointments_attainment"] == 70.0  # not (3+4+4)/10 = 110%
	assert e["phone_appointments_days_off"] == 4


def test_nothing_to_measure_is_none_not_zero():
	rows = by_unit(unit_rows([], {"A": MEMBERS["A"]}, {"A": 0}, GROUP_AGENT))
	assert rows["A"]["met_share"] is None
	assert overall(rows.values())["met_share"] is None


def test_team_of_a_supervisor_is_their_own_team():
	assert team_of("S", "M", {"S"}) == "S"
	assert team_of("A", "S", {"S"}) == "S"
	assert team_of("C", None, {"S"}) is None


def test_by_team_the_supervisors_own_logs_are_in_their_own_team():
	logs = [*LOGS, log("S", "M", "North", **FULL_DAY)]
	members = {**MEMBERS, "S": {"team": team_of("S", "M", {"S"}), "office": "North"}}
	days = {**WORKING_DAYS, "S": 5}
	rows = rows_of(GROUP_TEAM, logs, members, days, labels={"S": "Supervisor S"})
	assert [r["unit"] for r in rows] == ["S", None]  # no row for M: S's log is in S's team
	team = rows[0]
	assert team["unit_name"] == "Supervisor S"
	assert (team["agents"], team["logs"], team["working_days"], team["days_met"]) == (4, 5, 20, 3)
	assert team["sales_interviews"] == 10


def test_by_office_rows_are_sorted_by_label():
	rows = rows_of(GROUP_OFFICE, labels={"North": "Z North", "South": "A South"})
	assert [r["unit"] for r in rows] == ["South", "North"]
	assert rows[1]["agents"] == 3


def test_every_log_and_working_day_lands_in_exactly_one_unit_whatever_the_grouping():
	for group_by in (GROUP_AGENT, GROUP_TEAM, GROUP_OFFICE):
		rows = rows_of(group_by)
		summary = overall(rows)
		assert sum(r["logs"] for r in rows) == len(LOGS)
		assert sum(r["phone_appointments"] + r["phone_appointments_days_off"] for r in rows) == 18
		assert (summary["working_days"], summary["days_met"], summary["met_share"]) == (20, 2, 10.0)


def test_no_agents_no_rows():
	assert unit_rows([], {}, {}, GROUP_AGENT) == []


def test_shortfalls_name_each_item_short_of_its_target():
	assert shortfalls(LOGS[1]) == {
		"phone_appointments": 3,
		"sales_interviews": 2,
		"recruiting_visits": 1,
		"new_prospects": 1,
	}
	assert shortfalls(LOGS[0]) == {}


def test_a_report_without_a_log_is_missing_the_log_itself():
	status = report_status(None, tracked=False)
	assert status == {"logged": False, "met": False, "missing": {NO_LOG: 1}, "tracked": False}


def test_a_report_who_met_5311_and_was_called_shows_done():
	status = report_status(LOGS[0], tracked=True)
	assert status == {"logged": True, "met": True, "missing": {}, "tracked": True}


def test_team_totals_count_logged_met_and_tracked_reports():
	reports = [
		{**report_status(LOGS[0], tracked=True), "log": LOGS[0]},
		{**report_status(LOGS[1], tracked=False), "log": LOGS[1]},
		{**report_status(None, tracked=True), "log": None},
	]
	totals = team_totals(reports)
	assert (totals["size"], totals["logged"], totals["met"], totals["tracked"]) == (3, 2, 1, 2)
	assert totals["items"]["phone_appointments"] == {"actual": 7, "target": 10}
