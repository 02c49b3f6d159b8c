"""The last line of defence: every built page is checked before it is written.

Whatever path text takes into a page — Markdown, front matter, the data
files, a template, a future feature — the finished HTML is parsed and held
against policy/html.py's allow-list: known elements and attributes only, no
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

import json
from pathlib import Path

from markupsafe import Markup

from nmt.core.findings import Finding, report
from nmt.core.markdown import findings_for
from nmt.core.pages import repo_path
from nmt.core.site_facts import language_folder
from nmt.core.site_facts import site_languages as languages
from nmt.policy.html import KnownScripts, check_page, content_violations, with_csp

# Markup.format escapes what it fills in (the message repeats an editor's text).
REFUSED_PAGE = Markup('<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8"><title>Refused</title>'
                       "</head><body><p>The build refused this page: {reason}</p></body></html>\n")


def refused(language: str, findings: list[Finding]) -> str:
    return str(REFUSED_PAGE.format(language=language, reason=findings[0].message))


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


def search_index_findings(index: dict, sources: dict[str, tuple[str, str | None]], index_path: str) -> list[Finding]:
    """Search entries are shown as HTML in the results: hold them to the content policy.

    `sources`: page url → (its path for messages, the file to read it from); a
    page's source is read only when one of its entries breaks the policy."""
    findings = []
    for doc in index.get("docs", []):
        fragments = [str(doc.get("title", "")), str(doc.get("text", "")), *map(str, doc.get("tags", []))]
        violations = [v for fragment in fragments for v in content_violations(fragment)]
        if violations:
            page = doc.get("location", "").split("#", 1)[0]
            path, source_file = sources.get(page, (index_path, None))
            # As MkDocs reads a page (File.content_string): UTF-8, a byte order mark dropped.
            source = Path(source_file).read_text("utf-8-sig") if source_file else ""
            findings += findings_for(violations, path, source)
    return findings


# --- Steps (called by pipeline.py, last in each event) --------------------------------

def learn_scripts(now, files, config) -> None:
    now.known_scripts = known_scripts(files, config.theme.dirs, languages(config))


def _finished(build, page: str, inline_scripts: list[str]) -> str:
    # `mkdocs serve` injects an inline live-reload script into every page it
    # serves; a CSP would block it and the preview would stop reloading. The
    # preview is local: it keeps the guard, only the CSP <meta> is left out.
    return page if build.preview else with_csp(page, inline_scripts)


def remember_source(build, page, config) -> None:
    """Where the page's source is, for naming the line of a search entry's problem (guard_search_index).
    Its file's name, not its text: the text is read again only for a problem. A name, not MkDocs'
    File, so that the English pass's record can come back from its own process (core/language_processes.py)."""
    build.page_sources[page.url] = (repo_path(config, page.file.src_path), page.file.abs_src_path)


def guard_page(build, output, page, config) -> str:
    remember_source(build, page, config)
    known = build.now(config.theme["language"]).known_scripts
    violations, inline_scripts = check_page(output, known, page.url)
    if not violations:
        return _finished(build, output, inline_scripts)
    path, source = build.page_sources[page.url][0], page.file.content_string
    # What checks/raw_html.py already reported from the page's content is not repeated.
    already = set(content_violations(page.content or ""))
    findings = findings_for([v for v in violations if v not in already], path, source)
    if not findings:
        return refused(config.theme["language"], findings_for(violations, path, source))
    report(findings)
    return refused(config.theme["language"], findings)


def guard_template(build, output, template_name, config) -> str:
    """404.html and other theme pages that are not built from docs/."""
    known = build.now(config.theme["language"]).known_scripts
    violations, inline_scripts = check_page(output, known, template_name)
    findings = findings_for(violations, f"overrides/{template_name}", "")
    if findings:
        report(findings)
        return refused(config.theme["language"], findings)
    return _finished(build, output, inline_scripts)


def guard_search_index_of(build, config, language: str) -> None:
    """A language's search entries (its folder's search/search_index.json), before the engine's index replaces them."""
    site = Path(config["site_dir"])
    prefix = language_folder(language, build.default_language)
    index_file = site / prefix / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text("utf-8"))
    sources = {url[len(prefix):] if url.startswith(prefix) else url: value for url, value in build.page_sources.items()}
    report(search_index_findings(index, sources, index_file.relative_to(site).as_posix()))


# --- Per-page state (preview/reuse.py gives it back to a page a later rebuild reuses) ---------

def page_record(build, page, config) -> None:
    """Nothing: the source of a reused page is read again (restore_page)."""
    return None


def restore_page(build, page, config, _record: None) -> None:
    remember_source(build, page, config)
