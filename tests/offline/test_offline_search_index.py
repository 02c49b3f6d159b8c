"""The search index (hooks/nmt/search/prebuilt.py): the offline copy holds the same
index as the hosted site, only its addresses differ (x.html for x/) and the
pages the copy shows differently, and the index reads back what the build
wrote. That both copies give the same results for every query of the
relevance set is checked in tests/browser/test_search_quality.py."""
import json

import pytest

from nmt.registers.glossary import Concept
from nmt.search import enrichment as search_enrichment
from nmt.search import per_language as search_per_language
from nmt.search import prebuilt as search_prebuilt


def offline_location(location: str, offline_site, root) -> str:
    """x/ → x.html, a/ (a folder index) → a/index.html, "" → index.html; the anchor kept."""
    path, hash_, anchor = location.partition("#")
    if path == "" or (offline_site / root / path / "index.html").exists():
        path += "index.html"
    elif path.endswith("/"):
        path = path[:-1] + ".html"
    return path + hash_ + anchor


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_offline_copy_holds_the_hosted_sites_index(built_site, offline_site, language):
    folder = "search" if language == "sv" else "en/search"
    online_meta, online = search_prebuilt.read_parts(built_site / folder, search_per_language.PARTS)
    offline_meta, offline = search_prebuilt.read_parts(offline_site / folder, search_per_language.PARTS)
    assert online_meta["lang"] == offline_meta["lang"] == language
    root = "" if language == "sv" else "en"
    mapped = [{**entry, "location": offline_location(entry["location"], offline_site, root)} for entry in online]
    assert [entry["location"] for entry in mapped] == [entry["location"] for entry in offline]
    # The same entries, except What's new, which names its feed only online (the copy has none).
    assert [a["location"] for a, b in zip(mapped, offline) if a != b] in ([], ["nytt.html"])
    assert {key for key in online_meta if online_meta[key] != offline_meta[key]} <= {"terms", "postings"}
    # Material's offline search reads the small index from a script; it names the parts.
    script = (offline_site / folder / "search_index.js").read_text("utf-8")
    assert json.loads(script.removeprefix("var __index = "))["config"]["nmt"]["folder"] == folder + "/"


def test_the_index_reads_back_what_the_build_wrote(tmp_path):
    docs = [{"location": "a/", "title": "Återvändandeprogrammet (ÅMP)", "text": "<p>Programmet &amp; IOM.</p>",
             "tags": ["hemresa"], "names": ["ÅMP", "frivillig återresa"], "forms": ["återvändandeprogram"]},
            {"location": "a/#x", "title": "Vem betalar?", "text": "<p>Jämställdhetsmyndigheten betalar.</p>",
             "boost": 2}]
    config = {"lang": ["sv"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {}}
    search_per_language.write_engine_index(tmp_path, "search/", {"config": config, "docs": docs}, {}, offline=True)
    meta, entries = search_prebuilt.read_parts(tmp_path, search_per_language.PARTS)
    assert [(e["location"], e["title"], e["text"], e["boost"]) for e in entries] == [
        ("a/", "Återvändandeprogrammet (ÅMP)", "<p>Programmet &amp; IOM.</p>", 1.0),
        ("a/#x", "Vem betalar?", "<p>Jämställdhetsmyndigheten betalar.</p>", 2.0)]
    assert meta["terms"] == sorted(meta["terms"], key=search_prebuilt.utf16_order)
    assert {"åmp", "frivillig", "återresa", "återvändandeprogram", "iom", "hemresa", "betalar"} <= set(meta["terms"])
    assert "amp" not in meta["terms"] and "vem" not in meta["terms"]   # the entity is no word; stop words out
    assert json.loads((tmp_path / "search_index.json").read_text("utf-8"))["docs"] == []


def test_each_entry_knows_the_entry_of_its_page():
    docs = [{"location": "a/"}, {"location": "a/#x"}, {"location": "a/#y"}, {"location": "c/#z"},
            {"location": "b/"}, {"location": "b/#x"}]
    steps = search_prebuilt.page_steps(docs)
    assert steps == search_prebuilt.varints([1, 2, 3, 0, 1, 2])  # c/ has no entry of its own


def test_a_one_word_name_ranks_as_a_name_and_a_longer_one_as_keywords():
    doc = {"names": ["ÅMP", "frivillig återresa", "Ett program"]}
    stop = frozenset({"ett"})
    assert search_prebuilt.field_words(doc, "names", stop) == ["åmp", "ett", "program"]
    assert search_prebuilt.field_words(doc, "tags", stop) == ["frivillig", "återresa"]


def test_html_is_read_as_a_reader_sees_it():
    assert search_prebuilt.words(search_prebuilt.plain('<p>Se <a href="x">NMT:s</a> lag&nbsp;(1962:700)</p>')) == \
        ["se", "nmt:s", "lag", "1962:700"]


def test_stop_words_come_from_materials_scripts():
    javascripts = search_prebuilt.material_javascripts()
    assert {"och", "att", "som"} <= search_prebuilt.stop_words("sv", javascripts)
    assert {"the", "and", "of"} <= search_prebuilt.stop_words("en", javascripts)
    assert search_prebuilt.stop_words("xx", javascripts) is None


def test_a_title_names_the_glossary_concept_it_is_about():
    def concept(id, term, *also):
        return Concept(id, 1, terms={"sv": {"term": term, "also": list(also), "avoid": []}})

    glossary = {"amp": concept("amp", "återvändandeprogrammet", "ÅMP"),
                "frivilligt": concept("frivilligt", "frivilligt återvändande", "tryggt återvändande"),
                "mh": concept("mh", "människohandel", "trafficking")}
    docs = [{"location": "a/", "title": "Återvändandeprogrammet (ÅMP)"},
            {"location": "b/", "title": "Steg 6: Ett tryggt återvändande"},
            {"location": "c/", "title": "Indikatorer på människohandel"},
            {"location": "a/#x", "title": "Människohandel"},
            {"location": "d/", "title": "Köp av sexuell handling", "names": ["Köp av sexuell tjänst"]}]
    glossary["kop"] = concept("kop", "köp av sexuell tjänst", "sexköpslagen")
    search_enrichment.add_concept_names(docs, glossary, "sv", frozenset({"ett", "på", "av"}))
    assert docs[0]["names"] == ["ÅMP", "återvändandeprogrammet"]
    assert docs[1]["names"] == ["frivilligt återvändande", "tryggt återvändande"]
    assert "names" not in docs[2] and "names" not in docs[3]   # a word in the title, or a section: not its subject
    assert docs[4]["names"] == ["Köp av sexuell tjänst", "sexköpslagen"]  # named by a title from the register
