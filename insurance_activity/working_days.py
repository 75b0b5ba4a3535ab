"""Working days (工作日) on any date, for an employee, an office or a company: the one home for this look-up.

For each date, the first Holiday List whose period covers it decides: the employee's own list, then
their company's default list, then the yearly lists of Insurance Activity Settings (kept a year ahead by
the daily calendar check, `configuration.calendar`). Where none covers a date, weekends are its days off
(never "every day works") and the date is reported as uncovered, so the log, the reports and the admins
can say so. The rule itself is `rules/working_days.py`; this module only reads the lists.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import formatdate, getdate

from hrms.utils.holiday_list import get_holiday_dates_between

from insurance_activity.org import unit_manager
from insurance_activity.rules.working_days import DaysOff, HolidayCalendar, days_off_between
from insurance_activity.settings import get_settings


def holiday_list_chain(employee: str | None = None, company: str | None = None) -> list[str]:
	"""The Holiday Lists that may decide a date for this employee (or company), in order of precedence."""
	own = None
	if employee:
		own, company = frappe.get_cached_value("Employee", employee, ["holiday_list", "company"])
	company = company or frappe.defaults.get_global_default("company")
	company_list = frappe.get_cached_value("Company", company, "default_holiday_list") if company else None
	return chain_of(own, company_list, yearly_lists())


def yearly_lists() -> list[str]:
	"""The yearly Holiday Lists of Insurance Activity Settings, in their order."""
	return [row.holiday_list for row in get_settings().get("holiday_lists") or []]


def chain_of(own: str | None, company_list: str | None, yearly: list[str]) -> list[str]:
	"""The chain itself: the employee's own list, their company's default, the yearly lists, each once."""
	chain = []
	for name in [own, company_list, *yearly]:
		if name and name not in chain:
			chain.append(name)
	return chain


def calendars(chain: list[str], start: date, end: date) -> list[HolidayCalendar]:
	"""The lists of a chain as core data, with their days off between start and end (one query each)."""
	found = []
	for name in chain:
		period = frappe.get_cached_value("Holiday List", name, ["from_date", "to_date"])
		if not period:
			continue  # a list named in a setting but deleted since
		from_date, to_date = getdate(period[0]), getdate(period[1])
		overlaps = from_date <= end and to_date >= start
		days = get_holiday_dates_between(name, start, end) if overlaps else []
		found.append(HolidayCalendar(name, from_date, to_date, frozenset(getdate(d) for d in days)))
	return found


def days_off(start, end, employee: str | None = None, company: str | None = None) -> DaysOff:
	"""Days off of an employee (or of a company's staff) from start to end, both included."""
	start, end = getdate(start), getdate(end)
	return days_off_between(start, end, calendars(holiday_list_chain(employee, company), start, end))


def is_working_day(day, employee: str | None = None, company: str | None = None) -> bool:
	day = getdate(day)
	return days_off(day, day, employee, company).is_working_day(day)


def days_off_by_employee(employees, start, end) -> dict[str, DaysOff]:
	"""Days off for many employees: their lists read in one query, one computation per distinct chain of
	lists (there are few), shared by the employees of that chain.

	employees: names, or {name: record} where each record has the employee's holiday_list and company
	already read (a report that read its roster with them): then nothing is read again."""
	rows = {}
	if isinstance(employees, dict) and all(
		"holiday_list" in r and "company" in r for r in employees.values()
	):
		rows = {name: (r["holiday_list"], r["company"]) for name, r in employees.items()}
	employees = list(employees)
	for batch in range(0, len(employees) if not rows else 0, 5000):
		part = list(employees[batch : batch + 5000])
		rows.update(
			(row[0], row[1:])
			for row in frappe.get_all(
				"Employee",
				filters={"name": ("in", part)},
				fields=["name", "holiday_list", "company"],
				as_list=True,
			)
		)
	return days_off_by_chain(
		{employee: rows.get(employee, (None, None)) for employee in employees}, start, end
	)


def days_off_by_chain(owners: dict[str, tuple], start, end) -> dict[str, DaysOff]:
	"""{owner: (own Holiday List or None, company or None)} -> {owner: DaysOff} from start to end: the chain of
	lists of each (chain_of, the company's default list, else the site's default company's), the days off
	computed once per distinct chain (there are few) and shared."""
	start, end = getdate(start), getdate(end)
	default_company = frappe.defaults.get_global_default("company")
	company_lists = dict(frappe.get_all("Company", fields=["name", "default_holiday_list"], as_list=True))
	yearly = yearly_lists()
	by_chain: dict[tuple, DaysOff] = {}
	result = {}
	for owner, (own, company) in owners.items():
		chain = tuple(chain_of(own, company_lists.get(company or default_company), yearly))
		if chain not in by_chain:
			by_chain[chain] = days_off_between(start, end, calendars(list(chain), start, end))
		result[owner] = by_chain[chain]
	return result


def office_holiday_list_chain(office: str) -> list[str]:
	"""An office's lists: its manager's (who hosts its meetings), else its company's staff's."""
	company = frappe.get_cached_value("Department", office, "company")
	return holiday_list_chain(employee=unit_manager(office), company=company)


def offices_days_off(offices, start, end) -> dict[str, DaysOff]:
	"""office_days_off for many offices (Department names) at once: {office: DaysOff}, the same days as one
	office at a time. The offices, their managers' lists and the companies' defaults are read in three
	queries and the days off computed once per distinct chain of lists (a branch's 50 offices share one or two),
	where one office at a time asks five queries each (Meeting Compliance spent 190 ms of its 240 there)."""
	offices = list(dict.fromkeys(offices))
	if not offices:
		return {}
	units = {
		unit.name: unit
		for unit in frappe.get_all(
			"Department", filters={"name": ("in", offices)}, fields=["name", "ia_unit_manager", "company"]
		)
	}
	managers = {unit.ia_unit_manager for unit in units.values() if unit.ia_unit_manager}
	staff = (
		{
			row.name: row
			for row in frappe.get_all(
				"Employee",
				filters={"name": ("in", list(managers))},
				fields=["name", "holiday_list", "company"],
			)
		}
		if managers
		else {}
	)
	owners = {}
	for office in offices:
		unit = units.get(office) or frappe._dict()
		manager = staff.get(unit.ia_unit_manager)
		owners[office] = (manager.holiday_list, manager.company) if manager else (None, unit.company)
	return days_off_by_chain(owners, start, end)


def office_days_off(office: str, start, end) -> DaysOff:
	start, end = getdate(start), getdate(end)
	return days_off_between(start, end, calendars(office_holiday_list_chain(office), start, end))


def uncovered_note(off: DaysOff) -> str:
	"""A translated note when some dates had no Holiday List (weekends assumed), else ''."""
	if not off.uncovered:
		return ""
	first, last = off.uncovered[0], off.uncovered[-1]
	span = formatdate(first) if first == last else f"{formatdate(first)} - {formatdate(last)}"
	return _(
		"No Holiday List covers {0}: only Saturdays and Sundays are treated as days off. An admin should add the year's Holiday List (Insurance Activity Settings > Yearly Holiday Lists)."
	).format(span)
