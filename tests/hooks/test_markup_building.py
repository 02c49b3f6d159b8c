"""The hooks that write HTML escape every value unless it is explicitly Markup
(markupsafe): an editor's quote, <, & or javascript: address stays text or one
attribute's value, and never adds an element, an attribute or a handler.

Each function is run twice, with a harmless value and with a hostile one, and
both outputs are read with the standard library's HTML parser: the elements
and attribute names must be the same, and the hostile value must come back,
decoded, exactly where the harmless one was."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from nmt.blocks.build_facts import printable_links
from nmt.blocks.step_guide import guide
from nmt.blocks.whats_new import feed_link
from nmt.output.admin import page_html
from nmt.output.redirect_pages import redirect_page
from nmt.policy.html import KnownScripts, check_page
from nmt.preview.findings import panel
from nmt.registers.steps import Step

HARMLESS = "Harmless"
HOSTILE = [
    'x" onmouseover="alert(1)',                 # leaves a double-quoted attribute
    "x' onmouseover='alert(1)",                 # … a single-quoted one
    "</title></p><script>alert(1)</script>",    # ends the element, starts a script
    "a & b < c > d &amp; &#106;",               # entities stay text
    "javascript:alert(1)",                      # an address that runs code
]


class Parsed(HTMLParser):
    """The page as a browser's parser reads it: every element with its attributes, and the text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def shape(self) -> list[tuple[str, list[str]]]:
        return [(tag, sorted(attributes)) for tag, attributes in self.elements]

    def values(self) -> list[str]:
        return [value or "" for _tag, attributes in self.elements for value in attributes.values()]


def assert_stays_in_place(render, value: str) -> Parsed:
    """render(value) has the elements and attributes of render(HARMLESS), and the value
    (decoded) wherever HARMLESS was, in the text or in an attribute."""
    harmless, hostile = Parsed(render(HARMLESS)), Parsed(render(value))
    assert hostile.shape() == harmless.shape(), render(value)
    assert not [name for _tag, attributes in hostile.elements for name in attributes if name.startswith("on")]
    assert "".join(hostile.text).count(value) == "".join(harmless.text).count(HARMLESS)
    assert sum(v.count(value) for v in hostile.values()) == sum(v.count(HARMLESS) for v in harmless.values())
    return hostile


def links_of(parsed: Parsed) -> list[str]:
    return [attributes[name] for _tag, attributes in parsed.elements for name in ("href", "src") if name in attributes]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_redirect_page_keeps_the_title_and_the_addresses_in_place(value):
    for render in (lambda v: redirect_page("sv", "../ny/", "https://x.example/ny/", v),
                   lambda v: redirect_page("sv", v, "https://x.example/ny/", "Ny sida"),
                   lambda v: redirect_page("sv", "../ny/", v, "Ny sida")):
        assert_stays_in_place(render, value)


def test_a_redirect_page_to_a_javascript_address_is_refused_before_it_is_written():
    """Escaping keeps the address inside its attributes; the page policy (output/redirect_pages.write_for
    checks every page) refuses the scheme itself."""
    page = redirect_page("sv", "javascript:alert(1)", "https://x.example/ny/", "Ny sida")
    violations, _inline = check_page(page, KnownScripts(frozenset()), "gammal/", redirect=True)
    assert violations


def one_step(value: str) -> Step:
    return Step(1, "steg-1.md", 1, {"sv": value}, {"sv": value}, [{"sv": value}, {"sv": f"{value} 2"}])


@pytest.mark.parametrize("value", HOSTILE)
def test_the_step_guide_keeps_every_text_in_place(value):
    parsed = assert_stays_in_place(lambda v: guide({1: one_step(v)}, "sv", 1, {1: "../steg-2/"}), value)
    assert links_of(parsed) == ["../steg-2/"]


@pytest.mark.parametrize("value", HOSTILE)
def test_the_step_guide_links_only_to_pages_of_the_site(value):
    parsed = Parsed(guide({1: one_step("Steg")}, "sv", None, {1: value}))
    assert links_of(parsed) in ([], [value])   # a relative address, kept as written, or none
    assert not any(link.lower().startswith("javascript:") for link in links_of(parsed))
    assert [tag for tag, _attributes in parsed.elements if tag == "script"] == []


@pytest.mark.parametrize("value", HOSTILE)
def test_the_feed_link_keeps_its_address_in_place(value):
    assert_stays_in_place(lambda v: feed_link("sv", f"{v}/feed.xml", "nytt/"), value)


@pytest.mark.parametrize("value", HOSTILE)
def test_the_pdf_links_keep_a_language_name_in_place(value):
    # A language the UI strings do not name is shown by its code.
    assert_stays_in_place(lambda v: printable_links("sv", "om/", ["sv", v]), value)


@pytest.mark.parametrize("value", HOSTILE)
def test_the_preview_panel_keeps_each_message_in_place(value):
    parsed = assert_stays_in_place(lambda v: panel([f"docs/a.md:1: {v}", "docs/b.md:2: ok"], "sv"), value)
    assert [tag for tag, _attributes in parsed.elements] == ["aside", "p", "strong", "ul", "li", "code", "li", "code",
                                                             "p"]


@pytest.mark.parametrize("value", HOSTILE)
def test_the_editor_page_keeps_the_site_name_in_its_title(value):
    parsed = assert_stays_in_place(lambda v: page_html(v, "sv"), value)
    assert [attributes.get("src") for tag, attributes in parsed.elements if tag == "script"] == [
        "start.js", "vendor/sveltia-cms.js"]
