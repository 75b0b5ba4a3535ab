"""Monthly results of agents and offices: the planning meeting's review figures (月规划会).

Regular premium (期缴保费), FYC, cases, a sale in the month (举绩), qualified-agent headcount (U人力) and office
attainment (CT, 营业室达成标准). The caller reads Employees, policies and settings and passes the config in.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from insurance_activity.rules.production.policies import (
	CANCELLED_IN_COOLING_OFF,
	IN_FORCE,
	LAPSED,
	REGULAR,
	PolicyFact,
)

CT_BASES = ("u_headcount", "regular_premium", "u_rate")


@dataclass(frozen=True)
class PerformanceConfig:
	"""Monthly standard for agents, from settings.

	u_fyc_threshold: monthly FYC at or above it = reached "U" (U人力).
	u_min_regular_cases: U also needs at least this many regular-premium policies (期交件数); 0 disables.
	new_agent_months: months since joining at or below it = new agent (新人).
	count_cancelled_in_cooling_off: whether policies cancelled in the cooling-off period (犹豫期撤单) count.
	"""

	u_fyc_threshold: float
	u_min_regular_cases: int
	new_agent_months: int
	count_cancelled_in_cooling_off: bool


@dataclass(frozen=True)
class AgentFact:
	agent: str
	office: str
	supervisor: str | None
	date_of_joining: date


@dataclass(frozen=True)
class AgentMonth:
	"""One agent's production in one month."""

	agent: str
	office: str
	supervisor: str | None
	year: int
	month: int
	regular_premium: float
	total_premium: float
	fyc: float
	cases: int
	regular_cases: int
	has_sale: bool
	reached_u: bool
	months_since_joining: int
	is_new_agent: bool
	recruits: int


def counts_as_issued(policy: PolicyFact, cfg: PerformanceConfig) -> bool:
	"""Whether a policy counts as a sale (承保) of its issue month.

	A sale stays in the month it was written: "In Force" and "Lapsed" (失效) both count, because a later
	lapse or surrender belongs to persistency (继续率), in the month it happens, and never rewrites the
	month of issue; nor may the month's figures depend on when they are recomputed. "Cancelled in
	Cooling-off" (犹豫期撤单) was never a sale (premium refunded, FYC clawed back): it counts only when
	the config says so."""
	if policy.status in (IN_FORCE, LAPSED):
		return True
	if policy.status == CANCELLED_IN_COOLING_OFF:
		return cfg.count_cancelled_in_cooling_off
	return False


def months_since_joining(date_of_joining: date, year: int, month: int) -> int:
	"""Whole calendar months from joining to the given month: the month of joining is 0, the next is 1."""
	return (year * 12 + month) - (date_of_joining.year * 12 + date_of_joining.month)


def reached_u(fyc: float, regular_cases: int, cfg: PerformanceConfig) -> bool:
	"""U (U人力): monthly FYC at or above the threshold and, when required, enough regular-premium cases."""
	return fyc >= cfg.u_fyc_threshold and regular_cases >= cfg.u_min_regular_cases


def monthly_agent_performance(
	year: int,
	month: int,
	agents: list[AgentFact],
	policies: list[PolicyFact],
	recruits_by_agent: dict[str, int],
	cfg: PerformanceConfig,
) -> list[AgentMonth]:
	"""Each agent's month, in the order of `agents`: policies issued in the month that count (see
	counts_as_issued) give regular premium (期缴保费, annual premium of Regular policies), total premium,
	FYC, cases (件数), regular cases (期交件数); a sale (举绩) is at least one case.

	Agents with no policies appear with zeros. Agents who joined after the month are left out (not yet
	on the roster); policies of agents not in `agents` are ignored.
	"""
	if not 1 <= month <= 12:
		raise ValueError(f"month must be 1..12, got {month}")

	counted_by_agent: dict[str, list[PolicyFact]] = {}
	for policy in policies:
		issued_in_month = (policy.issue_date.year, policy.issue_date.month) == (year, month)
		if issued_in_month and counts_as_issued(policy, cfg):
			counted_by_agent.setdefault(policy.agent, []).append(policy)

	rows = []
	for agent in agents:
		tenure = months_since_joining(agent.date_of_joining, year, month)
		if tenure < 0:
			continue
		counted = counted_by_agent.get(agent.agent, [])
		regular = [p for p in counted if p.payment_mode == REGULAR]
		fyc = _money(p.fyc for p in counted)
		rows.append(
			AgentMonth(
				agent=agent.agent,
				office=agent.office,
				supervisor=agent.supervisor,
				year=year,
				month=month,
				regular_premium=_money(p.annual_premium for p in regular),
				total_premium=_money(p.annual_premium for p in counted),
				fyc=fyc,
				cases=len(counted),
				regular_cases=len(regular),
				has_sale=len(counted) >= 1,
				reached_u=reached_u(fyc, len(regular), cfg),
				months_since_joining=tenure,
				is_new_agent=tenure <= cfg.new_agent_months,
				recruits=recruits_by_agent.get(agent.agent, 0),
			)
		)
	return rows


@dataclass(frozen=True)
class CTConfig:
	"""Office attainment standard (CT, 营业室达成标准), from settings.

	basis "u_headcount": number of U agents (U人力) vs threshold;
	basis "regular_premium": office regular premium (期缴保费) vs threshold;
	basis "u_rate": U headcount / headcount vs threshold (a share, 0..1).
	"""

	basis: str
	threshold: float

	def __post_init__(self):
		if self.basis not in CT_BASES:
			raise ValueError(f"CT basis must be one of {CT_BASES}, got {self.basis!r}")


@dataclass(frozen=True)
class OfficeMonth:
	"""One office's month: unit evaluation figures and CT attainment."""

	office: str
	headcount: int
	u_headcount: int
	regular_premium: float
	cases: int
	has_sale_count: int
	has_sale_rate: float
	cases_per_capita: float
	premium_per_capita: float
	ct_value: float
	ct_target: float
	ct_reached: bool


def office_ct(
	rows: list[AgentMonth],
	office_targets: dict[str, float] | None,
	cfg: CTConfig,
) -> list[OfficeMonth]:
	"""Office figures from its agents' month, sorted by office: headcount, U headcount (U人力), regular
	premium (期缴保费), share of agents with a sale (举绩率), cases per head (人均件数), regular premium per
	head, and CT (营业室达成标准): reached when the CT value is at or above the target. The target is
	office_targets[office] when given for that office, else cfg.threshold. Only offices with agents appear.
	"""
	by_office: dict[str, list[AgentMonth]] = {}
	for row in rows:
		by_office.setdefault(row.office, []).append(row)

	offices = []
	for office in sorted(by_office):
		members = by_office[office]
		headcount = len(members)
		u_headcount = sum(1 for r in members if r.reached_u)
		regular_premium = _money(r.regular_premium for r in members)
		cases = sum(r.cases for r in members)
		has_sale_count = sum(1 for r in members if r.has_sale)

		if cfg.basis == "u_headcount":
			ct_value = float(u_headcount)
		elif cfg.basis == "regular_premium":
			ct_value = regular_premium
		else:
			ct_value = u_headcount / headcount
		ct_target = (office_targets or {}).get(office, cfg.threshold)

		offices.append(
			OfficeMonth(
				office=office,
				headcount=headcount,
				u_headcount=u_headcount,
				regular_premium=regular_premium,
				cases=cases,
				has_sale_count=has_sale_count,
				has_sale_rate=has_sale_count / headcount,
				cases_per_capita=cases / headcount,
				premium_per_capita=round(regular_premium / headcount, 2),
				ct_value=ct_value,
				ct_target=ct_target,
				ct_reached=ct_value >= ct_target,
			)
		)
	return offices


def _money(values: Iterable[float]) -> float:
	return round(math.fsum(values), 2)
