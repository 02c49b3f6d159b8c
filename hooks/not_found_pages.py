"""A "page not found" page per language: site/404.html and site/en/404.html.

MkDocs writes 404.html to the site root in every language pass, so with
static-i18n the English pass overwrites the Swedish page. We keep the first
(default-language) page and move each later language's page into its folder.
"""
from __future__ import annotations

from pathlib import Path

from _common import current_language, default_language, no_traceback

_default_page: bytes | None = None


@no_traceback
def on_post_build(config):
    # Runs at default priority: before static-i18n builds the next language.
    global _default_page
    site = Path(config["site_dir"])
    page = site / "404.html"
    if not page.exists():
        return
    language = current_language(config)
    if language == default_language(config):
        _default_page = page.read_bytes()
        return
    target = site / language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    page.replace(target)
    if _default_page is not None:
        page.write_bytes(_default_page)
