"""What changed: every change note of the handbook in one list, and as an Atom feed.

Two sources, each in the page language:
- each page's front-matter `changes:` (date + note), linked to that page with
  its title; each language lists the notes of its own pages;
- the statute register's law changes (docs/statutes.yml, a provision's
  `changes:`: applies_from, what, amending SFS, bill), linked to the
  provision's `page`; a change with `sfs: unconfirmed` says "SFS-nummer ej
  bekräftat" / "SFS number not confirmed" in place of the number.

The line <!-- nmt:whats-new --> in a page becomes that list, newest first,
grouped by month (changes still to come first, under their own heading).
The line <!-- nmt:whats-new-feed --> becomes a link to the feed, online only.
The build writes one Atom 1.0 feed per language of the same entries
(site/feed.xml, site/en/feed.xml), with absolute addresses from `site_url`.
Dates come from the data, never from the clock, so two builds of one commit
give the same feed. The offline copy keeps the page but writes no feed: a
file:// copy has no address a feed reader could follow.
"""
from __future__ import annotations

import datetime
import posixpath
import re
from dataclasses import dataclass

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from nmt.blocks.statute_text import HISTORY_MARKER, amending_sfs, format_date, label
from nmt.core.dates import parse_date
from nmt.core.escape import markdown_text
from nmt.core.findings import Finding, report
from nmt.core.markdown import line_of, prose, substitute
from nmt.core.pages import current_language, repo_path
from nmt.core.site_facts import default_language, language_folder
from nmt.core.strings import strings
from nmt.core.yaml_lines import YamlProblem, read_front_matter
from nmt.registers.statutes import changes_of, provisions

MARKER = "<!-- nmt:whats-new -->"
FEED_MARKER = "<!-- nmt:whats-new-feed -->"
MARKERS = re.compile(re.escape(MARKER))
FEED_MARKERS = re.compile(re.escape(FEED_MARKER))
FEED_FILE = "feed.xml"
LAW_HISTORY_ID = "law-history"  # the heading statute_links.py writes for <!-- nmt:statute-history -->

def _text(language: str) -> dict:
    return strings("whats_new", language)


@dataclass(frozen=True)
class Entry:
    """One change note, in plain text (escaped only where it is written out)."""
    day: datetime.date
    kind: str          # "page" (front-matter note) or "law" (statute register)
    page: str          # the page it links to, as the default language names it: om-nmt/publikationer.md
    anchor: str        # heading id on that page, or ""
    link_text: str     # page title, or the provision's label
    summary: str       # the note, or what changed (SFS, bill)
    key: str           # what makes its feed id unique and stable


# --- Collecting the entries --------------------------------------------------------------

def page_entries(text: str, page: str) -> list[Entry]:
    """The front-matter change notes of one page. Notes that front_matter.py refuses
    (no real date, no note) are left out here; that hook reports them."""
    try:
        meta, _ = read_front_matter(text)
    except YamlProblem:
        return []
    if not isinstance(meta, dict) or not isinstance(meta.get("changes"), list):
        return []
    title = str(meta.get("title") or page).strip()
    entries, seen = [], {}
    for change in meta["changes"]:
        if not isinstance(change, dict) or not isinstance(change.get("note"), str) or not change["note"].strip():
            continue
        day = _date(change.get("date"))
        if day is None:
            continue
        # Two notes on one day of one page: the second gets /2 in its id.
        seen[day] = seen.get(day, 0) + 1
        key = f"page/{page}/{day.isoformat()}" + (f"/{seen[day]}" if seen[day] > 1 else "")
        entries.append(Entry(day, "page", page, "", title, " ".join(change["note"].split()), key))
    return entries


def law_entries(statutes: dict, language: str, history_pages: set[str] = frozenset()) -> list[Entry]:
    """The register's law changes in one language, linked to each provision's page
    (to its timeline, when the page has one)."""
    entries = []
    for statute, item in provisions(statutes):
        for change in changes_of(statute, item):
            what = " ".join(str(change.change["what"][language]).split()).rstrip(".")
            bill = str(change.change["bill"]).strip()
            if language != "sv":
                bill = re.sub(r"^prop\.\s*", _text(language)["bill"] + " ", bill)
            summary = f"{item['title'][language]}. {what} ({amending_sfs(change.change, language)}, {bill})."
            page = str(item["page"])
            # sfs: unconfirmed is part of the key as 'unconfirmed': once the number is found the entry gets
            # a new feed id, so feed readers show it once more, now with its number.
            key = f"law/{statute.sfs}/{item.get('anchor') or ''}/{change.change['sfs']}/{change.applies_from}"
            entries.append(Entry(change.applies_from, "law", page,
                                 LAW_HISTORY_ID if page in history_pages else "",
                                 label(statute, item, language), summary, key))
    return entries


def newest_first(entries: list[Entry]) -> list[Entry]:
    """Newest day first; within a day law changes first, then pages by title (stable, reproducible)."""
    ordered = sorted(entries, key=lambda e: (e.kind != "law", e.link_text.casefold(), e.page, e.key))
    return sorted(ordered, key=lambda e: e.day, reverse=True)


def split_coming(entries: list[Entry], today: datetime.date) -> tuple[list[Entry], list[Entry]]:
    """(changes that apply from a later day than today, the rest). Page notes are never future
    (front_matter.py refuses that); a law change can be announced before it applies."""
    return [e for e in entries if e.day > today], [e for e in entries if e.day <= today]


# --- The page ------------------------------------------------------------------------------

def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return parse_date(value)


def _item(entry: Entry, language: str, page_src: str) -> str:
    """One list line. The data is untrusted text: markdown_text() keeps it plain."""
    here = posixpath.dirname(page_src) or "."
    href = posixpath.relpath(entry.page, here) + (f"#{entry.anchor}" if entry.anchor else "")
    lead = f"{_text(language)['law']}: " if entry.kind == "law" else ""
    return (f"- **{format_date(entry.day, language)}** – {lead}[{markdown_text(entry.link_text)}]({href}): "
            f"{markdown_text(entry.summary)}")


def whats_new_markdown(entries: list[Entry], language: str, page_src: str, today: datetime.date) -> str:
    """The list for the marker: coming law changes, then one section per month, newest first.
    Links are relative .md links from page_src, so MkDocs checks and resolves them."""
    text = _text(language)
    coming, past = split_coming(newest_first(entries), today)
    if not coming and not past:
        return text["none"]
    blocks = []
    if coming:
        blocks.append(f"## {text['coming']} {{#coming}}\n\n"
                      + "\n".join(_item(e, language, page_src) for e in reversed(coming)))
    month = None
    for entry in past:
        if (entry.day.year, entry.day.month) != month:
            month = (entry.day.year, entry.day.month)
            name = strings("months", language)[entry.day.month - 1]
            blocks.append(f"## {name[:1].upper()}{name[1:]} {entry.day.year} {{#m-{entry.day:%Y-%m}}}\n")
        blocks[-1] += "\n" + _item(entry, language, page_src)
    return "\n\n".join(blocks)


def feed_link(language: str, feed_path: str, page_url: str) -> str:
    """The link to the feed on the page. Raw HTML like the PDF links of build_facts.py:
    feed.xml is written after the build, so it is no docs/ file MkDocs could resolve."""
    href = get_relative_url(feed_path, page_url)
    return str(Markup('<p class="nmt-feed"><a href="{}" type="application/atom+xml">{}</a></p>').format(
        href, _text(language)["feed"]))


def marker_findings(text: str, path: str) -> list[Finding]:
    """A marker must be a line of its own: a list with headings cannot sit inside a paragraph."""
    masked, findings = prose(text), []
    for marker in (MARKER, FEED_MARKER):
        for match in re.finditer(re.escape(marker), masked):
            start = masked.rfind("\n", 0, match.start()) + 1
            end = masked.find("\n", match.end())
            if masked[start:end if end >= 0 else len(masked)].strip() != marker:
                findings.append(Finding(path, line_of(masked, match.start()), f"the marker {marker} must be on a line "
                                        "of its own — put it on its own line, with an empty line above and below"))
    return findings


# --- MkDocs adapter -------------------------------------------------------------------

def _offline(config) -> bool:
    """The offline copy (mkdocs-offline.yml): Material's offline plugin, or extra.offline_copy."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled) or bool(config.extra.get("offline_copy"))


def _feed_path(config, language: str) -> str:
    return language_folder(language, default_language(config)) + FEED_FILE


def collect(build, now, files, config) -> None:
    """This language's change notes and law changes, and the page that lists them."""
    language = now.language
    entries, urls, history, holders, findings = [], {}, set(), [], []
    for file in files.documentation_pages():
        page = getattr(file, "norm_src_uri", file.src_uri)
        if getattr(file, "locale", language) != language:
            urls.setdefault(page, file.url)  # a fallback copy: linkable, but its notes are the other language's
            continue
        urls[page] = file.url
        text = file.content_string
        has_marker = MARKER in text or FEED_MARKER in text or HISTORY_MARKER in text
        if not has_marker and "changes:" not in text:
            continue
        # Finding the code costs a parse of the page: only a page with a marker needs it.
        masked = prose(text) if has_marker else ""
        if HISTORY_MARKER in masked:
            history.add(page)
        if MARKER in masked:
            holders.append(file)
        if MARKER in masked or FEED_MARKER in masked:
            findings += marker_findings(text, repo_path(config, file.src_path))
        entries += page_entries(text, page)
    entries += law_entries(build.statutes, language, history)
    for other in holders[1:]:
        masked = prose(other.content_string)
        findings.append(Finding(repo_path(config, other.src_path), line_of(masked, masked.index(MARKER)),
                                f"the marker {MARKER} is also on {repo_path(config, holders[0].src_path)} — keep it "
                                "on one page per language (the feed links to that page)"))
    report(findings)
    holder = holders[0] if holders else None
    meta = {}
    if holder is not None:
        try:
            meta = read_front_matter(holder.content_string)[0] or {}
        except YamlProblem:
            meta = {}  # front_matter.py stops the build with the line
    name = str(config.get("site_name") or "")
    page_title = str(meta.get("title") or "") if isinstance(meta, dict) else ""
    now.whats_new = {
        "entries": entries, "urls": urls,
        "title": f"{name} – {page_title}" if name and page_title else (page_title or name),
        "author": str(meta.get("owner") or "") if isinstance(meta, dict) else "",
        "alternate": holder.url if holder is not None else "",
    }


def add_listing(build, markdown, page, config) -> str:
    if MARKER not in markdown and FEED_MARKER not in markdown:
        return markdown
    language = current_language(config)
    facts = build.now(language).whats_new or {"entries": []}
    if MARKER in markdown:
        listing = whats_new_markdown(facts["entries"], language, page.file.src_uri, build.today)
        markdown = substitute(markdown, MARKERS, lambda match: f"\n\n{listing}\n\n")
    if FEED_MARKER in markdown:
        link = "" if _offline(config) or not config.get("site_url") else \
            feed_link(language, _feed_path(config, language), page.url)
        markdown = substitute(markdown, FEED_MARKERS, lambda match: link)
    return markdown
