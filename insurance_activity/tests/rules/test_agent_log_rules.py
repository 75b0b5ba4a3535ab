"""A callback's verdict on an activity row (作废) is the system's: which verdict each row of a save carries."""

from insurance_activity.rules.agent_log_rules import RowVerdict, carried_verdicts, visit_of

VISIT = visit_of("Sales Interview", "+8613900139000", None, "王芳")
OTHER = visit_of("Sales Interview", "+8613900139001", None, "李娜")
DENIED = RowVerdict("row-1", VISIT, True, "Customer denied the visit")


def test_a_stored_row_keeps_its_verdict_whatever_was_sent():
	sent = RowVerdict("row-1", VISIT, False, "")
	assert carried_verdicts([sent], [DENIED]) == [(True, "Customer denied the visit")]
	restored = RowVerdict("row-1", VISIT, False, "")
	assert carried_verdicts([RowVerdict("row-1", VISIT, True, "forged")], [restored]) == [(False, "")]


def test_a_deleted_row_typed_again_keeps_the_verdict():
	assert carried_verdicts([RowVerdict(None, VISIT)], [DENIED]) == [(True, "Customer denied the visit")]
	assert carried_verdicts([RowVerdict("new-name", VISIT)], [DENIED]) == [
		(True, "Customer denied the visit")
	]


def test_one_verdict_goes_to_one_row():
	rows = [RowVerdict(None, VISIT), RowVerdict(None, VISIT)]
	assert carried_verdicts(rows, [DENIED]) == [(True, "Customer denied the visit"), (False, "")]
	kept = [RowVerdict("row-1", VISIT, False, ""), RowVerdict(None, VISIT)]
	assert carried_verdicts(kept, [DENIED]) == [(True, "Customer denied the visit"), (False, "")]


def test_a_new_claim_carries_no_verdict():
	assert carried_verdicts([RowVerdict(None, OTHER, True, "typed")], [DENIED]) == [(False, "")]
	assert carried_verdicts([RowVerdict(None, VISIT, True, "typed")], []) == [(False, "")]
	other_kind = visit_of("Phone Appointment", "+8613900139000", None, "王芳")
	assert carried_verdicts([RowVerdict(None, other_kind)], [DENIED]) == [(False, "")]


def test_a_visit_is_the_same_person_however_it_is_spelt():
	assert visit_of("Sales Interview", None, None, " 王芳 ") == visit_of(
		"Sales Interview", None, None, "王芳"
	)
	assert visit_of("Sales Interview", None, "CUST-1", "A") == visit_of(
		"Sales Interview", None, "CUST-1", "B"
	)
	assert visit_of("Sales Interview", "+8613900139000", "CUST-1", "A") == VISIT[:1] + ("+8613900139000",)
