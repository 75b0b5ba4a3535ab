"""The customer navigator (客经导航仪): each customer's next recommended action, from rules an admin edits.

A rule names the quadrant it applies to (or any) and how long the customer must have gone without contact
(0: at once); the first matching rule by priority (lowest first) gives the action and its due date. The due
date runs from when the customer entered their quadrant or was last contacted, whichever is later, so a
recommendation does not slide forward each night: it becomes overdue when nobody acts on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class NavigatorRule:
	"""An admin's rule: for customers in `quadrant` ("" = any) not contacted for `min_days_since_contact`
	days, do `action` within `due_days`. Lower `priority` wins."""

	name: str
	action: str
	due_days: int
	quadrant: str = ""
	min_days_since_contact: int = 0
	priority: int = 10


@dataclass(frozen=True)
class CustomerState:
	"""A customer as the navigator sees them: quadrant, when they entered it, their last contact (or None)."""

	quadrant: str
	in_quadrant_since: date
	last_contact_on: date | None = None


@dataclass(frozen=True)
class Recommendation:
	rule: str
	action: str
	due_on: date


def days_since_contact(state: CustomerState, on: date) -> int:
	"""Days since the last contact; a customer never contacted counts from entering the quadrant."""
	return (on - (state.last_contact_on or state.in_quadrant_since)).days


def next_action(state: CustomerState, rules: Iterable[NavigatorRule], on: date) -> Recommendation | None:
	"""The first rule (by priority, then name) matching the customer on day `on`, with its due date: the
	later of entering the quadrant and the last contact, plus the rule's due days. None when no rule fits."""
	since = days_since_contact(state, on)
	for rule in sorted(rules, key=lambda r: (r.priority, r.name)):
		if rule.quadrant and rule.quadrant != state.quadrant:
			continue
		if since < rule.min_days_since_contact:
			continue
		anchor = max(day for day in (state.in_quadrant_since, state.last_contact_on) if day)
		return Recommendation(rule.name, rule.action, anchor + timedelta(days=max(rule.due_days, 0)))
	return None


def crosses_a_rule(
	state: CustomerState, rules: Iterable[NavigatorRule], last_run_day: date, today: date
) -> bool:
	"""True when time alone, from `last_run_day` (when the customer's next action was last chosen) to
	`today`, changes which rule gives their next action: a silent customer's days without contact reach a
	rule's min_days_since_contact. The incremental recompute re-places such a customer though nothing else
	is new. False when `today` is not after `last_run_day`."""
	if today <= last_run_day:
		return False
	before, now = next_action(state, rules, last_run_day), next_action(state, rules, today)
	return (before.rule if before else None) != (now.rule if now else None)


def is_overdue(due_on: date | None, on: date) -> bool:
	"""An action is overdue the day after its due date."""
	return bool(due_on) and due_on < on
