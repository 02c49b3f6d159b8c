import datetime

from nmt.blocks.audiences import profession_names
from nmt.checks.front_matter import check_front_matter

TODAY = datetime.date(2026, 11, 27)
GOOD = """---
title: Titel
description: En mening.
owner: Redaktionen
reviewed: 2026-11-01
sources:
  - title: Källa
    url: https://www.riksdagen.se/
---

Text.
"""


def messages(text):
    return [(f.line, f.message) for f in check_front_matter(text, "docs/a.md", TODAY)]


def test_a_complete_page_has_no_findings():
    assert messages(GOOD) == []


def test_each_missing_required_field_is_named():
    for field in ("title", "description", "owner"):
        text = "\n".join(line for line in GOOD.splitlines() if not line.startswith(field + ":")) + "\n"
        assert any(f"'{field}' is missing" in m for _, m in messages(text)), field


def test_missing_sources_and_reviewed_are_errors():
    text = GOOD.replace("reviewed: 2026-11-01\n", "").split("sources:")[0] + "---\nText\n"
    found = " ".join(m for _, m in messages(text))
    assert "'reviewed' is missing" in found and "'sources' is missing" in found


def test_review_date_must_be_real_and_not_in_the_future():
    assert messages(GOOD.replace("2026-11-01", "2026-02-30")) == [
        (5, "front matter: 'reviewed: 2026-02-30' is not a real date — write it as YYYY-MM-DD, e.g. 2026-11-27")]
    assert "in the future" in messages(GOOD.replace("2026-11-01", "2026-11-28"))[0][1]


def test_sources_need_https():
    assert messages(GOOD.replace("https://www.riksdagen.se/", "http://www.riksdagen.se/"))[0][0] == 8


def test_no_front_matter_at_all():
    # Line 1 is where the editor must add the missing --- block, whatever the page starts with.
    no_front_matter = ("docs/a.md:1: the page has no front matter — start the file with a --- block with title, "
                       "description, owner, reviewed and sources (see docs/_mall.md for a complete example)")
    for text in ("Bara text.\n", "\n\n# Rubrik\n\nText.\n", ""):
        assert [str(f) for f in check_front_matter(text, "docs/a.md", TODAY)] == [no_front_matter], repr(text)


def test_body_title_heading_is_reported_on_its_line():
    assert messages(GOOD.replace("Text.", "# Titel igen"))[0] == (
        11, "remove this '# ' heading: the page title comes from 'title' in the front matter")


def test_translation_none_needs_a_reason():
    text = GOOD.replace("owner:", "translation: none\nowner:")
    assert any("translation_reason" in m for _, m in messages(text))
    assert messages(text.replace("translation: none", "translation: none\ntranslation_reason: Bara för Sverige.")) == []


def test_wrong_types_are_errors_not_crashes():
    assert messages(GOOD.replace("title: Titel", "title: [a, b]")) == [(2, "front matter: 'title' must be text on one line")]
    assert "list" in messages(GOOD.replace("sources:\n  - title: Källa\n    url: https://www.riksdagen.se/", "sources: x"))[0][1]


import pytest  # noqa: E402


@pytest.mark.parametrize("value", ["3", "[]", "socialtjanst", "[{a: 1}]", "[[polis]]", "[polis, 7]", "{polis: 1}"])
def test_applies_to_that_is_not_a_list_of_known_professions_is_refused(value):
    found = messages(GOOD.replace("owner:", f"applies_to: {value}\nowner:"))
    assert [(line, m.split(" (")[0]) for line, m in found] == [
        (4, f"front matter: 'applies_to' is a list of professions from {', '.join(profession_names())}")], found


@pytest.mark.parametrize("value", ["20261101", "2026-W44-7", "2026-11-1", "9999-12-31",
                                   "1066-10-14", "2026-02-30", "2026-11-01T10:00"])
def test_reviewed_accepts_only_a_plausible_date_written_yyyy_mm_dd(value):
    found = messages(GOOD.replace("reviewed: 2026-11-01", f"reviewed: {value}"))
    assert len(found) == 1 and found[0][0] == 5, found
    assert ("is in the future" if value == "9999-12-31" else "YYYY-MM-DD") in found[0][1], found


def test_a_nested_key_written_twice_is_refused():
    found = messages(GOOD.replace("    url: https://www.riksdagen.se/\n",
                                  "    url: https://www.riksdagen.se/\n    url: https://evil.example/\n"))
    assert found == [(9, "front matter: 'url' appears twice (also on line 8) — keep one")]
