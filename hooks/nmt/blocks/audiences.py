"""Who a page is for: front-matter `applies_to` → a line under the title, and
the list of pages on each profession page.

Officials ask "what does this mean for me?". A page declares the professions
it serves (`applies_to: [socialtjanst, polis]`, ids from profession_names(),
which are the profession pages in docs/yrken/); the build shows
"Gäller för: Socialtjänst, Polis" / "For: Social services, Police" under the
title, each a link to the profession page, and the marker
<!-- nmt:applies-here --> on a profession page becomes the list of the pages
that apply to it. Written into the Markdown, so it is the same online,
offline and in the PDF. Titles come from the pages' front matter (plain text,
escaped with markdown_text).
"""
from __future__ import annotations

import posixpath

from nmt.core.escape import markdown_text
from nmt.core.pages import page_language
from nmt.core.site_facts import default_language
from nmt.core.strings import FALLBACK, languages, strings
from nmt.core.yaml_lines import YamlProblem, read_front_matter

PROFESSION_FOLDER = "yrken"
MARKER = "<!-- nmt:applies-here -->"


def profession_names() -> dict[str, dict[str, str]]:
    """id → language → short name for the line under the title, from core/strings.yml (the
    ids are the profession pages' file names; their own titles are sentences: "Om du
    arbetar inom socialtjänsten"). Read when asked, so an edit shows on the next rebuild."""
    names = {language: strings("audiences", language)["professions"] for language in languages()}
    return {id_: {language: names[language][id_] for language in names}
            for id_ in strings("audiences", FALLBACK)["professions"]}


def front_matter(text: str) -> dict:
    try:
        meta, _ = read_front_matter(text)
    except YamlProblem:
        return {}  # checks/front_matter.py reports it
    return meta if isinstance(meta, dict) else {}


def link(target: str, here: str, title: str) -> str:
    """A Markdown link from the page `here` to the page `target` (both docs paths)."""
    return f"[{markdown_text(title)}]({posixpath.relpath(target, posixpath.dirname(here) or '.')})"


def known_professions(applies_to, names: dict[str, dict[str, str]]) -> list[str]:
    """The known ids in a front-matter value. checks/front_matter.py reports the others;
    an id becomes part of a link target, so an unknown one is never written."""
    if not isinstance(applies_to, list):
        return []
    return [id_ for id_ in applies_to if isinstance(id_, str) and id_ in names]


def applies_to_line(ids: list[str], here: str, language: str, names: dict[str, dict[str, str]]) -> str:
    label = strings("audiences", language)["applies_to"]
    links = ", ".join(link(f"{PROFESSION_FOLDER}/{id_}.md", here, names[id_].get(language, id_))
                      for id_ in ids)
    return f"{label}: {links}\n{{: .nmt-applies-to }}\n\n"


def pages_for(profession: str, pages: dict[str, dict], here: str, language: str) -> str:
    """The Markdown list of the pages whose applies_to names the profession."""
    found = sorted((str(meta.get("title", path)), path) for path, meta in pages.items()
                   if profession in (meta.get("applies_to") or []) and isinstance(meta.get("applies_to"), list))
    if not found:
        return strings("audiences", language)["no_pages"]
    return "\n".join(f"- {link(path, here, title)}" for title, path in found)


def language_pages(files, language: str, default: str) -> dict[str, dict]:
    """Swedish docs path → front matter, for the pages of one language."""
    pages = {}
    for file in files.documentation_pages():
        if (getattr(file, "locale", None) or default) != language:
            continue
        swedish = file.src_uri.replace(f".{language}.md", ".md") if language != default else file.src_uri
        pages[swedish] = front_matter(file.content_string)
    return pages


def add_audiences(markdown, page, config, files) -> str:
    language = page_language(page, config.theme["language"])
    default = default_language(config)
    meta = page.meta or {}
    here = page.file.src_uri
    if not (meta.get("applies_to") or MARKER in markdown):
        return markdown
    names = profession_names()
    ids = known_professions(meta.get("applies_to"), names)
    if ids:
        markdown = applies_to_line(ids, here, language, names) + markdown
    if MARKER in markdown:
        profession = posixpath.basename(here).split(".")[0]
        pages = language_pages(files, language, default)
        markdown = markdown.replace(MARKER, pages_for(profession, pages, here, language))
    return markdown
