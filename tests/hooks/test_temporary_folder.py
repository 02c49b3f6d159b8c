"""The build's temporary folder (hooks/nmt/core/memory.py), where the print
document's articles wait until the end of the build: it is gone when the
build ends, also when the build stops halfway, and a stopped build writes no
print document."""
import gc
import tempfile

from project import build_site
from fixture_sites import build_site as build_in_process
from fixture_sites import make_site


def test_a_build_leaves_no_temporary_files(tmp_path):
    site = make_site(tmp_path / "site")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = build_site(site / "mkdocs.yml", tmp_path / "out", {"TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "out" / "assets" / "print" / "sv.html").is_file()
    assert list(temporary.iterdir()) == []


def test_the_temporary_folder_is_gone_when_the_build_returns(tmp_path, monkeypatch):
    """Not only when the process ends: `mkdocs serve` and the tests build in one process."""
    site = make_site(tmp_path / "site")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    gc.disable()  # what a collection would remove at some later time does not count
    try:
        assert build_in_process(site).succeeded
        assert list((tmp_path / "tmp").iterdir()) == []
    finally:
        gc.enable()


def test_a_build_that_stops_in_the_english_pass_leaves_no_temporary_files(tmp_path):
    """The Swedish pages are built (their articles are in the temporary folder)
    when an English page's front matter stops the build."""
    site = make_site(tmp_path / "site")
    english = site / "docs" / "sida.en.md"
    english.write_text(english.read_text("utf-8").replace("description: About", "description: [About", 1), "utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = build_site(site / "mkdocs.yml", tmp_path / "out", {"TMPDIR": str(temporary)})
    assert result.returncode != 0
    assert "docs/sida.en.md:4: front matter: the YAML does not parse" in result.stderr
    assert (tmp_path / "out" / "sida" / "index.html").is_file(), "the Swedish pass should have run first"
    assert not (tmp_path / "out" / "assets" / "print").exists()
    assert list(temporary.iterdir()) == []
