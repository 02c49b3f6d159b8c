"""A failed `make build` leaves the previously built site untouched."""
import hashlib
import subprocess

from fixture_sites import ERRORS, ROOT, make_site


def snapshot(folder):
    return {path.relative_to(folder): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def make_build(site_source, site_dir):
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "build",
                           f"MKDOCS_CONFIG={site_source / 'mkdocs.yml'}", f"SITE_DIR={site_dir}"],
                          capture_output=True, text=True)


def test_failed_make_build_leaves_previous_site_byte_identical(tmp_path):
    good = make_site(tmp_path / "good")
    site_dir = tmp_path / "published"
    first = make_build(good, site_dir)
    assert first.returncode == 0, first.stderr[-3000:]
    before = snapshot(site_dir)
    assert (site_dir / "index.html").exists() and (site_dir / "en" / "index.html").exists()

    broken = make_site(tmp_path / "broken", ERRORS / "broken-link")
    second = make_build(broken, site_dir)
    assert second.returncode != 0
    assert "docs/sida.md:15: the link 'indx.md' points to a page that does not exist" in second.stderr
    assert snapshot(site_dir) == before
    assert not (tmp_path / "published.tmp").exists()


def test_a_redirect_out_of_the_site_writes_nothing_and_keeps_the_site(tmp_path):
    good = make_site(tmp_path / "good")
    site_dir = tmp_path / "published"
    assert make_build(good, site_dir).returncode == 0
    before = snapshot(site_dir)
    outside = sorted(path.name for path in tmp_path.iterdir())

    broken = make_site(tmp_path / "broken", ERRORS / "redirect-outside-site")
    (broken / "docs" / "redirects.yml").write_text("../published/index.md: sida.md\n../../escape.md: sida.md\n")
    result = make_build(broken, site_dir)
    assert result.returncode != 0
    assert "must stay inside docs/" in result.stderr
    assert snapshot(site_dir) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*outside, "broken"])
