"""Unit alerts (单位预警): an office below the average of its branch's offices N months in a row, and the
likely causes against the branch."""

from datetime import date

from insurance_activity.rules.unit_alerts import (
	CT_ATTAINMENT,
	HAS_SALE_RATE,
	below_average_streaks,
	likely_causes,
	month_to_alert,
	months_back,
)

PERIODS = ["2030-02", "2030-03", "2030-04"]


def ct_rows(values: dict[str, list], group="Branch", periods=PERIODS) -> list[dict]:
	return [
		{"unit": unit, "group": group, "period": period, "ct_value": value, "has_sale_rate": 50}
		for unit, unit_values in values.items()
		for period, value in zip(periods, unit_values, strict=True)
	]


def test_an_office_below_the_average_every_month_is_a_streak():
	(streak,) = below_average_streaks(
		ct_rows({"A": [30, 30, 20], "B": [60, 70, 70], "C": [60, 40, 40]}), PERIODS
	)
	assert (streak["unit"], streak["measure"], streak["group"]) == ("A", CT_ATTAINMENT, "Branch")
	assert streak["periods"] == [
		{"period": "2030-02", "value": 30.0, "average": 50.0},
		{"period": "2030-03", "value": 30.0, "average": 46.67},
		{"period": "2030-04", "value": 20.0, "average": 43.33},
	]


def test_two_months_below_out_of_three_is_no_streak():
	streaks = below_average_streaks(ct_rows({"A": [60, 30, 20], "B": [40, 70, 70]}), PERIODS)
	assert streaks == []


def test_a_month_without_a_value_breaks_the_streak_and_equal_to_the_average_is_not_below():
	rows = ct_rows({"A": [30, None, 20], "B": [60, 70, 70]}) + ct_rows({"C": [50, 50, 50]}, group="Other")
	assert below_average_streaks(rows, PERIODS) == []


def test_offices_are_compared_within_their_branch_only():
	rows = ct_rows({"A": [30, 30, 30], "B": [60, 60, 60]}) + ct_rows(
		{"X": [10, 10, 10], "Y": [20, 20, 20]}, "Other"
	)
	units = {(s["unit"], s["measure"]) for s in below_average_streaks(rows, PERIODS)}
	assert units == {("A", CT_ATTAINMENT), ("X", CT_ATTAINMENT)}


def test_each_measure_is_judged_on_its_own():
	rows = ct_rows({"A": [60, 60, 60], "B": [40, 40, 40]})
	for row in rows:
		row["has_sale_rate"] = 10 if row["unit"] == "A" else 30
	assert [(s["unit"], s["measure"]) for s in below_average_streaks(rows, PERIODS)] == [
		("A", HAS_SALE_RATE),
		("B", CT_ATTAINMENT),
	]


def test_causes_are_flagged_when_worse_than_the_branch_pooled_over_the_streak():
	rows = [
		{"unit": "A", "group": "G", "period": p, "new_agents": 2, "agents": 4, "accompanied_visits": 0,
			"supervisor_weeks": 8, "failed_checks": 0, "closed_checks": 4, "weak_customers": 0, "customers": 2}
		for p in PERIODS
	] + [
		{"unit": "B", "group": "G", "period": p, "new_agents": 0, "agents": 2, "accompanied_visits": 2,
			"supervisor_weeks": 4, "failed_checks": 1, "closed_checks": 4, "weak_customers": 1, "customers": 2}
		for p in PERIODS
	]  # fmt: skip
	causes = {c["cause"]: c for c in likely_causes(rows, "A", "G", PERIODS)}
	assert (causes["New Agents"]["unit_figure"], causes["New Agents"]["branch_figure"]) == (50.0, 33.33)
	assert causes["New Agents"]["flagged"]
	assert (causes["Accompanied Visits"]["unit_figure"], causes["Accompanied Visits"]["branch_figure"]) == (
		0.0,
		0.17,
	)
	assert causes["Accompanied Visits"]["flagged"]  # fewer visits is worse
	assert not causes["Verification Failures"]["flagged"]
	assert not causes["Weak Customers"]["flagged"]


def test_a_cause_with_nothing_to_measure_is_never_flagged():
	(*_, failures) = likely_causes([{"unit": "A", "group": "G", "period": "2030-04"}], "A", "G", PERIODS)
	assert failures == {
		"cause": "Verification Failures",
		"unit_figure": None,
		"branch_figure": None,
		"flagged": False,
	}


def test_the_alert_weekday_judges_the_last_complete_month():
	assert month_to_alert(date(2030, 5, 6), "Monday") == (2030, 4)
	assert month_to_alert(date(2030, 1, 7), "Monday") == (2029, 12)
	assert month_to_alert(date(2030, 5, 7), "Monday") is None


def test_months_back_cross_the_year():
	assert months_back(2030, 2, 3) == [(2029, 12), (2030, 1), (2030, 2)]
