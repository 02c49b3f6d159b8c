"""What the search box says beyond Material's result count (search-status.js),
over http and from file://: "Visar resultat för …" when a typo was corrected,
"Inga träffar" with one suggestion, a live region for screen readers, and the
whole flow with the keyboard alone. This also covers the Material internals
the script relies on: the worker made with window.Worker (offline,
iframe-worker's) and written to with postMessage, the result list's parts,
Enter picking the link with the best data-md-score, and the h= words Material
puts into result links for highlighting."""
from urllib.parse import parse_qs, urlsplit

import pytest

from searchbox import paste

pytestmark = pytest.mark.browser

DEEP = {"sv": "samverkan/betanketid/", "en": "en/samverkan/betanketid/"}


@pytest.fixture(params=["http", "file://"])
def open_page(request, page, site_url, offline_site):
    """Opens a page of the chosen copy: open_page("samverkan/betanketid/")."""
    def go(path: str):
        path, _, query = path.partition("?")
        if request.param == "http":
            url = site_url + path
        else:
            url = (offline_site / (path[:-1] + ".html" if path.endswith("/") else path)).as_uri()
        page.goto(url + ("?" + query if query else ""))
        page.wait_for_load_state("load")
        return page
    return go


def note(page) -> str:
    found = page.locator(".nmt-search-note")
    return found.inner_text() if found.is_visible() else ""


def live_text(page, expected: str) -> str:
    page.wait_for_function("t => document.querySelector('.nmt-search-live').textContent.includes(t)",
                           arg=expected, timeout=5_000)
    return page.locator(".nmt-search-live").text_content()


@pytest.mark.parametrize("language,typed,shown,announced", [
    ("sv", "betänktid", "Visar resultat för betänketid", "Visar resultat för betänketid"),
    ("en", "traficking", "Showing results for trafficking", "Showing results for trafficking"),
])
def test_a_corrected_word_is_shown_and_announced(open_page, language, typed, shown, announced):
    page = open_page(DEEP[language])
    page.locator("input.md-search__input").click()
    links = paste(page, typed)
    assert links
    assert note(page) == shown
    assert page.locator(".nmt-search-note strong").inner_text() == shown.split()[-1]
    assert page.locator(".nmt-search-live").get_attribute("role") == "status"
    text = live_text(page, announced)
    assert page.locator(".md-search-result__meta").inner_text() in text  # the count too
    # Material highlights the corrected word on the result's page.
    assert parse_qs(urlsplit(links[0]).query)["h"] == [shown.split()[-1]]


def test_a_correctly_spelled_query_says_nothing_more(open_page):
    page = open_page(DEEP["sv"])
    page.locator("input.md-search__input").click()
    assert paste(page, "betänketid") and note(page) == ""
    assert paste(page, "manniskohandel") and note(page) == ""   # diacritics are not a typo


@pytest.mark.parametrize("language,typed,none,suggestion", [
    ("sv", "bsrn", "Inga träffar", "Menade du barn?"),
    ("en", "chld", "No results", "Did you mean child?"),
])
def test_nothing_found_says_so_with_one_suggestion_that_the_keyboard_reaches(open_page, language, typed, none,
                                                                              suggestion):
    page = open_page(DEEP[language])
    page.locator("input.md-search__input").click()
    assert paste(page, typed) == []
    assert page.locator(".md-search-result__meta").inner_text() == none
    assert note(page) == suggestion
    live_text(page, suggestion)
    page.keyboard.press("ArrowDown")                       # Material's arrow keys reach the suggestion
    assert page.evaluate("document.activeElement.matches('a.nmt-search-suggestion')")
    page.keyboard.press("Enter")
    word = suggestion.split()[-1].rstrip("?")
    page.wait_for_function("w => document.querySelector('[data-md-component=search-result]')"
                           ".getAttribute('data-nmt-query') === w", arg=word)
    assert page.locator("input.md-search__input").input_value() == word
    assert page.locator(".md-search-result__list a").count() > 0
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")


def test_an_empty_box_keeps_materials_prompt(open_page):
    page = open_page(DEEP["sv"])
    page.locator("input.md-search__input").click()
    paste(page, "bsrn")
    paste(page, "")
    assert page.locator(".md-search-result__meta").inner_text() == "Skriv sökord" and note(page) == ""


def test_enter_in_the_box_takes_the_suggestion_when_nothing_was_found(open_page):
    page = open_page(DEEP["sv"])
    page.locator("input.md-search__input").click()
    paste(page, "bsrn")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-md-component=search-result]')"
                           ".getAttribute('data-nmt-query') === 'barn'")
    assert not page.watch.errors, page.watch.errors


def test_the_whole_search_with_the_keyboard_alone(open_page):
    page = open_page(DEEP["sv"])
    page.keyboard.press("/")                               # Material's shortcut to the search box
    page.keyboard.type("koplleri")
    page.wait_for_function("() => document.querySelector('[data-md-component=search-result]')"
                           ".getAttribute('data-nmt-query') === 'koplleri'")
    assert note(page) == "Visar resultat för koppleri"
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "koppleri" in page.url and "h=koppleri" in page.url
    # Material marks the word on the page it opens (it reads the separator from our search_index.json).
    page.locator("mark[data-md-highlight]").first.wait_for(timeout=5_000)
    assert page.locator("mark[data-md-highlight]").first.inner_text().lower().startswith("koppleri")
    assert not page.watch.errors, page.watch.errors


def test_a_search_address_opens_the_search_with_its_results(open_page):
    """Material opens the search for ?q= (the suggestion link's address without this script)."""
    page = open_page(DEEP["sv"] + "?q=betänktid")
    # A minute, not Playwright's 30 s: from file:// on a machine at load 8 the index parts took longer.
    page.wait_for_function("() => document.querySelector('[data-md-component=search-result]')"
                           ".getAttribute('data-nmt-query') === 'betänktid'", timeout=60_000)
    assert note(page) == "Visar resultat för betänketid"
