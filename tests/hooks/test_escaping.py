"""Front-matter text is printed as text in every template, nested values too."""
from types import SimpleNamespace

from jinja2 import Environment
from markupsafe import Markup

from nmt.theme.escaping import EDITOR_TEXT, escape_front_matter, escaped

HOSTILE = '<img src=x onerror="alert(1)">'
SHOWN = "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"


def test_a_string_becomes_escaped_markup_and_is_not_escaped_twice():
    value = escaped(HOSTILE)
    assert isinstance(value, Markup) and value == SHOWN
    assert escaped(value) == SHOWN


def test_strings_inside_lists_and_mappings_are_escaped_at_every_depth():
    value = escaped({"title": HOSTILE, "sources": [{"title": HOSTILE, "url": "https://x.se"}],
                     "changes": [{"note": [HOSTILE]}], "review_in": 6})
    assert value["title"] == SHOWN
    assert value["sources"][0]["title"] == SHOWN
    assert value["changes"][0]["note"][0] == SHOWN
    assert value["review_in"] == 6


def page(meta: dict):
    return SimpleNamespace(page=SimpleNamespace(meta=meta))


def test_every_editor_field_of_every_page_prints_as_text_in_a_template_that_does_not_escape():
    meta = {key: [{"title": HOSTILE, "note": HOSTILE}] for key in EDITOR_TEXT}
    meta["title"] = HOSTILE
    files = SimpleNamespace(documentation_pages=lambda: [page(meta)])
    escape_front_matter(files)
    template = Environment(autoescape=False).from_string(
        "{{ meta.title }}|{% for key in keys %}{{ meta[key][0].title }}{{ meta[key][0].note }}{% endfor %}")
    rendered = template.render(meta=meta, keys=[key for key in EDITOR_TEXT if key != "title"])
    assert "<img" not in rendered and rendered.count(SHOWN) == 1 + 2 * (len(EDITOR_TEXT) - 1)
