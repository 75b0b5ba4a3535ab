"""The organisation kept in step with the one permission rule (daily check).

1. The reporting tree in step with `Employee.reports_to`.

Employee is a nested set (lft/rgt) over reports_to, and the one permission rule reads the subtree from
lft/rgt. An HR sync or a patch that writes reports_to without the ORM leaves the nested set behind: the
old supervisor keeps seeing the agent's logs and the new one sees none, while the team board, the
reminders and the tracking calls already follow reports_to. The daily check finds every Employee whose
nearest enclosing node in the tree is not their reports_to, rebuilds the tree (Frappe's own
rebuild_tree), and tells the admins what it repaired. A reporting loop (A reports to B, B to A) cannot
be rebuilt: it is reported for a person to fix.

2. Unit managers' User Permissions. ERPNext gives each Employee's user a User Permission on their own
Employee record, which Frappe extends to their reporting subtree, and every list and picker of a record
linked to an Employee (Agent Log, the Employee picker itself) is cut to it. The app's rule also lets an
office or branch manager see everyone in the units they manage, including someone whose reports_to is
outside the office or empty. So that lists and pickers agree with the rule, each unit manager who has such
a User Permission gets one more (kept by this app: ia_synced) for each Employee of their units outside
their subtree, and loses those no longer due. The rule itself still decides every row.
"""

import frappe
from frappe import _
from frappe.utils import getdate
from frappe.utils.nestedset import rebuild_tree

from insurance_activity.configuration.calendar import admins
from insurance_activity.daily_jobs import run_daily
from insurance_activity.notifications import notify
from insurance_activity.org import managed_departments_query, user_of_employee


def employees_out_of_step() -> list[str]:
	"""Employees whose place in the nested set disagrees with reports_to: the nearest Employee whose
	lft/rgt encloses theirs is not their reports_to (or someone encloses a person who reports to nobody)."""
	# nosemgrep: frappe-using-db-sql -- a correlated nested-set subquery, no values
	return frappe.db.sql_list(
		"""select e.name from `tabEmployee` e
		where ifnull(e.reports_to, '') != ifnull((
			select a.name from `tabEmployee` a
			where a.lft < e.lft and a.rgt > e.rgt
			order by a.lft desc limit 1
		), '')
		order by e.name"""
	)


def reporting_loops() -> list[str]:
	"""Employees on a reporting loop (their reports_to chain comes back to them): no tree can hold them."""
	parents = dict(frappe.get_all("Employee", fields=["name", "reports_to"], as_list=True))
	looped = set()
	for start in parents:
		seen, node = set(), start
		while node and node not in seen:
			seen.add(node)
			node = parents.get(node)
		if node == start:
			looped |= seen
	return sorted(looped)


def check_reporting_tree(day=None) -> dict:
	"""Hourly: once a day from midnight (daily_jobs.run_daily): repair the tree, then sync the unit
	managers' User Permissions. day: do it now."""
	if day:
		return check_organisation()
	return run_daily("configuration.check_reporting_tree", 0, lambda _day: check_organisation())


def check_organisation() -> dict:
	result = repair_reporting_tree()
	result["user_permissions"] = sync_unit_manager_permissions()
	return result


def repair_reporting_tree() -> dict:
	"""Rebuild the Employee tree when it is out of step with reports_to, and tell the admins once."""
	out_of_step = employees_out_of_step()
	loops = reporting_loops()
	if out_of_step and not loops:
		rebuild_tree("Employee")
		employee = frappe.qb.DocType("Employee")
		frappe.qb.update(employee).set(employee.old_parent, employee.reports_to).run()
		frappe.clear_cache(doctype="Employee")
		frappe.cache.delete_value("user_permissions")  # Frappe caches each user's Employee subtree
	still = employees_out_of_step()
	if out_of_step or loops:
		stamp = getdate().isoformat()

		def message():
			if loops:
				return _(
					"The reporting line loops through {0}: fix their Reports To; the tree was not rebuilt."
				).format(", ".join(loops))
			return _(
				"The reporting tree was out of step with Reports To for {0}; it was rebuilt on {1}."
			).format(", ".join(out_of_step[:20]) + (" ..." if len(out_of_step) > 20 else ""), stamp)

		for user in admins():
			notify(user, "Employee", (loops or out_of_step)[0], message, once=True)
	return {"out_of_step": len(out_of_step), "loops": len(loops), "repaired": not still}


def unit_manager_permissions_due() -> set[tuple[str, str]]:
	"""(user, employee) for each unit manager's user and each active Employee of the units they manage who
	is outside their reporting subtree, for users whose Employee records are already cut by a User
	Permission (adding one to a user without any would narrow what they see)."""
	cut = set(
		frappe.get_all(
			"User Permission",
			filters={"allow": "Employee", "ia_synced": 0},
			pluck="user",
			distinct=True,
		)
	)
	due = set()
	for manager in frappe.get_all(
		"Department", filters={"ia_unit_manager": ("is", "set")}, pluck="ia_unit_manager", distinct=True
	):
		user = user_of_employee(manager)
		if not user or user not in cut:
			continue
		lft, rgt = frappe.db.get_value("Employee", manager, ["lft", "rgt"])
		people = frappe.qb.DocType("Employee")
		outside_team = (
			frappe.qb.from_(people)
			.select(people.name)
			.where(people.department.isin(managed_departments_query(manager)))
			.where((people.lft < lft) | (people.rgt > rgt))
			.where(people.status == "Active")
		).run(pluck=True)
		due |= {(user, employee) for employee in outside_team}
	return due


def sync_unit_manager_permissions() -> dict:
	"""Add the unit managers' User Permissions that are due and remove the app's that are not."""
	due = unit_manager_permissions_due()
	kept = {
		(row.user, row.for_value): row.name
		for row in frappe.get_all(
			"User Permission",
			filters={"allow": "Employee", "ia_synced": 1},
			fields=["name", "user", "for_value"],
		)
	}
	for user, employee in sorted(due - set(kept)):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": "Employee",
				"for_value": employee,
				"apply_to_all_doctypes": 1,
				"ia_synced": 1,
			}
		).insert(ignore_permissions=True)
	for key in set(kept) - due:
		frappe.delete_doc("User Permission", kept[key], ignore_permissions=True, force=True)
	changed = due ^ set(kept)
	for user in {user for user, _employee in changed}:
		frappe.cache.hdel("user_permissions", user)
	return {"added": len(due - set(kept)), "removed": len(set(kept) - due)}


def remove_synced_permissions() -> None:
	"""On uninstall: the User Permissions the app kept go with it."""
	for name in frappe.get_all("User Permission", filters={"ia_synced": 1}, pluck="name"):
		frappe.delete_doc("User Permission", name, ignore_permissions=True, force=True)
	frappe.cache.delete_value("user_permissions")
