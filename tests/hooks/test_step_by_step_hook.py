"""The six steps as one guide (hooks/nmt/blocks/step_guide.py): docs/steps.yml's loader
with its exact messages, the rendered guide, where it goes in a page, and a
whole fixture site with six step pages built in both languages."""
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from nmt.core.findings import Finding
from nmt.core.yaml_lines import YamlProblem, load_yaml
from fixture_sites import ROOT, build_site, make_site
from nmt.policy.html import content_violations, is_outside
from nmt.search import per_language as search_per_language
from markdown_like_the_site import render
from nmt.blocks.step_guide import MARKER, exclude_from_search, guide, marker_not_alone, place_guide
from nmt.registers.steps import Step, current_step, load_steps
from test_errors_are_documented import undocumented
from test_hostile_strings import passed_on  # what the YAML loader lets through

DOCS = ROOT / "docs"
PATH = "docs/steps.yml"
WANTED = ["sv", "en"]


def step_entry(number, page=None, **changes):
    entry = {"number": number, "page": page or f"steg/steg-{number}.md",
             "title": {"sv": f"Steg nummer {number}", "en": f"Step number {number}"},
             "summary": {"sv": f"Sammanfattning {number}.", "en": f"Summary {number}."},
             "actions": [{"sv": f"Gör {number}a.", "en": f"Do {number}a."}, {"sv": f"Gör {number}b.", "en": f"Do {number}b."}]}
    entry.update(changes)
    return {key: value for key, value in entry.items() if value is not None}


def six_steps(changes_of: dict | None = None):
    """Six good steps; changes_of: {number: {field: value}} (None removes the field)."""
    return [step_entry(number, **(changes_of or {}).get(number, {})) for number in range(1, 7)]


@pytest.fixture
def docs(tmp_path):
    for number in range(1, 7):
        (tmp_path / "steg").mkdir(exist_ok=True)
        (tmp_path / "steg" / f"steg-{number}.md").write_text("x", "utf-8")
        (tmp_path / "steg" / f"steg-{number}.en.md").write_text("x", "utf-8")
    return tmp_path


def load(entries, docs):
    text = entries if isinstance(entries, str) else yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
    return load_steps(text, PATH, WANTED, docs)


def messages(entries, docs):
    return [str(finding) for finding in load(entries, docs)[1]]


# --- The real data file ----------------------------------------------------------------------

def real_steps():
    steps, findings = load_steps((DOCS / "steps.yml").read_text("utf-8"), PATH, WANTED, DOCS)
    assert findings == []
    return steps


def test_the_real_file_has_the_six_steps_each_on_its_own_page_in_both_languages():
    steps = real_steps()
    assert list(steps) == [1, 2, 3, 4, 5, 6]
    assert [step.page for step in steps.values()] == [
        "samverkan/identifiering.md", "samverkan/akut-skydd.md", "samverkan/inledande-stod.md",
        "samverkan/langsiktigt-stod.md", "samverkan/straffrattsligt-forfarande.md",
        "samverkan/tryggt-atervandande.md"]
    for step in steps.values():
        assert 2 <= len(step.actions) <= 4


@pytest.mark.parametrize("language,suffix", [("sv", ".md"), ("en", ".en.md")])
def test_each_step_is_named_as_its_page_is_titled(language, suffix):
    """'Steg 2: Akut skydd' / 'Step 2: Acute protection': the guide and the pages agree."""
    for number, step in real_steps().items():
        meta = load_yaml((DOCS / step.page.replace(".md", suffix)).read_text("utf-8").split("---")[1])
        assert meta["title"].endswith(f"{number}: {step.title[language]}"), (meta["title"], step.title[language])


def test_the_pages_that_belong_to_a_step_say_so_in_both_languages():
    declared = {}
    for path in sorted(DOCS.rglob("*.md")):
        meta = load_yaml(path.read_text("utf-8").split("---")[1]) if path.read_text("utf-8").startswith("---") else {}
        if isinstance(meta, dict) and "step" in meta:
            declared[path.relative_to(DOCS).as_posix()] = meta["step"]
    assert declared.items() >= {
        "samverkan/indikatorer.md": 1, "samverkan/betanketid.md": 2, "samverkan/nationellt-stodprogram.md": 3,
        "samverkan/atervandandeprogrammet.md": 6}.items()
    for path, step in declared.items():   # the same step in both languages
        counterpart = path[:-6] + ".md" if path.endswith(".en.md") else path[:-3] + ".en.md"
        assert declared.get(counterpart) == step, (path, counterpart)
    step_pages = {step.page for step in real_steps().values()}
    assert not step_pages & set(declared), "a step's own page needs no 'step:'"


# --- The loader's messages -------------------------------------------------------------------

def test_six_good_steps_load_without_findings(docs):
    steps, findings = load(six_steps(), docs)
    assert findings == [] and list(steps) == [1, 2, 3, 4, 5, 6]
    assert steps[3] == Step(3, "steg/steg-3.md", steps[3].line, {"sv": "Steg nummer 3", "en": "Step number 3"},
                            {"sv": "Sammanfattning 3.", "en": "Summary 3."},
                            [{"sv": "Gör 3a.", "en": "Do 3a."}, {"sv": "Gör 3b.", "en": "Do 3b."}])


def test_a_missing_language_is_named_with_its_line(docs):
    text = """- number: 1
  page: steg/steg-1.md
  title: {sv: Ett, en: One}
  summary:
    sv: Det första steget.
  actions:
    - {sv: Gör a., en: Do a.}
    - sv: Gör b.
"""
    assert messages(text, docs)[:3] == [
        "docs/steps.yml:1: the file lists 1 steps — the support and protection process has six: list each number "
        "from 1 to 6 once",
        "docs/steps.yml:4: step 1: 'summary' has no 'en' text — write it in every language (sv, en)",
        "docs/steps.yml:8: step 1: action 2 has no 'en' text — write it in every language (sv, en)"]


def test_a_title_that_is_not_translated_text(docs):
    assert messages(six_steps({2: {"title": "Akut skydd"}}), docs) == [
        "docs/steps.yml:16: step 2: 'title' needs a text in each language — write 'sv: …' / 'en: …'"]


def test_the_wrong_number_of_steps(docs):
    assert messages(six_steps()[:5], docs) == [
        "docs/steps.yml:1: the file lists 5 steps — the support and protection process has six: list each number "
        "from 1 to 6 once",
        "docs/steps.yml:1: step 6 is missing — list each number from 1 to 6 once"]
    assert messages(six_steps() + [step_entry(4, page="steg/steg-1.en.md")], docs)[0] == (
        "docs/steps.yml:1: the file lists 7 steps — the support and protection process has six: list each number "
        "from 1 to 6 once")


def test_numbers_one_to_six_once_each(docs):
    entries = six_steps()
    entries[4]["number"] = 2
    assert messages(entries, docs) == [
        "docs/steps.yml:53: step 2 is listed twice (also on line 14) — list each number from 1 to 6 once",
        "docs/steps.yml:1: step 5 is missing — list each number from 1 to 6 once"]
    for bad, shown in ((0, "0"), (7, "7"), ("2", "2"), (2.5, "2.5"), (True, "True")):
        entries = six_steps()
        entries[0]["number"] = bad
        assert messages(entries, docs)[0] == (f"docs/steps.yml:1: 'number: {shown}' is not a step number — write a "
                                              "whole number from 1 to 6, e.g. 'number: 2'"), bad
    entries = six_steps()
    del entries[5]["number"]
    assert messages(entries, docs)[0] == ("docs/steps.yml:66: this step has no 'number' — write a whole number "
                                          "from 1 to 6, e.g. 'number: 2'")


def test_an_unknown_page_a_translation_and_a_page_used_twice(docs):
    assert messages(six_steps({3: {"page": "steg/steg-33.md"}}), docs) == [
        "docs/steps.yml:28: step 3: 'page: steg/steg-33.md' is not a page in docs/ (did you mean steg/steg-3.md?) — "
        "write the path of the step's page under docs/, e.g. 'page: samverkan/akut-skydd.md'"]
    assert messages(six_steps({3: {"page": "steg/steg-3.en.md"}}), docs)[0] == (
        "docs/steps.yml:28: step 3: 'page: steg/steg-3.en.md' is a translation — write the Swedish page, steg/steg-3.md")
    assert messages(six_steps({3: {"page": "../mkdocs.yml"}}), docs)[0].startswith(
        "docs/steps.yml:28: step 3: 'page: ../mkdocs.yml' is not a page in docs/")
    assert messages(six_steps({4: {"page": "steg/steg-3.md"}}), docs) == [
        "docs/steps.yml:41: step 4: 'page: steg/steg-3.md' is already step 3's page — each step has its own page"]
    entries = six_steps()
    del entries[0]["page"]
    assert messages(entries, docs)[0] == ("docs/steps.yml:1: step 1: 'page' is missing — write the path of the "
                                          "step's page under docs/, e.g. 'page: samverkan/akut-skydd.md'")


def test_two_to_four_actions_and_known_fields_only(docs):
    five = [{"sv": f"Gör {n}.", "en": f"Do {n}."} for n in range(5)]
    assert messages(six_steps({1: {"actions": five}}), docs)[0] == (
        "docs/steps.yml:9: step 1: 'actions' is a list of 2 to 4 of the most important actions (found 5), "
        "each '- sv: …' / '  en: …'")
    assert messages(six_steps({1: {"actions": "Gör allt."}}), docs)[0] == (
        "docs/steps.yml:9: step 1: 'actions' is a list of 2 to 4 of the most important actions, each '- sv: …' / "
        "'  en: …'")
    assert messages(six_steps({1: {"sumary": {"sv": "x", "en": "y"}}}), docs)[0] == (
        "docs/steps.yml:14: step 1: unknown field 'sumary' — the fields are number, page, title, summary, actions")


def test_a_summary_is_one_short_sentence(docs):
    long = "Ett ord " * 30
    assert messages(six_steps({2: {"summary": {"sv": long, "en": "Short."}}}), docs) == [
        "docs/steps.yml:20: step 2: 'summary' in 'sv' is 239 characters — keep it to one short sentence (at most 200)"]


def test_a_file_that_cannot_be_used_stops_with_one_message(docs):
    assert load("number: 1\n", docs) == (None, [Finding(
        PATH, 1, "the steps must be a list of six steps, each starting with '- number: …' — see the comment at the "
                 "top of docs/steps.yml")])
    steps, findings = load("- number: 1\n  title: {sv: <b>Ett</b>, en: One}\n", docs)
    assert steps is None and [str(f) for f in findings] == [
        "docs/steps.yml:2: '<' is markup, and this field holds plain text — write the words without HTML (e.g. "
        "'under 18' instead of '< 18')"]


def test_every_message_of_the_loader_and_the_hook_is_in_the_editor_guide(docs):
    found = set()
    cases = [six_steps()[:5], six_steps({2: {"title": "x"}}), six_steps({3: {"page": "steg/x.md"}}),
             six_steps({3: {"page": "steg/steg-3.en.md"}}), six_steps({4: {"page": "steg/steg-3.md"}}),
             six_steps({1: {"actions": []}}), six_steps({1: {"x": 1}}),
             six_steps({2: {"summary": {"sv": "x " * 150, "en": "y"}}}), six_steps({2: {"summary": {"sv": "x"}}}),
             "number: 1\n", [{"page": "steg/steg-1.md"}], [{"number": 9}]]
    entries = six_steps()
    entries[1]["number"] = 1
    cases.append(entries)
    for case in cases:
        found |= {finding.message for finding in load(case, docs)[1]}
    found.add(current_step("steg/steg-2.md", {"step": 3}, load(six_steps(), docs)[0], "docs/steg/steg-2.md")[1][0].message)
    found.add(marker_not_alone(f"Text {MARKER} här.", "docs/a.md").message)
    missing = undocumented(sorted(found))
    assert not missing, "explain these in CONTRIBUTING.md (the whole message, … for what varies):\n" + "\n".join(missing)


# --- Which step a page is in -----------------------------------------------------------------

def test_a_page_is_in_its_own_step_or_in_the_step_its_front_matter_names(docs):
    steps = load(six_steps(), docs)[0]
    assert current_step("steg/steg-2.md", {}, steps, "docs/steg/steg-2.md") == (2, [])
    assert current_step("betanketid.md", {"step": 4}, steps, "docs/betanketid.md") == (4, [])
    assert current_step("betanketid.md", {}, steps, "docs/betanketid.md") == (None, [])
    assert current_step("betanketid.md", {"step": "4"}, steps, "docs/betanketid.md") == (None, [])  # checks/front_matter.py
    step, findings = current_step("steg/steg-2.md", {"step": 3}, steps, "docs/steg/steg-2.md", 5)
    assert step == 2 and [str(f) for f in findings] == [
        "docs/steg/steg-2.md:5: front matter: 'step: 3', but this page is step 2's own page in docs/steps.yml — "
        "remove 'step' (a step's page needs none) or correct docs/steps.yml"]


# --- The guide -------------------------------------------------------------------------------

def steps_for_guide(docs):
    return load(six_steps(), docs)[0]


def links_from_step_2():
    return {1: "../steg-1/", 2: None, 3: "../steg-3/", 4: "../steg-4/", 5: "../steg-5/", 6: "../steg-6/"}


def test_the_guide_lists_six_numbered_steps_with_the_current_one_open_and_marked(docs):
    html = render(guide(steps_for_guide(docs), "sv", 2, links_from_step_2()))
    tree = LexborHTMLParser(html)
    steps = tree.css(".nmt-steps__list > li")
    assert len(steps) == 6
    assert [s.css_first(".nmt-steps__title").text() for s in steps] == [f"Steg nummer {n}" for n in range(1, 7)]
    assert [s.css_first(".nmt-steps__number").text() for s in steps] == [f"Steg {n}:" for n in range(1, 7)]
    assert [("open" in s.css_first("details").attributes) for s in steps] == [False, True, False, False, False, False]
    assert [s.attributes["class"] for s in steps].count("nmt-steps__step nmt-steps__step--current") == 1
    current = steps[1]
    assert "nmt-steps__step--current" in current.attributes["class"]
    assert current.css_first("summary").text() == "Steg 2: Steg nummer 2 du är här (du är här)"
    assert current.css_first(".nmt-steps__here").attributes["aria-hidden"] == "true"
    assert current.css_first(".nmt-steps__lead").text() == "Sammanfattning 2."
    assert [li.text() for li in current.css(".nmt-steps__actions li")] == ["Gör 2a.", "Gör 2b."]
    assert current.css_first("a") is None          # no link to the page itself
    assert [a.attributes["href"] for a in tree.css("a")] == ["../steg-1/", "../steg-3/", "../steg-4/", "../steg-5/",
                                                             "../steg-6/"]
    assert steps[0].css_first("a").text() == "Läs mer om steg 1: Steg nummer 1"
    assert content_violations(html) == []


def test_the_guide_in_english_and_without_a_current_step(docs):
    links = {n: f"steg-{n}/" for n in range(1, 7)}
    tree = LexborHTMLParser(render(guide(steps_for_guide(docs), "en", None, links)))
    assert tree.css_first(".nmt-steps__heading").text() == "The support and protection process in six steps"
    assert tree.css(".nmt-steps__step--current") == [] and tree.css("details[open]") == []
    assert tree.css_first("summary").text() == "Step 1: Step number 1"
    assert tree.css_first("a").text() == "Read more about step 1: Step number 1"


def test_the_guide_is_one_html_block_that_markdown_keeps_whole(docs):
    block = guide(steps_for_guide(docs), "sv", 2, links_from_step_2())
    assert "\n\n" not in block and block.startswith('<div class="nmt-steps">') and block.endswith("</div>")
    # Material's search parser ends an exclusion at the first inner </div>: there is none.
    assert block.count("<div") == 1
    assert render(block).strip() == block


HOSTILE = st.sampled_from(["<", ">", "\"", "'", "&", "&lt;", "&#106;", "javascript:", "](", "[", ")", "*", "_",
                           "`", "{:", "}", " onclick=", "<img src=x onerror=alert(1)>", "\"><script>x</script>",
                           "<!--", "-->", "|", "\\", "#", "- ", "1.", "x", "ö", " "])
# Links come from MkDocs' file URLs: no control characters, but anything else is tried.
printable = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=4)
hostile_link = st.lists(st.one_of(HOSTILE, printable), min_size=1, max_size=10).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=passed_on, link=hostile_link)
def test_any_text_and_link_stay_text_in_the_guide(value, link):
    step = Step(1, "a.md", 1, {"sv": value}, {"sv": value}, [{"sv": value}, {"sv": value}])
    html = render(guide({1: step}, "sv", 1, {1: link}))
    assert content_violations(html) == []
    tree = LexborHTMLParser(f"<body>{html}</body>")
    tags = {node.tag for node in tree.body.traverse(include_text=False)}
    assert tags <= {"body", "div", "p", "strong", "ol", "li", "details", "summary", "span", "ul", "a"}, html
    shown = " ".join(link.split())
    if shown and not is_outside(shown):
        assert len(tree.css("a")) == 1 and tree.css_first("a").attributes["href"] == shown
    else:   # a link is always relative to the page; anything else is left out
        assert tree.css("a") == []
    text = " ".join(value.split())
    assert tree.css_first(".nmt-steps__title").text() == text
    assert tree.css_first(".nmt-steps__lead").text() == text
    assert [li.text() for li in tree.css(".nmt-steps__actions li")] == [text, text]


# --- Where it goes in a page -----------------------------------------------------------------

BLOCK = '<div class="nmt-steps">…</div>'


def test_on_a_step_page_it_goes_after_the_introduction_before_the_first_section():
    page = ("Den här sidan är till för dig.\n\n!!! danger \"Akut fara\"\n    Ring 112.\n\n"
            "## I korthet {#in-short}\n\n- En punkt.\n\n## Mer {#more}\n")
    placed = place_guide(page, BLOCK, automatic=True)
    assert placed.index("Ring 112.") < placed.index(BLOCK) < placed.index("## I korthet")
    assert placed.count(BLOCK) == 1
    assert place_guide("Bara en stycke.\n", BLOCK, automatic=True) == f"Bara en stycke.\n\n{BLOCK}\n\n"
    assert place_guide(page, BLOCK, automatic=False) == page


def test_the_marker_puts_it_where_the_editor_wants_and_code_shows_the_marker_as_text():
    page = f"Intro.\n\n## Stegen {{#steps}}\n\nText.\n\n{MARKER}\n\n## Mer {{#more}}\n"
    placed = place_guide(page, BLOCK, automatic=True)
    assert placed.index("Text.") < placed.index(BLOCK) < placed.index("## Mer") and MARKER not in placed
    example = f"Så här:\n\n```\n{MARKER}\n```\n"
    assert place_guide(example, BLOCK, automatic=False) == example
    assert place_guide(f"Se `{MARKER}`.\n", BLOCK, automatic=False) == f"Se `{MARKER}`.\n"
    assert str(marker_not_alone(f"---\ntitle: x\n---\n\nStegen: {MARKER}\n", "docs/a.md")) == (
        "docs/a.md:5: the marker <!-- nmt:step-by-step --> must be on a line of its own — write it alone at the "
        "start of a line, with an empty line before and after")


def test_on_pages_of_a_step_the_guide_is_kept_out_of_search():
    assert exclude_from_search('<p>x</p>\n<div class="nmt-steps">\n<p>y</p>') == (
        '<p>x</p>\n<div class="nmt-steps" data-search-exclude="step-by-step">\n<p>y</p>')


# --- A whole site ----------------------------------------------------------------------------

PAGE = """---
title: "{title}"
description: {description}
owner: Testredaktionen
{extra}reviewed: 2026-01-15
sources:
  - title: Testkälla
    url: https://example.org/kalla
---

{intro}

## {heading} {{#first}}

{text}
"""


def write_page(path: Path, **fields):
    fields.setdefault("extra", "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(**fields), "utf-8")


def step_site(target: Path, steps_yml: str | None = None, step_2_extra: str = "") -> Path:
    """The valid fixture site with six step pages, an overview with the marker, and sida.md in step 4."""
    site = make_site(target)
    docs = site / "docs"
    for number in range(1, 7):
        for suffix, word, extra in ((".md", "Steg", step_2_extra if number == 2 else ""),
                                    (".en.md", "Step", step_2_extra if number == 2 else "")):
            write_page(docs / "steg" / f"steg-{number}{suffix}", title=f"{word} {number}: {word} nummer {number}",
                       description="Ett steg.", extra=extra, intro=f"Intro {number}{suffix}.", heading="I korthet",
                       text="Unik text om steget.")
    write_page(docs / "steg" / "index.md", title="Stegen", description="Översikt.", intro="Översikt.",
               heading="Stegen", text=f"De sex stegen:\n\n{MARKER}\n\nSlut.")
    write_page(docs / "steg" / "index.en.md", title="The steps", description="Overview.", intro="Overview.",
               heading="Stegen", text=f"The six steps:\n\n{MARKER}\n\nEnd.")
    for name in ("sida.md", "sida.en.md"):
        text = (docs / name).read_text("utf-8")
        (docs / name).write_text(text.replace("reviewed:", "step: 4\nreviewed:", 1), "utf-8")
    (docs / "steps.yml").write_text(steps_yml if steps_yml is not None else yaml.safe_dump(
        six_steps(), allow_unicode=True, sort_keys=False), "utf-8")
    config = site / "mkdocs.yml"
    nav = "  - sida.md\n  - steg/index.md\n" + "".join(f"  - steg/steg-{n}.md\n" for n in range(1, 7))
    config.write_text(config.read_text("utf-8").replace("  - sida.md\n", nav, 1), "utf-8")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = step_site(tmp_path_factory.mktemp("steps") / "site")
    return site / "site", build_site(site)


def page_tree(site: Path, page: str):
    return LexborHTMLParser((site / page).read_text("utf-8"))


def test_the_site_builds_without_a_message(built):
    _, result = built
    assert result.succeeded and result.messages == []


@pytest.mark.parametrize("page,language,current,links", [
    ("steg/steg-2/index.html", "sv", 2, ["../steg-1/", "../steg-3/", "../steg-4/", "../steg-5/", "../steg-6/"]),
    ("en/steg/steg-2/index.html", "en", 2, ["../steg-1/", "../steg-3/", "../steg-4/", "../steg-5/", "../steg-6/"]),
    ("sida/index.html", "sv", 4, [f"../steg/steg-{n}/" for n in range(1, 7)]),
    ("en/sida/index.html", "en", 4, [f"../steg/steg-{n}/" for n in range(1, 7)]),
    ("steg/index.html", "sv", None, [f"steg-{n}/" for n in range(1, 7)]),
])
def test_each_page_shows_the_guide_in_its_language_with_its_step_marked(built, page, language, current, links):
    site, _ = built
    tree = page_tree(site, page)
    guide_ = tree.css_first("article .nmt-steps")
    assert guide_ is not None
    marked = [li.css_first(".nmt-steps__number").text() for li in guide_.css(".nmt-steps__step--current")]
    word = {"sv": "Steg", "en": "Step"}[language]
    assert marked == ([f"{word} {current}:"] if current else [])
    assert [a.attributes["href"] for a in guide_.css("a")] == links
    for link in links:   # every link leads to a built page of the same language
        target = (site / page).parent / link / "index.html"
        assert target.resolve().is_file() and ("/en/" in target.resolve().as_posix()) == (language == "en")
    assert "data-search" not in tree.html


def test_on_a_step_page_the_guide_comes_before_the_first_section_and_at_the_marker_on_the_overview(built):
    site, _ = built
    article = page_tree(site, "steg/steg-2/index.html").css_first("article").html
    assert article.index("Intro 2.md.") < article.index('class="nmt-steps"') < article.index('id="first"')
    overview = page_tree(site, "steg/index.html").css_first("article").html
    assert overview.index("De sex stegen:") < overview.index('class="nmt-steps"') < overview.index("Slut.")


def test_the_guide_is_in_the_search_index_only_where_it_is_the_pages_content(built):
    site, _ = built
    entries = search_per_language.read_entries(site / "search")
    text = {entry["location"]: entry["text"] for entry in entries}
    assert "Gör 3a." not in text["steg/steg-2/"] and "Intro 2.md." in text["steg/steg-2/"]
    assert "Gör 3a." not in text["sida/"]
    assert "Gör 3a." in text["steg/#first"]


def test_a_step_page_that_names_another_step_fails_the_build(tmp_path):
    result = build_site(step_site(tmp_path / "site", step_2_extra="step: 3\n"))
    assert not result.succeeded
    assert [m for m in result.messages if "steps.yml" in m] == [
        "docs/steg/steg-2.md:5: front matter: 'step: 3', but this page is step 2's own page in docs/steps.yml — "
        "remove 'step' (a step's page needs none) or correct docs/steps.yml",
        "docs/steg/steg-2.en.md:5: front matter: 'step: 3', but this page is step 2's own page in docs/steps.yml — "
        "remove 'step' (a step's page needs none) or correct docs/steps.yml"]


def test_a_bad_steps_file_names_file_and_line_and_a_broken_one_stops_the_build(tmp_path):
    entries = six_steps()
    del entries[2]["summary"]["en"]
    result = build_site(step_site(tmp_path / "one", yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)))
    assert not result.succeeded
    assert "docs/steps.yml:32: step 3: 'summary' has no 'en' text — write it in every language (sv, en)" in \
        result.messages
    result = build_site(step_site(tmp_path / "two", "- number: 1\n  title: [\n"))
    assert not result.succeeded and len(result.messages) == 1
    assert re.fullmatch(r"docs/steps\.yml:3: the YAML does not parse \(.*\) — check indentation, colons and "
                        r"quotes on this line and the one above", result.messages[0]), result.messages


def test_the_loader_refuses_what_load_yaml_refuses(docs):
    with pytest.raises(YamlProblem):
        load_yaml("- &a x\n- *a\n")
    steps, findings = load("- &a x\n- *a\n", docs)
    assert steps is None and "YAML anchors and aliases" in findings[0].message
