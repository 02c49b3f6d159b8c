"""Translation parity: every page exists in every language, with the same
heading ids.

static-i18n quietly shows the Swedish page in the English site when the
English file is missing (and hides links into it), so a missing translation
is an error here that names the file to create — unless the page's front
matter says `translation: none` with a `translation_reason`.
A page and its translation must carry the same explicit heading ids
({#id}), so links to a section work in both languages.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from nmt.core.findings import Finding, report, stop
from nmt.core.markdown import mask_front_matter, prose
from nmt.core.pages import docs_prefix
from nmt.core.site_facts import default_language
from nmt.core.site_facts import site_languages as languages
from nmt.core.yaml_lines import YamlProblem, read_front_matter

SUFFIX = re.compile(r"^(?P<base>.+?)(?:\.(?P<language>[a-z]{2}))?\.md$")
LANGUAGE_NAMES = {"en": "English", "sv": "Swedish"}
HEADING_START = re.compile(r" {0,3}#{1,6}[ \t]")
ID_CHARACTER = re.compile(r"[\w-]")


def split_name(src_uri: str, default: str) -> tuple[str, str]:
    """('lagstiftning/manniskohandel', 'en') for 'lagstiftning/manniskohandel.en.md'."""
    match = SUFFIX.match(src_uri)
    return match.group("base"), match.group("language") or default


def heading_ids(text: str) -> dict[str, int]:
    """Explicit heading ids ({#id} at the end of a # heading line) and their lines."""
    ids: dict[str, int] = {}
    for number, line in enumerate(_running_lines(text), start=1):
        identifier = explicit_heading_id(line)
        if identifier is not None:
            ids.setdefault(identifier, number)
    return ids


def _running_lines(text: str) -> list[str]:
    """The lines of prose(text), as far as a heading line is concerned.

    A heading starts at most three spaces in, where only a fence (``` or ~~~)
    or `inline code` can make it code: indented code is four spaces in. So a
    page without ` and ~ (and without a lone carriage return, which ends a line
    for Markdown but not here) needs no search for its code, which costs a
    parse of the page; this check reads every page before the build."""
    if "`" in text or "~" in text or "\r" in text:
        return prose(text).split("\n")
    return mask_front_matter(text).split("\n")


def explicit_heading_id(line: str) -> str | None:
    """The id in '## Title {#id .class}': the first #name of the {…} that ends
    the heading line. Read left to right with string methods, because the
    pattern that did this backtracked: one 18 KB heading line took minutes."""
    start = HEADING_START.match(line)
    body = line.rstrip()
    if start is None or not body.endswith("}"):
        return None
    inner_start = body.rfind("}", 0, len(body) - 1) + 1       # the {…} has no } inside
    opening = body.find("{", max(inner_start, start.end()))
    if opening < 0:
        return None
    attributes = body[opening + 1:-1]
    hash_sign = attributes.find("#")
    while hash_sign >= 0 and not (attributes[hash_sign + 1:hash_sign + 2].isascii()
                                  and attributes[hash_sign + 1:hash_sign + 2].isalpha()):
        hash_sign = attributes.find("#", hash_sign + 1)
    if hash_sign < 0:
        return None
    end = hash_sign + 1
    while end < len(attributes) and ID_CHARACTER.fullmatch(attributes[end]):
        end += 1
    return attributes[hash_sign + 1:end]


def untranslated_on_purpose(text: str) -> bool:
    try:
        meta, _ = read_front_matter(text)
    except YamlProblem:
        return False
    return isinstance(meta, dict) and meta.get("translation") == "none"


def check_parity(pages: Mapping[str, str], default: str, wanted: list[str], docs_prefix: str) -> list[Finding]:
    """pages: src_uri → text, for every Markdown page in docs/ (each text is asked for when it is needed)."""
    groups: dict[str, dict[str, str]] = {}
    for src_uri in pages:
        base, language = split_name(src_uri, default)
        groups.setdefault(base, {})[language] = src_uri
    findings = []
    for base, versions in sorted(groups.items()):
        for language in wanted:
            if language in versions:
                continue
            present = versions.get(default) or next(iter(versions.values()))
            if untranslated_on_purpose(pages[present]):
                continue
            missing = f"{base}.md" if language == default else f"{base}.{language}.md"
            what = "Swedish original" if language == default else f"{LANGUAGE_NAMES.get(language, language)} translation"
            findings.append(Finding(f"{docs_prefix}{present}", 1,
                                    f"this page has no {what} — create {docs_prefix}{missing}, or add "
                                    "'translation: none' and a 'translation_reason' to the front matter"))
        findings += _check_heading_ids(versions, pages, docs_prefix)
    return findings


def _check_heading_ids(versions: dict[str, str], pages: Mapping[str, str], docs_prefix: str) -> list[Finding]:
    ids = {language: heading_ids(pages[src]) for language, src in versions.items()}
    findings = []
    for language, src in versions.items():
        for other_language, other_src in versions.items():
            if other_language == language:
                continue
            for heading_id, line in ids[language].items():
                if heading_id not in ids[other_language]:
                    findings.append(Finding(f"{docs_prefix}{src}", line,
                                            f"heading id #{heading_id} is missing in {docs_prefix}{other_src} — "
                                            f"give the matching heading there {{#{heading_id}}}"))
    return findings


def conflicting_default_files(src_uris: list[str], default: str) -> list[tuple[str, str]]:
    """Pairs like ('a.md', 'a.sv.md') that static-i18n refuses with a traceback."""
    names = set(src_uris)
    return [(uri.replace(f".{default}.md", ".md"), uri) for uri in src_uris
            if uri.endswith(f".{default}.md") and uri.replace(f".{default}.md", ".md") in names]


class SourceTexts(Mapping):
    """src_uri → the page's text, read from its file when asked: one page's
    translations at a time, not every page of the site at once."""

    def __init__(self, files):
        self.files = {file.src_uri: file for file in files}

    def __getitem__(self, src_uri: str) -> str:
        return self.files[src_uri].content_string

    def __iter__(self):
        return iter(self.files)

    def __len__(self) -> int:
        return len(self.files)


def check(files, config) -> None:
    default = default_language(config)
    pages = SourceTexts(files.documentation_pages())
    prefix = docs_prefix(config)
    for plain, suffixed in conflicting_default_files(list(pages), default):
        stop(Finding(f"{prefix}{suffixed}", 1, f"both {prefix}{plain} and {prefix}{suffixed} exist — Swedish "
                                               f"pages have no language suffix: merge them into {prefix}{plain}"))
    report(check_parity(pages, default, languages(config), prefix))
