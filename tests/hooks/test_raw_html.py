"""Raw HTML and attr_list: judged on what Markdown produced, with the line."""
import pytest

from markdown_like_the_site import render
from raw_html import check_content


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
