"""Link policy: outside links are https, untracked and allowed; internal links
stay in the page's own language.

- Outside links are judged on the page's HTML as Markdown produced it, so
  every way of writing a link counts ([text](url), <url>, reference links,
  raw <a href>, links the glossary or the statute register adds). The
  address is read as a browser reads it (urls.py): HTTP:// is http, //host
  and /\\host are outside links, and the host is the one the browser
  connects to (b%69t.ly, ｂｉｔ.ly, bit。ly, BIT.LY., https:\\\\bit.ly and
  https://nmt.se@bit.ly are all bit.ly).
- http:// and protocol-relative //host links are errors (use https).
- Addresses with a user name or password, spaces, quotes or brackets are
  errors.
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
from urllib.parse import parse_qsl

from _common import (URL_BREAKERS, Finding, YamlProblem, default_language, is_fallback_copy, languages, lowered_prose,
                     one_line, prose, read_front_matter, report, repo_path, source_line)
from html_policy import content_tree
from urls import browser_host, url_scheme
from urls import cleaned as cleaned_url
from urls import read as read_url

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


def tracking_parameters(query: str) -> list[str]:
    """Tracking parameters in a query (names percent-decoded, as the tracker's server reads them)."""
    return [name for name, _ in parse_qsl(query, keep_blank_values=True)
            if name.lower().startswith(TRACKING_PREFIXES) or name.lower() in TRACKING_NAMES]


def denied(host: str, deny: list[dict]) -> dict | None:
    """The deny-list rule for a host (as urls.read() gives it), or None. The
    rule's host is read the same way, so 'BIT.LY' or 'ｂｉｔ.ly' in
    mkdocs.yml still means bit.ly."""
    for rule in deny:
        blocked = browser_host(str(rule.get("host", "")).strip()) if str(rule.get("host", "")).strip() else None
        blocked = blocked.rstrip(".") if blocked else None
        if blocked and (host == blocked or host.endswith("." + blocked)):
            return rule
    return None


# Query parameters that mark a position in a search list, not a document.
SEARCH_POSITION = {"post_id"}
NOT_IN_AN_ADDRESS = re.compile(r"[\s\"'<>\\`^{}|]")


def check_outside_link(url: str, deny: list[dict]) -> str | None:
    """What is wrong with an outside link, in plain words, or None.

    The address is read as a browser reads it (urls.py): `b%69t.ly`,
    `ｂｉｔ.ly`, `bit。ly`, `BIT.LY.`, `https:\\\\bit.ly` and `https://nmt.se@bit.ly`
    all go to bit.ly, and are judged as bit.ly. Links inside the site and
    schemes html_policy.py refuses (javascript: …) are not this check's business."""
    address, shown = read_url(url), one_line(url)
    if address.scheme is None and address.host is not None:
        return f"'{shown}' has no https: at the start — write the full https:// address"
    if address.scheme == "http":
        return f"'{shown}' uses http — use the https:// address"
    if address.scheme != "https":
        return None
    if not address.valid:
        return f"'{shown}' is not a valid address — copy the address again from the browser"
    host = address.site
    rule = denied(host, deny)
    if rule:
        return f"links to {one_line(host)} are not allowed: {rule.get('reason', 'see extra.link_policy in mkdocs.yml')}"
    if address.credentials:
        return f"'{shown}' contains a user name or password (before '@') — remove it from the link"
    if NOT_IN_AN_ADDRESS.search(cleaned_url(url)):
        return f"'{shown}' contains a space, a quote or a bracket — copy the address again from the browser"
    if "." not in host:
        return f"'{shown}' has no host name — write the full address, e.g. https://www.example.se/page"
    tracking = tracking_parameters(address.query)
    if tracking:
        return f"'{shown}' has tracking parameters ({one_line(', '.join(tracking))}) — remove them from the link"
    positions = [name for name, _ in parse_qsl(address.query) if name.lower() in SEARCH_POSITION]
    if positions:
        return (f"'{shown}' is a position in a search list ({one_line(positions[0])}=…), which points at another "
                "document tomorrow — link to the document's permanent address, e.g. https://data.riksdagen.se/dokument/… "
                "or https://lagen.nu/prop/2024/25:124")
    return None


def check_data_url(url, deny: list[dict]) -> str | None:
    """An address in front matter or a data file: a complete https URL that
    passes the same policy as links in pages."""
    if not isinstance(url, str) or url_scheme(url.strip()) != "https":
        return f"needs an https address (found {url!r})"
    if problem := check_outside_link(url, deny):
        return problem
    # A page's own link may hold balanced ( ) (Markdown reads them); a value the build writes into a
    # generated link may not: '…)[x](https://…' would add a second link.
    if breaker := next((char for char in url.strip() if char in URL_BREAKERS), None):
        return (f"has {breaker!r} in it, which would end the link where the build writes it — write it "
                f"percent-encoded as %{ord(breaker):02X}")
    return None


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
