"""Productivity tier (产能层级) re-evaluation: once a month every agent's tier is evaluated from their
Agent Monthly Performance by the rules on the Productivity Tier records; the result is a Tier Review,
where an admin may override it with a reason. The Employee's tier follows the agent's latest review.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_months, getdate

from insurance_activity.production.performance import AGENT_DOCTYPE, AGENT_FIGURES, month_start
from insurance_activity.rules.production.performance import AgentMonth
from insurance_activity.rules.production.tiers import TierDecision, TierRule, evaluate_tier
from insurance_activity.settings import get_settings

REVIEW = "Tier Review"
HISTORY_FIELDS = ("agent", "office", "supervisor", "year", "month", *AGENT_FIGURES)


def tier_rules() -> list[TierRule]:
	"""The tiers highest rank first, each with the monthly averages it needs; the lowest is the floor."""
	return [
		TierRule(t.name, t.min_avg_fyc or 0, t.min_avg_cases or 0)
		for t in frappe.get_all(
			"Productivity Tier", fields=["name", "min_avg_fyc", "min_avg_cases"], order_by="`rank` desc"
		)
	]


def decision_label(reason: str) -> str:
	return {
		"thresholds_met": _("Averages meet this tier's minimums"),
		"floor": _("Below every tier's minimums: the lowest tier"),
		"no_history": _("No performance yet: the lowest tier"),
		"override": _("Overridden by an admin"),
	}[reason]


EVALUATION_FIELDS = (
	"agent_name",
	"office",
	"computed_tier",
	"decision",
	"avg_fyc",
	"avg_cases",
	"months_used",
	"lookback_months",
)


def lookback_months() -> int:
	return get_settings().tier_lookback_months or 1


def reevaluate_month(year: int, month: int) -> dict:
	"""Evaluate every agent with performance in the month; keep each review's override. Idempotent."""
	lookback = lookback_months()
	rules = tier_rules()
	period = month_start(year, month)
	history = history_until(period, lookback)
	agents = frappe.get_all(
		AGENT_DOCTYPE, filters={"period": period}, fields=["agent", "agent_name", "office"], order_by="agent"
	)
	# the month's reviews as stored, read once: a review whose evaluation is unchanged is not opened at all
	stored = {
		row.name: row
		for row in frappe.get_all(REVIEW, filters={"period": period}, fields=["name", *EVALUATION_FIELDS])
	}
	written = sum(
		upsert_review(
			agent,
			year,
			month,
			history.get(agent.agent, []),
			rules,
			lookback,
			stored.get(f"{agent.agent}-{year}-{month:02d}"),
		)
		for agent in agents
	)
	return {"agents": len(agents), "reviews_written": written}


def history_until(period: date, lookback: int, agent: str | None = None) -> dict[str, list[AgentMonth]]:
	"""Each agent's months from `lookback` months before `period` up to and including it."""
	filters = {"period": ("between", [add_months(period, 1 - lookback), period])}
	if agent:
		filters["agent"] = agent
	rows = frappe.get_all(AGENT_DOCTYPE, filters=filters, fields=list(HISTORY_FIELDS), order_by="period")
	history: dict[str, list[AgentMonth]] = {}
	for row in rows:
		values = {f: row[f] for f in HISTORY_FIELDS}
		for flag in ("has_sale", "reached_u", "is_new_agent"):
			values[flag] = bool(values[flag])
		history.setdefault(row.agent, []).append(AgentMonth(**values))
	return history


def upsert_review(agent, year: int, month: int, history, rules, lookback: int, stored=None) -> int:
	"""Write the agent's review of the month when its evaluation changed; returns 1 when written.
	stored: the review's evaluation fields as stored (reevaluate_month reads the month's at once), else None:
	an unchanged evaluation is then known without opening the document."""
	name = f"{agent.agent}-{year}-{month:02d}"
	if stored is not None:
		now = frappe._dict(stored, agent_name=agent.agent_name, office=agent.office)
		set_evaluation(now, evaluate_tier(history, rules, lookback, None), lookback)
		if all(now.get(f) == stored.get(f) for f in EVALUATION_FIELDS):
			return 0
	exists = stored is not None or frappe.db.exists(REVIEW, name)
	review = frappe.get_doc(REVIEW, name) if exists else frappe.new_doc(REVIEW)
	before = {f: review.get(f) for f in EVALUATION_FIELDS}
	if not exists:
		review.update(
			{
				"agent": agent.agent,
				"period": month_start(year, month),
				"year": year,
				"month": month,
				"previous_tier": frappe.db.get_value("Employee", agent.agent, "ia_productivity_tier"),
			}
		)
	review.agent_name, review.office = agent.agent_name, agent.office
	set_evaluation(review, evaluate_tier(history, rules, lookback, None), lookback)
	if exists and before == {f: review.get(f) for f in EVALUATION_FIELDS}:
		return 0
	review.flags.evaluated = True
	review.flags.ignore_permissions = True
	if exists:
		review.save()
	else:
		review.insert(set_name=name)
	return 1


def evaluate_review(review):
	"""Re-run the review's evaluation from the stored performance (a saved review is never typed)."""
	lookback = lookback_months()
	history = history_until(getdate(review.period), lookback, review.agent).get(review.agent, [])
	set_evaluation(review, evaluate_tier(history, tier_rules(), lookback, None), lookback)


def set_evaluation(review, computed: TierDecision, lookback: int):
	review.computed_tier = computed.tier
	review.decision = decision_label(computed.reason)
	review.avg_fyc = round(computed.avg_fyc, 2)
	review.avg_cases = round(computed.avg_cases, 2)
	review.months_used = computed.months_used
	review.lookback_months = lookback


def apply_review(review):
	"""The applied tier is the override when there is one, else the computed tier; the latest review of
	the agent sets the Employee's tier (产能层级)."""
	if review.override_tier:
		# the core checks that the override names a configured tier
		review.applied_tier = evaluate_tier([], tier_rules(), 1, review.override_tier).tier
	else:
		review.applied_tier = review.computed_tier
	later = frappe.db.exists(
		REVIEW, {"agent": review.agent, "period": (">", getdate(review.period)), "name": ("!=", review.name)}
	)
	if not later and review.applied_tier:
		frappe.db.set_value("Employee", review.agent, "ia_productivity_tier", review.applied_tier)
