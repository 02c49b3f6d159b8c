"""A page's search entry carries the glossary forms of the concepts it links to.

blocks/glossary_text.py records the concepts per page in Build.referenced_terms;
search/enrichment.py reads them there (not through page.meta), in the page's
language pass.
"""
import datetime
import json
from types import SimpleNamespace

from nmt.core.state import Build
from nmt.registers.glossary import Concept
from nmt.search.enrichment import enrich_entry

TRAFFICKING = Concept("manniskohandel", 1, terms={
    "sv": {"term": "människohandel", "definition": "…", "also": ["människohandelsbrott"],
           "avoid": [{"term": "trafficking", "use": "människohandel"}]},
    "en": {"term": "trafficking in human beings", "definition": "…", "also": ["THB"]}})


class Config(dict):
    def __init__(self, language: str, entries: list):
        super().__init__()
        self.theme = {"language": language}
        self.plugins = {"material/search": SimpleNamespace(search_index=SimpleNamespace(entries=entries))}


def entry_after_enrichment(build: Build, src_uri: str, language: str) -> dict:
    entries = [{"location": "lagstiftning/x/", "title": "X", "text": "<p>Text.</p>"}]
    page = SimpleNamespace(url="lagstiftning/x/", meta={}, file=SimpleNamespace(src_uri=src_uri, locale=language))
    enrich_entry(build, page, Config(language, entries))
    return entries[0]


def a_build() -> Build:
    return Build(preview=False, today=datetime.date(2027, 1, 1), revision=None, default_language="sv",
                 languages=["sv", "en"], glossary={"manniskohandel": TRAFFICKING})


def test_the_entry_gets_the_forms_of_the_linked_concepts_in_the_pages_language():
    build = a_build()
    build.referenced_terms["sv:lagstiftning/x.md"] = {"manniskohandel"}
    build.referenced_terms["en:lagstiftning/x.en.md"] = {"manniskohandel"}
    swedish = json.dumps(entry_after_enrichment(build, "lagstiftning/x.md", "sv"), ensure_ascii=False)
    english = json.dumps(entry_after_enrichment(build, "lagstiftning/x.en.md", "en"), ensure_ascii=False)
    assert all(form in swedish for form in ("människohandel", "människohandelsbrott", "trafficking"))
    assert "THB" not in swedish
    assert "THB" in english and "människohandel" not in english


def test_a_page_that_links_no_concept_gets_no_forms():
    build = a_build()
    build.referenced_terms["sv:lagstiftning/annan.md"] = {"manniskohandel"}
    assert entry_after_enrichment(build, "lagstiftning/x.md", "sv") == {
        "location": "lagstiftning/x/", "title": "X", "text": "<p>Text.</p>"}
