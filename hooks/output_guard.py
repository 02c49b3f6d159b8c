"""The last line of defence: every built page is checked before it is written.

Whatever path text takes into a page — Markdown, front matter, the data
files, a template, a future feature — the finished HTML is parsed and held
against html_policy.py's allow-list: known elements and attributes only, no
event handlers, no javascript:/data: URLs, nothing fetched from another host,
no forms, frames or <base>, a meta refresh only on the redirect pages, and
only the site's own scripts (files, and Material's inline scripts by their
exact text). A violation fails the build, names the source file (and the
line where the text can be found), and the page is written as a short
refusal instead, so hostile output never reaches site/.

Each page then gets a Content-Security-Policy <meta>, so the rules hold
where no server sends the header: GitHub Pages, the pull-request preview
and the offline copy. Its script-src lists the hashes of the inline scripts
the guard has just let through, so it never trusts a script it has not seen.
"""
from __future__ import annotations

import html
import json
from pathlib import Path

from mkdocs.plugins import event_priority

from _common import Finding, findings_for, is_outer_pass, languages, no_traceback, report, repo_path
from html_policy import KnownScripts, check_page, content_violations, with_csp

REFUSED_PAGE = ('<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8"><title>Refused</title>'
                "</head><body><p>The build refused this page: {reason}</p></body></html>\n")


def refused(language: str, findings: list[Finding]) -> str:
    return REFUSED_PAGE.format(language=language, reason=html.escape(findings[0].message))


def known_scripts(files, theme_dirs: list[str], language_folders: list[str]) -> KnownScripts:
    """The site's own script files (theme, docs/assets/…, the offline search index).

    The theme's files join MkDocs' file list only after on_env, so they are
    read from the theme's folders."""
    paths = {file.dest_uri for file in files if file.dest_uri.endswith(".js")}
    paths |= {script.relative_to(folder).as_posix() for folder in map(Path, theme_dirs)
              for script in folder.glob("assets/**/*.js")}
    for folder in language_folders:
        paths |= {path[len(folder) + 1:] for path in paths if path.startswith(folder + "/")}
    return KnownScripts(frozenset(paths | {"search/search_index.js"}))


def search_index_findings(index: dict, sources: dict[str, tuple[str, str]], index_path: str) -> list[Finding]:
    """Search entries are shown as HTML in the results: hold them to the content policy."""
    findings = []
    for doc in index.get("docs", []):
        fragments = [str(doc.get("title", "")), str(doc.get("text", "")), *map(str, doc.get("tags", []))]
        violations = [v for fragment in fragments for v in content_violations(fragment)]
        if violations:
            page = doc.get("location", "").split("#", 1)[0]
            path, source = sources.get(page, (index_path, ""))
            findings += findings_for(violations, path, source)
    return findings


# --- MkDocs adapter -------------------------------------------------------------------

_state: dict = {"known": None, "sources": {}, "serving": False}


@no_traceback
def on_startup(command, dirty):
    # `mkdocs serve` injects an inline live-reload script into every page it
    # serves; a CSP would block it and the preview would stop reloading. The
    # preview is local: it keeps the guard, only the CSP <meta> is left out.
    _state["serving"] = command == "serve"


def finished(page: str, inline_scripts: list[str]) -> str:
    return page if _state["serving"] else with_csp(page, inline_scripts)


@event_priority(-200)  # after static-i18n chose this language's files
@no_traceback
def on_files(files, config):
    _state["known"] = known_scripts(files, config.theme.dirs, languages(config))
    return files


@event_priority(-300)  # after every other step that changes the page's HTML
@no_traceback
def on_post_page(output, page, config):
    path = repo_path(config, page.file.src_path)
    _state["sources"][page.url] = (path, page.file.content_string)
    violations, inline_scripts = check_page(output, _state["known"], page.url)
    # What raw_html.py already reported from the page's content is not repeated.
    already = set(content_violations(page.content or "")) if violations else set()
    findings = findings_for([v for v in violations if v not in already], path, page.file.content_string)
    if violations and not findings:
        return refused(config.theme["language"], findings_for(violations, path, page.file.content_string))
    if findings:
        report(findings)
        return refused(config.theme["language"], findings)
    return finished(output, inline_scripts)


@event_priority(-300)
@no_traceback
def on_post_template(output, template_name, config):
    """404.html and other theme pages that are not built from docs/."""
    if not template_name.endswith(".html"):
        return output
    violations, inline_scripts = check_page(output, _state["known"], template_name)
    findings = findings_for(violations, f"overrides/{template_name}", "")
    if findings:
        report(findings)
        return refused(config.theme["language"], findings)
    return finished(output, inline_scripts)


@event_priority(-300)  # after search_per_language.py wrote each language's index
@no_traceback
def on_post_build(config):
    if not is_outer_pass(config):
        return
    site = Path(config["site_dir"])
    for index_file in sorted(site.glob("**/search/search_index.json")):
        index = json.loads(index_file.read_text("utf-8"))
        prefix = index_file.relative_to(site).parts[0] + "/" if index_file.parent.parent != site else ""
        sources = {url[len(prefix):] if url.startswith(prefix) else url: value
                   for url, value in _state["sources"].items()}
        report(search_index_findings(index, sources, index_file.relative_to(site).as_posix()))
    _state["sources"] = {}
