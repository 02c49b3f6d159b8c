"""Language switcher: every page links to the same page in the other language.

static-i18n gives most pages a per-page link, but the two home pages keep the
site-wide absolute links ("/" and "/en/"), which break on file:// and under a
sub-path. Here every link becomes the counterpart page's own URL; Material's
template makes it relative to the page, so it works online and offline.
"""
from __future__ import annotations

from urllib.parse import urlsplit


def counterpart_links(alternates: list[dict], counterparts: dict) -> list[dict]:
    """Point each language entry at that language's version of the page.

    `counterparts` maps a language to its file's URL relative to the site root
    ("" is the root itself).
    """
    linked = []
    for alternate in alternates:
        url = counterparts.get(alternate["lang"])
        linked.append({**alternate, "link": url or "."} if url is not None else alternate)
    return linked


def link_counterparts(page, config) -> None:
    # pipeline.py runs this after static-i18n has set its own links (priority 50).
    # Attribute access on purpose: static-i18n sets config.extra.alternate as an
    # attribute, and that is what Material's template reads.
    alternates = getattr(config.extra, "alternate", None)
    files = getattr(page.file, "alternates", None)
    if alternates and files:
        counterparts = {lang: file.url for lang, file in files.items()}
        config.extra.alternate = counterpart_links(alternates, counterparts)


def home_links(alternates: list[dict], base_path: str, default: str) -> list[dict]:
    """Each language entry pointed at that language's home page ("/", "/en/"), as static-i18n starts them."""
    return [{**alternate, "link": f"{base_path}/" if alternate["lang"] == default else f"{base_path}/{alternate['lang']}/"}
            for alternate in alternates]


def link_homes_for_theme_pages(config, default: str) -> None:
    # pipeline.py runs this in on_env: 404.html is rendered next, before any page.
    # static-i18n sets the links per page and leaves the last page's in place, so
    # the English 404 page's language menu pointed at the last Swedish page built.
    # Before any page, only static-i18n's own entry exists (config.extra["alternate"]):
    # the first language's 404 page gets the home links too.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if alternates:
        config.extra.alternate = home_links(alternates, urlsplit(config.site_url or "").path.rstrip("/"), default)
