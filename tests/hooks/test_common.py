import re

import pytest

from nmt.core.findings import Finding
from nmt.core.markdown import mask_code, substitute
from nmt.core.yaml_lines import YamlProblem, load_yaml, read_front_matter


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


@pytest.mark.parametrize("text, line, message", [
    ("a: 1\nb: 2\na: 3\n", 3, "'a' appears twice (also on line 1) — keep one"),
    # Nested: a source's second url would win silently.
    ("sources:\n  - title: x\n    url: https://a.se/\n    url: https://evil.example/\n", 4,
     "'url' appears twice (also on line 3) — keep one"),
    ("- sfs: '1'\n  provisions:\n    - {anchor: K1, anchor: K2}\n", 3, "'anchor' appears twice (also on line 3) — keep one"),
])
def test_a_key_written_twice_is_refused_at_any_depth(text, line, message):
    with pytest.raises(YamlProblem) as problem:
        load_yaml(text, first_line=1)
    assert (problem.value.line, problem.value.message) == (line, message)


@pytest.mark.parametrize("text", ["a: " + "[" * 300 + "]" * 300, "a:\n" + "".join(" " * i + "- \n" for i in range(0, 600, 2)),
                                  "a: " + "{b: " * 200 + "1" + "}" * 200])
def test_deep_yaml_is_refused_before_it_is_built(text):
    with pytest.raises(YamlProblem) as problem:
        load_yaml(text, first_line=5)
    assert "nested more than" in problem.value.message and problem.value.line >= 5


def test_yaml_as_deep_as_the_register_still_loads():
    assert load_yaml("- a:\n    - b:\n        c: {sv: x}\n")[0]["a"][0]["b"]["c"]["sv"] == "x"


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\ufdd0", "\U0010ffff", "\x9b", "\u202e"])
def test_noncharacters_and_control_characters_are_not_text(character):
    with pytest.raises(YamlProblem, match="invisible control character"):
        load_yaml(f"note: 'a{character}b'\n")


def test_finding_reads_as_file_line_message_and_as_github_annotation():
    finding = Finding("docs/a.md", 7, "fel — gör så här")
    assert str(finding) == "docs/a.md:7: fel — gör så här"
    assert finding.github_annotation() == "::error file=docs/a.md,line=7::fel — gör så här"


def test_a_bug_in_a_hook_is_one_line_for_editors_and_a_traceback_with_nmt_debug(monkeypatch):
    import pytest
    from mkdocs.exceptions import PluginError

    from nmt.core.findings import run_step

    def broken_step(config):
        raise KeyError("boom")

    monkeypatch.delenv("NMT_DEBUG", raising=False)
    with pytest.raises(PluginError, match=r"Internal error in hooks/test_common.py \(broken_step\): KeyError: 'boom'"):
        run_step(broken_step, None, {})
    monkeypatch.setenv("NMT_DEBUG", "1")
    with pytest.raises(KeyError):
        run_step(broken_step, None, {})


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: &x [1]\n", "- *x\n", "a: {b: &y 2}\n"])
def test_yaml_anchors_and_aliases_are_refused_before_anything_is_built(text):
    """A few lines of nested aliases expand into gigabytes ("billion laughs")."""
    with pytest.raises(YamlProblem) as problem:
        load_yaml(text, first_line=3)
    assert "anchors and aliases" in problem.value.message and problem.value.line >= 3

