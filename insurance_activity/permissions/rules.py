"""Each doctype's part of the one permission rule, as data beside the hierarchy condition.

A row belongs to an agent (`owner`, an Employee field) or to an office (`office`, a Department field):
the people above the agent in the reporting line, and the managers of the agent's or the row's unit,
read it; admins read everything. Some doctypes add parties: finance reads every row (`readers`) and
changes every row of a settlement it approves (`writers`), the
assigned callback officer reads and works a check (`officer`), an agent reads their own visit's check
only once it is closed (`owner_reads_when`), a meeting's attendees and its office's supervisors read it.
A campaign or a contest is read by the people of the offices it lists (`offices`). Child tables follow their
parent (permissions/__init__.py derives them from the metadata). A record naming a customer (a campaign's
invitation) is seen with that customer (`party`), and by those who may change the record it belongs to
(`changed_with`: who runs the campaign sees every invitation).

ERPNext's customer records (Lead, Customer, Contact, Prospect, Opportunity) join the rule for the field
roles only (`only_for_roles`): an agent reaches the customers they serve, a supervisor their team's, an
office manager their office's; sales staff without an insurance role keep ERPNext's own permissions.

A new doctype joins the rule with one line in RULES.
"""

from dataclasses import dataclass

from insurance_activity.permissions.roles import (
	FINANCE_ROLES,
	INSURANCE_AGENT,
	INSURANCE_SUPERVISOR,
	OFFICE_MANAGER,
)
from insurance_activity.rules.callback_outcomes import OUTCOMES

ALL = "all"  # whoever reads the row through the hierarchy also changes it
ABOVE = "above"  # only someone above the owner changes it (not the owner)
NOBODY = "nobody"  # the hierarchy reads only; the officer and admins change it


@dataclass(frozen=True)
class Rule:
	owner: str | None = None  # Employee field: the agent (or target holder) the row belongs to
	office: str | None = None  # Department field: the office the row belongs to; its managers run it
	readers: tuple[str, ...] = ()  # roles that read every row (finance)
	writers: tuple[str, ...] = ()  # roles that also change every row (finance approves a settlement)
	officer: str | None = None  # User field: the assigned officer reads and works the row
	owner_reads_when: tuple[str, tuple] | None = (
		None  # (field, values): the owner reads only then, never writes
	)
	hierarchy_writes: str = ALL
	office_supervisors_read: bool = False  # the supervisors and above of the row's office read it
	attendees: tuple[str, str] | None = None  # (child doctype, Employee field): people listed read it
	owner_user: str | None = None  # User field: the user whose Employee the row belongs to
	served_by: tuple[str, str, str] | None = (
		None  # (doctype, link field, Employee field) tying rows to agents
	)
	linked_parties: tuple[str, ...] = ()  # a Contact: seen with a Lead or Customer of its Dynamic Links
	party: tuple[str, str] | None = None  # (party type field, party field): seen with its party
	only_for_roles: tuple[str, ...] = ()  # an ERPNext doctype: restricts only users with these roles
	# (child doctype, Department field): a row for the offices its table lists (an activity campaign); the
	# people of a listed office and its managers read it, a manager of every listed office changes it
	offices: tuple[str, str] | None = None
	# (link field, doctype): the row is also read and changed by those who may change the record it links to
	changed_with: tuple[str, str] | None = None


FIELD_ROLES = (INSURANCE_AGENT, INSURANCE_SUPERVISOR, OFFICE_MANAGER)
PARTY_DOCTYPES = ("Lead", "Customer", "Prospect", "Opportunity", "Contact")


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
	"Customer Quadrant": Rule(owner="agent"),
	"Activity Campaign": Rule(offices=("Activity Campaign Office", "office")),
	# an invited customer (活动邀约): seen with the customer (colleagues' customers stay theirs); who runs the
	# campaign sees every one
	"Activity Campaign Invitee": Rule(
		party=("party_type", "party"), changed_with=("campaign", "Activity Campaign")
	),
	"Unit Alert": Rule(office="unit", hierarchy_writes=NOBODY),  # the office's managers; computed only
	# the alerts' suggested actions (a Single, no owner or office): admins edit, office managers read
	"Alert Playbook": Rule(readers=(OFFICE_MANAGER,)),
	# a contest is read by the people of its offices (their own office or the offices they run) and by finance,
	# who settle its rewards; admins change it
	"Points Contest": Rule(offices=("Points Contest Office", "office"), readers=FINANCE_ROLES),
	"Points Contest Ledger": Rule(owner="agent", readers=FINANCE_ROLES),
	# a contest's rewards: finance approves the settlement (admins prepare it); an agent reads their own reward
	"Reward Settlement": Rule(readers=FINANCE_ROLES, writers=FINANCE_ROLES),
	"Agent Reward": Rule(owner="agent", readers=FINANCE_ROLES, hierarchy_writes=NOBODY),
	# the customers an agent serves (客户): ERPNext's records, for the field roles
	"Lead": Rule(owner_user="lead_owner", only_for_roles=FIELD_ROLES),
	"Prospect": Rule(owner_user="prospect_owner", only_for_roles=FIELD_ROLES),
	"Customer": Rule(
		owner_user="account_manager",
		served_by=("Insurance Policy", "customer", "agent"),  # the agents whose policies they hold
		only_for_roles=FIELD_ROLES,
	),
	"Opportunity": Rule(
		owner_user="opportunity_owner", party=("opportunity_from", "party_name"), only_for_roles=FIELD_ROLES
	),
	"Contact": Rule(linked_parties=("Lead", "Customer"), only_for_roles=FIELD_ROLES),
}
