import time

from nmt.blocks.glossary_text import avoided_wording, check_avoided, check_references, glossary_markdown, link_terms, link_texts
from nmt.registers.glossary import load_glossary, term_index
from markdown_like_the_site import render

GLOSSARY = """
- id: betanketid
  sv: {term: betänketid, definition: 30 dagars tillstånd., also: [betänketiden], avoid: [{term: reflektionstid, use: betänketid}]}
  en: {term: reflection period, definition: A 30-day permit., also: [reflection periods]}
  see: [atal]
- id: atal
  sv: {term: åtal, definition: "Åklagaren för målet till domstol."}
  en: {term: prosecution, definition: The prosecutor takes the case to court.}
- id: arbete
  sv: {term: arbete, definition: Jobb.}
  en: {term: work, definition: A job.}
"""


def concepts():
    loaded, findings = load_glossary(GLOSSARY, "docs/glossary.yml", ["sv", "en"])
    assert findings == []
    return loaded


def test_terms_match_by_term_or_also_ignoring_case():
    index = term_index(concepts(), "sv")
    assert index["betänketiden"].id == index["BETÄNKETID".casefold()].id == "betanketid"


def test_unknown_term_gives_line_and_closest_terms():
    findings, referenced = check_references("a\n[[betänketid]] och [[betänktid]]\n", "docs/a.md",
                                            term_index(concepts(), "sv"))
    assert referenced == {"betanketid"}
    assert [(f.line, f.message) for f in findings] == [
        (2, "unknown glossary term 'betänktid' — did you mean 'betänketid', 'betänketiden'? "
            "Use a term from docs/glossary.yml, or add the concept there")]


def test_an_unknown_term_without_a_close_one_still_says_what_to_do_after_a_dash():
    findings, _ = check_references("[[xyzzy]]\n", "docs/a.md", term_index(concepts(), "sv"))
    assert [f.message for f in findings] == [
        "unknown glossary term 'xyzzy' — use a term from docs/glossary.yml, or add the concept there"]


def test_terms_in_code_are_not_references():
    findings, referenced = check_references("`[[nope]]`\n", "docs/a.md", term_index(concepts(), "sv"))
    assert findings == [] and referenced == set()


def test_link_shows_the_inflected_form_and_the_definition_as_tooltip():
    linked = link_terms("Under [[betänketid|betänketiden]] vilar hon.", term_index(concepts(), "sv"), "sv",
                        "../ordlista/index.md")
    assert linked == 'Under [betänketiden](../ordlista/index.md#betanketid "30 dagars tillstånd.") vilar hon.'


def test_escaped_bar_works_inside_tables():
    linked = link_terms("| [[betänketid\\|betänketiden]] |", term_index(concepts(), "sv"), "sv", "g.md")
    assert linked.startswith("| [betänketiden](g.md#betanketid")


def test_avoided_wording_is_a_warning_naming_the_preferred_term():
    findings = check_avoided("Om reflektionstid.\n## Rubrik {#reflektionstid}\n", "docs/a.md", avoided_wording(concepts(), "sv"))
    assert [(f.line, f.level) for f in findings] == [(1, "warning")]
    assert "write 'betänketid' instead" in findings[0].message


def test_glossary_page_is_alphabetical_in_swedish_order_with_anchors():
    page = glossary_markdown(concepts(), "sv")
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == ["## Arbete {#arbete}", "## Betänketid {#betanketid}", "## Åtal {#atal}"]
    assert "Se även: [åtal](#atal)" in page


def test_validation_catches_missing_language_duplicates_and_unknown_see():
    text = GLOSSARY + """
- id: atal
  sv: {term: betänketiden, definition: x}
  en: {term: charge, definition: y}
- id: ny
  sv: {term: ny, definition: ""}
  see: [saknas]
"""
    loaded, findings = load_glossary(text, "docs/glossary.yml", ["sv", "en"])
    found = " | ".join(f.message for f in findings)
    assert "the id 'atal' is used twice" in found
    assert "'ny' (sv): 'definition' must be non-empty text" in found
    assert "'ny' has no 'en:' block" in found
    assert "ny" not in loaded


def test_a_form_may_belong_to_one_concept_only():
    text = GLOSSARY.replace("also: [reflection periods]", "also: [reflection periods, Prosecution]")
    _, findings = load_glossary(text, "docs/glossary.yml", ["sv", "en"])
    assert any("'Prosecution' is also a form of" in f.message or "'prosecution' is also a form of" in f.message
               for f in findings)


def test_unparseable_glossary_is_unusable():
    loaded, findings = load_glossary("- id: [x\n", "docs/glossary.yml", ["sv", "en"])
    assert loaded is None and findings[0].line == 2


def test_avoided_wording_matches_any_case_and_each_occurrence():
    findings = check_avoided("REFLEKTIONSTID och sedan reflektionstid igen.\n", "docs/a.md",
                             avoided_wording(concepts(), "sv"))
    assert [f.line for f in findings] == [1, 1]
    assert all("write 'betänketid' instead" in f.message for f in findings)


def linked(text: str) -> str:
    return link_terms(text, term_index(concepts(), "sv"), "sv", "../ordlista/index.md")


def test_a_term_inside_a_links_text_is_words_so_readers_get_one_working_link():
    html = render(linked("Läs [mer om [[betänketid|betänketiden]] här](https://www.nmt.se/) och om [[betänketid]]."))
    assert html == ('<p>Läs <a href="https://www.nmt.se/">mer om betänketiden här</a> och om '
                    '<a href="../ordlista/index.md#betanketid" title="30 dagars tillstånd.">betänketid</a>.</p>')


def test_a_term_in_an_image_description_or_a_reference_links_text_is_words_too():
    assert linked("![bild av [[betänketid]]](bild.png)") == "![bild av betänketid](bild.png)"
    assert linked("[om [[betänketid]]][nmt]\n\n[nmt]: https://www.nmt.se/") == "[om betänketid][nmt]\n\n[nmt]: https://www.nmt.se/"


def test_brackets_in_code_escaped_or_in_another_paragraph_make_no_link_text():
    for text in ("`[x` [[betänketid]] [y](z)", "\\[a [[betänketid]]](b)", "[a\n\n[[betänketid]]](b)"):
        assert "(../ordlista/index.md#betanketid" in linked(text), text


def test_a_term_in_an_indented_code_block_stays_as_written_and_one_in_a_list_item_is_linked():
    text = "Exempel:\n\n    [[betänketid]]\n\n- punkt\n\n    Om [[betänketid]].\n"
    assert linked(text) == ("Exempel:\n\n    [[betänketid]]\n\n- punkt\n\n"
                            '    Om [betänketid](../ordlista/index.md#betanketid "30 dagars tillstånd.").\n')


def test_finding_link_texts_is_linear_on_hostile_brackets():
    for text in ("[" * 50000, "[a](" * 12000, "[[x]" * 12000 + "](y)", "\\[" * 25000, "[a\n\n" * 10000):
        started = time.process_time()
        link_texts(text)
        assert time.process_time() - started < 1.0
