"""Files under docs/: symlinks, unexpected kinds and two pages at one address are refused."""
import os

from fixture_sites import build_site, make_site
from source_files import check_files, destination


def test_a_symlink_is_refused_and_its_target_never_published(tmp_path):
    site = make_site(tmp_path / "site")
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2")
    os.symlink(secret, site / "docs" / "notes.txt")
    os.symlink(tmp_path, site / "docs" / "folder")
    result = build_site(site)
    assert not result.succeeded
    assert any("docs/notes.txt:1: this is a symbolic link" in m for m in result.messages), result.messages
    assert not any("hunter2" in path.read_text(errors="ignore") for path in (site / "site").rglob("*")
                   if path.is_file()) if (site / "site").exists() else True


def test_both_symlinks_are_named(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    os.symlink("/etc/passwd", docs / "passwd.txt")
    os.symlink("/etc", docs / "etc")
    names = sorted(f.path for f in check_files(docs, "docs/", ["sv", "en"]))
    assert names == ["docs/etc", "docs/passwd.txt"]


def test_addresses_of_pages_and_translations():
    assert destination("samverkan/barn.md", (".en",)) == destination("samverkan/barn/index.md", (".en",))
    assert destination("samverkan/barn.en.md", (".en",)) == "/en/samverkan/barn/"
    assert destination("index.md", (".en",)) == "/"
    assert destination("bild.png", (".en",)) is None


def test_fonts_only_in_the_vendored_font_folder(tmp_path):
    """A font is parsed by every reader's browser: only a developer adds one (scripts/vendor.sh)."""
    docs = tmp_path / "docs"
    (docs / "assets" / "vendor" / "fonts").mkdir(parents=True)
    (docs / "assets" / "vendor" / "fonts" / "Pinned.ttf").write_bytes(b"\0\1\0\0")
    (docs / "om-nmt").mkdir()
    (docs / "om-nmt" / "Egen.ttf").write_bytes(b"\0\1\0\0")
    findings = check_files(docs, "docs/", ["sv", "en"])
    assert [(f.path, f.line) for f in findings] == [("docs/om-nmt/Egen.ttf", 1)]
    assert "fonts live in docs/assets/vendor/fonts/" in findings[0].message
