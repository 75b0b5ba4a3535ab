"""A callback's verdict on a visit against a hostile user (a fresh user's review, helper-58, stop 38).

Each test reproduces one way the reviewer got a visit found not to have happened to count, or another agent's
visit not to count, through what the desk and a script send: a document built from the request's values (as
run_doc_method with `docs` and frappe.client.save build it), a pending check pointed at another visit, a log
handed to another agent, the checked row retyped, a Lead with a second phone, a party with no phone key, an
amendment of another agent's log, the reason in the officer's language.
"""

import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from insurance_activity.tests.factories import as_user, make_log, make_org
from insurance_activity.tests.integration.test_agent_log_screens import speaks_chinese
from insurance_activity.tests.integration.test_callback_check import (
	CHECK,
	INCIDENT,
	add_row_as,
	callback_settings,
	close_as,
	customer_made_from,
	interview,
	manual_check,
	visits,
)


def as_sent(doc, **changes) -> "frappe.model.document.Document":
	"""`doc` as a request sends it back (the form's JSON, built into a document as Frappe's run_doc_method and
	frappe.client.save build it, never read from the database), with `changes`."""
	return frappe.get_doc(frappe.parse_json(frappe.as_json({**doc.as_dict(), **changes})))


def valid_rows(log_name: str) -> list[int]:
	"""1 for each row of the stored log that counts, 0 for one that does not, in row order."""
	return [0 if row.is_invalid else 1 for row in frappe.get_doc("Agent Log", log_name).activities]


class TestVerdictHardening(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("VH")
		callback_settings()
		cls.day = add_days(frappe.utils.getdate(), -20)

	def test_an_appeal_stores_only_the_appeal(self):
		"""F1: the appeal's request carried the whole incident: an agent pointed a complaint's incident at the
		callback that found their visit not to have happened, and its upheld appeal overturned that one."""
		org = self.org
		log = make_log(
			org.agent_a1, self.day, visits("vh-ap", 2, 7_100), submit=True, ignore_edit_window=True
		)
		denied = close_as(
			org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened"
		)
		complaint = close_as(org.users.officer, manual_check(log, 2, org.users.officer).name, "Complaint")
		incident = frappe.get_doc(INCIDENT, complaint.incident)
		with as_user(org.users.agent_a1):
			sent = as_sent(
				incident, callback_check=denied.name, finding="Tampered", incident_type="Complaint"
			)
			sent.appeal("please")
		stored = frappe.get_doc(INCIDENT, incident.name)
		self.assertEqual(
			(stored.callback_check, stored.finding, stored.status),
			(complaint.name, incident.finding, "Under Appeal"),
		)
		with as_user(org.users.admin):
			as_sent(stored, callback_check=denied.name).decide_appeal(1, "ok")
		self.assertEqual(frappe.db.get_value(CHECK, denied.name, "overturned_on_appeal"), 0)
		self.assertEqual(valid_rows(log.name), [0, 1])

	def test_a_check_keeps_the_visit_it_verifies_and_what_the_system_records(self):
		"""F2, F7: the writer of a pending check pointed it at another agent's visit (closed as misconduct, it
		invalidated that visit and raised an incident against them), or marked it overturned before closing."""
		org = self.org
		day = add_days(self.day, -1)
		other = make_log(org.agent_b1, day, visits("vh-b1", 1, 7_200), submit=True, ignore_edit_window=True)
		log = make_log(org.agent_a1, day, visits("vh-a1", 1, 7_300), submit=True, ignore_edit_window=True)
		check = manual_check(log, 1, org.users.officer)
		b1 = other.activities[0]
		with as_user(org.users.officer):
			for changes in (
				{"agent": org.agent_b1, "party_key": b1.phone, "phone": b1.phone, "agent_log": other.name},
				{"overturned_on_appeal": 1},
				{"activity_date": add_days(day, -3)},
			):
				sent = as_sent(frappe.get_doc(CHECK, check.name), **changes)
				self.assertRaisesRegex(frappe.ValidationError, "keeps the visit it verifies", sent.save)
				stored = frappe.get_doc(CHECK, check.name)
				stored.update(changes)
				self.assertRaisesRegex(frappe.ValidationError, "keeps the visit it verifies", stored.save)
		close_as(org.users.officer, check.name, "Misconduct")
		self.assertEqual((valid_rows(other.name), valid_rows(log.name)), ([1], [0]))
		self.assertEqual(frappe.db.get_value(CHECK, check.name, "overturned_on_appeal"), 0)

	def test_a_log_keeps_its_agent_and_an_amendment_is_the_same_agents(self):
		"""F3, F9: a supervisor handed a report's draft (a visit on it found not to have happened) to themself;
		an agent amended another agent's cancelled log and took its next name."""
		org = self.org
		day = add_days(self.day, -2)
		draft = make_log(org.agent_a1, day, visits("vh-ag", 2, 7_400), ignore_edit_window=True)
		close_as(org.users.officer, manual_check(draft, 1, org.users.officer).name, "Visit Not Happened")
		with as_user(org.users.sup_a):
			doc = frappe.get_doc("Agent Log", draft.name)
			doc.agent = org.sup_a
			self.assertRaisesRegex(frappe.ValidationError, "cannot be changed once it is saved", doc.save)
		self.assertEqual(frappe.db.get_value("Agent Log", draft.name, "agent"), org.agent_a1)
		theirs = make_log(org.agent_b1, day, visits("vh-am", 1, 7_500), submit=True, ignore_edit_window=True)
		theirs.cancel()
		with as_user(org.users.agent_a1):
			taken = frappe.copy_doc(frappe.get_doc("Agent Log", theirs.name))
			taken.update(
				{
					"amended_from": theirs.name,
					"agent": org.agent_a1,
					"log_date": add_days(day, -1),
					"docstatus": 0,
				}
			)
			taken.flags.ignore_edit_window = True
			# the agent named as the form shows them, the Employee ID beside (helper-59)
			agent_name = frappe.db.get_value("Employee", org.agent_b1, "employee_name")
			self.assertRaisesRegex(
				frappe.ValidationError,
				re.escape(f"a log of the same agent, {agent_name} ({org.agent_b1})"),
				taken.insert,
			)
		with as_user(org.users.agent_b1):
			own = frappe.copy_doc(frappe.get_doc("Agent Log", theirs.name))
			own.amended_from, own.docstatus = theirs.name, 0  # as the desk's Amend makes it
			own.flags.ignore_edit_window = True
			own.insert()
		self.assertEqual(own.name, f"{theirs.name}-1")

	def test_the_checked_row_stays_invalid_whatever_it_says_later(self):
		"""F4: the checked row retyped with another phone and name counted again, in the draft and in an
		amendment of the submitted log; the day's sample was drawn already, so it was never checked again."""
		org = self.org
		day = add_days(self.day, -3)
		log = make_log(org.agent_a2, day, visits("vh-rt", 2, 7_600), ignore_edit_window=True)
		check = close_as(
			org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened"
		)
		with as_user(org.users.agent_a2):
			draft = frappe.get_doc("Agent Log", log.name)
			draft.flags.ignore_edit_window = True
			draft.activities[0].update({"phone": "13900767676", "party_name": "vh-rt Someone Else"})
			draft.save()
			self.assertEqual(valid_rows(log.name), [0, 1])
			draft.submit()
		frappe.get_doc("Agent Log", log.name).cancel()
		with as_user(org.users.agent_a2):
			amended = frappe.copy_doc(frappe.get_doc("Agent Log", log.name))
			amended.amended_from, amended.docstatus = log.name, 0
			amended.activities[0].update({"phone": "13900767677", "party_name": "vh-rt Third Name"})
			amended.flags.ignore_edit_window = True
			amended.insert()
			amended.submit()
		self.assertEqual(valid_rows(amended.name), [0, 1])
		self.assertIn(check.name, frappe.get_doc("Agent Log", amended.name).activities[0].invalid_reason)

	def test_a_person_is_known_by_every_phone_and_record_and_a_party_without_a_phone_key_is_read(self):
		"""F5: a check on a row naming a Lead with another of the person's numbers typed; a row naming the
		Customer made from that Lead, with no phone, counted. F6: a row naming a Prospect or an Opportunity
		with no phone was a 500 (no phone key column), and a log holding one could not be closed on."""
		org = self.org
		day = add_days(self.day, -4)
		lead = frappe.get_doc(
			{"doctype": "Lead", "lead_name": "VH Two Phones", "mobile_no": "13900580002",
				"lead_owner": org.users.agent_b1}
		).insert(ignore_permissions=True)  # fmt: skip
		prospect = frappe.get_doc(
			{"doctype": "Prospect", "company_name": "VH Prospect Co", "prospect_owner": org.users.agent_b1}
		).insert(ignore_permissions=True)
		rows = [
			("Sales Interview", 1, "Lead", lead.name, "13900580003", "VH Two Phones"),
			("Sales Interview", 1, "Prospect", prospect.name, None, "VH Prospect Co"),
		]
		log = make_log(org.agent_b1, day, rows, ignore_edit_window=True)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		customer = customer_made_from(lead.name, "VH Renamed", org.users.agent_b1)
		add_row_as(
			org.users.agent_b1,
			log.name,
			{"activity_kind": "Home Visit", "party_type": "Customer", "party": customer.name},
		)
		self.assertEqual(valid_rows(log.name), [0, 1, 0])

	def test_the_reason_a_row_does_not_count_is_in_the_agents_language(self):
		"""F12: the reason was stored in the language of whoever's save or callback wrote it."""
		org = self.org
		speaks_chinese(org.users.agent_a1)
		log = make_log(
			org.agent_a1,
			add_days(self.day, -5),
			[interview("13900771234", "VH Lang")],
			ignore_edit_window=True,
		)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		reason = frappe.db.get_value("Agent Log Activity", {"parent": log.name}, "invalid_reason")
		self.assertIn("回访", reason)


class TestVerdictHardeningAgain(FrappeTestCase):
	"""A fourth fresh user's finds on the mends above (helper-59, stop 38)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("VH2")
		callback_settings()
		cls.day = add_days(frappe.utils.getdate(), -40)

	def test_an_appeal_sent_as_a_new_incident_is_refused_and_only_its_own_incident_overturns_a_check(self):
		"""F1: the incident sent back marked new (__islocal) was inserted under the appeal's own rights, as the
		agent wrote it, pointing at the check that rejected the visit; upheld, it overturned that check."""
		org = self.org
		log = make_log(
			org.agent_a1, self.day, visits("vh2-ap", 2, 7_800), submit=True, ignore_edit_window=True
		)
		denied = close_as(
			org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened"
		)
		incident = frappe.get_doc(INCIDENT, denied.incident)
		before = frappe.db.count(INCIDENT)
		with as_user(org.users.agent_a1):
			sent = as_sent(incident, __islocal=1, incident_type="Complaint", finding="late")
			self.assertRaises(frappe.DoesNotExistError, sent.appeal, "x")
		self.assertEqual(frappe.db.count(INCIDENT), before)
		frappe.get_doc(CHECK, denied.name).overturn_on_appeal("CI-NOT-ITS-OWN")
		self.assertEqual(frappe.db.get_value(CHECK, denied.name, "overturned_on_appeal"), 0)
		self.assertEqual(valid_rows(log.name), [0, 1])

	def test_a_row_written_again_stands_for_the_row_it_replaces(self):
		"""F2, F3: the checked row retyped in an amendment with its hidden id forged or blanked, deleted from a
		draft and written again, or written again in a new log of the day after a cancel, counted."""
		org = self.org
		day = add_days(self.day, -1)
		log = make_log(org.agent_a2, day, visits("vh2-rt", 2, 7_900), ignore_edit_window=True)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		retyped = {"activity_kind": "Sales Interview", "phone": "13900797979", "party_name": "vh2 Retyped"}
		with as_user(org.users.agent_a2):
			draft = frappe.get_doc("Agent Log", log.name)
			draft.flags.ignore_edit_window = True
			draft.activities = draft.activities[1:]
			draft.append("activities", retyped)  # deleted and written again in one save
			draft.save()
			self.assertEqual(valid_rows(log.name), [1, 0])
			draft.submit()
		frappe.get_doc("Agent Log", log.name).cancel()
		stored = frappe.get_doc("Agent Log", log.name)
		with as_user(org.users.agent_a2):
			for claim in (stored.activities[0].claimed_row or stored.activities[0].name, ""):
				amended = frappe.copy_doc(stored)
				amended.amended_from, amended.docstatus = log.name, 0
				amended.activities[1].update({**retyped, "phone": "13900797978", "claimed_row": claim})
				amended.flags.ignore_edit_window = True
				amended.insert()
				self.assertEqual(valid_rows(amended.name), [1, 0], claim)
				frappe.delete_doc("Agent Log", amended.name, ignore_permissions=True)
			fresh = frappe.get_doc(
				{"doctype": "Agent Log", "agent": org.agent_a2, "log_date": day,
					"activities": [{**retyped, "phone": "13900797977"}, {"activity_kind": "Phone Appointment", "activity_count": 2}]}
			)  # fmt: skip
			fresh.flags.ignore_edit_window = True
			fresh.insert()
		self.assertEqual(valid_rows(fresh.name)[0], 0)

	def test_a_saved_log_keeps_what_it_amends_and_a_new_check_records_nothing_yet(self):
		"""F4: amended_from changed on a saved draft (to another agent's log, or to hide the real amendment
		from a callback's refresh); F5: a check made already overturned, closed and with an incident."""
		org = self.org
		day = add_days(self.day, -2)
		theirs = make_log(org.agent_b1, day, visits("vh2-af", 1, 8_000), submit=True, ignore_edit_window=True)
		theirs.cancel()
		mine = make_log(org.agent_a1, day, visits("vh2-mine", 1, 8_100), ignore_edit_window=True)
		with as_user(org.users.agent_a1):
			doc = frappe.get_doc("Agent Log", mine.name)
			doc.flags.ignore_edit_window = True
			doc.amended_from = theirs.name
			self.assertRaisesRegex(frappe.ValidationError, "amends cannot be changed", doc.save)
		check = frappe.get_doc(
			{"doctype": CHECK, "source": "Manual", "agent_log": mine.name, "activity_idx": 1,
				"assigned_officer": org.users.officer, "callback_date": day, "overturned_on_appeal": 1,
				"closed_on": "2020-01-01 00:00:00"}
		).insert()  # fmt: skip
		self.assertEqual((check.overturned_on_appeal, check.closed_on), (0, None))


class TestVerdictHardeningH60(FrappeTestCase):
	"""A fifth fresh user's finds (helper-60, stop 39)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("VH3")
		callback_settings()
		cls.day = add_days(frappe.utils.getdate(), -50)

	def test_a_second_row_with_the_checked_customer_leaves_the_verdict_on_the_row_retyped(self):
		"""F1 (high): the day held an interview (checked: not happened) and a phone appointment with one
		customer; cancelled and amended with the interview retyped as another person, the unchanged
		appointment took the interview's id and the retyped interview counted ([1, 0, 1])."""
		org = self.org
		rows = [
			interview("13900190000", "vh3 A"),
			interview("13900190000", "vh3 A", "Phone Appointment"),
			interview("13900190001", "vh3 B"),
		]
		log = make_log(org.agent_a2, self.day, rows, submit=True, ignore_edit_window=True)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		self.assertEqual(valid_rows(log.name), [0, 0, 1])
		frappe.get_doc("Agent Log", log.name).cancel()
		with as_user(org.users.agent_a2):
			amended = frappe.copy_doc(frappe.get_doc("Agent Log", log.name))
			amended.amended_from, amended.docstatus = log.name, 0
			amended.activities[0].update({"phone": "13900199999", "party_name": "vh3 Someone Else"})
			amended.flags.ignore_edit_window = True
			amended.insert()
		self.assertEqual(valid_rows(amended.name), [0, 0, 1])

	def test_a_row_sent_twice_is_refused_and_counts_once(self):
		"""F2 (high): a stored row's name sent three times (savedocs Submit, frappe.client.save) was counted
		three times in the log's totals, with one row stored: refused in words, nothing changed."""
		from frappe.desk.form.save import savedocs

		org = self.org
		day = add_days(self.day, -1)
		draft = make_log(org.agent_a1, day, visits("vh3-tw", 2, 17_000), ignore_edit_window=True)
		close_as(org.users.officer, manual_check(draft, 1, org.users.officer).name, "Visit Not Happened")
		before = frappe.db.get_value("Agent Log", draft.name, ["valid_activities", "sales_interviews"])
		self.assertEqual(before, (1, 1))
		with as_user(org.users.agent_a1):
			sent = frappe.get_doc("Agent Log", draft.name).as_dict()
			second = sent["activities"][1]
			sent["activities"] = [sent["activities"][0], second, {**second, "party_name": "ghost"}]
			self.assertRaisesRegex(
				frappe.ValidationError,
				"send each row once",
				savedocs,
				frappe.as_json(sent),
				"Submit",
			)
			frappe.clear_messages()
			self.assertRaisesRegex(
				frappe.ValidationError, "send each row once", frappe.client.save, frappe.as_json(sent)
			)
			frappe.clear_messages()
		self.assertEqual(
			frappe.db.get_value(
				"Agent Log", draft.name, ["valid_activities", "sales_interviews", "docstatus"]
			),
			(1, 1, 0),
		)
		self.assertEqual(frappe.db.count("Agent Log Activity", {"parent": draft.name}), 2)

	def test_a_contact_linked_to_the_checked_customer_is_the_same_person(self):
		"""F5 (medium): the checked customer's visit logged again on a Contact the agent linked to them counted,
		even under the same typed name ([0, 1, 1]): a Contact is the person of the records it is linked to."""
		org = self.org
		day = add_days(self.day, -2)
		lead = frappe.get_doc(
			{"doctype": "Lead", "lead_name": "vh3 Wang", "mobile_no": "13900353501", "lead_owner": org.users.agent_a2}
		).insert(ignore_permissions=True)  # fmt: skip
		customer = customer_made_from(lead.name, "vh3 Wang", org.users.agent_a2)
		rows = [
			("Sales Interview", 1, "Customer", customer.name, "13900353501", "vh3 Wang"),
			*visits("vh3-ct", 1, 14_100),
		]
		log = make_log(org.agent_a2, day, rows, ignore_edit_window=True)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		contact = frappe.get_doc(
			{"doctype": "Contact", "first_name": "vh3 Wang Contact",
				"links": [{"link_doctype": "Customer", "link_name": customer.name}]}
		).insert(ignore_permissions=True)  # fmt: skip
		add_row_as(
			org.users.agent_a2,
			log.name,
			{
				"activity_kind": "Home Visit",
				"party_type": "Contact",
				"party": contact.name,
				"party_name": "vh3 W",
			},
		)
		self.assertEqual(valid_rows(log.name), [0, 1, 0])

	def test_a_checked_row_deleted_and_written_again_in_a_later_save_keeps_its_debit(self):
		"""F3, F7 (medium): the checked row deleted in one save and written again (another phone and name) in a
		later one counted ([1, 1]); the same in one save did not ([1, 0]): the day keeps its debit either way."""
		org = self.org
		day = add_days(self.day, -3)
		log = make_log(org.agent_a2, day, visits("vh3-ls", 2, 11_300), ignore_edit_window=True)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		self.assertEqual(valid_rows(log.name), [0, 1])
		with as_user(org.users.agent_a2):
			draft = frappe.get_doc("Agent Log", log.name)
			draft.flags.ignore_edit_window = True
			draft.activities = draft.activities[1:]
			draft.save()
		self.assertEqual(valid_rows(log.name), [1])
		retyped = {"activity_kind": "Sales Interview", "phone": "13900111399", "party_name": "vh3 Retyped"}
		add_row_as(org.users.agent_a2, log.name, retyped)
		self.assertEqual(valid_rows(log.name), [1, 0])
		# a second new visit that day is a visit of its own
		add_row_as(org.users.agent_a2, log.name, {**retyped, "phone": "13900111398", "party_name": "vh3 New"})
		self.assertEqual(valid_rows(log.name), [1, 0, 1])

	def test_a_day_keeps_its_debit_when_the_log_moved_away_is_cancelled(self):
		"""helper-61, F1 (high): the checked log amended to the day before, a new log of the old day with the
		checked visit retyped, then the moved log cancelled: the day counted every visit ([1, 1]). The new
		log's retyped visit stands for the checked one (one debit too many while the moved log stands,
		helper-60 F6, is the lesser fault)."""
		org = self.org
		day = add_days(self.day, -5)
		log = make_log(org.agent_a1, day, visits("vh3-mv", 2, 13_100), submit=True, ignore_edit_window=True)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		frappe.get_doc("Agent Log", log.name).cancel()
		with as_user(org.users.agent_a1):
			moved = frappe.copy_doc(frappe.get_doc("Agent Log", log.name))
			moved.amended_from, moved.docstatus = log.name, 0
			moved.log_date = add_days(day, -1)
			moved.flags.ignore_edit_window = True
			moved.insert()
			moved.submit()
			self.assertEqual(valid_rows(moved.name), [0, 1])
			second = log.activities[1]
			fresh = frappe.get_doc(
				{"doctype": "Agent Log", "agent": org.agent_a1, "log_date": day, "activities": [
					{"activity_kind": "Sales Interview", "phone": "13900131777", "party_name": "vh3 Retyped"},
					{"activity_kind": "Sales Interview", "phone": second.phone, "party_name": second.party_name}]}
			)  # fmt: skip
			fresh.flags.ignore_edit_window = True
			fresh.insert()
			fresh.submit()
			moved = frappe.get_doc("Agent Log", moved.name)
			moved.flags.ignore_edit_window = True
			moved.cancel()
		self.assertEqual(valid_rows(fresh.name), [0, 1])

	def test_a_cancel_stores_the_record_as_it_was(self):
		"""helper-61, F2 (high): the desk's savedocs "Cancel" stored the rows the request sent: an agent
		rewrote the checked visit of the log they cancelled (its phone, whether it counts, the row it stands
		for). A cancel changes the status only."""
		from frappe.desk.form.save import savedocs

		org = self.org
		day = add_days(self.day, -7)
		log = make_log(org.agent_a2, day, visits("vh3-cx", 2, 13_300), submit=True, ignore_edit_window=True)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		stored = [
			(row.name, row.phone, row.is_invalid, row.claimed_row)
			for row in frappe.get_doc("Agent Log", log.name).activities
		]
		with as_user(org.users.agent_a2):
			sent = frappe.get_doc("Agent Log", log.name).as_dict()
			first, second = sent["activities"]
			sent["activities"] = [
				{**first, "phone": "13900529999", "is_invalid": 0, "claimed_row": "bogus"},
				{**second, "name": first["name"]},
			]
			sent["problems"] = "rewritten on cancel"
			savedocs(frappe.as_json(sent), "Cancel")
		cancelled = frappe.get_doc("Agent Log", log.name)
		self.assertEqual(cancelled.docstatus, 2)
		self.assertEqual(
			[(row.name, row.phone, row.is_invalid, row.claimed_row) for row in cancelled.activities], stored
		)
		self.assertIsNone(cancelled.problems)

	def test_a_contact_of_two_customers_does_not_make_them_one_person(self):
		"""helper-61, F4 (over-punishment): a household Contact linked to husband and wife made them one person,
		and the husband's verdict debited the wife's own visit ([0, 0, 1]). A Contact of several records is
		only itself; of one record (or of a Lead and the Customer made from it), that record's person."""
		org = self.org
		day = add_days(self.day, -9)
		couple = []
		for who, phone in (("vh3 Husband", "13900910001"), ("vh3 Wife", "13900910002")):
			lead = frappe.get_doc(
				{"doctype": "Lead", "lead_name": who, "mobile_no": phone, "lead_owner": org.users.agent_a2}
			).insert(ignore_permissions=True)
			couple.append(customer_made_from(lead.name, who, org.users.agent_a2))
		husband, wife = couple
		family = frappe.get_doc(
			{"doctype": "Contact", "first_name": "vh3 Family",
				"links": [{"link_doctype": "Customer", "link_name": c.name} for c in couple]}
		).insert(ignore_permissions=True)  # fmt: skip
		rows = [
			("Sales Interview", 1, "Customer", husband.name, "13900910001", "vh3 Husband"),
			("Sales Interview", 1, "Customer", wife.name, "13900910002", "vh3 Wife"),
			("Sales Interview", 1, "Contact", family.name, None, "vh3 Family"),
			*visits("vh3-hh", 1, 91_100),
		]
		log = make_log(org.agent_a2, day, rows, ignore_edit_window=True)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		self.assertEqual(valid_rows(log.name), [0, 1, 1, 1])

	def test_a_new_log_of_a_cancelled_day_keeps_the_verdict_wherever_it_is_moved(self):
		"""helper-60, F4 (medium): the checked log cancelled, a new log of its day written with the same visits
		(the checked one does not count), then moved to a free day: the checked visit counted again ([1, 1]),
		in its amendment too, and when the check closed only after the move. The rows a log's rows stand for
		carry their verdicts wherever the log goes."""
		org, agent = self.org, self.org.agent_a1

		def replaced(day, rows):
			"""The log of `day` cancelled and written again as a new log with `rows`, saved as a draft."""
			frappe.get_doc(
				"Agent Log", frappe.db.get_value("Agent Log", {"agent": agent, "log_date": day})
			).cancel()
			with as_user(org.users.agent_a1):
				fresh = frappe.get_doc({"doctype": "Agent Log", "agent": agent, "log_date": day, "activities": [
					{"activity_kind": "Sales Interview", "phone": row[4], "party_name": row[5]} for row in rows]})  # fmt: skip
				fresh.flags.ignore_edit_window = True
				return fresh.insert()

		def moved(name, day):
			with as_user(org.users.agent_a1):
				doc = frappe.get_doc("Agent Log", name)
				doc.log_date = day
				doc.flags.ignore_edit_window = True
				return doc.save()

		# the check closed before the new log is written
		day = add_days(self.day, -11)
		rows = visits("vh3-f4", 2, 14_100)
		log = make_log(agent, day, rows, submit=True, ignore_edit_window=True)
		close_as(org.users.officer, manual_check(log, 1, org.users.officer).name, "Visit Not Happened")
		fresh = replaced(day, rows)
		self.assertEqual(valid_rows(fresh.name), [0, 1])
		moved(fresh.name, add_days(day, -1))
		self.assertEqual(valid_rows(fresh.name), [0, 1])
		with as_user(org.users.agent_a1):
			for action in ("submit", "cancel"):
				doc = frappe.get_doc("Agent Log", fresh.name)
				doc.flags.ignore_edit_window = True
				getattr(doc, action)()
			amended = frappe.copy_doc(frappe.get_doc("Agent Log", fresh.name))
			amended.amended_from, amended.docstatus = fresh.name, 0
			amended.flags.ignore_edit_window = True
			amended.insert()
		self.assertEqual(valid_rows(amended.name), [0, 1])
		# the check closed after the new log was moved
		day = add_days(self.day, -13)
		rows = visits("vh3-f4b", 2, 14_200)
		log = make_log(agent, day, rows, submit=True, ignore_edit_window=True)
		check = manual_check(log, 1, org.users.officer)
		fresh = replaced(day, rows)
		moved(fresh.name, add_days(day, -1))
		self.assertEqual(valid_rows(fresh.name), [1, 1])
		close_as(org.users.officer, check.name, "Visit Not Happened")
		self.assertEqual(valid_rows(fresh.name), [0, 1])
