"""Files under docs/: only what the site expects is published.

MkDocs copies every file it finds under docs/ into the site as it is, and
follows symbolic links. A pull request could therefore publish a script
(same origin, so a Content-Security-Policy of 'self' lets it run), an SVG
with an event handler, or — through a symlink — a file from outside the
repository (/etc/passwd, .git/config). Before anything else reads a file:
- symbolic links are refused;
- only known kinds of file are accepted, and .js only in the project's own
  asset folders (changes there are a developer's review, see CODEOWNERS);
- text files must be UTF-8, and not larger than a page can sensibly be;
- SVG images may not carry scripts, event handlers, outside references or
  entity declarations;
- two source files that would build to the same address are refused (one
  would silently overwrite the other).
The folder is walked here without following links, so nothing outside
docs/ is read at all.
"""
from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from _common import FileProblem, Finding, decode_utf8, docs_prefix, languages, report, stop

PAGES_AND_DATA = {".md", ".yml"}
IMAGES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico"}
OTHER_ASSETS = {".css", ".pdf", ".txt", ".woff2"}
SCRIPT_FOLDERS = ("assets/javascripts/", "assets/vendor/")
FONT_FOLDER = "assets/vendor/fonts/"   # the PDFs' fonts (scripts/vendor.sh), a developer's review
TEXT = {".md", ".yml", ".css", ".js", ".svg", ".txt"}
MAX_TEXT_BYTES = {".md": 512 * 1024, ".yml": 256 * 1024, ".svg": 256 * 1024}
SVG_DANGER = re.compile(r"<\s*(script|foreignobject|iframe|embed|object|handler|set|animate\w*)\b|\son[a-z]+\s*="
                        r"|<!(?:doctype|entity)|(?:href|src)\s*=\s*[\"']?\s*(?!#)[a-z][a-z0-9+.-]*:|url\(\s*[\"']?"
                        r"\s*(?!#)[a-z][a-z0-9+.-]*:|javascript:", re.I)


def walk(docs: Path):
    """(relative posix path, absolute path, is a symlink) of everything under docs/."""
    for folder, subfolders, names in os.walk(docs, followlinks=False):
        here = Path(folder)
        for name in sorted(subfolders + names):
            path = here / name
            if path.is_symlink():
                yield path.relative_to(docs).as_posix(), path, True
        subfolders[:] = sorted(s for s in subfolders if not (here / s).is_symlink())
        for name in sorted(names):
            path = here / name
            if not path.is_symlink():
                yield path.relative_to(docs).as_posix(), path, False


def file_problem(relative: str, path: Path) -> tuple[int, str] | None:
    """(line, what is wrong — what to do) for one regular file, or None."""
    suffix = Path(relative).suffix.lower()
    if suffix == ".js":
        if not relative.startswith(SCRIPT_FOLDERS):
            return 1, (f"a script file is not allowed here — scripts live in docs/{SCRIPT_FOLDERS[0]} and are "
                       "added by a developer")
    elif suffix == ".ttf":
        if not relative.startswith(FONT_FOLDER):
            return 1, f"a font file is not allowed here — fonts live in docs/{FONT_FOLDER} and are added by a developer"
    elif suffix == ".html" or suffix == ".htm":
        return 1, "HTML files are not published from docs/ — write the page in Markdown (.md)"
    elif suffix not in PAGES_AND_DATA | IMAGES | OTHER_ASSETS:
        return 1, (f"files of type '{suffix or relative}' are not published — use Markdown pages and "
                   f"images ({', '.join(sorted(IMAGES))})")
    if suffix not in TEXT:
        return None
    data = path.read_bytes()
    limit = MAX_TEXT_BYTES.get(suffix)
    if limit and len(data) > limit:
        return 1, f"the file is larger than {limit // 1024} KB — split it into smaller files"
    try:
        text = decode_utf8(data)
    except FileProblem as problem:
        return problem.line, problem.message
    if suffix == ".svg" and (danger := SVG_DANGER.search(text)):
        return (text.count("\n", 0, danger.start()) + 1,
                f"the SVG image contains '{danger.group(0).strip()}', which can run code or load other files — "
                "save the image again without scripts, links or embedded content")
    return None


def destination(relative: str, suffixes: tuple[str, ...]) -> str | None:
    """The address a page builds to (directory URLs), language suffix removed; None for other files."""
    if not relative.endswith(".md"):
        return None
    stem = relative[:-3]
    language = ""
    for suffix in suffixes:
        if stem.endswith(suffix):
            stem, language = stem[:-len(suffix)], suffix
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    folder = f"{language[1:]}/" if language else ""
    return f"/{folder}{stem}/".replace("//", "/")


def check_files(docs: Path, prefix: str, languages: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    built: dict[str, str] = {}
    suffixes = tuple(f".{language}" for language in languages)
    for relative, path, is_link in walk(docs):
        if is_link:
            findings.append(Finding(f"{prefix}{relative}", 1, "this is a symbolic link, and links are not "
                                    "published (they can point outside the repository) — put the real file here"))
            continue
        problem = file_problem(relative, path)
        if problem:
            findings.append(Finding(f"{prefix}{relative}", problem[0], problem[1]))
        address = destination(relative, suffixes)
        if address is None or posixpath.basename(relative).startswith("_"):
            continue
        if address in built:
            findings.append(Finding(f"{prefix}{relative}", 1, f"this page and {prefix}{built[address]} would both "
                                    f"be published at {address} — rename or merge one of them"))
        else:
            built[address] = relative
    return findings


def check(config) -> None:
    """Stop the build at the first unusable file (and report the others)."""
    findings = check_files(Path(config["docs_dir"]), docs_prefix(config), languages(config))
    if findings:
        report(findings[1:])
        stop(findings[0])
