"""The pull request's job summary: what changed in the text readers see, per page and language."""
from __future__ import annotations

from pathlib import Path

import pr_summary


def site(root: Path, pages: dict[str, str]) -> Path:
    for path, article in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"<html><body><nav>Meny</nav><article>{article}</article></body></html>", "utf-8")
    return root


def test_docs_paths_map_to_the_built_pages_of_both_languages():
    assert pr_summary.page_address("docs/samverkan/betanketid.md") == ("", "samverkan/betanketid/index.html")
    assert pr_summary.page_address("docs/samverkan/betanketid.en.md") == ("en", "en/samverkan/betanketid/index.html")
    assert pr_summary.page_address("docs/index.en.md") == ("en", "en/index.html")
    assert pr_summary.page_address("docs/glossary.yml") is None
    assert pr_summary.page_address("docs/_mall.md") is None


def test_the_summary_lists_words_added_and_removed_in_the_rendered_text(tmp_path):
    before = site(tmp_path / "before", {
        "samverkan/betanketid/index.html": "<h1>Betänketid</h1><p>Tiden är 30 dagar.</p>",
        "en/samverkan/betanketid/index.html": "<h1>Reflection period</h1><p>It lasts 30 days.</p>"})
    after = site(tmp_path / "after", {
        "samverkan/betanketid/index.html": "<h1>Betänketid</h1><p>Tiden är <strong>30</strong> dagar, ibland längre.</p>",
        "en/samverkan/betanketid/index.html": "<h1>Reflection period</h1><p>It lasts 30 days.</p>",
        "samverkan/ny/index.html": "<h1>Ny sida</h1><p>&lt;script&gt;</p>"})
    log = ("INFO - Building\nWARNING -  docs/samverkan/betanketid.md:12: unknown glossary term 'x' — use a term\n")
    text = pr_summary.summary(["docs/samverkan/betanketid.md", "docs/samverkan/betanketid.en.md",
                               "docs/samverkan/ny.md", "mkdocs.yml"], before, after, log)
    swedish = text.split("`docs/samverkan/betanketid.md`")[1].split("####")[0]
    assert "**Tillagt / added:** dagar, ibland längre." in swedish
    assert "**Borttaget / removed:** dagar." in swedish
    english = text.split("`docs/samverkan/betanketid.en.md`")[1].split("####")[0]
    assert "Ingen ändring i texten" in english
    new = text.split("`docs/samverkan/ny.md`")[1]
    assert "Ny sida / new page." in new and "&lt;script&gt;" in new and "<script>" not in text
    assert "Meny" not in text, "only the article is the page's text"
    assert "- `docs/samverkan/betanketid.md:12: unknown glossary term 'x' — use a term`" in text
    assert "mkdocs.yml" not in text


def test_main_writes_the_summary(tmp_path, capsys):
    changed = tmp_path / "changed.txt"
    changed.write_text("README.md\n", "utf-8")
    assert pr_summary.main(["--before", str(tmp_path), "--after", str(tmp_path), "--changed", str(changed)]) == 0
    assert "Inga sidor ändrade" in capsys.readouterr().out
