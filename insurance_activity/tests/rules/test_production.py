from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insurance_activity.rules.production.performance import (
	AgentFact,
	AgentMonth,
	CTConfig,
	PerformanceConfig,
	monthly_agent_performance,
	months_since_joining,
	office_ct,
)
from insurance_activity.rules.production.policies import (
	AMBIGUOUS,
	NOT_A_NUMBER,
	POLICY_ROW_ERROR_CODES,
	TOO_PRECISE,
	AmountError,
	PolicyFact,
	PolicyImportLimits,
	PolicyRow,
	_decimal_places,
	parse_policy_row,
	read_amount,
	read_date,
	validate_policy_row,
)
from insurance_activity.rules.production.targets import (
	gap_to_date,
	monthly_distribution,
	split_count,
	split_target,
)
from insurance_activity.rules.production.tiers import TierRule, evaluate_tier

# --- A small office, May 2024 ------------------------------------------------------------------------
# North: supervisor S and reports A, B, C. South: D, who sold nothing.
#   S: Regular 4,000 / FYC 1,000 (exactly the U threshold); an April policy that must not count.
#   A: Regular 12,000 / FYC 3,600 and Single 50,000 / FYC 1,000 on the 31st.
#   B: Regular 8,000 / FYC 2,400 cancelled in cooling-off; an April Regular 5,000 / FYC 1,500 lapsed since.
#   C: Single 100,000 / FYC 1,500: enough FYC but no regular-premium case.

CFG = PerformanceConfig(
	u_fyc_threshold=1000,
	u_min_regular_cases=1,
	new_agent_months=12,
	count_cancelled_in_cooling_off=False,
)

AGENTS = [
	AgentFact("S", "North", None, date(2020, 1, 10)),
	AgentFact("A", "North", "S", date(2024, 3, 15)),
	AgentFact("B", "North", "S", date(2022, 6, 1)),
	AgentFact("C", "North", "S", date(2023, 5, 20)),
	AgentFact("D", "South", None, date(2021, 9, 1)),
]

POLICIES = [
	PolicyFact("S", date(2024, 5, 15), "Regular", 4000, 1000, "In Force"),
	PolicyFact("S", date(2024, 4, 30), "Regular", 3000, 900, "In Force"),
	PolicyFact("A", date(2024, 5, 3), "Regular", 12000, 3600, "In Force"),
	PolicyFact("A", date(2024, 5, 31), "Single", 50000, 1000, "In Force"),
	PolicyFact("B", date(2024, 5, 10), "Regular", 8000, 2400, "Cancelled in Cooling-off"),
	PolicyFact("B", date(2024, 4, 2), "Regular", 5000, 1500, "Lapsed"),
	PolicyFact("C", date(2024, 5, 8), "Single", 100000, 1500, "In Force"),
]

RECRUITS = {"S": 2, "A": 1}


def may(cfg=CFG):
	return {row.agent: row for row in monthly_agent_performance(2024, 5, AGENTS, POLICIES, RECRUITS, cfg)}


def agent_month(agent="X", year=2024, month=5, fyc=0.0, cases=0, **overrides):
	values = dict(
		agent=agent,
		office="North",
		supervisor=None,
		year=year,
		month=month,
		regular_premium=0.0,
		total_premium=0.0,
		fyc=fyc,
		cases=cases,
		regular_cases=0,
		has_sale=cases >= 1,
		reached_u=False,
		months_since_joining=24,
		is_new_agent=False,
		recruits=0,
	)
	values.update(overrides)
	return AgentMonth(**values)


def test_agent_month_sums_in_force_policies_issued_in_the_month():
	a = may()["A"]
	assert (a.regular_premium, a.total_premium, a.fyc) == (12000, 62000, 4600)
	assert (a.cases, a.regular_cases, a.has_sale) == (2, 1, True)
	assert a.reached_u is True
	assert (a.office, a.supervisor, a.year, a.month, a.recruits) == ("North", "S", 2024, 5, 1)


def test_policies_issued_in_another_month_do_not_count():
	s = may()["S"]
	assert (s.regular_premium, s.fyc, s.cases) == (4000, 1000, 1)


def test_a_cooling_off_cancellation_is_no_sale_by_default():
	b = may()["B"]
	assert (b.regular_premium, b.total_premium, b.fyc, b.cases, b.regular_cases) == (0, 0, 0, 0, 0)
	assert b.has_sale is False
	assert b.reached_u is False


def test_a_lapsed_policy_stays_a_sale_of_its_issue_month():
	b = {row.agent: row for row in monthly_agent_performance(2024, 4, AGENTS, POLICIES, {}, CFG)}["B"]
	# issued in April, lapsed since: April keeps the sale, its FYC, U and 举绩
	assert (b.regular_premium, b.total_premium, b.fyc, b.cases, b.regular_cases) == (5000, 5000, 1500, 1, 1)
	assert (b.has_sale, b.reached_u) == (True, True)


def test_a_later_lapse_changes_nothing_in_the_issue_month_whenever_it_is_recomputed():
	def april(status):
		policies = [replace(p, status=status) if p.issue_date == date(2024, 4, 2) else p for p in POLICIES]
		return {row.agent: row for row in monthly_agent_performance(2024, 4, AGENTS, policies, {}, CFG)}["B"]

	assert april("In Force") == april("Lapsed")
	assert april("Cancelled in Cooling-off").cases == 0  # a cooling-off cancellation was never a sale


def test_cooling_off_cancellations_count_when_configured():
	b = may(replace(CFG, count_cancelled_in_cooling_off=True))["B"]
	assert (b.regular_premium, b.fyc, b.cases, b.regular_cases) == (8000, 2400, 1, 1)
	assert b.reached_u is True


def test_agents_without_policies_appear_with_zeros():
	d = may()["D"]
	assert (d.regular_premium, d.total_premium, d.fyc, d.cases, d.regular_cases) == (0, 0, 0, 0, 0)
	assert (d.has_sale, d.reached_u, d.recruits) == (False, False, 0)
	assert [row.agent for row in monthly_agent_performance(2024, 5, AGENTS, POLICIES, RECRUITS, CFG)] == [
		"S",
		"A",
		"B",
		"C",
		"D",
	]


def test_fyc_equal_to_the_threshold_reaches_u():
	assert may()["S"].reached_u is True


def test_fyc_just_below_the_threshold_does_not_reach_u():
	policies = [PolicyFact("S", date(2024, 5, 15), "Regular", 4000, 999.99, "In Force")]
	(s,) = monthly_agent_performance(2024, 5, AGENTS[:1], policies, {}, CFG)
	assert s.reached_u is False


def test_u_also_requires_the_minimum_regular_premium_cases():
	assert may()["C"].fyc == 1500
	assert may()["C"].reached_u is False
	assert may(replace(CFG, u_min_regular_cases=0))["C"].reached_u is True
	assert may(replace(CFG, u_min_regular_cases=2))["A"].reached_u is False


def test_fyc_sums_are_kept_to_the_cent_so_the_u_boundary_holds():
	policies = [
		PolicyFact("S", date(2024, 5, 1), "Regular", 100, 0.1, "In Force"),
		PolicyFact("S", date(2024, 5, 2), "Regular", 100, 0.2, "In Force"),
	]
	(s,) = monthly_agent_performance(2024, 5, AGENTS[:1], policies, {}, replace(CFG, u_fyc_threshold=0.3))
	assert s.fyc == 0.3
	assert s.reached_u is True


def test_months_since_joining_counts_calendar_months_with_the_joining_month_as_zero():
	assert months_since_joining(date(2024, 5, 31), 2024, 5) == 0
	assert months_since_joining(date(2024, 5, 31), 2024, 6) == 1
	assert months_since_joining(date(2023, 12, 1), 2024, 1) == 1
	assert months_since_joining(date(2022, 6, 1), 2024, 5) == 23


def test_agent_is_new_up_to_and_including_the_configured_month_count():
	rows = may()
	assert (rows["A"].months_since_joining, rows["A"].is_new_agent) == (2, True)
	assert (rows["C"].months_since_joining, rows["C"].is_new_agent) == (12, True)
	assert (rows["B"].months_since_joining, rows["B"].is_new_agent) == (23, False)
	(c_in_june,) = monthly_agent_performance(2024, 6, AGENTS[3:4], [], {}, CFG)
	assert (c_in_june.months_since_joining, c_in_june.is_new_agent) == (13, False)


def test_agents_who_joined_after_the_month_are_left_out():
	late = AgentFact("E", "North", "S", date(2024, 6, 1))
	rows = monthly_agent_performance(2024, 5, [*AGENTS, late], POLICIES, RECRUITS, CFG)
	assert "E" not in {row.agent for row in rows}


def test_month_outside_1_to_12_is_rejected():
	with pytest.raises(ValueError):
		monthly_agent_performance(2024, 13, AGENTS, POLICIES, RECRUITS, CFG)


# --- Office CT -----------------------------------------------------------------------------------------


def offices(cfg, targets=None):
	rows = monthly_agent_performance(2024, 5, AGENTS, POLICIES, RECRUITS, CFG)
	return {office.office: office for office in office_ct(rows, targets, cfg)}


def test_office_figures_for_unit_evaluation():
	north = offices(CTConfig("u_headcount", 2))["North"]
	assert (north.headcount, north.u_headcount, north.regular_premium, north.cases) == (4, 2, 16000, 4)
	assert (north.has_sale_count, north.has_sale_rate) == (3, 0.75)
	assert north.cases_per_capita == 1.0
	assert north.premium_per_capita == 4000


def test_office_with_no_sales_has_zero_rates():
	south = offices(CTConfig("u_headcount", 2))["South"]
	assert (south.headcount, south.u_headcount, south.has_sale_count) == (1, 0, 0)
	assert (south.has_sale_rate, south.cases_per_capita, south.premium_per_capita) == (0, 0, 0)


def test_offices_are_listed_in_name_order():
	assert [o.office for o in office_ct(list(may().values()), None, CTConfig("u_headcount", 1))] == [
		"North",
		"South",
	]


def test_ct_by_u_headcount_is_reached_at_the_threshold():
	north = offices(CTConfig("u_headcount", 2))["North"]
	assert (north.ct_value, north.ct_target, north.ct_reached) == (2, 2, True)
	assert offices(CTConfig("u_headcount", 3))["North"].ct_reached is False


def test_ct_office_target_replaces_the_threshold_for_that_office_only():
	result = offices(CTConfig("u_headcount", 2), {"North": 3})
	assert (result["North"].ct_target, result["North"].ct_reached) == (3, False)
	assert result["South"].ct_target == 2


def test_ct_by_regular_premium_compares_office_premium_with_its_target():
	result = offices(CTConfig("regular_premium", 20000), {"South": 0})
	assert (result["North"].ct_value, result["North"].ct_target, result["North"].ct_reached) == (
		16000,
		20000,
		False,
	)
	assert result["South"].ct_reached is True
	assert offices(CTConfig("regular_premium", 20000), {"North": 16000})["North"].ct_reached is True


def test_ct_by_u_rate_compares_the_share_of_u_agents():
	north = offices(CTConfig("u_rate", 0.5))["North"]
	assert (north.ct_value, north.ct_reached) == (0.5, True)
	assert offices(CTConfig("u_rate", 0.6))["North"].ct_reached is False


def test_unknown_ct_basis_is_rejected():
	with pytest.raises(ValueError):
		CTConfig("headcount", 1)


# --- Productivity tier -------------------------------------------------------------------------------

TIERS = [TierRule("5", 3000, 3), TierRule("3", 1000, 1), TierRule("2", 0, 0)]


def test_agent_without_history_gets_the_floor_tier():
	decision = evaluate_tier([], TIERS, 3, None)
	assert (decision.tier, decision.reason, decision.overridden) == ("2", "no_history", False)


def test_first_tier_whose_averages_are_met_wins():
	history = [agent_month(month=m, fyc=3000, cases=3) for m in (3, 4, 5)]
	decision = evaluate_tier(history, TIERS, 3, None)
	assert (decision.tier, decision.reason, decision.avg_fyc, decision.avg_cases) == (
		"5",
		"thresholds_met",
		3000,
		3,
	)


def test_tier_needs_both_fyc_and_cases():
	history = [agent_month(month=m, fyc=5000, cases=2) for m in (3, 4, 5)]
	assert evaluate_tier(history, TIERS, 3, None).tier == "3"


def test_tier_averages_only_the_latest_lookback_months():
	history = [agent_month(month=m, fyc=6000, cases=6) for m in (1, 2, 3)]
	history += [agent_month(month=m, fyc=1200, cases=1) for m in (4, 5, 6)]
	decision = evaluate_tier(list(reversed(history)), TIERS, 3, None)
	assert (decision.tier, decision.avg_fyc, decision.months_used) == ("3", 1200, 3)
	assert evaluate_tier(history, TIERS, 6, None).tier == "5"


def test_tier_averages_fewer_months_when_history_is_short():
	history = [agent_month(month=4, fyc=4000, cases=4), agent_month(month=5, fyc=2000, cases=2)]
	decision = evaluate_tier(history, TIERS, 6, None)
	assert (decision.tier, decision.avg_fyc, decision.avg_cases, decision.months_used) == ("5", 3000, 3, 2)


def test_lookback_spans_the_year_end():
	history = [
		agent_month(year=2023, month=11, fyc=0, cases=0),
		agent_month(year=2023, month=12, fyc=2000, cases=2),
		agent_month(year=2024, month=1, fyc=2000, cases=2),
	]
	assert evaluate_tier(history, TIERS, 2, None).avg_fyc == 2000


def test_last_rule_is_the_floor_even_when_its_minimums_are_not_met():
	rules = [TierRule("5", 3000, 3), TierRule("3", 1000, 1), TierRule("2", 500, 1)]
	decision = evaluate_tier([agent_month(fyc=100, cases=0)], rules, 3, None)
	assert (decision.tier, decision.reason) == ("2", "floor")


def test_override_wins_over_the_averages():
	history = [agent_month(month=m, fyc=0, cases=0) for m in (3, 4, 5)]
	decision = evaluate_tier(history, TIERS, 3, "5")
	assert (decision.tier, decision.reason, decision.overridden) == ("5", "override", True)
	assert evaluate_tier([], TIERS, 3, "3").tier == "3"


def test_empty_override_is_no_override():
	assert evaluate_tier([], TIERS, 3, "").overridden is False


def test_override_must_name_a_configured_tier():
	with pytest.raises(ValueError):
		evaluate_tier([], TIERS, 3, "4")


def test_tier_rules_and_lookback_must_be_given():
	with pytest.raises(ValueError):
		evaluate_tier([], [], 3, None)
	with pytest.raises(ValueError):
		evaluate_tier([], TIERS, 0, None)


def test_tier_history_must_be_one_agents():
	with pytest.raises(ValueError):
		evaluate_tier([agent_month(agent="A"), agent_month(agent="B", month=4)], TIERS, 3, None)


# --- Targets -------------------------------------------------------------------------------------------


def _cents_sum(parts):
	return sum(Decimal(str(v)) for v in parts.values())


def test_split_target_is_proportional_to_the_weights():
	assert split_target(100000, {"North": 3, "South": 1}) == {"North": 75000, "South": 25000}


def test_split_target_gives_the_rounding_remainder_to_the_largest_weight():
	assert split_target(100, {"a": 1, "b": 2, "c": 1}) == {"a": 25, "b": 50, "c": 25}
	assert split_target(100, {"a": 1, "b": 1, "c": 1}) == {"a": 33.34, "b": 33.33, "c": 33.33}
	assert split_target(10, {"a": 1, "b": 1, "c": 5}) == {"a": 1.43, "b": 1.43, "c": 7.14}


@pytest.mark.parametrize(
	("total", "weights"),
	[
		(100, {"a": 1, "b": 1, "c": 1}),
		(1000.01, {"a": 7, "b": 3, "c": 11, "d": 0.5}),
		(99999.99, {str(i): i for i in range(1, 14)}),
		(0.05, {"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1, "g": 1}),
	],
)
def test_split_target_parts_sum_exactly_to_the_total(total, weights):
	parts = split_target(total, weights)
	assert list(parts) == list(weights)
	assert _cents_sum(parts) == Decimal(str(total))


def test_split_target_with_zero_weights_splits_equally():
	assert split_target(90, {"a": 0, "b": 0, "c": 0}) == {"a": 30, "b": 30, "c": 30}


def test_split_target_with_no_weights_is_empty():
	assert split_target(100, {}) == {}


def test_split_target_rejects_negative_weights():
	with pytest.raises(ValueError):
		split_target(100, {"a": 1, "b": -1})


def test_gap_to_date_is_what_is_still_missing_and_never_negative():
	assert gap_to_date(100000, 64999.5) == 35000.5
	assert gap_to_date(100000, 100000) == 0
	assert gap_to_date(100000, 120000) == 0


def test_monthly_distribution_spreads_the_annual_target_by_percentage():
	percentages = dict.fromkeys(range(1, 13), 5.0)
	percentages.update({1: 20.0, 12: 20.0, 6: 10.0, 3: 10.0})
	result = monthly_distribution(1200000, percentages)
	assert list(result) == list(range(1, 13))
	assert (result[1], result[2], result[3], result[12]) == (240000, 60000, 120000, 240000)
	assert _cents_sum(result) == Decimal(1200000)


def test_monthly_distribution_sums_exactly_with_uneven_percentages():
	percentages = {month: 8.33 for month in range(1, 12)} | {12: 8.37}
	result = monthly_distribution(100000.01, percentages)
	assert _cents_sum(result) == Decimal("100000.01")


def test_monthly_distribution_requires_percentages_adding_up_to_100():
	with pytest.raises(ValueError):
		monthly_distribution(1200, dict.fromkeys(range(1, 13), 8.0))


def test_monthly_distribution_requires_exactly_the_twelve_months():
	with pytest.raises(ValueError):
		monthly_distribution(1200, {month: 100 / 11 for month in range(1, 12)})
	with pytest.raises(ValueError):
		monthly_distribution(1200, dict.fromkeys(range(0, 12), 100 / 12))


# --- Policy import validation --------------------------------------------------------------------------

KNOWN_AGENTS = {"HR-EMP-0001", "HR-EMP-0002"}
KNOWN_PRODUCTS = {"Whole Life 2024", "Critical Illness Plus"}
LIMITS = PolicyImportLimits(max_amount=Decimal("10000000"), today=date(2024, 6, 30))


def good_row(**overrides):
	row = {
		"policy_no": "P-0001",
		"agent": "HR-EMP-0001",
		"customer_name": "Wang Fang",
		"product": "Whole Life 2024",
		"payment_mode": "Regular",
		"annual_premium": 12000,
		"fyc": 3600,
		"issue_date": date(2024, 5, 3),
		"status": "In Force",
	}
	row.update(overrides)
	return row


def validate(row, seen=None, limits=LIMITS):
	return validate_policy_row(row, KNOWN_AGENTS, KNOWN_PRODUCTS, set() if seen is None else seen, limits)


def test_valid_policy_row_has_no_errors():
	assert validate(good_row()) == []


def test_policy_row_accepts_iso_date_strings_and_numeric_strings():
	row = good_row(annual_premium=" 12,000.50 ", fyc="3600", issue_date="2024-05-03", status="Lapsed")
	assert validate(row) == []
	assert validate(good_row(issue_date=datetime(2024, 5, 3, 10, 30))) == []
	assert validate(good_row(issue_date="2024-05-03 10:30:00")) == []


def test_zero_premium_and_zero_fyc_are_allowed():
	assert validate(good_row(annual_premium=0, fyc="0")) == []


@pytest.mark.parametrize(
	("overrides", "code"),
	[
		({"policy_no": ""}, "missing_policy_no"),
		({"policy_no": None}, "missing_policy_no"),
		({"agent": ""}, "missing_agent"),
		({"agent": "HR-EMP-9999"}, "unknown_agent"),
		({"customer_name": "  "}, "missing_customer_name"),
		({"product": None}, "missing_product"),
		({"product": "Term Life"}, "unknown_product"),
		({"payment_mode": "Monthly"}, "bad_payment_mode"),
		({"payment_mode": ""}, "bad_payment_mode"),
		({"annual_premium": None}, "missing_premium"),
		({"annual_premium": float("nan")}, "missing_premium"),
		({"annual_premium": "twelve"}, "bad_premium"),
		({"annual_premium": "inf"}, "bad_premium"),
		({"annual_premium": True}, "bad_premium"),
		({"annual_premium": "1e308"}, "bad_premium"),
		({"annual_premium": "12,5"}, "ambiguous_premium"),
		({"annual_premium": "1.200,50"}, "ambiguous_premium"),
		({"annual_premium": "1200.505"}, "too_precise_premium"),
		({"annual_premium": 1e308}, "too_large_premium"),
		({"annual_premium": "10,000,000.01"}, "too_large_premium"),
		({"annual_premium": -1}, "negative_premium"),
		({"fyc": ""}, "missing_fyc"),
		({"fyc": "abc"}, "bad_fyc"),
		({"fyc": "1.200"}, "too_precise_fyc"),
		({"fyc": "3,60"}, "ambiguous_fyc"),
		({"fyc": "99999999999"}, "too_large_fyc"),
		({"fyc": "-0.01"}, "negative_fyc"),
		({"issue_date": None}, "missing_issue_date"),
		({"issue_date": "03/05/2024"}, "bad_issue_date"),
		({"issue_date": "2024-02-30"}, "bad_issue_date"),
		({"issue_date": "24-5-3"}, "bad_issue_date"),
		({"issue_date": 45415}, "bad_issue_date"),
		({"issue_date": "2099-12-31"}, "future_issue_date"),
		({"issue_date": date(2024, 7, 1)}, "future_issue_date"),
		({"status": "Surrendered"}, "bad_status"),
		({"status": None}, "bad_status"),
	],
)
def test_each_bad_field_gives_its_error_code(overrides, code):
	assert validate(good_row(**overrides)) == [code]
	assert code in POLICY_ROW_ERROR_CODES


def test_a_row_reports_all_its_errors_in_field_order():
	row = good_row(policy_no="", agent="nobody", annual_premium=-5, status="?")
	assert validate(row) == ["missing_policy_no", "unknown_agent", "negative_premium", "bad_status"]


def test_repeated_policy_number_within_the_same_file_is_a_duplicate():
	seen = set()
	assert validate(good_row(), seen) == []
	assert validate(good_row(policy_no="P-0002"), seen) == []
	assert validate(good_row(policy_no=" P-0001 "), seen) == ["duplicate_policy_no"]
	assert seen == {"P-0001", "P-0002"}


def test_policy_number_already_on_file_is_a_duplicate():
	assert validate(good_row(), {"P-0001"}) == ["duplicate_policy_no"]


def test_an_amount_at_the_ceiling_is_accepted_and_the_ceiling_is_the_settings_value():
	assert validate(good_row(annual_premium="10,000,000.00")) == []
	lower = PolicyImportLimits(max_amount=Decimal("50000"), today=LIMITS.today)
	assert validate(good_row(annual_premium="50000.01", fyc=50000), limits=lower) == ["too_large_premium"]


def test_a_policy_issued_today_is_accepted_and_one_issued_tomorrow_is_refused():
	assert validate(good_row(issue_date="2024-06-30")) == []
	assert validate(good_row(issue_date="2024年7月1日")) == ["future_issue_date"]


def test_parse_policy_row_normalises_a_valid_row_with_exact_amounts():
	row = good_row(policy_no=" P-0001 ", annual_premium="12,000.50", fyc="3600", issue_date="2024/5/3")
	policy = parse_policy_row(row)
	assert policy == PolicyRow(
		"P-0001",
		"HR-EMP-0001",
		"Wang Fang",
		"Whole Life 2024",
		"Regular",
		Decimal("12000.50"),
		Decimal("3600"),
		date(2024, 5, 3),
		"In Force",
	)
	assert isinstance(policy.annual_premium, Decimal)
	assert policy.to_fact() == PolicyFact(
		"HR-EMP-0001", date(2024, 5, 3), "Regular", 12000.5, 3600.0, "In Force"
	)


def test_parse_policy_row_refuses_a_row_without_amounts():
	with pytest.raises(ValueError):
		parse_policy_row(good_row(fyc=None))


# --- Reading amounts: exactly, or refused with the reason ------------------------------------------------


@pytest.mark.parametrize(
	("written", "amount"),
	[
		("1200", "1200"),
		("1200.50", "1200.50"),
		("1,200.50", "1200.50"),
		("1,234,567.8", "1234567.8"),
		("1,200", "1200"),
		(" 0.5 ", "0.5"),
		("-500", "-500"),
		("￥1,200.50", "1200.50"),
		("¥ 1200", "1200"),
		("-￥1,200.50", "-1200.50"),
		("1200.50元", "1200.50"),
		("１，２００．５０", "1200.50"),
		("－３００", "-300"),
		("\u30001200\u3000", "1200"),
		(1200, "1200"),
		(1200.5, "1200.5"),
		(0.1, "0.1"),
		(Decimal("99.99"), "99.99"),
	],
)
def test_accepted_amount_forms_are_read_exactly(written, amount):
	read = read_amount(written)
	assert read == Decimal(amount)
	assert isinstance(read, Decimal)


@pytest.mark.parametrize(
	("written", "reason"),
	[
		("12,5", AMBIGUOUS),
		("1.200,50", AMBIGUOUS),
		("1,20", AMBIGUOUS),
		("1200,000", AMBIGUOUS),
		("1.200.000", AMBIGUOUS),
		("12,34,567", AMBIGUOUS),
		("1.200", TOO_PRECISE),
		("0.001", TOO_PRECISE),
		(1200.505, TOO_PRECISE),
		("1e308", NOT_A_NUMBER),
		("1.2E+07", NOT_A_NUMBER),
		("1 200", NOT_A_NUMBER),
		("Infinity", NOT_A_NUMBER),
		(float("inf"), NOT_A_NUMBER),
		("1²00", NOT_A_NUMBER),
		("١٢٠٠", NOT_A_NUMBER),
		("一千二百", NOT_A_NUMBER),
		("1.2万", NOT_A_NUMBER),
		("(500)", NOT_A_NUMBER),
		("--500", NOT_A_NUMBER),
		("-¥-500", NOT_A_NUMBER),
		(".5", NOT_A_NUMBER),
		("5.", NOT_A_NUMBER),
		(True, NOT_A_NUMBER),
		([1200], NOT_A_NUMBER),
	],
)
def test_an_amount_that_could_be_another_value_is_refused_with_the_reason(written, reason):
	with pytest.raises(AmountError) as refused:
		read_amount(written)
	assert refused.value.reason == reason


def test_a_blank_amount_is_none():
	for blank in (None, "", "  ", float("nan")):
		assert read_amount(blank) is None


# Generated inputs: an amount to the fen and every accepted way of writing it.
AMOUNTS = st.decimals(min_value=Decimal("-99999999999.99"), max_value=Decimal("99999999999.99"), places=2)
FULL_WIDTH = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


def grouped(amount: Decimal) -> str:
	return f"{amount:,.2f}"


@given(amount=AMOUNTS)
def test_every_accepted_way_of_writing_an_amount_reads_back_exactly(amount):
	plain = f"{amount:.2f}"
	sign, magnitude = ("-", -amount) if amount < 0 else ("", amount)
	forms = [
		plain,
		grouped(amount),
		f"{sign}￥{grouped(magnitude)}",
		f"{sign}¥{magnitude:.2f}",
		f"{plain}元",
		grouped(amount).translate(FULL_WIDTH),
		f" {plain} ",
		amount,
	]
	if amount == amount.to_integral_value():
		forms += [int(amount), f"{int(amount)}", f"{int(amount):,}"]
	for written in forms:
		assert read_amount(written) == amount, written


@given(number=st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_is_read_as_its_shortest_repr_or_refused(number):
	try:
		amount = read_amount(number)
	except AmountError as refused:
		assert refused.reason == TOO_PRECISE
		assert len(repr(number).split("e")[0].partition(".")[2]) > 2 or "e-" in repr(number)
	else:
		assert amount == Decimal(repr(number))
		assert float(amount) == number


def decimal_comma_reading(text: str) -> Decimal | None:
	"""How a decimal-comma system (1.234,56) reads the text as money, or None when it cannot."""
	folded = text.translate({0xFF0C: ",", 0xFF0E: ".", 0xFF0D: "-"}).strip()
	body = folded.lstrip("-")
	whole, _, fraction = body.partition(",")
	groups = whole.split(".")
	if not all(g.isascii() and g.isdigit() for g in groups) or (fraction and not fraction.isdigit()):
		return None
	if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
		return None
	if "," in body and (not fraction or len(fraction) > 2):
		return None
	value = Decimal("".join(groups) + ("." + fraction if fraction else ""))
	return -value if folded.startswith("-") else value


# Digit groups joined by commas and points in any order ("12,5", "1.200,50", "1,234.5"), sometimes
# full-width or with a minus: the texts where a misread would hide; and any text at all.
SEPARATED_TEXT = st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=1, max_size=4).flatmap(
	lambda groups: st.builds(
		lambda sign, separators, full_width: (
			sign + "".join(s + g for s, g in zip(["", *separators], groups, strict=True))
		).translate(FULL_WIDTH if full_width else {}),
		st.sampled_from(["", "-"]),
		st.lists(st.sampled_from([",", "."]), min_size=len(groups) - 1, max_size=len(groups) - 1),
		st.booleans(),
	)
)


@settings(max_examples=500)
@given(text=SEPARATED_TEXT | st.text(max_size=14))
def test_a_text_is_read_as_the_only_value_it_can_mean_or_refused(text):
	"""Never another value: whatever the text, an amount read from it is the point-decimal reading, and a
	decimal-comma system would not read it as a different amount."""
	try:
		amount = read_amount(text)
	except AmountError:
		return
	if amount is None:
		assert not text.strip()
		return
	folded = text.translate({0xFF0C: ",", 0xFF0E: ".", 0xFF0D: "-", 0xFFE5: "¥", 0x3000: " "}).strip()
	digits = folded.replace(",", "").replace("¥", "").replace("元", "").replace(" ", "")
	assert amount == Decimal(digits)
	assert _decimal_places(amount) <= 2
	other = decimal_comma_reading(text)
	assert other is None or other == amount, (text, amount, other)


# --- Reading dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"written",
	[
		"2026-03-05",
		"2026-3-5",
		"2026/3/5",
		"2026/03/05",
		"2026.3.5",
		"2026年3月5日",
		"2026 年 3 月 5 日",
		"２０２６年３月５日",
		"２０２６／３／５",
		"20260305",
		20260305,
		"2026/3/5 0:00",
		"2026-03-05 10:30:00",
		"2026-03-05T10:30:00+08:00",
		date(2026, 3, 5),
		datetime(2026, 3, 5, 23, 59),
	],
)
def test_common_chinese_date_forms_are_read(written):
	assert read_date(written) == date(2026, 3, 5)


@pytest.mark.parametrize(
	"written",
	[
		"05/03/2026",
		"3/5/2026",
		"26-3-5",
		"2026-02-30",
		"2026/3-5",
		"2026-03-05 25:00",
		"二〇二六年三月五日",
		"2026年3月",
		"202635",
		46086,
		46086.0,
		"March 5, 2026",
	],
)
def test_a_date_that_is_not_read_one_way_only_is_refused(written):
	with pytest.raises(ValueError):
		read_date(written)


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_accepted_way_of_writing_a_date_reads_back_exactly(day):
	forms = [
		day.isoformat(),
		f"{day.year}/{day.month}/{day.day}",
		f"{day.year}.{day.month}.{day.day}",
		f"{day.year}年{day.month}月{day.day}日",
		f"{day:%Y%m%d}",
		f"{day.year}/{day.month}/{day.day} 0:00",
	]
	for written in forms:
		assert read_date(written) == day, written


def test_split_count_gives_whole_units_and_the_left_over_to_the_largest_remainders():
	assert split_count(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
	assert split_count(5, {"a": 1, "b": 3}) == {"a": 1, "b": 4}
	assert split_count(2, {"a": 1, "b": 1, "c": 1}) == {"a": 1, "b": 1, "c": 0}


@pytest.mark.parametrize("total", [0, 1, 7, 100, 1001])
def test_split_count_parts_sum_exactly_to_the_total(total):
	parts = split_count(total, {"a": 0.3, "b": 2, "c": 1.7, "d": 5})
	assert sum(parts.values()) == total
	assert all(isinstance(part, int) for part in parts.values())


def test_split_count_with_zero_weights_splits_equally_and_with_no_weights_is_empty():
	assert split_count(6, {"a": 0, "b": 0}) == {"a": 3, "b": 3}
	assert split_count(6, {}) == {}


def test_split_count_rejects_fractions_negative_totals_and_negative_weights():
	for total, weights in ((2.5, {"a": 1}), (-1, {"a": 1}), (3, {"a": 1, "b": -1})):
		with pytest.raises(ValueError):
			split_count(total, weights)
