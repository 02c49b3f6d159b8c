"""Offline search answers without building an index on the page: opened from
file://, a reader who types right after the page has loaded gets results in
the page's language, from the index made at build time (the offline search
worker shares the page's thread). How long that takes is measured by make
bench at 500 and 2000 pages per language, not here: a timed test fails on a
busy machine."""
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
    # The worker loaded the language's index parts; the page itself read no entries.
    folder = "en/search/" if language == "en" else "search/"
    assert any(u.endswith(folder + "search_index-0.js") for u in page.watch.requests)
    assert page.evaluate("document.querySelector('iframe').contentWindow.nmtIndex.language") == language
    assert page.evaluate("__index.docs.length") == 0
    assert not page.watch.errors, page.watch.errors
