"""Raw HTML safety: editors cannot put code into pages.

Markdown allows raw HTML, and attr_list ({: onclick=…}) adds attributes to
what Markdown makes. Both are judged on what the Markdown parser actually
produced (the page's HTML right after rendering), with html_policy.py's
allow-list: scripts, frames, forms, plug-ins, event handlers, inline styles,
javascript: URLs and images from other hosts are errors. Whether something
is code is therefore Markdown's own decision: an example inside a code block
or `inline code` is escaped text in that HTML, never a tag.
The source is only searched afterwards, to tell the editor the line.
"""
from __future__ import annotations

from _common import findings_for, is_fallback_copy, report, repo_path
from html_policy import content_violations


def check_content(html: str, source: str, path: str):
    """Findings for what Markdown made of the page that is not allowed."""
    return findings_for(content_violations(html), path, source)


def check(html, page, config) -> None:
    if not is_fallback_copy(page, config):
        report(check_content(html, page.file.content_string, repo_path(config, page.file.src_path)))
