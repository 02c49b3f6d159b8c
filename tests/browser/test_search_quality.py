"""Search finds the right page: a relevance set run through the real search
box in Chromium. At least 90 % of the queries must have their page in the
first three results, and no result may be in the other language."""
from urllib.parse import urlsplit

import pytest
import yaml

from project import ROOT
from searchbox import search

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text("utf-8"))
ROOTS = {"sv": "", "en": "en/"}
START_PAGE = {"sv": "om-nmt/", "en": "en/om-nmt/"}


def top_pages(page, query, limit=3):
    """The first result pages (without anchors or highlighting) for a query."""
    hrefs = search(page, query)[1]
    paths = []
    for href in hrefs:
        path = urlsplit(href).path.lstrip("/")
        if path not in paths:
            paths.append(path)
    return paths[:limit], [urlsplit(h).path.lstrip("/") for h in hrefs]


def test_the_relevance_set_is_big_enough():
    assert len(QUERIES["sv"]) >= 40 and len(QUERIES["en"]) >= 25


@pytest.mark.parametrize("language", ["sv", "en"])
def test_search_finds_the_right_page_in_the_top_three(browser, site_url, language):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + START_PAGE[language])
    page.locator("input.md-search__input").click()
    misses, wrong_language = [], []
    for item in QUERIES[language]:
        expected = ROOTS[language] + item["page"]
        top, everything = top_pages(page, item["query"])
        if expected not in top:
            misses.append(f"{item['query']!r}: wanted {expected}, got {top}")
        wrong_language += [p for p in everything if p.startswith("en/") != (language == "en")]
    page.close()
    hits = len(QUERIES[language]) - len(misses)
    rate = hits / len(QUERIES[language])
    print(f"search hit rate {language}: {hits}/{len(QUERIES[language])} = {rate:.0%} (page in top 3)")
    for miss in misses:
        print("  miss", miss)
    assert not wrong_language, f"results in the other language: {sorted(set(wrong_language))[:5]}"
    assert rate >= 0.9, "\n".join(misses)
