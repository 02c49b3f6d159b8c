from raw_html import check_raw_html


def test_scripts_frames_handlers_and_javascript_urls_are_errors():
    text = "<script>x</script>\n<IFRAME src=x>\n<a href='#' onClick='x'>a</a>\n[a](javascript:alert(1))\n"
    assert sorted(f.line for f in check_raw_html(text, "docs/a.md")) == [1, 2, 3, 4]


def test_code_examples_and_plain_words_are_fine():
    text = "Ordet script och onclick är ok.\n\n```html\n<script></script>\n```\n\n`<iframe>`\n"
    assert check_raw_html(text, "docs/a.md") == []
