"""Property test: whatever an editor types, the checks report findings and
never crash (a crash would show a traceback instead of advice)."""
import datetime

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nmt.checks.front_matter import check_front_matter
from nmt.blocks.glossary_text import avoided_wording, check_avoided, check_references, glossary_markdown, link_terms
from nmt.registers.glossary import load_glossary, term_index
from nmt.checks.links import check_links
from markdown_like_the_site import render
from nmt.checks.raw_html import check_content
from nmt.checks.readability import check_easy_read
from nmt.blocks.statute_text import check_references as check_statutes
from nmt.blocks.statute_text import check_history_marker, law_changes, law_notice, link_statutes, statute_history, statute_table
from nmt.registers.statutes import load_register
from nmt.checks.translation_parity import check_parity

MARKDOWN_BITS = st.sampled_from([
    "[[", "]]", "|", "\\|", "[", "](", ")", "sfs:", "1962:700", "#K4P1a", "```", "`", "~~~", "\n", "\n\n",
    "---\n", "## ", "# ", "{#id}", "{", "}", "<script>", "<a onclick=x>", "javascript:", "http://", "https://",
    "?utm_source=x", "betänketid", "åtal", "title: ", "reviewed: ", "2026-02-30", "- ", "  ", ":", "\"", "'",
    "trafficking", "ÅÄÖ", "\t", "<!-- nmt:statute-table -->", "<!-- nmt:statute-history -->", "#K6P11",
    "köp av sexuell tjänst", "(sfs:1962:700#K6P11", " \"", "'",
])
markdown = st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=8)), max_size=60).map("".join)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12),
                    st.sampled_from(["2026-11-27", "2026-13-01", "https://x.se", "http://x"]))
yaml_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["id", "sv", "en", "term", "definition", "also", "avoid", "see", "source",
                                     "title", "url", "sfs", "name", "provisions", "page", "in_force", "use",
                                     "section", "covers", "anchor", "changes", "applies_from", "bill", "what",
                                     "earlier_titles", "until", "current_since"]),
                    inner, max_size=5)), max_leaves=25)
TODAY = datetime.date(2026, 11, 27)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def front_matter_page(meta, body):
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body


@SETTINGS
@given(body=markdown, meta=yaml_values)
def test_page_checks_never_crash(body, meta):
    for text in (body, front_matter_page(meta, body)):
        for finding in check_front_matter(text, "docs/a.md", TODAY) + check_content(render(text), text, "docs/a.md") + \
                check_links(text, "docs/a.md", [{"host": "bit.ly"}], "example.org", ["en"]) + \
                check_easy_read(text, "docs/a.md"):
            assert finding.path == "docs/a.md" and finding.line >= 1 and finding.message


@SETTINGS
@given(data=yaml_values, body=markdown)
def test_glossary_and_register_data_never_crash(data, body, tmp_path_factory):
    text = yaml.safe_dump(data, allow_unicode=True)
    concepts, findings = load_glossary(text, "docs/glossary.yml", ["sv", "en"])
    assert all(f.line >= 1 for f in findings)
    index = term_index(concepts or {}, "sv")
    check_references(body, "docs/a.md", index)
    check_avoided(body, "docs/a.md", avoided_wording(concepts or {}, "sv"))
    link_terms(body, index, "sv", "ordlista/index.md")
    glossary_markdown(concepts or {}, "en")
    statutes, findings = load_register(text, "docs/statutes.yml", ["sv", "en"], tmp_path_factory.getbasetemp())
    assert all(f.line >= 1 for f in findings)
    check_statutes(body, "docs/a.md", statutes or {})
    link_statutes(body, statutes or {})


@SETTINGS
@given(body=markdown, reviewed=st.dates(), today=st.dates())
def test_register_rendering_never_crashes(body, reviewed, today, tmp_path_factory):
    """A valid register with history, whatever the page says and whatever the dates."""
    from test_statute_links import REGISTER  # noqa: PLC0415  (its pages are made below)

    docs = tmp_path_factory.getbasetemp() / "register-docs"
    (docs / "lagstiftning").mkdir(parents=True, exist_ok=True)
    for page in ("manniskohandel.md", "kop-av-sexuell-tjanst.md"):
        (docs / "lagstiftning" / page).write_text("x")
    statutes, findings = load_register(REGISTER, "docs/statutes.yml", ["sv", "en"], docs)
    assert findings == []
    for language in ("sv", "en"):
        link_statutes(body, statutes, language, today)
        changed, coming = law_changes(body, "lagstiftning/kop-av-sexuell-tjanst.md", statutes, reviewed, today)
        law_notice(changed, coming, reviewed, language)
        statute_history(statutes, language, "lagstiftning/kop-av-sexuell-tjanst.md", today)
        statute_table(statutes, language, "lagstiftning/index.md", today)
    for finding in check_history_marker(body, "docs/a.md", "a.md", statutes):
        assert finding.line >= 1


@SETTINGS
@given(pages=st.dictionaries(st.sampled_from(["a.md", "a.en.md", "b/c.md", "b/c.en.md", "d.sv.md", "e.fr.md"]),
                             markdown, max_size=6))
def test_translation_checks_never_crash(pages):
    for finding in check_parity(pages, "sv", ["sv", "en"], "docs/"):
        assert finding.line >= 1


def test_a_page_the_markdown_converter_cannot_handle_is_one_line_naming_it(tmp_path):
    """Python-Markdown recurses once per nested definition: a few thousand end in RecursionError
    inside MkDocs, outside our steps. The editor still gets one line with the page, no traceback."""
    import os
    import subprocess
    import sys

    from fixture_sites import make_site

    site = make_site(tmp_path / "site")
    page = site / "docs" / "sida.md"
    page.write_text(page.read_text("utf-8") + "\n" + "t\n: d\n" * 3000, "utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, capture_output=True,
                            text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NMT_DEBUG": ""})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("docs/sida.md:1: the build stopped with RecursionError") and "simplify" in last, last
