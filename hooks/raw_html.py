"""Raw HTML safety: editors cannot put code into pages.

Markdown allows raw HTML. Scripts, frames, plug-ins, event handlers
(onclick=…) and javascript: URLs could run code in readers' browsers or load
things from other hosts, so they are errors; so are inline styles, which the
site's security policy blocks. Examples inside code blocks and `inline code`
are fine.
"""
from __future__ import annotations

import re

from _common import Finding, is_fallback_copy, lowered_prose, no_traceback, prose, report, repo_path

# (pattern, text every match contains in lower case, message). The needle lets
# a page skip a pattern: case-insensitive patterns without a leading literal
# scan every position and were most of this check's time.
FORBIDDEN = [
    (re.compile(r"<\s*(script|iframe|frame|object|embed|applet|base|meta|link)\b", re.I), "<",
     "the HTML tag <{0}> is not allowed in a page — remove it; ask a developer if you need this feature"),
    (re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I | re.S), "<",
     "the HTML attribute {0}= runs code and is not allowed — remove it"),
    (re.compile(r"(javascript|vbscript)\s*:", re.I), "script",
     "'{0}:' links run code and are not allowed — link to a page or an https address instead"),
    (re.compile(r"(data)\s*:\s*text/html", re.I), "text/html",
     "'{0}:text/html' links are not allowed — link to a page or an https address instead"),
    # The site's Content-Security-Policy (hosting/nginx.conf) blocks inline styles,
    # so they would work in `make serve` and silently vanish on the server.
    (re.compile(r"<\s*(style)\b", re.I), "style",
     "the HTML tag <{0}> is not allowed: the site's security policy blocks inline styles — "
     "ask a developer for a class in assets/stylesheets/nmt.css"),
    (re.compile(r"(?:<[a-z][^>]*?\s|\{[^}\n]*?)(style)\s*=", re.I | re.S), "style",
     "the attribute {0}= is not allowed: the site's security policy blocks inline styles — "
     "ask a developer for a class in assets/stylesheets/nmt.css"),
]


def check_raw_html(text: str, path: str) -> list[Finding]:
    masked, lowered = prose(text), lowered_prose(text)
    findings = []
    for pattern, needle, message in FORBIDDEN:
        if needle not in lowered:
            continue
        for match in pattern.finditer(masked):
            findings.append(Finding(path, masked.count("\n", 0, match.start()) + 1,
                                    message.format(match.group(1).lower())))
    return findings


@no_traceback
def on_page_markdown(markdown, page, config, files):
    if not is_fallback_copy(page, config):
        report(check_raw_html(page.file.content_string, repo_path(config, page.file.src_path)))
    return markdown
