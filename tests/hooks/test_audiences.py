"""Who a page is for: the fixed list, the line under the title, the list on a profession page."""
from pathlib import Path

from nmt.blocks.audiences import MARKER, applies_to_line, known_professions, pages_for, profession_names
from markdown_like_the_site import render

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_fixed_list_is_the_profession_pages_and_each_has_a_name_in_both_languages():
    pages = sorted(p.name[:-3] for p in (DOCS / "yrken").glob("*.md")
                   if not p.name.startswith(("_", "index")) and not p.name.endswith(".en.md"))
    names = profession_names()
    assert sorted(names) == pages
    assert all(set(names[id_]) == {"sv", "en"} for id_ in names)


def test_the_line_links_each_profession_page_relative_to_the_page():
    html = render(applies_to_line(["polis", "socialtjanst"], "samverkan/barn.md", "sv", profession_names()))
    assert html == ('<p class="nmt-applies-to">Gäller för: <a href="../yrken/polis.md">polis</a>, '
                    '<a href="../yrken/socialtjanst.md">socialtjänst</a></p>')


def test_a_profession_page_lists_the_pages_that_apply_to_it_by_title():
    pages = {"a.md": {"title": "Ärende", "applies_to": ["polis"]}, "b/c.md": {"title": "Beslut", "applies_to": ["polis"]},
             "d.md": {"title": "Annat", "applies_to": ["socialtjanst"]}, "e.md": {"title": "Utan"}}
    assert pages_for("polis", pages, "yrken/polis.md", "sv") == "- [Beslut](../b/c.md)\n- [Ärende](../a.md)"
    assert "No page says yet" in pages_for("skola-och-forskola", pages, "yrken/x.en.md", "en")


def test_every_profession_page_in_both_languages_has_the_list():
    for page in (DOCS / "yrken").glob("*.md"):
        if not page.name.startswith(("_", "index")):
            assert MARKER in page.read_text("utf-8"), page.name


def test_pages_declare_who_they_are_for_in_both_languages_alike():
    declared = 0
    for page in DOCS.rglob("*.md"):
        if page.name.endswith(".en.md") or page.name.startswith("_"):
            continue
        english = page.with_name(page.name[:-3] + ".en.md")
        lines = [line for line in page.read_text("utf-8").splitlines() if line.startswith("applies_to:")]
        english_lines = [line for line in english.read_text("utf-8").splitlines() if line.startswith("applies_to:")]
        assert lines == english_lines, page
        declared += bool(lines)
    assert declared >= 30


def test_only_known_professions_reach_the_page():
    hostile = ["polis", "x)(javascript:alert(1)", "../../etc", ["socialtjanst"], {"a": 1}, 3, "<b>", "polis"]
    names = profession_names()
    assert known_professions(hostile, names) == ["polis", "polis"]
    assert known_professions("polis", names) == [] and known_professions(None, names) == []
