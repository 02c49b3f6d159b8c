import re

import pytest

from _common import Finding, YamlProblem, load_yaml, mask_code, read_front_matter, substitute


def test_masking_keeps_offsets_and_hides_code():
    text = "a [[x]]\n```\n[[y]]\n```\nb `[[z]]` c\n"
    masked = mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "[[x]]" in masked and "[[y]]" not in masked and "[[z]]" not in masked


def test_substitute_leaves_code_examples_alone():
    pattern = re.compile(r"\[\[(\w+)\]\]")
    assert substitute("[[a]] `[[b]]`", pattern, lambda m: m.group(1).upper()) == "A `[[b]]`"


def test_front_matter_lines_are_file_lines():
    meta, first = read_front_matter("---\ntitle: T\nsources:\n  - title: S\n    url: https://x.se\n---\nbody")
    assert first == 2
    assert meta.key_lines["sources"] == 3
    assert meta["sources"][0].key_lines["url"] == 5


def test_dates_stay_text_so_impossible_dates_can_be_reported():
    assert load_yaml("reviewed: 2026-02-30")["reviewed"] == "2026-02-30"


def test_yaml_errors_carry_the_line():
    with pytest.raises(YamlProblem) as problem:
        read_front_matter("---\ntitle: ok\ndescription: [broken\nowner: x\n---\n")
    assert problem.value.line == 4


def test_duplicate_keys_are_remembered():
    assert load_yaml("a: 1\nb: 2\na: 3\n").duplicate_keys == [("a", 3)]


def test_finding_reads_as_file_line_message_and_as_github_annotation():
    finding = Finding("docs/a.md", 7, "fel — gör så här")
    assert str(finding) == "docs/a.md:7: fel — gör så här"
    assert finding.github_annotation() == "::error file=docs/a.md,line=7::fel — gör så här"


def test_a_bug_in_a_hook_is_one_line_for_editors_and_a_traceback_with_nmt_debug(monkeypatch):
    import pytest
    from mkdocs.exceptions import PluginError

    from _common import run_step

    def broken_step(config):
        raise KeyError("boom")

    monkeypatch.delenv("NMT_DEBUG", raising=False)
    with pytest.raises(PluginError, match=r"Internal error in hooks/test_common.py \(broken_step\): KeyError: 'boom'"):
        run_step(broken_step, None, {})
    monkeypatch.setenv("NMT_DEBUG", "1")
    with pytest.raises(KeyError):
        run_step(broken_step, None, {})
