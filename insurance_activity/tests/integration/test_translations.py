"""Every user-facing string of the app has its Chinese translation (users work in Chinese and English)."""

from frappe.tests.utils import FrappeTestCase

from insurance_activity.tests.i18n import untranslated_messages


class TestChineseTranslations(FrappeTestCase):
	def test_every_user_facing_string_has_a_chinese_translation(self):
		missing = untranslated_messages()
		self.assertEqual(
			missing,
			[],
			f"{len(missing)} strings lack zh: run dev/untranslated.py and fill translations/zh.csv",
		)
