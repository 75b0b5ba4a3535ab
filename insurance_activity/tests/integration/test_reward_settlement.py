"""Reward settlement into payroll (奖励结算, issue 16), on a real site with HRMS payroll and ERPNext accounts.

A contest's ranking becomes each agent's amount by its reward rows; finance approves the settlement through
the workflow; a salaried agent gets one Additional Salary that their Salary Slip of the period picks up
once, a commission agent is accrued on a balanced Journal Entry (or blocked with the reason); cancel
reverses both; the same agent, contest and period is never paid twice, even by two approvals at once."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import flt

from insurance_activity.campaigns.leaderboard import leaderboard
from insurance_activity.rules import rewards
from insurance_activity.tests.concurrent import act_together, refused_or
from insurance_activity.tests.factories import as_user, make_org, make_user
from insurance_activity.tests.reward_factories import (
	approve,
	cancel,
	give_salary_structure,
	make_payroll_entry,
	make_reward_contest,
	make_settlement,
	make_slip,
	remove_payroll_entry,
	set_accrual_accounts,
)

PREFIX = "Rwd"
COMPONENT = "Contest Reward"
TIERS = [
	{"rank_from": 1, "rank_to": 1, "amount": 1000},
	{"rank_from": 2, "rank_to": 3, "amount": 500},
	{"min_points": 1000, "amount": 2000},  # a threshold nobody reaches
]


def additional_salaries(settlement: str, docstatus: int = 1) -> list[dict]:
	return frappe.get_all(
		"Additional Salary",
		filters={"ref_doctype": "Reward Settlement", "ref_docname": settlement, "docstatus": docstatus},
		fields=["name", "employee", "amount", "salary_component", "payroll_date"],
	)


class TestRewardSettlement(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org(PREFIX)
		cls.hr = make_user("rwd.hr@example.com", "Rwd HR", ["HR Manager"])
		cls.accounts = make_user("rwd.accounts@example.com", "Rwd Accounts", ["Accounts User"])
		# A1 first (1000, salaried), A2 second (500, paid by commission), B1 third (500), S-A fourth (0)
		cls.contest = make_reward_contest(
			"Rwd Spring Contest",
			[org.office_a, org.office_b],
			{org.agent_a1: 90, org.agent_a2: 60, org.agent_b1: 40, org.sup_a: 10},
			TIERS,
			reward_cap_per_agent=800,
			reward_budget=1500,
		)
		cls.structure = give_salary_structure(org.agent_a1, PREFIX)

	def setUp(self):
		frappe.db.savepoint("reward_test")  # each test settles the contest afresh
		set_accrual_accounts(True)

	def tearDown(self):
		frappe.db.rollback(save_point="reward_test")
		frappe.set_user("Administrator")

	def line_of(self, settlement, agent):
		return next(line for line in settlement.lines if line.agent == agent)

	# ---------------------------------------------------------------- preparing
	def test_get_rewards_gives_each_participant_the_leaderboards_rank_and_the_tiers_amount(self):
		settlement = make_settlement(self.contest.name)
		board = leaderboard(self.contest.name, user="Administrator")
		self.assertEqual(
			[(line.agent, line.rank, line.points) for line in settlement.lines],
			[(row["participant"], row["rank"], row["points"]) for row in board["rows"]],
		)
		a1 = self.line_of(settlement, self.org.agent_a1)
		self.assertEqual((a1.amount, a1.route), (800, rewards.PAYROLL))  # 1000 cut to the cap
		self.assertEqual(a1.reason, "Cut to the cap per agent")
		self.assertEqual(self.line_of(settlement, self.org.agent_a2).route, rewards.ACCRUAL)
		fourth = self.line_of(settlement, self.org.sup_a)
		self.assertEqual(
			(fourth.amount, fourth.route, fourth.reason), (0, rewards.NO_REWARD, "No reward tier applies")
		)

	def test_a_line_not_qualified_says_what_the_agent_reached_against_the_contests_minimum(self):
		frappe.db.set_value("Points Contest", self.contest.name, "min_standard_met_days", 5)
		settlement = make_settlement(self.contest.name)
		a1 = self.line_of(settlement, self.org.agent_a1)
		self.assertEqual((a1.qualified, a1.amount), (0, 0))
		self.assertEqual(
			a1.reason, "Not qualified: 0 standard-met days of 5 required, 0 policies of 0 required"
		)
		self.assertEqual(a1.employee_name, "Rwd Agent A1")  # the grid shows names, not employee IDs

	def test_the_budget_overrun_shows_before_approval(self):
		settlement = make_settlement(self.contest.name)
		self.assertEqual(settlement.total_amount, 800 + 500 + 500)
		self.assertEqual(settlement.budget_overrun, 800 + 500 + 500 - 1500)
		self.assertEqual(settlement.docstatus, 0)

	def test_a_second_settlement_of_the_same_contest_and_period_is_refused(self):
		make_settlement(self.contest.name)
		with self.assertRaises(frappe.ValidationError):
			make_settlement(self.contest.name, get_rewards=False)

	# ---------------------------------------------------------------- approving: end to end with payroll
	def test_approval_pays_the_salaried_agent_once_on_the_salary_slip_and_accrues_the_commission_agent(self):
		settlement = make_settlement(self.contest.name)
		approve(settlement.name, self.hr)
		settlement.reload()
		self.assertEqual((settlement.docstatus, settlement.workflow_state), (1, "Approved"))
		salaries = additional_salaries(settlement.name)
		self.assertEqual(
			[(s.employee, s.amount, s.salary_component) for s in salaries],
			[(self.org.agent_a1, 800, COMPONENT)],
		)
		# the Salary Slip of the payroll date's month picks the reward up, once
		slip = make_slip(self.structure, self.org.agent_a1, settlement.payroll_date)
		rows = [row for row in slip.earnings if row.salary_component == COMPONENT]
		self.assertEqual(
			[(row.additional_salary, flt(row.amount)) for row in rows], [(salaries[0].name, 800)]
		)
		# the commission agents (A2, B1) are accrued on one balanced Journal Entry, the agents as parties
		entry = frappe.get_doc("Journal Entry", settlement.journal_entry)
		self.assertEqual(entry.docstatus, 1)
		self.assertEqual(flt(entry.total_debit), flt(entry.total_credit))
		self.assertEqual(flt(entry.total_debit), 1000)
		self.assertEqual(
			sorted((row.party, flt(row.credit)) for row in entry.accounts if row.party),
			sorted([(self.org.agent_a2, 500), (self.org.agent_b1, 500)]),
		)
		# every rewarded agent has their Agent Reward; nobody is dropped (S-A's line says no reward)
		got = frappe.get_all(
			"Agent Reward", filters={"settlement": settlement.name}, fields=["agent", "status", "amount"]
		)
		self.assertEqual(
			sorted((r.agent, r.status, r.amount) for r in got),
			sorted(
				[
					(self.org.agent_a1, rewards.PAYROLL, 800),
					(self.org.agent_a2, rewards.ACCRUAL, 500),
					(self.org.agent_b1, rewards.ACCRUAL, 500),
				]
			),
		)
		self.assertEqual(len(settlement.lines), 4)

	def test_a_commission_agent_without_the_accrual_account_is_blocked_with_the_reason(self):
		set_accrual_accounts(False)
		settlement = make_settlement(self.contest.name)
		approve(settlement.name, self.accounts)
		settlement.reload()
		a2 = self.line_of(settlement, self.org.agent_a2)
		self.assertEqual((a2.route, a2.reason), (rewards.BLOCKED, rewards.NO_ACCRUAL_ACCOUNT))
		self.assertFalse(settlement.journal_entry)
		reward = frappe.get_doc("Agent Reward", a2.agent_reward)
		self.assertEqual((reward.status, reward.amount), (rewards.BLOCKED, 500))
		self.assertEqual(settlement.blocked_amount, 1000)

	# ---------------------------------------------------------------- exactly once
	def test_approving_again_or_submitting_twice_never_makes_a_second_entry(self):
		settlement = make_settlement(self.contest.name)
		approve(settlement.name, self.hr)
		with self.assertRaises(frappe.ValidationError):
			approve(settlement.name, self.accounts)
		stale = frappe.get_doc("Reward Settlement", settlement.name)
		stale.docstatus = 0  # a copy read before the approval, submitted again
		with self.assertRaises(frappe.ValidationError):
			stale.run_method("before_submit")
		self.assertEqual(len(additional_salaries(settlement.name)), 1)

	def test_the_database_holds_one_live_reward_per_agent_contest_and_period(self):
		settlement = make_settlement(self.contest.name)
		approve(settlement.name, self.hr)
		settlement.reload()
		line = self.line_of(settlement, self.org.agent_a1)
		twin = frappe.copy_doc(frappe.get_doc("Agent Reward", line.agent_reward))
		twin.reward_key = frappe.db.get_value("Agent Reward", line.agent_reward, "reward_key")
		with self.assertRaises(frappe.UniqueValidationError):
			twin.insert(ignore_permissions=True)

	# ---------------------------------------------------------------- cancel and amend
	def test_cancel_reverses_the_additional_salary_and_the_journal_entry_and_amend_pays_again(self):
		settlement = make_settlement(self.contest.name)
		approve(settlement.name, self.hr)
		settlement.reload()
		entry = settlement.journal_entry
		cancel(settlement.name, self.hr)
		self.assertEqual(frappe.db.get_value("Reward Settlement", settlement.name, "docstatus"), 2)
		self.assertEqual(additional_salaries(settlement.name), [])
		self.assertEqual(len(additional_salaries(settlement.name, docstatus=2)), 1)
		self.assertEqual(frappe.db.get_value("Journal Entry", entry, "docstatus"), 2)
		self.assertEqual(
			set(frappe.get_all("Agent Reward", {"settlement": settlement.name}, pluck="status")),
			{"Cancelled"},
		)
		amended = frappe.copy_doc(frappe.get_doc("Reward Settlement", settlement.name), ignore_no_copy=False)
		amended.amended_from, amended.docstatus = settlement.name, 0  # as the form's Amend does
		amended.insert()
		approve(amended.name, self.hr)
		self.assertEqual(len(additional_salaries(amended.name)), 1)

	def test_cancel_is_refused_naming_the_submitted_salary_slip_that_paid_it(self):
		settlement = make_settlement(self.contest.name)
		approve(settlement.name, self.hr)
		settlement.reload()
		slip = make_slip(self.structure, self.org.agent_a1, settlement.payroll_date)
		slip.submit()
		with self.assertRaises(frappe.ValidationError) as refused:
			cancel(settlement.name, self.hr)
		self.assertIn(slip.name, str(refused.exception))
		self.assertEqual(frappe.db.get_value("Reward Settlement", settlement.name, "docstatus"), 1)
		self.assertEqual(len(additional_salaries(settlement.name)), 1)

	# ---------------------------------------------------------------- the summary report
	def test_the_summary_shows_paid_accrued_blocked_and_what_reached_a_salary_slip(self):
		from insurance_activity.rewards.report.reward_settlement_summary.reward_settlement_summary import (
			execute,
		)

		settlement = make_settlement(self.contest.name)
		approve(settlement.name, self.hr)
		settlement.reload()
		filters = {"contest": self.contest.name, "group_by": "Office"}
		with as_user(self.hr):
			_columns, rows = execute(filters)
		office_a = next(row for row in rows if row["office"] == self.org.office_a)
		self.assertEqual((office_a["paid"], office_a["accrued"], office_a["on_salary_slip"]), (800, 500, 0))
		make_slip(self.structure, self.org.agent_a1, settlement.payroll_date).submit()
		with as_user(self.hr):
			_columns, rows = execute({**filters, "group_by": "Contest"})
		self.assertEqual(
			[(row["paid"], row["accrued"], row["on_salary_slip"], row["agents"]) for row in rows],
			[(800, 1000, 800, 3)],
		)
		with as_user(self.org.users.agent_a2):  # an agent's summary is their own reward
			_columns, rows = execute({**filters, "group_by": "Agent"})
		self.assertEqual([(row["agents"], row["accrued"]) for row in rows], [(1, 500)])

	# ---------------------------------------------------------------- permissions
	def test_only_finance_approves(self):
		settlement = make_settlement(self.contest.name)
		with self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
			approve(settlement.name, self.org.users.admin)  # the Activity Admin prepares, never approves
		self.assertEqual(frappe.db.get_value("Reward Settlement", settlement.name, "docstatus"), 0)
		with as_user(self.org.users.agent_a1):
			self.assertFalse(frappe.has_permission("Reward Settlement", "read", settlement.name))

	def test_an_agent_reads_their_own_reward_never_a_colleagues(self):
		settlement = make_settlement(self.contest.name)
		approve(settlement.name, self.hr)
		with as_user(self.org.users.agent_a2):
			seen = frappe.get_list(
				"Agent Reward", filters={"contest": self.contest.name}, fields=["agent", "amount"]
			)
		self.assertEqual([(r.agent, r.amount) for r in seen], [(self.org.agent_a2, 500)])
		with as_user(self.org.users.agent_b1):
			seen = frappe.get_list("Agent Reward", filters={"contest": self.contest.name}, pluck="agent")
		self.assertEqual(seen, [self.org.agent_b1])
		with as_user(self.hr):
			self.assertEqual(len(frappe.get_list("Agent Reward", filters={"settlement": settlement.name})), 3)


def remove_committed_settlement(settlement: str, contest: str, salaried: str):
	"""What a class that commits made: the settlement (cancelled first when approved, which reverses its
	entries), its Agent Rewards and Additional Salaries, the contest, the salaried agent's structure
	assignment, the accrual accounts in the settings; committed."""
	if frappe.db.get_value("Reward Settlement", settlement, "docstatus") == 1:
		cancel(settlement, "Administrator")
	frappe.db.delete("Agent Reward", {"contest": contest})
	frappe.db.delete("Additional Salary", {"ref_doctype": "Reward Settlement", "ref_docname": settlement})
	frappe.delete_doc("Reward Settlement", settlement, force=True, ignore_permissions=True)
	frappe.delete_doc("Points Contest", contest, force=True, ignore_permissions=True)
	for name in frappe.get_all("Salary Structure Assignment", {"employee": salaried}, pluck="name"):
		assignment = frappe.get_doc("Salary Structure Assignment", name)
		if assignment.docstatus == 1:
			assignment.cancel()
		frappe.delete_doc("Salary Structure Assignment", name, force=True)
	set_accrual_accounts(False)
	frappe.db.commit()


# ---------------------------------------------------------------- two finance users at once
def approved_as(user: str, settlement: str) -> dict:
	"""One competing process: approve as `user`; {"approved": name} or {"refused": message}."""

	def approved() -> dict:
		approve(settlement, user)
		return {"approved": settlement}

	return refused_or(approved)


class TestRewardSettlementRace(FrappeTestCase):
	"""Committed records (other processes read them), removed again in tearDownClass."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("Rwc")
		cls.hr = make_user("rwc.hr@example.com", "Rwc HR", ["HR Manager"])
		cls.accounts = make_user("rwc.accounts@example.com", "Rwc Accounts", ["Accounts User"])
		cls.contest = make_reward_contest(
			"Rwc Race Contest", [org.office_a], {org.agent_a1: 90, org.agent_a2: 60}, TIERS
		)
		give_salary_structure(org.agent_a1, "Rwc")
		set_accrual_accounts(True)
		cls.settlement = make_settlement(cls.contest.name)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		remove_committed_settlement(cls.settlement.name, cls.contest.name, cls.org.agent_a1)
		super().tearDownClass()

	def test_two_finance_users_approving_at_once_make_one_additional_salary(self):
		outcomes = act_together(
			[
				(f"{__name__}.approved_as", {"user": self.hr, "settlement": self.settlement.name}),
				(f"{__name__}.approved_as", {"user": self.accounts, "settlement": self.settlement.name}),
			]
		)
		self.assertEqual(
			sorted(next(iter(outcome)) for outcome in outcomes), ["approved", "refused"], outcomes
		)
		self.assertEqual(len(additional_salaries(self.settlement.name)), 1)
		self.assertEqual(
			frappe.db.count("Agent Reward", {"contest": self.contest.name, "agent": self.org.agent_a1}), 1
		)


# ---------------------------------------------------------------- HRMS's payroll run
class TestRewardSettlementPayrollEntry(FrappeTestCase):
	"""Finance's monthly payroll run (HRMS Payroll Entry) of the payroll date's month takes the reward once.
	HRMS commits while it makes the slips, so the records are committed and removed in tearDownClass."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("Rwp")
		cls.hr = make_user("rwp.hr@example.com", "Rwp HR", ["HR Manager"])
		cls.contest = make_reward_contest(
			"Rwp Payroll Contest", [org.office_a], {org.agent_a1: 90, org.agent_a2: 60}, TIERS
		)
		give_salary_structure(org.agent_a1, "Rwp")
		set_accrual_accounts(True)
		cls.settlement = make_settlement(cls.contest.name)
		approve(cls.settlement.name, cls.hr)
		cls.settlement.reload()
		cls.entries = []
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for name in cls.entries:
			remove_payroll_entry(name)
		remove_committed_settlement(cls.settlement.name, cls.contest.name, cls.org.agent_a1)
		super().tearDownClass()

	def reward_rows(self, entry: str) -> list[tuple]:
		slips = frappe.get_all("Salary Slip", {"payroll_entry": entry, "docstatus": ("<", 2)}, pluck="name")
		return sorted(
			(
				frappe.db.get_value("Salary Slip", row.parent, "employee"),
				row.additional_salary,
				flt(row.amount),
			)
			for row in frappe.get_all(
				"Salary Detail",
				{"parenttype": "Salary Slip", "parent": ("in", slips or [""]), "salary_component": COMPONENT},
				["parent", "additional_salary", "amount"],
			)
		)

	def test_the_payroll_entry_of_the_payroll_dates_month_puts_the_reward_on_the_agents_slip_once(self):
		[salary] = additional_salaries(self.settlement.name)
		entry = make_payroll_entry(self.org.office_a, self.settlement.payroll_date, self.org.agent_a1)
		self.entries.append(entry.name)
		self.assertEqual([row.employee for row in entry.employees], [self.org.agent_a1])
		entry.submit()  # HRMS makes the period's slips here
		self.assertEqual(self.reward_rows(entry.name), [(self.org.agent_a1, salary.name, 1000)])
		entry.reload()
		entry.create_salary_slips()  # finance runs it again: no second slip, no second reward row
		self.assertEqual(self.reward_rows(entry.name), [(self.org.agent_a1, salary.name, 1000)])
		self.assertEqual(frappe.db.count("Salary Slip", {"payroll_entry": entry.name}), 1)
