"""The search engine (docs/assets/javascripts/workers/search-engine.js) on small
indexes made by the build's own code (hooks/nmt/search/prebuilt.py), in Chromium:
folding of diacritics, the typo rule and the words it must not confuse,
ranking, marking of found words, and that the browser splits words exactly
as the build does on the whole site."""
import pytest

from project import ROOT
from nmt.search import per_language as search_per_language
from nmt.search import prebuilt as search_prebuilt

pytestmark = pytest.mark.browser

WORKERS = ROOT / "docs" / "assets" / "javascripts" / "workers"
SWEDISH_STOP = frozenset({"och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "om", "vem", "vad", "ett"})


@pytest.fixture(scope="module")
def engine(browser):
    """One blank page with the engine's scripts for the whole module (each test loads its own index)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(WORKERS / "swedish-query.js"))
    page.add_script_tag(path=str(WORKERS / "search-engine.js"))
    yield page
    context.close()


def load(page, docs: list[dict], language: str = "sv", stop: frozenset = SWEDISH_STOP):
    """An index of these entries in the page, as the worker would have it."""
    index = {"config": {"lang": [language]}, "docs": docs}
    meta = search_prebuilt.build(index, stop)
    page.evaluate("([meta, docs]) => { window.index = new nmtSearchEngine.Index(meta, docs); }",
                  [meta, [search_prebuilt.shown(doc) for doc in docs]])


def search(page, query: str) -> dict:
    """{pages: page locations in result order, nmt: the engine's notes, items: Material's items}."""
    return page.evaluate("""q => { const r = index.search(q);
        return {pages: r.items.map(g => g[0].location.split('#')[0]), nmt: r.nmt, items: r.items}; }""", query)


def page_doc(location: str, title: str, text: str = "", **more) -> dict:
    return {"location": location, "title": title, "text": f"<p>{text}</p>" if text else "", **more}


# --- Words and folding -------------------------------------------------------------------

@pytest.mark.parametrize("word,folded", [
    ("människohandel", "manniskohandel"), ("återvändande", "atervandande"), ("ÅMP".lower(), "amp"),
    ("idé", "ide"), ("über", "uber"), ("søk", "sok"), ("barn", "barn"), ("1962:700", "1962:700"),
])
def test_diacritics_fold_letter_for_letter(engine, word, folded):
    assert engine.evaluate("w => nmtSearchEngine.fold(w)", word) == folded
    assert len(folded) == len(word)


@pytest.mark.parametrize("text", [
    "Återvändandeprogrammet (ÅMP)", "NMT:s historia", "lag (1962:700), 4 kap. 1 a §", "e-post: a@b.se",
    "hälso- och sjukvård", "Ärende\u00a0nr\u20095", "What's new", "Straße İstanbul ΣΟΦΟΣ", "a\u0308 decomposed",
    "emoji \U0001F600 ord", "x_y snake_case", "½ ² ⅷ",
])
def test_the_browser_splits_words_as_the_build_does(engine, text):
    assert engine.evaluate("t => nmtSearchEngine.words(t)", text) == search_prebuilt.words(text)


def test_every_entry_of_the_site_splits_the_same_in_the_browser(engine, built_site):
    """The query side must split as the index side did, on everything the site holds."""
    for folder in (built_site / "search", built_site / "en" / "search"):
        texts = [search_prebuilt.plain(f"{entry['title']} {entry['text']}")
                 for entry in search_per_language.read_entries(folder)]
        assert len(texts) > 100
        expected = [search_prebuilt.words(text) for text in texts]
        assert engine.evaluate("ts => ts.map(t => nmtSearchEngine.words(t))", texts) == expected


# --- The typo rule ------------------------------------------------------------------------

@pytest.mark.parametrize("length,edits", [(4, 0), (5, 0), (6, 1), (9, 1), (10, 2), (20, 2)])
def test_the_typo_rule_allows_more_edits_for_longer_words(engine, length, edits):
    assert engine.evaluate("n => nmtSearchEngine.allowedEdits(nmtSearchEngine.TYPO_RULE, n)", length) == edits


@pytest.mark.parametrize("query,word,edits,length", [
    ("koplleri", "koppleri", 1, 8),                 # one letter wrong
    ("betanktid", "betanketid", 1, 10),             # one missing
    ("manniskoexploaterring", "manniskoexploatering", 1, 20),  # one extra
    ("refelction", "reflection", 1, 10),            # two neighbours swapped count as one
    ("regionkordinator", "regionkoordinatorerna", 1, 17),  # the beginning of a longer word
    ("polis", "politik", 1, 5),                     # close, but see the tests below
    ("barn", "bar", 1, 3),
])
def test_edits_are_counted_against_the_beginning_of_index_words(engine, query, word, edits, length):
    found = engine.evaluate("([q, w]) => nmtSearchEngine.prefixDistance(q, w, 2)", [query, word])
    assert found == {"edits": edits, "length": length}


def test_a_word_too_far_off_is_no_match(engine):
    assert engine.evaluate("() => nmtSearchEngine.prefixDistance('koppleri', 'kontroll', 1)") is None


def test_barn_does_not_find_bar(engine):
    load(engine, [page_doc("bar/", "Baren", "En bar i stan."), page_doc("skola/", "Skolan", "Eleverna läser.")])
    assert search(engine, "barn")["pages"] == []          # four letters: never corrected
    load(engine, [page_doc("bar/", "Baren", "En bar i stan."), page_doc("barn/", "Barn", "Barn och unga.")])
    assert search(engine, "barn")["pages"] == ["barn/"]


def test_polis_does_not_drown_in_politik(engine):
    docs = [page_doc(f"politik-{n}/", f"Politik {n}", "Politiken och politikerna.") for n in range(12)]
    docs += [page_doc("polis/", "Polisen", "Polisen utreder."), page_doc("anmalan/", "Anmälan", "Gör en polisanmälan.")]
    load(engine, docs)
    result = search(engine, "polis")
    assert result["pages"] == ["polis/", "anmalan/"] and not result["nmt"]["corrected"]
    swapped = search(engine, "polsien")                    # two letters swapped: the one word it can be
    assert swapped["pages"][0] == "polis/" and not [page for page in swapped["pages"] if "politik" in page]
    assert swapped["nmt"]["corrected"] == [{"from": "polsien", "to": "polisen"}]
    short = search(engine, "polsi")                        # five letters: not corrected, but suggested
    assert short["pages"] == [] and short["nmt"]["suggestion"] == "polis"


def test_a_word_that_finds_nothing_is_corrected_and_the_result_says_so(engine):
    load(engine, [page_doc("koppleri/", "Koppleri", "Koppleri är ett brott."), page_doc("annat/", "Annat", "Text.")])
    result = search(engine, "koplleri brott")
    assert result["pages"][0] == "koppleri/"
    assert result["nmt"]["corrected"] == [{"from": "koplleri", "to": "koppleri"}]
    assert result["nmt"]["showing"] == [["koppleri", True], ["brott", False]]
    assert "koppleri" in result["items"][0][0]["terms"]    # what Material highlights on the page


def test_two_edits_only_in_words_of_ten_letters_or_more(engine):
    load(engine, [page_doc("a/", "Betänketid", "Om betänketid."), page_doc("b/", "Koppleri", "Om koppleri."),
                  page_doc("c/", "Tiggeri", "Om tiggeri.")])
    assert search(engine, "betänktiid")["pages"] == ["a/"]    # ten letters, two edits: corrected
    assert search(engine, "kopllerri")["pages"] == []          # nine letters, two edits: not corrected
    assert search(engine, "kopllerri")["nmt"]["suggestion"] == "koppleri"
    assert search(engine, "tiggerri")["pages"] == ["c/"]       # eight letters, one edit: corrected
    assert search(engine, "tigeri")["pages"] == ["c/"]         # six letters, one edit: corrected
    assert search(engine, "tigri")["pages"] == []              # five letters: suggested only


def test_nothing_found_offers_one_suggestion_where_a_word_is_close(engine):
    load(engine, [page_doc("barn/", "Barn", "Barn som utsätts."), page_doc("vuxna/", "Vuxna", "Vuxna.")])
    none = search(engine, "bsrn")
    assert none["pages"] == [] and none["nmt"]["suggestion"] == "barn"
    assert search(engine, "qqqqzzz")["nmt"]["suggestion"] is None
    assert search(engine, "barn")["nmt"]["suggestion"] is None


def test_a_word_that_begins_only_a_rare_word_is_corrected_to_a_common_close_word(engine):
    docs = [page_doc(f"police-{n}/", f"Police {n}", "The police investigate.") for n in range(12)]
    docs.append(page_doc("glossary/", "Glossary", "Polisen (Swedish)."))
    load(engine, docs, "en", frozenset({"the"}))
    result = search(engine, "polise")
    assert result["nmt"]["corrected"] == [{"from": "polise", "to": "police"}]
    assert search(engine, "polisen")["pages"] == ["glossary/"]   # a word of the index is never corrected


# --- Diacritics and ranking ----------------------------------------------------------------

def test_diacritics_match_both_ways_and_the_exact_spelling_ranks_first(engine):
    load(engine, [page_doc("far/", "Fadern", "Min far kom hem."), page_doc("far2/", "Tillstånd", "Hon får stanna.")])
    assert search(engine, "far")["pages"] == ["far/", "far2/"]
    assert search(engine, "får")["pages"] == ["far2/", "far/"]
    load(engine, [page_doc("m/", "Människohandel", "Om människohandel."), page_doc("malmo/", "Kontor", "I malmo.")])
    assert search(engine, "manniskohandel")["pages"] == ["m/"]
    assert search(engine, "malmö")["pages"] == ["malmo/"]
    folded = search(engine, "manniskohandel")
    assert list(folded["items"][0][0]["terms"]) == ["människohandel"]   # highlighted as the page spells it


def test_a_page_whose_title_holds_the_word_outranks_pages_that_mention_it(engine):
    mention = "Betänketid nämns här. " * 6
    load(engine, [page_doc("a/", "Uppehållstillstånd", mention), page_doc("b/", "Betänketid", "Kort."),
                  page_doc("c/", "Annat", mention)])
    assert search(engine, "betänketid")["pages"][0] == "b/"


def test_other_names_rank_like_titles(engine):
    load(engine, [page_doc("iom/", "IOM", "IOM driver ÅMP och annat. ÅMP, ÅMP."),
                  page_doc("program/", "Återvändandeprogrammet", "Programmet.", names=["ÅMP"])])
    assert search(engine, "ÅMP")["pages"][0] == "program/"
    assert search(engine, "amp")["pages"][0] == "program/"


def test_a_page_that_answers_every_word_of_a_question_ranks_first(engine):
    load(engine, [
        page_doc("a/", "Hemresa", "Resan hem."), {"location": "a/#pengar", "title": "Pengar", "text": "<p>Staten betalar.</p>"},
        page_doc("b/", "Betalning", "Vem betalar vad."), page_doc("c/", "Hemresa igen", "Om hemresan."),
    ])
    assert search(engine, "vem betalar hemresan")["pages"][0] == "a/"


def test_found_words_are_marked_outside_tags_and_entities_only(engine):
    html = '<p>bar &amp; <a href="barn">barn</a> Barn</p><p>inget</p><p>barn</p><p>barn igen</p>'
    marked = engine.evaluate("h => nmtSearchEngine.highlight(h, new Set(['barn', 'amp']), false)", html)
    assert marked == '<p>bar &amp; <a href="barn"><mark>barn</mark></a> <mark>Barn</mark></p><p><mark>barn</mark></p>'
    title = engine.evaluate("h => nmtSearchEngine.highlight(h, new Set(['barn']), true)", "Barn &amp; unga")
    assert title == "<mark>Barn</mark> &amp; unga"
