"""Activity Campaign (活动企划) and the activity calendar (行事历) on a real site: an activity row names only a
published campaign of the agent's office covering the day; the results are counted from the logs (a row
invalidated by a callback stops counting), the invitees and the invited customers' policies in the
attribution window; the Campaign Results report equals an independent count over the raw rows for an
agent, a supervisor, an office manager and an admin; the calendar flags an office month without one of the
three platforms; who reads and changes a campaign, through REST and get_list."""

from datetime import timedelta

import frappe
from frappe.desk.calendar import get_events
from frappe.desk.query_report import run
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, today

from insurance_activity.campaigns.results import actual_results, attributed_policies
from insurance_activity.tests.factories import as_user, make_org, set_settings
from insurance_activity.tests.production_factories import make_policy
from insurance_activity.tests.rest import rest_get, rest_post, rest_put

PREFIX = "C15"
RESULTS = "Campaign Results"
CALENDAR = "Activity Calendar"


def make_campaign(name, kind, offices, from_date, to_date, invitees=(), submit=True, **fields):
	"""invitees: (party_type, party, attended)."""
	doc = frappe.get_doc(
		{
			"doctype": "Activity Campaign",
			"campaign_name": name,
			"kind": kind,
			"from_date": from_date,
			"to_date": to_date,
			"offices": [{"office": office} for office in offices],
			**fields,
		}
	).insert()
	for party_type, party, attended in invitees:
		invite(doc.name, party_type, party, attended)
	if submit:
		doc.submit()
	return doc


def remove_campaigns(name_like: str) -> None:
	"""Delete the campaigns whose name is like `name_like`, their rows and their invitations (not committed)."""
	names = frappe.get_all("Activity Campaign", {"campaign_name": ("like", name_like)}, pluck="name")
	if not names:
		return
	for child in ("Activity Campaign Office", "Activity Campaign Agent", "Activity Campaign Quadrant"):
		frappe.db.delete(child, {"parenttype": "Activity Campaign", "parent": ("in", names)})
	frappe.db.delete("Activity Campaign Invitee", {"campaign": ("in", names)})
	frappe.db.delete("Activity Campaign", {"name": ("in", names)})


def invite(campaign, party_type, party, attended=0):
	return frappe.get_doc(
		{
			"doctype": "Activity Campaign Invitee",
			"campaign": campaign,
			"party_type": party_type,
			"party": party,
			"attended": attended,
			"reply": "Accepted" if attended else "Pending",
		}
	).insert()


def make_campaign_log(agent, day, rows, submit=True):
	"""rows: (activity kind, count, campaign)."""
	doc = frappe.get_doc(
		{
			"doctype": "Agent Log",
			"agent": agent,
			"log_date": day,
			"amendment_reason": "test data",
			"activities": [
				{"activity_kind": kind, "activity_count": count, "activity_campaign": campaign}
				for kind, count, campaign in rows
			],
		}
	)
	doc.flags.ignore_edit_window = True
	doc.insert()
	if submit:
		doc.submit()
	return doc


class TestActivityCampaign(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org(PREFIX)
		# a week two months back, whatever the clock; its month is the calendar's
		d0 = cls.d0 = getdate(add_days(today(), -70)).replace(day=3)
		end = cls.end = d0 + timedelta(days=6)
		cust = {
			key: make_policy(f"C15-P-{key}", agent, issue, customer_name=f"C15 Customer {key}").customer
			for key, agent, issue in (
				("in", org.agent_a1, end + timedelta(days=5)),  # inside the window
				("late", org.agent_a2, end + timedelta(days=31)),  # one day after a 30-day window
				("early", org.agent_a1, d0 - timedelta(days=1)),  # before the campaign
				("b", org.agent_b1, d0 + timedelta(days=2)),
			)
		}
		make_policy(
			"C15-P-void",
			org.agent_a1,
			d0 + timedelta(days=3),
			status="Cancelled in Cooling-off",
			customer_name="C15 Customer in",
		)
		lead = frappe.get_doc(
			{"doctype": "Lead", "first_name": "C15 Lead Person", "lead_owner": org.users.agent_a2}
		).insert()
		customer = frappe.get_doc(
			{"doctype": "Customer", "customer_name": "C15 Converted Lead", "lead_name": lead.name}
		).insert()
		make_policy("C15-P-lead", org.agent_a2, d0 + timedelta(days=4), customer_name=customer.customer_name)
		cls.lead = lead.name
		cls.customers = cust
		cls.warming = make_campaign(
			"C15 Warming Tea",
			"Warming Platform",
			[org.office_a],
			d0,
			end,
			invitees=[
				("Customer", cust["in"], 1),
				("Customer", cust["late"], 0),
				("Customer", cust["early"], 1),
				("Lead", lead.name, 1),
			],
			expected_invitations=5,
			expected_attendees=4,
			expected_interviews=8,
			expected_policies=2,
		)
		cls.value = make_campaign(
			"C15 Value Dinner",
			"Value Customer Event",
			[org.office_a, org.office_b],
			d0,
			d0 + timedelta(days=2),
			invitees=[("Customer", cust["b"], 1)],
			expected_policies=1,
		)
		cls.draft = make_campaign("C15 Draft Theme", "Visiting Theme", [org.office_a], d0, end, submit=False)
		w, v = cls.warming.name, cls.value.name
		make_campaign_log(
			org.agent_a1, d0 + timedelta(days=1), [("Sales Interview", 2, w), ("Phone Appointment", 1, w)]
		)
		invalidated = make_campaign_log(
			org.agent_a2, d0 + timedelta(days=2), [("Home Visit", 1, w), ("Sales Interview", 3, w)]
		)
		invalidated.set_activity_validity(invalidated.activities[1].name, False, "callback: no visit")
		make_campaign_log(org.agent_a2, d0 + timedelta(days=3), [("Home Visit", 5, w)], submit=False)
		make_campaign_log(org.sup_a, d0 + timedelta(days=1), [("Accompanied Visit", 1, v)])
		make_campaign_log(org.agent_b1, d0 + timedelta(days=1), [("Sales Interview", 4, v)])
		frappe.db.commit()  # REST requests read through their own connection

	@classmethod
	def tearDownClass(cls):
		for name in frappe.get_all("Agent Log", {"agent_name": ("like", "C15 %")}, pluck="name"):
			frappe.db.delete("Agent Log Activity", {"parent": name})
			frappe.db.delete("Agent Log", {"name": name})
		remove_campaigns("C15 %")
		frappe.db.delete("Insurance Policy", {"name": ("like", "C15-P-%")})
		frappe.db.commit()
		super().tearDownClass()

	def period(self) -> dict:
		return {"from_date": str(self.d0.replace(day=1)), "to_date": str(self.end + timedelta(days=1))}

	# ---------------------------------------------------------------- linking a log row
	def test_a_row_names_only_a_published_campaign_of_the_agents_office_covering_the_day(self):
		org, day = self.org, self.d0 + timedelta(days=1)
		self.addCleanup(frappe.db.rollback)
		with self.assertRaises(frappe.ValidationError):  # a draft is not published
			make_campaign_log(org.agent_a1, day, [("Phone Appointment", 1, self.draft.name)], submit=False)
		with self.assertRaises(frappe.ValidationError):  # after the campaign
			make_campaign_log(
				org.agent_a1, self.end + timedelta(days=1), [("Phone Appointment", 1, self.warming.name)]
			)
		with self.assertRaises(frappe.ValidationError):  # office B's agent, an office A campaign
			make_campaign_log(org.agent_b1, self.d0, [("Phone Appointment", 1, self.warming.name)])
		log = make_campaign_log(org.agent_b1, self.d0, [("Phone Appointment", 1, self.value.name)], False)
		self.assertEqual(log.activities[0].activity_campaign, self.value.name)

	def test_a_points_contest_campaign_names_a_contest_running_in_its_period(self):
		from insurance_activity.tests.contest_factories import make_contest

		org, start, end = self.org, self.d0, self.end
		self.addCleanup(frappe.db.rollback)
		with self.assertRaises(frappe.ValidationError):  # no contest named
			make_campaign("Contest Kick-off", "Points Contest", [org.office_a], start, end, submit=False)
		before = make_contest("Camp Old Contest", start - timedelta(days=30), start - timedelta(days=1),
			[org.office_a], [("Sales Interview", 2, 0, start - timedelta(days=30))])  # fmt: skip
		with self.assertRaises(frappe.ValidationError):  # over before the campaign starts
			make_campaign("Contest Kick-off", "Points Contest", [org.office_a], start, end, submit=False,
				points_contest=before.name)  # fmt: skip
		running = make_contest("Camp Contest", start, end, [org.office_a], [("Sales Interview", 2, 0, start)])
		campaign = make_campaign("Contest Kick-off", "Points Contest", [org.office_a], start, end,
			submit=False, points_contest=running.name)  # fmt: skip
		self.assertEqual(campaign.points_contest, running.name)
		other = make_campaign("Tea", "Warming Platform", [org.office_a], start, end, submit=False,
			points_contest=running.name)  # fmt: skip
		self.assertIsNone(other.points_contest, "only a points contest campaign names a contest")

	# ---------------------------------------------------------------- the results
	def test_follow_up_interviews_count_valid_rows_of_submitted_logs_only(self):
		results = actual_results([self.warming.name, self.value.name])
		# agent A1 2 + 1, agent A2 1 (3 invalidated by a callback; a draft log of 5 not counted)
		self.assertEqual(results[self.warming.name]["interviews"], 4)
		self.assertEqual(results[self.value.name]["interviews"], 5)

	def test_invitations_and_attendees_come_from_the_invitees(self):
		results = actual_results([self.warming.name])[self.warming.name]
		self.assertEqual((results["invitations"], results["attendees"]), (4, 3))

	def test_policies_of_invited_customers_count_within_the_attribution_window_only(self):
		counts = dict(attributed_policies([self.warming.name, self.value.name], days=30))
		# "in" (5 days after) and the converted lead's; not "late" (31 days after), "early", the void one
		self.assertEqual(counts[self.warming.name], 2)
		self.assertEqual(counts[self.value.name], 1)
		self.assertEqual(dict(attributed_policies([self.warming.name], days=31))[self.warming.name], 3)
		self.assertEqual(dict(attributed_policies([self.warming.name], days=4)).get(self.warming.name), 1)

	def test_the_window_is_a_setting(self):
		set_settings(campaign_attribution_days=31)
		self.assertEqual(actual_results([self.warming.name])[self.warming.name]["policies"], 3)
		set_settings(campaign_attribution_days=30)
		self.assertEqual(actual_results([self.warming.name])[self.warming.name]["policies"], 2)

	# ---------------------------------------------------------------- the report, person by person
	def independent(self, offices: set | None, agents: set | None, runs: set = frozenset()) -> dict:
		"""The report's figures counted here in plain Python over the raw rows: the published C15 campaigns
		of `offices` (None: all), the logs and policies of `agents` (None: all), the invitees served by
		`agents` (the Customers with a policy of theirs, the Leads they own) unless the person runs the
		campaign (`runs`: every invitee)."""
		days = 30
		campaigns = frappe.get_all(
			"Activity Campaign",
			{"docstatus": 1, "campaign_name": ("like", "C15 %")},
			["name", "from_date", "to_date", *(f"expected_{g}" for g in ("invitations", "policies"))],
		)
		office_rows = frappe.get_all(
			"Activity Campaign Office", {"parenttype": "Activity Campaign"}, ["parent", "office"]
		)
		invitees = frappe.get_all(
			"Activity Campaign Invitee", fields=["campaign", "party_type", "party", "attended"]
		)
		logs = {log.name: log for log in frappe.get_all("Agent Log", fields=["name", "agent", "docstatus"])}
		rows = frappe.get_all(
			"Agent Log Activity",
			{"parenttype": "Agent Log", "activity_campaign": ("is", "set")},
			["parent", "activity_campaign", "activity_count", "is_invalid"],
		)
		policies = frappe.get_all(
			"Insurance Policy", fields=["name", "agent", "customer", "issue_date", "status"]
		)
		lead_of = dict(frappe.get_all("Customer", fields=["name", "lead_name"], as_list=True))
		users = set(frappe.get_all("Employee", {"name": ("in", list(agents or []))}, pluck="user_id"))
		lead_owner = dict(frappe.get_all("Lead", fields=["name", "lead_owner"], as_list=True))

		def served(invitee) -> bool:
			if invitee.party_type == "Lead":
				return lead_owner.get(invitee.party) in users
			return any(p.customer == invitee.party and p.agent in agents for p in policies)

		found = {}
		for c in campaigns:
			listed = {r.office for r in office_rows if r.parent == c.name}
			if offices is not None and not listed & offices:
				continue
			listed = [i for i in invitees if i.campaign == c.name]
			customers = {i.party for i in listed if i.party_type == "Customer"}
			leads = {i.party for i in listed if i.party_type == "Lead"}
			whole = agents is None or c.name in runs
			invited = [i for i in listed if whole or served(i)]
			interviews = sum(
				r.activity_count or 1
				for r in rows
				if r.activity_campaign == c.name
				and not r.is_invalid
				and logs[r.parent].docstatus == 1
				and (agents is None or logs[r.parent].agent in agents)
			)
			attributed = {
				p.name
				for p in policies
				if p.status != "Cancelled in Cooling-off"
				and (agents is None or p.agent in agents)
				and (p.customer in customers or lead_of.get(p.customer) in leads)
				and c.from_date <= p.issue_date <= c.to_date + timedelta(days=days)
			}
			found[c.name] = {
				"invitations": len(invited),
				"attendees": sum(i.attended for i in invited),
				"interviews": interviews,
				"policies": len(attributed),
				"whole": whole,
			}
		return found

	def report_figures(self, user: str) -> dict:
		with as_user(user):
			result = run(RESULTS, filters={**self.period(), "group_by": "Campaign"})["result"]
		return {
			row["campaign"]: {
				**{g: row[g] for g in ("invitations", "attendees", "interviews", "policies")},
				"whole": row["counted_for"] == frappe._("Whole Campaign"),
			}
			for row in result
			if row.get("campaign_name", "").startswith("C15 ")
		}

	def test_the_report_equals_an_independent_count_for_each_person(self):
		org, u = self.org, self.org.users
		office_a = {org.office_a}
		team_a = {org.sup_a, org.agent_a1, org.agent_a2}
		people = {
			"agent": (u.agent_a1, office_a, {org.agent_a1}, set()),
			"supervisor": (u.sup_a, office_a, team_a, set()),
			# office A's manager runs the campaign for office A alone, not the one shared with office B
			"office manager": (u.manager_a, office_a, {org.manager_a, *team_a}, {self.warming.name}),
			"other office's agent": (u.agent_b1, {org.office_b}, {org.agent_b1}, set()),
			"admin": (u.admin, None, None, set()),
		}
		for key, (user, offices, agents, runs) in people.items():
			with self.subTest(person=key):
				self.assertEqual(self.report_figures(user), self.independent(offices, agents, runs))
		# an agent counts only their own invited customers: A1 invited "in" and "early", both came
		mine = self.report_figures(u.agent_a1)[self.warming.name]
		self.assertEqual((mine["invitations"], mine["attendees"], mine["whole"]), (2, 2, False))
		with as_user(u.agent_a1):
			part = run(RESULTS, filters={**self.period(), "group_by": "Campaign"})
		row = next(r for r in part["result"] if r["campaign"] == self.warming.name)
		self.assertIsNone(row["invitations_attainment"])  # a part is not measured against the whole's goal
		self.assertEqual(row["attendance_rate"], 100.0)
		self.assertTrue(part["message"])
		# the figures are not all zero: the equality above says something
		self.assertEqual(self.report_figures(u.admin)[self.warming.name]["interviews"], 4)
		self.assertEqual(self.report_figures(u.agent_a1)[self.warming.name]["interviews"], 3)
		self.assertNotIn(self.warming.name, self.report_figures(u.agent_b1))

	def test_the_report_adds_up_per_kind_and_office_with_conversion(self):
		filters = {**self.period(), "office": self.org.branch}
		by_kind = {r["kind"]: r for r in run(RESULTS, filters={**filters, "group_by": "Kind"})["result"]}
		warming = by_kind[frappe._("Warming Platform")]
		self.assertEqual((warming["campaigns"], warming["expected_policies"], warming["policies"]), (1, 2, 2))
		self.assertEqual(warming["policies_attainment"], 100.0)
		self.assertEqual(warming["attendance_rate"], 75.0)
		by_office = {
			r["office"]: r for r in run(RESULTS, filters={**filters, "group_by": "Office"})["result"]
		}
		self.assertEqual(by_office[self.org.office_a]["campaigns"], 2)
		self.assertEqual(by_office[self.org.office_b]["campaigns"], 1)
		kind = run(RESULTS, filters={**filters, "kind": "Value Customer Event"})["result"]
		self.assertEqual({r["campaign"] for r in kind}, {self.value.name})

	# ---------------------------------------------------------------- the calendar
	def calendar(self, user="Administrator") -> dict:
		month = self.d0.replace(day=1)
		with as_user(user):
			rows = run(
				CALENDAR,
				filters={
					"from_date": str(month),
					"to_date": str(month + timedelta(days=27)),
					"office": self.org.branch,
				},
			)["result"]
		return {row["office"]: row for row in rows}

	def test_the_calendar_flags_an_office_month_without_each_platform(self):
		plan = self.calendar()
		office_a, office_b = plan[self.org.office_a], plan[self.org.office_b]
		self.assertEqual((office_a["warming_platform"], office_a["value_customer_event"]), (1, 1))
		self.assertEqual(office_a["missing_platform"], 1)  # no high-potential event
		self.assertIn(frappe._("High Potential Event"), office_a["missing_platforms"])
		self.assertEqual(office_b["missing_platform"], 1)
		self.addCleanup(frappe.db.rollback)
		make_campaign(
			"C15 High Potential Salon", "High Potential Event", [self.org.office_a], self.d0, self.d0
		)
		self.assertEqual(self.calendar()[self.org.office_a]["missing_platform"], 0)
		self.assertEqual(self.calendar()[self.org.office_b]["missing_platform"], 1)
		# an agent sees their own office's plan only
		self.assertEqual(set(self.calendar(self.org.users.agent_b1)), {self.org.office_b})

	def test_the_calendar_view_lists_the_campaigns_the_reader_may_see(self):
		field_map = frappe.as_json(
			{"start": "from_date", "end": "to_date", "id": "name", "title": "campaign_name"}
		)
		start, end = str(self.d0 - timedelta(days=1)), str(self.end)
		with as_user(self.org.users.agent_b1):
			names = {e.name for e in get_events("Activity Campaign", start, end, field_map)}
		self.assertIn(self.value.name, names)
		self.assertNotIn(self.warming.name, names)

	# ---------------------------------------------------------------- permissions
	def test_agents_read_the_campaigns_of_their_office_through_get_list_and_rest(self):
		u = self.org.users
		mine = {self.warming.name, self.value.name, self.draft.name}
		with as_user(u.agent_a1):
			self.assertEqual(set(frappe.get_list("Activity Campaign", pluck="name")) & mine, mine)
		with as_user(u.agent_b1):
			self.assertEqual(
				set(frappe.get_list("Activity Campaign", pluck="name")) & mine, {self.value.name}
			)
		status, _ = rest_get(u.agent_b1, f"/api/resource/Activity Campaign/{self.warming.name}")
		self.assertEqual(status, 403)
		status, _ = rest_get(u.agent_a1, f"/api/resource/Activity Campaign/{self.warming.name}")
		self.assertEqual(status, 200)

	def invited(self, user: str, path: str) -> set:
		"""The warming campaign's invited parties `user` gets from one read path."""
		campaign = self.warming.name
		if path == "get_list":
			with as_user(user):
				rows = frappe.get_list("Activity Campaign Invitee", {"campaign": campaign}, ["party"])
			return {r.party for r in rows}
		if path == "REST":
			status, body = rest_get(
				user,
				"/api/resource/Activity Campaign Invitee",
				{"fields": ["party"], "filters": [["campaign", "=", campaign]]},
			)
			self.assertEqual(status, 200)
			return {r["party"] for r in body["data"]}
		if path == "report view":
			status, body = rest_post(
				user,
				"/api/method/frappe.desk.reportview.get",
				{
					"doctype": "Activity Campaign Invitee",
					"fields": ["`tabActivity Campaign Invitee`.`party`"],
					"filters": [["Activity Campaign Invitee", "campaign", "=", campaign]],
				},
			)
			self.assertEqual(status, 200)
			return {row[0] for row in (body["message"] or {}).get("values", [])}
		status, body = rest_post(
			user,
			"/api/method/frappe.desk.reportview.get",
			{
				"doctype": "Activity Campaign",
				"fields": ["`tabActivity Campaign`.`name`", "`tabActivity Campaign Invitee`.`party`"],
				"filters": [["Activity Campaign", "name", "=", campaign]],
			},
		)
		return status  # the campaign's report view cannot join the invitations any more

	def test_each_reader_sees_only_the_invited_customers_they_serve_on_every_path(self):
		"""The fault this replaces: Frappe's report view of the campaign with the invitee table's columns listed
		a colleague's invited customers. Now the invitations are records under the rule on every path."""
		u, c = self.org.users, self.customers
		everyone = {c["in"], c["late"], c["early"], self.lead}
		expected = {
			u.agent_a1: {c["in"], c["early"]},  # their own customers, not A2's
			u.agent_a2: {c["late"], self.lead},
			u.sup_a: everyone,  # the team's
			u.manager_a: everyone,  # who runs the campaign
			u.agent_b1: set(),  # another office
			u.admin: everyone,
		}
		for user, parties in expected.items():
			for path in ("get_list", "REST", "report view"):
				with self.subTest(user=user, path=path):
					self.assertEqual(self.invited(user, path), parties)
		self.assertNotEqual(self.invited(u.agent_a1, "campaign report view"), 200)
		theirs = frappe.db.get_value(
			"Activity Campaign Invitee", {"campaign": self.warming.name, "party": c["late"]}
		)
		status, _ = rest_get(u.agent_a1, f"/api/resource/Activity Campaign Invitee/{theirs}")
		self.assertEqual(status, 403)
		status, _ = rest_put(u.agent_a1, f"/api/resource/Activity Campaign Invitee/{theirs}", {"attended": 1})
		self.assertEqual(status, 403)

	def test_the_forms_connections_count_only_the_invitations_the_reader_sees(self):
		"""Frappe counts a form's Connections with frappe.get_all; the campaign's form told an agent how many
		customers their colleagues had invited."""

		def invitations(user):
			status, body = rest_get(
				user,
				"/api/method/frappe.desk.notifications.get_open_count",
				{"doctype": "Activity Campaign", "name": self.warming.name},
			)
			self.assertEqual(status, 200)
			found = body["message"]["count"]["external_links_found"]
			return next(link["count"] for link in found if link["doctype"] == "Activity Campaign Invitee")

		u = self.org.users
		self.assertEqual(
			{user: invitations(user) for user in (u.agent_a1, u.agent_a2, u.manager_a)},
			{u.agent_a1: 2, u.agent_a2: 2, u.manager_a: 4},
		)
		status, _ = rest_get(
			u.agent_b1,
			"/api/method/frappe.desk.notifications.get_open_count",
			{"doctype": "Activity Campaign", "name": self.warming.name},
		)
		self.assertEqual(status, 403)  # not a campaign of their office

	def test_an_agent_invites_their_own_customers_to_their_offices_campaigns_and_records_the_reply(self):
		self.addCleanup(frappe.db.rollback)
		org, c = self.org, self.customers
		customer = make_policy("C15-P-new", org.agent_a1, self.d0, customer_name="C15 Customer new").customer
		with as_user(org.users.agent_a1):
			mine = invite(self.warming.name, "Customer", customer)
			mine.reply = "Declined"
			mine.attended = 1
			mine.save()
			self.assertEqual(mine.reply, "Accepted")  # who came, accepted
			self.assertEqual(mine.campaign_name, "C15 Warming Tea")
			with self.assertRaisesRegex(frappe.PermissionError, "not one of your customers"):
				invite(self.warming.name, "Customer", c["late"])  # a colleague's customer
			self.assertRaises(frappe.DuplicateEntryError, invite, self.warming.name, "Customer", customer)
		with as_user(org.users.agent_b1):
			self.assertRaises(frappe.PermissionError, invite, self.warming.name, "Customer", c["b"])
		self.assertEqual(actual_results([self.warming.name])[self.warming.name]["invitations"], 5)

	def test_an_invitation_names_a_customer_or_lead_of_a_campaign_not_cancelled(self):
		self.addCleanup(frappe.db.rollback)
		self.assertRaises(frappe.ValidationError, invite, self.warming.name, "Supplier", "C15 nobody")
		self.assertRaises(frappe.ValidationError, invite, self.warming.name, "Customer", "C15 nobody")
		self.assertRaises(frappe.ValidationError, invite, "AC-NONE-0001", "Customer", self.customers["in"])
		self.assertRaises(frappe.MandatoryError, invite, self.warming.name, "Customer", None)
		gone = make_campaign(
			"C15 Gone", "Visiting Theme", [self.org.office_a], self.d0, self.end,
			invitees=[("Customer", self.customers["in"], 1)],
		)  # fmt: skip
		gone.cancel()
		self.assertRaises(frappe.ValidationError, invite, gone.name, "Customer", self.customers["early"])
		kept = frappe.get_doc("Activity Campaign Invitee", {"campaign": gone.name})
		kept.attended = 0
		self.assertRaises(frappe.ValidationError, kept.save)
		self.assertRaises(frappe.ValidationError, kept.delete)  # its record stays with the campaign
		frappe.delete_doc("Activity Campaign", gone.name)  # unless the campaign itself goes
		self.assertFalse(frappe.db.exists("Activity Campaign Invitee", kept.name))

	def test_an_amended_campaign_keeps_its_invitations_and_a_deleted_draft_takes_them_along(self):
		self.addCleanup(frappe.db.rollback)
		first = make_campaign(
			"C15 Amended", "Visiting Theme", [self.org.office_a], self.d0, self.end,
			invitees=[("Customer", self.customers["in"], 1), ("Lead", self.lead, 0)],
		)  # fmt: skip
		first.cancel()
		second = frappe.copy_doc(first)
		second.docstatus, second.amended_from = 0, first.name  # as the desk's Amend makes it
		second.insert()
		kept = frappe.get_all(
			"Activity Campaign Invitee", {"campaign": second.name}, ["party", "attended"], order_by="party"
		)
		self.assertEqual({(r.party, r.attended) for r in kept}, {(self.customers["in"], 1), (self.lead, 0)})
		frappe.delete_doc("Activity Campaign", second.name)
		self.assertFalse(frappe.db.exists("Activity Campaign Invitee", {"campaign": second.name}))

	def test_an_earlier_sites_invitee_rows_are_moved_to_their_campaign_by_the_patch(self):
		"""A site from before: the invitees were rows of the campaign (parent, parenttype, docstatus 1 under a
		published campaign). Migrate keeps those columns; the patch fills `campaign` from them."""
		from insurance_activity.patches.v1.campaign_invitees_as_records import move_rows

		TABLE = "tabActivity Campaign Invitee"

		added = [
			column
			for column in ("parent", "parenttype", "parentfield")
			if not frappe.db.has_column("Activity Campaign Invitee", column)
		]

		def forget_columns():
			frappe.cache.hdel("table_columns", TABLE)

		def drop_columns():
			frappe.db.delete("Activity Campaign Invitee", {"name": "C15-legacy-row"})
			for column in added:
				frappe.db.sql_ddl(f"alter table `{TABLE}` drop column `{column}`")
			forget_columns()
			frappe.db.commit()

		for column in added:
			frappe.db.sql_ddl(f"alter table `{TABLE}` add column `{column}` varchar(140)")
		forget_columns()
		self.addCleanup(drop_columns)
		frappe.db.sql(
			f"""insert into `{TABLE}` (name, parent, parenttype, parentfield, party_type, party, party_name,
			reply, attended, docstatus, creation, modified, owner, modified_by)
			values ('C15-legacy-row', %s, 'Activity Campaign', 'invitees', 'Customer', %s, 'C15 Customer b',
			'Accepted', 1, 1, now(), now(), 'Administrator', 'Administrator')""",
			(self.value.name, self.customers["b"]),
		)
		self.assertGreaterEqual(move_rows(), 1)
		row = frappe.db.get_value(
			"Activity Campaign Invitee",
			"C15-legacy-row",
			["campaign", "campaign_name", "docstatus", "attended"],
			as_dict=True,
		)
		self.assertEqual(
			(row.campaign, row.campaign_name, row.docstatus, row.attended),
			(self.value.name, "C15 Value Dinner", 0, 1),
		)
		self.assertEqual(move_rows(), 0)  # twice: nothing more

	def test_the_campaign_picker_lists_the_readers_campaigns_with_the_kind_in_their_language(self):
		query = "insurance_activity.campaigns.lookups.campaign_query"
		filters = {"docstatus": 1, "from_date": ["<=", str(self.d0)], "to_date": [">=", str(self.d0)]}
		lang = frappe.local.lang
		self.addCleanup(setattr, frappe.local, "lang", lang)
		with as_user(self.org.users.agent_a1):
			frappe.local.lang = "zh"
			found = {
				r["value"]: r.get("description", "")
				for r in search_link("Activity Campaign", "", query=query, filters=filters)
			}
			self.assertIn("升温平台", found[self.warming.name])
		with as_user(self.org.users.agent_b1):
			found = {
				r["value"] for r in search_link("Activity Campaign", "C15", query=query, filters=filters)
			}
		self.assertEqual(found, {self.value.name})  # not office A's

	def test_only_admins_and_the_offices_managers_plan_campaigns(self):
		org, u = self.org, self.org.users
		plan = {
			"campaign_name": "C15 REST Plan",
			"kind": "Visiting Theme",
			"from_date": str(self.d0),
			"to_date": str(self.end),
		}
		status, _ = rest_post(
			u.agent_a1, "/api/resource/Activity Campaign", {**plan, "offices": [{"office": org.office_a}]}
		)
		self.assertEqual(status, 403)
		status, _ = rest_post(
			u.sup_a, "/api/resource/Activity Campaign", {**plan, "offices": [{"office": org.office_a}]}
		)
		self.assertEqual(status, 403)
		status, _ = rest_post(
			u.manager_a, "/api/resource/Activity Campaign", {**plan, "offices": [{"office": org.office_b}]}
		)
		self.assertEqual(status, 403)  # not their office
		status, body = rest_post(
			u.manager_a, "/api/resource/Activity Campaign", {**plan, "offices": [{"office": org.office_a}]}
		)
		self.assertEqual(status, 200)
		name = body["data"]["name"]
		status, _ = rest_put(
			u.manager_a,
			f"/api/resource/Activity Campaign/{name}",
			{"offices": [{"office": org.office_a}, {"office": org.office_b}]},
		)
		self.assertEqual(status, 403)  # a campaign reaching another office is the admins'
		status, _ = rest_put(u.sup_a, f"/api/resource/Activity Campaign/{name}", {"place": "Hall"})
		self.assertEqual(status, 403)
		status, _ = rest_put(
			u.admin, f"/api/resource/Activity Campaign/{name}", {"offices": [{"office": org.office_b}]}
		)
		self.assertEqual(status, 200)
		self.assertFalse(frappe.has_permission("Activity Campaign", "write", name, user=u.manager_a))
		self.assertFalse(frappe.has_permission("Activity Campaign", "read", name, user=u.agent_a1))
		self.assertTrue(frappe.has_permission("Activity Campaign", "read", name, user=u.agent_b1))

	def test_a_campaign_is_published_by_submitting_it(self):
		self.assertEqual(self.draft.status, "Draft")
		self.assertEqual(frappe.db.get_value("Activity Campaign", self.warming.name, "status"), "Published")
		with self.assertRaises(frappe.ValidationError):
			make_campaign(
				"C15 Backwards", "Visiting Theme", [self.org.office_a], self.end, self.d0, submit=False
			)
		with self.assertRaises(frappe.ValidationError):
			make_campaign("C15 Branch", "Visiting Theme", [self.org.branch], self.d0, self.end, submit=False)
