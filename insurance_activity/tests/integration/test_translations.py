"""Every user-facing string of the app has its Chinese translation (users work in Chinese and English)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_translations_from_apps

from insurance_activity.tests.i18n import untranslated_messages


class TestChineseTranslations(FrappeTestCase):
	def test_every_user_facing_string_has_a_chinese_translation(self):
		missing = untranslated_messages()
		self.assertEqual(
			missing,
			[],
			f"{len(missing)} strings lack zh: run dev/untranslated.py and fill translations/zh.csv",
		)

	def test_a_tables_label_above_its_grid_reads_as_in_its_form(self):
		"""Frappe writes a table's label above its grid without context (grid.js), so where the app gives a
		label a Chinese translation for its doctype, the bare label must say the same: "Attendees" alone is
		HRMS's 受训学员 (trainees), "Calls" 电话 and "Criteria" 标准."""
		translations = get_translations_from_apps("zh", ["frappe", "erpnext", "hrms", "insurance_activity"])
		modules = frappe.get_module_list("insurance_activity")
		doctypes = frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name")
		differing = []
		for doctype in doctypes:
			for df in frappe.get_meta(doctype).get_table_fields():
				in_context = translations.get(f"{df.label}:{doctype}")
				if in_context and translations.get(df.label) != in_context:
					differing.append((doctype, df.fieldname, translations.get(df.label), in_context))
		self.assertTrue(doctypes)
		self.assertEqual(differing, [])

	def test_a_label_the_app_words_for_its_doctypes_reads_so_in_every_one_of_them(self):
		"""Where the app gives a field label its own Chinese for some of its doctypes, every doctype of the app
		with that label says it too: "Office" is the sales office (营业室), where Frappe alone says 办公室; a
		new doctype's Office field would otherwise show 办公室 in its form, list filters and reports."""
		translations = get_translations_from_apps("zh", ["frappe", "erpnext", "hrms", "insurance_activity"])
		own = get_translations_from_apps(
			"zh", ["insurance_activity"]
		)  # a bare wording of the app's is chosen
		modules = frappe.get_module_list("insurance_activity")
		doctypes = frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name")
		labels = {
			(doctype, df.label) for doctype in doctypes for df in frappe.get_meta(doctype).fields if df.label
		}
		worded: dict[str, set[str]] = {}
		for doctype, label in labels:
			if in_context := translations.get(f"{label}:{doctype}"):
				worded.setdefault(label, set()).add(in_context)
		missing = sorted(
			(doctype, label)
			for doctype, label in labels
			if label in worded
			and f"{label}:{doctype}" not in translations
			and label not in own
			and translations.get(label) not in worded[label]
		)
		self.assertTrue(worded)
		self.assertEqual(missing, [])
