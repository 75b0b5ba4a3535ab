"""One customer, one phone key (libphonenumber, mainland China by default)."""

import pytest

from insurance_activity.rules.phones import NO_PHONE, NOT_A_PHONE, check_phone, phone_key


@pytest.mark.parametrize(
	("raw", "expected"),
	[
		("13900139000", "+8613900139000"),
		("+86 139-0013-9000", "+8613900139000"),
		("139 0013 9000", "+8613900139000"),
		("0086 13900139000", "+8613900139000"),
		("(+86)13900139000", "+8613900139000"),
		("8613900139000", "+8613900139000"),
		("＋８６ １３９００１３９０００", "+8613900139000"),
		(" 13900139000 ", "+8613900139000"),
	],
)
def test_every_spelling_of_one_mobile_number_gives_one_key(raw, expected):
	assert phone_key(raw) == expected


def test_a_landline_keeps_its_area_code_and_a_foreign_number_its_country():
	assert phone_key("010-6552 8888") == "+861065528888"
	assert phone_key("+1 415 555 0100") == "+14155550100"


def test_another_region_reads_numbers_without_a_country_code_as_its_own():
	assert phone_key("(415) 555-0100", region="US") == "+14155550100"


@pytest.mark.parametrize("raw", [None, "", "   ", " - ", "()"])
def test_nothing_typed_is_no_phone(raw):
	assert check_phone(raw).problem == NO_PHONE


@pytest.mark.parametrize("raw", ["abc", "<b>x</b>", "abc'; drop table x", "无", "n/a"])
def test_letters_typed_are_not_a_phone(raw):
	"""helper-62, F5: text with no digit was dropped as no phone, the row stored without one and no word said."""
	assert check_phone(raw).problem == NOT_A_PHONE
	assert phone_key(raw) is None


@pytest.mark.parametrize("raw", ["12345", "12345678901", "1390013900", "139001390001", "abc 123", "+86"])
def test_a_number_that_is_not_a_valid_phone_is_refused_with_its_reason(raw):
	check = check_phone(raw)
	assert (check.key, check.problem) == (None, NOT_A_PHONE)
	assert phone_key(raw) is None


@pytest.mark.parametrize(
	("raw", "expected"),
	[
		("13800138000转12", "+8613800138000"),
		("13800138000 ext 12", "+8613800138000"),
		("021-6888 8888转123", "+862168888888"),
		("021-68888888 分机 12", "+862168888888"),
		("021-68888888分机号１２", "+862168888888"),
		("021-6888 8888 分机：12", "+862168888888"),
		("021-68888888 分机:12", "+862168888888"),
		("021-68888888 转分机 12", "+862168888888"),
	],
)
def test_an_extension_written_the_chinese_way_is_read_as_one(raw, expected):
	"""helper-64, G5: "13800138000转12" was refused as no phone while "13800138000 ext 12" was read. The key is
	the number dialled; the extension is said to the switchboard."""
	assert check_phone(raw) == check_phone(raw).__class__(expected, None)


@pytest.mark.parametrize("raw", ["转12", "13800138000转", "转"])
def test_an_extension_word_without_its_number_or_extension_is_not_a_phone(raw):
	assert check_phone(raw).problem == NOT_A_PHONE


def test_a_valid_phone_has_a_key_and_no_problem():
	check = check_phone("139-0013-9000")
	assert (check.key, check.problem) == ("+8613900139000", None)
