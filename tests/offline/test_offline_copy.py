"""The offline copy: opened from file:// everything works, search included,
and it contacts no host. Packed as a reproducible zip with a checksum."""
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from searchbox import search

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


@pytest.mark.browser
@pytest.mark.parametrize("path,query,language", PAGES)
def test_language_switcher_works_from_file(page, offline_site, path, query, language):
    open_file(page, offline_site, path)
    other = "sv" if language == "en" else "en"
    page.locator(".md-select button").first.hover()
    page.locator(f"a.md-select__link[hreflang={other}]").click()
    page.wait_for_load_state("load")
    expected = path[3:] if language == "en" else "en/" + path
    assert page.url == (offline_site / expected).as_uri()


@pytest.mark.browser
@pytest.mark.parametrize("path,query,language", PAGES)
def test_no_outside_request_and_no_javascript_error_from_file(page, offline_site, path, query, language):
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
