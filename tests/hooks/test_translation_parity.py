from nmt.checks.translation_parity import check_parity, conflicting_default_files, heading_ids


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


def test_swedish_suffix_conflict_is_detected():
    assert conflicting_default_files(["a.md", "a.sv.md", "b.sv.md"], "sv") == [("a.md", "a.sv.md")]
