"""One customer, one phone key: phone numbers as the app compares and stores them.

Agents type a customer's phone in many ways ("139-0013-9000", "+86 139 0013 9000", full-width digits);
callback staff dial it, the new-prospect look-up finds the customer by it, and the callback no-repeat
window counts calls by it. Every one of them uses `phone_key`, so the same phone is the same key.

The number is parsed by libphonenumber (PyPI `phonenumbers`): a number without a country code is read
as a number of `DEFAULT_REGION` (mainland China, where the agency channel works), and only a number
that libphonenumber knows as valid for its country is a phone (an 11-digit "12345678901" is not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

DEFAULT_REGION = "CN"

# Problem codes; the shell turns them into translated messages.
NO_PHONE = "no_phone"
NOT_A_PHONE = "not_a_phone"

# an extension written the Chinese way ("021-6888 8888转123", "... 分机 12"): libphonenumber knows "ext", "x"
# and "#" only, so the Chinese words are read as its "ext" (own code: the library has no such option)
CHINESE_EXTENSION = re.compile(r"\s*(?:转分机|分机号?|转)\s*[:：]?\s*(?=[0-9０-９])")


@dataclass(frozen=True)
class PhoneCheck:
	"""key: the E.164 form of a valid phone ("+8613900139000"), else None; problem: NO_PHONE (nothing
	but punctuation or spaces), NOT_A_PHONE (not a valid number), or None when key is set."""

	key: str | None
	problem: str | None


@lru_cache(
	maxsize=200_000
)  # a day's sample parses each visit's phone more than once: parse each spelling once
def check_phone(raw: str | None, region: str = DEFAULT_REGION) -> PhoneCheck:
	"""Parse what was typed: a valid phone gives its key, anything else the reason it is not one (the answer
	is immutable, so one parse serves every caller)."""
	text = (raw or "").strip()
	# nothing typed but punctuation or spaces; letters are something typed that is no phone ("abc" was
	# dropped as no phone at all, helper-62 F5)
	if not any(ch.isalnum() for ch in text):
		return PhoneCheck(None, NO_PHONE)
	try:
		number = phonenumbers.parse(CHINESE_EXTENSION.sub(" ext ", text), region)
	except phonenumbers.NumberParseException:
		return PhoneCheck(None, NOT_A_PHONE)
	if not phonenumbers.is_valid_number(number):
		return PhoneCheck(None, NOT_A_PHONE)
	return PhoneCheck(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None)


def phone_key(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
	"""The customer's phone key: E.164 of a valid phone ("139-0013-9000" -> "+8613900139000"), else None.

	Two spellings of one phone give one key; a blank or invalid number gives None (no phone to call).
	"""
	return check_phone(raw, region).key
