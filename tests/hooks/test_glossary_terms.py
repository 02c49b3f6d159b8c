from glossary_terms import (avoided_wording, check_avoided, check_references, glossary_markdown, link_terms, load_glossary,
                            term_index)

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
