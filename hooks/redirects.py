"""Redirects that survive moving pages: docs/redirects.yml (old → new path).

For every moved page the build writes a small page at the old address, in
every language and in both the online site and the offline copy: a meta
refresh, a canonical link and a visible link, so bookmarks keep working.
mkdocs-redirects does not work with static-i18n (it knows one language), so
this is our own small hook.
"""
from __future__ import annotations

import html
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from _common import (Finding, YamlProblem, current_language, default_language, is_outer_pass, line_in,
                     load_data_file, load_yaml, no_traceback)

REDIRECTS_FILE = "redirects.yml"
TEXT = {
    "sv": ("Sidan har flyttat", "Sidan har flyttat till"),
    "en": ("This page has moved", "This page has moved to"),
}


def load_redirects(text: str, path: str, docs: Path) -> tuple[dict[str, str] | None, list[Finding]]:
    """old → new Markdown paths, checked: the new page exists, the old one does not."""
    try:
        data = load_yaml(text) or {}
    except YamlProblem as problem:
        return None, [Finding(path, problem.line, problem.message)]
    if not isinstance(data, dict):
        return None, [Finding(path, 1, "write one line per moved page: 'old/path.md: new/path.md'")]
    redirects, findings = {}, []
    for old, new in data.items():
        line = line_in(data, old)
        if not (isinstance(old, str) and isinstance(new, str) and old.endswith(".md") and new.endswith(".md")):
            findings.append(Finding(path, line, f"'{old}: {new}' — both sides must be .md paths under docs/, "
                                                "e.g. 'samverkan/gammal.md: samverkan/ny.md'"))
        elif not (docs / new).is_file():
            findings.append(Finding(path, line, f"the new page '{new}' does not exist — check the path"))
        elif (docs / old).is_file():
            findings.append(Finding(path, line, f"'{old}' still exists — a redirect is only for a page that has "
                                                "moved; delete or move the old file"))
        else:
            redirects[old] = new
    return redirects, findings


def old_location(old: str, use_directory_urls: bool) -> tuple[str, str]:
    """(file to write, URL) of a moved page's old address, relative to a language root."""
    stem = old[:-len(".md")]
    if not use_directory_urls:
        return f"{stem}.html", f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        folder = stem[:-len("index")]
        return f"{folder}index.html", folder
    return f"{stem}/index.html", f"{stem}/"


def redirect_page(language: str, target: str, canonical: str, title: str) -> str:
    heading, moved_to = TEXT.get(language, TEXT["en"])
    target, canonical, title = html.escape(target), html.escape(canonical), html.escape(title)
    return (f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{heading}</title>\n"
            f'<link rel="canonical" href="{canonical}">\n'
            f'<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
            f'<body>\n<h1>{heading}</h1>\n<p>{moved_to} <a href="{target}">{title}</a>.</p>\n</body>\n</html>\n')


# --- MkDocs adapter -------------------------------------------------------------------

_state: dict = {"redirects": {}, "files": None}


@no_traceback
def on_pre_build(config):
    if not is_outer_pass(config):
        return
    docs = Path(config["docs_dir"])
    _state["redirects"] = load_data_file(config, REDIRECTS_FILE,
                                         lambda text, path: load_redirects(text, path, docs), empty={})


@event_priority(-200)  # after static-i18n chose this language's files
@no_traceback
def on_files(files, config):
    _state["files"] = files
    return files


@no_traceback
def on_post_build(config):
    language = current_language(config)
    prefix = "" if language == default_language(config) else f"{language}/"
    site = Path(config["site_dir"])
    for old, new in _state["redirects"].items():
        target = _state["files"].get_file_from_path(new)
        if target is None or target.page is None:
            continue
        old_file, old_url = old_location(old, config["use_directory_urls"])
        destination = site / prefix / old_file
        destination.parent.mkdir(parents=True, exist_ok=True)
        relative = get_relative_url(target.url, prefix + old_url)
        canonical = (config.get("site_url") or "/") + target.url
        destination.write_text(redirect_page(language, relative, canonical, target.page.title or new), "utf-8")
