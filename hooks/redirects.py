"""Redirects that survive moving pages: docs/redirects.yml (old → new path).

For every moved page the build writes a small page at the old address, in
every language and in both the online site and the offline copy: a meta
refresh, a canonical link and a visible link, so bookmarks keep working.
mkdocs-redirects does not work with static-i18n (it knows one language), so
this is our own small hook.
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

from _common import Finding, YamlProblem, line_in, load_data_file, load_yaml, report, stop
from html_policy import KnownScripts, check_page, with_csp
from site_facts import has_language_suffix
from source_files import destination, reserved_address
from ui_strings import strings

REDIRECTS_FILE = "redirects.yml"




def page_path_problem(value, side: str) -> str | None:
    """What makes a redirects.yml path unusable, or None (side: 'old' or 'new')."""
    if not isinstance(value, str) or not value.endswith(".md"):
        return f"the {side} path must be a .md path under docs/, e.g. 'samverkan/gammal.md'"
    if "\\" in value or value.startswith("/") or re.match(r"^[a-zA-Z]:", value) or "\x00" in value:
        return f"the {side} path '{value}' must be relative to docs/, written with '/'"
    normal = posixpath.normpath(value)
    if normal != value or normal.startswith("../") or "/../" in normal:
        return f"the {side} path '{value}' must stay inside docs/ without '.', '..' or '//' — write it as a plain path"
    if has_language_suffix(value) or any(part.startswith("_") for part in value.split("/")):
        return (f"the {side} path '{value}' must be the Swedish page (no .en.md, no _ files) — the English "
                "redirect is made from it")
    return None


def load_redirects(text: str, path: str, docs: Path) -> tuple[dict[str, str] | None, list[Finding]]:
    """old → new Markdown paths, checked: both paths are plain Swedish page paths
    inside docs/, the new page exists, and the old address is not used by a page
    or another redirect."""
    try:
        data = load_yaml(text) or {}
    except YamlProblem as problem:
        return None, [Finding(path, problem.line, problem.message)]
    if not isinstance(data, dict):
        return None, [Finding(path, 1, "write one line per moved page: 'old/path.md: new/path.md'")]
    pages = {destination(page.relative_to(docs).as_posix(), ()): page for page in docs.rglob("*.md")}
    redirects, addresses, findings = {}, {}, []
    for old, new in data.items():
        line = line_in(data, old)
        problem = page_path_problem(old, "old") or page_path_problem(new, "new")
        address = destination(old, ()) if problem is None else None
        if problem:
            findings.append(Finding(path, line, f"'{old}: {new}' — {problem}"))
        elif reserved := reserved_address(old):  # the build's own file there (404.html in the offline copy)
            findings.append(Finding(path, line, f"'{old}: {new}' — {reserved} — remove this line"))
        elif not (docs / new).is_file():
            findings.append(Finding(path, line, f"the new page '{new}' does not exist — check the path"))
        elif (docs / old).is_file():
            findings.append(Finding(path, line, f"'{old}' still exists — a redirect is only for a page that has "
                                                "moved; delete or move the old file"))
        elif address in pages:
            findings.append(Finding(path, line, f"the old address of '{old}' is the address of the page "
                                                f"'{pages[address].relative_to(docs).as_posix()}' — a redirect there "
                                                "would replace that page; remove this line"))
        elif address in addresses:
            findings.append(Finding(path, line, f"'{old}' has the same address as the redirect for "
                                                f"'{addresses[address]}' — keep one of them"))
        else:
            redirects[old], addresses[address] = new, old
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
    text = strings("redirects", language)
    heading, moved_to = text["heading"], text["moved_to"]
    target, canonical, title = html.escape(target), html.escape(canonical), html.escape(title)
    return (f'<!doctype html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{heading}</title>\n"
            f'<link rel="canonical" href="{canonical}">\n'
            f'<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n</head>\n'
            f'<body>\n<h1>{heading}</h1>\n<p>{moved_to} <a href="{target}">{title}</a>.</p>\n</body>\n</html>\n')


# --- Steps (called by pipeline.py) ---------------------------------------------------

def load(build, config) -> None:
    docs = Path(config["docs_dir"])
    build.redirects = load_data_file(config, REDIRECTS_FILE,
                                     lambda text, path: load_redirects(text, path, docs), empty={})


def check_targets(build, now, files) -> None:
    """Every redirect leads to a page of this language's site; remember which page."""
    for old, new in build.redirects.items():
        target = files.get_file_from_path(new)
        if target is None or target.page is None:
            stop(Finding("docs/redirects.yml", 1, f"'{old}: {new}' — '{new}' is not a page of the site "
                                                  "(is it in the navigation?)"))
        now.redirects.setdefault(target.src_uri, []).append(old)


def write_for(build, now, page, config) -> None:
    """The pages at the old addresses of this page, once it is built (its title is known)."""
    language = now.language
    prefix = "" if language == build.default_language else f"{language}/"
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
