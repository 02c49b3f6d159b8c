"""Each kind of bad input, as a tiny bilingual site, fails the build with the
exact message an editor needs (file:line: what is wrong — what to do)."""
import subprocess
import sys

import pytest

from fixture_sites import ERRORS, build_site, make_site

KINDS = sorted(path.name for path in ERRORS.iterdir() if path.is_dir())


def test_there_are_at_least_fifteen_kinds_of_bad_input():
    assert len(KINDS) >= 15, KINDS


def test_the_valid_site_builds_without_any_message(tmp_path):
    result = build_site(make_site(tmp_path / "site"))
    assert result.succeeded, result.messages
    assert result.messages == []


@pytest.mark.parametrize("kind", KINDS)
def test_bad_input_fails_the_build_with_the_expected_message(tmp_path, kind):
    result = build_site(make_site(tmp_path / "site", ERRORS / kind))
    expected = (ERRORS / kind / "expected.txt").read_text("utf-8").splitlines()
    assert expected, f"{kind}: expected.txt is empty"
    assert not result.succeeded, f"{kind}: the build passed"
    missing = [line for line in expected if line not in result.messages]
    assert not missing, f"{kind}: expected\n  {missing}\ngot\n  " + "\n  ".join(result.messages)
    for message in result.messages:
        assert "Traceback" not in message and "Internal error" not in message, message


@pytest.mark.parametrize("kind", ["swedish-suffix-conflict", "glossary-yaml", "front-matter-yaml"])
def test_the_command_line_shows_no_traceback(tmp_path, kind):
    site = make_site(tmp_path / "site", ERRORS / kind)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                            capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-2000:]
    first_expected = (ERRORS / kind / "expected.txt").read_text("utf-8").splitlines()[0]
    assert first_expected in result.stderr


def test_an_unusable_data_file_is_the_only_error_reported(tmp_path):
    """One mistake in docs/statutes.yml is one message, not one more per page that uses the register."""
    kind = ERRORS / "statute-register-unusable"
    result = build_site(make_site(tmp_path / "site", kind))
    assert not result.succeeded
    assert result.messages == (kind / "expected.txt").read_text("utf-8").splitlines()
