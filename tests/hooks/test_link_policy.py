import pytest

from nmt.checks.links import check_html_links, check_language_link, check_links
from nmt.policy.links import check_data_url, check_outside_link
from markdown_like_the_site import render

DENY = [{"host": "bit.ly", "reason": "shorteners hide the target"}]


def test_http_tracking_and_denied_hosts():
    assert "uses http" in check_outside_link("http://polisen.se/", DENY)
    assert "(utm_source, fbclid)" in check_outside_link("https://polisen.se/?utm_source=x&fbclid=y&a=1", DENY)
    assert check_outside_link("https://www.bit.ly/x", DENY).endswith("shorteners hide the target")
    assert check_outside_link("https://polisen.se/?q=1", DENY) is None


@pytest.mark.parametrize("url, expected", [
    ("HTTP://polisen.se/", "uses http"),
    ("//bit.ly/x", "no https: at the start"),
    ("HTTPS://BIT.LY/x", "links to bit.ly are not allowed"),
    ("https://bit.ly./x", "links to bit.ly are not allowed"),
    ("https://user:secret@polisen.se/", "user name or password"),
    ("https://polisen.se/a b", "a space, a quote or a bracket"),
    ("https://polisen.se/\"onmouseover=x", "a space, a quote or a bracket"),
    ("https://rkrattsbaser.gov.se/prop?page=1&post_id=29", "a position in a search list (post_id=…)"),
    ("https://localhost/", "no host name"),
    ("https://[polisen.se/", "is not a valid address"),
])
def test_tricks_with_outside_addresses(url, expected):
    assert expected in (check_outside_link(url, DENY) or ""), url


def test_data_urls_must_be_complete_https_addresses():
    assert "needs an https address" in check_data_url("/relative", DENY)
    assert "needs an https address" in check_data_url(12, DENY)
    assert check_data_url("https://www.riksdagen.se/sv/dokument-och-lagar/", DENY) is None


def test_a_broken_address_is_not_a_language_link_and_does_not_crash():
    assert check_language_link("http://[[", "example.org", ["en"]) is None


def test_links_into_the_other_language_are_errors():
    assert "link to 'sida.md' instead" in check_language_link("sida.en.md#x", "example.org", ["en"])
    assert check_language_link("../en/sida/", "example.org", ["en"]) is not None
    assert check_language_link("https://example.org/en/x/", "example.org", ["en"]) is not None
    assert check_language_link("../sida.md", "example.org", ["en"]) is None


def test_every_way_of_writing_a_link_is_checked_in_the_html_with_its_line():
    text = ("Intro.\n\n[a](https://bit.ly/1)\n\n<https://bit.ly/2>\n\n[ref][r]\n\n```\n[b](http://x.se)\n```\n\n"
            "<a href=\"HTTP://x.se/\">c</a>\n\n[r]: //bit.ly/3\n")
    findings = check_html_links(render(text), text, "docs/a.md", DENY)
    assert sorted(f.line for f in findings) == [3, 5, 13, 15]


def test_a_tab_in_a_link_is_reported_at_the_line_where_it_was_typed():
    # Python-Markdown expands tabs before it reads the text, so the HTML has spaces where the source has a tab.
    text = "Intro.\n\nMer text.\n\nLäs [mer](https://www.polisen.se/\tx) här.\n"
    findings = check_html_links(render(text), text, "docs/a.md", DENY)
    assert [(f.line, "contains a space" in f.message) for f in findings] == [(5, True)]


def test_front_matter_sources_carry_their_line():
    text = "---\ntitle: T\nsources:\n  - title: S\n    url: https://x.se/?utm_medium=mail\n---\n\ntext\n"
    assert [f.line for f in check_links(text, "docs/a.md", DENY, "example.org", ["en"])] == [5]
