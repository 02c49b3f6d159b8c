"""What a step keeps per page comes back, unchanged, when the preview reuses the page.

Each module listed in preview/reuse.PAGE_STATE records its own per-page state
(page_record) and gives it back (restore_page); the record goes through the
JSON file the preview keeps between rebuilds. A rebuild that reuses a page
must end with the same state as the rebuild that built it
(tests/hooks/test_preview_reuse.py checks the whole site; this checks each owner).
"""
import datetime
import json
import logging
from types import SimpleNamespace

import pytest

from nmt.core.findings import ENGINE, LOG
from nmt.core.state import Build
from nmt.preview import findings as preview_findings
from nmt.preview.reuse import PAGE_STATE

SOURCE = "---\ntitle: Polisen\n---\n# Polisen\n\nText.\n"


class Config(dict):
    theme = {"language": "sv"}


def a_build() -> Build:
    return Build(preview=True, today=datetime.date(2027, 1, 1), revision=None, default_language="sv",
                 languages=["sv", "en"])


@pytest.fixture
def config(tmp_path):
    return Config(config_file_path=str(tmp_path / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"))


@pytest.fixture
def page():
    file = SimpleNamespace(src_uri="aktorer/polis.md", src_path="aktorer/polis.md", content_string=SOURCE,
                           abs_src_path="/site/docs/aktorer/polis.md")
    return SimpleNamespace(file=file, url="aktorer/polis/")


def built(page, config) -> Build:
    """A build that built the page: each step kept what it keeps for it."""
    build = a_build()
    preview_findings.start(build)
    build.current_page = "sv:aktorer/polis.md"
    LOG.warning("docs/aktorer/polis.md:5: unknown glossary term 'x'")
    build.current_page = None
    LOG.warning("docs/glossary.yml:1: not this page's")
    build.referenced_terms["sv:aktorer/polis.md"] = {"betanketid", "hallick"}
    build.review_entries["sv:aktorer/polis.md"] = {"path": "docs/aktorer/polis.md", "status": "law-changed"}
    build.law_changed["sv:aktorer/polis.md"] = [{"provision": "4 kap. 1 a § i Brottsbalk (1962:700)",
                                                 "sfs": "1962:700", "applies_from": "2026-07-01"}]
    build.page_sources[page.url] = ("docs/aktorer/polis.md", page.file.abs_src_path)  # output/guard.py keeps its name
    return build


def reused(record: dict, page, config) -> Build:
    """A later build that reuses the page: each owner gives back what it recorded."""
    build = a_build()
    preview_findings.start(build)
    for name, owner in PAGE_STATE:
        owner.restore_page(build, page, config, record[name])
    return build


def test_every_owner_gives_back_what_it_recorded(page, config):
    first = built(page, config)
    record = json.loads(json.dumps({name: owner.page_record(first, page, config) for name, owner in PAGE_STATE}))
    again = reused(record, page, config)
    try:
        assert again.findings.by_page == {"sv:aktorer/polis.md": first.findings.by_page["sv:aktorer/polis.md"]}
        assert again.findings.messages == ["docs/aktorer/polis.md:5: unknown glossary term 'x'"]
        assert again.referenced_terms == first.referenced_terms
        assert again.review_entries == first.review_entries
        assert again.law_changed == first.law_changed
        assert again.page_sources == first.page_sources
        assert again.current_page is None and again.findings.saying_again is None
    finally:
        logging.getLogger(ENGINE).removeHandler(again.findings)


def test_a_page_without_a_review_entry_gets_none(page, config):
    first = a_build()
    first.findings = preview_findings.Collect(lambda: None)
    record = json.loads(json.dumps({name: owner.page_record(first, page, config) for name, owner in PAGE_STATE}))
    again = reused(record, page, config)
    logging.getLogger(ENGINE).removeHandler(again.findings)
    assert record["review"] is None and again.review_entries == {} and again.law_changed == {}
    assert again.referenced_terms == {"sv:aktorer/polis.md": set()} and again.findings.by_page == {}

