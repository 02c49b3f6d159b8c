"""Moved pages, docs/redirects.yml (old path → new path): read and checked.

Both paths are plain Swedish page paths inside docs/, the new page exists,
and the old address is neither a page, another redirect nor a name the build
writes. output/redirect_pages.py writes a page at each old address.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from nmt.checks.source_files import destination, reserved_address
from nmt.core.findings import Finding, stop
from nmt.core.site_facts import has_language_suffix
from nmt.core.yaml_lines import YamlProblem, line_in, load_data_file, load_yaml

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
