"""A File that names a private file it does not bring (issue 20, every permission on every path).

Frappe v15 serves a private file (`/private/files/...`) to whoever reads any File row with that `file_url`
(frappe.core.doctype.file.utils.find_file_by_url), and a File's owner reads it. A File saved with a
`file_url` and no content is such a row: any desk user who saved one naming another office's private file
(`POST /api/resource/File`, `upload_file` with `file_url`, frappe.client.insert or set_value, or a File of their
own changed to that URL by `PUT`) then downloaded it, or made it public. The check is made before Frappe reads
the file: at the permission check of the create or the write (Frappe asks it before the File's before_insert,
which reads the named file from the disk as its content and dedups uploads by content, so that a validate
can no longer tell an upload from a borrowed URL). An upload brings its content and is left to Frappe, an
upload whose content equals a hidden file's included (Frappe then gives it that file's URL: the uploader has
the content already).
"""

from urllib.parse import unquote

import frappe
from frappe import _
from frappe.utils import escape_html

# what Frappe treats as a file elsewhere (frappe.core.doctype.file.file.URL_PREFIXES): nothing on this site is read
ELSEWHERE = ("http://", "https://")


def check_file_url(doc, ptype: str | None, user: str) -> None:
	"""has_permission of a File to create or write (permissions.has_permission): frappe.PermissionError (403,
	in the user's language) when it names, without bringing its content, a private file of this site that
	`user` may not download (no File row with that URL they may read, as Frappe's download decides). A public
	file (`/files/...`), a file elsewhere (http, https), an unchanged URL, a folder, and Administrator pass.
	Returns None."""
	if ptype not in ("create", "write") or user == "Administrator" or doc.get("is_folder"):
		return
	url = doc.get("file_url")
	if not url or not isinstance(url, str) or doc.get("content"):
		return
	read = unquote(url)  # as the File's validate stores it
	if read.startswith(ELSEWHERE) or (read.startswith("/files/") and ".." not in read):
		return
	if ptype == "write" and doc.name and frappe.db.get_value("File", doc.name, "file_url") == url:
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


def may_download(url: str, user: str) -> bool:
	"""Whether `user` downloads `url` today: some File row with that URL they may read (Frappe's own test,
	find_file_by_url's is_downloadable, asked as `user`)."""
	return any(
		frappe.has_permission("File", "read", doc=frappe.get_doc("File", name), user=user)
		for name in frappe.get_all("File", filters={"file_url": url}, pluck="name", limit=50)
	)
