"""ERPNext's setup wizard for a Chinese insurer's branch: company, fiscal year and a Holiday List.

The yearly Holiday Lists after that are kept by `configuration.calendar`."""

import frappe
from frappe.utils import getdate, nowdate


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
	# nosemgrep: frappe-manual-commit -- the test baseline is backed up right after the setup wizard
	frappe.db.commit()
	return company_name


def before_tests():
	"""Test sites: the wizard done for a test company, and a holiday list, so tests start from real setup."""
	from erpnext.setup.utils import before_tests as erpnext_before_tests

	from insurance_activity.configuration.calendar import make_year_list

	company = complete_setup("Test Life Insurance Branch", "TLI")
	erpnext_before_tests()
	frappe.db.set_value("Company", company, "default_holiday_list", make_year_list(getdate(nowdate()).year))
	# nosemgrep: frappe-manual-commit -- the test baseline is backed up right after the setup wizard
	frappe.db.commit()
