"""The app installs on a fresh site with erpnext and hrms, with its roles, fields and settings defaults."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from insurance_activity.setup import custom_fields, defaults, roles
from insurance_activity.working_days import is_working_day

SETTINGS = "Insurance Activity Settings"


class TestInstall(FrappeTestCase):
	def test_app_is_installed_after_erpnext_and_hrms(self):
		apps = frappe.get_installed_apps()
		self.assertIn("insurance_activity", apps)
		self.assertLess(apps.index("erpnext"), apps.index("insurance_activity"))
		self.assertLess(apps.index("hrms"), apps.index("insurance_activity"))

	def test_every_role_exists_with_desk_access(self):
		for role in roles.ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1, role)

	def test_productivity_tier_is_a_field_on_employee_linked_to_the_seeded_tiers(self):
		field = frappe.get_meta("Employee").get_field("ia_productivity_tier")
		self.assertIsNotNone(field)
		self.assertEqual(field.options, "Productivity Tier")
		self.assertIn("ia_productivity_tier", frappe.db.get_table_columns("Employee"))
		self.assertEqual(
			sorted(frappe.get_all("Productivity Tier", pluck="name")),
			sorted(t["tier"] for t in defaults.DEFAULT_TIERS),
		)

	def test_department_carries_the_sales_unit_level_and_manager(self):
		meta = frappe.get_meta("Department")
		for row in custom_fields.get_custom_fields()["Department"]:
			self.assertIsNotNone(meta.get_field(row["fieldname"]), row["fieldname"])

	def test_settings_hold_domain_defaults(self):
		settings = frappe.get_single(SETTINGS)
		expected = {
			"weekly_review_day_1": 8,
			"weekly_review_day_2": 15,
			"weekly_review_day_3": 22,
			"planning_meeting_from_day": 27,
			"meeting_minimum_minutes": 30,
			"quality_pass_mark": 60,
			"week_2_start_day": 8,
			"week_3_start_day": 15,
			"week_4_start_day": 22,
		}
		for fieldname, value in expected.items():
			self.assertEqual(settings.get(fieldname), value, fieldname)
		self.assertEqual(str(settings.latest_meeting_start), "17:00:00")

	def test_every_settings_default_is_stored(self):
		settings = frappe.get_single(SETTINGS)
		for df in settings.meta.fields:
			if df.default is not None:
				self.assertNotIn(settings.get(df.fieldname), (None, ""), df.fieldname)

	def test_settings_refuse_a_weekly_review_after_the_planning_day(self):
		settings = frappe.get_single(SETTINGS)
		settings.weekly_review_day_3 = 28
		self.assertRaises(frappe.ValidationError, settings.save)
		frappe.db.rollback()
		self.assertEqual(frappe.get_single(SETTINGS).weekly_review_day_3, 22)

	def test_the_setup_wizard_left_a_company_and_a_chinese_holiday_list(self):
		company = frappe.db.get_value(
			"Company", {}, ["name", "default_currency", "country", "default_holiday_list"], as_dict=True
		)
		self.assertEqual(company.default_currency, "CNY")
		self.assertEqual(company.country, "China")
		self.assertTrue(company.default_holiday_list)
		year = frappe.utils.getdate().year
		# National Day is off this year and the next, whatever year the clock is in
		for day in (f"{year}-10-01", f"{year + 1}-10-01"):
			self.assertFalse(is_working_day(day, company=company.name), day)

	def test_scheduled_jobs_are_registered(self):
		hooks = frappe.get_hooks("scheduler_events", app_name="insurance_activity")
		methods = []
		for event in hooks.values():
			for group in [event] if isinstance(event, list) else event.values():
				methods.extend(group)
		self.assertTrue(methods)
		for method in methods:
			self.assertTrue(frappe.db.exists("Scheduled Job Type", {"method": method}), method)

	def test_workspace_is_installed(self):
		self.assertTrue(frappe.db.exists("Workspace", "Insurance Activity"))
		content = json.loads(frappe.db.get_value("Workspace", "Insurance Activity", "content"))
		self.assertTrue(content)
