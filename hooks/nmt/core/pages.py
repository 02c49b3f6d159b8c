"""Pages, language passes and the paths editors recognise.

static-i18n builds one language per pass (the default language outside,
the others nested inside its on_post_build); a page's key says which pass
it belongs to, and a fallback copy (a page built into a language it has no
translation for) is never checked twice.
"""
from __future__ import annotations

import functools
from pathlib import Path


def repo_path(config, src_path: str) -> str:
    """The path an editor recognises: docs/… relative to mkdocs.yml."""
    return _docs_folder(config["config_file_path"], config["docs_dir"]) + src_path


@functools.lru_cache(maxsize=8)
def _docs_folder(config_file: str, docs_dir: str) -> str:
    """'docs/' — resolved once: every hook asks for every page."""
    docs = Path(docs_dir)
    try:
        folder = docs.relative_to(Path(config_file).resolve().parent).as_posix()
    except ValueError:
        folder = docs.as_posix()
    return "" if folder == "." else folder.rstrip("/") + "/"


def docs_prefix(config) -> str:
    """'docs/': how editors see the docs folder in messages."""
    return repo_path(config, "_")[:-1]


def current_language(config) -> str:
    return config.theme["language"]


def is_fallback_copy(page, config) -> bool:
    """static-i18n builds a default-language page into another language when
    no translation exists; such a copy must not be checked twice."""
    return getattr(page.file, "locale", current_language(config)) != current_language(config)


def page_key(page, config) -> str:
    """A page of this language pass ("en:x.md" for x.md's English copy): what the build records per page."""
    return file_key(page.file, config)


def file_key(file, config) -> str:
    return f"{current_language(config)}:{file.src_uri}"


def is_outer_pass(config) -> bool:
    """static-i18n runs each further language's build nested inside the first
    one's on_post_build. Whole-site work belongs to the outer (first) pass."""
    i18n = config.plugins.get("i18n")
    return not (i18n and i18n.building)


def page_language(page, default: str) -> str:
    return getattr(page.file, "locale", None) or default
