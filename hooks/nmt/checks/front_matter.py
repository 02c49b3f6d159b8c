"""Front matter: every page says what it is, who owns it, when it was
reviewed and where its facts come from.

Required: title, description, owner, reviewed (a real date, not in the
future) and sources (a list of title + https url). Optional: review_in
(months), changes (date + note), keywords, applies_to, step, translation
(+ translation_reason), glossary, easy_read (true on an easy-to-read page;
checks/readability.py holds it to its LIX limit). The fields are declared in FIELDS,
which the editor's form at /admin/ is generated from (nmt/output/admin.py). The page
body must not start its own "# " title.
MkDocs itself silently ignores front matter that does not parse; here it is
an error with its line.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from nmt.blocks.audiences import profession_names
from nmt.core.dates import parse_date
from nmt.core.findings import Finding, report, stop
from nmt.core.markdown import prose
from nmt.core.pages import is_fallback_copy, repo_path
from nmt.core.yaml_lines import YamlProblem, line_in, read_front_matter
from nmt.policy.html import url_scheme


@dataclass(frozen=True)
class Field:
    """One front-matter field, declared once: the check below and the editor's form
    (nmt/output/admin.py) both read this list, so a field added here is checked and shown."""
    name: str
    kind: str                  # what the value is: see KINDS
    required: bool = False
    per_language: bool = True  # False: the same value in page.md and page.en.md
    in_form: bool = True       # False: a developer's setting, kept as written by the form


KINDS = {
    "text": "text on one line",
    "date": "a date, YYYY-MM-DD",
    "months": "a number of months (REVIEW_IN_MONTHS)",
    "sources": "a list of title + https url",
    "changes": "a list of date + note",
    "words": "a list of words (at most MAX_KEYWORDS of at most MAX_KEYWORD_LENGTH characters)",
    "professions": "a list of profession ids (blocks/audiences.profession_names)",
    "step": "a step number (STEPS)",
    "flag": "true or false",
    "setting": "a setting only developers write",
}
FIELDS = (
    Field("title", "text", required=True),
    Field("description", "text", required=True),
    Field("owner", "text", required=True),
    Field("applies_to", "professions", per_language=False),
    Field("step", "step", per_language=False),
    Field("reviewed", "date", required=True, per_language=False),
    Field("review_in", "months", per_language=False),
    Field("sources", "sources", required=True),
    Field("changes", "changes"),
    Field("keywords", "words"),
    Field("easy_read", "flag", per_language=False),
    Field("translation", "setting", in_form=False),
    Field("translation_reason", "setting", in_form=False),
    Field("glossary", "setting", in_form=False),
    Field("search", "setting", in_form=False),
    Field("hide", "setting", in_form=False),
)
REQUIRED_TEXT = tuple(field.name for field in FIELDS if field.kind == "text" and field.required)
KNOWN = {field.name for field in FIELDS}
REVIEW_IN_MONTHS = range(1, 37)
STEPS = range(1, 7)  # the six steps of the support and protection process
MAX_KEYWORDS, MAX_KEYWORD_LENGTH = 30, 80
H1 = re.compile(r"^#(?!#)\s*\S", re.M)
WHAT_A_PAGE_NEEDS = "see docs/_mall.md for a complete example"


def check_front_matter(text: str, path: str, today: datetime.date, required_text=REQUIRED_TEXT,
                       known=KNOWN) -> list[Finding]:
    """All front-matter problems of one Markdown file (a region's supplement needs fewer fields:
    registers/regions.py passes its own required_text and known)."""
    try:
        meta, first_line = read_front_matter(text)
    except YamlProblem as problem:
        return [Finding(path, problem.line, f"front matter: {problem.message}")]
    if meta is None:
        return [Finding(path, 1, "the page has no front matter — start the file with a --- block "
                                 f"with title, description, owner, reviewed and sources ({WHAT_A_PAGE_NEEDS})")]
    if not isinstance(meta, dict):
        return [Finding(path, first_line, "front matter must be 'key: value' lines — "
                                          f"{WHAT_A_PAGE_NEEDS}")]

    def at(key=None):
        return line_in(meta, key, first_line)

    findings = []   # (a key written twice was refused by load_yaml)
    for key in required_text:
        if key not in meta:
            findings.append(Finding(path, at(), f"front matter: '{key}' is missing — add '{key}: …' "
                                                f"({WHAT_A_PAGE_NEEDS})"))
        elif not isinstance(meta[key], str) or not meta[key].strip():
            findings.append(Finding(path, at(key), f"front matter: '{key}' must be text on one line"))
    findings += _check_reviewed(meta, at, path, today)
    findings += _check_sources(meta.get("sources"), at, path)
    findings += _check_changes(meta.get("changes"), at, path, today)
    findings += _check_keywords(meta.get("keywords"), at, path)
    findings += _check_audience(meta, at, path)
    if "review_in" in meta and not (isinstance(meta["review_in"], int) and meta["review_in"] in REVIEW_IN_MONTHS):
        findings.append(Finding(path, at("review_in"), "front matter: 'review_in' is a number of months "
                                                       f"between {REVIEW_IN_MONTHS[0]} and {REVIEW_IN_MONTHS[-1]}, "
                                                       "e.g. 'review_in: 6'"))
    if "easy_read" in meta and not isinstance(meta["easy_read"], bool):
        findings.append(Finding(path, at("easy_read"), "front matter: 'easy_read' says whether this is an "
                                                       "easy-to-read (lättläst) page, true or false — write "
                                                       "'easy_read: true', or remove the line"))
    if meta.get("translation") == "none" and not str(meta.get("translation_reason") or "").strip():
        findings.append(Finding(path, at("translation"), "front matter: 'translation: none' needs "
                                                         "'translation_reason: …' saying why there is no translation"))
    for key in meta:
        if key not in known:
            findings.append(Finding(path, at(key), f"front matter: unknown field '{key}' — check the "
                                                   f"spelling ({WHAT_A_PAGE_NEEDS})", "warning"))
    body_h1 = H1.search(prose(text))  # prose(): code and the front matter itself blanked out
    if body_h1:
        findings.append(Finding(path, text.count("\n", 0, body_h1.start()) + 1,
                                "remove this '# ' heading: the page title comes from 'title' in the front matter"))
    return findings


def _check_reviewed(meta, at, path, today) -> list[Finding]:
    if "reviewed" not in meta:
        return [Finding(path, at(), "front matter: 'reviewed' is missing — add the date you checked "
                                    "the page, e.g. 'reviewed: 2026-11-27'")]
    reviewed = parse_date(meta["reviewed"], plausible=False)
    if reviewed is not None and reviewed <= today and parse_date(reviewed) is None:
        reviewed = None   # long ago: not the date anyone checked this page
    if reviewed is None:
        return [Finding(path, at("reviewed"), f"front matter: 'reviewed: {meta['reviewed']}' is not a real "
                                              "date — write it as YYYY-MM-DD, e.g. 2026-11-27")]
    if reviewed > today:
        return [Finding(path, at("reviewed"), f"front matter: 'reviewed: {reviewed}' is in the future — "
                                              "use the date the page was actually checked")]
    return []


def _check_sources(sources, at, path) -> list[Finding]:
    if sources is None:
        return [Finding(path, at(), "front matter: 'sources' is missing — list at least one source "
                                    "with 'title' and an https 'url'")]
    if not isinstance(sources, list) or not sources:
        return [Finding(path, at("sources"), "front matter: 'sources' must be a list of "
                                             "'- title: …' / '  url: https://…' items")]
    findings = []
    for source in sources:
        line = line_in(source, default=at("sources"))
        if not isinstance(source, dict) or not isinstance(source.get("title"), str) or not source["title"].strip():
            findings.append(Finding(path, line, "front matter: each source needs a 'title'"))
            continue
        url = source.get("url")
        if not isinstance(url, str) or url_scheme(url.strip()) != "https":
            findings.append(Finding(path, line_in(source, "url", line),
                                    f"front matter: source '{source['title']}' needs an https 'url' "
                                    f"(found {url!r})"))
    return findings


def _check_audience(meta, at, path) -> list[Finding]:
    findings = []
    applies_to = meta.get("applies_to")
    if applies_to is not None:
        items = applies_to if isinstance(applies_to, list) else [applies_to]
        professions = profession_names()   # the profession pages in docs/yrken/ (tests check the two agree)
        unknown = [str(item) for item in items if not (isinstance(item, str) and item in professions)]
        if not isinstance(applies_to, list) or not applies_to or unknown:
            findings.append(Finding(path, at("applies_to"), "front matter: 'applies_to' is a list of professions "
                                    f"from {', '.join(professions)}" + (f" (unknown: {', '.join(unknown)})"
                                                                        if unknown else "")))
    step = meta.get("step")
    if step is not None and (type(step) is not int or step not in STEPS):
        findings.append(Finding(path, at("step"), "front matter: 'step' is the number of the step in the support "
                                                  f"and protection process the page belongs to, {STEPS[0]} to {STEPS[-1]}, "
                                                  "e.g. 'step: 4'"))
    return findings


def _check_keywords(keywords, at, path) -> list[Finding]:
    if keywords is None:
        return []
    if not isinstance(keywords, list) or not all(isinstance(k, (str, int)) and not isinstance(k, bool)
                                                 for k in keywords):
        return [Finding(path, at("keywords"), "front matter: 'keywords' is a list of words, e.g. "
                                              "'keywords: [sexköp, prostitution]'")]
    if len(keywords) > MAX_KEYWORDS or any(len(str(k)) > MAX_KEYWORD_LENGTH for k in keywords):
        return [Finding(path, at("keywords"), f"front matter: at most {MAX_KEYWORDS} keywords of at most "
                                              f"{MAX_KEYWORD_LENGTH} characters each — keep the words readers search for")]
    return []


def _check_changes(changes, at, path, today) -> list[Finding]:
    if changes is None:
        return []
    if not isinstance(changes, list):
        return [Finding(path, at("changes"), "front matter: 'changes' must be a list of "
                                             "'- date: YYYY-MM-DD' / '  note: …' items")]
    findings = []
    for change in changes:
        line = line_in(change, default=at("changes"))
        date = parse_date(change.get("date")) if isinstance(change, dict) else None
        if date is None or date > today:
            findings.append(Finding(path, line, "front matter: each change needs a real past 'date' (YYYY-MM-DD)"))
        elif not isinstance(change.get("note"), str) or not change["note"].strip():
            findings.append(Finding(path, line, "front matter: each change needs a one-line 'note'"))
    return findings


def check(page, config) -> None:
    if is_fallback_copy(page, config):
        return
    path = repo_path(config, page.file.src_path)
    text = page.file.content_string
    try:
        read_front_matter(text)
    except YamlProblem as problem:
        # Stop at once: MkDocs has read this front matter on its own, and later
        # steps (search, templates) must not work with what we refuse.
        stop(Finding(path, problem.line, f"front matter: {problem.message}"))
    report(check_front_matter(text, path, datetime.date.today()))
