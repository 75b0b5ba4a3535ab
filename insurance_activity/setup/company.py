"""ERPNext's setup wizard for a Chinese insurer's branch: company, fiscal year and a Holiday List."""

import frappe
from frappe.utils import getdate, nowdate

from insurance_activity.setup.holidays_cn import holiday_rows


def complete_setup(company_name: str, abbr: str, language: str = "english") -> str:
	"""Run ERPNext's setup wizard once (no-op if a company exists) and return the company name."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	existing = frappe.db.get_value("Company", {}, "name")
	if existing:
		return existing
	year = getdate(nowdate()).year
	setup_complete(
		{
			"currency": "CNY",
			"full_name": "Administrator",
			"company_name": company_name,
			"timezone": "Asia/Shanghai",
			"company_abbr": abbr,
			"industry": "Insurance",
			"country": "China",
			"fy_start_date": f"{year}-01-01",
			"fy_end_date": f"{year}-12-31",
			"language": language,
			"company_tagline": company_name,
			"email": "admin@example.com",
			"password": "admin",
			"chart_of_accounts": "Standard",
		}
	)
	frappe.db.commit()
	return company_name


def ensure_holiday_list(company: str, year: int | None = None) -> str:
	"""A Holiday List of the year's Chinese public holidays and weekends, set as the company default."""
	year = year or getdate(nowdate()).year
	name = f"China {year}"
	if not frappe.db.exists("Holiday List", name):
		rows, _published = holiday_rows(year)
		frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": name,
				"from_date": f"{year}-01-01",
				"to_date": f"{year}-12-31",
				"holidays": rows,
			}
		).insert(ignore_permissions=True)
	if frappe.db.get_value("Company", company, "default_holiday_list") != name:
		frappe.db.set_value("Company", company, "default_holiday_list", name)
	return name


def before_tests():
	"""Test sites: the wizard done for a test company, and a holiday list, so tests start from real setup."""
	from erpnext.setup.utils import before_tests as erpnext_before_tests

	company = complete_setup("Test Life Insurance Branch", "TLI")
	erpnext_before_tests()
	ensure_holiday_list(company)
	frappe.db.commit()
