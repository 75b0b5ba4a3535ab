"""A callback's verdict (作废) on a visit: which rows of an agent's day it makes not count."""

from insurance_activity.rules.agent_log_rules import Verdict, person_of, row_verdicts, same_person

WANG = person_of("+8613900139000", None, "王芳")
DENIED = Verdict(WANG, "Callback CB-1: Visit Not Happened")
INVALID = (True, "Callback CB-1: Visit Not Happened")


def test_every_row_of_the_day_claiming_the_visit_does_not_count():
	rows = [
		WANG,  # as it was, or as another kind of any item
		person_of(None, None, "王 芳"),  # phone taken away, name spaced
		person_of("+8613900139000", "CUST-9", ""),  # the party added
		WANG,  # split or doubled
	]
	assert row_verdicts(rows, [DENIED]) == [INVALID] * 4


def test_other_visits_count_whatever_was_sent():
	rows = [
		person_of("+8613900139001", None, "李娜"),
		person_of("+8613900139002", None, "王芳"),  # a namesake with another phone
	]
	assert row_verdicts(rows, [DENIED]) == [(False, "")] * 2
	assert row_verdicts([WANG], []) == [(False, "")]


def test_one_person_however_written():
	assert same_person(person_of(None, None, "ＷＡＮＧ Fang"), person_of(None, None, "wangfang"))
	assert same_person(person_of(None, "CUST-1", "A"), person_of(None, "CUST-1", "B"))
	assert same_person(person_of("+8613900139000", "CUST-1", ""), person_of("+8613900139000", "CUST-2", ""))
	assert not same_person(person_of(None, "CUST-1", "王芳"), person_of(None, "CUST-2", "王芳"))
	assert not same_person(person_of(None, None, ""), person_of(None, None, ""))
