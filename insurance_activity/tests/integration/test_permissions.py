"""The one permission rule on every path: child tables follow their parent, walked from the app's metadata
(a child doctype added later is covered without editing this file), through frappe.get_list with
parent_doctype, REST (frappe.client.get_list with parent), and report view with child columns."""

import io
import json
import os

import frappe
from frappe.core.doctype.file.utils import find_file_by_url
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_url, getdate, today
from frappe.utils.nestedset import rebuild_tree

from insurance_activity.configuration.organisation import check_reporting_tree, employees_out_of_step
from insurance_activity.meetings import jobs as meeting_jobs
from insurance_activity.permissions import RULES, condition_for, query_conditions, where_allowed
from insurance_activity.permissions import has_permission as permission_of
from insurance_activity.permissions.roles import ACTIVITY_ADMIN, INSURANCE_AGENT
from insurance_activity.tests.factories import (
	as_user,
	last_working_day,
	make_employee,
	make_log,
	make_org,
	make_user,
)
from insurance_activity.tests.integration.test_bad_input_corpus import CHINESE, CJK, messages
from insurance_activity.tests.production_factories import make_policy
from insurance_activity.tests.rest import rest_download, rest_get, rest_request

APP = "insurance_activity"


def app_doctypes(istable: int) -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all(
		"DocType", filters={"module": ("in", modules), "istable": istable}, pluck="name", order_by="name"
	)


def parents_of(child: str) -> list[str]:
	"""Parents with rows of their own (a Single's table is configuration, read with the Single)."""
	return [
		parent
		for parent in app_doctypes(0)
		if not frappe.get_meta(parent).issingle
		and any(df.options == child for df in frappe.get_meta(parent).get_table_fields())
	]


def visible_or_none(doctype: str, **kwargs):
	"""The rows a user lists, or None when their roles do not read the doctype at all."""
	try:
		return frappe.get_list(doctype, limit_page_length=0, **kwargs)
	except frappe.PermissionError:
		return None


def private_attachment(log: str, file_name: str, content: str):
	"""A private File attached to the Agent Log `log`, saved and committed (a REST request reads it)."""
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"content": content,
			"is_private": 1,
			"attached_to_doctype": "Agent Log",
			"attached_to_name": log,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return file


PRINT_PREVIEW = "/api/method/frappe.www.printview.get_html_and_style"


class TestChildTablesFollowTheirParent(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("Perm")
		day = cls.day = last_working_day()
		cls.a1_log = make_log(
			org.agent_a1,
			day,
			[("Sales Interview", 1, None, None, "13912340001", "Perm Customer A1")],
			ignore_edit_window=True,
		)
		cls.b1_log = make_log(
			org.agent_b1,
			day,
			[("Sales Interview", 1, None, None, "13912340002", "Perm Customer B1")],
			ignore_edit_window=True,
		)
		sup_log = make_log(org.sup_a, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		sup_log.append("tracking_calls", {"report": org.agent_a1, "notes": "Perm tracking note"})
		sup_log.save()
		check = frappe.get_doc(
			{
				"doctype": "Callback Check",
				"source": "Manual",
				"agent_log": cls.a1_log.name,
				"activity_idx": 1,
				"assigned_officer": org.users.officer,
				"callback_date": today(),
			}
		).insert()
		check.append("attempts", {"result": "No Answer"})
		check.save()
		frappe.db.set_single_value("Insurance Activity Settings", "meeting_months_ahead", 0)
		meeting_jobs.create_coming_meetings(day=add_days(today(), -40), offices=[org.office_a])
		frappe.db.commit()  # the REST test reads through another request

	def users(self) -> list[str]:
		u = self.org.users
		return [u.agent_a1, u.agent_a2, u.agent_b1, u.sup_a, u.sup_b, u.manager_a, u.officer]

	def test_frappe_client_get_count_counts_only_what_the_user_may_read(self):
		"""frappe.client.get_count (frappe.db.count, no permission check in Frappe v15) leaked every office's
		numbers to any desk user; for the app's doctypes and their child tables it follows the rule."""
		path = "/api/method/frappe.client.get_count"
		for doctype, parent in (("Agent Log", None), ("Agent Log Activity", "Agent Log")):
			total = frappe.db.count(doctype)
			with self.subTest(doctype=doctype), as_user(self.org.users.agent_a1):
				mine = len(frappe.get_list(doctype, parent_doctype=parent, pluck="name", limit_page_length=0))
			status, body = rest_get(self.org.users.agent_a1, path, {"doctype": doctype})
			self.assertEqual((status, body.get("message")), (200, mine))
			self.assertLess(mine, total)
		status, body = rest_get(
			self.org.users.agent_a1,
			path,
			{"doctype": "Agent Log", "filters": frappe.as_json({"agent": self.org.agent_b1})},
		)
		self.assertEqual((status, body.get("message")), (200, 0))  # a colleague's logs are not counted
		# every other doctype too (Frappe's own count checks nothing): what frappe.get_list shows the user
		for user, doctype in ((self.org.users.sup_a, "ToDo"), (self.org.users.agent_a1, "User")):
			with as_user(user):
				readable = len(frappe.get_list(doctype, pluck="name", limit_page_length=0))
			status, body = rest_get(user, path, {"doctype": doctype})
			self.assertEqual((status, body.get("message")), (200, readable), doctype)
			self.assertLess(readable, frappe.db.count(doctype), doctype)
		# HRMS's payroll: an agent counts at most their own Salary Slips (HRMS's user permission on their
		# Employee) and their rows, and no Payroll Entry at all
		agent = self.org.users.agent_a1
		for doctype, parent in (("Salary Slip", None), ("Salary Detail", "Salary Slip")):
			with as_user(agent):
				readable = len(
					frappe.get_list(doctype, parent_doctype=parent, pluck="name", limit_page_length=0)
				)
			status, body = rest_get(agent, path, {"doctype": doctype})
			self.assertEqual((status, body.get("message")), (200, readable), doctype)
		self.assertFalse(frappe.has_permission("Payroll Entry", "read", user=agent))
		status, body = rest_get(agent, path, {"doctype": "Payroll Entry", "filters": '{"docstatus": 1}'})
		self.assertEqual(status, 403, body)
		status, _body = rest_get(self.org.users.agent_a1, path, {"doctype": "No Such Doctype"})
		self.assertEqual(status, 417)

	def test_a_like_a_tag_a_follow_a_comment_need_the_record(self):
		"""Frappe v15 likes, tags, follows and un-assigns without asking whether the user may read the record
		(a fresh user's agent liked a colleague's log), and signs a comment with any e-mail sent: on the app's
		records each is refused (403, nothing stored) unless the user may read it, acts as themselves, and names
		a record that exists (404)."""
		agent, colleague = self.org.users.agent_a1, self.org.users.agent_a2
		own, other = self.a1_log.name, self.b1_log.name
		method = "/api/method/"

		def rest_post(user, path, data):  # asking for Chinese, as a browser set to it does
			return rest_request("post", user, path, headers=CHINESE, json=data)

		refused = [
			("frappe.desk.like.toggle_like", {"doctype": "Agent Log", "name": other, "add": "Yes"}),
			("frappe.desk.doctype.tag.tag.add_tag", {"tag": "PermTag", "dt": "Agent Log", "dn": other}),
			(
				"frappe.desk.doctype.tag.tag.add_tags",
				{"tags": '["PermTag"]', "dt": "Agent Log", "docs": f'["{own}", "{other}"]'},
			),
			("frappe.desk.doctype.tag.tag.remove_tag", {"tag": "PermTag", "dt": "Agent Log", "dn": other}),
			(
				"frappe.desk.form.document_follow.update_follow",
				{"doctype": "Agent Log", "doc_name": other, "following": 1},
			),
			(
				"frappe.desk.form.document_follow.get_follow_users",
				{"doctype": "Agent Log", "doc_name": other},
			),
			(
				"frappe.desk.form.document_follow.follow_document",
				{"doctype": "Agent Log", "doc_name": own, "user": colleague},
			),
			(
				"frappe.desk.form.utils.add_comment",
				{
					"reference_doctype": "Agent Log",
					"reference_name": own,
					"content": "x",
					"comment_email": colleague,
					"comment_by": "x",
				},
			),
			(
				"frappe.desk.form.assign_to.remove_multiple",
				{
					"doctype": "Callback Check",
					"names": frappe.as_json(
						frappe.get_all("Callback Check", {"agent_log": own}, pluck="name")
					),
					"ignore_permissions": 1,
				},
			),
			(
				"frappe.desk.like.toggle_like",
				{"doctype": "Agent Log Activity", "name": self.b1_log.activities[0].name, "add": "Yes"},
			),
		]
		stored = lambda: (  # noqa: E731
			frappe.db.get_value("Agent Log", other, ["_liked_by", "_user_tags"]),
			frappe.db.get_value("Agent Log", own, "_user_tags"),
			frappe.db.count("Comment", {"reference_name": ["in", [own, other]]}),
			frappe.db.count("Document Follow", {"ref_docname": ["in", [own, other]]}),
			frappe.db.count("ToDo", {"reference_type": "Callback Check", "status": "Open"}),
		)
		before = stored()
		for path, data in refused:
			status, body = rest_post(agent, method + path, data)
			with self.subTest(path=path, doctype=data.get("doctype")):
				self.assertEqual(status, 403, body)
				self.assertRegex(messages(body), CJK)  # in the agent's language
		# by /api/v2 too, with Frappe's own answer to a record the agent reads unchanged
		status, body = rest_post(
			agent,
			"/api/v2/method/frappe.desk.like.toggle_like",
			{"doctype": "Agent Log", "name": other, "add": "Yes"},
		)
		self.assertEqual(status, 403, body)
		self.assertEqual(stored(), before)
		status, body = rest_post(
			agent,
			method + "frappe.desk.like.toggle_like",
			{"doctype": "Agent Log", "name": "AL-NO-SUCH", "add": "Yes"},
		)
		self.assertEqual(status, 404, body)
		# the same actions on a record the user reads are Frappe's as before
		for user, name in ((agent, own), (self.org.users.sup_a, own)):
			status, body = rest_post(
				user,
				method + "frappe.desk.like.toggle_like",
				{"doctype": "Agent Log", "name": name, "add": "Yes"},
			)
			self.assertEqual(status, 200, body)
			self.assertIn(user, frappe.parse_json(frappe.db.get_value("Agent Log", name, "_liked_by")))
			rest_post(
				user,
				method + "frappe.desk.like.toggle_like",
				{"doctype": "Agent Log", "name": name, "add": "No"},
			)
		status, body = rest_post(
			agent,
			method + "frappe.desk.form.utils.add_comment",
			{
				"reference_doctype": "Agent Log",
				"reference_name": own,
				"content": "mine",
				"comment_email": agent,
				"comment_by": "A1",
			},
		)
		self.assertEqual(status, 200, body)
		frappe.delete_doc("Comment", body["message"]["name"], ignore_permissions=True)
		frappe.db.commit()

	def test_every_api_version_reads_a_method_and_a_record_as_frappe_routes_them(self):
		"""Frappe's API map (frappe.api) runs more than one path per method: /api/method/<m>/<anything> runs <m>
		(v1 drops what follows the "/"), /api/v2/method/<DocType>/<function> runs the function of the doctype's
		controller module, a record's method is run by three paths (v1's POST of a record with `run_method`,
		v2's document method and run_doc_method), and /api/v2/doctype/<doctype>/count is reportview's count.
		Each is checked as the method it runs: a like and a tag on a colleague's log are refused and not
		stored, a missing record method, a missing `run_method` and bad count arguments are refused in the
		user's language (they were a 500, an empty 404 and Frappe's English), and a good count is counted
		under the rule."""
		agent = self.org.users.agent_b1
		own, other = self.b1_log.name, self.a1_log.name
		like = {"doctype": "Agent Log", "name": other, "add": "Yes"}
		stored = lambda: (  # noqa: E731
			frappe.db.get_value("Agent Log", other, ["_liked_by", "_user_tags"]),
			frappe.db.count("Tag Link", {"document_name": other}),
		)
		before = stored()
		refused = [
			("post", "/api/method/frappe.desk.like.toggle_like/x", {"json": like}, 403),
			("post", "/api/v1/method/frappe.desk.like.toggle_like/x", {"json": like}, 403),
			(
				"post",
				"/api/v2/method/Tag/add_tag",
				{"json": {"tag": "PermTagV2", "dt": "Agent Log", "dn": other}},
				403,
			),
			("post", f"/api/resource/Agent Log/{own}", {"json": {}}, 404),
			("post", f"/api/v2/document/Agent Log/{own}/method/no_such_action/", {"json": {}}, 404),
			(
				"post",
				"/api/v2/method/run_doc_method",
				{"json": {"method": "no_such_action", "document": {"doctype": "Agent Log", "name": own}}},
				404,
			),
			(
				"post",
				"/api/v2/method/Agent Log/agent_query",
				{"json": {"doctype": "Employee", "txt": 5, "searchfield": "name", "start": 0, "page_len": 1}},
				417,
			),
			("get", "/api/v2/doctype/Agent Log/count", {"query_string": {"filters": "abc"}}, 417),
			("get", "/api/v2/doctype/Agent Log/count", {"query_string": {"fields": '["sleep(1)"]'}}, 417),
		]
		for method, path, request, status in refused:
			answered, body = rest_request(method, agent, path, headers=CHINESE, **request)
			with self.subTest(path=path, request=request):
				self.assertEqual(answered, status, body)
				self.assertRegex(messages(body), CJK)
		self.assertEqual(stored(), before)
		answered, body = rest_request("get", agent, "/api/v2/doctype/Agent Log/count")
		self.assertEqual(answered, 200, body)
		frappe.set_user(agent)
		try:
			self.assertEqual(body["data"], len(frappe.get_list("Agent Log", pluck="name")))
		finally:
			frappe.set_user("Administrator")

	def test_tags_follows_and_attachments_of_a_hidden_record_are_not_listed(self):
		"""Frappe lists Tag Links and Document Follows to every desk user and a private File's name, record and
		size to every system user whose roles read the record's doctype: an agent listed the tags, follows and
		attachments of another office's logs (a fresh user's probe). A row about a record of the app is listed,
		and opened, only by those who read the record; the agent keeps their own log's, an admin every one."""
		agent, colleague = self.org.users.agent_b1, self.org.users.agent_a2
		own, other = self.b1_log.name, self.a1_log.name
		if not frappe.db.exists("Tag", "PointTag"):
			frappe.get_doc({"doctype": "Tag", "name": "PointTag"}).insert(ignore_permissions=True)
		made = {}
		for log in (own, other):
			made[log] = (
				frappe.get_doc(
					{
						"doctype": "Tag Link",
						"document_type": "Agent Log",
						"document_name": log,
						"tag": "PointTag",
					}
				).insert(ignore_permissions=True),
				frappe.get_doc(
					{
						"doctype": "Document Follow",
						"ref_doctype": "Agent Log",
						"ref_docname": log,
						"user": agent if log == own else colleague,
					}
				).insert(ignore_permissions=True),
				frappe.get_doc(
					{
						"doctype": "File",
						"file_name": f"point-{log}.txt",
						"content": f"a visit's notes on {log}",  # one file each: Frappe shares a file by content
						"is_private": 1,
						"attached_to_doctype": "Agent Log",
						"attached_to_name": log,
					}
				).insert(ignore_permissions=True),
			)
		frappe.db.commit()
		lists = (
			("Tag Link", "document_name", {"tag": "PointTag"}),
			("Document Follow", "ref_docname", {"ref_doctype": "Agent Log"}),
			("File", "attached_to_name", {"file_name": ["like", "point-%"]}),
		)

		def listed(user):
			frappe.set_user(user)
			try:
				return {
					doctype: sorted(set(frappe.get_list(doctype, filters, pluck=field)) & {own, other})
					for doctype, field, filters in lists
				}
			finally:
				frappe.set_user("Administrator")

		self.assertEqual(listed(agent), {doctype: [own] for doctype, _, _ in lists})
		self.assertEqual(listed("Administrator"), {doctype: sorted([own, other]) for doctype, _, _ in lists})
		for doctype, field, filters in lists:
			status, body = rest_get(
				agent, f"/api/resource/{doctype}", {"filters": filters, "fields": [field]}
			)
			with self.subTest(doctype=doctype):
				self.assertEqual(status, 200, body)
				self.assertEqual({row[field] for row in body["data"]} & {own, other}, {own})
		for doc in made[other]:
			status, body = rest_get(agent, f"/api/resource/{doc.doctype}/{doc.name}")
			with self.subTest(record=doc.doctype):
				self.assertEqual(status, 403, body)
		for doc in made[own]:
			status, body = rest_get(agent, f"/api/resource/{doc.doctype}/{doc.name}")
			with self.subTest(own=doc.doctype):
				self.assertEqual(status, 200, body)
		status, body = rest_get(
			agent, "/api/method/frappe.desk.doctype.tag.tag.get_documents_for_tag", {"tag": "#PointTag"}
		)
		self.assertEqual({row["name"] for row in body["message"]} & {own, other}, {own})
		# a hidden record's attachment moved onto one's own log (then read there): refused
		hidden_file = made[other][2]
		status, body = rest_request(
			"put", agent, f"/api/resource/File/{hidden_file.name}", json={"attached_to_name": own}
		)
		self.assertEqual(status, 403, body)
		self.assertEqual(frappe.db.get_value("File", hidden_file.name, "attached_to_name"), other)
		for log in (own, other):
			frappe.db.set_value("Agent Log", log, "_user_tags", ",PointTag", update_modified=False)
		frappe.db.commit()
		status, body = rest_get(
			agent,
			"/api/method/frappe.desk.doctype.tag.tag.get_tagged_docs",
			{"doctype": "Agent Log", "tag": "%PointTag%"},
		)
		self.assertEqual(status, 200, body)
		self.assertEqual({row[0] for row in body["message"]}, {own})

	def test_a_private_file_is_not_borrowed_by_its_url(self):
		"""Frappe serves a private file to whoever reads any File row with its URL, and a File's owner reads
		it: an agent who saved a File naming another office's private attachment (REST, upload_file, the
		client's insert and set_value, by v1 and v2; with some content beside the URL, as a folder, by the file's
		name alone, with the site's address in front), set their own User's image to it, or copied its row onto
		their own log or an e-mail, downloaded it (three fresh users' finds). Each way is refused in the user's
		language and nothing is stored; turning public one's own copy of its disk file is refused; an upload
		(its content sent, the same content as the hidden file's included), a file the agent may open (the
		desk's library) and a new label of one's own file are taken as before."""
		agent = self.org.users.agent_b1
		own, other = self.b1_log.name, self.a1_log.name
		hidden = private_attachment(other, "borrowed-notes.txt", f"a customer's health notes on {other}")
		url = hidden.file_url
		upload = "/api/method/upload_file"

		def uploaded(content: bytes, name: str) -> dict:
			status, body = rest_request(
				"post",
				agent,
				upload,
				data={
					"file": (io.BytesIO(content), name),
					"is_private": "1",
					"doctype": "Agent Log",
					"docname": own,
				},
			)
			self.assertEqual(status, 200, body)
			return body["message"]

		mine = uploaded(f"the agent's own notes on {own}".encode(), "own-notes.txt")
		attached = {"attached_to_doctype": "Agent Log", "attached_to_name": own}
		e_mail = {
			"subject": "notes",
			"content": "notes",
			"recipients": agent,
			"attachments": json.dumps([hidden.name]),
			"send_email": 0,
		}
		attempts = {
			"resource": ("post", "/api/resource/File", {"json": {"file_url": url, **attached}}),
			"resource, no record": ("post", "/api/resource/File", {"json": {"file_url": url}}),
			"v2": ("post", "/api/v2/document/File", {"json": {"file_url": url, **attached}}),
			"url quoted": (
				"post",
				"/api/resource/File",
				{"json": {"file_url": url.replace(".txt", "%2Etxt")}},
			),
			"upload_file": (
				"post",
				upload,
				{"data": {"file_url": url, "doctype": "Agent Log", "docname": own}},
			),
			"client.insert": (
				"post",
				"/api/method/frappe.client.insert",
				{"json": {"doc": {"doctype": "File", "file_url": url, **attached}}},
			),
			"own file moved": ("put", f"/api/resource/File/{mine['name']}", {"json": {"file_url": url}}),
			# a fresh user's finds: content sent beside the URL (Frappe never writes it on a change, and keeps
			# the URL of a create whose content equals one of the user's own files), a folder, the file's name
			"own file moved, content sent": (
				"put",
				f"/api/resource/File/{mine['name']}",
				{"json": {"file_url": url, "content": "x"}},
			),
			"resource, own content sent": (
				"post",
				"/api/resource/File",
				{"json": {"file_url": url, "content": f"the agent's own notes on {own}", **attached}},
			),
			"a folder": (
				"post",
				"/api/resource/File",
				{"json": {"file_url": url, "is_folder": 1, "file_name": "borrowed", "folder": "Home"}},
			),
			"by its name": (
				"post",
				"/api/resource/File",
				{"json": {"file_name": url.rsplit("/", 1)[1], "is_private": 1, **attached}},
			),
			"own file labelled with its name": (
				"put",
				f"/api/resource/File/{mine['name']}",
				{"json": {"file_name": url.rsplit("/", 1)[1]}},  # an optimize writes back under the label
			),
			"the site's address in front": (
				"put",
				f"/api/resource/File/{mine['name']}",
				{"json": {"file_url": get_url() + url}},  # Frappe strips it when it reads the disk
			),
			"own User's image": ("put", f"/api/resource/User/{agent}", {"json": {"user_image": url}}),
			"copied onto own log": (
				"post",
				"/api/method/frappe.utils.file_manager.add_attachments",
				{"json": {"doctype": "Agent Log", "name": own, "attachments": json.dumps([hidden.name])}},
			),
			"copied onto an e-mail": (
				"post",
				"/api/method/frappe.core.doctype.communication.email.make",
				{"json": e_mail},
			),
			"copied by another name of email.make": (
				"post",
				"/api/method/frappe.automation.doctype.auto_repeat.auto_repeat.make",
				{"json": e_mail},
			),
			"a web form's image": (
				"post",
				"/api/method/frappe.website.doctype.web_form.web_form.accept",
				{
					"json": {
						"web_form": "edit-profile",
						"data": json.dumps(
							{"doctype": "User", "name": agent, "first_name": "Perm", "user_image": url}
						),
					}
				},
			),
			"own file renamed to it": (
				"put",
				f"/api/resource/File/{mine['name']}",
				{"json": {"file_url": "", "file_name": url.rsplit("/", 1)[1]}},
			),
			"set_value": (
				"post",
				"/api/method/frappe.client.set_value",
				{"json": {"doctype": "File", "name": mine["name"], "fieldname": "file_url", "value": url}},
			),
		}

		def naming_it() -> set:
			return {
				row.name
				for row in frappe.get_all("File", fields=["name", "file_url", "file_name"])
				if "borrowed-notes" in f"{row.file_url} {row.file_name}"
			}

		rows = naming_it()
		for case, (verb, path, request) in attempts.items():
			status, body = rest_request(verb, agent, path, headers=CHINESE, **request)
			with self.subTest(case=case):
				self.assertEqual(status, 403, body)
				self.assertRegex(messages(body), CJK)
		status, body = rest_request(
			"post", agent, "/api/resource/File", headers=CHINESE, json={"file_url": [url], **attached}
		)
		self.assertEqual(status, 417, body)  # Frappe's AttributeError: a 500
		self.assertRegex(messages(body), CJK)
		self.assertEqual(naming_it(), rows)
		self.assertEqual(
			frappe.db.get_value("File", mine["name"], ["file_url", "file_name"]),
			(mine["file_url"], mine["file_name"]),
		)
		with as_user(agent):
			self.assertIsNone(find_file_by_url(url))  # Frappe's own download decision
		self.assertFalse(frappe.db.get_value("User", agent, "user_image"))
		# an upload of the same content is the agent's own file (Frappe shares the disk file by content), but
		# turning it public would move the other office's file and rewrite its row (Frappe moves the disk file)
		same = uploaded(hidden.get_content().encode(), "same-notes.txt")
		self.assertEqual(same["file_url"], url)
		status, body = rest_request(
			"put", agent, f"/api/resource/File/{same['name']}", headers=CHINESE, json={"is_private": 0}
		)
		self.assertEqual(status, 403, body)
		self.assertRegex(messages(body), CJK)
		self.assertEqual(frappe.db.get_value("File", hidden.name, ["file_url", "is_private"]), (url, 1))
		# a name differing in case only: an upload of the agent's own, which does not open the other's file
		kept = private_attachment(other, "casefold-notes.txt", f"a customer's address on {other}").file_url
		upper = uploaded(b"the agent's own text", kept.rsplit("/", 1)[1].upper())
		self.assertNotEqual(upper["file_url"], kept)
		self.assertEqual(upper["file_url"].lower(), kept.lower())
		self.assertEqual(rest_download(agent, kept)[0], 403)
		self.assertEqual(rest_download(agent, upper["file_url"]), (200, b"the agent's own text"))
		# a private file the agent may open, attached again from the desk's library; their own file's label
		status, body = rest_request(
			"post", agent, upload, data={"file_url": mine["file_url"], "doctype": "Agent Log", "docname": own}
		)
		self.assertEqual(status, 200, body)
		status, body = rest_request(
			"put", agent, f"/api/resource/File/{mine['name']}", json={"file_name": "notes-renamed.txt"}
		)
		self.assertEqual(status, 200, body)

	def test_an_attachment_of_a_record_under_the_rule_is_private(self):
		"""Frappe lists every public File, with the record it is attached to, to every system user (its condition
		begins `is_private = 0 OR`, which the rule joined to it cannot narrow): an agent listed the public
		attachments of another office's logs (a fresh user's find). Attaching a public file or a link to a
		record under the rule, moving a public file onto one, making an attachment public or setting a record's
		Attach field to a public file is refused in the user's language, nothing stored; a private upload is
		taken, and a public file of no record stays the uploader's own business."""
		agent, other_office = self.org.users.agent_b1, self.org.users.agent_a1
		own = self.b1_log.name
		upload = "/api/method/upload_file"
		name = f"public-notes-{own}.txt"
		content = f"a visit's notes on {own}, public".encode()

		def sent(data: dict, verb="post", path=upload, **request):
			return rest_request(verb, agent, path, headers=CHINESE, data=data, **request)

		def listed(user) -> list:
			with as_user(user):
				return frappe.get_list("File", {"attached_to_name": own}, pluck="file_url")

		def public() -> dict:
			return {"file": (io.BytesIO(content), name), "doctype": "Agent Log", "docname": own}

		for case, data in {
			"public upload": lambda: {**public(), "is_private": "0"},
			"no is_private (Frappe's default: public)": public,
			"a link": lambda: {
				"file_url": "https://example.com/leaflet.pdf",
				"doctype": "Agent Log",
				"docname": own,
			},
		}.items():
			status, body = sent(data())
			with self.subTest(case=case):
				self.assertEqual(status, 417, body)
				self.assertIn("私有文件", messages(body))
		self.assertEqual(listed(other_office), [])
		self.assertFalse(frappe.db.exists("File", {"file_name": name}))
		self.assertFalse(os.path.exists(frappe.get_site_path("public", "files", name)))
		# a private upload is taken; made public afterwards, it is refused and stays private
		status, body = sent({**public(), "is_private": "1"})
		self.assertEqual(status, 200, body)
		self.assertEqual(
			messages(body), "", body
		)  # nothing besides (helper-63 F5: "App upload_file is not installed")
		mine = body["message"]
		status, body = rest_request(
			"put", agent, f"/api/resource/File/{mine['name']}", headers=CHINESE, json={"is_private": 0}
		)
		self.assertEqual((status, frappe.db.get_value("File", mine["name"], "is_private")), (417, 1), body)
		self.assertRegex(messages(body), CJK)
		# a public file of no record is taken, and cannot be moved onto the log
		status, body = sent({"file": (io.BytesIO(b"a public leaflet"), "leaflet.txt"), "is_private": "0"})
		self.assertEqual(status, 200, body)
		leaflet = body["message"]
		status, body = rest_request(
			"put",
			agent,
			f"/api/resource/File/{leaflet['name']}",
			headers=CHINESE,
			json={"attached_to_doctype": "Agent Log", "attached_to_name": own},
		)
		self.assertEqual(status, 417, body)
		self.assertIsNone(frappe.db.get_value("File", leaflet["name"], "attached_to_name"))
		self.assertEqual(listed(other_office), [])
		# a record's Attach field set to a public file (Frappe would move the file onto the record)
		manager = self.org.users.manager_a
		meeting = frappe.get_all("Meeting Session", {"office": self.org.office_a}, pluck="name", limit=1)[0]
		status, body = rest_request(
			"put",
			manager,
			f"/api/resource/Meeting Session/{meeting}",
			headers=CHINESE,
			json={"minutes_file": leaflet["file_url"]},
		)
		self.assertEqual(status, 417, body)
		self.assertIn("私有文件", messages(body))
		self.assertFalse(frappe.db.get_value("Meeting Session", meeting, "minutes_file"))

	def test_the_public_attachments_stored_before_are_made_private(self):
		"""The patch of a site that has public attachments on records under the rule (stored before they were
		refused): each is made private, its disk file moved; a link is left as it is."""
		from insurance_activity.patches.v1 import private_attachments

		other = self.a1_log.name
		name = f"stored-public-{frappe.generate_hash(length=8)}.txt"  # the site's files outlive its database
		stored = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": name,
				"content": f"an old public attachment of {other}",
				"is_private": 0,
				"attached_to_doctype": "Agent Log",
				"attached_to_name": other,
			}
		).insert()
		link = frappe.get_doc(
			{
				"doctype": "File",
				"file_url": "https://example.com/stored-leaflet.pdf",
				"attached_to_doctype": "Agent Log",
				"attached_to_name": other,
			}
		).insert()
		private_attachments.execute()
		self.assertEqual(
			frappe.db.get_value("File", stored.name, ["is_private", "file_url"]),
			(1, f"/private/files/{name}"),
		)
		self.assertTrue(os.path.exists(frappe.get_site_path("private", "files", name)))
		self.assertEqual(frappe.db.get_value("File", link.name, "is_private"), 0)
		with as_user(self.org.users.agent_b1):
			self.assertEqual(frappe.get_list("File", {"attached_to_name": other}, pluck="name"), [link.name])
		# a log carrying such a link is amended by its agent: Frappe copies the link onto the amendment, shown
		# to no one new (helper-63, F4: every amendment of it was refused)
		log = make_log(
			self.org.agent_a2,
			self.day,
			[("Sales Interview", 1, None, None, "13912340077", "Perm Amended")],
			submit=True,
			ignore_edit_window=True,
		)
		frappe.get_doc(
			{"doctype": "File", "file_url": "https://example.com/amended-leaflet.pdf",
				"attached_to_doctype": "Agent Log", "attached_to_name": log.name}
		).insert()  # fmt: skip
		log.flags.ignore_edit_window = True
		log.cancel()
		with as_user(self.org.users.agent_a2):
			amended = frappe.copy_doc(frappe.get_doc("Agent Log", log.name))
			amended.amended_from, amended.docstatus = log.name, 0
			amended.flags.ignore_edit_window = True
			amended.insert()
		self.assertEqual(
			frappe.get_all("File", {"attached_to_name": amended.name}, pluck="file_url"),
			["https://example.com/amended-leaflet.pdf"],
		)

	def test_a_file_is_attached_to_a_form_not_yet_saved_by_those_who_may_write_its_doctype(self):
		"""The desk uploads a file attached to a form not yet saved under the form's temporary name, and Frappe
		asks write of a blank new record, which the rule cannot place (no office): an office manager was refused
		an attachment on a new Meeting Session (a fresh user's find). Asked of the roles: the manager attaches, an
		agent (who reads meetings, never writes them) is refused, in the rule's sentence."""
		path = "/api/method/upload_file"
		for user, expected in ((self.org.users.manager_a, 200), (self.org.users.agent_b1, 403)):
			status, body = rest_request(
				"post",
				user,
				path,
				headers=CHINESE,
				data={
					"file": (io.BytesIO(f"minutes drafted by {user}".encode()), "minutes.txt"),
					"is_private": "1",
					"doctype": "Meeting Session",
					"docname": "new-meeting-session-perm1",
					"fieldname": "minutes_file",
				},
			)
			with self.subTest(user=user):
				self.assertEqual(status, expected, body)
				if expected == 403:
					self.assertRegex(messages(body), CJK)

	def test_a_hidden_records_form_details_are_refused_in_the_rules_sentence(self):
		"""A form's details asked on their own (get_docinfo: comments, attachments, versions) of a log the user
		does not read were refused with no message at all, with a `doc` sent a 500, and the form of a hidden
		log's attachment (getdoc of its File) in Frappe's HTML. Each is now one sentence in the user's
		language; the user's own log's details answer as before."""
		agent = self.org.users.agent_b1
		own, other = self.b1_log.name, self.a1_log.name
		hidden_file = private_attachment(other, "details-notes.txt", f"notes kept on {other}")
		details = "/api/method/frappe.desk.form.load.get_docinfo"
		form = "/api/method/frappe.desk.form.load.getdoc"
		for what, path, query in (
			("details of a hidden log", details, {"doctype": "Agent Log", "name": other}),
			("form of its attachment", form, {"doctype": "File", "name": hidden_file.name}),
		):
			status, body = rest_request("get", agent, path, headers=CHINESE, query_string=query)
			with self.subTest(what):
				self.assertEqual(status, 403, body)
				self.assertRegex(messages(body), CJK)
				self.assertNotIn("<", messages(body))
		for what, path, query in (
			("a doc sent", details, {"doc": "abc"}),
			("no name", details, {"doctype": "Agent Log"}),
			("a doctype misspelt", form, {"doctype": "agent log", "name": own}),  # Frappe's ImportError
			("no doctype", form, {"doctype": "'_or_1=1 <b>", "name": own}),
		):
			status, body = rest_request("get", agent, path, headers=CHINESE, query_string=query)
			with self.subTest(what):
				self.assertEqual(status, 417, body)
				self.assertRegex(messages(body), CJK)
		status, body = rest_get(agent, details, {"doctype": "Agent Log", "name": own})
		self.assertEqual(status, 200, body)
		self.assertIn("comments", body["docinfo"])

	def test_a_link_title_of_a_hidden_record_is_its_name(self):
		"""Frappe's get_link_title (the desk asks it for every Link field of a doctype showing titles) read the
		title of any record: an agent read the agent's name of another office's log (an invitee's would be the
		customer's name). A record the user does not read shows its name, with no error; one they read, its
		title; a missing one, nothing, as Frappe."""
		agent = self.org.users.agent_b1
		own, other = self.b1_log.name, self.a1_log.name
		path = "/api/method/frappe.desk.search.get_link_title"
		answers = {
			name: rest_get(agent, path, {"doctype": "Agent Log", "docname": name})
			for name in (own, other, "AL-1900-00001")
		}
		self.assertEqual(answers[own], (200, {"message": self.b1_log.agent_name}))
		self.assertEqual(answers[other], (200, {"message": other}))
		self.assertEqual(answers["AL-1900-00001"][0], 200)
		self.assertIsNone(answers["AL-1900-00001"][1].get("message"))
		self.assertEqual(
			rest_get("Administrator", path, {"doctype": "Agent Log", "docname": other}),
			(200, {"message": self.a1_log.agent_name}),
		)
		# a form's titles of the records it links to: a callback officer's check names a log they do not read
		officer = self.org.users.officer
		self.assertFalse(frappe.has_permission("Agent Log", "read", other, user=officer))
		check = frappe.get_all("Callback Check", filters={"agent_log": other}, pluck="name")[0]
		form = "/api/method/frappe.desk.form.load.getdoc"
		status, body = rest_get(officer, form, {"doctype": "Callback Check", "name": check})
		self.assertEqual(status, 200, body)
		self.assertEqual(body["_link_titles"].get(f"Agent Log::{other}"), other)
		status, body = rest_get("Administrator", form, {"doctype": "Callback Check", "name": check})
		self.assertEqual(body["_link_titles"].get(f"Agent Log::{other}"), self.a1_log.agent_name)
		# its printout (Frappe's printview gives the print the same titles): the log's name, not its title
		printed = {}
		for user in (officer, "Administrator"):
			status, body = rest_get(
				user, PRINT_PREVIEW, {"doc": "Callback Check", "name": check, "no_letterhead": 1}
			)
			self.assertEqual(status, 200, body)
			printed[user] = body["message"]["html"]
		self.assertEqual(printed[officer].count(other), printed["Administrator"].count(other) + 1)
		# the hidden record's form itself: refused in the rule's sentence, in the user's language, no markup
		status, body = rest_request(
			"get", agent, form, headers=CHINESE, query_string={"doctype": "Agent Log", "name": other}
		)
		self.assertEqual(status, 403, body)
		self.assertRegex(messages(body), CJK)
		self.assertNotIn("<", messages(body))
		# a form's next record is found from a column of `value`: a hidden record's was an oracle on any column
		next_path = "/api/method/frappe.desk.form.utils.get_next"
		asked = {"doctype": "Agent Log", "prev": 0, "sort_order": "asc", "sort_field": "creation"}
		status, body = rest_request("post", agent, next_path, headers=CHINESE, json={**asked, "value": other})
		self.assertEqual(status, 403, body)
		self.assertRegex(messages(body), CJK)
		status, body = rest_request("post", agent, next_path, json={**asked, "value": own})
		self.assertEqual(status, 200, body)

	def test_a_cmd_a_todo_a_follow_a_sidebar_count_and_a_heatmap_follow_the_rule(self):
		"""A fresh user's probe: a `cmd` sent to any path is the method Frappe runs (it went round every check
		keyed on the path: a like on a hidden log, a spot check marked Confirmed); a ToDo or a Document Follow
		posted by REST about a colleague's log (its `_assign`, a follow digest of its changes); the list
		sidebar's "Assigned To" counts and a chart's heatmap, which Frappe counts over every record. Each is
		refused or counted under the rule; nothing stored."""
		agent, colleague, officer = self.org.users.agent_b1, self.org.users.agent_a2, self.org.users.officer
		own, other = self.b1_log.name, self.a1_log.name

		def post(user, path, data):
			return rest_request("post", user, path, headers=CHINESE, json=data)

		stored = lambda: (  # noqa: E731
			frappe.db.get_value("Agent Log", other, ["_liked_by", "_assign"]),
			frappe.db.get_value("Agent Log", own, "spot_check_result"),
			frappe.db.count("ToDo", {"reference_name": ["in", [own, other]]}),
			frappe.db.count("Document Follow", {"ref_docname": ["in", [own, other]]}),
			frappe.db.count("Tag Link", {"document_name": ["in", [own, other]]}),
		)
		before = stored()
		refused = [
			(
				"/api/method/ping",
				{"cmd": "frappe.desk.like.toggle_like", "doctype": "Agent Log", "name": other, "add": "Yes"},
			),
			(
				"/api/method/ping",
				{
					"cmd": "frappe.client.set_value",
					"doctype": "Agent Log",
					"name": own,
					"fieldname": "spot_check_result",
					"value": "Confirmed",
				},
			),
			(
				"/api/resource/ToDo",
				{
					"description": "x",
					"reference_type": "Agent Log",
					"reference_name": other,
					"allocated_to": agent,
				},
			),
			(
				"/api/resource/Document Follow",
				{"ref_doctype": "Agent Log", "ref_docname": other, "user": agent},
			),
			(
				"/api/resource/Document Follow",
				{"ref_doctype": "Agent Log", "ref_docname": own, "user": colleague},
			),
			(
				"/api/method/frappe.desk.like.toggle_like",
				{"doctype": "Agent Log ", "name": other, "add": "Yes"},
			),
			(
				"/api/resource/Tag Link",
				{"document_type": "Agent Log", "document_name": other, "tag": "PermTag2"},
			),
		]
		if not frappe.db.exists("Tag", "PermTag2"):
			frappe.get_doc({"doctype": "Tag", "name": "PermTag2"}).insert(ignore_permissions=True)
			frappe.db.commit()
		for path, data in refused:
			status, body = post(agent, path, data)
			with self.subTest(path=path, data=data):
				self.assertIn(status, (403, 417), body)
				self.assertRegex(messages(body), CJK)
		self.assertEqual(stored(), before)
		# a ToDo about one's own log is Frappe's as before
		status, body = post(
			agent,
			"/api/resource/ToDo",
			{
				"description": "mine",
				"reference_type": "Agent Log",
				"reference_name": own,
				"allocated_to": agent,
			},
		)
		self.assertEqual(status, 200, body)
		frappe.delete_doc("ToDo", body["data"]["name"], ignore_permissions=True)
		frappe.db.set_value("Agent Log", own, "_assign", None, update_modified=False)
		frappe.db.commit()
		# the sidebar's "Assigned To": the pending check of A1's visit is assigned to the officer; agent B1
		# reads no such check, the officer reads it
		path = "/api/method/frappe.desk.listview.get_group_by_count"
		counted = {}
		for user in (agent, officer):
			status, body = rest_get(
				user, path, {"doctype": "Callback Check", "current_filters": "{}", "field": "assigned_to"}
			)
			self.assertEqual(status, 200, body)
			counted[user] = {row["name"]: row["count"] for row in body["message"]}
		self.assertEqual(counted[agent], {})
		self.assertEqual(counted[officer].get(officer), 1)
		# a heatmap of the logs: Frappe adds up every office's; refused but to those who read them all
		chart = {
			"chart_type": "Sum",
			"type": "Heatmap",
			"document_type": "Agent Log",
			"based_on": "log_date",
			"value_based_on": "sales_interviews",
			"timeseries": 1,
		}
		path = "/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
		status, body = post(
			agent, path, {"chart": frappe.as_json(chart), "heatmap_year": 2026, "no_cache": 1}
		)
		self.assertEqual(status, 403, body)
		status, body = post(
			self.org.users.admin, path, {"chart": frappe.as_json(chart), "heatmap_year": 2026, "no_cache": 1}
		)
		self.assertEqual(status, 200, body)

	def test_the_officers_clause_is_asked_only_for_a_user_named_on_a_check(self):
		"""The rule's clause for the assigned officer (assigned_officer = user), OR-ed with the hierarchy's
		sub-query, kept MariaDB from the agent's index: a supervisor's year of checks read all of them. A user
		named on no check is asked without it (the same rows); once a check names them (a supervisor's
		spot-check names the supervisor) they see it at once, through the list and the document."""
		sup_b, officer = self.org.users.sup_b, self.org.users.officer
		self.assertNotIn("assigned_officer", query_conditions(sup_b, "Callback Check"))
		self.assertIn("assigned_officer", query_conditions(officer, "Callback Check"))
		name = frappe.get_all("Callback Check", {"agent_log": self.a1_log.name}, pluck="name")[0]
		with as_user(sup_b):
			self.assertNotIn(name, frappe.get_list("Callback Check", pluck="name", limit_page_length=0))
		frappe.db.set_value("Callback Check", name, "assigned_officer", sup_b)
		try:
			self.assertIn("assigned_officer", query_conditions(sup_b, "Callback Check"))
			with as_user(sup_b):
				self.assertIn(name, frappe.get_list("Callback Check", pluck="name", limit_page_length=0))
				self.assertTrue(frappe.has_permission("Callback Check", "read", name))
		finally:
			frappe.db.set_value("Callback Check", name, "assigned_officer", officer)

	def test_every_child_table_shows_only_rows_of_parents_the_user_sees(self):
		children = [c for c in app_doctypes(1) if parents_of(c)]
		self.assertIn("Agent Log Activity", children)
		checked = 0
		for child in children:
			for parent in parents_of(child):
				for user in self.users():
					with self.subTest(child=child, parent=parent, user=user), as_user(user):
						parents = visible_or_none(parent, pluck="name")
						rows = visible_or_none(child, parent_doctype=parent, fields=["name", "parent"])
						if rows is None:
							continue
						self.assertIsNotNone(parents, f"{user} lists {child} rows without reading {parent}")
						leaked = {row.parent for row in rows} - set(parents)
						self.assertEqual(
							leaked, set(), f"{user} sees {child} rows of {parent} they cannot read"
						)
						checked += len(rows)
		self.assertGreater(checked, 0)

	def test_an_agent_does_not_list_a_colleagues_customers_and_phones(self):
		fields = ["parent", "party_name", "phone"]
		with as_user(self.org.users.agent_b1):
			rows = frappe.get_list("Agent Log Activity", parent_doctype="Agent Log", fields=fields, limit=0)
		self.assertEqual({r.parent for r in rows}, {self.b1_log.name})
		with as_user(self.org.users.agent_a1):
			rows = frappe.get_list("Agent Log Activity", parent_doctype="Agent Log", fields=fields, limit=0)
		self.assertIn(self.a1_log.name, {r.parent for r in rows})
		self.assertNotIn(self.b1_log.name, {r.parent for r in rows})

	def test_an_agent_does_not_list_others_callback_attempts_tracking_notes_or_attendance(self):
		for child, parent in (
			("Callback Attempt", "Callback Check"),
			("Agent Log Tracking Call", "Agent Log"),
			("Meeting Attendee", "Meeting Session"),
		):
			with as_user(self.org.users.agent_b1):
				rows = visible_or_none(child, parent_doctype=parent, fields=["name"])
			self.assertFalse(rows, f"agent B1 lists {child} rows of others")
		with as_user(self.org.users.sup_a):
			notes = frappe.get_list(
				"Agent Log Tracking Call", parent_doctype="Agent Log", fields=["notes"], limit=0
			)
		self.assertIn("Perm tracking note", {n.notes for n in notes})

	def test_rest_child_rows_follow_the_parent(self):
		status, body = rest_get(
			self.org.users.agent_b1,
			"/api/method/frappe.client.get_list",
			{
				"doctype": "Agent Log Activity",
				"parent": "Agent Log",
				"fields": ["parent", "party_name", "phone"],
				"limit_page_length": 0,
			},
		)
		self.assertEqual(status, 200)
		self.assertEqual({r["parent"] for r in body["message"]}, {self.b1_log.name})

	def test_report_view_with_child_columns_follows_the_parent(self):
		from frappe.desk.reportview import get

		with as_user(self.org.users.agent_b1):
			frappe.local.form_dict = frappe._dict(
				doctype="Agent Log",
				fields=["`tabAgent Log`.`name`", "`tabAgent Log Activity`.`phone`"],
				filters=[],
			)
			result = get()
		names = {row[0] for row in result["values"]}
		self.assertEqual(names, {self.b1_log.name})

	def test_every_parent_with_a_child_table_of_agents_data_has_a_rule(self):
		"""A doctype whose children carry an agent's customers, calls or attendance is in the rule."""
		for parent in ("Agent Log", "Callback Check", "Meeting Session"):
			self.assertIn(parent, RULES)


class TestReportingTreeInStep(FrappeTestCase):
	"""A reports_to written without the ORM (an HR sync, a patch) is found and the tree rebuilt, so the
	rule follows the new supervisor as the team board already does."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("Tree")

	def setUp(self):
		self.log = make_log(
			self.org.agent_a1, last_working_day(), [("Phone Appointment", 1)], ignore_edit_window=True
		)

	def put_back(self):
		frappe.db.rollback()  # the test's log and changes go; what the repair committed is put back below
		for employee, boss in ((self.org.agent_a1, self.org.sup_a), (self.org.sup_b, None)):
			frappe.db.sql("update `tabEmployee` set reports_to = %s where name = %s", (boss, employee))
		rebuild_tree("Employee")
		frappe.db.commit()

	def logs_seen_by(self, user: str) -> list[str]:
		with as_user(user):
			return frappe.get_list("Agent Log", pluck="name", limit=0)

	def test_a_supervisor_change_written_by_sql_is_repaired_daily(self):
		self.addCleanup(self.put_back)
		frappe.db.sql(
			"update `tabEmployee` set reports_to = %s where name = %s", (self.org.sup_b, self.org.agent_a1)
		)
		self.assertNotIn(self.log.name, self.logs_seen_by(self.org.users.sup_b), "the tree is behind")
		self.assertIn(self.org.agent_a1, employees_out_of_step())
		result = check_reporting_tree(day=today())
		self.assertEqual((result["out_of_step"] >= 1, result["repaired"]), (True, True))
		self.assertEqual(employees_out_of_step(), [])
		self.assertIn(self.log.name, self.logs_seen_by(self.org.users.sup_b))
		self.assertNotIn(self.log.name, self.logs_seen_by(self.org.users.sup_a))
		told = frappe.get_all(
			"Notification Log",
			filters={
				"for_user": "Administrator",
				"document_type": "Employee",
				"subject": ("like", "%rebuilt%"),
			},
		)
		self.assertTrue(told)

	def test_a_reporting_loop_is_reported_not_rebuilt(self):
		self.addCleanup(self.put_back)
		frappe.db.sql(
			"update `tabEmployee` set reports_to = %s where name = %s", (self.org.agent_b1, self.org.sup_b)
		)
		result = check_reporting_tree(day=today())
		self.assertEqual(result["loops"], 2)
		self.assertFalse(result["repaired"])


class TestUnitManagersListsAgreeWithTheRule(FrappeTestCase):
	"""An office employee whose reports_to is outside the office (or empty) is in the office manager's
	lists and Employee picker, as the rule says, not only those of the manager's reporting line."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("Unit")
		user = make_user("unit.loner@example.com", "Unit Loner", [INSURANCE_AGENT])
		cls.loner = make_employee("Unit Loner", org.office_a, None, user)
		cls.log = make_log(cls.loner, last_working_day(), [("Phone Appointment", 1)], ignore_edit_window=True)

	def seen_by_manager(self) -> tuple[list[str], list[str]]:
		from frappe.desk.search import search_link

		with as_user(self.org.users.manager_a):
			logs = frappe.get_list("Agent Log", pluck="name", limit=0)
			found = search_link("Employee", "Unit Loner")
		return logs, [row["value"] for row in found]

	def setUp(self):
		frappe.db.set_value("Employee", self.loner, "department", self.org.office_a)
		frappe.db.delete("User Permission", {"ia_synced": 1})
		frappe.cache.delete_value("user_permissions")

	def test_the_office_manager_lists_and_picks_an_office_employee_outside_their_line(self):
		logs, picked = self.seen_by_manager()
		self.assertIn(self.log.name, logs, "the app's own lists follow the rule")
		self.assertNotIn(self.loner, picked, "before the daily check: ERPNext's user permission hides them")
		result = check_reporting_tree(day=today())
		self.assertGreaterEqual(result["user_permissions"]["added"], 1)
		logs, picked = self.seen_by_manager()
		self.assertIn(self.log.name, logs)
		self.assertIn(self.loner, picked)
		# and nobody else gains anything: the other office's supervisor still does not see them
		with as_user(self.org.users.sup_b):
			self.assertNotIn(self.log.name, frappe.get_list("Agent Log", pluck="name", limit=0))

	def test_a_permission_no_longer_due_is_removed(self):
		check_reporting_tree(day=today())
		frappe.db.set_value("Employee", self.loner, "department", self.org.office_b)
		result = check_reporting_tree(day=today())
		self.assertGreaterEqual(result["user_permissions"]["removed"], 1)
		_logs, picked = self.seen_by_manager()
		self.assertNotIn(self.loner, picked)


class TestCustomersAreTheServingAgents(FrappeTestCase):
	"""A visit counts for the agent who serves the customer: an agent reaches their own Leads, Customers,
	Contacts (a supervisor their team's too) from the log and the pickers, and only those."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("Cust")
		cls.day = last_working_day()
		frappe.db.set_single_value("Insurance Activity Settings", "log_lock_days", 60)
		cls.lead_a1 = make_lead("Cust Lead of A1", "13955550001", org.users.agent_a1)
		cls.lead_a2 = make_lead("Cust Lead of A2", "13955550002", org.users.agent_a2)
		policy = make_policy("CUST-P-1", org.agent_b1, cls.day, customer_name="Cust Customer of B1")
		cls.customer_b1 = policy.customer
		cls.contact_a2 = (
			frappe.get_doc(
				{
					"doctype": "Contact",
					"first_name": "Cust Contact of A2",
					"links": [{"link_doctype": "Lead", "link_name": cls.lead_a2}],
				}
			)
			.insert(ignore_permissions=True)
			.name
		)

	def visit(self, party_type: str, party: str):
		return [("Sales Interview", 1, party_type, party, "13955559999", "visit")]

	def assert_refused(self, pattern: str, agent: str, rows: list, day=None):
		before = frappe.db.count("Agent Log", {"agent": agent})
		self.assertRaisesRegex(frappe.ValidationError, pattern, make_log, agent, day or self.day, rows)
		self.assertEqual(frappe.db.count("Agent Log", {"agent": agent}), before, "nothing is stored")

	def test_a_visit_to_a_colleagues_lead_is_refused(self):
		self.assert_refused("not one of your customers", self.org.agent_a1, self.visit("Lead", self.lead_a2))

	def test_a_visit_to_another_offices_customer_is_refused(self):
		self.assert_refused(
			"not one of your customers", self.org.agent_a1, self.visit("Customer", self.customer_b1)
		)

	def test_own_customers_count_and_a_supervisor_logs_the_teams(self):
		make_log(self.org.agent_a1, add_days(self.day, -1), self.visit("Lead", self.lead_a1))
		make_log(self.org.agent_b1, add_days(self.day, -1), self.visit("Customer", self.customer_b1))
		make_log(self.org.sup_a, add_days(self.day, -1), self.visit("Lead", self.lead_a2))

	def test_a_new_prospect_with_a_colleagues_phone_is_refused_without_linking_it(self):
		leads = frappe.db.count("Lead")
		self.assert_refused(
			"belongs to a customer another agent serves",
			self.org.agent_a1,
			[("New Prospect", 1, None, None, "139-5555-0002", "Somebody")],
			day=add_days(self.day, -2),
		)
		self.assertEqual(frappe.db.count("Lead"), leads)

	def test_a_lead_nobody_serves_found_by_phone_is_claimed(self):
		unowned = make_lead("Cust Web Lead", "13955550003", None)
		log = make_log(
			self.org.agent_a2, add_days(self.day, -3), [("New Prospect", 1, None, None, "13955550003", "Web")]
		)
		self.assertEqual(log.activities[0].party, unowned)
		self.assertEqual(frappe.db.get_value("Lead", unowned, "lead_owner"), self.org.users.agent_a2)

	def test_agents_list_and_pick_only_the_customers_they_serve(self):
		from frappe.desk.search import search_link

		with as_user(self.org.users.agent_a1):
			leads = frappe.get_list("Lead", pluck="name", limit=0)
			picked = [r["value"] for r in search_link("Lead", "Cust Lead")]
			customers = frappe.get_list("Customer", pluck="name", limit=0)
			contacts = frappe.get_list("Contact", pluck="name", limit=0)
		self.assertIn(self.lead_a1, leads)
		self.assertNotIn(self.lead_a2, leads)
		self.assertEqual(picked, [self.lead_a1])
		self.assertNotIn(self.customer_b1, customers)
		self.assertNotIn(self.contact_a2, contacts)
		with as_user(self.org.users.sup_a):
			self.assertTrue(
				{self.lead_a1, self.lead_a2} <= set(frappe.get_list("Lead", pluck="name", limit=0))
			)
		with as_user(self.org.users.agent_b1):
			self.assertIn(self.customer_b1, frappe.get_list("Customer", pluck="name", limit=0))
		with as_user(self.org.users.agent_a2):
			self.assertIn(self.contact_a2, frappe.get_list("Contact", pluck="name", limit=0))

	def test_rest_form_of_a_colleagues_lead_is_forbidden(self):
		frappe.db.commit()
		status, _body = rest_get(self.org.users.agent_a1, f"/api/resource/Lead/{self.lead_a2}")
		self.assertEqual(status, 403)
		status, _body = rest_get(self.org.users.agent_a1, f"/api/resource/Lead/{self.lead_a1}")
		self.assertEqual(status, 200)


def make_lead(name: str, mobile: str, owner: str | None) -> str:
	return (
		frappe.get_doc({"doctype": "Lead", "first_name": name, "mobile_no": mobile, "lead_owner": owner})
		.insert(ignore_permissions=True)
		.name
	)


class TestAnActivityAdminRunsTheUnitReports(FrappeTestCase):
	"""Frappe's report runner refuses a report whose link column names a doctype the user may not select:
	an Activity Admin (企划), with no Employee record and so no user permissions, got "No permission to read
	Department" from Meeting Compliance. The app's roles may select the organisation the reports name."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_org("RPA")
		cls.admin = make_user("rpa.planner@example.com", "RPA Planner", [ACTIVITY_ADMIN])

	def run_as_admin(self, report: str, filters: dict) -> list:
		frappe.set_user(self.admin)
		try:
			return run(report, filters=filters)["result"]
		finally:
			frappe.set_user("Administrator")

	def test_meeting_compliance_lists_every_office_for_an_activity_admin(self):
		day = getdate(today())
		rows = self.run_as_admin("Meeting Compliance", {"month": day.month, "year": day.year})
		offices = {row.get("office") for row in rows if isinstance(row, dict)}
		self.assertTrue({self.org.office_a, self.org.office_b} <= offices, offices)

	def test_daily_activity_by_agent_and_by_office_for_an_activity_admin(self):
		day = last_working_day()
		make_log(self.org.agent_a1, day, [("Phone Appointment", 2)])
		for group_by in ("Agent", "Office"):
			rows = self.run_as_admin(
				"Daily Activity", {"from_date": day, "to_date": day, "group_by": group_by}
			)
			self.assertTrue(rows, group_by)


class TestQueriesTheAppBuildsFollowTheRule(FrappeTestCase):
	"""A report that aggregates with frappe.qb gets no permission_query_conditions from Frappe: it narrows
	its query with permissions.where_allowed, the doctype's one rule. The rows it keeps are the rows
	frappe.get_list gives the same user, and "the Employees whose logs a user reads" (the reports' roster,
	the log form's agent picker) are exactly those for whom a log passes the single-document check."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("QBR")
		day = last_working_day()
		cls.agents = [org.agent_a1, org.agent_a2, org.agent_b1, org.sup_a, org.sup_b, org.manager_a]
		for agent in cls.agents:
			make_log(agent, day, [("Phone Appointment", 1)], ignore_edit_window=True)
		cls.nobody = make_user("qbr.nobody@example.com", "QBR Nobody", [INSURANCE_AGENT])
		users = org.users
		cls.people = [users.agent_a1, users.sup_a, users.manager_a, users.sup_b, users.admin, cls.nobody]

	def test_a_query_narrowed_by_the_rule_keeps_what_get_list_lists(self):
		log = frappe.qb.DocType("Agent Log").as_("qbr_log")
		sizes = {}
		for user in self.people:
			with as_user(user):
				listed = set(frappe.get_list("Agent Log", {"agent": ("in", self.agents)}, pluck="name"))
				query = frappe.qb.from_(log).select(log.name).where(log.agent.isin(self.agents))
				query = where_allowed(query, "Agent Log", table=log)
				built = set(query.run(pluck=True)) if query is not None else set()
			self.assertEqual(built, listed, user)
			sizes[user] = len(built)
		users = self.org.users
		self.assertEqual(
			[sizes[u] for u in self.people],
			[1, 3, 4, 2, 6, 0],
			"agent: own; supervisor A: A1, A2 and own; manager A: office A; supervisor B: B; admin: all; "
			"a user with no Employee: none",
		)
		self.assertIsNone(where_allowed(frappe.qb.from_(log).select(log.name), "Agent Log", self.nobody))
		self.assertEqual(condition_for("Agent Log", users.admin), True)

	def test_the_employees_whose_logs_a_user_reads_are_those_a_log_of_passes_for(self):
		people = frappe.qb.DocType("Employee").as_("qbr_people")
		for user in self.people:
			query = frappe.qb.from_(people).select(people.name).where(people.name.isin(self.agents))
			query = where_allowed(query, "Agent Log", user, table=people, columns={"agent": people.name})
			roster = set(query.run(pluck=True)) if query is not None else set()
			one_by_one = {
				agent
				for agent in self.agents
				if permission_of(frappe.get_doc({"doctype": "Agent Log", "agent": agent}), "read", user)
			}
			self.assertEqual(roster, one_by_one, user)

	def test_the_reports_roster_is_the_rules(self):
		"""Daily Activity by agent, as each person: the agents listed are the Employees whose logs they read."""
		day = last_working_day()
		for user in self.people:
			with as_user(user):
				listed = {
					l.agent for l in frappe.get_list("Agent Log", {"agent": ("in", self.agents)}, ["agent"])
				}
				rows = run(
					"Daily Activity",
					filters={
						"from_date": day,
						"to_date": day,
						"group_by": "Agent",
						"office": self.org.branch,
					},
				)["result"]
			shown = {row.get("unit") for row in rows if isinstance(row, dict)} & set(self.agents)
			self.assertEqual(shown, listed, user)


class TestARecordIsJudgedAsStored(FrappeTestCase):
	"""Found at stop 38: Frappe judges a save by the values it carries, so an agent who PUT another office's log
	naming themselves as its agent (or another agent's Lead naming themselves its owner), or sent it so through
	frappe.client.save, took it. A save of a stored record needs the rule to allow it on the record as stored
	too (permissions.check_stored_record, AppDocument.stored_record_permits); a document method sent with a
	record the user may not read is refused the same way."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		org = cls.org = make_org("Stored")
		cls.agent = org.users.agent_a1
		cls.b1_log = make_log(org.agent_b1, today(), [("Phone Appointment", 1)])
		cls.lead = frappe.get_doc(
			{"doctype": "Lead", "lead_name": "Stored B1 Lead", "lead_owner": org.users.agent_b1}
		).insert(ignore_permissions=True)
		frappe.db.commit()

	def test_another_offices_log_or_lead_sent_as_ones_own_is_refused_and_unchanged(self):
		org, log = self.org, self.b1_log
		a1 = frappe.db.get_value("Employee", org.agent_a1, ["reports_to", "department"], as_dict=True)
		sent = json.loads(frappe.as_json(frappe.get_doc("Agent Log", log.name).as_dict()))
		sent.update({"agent": org.agent_a1, "supervisor": a1.reports_to, "office": a1.department})
		answers = [
			rest_request(
				"put", self.agent, f"/api/resource/Agent Log/{log.name}", json={"agent": org.agent_a1}
			),
			rest_request(
				"post", self.agent, "/api/method/frappe.client.save", json={"doc": json.dumps(sent)}
			),
			rest_request(
				"put", self.agent, f"/api/resource/Lead/{self.lead.name}", json={"lead_owner": self.agent}
			),
		]
		self.assertEqual([status for status, _body in answers], [403, 403, 403], answers)
		self.assertIn("is not among the records you work with", messages(answers[0][1]))
		self.assertEqual(frappe.db.get_value("Agent Log", log.name, "agent"), org.agent_b1)
		self.assertEqual(frappe.db.get_value("Lead", self.lead.name, "lead_owner"), org.users.agent_b1)
		# one's own record is saved as before
		own = frappe.get_doc(
			{"doctype": "Lead", "lead_name": "Stored A1 Lead", "lead_owner": self.agent}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		status, body = rest_request(
			"put", self.agent, f"/api/resource/Lead/{own.name}", json={"job_title": "Stored Title"}
		)
		self.assertEqual(status, 200, body)
		self.assertEqual(frappe.db.get_value("Lead", own.name, "job_title"), "Stored Title")
