"""Typing into Material's search box like a reader, and reading the results."""
from __future__ import annotations

import time

# search-status.js marks the result list with the query it shows.
SHOWS = "q => document.querySelector('[data-md-component=search-result]').getAttribute('data-nmt-query') === q"


def search(page, query: str, timeout_ms: int = 10_000) -> tuple[float, list[str]]:
    """Type the query key by key (Material listens to keyup); return the seconds
    until the first results (or the answer that there are none) appeared and
    the result links once the list shows the whole query."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")  # a keyup with an empty box clears the previous results
    page.wait_for_function("() => !document.querySelector('.md-search-result__list a')", timeout=timeout_ms)
    started = time.perf_counter()
    box.press_sequentially(query)
    page.wait_for_function("""q => document.querySelector('.md-search-result__list a')
        || document.querySelector('[data-md-component=search-result]').getAttribute('data-nmt-query') === q""",
                           arg=query, timeout=timeout_ms)
    first = time.perf_counter() - started
    page.wait_for_function(SHOWS, arg=query, timeout=timeout_ms)
    return first, result_links(page)


def paste(page, query: str, timeout_ms: int = 10_000) -> list[str]:
    """The whole query at once (one keyup, as when pasted); the result links once shown."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_function(SHOWS, arg=query, timeout=timeout_ms)
    return result_links(page)


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__list a.md-search-result__link",
                                     "links => links.map(a => a.href)")
