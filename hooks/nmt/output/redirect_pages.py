"""Pages at the old addresses of moved pages (registers/redirects.py), in every language.

Written in the online site and the offline copy when the moved page is built
(its title is known then): a meta refresh, a canonical link and a visible
link, so bookmarks keep working. mkdocs-redirects knows one language only,
so this is our own.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from nmt.core.findings import Finding, report, stop
from nmt.core.site_facts import language_folder
from nmt.core.strings import strings
from nmt.policy.html import KnownScripts, check_page, with_csp


def old_location(old: str, use_directory_urls: bool) -> tuple[str, str]:
    """(file to write, URL) of a moved page's old address, relative to a language root."""
    stem = old[:-len(".md")]
    if not use_directory_urls:
        return f"{stem}.html", f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        folder = stem[:-len("index")]
        return f"{folder}index.html", folder
    return f"{stem}/index.html", f"{stem}/"


# Markup.format escapes every value it fills in (the title comes from an editor's page).
PAGE = Markup('<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
              "<title>{heading}</title>\n"
              '<link rel="canonical" href="{canonical}">\n'
              '<meta name="robots" content="noindex">\n'
              '<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
              '<body>\n<h1>{heading}</h1>\n<p>{moved_to} <a href="{target}">{title}</a>.</p>\n</body>\n</html>\n')


def redirect_page(language: str, target: str, canonical: str, title: str) -> str:
    text = strings("redirects", language)
    return str(PAGE.format(language=language, heading=text["heading"], moved_to=text["moved_to"],
                           target=target, canonical=canonical, title=title))


def write_for(build, now, page, config) -> None:
    """The pages at the old addresses of this page, once it is built (its title is known)."""
    language = now.language
    prefix = language_folder(language, build.default_language)
    site = Path(config["site_dir"]).resolve()
    for old in now.redirects.get(page.file.src_uri, []):
        old_file, old_url = old_location(old, config["use_directory_urls"])
        destination_file = (site / prefix / old_file).resolve()
        if not destination_file.is_relative_to(site) or destination_file.exists():
            # load_redirects() refuses such paths; this is the last check before writing.
            stop(Finding("docs/redirects.yml", 1, f"'{old}' would write outside the site or over a page — "
                                                  "remove this line"))
        relative = get_relative_url(page.url, prefix + old_url)
        canonical = (config.get("site_url") or "/") + page.url
        text = redirect_page(language, relative, canonical, page.title or build.redirects[old])
        violations, inline = check_page(text, KnownScripts(frozenset()), prefix + old_url, redirect=True)
        if violations:
            report([Finding("docs/redirects.yml", 1, violation.message) for violation in violations])
            continue
        destination_file.parent.mkdir(parents=True, exist_ok=True)
        destination_file.write_text(with_csp(text, inline), "utf-8")
