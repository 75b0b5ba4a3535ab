"""Whitelisted endpoints that are not one document's: the team board, callback sampling and spot-checks,
the policy load, production recomputes. A document's own buttons are whitelisted methods of its controller,
called with `frm.call` (Frappe checks that the user may read the document; the method checks the rest)."""
