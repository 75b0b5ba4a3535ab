"""Each doctype's part of the one permission rule, as data beside the hierarchy condition.

A row belongs to an agent (`owner`, an Employee field) or to an office (`office`, a Department field):
the people above the agent in the reporting line, and the managers of the agent's or the row's unit,
read it; admins read everything. Some doctypes add parties: finance reads every row (`readers`), the
assigned callback officer reads and works a check (`officer`), an agent reads their own visit's check
only once it is closed (`owner_reads_when`), a meeting's attendees and its office's supervisors read it.
Child tables follow their parent (permissions/__init__.py derives them from the metadata).

A new doctype joins the rule with one line in RULES.
"""

from dataclasses import dataclass

from insurance_activity.permissions.roles import FINANCE_ROLES
from insurance_activity.rules.callback_outcomes import OUTCOMES

ALL = "all"  # whoever reads the row through the hierarchy also changes it
ABOVE = "above"  # only someone above the owner changes it (not the owner)
NOBODY = "nobody"  # the hierarchy reads only; the officer and admins change it


@dataclass(frozen=True)
class Rule:
	owner: str | None = None  # Employee field: the agent (or target holder) the row belongs to
	office: str | None = None  # Department field: the office the row belongs to; its managers run it
	readers: tuple[str, ...] = ()  # roles that read every row (finance)
	officer: str | None = None  # User field: the assigned officer reads and works the row
	owner_reads_when: tuple[str, tuple] | None = (
		None  # (field, values): the owner reads only then, never writes
	)
	hierarchy_writes: str = ALL
	office_supervisors_read: bool = False  # the supervisors and above of the row's office read it
	attendees: tuple[str, str] | None = None  # (child doctype, Employee field): people listed read it


RULES: dict[str, Rule] = {
	"Agent Log": Rule(owner="agent"),
	"Callback Check": Rule(
		owner="agent",
		officer="assigned_officer",
		owner_reads_when=("status", OUTCOMES),  # a pending check is never shown to the visited agent
		hierarchy_writes=NOBODY,
	),
	"Conduct Incident": Rule(owner="agent"),
	"Insurance Policy": Rule(owner="agent", readers=FINANCE_ROLES),
	"Agent Monthly Performance": Rule(owner="agent", readers=FINANCE_ROLES),
	"Tier Review": Rule(owner="agent", readers=FINANCE_ROLES),
	"Production Target": Rule(owner="employee", readers=FINANCE_ROLES, hierarchy_writes=ABOVE),
	"Office Monthly Performance": Rule(office="office", readers=FINANCE_ROLES),
	"Meeting Session": Rule(
		office="office", office_supervisors_read=True, attendees=("Meeting Attendee", "employee")
	),
}
