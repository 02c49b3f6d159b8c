"""Statute references: docs/statutes.yml → links to the official text.

Editors write [4 kap. 1 a § brottsbalken](sfs:1962:700#K4P1a). The build
replaces sfs:NUMBER with the statute's official URL from the register and
keeps the section anchor. An SFS number that is not in the register is an
error with file and line. The register also generates the overview table
wherever a page has the line <!-- nmt:statute-table -->.
"""
from __future__ import annotations

import datetime
import difflib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from _common import (Finding, YamlProblem, is_fallback_copy, is_outer_pass, languages, line_in, load_data_file,
                     load_yaml, no_traceback, page_language, prose, report, repo_path, substitute)

STATUTE_FILE = "statutes.yml"
SFS = re.compile(r"\d{4}:\d{1,4}")
# The target of a Markdown link or reference definition that uses the sfs: scheme.
SFS_TARGET = re.compile(r"(?<=\]\(|\]:)(?P<space>\s*)sfs:(?P<number>[^\s)#]*)(?P<anchor>#[^\s)]*)?")
ANCHOR = re.compile(r"#(?:K\d+[a-z]?)?P\d+[a-z]?|#K\d+[a-z]?")
TABLE_MARKER = "<!-- nmt:statute-table -->"
HEADERS = {
    "sv": ("Bestämmelse", "Lag", "Gäller från", "Vad den gäller", "nuvarande lydelse från"),
    "en": ("Provision", "Statute", "In force since", "What it covers", "current wording since"),
}


@dataclass
class Statute:
    sfs: str
    line: int
    name: dict
    url: str
    short: str = ""
    provisions: list = field(default_factory=list)


def load_register(text: str, path: str, wanted: list[str], docs: Path) -> tuple[dict | None, list[Finding]]:
    """Parse and validate the register; None when the file cannot be used."""
    try:
        data = load_yaml(text)
    except YamlProblem as problem:
        return None, [Finding(path, problem.line, problem.message)]
    if not isinstance(data, list):
        return None, [Finding(path, 1, "the statute register must be a list, each item starting with '- sfs: …'")]
    statutes, findings = {}, []
    for entry in data:
        statute, problems = _read_statute(entry, path, wanted, docs)
        findings += problems
        if statute and statute.sfs in statutes:
            findings.append(Finding(path, statute.line, f"SFS {statute.sfs} is listed twice — keep one entry"))
        elif statute:
            statutes[statute.sfs] = statute
    return statutes, findings


def _translated(value, wanted) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip()
                                           for lang in wanted)


def _is_date(value) -> bool:
    try:
        datetime.date.fromisoformat(str(value))
        return True
    except ValueError:
        return False


def _read_statute(entry, path, wanted, docs) -> tuple[Statute | None, list[Finding]]:
    """A statute with its valid provisions; links to it work even when a
    provision (a table row) has a problem."""
    if not isinstance(entry, dict):
        return None, [Finding(path, 1, "each statute must start with '- sfs: \"YYYY:NNN\"'")]
    line = line_in(entry)
    sfs = str(entry.get("sfs", ""))
    if not SFS.fullmatch(sfs):
        return None, [Finding(path, line, f"'sfs: {sfs}' is not an SFS number — write it in quotes as "
                                          "\"YYYY:NNN\", e.g. \"1962:700\"")]
    findings = []
    if not _translated(entry.get("name"), wanted):
        findings.append(Finding(path, line_in(entry, "name"), f"SFS {sfs}: 'name' needs "
                                                              f"{' and '.join(wanted)} names"))
    url = entry.get("url")
    if not isinstance(url, str) or not url.startswith("https://"):
        findings.append(Finding(path, line_in(entry, "url"), f"SFS {sfs}: 'url' must be the https address "
                                                             "of the official text"))
    if findings:
        return None, findings
    provisions = []
    for provision in entry.get("provisions") or []:
        problems = _check_provision(provision, sfs, path, wanted, docs, line)
        findings += problems
        if not problems:
            provisions.append(provision)
    return Statute(sfs, line, entry["name"], url, str(entry.get("short") or ""), provisions), findings


def _check_provision(provision, sfs, path, wanted, docs, line) -> list[Finding]:
    at = line_in(provision, default=line)
    if not isinstance(provision, dict):
        return [Finding(path, at, f"SFS {sfs}: each provision is a mapping with section, title, covers, page")]
    findings = [Finding(path, line_in(provision, key, at), f"SFS {sfs}: provision '{key}' needs "
                                                           f"{' and '.join(wanted)} text")
                for key in ("section", "title", "covers") if not _translated(provision.get(key), wanted)]
    for key in ("in_force", "current_since"):
        if key in provision and not _is_date(provision[key]):
            findings.append(Finding(path, line_in(provision, key, at), f"SFS {sfs}: '{key}' must be a date "
                                                                       "written YYYY-MM-DD"))
    if "in_force" not in provision:
        findings.append(Finding(path, at, f"SFS {sfs}: provision needs 'in_force: YYYY-MM-DD'"))
    page = provision.get("page")
    if not isinstance(page, str) or not (docs / page).is_file():
        findings.append(Finding(path, line_in(provision, "page", at), f"SFS {sfs}: provision 'page: {page}' "
                                                                      "is not a page in docs/"))
    return findings


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


def link_statutes(markdown: str, statutes: dict) -> str:
    def official(match: re.Match) -> str:
        statute = statutes.get(match["number"])
        return f"{match['space']}{statute.url}{match['anchor'] or ''}" if statute else match.group(0)

    return substitute(markdown, SFS_TARGET, official)


def statute_table(statutes: dict, language: str, page_src: str) -> str:
    """The legislation overview as a Markdown table, links relative to page_src."""
    provision, statute_label, since, covers, current = HEADERS.get(language, HEADERS["en"])
    rows = [f"| {provision} | {statute_label} | {since} | {covers} |", "|---|---|---|---|"]
    here = posixpath.dirname(page_src) or "."
    for statute in statutes.values():
        for item in statute.provisions:
            page = posixpath.relpath(item["page"], here)
            anchor = f"#{item['anchor']}" if item.get("anchor") else ""
            date = str(item["in_force"])
            if item.get("current_since"):
                date += f" ({current} {item['current_since']})"
            rows.append(f"| [{item['title'][language]}]({page}) — {item['section'][language]} "
                        f"| [{statute.name[language]} ({statute.sfs})]({statute.url}{anchor}) "
                        f"| {date} | {item['covers'][language]} |")
    return "\n".join(rows)


# --- MkDocs adapter -------------------------------------------------------------------

_state: dict = {"statutes": {}}


@no_traceback
def on_pre_build(config):
    if not is_outer_pass(config):
        return
    docs = Path(config["docs_dir"])
    _state["statutes"] = load_data_file(config, STATUTE_FILE,
                                        lambda text, path: load_register(text, path, languages(config), docs))


@no_traceback
def on_page_markdown(markdown, page, config, files):
    statutes = _state["statutes"]
    if not is_fallback_copy(page, config):
        report(check_references(page.file.content_string, repo_path(config, page.file.src_path), statutes))
    if TABLE_MARKER in markdown:
        language = page_language(page, config.theme["language"])
        markdown = markdown.replace(TABLE_MARKER, statute_table(statutes, language, page.file.src_uri))
    return link_statutes(markdown, statutes)
