"""The handbook's own rules for its content: complete, sourced, dated, plain
and the same in both languages. These read docs/ directly (no build)."""
import datetime
import re
from pathlib import Path

import pytest

from nmt.checks.front_matter import check_front_matter
from nmt.registers.glossary import load_glossary
from nmt.checks.readability import EASY_READ_LIMIT, is_easy_read, measure

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDANCE_SECTIONS = ("lagstiftning", "aktorer", "samverkan")
NOT_CONTENT = {"index.md", "ordlista/index.md"}  # the start page and the generated glossary
# Phone numbers published with a source (fact sheet §1.2): emergency, police, national support line.
SOURCED_NUMBERS = {"112", "114 14", "020-39 00 00"}
PHONE_LIKE = re.compile(r"(?<![\w:/.#-])(?:\+46[\s-]?|0)\d{1,3}[\s-]?\d{2,3}(?:[\s-]?\d{2}){1,3}(?![\w:/-])")


def pages(language):
    suffix = ".en.md" if language == "en" else ".md"
    found = []
    for path in sorted(DOCS.rglob("*.md")):
        name = path.relative_to(DOCS).as_posix()
        if path.name.startswith("_") or (language == "sv" and re.search(r"\.[a-z]{2}\.md$", name)):
            continue
        if name.endswith(suffix):
            found.append(path)
    return found


def content_pages(language):
    return [p for p in pages(language)
            if re.sub(r"\.en\.md$", ".md", p.relative_to(DOCS).as_posix()) not in NOT_CONTENT]


def guidance_pages(language):
    return [p for p in content_pages(language) if p.relative_to(DOCS).parts[0] in GUIDANCE_SECTIONS]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_at_least_forty_content_pages_per_language(language):
    assert len(content_pages(language)) >= 40, len(content_pages(language))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_guidance_pages_average_at_least_400_words(language):
    counts = {p.name: measure(p.read_text("utf-8")).words for p in guidance_pages(language)}
    average = sum(counts.values()) / len(counts)
    print(f"{language}: {len(counts)} guidance pages, {average:.0f} words on average, min {min(counts.values())}")
    assert average >= 400, counts


def test_swedish_is_plain_lix_average_at_most_50_and_no_page_above_60():
    scores = {p.relative_to(DOCS).as_posix(): measure(p.read_text("utf-8")).lix for p in content_pages("sv")}
    average = sum(scores.values()) / len(scores)
    print(f"LIX over {len(scores)} Swedish content pages: average {average:.1f}, max {max(scores.values()):.1f}")
    assert average <= 50, f"average LIX {average:.1f}"
    too_hard = {page: round(score, 1) for page, score in scores.items() if score > 60}
    assert not too_hard, f"pages above LIX 60: {too_hard}"


@pytest.mark.parametrize("page", pages("sv") + pages("en"), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_front_matter_is_complete_sourced_and_dated(page):
    findings = check_front_matter(page.read_text("utf-8"), f"docs/{page.relative_to(DOCS).as_posix()}",
                                  datetime.date.today())
    assert not findings, "\n".join(map(str, findings))


def phone_like_strings(text):
    for match in PHONE_LIKE.finditer(re.sub(r"https?://\S+", "", text)):
        number = match.group(0).strip()
        if number not in SOURCED_NUMBERS and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", number):
            yield number


def test_phone_pattern_catches_invented_numbers():
    assert list(phone_like_strings("Ring 08-123 45 67 eller 020-39 00 00 den 2026-11-27.")) == ["08-123 45 67"]


def test_no_phone_numbers_except_the_sourced_ones():
    found = {(p.relative_to(DOCS).as_posix(), number)
             for p in pages("sv") + pages("en") for number in phone_like_strings(p.read_text("utf-8"))}
    assert not found, sorted(found)


def test_every_glossary_concept_has_both_languages_and_at_least_fifty_concepts():
    concepts, findings = load_glossary((DOCS / "glossary.yml").read_text("utf-8"), "docs/glossary.yml", ["sv", "en"])
    assert not findings, "\n".join(map(str, findings))
    assert len(concepts) >= 50, len(concepts)
    incomplete = [c.id for c in concepts.values() if set(c.terms) != {"sv", "en"}
                  or not all(c.terms[lang]["definition"] for lang in ("sv", "en"))]
    assert not incomplete


# The easy-to-read section (lättläst): its pages, their limit and the links to them.
EASY_READ_FOLDER = "lattlast"
EASY_READ_LINK = {"sv": "Läs på lättläst svenska", "en": "Read the easy-read version"}
EASY_READ_TOPICS = {"vad-ar-manniskohandel", "om-du-misstanker", "vem-ringer-du", "rattigheter", "sex-steg"}


def name_of(path):
    return path.name.removesuffix(".md").removesuffix(".en")


def easy_read_pages(language):
    return [p for p in pages(language) if is_easy_read(p.read_text("utf-8"))]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_easy_read_section_is_its_pages_and_covers_the_topics(language):
    marked = {p.relative_to(DOCS).as_posix() for p in easy_read_pages(language)}
    in_folder = {p.relative_to(DOCS).as_posix() for p in pages(language) if p.parent.name == EASY_READ_FOLDER}
    assert marked == in_folder, "easy_read: true on exactly the pages of docs/lattlast/"
    assert {name_of(DOCS / page) for page in marked} >= EASY_READ_TOPICS | {"index"}


def test_every_swedish_easy_read_page_is_within_the_limit():
    scores = {p.relative_to(DOCS).as_posix(): round(measure(p.read_text("utf-8")).lix, 1)
              for p in easy_read_pages("sv")}
    print(f"LIX of the easy-to-read pages (limit {EASY_READ_LIMIT}): {scores}")
    assert len(scores) >= 6
    assert all(score <= EASY_READ_LIMIT for score in scores.values()), scores


def easy_read_targets(text, link_text):
    """The easy-to-read pages a page links to with the agreed link text."""
    found = re.finditer(r"\[" + re.escape(link_text) + r"\]\(\.\./" + EASY_READ_FOLDER + r"/([a-z-]+)\.md(?:#[a-z0-9-]+)?\)", text)
    return {match.group(1) for match in found}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_easy_read_topic_is_linked_from_its_full_pages(language):
    linked = {}
    for page in pages(language):
        if page.parent.name != EASY_READ_FOLDER:
            for topic in easy_read_targets(page.read_text("utf-8"), EASY_READ_LINK[language]):
                linked.setdefault(topic, []).append(page.relative_to(DOCS).as_posix())
    assert set(linked) == EASY_READ_TOPICS, linked
    home = (DOCS / ("index.en.md" if language == "en" else "index.md")).read_text("utf-8")
    assert f"]({EASY_READ_FOLDER}/index.md)" in home, "the home page links to the easy-to-read section"
