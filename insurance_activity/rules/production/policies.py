"""Policies from the core system (核心系统): the import row read exactly or refused with its reason.

Amounts in yuan to the fen (分) and dates in the forms Chinese core-system exports use; a policy's payment
mode (期缴 / 趸缴) and status. Plain functions over plain data: no business threshold has a default here.
"""

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

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


@dataclass(frozen=True)
class PolicyFact:
	agent: str
	issue_date: date
	payment_mode: str
	annual_premium: float
	fyc: float
	status: str


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
