"""Contest rewards (竞赛奖励) settled into payroll: from a contest's ranking to each agent's amount and route.

The reward rules are data on the Points Contest (tier rows, a cap per agent, a budget); the caller reads the
ranking (campaigns/leaderboard.py) and each agent's pay situation and passes them in. The rules:

- **Tier row**: a row applies to a qualified participant whose rank is within [rank from, rank to] (0: no
  bound), whose points reach the row's minimum, and whose productivity tier is the row's (blank: any tier).
  Of the rows that apply, the highest amount is given (the first such row names the rule); an unqualified
  participant, or one no row applies to, gets nothing, and the line says why.
- **Cap per agent**: an amount above the contest's cap per agent and period is cut to the cap (0: no cap).
- **Budget**: the settlement's total above the contest's budget is an overrun, shown before approval
  (0: no budget).
- **Route** (who goes where): an amount of 0 is no reward; an agent no longer active is blocked; an agent
  with an active salary structure on the payroll date is paid through payroll (HRMS Additional Salary);
  an agent paid by commission (no salary structure) is accrued on the payable account (a Journal Entry)
  when one is set, else blocked with the reason. Nobody is dropped: every participant has a line.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

PAYROLL = "Additional Salary"
ACCRUAL = "Journal Entry"
BLOCKED = "Blocked"
NO_REWARD = "No Reward"
ROUTES = (PAYROLL, ACCRUAL, BLOCKED, NO_REWARD)

# why a line has no amount, or is blocked (the settlement shows the reason; the shell translates it)
NOT_QUALIFIED = "Not qualified"
NO_TIER = "No reward tier applies"
CAPPED = "Cut to the cap per agent"
NOT_ACTIVE = "The agent is no longer active"
NO_ACCRUAL_ACCOUNT = "No salary structure and no Reward Payable Account in the settings"


@dataclass(frozen=True)
class RewardTier:
	"""One reward row of a contest: `amount` for a rank within [rank_from, rank_to] (0: open) with at least
	`min_points`, for agents of `productivity_tier` (blank: any); `row` names it on the settlement."""

	amount: float
	rank_from: int = 0
	rank_to: int = 0
	min_points: float = 0
	productivity_tier: str = ""
	row: str = ""


@dataclass(frozen=True)
class Placing:
	"""A participant's place on the contest's ranking (campaigns/leaderboard.py)."""

	participant: str
	rank: int
	points: float
	qualified: bool
	productivity_tier: str = ""


@dataclass(frozen=True)
class Award:
	participant: str
	amount: float
	row: str  # the tier row that gave it ("" when none)
	note: str  # "" or NOT_QUALIFIED, NO_TIER, CAPPED


def tier_applies(tier: RewardTier, placing: Placing) -> bool:
	"""Whether the row covers the placing: rank within its bounds, points at its minimum, its tier."""
	return (
		(not tier.rank_from or placing.rank >= tier.rank_from)
		and (not tier.rank_to or placing.rank <= tier.rank_to)
		and placing.points >= (tier.min_points or 0)
		and (not tier.productivity_tier or tier.productivity_tier == placing.productivity_tier)
	)


def award(placing: Placing, tiers: Iterable[RewardTier], cap: float = 0) -> Award:
	"""The participant's amount (currency, 2 decimals): the highest amount of the rows that apply to a
	qualified placing, cut to `cap` when the cap is set (> 0)."""
	if not placing.qualified:
		return Award(placing.participant, 0.0, "", NOT_QUALIFIED)
	best = None
	for tier in tiers:
		if tier_applies(tier, placing) and (best is None or tier.amount > best.amount):
			best = tier
	if best is None or best.amount <= 0:
		return Award(placing.participant, 0.0, best.row if best else "", NO_TIER)
	amount = round(float(best.amount), 2)
	if cap and cap > 0 and amount > cap:
		return Award(placing.participant, round(float(cap), 2), best.row, CAPPED)
	return Award(placing.participant, amount, best.row, "")


def awards(placings: Iterable[Placing], tiers: Iterable[RewardTier], cap: float = 0) -> list[Award]:
	"""Every participant's award, in the order of the placings (the ranking)."""
	tiers = list(tiers)
	return [award(placing, tiers, cap) for placing in placings]


def budget_overrun(amounts: Iterable[float], budget: float = 0) -> float:
	"""How far the total of `amounts` goes above `budget` (0 when within it, or no budget is set)."""
	total = round(sum(float(a or 0) for a in amounts), 2)
	if not budget or budget <= 0:
		return 0.0
	return round(max(total - float(budget), 0.0), 2)


def route(amount: float, active: bool, has_salary_structure: bool, accrual_account: bool) -> tuple[str, str]:
	"""Where an agent's reward goes and why (route, reason): no reward for 0; blocked when the agent is
	not active; payroll (Additional Salary) with a salary structure; else the accrual Journal Entry when
	the payable account is set, else blocked."""
	if not amount or amount <= 0:
		return NO_REWARD, ""
	if not active:
		return BLOCKED, NOT_ACTIVE
	if has_salary_structure:
		return PAYROLL, ""
	if accrual_account:
		return ACCRUAL, ""
	return BLOCKED, NO_ACCRUAL_ACCOUNT


def reward_key(agent: str, contest: str, from_date, to_date) -> str:
	"""The one key of an agent's reward for a contest and period (the database's unique key: exactly once):
	40 hex characters, the same for the same agent, contest and period whatever their length."""
	return hashlib.sha1(f"{contest}\x1f{agent}\x1f{from_date}\x1f{to_date}".encode()).hexdigest()


def summary(rewards: Iterable[dict], key: str) -> list[dict]:
	"""Rewards added up per `key` ("contest", "office" or "agent"), in key order: {key, "agents", "paid"
	(Additional Salary), "accrued" (Journal Entry), "blocked", "on_salary_slip" (paid and on a submitted
	Salary Slip), "total"}. rewards: {"contest", "office", "agent", "status" (a route), "amount",
	"on_salary_slip" (bool)}; a cancelled reward is left out."""
	totals: dict[str, dict] = {}
	for reward in rewards:
		if reward["status"] not in (PAYROLL, ACCRUAL, BLOCKED):
			continue
		group = reward.get(key) or ""
		total = totals.setdefault(
			group,
			{key: group, "agents": set(), "paid": 0.0, "accrued": 0.0, "blocked": 0.0, "on_salary_slip": 0.0},
		)
		amount = float(reward.get("amount") or 0)
		total["agents"].add(reward["agent"])
		total[{PAYROLL: "paid", ACCRUAL: "accrued", BLOCKED: "blocked"}[reward["status"]]] += amount
		if reward["status"] == PAYROLL and reward.get("on_salary_slip"):
			total["on_salary_slip"] += amount
	rows = []
	for group in sorted(totals):
		total = totals[group]
		total["agents"] = len(total["agents"])
		for field in ("paid", "accrued", "blocked", "on_salary_slip"):
			total[field] = round(total[field], 2)
		total["total"] = round(total["paid"] + total["accrued"] + total["blocked"], 2)
		rows.append(total)
	return rows
