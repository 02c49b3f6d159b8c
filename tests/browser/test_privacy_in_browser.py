"""Privacy in the browser: on every page of both languages the site asks
nothing of any other host, sets no cookie, and stores nothing in the
browser beyond Material's own settings, which the About page lists."""
from urllib.parse import urlsplit

import pytest

from searchbox import search
from sitefiles import html_pages, soup

pytestmark = pytest.mark.browser

# Material's own preferences in localStorage (keys are prefixed with the site
# path). Listed for readers on om-webbplatsen.md#privacy.
MATERIAL_KEYS = {"__palette", "__consent", "__tabs", "__expanded", "__search"}


def key_name(key):
    return key.rsplit(".", 1)[-1] if "." in key else key


def test_every_page_stays_on_its_own_origin_sets_no_cookie_and_stores_only_preferences(built_site, site_url, browser):
    context = browser.new_context()
    page = context.new_page()
    outside, stored = set(), set()
    origin = urlsplit(site_url).netloc
    page.on("request", lambda r: urlsplit(r.url).netloc not in (origin, "") and outside.add(r.url))
    paths = [p.relative_to(built_site).as_posix().removesuffix("index.html") for p in html_pages(built_site)]
    for path in paths:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        stored |= set(page.evaluate("Object.keys(localStorage)")) | set(page.evaluate("Object.keys(sessionStorage)"))
    search(page, "betänketid")
    stored |= set(page.evaluate("Object.keys(localStorage)"))
    cookies = context.cookies()
    context.close()
    print(f"privacy: {len(paths)} pages, {len(outside)} outside requests, {len(cookies)} cookies, "
          f"storage keys {sorted(stored)}")
    assert not outside, sorted(outside)[:10]
    assert not cookies, cookies
    assert {key_name(k) for k in stored} <= MATERIAL_KEYS, sorted(stored)


def test_about_page_lists_what_the_browser_may_store(built_site):
    for about in (built_site / "om-webbplatsen" / "index.html", built_site / "en" / "om-webbplatsen" / "index.html"):
        privacy = soup(about).find(id="privacy")
        text = " ".join(sibling.get_text(" ") for sibling in privacy.find_next_siblings(limit=6))
        assert "localStorage" in text
        missing = [key for key in MATERIAL_KEYS if key not in text]
        assert not missing, f"{about}: the privacy section does not name {missing}"
