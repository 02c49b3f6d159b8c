"""Shared helpers for the NMT build hooks.

Every check reports a Finding: a file, a line and a message in plain words
("what is wrong — what to do"). Findings are logged through a logger under
"mkdocs." because only those are counted by `mkdocs build --strict`.
The checks themselves are plain functions in each hook file; only the thin
MkDocs event functions there know about MkDocs.
"""
from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

LOG = logging.getLogger("mkdocs.nmt")

FRONT_MATTER = re.compile(r"\A(---\s*\n)(.*?\n)(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class Finding:
    path: str  # relative to the repository root, e.g. docs/lagstiftning/manniskohandel.md
    line: int
    message: str
    level: str = "error"  # "error" or "warning"; both fail a strict build

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def github_annotation(self) -> str:
        # GitHub shows these on the pull request's changed lines.
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.level} file={self.path},line={self.line}::{message}"


def report(findings) -> int:
    """Log findings for editors (and as GitHub annotations in Actions); return how many."""
    count = 0
    for finding in findings:
        log = LOG.warning if finding.level == "warning" else LOG.error
        log(str(finding))
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(finding.github_annotation(), flush=True)
        count += 1
    return count


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


def front_matter_span(text: str) -> tuple[int, int]:
    """(start, end) offsets of the YAML between the --- fences, or (0, 0)."""
    match = FRONT_MATTER.match(text)
    return (match.start(2), match.end(2)) if match else (0, 0)


def body_start_line(text: str) -> int:
    """The line where the Markdown body starts (after the front matter)."""
    match = FRONT_MATTER.match(text)
    return line_of(text, match.end()) if match else 1


FENCE = re.compile(r"^\s*(```|~~~)")


def prose_lines(text: str):
    """Yield (line_number, line) for lines outside fenced code blocks and front matter."""
    in_fence = None
    first = body_start_line(text)
    for number, line in enumerate(text.splitlines(), start=1):
        if number < first:
            continue
        fence = FENCE.match(line)
        if fence:
            marker = fence.group(1)
            if in_fence is None:
                in_fence = marker
            elif in_fence == marker:
                in_fence = None
            continue
        if in_fence is None:
            yield number, line


def repo_path(config, src_path: str) -> str:
    """The path an editor recognises: docs/… relative to mkdocs.yml."""
    root = Path(config["config_file_path"]).parent
    docs = Path(config["docs_dir"])
    try:
        return (docs / src_path).relative_to(root).as_posix()
    except ValueError:
        return (docs / src_path).as_posix()


def current_language(config) -> str:
    return config.theme["language"]


def default_language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.default_language if i18n else config.theme["language"]


def languages(config) -> list[str]:
    i18n = config.plugins.get("i18n")
    return i18n.build_languages if i18n else [config.theme["language"]]


def is_fallback_copy(page, config) -> bool:
    """static-i18n builds a default-language page into another language when
    no translation exists; such a copy must not be checked twice."""
    return getattr(page.file, "locale", current_language(config)) != current_language(config)


def is_outer_pass(config) -> bool:
    """static-i18n runs each further language's build nested inside the first
    one's on_post_build. Whole-site work belongs to the outer (first) pass."""
    i18n = config.plugins.get("i18n")
    return not (i18n and i18n.building)


def page_language(page, default: str) -> str:
    return getattr(page.file, "locale", None) or default


def no_traceback(event):
    """Turn an unexpected exception inside a hook into a one-line build error.

    Editors must never see a Python traceback; a bug in a hook is reported as
    what it is, with the hook's name, and stops the build (PluginError is shown
    by MkDocs without a traceback).
    """

    @functools.wraps(event)
    def guarded(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except PluginError:
            raise
        except Exception as error:  # noqa: BLE001 - the point is to catch everything
            page = kwargs.get("page")
            where = f" while building {page.file.src_uri}" if page is not None else ""
            raise PluginError(
                f"Internal error in hooks/{Path(event.__code__.co_filename).name}{where}: "
                f"{type(error).__name__}: {error}. This is a bug in the build, not in your text; "
                "please report it to the developers."
            ) from None

    return guarded
