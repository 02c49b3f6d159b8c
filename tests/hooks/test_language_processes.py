"""A build on two cores gives what one process gives (hooks/nmt/core/language_processes.py).

The English pass runs in a second process while the Swedish pages are built.
These tests build the same sites both ways (NMT_ONE_PROCESS=1: static-i18n's
own order, English inside the Swedish pass) and compare what readers and
editors get: every file of the site, and every line the build prints.
"""
from __future__ import annotations

import gc
import os
import re
import time

import pytest

from fixture_sites import build_site as build_in_process
from fixture_sites import make_site
from nmt.core import language_processes
from nmt.search import enrichment as search_enrichment
from project import ROOT, build_site

EPOCH = "1780000000"  # one build date for both builds


def build(config, site, one_process: bool, extra_env: dict | None = None):
    return build_site(config, site, {"SOURCE_DATE_EPOCH": EPOCH, "NMT_ONE_PROCESS": "1" if one_process else "0",
                                     **(extra_env or {})})


def files_of(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def said(result, site) -> list[str]:
    """What the build printed, with its own folder and its duration left out."""
    text = (result.stdout + "\n---\n" + result.stderr).replace(str(site), "<site>")
    return [line for line in text.splitlines() if not re.search(r"Documentation built in [\d.]+ seconds", line)]


@pytest.mark.parametrize("config, region", [
    ("mkdocs.yml", None),                                         # the site online
    ("mkdocs-offline.yml", None),                                 # the offline copy
    ("mkdocs-offline.yml", "tests/fixtures/regions/testregionen"),  # a region's offline copy
])
def test_the_handbook_is_the_same_built_on_two_cores(tmp_path, config, region):
    region_env = {"NMT_REGION": str(ROOT / region)} if region else {}
    one = build(ROOT / config, tmp_path / "one", True, region_env)
    two = build(ROOT / config, tmp_path / "two", False, region_env)
    assert one.returncode == 0, one.stderr[-3000:]
    assert two.returncode == 0, two.stderr[-3000:]
    one_files, two_files = files_of(tmp_path / "one"), files_of(tmp_path / "two")
    assert sorted(one_files) == sorted(two_files)
    assert [name for name in one_files if one_files[name] != two_files[name]] == []
    assert said(one, tmp_path / "one") == said(two, tmp_path / "two")


def test_the_english_pass_runs_in_a_second_process(tmp_path, monkeypatch):
    """Not one process in disguise: the build forks for the English pass and again for the English
    folder's last files (its search index and print document), and the English pages come back."""
    site = make_site(tmp_path / "site")
    monkeypatch.delenv("NMT_ONE_PROCESS", raising=False)
    forks, fork = [], os.fork

    def counted_fork():
        forks.append(1)
        return fork()
    monkeypatch.setattr(os, "fork", counted_fork)
    assert build_in_process(site).succeeded
    assert len(forks) == 2
    assert (site / "site" / "en" / "sida" / "index.html").is_file()
    assert not (site / "site" / language_processes.FOLDER).exists()


def english_page_with_problems(site):
    """A link to a missing page and one to a missing heading, on the English page only."""
    page = site / "docs" / "sida.en.md"
    page.write_text(page.read_text("utf-8") + "\nSee [gone](borta.md) and [no heading](index.md#nowhere).\n", "utf-8")


def test_the_english_pass_reports_as_in_one_process(tmp_path):
    """Its warnings come at the same place, fail the strict build, and are GitHub annotations too."""
    results = {}
    for one_process in (True, False):
        site = make_site(tmp_path / f"site-{one_process}")
        english_page_with_problems(site)
        swedish = site / "docs" / "sida.md"  # and a notice in the Swedish pass before them
        swedish.write_text(swedish.read_text("utf-8") + "\nSe [borta](borta.md).\n", "utf-8")
        results[one_process] = build(site / "mkdocs.yml", site / "out", one_process, {"GITHUB_ACTIONS": "true"})
    one, two = results[True], results[False]
    assert one.returncode == two.returncode == 1
    assert "docs/sida.en.md:" in two.stderr and "::warning file=docs/sida.en.md" in two.stdout
    assert said(one, tmp_path / "site-True" / "out") == said(two, tmp_path / "site-False" / "out")
    assert not (tmp_path / "site-False" / "out" / language_processes.FOLDER).exists()


def test_a_failing_swedish_pass_stops_the_english_one(tmp_path):
    """The Swedish pass stops the build (front matter that does not parse): the English pass, already
    running, is stopped too, and nothing of it is written, also not after the command has returned."""
    site = make_site(tmp_path / "site")
    swedish = site / "docs" / "sida.md"
    swedish.write_text(swedish.read_text("utf-8").replace("description: ", "description: [", 1), "utf-8")
    result = build(site / "mkdocs.yml", tmp_path / "out", one_process=False)
    assert result.returncode == 1
    assert "docs/sida.md:" in result.stderr and "the YAML does not parse" in result.stderr
    assert "sida.en.md" not in result.stderr + result.stdout   # the English pass never reports
    time.sleep(1.0)
    assert not (tmp_path / "out" / language_processes.FOLDER).exists()
    assert not (tmp_path / "out" / "en").exists()


def test_a_failing_swedish_pass_in_one_python_process_stops_the_english_one(tmp_path, monkeypatch):
    """The tests (and any tool) build in one Python process: the second process is stopped and its
    folder removed when the failed build is let go, not only when Python ends."""
    site = make_site(tmp_path / "site")
    swedish = site / "docs" / "sida.md"
    swedish.write_text(swedish.read_text("utf-8").replace("description: ", "description: [", 1), "utf-8")
    monkeypatch.delenv("NMT_ONE_PROCESS", raising=False)
    children, fork = [], os.fork

    def remembered_fork():
        pid = fork()
        if pid:
            children.append(pid)
        return pid
    monkeypatch.setattr(os, "fork", remembered_fork)
    assert not build_in_process(site).succeeded
    gc.collect()
    assert len(children) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(children[0], os.WNOHANG)   # stopped and reaped: not running, not a zombie
    assert not (site / "site" / language_processes.FOLDER).exists()


def test_what_the_english_pass_would_lose_stops_the_build(tmp_path, monkeypatch):
    """A step that keeps something in a `Build` field the second process does not hand back
    (a new field, say) must not quietly lose the English half of it."""
    site = make_site(tmp_path / "site")
    monkeypatch.delenv("NMT_ONE_PROCESS", raising=False)
    enrich = search_enrichment.enrich_entry

    def enrich_and_keep(build, page, config):
        if page.file.src_uri.endswith(".en.md"):
            build.redirects["kept-by-a-new-step"] = page.url
        return enrich(build, page, config)
    monkeypatch.setattr(search_enrichment, "enrich_entry", enrich_and_keep)
    result = build_in_process(site)
    assert not result.succeeded
    assert any("the English pass changed Build.redirects, which it does not hand back" in message
               for message in result.messages)
