"""What the search index knows about a page beyond its visible text.

Officials search with words the page may not use: synonyms, compounds,
inflected forms, abbreviations, old names ("trafficking", "hallick", "ÅMP",
"köp av sexuell tjänst"). Three sources feed the page's own search entry:
- front-matter `keywords` and `description` (written by the editor) become
  the entry's tags, with what the statute register says each of the page's
  provisions covers;
- `names`: other names of what the page is about, which rank like its title.
  From the statute register: the current and earlier titles of every
  provision whose `page` is this page. From the glossary: every form (term,
  also, avoid) of a concept that the page's title names, that is a concept
  with a form equal to the title (a label before a colon, text in brackets
  and stop words aside), to a bracketed part of the title ("(ÅMP)") or to
  one of those provision titles;
- `forms`: the glossary forms of the concepts the page links to with [[…]].
The search engine (search/prebuilt.py) scores each of them as its own field;
only the title and the text are shown in results. A region's copy labels
the sections of its supplement with the region's name (label_sections), so
a result inside a supplement says which region's text it is.
This edits Material's search entries right after Material's search plugin
has indexed the page, the same entries static-i18n merges. Not through
page.meta["tags"], Material's own way: its search plugin copies those tags
onto every section entry of the page, so each section would rank as if it
held the keyword; here they go on the page's own entry only.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from nmt.blocks.glossary_text import search_forms
from nmt.core.pages import page_key, page_language
from nmt.core.site_facts import default_language_page
from nmt.search import prebuilt as search_prebuilt

BRACKETED = re.compile(r"\(([^()]*)\)")   # one level, no nesting: linear
LABEL = re.compile(r"^[^:()]*:\s")         # "Steg 6: " before a title


def enrich(entries: list[dict], location: str, keywords: list, forms: list, names: list) -> None:
    """Add keywords (tags), glossary forms and other names to the page's own entry.

    Searched from the end: Material has just appended this page's entries, so
    the search stays short however large the index grows (linear builds)."""
    for entry in reversed(entries):
        if entry["location"] == location:
            if keywords:
                entry["tags"] = [*entry.get("tags", []), *(str(k) for k in keywords if k)]
            if forms:
                entry["forms"] = list(forms)
            if names:
                entry["names"] = list(names)
            return


def provisions_of(statutes: dict, page: str) -> list[dict]:
    """The provisions whose page is `page` (default-language path)."""
    return [provision for statute in statutes.values() for provision in statute.provisions
            if provision.get("page") == page]


def provision_titles(provisions: list[dict], language: str) -> list[str]:
    """Their current and earlier titles."""
    titles = []
    for provision in provisions:
        titles.append(str(provision["title"][language]))
        titles += [str(earlier[language]) for earlier in provision.get("earlier_titles") or []]
    return titles


def title_parts(title: str) -> list[str]:
    """The title as names: without a label before a colon and without brackets, and each bracketed part."""
    return [LABEL.sub("", BRACKETED.sub(" ", title)), *BRACKETED.findall(title)]


def name_key(text: str, stop: frozenset[str]) -> tuple:
    """A name word by word, as the search engine reads it, stop words aside."""
    return tuple(word for word in search_prebuilt.words(search_prebuilt.plain(text)) if word not in stop)


def add_concept_names(docs: list[dict], glossary: dict, language: str, stop: frozenset[str]) -> None:
    """Give each page entry the forms of the glossary concepts its title (or a
    provision title among its names) names. Called once per language on the
    finished index (search/per_language.py), where the stop words are known."""
    concepts: dict[tuple, set[str]] = {}
    for concept in glossary.values():
        for form in concept.forms(language):
            concepts.setdefault(name_key(form, stop), set()).add(concept.id)
    concepts.pop((), None)
    for doc in docs:
        if "#" in doc.get("location", ""):
            continue
        title = search_prebuilt.plain(str(doc.get("title", "")))
        ids = set()
        for candidate in [*title_parts(title), *doc.get("names", [])]:
            ids |= concepts.get(name_key(candidate, stop), set())
        names, seen = [], {title.casefold()}
        for name in [*doc.get("names", []), *search_forms(glossary, ids, language)]:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        if names:
            doc["names"] = names


def enrich_entry(build, page, config) -> None:
    # pipeline.py runs this after Material's search plugin indexed the page (priority 0).
    search = config.plugins.get("material/search")
    if search is None:
        return
    language = page_language(page, config.theme["language"])
    provisions = provisions_of(build.statutes, default_language_page(page.file.src_uri))
    keywords = page.meta.get("keywords")
    description = page.meta.get("description")
    keywords = [*(keywords if isinstance(keywords, list) else []),
                *([str(description)] if isinstance(description, str) and description else []),
                *(str(provision["covers"][language]) for provision in provisions if provision.get("covers"))]
    # The concepts the page links to, as blocks/glossary_text.py found them in this pass.
    forms = search_forms(build.glossary, build.referenced_terms.get(page_key(page, config), ()), language)
    names = provision_titles(provisions, language)
    if keywords or forms or names:
        enrich(search.search_index.entries, page.url, keywords, forms, names)


def label_sections(entries: list[dict], locations: set[str], label: str) -> None:
    """'Skyddat boende (Testregionen)': the sections of a region's supplement, named in results."""
    suffix = str(Markup(" ({})").format(label))   # titles are HTML in the results: the label escaped
    for entry in reversed(entries):
        if entry["location"] in locations and not entry["title"].endswith(suffix):
            entry["title"] += suffix
