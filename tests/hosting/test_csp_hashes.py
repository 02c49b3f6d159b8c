"""hosting/csp_hashes.py: the CSP of nginx.conf from csp.json, with the inline-script hashes (no nginx needed)."""
from __future__ import annotations

import json

import pytest

import csp_hashes

CONFIG = """server {
    #   script-src 'self' 'sha256-…'   (a comment: never rewritten)
    add_header Content-Security-Policy "default-src 'none'; script-src 'self' 'sha256-OLD='; style-src 'self'" always;
    location /admin/ {
        add_header Content-Security-Policy "default-src 'none'; style-src 'self' 'unsafe-inline'" always;
    }
}
"""
POLICIES = {  # csp.json's shape, smaller
    "reader": {"directives": {"default-src": ["'none'"], "script-src": ["'self'"], "style-src": ["'self'"]}},
    "admin": {"directives": {"default-src": ["'none'"], "style-src": ["'self'", "'unsafe-inline'"]}},
}


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


def test_config_hashes_reads_only_the_reader_pages_header_line():
    assert csp_hashes.config_hashes(CONFIG) == ["'sha256-OLD='"]


def test_with_policies_rewrites_only_the_two_header_lines():
    updated = csp_hashes.with_policies(CONFIG, POLICIES, ["'sha256-A='", "'sha256-B='"])
    assert "script-src 'self' 'sha256-A=' 'sha256-B='; style-src 'self'\" always;" in updated
    assert "#   script-src 'self' 'sha256-…'" in updated
    assert csp_hashes.with_policies(updated, POLICIES, ["'sha256-OLD='"]) == CONFIG


def test_with_policies_writes_what_csp_json_says():
    policies = {**POLICIES, "admin": {"directives": {"default-src": ["'none'"], "connect-src": ["'self'"]}}}
    updated = csp_hashes.with_policies(CONFIG, policies, [])
    assert csp_hashes.config_policy(updated, "reader") == "default-src 'none'; script-src 'self'; style-src 'self'"
    assert csp_hashes.config_policy(updated, "admin") == "default-src 'none'; connect-src 'self'"


def test_with_policies_refuses_a_config_without_a_policy_line():
    with pytest.raises(ValueError):
        csp_hashes.with_policies("server { }", POLICIES, ["'sha256-A='"])
    reader_only = CONFIG.split("    location")[0] + "}\n"
    with pytest.raises(ValueError, match="admin"):
        csp_hashes.with_policies(reader_only, POLICIES, [])


def test_policy_differences_names_each_directive_that_differs():
    assert csp_hashes.policy_differences(CONFIG, POLICIES) == []
    wider = CONFIG.replace("style-src 'self'\"", "style-src 'self' 'unsafe-inline'; frame-src 'self'\"")
    assert csp_hashes.policy_differences(wider, POLICIES) == [
        "reader policy, frame-src: the config has 'self', csp.json says (nothing)",
        "reader policy, style-src: the config has 'self' 'unsafe-inline', csp.json says 'self'"]


def test_check_and_write_from_the_command_line(tmp_path, capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<script>x=1</script>", "utf-8")
    config = tmp_path / "nginx.conf"
    config.write_text(CONFIG.replace("'unsafe-inline'", "'unsafe-eval'"), "utf-8")
    policy = tmp_path / "csp.json"
    policy.write_text(json.dumps(POLICIES), "utf-8")
    arguments = ["--site", str(site), "--config", str(config), "--policy", str(policy)]
    assert csp_hashes.main([*arguments, "--check"]) == 1
    errors = capsys.readouterr().err
    assert "missing" in errors and "admin policy, style-src" in errors
    assert csp_hashes.main([*arguments, "--write"]) == 0
    assert csp_hashes.main([*arguments, "--check"]) == 0
    assert csp_hashes.config_hashes(config.read_text("utf-8")) == [csp_hashes.csp_hash("x=1")]


def test_the_handbooks_nginx_conf_sends_the_policies_of_csp_json():
    config = csp_hashes.DEFAULT_CONFIG.read_text("utf-8")
    assert csp_hashes.policy_differences(config, csp_hashes.read_policies()) == [], (
        "hosting/nginx.conf and hooks/nmt/policy/csp.json differ: run `make build && python3 hosting/csp_hashes.py --write`")
