"""A "page not found" page per language: site/404.html and site/en/404.html.

MkDocs renders 404.html in every language pass and writes it to the site
root, so with static-i18n the English pass would overwrite the Swedish page.
pipeline.py hands each pass's rendered page here (on_post_template, after
the output guard): the default language's page is kept for the root, every
other language's is written into its own folder, and MkDocs then writes the
default language's page to the root again.
"""
from __future__ import annotations

from pathlib import Path

from nmt.core.pages import current_language


def place(build, page: str, config) -> str:
    """What MkDocs should write to site/404.html in this pass."""
    language = current_language(config)
    if language == build.default_language:
        build.default_not_found = page
        return page
    target = Path(config["site_dir"], language, "404.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, "utf-8")
    # In the second process (core/language_processes.py) the default language's page is not built:
    # its root copy is left behind there.
    return build.default_not_found or page
