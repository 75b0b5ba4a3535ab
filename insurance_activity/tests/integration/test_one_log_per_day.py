"""One live log per agent and day, kept by the database: also when two saves of one day come at the same
moment (two tabs, a client retry), while a cancelled log and its amendment share the day."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from insurance_activity.setup import constraints
from insurance_activity.tests.concurrent import save_together, saved
from insurance_activity.tests.factories import make_log, make_org

ONE_CALL = [("Phone Appointment", 1)]


def live_logs(agent: str, day) -> list[str]:
	return frappe.get_all(
		"Agent Log", filters={"agent": agent, "log_date": day, "docstatus": ("<", 2)}, pluck="name"
	)


def delete_logs(agent: str):
	for name in frappe.get_all("Agent Log", filters={"agent": agent}, pluck="name"):
		frappe.db.delete("Agent Log Activity", {"parent": name})
		frappe.db.delete("Agent Log", {"name": name})
	frappe.db.commit()


class TestOneLiveLogPerDay(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("OneLog")
		# the day before the test process's today: never a future date for a process started later
		cls.day = getdate(add_days(today(), -1))

	def tearDown(self):
		frappe.db.rollback()
		delete_logs(self.org.agent_a1)

	def test_two_saves_of_one_day_at_the_same_moment_store_one_log_and_refuse_the_other_clearly(self):
		save = {"user": self.org.users.agent_a1, "agent": self.org.agent_a1, "log_date": str(self.day)}
		outcomes = save_together([{**save, "activities": ONE_CALL}, {**save, "activities": ONE_CALL}])

		frappe.db.rollback()  # a fresh snapshot that sees what the two processes committed
		stored = [o["log"] for o in outcomes if "log" in o]
		self.assertEqual(len(stored), 1, outcomes)
		self.assertEqual(live_logs(self.org.agent_a1, self.day), stored)
		refused = next(o["refused"] for o in outcomes if "refused" in o)
		# the loser hears what a third, later save of the day hears: the log to open instead
		sequential = saved(**save, activities=ONE_CALL)
		self.assertEqual(refused, sequential["refused"])
		self.assertIn(stored[0], refused)

	def test_a_cancelled_log_and_its_amendment_share_the_day_but_two_live_logs_never_do(self):
		original = make_log(self.org.agent_a1, self.day, ONE_CALL, submit=True, ignore_edit_window=True)
		original.cancel()
		amended = frappe.copy_doc(original)
		amended.docstatus, amended.amended_from = 0, original.name
		amended.amendment_reason = "two more calls"
		amended.flags.ignore_edit_window = True
		amended.insert()
		self.assertEqual(live_logs(self.org.agent_a1, self.day), [amended.name])

		# a write that skips the check before insert (as a racing save does) is refused by the database,
		# with the same message as the check's
		twin = frappe.copy_doc(amended)
		twin.amended_from = None
		twin.flags.ignore_edit_window = True
		twin.validate = lambda: None
		messages = len(frappe.local.message_log)
		self.assertRaisesRegex(frappe.ValidationError, f"already has a log for .*{amended.name}", twin.insert)
		self.assertFalse(
			[m for m in frappe.local.message_log[messages:] if "must be unique" in str(m)],
			"Frappe's generic message is withdrawn",
		)
		# moving a draft onto a day that has a live log is refused the same way
		other = make_log(self.org.agent_a1, add_days(self.day, -1), ONE_CALL, ignore_edit_window=True)
		other.log_date = self.day
		other.validate = lambda: None
		self.assertRaisesRegex(frappe.ValidationError, "already has a log for", other.save)

	def test_the_key_is_in_place_after_install(self):
		self.assertTrue(constraints.has_key())


class TestKeyOverExistingDuplicates(FrappeTestCase):
	"""A site whose agents already doubled days (before the key) migrates without failing: the key waits
	until an admin cancels the extra logs, which the Error Log lists. Adding and dropping the key commits."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("OneLogMig")
		cls.day = getdate(add_days(today(), -1))

	def tearDown(self):
		frappe.db.rollback()
		delete_logs(self.org.agent_b1)
		constraints.install_constraints()

	def test_migrate_lists_doubled_days_and_adds_the_key_once_they_are_cancelled(self):
		constraints.remove_constraints()
		self.assertFalse(constraints.has_key() or constraints.has_column())
		first = make_log(self.org.agent_b1, self.day, ONE_CALL, ignore_edit_window=True)
		second = frappe.copy_doc(first)
		second.flags.ignore_edit_window = True
		second.validate = lambda: None
		second.insert()
		frappe.db.commit()

		self.assertEqual(
			[(agent, str(day)) for agent, day, _ in constraints.live_log_duplicates()],
			[(self.org.agent_b1, str(self.day))],
		)
		self.assertFalse(constraints.install_constraints())
		self.assertFalse(constraints.has_key())
		self.assertTrue(frappe.db.exists("Error Log", {"error": ("like", f"%{second.name}%")}))

		frappe.db.set_value("Agent Log", second.name, "docstatus", 2)
		frappe.db.commit()
		self.assertTrue(constraints.install_constraints())
		self.assertTrue(constraints.has_key())
