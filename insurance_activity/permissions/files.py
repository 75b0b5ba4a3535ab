"""A File that names a private file it does not bring (issue 20, every permission on every path).

Frappe v15 serves a private file (`/private/files/...`) to whoever reads any File row with that `file_url`
(frappe.core.doctype.file.utils.find_file_by_url), a File's owner reads it, and a File reads its content from
the disk by its `file_url`, or by its `file_name` when it has none (File.get_full_path: `zip_files` hands it
out). A File saved naming a file on the disk is such a row: any desk user who saved one naming another
office's private file (`POST /api/resource/File`, `upload_file` with `file_url`, frappe.client.insert or
set_value, a File of their own changed by `PUT`, with or without some `content`, as a folder, or by its
`file_name` alone) then downloaded it, or made it public (two fresh users' finds). The check is made before
Frappe reads the file: at the permission check of the create or the write, which Frappe asks before the
File's before_insert (there it reads the named file from the disk as its content, and gives an upload whose
content equals a stored file's that file's URL, so that a validate can no longer tell an upload from a
borrowed URL). An upload names no file when it is asked (its `file_url` is set afterwards) and is left to
Frappe, an upload whose content equals a hidden file's included: the uploader has the content already.
"""

from urllib.parse import unquote

import frappe
from frappe import _
from frappe.utils import cint, escape_html

# what Frappe treats as a file elsewhere (frappe.core.doctype.file.file.URL_PREFIXES): nothing on this site is read
ELSEWHERE = ("http://", "https://")


def check_file_url(doc, ptype: str | None, user: str) -> None:
	"""has_permission of a File to create or write (permissions.has_permission): frappe.PermissionError (403,
	in the user's language) when the file it reads from the disk (`file_read`) is a private file of this site
	that `user` may not download (no other File row with that URL they may read, as Frappe's download decides)
	and is new to it: a File created naming it, or written to name it. frappe.ValidationError (417) for a
	`file_url` or `file_name` that is not text (Frappe fails on it: a 500). A public file (`/files/...`), a file
	elsewhere (http, https), an upload (no file named yet) and Administrator pass. Returns None."""
	if ptype not in ("create", "write") or user == "Administrator":
		return
	for field in ("file_url", "file_name"):
		if doc.get(field) is not None and not isinstance(doc.get(field), str):
			frappe.throw(
				_("{0} must be text, not {1}.").format(field, escape_html(repr(doc.get(field))[:40])),
				title=_("Not a Valid Value"),
			)
	read = file_read(doc, uploading=ptype == "create" and bool(doc.get("content")))
	if not read or read.startswith(ELSEWHERE) or (read.startswith("/files/") and ".." not in read):
		return
	if ptype == "write" and doc.name:
		stored = frappe.db.get_value("File", doc.name, ["file_url", "file_name", "is_private"], as_dict=True)
		if stored and file_read(stored) == read:
			return
	if may_download(read, user):
		return
	frappe.throw(
		_(
			"You may not use the private file {0}: it is not among the files you may open. Upload the file "
			"itself instead."
		).format(escape_html(read[:140])),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


def file_read(doc, uploading: bool = False) -> str | None:
	"""The URL of the file on the disk a File reads, as File.get_full_path finds it: its `file_url`, else its
	`file_name` in the private or the public folder (by `is_private`); %-escapes read as the File's validate
	stores them. None for a folder without a URL, an upload (`uploading`: content sent, no `file_url`; Frappe writes it under a new
	name, or gives it the URL of a stored file with the same content) and for a File naming nothing."""
	url, name = doc.get("file_url"), doc.get("file_name")
	if url:
		return unquote(url)
	if uploading or not name or doc.get("is_folder"):
		return None
	if "/" in name:
		return unquote(name)
	return ("/private/files/" if cint(doc.get("is_private")) else "/files/") + unquote(name)


def may_download(url: str, user: str) -> bool:
	"""Whether `user` downloads `url` today: some File row with that URL they may read (Frappe's own test,
	find_file_by_url's is_downloadable, asked as `user`)."""
	return any(
		frappe.has_permission("File", "read", doc=frappe.get_doc("File", name), user=user)
		for name in frappe.get_all("File", filters={"file_url": url}, pluck="name", limit=50)
	)
