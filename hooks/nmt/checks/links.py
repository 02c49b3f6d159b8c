"""The links of a page: outside links by policy/links.py, and no link into the other language.

Outside links are judged on the page's HTML as Markdown produced it, so every
way of writing a link counts ([text](url), <url>, reference links, raw
<a href>, links the glossary or the statute register adds), each at the line
where it was written. A link to a page of the other language (a *.en.md
file, /en/ or the site's own address) is an error: link to the Swedish .md
file and the build picks the page in the reader's language. MkDocs' own
`validation:` checks that internal links and anchors exist.
"""
from __future__ import annotations

import re

from nmt.core.findings import Finding, one_line, report
from nmt.core.markdown import lowered_prose, prose, source_line
from nmt.core.pages import is_fallback_copy, repo_path
from nmt.core.site_facts import default_language
from nmt.core.site_facts import site_languages as languages
from nmt.core.urls import cleaned as cleaned_url
from nmt.core.urls import read as read_url
from nmt.core.urls import url_scheme
from nmt.core.yaml_lines import YamlProblem, read_front_matter
from nmt.policy.html import content_tree
from nmt.policy.links import check_data_url, check_outside_link

# (pattern, texts of which a match contains one, in lower case): a page skips
# the patterns it cannot match, which saves most of this check's time.
# Each pattern stops at the next character that could start another match
# ([ or < or a line end), so finditer over a page stays linear.
LINK_TARGETS = [
    (re.compile(r"\]\(\s*<?([^)\s>]+)"), ("](",)),                              # [text](target)
    (re.compile(r"^ {0,3}\[[^\[\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M), ("]:",)),  # [ref]: target
    (re.compile(r"<(https?://[^<>\s]+)>", re.I), ("<http",)),                  # <https://…>
    (re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.I), ("href", "src")),  # raw HTML
]


def link_targets(text: str):
    """(line, target) for every link target in the running text."""
    masked, lowered = prose(text), lowered_prose(text)
    for pattern, needles in LINK_TARGETS:
        if not any(needle in lowered for needle in needles):
            continue
        for match in pattern.finditer(masked):
            yield masked.count("\n", 0, match.start(1)) + 1, match.group(1)


def check_language_link(target: str, site_host: str, other_languages: list[str]) -> str | None:
    """A link that would take the reader to the other language, or None."""
    address, shown = read_url(target), one_line(target)
    if address.scheme in ("http", "https") and site_host and address.site == site_host:
        return f"the link '{shown}' uses the site's own address — link to the page's .md file instead"
    if address.outside:
        return None
    path = cleaned_url(target).partition("#")[0].partition("?")[0]
    if path.endswith(tuple(f".{language}.md" for language in other_languages)):
        swedish = path[:-len(".xx.md")] + ".md"
        return (f"the link '{shown}' goes to a translation file — link to '{one_line(swedish)}' instead; "
                "the build picks the page in the reader's language")
    rest = path
    while rest.startswith("../"):
        rest = rest[3:]
    rest = rest[1:] if rest.startswith("/") else rest
    language = next((language for language in other_languages if rest.startswith(f"{language}/")), None)
    if language:
        return (f"the link '{shown}' goes into the /{language}/ site — link to the page's .md file "
                "instead; the language switcher is the way between languages")
    return None


def check_html_links(html: str, text: str, path: str, deny: list[dict]) -> list[Finding]:
    """Outside links in a page's HTML (every way of writing them), at their source line."""
    findings = []
    for anchor in content_tree(html).css("a[href]"):
        href = anchor.attributes.get("href") or ""
        problem = check_outside_link(href, deny)
        if problem:
            findings.append(Finding(path, source_line(text, href), problem))
    return findings


def check_links(text: str, path: str, deny: list[dict], site_host: str, other_languages: list[str]) -> list[Finding]:
    """Links into the other language (in the source) and the front matter's sources."""
    findings = []
    for line, target in link_targets(text):
        problem = check_language_link(target, site_host, other_languages)
        if problem:
            findings.append(Finding(path, line, problem))
    try:
        meta, _ = read_front_matter(text)
    except YamlProblem:
        return findings  # reported by front_matter.py
    for source in (meta or {}).get("sources") or [] if isinstance(meta, dict) else []:
        if isinstance(source, dict) and isinstance(source.get("url"), str):
            problem = check_data_url(source["url"], deny)
            if problem and url_scheme(source["url"].strip()) == "https":  # the rest is front_matter.py's finding
                findings.append(Finding(path, source.key_lines.get("url", source.line), f"source: {problem}"))
    return findings


def check_source(page, config) -> None:
    if is_fallback_copy(page, config):
        return
    policy = config.extra.get("link_policy") or {}
    others = [language for language in languages(config) if language != default_language(config)]
    site_host = read_url(config.get("site_url") or "").site or ""
    report(check_links(page.file.content_string, repo_path(config, page.file.src_path),
                       policy.get("deny") or [], site_host, others))


def check_content(html, page, config) -> None:
    if not is_fallback_copy(page, config):
        deny = (config.extra.get("link_policy") or {}).get("deny") or []
        report(check_html_links(html, page.file.content_string, repo_path(config, page.file.src_path), deny))
