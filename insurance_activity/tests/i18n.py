"""Which of the app's user-facing strings lack a Chinese translation (ours or frappe/erpnext/hrms's)."""

import frappe
from frappe.translate import get_messages_for_app, get_translations_from_apps

LANGUAGE = "zh"


def untranslated_messages(app: str = "insurance_activity") -> list[tuple[str, str | None]]:
	translations = get_translations_from_apps(LANGUAGE, ["frappe", "erpnext", "hrms", app])
	missing = []
	for message in get_messages_for_app(app):
		text, context = message[1], message[2] if len(message) > 2 else None
		if not text or not text.strip() or _is_not_text(text):
			continue
		if (context and f"{text}:{context}" in translations) or text in translations:
			continue
		missing.append((text, context))
	return sorted(set(missing), key=lambda m: (m[0], m[1] or ""))


def _is_not_text(text: str) -> bool:
	"""Field names, options like 'Agent Log' of a Link, numbers: nothing a translator should see."""
	return text.isdigit() or (frappe.scrub(text) == text and "_" in text)
