"""A save in the preview rebuilds only what it changed, and the preview is what a fresh build makes.

`make serve` reuses every page a save did not touch (hooks/nmt/preview/reuse.py).
These tests edit the real handbook in a running preview and compare every
file it serves, byte for byte, with a fresh build of the same text.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_sites import ROOT
from nmt.preview.reuse import docs_files, site_key, what_others_see
from preview_session import Preview, page_text

PAGE = "samverkan/betanketid"   # the page the editor works on
OTHER = "samverkan/akut-skydd"  # a page that links to it


def copy_of_the_handbook(target: Path) -> Path:
    target.mkdir()
    shutil.copytree(ROOT / "docs", target / "docs")
    for config in ROOT.glob("mkdocs*.yml"):
        shutil.copyfile(config, target / config.name)
    for folder in ("hooks", "overrides"):
        (target / folder).symlink_to(ROOT / folder, target_is_directory=True)
    return target


def fresh_build(site: Path, preview: Preview, target: Path) -> list[str]:
    """A clean build of the site as the preview builds it (same address); returns its findings."""
    check = site / "fresh-build.yml"
    check.write_text(f"INHERIT: mkdocs.yml\nsite_url: {preview.url}\ndev_addr: 127.0.0.1:{preview.port}\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", check.name, "-d", str(target)],
                            cwd=site, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    check.unlink()
    assert result.returncode == 0, result.stderr[-3000:]
    return [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]


def differences(served: Path, fresh: Path) -> list[str]:
    """Files that differ or exist on one side only (the preview's own hidden record and cache left out)."""
    def files(root: Path) -> set[str]:
        return {path.relative_to(root).as_posix() for path in root.rglob("*")
                if path.is_file() and not path.relative_to(root).parts[0].startswith(".")}
    ours, theirs = files(served), files(fresh)
    return ([f"only in the preview: {name}" for name in sorted(ours - theirs)]
            + [f"missing from the preview: {name}" for name in sorted(theirs - ours)]
            + [f"differs: {name}" for name in sorted(ours & theirs)
               if (served / name).read_bytes() != (fresh / name).read_bytes()])


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    site = copy_of_the_handbook(tmp_path_factory.mktemp("preview") / "site")
    session = Preview(site, site.parent / "tmp")
    yield site, session
    session.stop()


def assert_same_as_fresh(site: Path, session: Preview, tmp_path: Path) -> list[str]:
    """Every file the preview serves is the fresh build's; returns the fresh build's findings."""
    findings = fresh_build(site, session, tmp_path / "fresh")
    assert differences(session.folder(), tmp_path / "fresh") == []
    return findings


def test_a_saved_text_is_rebuilt_and_the_rest_reused(preview, tmp_path):
    site, session = preview
    page = site / "docs" / f"{PAGE}.md"
    session.save(page, page.read_text("utf-8") + "\nEn [[okänt ord]] och ordet nmtreuse1.\n")
    served = page_text(session.url + PAGE + "/")
    assert "nmtreuse1" in served and "okänt ord" in served.split("nmt-preview-findings", 1)[1]
    assert [f for f in assert_same_as_fresh(site, session, tmp_path) if "okänt ord" in f]


def test_a_heading_another_page_links_to_can_go(preview, tmp_path):
    """The other page is reused, and MkDocs' anchor check still sees that its link broke."""
    site, session = preview
    page, other = site / "docs" / f"{PAGE}.md", site / "docs" / f"{OTHER}.md"
    original = page.read_text("utf-8").replace("\nEn [[okänt ord]] och ordet nmtreuse1.\n", "")
    session.save(page, original + "\n## En ny rubrik {#nmt-ny-rubrik}\n\nText.\n")
    session.save(other, other.read_text("utf-8") + "\nSe [rubriken](betanketid.md#nmt-ny-rubrik).\n")
    assert not [f for f in assert_same_as_fresh(site, session, tmp_path) if OTHER in f]
    session.save(page, original)
    assert "nmt-ny-rubrik" in page_text(session.url + PAGE + "/").split("nmt-preview-findings", 1)[1]
    assert [f for f in assert_same_as_fresh(site, session, tmp_path) if OTHER in f and "nmt-ny-rubrik" in f]


def test_a_new_title_reaches_every_menu(preview, tmp_path):
    """Front matter is what other pages show: a changed title rebuilds every page."""
    site, session = preview
    page = site / "docs" / f"{PAGE}.md"
    text = page.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    session.save(page, text.replace(title, "title: Betänketid (nmtnytitel)", 1))
    assert "nmtnytitel" in page_text(session.url + "samverkan/")
    assert_same_as_fresh(site, session, tmp_path)


def test_only_front_matter_and_titles_are_what_other_pages_see(tmp_path):
    page = "---\ntitle: A\nowner: NMT\n---\n\nBody text.\n"
    assert what_others_see(page) == "title: A\nowner: NMT\n"
    assert what_others_see("---\nowner: NMT\n---\n\n# Heading title\n") == "---\nowner: NMT\n---\n\n# Heading title\n"


def test_the_site_key_follows_front_matter_data_and_code_not_page_text(tmp_path):
    class Config(dict):
        pass
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("---\ntitle: A\n---\nText.\n", "utf-8")
    (docs / "glossary.yml").write_text("x: 1\n", "utf-8")
    code = tmp_path / "hooks"
    code.mkdir()
    (code / "step.py").write_text("x = 1\n", "utf-8")
    config = Config(docs_dir=str(docs), site_url="http://127.0.0.1:8000/")
    build = type("Build", (), {"today": "2026-12-01", "revision": "abc"})()

    def key():
        return site_key(config, build, docs_files(config), [code])
    first = key()
    (docs / "a.md").write_text("---\ntitle: A\n---\nOther text.\n", "utf-8")
    assert key() == first
    for path, text in [(docs / "a.md", "---\ntitle: B\n---\nOther text.\n"), (docs / "glossary.yml", "x: 2\n"),
                       (code / "step.py", "x = 2\n"), (docs / "b.md", "---\ntitle: B\n---\n")]:
        before = key()
        path.write_text(text, "utf-8")
        assert key() != before, path
