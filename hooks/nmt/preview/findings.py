"""In the preview (`make serve`), the build's findings appear on the page.

An editor looks at the browser, not the terminal. While `mkdocs serve` runs,
every warning and error the build logs (our checks and MkDocs' own link
checks, in the same words as in the terminal) is collected, and after the
build every page gets a panel listing them; when they are fixed, the next
rebuild has none and the panel is gone. `make build`, the offline copy and
the PDFs never run `serve`, so they never get the panel.

Each rebuild has its own collector (in its Build, see core/state.py), so
a second edit reports exactly what a fresh build would.
"""
from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup

from nmt.core.findings import ENGINE
from nmt.core.pages import page_key
from nmt.core.strings import strings


class Collect(logging.Handler):
    """Keeps the text of every warning and error without repeats, and which page it came from.

    `page_now` names the page being built when a message is logged (None
    between pages): preview/reuse.py keeps each page's messages, to say them
    again when a later rebuild reuses the page (page_record, restore_page)."""

    def __init__(self, page_now):
        super().__init__(logging.WARNING)
        self.page_now = page_now
        self.messages: list[str] = []
        self.by_page: dict[str, list] = {}
        self.saying_again: str | None = None   # restore_page: the reused page whose messages are said again

    def emit(self, record):
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)
        page = self.saying_again or self.page_now()
        if page is not None:
            self.by_page.setdefault(page, []).append([record.name, record.levelno, message])


def panel(messages: list[str], language: str) -> str:
    """The panel's HTML; every message line escaped by Markup.format (messages repeat editors' text)."""
    lines = [line for message in messages for line in message.splitlines() if line.strip()]
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(line) for line in lines)
    text = strings("preview", language)
    return str(Markup('<aside class="nmt-preview-findings" role="alert" aria-labelledby="nmt-preview-findings">'
                      '<p id="nmt-preview-findings"><strong>{title}</strong></p><ul>{items}</ul>'
                      "<p>{hint}</p></aside>").format(title=text["title"].format(n=len(lines)), items=items,
                                                      hint=text["hint"]))


def with_panel(page: str, panel_html: str) -> str:
    """The page with the panel first inside its main content area."""
    marker = '<main class="md-main"'
    position = page.find(marker)
    if position < 0:
        return page
    end = page.index(">", position) + 1
    return page[:end] + panel_html + page[end:]


def without_panel(page: str) -> str:
    start = page.find('<aside class="nmt-preview-findings"')
    if start < 0:
        return page
    return page[:start] + page[page.index("</aside>", start) + len("</aside>"):]


def listed(findings: Collect) -> list[str]:
    """The findings as the panel lists them: sorted, so by file."""
    return sorted(findings.messages)


# --- Per-page state (preview/reuse.py gives it back to a page a later rebuild reuses) ---------

def page_record(build, page, config) -> list:
    """What the page's steps said ([logger, level, message]), for a later rebuild that reuses the page."""
    return build.findings.by_page.get(page_key(page, config), [])


def restore_page(build, page, config, said: list) -> None:
    """A reused page's findings, said again in the same words: in the terminal, on the panel, in its record."""
    build.findings.saying_again = page_key(page, config)
    try:
        for logger, level, message in said:
            logging.getLogger(logger).log(level, message)
    finally:
        build.findings.saying_again = None


# --- Steps (pipeline.py calls them only in the preview) ----------------------------

def start(build) -> None:
    """Collect this rebuild's warnings, in place of an earlier rebuild's collector."""
    logger = logging.getLogger(ENGINE)
    for old in [h for h in logger.handlers if isinstance(h, Collect)]:
        logger.removeHandler(old)
    build.findings = Collect(lambda: build.current_page)
    logger.addHandler(build.findings)


def show_on_pages(build, config, written_since: float | None = None) -> None:
    """Every page of the site gets the panel of this build's findings, or none.

    A page kept from an earlier rebuild (preview/reuse.py) already carries the
    panel of that rebuild: its old panel is replaced. With `written_since`
    (the earlier panel was the same), only the files written since then are done."""
    logging.getLogger(ENGINE).removeHandler(build.findings)
    messages = listed(build.findings)
    panels = {language: panel(messages, language) for language in build.languages} if messages else {}
    site = Path(config["site_dir"])
    for page in site.rglob("*.html"):
        if written_since is not None and page.stat().st_mtime < written_since:
            continue
        parts = page.relative_to(site).parts
        language = parts[0] if len(parts) > 1 and parts[0] in build.languages else build.default_language
        text = page.read_text("utf-8")
        new = without_panel(text)
        if panels:
            new = with_panel(new, panels[language])
        if new != text:
            page.write_text(new, "utf-8")
