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


def test_a_person_known_by_several_phones_or_records_is_one():
	"""helper-58, F5: a check on a row naming a Lead with another of the person's numbers typed; the Customer
	made from that Lead (its stored phone, the Lead it came from) is the same person."""
	checked = person_of({"+8613900580003", "+8613900580002"}, {"Lead/L-1"}, "赵六")
	customer = person_of({"+8613900580002"}, {"Customer/赵六", "Lead/L-1"}, "")
	assert same_person(checked, customer)
	assert same_person(checked, person_of(None, "Lead/L-1", ""))
	# two numbers each, none shared: two people, whatever the names
	assert not same_person(checked, person_of({"+8613900580009", "+8613900580010"}, None, "赵六"))


def test_the_checked_row_stays_invalid_whatever_it_says_later():
	"""helper-58, F4: the row a check was made on, retyped with another phone and name, counted again."""
	verdict = Verdict(WANG, "Callback CB-1: Visit Not Happened", row="row-1")
	rows = [person_of("+8613900139009", None, "王芳芳"), person_of("+8613900139009", None, "王芳芳")]
	assert row_verdicts(rows, [verdict], claims=["row-1", "row-2"]) == [INVALID, (False, "")]


def test_a_row_written_again_stands_for_the_row_it_replaces():
	"""helper-59, F2, F3: the checked row retyped in an amendment with its hidden id forged or blanked, or
	deleted and written again, or written again in a new log of the day after a cancel, counted."""
	from insurance_activity.rules.agent_log_rules import carry_claims

	other = person_of("+8613900139001", None, "李娜")
	retyped = person_of("+8613900139555", None, "王五")
	# the honest row keeps its own claim; the retyped one takes the claim left (the checked row's)
	assert carry_claims([retyped, other], [("row-1", WANG), ("row-2", other)]) == ["row-1", "row-2"]
	# a row with no claim left to take is a row of its own
	assert carry_claims([other, retyped], [("row-2", other)]) == ["row-2", None]
	verdict = Verdict(WANG, "Callback CB-1: Visit Not Happened", row="row-1")
	claims = carry_claims([retyped, other], [("row-1", WANG), ("row-2", other)])
	assert row_verdicts([retyped, other], [verdict], claims) == [INVALID, (False, "")]


def test_a_second_row_of_the_judged_person_leaves_the_judged_claim_to_the_row_retyped():
	"""helper-60, F1: the day held a phone appointment and an interview with 王芳 (the interview checked, not
	happened) and an interview with 李娜; amended with the interview retyped as another person, the
	unchanged appointment took the interview's id (the judged ids came first), and the retyped interview
	counted. A row of the judged person is under the verdict by its person: it takes its own row's id."""
	from insurance_activity.rules.agent_log_rules import carry_claims

	other = person_of("+8613900139001", None, "李娜")
	retyped = person_of("+8613900139555", None, "王五")
	claims = [
		("row-1", WANG, "Sales Interview"),
		("row-2", WANG, "Phone Appointment"),
		("row-3", other, "Sales Interview"),
	]
	rows, kinds = [retyped, WANG, other], ["Sales Interview", "Phone Appointment", "Sales Interview"]
	carried = carry_claims(rows, claims, kinds, judged={"row-1"})
	assert carried == ["row-1", "row-2", "row-3"]
	verdict = Verdict(WANG, "Callback CB-1: Visit Not Happened", row="row-1")
	assert row_verdicts(rows, [verdict], carried) == [INVALID, INVALID, (False, "")]
	# one visit split in two rows of the same kind, then the first part retyped: the copy takes the part
	# no verdict is on
	split = [("row-1", WANG, "Sales Interview"), ("row-1b", WANG, "Sales Interview")]
	kinds = ["Sales Interview", "Sales Interview"]
	assert carry_claims([retyped, WANG], split, kinds, judged={"row-1"}) == ["row-1", "row-1b"]


def test_a_row_left_takes_a_claim_of_its_own_kind_first():
	"""A visit written again in a new log of the day after a cancel, beside other activities: it stands for
	the visit it replaces, not for a phone appointment (the debit fell on another 5311 item)."""
	from insurance_activity.rules.agent_log_rules import carry_claims

	calls = person_of(None, None, "")
	retyped = person_of("+8613900139555", None, "王五")
	claims = [("row-calls", calls, "Phone Appointment"), ("row-1", WANG, "Sales Interview")]
	kinds = ["Sales Interview", "Phone Appointment"]
	assert carry_claims([retyped, calls], claims, kinds) == ["row-1", "row-calls"]
