"""The build reads an address as a browser does: the host it connects to,
not the host as written. Every way of writing bit.ly reaches bit.ly."""
import time

import pytest

from nmt.policy.html import content_violations, is_outside
from nmt.checks.links import check_language_link
from nmt.policy.links import check_outside_link
from markdown_like_the_site import render
from nmt.checks.raw_html import check_content
from nmt.core.urls import browser_host, read

DENY = [{"host": "bit.ly", "reason": "link shorteners hide where a link goes — use the full https address"}]
DENIED = "links to bit.ly are not allowed: link shorteners hide where a link goes — use the full https address"

BIT_LY = [
    "https://b%69t.ly/x",                 # percent-encoded letter
    "https://%62%69%74%2e%6c%79/x",       # the whole host, dot included
    "https://ｂｉｔ.ly/x",                 # full-width letters
    "https://ⓑit.ly/x",                   # a letter in a circle (compatibility form)
    "https://BIT.LY./x",                  # capitals and the root's trailing dot
    "https://bit。ly/x",                  # ideographic full stop
    "https://bit．ly/x",                  # full-width full stop
    "https://b\u00adit.ly/x",             # a soft hyphen, which IDNA drops
    "https:\\\\bit.ly/x",                 # backslashes
    "https:/bit.ly/x", "https:bit.ly/x",  # slashes are optional after https:
    "https://nmt.se@bit.ly/x",            # what is before @ is a user name
    "https://nmt.se:pw@bit.ly/x",
    "ht\ttps://bi\nt.ly/x",               # tabs and newlines anywhere
    " https://bit.ly/x\x01",              # spaces and controls at the ends
    "https://bit.ly:443/x",               # a port
]


@pytest.mark.parametrize("url", BIT_LY)
def test_every_way_of_writing_bit_ly_is_read_as_bit_ly(url):
    assert read(url).site == "bit.ly"
    assert check_outside_link(url, DENY) == DENIED


def test_a_subdomain_of_a_denied_host_is_denied_under_its_own_name():
    assert check_outside_link("https://www.ｂｉｔ.ly/", DENY) == DENIED.replace("to bit.ly", "to www.bit.ly")


@pytest.mark.parametrize("url", BIT_LY)
def test_the_built_page_refuses_them_wherever_they_are_written(url):
    html = render(f'<a href="{url.replace(chr(9), "&#9;").replace(chr(10), "&#10;")}">x</a>\n')
    from nmt.checks.links import check_html_links
    assert [f.message for f in check_html_links(html, "", "docs/a.md", DENY)] == [DENIED]


@pytest.mark.parametrize("url, host", [
    ("https://www.riksdagen.se/sv/dokument-och-lagar/", "www.riksdagen.se"),
    ("https://lagen.nu/1988:609", "lagen.nu"),
    ("https://xn--nm-zia.se/", "xn--nm-zia.se"),           # nmå.se written as IDNA
    ("https://nmå.se/", "xn--nm-zia.se"),                  # … and as Unicode: the same host
    ("https://ÖREBRO.se/", "xn--rebro-iua.se"),     # idna.encode("örebro.se") gives the same
    ("https://☕.example/", "xn--53h.example"),            # UTS #46, not IDNA2008 (the URL Standard's example)
    ("https://0x7f.1/", "127.0.0.1"), ("https://2130706433/", "127.0.0.1"),   # a host that ends in a number
    ("https://[::1]:8080/", "[::1]"),
])
def test_legitimate_hosts_read_as_browsers_read_them(url, host):
    assert read(url).site == host
    assert read(url).valid


@pytest.mark.parametrize("url", ["https://www.riksdagen.se/sv/", "https://lagen.nu/1988:609", "https://xn--nm-zia.se/",
                                 "https://nmå.se/", "https://polisen.se/om-polisen/"])
def test_legitimate_links_pass(url):
    assert check_outside_link(url, DENY) is None


@pytest.mark.parametrize("url", ["https://a b.se/", "https://xn--bit-.ly/", "https://%ff.se/", "https://bit.ly%2f/",
                                 "https://a<b.se/", "https://", "https://\u200dbit.ly/"])
def test_a_host_a_browser_refuses_is_not_a_valid_address(url):
    assert "is not a valid address" in check_outside_link(url, DENY)


def test_deny_list_hosts_are_read_the_same_way():
    rules = [{"host": "ＢＩＴ.LY.", "reason": "r"}]
    assert check_outside_link("https://bit.ly/", rules) == "links to bit.ly are not allowed: r"


@pytest.mark.parametrize("url", ["/\t/evil.example/", "//evil.example/", "\\\\evil.example/", "/\\evil.example/",
                                 "\\/evil.example/", " //evil.example/", "https:\\\\evil.example/x.png"])
def test_addresses_that_leave_the_site_are_outside(url):
    assert is_outside(url)
    assert read(url).site == "evil.example"


@pytest.mark.parametrize("url", ["bilder/a.png", "../a/b.md#x", "/assets/a.png", "#villkor", "?q=1", "a//b"])
def test_addresses_on_the_site_are_inside(url):
    assert not is_outside(url)


def test_an_image_from_a_disguised_outside_host_is_refused():
    for src in ("/&#9;/evil.example/p.png", "\\\\evil.example\\p.png", "https:\\\\evil.example/p.png"):
        messages = [v.message for v in content_violations(render(f'<img src="{src}" alt="">\n'))]
        assert any("loads a file from another host" in message for message in messages), src


def test_tracking_parameters_are_found_as_the_server_reads_them():
    assert "(utm_source)" in check_outside_link("https://polisen.se/?utm%5Fsource=x", DENY)
    assert "(fbclid)" in check_outside_link("https://polisen.se/?fb\tclid=x", DENY)


def test_the_sites_own_address_is_recognised_however_written():
    assert "uses the site's own address" in check_language_link("https://HANDBOK.nmt.example./en/", "handbok.nmt.example",
                                                                ["en"])


def test_a_message_repeats_the_address_on_one_line():
    message = check_outside_link("http://polisen.se/\n::error::forged", DENY)
    assert "\n" not in message and "uses http" in message


def test_reading_hosts_is_linear():
    for url in ("https://" + "a" * 50000 + ".se/", "https://" + "%61" * 15000 + "/", "https://" + "ｂ" * 20000 + "/",
                "https://" + "@" * 50000, "https://" + "1." * 25000, "//" + "\\" * 50000, "https://" + "a." * 25000):
        started = time.process_time()
        read(url)
        assert time.process_time() - started < 1.0


def test_browser_host_refuses_forbidden_characters():
    assert browser_host("a^b.se") is None and browser_host("a|b.se") is None


def test_raw_html_reports_a_disguised_outside_image_at_its_line():
    text = "Text.\n\n<img src=\"/&#9;/evil.example/p.png\" alt=\"\">\n"
    assert [f.line for f in check_content(render(text), text, "docs/a.md")] == [3]
