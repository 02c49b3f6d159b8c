from nmt.checks.validation_messages import EditorMessages, line_of_link


def editor(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("rad 1\nse [x](b.md#saknas)\n")
    (tmp_path / "mkdocs.yml").write_text("nav:\n  - a.md\n  - borta.md\n")
    return EditorMessages(tmp_path / "docs", "docs/", tmp_path / "mkdocs.yml")


def test_anchor_message_gets_file_line_and_advice(tmp_path):
    rewritten = editor(tmp_path).rewrite(
        "Doc file 'a.md' contains a link 'b.md#saknas', but the doc 'b.md' does not contain an anchor '#saknas'.")
    assert rewritten.startswith("docs/a.md:2: the link 'b.md#saknas' points to a heading id #saknas that does not exist")


def test_nav_messages_point_at_mkdocs_yml_and_each_page(tmp_path):
    messages = editor(tmp_path)
    assert messages.rewrite("A reference to 'borta.md' is included in the 'nav' configuration, which is not found "
                            "in the documentation files.").startswith("mkdocs.yml:3: nav lists 'borta.md'")
    omitted = messages.rewrite('The following pages exist in the docs directory, but are not included in the "nav" '
                               "configuration:\n  - x.md\n  - y.en.md")
    assert omitted.splitlines()[1].startswith("docs/y.en.md:1: this page is not in the navigation")


def test_other_messages_pass_unchanged(tmp_path):
    assert editor(tmp_path).rewrite("Something else.") == "Something else."


def test_line_of_link_prefers_the_markdown_target():
    assert line_of_link("a\nb.md\n[x](b.md)\n", "b.md") == 3
