"""Nothing read in one rebuild of `make serve` is used stale in the next.

`mkdocs serve` keeps one Python process, and with it every import and every
cache, from one rebuild to the next. What the build reads is therefore read
again (or kept only per content, so a changed file is a new key), and each
caller gets its own copy, so no step can change what the next one reads.
"""
import datetime
import os
import shutil
import subprocess

from nmt.blocks.audiences import applies_to_line, profession_names
from nmt.core import strings as ui_strings
from nmt.core.site_facts import build_date
from nmt.core.yaml_lines import read_front_matter

PAGE = ("---\ntitle: Polisen\napplies_to: [polis]\nsources:\n  - title: Polisen\n    url: https://polisen.se/\n"
        "---\n# Polisen\n")


def copy_of_the_strings(tmp_path, monkeypatch):
    """The build's strings file as a copy the test may edit, in place of the real one."""
    copy = tmp_path / "strings.yml"
    shutil.copyfile(ui_strings.STRINGS_FILE, copy)
    monkeypatch.setattr(ui_strings, "STRINGS_FILE", copy)
    return copy


def test_an_edit_to_the_strings_file_shows_on_the_next_call(tmp_path, monkeypatch):
    copy = copy_of_the_strings(tmp_path, monkeypatch)
    assert ui_strings.strings("audiences", "sv")["applies_to"] == "Gäller för"
    assert profession_names()["polis"]["sv"] == "polis"
    text = copy.read_text("utf-8")
    copy.write_text(text.replace("applies_to: Gäller för", "applies_to: Gäller dig som arbetar inom")
                    .replace("      polis: polis\n", "      polis: polisen\n"), "utf-8")
    assert ui_strings.strings("audiences", "sv")["applies_to"] == "Gäller dig som arbetar inom"
    assert ui_strings.all_strings()["sv"]["audiences"]["applies_to"] == "Gäller dig som arbetar inom"
    assert profession_names()["polis"]["sv"] == "polisen"
    assert applies_to_line(["polis"], "a.md", "sv", profession_names()).startswith(
        "Gäller dig som arbetar inom: [polisen](yrken/polis.md)")


def test_a_caller_that_changes_the_strings_changes_nothing_for_the_next_one():
    months = ui_strings.strings("months", "sv")
    months[0] = "CHANGED"
    ui_strings.strings("statutes", "en").clear()
    everything = ui_strings.all_strings()
    everything["sv"]["audiences"]["professions"]["polis"] = "CHANGED"
    everything.pop("en")
    assert ui_strings.strings("months", "sv")[0] == "januari"
    assert ui_strings.strings("statutes", "en")
    assert profession_names()["polis"] == {"sv": "polis", "en": "police"}
    assert "CHANGED" not in str(ui_strings.all_strings())


def test_a_caller_that_changes_front_matter_changes_nothing_for_the_next_one():
    meta, first_line = read_front_matter(PAGE)
    meta["title"] = "CHANGED"
    meta["applies_to"].append("skola-och-forskola")
    meta["sources"][0]["url"] = "https://example.com/"
    meta["sources"][0].key_lines["url"] = 99
    meta.key_lines.clear()
    again, _ = read_front_matter(PAGE)
    assert again == {"title": "Polisen", "applies_to": ["polis"],
                     "sources": [{"title": "Polisen", "url": "https://polisen.se/"}]}
    assert again.key_lines == {"title": 2, "applies_to": 3, "sources": 4} and first_line == 2
    assert again["sources"][0].key_lines == {"title": 5, "url": 6} and again["sources"][0].line == 5


def git(folder, *args, date: str = "2027-01-01T12:00:00+00:00"):
    environment = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                   "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        environment.pop(name, None)
    subprocess.run(["git", *args], cwd=folder, env=environment, check=True, capture_output=True)


def test_without_source_date_epoch_a_new_commit_moves_the_build_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name in ("GIT_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(name, raising=False)
    git(tmp_path, "init", "-q")
    (tmp_path / "a.md").write_text("a", "utf-8")
    git(tmp_path, "add", "a.md")
    git(tmp_path, "commit", "-q", "-m", "first", date="2027-01-01T12:00:00+00:00")
    assert build_date(tmp_path) == datetime.date(2027, 1, 1)
    (tmp_path / "a.md").write_text("b", "utf-8")
    git(tmp_path, "commit", "-q", "-am", "second", date="2027-03-15T12:00:00+00:00")
    assert build_date(tmp_path) == datetime.date(2027, 3, 15)
