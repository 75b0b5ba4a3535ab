"""A File that names a private file it does not bring (issue 20, every permission on every path).

Frappe v15 serves a private file (`/private/files/...`) to whoever reads any File row with that `file_url`
(frappe.core.doctype.file.utils.find_file_by_url), a File's owner reads it, and a File reads its content from
the disk by its `file_url` (the site's own address in front stripped), or by its `file_name` when it has
none (File.get_full_path: `zip_files` hands it out), and writes it back under its `file_name` (a rollback, an
optimize). Any desk user who made such a row name another office's private file then downloaded it or wrote
over it (three fresh users' finds):
- a File created or changed to name it (`POST /api/resource/File`, `upload_file` with `file_url`,
  frappe.client.insert or set_value, `PUT` of their own File; with some content sent beside the URL, as a
  folder, by the file's name, with the site's address in front): `check_file_url`, asked from has_permission
  for the File's create and write, before Frappe's before_insert reads the named file from the disk (there it
  gives an upload whose content equals a stored file's that file's URL, so that a validate can no longer tell
  an upload from a borrowed URL). An upload names no file when it is asked and is left to Frappe, an upload
  whose content equals a hidden file's included: the uploader has the content already;
- an Attach or Attach Image field of any record set to it (their own User's image): Frappe's on_update
  (file.utils.attach_files_to_document) makes it a File row of the record with ignore_permissions, and moves
  an unattached File with that URL onto the record: `check_attach_fields`, the validate of every doctype;
- a File row Frappe's own code copies for them with ignore_permissions (add_attachments of a row by its name,
  a Communication's attachments under any name `email.make` is imported by, a web form's Attach field):
  `check_copied_file`, the validate of File;
- their own File sharing the disk file (an upload of equal content) turned public or private: Frappe moves the
  disk file and rewrites every row with that URL, another office's included (`check_file_url`);
- a name differing only in case or accents ("SECRET.TXT" uploaded): Frappe finds the rows of a download by
  MariaDB's collation and serves the path as asked: `check_request`, an auth hook, compares as written.

And a record the rule keeps to some people has only private attachments (`check_private_attachment`): Frappe
lists every public File, with the record it is attached to, to every system user, and serves it to anyone.
"""

from urllib.parse import unquote, urlsplit

import frappe
from frappe import _
from frappe.utils import cint, escape_html

from insurance_activity.permissions.rules import RULES

# what Frappe treats as a file elsewhere (frappe.core.doctype.file.file.URL_PREFIXES): nothing on this site is read
ELSEWHERE = ("http://", "https://")


def check_file_url(doc, ptype: str | None, user: str) -> None:
	"""has_permission of a File to create or write (permissions.has_permission): frappe.PermissionError (403,
	in the user's language) when a file on the disk it reads or writes (`files_named`) is a private file of this
	site that `user` may not download (no other File row with that URL they may read, as Frappe's download
	decides) and is new to it, or when a write turns public or private a disk file other rows share that `user`
	may not read. frappe.ValidationError (417) for a `file_url` or `file_name` that is not text (Frappe fails on
	it: a 500). A public file, a file elsewhere, an upload (no file named yet) and Administrator pass."""
	if ptype not in ("create", "write") or user == "Administrator":
		return
	for field in ("file_url", "file_name"):
		if doc.get(field) is not None and not isinstance(doc.get(field), str):
			frappe.throw(
				_("{0} must be text, not {1}.").format(field, escape_html(repr(doc.get(field))[:40])),
				title=_("Not a Valid Value"),
			)
	by_url, by_name = files_named(doc, uploading=ptype == "create" and bool(doc.get("content")))
	if ptype == "write" and doc.name:
		stored = frappe.db.get_value("File", doc.name, ["file_url", "file_name", "is_private"], as_dict=True)
		if stored:
			by_url, by_name = (paths - set().union(*files_named(stored)) for paths in (by_url, by_name))
			if cint(doc.get("is_private")) != cint(stored.is_private) and stored.file_url:
				check_shared(doc.name, stored.file_url, user)
	for path in sorted(by_url):
		if not may_download(path, user):
			refuse_file(path)
	# a label of one's own file is free, unless it is the name of another's file on the disk
	for path in sorted(by_name - by_url):
		if frappe.db.exists("File", {"file_url": path}) and not may_download(path, user):
			refuse_file(path)


def check_shared(name: str, url: str, user: str) -> None:
	"""A File turned public or private moves its disk file and rewrites every row with its URL
	(File.handle_is_private_changed): every other row must be one `user` reads, else frappe.PermissionError."""
	for other in frappe.get_all(
		"File", filters={"file_url": url, "name": ("!=", name)}, pluck="name", limit=50
	):
		if not frappe.has_permission("File", "read", doc=frappe.get_doc("File", other), user=user):
			frappe.throw(
				_(
					"This file is also attached to records you do not work with: upload your own copy to make it "
					"public or private."
				),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)


def check_attach_fields(doc, method=None) -> None:
	"""doc_events validate of every doctype (hooks.py): an Attach or Attach Image field a user sets themselves
	(REST, the desk's form, set_value) to a private file of this site must name one they may download
	(may_download); else frappe.PermissionError (403, in the user's language), nothing stored. Frappe's
	on_update of every record (file.utils.attach_files_to_document) gives such a field a File row on the record
	with ignore_permissions, and moves an unattached File with that URL onto it: any desk user who set their
	own User's image to another office's private attachment then downloaded it. A field unchanged, a public
	file, a file elsewhere, saves with ignore_permissions (a web form's excepted), Administrator and a Guest
	pass."""
	user = frappe.session.user
	# a web form saves what its user sends with ignore_permissions (frappe.flags.in_web_form); a Guest downloads
	# no private file (a job application's résumé, uploaded by the Guest, is their own file but not one they read)
	if (doc.flags.ignore_permissions and not frappe.flags.in_web_form) or user in ("Administrator", "Guest"):
		return
	fields = [
		df.fieldname for df in doc.meta.get("fields", {"fieldtype": ["in", ["Attach", "Attach Image"]]})
	]
	before = doc.get_doc_before_save() if fields and not doc.is_new() else None
	for fieldname in fields:
		value = doc.get(fieldname)
		if not value or not isinstance(value, str) or (before and before.get(fieldname) == value):
			continue
		read = local_path(value)
		if doc.doctype in RULES and read.startswith("/files/"):
			refuse_public(doc.doctype)
		if not open_to_all(read) and not may_download(read, user):
			refuse_file(read)


def check_private_attachment(doc, method=None) -> None:
	"""doc_events validate of File (hooks.py): an attachment of a record the one rule keeps to some people (a
	doctype of rules.RULES: a log, a check, a customer...) is a private file. Frappe lists every public File, with
	the record it is attached to, to every system user (file.get_permission_query_conditions begins
	`is_private = 0 OR ...`, unbracketed, so the app's condition joined to it cannot narrow it) and serves its
	content to anyone: an agent listed the public attachments of another office's logs (a fresh user's find).
	frappe.ValidationError (417, in the user's language) for a public file or a link (which Frappe cannot keep
	private) attached to such a record, moved onto one or made public there; nothing stored, the new file removed
	from the disk on the rollback (File.on_rollback). Folders, other records' files and Administrator (install,
	jobs, the demo) pass. The desk's uploader attaches files privately unless told otherwise."""
	if doc.get("is_folder") or frappe.session.user == "Administrator":
		return
	if doc.get("attached_to_doctype") not in RULES or cint(doc.get("is_private")):
		return
	if is_copy_for_amendment(doc):
		return
	if (doc.get("file_url") or "").startswith(ELSEWHERE):
		frappe.throw(
			_(
				"A link cannot be attached to this {0}: its attachments are private files. Upload the file itself, or "
				"write the link in the record."
			).format(_(doc.attached_to_doctype)),
			title=_("Not Permitted"),
		)
	refuse_public(doc.attached_to_doctype)


def is_copy_for_amendment(doc) -> bool:
	"""A new File Frappe copies onto an amendment from the record it amends (copy_attachments_from_amended_from,
	as the user): the same file is attached to that record already, so nothing new is shown. Refused, it
	stopped every amendment of a log carrying a link stored before (helper-63, F4)."""
	if not doc.is_new() or not doc.get("attached_to_name"):
		return False
	if not frappe.get_meta(doc.attached_to_doctype).has_field("amended_from"):
		return False
	amended = frappe.db.get_value(doc.attached_to_doctype, doc.attached_to_name, "amended_from")
	return bool(amended) and bool(
		frappe.db.exists(
			"File",
			{
				"file_url": doc.get("file_url"),
				"attached_to_doctype": doc.attached_to_doctype,
				"attached_to_name": amended,
			},
		)
	)


def refuse_public(doctype: str) -> None:
	"""frappe.ValidationError (417, in the user's language): a public file on a record of `doctype`."""
	frappe.throw(
		_('The attachments of this {0} are private: upload the file with "Is Private" ticked.').format(
			_(doctype)
		),
		title=_("Not Permitted"),
	)


def check_copied_file(doc, method=None) -> None:
	"""doc_events validate of File (hooks.py), for a new row Frappe's own code saves with ignore_permissions in
	a signed-in user's request (the File's own checks, check_file_url, are not asked then): its private file on
	the disk must be one the user may already download, when other rows name it; else frappe.PermissionError
	(403, not naming the file). Frappe copies rows so from what a request names: another office's attachment
	by its name onto an agent's own log (frappe.utils.file_manager.add_attachments) or onto a Communication made
	by communication.email.make under any of the names it is imported by (Auto Repeat's, Request for
	Quotation's `make`), and a record's Attach field saved by a web form (attach_files_to_document). A new file
	on the disk (no other row names it) and Administrator pass; a Guest downloads no private file."""
	user = frappe.session.user
	if not (doc.flags.ignore_permissions and doc.flags.in_insert and getattr(frappe.local, "request", None)):
		return
	if user in ("Administrator", "Guest") or not doc.file_url or open_to_all(local_path(doc.file_url)):
		return
	path = local_path(doc.file_url)
	if rows_naming(path) and not may_download(path, user):
		refuse_file()


def check_request() -> None:
	"""auth_hooks (hooks.py): a private file is downloaded (`GET /private/files/<name>`) only by a user who
	reads a File row with exactly that URL; else frappe.PermissionError (403). Frappe finds the rows by a
	comparison that ignores case and accents (MariaDB's collation) and then serves the path as asked: an agent
	who uploaded "SECRET.TXT" downloaded another office's "secret.txt" (a fresh user's find). Runs once Frappe
	knows the user, before Frappe serves the file; Administrator and every other path pass."""
	request = getattr(frappe.local, "request", None)
	user = frappe.session.user
	if request is None or user == "Administrator" or not request.path.startswith("/private/files/"):
		return
	if not may_download(request.path, user, name=frappe.form_dict.get("fid")):
		refuse_file()


def open_to_all(url: str) -> bool:
	"""A public file of this site (`/files/...`, no `..`) or a file elsewhere (http, https): anyone reads it."""
	return url.startswith(ELSEWHERE) or (url.startswith("/files/") and ".." not in url)


def local_path(url: str) -> str:
	"""`url` as a path of this site's files, %-escapes read as the File's validate stores them: an address with
	a host in front naming a private file is read as its path (File.get_full_path strips the site's own
	address, which anyone knows: another host's is read the same, and refused unless readable)."""
	url = unquote(url)
	if url.startswith(ELSEWHERE):
		path = urlsplit(url).path
		if "/private/" in path:
			return path
	return url


def refuse_file(url: str | None = None) -> None:
	"""frappe.PermissionError (403), in the user's language: `url` (as the user sent it) names a private file
	they may not open; without `url`, a file they named otherwise (a row's name, a download), left unnamed."""
	if url is None:
		message = _("You may not use a private file that is not among the files you may open.")
	else:
		message = _(
			"You may not use the private file {0}: it is not among the files you may open. Upload the file "
			"itself instead."
		).format(escape_html(url[:140]))
	frappe.throw(message, frappe.PermissionError, title=_("Not Permitted"))


def files_named(doc, uploading: bool = False) -> tuple[set[str], set[str]]:
	"""The private files of this site a File reads or writes on the disk, as paths: (by its `file_url`,
	local_path; by its `file_name` in the private or the public folder, by `is_private`, where
	File.get_full_path reads a File without a URL and save_file_on_filesystem writes one back). None for a
	folder without a URL and for an upload (`uploading`: content sent, no `file_url`; Frappe writes it under a
	new name, or gives it the URL of a stored file with the same content). Public files are left out."""
	url, name = doc.get("file_url"), doc.get("file_name")
	by_url = {local_path(url)} if url else set()
	by_name = set()
	if name and not doc.get("is_folder") and not (uploading and not url):
		folder = "/private/files/" if cint(doc.get("is_private")) else "/files/"
		by_name.add(unquote(name) if "/" in name else folder + unquote(name))
	return {p for p in by_url if not open_to_all(p)}, {p for p in by_name if not open_to_all(p)}


def rows_naming(url: str, name=None) -> list[str]:
	"""The File rows whose `file_url` is exactly `url` (MariaDB's collation finds "SECRET.TXT" as "secret.txt":
	compared here as written), at most 50; of the row `name` only, when given (a download's `fid`)."""
	filters = {"file_url": url, **({"name": str(name)} if name else {})}
	rows = frappe.get_all("File", filters=filters, fields=["name", "file_url"], limit=50)
	return [row.name for row in rows if row.file_url == url]


def may_download(url: str, user: str, name=None) -> bool:
	"""Whether `user` downloads `url` today: some File row with exactly that URL they may read (Frappe's own
	test, find_file_by_url's is_downloadable, asked as `user`)."""
	return any(
		frappe.has_permission("File", "read", doc=frappe.get_doc("File", row), user=user)
		for row in rows_naming(url, name)
	)
