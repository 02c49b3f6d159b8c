"""The statute register: sfs: links, the overview table, the history of each
provision, and what a page says when the law moved under it."""
import contextlib
import datetime
import io
import json
import os
import re

import feedparser
import pytest
from selectolax.lexbor import LexborHTMLParser

from markdown_like_the_site import render as markdown_like_the_site

from fixture_sites import FIXTURES, build_site, make_site
from nmt.blocks.statute_text import check_history_marker, check_references, law_changed_finding, law_changes, law_notice, link_statutes, statute_history, statute_table
from nmt.registers.statutes import load_register

REGISTER = """
- sfs: "1962:700"
  short: BrB
  name: {sv: Brottsbalk, en: Swedish Criminal Code}
  url: https://www.riksdagen.se/brottsbalk/
  provisions:
    - section: {sv: 4 kap. 1 a §, en: "Chapter 4, Section 1 a"}
      anchor: K4P1a
      title: {sv: Människohandel, en: Trafficking in human beings}
      covers: {sv: Rekrytering för exploatering, en: Recruiting for exploitation}
      in_force: "2002-07-01"
      page: lagstiftning/manniskohandel.md
      changes:
        - applies_from: "2018-07-01"
          sfs: "2018:601"
          bill: "prop. 2017/18:123"
          what: {sv: "Medlen förtydligades.", en: "The means were clarified."}
    - section: {sv: 6 kap. 11 §, en: "Chapter 6, Section 11"}
      anchor: K6P11
      title: {sv: Köp av sexuell handling, en: Purchase of a sexual act}
      earlier_titles:
        - {sv: Köp av sexuell tjänst, en: Purchase of a sexual service, until: "2025-06-30"}
      covers: {sv: Förbud mot sexköp, en: Ban on buying sex}
      in_force: "1999-01-01"
      page: lagstiftning/kop-av-sexuell-tjanst.md
      changes:
        - applies_from: "2022-08-01"
          sfs: "2022:1043"
          bill: "prop. 2021/22:231"
          what: {sv: "Böterna togs bort ur straffskalan.", en: "Fines were removed from the penalty scale."}
        - applies_from: "2025-07-01"
          sfs: "2025:350"
          bill: "prop. 2024/25:124"
          what: {sv: "Brottet bytte namn.", en: "The offence was renamed."}
        - applies_from: "2027-07-01"
          sfs: "2026:900"
          bill: "prop. 2025/26:200"
          what: {sv: "Straffet skärps.", en: "The penalty becomes harsher."}
"""
TODAY = datetime.date(2026, 12, 1)


def register(tmp_path, text=REGISTER):
    (tmp_path / "lagstiftning").mkdir(exist_ok=True)
    for page in ("manniskohandel.md", "kop-av-sexuell-tjanst.md"):
        (tmp_path / "lagstiftning" / page).write_text("x")
    statutes, findings = load_register(text, "docs/statutes.yml", ["sv", "en"], tmp_path)
    assert findings == []
    return statutes


def problems(tmp_path, text):
    register(tmp_path, REGISTER)  # creates the pages
    _, findings = load_register(text, "docs/statutes.yml", ["sv", "en"], tmp_path)
    return [str(finding) for finding in findings]


# --- Links ------------------------------------------------------------------------------

def test_sfs_links_become_official_links_with_the_section_anchor(tmp_path):
    text = "Se [4 kap. 1 a §](sfs:1962:700#K4P1a) och `sfs:1962:700`.\n\n[ref]: sfs:1962:700\n"
    assert link_statutes(text, register(tmp_path)) == (
        "Se [4 kap. 1 a §](https://www.riksdagen.se/brottsbalk/#K4P1a) och `sfs:1962:700`.\n\n"
        "[ref]: https://www.riksdagen.se/brottsbalk/\n")


def test_a_link_to_a_provision_has_its_current_title_as_tooltip(tmp_path):
    text = "[4 kap. 1 a §](sfs:1962:700#K4P1a), [balken](sfs:1962:700) och [egen](sfs:1962:700#K4P1a \"Min titel\")"
    assert link_statutes(text, register(tmp_path), "en", TODAY) == (
        '[4 kap. 1 a §](https://www.riksdagen.se/brottsbalk/#K4P1a "Trafficking in human beings"), '
        "[balken](https://www.riksdagen.se/brottsbalk/) och "
        '[egen](https://www.riksdagen.se/brottsbalk/#K4P1a "Min titel")')


def test_a_provision_linked_by_its_earlier_title_still_links_and_says_it_was_renamed(tmp_path):
    statutes = register(tmp_path)
    url = "https://www.riksdagen.se/brottsbalk/#K6P11"
    assert link_statutes("Brottet [Köp av sexuell tjänst](sfs:1962:700#K6P11) är", statutes, "sv", TODAY) == (
        f'Brottet [Köp av sexuell tjänst (heter sedan den 1 juli 2025 köp av sexuell handling)]({url} '
        '"Köp av sexuell handling") är')
    assert link_statutes("the [purchase of a sexual service](sfs:1962:700#K6P11)", statutes, "en", TODAY) == (
        f'the [purchase of a sexual service (renamed purchase of a sexual act on 1 July 2025)]({url} '
        '"Purchase of a sexual act")')
    # Before the rename applies, the text says what is coming.
    assert "(heter från den 1 juli 2025 köp av sexuell handling)" in link_statutes(
        "[köp av sexuell tjänst](sfs:1962:700#K6P11)", statutes, "sv", datetime.date(2025, 1, 1))
    # A text that already gives the new name is left alone.
    text = "[köp av sexuell handling (tidigare köp av sexuell tjänst)](sfs:1962:700#K6P11)"
    assert link_statutes(text, statutes, "sv", TODAY).startswith(f"[köp av sexuell handling (tidigare köp av "
                                                                 f"sexuell tjänst)]({url}")


def test_unknown_and_malformed_numbers_are_errors_with_line(tmp_path):
    text = "rad\n[a](sfs:1962:7000)\n[b](sfs:1962-700)\n"
    findings = check_references(text, "docs/a.md", register(tmp_path))
    assert [(f.line, f.message.split(" —")[0]) for f in findings] == [
        (2, "SFS 1962:7000 is not in docs/statutes.yml (did you mean 1962:700?)"),
        (3, "'sfs:1962-700' is not an SFS number")]


# --- The overview table and the timeline ---------------------------------------------------

def test_overview_table_links_our_page_and_the_official_section_and_says_when_it_last_changed(tmp_path):
    table = statute_table(register(tmp_path), "en", "lagstiftning/index.en.md", TODAY)
    assert "| Provision | Statute | In force since | Last changed | What it covers |" in table
    assert "| [Trafficking in human beings](manniskohandel.md) — Chapter 4, Section 1 a " in table
    assert "[Swedish Criminal Code (1962:700)](https://www.riksdagen.se/brottsbalk/#K4P1a)" in table
    assert "| 1 July 2002 | 1 July 2018 (SFS 2018:601) |" in table
    assert "| 1 January 1999 | 1 July 2025 (SFS 2025:350); Coming change 1 July 2027 (SFS 2026:900) |" in table
    swedish = statute_table(register(tmp_path), "sv", "lagstiftning/index.md", TODAY)
    assert "| Bestämmelse | Lag | Gäller från | Senast ändrad | Vad den gäller |" in swedish
    assert "| 1 juli 2002 | 1 juli 2018 (SFS 2018:601) |" in swedish


def test_timeline_comes_from_the_register_newest_first_with_the_coming_change_labelled(tmp_path):
    history = statute_history(register(tmp_path), "sv", "lagstiftning/kop-av-sexuell-tjanst.md", TODAY)
    assert history.splitlines() == [
        "## Så har lagen ändrats {#law-history}",
        "",
        "Ändringarna i [6 kap. 11 § i Brottsbalk (1962:700)](https://www.riksdagen.se/brottsbalk/#K6P11), "
        "nyaste först.",
        "",
        "- **Kommande ändring, 1 juli 2027:** Straffet skärps (SFS 2026:900, prop. 2025/26:200).",
        "- **1 juli 2025:** Brottet bytte namn (SFS 2025:350, prop. 2024/25:124).",
        "- **1 augusti 2022:** Böterna togs bort ur straffskalan (SFS 2022:1043, prop. 2021/22:231).",
        "- **1 januari 1999:** Bestämmelsen började gälla.",
    ]
    english = statute_history(register(tmp_path), "en", "lagstiftning/kop-av-sexuell-tjanst.md", TODAY)
    assert english.startswith("## How the law has changed {#law-history}\n")
    assert "- **Coming change, 1 July 2027:** The penalty becomes harsher (SFS 2026:900, Government Bill 2025/26:200)." \
        in english


def test_register_text_stays_text_in_the_generated_markdown(tmp_path):
    text = REGISTER.replace('"Brottet bytte namn."', '"Se [här](https://example.org) och *detta* | mer."')
    history = statute_history(register(tmp_path, text), "sv", "lagstiftning/kop-av-sexuell-tjanst.md", TODAY)
    assert ("- **1 juli 2025:** Se \\[här\\]\\(https://example.org\\) och \\*detta\\* \\| mer "
            "(SFS 2025:350, prop. 2024/25:124).") in history
    table = statute_table(register(tmp_path, text.replace("Förbud mot sexköp", "Förbud | sexköp")), "sv",
                          "lagstiftning/index.md", TODAY)
    assert "| Förbud \\| sexköp |" in table


def test_the_official_address_follows_the_link_policy(tmp_path):
    text = REGISTER.replace("https://www.riksdagen.se/brottsbalk/", "https://www.riksdagen.se/brotts balk/")
    assert problems(tmp_path, text) == [
        "docs/statutes.yml:5: SFS 1962:700: 'url' must be the https address of the official text — the url "
        "'https://www.riksdagen.se/brotts balk/' contains a space, a quote or a bracket — copy the address again "
        "from the browser"]


def test_the_timeline_marker_belongs_on_a_provision_page(tmp_path):
    statutes = register(tmp_path)
    text = "---\ntitle: T\n---\n\nText.\n\n<!-- nmt:statute-history -->\n"
    assert check_history_marker(text, "docs/lagstiftning/kop-av-sexuell-tjanst.md",
                                "lagstiftning/kop-av-sexuell-tjanst.md", statutes) == []
    assert [str(f) for f in check_history_marker(text, "docs/aktorer/polis.md", "aktorer/polis.md", statutes)] == [
        "docs/aktorer/polis.md:7: the marker <!-- nmt:statute-history --> is on a page that no provision in "
        "docs/statutes.yml names as its 'page' — remove the marker, or add 'page: aktorer/polis.md' to the "
        "provision it describes"]


# --- Law changed after review ------------------------------------------------------------------

PAGE = "---\ntitle: T\nreviewed: {reviewed}\n---\n\nSe [köp av sexuell tjänst](sfs:1962:700#K6P11).\n"


def test_a_page_citing_a_provision_that_changed_after_its_review_says_so(tmp_path):
    statutes = register(tmp_path)
    reviewed = datetime.date(2024, 11, 27)
    changed, coming = law_changes(PAGE, "aktorer/polis.md", statutes, reviewed, TODAY)
    assert [c.change["sfs"] for c in changed] == ["2025:350"]
    assert [c.change["sfs"] for c in coming] == ["2026:900"]
    notice = law_notice(changed, coming, reviewed, "sv")
    assert notice.splitlines()[:3] == [
        '!!! warning "Lagen har ändrats"', "",
        "    Lagen som sidan beskriver ändrades den 1 juli 2025, efter att sidan senast granskades den "
        "27 november 2024. Läs den aktuella lagtexten innan du följer det som står på sidan."]
    assert ("    - [6 kap. 11 § i Brottsbalk (1962:700)](https://www.riksdagen.se/brottsbalk/#K6P11), köp av "
            "sexuell handling, ändrades den 1 juli 2025: Brottet bytte namn (SFS 2025:350, prop. 2024/25:124).") \
        in notice
    assert ('!!! info "Kommande ändring"\n\n    Från den 1 juli 2027 gäller en ändring i [6 kap. 11 § i Brottsbalk '
            "(1962:700)](https://www.riksdagen.se/brottsbalk/#K6P11), köp av sexuell handling: Straffet skärps "
            "(SFS 2026:900, prop. 2025/26:200).") in notice
    english = law_notice(changed, coming, reviewed, "en")
    assert ("The law this page describes changed on 1 July 2025, after this page was last reviewed on "
            "27 November 2024.") in english
    assert "From 1 July 2027, a change applies to [Chapter 6, Section 11 of the Swedish Criminal Code" in english
    finding = law_changed_finding("docs/aktorer/polis.md", changed, reviewed, "en")
    assert finding.level == "notice" and finding.line == 1
    assert finding.github_annotation() == (
        "::notice file=docs/aktorer/polis.md,line=1::law changed after review: Chapter 6, Section 11 of the "
        "Swedish Criminal Code (1962:700) changed on 2025-07-01 (SFS 2025:350), after the page was reviewed on "
        "2024-11-27 — check the page against the law, then update 'reviewed'")


def test_a_page_reviewed_after_the_change_or_not_citing_the_provision_has_no_warning(tmp_path):
    statutes = register(tmp_path)
    changed, coming = law_changes(PAGE, "aktorer/polis.md", statutes, datetime.date(2025, 7, 1), TODAY)
    assert changed == [] and len(coming) == 1
    assert law_notice(changed, coming, datetime.date(2025, 7, 1), "sv").startswith('!!! info "Kommande ändring"')
    assert law_changes("Ingen länk.", "aktorer/polis.md", statutes, datetime.date(2020, 1, 1), TODAY) == ([], [])
    # The provision's own page cites it without a link.
    changed, _ = law_changes("Ingen länk.", "lagstiftning/manniskohandel.md", statutes, datetime.date(2018, 6, 1),
                             TODAY)
    assert [c.change["sfs"] for c in changed] == ["2018:601"]


# --- Bad history data ---------------------------------------------------------------------

def test_the_removed_current_since_is_refused(tmp_path):
    text = REGISTER.replace('      in_force: "2002-07-01"\n', '      in_force: "2002-07-01"\n      current_since: 2018-07-01\n')
    assert problems(tmp_path, text) == [
        "docs/statutes.yml:12: SFS 1962:700: 'current_since' is no longer used — list each change under "
        "'changes:' with applies_from, sfs, bill and what"]


def test_history_problems_name_the_line(tmp_path):
    text = (REGISTER.replace('sfs: "2022:1043"', "sfs: 2022:1043")
            .replace('applies_from: "2025-07-01"', 'applies_from: "2022-02-30"')
            .replace('bill: "prop. 2017/18:123"', 'bill: "SOU 2016:70"')
            .replace('applies_from: "2027-07-01"', 'applies_from: "2021-07-01"')
            .replace('what: {sv: "Straffet skärps.", en: "The penalty becomes harsher."}', 'what: {sv: "Straffet skärps."}')
            .replace('until: "2025-06-30"', 'until: "2025-06-31"'))
    assert problems(tmp_path, text) == [
        "docs/statutes.yml:16: SFS 1962:700: change 'bill: SOU 2016:70' is not a government bill — write it "
        "like \"prop. 2021/22:231\"",
        "docs/statutes.yml:22: SFS 1962:700: earlier title 'until: 2025-06-31' is not a real date — write the last "
        "day the old title was used as \"YYYY-MM-DD\"",
        "docs/statutes.yml:28: SFS 1962:700: change 'sfs: 2022:1043' is not an SFS number in quotes — write the "
        "amending law's number as \"YYYY:NNN\", e.g. sfs: \"2022:1043\", or write sfs: unconfirmed while the "
        "number is not confirmed",
        "docs/statutes.yml:31: SFS 1962:700: change 'applies_from: 2022-02-30' is not a real date — write it as "
        "\"YYYY-MM-DD\"",
        "docs/statutes.yml:35: SFS 1962:700: change 'applies_from: 2021-07-01' is older than the change above it "
        "(2022-08-01) — list changes oldest first",
        "docs/statutes.yml:38: SFS 1962:700: change 'what' needs sv and en text — one plain sentence per language",
    ]


def test_missing_history_keys_are_named(tmp_path):
    text = (REGISTER.replace('          sfs: "2018:601"\n          bill: "prop. 2017/18:123"\n', "")
            .replace('        - {sv: Köp av sexuell tjänst, en: Purchase of a sexual service, until: "2025-06-30"}',
                     "        - {sv: Köp av sexuell tjänst}"))
    assert problems(tmp_path, text) == [
        "docs/statutes.yml:14: SFS 1962:700: change needs 'sfs: \"YYYY:NNN\"', the number of the amending law, "
        "or 'sfs: unconfirmed' while the number is not confirmed",
        "docs/statutes.yml:14: SFS 1962:700: change needs 'bill: \"prop. YYYY/YY:NNN\"', the government bill "
        "behind the change",
        "docs/statutes.yml:20: SFS 1962:700: earlier title needs sv and en text",
        "docs/statutes.yml:20: SFS 1962:700: earlier title needs 'until: \"YYYY-MM-DD\"', the last day the old "
        "title was used",
    ]


def test_changes_and_earlier_titles_must_be_lists(tmp_path):
    text = (REGISTER.replace('      changes:\n        - applies_from: "2018-07-01"\n          sfs: "2018:601"\n'
                             '          bill: "prop. 2017/18:123"\n'
                             '          what: {sv: "Medlen förtydligades.", en: "The means were clarified."}\n',
                             '      changes: "2018-07-01"\n')
            .replace('      earlier_titles:\n        - {sv: Köp av sexuell tjänst, en: Purchase of a sexual service, '
                     'until: "2025-06-30"}\n', '      earlier_titles: Köp av sexuell tjänst\n'))
    assert problems(tmp_path, text) == [
        "docs/statutes.yml:13: SFS 1962:700: 'changes' must be a list, each change starting with "
        "'- applies_from: \"YYYY-MM-DD\"'",
        "docs/statutes.yml:17: SFS 1962:700: 'earlier_titles' must be a list, each item like "
        "{sv: …, en: …, until: \"YYYY-MM-DD\"}"]


@pytest.mark.parametrize("written", ["20250701", "2025-W27-2", "2025-7-1", "9999-12-31"])
def test_register_dates_are_read_as_strictly_as_everywhere(tmp_path, written):
    """One date reader for every field: what Python also takes (20250701, ISO weeks) and dates that
    overflow as soon as a day is added (9999-12-31) are refused with the line, not crashed on."""
    text = REGISTER.replace('until: "2025-06-30"', f'until: "{written}"').replace(
        'applies_from: "2022-08-01"', f'applies_from: "{written}"')
    found = problems(tmp_path, text)
    assert [finding.split(": ", 1)[0] for finding in found] == ["docs/statutes.yml:22", "docs/statutes.yml:27"], found
    assert all("YYYY-MM-DD" in finding for finding in found)
    # A date Python can read but no law has is called what it is: a year to check.
    said = "is outside the years 1700–2199 (check the year)" if written == "9999-12-31" else "is not a real date"
    assert all(f"{written}' {said} —" in finding for finding in found), found


@pytest.mark.parametrize("written, message", [
    ("anchor: K4P1a)[x](https://evil.example", "'anchor: K4P1a)[x](https://evil.example' is not a section anchor"),
    ("anchor: '#K4P1a'", "'anchor: #K4P1a' is not a section anchor"),
    ("anchor: K6P11", "'anchor: K6P11' is already the anchor of the provision on line 8"),
    ("in_force_note: x", "provision needs 'anchor: K<chapter>P<section>'"),
])
def test_a_provisions_anchor_is_a_section_id_of_its_own(tmp_path, written, message):
    """The anchor goes into every sfs: link, the table and the feed's entry ids."""
    text = REGISTER.replace("      anchor: K4P1a\n", f"      {written}\n", 1)
    found = [finding for finding in problems(tmp_path, text) if "does not know" not in finding]
    assert len(found) == 1 and message in found[0] and found[0].startswith("docs/statutes.yml:"), found


@pytest.mark.parametrize("old, new, line", [
    ("          bill: \"prop. 2017/18:123\"", "          bil: \"prop. 2017/18:123\"", 16),
    ("      in_force: \"2002-07-01\"", "      in_force: \"2002-07-01\"\n      current_snice: \"2002-07-01\"", 12),
    ("  short: BrB", "  short: BrB\n  urls: https://a.se/", 4),
])
def test_a_key_the_register_does_not_know_is_named(tmp_path, old, new, line):
    found = problems(tmp_path, REGISTER.replace(old, new, 1))
    unknown = [finding for finding in found if "which the register does not know" in finding]
    assert [finding.split(": ")[0] for finding in unknown] == [f"docs/statutes.yml:{line}"], found


@pytest.mark.parametrize("url", ["https://www.riksdagen.se/a)[x](https://evil.example/",
                                 "https://www.riksdagen.se/a]", "https://www.riksdagen.se/(a"])
def test_a_register_address_that_would_end_a_generated_link_is_refused(tmp_path, url):
    found = problems(tmp_path, REGISTER.replace("https://www.riksdagen.se/brottsbalk/", url))
    assert len(found) == 1 and found[0].startswith("docs/statutes.yml:5:") and "percent-encoded as %" in found[0]


def test_a_data_address_cannot_add_a_second_link_to_generated_markdown(tmp_path):
    """Belt and braces: even a url that slipped past the reader stays one link."""
    statutes = register(tmp_path)
    statutes["1962:700"].url = "https://www.riksdagen.se/a)[x](https://evil.example/"
    html = markdown_like_the_site(link_statutes("Se [4 kap. 1 a §](sfs:1962:700#K4P1a).\n", statutes))
    links = re.findall(r'href="([^"]+)"', html)
    assert len(links) == 1 and links[0].startswith("https://www.riksdagen.se/a%29%5Bx%5D%28https"), html
    table = markdown_like_the_site(statute_table(statutes, "sv", "lagstiftning/index.md", TODAY))
    assert "evil.example/\"" not in table and 'href="https://evil.example' not in table


def test_register_problems_name_the_line(tmp_path):
    statutes, findings = load_register(REGISTER.replace("https://www", "http://www"), "docs/statutes.yml",
                                       ["sv", "en"], tmp_path)
    assert [(f.line, f.message) for f in findings][0] == (
        5, "SFS 1962:700: 'url' must be the https address of the official text")


# --- A change whose amending SFS number is not confirmed ------------------------------------------

UNCONFIRMED = REGISTER.replace('sfs: "2025:350"', "sfs: unconfirmed")


def test_an_unconfirmed_number_is_shown_as_such_in_the_timeline_and_the_table(tmp_path):
    statutes = register(tmp_path, UNCONFIRMED)
    swedish = statute_history(statutes, "sv", "lagstiftning/kop-av-sexuell-tjanst.md", TODAY)
    assert "- **1 juli 2025:** Brottet bytte namn (SFS-nummer ej bekräftat, prop. 2024/25:124)." in swedish
    english = statute_history(statutes, "en", "lagstiftning/kop-av-sexuell-tjanst.md", TODAY)
    assert ("- **1 July 2025:** The offence was renamed (SFS number not confirmed, Government Bill 2024/25:124)."
            in english)
    assert "| 1 januari 1999 | 1 juli 2025 (SFS-nummer ej bekräftat); Kommande ändring 1 juli 2027 (SFS 2026:900) |" \
        in statute_table(statutes, "sv", "lagstiftning/index.md", TODAY)
    assert "| 1 January 1999 | 1 July 2025 (SFS number not confirmed); Coming change 1 July 2027 (SFS 2026:900) |" \
        in statute_table(statutes, "en", "lagstiftning/index.en.md", TODAY)
    assert "unconfirmed" not in swedish + english


def test_an_unconfirmed_change_raises_the_notice_like_any_other(tmp_path):
    statutes = register(tmp_path, UNCONFIRMED.replace('sfs: "2026:900"', "sfs: unconfirmed"))
    reviewed = datetime.date(2024, 11, 27)
    changed, coming = law_changes(PAGE, "aktorer/polis.md", statutes, reviewed, TODAY)
    assert [c.applies_from for c in changed] == [datetime.date(2025, 7, 1)]
    assert [c.applies_from for c in coming] == [datetime.date(2027, 7, 1)]
    swedish = law_notice(changed, coming, reviewed, "sv")
    assert swedish.startswith('!!! warning "Lagen har ändrats"')
    assert "ändrades den 1 juli 2025: Brottet bytte namn (SFS-nummer ej bekräftat, prop. 2024/25:124)." in swedish
    assert ('!!! info "Kommande ändring"' in swedish
            and "Straffet skärps (SFS-nummer ej bekräftat, prop. 2025/26:200)." in swedish)
    assert "(SFS number not confirmed, Government Bill 2024/25:124)." in law_notice(changed, coming, reviewed, "en")
    assert law_changed_finding("docs/aktorer/polis.md", changed, reviewed, "sv").message == (
        "law changed after review: 6 kap. 11 § i Brottsbalk (1962:700) changed on 2025-07-01 (SFS number not "
        "confirmed), after the page was reviewed on 2024-11-27 — check the page against the law, then update "
        "'reviewed'")


@pytest.mark.parametrize("written", ['"unconfirmed"', "'unconfirmed'"])
def test_unconfirmed_may_be_written_in_quotes(tmp_path, written):
    register(tmp_path, REGISTER.replace('sfs: "2025:350"', f"sfs: {written}"))  # no findings


@pytest.mark.parametrize("typo", ["unconfimed", "Unconfirmed", "unconfirmed?", '""', "ej bekräftat", "2025:?"])
def test_anything_else_in_place_of_a_number_is_refused_with_its_line(tmp_path, typo):
    line = REGISTER.splitlines().index('          sfs: "2025:350"') + 1
    assert problems(tmp_path, REGISTER.replace('sfs: "2025:350"', f"sfs: {typo}")) == [
        f"docs/statutes.yml:{line}: SFS 1962:700: change 'sfs: {typo}' is not an SFS number in quotes — write the "
        "amending law's number as \"YYYY:NNN\", e.g. sfs: \"2022:1043\", or write sfs: unconfirmed while the "
        "number is not confirmed"]


@pytest.mark.parametrize("number, message", [
    ("1962:700", "'sfs: 1962:700' is not an SFS number in quotes — write it in quotes as \"YYYY:NNN\", e.g. \"1962:700\""),
    ("2011:51", "YAML reads 2011:51 without quotes as a number — write it in quotes: '2011:51'")])
def test_a_statutes_number_needs_quotes_like_an_amending_one(tmp_path, number, message):
    # Unquoted, 2011:51 is a base-60 number to YAML 1.1 tools and 1962:700 only happens to stay text:
    # the register asks for quotes in every 'sfs:', whatever the number.
    text = REGISTER.replace('- sfs: "1962:700"', f"- sfs: {number}", 1)
    line = text.splitlines().index(f"- sfs: {number}") + 1
    assert problems(tmp_path, text) == [f"docs/statutes.yml:{line}: {message}"]


# --- A whole site after the law moved under it -----------------------------------------------------

BUILD_DATE = datetime.datetime(2026, 11, 30, tzinfo=datetime.timezone.utc)


def built_on_build_date(folder, fixture: str):
    """tests/fixtures/<fixture> built in folder on 30 November 2026, as in GitHub Actions: (site/, result, stdout)."""
    site = make_site(folder / "site", FIXTURES / fixture)
    saved = {key: os.environ.get(key) for key in ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS")}
    os.environ.update(SOURCE_DATE_EPOCH=str(int(BUILD_DATE.timestamp())), GITHUB_ACTIONS="true")
    stdout = io.StringIO()
    try:
        with contextlib.redirect_stdout(stdout):
            result = build_site(site)
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    return site / "site", result, stdout.getvalue()


@pytest.fixture(scope="module")
def law_site(tmp_path_factory):
    """tests/fixtures/law-changes built on the build date."""
    return built_on_build_date(tmp_path_factory.mktemp("law"), "law-changes")


def article(site, page):
    return LexborHTMLParser((site / page).read_text("utf-8")).css_first("article")


def test_the_strict_build_stays_green_and_annotates_the_pages_whose_law_changed(law_site):
    _, result, stdout = law_site
    assert result.succeeded and result.messages == []
    notices = sorted(line for line in stdout.splitlines() if line.startswith("::"))
    assert notices == [
        "::notice file=docs/sida.en.md,line=1::law changed after review: Chapter 5, Section 15 of the Aliens Act "
        "(2005:716) changed on 2026-06-01 (SFS 2026:450), after the page was reviewed on 2026-01-15 — check the "
        "page against the law, then update 'reviewed'",
        "::notice file=docs/sida.md,line=1::law changed after review: 5 kap. 15 § i Utlänningslag (2005:716) "
        "changed on 2026-06-01 (SFS 2026:450), after the page was reviewed on 2026-01-15 — check the page against "
        "the law, then update 'reviewed'"]


def test_a_page_reviewed_before_the_change_shows_the_notice_at_the_top(law_site):
    site, _, _ = law_site
    for page, title, text in (
            ("sida/index.html", "Lagen har ändrats", "Lagen som sidan beskriver ändrades den 1 juni 2026, efter att "
                                                     "sidan senast granskades den 15 januari 2026."),
            ("en/sida/index.html", "The law has changed", "The law this page describes changed on 1 June 2026, "
                                                          "after this page was last reviewed on 15 January 2026.")):
        content = article(site, page)
        warning = content.css_first(".admonition.warning")
        assert warning.css_first(".admonition-title").text(strip=True) == title
        assert text in warning.text()
        assert content.html.index(warning.html) < content.html.index("<h2")


def test_a_future_change_shows_as_coming_on_every_page_that_cites_it(law_site):
    site, _, _ = law_site
    for page, title, text in (("sida/index.html", "Kommande ändring", "Från den 1 juli 2027 gäller en ändring i"),
                              ("index.html", "Kommande ändring", "Från den 1 juli 2027 gäller en ändring i"),
                              ("en/index.html", "Coming change", "From 1 July 2027, a change applies to")):
        info = article(site, page).css_first(".admonition.info")
        assert info.css_first(".admonition-title").text(strip=True) == title
        assert text in info.text() and "60" in info.text()
    # The start page was reviewed after the change of 1 June 2026: no warning there.
    assert article(site, "index.html").css_first(".admonition.warning") is None


def test_a_renamed_provision_linked_by_its_old_name_says_so(law_site):
    site, _, _ = law_site
    for page, text, title in (("index.html", "reflektionsperioden (heter sedan den 1 juni 2026 betänketid)",
                               "Betänketid"),
                              ("en/index.html", "recovery period (renamed reflection period on 1 June 2026)",
                               "Reflection period")):
        link = next(a for a in article(site, page).css("a") if a.text().startswith(text.split(" ")[0]))
        assert link.text() == text
        assert link.attributes["href"] == "https://example.org/utlanningslag#K5P15"
        assert link.attributes["title"] == title


def test_the_timeline_on_the_provision_page_comes_from_the_register(law_site):
    site, _, _ = law_site
    content = article(site, "sida/index.html")
    heading = content.css_first("h2#law-history")
    assert heading.text(strip=True).startswith("Så har lagen ändrats")
    items = [li.text(strip=True) for li in content.css("h2#law-history ~ ul li")]
    assert items == ["Kommande ändring, 1 juli 2027:Betänketiden blir 60 dagar (SFS 2026:900, prop. 2025/26:200).",
                     "1 juni 2026:Även socialnämnden får ansöka om betänketid (SFS 2026:450, prop. 2025/26:100).",
                     "1 maj 2014:Betänketiden blev längre (SFS 2014:198, prop. 2013/14:81).",
                     "1 oktober 2007:Bestämmelsen började gälla."]
    assert article(site, "en/sida/index.html").css_first("h2#law-history").text(strip=True).startswith(
        "How the law has changed")


def test_review_json_lists_the_pages_whose_law_changed_first(law_site):
    site, _, _ = law_site
    pages = json.loads((site / "review.json").read_text("utf-8"))["pages"]
    assert [(p["path"], p["status"]) for p in pages[:3]] == [
        ("docs/sida.en.md", "law-changed"), ("docs/sida.md", "law-changed"), ("docs/index.en.md", "ok")]
    assert pages[1]["reason"] == ("law changed after review: 5 kap. 15 § i Utlänningslag (2005:716) on 2026-06-01 "
                                  "(SFS 2026:450)")
    assert pages[1]["review_status"] == "ok"
    assert pages[1]["law_changed"] == [{"provision": "5 kap. 15 § i Utlänningslag (2005:716)", "sfs": "2005:716",
                                        "anchor": "K5P15", "applies_from": "2026-06-01", "amended_by": "2026:450"}]


# --- A whole site after a change whose SFS number is not confirmed ----------------------------------

@pytest.fixture(scope="module")
def unconfirmed_site(tmp_path_factory):
    """tests/fixtures/law-change-unconfirmed built on the build date."""
    return built_on_build_date(tmp_path_factory.mktemp("unconfirmed"), "law-change-unconfirmed")


def test_an_unconfirmed_change_still_raises_the_notice_on_a_page_reviewed_before_it(unconfirmed_site):
    site, result, stdout = unconfirmed_site
    assert result.succeeded and result.messages == []
    assert sorted(line for line in stdout.splitlines() if line.startswith("::")) == [
        "::notice file=docs/sida.en.md,line=1::law changed after review: Chapter 5, Section 15 of the Aliens Act "
        "(2005:716) changed on 2026-06-01 (SFS number not confirmed), after the page was reviewed on 2026-01-15 — "
        "check the page against the law, then update 'reviewed'",
        "::notice file=docs/sida.md,line=1::law changed after review: 5 kap. 15 § i Utlänningslag (2005:716) "
        "changed on 2026-06-01 (SFS number not confirmed), after the page was reviewed on 2026-01-15 — check the "
        "page against the law, then update 'reviewed'"]
    for page, title, text in (
            ("sida/index.html", "Lagen har ändrats", "ändrades den 1 juni 2026: Även socialnämnden får ansöka om "
                                                     "betänketid (SFS-nummer ej bekräftat, prop. 2025/26:100)."),
            ("en/sida/index.html", "The law has changed", "changed on 1 June 2026: The social welfare committee may "
                                                          "also apply for a reflection period (SFS number not "
                                                          "confirmed, Government Bill 2025/26:100).")):
        warning = article(site, page).css_first(".admonition.warning")
        assert warning.css_first(".admonition-title").text(strip=True) == title
        assert text in " ".join(warning.text().split())
    assert article(site, "index.html").css_first(".admonition.warning") is None  # reviewed after the change


def test_the_timeline_shows_the_marker_where_the_number_would_be(unconfirmed_site):
    site, _, _ = unconfirmed_site
    for page, first in (("sida/index.html", "1 juni 2026:Även socialnämnden får ansöka om betänketid "
                                            "(SFS-nummer ej bekräftat, prop. 2025/26:100)."),
                        ("en/sida/index.html", "1 June 2026:The social welfare committee may also apply for a "
                                               "reflection period (SFS number not confirmed, Government Bill "
                                               "2025/26:100).")):
        items = [li.text(strip=True) for li in article(site, page).css("h2#law-history ~ ul li")]
        assert items[0] == first and len(items) == 3


def test_whats_new_and_both_feeds_list_the_change_with_the_marker(unconfirmed_site):
    site, _, _ = unconfirmed_site
    for prefix, marker in (("", "SFS-nummer ej bekräftat, prop. 2025/26:100"),
                           ("en/", "SFS number not confirmed, Government Bill 2025/26:100")):
        listed = [" ".join(li.text().split()) for li in article(site, f"{prefix}index.html").css("li")
                  if li.css_first("strong")]
        assert len(listed) == 2 and marker in listed[0] and "2014:198" in listed[1]
        feed = feedparser.parse((site / prefix / "feed.xml").read_bytes())
        assert not feed.bozo and [entry.updated[:10] for entry in feed.entries] == ["2026-06-01", "2014-05-01"]
        assert marker in feed.entries[0].summary and "unconfirmed" not in feed.entries[0].summary
