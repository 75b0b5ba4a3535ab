"""The Chinese screens speak the agency channel's words (domain.md): an office is 营业室, not 办公室.

The glossary is data, `translations/glossary/channel_terms.csv`: each English term with the Chinese the
channel uses for it (domain.md's terms), the words that must not stand for it, the English sources where
the term means something else, and where the term comes from. These tests read files only (no site):
the app's zh.csv, its doctype, report, page and workspace JSON, its JS and Python messages.
"""

import ast
import csv
import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2]
GLOSSARY = APP / "translations" / "glossary" / "channel_terms.csv"
ZH = APP / "translations" / "zh.csv"
OTHER_APPS = ("frappe", "erpnext", "hrms")  # installed before ours: our CSV overrides theirs


@dataclass(frozen=True)
class Term:
	english: str
	chinese: str
	not_chinese: tuple[str, ...]
	exceptions: frozenset[str]
	pattern: re.Pattern


@dataclass(frozen=True)
class Label:
	"""A string the user reads, as Frappe looks it up: `text:context` first, then `text`."""

	text: str
	context: str | None
	where: str


def _word(word: str) -> str:
	"""A word of a term, singular or plural (office/offices, policy/policies)."""
	if word.lower().endswith("y"):
		return re.escape(word[:-1]) + "(?:y|ies)"
	return re.escape(word) + "(?:s|es)?"


@cache
def glossary() -> tuple[Term, ...]:
	with GLOSSARY.open(encoding="utf-8", newline="") as f:
		rows = list(csv.DictReader(f))
	terms = []
	for row in rows:
		words = re.split(r"[\s-]+", row["english"].strip())
		pattern = re.compile(r"\b" + r"[\s-]+".join(_word(w) for w in words) + r"\b", re.IGNORECASE)
		terms.append(
			Term(
				english=row["english"].strip(),
				chinese=row["chinese"].strip(),
				not_chinese=tuple(w for w in row["not_chinese"].split("|") if w.strip()),
				exceptions=frozenset(e for e in row["exceptions"].split("|") if e.strip()),
				pattern=pattern,
			)
		)
	return tuple(terms)


def terms_in(source: str) -> list[Term]:
	"""The glossary terms an English source uses, the longest first: "New Agent" takes its words from
	"Agent", so a new agent is 新人 and is not held to 营销员. A source listed in a term's exceptions uses
	those words in another sense, and is held to neither that term nor a shorter one inside it."""
	found = [(m.start(), m.end(), t) for t in glossary() for m in t.pattern.finditer(source)]
	found.sort(key=lambda f: (f[0] - f[1], f[0]))
	taken: list[tuple[int, int]] = []
	used = []
	for start, end, term in found:
		if any(start < e and s < end for s, e in taken):
			continue
		taken.append((start, end))  # an exception's words mean something else: no shorter term applies
		if term not in used and source not in term.exceptions:
			used.append(term)
	return used


def term_of_label(text: str) -> Term | None:
	"""The term a label is exactly ("Office", "Offices"), if any."""
	for term in glossary():
		if term.pattern.fullmatch(text.strip()) and text.strip() not in term.exceptions:
			return term
	return None


def wording_problems(source: str, translation: str) -> list[str]:
	problems = []
	for term in terms_in(source):
		if term.chinese not in translation:
			problems.append(f"{term.english} should read {term.chinese}")
		problems += [f"{term.english} is not {word}" for word in term.not_chinese if word in translation]
	return problems


def read_csv(path: Path) -> list[tuple[int, list[str]]]:
	with path.open(encoding="utf-8", newline="") as f:
		return [(n, row) for n, row in enumerate(csv.reader(f), start=1) if row]


def translation_map(rows: list[list[str]]) -> dict[str, str]:
	"""As frappe.translate.get_translation_dict_from_file keys a CSV: `source:context` or `source`."""
	found = {}
	for row in rows:
		if len(row) == 3 and row[2]:
			found[f"{row[0]}:{row[2]}"] = row[1].strip()
		elif len(row) in (2, 3):
			found[row[0]] = row[1].strip()
	return found


@cache
def own_translations() -> dict[str, str]:
	return translation_map([row for _, row in read_csv(ZH)])


def translate(translations: dict[str, str], label: Label) -> str | None:
	"""frappe._ and __: the translation in the label's context, else the bare one."""
	if label.context and f"{label.text}:{label.context}" in translations:
		return translations[f"{label.text}:{label.context}"]
	return translations.get(label.text)


def _json_labels(path: Path) -> list[Label]:
	"""Labels of a doctype (its name, field labels in its context), report, page, workspace, card or chart."""
	doc = json.loads(path.read_text(encoding="utf-8"))
	where = str(path.relative_to(APP))
	labels = []
	if doc.get("doctype") == "DocType":
		labels.append(Label(doc["name"], None, where))
		for df in doc.get("fields", []):
			if df.get("label"):
				# Frappe writes a table's label above its grid without context (grid.js)
				bare = df.get("fieldtype") in ("Table", "Table MultiSelect")
				labels.append(
					Label(df["label"], None if bare else doc["name"], f"{where}: {df['fieldname']}")
				)
		return labels
	for key in ("report_name", "title", "label", "chart_name"):
		if isinstance(doc.get(key), str):
			labels.append(Label(doc[key], None, where))
	for key in ("shortcuts", "links", "number_cards", "charts", "quick_lists", "custom_blocks"):
		for item in doc.get(key) or []:
			if isinstance(item, dict) and item.get("label"):
				labels.append(Label(item["label"], None, f"{where}: {key}"))
	for item in doc.get("filters") or doc.get("columns") or []:
		if isinstance(item, dict) and item.get("label"):
			labels.append(Label(item["label"], None, where))
	return labels


def json_labels() -> list[Label]:
	paths = {
		*APP.glob("*/doctype/*/*.json"),
		*APP.glob("*/report/*/*.json"),
		*APP.glob("*/page/*/*.json"),
		*APP.glob("*/workspace/*/*.json"),
		*APP.glob("*/number_card/*/*.json"),
		*APP.glob("*/dashboard_chart/*/*.json"),
	}
	return [label for path in sorted(paths) for label in _json_labels(path)]


JS_MESSAGE = re.compile(
	r"""__\(\s*(["'])((?:\\.|(?!\1).)*)\1"""  # __("text"
	r"""(?:\s*,\s*(?:null|undefined|\[[^\]]*\]|\{[^}]*\})\s*,\s*(["'])((?:\\.|(?!\3).)*)\3)?"""  # , null, "context"
)


def js_labels() -> list[Label]:
	"""`__("Office")` in the app's JS: report filters, pages, form scripts."""
	labels = []
	for path in sorted(APP.rglob("*.js")):
		if "node_modules" in path.parts or "dist" in path.parts:
			continue
		for m in JS_MESSAGE.finditer(path.read_text(encoding="utf-8")):
			labels.append(Label(m.group(2), m.group(4) or None, str(path.relative_to(APP))))
	return labels


def py_labels() -> list[Label]:
	"""`_("Office")` in the app's Python: report columns, messages."""
	labels = []
	for path in sorted(APP.rglob("*.py")):
		if "tests" in path.relative_to(APP).parts:
			continue
		for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
			if not (
				isinstance(node, ast.Call)
				and getattr(node.func, "id", getattr(node.func, "attr", None)) == "_"
			):
				continue
			if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
				context = next(
					(
						k.value.value
						for k in node.keywords
						if k.arg == "context" and isinstance(k.value, ast.Constant)
					),
					None,
				)
				labels.append(Label(node.args[0].value, context, str(path.relative_to(APP))))
	return labels


@cache
def all_labels() -> tuple[Label, ...]:
	return (*json_labels(), *js_labels(), *py_labels())


def other_apps_translations() -> dict[str, str] | None:
	"""frappe, erpnext and hrms's Chinese as Frappe merges it (CSV, then the .po), or None if not here."""
	merged = {}
	for app in OTHER_APPS:
		spec = importlib.util.find_spec(app)  # finds the package without importing it
		if not spec or not spec.submodule_search_locations:
			return None
		app_path = Path(next(iter(spec.submodule_search_locations)))
		csv_path = app_path / "translations" / "zh.csv"
		if not csv_path.exists():
			return None
		merged.update(translation_map([row for _, row in read_csv(csv_path)]))
		po_path = app_path / "locale" / "zh.po"
		if po_path.exists():
			merged.update(_po_translations(po_path))
	return merged


def _po_translations(path: Path) -> dict[str, str]:
	"""msgctxt/msgid/msgstr of a gettext catalog, keyed as Frappe keys the compiled .mo."""
	found, entry, field = {}, {}, None
	for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
		line = line.strip()
		if m := re.match(r"(msgctxt|msgid|msgstr) (\".*\")$", line):
			if m.group(1) == "msgctxt" or (m.group(1) == "msgid" and "msgid" in entry):
				entry = _add_po_entry(found, entry)
			field = m.group(1)
			entry[field] = ast.literal_eval(m.group(2))
		elif line.startswith('"') and field:
			entry[field] += ast.literal_eval(line)
		elif not line:
			entry, field = _add_po_entry(found, entry), None
	return found


def _add_po_entry(found: dict[str, str], entry: dict[str, str]) -> dict:
	if entry.get("msgid") and entry.get("msgstr"):
		key = f"{entry['msgid']}:{entry['msgctxt']}" if entry.get("msgctxt") else entry["msgid"]
		found[key] = entry["msgstr"]
	return {}


def _report(problems: list[str]) -> str:
	return f"{len(problems)} found:\n" + "\n".join(problems)


def test_the_glossary_holds_the_channel_terms_of_domain_md():
	"""domain.md's Who uses it, The daily standards and Evaluation: the terms issue 19 names."""
	required = {
		"Office": "营业室",
		"Supervisor": "主管",
		"Agent": "营销员",
		"Subtotal": "小计",
		"Share of Agents with a Sale": "举绩率",
		"Regular-premium Case": "期交件数",
		"Callback": "回访",
	}
	held = {t.english: t.chinese for t in glossary()}
	assert {english: held.get(english) for english in required} == required
	assert "办公室" in next(t for t in glossary() if t.english == "Office").not_chinese
	assert len(held) == len(glossary()), "a term is listed twice"


def test_a_translation_that_uses_a_channel_term_says_it_in_the_channels_words():
	"""Every zh.csv row whose English uses a glossary term (whole word, any case, singular or plural)
	carries the term's Chinese and none of the words that must not stand for it."""
	problems = [
		f"zh.csv:{n}: {row[0]!r} -> {row[1]!r}: " + "; ".join(found)
		for n, row in read_csv(ZH)
		if len(row) >= 2 and (found := wording_problems(row[0], row[1]))
	]
	assert not problems, _report(problems)


def test_a_label_that_is_a_channel_term_is_worded_by_the_app_itself():
	"""A field, report, page or workspace label, or a `__()` / `_()` message, that is exactly a glossary
	term has the app's own translation, equal to the term's Chinese: without it Frappe falls back to
	frappe/erpnext/hrms's word ("Office" -> 办公室, "Supervisor" -> 监工, "Callback" -> 回拨)."""
	own = own_translations()
	problems = []
	for label in all_labels():
		if not (term := term_of_label(label.text)):
			continue
		translated = translate(own, label)
		if translated != term.chinese:
			in_context = f" (context {label.context})" if label.context else ""
			problems.append(
				f"{label.where}: {label.text!r}{in_context} reads {translated!r} from the app's zh.csv, "
				f"not {term.chinese}"
			)
	assert not problems, _report(sorted(set(problems)))


def test_what_a_user_reads_after_frappe_merges_every_apps_chinese_keeps_the_channel_terms():
	"""Any label or message of the app that uses a glossary term, translated as Frappe merges
	frappe, erpnext, hrms and this app (context first, later apps win), keeps the channel's words:
	a label the app leaves to another app must not come back as 办公室 or 代理商."""
	others = other_apps_translations()
	if others is None:
		pytest.skip("frappe, erpnext or hrms's translations/zh.csv is not on this machine")
	merged = {**others, **own_translations()}
	problems = []
	for label in all_labels():
		translated = translate(merged, label)
		if translated and (found := wording_problems(label.text, translated)):
			problems.append(f"{label.where}: {label.text!r} -> {translated!r}: " + "; ".join(found))
	assert not problems, _report(sorted(set(problems)))


def test_a_longer_term_takes_its_words_from_a_shorter_one_inside_it():
	"""The glossary's own matching: "New Agents" is 新人, "Reward Tier" is 档位, "offices" is Office."""
	assert [t.english for t in terms_in("New Agents")] == ["New Agent"]
	assert [t.english for t in terms_in("Reward Tiers")] == ["Reward Tier"]
	assert {t.english for t in terms_in("the agent's offices")} == {"Agent", "Office"}
	assert [t.english for t in terms_in("A new Agent Log")] == ["New Agent Log"]
	assert wording_problems("Office", "办公室") == ["Office should read 营业室", "Office is not 办公室"]
	assert term_of_label("Regular-Premium Cases").english == "Regular-premium Case"
