"""The print document the build writes per language (hooks/nmt/output/print_book.py), which
`make pdf` prints: every page of the nav in order, then the footer pages; links
between them anchors inside the document; the site's own CSS, linked
relatively; held to the page policy like every page. Read from the built
sites (online and offline copy), without a browser."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from nmt.core.state import Build
from nmt.policy.html import KnownScripts, check_page
from nmt.output.print_book import FOLDER, Book, PrintPage, Rewriter, page_slug, record_order, url_key, write_language
from nmt.core.site_facts import load_site_config
from nmt.core.strings import strings

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("sv", "en")
CONFIG = load_site_config(ROOT / "mkdocs.yml")
SITE_URL = CONFIG["site_url"]


def nav_sources() -> list[str]:
    """Docs paths in the order of mkdocs.yml's nav, then the footer pages."""
    found: list[str] = []

    def walk(items):
        for item in items:
            for value in [item] if isinstance(item, str) else item.values():
                if isinstance(value, list):
                    walk(value)
                elif value.endswith(".md") and value not in found:
                    found.append(value)

    walk(CONFIG["nav"])
    return found + [f"{link['page']}.md" for link in CONFIG["extra"]["footer_links"]]


def built_page(site: Path, language: str, src: str) -> Path:
    stem = src[:-len(".md")]
    folder = site / ("" if language == "sv" else language)
    for candidate in (folder / stem.removesuffix("index") / "index.html", folder / f"{stem}.html"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"{src} is not built in {folder}")


def title_of(page: BeautifulSoup) -> str:
    return " ".join(page.select_one("article.md-content__inner h1").get_text(" ").split())


def document(site: Path, language: str) -> BeautifulSoup:
    path = site / FOLDER / f"{language}.html"
    assert path.is_file(), f"the build wrote no print document {path.relative_to(site)}"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.fixture(params=["online", "offline"])
def site(request, built_site, offline_site) -> Path:
    return built_site if request.param == "online" else offline_site


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_come_in_nav_order_then_the_footer_pages(site, language):
    printed = document(site, language).select("section.nmt-print-page")
    expected = [title_of(BeautifulSoup(built_page(site, language, src).read_text("utf-8"), "html.parser"))
                for src in nav_sources()]
    assert [title_of(section) for section in printed] == expected
    assert [section["id"] for section in printed] == [f"page-{page_slug(src)}" for src in nav_sources()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_stay_inside_the_document(site, language):
    printed = document(site, language)
    ids = [element["id"] for element in printed.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate ids in the print document"
    prefix = "" if language == "sv" else f"{language}/"
    page_urls = {prefix + url_key(src[:-len(".md")] + ".html") for src in nav_sources()}
    internal = 0
    for link in printed.find_all("a", href=True):
        href = link["href"]
        if href.startswith("#"):
            assert href[1:] in ids, f"{language}: link to a missing anchor {href}"
            internal += 1
            continue
        assert re.match(r"(https|http|mailto|tel):", href), f"{language}: relative link left: {href}"
        if href.startswith(SITE_URL) and link.get_text(strip=True) != href:   # not an address shown as such
            path = url_key(href[len(SITE_URL):].split("#")[0])
            assert path not in page_urls, f"{language}: {href} is a page of this document: should be an anchor"
    assert internal > 100, "links between pages should become anchors"
    assert len(printed.select("nav.nmt-print-toc a[href^='#page-']")) == len(nav_sources())
    for unwanted in (".md-content__button", ".headerlink", ".md-source-file"):
        assert not printed.select(unwanted), f"{unwanted} should not be printed"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_document_uses_the_sites_own_files_and_is_held_to_the_page_policy(site, language):
    path = site / FOLDER / f"{language}.html"
    text = path.read_text("utf-8")
    printed = BeautifulSoup(text, "html.parser")
    assert printed.html["lang"] == language
    assert printed.select_one('meta[name="robots"]')["content"] == "noindex"
    assert printed.select_one('meta[http-equiv="Content-Security-Policy"]'), "no CSP <meta>"
    stylesheets = [link["href"] for link in printed.select('link[rel="stylesheet"]')]
    assert any("stylesheets/main." in href for href in stylesheets) and "print.css" in stylesheets
    for href in stylesheets + [image["src"] for image in printed.select("img[src]")]:
        assert not re.match(r"[a-z]+:|/", href), f"{href}: not relative"
        assert (path.parent / href).resolve().is_file(), f"{href} is not a file of the site"
    violations, _ = check_page(text, KnownScripts(frozenset()), f"{FOLDER}/{language}.html")
    assert not violations, violations[:3]


def test_links_become_anchors_or_online_addresses():
    book = Book({url: PrintPage(src, url, None) for src, url in
                 [("index.md", "en/index.html"), ("a/b.md", "en/a/b.html"), ("a/index.md", "en/a/index.html")]})
    rewriter = Rewriter(book, f"{FOLDER}/en.html", "https://example.org/", "en")
    page = book.pages["en/a/b.html"]
    assert rewriter.link("#x", page) == "#page-a-b--x"
    assert rewriter.link("index.html#y", page) == "#page-a--y"
    assert rewriter.link("../index.html", page) == "#page-start"
    assert rewriter.link("../../a/b.html", page) == "https://example.org/a/b.html"   # the other language
    assert rewriter.link("../files/x.pdf", page) == "https://example.org/en/files/x.pdf"
    assert rewriter.link("https://riksdagen.se/", page) == "https://riksdagen.se/"
    assert rewriter.resource("../../assets/images/x.png", page) == "../images/x.png"


def test_page_slugs_and_urls():
    assert page_slug("index.md") == "start"
    assert page_slug("om-nmt/index.md") == "om-nmt"
    assert page_slug("lagstiftning/koppleri.md") == "lagstiftning-koppleri"
    for path in ("a/b/", "a/b/index.html", "a/b.html", "/a/b"):
        assert url_key(path) == "a/b/"


def test_the_preview_gets_no_print_document(tmp_path):
    """`mkdocs serve` rebuilds on every save, and nobody prints the preview."""
    build = Build(preview=True, today=datetime.date(2024, 1, 1), revision=None,
                  default_language="sv", languages=["sv"])
    now = build.begin("sv")
    record_order(build, now, nav=None, files=None, config=None)
    assert now.print_book is None
    now.print_book = Book({})
    write_language(build, {"site_dir": str(tmp_path), "site_url": SITE_URL, "theme": {}}, "sv")
    assert not list(tmp_path.rglob("*"))


# --- The six steps: printed once per language ----------------------------------------

def step_pages() -> dict[str, int]:
    """docs path → step number, read from docs/ (the steps' own pages and `step: N` pages)."""
    steps = yaml.safe_load((ROOT / "docs" / "steps.yml").read_text("utf-8"))
    found = {step["page"]: step["number"] for step in steps}
    for path in (ROOT / "docs").rglob("*.md"):
        text = path.read_text("utf-8")
        match = re.search(r"^step: (\d)$", text.split("\n---", 1)[0], re.M)
        if match and not path.name.endswith(".en.md"):
            found[path.relative_to(ROOT / "docs").as_posix()] = int(match.group(1))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_six_steps_are_printed_once_and_each_step_page_says_its_step(site, language):
    printed = document(site, language)
    guides = printed.select("div.nmt-steps")
    assert len(guides) == 1, f"{language}: the six-step guide is printed {len(guides)} times, not once"
    titles = {step["number"]: step["title"][language]
              for step in yaml.safe_load((ROOT / "docs" / "steps.yml").read_text("utf-8"))}
    pages = step_pages()
    assert len(pages) >= 6
    for src, number in pages.items():
        section = printed.select_one(f"section#page-{page_slug(src)}")
        line = section.select_one("p.nmt-print-step")
        assert line is not None, f"{language}: {src} (step {number}) does not say which step it is"
        expected = strings("print_book", language)["step_line"].format(number=number, total=6, title=titles[number])
        assert " ".join(line.get_text(" ").split()).startswith(expected.rstrip(".")), line.get_text()
        link = line.select_one("a[href]")
        assert link and printed.find(id=link["href"][1:]) is guides[0], "the line should link to the printed guide"
