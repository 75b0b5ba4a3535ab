"""The working calendar, kept a year ahead: China's yearly Holiday Lists and the fiscal years.

Run at install, at migrate and by a daily job, so that a branch keeps running next January: the
Holiday List of this year and of the next exist ("China 2027"), with the State Council's holidays and
make-up working days as soon as the calendar library publishes them; the company's default list
follows the year; a fiscal year covers the coming weeks (ERPNext creates the next one only when its
own job runs exactly three days before the year ends); and admins are warned, once, ahead of any
Holiday List that runs out with nothing after it.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, add_years, cint, formatdate, getdate, today

from insurance_activity import working_days
from insurance_activity.daily_jobs import run_daily
from insurance_activity.notifications import notify
from insurance_activity.permissions.roles import ACTIVITY_ADMIN
from insurance_activity.settings import SETTINGS, get_settings
from insurance_activity.setup.holidays_cn import holiday_rows

LIST_NAME = "China {year}"


def yearly_list_name(year: int) -> str:
	return LIST_NAME.format(year=year)


def make_year_list(year: int) -> str:
	"""China's Holiday List of `year` ("China 2027"), created if missing; returns its name.

	Needs ERPNext only (the test baseline makes one before this app is installed).
	"""
	name = yearly_list_name(year)
	if not frappe.db.exists("Holiday List", name):
		frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": name,
				"from_date": date(year, 1, 1),
				"to_date": date(year, 12, 31),
				"holidays": holiday_rows(year)[0],
			}
		).insert(ignore_permissions=True)
	return name


def ensure_year_list(year: int) -> str:
	"""The app's Holiday List of `year`, created if missing and completed once the year is published.

	Returns its name. The list is also a row of Insurance Activity Settings > Yearly Holiday Lists.
	"""
	existed = frappe.db.exists("Holiday List", yearly_list_name(year))
	name = make_year_list(year)
	rows, published = holiday_rows(year)
	settings = frappe.get_single(SETTINGS)
	row = next((r for r in settings.holiday_lists if r.holiday_list == name), None)
	if existed and published and row is not None and not row.published:
		holiday_list = frappe.get_doc("Holiday List", name)
		holiday_list.set("holidays", rows)
		holiday_list.save(ignore_permissions=True)
		holiday_list.add_comment(
			"Info",
			_("The State Council's holidays and make-up working days for {0} were added.").format(year),
		)
	if row is None:
		settings.append("holiday_lists", {"holiday_list": name, "published": int(published)})
	elif published and not row.published:
		row.published = 1
	else:
		return name
	settings.flags.ignore_permissions = True
	settings.save()
	return name


def ensure_working_calendar(day=None, years: list[int] | None = None) -> dict:
	"""This year's and next year's lists, each company's default list on the year, fiscal years ahead.

	years: extra years to make lists for (the demo's history). Idempotent.
	"""
	day = getdate(day or today())
	names = {year: ensure_year_list(year) for year in sorted({*(years or []), day.year, day.year + 1})}
	current = names[day.year]
	ours = set(names.values()) | {r.holiday_list for r in get_settings().holiday_lists}
	for company, default in frappe.get_all("Company", fields=["name", "default_holiday_list"], as_list=True):
		if not default or (default in ours and default != current and not covers(default, day)):
			frappe.db.set_value("Company", company, "default_holiday_list", current)
	ensure_fiscal_years(add_days(day, warning_days()))
	series = ensure_year_series([day.year, day.year + 1])
	return {"holiday_lists": sorted(names.values()), "company_list": current, "series": series}


def year_series() -> dict[str, str]:
	"""{doctype: naming series} of the app's doctypes whose names carry the year (AL-.YYYY.-, PL-{YYYY}-...),
	read from their metadata: the naming series field's options, or a format: autoname."""
	found = {}
	modules = frappe.get_module_list("insurance_activity")
	for name, autoname in frappe.get_all(
		"DocType",
		filters={"module": ("in", modules), "istable": 0},
		fields=["name", "autoname"],
		as_list=True,
	):
		if autoname and autoname.startswith("naming_series:"):
			options = frappe.get_meta(name).get_options("naming_series") or ""
			series = [line.strip() for line in options.split("\n") if "YYYY" in line]
		elif autoname and autoname.startswith("format:") and "{YYYY}" in autoname:
			series = [autoname]
		else:
			series = []
		if series:
			found[name] = series[0]
	return found


def series_key(series: str, year: int) -> str:
	"""The Series row (tabSeries) Frappe's naming counts `series` in during `year`: its name's prefix, as
	frappe.model.naming.parse_naming_series builds it (the year put in first)."""
	import re

	from frappe.model.naming import parse_naming_series

	text = series.replace("YYYY", str(year))
	if text.startswith("format:"):
		parts = [part.strip("{}") for part in re.split(r"(\{[^}]*\})", text[len("format:") :]) if part]
	else:
		parts = text.split(".")
		if not any(part.startswith("#") for part in parts):
			parts.append("#####")  # what Frappe adds to a naming series without digits
	keys = []
	parse_naming_series(parts, number_generator=lambda key, digits: keys.append(key) or "0")
	return keys[0]


def ensure_year_series(years: list[int]) -> list[str]:
	"""Each year's counter of the app's yearly naming series, made ahead (at 0) when missing. Frappe makes a
	counter on the year's first document: when the first logs of a new year are saved at the same moment, the
	two inserts of the missing counter deadlock and one save fails. Made ahead, every save only increments
	it. Returns the counters' names; idempotent (INSERT IGNORE)."""
	keys = sorted({series_key(series, year) for series in year_series().values() for year in years})
	make_counters(keys)
	return keys


def make_counters(keys: list[str]) -> None:
	"""Naming series counters (tabSeries rows) at 0 where missing; an existing counter is left as it is."""
	series_table = frappe.qb.DocType("Series")
	for key in keys:
		frappe.qb.into(series_table).columns(series_table.name, series_table.current).insert(
			key, 0
		).ignore().run()


def covers(holiday_list: str, day: date) -> bool:
	from_date, to_date = frappe.db.get_value("Holiday List", holiday_list, ["from_date", "to_date"])
	return getdate(from_date) <= day <= getdate(to_date)


def ensure_fiscal_years(upto) -> list[str]:
	"""Fiscal years, copied forward from the latest one as ERPNext's own job does, until one covers `upto`."""
	upto, created = getdate(upto), []
	latest = frappe.get_all(
		"Fiscal Year", fields=["name", "year_end_date"], order_by="year_end_date desc", limit=1
	)
	while latest and getdate(latest[0].year_end_date) < upto:
		current = frappe.get_doc("Fiscal Year", latest[0].name)
		new = frappe.copy_doc(current, ignore_no_copy=False)
		new.year_start_date = add_days(current.year_end_date, 1)
		new.year_end_date = add_years(current.year_end_date, 1)
		start, end = str(getdate(new.year_start_date).year), str(getdate(new.year_end_date).year)
		new.year = start if start == end else f"{start}-{end}"
		new.auto_created = 1
		new.insert(ignore_permissions=True)
		created.append(new.name)
		latest = [frappe._dict(name=new.name, year_end_date=new.year_end_date)]
	return created


def warning_days() -> int:
	return cint(get_settings().holiday_list_warning_days)


def check_working_calendar(day=None) -> dict:
	"""Hourly: once a day from midnight (daily_jobs.run_daily), check the working calendar.
	day: check it now, as on `day`."""
	if day:
		return check_calendar_on(getdate(day))
	return run_daily("configuration.check_working_calendar", 0, check_calendar_on)


def check_calendar_on(day) -> dict:
	"""Keep the calendar a year ahead, and warn admins (once each) of what still needs a person:
	- a Holiday List in force for a company or an employee that ends within the warning days, saying
	  which list takes over (or that only weekends will be off); the app's own yearly lists hand over
	  to each other without a warning;
	- next year's list still without the State Council's schedule within the warning days of year end.
	"""
	day = getdate(day)
	result = ensure_working_calendar(day)
	warn = warning_days()
	ours = {r.holiday_list for r in get_settings().holiday_lists}
	chains = {
		tuple(working_days.holiday_list_chain(company=c)) for c in frappe.get_all("Company", pluck="name")
	}
	for employee in frappe.get_all(
		"Employee", filters={"status": "Active", "holiday_list": ("is", "set")}, pluck="name"
	):
		chains.add(tuple(working_days.holiday_list_chain(employee=employee)))
	warnings = []
	for chain in sorted(chains):
		ending = list_ending(working_days.calendars(list(chain), day, add_days(day, warn + 1)), day, warn)
		if ending and not (ending[0] in ours and ending[1] in ours):
			warnings.append(("Holiday List", ending[0], ending_message(*ending)))
	next_year = yearly_list_name(day.year + 1)
	row = next((r for r in get_settings().holiday_lists if r.holiday_list == next_year), None)
	if row and not row.published and (date(day.year, 12, 31) - day).days <= warn:

		def provisional():
			return _(
				"{0} has weekends and the fixed-date holidays only: the State Council's schedule for {1} is not in the calendar library yet. Update it (pip package chinesecalendar) or add the holidays to the list by hand."
			).format(next_year, day.year + 1)

		warnings.append(("Holiday List", next_year, provisional))
	sent = sum(
		notify(user, doctype, name, subject, once=True)
		for doctype, name, subject in warnings
		for user in admins()
	)
	return {**result, "warnings": len(warnings), "notified": sent}


def list_ending(calendars, day: date, warn: int) -> tuple[str, str | None, date] | None:
	"""(list in force today, the list that takes over or None, its last day) when it ends within `warn` days."""
	in_force = next((c for c in calendars if c.covers(day)), None)
	if not in_force or (in_force.to_date - day).days > warn:
		return None
	after = next((c for c in calendars if c.covers(add_days(in_force.to_date, 1))), None)
	return in_force.name, after.name if after else None, in_force.to_date


def ending_message(holiday_list: str, successor: str | None, last_day: date):
	def compose():
		if successor:
			return _("Holiday List {0} ends on {1}; from the next day {2} decides the working days.").format(
				holiday_list, formatdate(last_day), successor
			)
		return _(
			"Holiday List {0} ends on {1} and no list follows: after it only Saturdays and Sundays will be days off."
		).format(holiday_list, formatdate(last_day))

	return compose


def admins() -> list[str]:
	"""Enabled users who keep the calendar: System Managers and Activity Admins."""
	users = frappe.get_all(
		"Has Role",
		filters={"role": ("in", ["System Manager", ACTIVITY_ADMIN]), "parenttype": "User"},
		pluck="parent",
		distinct=True,
	)
	return sorted(u for u in users if u != "Guest" and frappe.db.get_value("User", u, "enabled"))
