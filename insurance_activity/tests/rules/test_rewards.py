"""Contest rewards (竞赛奖励): tiers to amounts, the cap per agent, the budget overrun, and each agent's route."""

from insurance_activity.rules.rewards import (
	ACCRUAL,
	BLOCKED,
	CAPPED,
	NO_ACCRUAL_ACCOUNT,
	NO_REWARD,
	NO_TIER,
	NOT_ACTIVE,
	NOT_QUALIFIED,
	PAYROLL,
	Placing,
	RewardTier,
	award,
	awards,
	budget_overrun,
	reward_key,
	route,
	summary,
)

TIERS = [
	RewardTier(1000, rank_from=1, rank_to=1, row="first"),
	RewardTier(500, rank_from=2, rank_to=3, row="podium"),
	RewardTier(200, min_points=100, row="threshold"),  # anyone with 100 points
	RewardTier(800, rank_from=2, rank_to=3, productivity_tier="5", row="podium high producers"),
]


def test_the_first_place_gets_the_first_places_amount():
	got = award(Placing("A", 1, 300, True), TIERS)
	assert (got.amount, got.row, got.note) == (1000, "first", "")


def test_of_the_rows_that_apply_the_highest_amount_is_given():
	assert award(Placing("B", 2, 300, True, "5"), TIERS).row == "podium high producers"
	assert award(Placing("B", 2, 300, True, "2"), TIERS).amount == 500


def test_a_points_threshold_rewards_any_rank_that_reaches_it():
	assert award(Placing("C", 40, 100, True), TIERS).amount == 200
	below = award(Placing("C", 40, 99.5, True), TIERS)
	assert (below.amount, below.note) == (0, NO_TIER)


def test_an_unqualified_participant_gets_nothing_whatever_the_rank():
	got = award(Placing("A", 1, 900, False), TIERS)
	assert (got.amount, got.note) == (0, NOT_QUALIFIED)


def test_the_cap_per_agent_cuts_the_amount():
	got = award(Placing("A", 1, 300, True), TIERS, cap=600)
	assert (got.amount, got.row, got.note) == (600, "first", CAPPED)
	assert award(Placing("A", 1, 300, True), TIERS, cap=0).amount == 1000  # 0: no cap


def test_every_participant_gets_an_award_line_in_ranking_order():
	placings = [Placing("A", 1, 300, True), Placing("B", 2, 50, True), Placing("Z", 9, 1, False)]
	assert [(a.participant, a.amount) for a in awards(placings, TIERS)] == [("A", 1000), ("B", 500), ("Z", 0)]


def test_the_budget_overrun_is_the_total_above_the_budget():
	assert budget_overrun([1000, 500, 500.25], budget=1500) == 500.25
	assert budget_overrun([1000, 500], budget=2000) == 0
	assert budget_overrun([1000, 500], budget=0) == 0  # no budget set


def test_an_agent_with_a_salary_structure_is_paid_through_payroll():
	assert route(500, active=True, has_salary_structure=True, accrual_account=True) == (PAYROLL, "")


def test_a_commission_agent_is_accrued_or_blocked_with_the_reason():
	assert route(500, active=True, has_salary_structure=False, accrual_account=True) == (ACCRUAL, "")
	assert route(500, active=True, has_salary_structure=False, accrual_account=False) == (
		BLOCKED,
		NO_ACCRUAL_ACCOUNT,
	)


def test_an_agent_who_left_is_blocked_and_no_amount_is_no_reward():
	assert route(500, active=False, has_salary_structure=True, accrual_account=True) == (BLOCKED, NOT_ACTIVE)
	assert route(0, active=True, has_salary_structure=True, accrual_account=True) == (NO_REWARD, "")


def test_the_reward_key_is_one_per_agent_contest_and_period():
	key = reward_key("HR-EMP-1", "Spring Contest", "2027-03-01", "2027-03-31")
	assert key == reward_key("HR-EMP-1", "Spring Contest", "2027-03-01", "2027-03-31")
	assert len(key) == 40
	assert key != reward_key("HR-EMP-2", "Spring Contest", "2027-03-01", "2027-03-31")
	assert key != reward_key("HR-EMP-1", "Spring Contest", "2027-04-01", "2027-04-30")
	assert key != reward_key("HR-EMP-1", "Summer Contest", "2027-03-01", "2027-03-31")


def test_the_summary_adds_up_paid_accrued_blocked_and_what_reached_a_salary_slip():
	rows = [
		{
			"contest": "C",
			"office": "O1",
			"agent": "A",
			"status": PAYROLL,
			"amount": 800,
			"on_salary_slip": True,
		},
		{"contest": "C", "office": "O1", "agent": "B", "status": ACCRUAL, "amount": 500},
		{"contest": "C", "office": "O2", "agent": "D", "status": BLOCKED, "amount": 300},
		{
			"contest": "C",
			"office": "O2",
			"agent": "E",
			"status": PAYROLL,
			"amount": 200,
			"on_salary_slip": False,
		},
		{"contest": "C", "office": "O2", "agent": "F", "status": "Cancelled", "amount": 999},
	]
	by_office = summary(rows, "office")
	assert [
		(r["office"], r["agents"], r["paid"], r["accrued"], r["blocked"], r["on_salary_slip"])
		for r in by_office
	] == [
		("O1", 2, 800, 500, 0, 800),
		("O2", 2, 200, 0, 300, 0),
	]
	(contest,) = summary(rows, "contest")
	assert (contest["total"], contest["agents"]) == (1800, 4)
