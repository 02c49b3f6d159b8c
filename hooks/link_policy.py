"""Link policy: outside links are https, untracked and allowed; internal links
stay in the page's own language.

- Outside links are judged on the page's HTML as Markdown produced it, so
  every way of writing a link counts ([text](url), <url>, reference links,
  raw <a href>, links the glossary or the statute register adds). The scheme
  is read as a browser reads it: HTTP:// is http, //host is an outside link.
- http:// and protocol-relative //host links are errors (use https).
- Addresses with a user name or password, spaces, quotes or brackets are
  errors; a host's trailing dot does not get past the deny-list.
- A position in a search list (…?post_id=…) points at another document
  tomorrow: link the document's permanent address.
- Tracking parameters (utm_*, fbclid, …) are errors: they report readers to
  third parties. Remove them.
- Hosts on the deny-list in mkdocs.yml (extra.link_policy.deny) are errors,
  with the reason given there.
- A link to a page of the other language (a *.en.md file, /en/ or the site's
  own address) is an error: link to the Swedish .md file and the build picks
  the page in the reader's language. The language switcher is the only bridge.
MkDocs' own `validation:` checks that internal links and anchors exist.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from _common import (Finding, YamlProblem, default_language, is_fallback_copy, languages, lowered_prose,
                     prose, read_front_matter, report, repo_path, source_line)
from html_policy import URL_NOISE, content_tree, url_scheme

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
TRACKING_PREFIXES = ("utm_",)
TRACKING_NAMES = {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid",
                  "_hsenc", "_hsmi", "igshid", "twclid", "li_fat_id", "mkt_tok", "_ga", "_gl"}


def link_targets(text: str):
    """(line, target) for every link target in the running text."""
    masked, lowered = prose(text), lowered_prose(text)
    for pattern, needles in LINK_TARGETS:
        if not any(needle in lowered for needle in needles):
            continue
        for match in pattern.finditer(masked):
            yield masked.count("\n", 0, match.start(1)) + 1, match.group(1)


def tracking_parameters(url: str) -> list[str]:
    return [name for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)
            if name.lower().startswith(TRACKING_PREFIXES) or name.lower() in TRACKING_NAMES]


def denied(host: str, deny: list[dict]) -> dict | None:
    host = host.lower()
    for rule in deny:
        blocked = str(rule.get("host", "")).lower()
        if blocked and (host == blocked or host.endswith("." + blocked)):
            return rule
    return None


# Query parameters that mark a position in a search list, not a document.
SEARCH_POSITION = {"post_id"}
NOT_IN_AN_ADDRESS = re.compile(r"[\s\"'<>\\`^{}|]")


def check_outside_link(url: str, deny: list[dict]) -> str | None:
    """What is wrong with an outside link, in plain words, or None.

    Links inside the site and schemes html_policy.py refuses (javascript: …)
    are not this check's business."""
    cleaned = URL_NOISE.sub("", url).strip()
    if cleaned.startswith("//"):
        return f"'{url}' has no https: at the start — write the full https:// address"
    scheme = url_scheme(cleaned)
    if scheme == "http":
        return f"'{url}' uses http — use the https:// address"
    if scheme != "https":
        return None
    if NOT_IN_AN_ADDRESS.search(cleaned):
        return f"'{url}' contains a space, a quote or a bracket — copy the address again from the browser"
    try:
        parts = urlsplit(cleaned)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:  # e.g. an unclosed [ in the host part
        return f"'{url}' is not a valid address — copy the address again from the browser"
    if not host or "." not in host:
        return f"'{url}' has no host name — write the full address, e.g. https://www.example.se/page"
    if parts.username is not None or parts.password is not None:
        return f"'{url}' contains a user name or password (before '@') — remove it from the link"
    tracking = tracking_parameters(cleaned)
    if tracking:
        return f"'{url}' has tracking parameters ({', '.join(tracking)}) — remove them from the link"
    rule = denied(host, deny)
    if rule:
        return f"links to {host} are not allowed: {rule.get('reason', 'see extra.link_policy in mkdocs.yml')}"
    positions = [name for name, _ in parse_qsl(parts.query) if name.lower() in SEARCH_POSITION]
    if positions:
        return (f"'{url}' is a position in a search list ({positions[0]}=…), which points at another document "
                "tomorrow — link to the document's permanent address, e.g. https://data.riksdagen.se/dokument/… "
                "or https://lagen.nu/prop/2024/25:124")
    return None


def check_data_url(url, deny: list[dict]) -> str | None:
    """An address in front matter or a data file: a complete https URL that
    passes the same policy as links in pages."""
    if not isinstance(url, str) or url_scheme(url.strip()) != "https":
        return f"needs an https address (found {url!r})"
    return check_outside_link(url, deny)


def check_language_link(target: str, site_host: str, other_languages: list[str]) -> str | None:
    """A link that would take the reader to the other language, or None."""
    try:
        parts = urlsplit(target)
    except ValueError:
        return None  # not an address at all; the outside-link check reports it in the page's HTML
    path = parts.path
    suffixes = tuple(f".{language}.md" for language in other_languages)
    if not parts.scheme and path.endswith(suffixes):
        swedish = re.sub(r"\.[a-z]{2}\.md$", ".md", path)
        return (f"the link '{target}' goes to a translation file — link to '{swedish}' instead; "
                "the build picks the page in the reader's language")
    if parts.scheme in ("http", "https") and site_host and parts.hostname == site_host:
        return f"the link '{target}' uses the site's own address — link to the page's .md file instead"
    if not parts.scheme and any(re.match(rf"^(\.\./)*/?{language}/", path) for language in other_languages):
        return (f"the link '{target}' goes into the /{path.split('/')[0]}/ site — link to the page's .md file "
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
    site_host = urlsplit(config.get("site_url") or "").hostname or ""
    report(check_links(page.file.content_string, repo_path(config, page.file.src_path),
                       policy.get("deny") or [], site_host, others))


def check_content(html, page, config) -> None:
    if not is_fallback_copy(page, config):
        deny = (config.extra.get("link_policy") or {}).get("deny") or []
        report(check_html_links(html, page.file.content_string, repo_path(config, page.file.src_path), deny))
