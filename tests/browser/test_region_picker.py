"""The online site with regions under regions/ (issue 26): every region's supplement folded, and a
picker that opens the reader's region and remembers it in this browser only.

A copy of tests/fixtures/valid-site with two fictional regions
(tests/fixtures/regional-site/regions/), built once for the module.
"""
import functools
import shutil
import threading
from http.server import ThreadingHTTPServer

import pytest
from bs4 import BeautifulSoup

from project import QuietHandler
from fixture_sites import FIXTURES, build_site, make_site

REGIONS = FIXTURES / "regional-site" / "regions"
PAGES = {"sv": "sida/index.html", "en": "en/sida/index.html"}


@pytest.fixture(scope="module")
def regional_online_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("regional-online") / "site")
    shutil.copytree(REGIONS, site / "regions")
    result = build_site(site)
    assert result.succeeded, result.messages
    return site / "site"


@pytest.mark.parametrize("language", PAGES)
def test_without_javascript_every_regions_block_is_folded(regional_online_site, language):
    html = BeautifulSoup((regional_online_site / PAGES[language]).read_text("utf-8"), "html.parser")
    blocks = html.select("article details.nmt-regional")
    assert [block["id"] for block in blocks] == ["region-testnorr", "region-testsoder"]
    assert not any(block.has_attr("open") for block in blocks)
    names = [block.select_one("summary .nmt-regional__name").get_text() for block in blocks]
    assert names == (["Testregion Norr", "Testregion Söder"] if language == "sv"
                     else ["Test Region North", "Test Region South"])


@pytest.fixture(scope="module")
def served(regional_online_site):
    """The site over http, as online (its search needs a server)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(regional_online_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.browser
def test_a_page_without_supplements_has_no_picker(page, served):
    page.goto(served)
    assert page.locator(".nmt-region-picker").count() == 0


@pytest.mark.browser
def test_the_picker_opens_the_chosen_region_and_remembers_it_in_the_browser_only(page, served):
    page.goto(served + PAGES["sv"])
    blocks = page.locator("details.nmt-regional")
    assert blocks.evaluate_all("all => all.map(b => b.open)") == [False, False]
    page.select_option("#nmt-region-select", "testsoder")
    assert blocks.evaluate_all("all => all.map(b => b.open)") == [False, True]
    page.goto(served + PAGES["en"])   # another page: the choice holds
    assert page.locator("details.nmt-regional").evaluate_all("all => all.map(b => b.open)") == [False, True]
    assert page.locator("#nmt-region-select").input_value() == "testsoder"
    assert page.evaluate("() => localStorage.getItem('nmt-region')") == "testsoder"
    assert page.context.cookies() == []
    outside = [u for u in page.watch.requests if not u.startswith((served, "data:", "blob:", "about:"))]
    assert not outside and not page.watch.errors, (outside, page.watch.errors)
