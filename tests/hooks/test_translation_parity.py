import random

from nmt.checks.translation_parity import check_parity, conflicting_default_files, explicit_heading_id, heading_ids
from nmt.core.markdown import prose


def test_missing_translation_names_the_file_to_create():
    findings = check_parity({"a.md": "x", "b.en.md": "y"}, "sv", ["sv", "en"], "docs/")
    assert [str(f) for f in findings] == [
        "docs/a.md:1: this page has no English translation — create docs/a.en.md, or add 'translation: none' "
        "and a 'translation_reason' to the front matter",
        "docs/b.en.md:1: this page has no Swedish original — create docs/b.md, or add 'translation: none' "
        "and a 'translation_reason' to the front matter"]


def test_translation_none_is_respected():
    assert check_parity({"a.md": "---\ntranslation: none\n---\n"}, "sv", ["sv", "en"], "docs/") == []


def test_heading_ids_must_match():
    findings = check_parity({"a.md": "## A {#a}\n\n## B {#b}\n", "a.en.md": "## A {#a}\n"}, "sv", ["sv", "en"], "docs/")
    assert [(f.path, f.line) for f in findings] == [("docs/a.md", 3)]


def test_heading_ids_ignore_code():
    assert heading_ids("```\n## X {#x}\n```\n## Y {.cls #y}\n") == {"y": 4}


def test_a_heading_line_in_indented_code_is_code():
    """Also on pages without ` or ~, where heading_ids finds the code without a parse."""
    page = ("---\ntitle: x\n---\n## A {#a}\n\n    ## In code {#c1}\n\n- item\n\n        ## Code in a list {#c2}\n\n"
            "!!! note\n    ## In the note {#n}\n\n        ## Code in the note {#c3}\n\n   ## B {#b}\n")
    assert heading_ids(page) == {"a": 4, "b": 17}


def ids_of_running_text(text: str) -> dict[str, int]:
    """heading_ids as it reads every page: the lines of prose(), code blanked out by a parse."""
    ids: dict[str, int] = {}
    for number, line in enumerate(prose(text).split("\n"), start=1):
        if explicit_heading_id(line) is not None:
            ids.setdefault(explicit_heading_id(line), number)
    return ids


BLOCKS = ["## H{n} {{#h{n}}}", "   # H{n} {{.x #h{n}}}", "    ## C{n} {{#c{n}}}", "        ### C{n} {{#c{n}}}",
          "Text {n}.", "- item {n}", "1. item {n}", "!!! note", "??? note", "=== \"Tab\"", "> ## Q{n} {{#q{n}}}",
          "term {n}", ":   definition {n}", "[^{n}]: note", "*[A{n}]: abbreviation", "\t## T{n} {{#t{n}}}", "",
          "```", "~~~", "## I{n} `{{#i{n}}}`", "    code }}"]


def test_heading_ids_without_a_parse_are_those_of_the_running_text():
    # A lone carriage return ends a Markdown line: the code after it is on the heading's line here.
    assert heading_ids("## Y {#y}\r\r    code }\n") == ids_of_running_text("## Y {#y}\r\r    code }\n") == {"y": 1}
    rng = random.Random(23)
    for _ in range(600):
        page = ""
        for n in range(rng.randint(1, 30)):
            page += rng.choice(BLOCKS).format(n=n) + rng.choice(["\n"] * 8 + ["\r", "\r\n"])
        assert heading_ids(page) == ids_of_running_text(page), repr(page)


def test_swedish_suffix_conflict_is_detected():
    assert conflicting_default_files(["a.md", "a.sv.md", "b.sv.md"], "sv") == [("a.md", "a.sv.md")]
