"""A region's offline copy (issue 26): `make offline REGION=tests/fixtures/regions/testregionen`.

One strict build of the fixture region's copy, shared by the tests of this
module: its blocks on the right pages in both languages, its contacts on the
support-line page, its name in "Om denna kopia", search that finds its text
from file://, the PDF's print document, the review warning once its date has
passed, the zip named with the region's id, and no request to any other host.
The fixture region is fictional (tests/fixtures/regions/testregionen/region.yml).
"""
import datetime
import json
import os
import subprocess
import sys
import zipfile

import pytest
from bs4 import BeautifulSoup

from nmt.core.site_facts import ROOT
from searchbox import search
from sitefiles import html_pages

REGION = ROOT / "tests" / "fixtures" / "regions" / "testregionen"
SUPPLEMENT_PAGES = {"samverkan/akut-skydd.html": ("Regionalt tillägg – Testregionen", "fyrtornsrutinen"),
                    "en/samverkan/akut-skydd.html": ("Regional supplement – Test Region", "lighthouseroutine")}
SUPPORT_PAGES = {"samverkan/stodtelefon-och-regionkoordinatorer.html": "Kontakter i regionen",
                 "en/samverkan/stodtelefon-och-regionkoordinatorer.html": "Contacts in the region"}


@pytest.fixture(scope="module")
def regional_site(tmp_path_factory):
    """The region's copy, built strictly as `make offline REGION=…` builds it (never with -q)."""
    site = tmp_path_factory.mktemp("regional") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NMT_REGION": str(REGION)}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs-offline.yml",
                             "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"the region's copy did not build:\n{result.stderr[-4000:]}"
    return site


def soup(site, path):
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("path", SUPPLEMENT_PAGES)
def test_the_supplement_follows_the_national_text_labelled_with_its_region(regional_site, path):
    heading_text, word = SUPPLEMENT_PAGES[path]
    article = soup(regional_site, path).select_one("article")
    block = article.select_one(".nmt-regional")
    heading = block.select_one("h2#regional-supplement")
    assert heading is not None and heading.get_text().strip("¶ ") == heading_text
    assert word in block.get_text()
    assert "Testregionens samordning (testdata)" in block.select_one(".nmt-regional__review").get_text()
    # After the national text: the national page's last section comes before the block.
    national = article.select_one("#read-more")
    assert national is not None and national.sourceline < heading.sourceline
    # In the page's contents.
    toc = soup(regional_site, path).select_one("nav.md-nav--secondary")
    assert toc.select_one("a[href='#regional-supplement']") is not None


def test_pages_without_a_supplement_have_no_block(regional_site):
    with_block = {page.relative_to(regional_site).as_posix() for page in html_pages(regional_site)
                  if "nmt-regional" in page.read_text("utf-8").split("<article", 1)[-1]}
    assert with_block == set(SUPPLEMENT_PAGES) | set(SUPPORT_PAGES)


@pytest.mark.parametrize("path", SUPPORT_PAGES)
def test_the_regions_contacts_are_on_the_support_line_page(regional_site, path):
    block = soup(regional_site, path).select_one("article .nmt-regional")
    assert block.select_one("h3#regional-contacts").get_text().strip("¶ ") == SUPPORT_PAGES[path]
    phones = [link["href"] for link in block.select("table a[href^='tel:']")]
    assert phones == ["tel:+46701740605", "tel:+46701740606"]
    assert "070-174 06 05" in block.get_text() and "testregionen.example" in block.get_text()


@pytest.mark.parametrize("path,name", [("om-kopian.html", "Testregionen"), ("en/om-kopian.html", "Test Region")])
def test_about_this_copy_names_the_region_its_owner_and_dates(regional_site, path, name):
    cells = [[cell.get_text() for cell in row.select("td")] for row in soup(regional_site, path).select("article tr")]
    facts = {row[0]: row[1] for row in cells if len(row) == 2}
    assert facts.get("Region") == name
    assert "Testregionens samordning (testdata)" in facts.values()
    assert "2026-11-30" in facts.values()


def test_the_print_document_holds_the_supplement(regional_site):
    printed = (regional_site / "assets" / "print" / "sv.html").read_text("utf-8")
    assert "Regionalt tillägg – Testregionen" in printed and "fyrtornsrutinen" in printed


def test_review_list_names_the_regions_files(regional_site):
    entries = json.loads((regional_site / "review.json").read_text("utf-8"))["pages"]
    paths = {entry["path"] for entry in entries}
    assert "tests/fixtures/regions/testregionen/docs/samverkan/akut-skydd.md" in paths
    assert "tests/fixtures/regions/testregionen/docs/samverkan/akut-skydd.en.md" in paths


def test_the_zip_is_named_with_the_regions_id(regional_site, tmp_path):
    from pack_offline import main as pack
    assert pack(["pack_offline.py", str(regional_site), str(tmp_path), "--region", str(REGION)]) == 0
    [archive] = tmp_path.glob("*.zip")
    assert archive.name.startswith("nmt-handbok-testregionen-")
    names = zipfile.ZipFile(archive).namelist()
    assert f"{archive.stem}/samverkan/akut-skydd.html" in names


def without_highlight(urls):
    """Material adds ?h=<query> to result links (search.highlight)."""
    return [url.split("?", 1)[0] + ("#" + url.split("#", 1)[1] if "#" in url else "") for url in urls]


def open_file(page, site, path):
    page.goto((site / path).as_uri())
    page.wait_for_load_state("load")


def outside(requests):
    return [url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))]


@pytest.mark.browser
@pytest.mark.parametrize("path", SUPPLEMENT_PAGES)
def test_search_from_file_finds_the_supplement_and_says_which_region(page, regional_site, path):
    heading_text, word = SUPPLEMENT_PAGES[path]
    open_file(page, regional_site, "en/index.html" if path.startswith("en/") else "index.html")
    urls = without_highlight(search(page, word)[1])
    assert any(url.endswith(f"{path}#test-region-housing") for url in urls), urls   # the supplement's section
    titles = page.eval_on_selector_all(".md-search-result__list article h1, .md-search-result__list article h2",
                                       "nodes => nodes.map(n => n.textContent)")
    region = heading_text.partition(" – ")[2]
    assert any(title.endswith(f"({region})") for title in titles), titles
    urls = without_highlight(search(page, region)[1])
    assert any(url.endswith(f"{path}#regional-supplement") for url in urls), urls
    assert not outside(page.watch.requests) and not page.watch.errors, (page.watch.requests, page.watch.errors)


@pytest.mark.browser
def test_regional_pages_work_from_file_without_outside_requests(page, regional_site):
    for path in [*SUPPLEMENT_PAGES, *SUPPORT_PAGES, "om-kopian.html", "en/om-kopian.html"]:
        page.watch.requests.clear()
        open_file(page, regional_site, path)
        if "om-kopian" not in path:
            assert page.locator(".nmt-regional").first.evaluate(
                "block => getComputedStyle(block).borderLeftStyle") == "solid", f"{path}: the block has no look of its own"
        assert not outside(page.watch.requests), (path, outside(page.watch.requests))
    assert not page.watch.errors, page.watch.errors


@pytest.mark.browser
def test_a_supplement_past_its_review_date_says_so(browser, regional_site):
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(datetime.datetime(2030, 1, 1))   # the fixture is due for review on 2027-11-30
    open_file(page, regional_site, "samverkan/akut-skydd.html")
    warning = page.locator(".nmt-regional .nmt-review__overdue")
    assert warning.is_visible() and "2027-11-30" in warning.inner_text()
    context.close()


def test_a_region_less_copy_is_not_a_regional_one(offline_site):
    """make offline without REGION: not one trace of the regional feature (issue 26: byte-identical)."""
    assert not os.environ.get("NMT_REGION")
    traces = ("nmt-regional", "regional-supplement", "nmt-region-picker", "Regionalt tillägg", "Regional supplement")
    found = [(path.relative_to(offline_site).as_posix(), trace) for path in sorted(offline_site.rglob("*"))
             if path.is_file() and path.suffix in (".html", ".js", ".css", ".json")
             for trace in traces if trace in path.read_text("utf-8", errors="replace")]
    assert not found, found[:5]


def test_the_online_site_without_regions_has_no_regional_trace(built_site):
    """regions/ in this repository holds no region (only its README): the site is the national one."""
    assert not any((ROOT / "regions").glob("*/region.yml")), "a region was added: this test no longer applies"
    traces = ("nmt-regional", "nmt-region-picker", "Regionalt tillägg", "Regional supplement")
    found = [(path.relative_to(built_site).as_posix(), trace) for path in sorted(built_site.rglob("*"))
             if path.is_file() and path.suffix in (".html", ".js", ".css", ".json")
             for trace in traces if trace in path.read_text("utf-8", errors="replace")]
    assert not found, found[:5]
