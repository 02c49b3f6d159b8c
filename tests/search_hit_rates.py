"""The relevance set (tests/search_queries.yml) run through the real search
box, per kind of query: used by tests/browser/test_search_quality.py, and on
its own to measure any two built copies (e.g. main's, before a change):

    python tests/search_hit_rates.py SITE_DIR OFFLINE_SITE_DIR

serves SITE_DIR on 127.0.0.1 and opens OFFLINE_SITE_DIR from file://, in
headless Chromium, and prints the hit rates per language and kind."""
from __future__ import annotations

import functools
import sys
import threading
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from searchbox import paste

ROOT = Path(__file__).resolve().parents[1]
QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text("utf-8"))
ROOTS = {"sv": "", "en": "en/"}
START_PAGE = {"sv": "om-nmt/", "en": "en/om-nmt/"}


@dataclass
class Copy:
    """One built copy of the site as the browser reaches it."""
    root_url: str                  # http://127.0.0.1:port/ or file:///…/site/
    offline: Path | None = None    # the offline site folder (file://), for its page names

    def url(self, path: str) -> str:
        return self.root_url + self.file_path(path)

    def file_path(self, path: str) -> str:
        """A page path as the online site names it ("a/b/"), in this copy."""
        if self.offline is None or not (path == "" or path.endswith("/")):
            return path
        if path == "" or (self.offline / path / "index.html").exists():
            return path + "index.html"
        return path[:-1] + ".html"

    def page_of(self, href: str) -> str:
        """A result link as a path below the site root, without anchor or query."""
        path = unquote(urlsplit(href).path)
        root = unquote(urlsplit(self.root_url).path)
        return path[len(root):] if path.startswith(root) else path.lstrip("/")


@dataclass
class Outcome:
    language: str
    kind: str
    query: str
    wanted: list[str]
    top: list[str]
    everything: list[str] = field(default_factory=list)

    @property
    def hit(self) -> bool:
        return any(page in self.top for page in self.wanted)


def cases(language: str):
    for kind, items in QUERIES[language].items():
        for item in items:
            pages = item["page"] if isinstance(item["page"], list) else [item["page"]]
            yield kind, str(item["query"]), [ROOTS[language] + page for page in pages]


def result_links(page, query: str) -> list[str]:
    """The result links for a query. With our search-status.js (issue 24 on),
    the query is pasted and the list read once it shows that query; on a site
    without it (main before issue 24), typed key by key and read once the
    list is stable, as tests/searchbox.py did then."""
    if page.locator("script[src*=search-status]").count():
        return paste(page, query)
    return typed_before_issue_24(page, query)


def typed_before_issue_24(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__list a')", timeout=10_000)
    box.press_sequentially(query)
    page.wait_for_function("""() => document.querySelector('.md-search-result__list a')
        || /\\b0\\b|Inga sökresultat|No matching/.test(document.querySelector('.md-search-result__meta').textContent)""",
                           timeout=10_000)
    links, previous = [], None
    for _ in range(20):
        links = page.eval_on_selector_all(".md-search-result__list a.md-search-result__link", "ls => ls.map(a => a.href)")
        if links == previous:
            break
        previous = links
        page.wait_for_timeout(100)
    return links


def run_language(page, copy: Copy, language: str) -> list[Outcome]:
    """Every query of a language, in the search box of one page."""
    page.goto(copy.url(START_PAGE[language]))
    page.locator("input.md-search__input").click()
    outcomes = []
    for kind, query, wanted in cases(language):
        pages = []
        for href in result_links(page, query):
            path = copy.page_of(href)
            if path not in pages:
                pages.append(path)
        outcomes.append(Outcome(language, kind, query, [copy.file_path(p) for p in wanted], pages[:3], pages))
    return outcomes


def rates(outcomes: list[Outcome]) -> dict[tuple[str, str], tuple[int, int]]:
    """(language, kind) -> (hits, queries)."""
    table: dict[tuple[str, str], tuple[int, int]] = {}
    for outcome in outcomes:
        hits, total = table.get((outcome.language, outcome.kind), (0, 0))
        table[(outcome.language, outcome.kind)] = (hits + outcome.hit, total + 1)
    return table


def report(name: str, outcomes: list[Outcome]) -> str:
    lines = [f"search hit rates, {name} (page in the top three):"]
    for (language, kind), (hits, total) in rates(outcomes).items():
        lines.append(f"  {language} {kind:<14} {hits:>3}/{total:<3} {hits / total:.0%}")
    lines += [f"  miss {o.language} {o.query!r}: wanted {o.wanted}, got {o.top}" for o in outcomes if not o.hit]
    return "\n".join(lines)


def main(site: Path, offline: Path) -> None:
    from playwright.sync_api import sync_playwright

    from project import CHROMIUM, CHROMIUM_ARGS, QuietHandler
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    copies = {"http": Copy(f"http://127.0.0.1:{server.server_address[1]}/"),
              "file://": Copy(offline.resolve().as_uri() + "/", offline.resolve())}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, copy in copies.items():
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                outcomes = [o for language in ("sv", "en") for o in run_language(page, copy, language)]
                page.close()
                print(report(name, outcomes), flush=True)
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
