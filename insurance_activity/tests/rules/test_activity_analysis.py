from insurance_activity.rules.activity_analysis import (
	GROUP_AGENT,
	GROUP_OFFICE,
	GROUP_TEAM,
	NO_LOG,
	item_totals,
	percent,
	report_status,
	shortfalls,
	summarise_by_unit,
	team_totals,
	volume_summary,
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


def test_a_holiday_log_counts_as_a_log_but_not_toward_days_met():
	summary = volume_summary([log("A", "S", "North", working=False)])
	assert summary == {"agents": 1, "logs": 1, "working_day_logs": 0, "days_met": 0, "met_share": None}


def test_days_met_is_the_share_of_working_day_logs_that_met_5311():
	summary = volume_summary(LOGS)
	assert summary["agents"] == 3
	assert summary["logs"] == 5
	assert summary["working_day_logs"] == 4
	assert summary["days_met"] == 2  # A's full day and B's
	assert summary["met_share"] == 50.0


def test_by_agent_each_agent_has_their_volume_and_attainment():
	rows = by_unit(summarise_by_unit(LOGS, GROUP_AGENT))
	assert set(rows) == {"A", "B", "C"}
	a = rows["A"]
	assert (a["logs"], a["working_day_logs"], a["days_met"], a["met_share"]) == (3, 2, 1, 50.0)
	assert (a["phone_appointments"], a["phone_appointments_target"]) == (8, 10)
	assert a["phone_appointments_attainment"] == 80.0
	assert a["referrals_attainment"] is None  # no referral target in 5311
	assert rows["C"]["phone_appointments_attainment"] == 80.0
	assert rows["C"]["met_share"] == 0.0


def test_by_team_the_unit_is_the_logs_supervisor_and_no_supervisor_comes_last():
	rows = summarise_by_unit(LOGS, GROUP_TEAM, labels={"S": "Supervisor S"})
	assert [r["unit"] for r in rows] == ["S", None]
	team = rows[0]
	assert team["unit_name"] == "Supervisor S"
	assert (team["agents"], team["logs"], team["days_met"]) == (2, 4, 2)
	assert team["sales_interviews"] == 7
	assert team["sales_interviews_target"] == 9


def test_by_office_rows_are_sorted_by_label():
	rows = summarise_by_unit(LOGS, GROUP_OFFICE, labels={"North": "Z North", "South": "A South"})
	assert [r["unit"] for r in rows] == ["South", "North"]
	assert rows[1]["agents"] == 2


def test_every_log_lands_in_exactly_one_unit_whatever_the_grouping():
	for group_by in (GROUP_AGENT, GROUP_TEAM, GROUP_OFFICE):
		rows = summarise_by_unit(LOGS, group_by)
		assert sum(r["logs"] for r in rows) == len(LOGS)
		assert sum(r["phone_appointments"] for r in rows) == 18


def test_no_logs_no_rows():
	assert summarise_by_unit([], GROUP_AGENT) == []


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
