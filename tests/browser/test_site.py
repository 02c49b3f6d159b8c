"""The built site in headless Chromium: search per language, the language
switcher, and a page that asks nothing of any other host and throws no error."""
from urllib.parse import urlsplit

import pytest

import searchbox

pytestmark = pytest.mark.browser

DEEP_PAGE = "lagstiftning/manniskohandel/"


def search(page, query):
    return searchbox.search(page, query)[1]


def test_swedish_search_on_a_swedish_page_finds_only_swedish_pages(page, site_url):
    page.goto(site_url + DEEP_PAGE)
    urls = search(page, "människohandel")
    assert urls, "no results"
    assert not [u for u in urls if "/en/" in urlsplit(u).path], f"English results: {urls}"


def test_english_search_on_an_english_page_finds_only_english_pages(page, site_url):
    page.goto(site_url + "en/" + DEEP_PAGE)
    urls = search(page, "trafficking")
    assert urls, "no results"
    assert all(urlsplit(u).path.startswith("/en/") for u in urls), f"non-English results: {urls}"


def test_language_switcher_on_a_deep_page_lands_on_its_counterpart(page, site_url):
    page.goto(site_url + DEEP_PAGE)
    page.locator(".md-select button").first.hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.url == site_url + "en/" + DEEP_PAGE
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("path", ["", DEEP_PAGE, "en/", "en/" + DEEP_PAGE])
def test_pages_request_only_their_own_origin_and_throw_no_error(page, site_url, path):
    page.goto(site_url + path)
    search(page, "betänketid" if not path.startswith("en/") else "reflection")
    page.wait_for_load_state("networkidle")
    origin = urlsplit(site_url).netloc
    foreign = [u for u in page.watch.requests if urlsplit(u).netloc not in (origin, "") and not u.startswith(("data:", "blob:"))]
    assert not foreign, f"requests outside {origin}: {foreign}"
    assert not page.watch.errors, page.watch.errors
