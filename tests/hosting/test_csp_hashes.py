"""hosting/csp_hashes.py: the inline-script hashes for the CSP (no nginx needed)."""
from __future__ import annotations


import pytest


import csp_hashes

CONFIG = """server {
    #   script-src 'self' 'sha256-…'   (a comment: never rewritten)
    add_header Content-Security-Policy "default-src 'none'; script-src 'self' 'sha256-OLD='; style-src 'self'" always;
}
"""


def test_hash_matches_the_csp_specification_example():
    # CSP Level 3, "hash-source" example: alert('Hello, world.');
    assert csp_hashes.csp_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_only_inline_scripts_a_browser_runs_are_collected():
    parser = csp_hashes.InlineScripts()
    parser.feed('<script>a=1</script><script src="x.js"></script>'
                '<script type="application/json">{"b": "&amp;"}</script>'
                '<script type="text/javascript">c&&d</script><script type="module">e()</script>'
                '<p>not a script</p>')
    assert parser.scripts == ["a=1", "c&&d", "e()"]  # text exactly as written, entities untouched


def test_site_hashes_lists_pages_per_hash(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text("<script>x=1</script><script>y=2</script>", "utf-8")
    (tmp_path / "a" / "index.html").write_text("<script>x=1</script>", "utf-8")
    found = csp_hashes.site_hashes(tmp_path)
    assert found == {csp_hashes.csp_hash("x=1"): ["a/index.html", "index.html"],
                     csp_hashes.csp_hash("y=2"): ["index.html"]}


def test_config_hashes_reads_only_the_header_line():
    assert csp_hashes.config_hashes(CONFIG) == ["'sha256-OLD='"]


def test_with_hashes_rewrites_only_script_src_of_the_header_line():
    updated = csp_hashes.with_hashes(CONFIG, ["'sha256-A='", "'sha256-B='"])
    assert "script-src 'self' 'sha256-A=' 'sha256-B='; style-src 'self'\" always;" in updated
    assert "#   script-src 'self' 'sha256-…'" in updated
    assert csp_hashes.with_hashes(updated, ["'sha256-OLD='"]) == CONFIG


def test_with_hashes_refuses_a_config_without_the_policy():
    with pytest.raises(ValueError):
        csp_hashes.with_hashes("server { }", ["'sha256-A='"])


def test_check_and_write_from_the_command_line(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<script>x=1</script>", "utf-8")
    config = tmp_path / "nginx.conf"
    config.write_text(CONFIG, "utf-8")
    assert csp_hashes.main(["--site", str(site), "--config", str(config), "--check"]) == 1
    assert "missing" in capsys.readouterr().err
    assert csp_hashes.main(["--site", str(site), "--config", str(config), "--write"]) == 0
    assert csp_hashes.main(["--site", str(site), "--config", str(config), "--check"]) == 0
    assert csp_hashes.config_hashes(config.read_text("utf-8")) == [csp_hashes.csp_hash("x=1")]
