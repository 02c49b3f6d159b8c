"""The LIX measure (hooks/nmt/checks/readability.py) and the limit for easy-to-read pages:
what a reader sees is measured, and a page above LIX 25 is refused with its
LIX, the line of its longest sentence and what to do."""
import pytest

from nmt.checks.readability import EASY_READ_LIMIT, check_easy_read, is_easy_read, measure, sentences_of

FRONT = """---
title: Lättläst
description: En sida på lätt svenska.
owner: Redaktionen
reviewed: 2026-12-01
easy_read: true
sources:
  - title: Källa
    url: https://example.org/
---

"""
EASY = FRONT + """Du kan få hjälp. Ring 112 om det är fara.

## Vem kan du ringa? {#call}

- Polisen har numret 114 14.
- Du kan be om en tolk.
"""
# The body starts on line 12; line 13 of HARD is its longest sentence.
HARD = FRONT + """Du kan få hjälp.
Myndigheternas samordnade stödinsatser för människohandelsoffer förutsätter att yrkesverksamma tillämpar gemensamma rutiner och samverkansöverenskommelser.

Ring 112.
"""


def test_a_page_over_the_limit_is_refused_with_its_lix_and_longest_sentence():
    findings = check_easy_read(HARD, "docs/lattlast/sida.md")
    assert len(findings) == 1
    finding = findings[0]
    lix = measure(HARD).lix
    assert lix > EASY_READ_LIMIT
    assert finding.path == "docs/lattlast/sida.md"
    assert finding.line == 13, "the refusal points at the longest sentence"
    assert finding.message.startswith(f"LIX {lix:.1f} is above 25, the limit for an easy-to-read page")
    assert 'the longest sentences are "Myndigheternas samordnade stödinsatser för människohandelsoffer ' \
           'förutsätter att…" (line 13, 13 words), "Du kan få hjälp." (line 12, 4 words), "Ring 112." ' \
           '(line 15, 1 word)' in finding.message
    assert "— split long sentences into short ones" in finding.message
    assert "\n" not in finding.message


def test_a_page_within_the_limit_passes():
    assert measure(EASY).lix <= EASY_READ_LIMIT
    assert check_easy_read(EASY, "docs/lattlast/sida.md") == []


def test_the_longest_sentences_come_first_and_at_most_three_are_named():
    text = FRONT + "Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton sexton.\n\n" + \
        "\n\n".join(f"Myndighetssamordningen arbetar {'långsiktigt ' * n}." for n in range(1, 6))
    message = check_easy_read(text, "docs/a.md")[0].message
    assert message.count("words)") == 3
    assert message.index("(line 12, 16 words)") < message.index("(line 22, 7 words)") < message.index("(line 20, 6 words)")


def test_only_the_text_a_reader_sees_is_measured():
    text = FRONT + """<!-- En kommentar med långa obegripliga myndighetsformuleringar -->
Se [sidan](../samverkan/mycket-langt-filnamn-som-inte-syns.md) och [[betänketid|tiden]].

```
kod med väldigt långa ord som ingen läser
```

!!! danger "Akut fara"
    Ring 112.
"""
    assert [sentence.text for sentence in sentences_of(text)] == ["Se sidan och tiden.", "Akut fara", "Ring 112."]


def test_headings_items_and_cells_are_sentences_and_list_numbers_are_not():
    text = FRONT + """## Steg för steg {#steps}

1. **Ring.** Du ringer.
2. Du väntar

| Vem | Nummer |
|---|---|
| Polisen | 114 14 |
"""
    assert [(s.line, s.text) for s in sentences_of(text)] == [
        (12, "Steg för steg"), (14, "Ring."), (14, "Du ringer."), (15, "Du väntar"),
        (17, "Vem"), (17, "Nummer"), (19, "Polisen")]


def test_a_soft_wrapped_sentence_is_one_sentence_on_the_line_where_it_starts():
    text = FRONT + "Första meningen. Den andra\nmeningen fortsätter här.\nDen tredje.\n"
    assert [(s.line, len(s.words)) for s in sentences_of(text)] == [(12, 2), (12, 5), (14, 2)]


def test_lix_measures_what_it_should():
    hard = "Myndighetssamverkansöverenskommelsernas implementeringsprocessdokumentation förutsätter tillämpningsföreskrifter."
    assert measure(hard).lix > 60
    assert measure("Hon går hem. Han är här. Vi ses.").lix < 20
    # 3 words, 1 sentence, 2 long words (more than six letters): 3 + 100 * 2/3
    assert measure("Människohandel drabbar alla.").lix == pytest.approx(3 + 200 / 3)


@pytest.mark.parametrize("hostile", ["[" * 5000, "<a" * 5000, "." * 5000 + "x", "[[" * 5000, "<!--" * 2000,
                                     "{#" * 5000, "](" * 5000, "!!! " * 3000, "| " * 5000, "- " * 5000])
def test_hostile_text_is_measured_without_error(hostile):
    text = FRONT + hostile + " Slut."
    sentences = sentences_of(text)
    if hostile.startswith("<!--"):
        assert sentences == []  # an unclosed comment hides the rest of the page
    else:
        assert sentences[-1].text.endswith("Slut.") and sentences[-1].line == 12
    assert all(f.line >= 1 for f in check_easy_read(text, "docs/a.md"))


@pytest.mark.parametrize("front_matter,expected", [
    ("easy_read: true", True), ("easy_read: false", False), ("easy_read: 'true'", False), ("", False),
    ("easy_read: [", False),
])
def test_is_easy_read_only_with_a_real_true(front_matter, expected):
    assert is_easy_read(f"---\ntitle: X\n{front_matter}\n---\nText.\n") is expected
