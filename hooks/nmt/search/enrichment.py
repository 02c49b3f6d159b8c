"""What the search index knows about a page beyond its visible text.

Officials search with words the page may not use: synonyms, compounds,
inflected forms ("trafficking", "hallick", "människohandelsbrott"). Two
sources feed the page's first search entry:
- front-matter `keywords` (chosen by the editor) become the entry's tags,
  which rank above body text; Material shows tags in results, so our CSS
  hides them there;
- the glossary forms (term, also, avoid) of the concepts the page links to
  with [[…]] are appended to the entry's text.
A region's copy labels the sections of its supplement with the region's
name (label_sections), so a result inside a supplement says which region's
text it is. This edits Material's search entries right after Material's search plugin
has indexed the page, the same entries static-i18n merges. Not through
page.meta["tags"], Material's own way: its search plugin copies those tags
onto every section entry of the page, so each section would rank as if it
held the keyword; here they go on the page's own entry only.
"""
from __future__ import annotations

import html

from nmt.blocks.glossary_text import search_forms
from nmt.core.pages import page_key, page_language


def enrich(entries: list[dict], location: str, keywords: list, forms: list) -> None:
    """Add keywords (tags) and glossary forms (text) to the page's own entry.

    Searched from the end: Material has just appended this page's entries, so
    the search stays short however large the index grows (linear builds)."""
    for entry in reversed(entries):
        if entry["location"] == location:
            if keywords:
                entry["tags"] = [*entry.get("tags", []), *(str(k) for k in keywords if k)]
            if forms:
                entry["text"] += f"<p>{html.escape(' '.join(forms))}</p>"
            return


def enrich_entry(build, page, config) -> None:
    # pipeline.py runs this after Material's search plugin indexed the page (priority 0).
    search = config.plugins.get("material/search")
    keywords = page.meta.get("keywords")
    keywords = keywords if isinstance(keywords, list) else []
    # The concepts the page links to, as blocks/glossary_text.py found them in this pass.
    concepts = build.referenced_terms.get(page_key(page, config), ())
    forms = search_forms(build.glossary, concepts, page_language(page, config.theme["language"]))
    if search is not None and (keywords or forms):
        enrich(search.search_index.entries, page.url, keywords, forms)


def label_sections(entries: list[dict], locations: set[str], label: str) -> None:
    """'Skyddat boende (Testregionen)': the sections of a region's supplement, named in results."""
    for entry in reversed(entries):
        if entry["location"] in locations and not entry["title"].endswith(f"({html.escape(label)})"):
            entry["title"] += f" ({html.escape(label)})"
