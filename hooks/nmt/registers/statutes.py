"""The statute register, docs/statutes.yml: read and validated into Statute objects.

Each statute has its SFS number, names, the official text's address and its
provisions; each provision its section, anchor (unique within the statute),
title, earlier titles, the page that explains it and every change with the
date it applies from, the amending SFS number (or `unconfirmed`), the bill
and one sentence per language. A key the register does not know is named.
blocks/statute_text.py turns it into links, tables, timelines and notices.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from nmt.core.dates import date_problem, parse_date
from nmt.core.findings import Finding
from nmt.core.site_facts import site_languages as languages
from nmt.core.yaml_lines import YamlProblem, line_in, load_data_file, load_yaml
from nmt.policy.links import check_data_url

STATUTE_FILE = "statutes.yml"
SFS = re.compile(r"\d{4}:\d{1,4}")
BILL = re.compile(r"prop\. \d{4}/(?:\d{2}|\d{4}):\d+")
ANCHOR = re.compile(r"#(?:K\d+[a-z]?)?P\d+[a-z]?|#K\d+[a-z]?")
# What an editor wrote after `sfs:` on a line of the register (to see whether it is quoted).
RAW_SFS = re.compile(r"(?<![\w-])sfs:[ \t]*(?P<value>\"[^\"\n]*\"?|'[^'\n]*'?|[^,}\n#]*)")
# `sfs: unconfirmed` on a change: the bill and the date are confirmed, the amending SFS number
# is not (yet). The change counts like any other; the site shows "SFS-nummer ej bekräftat".
UNCONFIRMED = "unconfirmed"

@dataclass
class Statute:
    sfs: str
    line: int
    name: dict
    url: str
    short: str = ""
    provisions: list = field(default_factory=list)


@dataclass(eq=False)
class LawChange:
    """One change of a provision, as a page that cites the provision sees it."""
    statute: Statute
    provision: dict
    change: dict

    @property
    def applies_from(self) -> datetime.date:
        return parse_date(self.change["applies_from"])   # checked when the register was read


# --- The register ---------------------------------------------------------------------

def load_register(text: str, path: str, wanted: list[str], docs: Path) -> tuple[dict | None, list[Finding]]:
    """Parse and validate the register; None when the file cannot be used."""
    try:
        data = load_yaml(text)
    except YamlProblem as problem:
        return None, [Finding(path, problem.line, problem.message)]
    if not isinstance(data, list):
        return None, [Finding(path, 1, "the statute register must be a list, each item starting with '- sfs: …'")]
    lines = text.splitlines()
    statutes, findings = {}, []
    for entry in data:
        statute, problems = _read_statute(entry, path, wanted, docs, lines)
        findings += problems
        if statute and statute.sfs in statutes:
            findings.append(Finding(path, statute.line, f"SFS {statute.sfs} is listed twice — keep one entry"))
        elif statute:
            statutes[statute.sfs] = statute
    return statutes, findings


def _translated(value, wanted) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip()
                                           for lang in wanted)


_date = parse_date


def _is_date(value) -> bool:
    return _date(value) is not None


# The keys each level of the register may hold (current_since is refused with its own message).
STATUTE_KEYS = {"sfs", "short", "name", "url", "provisions"}
PROVISION_KEYS = {"section", "anchor", "title", "earlier_titles", "covers", "in_force", "page", "changes",
                  "current_since"}
CHANGE_KEYS = {"applies_from", "sfs", "bill", "what"}


def _unknown_keys(mapping: dict, known: set, path: str, sfs: str, what: str) -> list[Finding]:
    """A key the register does not know is a typo (appllies_from) or a field that silently does nothing."""
    return [Finding(path, line_in(mapping, key), f"SFS {sfs}: {what} has '{key}', which the register does not "
                                                 f"know — use {', '.join(sorted(known - {'current_since'}))}")
            for key in mapping if key not in known]


def _read_statute(entry, path, wanted, docs, lines=()) -> tuple[Statute | None, list[Finding]]:
    """A statute with its valid provisions; links to it work even when a
    provision (a table row) has a problem."""
    if not isinstance(entry, dict):
        return None, [Finding(path, 1, "each statute must start with '- sfs: \"YYYY:NNN\"'")]
    line = line_in(entry)
    sfs = str(entry.get("sfs", ""))
    written, quoted = _as_written(entry.get("sfs", ""), line_in(entry, "sfs", line), lines)
    if not (SFS.fullmatch(sfs) and quoted):
        return None, [Finding(path, line, f"'sfs: {written}' is not an SFS number in quotes — write it in quotes "
                                          "as \"YYYY:NNN\", e.g. \"1962:700\"")]
    findings = _unknown_keys(entry, STATUTE_KEYS, path, sfs, "the statute")
    if not _translated(entry.get("name"), wanted):
        findings.append(Finding(path, line_in(entry, "name"), f"SFS {sfs}: 'name' needs "
                                                              f"{' and '.join(wanted)} names"))
    url = entry.get("url")
    if not isinstance(url, str) or not url.startswith("https://"):
        findings.append(Finding(path, line_in(entry, "url"), f"SFS {sfs}: 'url' must be the https address "
                                                             "of the official text"))
    elif problem := check_data_url(url, []):  # the same policy as links in pages; it goes into Markdown
        findings.append(Finding(path, line_in(entry, "url"), f"SFS {sfs}: 'url' must be the https address "
                                                             f"of the official text — the url {problem}"))
    if findings:
        return None, findings
    provisions, anchors = [], {}
    provision_list = entry.get("provisions") or []
    for provision in provision_list if isinstance(provision_list, list) else [provision_list]:
        problems = _check_provision(provision, sfs, path, wanted, docs, line, lines)
        anchor = provision.get("anchor") if isinstance(provision, dict) else None
        if not problems and anchor in anchors:
            # The anchor is the provision's name in links, the table and the feed's entry ids.
            problems = [Finding(path, line_in(provision, "anchor", line), f"SFS {sfs}: 'anchor: {anchor}' is "
                                f"already the anchor of the provision on line {anchors[anchor]} — each provision "
                                "has its own anchor, the one of its section in the official text")]
        findings += problems
        if not problems:
            provisions.append(provision)
            anchors[anchor] = line_in(provision, "anchor", line)
    return Statute(sfs, line, entry["name"], url, str(entry.get("short") or ""), provisions), findings


def _check_provision(provision, sfs, path, wanted, docs, line, lines=()) -> list[Finding]:
    at = line_in(provision, default=line)
    if not isinstance(provision, dict):
        return [Finding(path, at, f"SFS {sfs}: each provision is a mapping with section, title, covers, page")]
    findings = [Finding(path, line_in(provision, key, at), f"SFS {sfs}: provision '{key}' needs "
                                                           f"{' and '.join(wanted)} text")
                for key in ("section", "title", "covers") if not _translated(provision.get(key), wanted)]
    findings += _unknown_keys(provision, PROVISION_KEYS, path, sfs, "a provision")
    anchor = provision.get("anchor")
    if "anchor" not in provision:
        findings.append(Finding(path, at, f"SFS {sfs}: provision needs 'anchor: K<chapter>P<section>', the id of "
                                          "its section in the official text, e.g. 'anchor: K4P1a'"))
    elif not isinstance(anchor, str) or not ANCHOR.fullmatch(f"#{anchor}"):
        findings.append(Finding(path, line_in(provision, "anchor", at), f"SFS {sfs}: 'anchor: {anchor}' is not a "
                                "section anchor — write K<chapter>P<section> as in the official text, e.g. "
                                "'anchor: K4P1a' (or P5 in a law without chapters)"))
    if "in_force" in provision and not _is_date(provision["in_force"]):
        findings.append(Finding(path, line_in(provision, "in_force", at), f"SFS {sfs}: 'in_force' must be a date "
                                                                          "written YYYY-MM-DD"))
    if "current_since" in provision:
        findings.append(Finding(path, line_in(provision, "current_since", at),
                                f"SFS {sfs}: 'current_since' is no longer used — list each change under "
                                "'changes:' with applies_from, sfs, bill and what"))
    if "in_force" not in provision:
        findings.append(Finding(path, at, f"SFS {sfs}: provision needs 'in_force: YYYY-MM-DD'"))
    page = provision.get("page")
    if not isinstance(page, str) or not (docs / page).is_file():
        findings.append(Finding(path, line_in(provision, "page", at), f"SFS {sfs}: provision 'page: {page}' "
                                                                      "is not a page in docs/"))
    findings += _check_earlier_titles(provision, sfs, path, wanted, at)
    findings += _check_changes(provision, sfs, path, wanted, at, lines)
    return findings


def _check_earlier_titles(provision, sfs, path, wanted, at) -> list[Finding]:
    titles = provision.get("earlier_titles")
    if titles is None:
        return []
    where = line_in(provision, "earlier_titles", at)
    if not isinstance(titles, list) or not all(isinstance(title, dict) for title in titles):
        return [Finding(path, where, f"SFS {sfs}: 'earlier_titles' must be a list, each item like "
                                     f"{{sv: …, en: …, until: \"YYYY-MM-DD\"}}")]
    findings = []
    for title in titles:
        line = line_in(title, default=where)
        findings += _unknown_keys(title, {*wanted, "until"}, path, sfs, "an earlier title")
        if not _translated(title, wanted):
            findings.append(Finding(path, line, f"SFS {sfs}: earlier title needs {' and '.join(wanted)} text"))
        if "until" not in title:
            findings.append(Finding(path, line, f"SFS {sfs}: earlier title needs 'until: \"YYYY-MM-DD\"', "
                                                "the last day the old title was used"))
        elif not _is_date(title["until"]):
            findings.append(Finding(path, line_in(title, "until", line), f"SFS {sfs}: earlier title "
                                    f"'until: {title['until']}' {date_problem(title['until'])} — write the last day the "
                                    "old title was used as \"YYYY-MM-DD\""))
    return findings


def _check_changes(provision, sfs, path, wanted, at, lines) -> list[Finding]:
    changes = provision.get("changes")
    if changes is None:
        return []
    where = line_in(provision, "changes", at)
    if not isinstance(changes, list) or not all(isinstance(change, dict) for change in changes):
        return [Finding(path, where, f"SFS {sfs}: 'changes' must be a list, each change starting with "
                                     "'- applies_from: \"YYYY-MM-DD\"'")]
    findings, previous = [], None
    for change in changes:
        line = line_in(change, default=where)
        findings += _unknown_keys(change, CHANGE_KEYS, path, sfs, "a change")
        applies_from = _date(change.get("applies_from"))
        if "applies_from" not in change:
            findings.append(Finding(path, line, f"SFS {sfs}: change needs 'applies_from: \"YYYY-MM-DD\"', "
                                                "the date the change applies from"))
        elif applies_from is None:
            findings.append(Finding(path, line_in(change, "applies_from", line), f"SFS {sfs}: change "
                                    f"'applies_from: {change['applies_from']}' {date_problem(change['applies_from'])} — write it "
                                    "as \"YYYY-MM-DD\""))
        elif previous and applies_from < previous:
            findings.append(Finding(path, line_in(change, "applies_from", line), f"SFS {sfs}: change "
                                    f"'applies_from: {applies_from}' is older than the change above it "
                                    f"({previous}) — list changes oldest first"))
        previous = applies_from or previous
        findings += _check_amending_sfs(change, sfs, path, line, lines)
        bill = change.get("bill")
        if "bill" not in change:
            findings.append(Finding(path, line, f"SFS {sfs}: change needs 'bill: \"prop. YYYY/YY:NNN\"', "
                                                "the government bill behind the change"))
        elif not isinstance(bill, str) or not BILL.fullmatch(bill.strip()):
            findings.append(Finding(path, line_in(change, "bill", line), f"SFS {sfs}: change 'bill: {bill}' "
                                    "is not a government bill — write it like \"prop. 2021/22:231\""))
        if not _translated(change.get("what"), wanted):
            findings.append(Finding(path, line_in(change, "what", line), f"SFS {sfs}: change 'what' needs "
                                    f"{' and '.join(wanted)} text — one plain sentence per language"))
    return findings


def _as_written(value, at: int, lines) -> tuple[str, bool]:
    """What the editor wrote after 'sfs:' on line `at`, and whether it is in quotes.

    Unquoted, YAML 1.1 tools (the editor in the browser among them) read 2011:51
    as a number (base 60), and 2005:716 only happens to stay text: the quotes are
    what keeps an SFS number an SFS number, in the register's every 'sfs:'."""
    raw = RAW_SFS.search(lines[at - 1]) if 0 < at <= len(lines) else None
    written = raw["value"].strip() if raw else str(value)
    return written, written.startswith(("\"", "'")) if raw else True


def _check_amending_sfs(change, sfs, path, line, lines) -> list[Finding]:
    if "sfs" not in change:
        return [Finding(path, line, f"SFS {sfs}: change needs 'sfs: \"YYYY:NNN\"', the number of the "
                                    f"amending law, or 'sfs: {UNCONFIRMED}' while the number is not confirmed")]
    value, at = change["sfs"], line_in(change, "sfs", line)
    if value == UNCONFIRMED:
        return []
    written, quoted = _as_written(value, at, lines)
    if isinstance(value, str) and SFS.fullmatch(value) and quoted:
        return []
    return [Finding(path, at, f"SFS {sfs}: change 'sfs: {written}' is not an SFS number in quotes — write the "
                              "amending law's number as \"YYYY:NNN\", e.g. sfs: \"2022:1043\", or write "
                              f"sfs: {UNCONFIRMED} while the number is not confirmed")]


def provisions(statutes: dict):
    for statute in statutes.values():
        for item in statute.provisions:
            yield statute, item


def provision_index(statutes: dict) -> dict:
    """(SFS, anchor) → (statute, provision)."""
    return {(statute.sfs, str(item["anchor"])): (statute, item)
            for statute, item in provisions(statutes) if item.get("anchor")}


def changes_of(statute: Statute, item: dict) -> list[LawChange]:
    return [LawChange(statute, item, change) for change in item.get("changes") or []]


def last_change(statute: Statute, item: dict, today: datetime.date) -> LawChange | None:
    applied = [change for change in changes_of(statute, item) if change.applies_from <= today]
    return applied[-1] if applied else None


def load(build, config) -> None:
    docs = Path(config["docs_dir"])
    build.statutes = load_data_file(config, STATUTE_FILE,
                                    lambda text, path: load_register(text, path, languages(config), docs))
