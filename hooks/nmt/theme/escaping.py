"""Front-matter text is printed as text, in every template.

MkDocs' templates do not escape by default, and Material prints
page.meta.title, page.meta.description and page.title in the page head, the
header, the navigation and the search index. Right before any template is
rendered (on_env: every page's Markdown has been read, no page written yet),
the editor's text fields become escaped Markup, so a template prints them as
text whether or not it says `| e`, and Jinja does not escape them twice.
Our own templates also say `| e` (belt and braces); the front-matter check
already refuses markup in these fields, and output/guard.py checks the result.
"""
from __future__ import annotations

from markupsafe import Markup, escape

# Fields an editor writes that templates or the search index print.
EDITOR_TEXT = ("title", "description", "owner", "sources", "changes", "keywords", "translation_reason")


def escaped(value):
    """The value with every string in it (also in lists and mappings) escaped."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: escaped(item) for key, item in value.items()}
    return value


def escape_front_matter(files) -> None:
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.meta:
            continue
        for key in EDITOR_TEXT:
            if key in page.meta:
                page.meta[key] = escaped(page.meta[key])
