"""Production rules: policies issued, agent results, office attainment, tiers and targets.

Monthly review figures of the planning meeting (月规划会): regular premium (期缴保费), qualified-agent
headcount (U人力), office attainment (CT, 营业室达成标准); unit evaluation: share of agents with a sale
(举绩率), per-capita cases (人均件数); productivity tiers (产能层级) and target decomposition.

Plain functions over plain data: the caller reads Employees, policies and settings, builds the config
dataclasses and passes them in. No business threshold has a default here.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

REGULAR = "Regular"
SINGLE = "Single"
PAYMENT_MODES = (REGULAR, SINGLE)

IN_FORCE = "In Force"
CANCELLED_IN_COOLING_OFF = "Cancelled in Cooling-off"
LAPSED = "Lapsed"
POLICY_STATUSES = (IN_FORCE, CANCELLED_IN_COOLING_OFF, LAPSED)

# Stable keys returned by validate_policy_row; the caller maps each to a translated message.
POLICY_ROW_ERROR_CODES = (
	"missing_policy_no",
	"duplicate_policy_no",
	"missing_agent",
	"unknown_agent",
	"missing_customer_name",
	"missing_product",
	"unknown_product",
	"bad_payment_mode",
	"missing_premium",
	"bad_premium",
	"ambiguous_premium",
	"too_precise_premium",
	"negative_premium",
	"too_large_premium",
	"missing_fyc",
	"bad_fyc",
	"ambiguous_fyc",
	"too_precise_fyc",
	"negative_fyc",
	"too_large_fyc",
	"missing_issue_date",
	"bad_issue_date",
	"future_issue_date",
	"bad_status",
)

CT_BASES = ("u_headcount", "regular_premium", "u_rate")

_CENT = Decimal("0.01")
_PERCENT_TOLERANCE = 1e-6

_Key = TypeVar("_Key")


# --- Policy import -----------------------------------------------------------------------------------


@dataclass
class PolicyRow:
	"""One policy (保单) as imported: the issued business that production figures are built from.

	Amounts are Decimal yuan exactly as the core system wrote them (to the fen, 分), never a float.
	"""

	policy_no: str
	agent: str
	customer_name: str
	product: str
	payment_mode: str
	annual_premium: Decimal
	fyc: Decimal
	issue_date: date
	status: str

	def to_fact(self) -> "PolicyFact":
		return PolicyFact(
			agent=self.agent,
			issue_date=self.issue_date,
			payment_mode=self.payment_mode,
			annual_premium=float(self.annual_premium),
			fyc=float(self.fyc),
			status=self.status,
		)


@dataclass(frozen=True)
class PolicyImportLimits:
	"""What an imported policy may hold, from settings and the clock.

	max_amount: the largest annual premium or FYC accepted, in yuan (保单金额上限); a larger amount is
	    refused as a likely misread (a shifted column, a policy number in the premium column).
	today: the day of the import in the company's time zone; a policy cannot be issued after it.
	"""

	max_amount: Decimal
	today: date


def validate_policy_row(
	row: dict,
	known_agents: set[str],
	known_products: set[str],
	seen_policy_nos: set[str],
	limits: PolicyImportLimits,
) -> list[str]:
	"""Return the error codes of one imported policy row (empty list = valid).

	Amounts are read by read_amount (exactly, or refused with the reason) and must be 0 or more and at
	most limits.max_amount; the issue date is read by read_date and must not be after limits.today.
	Payment mode must be Regular (期缴) or Single (趸交); status In Force, Cancelled in Cooling-off or
	Lapsed.

	`seen_policy_nos` holds the policy numbers already known (in the database and earlier rows of the
	same file); this row's number is added to it, so a repeat later in the file is a duplicate.
	"""
	errors = []

	policy_no = _text(row.get("policy_no"))
	if not policy_no:
		errors.append("missing_policy_no")
	elif policy_no in seen_policy_nos:
		errors.append("duplicate_policy_no")
	else:
		seen_policy_nos.add(policy_no)

	agent = _text(row.get("agent"))
	if not agent:
		errors.append("missing_agent")
	elif agent not in known_agents:
		errors.append("unknown_agent")

	if not _text(row.get("customer_name")):
		errors.append("missing_customer_name")

	product = _text(row.get("product"))
	if not product:
		errors.append("missing_product")
	elif product not in known_products:
		errors.append("unknown_product")

	if _text(row.get("payment_mode")) not in PAYMENT_MODES:
		errors.append("bad_payment_mode")

	errors.extend(_amount_errors(row.get("annual_premium"), "premium", limits))
	errors.extend(_amount_errors(row.get("fyc"), "fyc", limits))
	errors.extend(_issue_date_errors(row.get("issue_date"), limits))

	if _text(row.get("status")) not in POLICY_STATUSES:
		errors.append("bad_status")

	return errors


def parse_policy_row(row: dict) -> PolicyRow:
	"""Normalise a row that passed validate_policy_row into a PolicyRow, with the same readers
	(ValueError if it cannot)."""
	premium = read_amount(row.get("annual_premium"))
	fyc = read_amount(row.get("fyc"))
	issue_date = read_date(row.get("issue_date"))
	if premium is None or fyc is None or issue_date is None:
		raise ValueError("policy row is missing premium, FYC or issue date")
	return PolicyRow(
		policy_no=_text(row.get("policy_no")),
		agent=_text(row.get("agent")),
		customer_name=_text(row.get("customer_name")),
		product=_text(row.get("product")),
		payment_mode=_text(row.get("payment_mode")),
		annual_premium=premium,
		fyc=fyc,
		issue_date=issue_date,
		status=_text(row.get("status")),
	)


# --- Numbers and dates as core systems write them ----------------------------------------------------

# Why an amount was refused (AmountError.reason); the caller maps each to a translated message.
NOT_A_NUMBER = "not_a_number"
AMBIGUOUS = "ambiguous"
TOO_PRECISE = "too_precise"

MONEY_PLACES = 2  # yuan to the fen (分): the smallest unit of the currency, not a business number

# Full-width forms of ASCII (U+FF01-U+FF5E: digits, comma, point, slash, minus), the full-width yen sign
# and the ideographic space, as Chinese exports write them, folded to ASCII. Only these: a general NFKC would
# also turn "1²00" or "①200" into 1200.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0xFFE5: "¥", 0x3000: " "}

# An amount, once full-width forms are folded: an optional minus, an optional yuan sign
# before or 元 after, digits either plain or with commas between groups of exactly three, and an
# optional point before the decimals. Digits are ASCII only: str.isdigit and float() also take
# Arabic-Indic and other digits that no core system writes.
_AMOUNT = re.compile(
	r"(?P<minus>-)?(?:¥ *)?(?P<minus_after_sign>-)?"
	r"(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<fraction>[0-9]+))?(?: *元)?"
)
# Made only of digits and separators but not an accepted form: "12,5", "1.200,50", "1,20", "1.200.000".
_SEPARATED_DIGITS = re.compile(r"-?(?:¥ *)?-?[0-9][0-9.,]*[0-9](?: *元)?")

# Dates: year first, always four digits (a two-digit year or a day-first / month-first date is refused,
# never guessed). The same separator twice, or 年月日, or eight digits.
_DATE_SEPARATED = re.compile(
	r"(?P<year>[0-9]{4})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})"
	r"(?:[ T](?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:\.[0-9]{1,6})?)?"
	r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
_DATE_CHINESE = re.compile(r"(?P<year>[0-9]{4}) *年 *(?P<month>[0-9]{1,2}) *月 *(?P<day>[0-9]{1,2}) *日")
_DATE_COMPACT = re.compile(r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})")


class AmountError(ValueError):
	"""An amount that is not read: reason is NOT_A_NUMBER, AMBIGUOUS or TOO_PRECISE."""

	def __init__(self, reason: str, value):
		super().__init__(f"{reason}: {value!r}")
		self.reason = reason


def read_amount(value) -> Decimal | None:
	"""An amount of money in yuan, read exactly as written, or refused with the reason; None when blank.

	Accepted (full-width digits, comma and point from Chinese exports are folded to ASCII first):
	- numbers: int, Decimal, or a finite float (an Excel cell, a JSON number), read as its shortest
	  repr, so 1200.5 is Decimal("1200.5");
	- text: "1200", "1200.50", "1,200.50" (commas only between groups of exactly three digits),
	  with an optional minus, "¥"/"￥" before or "元" after: "￥1,200.50", "1200.50元", "-500".

	Refused (AmountError): with AMBIGUOUS, digits with commas or points that are not in those places,
	because a decimal-comma system may have meant another value ("12,5" is 12.5 there, "1.200,50"
	1200.50); with TOO_PRECISE, more than two decimal places (an amount is to the fen), which also
	refuses "1.200", a thousand and two hundred in a decimal-comma system; with NOT_A_NUMBER, anything
	else: words, exponents ("1.2E+07" is how a spreadsheet shows a rounded large number), a boolean,
	infinity or NaN as text.
	"""
	if _is_blank(value):
		return None
	if isinstance(value, bool):
		raise AmountError(NOT_A_NUMBER, value)
	if isinstance(value, int):
		amount = Decimal(value)
	elif isinstance(value, float):
		if not math.isfinite(value):
			raise AmountError(NOT_A_NUMBER, value)
		amount = Decimal(repr(value))
	elif isinstance(value, Decimal):
		if not value.is_finite():
			raise AmountError(NOT_A_NUMBER, value)
		amount = value
	elif isinstance(value, str):
		amount = _amount_from_text(value)
	else:
		raise AmountError(NOT_A_NUMBER, value)
	if _decimal_places(amount) > MONEY_PLACES:
		raise AmountError(TOO_PRECISE, value)
	return amount


def _amount_from_text(value: str) -> Decimal:
	text = value.translate(_FULL_WIDTH).strip()
	match = _AMOUNT.fullmatch(text)
	if not match:
		reason = AMBIGUOUS if _SEPARATED_DIGITS.fullmatch(text) else NOT_A_NUMBER
		raise AmountError(reason, value)
	if match["minus"] and match["minus_after_sign"]:
		raise AmountError(NOT_A_NUMBER, value)
	negative = bool(match["minus"] or match["minus_after_sign"])
	digits = match["whole"].replace(",", "")
	if match["fraction"] is not None:
		digits += "." + match["fraction"]
	return Decimal(("-" if negative else "") + digits)


def _decimal_places(amount: Decimal) -> int:
	exponent = amount.as_tuple().exponent
	return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def read_date(value) -> date | None:
	"""A date as Chinese core systems and spreadsheets write it, or ValueError; None when blank.

	Accepted: date and datetime values (an Excel date cell), and text with the year first, in
	full-width characters too: "2026-03-05", "2026-3-5", "2026/3/5", "2026.3.5", "2026年3月5日",
	"20260305" (eight digits, also as a number), optionally followed by a time ("2026/3/5 0:00", the
	form Excel writes for a date cell; "2026-03-05T10:30:00+08:00"), which is dropped: the date is the
	one written.

	Refused: a date that does not exist ("2026-02-30"), a two-digit year, and day-first or month-first
	forms ("05/03/2026" is 5 March in one country and 3 May in another): they are never guessed.
	"""
	if _is_blank(value):
		return None
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if isinstance(value, int) and not isinstance(value, bool):
		value = str(value)
	if not isinstance(value, str):
		raise ValueError(f"not a date: {value!r}")
	text = value.translate(_FULL_WIDTH).strip()
	for pattern in (_DATE_SEPARATED, _DATE_CHINESE, _DATE_COMPACT):
		match = pattern.fullmatch(text)
		if match:
			parts = match.groupdict()
			if parts.get("hour") is not None:
				time(int(parts["hour"]), int(parts["minute"]), int(parts["second"] or 0))  # a real time
			return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
	raise ValueError(f"not a date: {value!r}")


# --- Agent month ---------------------------------------------------------------------------------------


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
class PolicyFact:
	agent: str
	issue_date: date
	payment_mode: str
	annual_premium: float
	fyc: float
	status: str


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


# --- Office attainment (CT) ------------------------------------------------------------------------------


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


# --- Productivity tier ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TierRule:
	"""A productivity tier (产能层级: "2" new/low, "3" middle, "5" high) and the monthly averages it needs."""

	tier: str
	min_avg_fyc: float
	min_avg_cases: float


@dataclass(frozen=True)
class TierDecision:
	"""reason: "override", "no_history", "thresholds_met" or "floor" (stable keys for translation)."""

	tier: str
	reason: str
	overridden: bool
	avg_fyc: float = 0.0
	avg_cases: float = 0.0
	months_used: int = 0


def evaluate_tier(
	history: list[AgentMonth],
	rules: list[TierRule],
	lookback_months: int,
	override: str | None,
) -> TierDecision:
	"""An agent's productivity tier (产能层级) from average monthly FYC and cases over the latest
	`lookback_months` months of their history (fewer when fewer exist).

	`rules` run highest tier first; the first whose both minimums are met wins; the last rule is the
	floor, given even when its minimums are not met, and to agents with no history. A manual override
	(an admin's decision) wins over everything.
	"""
	if not rules:
		raise ValueError("at least one tier rule is required")
	if lookback_months < 1:
		raise ValueError(f"lookback_months must be at least 1, got {lookback_months}")
	if len({row.agent for row in history}) > 1:
		raise ValueError("history must belong to one agent")

	recent = sorted(history, key=lambda r: (r.year, r.month))[-lookback_months:]
	months_used = len(recent)
	avg_fyc = math.fsum(r.fyc for r in recent) / months_used if recent else 0.0
	avg_cases = sum(r.cases for r in recent) / months_used if recent else 0.0

	def decision(tier: str, reason: str, overridden: bool = False) -> TierDecision:
		return TierDecision(tier, reason, overridden, avg_fyc, avg_cases, months_used)

	if override:
		if override not in {rule.tier for rule in rules}:
			raise ValueError(f"override tier {override!r} is not one of the tier rules")
		return decision(override, "override", overridden=True)
	if not recent:
		return decision(rules[-1].tier, "no_history")
	for rule in rules[:-1]:
		if avg_fyc >= rule.min_avg_fyc and avg_cases >= rule.min_avg_cases:
			return decision(rule.tier, "thresholds_met")
	floor = rules[-1]
	met_floor = avg_fyc >= floor.min_avg_fyc and avg_cases >= floor.min_avg_cases
	return decision(floor.tier, "thresholds_met" if met_floor else "floor")


# --- Targets -------------------------------------------------------------------------------------------


def split_target(total: float, weights: dict[str, float]) -> dict[str, float]:
	"""Decompose a target (company -> office -> team -> agent) in proportion to the weights.

	Parts are rounded to cents; the rounding remainder goes to the largest weight (the first one on a
	tie), so the parts add up exactly to the total. All-zero weights split equally; no weights -> {}.
	"""
	return _split_proportionally(total, weights)


def split_count(total: int, weights: dict[_Key, float]) -> dict[_Key, int]:
	"""Decompose a whole-number target (U headcount, activity volume, accompanied visits) in proportion to
	the weights, in whole units: each part is rounded down and the units left over go to the largest
	remainders (the first one on a tie), so the parts add up exactly to the total. All-zero weights split
	equally; no weights -> {}.
	"""
	if not weights:
		return {}
	if total < 0 or int(total) != total:
		raise ValueError(f"a count target must be a whole number of at least 0, got {total!r}")
	if any(w < 0 for w in weights.values()):
		raise ValueError("weights must not be negative")
	dec_weights = {key: Decimal(str(w)) for key, w in weights.items()}
	if not any(dec_weights.values()):
		dec_weights = dict.fromkeys(weights, Decimal(1))
	weight_sum = sum(dec_weights.values())

	exact = {key: Decimal(int(total)) * w / weight_sum for key, w in dec_weights.items()}
	parts = {key: int(value) for key, value in exact.items()}
	left_over = int(total) - sum(parts.values())
	order = list(weights)
	by_remainder = sorted(order, key=lambda key: (-(exact[key] - parts[key]), order.index(key)))
	for key in by_remainder[:left_over]:
		parts[key] += 1
	return parts


def gap_to_date(target: float, actual: float) -> float:
	"""What is still missing to reach the target (差距), in cents; 0 once the target is reached."""
	return float(max(_cents(target) - _cents(actual), Decimal(0)))


def monthly_distribution(annual: float, percentages: dict[int, float]) -> dict[int, float]:
	"""Spread an annual target over months 1..12 by each month's percentage (the 12 must add up to 100).

	Amounts are in cents and add up exactly to the annual target (see split_target).
	"""
	if set(percentages) != set(range(1, 13)):
		raise ValueError("percentages must be given for exactly the months 1..12")
	if any(p < 0 for p in percentages.values()):
		raise ValueError("percentages must not be negative")
	if abs(math.fsum(percentages.values()) - 100) > _PERCENT_TOLERANCE:
		raise ValueError("monthly percentages must add up to 100")
	return _split_proportionally(annual, {month: percentages[month] for month in range(1, 13)})


# --- Helpers -------------------------------------------------------------------------------------------


def _split_proportionally(total: float, weights: dict[_Key, float]) -> dict[_Key, float]:
	if not weights:
		return {}
	if any(w < 0 for w in weights.values()):
		raise ValueError("weights must not be negative")

	total_dec = _cents(total)
	dec_weights = {key: Decimal(str(w)) for key, w in weights.items()}
	if not any(dec_weights.values()):
		dec_weights = dict.fromkeys(weights, Decimal(1))
	weight_sum = sum(dec_weights.values())

	parts = {
		key: (total_dec * w / weight_sum).quantize(_CENT, ROUND_HALF_UP) for key, w in dec_weights.items()
	}
	largest = max(dec_weights, key=lambda key: dec_weights[key])
	parts[largest] += total_dec - sum(parts.values())
	return {key: float(part) for key, part in parts.items()}


def _money(values: Iterable[float]) -> float:
	return round(math.fsum(values), 2)


def _cents(value: float) -> Decimal:
	return Decimal(str(value)).quantize(_CENT, ROUND_HALF_UP)


def _is_blank(value) -> bool:
	"""None, an empty string, or a NaN-like value (empty spreadsheet cells arrive as NaN / NaT)."""
	if value is None:
		return True
	if isinstance(value, str):
		return not value.strip()
	try:
		return bool(value != value)
	except (TypeError, ValueError, ArithmeticError):
		return False


def _text(value) -> str:
	return "" if _is_blank(value) else str(value).strip()


def _amount_errors(value, name: str, limits: PolicyImportLimits) -> list[str]:
	try:
		amount = read_amount(value)
	except AmountError as error:
		problem = {AMBIGUOUS: "ambiguous", TOO_PRECISE: "too_precise"}.get(error.reason, "bad")
		return [f"{problem}_{name}"]
	if amount is None:
		return [f"missing_{name}"]
	if amount < 0:
		return [f"negative_{name}"]
	if amount > limits.max_amount:
		return [f"too_large_{name}"]
	return []


def _issue_date_errors(value, limits: PolicyImportLimits) -> list[str]:
	try:
		issue_date = read_date(value)
	except ValueError:
		return ["bad_issue_date"]
	if issue_date is None:
		return ["missing_issue_date"]
	if issue_date > limits.today:
		return ["future_issue_date"]
	return []
