from link_policy import check_language_link, check_links, check_outside_link

DENY = [{"host": "bit.ly", "reason": "shorteners hide the target"}]


def test_http_tracking_and_denied_hosts():
    assert "uses http" in check_outside_link("http://polisen.se/", DENY)
    assert "(utm_source, fbclid)" in check_outside_link("https://polisen.se/?utm_source=x&fbclid=y&a=1", DENY)
    assert check_outside_link("https://www.bit.ly/x", DENY).endswith("shorteners hide the target")
    assert check_outside_link("https://polisen.se/?q=1", DENY) is None


def test_links_into_the_other_language_are_errors():
    assert "link to 'sida.md' instead" in check_language_link("sida.en.md#x", "example.org", ["en"])
    assert check_language_link("../en/sida/", "example.org", ["en"]) is not None
    assert check_language_link("https://example.org/en/x/", "example.org", ["en"]) is not None
    assert check_language_link("../sida.md", "example.org", ["en"]) is None


def test_findings_carry_lines_and_include_front_matter_sources():
    text = ("---\ntitle: T\nsources:\n  - title: S\n    url: https://x.se/?utm_medium=mail\n---\n\n"
            "[a](https://bit.ly/1)\n\n```\n[b](http://x.se)\n```\n")
    findings = check_links(text, "docs/a.md", DENY, "example.org", ["en"])
    assert [f.line for f in findings] == [8, 5]
