# Copyright (c) 2026, insurance_activity developers
# For license information, please see license.txt
"""Reward Settlement (奖励结算): a points contest's rewards for its period, settled into payroll exactly once.

An Activity Admin prepares it: *Get Rewards* fills a line per participant of the contest's ranking (the
leaderboard's own computation, `campaigns/leaderboard.ranking`, over every office of the contest) with the
amount the contest's reward rows give (`rules/rewards.py`) and where it will go; the budget overrun shows on
the form. Finance (HR Manager, Accounts User) approves it through the workflow *Reward Settlement Approval*,
which submits it:

- an agent with an active Salary Structure Assignment on the payroll date gets one HRMS Additional Salary
  (the settings' Reward Salary Component, ref_doctype/ref_docname back to the settlement), submitted, which
  the Salary Slip of the period picks up;
- an agent without one is accrued on one Journal Entry of the settlement (debit the Reward Expense
  Account, credit the Reward Payable Account with the agent as party), or, with no such account set or
  when the agent is no longer active, blocked with the reason; every rewarded line gets an Agent Reward.

Exactly once: an Agent Reward holds the key (agent, contest, period) under a unique index, so a second
settlement of the same contest and period, a second submit, or two finance users approving at the same
moment never make a second entry; the settlement's row is locked while it is submitted, and the whole
submit is one transaction (a failure half-way leaves nothing, and the retry starts clean).

Cancel (finance) cancels the Additional Salaries and the Journal Entry and marks the Agent Rewards
cancelled (their key is freed for the amendment). A reward already on a submitted Salary Slip is paid:
cancel is refused, naming the Salary Slips and their payroll runs (Payroll Entry), to be cancelled first; a
draft Salary Slip holding one is named in a warning (recalculate it after the cancel).
"""

import frappe
from frappe import _
from frappe.utils import add_days, comma_and, flt, getdate

from insurance_activity.campaigns.contest_ledger import CONTEST
from insurance_activity.campaigns.leaderboard import participant_key, ranking
from insurance_activity.controllers.document import AppDocument
from insurance_activity.controllers.unique_keys import explained
from insurance_activity.rules import rewards
from insurance_activity.settings import get_settings

SETTLEMENT = "Reward Settlement"
AGENT_REWARD = "Agent Reward"
REWARD_KEY = "reward_key"  # the unique index of Agent Reward (one live reward per agent, contest and period)
DAY_AFTER_CONTEST = "Day After the Contest Ends"
CANCELLED = "Cancelled"


class RewardSettlement(AppDocument):
	def before_insert(self):
		"""An amendment (or a copy) starts without what the original created."""
		self.journal_entry = None
		for line in self.lines:
			line.agent_reward = line.additional_salary = None

	def validate(self):
		if not frappe.db.exists(CONTEST, self.contest):
			frappe.throw(_("Choose a points contest."))
		contest = frappe.get_doc(CONTEST, self.contest)
		self.from_date, self.to_date = contest.from_date, contest.to_date
		self.set_payroll_date()
		self.refuse_a_second_settlement()
		self.set_totals(contest)

	def set_payroll_date(self):
		"""The Additional Salaries' date, by the settings' Reward Payroll Date rule."""
		if get_settings().reward_payroll_date_rule == DAY_AFTER_CONTEST:
			self.payroll_date = add_days(self.to_date, 1)
		else:
			self.payroll_date = self.posting_date

	def refuse_a_second_settlement(self):
		"""One live settlement per contest and period (the unique key of Agent Reward also holds it)."""
		other = frappe.db.get_value(
			SETTLEMENT,
			{
				"contest": self.contest,
				"from_date": self.from_date,
				"to_date": self.to_date,
				"docstatus": ("<", 2),
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_(
					"{0} already settles {1} for this period: open it, or cancel it and amend it to correct it."
				).format(other, self.contest),
				title=_("Already Settled"),
			)

	def set_totals(self, contest):
		"""Totals per route, the contest's budget and the overrun (shown before approval)."""
		by_route = {route: 0.0 for route in rewards.ROUTES}
		for line in self.lines:
			by_route[line.route or rewards.NO_REWARD] += flt(line.amount)
		self.total_amount = sum(flt(line.amount) for line in self.lines)
		self.payroll_amount = by_route[rewards.PAYROLL]
		self.accrued_amount = by_route[rewards.ACCRUAL]
		self.blocked_amount = by_route[rewards.BLOCKED]
		self.budget = flt(contest.reward_budget)
		self.budget_overrun = rewards.budget_overrun([line.amount for line in self.lines], self.budget)
		if self.budget_overrun and self.docstatus == 0:
			frappe.msgprint(
				_("The rewards total {0}, {1} above the contest's budget of {2}.").format(
					frappe.format(self.total_amount, "Currency"),
					frappe.format(self.budget_overrun, "Currency"),
					frappe.format(self.budget, "Currency"),
				),
				title=_("Budget Overrun"),
				indicator="orange",
			)

	# ---------------------------------------------------------------- preparing
	@frappe.whitelist()
	def get_rewards(self) -> dict:
		"""Fill the lines from the contest's ranking (every office of the contest) and reward rows, and save
		(a draft only; whoever may change the settlement). Returns {"lines": lines, "total_amount",
		"budget_overrun"} (amounts in the company's currency). Raises frappe.PermissionError for anyone who
		may not change it, frappe.ValidationError once it is submitted."""
		self.check_permission("write")
		if self.docstatus != 0:
			frappe.throw(_("Only a draft settlement gets its rewards again."))
		self.fill_lines()
		self.save()
		return {
			"lines": len(self.lines),
			"total_amount": self.total_amount,
			"budget_overrun": self.budget_overrun,
		}

	def fill_lines(self):
		contest = frappe.get_doc(CONTEST, self.contest)
		self.from_date, self.to_date = contest.from_date, contest.to_date
		self.set_payroll_date()
		rows, ranked = ranking(contest, [row.office for row in contest.offices])
		key = participant_key(contest)
		office_of = {row[key]: row["office"] for row in rows}  # the office of their latest day
		participants = [r.standing.participant for r in ranked]
		tier_of = dict(
			frappe.get_all(
				"Employee",
				filters={"name": ("in", participants or [""])},
				fields=["name", "ia_productivity_tier"],
				as_list=True,
			)
		)
		tiers = [
			rewards.RewardTier(
				flt(row.amount),
				int(row.rank_from or 0),
				int(row.rank_to or 0),
				flt(row.min_points),
				row.productivity_tier or "",
				_("Reward tier row {0}").format(row.idx),
			)
			for row in contest.reward_tiers
		]
		placings = [
			rewards.Placing(
				r.standing.participant,
				r.rank,
				r.standing.points,
				r.qualified,
				tier_of.get(r.standing.participant) or "",
			)
			for r in ranked
		]
		self.lines = []
		accounts_set = self.accrual_accounts_set()
		standing_of = {r.standing.participant: r.standing for r in ranked}
		for placing, award in zip(
			placings, rewards.awards(placings, tiers, flt(contest.reward_cap_per_agent)), strict=True
		):
			line = self.append(
				"lines",
				{
					"agent": placing.participant,
					"office": office_of.get(placing.participant),
					"rank": placing.rank,
					"points": placing.points,
					"qualified": placing.qualified,
					"amount": award.amount,
					"reward_rule": award.row,
				},
			)
			note = award.note
			if note == rewards.NOT_QUALIFIED:
				note = not_qualified_reason(contest, standing_of[placing.participant])
			self.set_route(line, accounts_set, note=note)

	def set_route(self, line, accounts_set: bool, note: str = ""):
		"""Where the line's amount goes now (rules.rewards.route) and why, from the agent's record, their
		salary structure on the payroll date and whether the settings' accrual accounts are set
		(`accounts_set`: accrual_accounts_set(), asked once for all the lines)."""
		employee = frappe.db.get_value(
			"Employee", line.agent, ["status", "relieving_date", "company"], as_dict=True
		)
		active = bool(
			employee
			and employee.status == "Active"
			and employee.company == self.company
			and not (
				employee.relieving_date and getdate(employee.relieving_date) < getdate(self.payroll_date)
			)
		)
		route, reason = rewards.route(
			flt(line.amount), active, self.has_salary_structure(line.agent), accounts_set
		)
		line.route = route
		line.reason = _(reason or note) if (reason or note) else ""

	def has_salary_structure(self, agent: str) -> bool:
		"""A submitted Salary Structure Assignment of the company in force on the payroll date."""
		return bool(
			frappe.db.exists(
				"Salary Structure Assignment",
				{
					"employee": agent,
					"company": self.company,
					"docstatus": 1,
					"from_date": ("<=", self.payroll_date),
				},
			)
		)

	def accrual_accounts_set(self) -> bool:
		settings = get_settings()
		return bool(
			settings.reward_payable_account
			and settings.reward_expense_account
			and frappe.db.get_value("Account", settings.reward_payable_account, "company") == self.company
			and frappe.db.get_value("Account", settings.reward_expense_account, "company") == self.company
		)

	# ---------------------------------------------------------------- approving (submit)
	def before_submit(self):
		# the row lock: a second approval of the same settlement waits here, then sees it submitted
		stored = frappe.db.get_value(SETTLEMENT, self.name, "docstatus", for_update=True)
		if stored is not None and int(stored) != 0:
			frappe.throw(_("{0} is already approved.").format(self.name), title=_("Already Settled"))
		if not self.lines:
			frappe.throw(_("Get the rewards before approving: the settlement has no lines."))
		route_reasons = {_(rewards.NOT_ACTIVE), _(rewards.NO_ACCRUAL_ACCOUNT)}
		accounts_set = self.accrual_accounts_set()
		for line in self.lines:  # the routes as they are now: a salary structure may have come since
			self.set_route(line, accounts_set, note="" if line.reason in route_reasons else line.reason)
		self.set_totals(frappe.get_doc(CONTEST, self.contest))

	def on_submit(self):
		settings = get_settings()
		if not settings.reward_salary_component and any(line.route == rewards.PAYROLL for line in self.lines):
			frappe.throw(
				_("Set the Reward Salary Component in Insurance Activity Settings before approving.")
			)
		accrued = []
		for line in self.lines:
			if line.route == rewards.NO_REWARD:
				continue
			reward = self.make_agent_reward(line)
			line.db_set("agent_reward", reward.name)
			if line.route == rewards.PAYROLL:
				salary = self.make_additional_salary(line, settings.reward_salary_component)
				line.db_set("additional_salary", salary)
				reward.db_set("additional_salary", salary)
			elif line.route == rewards.ACCRUAL:
				accrued.append((line, reward))
		if accrued:
			entry = self.make_accrual_entry([line for line, _reward in accrued], settings)
			self.db_set("journal_entry", entry)
			for _line, reward in accrued:
				reward.db_set("journal_entry", entry)

	def make_agent_reward(self, line):
		"""The agent's reward, claiming the key (agent, contest, period): the database refuses a second."""
		key = rewards.reward_key(line.agent, self.contest, self.from_date, self.to_date)
		reward = frappe.get_doc(
			{
				"doctype": AGENT_REWARD,
				"agent": line.agent,
				"office": line.office,
				"contest": self.contest,
				"from_date": self.from_date,
				"to_date": self.to_date,
				"amount": line.amount,
				"status": line.route,
				"reason": line.reason,
				"settlement": self.name,
				REWARD_KEY: key,
			}
		)
		reward.flags.ignore_permissions = True
		with explained(REWARD_KEY, lambda: self.explain_duplicate(line, key)):
			reward.insert()
		return reward

	def explain_duplicate(self, line, key: str):
		# a locking read sees the reward another transaction committed after this one began
		found = frappe.db.get_value(AGENT_REWARD, {REWARD_KEY: key}, ["name", "settlement"], for_update=True)
		frappe.throw(
			_("{0} already has a reward for {1} and this period ({2}, settlement {3}).").format(
				line.employee_name or line.agent,
				self.contest,
				found[0] if found else "",
				found[1] if found else "",
			),
			title=_("Already Settled"),
		)

	def make_additional_salary(self, line, component: str) -> str:
		"""The agent's one Additional Salary of this settlement (an existing one is reused), submitted."""
		existing = frappe.db.get_value(
			"Additional Salary",
			{"ref_doctype": SETTLEMENT, "ref_docname": self.name, "employee": line.agent, "docstatus": 1},
		)
		if existing:
			return existing
		salary = frappe.get_doc(
			{
				"doctype": "Additional Salary",
				"employee": line.agent,
				"company": self.company,
				"salary_component": component,
				"currency": frappe.get_cached_value("Company", self.company, "default_currency"),
				"amount": line.amount,
				"payroll_date": self.payroll_date,
				"overwrite_salary_structure_amount": 0,
				"ref_doctype": SETTLEMENT,
				"ref_docname": self.name,
			}
		)
		salary.flags.ignore_permissions = True  # finance's approval of the settlement is the authority
		salary.insert()
		salary.submit()
		return salary.name

	def make_accrual_entry(self, lines, settings) -> str:
		"""One balanced Journal Entry: debit the expense account with the total, credit the payable account
		per agent (party type Employee)."""
		total = sum(flt(line.amount) for line in lines)
		entry = frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"voucher_type": "Journal Entry",
				"company": self.company,
				"posting_date": self.posting_date,
				"user_remark": _("Contest rewards accrued by Reward Settlement {0} ({1})").format(
					self.name, self.contest
				),
				"accounts": [
					{
						"account": settings.reward_expense_account,
						"debit_in_account_currency": total,
						"cost_center": frappe.get_cached_value("Company", self.company, "cost_center"),
					},
					*(
						{
							"account": settings.reward_payable_account,
							"credit_in_account_currency": flt(line.amount),
							"party_type": "Employee",
							"party": line.agent,
						}
						for line in lines
					),
				],
			}
		)
		entry.flags.ignore_permissions = True
		entry.insert()
		entry.submit()
		return entry.name

	# ---------------------------------------------------------------- cancelling
	def before_cancel(self):
		self.refuse_when_paid()

	def refuse_when_paid(self):
		"""A reward on a submitted Salary Slip is paid: name the slips and their payroll runs, refuse."""
		slips = self.salary_slips()
		paid = [slip for slip in slips if slip.docstatus == 1]
		if paid:
			frappe.throw(
				_(
					"These rewards are already on submitted Salary Slips: {0} (payroll runs: {1}). Cancel those"
					" Salary Slips first, then cancel this settlement and amend it."
				).format(
					comma_and([slip.name for slip in paid], add_quotes=False),
					comma_and(sorted({slip.payroll_entry or _("none") for slip in paid}), add_quotes=False),
				),
				title=_("Rewards Already Paid"),
			)
		drafts = [slip.name for slip in slips if slip.docstatus == 0]
		if drafts:
			frappe.msgprint(
				_("Draft Salary Slips hold these rewards: {0}. Save them again after the cancel.").format(
					comma_and(drafts, add_quotes=False)
				),
				indicator="orange",
			)

	def salary_slips(self) -> list[dict]:
		"""The Salary Slips (not cancelled) that picked up this settlement's Additional Salaries:
		[{"name", "docstatus", "payroll_entry"}]."""
		salaries = [line.additional_salary for line in self.lines if line.additional_salary]
		if not salaries:
			return []
		names = frappe.get_all(
			"Salary Detail",
			filters={"parenttype": "Salary Slip", "additional_salary": ("in", salaries)},
			pluck="parent",
			distinct=True,
		)
		return frappe.get_all(
			"Salary Slip",
			filters={"name": ("in", names or [""]), "docstatus": ("<", 2)},
			fields=["name", "docstatus", "payroll_entry"],
			order_by="name",
		)

	def on_cancel(self):
		for line in self.lines:
			if (
				line.additional_salary
				and frappe.db.get_value("Additional Salary", line.additional_salary, "docstatus") == 1
			):
				salary = frappe.get_doc("Additional Salary", line.additional_salary)
				salary.flags.ignore_permissions = True
				salary.cancel()
		if self.journal_entry and frappe.db.get_value("Journal Entry", self.journal_entry, "docstatus") == 1:
			entry = frappe.get_doc("Journal Entry", self.journal_entry)
			entry.flags.ignore_permissions = True
			entry.cancel()
		for reward in frappe.get_all(AGENT_REWARD, filters={"settlement": self.name}, pluck="name"):
			frappe.db.set_value(AGENT_REWARD, reward, {"status": CANCELLED, REWARD_KEY: None})


def not_qualified_reason(contest, standing) -> str:
	"""Why a participant is not qualified, in the reader's language: what they reached against the contest's
	minimum standard-met days and policies (the Points Contest's qualification)."""
	return _("Not qualified: {0} standard-met days of {1} required, {2} policies of {3} required").format(
		standing.standard_met_days,
		int(contest.min_standard_met_days or 0),
		standing.policies,
		int(contest.min_policies or 0),
	)
