"""What the statute register writes into pages (registers/statutes.py).

Editors write [4 kap. 1 a § brottsbalken](sfs:1962:700#K4P1a). The build
replaces sfs:NUMBER with the statute's official URL from the register, keeps
the section anchor and gives the link the provision's current title as
tooltip; a link whose text uses an earlier title of the provision says that
it was renamed. An SFS number that is not in the register is an error with
file and line.

From the register the build also renders, so that a page never contradicts it:
- the overview table wherever a page has the line <!-- nmt:statute-table -->;
- the timeline "Så har lagen ändrats" wherever a page has the line
  <!-- nmt:statute-history --> (the provisions whose `page` is that page);
- a notice at the top of every page that cites a provision (an sfs: link to
  it, or being its `page`) when the law changed after the page's `reviewed`
  date, or when a change is coming. Such pages are marked for review.json.
"""
from __future__ import annotations

import datetime
import difflib
import posixpath
import re

from nmt.core.escape import markdown_text, markdown_url
from nmt.core.findings import Finding, report
from nmt.core.markdown import line_of, prose, substitute
from nmt.core.pages import is_fallback_copy, page_key, page_language, repo_path
from nmt.core.site_facts import build_date, default_language_page
from nmt.core.strings import strings
from nmt.registers.statutes import (
    ANCHOR,
    SFS,
    UNCONFIRMED,
    LawChange,
    Statute,
    _date,
    changes_of,
    last_change,
    provision_index,
    provisions,
)

# The target of a Markdown link or reference definition that uses the sfs: scheme.
# The number and anchor stop at any bracket: from every "[" of a hostile line they would otherwise
# run to its end (quadratic).
SFS_TARGET = re.compile(r"(?<=\]\(|\]:)(?P<space>[ \t]*)sfs:(?P<number>[^\s()#\[\]]*)(?P<anchor>#[^\s()#\[\]]*)?")
# A whole inline link to sfs: — [text](sfs:NUMBER#anchor "title") — so its text and title can change.
SFS_LINK = re.compile(r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\((?P<space>[ \t]*)sfs:(?P<number>[^\s()#\[\]]*)"
                      r"(?P<anchor>#[^\s()#\[\]]*)?(?P<title>[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)")
TABLE_MARKER = "<!-- nmt:statute-table -->"
HISTORY_MARKER = "<!-- nmt:statute-history -->"
HISTORY = re.compile(re.escape(HISTORY_MARKER))


# --- Reading the register --------------------------------------------------------------

def format_date(day: datetime.date, language: str) -> str:
    """1 juli 2025 / 1 July 2025: how the pages write dates."""
    months = strings("months", language)
    return f"{day.day} {months[day.month - 1]} {day.year}"


def _text(language: str) -> dict:
    return strings("statutes", language)


def amending_sfs(change: dict, language: str) -> str:
    """'SFS 2022:1043', or 'SFS-nummer ej bekräftat' / 'SFS number not confirmed' for sfs: unconfirmed."""
    number = str(change["sfs"])
    return _text(language)["sfs_unconfirmed"] if number == UNCONFIRMED else f"SFS {number}"


def _mid_sentence(title: str) -> str:
    """A title inside a sentence: 'Köp av sexuell handling' → 'köp av sexuell handling' (not 'EU-…')."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def label(statute: Statute, item: dict, language: str, markdown: bool = False) -> str:
    """6 kap. 11 § i Brottsbalk (1962:700) / Chapter 6, Section 11 of the Swedish Criminal Code (1962:700).

    markdown: the register's text escaped for generated Markdown (markdown_text)."""
    plain = markdown_text if markdown else str
    return _text(language)["label"].format(section=plain(item["section"][language]),
                                           name=plain(statute.name[language]), sfs=statute.sfs)


def _official(statute: Statute, item: dict) -> str:
    return markdown_url(statute.url) + (f"#{item['anchor']}" if item.get("anchor") else "")


def _link(statute: Statute, item: dict, language: str) -> str:
    """[6 kap. 11 § i Brottsbalk (1962:700)](official text): register text escaped for Markdown."""
    return f"[{label(statute, item, language, markdown=True)}]({_official(statute, item)})"


def _sentence(change: LawChange, language: str) -> str:
    """What changed, then the amending SFS and the bill: 'Böterna togs bort (SFS 2022:1043, prop. 2021/22:231).'
    An unconfirmed number reads 'SFS-nummer ej bekräftat' in its place.

    Markdown: the register's text is escaped (markdown_text), so it stays plain text."""
    what = markdown_text(change.change["what"][language].strip().rstrip("."))
    bill = str(change.change["bill"]).strip()
    if language != "sv":
        bill = re.sub(r"^prop\.\s*", _text(language)["bill"] + " ", bill)
    return f"{what} ({amending_sfs(change.change, language)}, {bill})."


# --- What a page cites and what changed under it ---------------------------------------------

def _sfs_links(text: str):
    """((SFS, anchor), offset) of every sfs: link in the page's running text."""
    for match in SFS_TARGET.finditer(prose(text)):
        yield (match["number"], (match["anchor"] or "#")[1:]), match.start()


def cited_provisions(text: str, page: str, statutes: dict) -> list[tuple[Statute, dict]]:
    """The provisions a page cites: sfs: links to them, and those whose `page` it is."""
    index, cited = provision_index(statutes), {}
    for key, _ in _sfs_links(text):
        if key in index:
            cited[id(index[key][1])] = index[key]
    for statute, item in provisions(statutes):
        if item.get("page") == page:
            cited[id(item)] = (statute, item)
    return list(cited.values())


def citation_lines(text: str, statute: Statute, item: dict) -> list[int]:
    """The lines where a page links to a provision (for `make maintenance-report`); like
    provision_index, only a provision with an anchor can be linked."""
    if not item.get("anchor"):
        return []
    wanted = (statute.sfs, str(item["anchor"]))
    return [line_of(text, offset) for key, offset in _sfs_links(text) if key == wanted]


def law_changes(text: str, page: str, statutes: dict, reviewed: datetime.date | None,
                today: datetime.date) -> tuple[list[LawChange], list[LawChange]]:
    """(changes that applied after the page was reviewed, changes still to come) of what the page cites."""
    changed, coming = [], []
    for statute, item in cited_provisions(text, page, statutes):
        for change in changes_of(statute, item):
            if change.applies_from > today:
                coming.append(change)
            elif reviewed and change.applies_from > reviewed:
                changed.append(change)
    order = lambda change: (change.applies_from, change.statute.sfs, str(change.provision.get("anchor")))  # noqa: E731
    return sorted(changed, key=order), sorted(coming, key=order)


def law_notice(changed: list[LawChange], coming: list[LawChange], reviewed: datetime.date | None,
               language: str) -> str:
    """The admonitions at the top of the page (Markdown), or ''."""
    text, blocks = _text(language), []
    if changed and reviewed:
        newest = changed[-1].applies_from
        lines = [f'!!! warning "{text["changed_title"]}"', "",
                 "    " + text["changed"].format(date=format_date(newest, language),
                                                 reviewed=format_date(reviewed, language)), ""]
        for change in reversed(changed):
            item = text["changed_item"].format(
                link=_link(change.statute, change.provision, language),
                title=markdown_text(_mid_sentence(change.provision["title"][language])),
                date=format_date(change.applies_from, language), what=_sentence(change, language))
            lines.append(f"    - {item}")
        blocks.append("\n".join(lines))
    if coming:
        lines = [f'!!! info "{text["coming"]}"']
        for change in coming:
            lines += ["", "    " + text["coming_item"].format(
                date=format_date(change.applies_from, language), link=_link(change.statute, change.provision, language),
                title=markdown_text(_mid_sentence(change.provision["title"][language])),
                what=_sentence(change, language))]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def law_changed_facts(changed: list[LawChange], language: str) -> list[dict]:
    """The changes behind a page's 'law-changed' status, for review.json (newest first)."""
    return [{"provision": label(change.statute, change.provision, language), "sfs": change.statute.sfs,
             "anchor": str(change.provision.get("anchor") or ""), "applies_from": change.applies_from.isoformat(),
             "amended_by": str(change.change["sfs"])} for change in reversed(changed)]


def law_changed_finding(path: str, changed: list[LawChange], reviewed: datetime.date, language: str) -> Finding:
    """A notice (never an error): the editor sees which page the register put into 'law changed'."""
    what = "; ".join(f"{label(change.statute, change.provision, language)} changed on "
                     f"{change.applies_from.isoformat()} ({amending_sfs(change.change, 'en')})"
                     for change in reversed(changed))
    return Finding(path, 1, f"law changed after review: {what}, after the page was reviewed on "
                            f"{reviewed.isoformat()} — check the page against the law, then update 'reviewed'",
                   "notice")


def check_history_marker(text: str, path: str, page: str, statutes: dict) -> list[Finding]:
    """The timeline marker only on a page that some provision names as its `page`."""
    masked = prose(text)
    if HISTORY_MARKER not in masked or any(item.get("page") == page for _, item in provisions(statutes)):
        return []
    return [Finding(path, line_of(masked, masked.index(HISTORY_MARKER)), f"the marker {HISTORY_MARKER} is on a page that no provision in docs/statutes.yml "
                                f"names as its 'page' — remove the marker, or add 'page: {page}' to the "
                                "provision it describes")]


# --- Rendering --------------------------------------------------------------------------

def check_references(text: str, path: str, statutes: dict) -> list[Finding]:
    """sfs: links with an unknown or malformed SFS number."""
    findings = []
    masked = prose(text)
    for match in SFS_TARGET.finditer(masked):
        number, anchor = match["number"], match["anchor"]
        line = masked.count("\n", 0, match.start()) + 1
        if not SFS.fullmatch(number):
            findings.append(Finding(path, line, f"'sfs:{number}' is not an SFS number — write sfs:YYYY:NNN, "
                                                "e.g. sfs:1962:700#K4P1a"))
        elif number not in statutes:
            close = difflib.get_close_matches(number, list(statutes), n=2, cutoff=0.7)
            hint = f" (did you mean {' or '.join(close)}?)" if close else ""
            findings.append(Finding(path, line, f"SFS {number} is not in docs/statutes.yml{hint} — "
                                                "add the statute there or check the number"))
        elif anchor and not ANCHOR.fullmatch(anchor):
            findings.append(Finding(path, line, f"'{anchor}' is not a section anchor — write #K<chapter>P<section>, "
                                                "e.g. #K4P1a, or #P1 for a law without chapters", "warning"))
    return findings


def renamed_text(text: str, item: dict, language: str, today: datetime.date) -> str:
    """The link text, saying so when it uses an earlier title of the provision."""
    current = str(item["title"].get(language, ""))
    if not current or current.lower() in text.lower():
        return text
    for earlier in item.get("earlier_titles") or []:
        old = str(earlier.get(language) or "").strip()
        found = re.search(re.escape(old) + r"\w*", text, re.I) if old else None
        if found:
            renamed = _date(earlier["until"]) + datetime.timedelta(days=1)
            wording = _text(language)["renamed" if renamed <= today else "renaming"]
            return text[:found.start()] + wording.format(text=found.group(0), date=format_date(renamed, language),
                                                         title=markdown_text(_mid_sentence(current))) + \
                text[found.end():]
    return text


def link_statutes(markdown: str, statutes: dict, language: str | None = None,
                  today: datetime.date | None = None) -> str:
    """sfs: links → the official text. With a language, links to a provision in the register get its
    current title as tooltip and say when their text uses an earlier title."""
    index = provision_index(statutes) if language else {}
    today = today or build_date()

    def provision(match: re.Match):
        return index.get((match["number"], (match["anchor"] or "#")[1:]), (None, None))[1]

    def title_of(item) -> str:
        return ' "' + str(item["title"][language]).replace('"', "”") + '"' if item else ""

    def inline(match: re.Match) -> str:
        statute = statutes.get(match["number"])
        if not statute:
            return match.group(0)
        item = provision(match)
        text = renamed_text(match["text"], item, language, today) if item else match["text"]
        return (f"[{text}]({match['space']}{markdown_url(statute.url)}{match['anchor'] or ''}"
                f"{match['title'] or title_of(item)})")

    def official(match: re.Match) -> str:
        statute = statutes.get(match["number"])
        return f"{match['space']}{markdown_url(statute.url)}{match['anchor'] or ''}" if statute else match.group(0)

    return substitute(substitute(markdown, SFS_LINK, inline), SFS_TARGET, official)


def _dated(change: LawChange, language: str) -> str:
    """'1 juli 2022 (SFS 2022:1043)': the day a change applies and the law that made it."""
    return f"{format_date(change.applies_from, language)} ({amending_sfs(change.change, language)})"


def statute_table(statutes: dict, language: str, page_src: str, today: datetime.date | None = None) -> str:
    """The legislation overview as a Markdown table, links relative to page_src."""
    text, today = _text(language), today or build_date()
    provision, statute_label, since, changed, covers = text["headers"]
    rows = [f"| {provision} | {statute_label} | {since} | {changed} | {covers} |", "|---|---|---|---|---|"]
    here = posixpath.dirname(page_src) or "."
    for statute, item in provisions(statutes):
        page = posixpath.relpath(item["page"], here)
        anchor = f"#{item['anchor']}" if item.get("anchor") else ""
        last = last_change(statute, item, today)
        latest = [_dated(last, language)] if last else []
        latest += [f"{text['coming']} {_dated(change, language)}"
                   for change in changes_of(statute, item) if change.applies_from > today]
        rows.append(f"| [{markdown_text(item['title'][language])}]({page}) — "
                    f"{markdown_text(item['section'][language])} "
                    f"| [{markdown_text(statute.name[language])} ({statute.sfs})]({markdown_url(statute.url)}{anchor}) "
                    f"| {format_date(_date(item['in_force']), language)} | {'; '.join(latest) or '–'} "
                    f"| {markdown_text(item['covers'][language])} |")
    return "\n".join(rows)


def statute_history(statutes: dict, language: str, page: str, today: datetime.date | None = None) -> str:
    """'Så har lagen ändrats': the changes of the provisions whose `page` is this page, newest first."""
    text, today = _text(language), today or build_date()
    own = [(statute, item) for statute, item in provisions(statutes) if item.get("page") == page]
    if not own:
        return ""
    many = len(own) > 1
    events = []  # (date, provision, text)
    for statute, item in own:
        for change in changes_of(statute, item):
            events.append((change.applies_from, statute, item, change))
        events.append((_date(item["in_force"]), statute, item, None))
    events.sort(key=lambda event: (event[0], event[3] is not None), reverse=True)
    statute, item = own[0]
    intro = text["history_many"] if many else text["history_one"].format(link=_link(statute, item, language))
    lines = [f"## {text['history']} {{#law-history}}", "", intro, ""]
    for day, statute, item, change in events:
        when = format_date(day, language)
        if change is not None and day > today:
            when = f"{text['coming']}, {when}"
        what = _sentence(change, language) if change is not None else text["in_force"] + "."
        head = f"**{when}**, {markdown_text(item['section'][language])}:" if many else f"**{when}:**"
        lines.append(f"- {head} {what}")
    return "\n".join(lines)


# --- Steps (called by pipeline.py) ---------------------------------------------------

def _reviewed(meta) -> datetime.date | None:
    value = meta.get("reviewed")
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else _date(value)


def add_register_text(build, markdown, page, config) -> str:
    """Check the page's sfs: links; add the overview table, the history and the law-changed notice."""
    statutes, today = build.statutes, build.today
    language = page_language(page, config.theme["language"])
    raw, own = page.file.content_string, default_language_page(page.file.src_uri)
    reviewed = _reviewed(page.meta)
    changed, coming = law_changes(raw, own, statutes, reviewed, today)
    if changed:
        build.law_changed[page_key(page, config)] = law_changed_facts(changed, language)
    if not is_fallback_copy(page, config):
        path = repo_path(config, page.file.src_path)
        findings = check_references(raw, path, statutes) + check_history_marker(raw, path, own, statutes)
        if changed:
            findings.append(law_changed_finding(path, changed, reviewed, language))
        report(findings)
    if TABLE_MARKER in markdown:
        markdown = markdown.replace(TABLE_MARKER, statute_table(statutes, language, page.file.src_uri, today))
    if HISTORY_MARKER in markdown:
        history = statute_history(statutes, language, own, today)
        markdown = substitute(markdown, HISTORY, lambda match: f"\n\n{history}\n\n")
    notice = law_notice(changed, coming, reviewed, language)
    return notice + "\n\n" + markdown if notice else markdown


def link_statutes_in(build, markdown, page, config) -> str:
    """Every sfs: link of the page, written or generated, to the official text."""
    return link_statutes(markdown, build.statutes, page_language(page, config.theme["language"]), build.today)


# --- Per-page state (preview/reuse.py gives it back to a page a later rebuild reuses) ---------

def page_record(build, page, config) -> list[dict]:
    """The changes behind the page's 'law-changed' status, for a later rebuild that reuses the page."""
    return build.law_changed.get(page_key(page, config), [])


def restore_page(build, page, config, facts: list[dict]) -> None:
    if facts:
        build.law_changed[page_key(page, config)] = facts
