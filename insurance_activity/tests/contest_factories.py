"""Points contests (积分竞赛) for integration tests."""

import frappe


def make_contest(
	name: str,
	from_date,
	to_date,
	offices: list[str],
	rules: list[tuple],
	participation: str = "Individual",
	multipliers: dict | None = None,
	min_standard_met_days: int = 0,
	min_policies: int = 0,
):
	"""A Points Contest; rules: (activity kind, points, daily cap, effective from)."""
	return frappe.get_doc(
		{
			"doctype": "Points Contest",
			"contest_name": name,
			"from_date": from_date,
			"to_date": to_date,
			"participation": participation,
			"offices": [{"office": office} for office in offices],
			"rules": [
				{"activity_kind": kind, "points": points, "daily_cap": cap, "effective_from": since}
				for kind, points, cap, since in rules
			],
			"tier_multipliers": [
				{"productivity_tier": tier, "multiplier": value}
				for tier, value in (multipliers or {}).items()
			],
			"min_standard_met_days": min_standard_met_days,
			"min_policies": min_policies,
		}
	).insert()


def make_ledger_row(contest: str, agent: str, day, points: float = 2) -> str:
	"""A ledger row written straight to the table (the ledger is computed from submitted logs; the
	permission matrix only needs one to read)."""
	row = frappe.new_doc("Points Contest Ledger")
	row.update(
		{
			"contest": contest,
			"agent": agent,
			"day": day,
			"points": points,
			"office": frappe.db.get_value("Employee", agent, "department"),
		}
	)
	row.db_insert()
	return row.name
