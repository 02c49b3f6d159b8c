"""What changed: the change list on "Nytt och ändrat" / "What's new" and the
Atom feed per language (hooks/nmt/blocks/whats_new.py)."""
import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
from selectolax.lexbor import LexborHTMLParser

from fixture_sites import build_site, make_site
from nmt.registers.statutes import load_register
from nmt.blocks.whats_new import FEED_MARKER, MARKER, Entry, _offline, law_entries, marker_findings, newest_first, page_entries, whats_new_markdown
from nmt.output.feed import atom_feed, feed_problem

TODAY = datetime.date(2026, 12, 1)
REGISTER = """
- sfs: "1962:700"
  name: {sv: Brottsbalk, en: Swedish Criminal Code}
  url: https://www.riksdagen.se/brottsbalk/
  provisions:
    - section: {sv: 4 kap. 1 a §, en: "Chapter 4, Section 1 a"}
      anchor: K4P1a
      title: {sv: Människohandel, en: Trafficking in human beings}
      covers: {sv: Rekrytering, en: Recruiting}
      in_force: "2002-07-01"
      page: lagstiftning/manniskohandel.md
      changes:
        - applies_from: "2018-07-01"
          sfs: "2018:601"
          bill: "prop. 2017/18:123"
          what: {sv: "Medlen förtydligades.", en: "The means were clarified."}
        - applies_from: "2027-07-01"
          sfs: "2026:900"
          bill: "prop. 2025/26:200"
          what: {sv: "Straffet skärps.", en: "The penalty becomes harsher."}
"""


def page(title="Sidan", changes="  - date: 2026-11-27\n    note: Sidan publicerades.\n"):
    return (f"---\ntitle: {title}\nowner: Redaktionen\nreviewed: 2026-11-27\nsources: []\nchanges:\n{changes}"
            "---\n\nText.\n")


def statutes(tmp_path):
    (tmp_path / "lagstiftning").mkdir(exist_ok=True)
    (tmp_path / "lagstiftning" / "manniskohandel.md").write_text("x", "utf-8")
    data, findings = load_register(REGISTER, "docs/statutes.yml", ["sv", "en"], tmp_path)
    assert findings == []
    return data


# --- Pure functions -------------------------------------------------------------------------

def test_page_entries_keep_valid_notes_and_give_each_a_stable_unique_key():
    text = page(changes="  - date: 2026-11-27\n    note: Första.\n  - date: 2026-11-27\n    note: Andra.\n"
                        "  - date: 2026-13-01\n    note: Fel datum.\n  - date: 2026-11-28\n")
    entries = page_entries(text, "om-nmt/historik.md")
    assert [(e.day, e.summary) for e in entries] == [(datetime.date(2026, 11, 27), "Första."),
                                                     (datetime.date(2026, 11, 27), "Andra.")]
    assert {e.link_text for e in entries} == {"Sidan"} and {e.page for e in entries} == {"om-nmt/historik.md"}
    assert len({e.key for e in entries}) == 2
    assert page_entries("---\ntitle: [unclosed\n---\n", "x.md") == []  # checks/front_matter.py reports it
    assert page_entries("No front matter.", "x.md") == []


def test_law_entries_are_in_the_page_language_and_link_to_the_timeline_only_where_there_is_one(tmp_path):
    data = statutes(tmp_path)
    swedish = law_entries(data, "sv", {"lagstiftning/manniskohandel.md"})
    english = law_entries(data, "en", set())
    assert swedish[0].link_text == "4 kap. 1 a § i Brottsbalk (1962:700)"
    assert swedish[0].summary == "Människohandel. Medlen förtydligades (SFS 2018:601, prop. 2017/18:123)."
    assert swedish[0].anchor == "law-history" and swedish[0].page == "lagstiftning/manniskohandel.md"
    assert english[0].link_text == "Chapter 4, Section 1 a of the Swedish Criminal Code (1962:700)"
    assert english[0].summary == ("Trafficking in human beings. The means were clarified "
                                  "(SFS 2018:601, Government Bill 2017/18:123).")
    assert english[0].anchor == ""
    assert [e.day for e in english] == [datetime.date(2018, 7, 1), datetime.date(2027, 7, 1)]


def test_a_law_change_without_a_confirmed_number_is_listed_with_the_marker_in_each_language(tmp_path):
    (tmp_path / "lagstiftning").mkdir(exist_ok=True)
    (tmp_path / "lagstiftning" / "manniskohandel.md").write_text("x", "utf-8")
    data, findings = load_register(REGISTER.replace('sfs: "2018:601"', "sfs: unconfirmed"), "docs/statutes.yml",
                                   ["sv", "en"], tmp_path)
    assert findings == []
    swedish, english = law_entries(data, "sv"), law_entries(data, "en")
    assert swedish[0].summary == "Människohandel. Medlen förtydligades (SFS-nummer ej bekräftat, prop. 2017/18:123)."
    assert english[0].summary == ("Trafficking in human beings. The means were clarified (SFS number not confirmed, "
                                  "Government Bill 2017/18:123).")
    assert swedish[0].key == "law/1962:700/K4P1a/unconfirmed/2018-07-01" != swedish[1].key
    assert "SFS-nummer ej bekräftat" in feed(swedish).decode()


def entry(day, title="T", kind="page", page_path="a.md", summary="S", key=None):
    return Entry(datetime.date.fromisoformat(day), kind, page_path, "", title, summary, key or f"{kind}/{title}/{day}")


def test_newest_first_then_law_changes_then_titles():
    entries = [entry("2026-01-01", "B"), entry("2026-03-01", "Z"), entry("2026-03-01", "a"),
               entry("2026-03-01", "Lag", kind="law")]
    assert [(e.day.month, e.link_text) for e in newest_first(entries)] == [(3, "Lag"), (3, "a"), (3, "Z"), (1, "B")]


def test_the_list_is_grouped_by_month_newest_first_with_relative_md_links(tmp_path):
    entries = [entry("2025-07-01", "Köp", page_path="lagstiftning/kop.md", summary="Nytt namn."),
               entry("2026-11-27", "Start", page_path="index.md", summary="Sidan publicerades."),
               entry("2026-11-03", "Barn", page_path="samverkan/barn.md", summary="Ny tabell.")]
    markdown = whats_new_markdown(entries, "sv", "om-nmt/nytt.md", TODAY)
    assert markdown.split("\n") == [
        "## November 2026 {#m-2026-11}", "",
        "- **27 november 2026** – [Start](../index.md): Sidan publicerades.",
        "- **3 november 2026** – [Barn](../samverkan/barn.md): Ny tabell.", "",
        "## Juli 2025 {#m-2025-07}", "",
        "- **1 juli 2025** – [Köp](../lagstiftning/kop.md): Nytt namn.",
    ]
    assert whats_new_markdown([], "en", "nytt.md", TODAY) == "No changes yet."


def test_coming_law_changes_come_first_oldest_first_and_law_lines_say_so(tmp_path):
    entries = law_entries(statutes(tmp_path), "en", {"lagstiftning/manniskohandel.md"})
    markdown = whats_new_markdown(entries, "en", "nytt.md", TODAY)
    assert markdown.startswith("## Coming changes {#coming}\n\n- **1 July 2027** – Change in the law: "
                               r"[Chapter 4, Section 1 a of the Swedish Criminal Code \(1962:700\)]"
                               "(lagstiftning/manniskohandel.md#law-history): Trafficking in human beings. "
                               r"The penalty becomes harsher \(SFS 2026:900, Government Bill 2025/26:200\)." "\n\n")
    assert "## July 2018 {#m-2018-07}" in markdown


def test_data_text_stays_plain_text_in_the_generated_markdown():
    hostile = entry("2026-11-27", "[Klicka](javascript:alert(1))", summary="<script>alert(1)</script> *fet* [x](y)")
    line = whats_new_markdown([hostile], "sv", "nytt.md", TODAY).split("\n")[-1]
    assert "<script" not in line and "](javascript" not in line and "*fet*" not in line
    assert r"\[Klicka\]\(javascript:alert\(1\)\)" in line and "&lt;script&gt;" in line


def test_a_marker_must_be_a_line_of_its_own():
    text = f"---\ntitle: T\n---\n\nSe listan {MARKER} här.\n\n{FEED_MARKER}\n\n`{MARKER}` i kod.\n"
    assert [str(f) for f in marker_findings(text, "docs/nytt.md")] == [
        f"docs/nytt.md:5: the marker {MARKER} must be on a line of its own — put it on its own line, with an "
        "empty line above and below"]


def test_offline_is_the_offline_plugin_or_the_offline_copy_flag():
    def config(plugin=None, extra=None):
        return SimpleNamespace(plugins={"material/offline": plugin} if plugin else {}, extra=extra or {})
    assert not _offline(config())
    assert _offline(config(SimpleNamespace(config=SimpleNamespace(enabled=True))))
    assert not _offline(config(SimpleNamespace(config=SimpleNamespace(enabled=False))))
    assert _offline(config(extra={"offline_copy": True}))


def feed(entries, language="sv", today=TODAY):
    return atom_feed(entries, language=language, title="Handboken – Nytt & ändrat", author="Redaktionen <NMT>",
                     site_url="https://handbok.example/", self_url="https://handbok.example/feed.xml",
                     alternate_url="https://handbok.example/nytt/",
                     urls={"a.md": "a/", "lagstiftning/manniskohandel.md": "lagstiftning/manniskohandel/"},
                     today=today)


def test_the_feed_is_valid_atom_newest_first_with_absolute_links_and_dates_from_the_data(tmp_path):
    entries = law_entries(statutes(tmp_path), "sv", {"lagstiftning/manniskohandel.md"}) + [
        entry("2026-11-27", "Sidan & <co>", summary="Ny \"text\" & <b>fet</b>", key="page/a.md/2026-11-27")]
    parsed = feedparser.parse(feed(entries))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Handboken – Nytt & ändrat" and parsed.feed.language == "sv"
    assert parsed.feed.updated == "2026-11-27T00:00:00Z"  # the newest entry, not the clock
    assert parsed.feed.author == "Redaktionen <NMT>"
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": "https://handbok.example/feed.xml", "alternate": "https://handbok.example/nytt/"}
    assert [e.title for e in parsed.entries] == ["Sidan & <co>", "Lagändring: 4 kap. 1 a § i Brottsbalk (1962:700)"]
    assert [e.link for e in parsed.entries] == ["https://handbok.example/a/",
                                                "https://handbok.example/lagstiftning/manniskohandel/#law-history"]
    assert [e.updated for e in parsed.entries] == ["2026-11-27T00:00:00Z", "2018-07-01T00:00:00Z"]
    assert parsed.entries[0].summary == "Ny \"text\" & <b>fet</b>"  # text, escaped in the XML
    assert "<b>" not in feed(entries).decode() and "&lt;b&gt;" in feed(entries).decode()
    assert parsed.entries[1].id == "tag:handbok.example,2018-07-01:sv/law/1962:700/K4P1a/2018:601/2018-07-01"
    assert len({e.id for e in parsed.entries}) == 2


def test_the_feed_leaves_out_coming_changes_and_is_the_same_bytes_every_time(tmp_path):
    entries = law_entries(statutes(tmp_path), "en", set())
    assert feed(entries, "en") == feed(list(reversed(entries)), "en")
    parsed = feedparser.parse(feed(entries, "en"))
    assert [e.updated for e in parsed.entries] == ["2018-07-01T00:00:00Z"]
    assert parsed.entries[0].title == ("Change in the law: Chapter 4, Section 1 a of the Swedish Criminal Code "
                                       "(1962:700)")


def test_a_feed_without_entries_is_still_valid():
    parsed = feedparser.parse(feed([]))
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated == "2026-12-01T00:00:00Z"


def test_the_feed_is_checked_on_the_way_out():
    """Whatever the input checks let through, a malformed feed or two entries with one id are caught."""
    assert feed_problem(feed([])) is None
    assert "not well-formed" in feed_problem(b"<feed><id>x</feed>")
    twice = (b'<feed xmlns="http://www.w3.org/2005/Atom"><id>f</id><entry><id>tag:a,2026:x</id></entry>'
             b"<entry><id>tag:a,2026:x</id></entry></feed>")
    assert feed_problem(twice) == "two feed entries have the id tag:a,2026:x"


def test_every_law_entry_of_the_register_has_its_own_feed_id(tmp_path):
    """Two provisions of one statute changed by one law on one day: still two entries."""
    register = REGISTER + """    - section: {sv: 4 kap. 1 b §, en: "Chapter 4, Section 1 b"}
      anchor: K4P1b
      title: {sv: Människoexploatering, en: Human exploitation}
      covers: {sv: Tvångsarbete, en: Forced labour}
      in_force: "2018-07-01"
      page: lagstiftning/manniskohandel.md
      changes:
        - applies_from: "2026-07-01"
          sfs: "2026:900"
          bill: "prop. 2025/26:200"
          what: {sv: "Ändrad.", en: "Changed."}
"""
    (tmp_path / "lagstiftning").mkdir()
    (tmp_path / "lagstiftning" / "manniskohandel.md").write_text("x", "utf-8")
    data, findings = load_register(register.replace("2027-07-01", "2026-07-01"), "docs/statutes.yml",
                                   ["sv", "en"], tmp_path)
    assert findings == []
    written = feed(law_entries(data, "sv", set()), "sv")
    assert feed_problem(written) is None and len(feedparser.parse(written).entries) == 3


# --- A fixture site built with the hook --------------------------------------------------------

WHATS_NEW = {
    "sv": "---\ntitle: Nytt och ändrat\ndescription: Ändringar.\nowner: Testredaktionen\nreviewed: 2026-01-15\n"
          "sources:\n  - title: Testkälla\n    url: https://example.org/kalla\nchanges:\n  - date: 2026-02-01\n"
          "    note: Sidan publicerades.\n---\n\nAlla ändringar.\n\n" + FEED_MARKER + "\n\n" + MARKER + "\n",
    "en": "---\ntitle: What's new\ndescription: Changes.\nowner: Test editors\nreviewed: 2026-01-15\n"
          "sources:\n  - title: Test source\n    url: https://example.org/source\nchanges:\n  - date: 2026-02-01\n"
          "    note: Page published.\n---\n\nEvery change.\n\n" + FEED_MARKER + "\n\n" + MARKER + "\n",
}
NOTES = {  # file: (date, note) added to its front matter
    "index.md": [("2026-01-20", "Startsidan fick en ny länk.")],
    "sida.md": [("2025-12-24", "Villkoren förtydligades."), ("2026-03-05", "Ny källa.")],
    "index.en.md": [("2026-01-20", "The start page got a new link.")],
    "sida.en.md": [("2025-12-24", "The conditions were clarified."), ("2026-03-05", "New source.")],
}


def whats_new_site(tmp_path: Path, offline: bool = False) -> Path:
    site = make_site(tmp_path / "site")
    config = site / "mkdocs.yml"
    text = config.read_text("utf-8")
    text = text.replace("  - sida.md\n", "  - sida.md\n  - nytt.md\n")
    config.write_text(text, "utf-8")
    if offline:
        # The flag mkdocs-offline.yml sets, in a developer file as there (its offline plugin needs
        # the vendored shim, which the fixture site does not have; tests/site covers the real copy).
        (site / "mkdocs-offline.yml").write_text("INHERIT: mkdocs.yml\nextra:\n  offline_copy: true\n", "utf-8")
    docs = site / "docs"
    (docs / "nytt.md").write_text(WHATS_NEW["sv"], "utf-8")
    (docs / "nytt.en.md").write_text(WHATS_NEW["en"], "utf-8")
    for name, notes in NOTES.items():
        source = docs / name
        changes = "changes:\n" + "".join(f"  - date: {day}\n    note: {note}\n" for day, note in notes)
        source.write_text(source.read_text("utf-8").replace("sources:", changes + "sources:", 1), "utf-8")
    return site


@pytest.fixture(scope="module")
def online(tmp_path_factory):
    site = whats_new_site(tmp_path_factory.mktemp("whats-new"))
    result = build_site(site)
    assert result.succeeded and result.messages == [], result.messages
    return site / "site"


def listed(html_file: Path) -> list[tuple[str, str]]:
    """(date, link target) of each line of the change list, in page order."""
    tree = LexborHTMLParser(html_file.read_text("utf-8"))
    return [(item.css_first("strong").text(), item.css_first("a").attributes["href"])
            for item in tree.css("article li") if item.css_first("strong")]


def test_the_page_lists_every_note_of_its_language_and_the_law_changes_newest_first(online):
    assert listed(online / "nytt" / "index.html") == [
        ("5 mars 2026", "../sida/"), ("1 februari 2026", "./"), ("20 januari 2026", "../"),
        ("24 december 2025", "../sida/"), ("1 maj 2014", "../sida/")]
    assert listed(online / "en" / "nytt" / "index.html") == [
        ("5 March 2026", "../sida/"), ("1 February 2026", "./"), ("20 January 2026", "../"),
        ("24 December 2025", "../sida/"), ("1 May 2014", "../sida/")]
    english = (online / "en" / "nytt" / "index.html").read_text("utf-8")
    assert "The conditions were clarified." in english and "Villkoren" not in english
    assert "Change in the law:" in english and "Government Bill 2013/14:81" in english
    assert '<a href="../feed.xml" type="application/atom+xml">' in english


def test_each_language_has_its_own_valid_feed_with_absolute_links_in_that_language(online):
    for language, prefix, title, first in (("sv", "", "Testhandbok – Nytt och ändrat", "Betänketid"),
                                            ("en", "en/", "Testhandbok – What's new", "Reflection period")):
        parsed = feedparser.parse((online / prefix / "feed.xml").read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.title == title and parsed.feed.language == language
        assert parsed.feed.updated == "2026-03-05T00:00:00Z"
        assert {link.rel: link.href for link in parsed.feed.links} == {
            "self": f"https://example.org/{prefix}feed.xml", "alternate": f"https://example.org/{prefix}nytt/"}
        assert parsed.entries[0].title == first
        assert [e.link for e in parsed.entries] == [
            f"https://example.org/{prefix}sida/", f"https://example.org/{prefix}nytt/",
            f"https://example.org/{prefix}", f"https://example.org/{prefix}sida/", f"https://example.org/{prefix}sida/"]
        assert [e.updated[:10] for e in parsed.entries] == ["2026-03-05", "2026-02-01", "2026-01-20", "2025-12-24",
                                                            "2014-05-01"]


def test_the_offline_copy_keeps_the_page_but_writes_no_feed(tmp_path):
    site = whats_new_site(tmp_path, offline=True)
    result = build_site(site, "mkdocs-offline.yml")
    assert result.succeeded and result.messages == [], result.messages
    built = site / "site"
    assert not list(built.rglob("feed.xml"))
    for page_file in (built / "nytt" / "index.html", built / "en" / "nytt" / "index.html"):
        html = page_file.read_text("utf-8")
        assert "feed.xml" not in html
        assert len(listed(page_file)) == 5


def test_a_marker_inside_a_sentence_and_on_two_pages_are_reported_with_file_and_line(tmp_path):
    site = whats_new_site(tmp_path)
    index = site / "docs" / "index.md"
    index.write_text(index.read_text("utf-8") + f"\nSe {MARKER} här.\n", "utf-8")
    result = build_site(site)
    assert not result.succeeded
    line = index.read_text("utf-8").splitlines().index(f"Se {MARKER} här.") + 1
    assert (f"docs/index.md:{line}: the marker {MARKER} must be on a line of its own — put it on its own line, "
            "with an empty line above and below") in result.messages
    assert any(re.fullmatch(rf"docs/(index|nytt)\.md:\d+: the marker {re.escape(MARKER)} is also on docs/(index|nytt)"
                            r"\.md — keep it on one page per language \(the feed links to that page\)", message)
               for message in result.messages), result.messages


def test_without_site_url_the_build_says_the_feed_needs_it(tmp_path):
    site = whats_new_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_url: https://example.org/\n", ""), "utf-8")
    result = build_site(site)
    assert not result.succeeded
    assert ("mkdocs.yml:1: site_url is not set, so the Atom feed of the change list cannot have the absolute "
            "addresses feed readers need — set site_url to the site's online address (https://…)") in result.messages
    assert not list((site / "site").rglob("feed.xml"))
