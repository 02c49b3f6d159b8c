"""The offline copy: opened from file:// everything works, search included,
and it contacts no host. Packed as a reproducible zip with a checksum."""
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from project import ROOT
from searchbox import search
from sitefiles import html_pages, language_of

PAGES = [  # (path, query, language)
    ("index.html", "betänketid", "sv"),
    ("lagstiftning/manniskohandel.html", "människohandel", "sv"),
    ("en/index.html", "reflection", "en"),
    ("en/samverkan/betanketid.html", "trafficking", "en"),
]


def open_file(page, site, path):
    page.goto((site / path).as_uri())
    page.wait_for_load_state("load")


def first_results(page, query):
    return search(page, query)


@pytest.mark.browser
@pytest.mark.parametrize("path,query,language", PAGES)
def test_search_works_from_file_in_the_page_language(page, offline_site, path, query, language):
    open_file(page, offline_site, path)
    seconds, urls = first_results(page, query)
    print(f"{path}: first results {seconds:.2f} s after typing '{query}' ({len(urls)} results)")
    english = [u for u in urls if "/en/" in u]
    assert urls and all(u.startswith("file://") for u in urls)
    assert (english == urls) if language == "en" else not english, urls[:5]


def counterpart(site: Path, page: Path) -> Path:
    """The same page in the other language: en/x.html <-> x.html."""
    relative = page.relative_to(site)
    return site / (Path(*relative.parts[1:]) if language_of(site, page) == "en" else Path("en", relative))


@pytest.mark.browser
def test_every_page_of_the_copy_works_from_file(page, offline_site):
    """Every page: no outside request, no JavaScript error, and a language
    switcher whose link leads to the page's counterpart."""
    pages = html_pages(offline_site)
    assert len(pages) >= 40, "the copy has too few pages"
    problems = []
    for html in pages:
        page.watch.requests.clear()
        page.watch.errors.clear()
        open_file(page, offline_site, html.relative_to(offline_site).as_posix())
        other = "sv" if language_of(offline_site, html) == "en" else "en"
        switcher = page.locator(f"a.md-select__link[hreflang={other}]").first.evaluate("a => a.href")
        outside = [u for u in page.watch.requests if not u.startswith(("file://", "data:", "blob:", "about:"))]
        if outside or page.watch.errors or switcher != counterpart(offline_site, html).as_uri():
            problems.append((html.relative_to(offline_site).as_posix(), outside, page.watch.errors, switcher))
    assert not problems, problems[:5]


@pytest.mark.browser
@pytest.mark.parametrize("language", ["sv", "en"])
def test_language_switcher_lands_on_the_counterpart_from_file(page, offline_site, language):
    """Clicked, from the home page and at least ten other pages of each language."""
    pages = [p for p in html_pages(offline_site) if language_of(offline_site, p) == language]
    home = offline_site / ("en/index.html" if language == "en" else "index.html")
    chosen = [home] + [p for p in pages if p != home][::4][:10]
    assert len(chosen) == 11
    other = "sv" if language == "en" else "en"
    for html in chosen:
        open_file(page, offline_site, html.relative_to(offline_site).as_posix())
        page.locator(".md-select button").first.hover()
        page.locator(f"a.md-select__link[hreflang={other}]").click()
        page.wait_for_load_state("load")
        assert page.url == counterpart(offline_site, html).as_uri(), html
        assert page.locator("html").get_attribute("lang") == other


@pytest.mark.browser
@pytest.mark.parametrize("path,query,language", PAGES)
def test_searching_from_file_contacts_no_outside_host_and_raises_no_error(page, offline_site, path, query, language):
    open_file(page, offline_site, path)
    first_results(page, query)
    page.wait_for_timeout(300)
    outside = [u for u in page.watch.requests if not u.startswith(("file://", "data:", "blob:", "about:"))]
    assert not outside, outside
    assert not page.watch.errors, page.watch.errors
    assert page.locator("img[src*=logo]").first.evaluate("img => img.naturalWidth") > 0


@pytest.mark.browser
def test_glossary_tooltips_work_from_file(page, offline_site):
    open_file(page, offline_site, "samverkan/betanketid.html")
    term = page.locator("article a[href*='ordlista/index.html#']").first
    assert term.get_attribute("title"), "glossary link without its definition"
    term.hover()
    page.locator(".md-tooltip2, .md-tooltip").first.wait_for(state="visible", timeout=5_000)


def pack_from_clean_clone(tmp_path, name):
    """`make offline` on the committed state, in a fresh clone, with this venv."""
    clone = tmp_path / name
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(["make", "--no-print-directory", "offline", f"VENV={venv}", "-o", f"{venv}/bin/.installed",
                             "SOURCE_DATE_EPOCH=1798761600"], cwd=clone, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return sorted((clone / "dist").glob("*.zip"))[0]


def test_two_packs_of_one_commit_are_byte_identical_and_well_formed(tmp_path):
    first, second = pack_from_clean_clone(tmp_path, "a"), pack_from_clean_clone(tmp_path, "b")
    assert first.name == second.name and first.name.startswith("nmt-handbok-2027-01-01-")
    assert first.read_bytes() == second.read_bytes()
    sums = (first.parent / "SHA256SUMS").read_text()
    assert sums == f"{hashlib.sha256(first.read_bytes()).hexdigest()}  {first.name}\n"
    names = zipfile.ZipFile(first).namelist()
    top = first.stem
    assert {name.split("/")[0] for name in names} == {top}
    for required in ("index.html", "en/index.html", "LÄSMIG.txt", "README.txt", "om-kopian.html",
                     "search/search_index.js", "en/search/search_index.js",
                     "pdf/nmt-handbok-sv.pdf", "pdf/nmt-handbok-en.pdf"):
        assert f"{top}/{required}" in names, required
    # The About page links to the printable handbooks in the copy.
    about = zipfile.ZipFile(first).read(f"{top}/en/om-webbplatsen.html").decode()
    assert 'href="../pdf/nmt-handbok-en.pdf"' in about and 'href="../pdf/nmt-handbok-sv.pdf"' in about
    print(f"{first.name}: {first.stat().st_size / 1e6:.1f} MB, {len(names)} files")
