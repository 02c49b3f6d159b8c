"""Reading the built site: its pages, their language and their links."""
from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

LANGUAGES = ("sv", "en")
NOT_PAGES = {"404.html"}
# The editor for NMT staff (hooks/nmt/output/admin.py): not a page for readers. It has its own
# policy and its own tests (tests/browser/test_editor_form.py: no request to another host).
EDITOR = "admin"


def reader_files(site: Path, pattern: str) -> list[Path]:
    """The site's files for readers matching a glob (everything but the editor)."""
    return sorted(path for path in site.rglob(pattern) if path.relative_to(site).parts[0] != EDITOR)


def html_pages(site: Path) -> list[Path]:
    """Every content page (not the 404 pages, not vendored files, not the editor)."""
    return [path for path in reader_files(site, "*.html")
            if path.name not in NOT_PAGES and "assets" not in path.relative_to(site).parts]


def language_of(site: Path, page: Path) -> str:
    return "en" if page.relative_to(site).parts[0] == "en" else "sv"


def counterpart(site: Path, page: Path) -> Path:
    """The same page in the other language."""
    relative = page.relative_to(site)
    if relative.parts[0] == "en":
        return site.joinpath(*relative.parts[1:])
    return site / "en" / relative


@lru_cache(maxsize=None)
def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text("utf-8"), "html.parser")


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on `page` points to."""
    target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href.split("#")[0]))
    path = site / target
    return path / "index.html" if path.is_dir() else path
