"""The editor's form comes from the build's own rules (hooks/nmt/output/admin.py), without a browser."""
from __future__ import annotations

import dataclasses
import shutil
from types import SimpleNamespace
from pathlib import Path

import pytest

from nmt.output import admin as cms_config
from nmt.checks import front_matter
from nmt.blocks.audiences import profession_names

ROOT = Path(__file__).resolve().parents[2]
HINTS = cms_config.field_hints((ROOT / "CONTRIBUTING.md").read_text("utf-8"))


def test_every_field_of_the_check_is_in_the_form_with_its_rule():
    fields, missing = cms_config.form_fields(HINTS, None, "sv")
    assert missing == []
    shown = {field["name"]: field for field in fields}
    assert set(shown) == {field.name for field in front_matter.FIELDS if field.in_form} | {"body"}
    for field in front_matter.FIELDS:
        if field.in_form:
            assert shown[field.name]["required"] is field.required, field.name
            assert shown[field.name]["i18n"] == (True if field.per_language else "duplicate"), field.name
            assert shown[field.name]["hint"], f"{field.name}: no help text from CONTRIBUTING.md"
    assert [option["value"] for option in shown["applies_to"]["options"]] == list(profession_names())
    assert [option["value"] for option in shown["step"]["options"]] == list(front_matter.STEPS)
    assert (shown["review_in"]["min"], shown["review_in"]["max"]) == (1, 36)
    assert shown["keywords"]["max"] == front_matter.MAX_KEYWORDS
    assert shown["body"]["widget"] == "markdown" and shown["body"]["modes"] == ["raw"], "never rich text"


def test_a_field_added_to_the_check_stops_the_build_until_the_form_can_show_it(monkeypatch):
    added = front_matter.Field("audience_note", "text")
    monkeypatch.setattr(cms_config, "FIELDS", (*front_matter.FIELDS, added))
    _, missing = cms_config.form_fields(HINTS, None, "sv")
    assert missing == ["audience_note"]
    monkeypatch.setattr(cms_config, "FIELDS", (*front_matter.FIELDS, dataclasses.replace(added, kind="colour")))
    assert cms_config.form_fields({**HINTS, "audience_note": "x"}, None, "sv")[1] == ["audience_note"]


def test_help_texts_come_from_the_table_in_contributing():
    table = "## Sidans huvud (front matter)\n\n| Fält | Krävs | Vad |\n|---|---|---|\n" \
            "| `title` | ja | Sidans rubrik. |\n| `translation: none` | nej | Bara om `x`. |\n\n## Nästa\n| `owner` | ja | nej |\n"
    assert cms_config.field_hints(table) == {"title": "Sidans rubrik.", "translation": "Bara om x."}


@pytest.mark.parametrize("url, expected", [
    ("https://github.com/nmt-handbok/nmt-handbok", "nmt-handbok/nmt-handbok"),
    ("https://github.com/nmt-handbok/nmt-handbok.git/", "nmt-handbok/nmt-handbok"),
    ("https://gitlab.com/a/b", None), ("http://github.com/a/b", None), ("https://github.com/a", None), (None, None)])
def test_only_a_github_repository_gets_an_editor(url, expected):
    assert cms_config.github_repository(url) == expected


def test_the_branch_comes_from_edit_uri():
    assert cms_config.branch_of("edit/main/docs/") == "main"
    assert cms_config.branch_of("blob/trunk/docs/") == "trunk"


def test_the_written_editor_is_checked_against_its_own_policy(tmp_path):
    folder = tmp_path / "admin"
    cms_config.copy_sources(folder)
    (folder / "index.html").write_text(cms_config.page_html("NMT-handboken", "sv"), "utf-8")
    assert cms_config.check_admin(folder) == []
    (folder / "index.html").write_text(cms_config.page_html("NMT-handboken", "sv").replace(
        "</body>", "<script>alert(1)</script></body>"), "utf-8")
    assert any("scripts must be exactly" in f.message for f in cms_config.check_admin(folder))
    (folder / "index.html").write_text(cms_config.page_html("NMT-handboken", "sv"), "utf-8")
    with (folder / "vendor" / "sveltia-cms.js").open("a", encoding="utf-8") as bundle:
        bundle.write("\n// changed\n")
    assert [f.path for f in cms_config.check_admin(folder)] == ["admin/vendor/sveltia-cms.js"]


def test_every_page_in_both_languages_is_in_the_form_and_nothing_else(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    pages = cms_config.editable_pages(docs, ["en"])
    assert "_mall.md" not in pages and all(not page.endswith(".en.md") for page in pages)
    (docs / "bara-svenska.md").write_text("---\ntitle: x\n---\n", "utf-8")
    assert "bara-svenska.md" not in cms_config.editable_pages(docs, ["en"])
    assert len(pages) == len(list((ROOT / "docs").rglob("*.en.md")))


def test_without_contributing_the_editor_is_not_written_and_the_build_says_why(tmp_path, caplog):
    config = {"repo_url": "https://github.com/nmt-handbok/nmt-handbok", "extra": {},
              "config_file_path": str(tmp_path / "mkdocs.yml"), "docs_dir": str(tmp_path / "docs"),
              "site_dir": str(tmp_path / "site")}
    build = SimpleNamespace(default_language="sv", languages=["sv", "en"], steps=None)
    with caplog.at_level("ERROR"):
        cms_config.write_admin(build, config)
    assert "CONTRIBUTING.md:1: CONTRIBUTING.md is missing next to the site's configuration (mkdocs.yml)" in caplog.text
    assert "cannot show the front-matter field" not in caplog.text
    assert not (tmp_path / "site" / "admin").exists()
