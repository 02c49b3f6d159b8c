"""Raw HTML and attr_list: judged on what Markdown produced, with the line."""
import pytest

from markdown_like_the_site import render
from nmt.checks.raw_html import check_content


def findings(text):
    return check_content(render(text), text, "docs/a.md")


def test_scripts_frames_handlers_and_javascript_urls_are_errors():
    text = "<script>x</script>\n\n<IFRAME src=x></IFRAME>\n\n<a href='#' onClick='x'>a</a>\n\n[a](javascript:alert(1))\n"
    assert sorted(f.line for f in findings(text)) == [1, 3, 5, 7]


def test_code_examples_and_plain_words_are_fine():
    text = "Ordet script och onclick är ok.\n\n```html\n<script></script>\n```\n\n`<iframe>`\n"
    assert findings(text) == []


@pytest.mark.parametrize("text, message", [
    ("Klicka här\n{: onclick=\"alert(1)\" }\n", "the HTML attribute onclick= runs code"),
    ("[länk](https://polisen.se/){: onmouseover=\"alert(1)\" }\n", "the HTML attribute onmouseover= runs code"),
    ("<svg/onload=alert(1)>\n", "the HTML tag <svg> is not allowed"),
    ("<a href=\"&#106;avascript:alert(1)\">x</a>\n", "'javascript:' links run code"),
    ("<a href=\"java&#x09;script:alert(1)\">x</a>\n", "'javascript:' links run code"),
    ("<form action=\"https://evil.example/\"><button>Skicka</button></form>\n", "the HTML tag <form> is not allowed"),
    ("![bild](https://evil.example/pixel.png)\n", "loads a file from another host"),
    ("<img src=\"//evil.example/pixel.png\" alt=\"\">\n", "loads a file from another host"),
    ("<img src=\"a.png\" srcset=\"https://evil.example/a.png 2x\" alt=\"\">\n", "srcset= is not allowed"),
    ("<video poster=\"https://evil.example/a.png\"></video>\n", "the HTML tag <video> is not allowed"),
    ("*[NMT]: &lt;img src=x onerror=alert(1)&gt;\n\nNMT\n", "contains markup"),
    ("[x](https://polisen.se/ \"&lt;img src=x onerror=alert(1)&gt;\")\n", "contains markup"),
    ("<p id=\"__config\">{}</p>\n", "is reserved for the site's own scripts"),
    ("<body onload=\"alert(1)\">\n", "the HTML tag <body> is not allowed"),
    ("<div markdown>\n<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>\n</div>\n",
     "is not allowed"),
    ("<a title=\"`\" href=\"#\">x</a><script>alert(1)</script>\n", "the HTML tag <script> is not allowed"),
    ("    ```\n<script>alert(1)</script>\n", "the HTML tag <script> is not allowed"),
    ("<base href=\"https://evil.example/\">\n", "the HTML tag <base> is not allowed"),
    ("<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example/\">\n", "the HTML tag <meta> is not allowed"),
])
def test_ways_around_a_source_check_are_refused(text, message):
    found = findings(text)
    assert any(message in f.message for f in found), [str(f) for f in found]
    assert all(f.line >= 1 for f in found)


def test_the_line_is_where_the_editor_wrote_it():
    text = "Första stycket.\n\nAndra stycket.\n{: onclick=\"x\" }\n"
    assert [f.line for f in findings(text)] == [4]


def test_ids_classes_and_tabs_are_fine():
    text = "## Rubrik {#rubrik .viktig}\n\nText {: .note }\n\n=== \"Ett\"\n\n    Ett\n\n=== \"Två\"\n\n    Två\n"
    assert findings(text) == []


@pytest.mark.parametrize("text, line, other", [
    ("## Villkor {#villkor}\n\nText.\n\n## Fler villkor {#villkor}\n", 5, 1),
    ("## Ansökan\n\n## Så ansöker du {#ansokan}\n", 3, 1),   # Markdown renames the first #ansokan_1
    ("## Så ansöker du {#ansokan}\n\n## Ansökan\n", 3, 1),   # … or the second
    ("## Villkor {#villkor}\n\nText\n{: #villkor }\n", 4, 1),
    ('## Villkor {#villkor}\n\n<p id="villkor">x</p>\n', 3, 1),
])
def test_two_headings_with_one_id_are_refused_at_the_second(text, line, other):
    assert [(f.line, f.message) for f in findings(text)] == [
        (line, f"the id #{'villkor' if 'villkor' in text else 'ansokan'} is used twice on this page (also on line "
               f"{other}) — give each heading its own id, e.g. {{#{'villkor' if 'villkor' in text else 'ansokan'}-2}}")]


def test_two_headings_with_the_same_words_and_no_written_id_are_numbered_by_markdown():
    assert findings("## Exempel\n\nText.\n\n## Exempel\n") == []


def test_an_id_with_a_line_break_is_quoted_on_one_line():
    text = '<p id="a\nb">x</p>\n\n<p id="a\nb">y</p>\n'
    [finding] = findings(text)
    assert "\n" not in finding.message and "#a\\nb" in finding.message


def test_finding_duplicate_ids_is_linear():
    import time
    text = "".join(f"## Rubrik {number}\n\n" for number in range(3000)) + "## X {#x}\n\n" * 3000
    html = render(text)
    started = time.process_time()
    check_content(html, text, "docs/a.md")
    assert time.process_time() - started < 1.0


def test_messages_repeat_what_the_editor_wrote_on_one_line():
    text = ('<a title="<b>\n::error::forged" href="#">x</a>\n\n<p id="__x\n::warning::y">z</p>\n\n'
            '<img src="https://evil.example/\n::error::" alt="">\n')
    found = findings(text)
    assert len(found) == 3 and all("\n" not in f.message for f in found), [f.message for f in found]
