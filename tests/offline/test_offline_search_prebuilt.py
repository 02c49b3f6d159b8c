"""Offline search answers without building an index on the page: opened from
file://, a reader who types right after the page has loaded gets results in
the page's language, from the prebuilt index (the offline search worker shares
the page's thread; it used to build the lunr index there on every page view,
freezing the page). How long that takes is measured by make bench at 500 and
2000 pages per language, not here: a timed test fails on a busy machine."""
import pytest

from searchbox import search

pytestmark = pytest.mark.browser

PAGES = [  # (path, query, language)
    ("lagstiftning/manniskohandel.html", "människohandel", "sv"),
    ("en/samverkan/betanketid.html", "trafficking", "en"),
]


@pytest.mark.parametrize("path,query,language", PAGES)
def test_typing_right_after_opening_a_page_gives_results_from_the_prebuilt_index(page, offline_site, path, query,
                                                                                 language):
    page.goto((offline_site / path).as_uri(), wait_until="load")
    _seconds, urls = search(page, query)
    assert urls and all(u.startswith("file://") for u in urls)
    english = [u for u in urls if "/en/" in u]
    assert (english == urls) if language == "en" else not english, urls[:5]
    # The worker loaded the prebuilt index instead of building one.
    assert any("search_prebuilt-0.js" in u for u in page.watch.requests)
    assert page.evaluate("document.querySelector('iframe').contentWindow.nmtPrebuilt.used") is True
    assert not page.watch.errors, page.watch.errors
