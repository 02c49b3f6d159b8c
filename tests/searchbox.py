"""Typing into Material's search box like a reader, and reading the results."""
from __future__ import annotations

import time


def search(page, query: str, timeout_ms: int = 10_000) -> tuple[float, list[str]]:
    """Type the query key by key (Material listens to keyup); return the seconds
    until the first results appeared and the result links once the list is
    stable (Material re-renders it while results stream in)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")  # a keyup with an empty box clears the previous results
    page.wait_for_function("() => !document.querySelector('.md-search-result__list a')", timeout=timeout_ms)
    started = time.perf_counter()
    box.press_sequentially(query)
    page.wait_for_function("""() => document.querySelector('.md-search-result__list a')
        || /\\b0\\b|Inga sökresultat|No matching/.test(document.querySelector('.md-search-result__meta').textContent)""",
                           timeout=timeout_ms)
    first = time.perf_counter() - started
    links, previous = [], None
    for _ in range(20):
        links = page.eval_on_selector_all(".md-search-result__list a.md-search-result__link",
                                          "links => links.map(a => a.href)")
        if links == previous:
            break
        previous = links
        page.wait_for_timeout(100)
    return first, links
