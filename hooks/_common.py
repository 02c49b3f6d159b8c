"""Shared helpers for the NMT build hooks.

Every check reports a Finding: a file, a line and a message in plain words
("what is wrong — what to do"). Findings are logged through a logger under
"mkdocs." because only those are counted by `mkdocs build --strict`.
The checks themselves are plain functions in each hook file; only the thin
MkDocs event functions there know about MkDocs.
"""
from __future__ import annotations

import atexit
import datetime
import functools
import json
import logging
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
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
    for finding in sorted(findings, key=lambda f: (f.path, f.line)):
        log = LOG.warning if finding.level == "warning" else LOG.error
        log(str(finding))
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(finding.github_annotation(), flush=True)
        count += 1
    return count


def build_date() -> datetime.date:
    """SOURCE_DATE_EPOCH's date when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


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


FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1")


@functools.lru_cache(maxsize=256)
def mask_code(text: str) -> str:
    """The text with fenced code blocks and inline code blanked out.

    Same length and same line breaks as the input, so offsets and line numbers
    found in the masked text are valid in the original. Checks and rewrites
    must not touch examples shown as code.
    """
    if "`" not in text and "~~~" not in text:
        return text
    out = []
    fence = None
    for line in text.splitlines(keepends=True):
        if fence is None and "`" not in line and "~~~" not in line:
            out.append(line)
            continue
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            out.append(_blank(line))
        elif fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(_blank(line))
        else:
            out.append(CODE_SPAN.sub(lambda m: _blank(m.group(0)), line))
    return "".join(out)


def mask_front_matter(text: str) -> str:
    start, end = FRONT_MATTER.match(text).span() if FRONT_MATTER.match(text) else (0, 0)
    return _blank(text[:end]) + text[end:]


@functools.lru_cache(maxsize=256)
def prose(text: str) -> str:
    """Mask code and front matter: what remains is the editor's running text."""
    return mask_code(mask_front_matter(text))


@functools.lru_cache(maxsize=256)
def lowered_prose(text: str) -> str:
    """prose() in lower case: checks test it for a pattern's literal text
    before running the pattern (several checks ask, once per page)."""
    return prose(text).lower()


def _blank(chunk: str) -> str:
    return re.sub(r"[^\n]", " ", chunk)


def substitute(text: str, pattern: re.Pattern, replace) -> str:
    """re.sub on the text outside code: matches are found in the masked text."""
    pieces, last = [], 0
    for match in pattern.finditer(mask_code(text)):
        original = pattern.match(text, match.start(), match.end())
        pieces.append(text[last:match.start()])
        pieces.append(replace(original) if original else text[match.start():match.end()])
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def repo_path(config, src_path: str) -> str:
    """The path an editor recognises: docs/… relative to mkdocs.yml."""
    return _docs_folder(config["config_file_path"], config["docs_dir"]) + src_path


@functools.lru_cache(maxsize=8)
def _docs_folder(config_file: str, docs_dir: str) -> str:
    """'docs/' — resolved once: every hook asks for every page."""
    docs = Path(docs_dir)
    try:
        folder = docs.relative_to(Path(config_file).resolve().parent).as_posix()
    except ValueError:
        folder = docs.as_posix()
    return "" if folder == "." else folder.rstrip("/") + "/"


def docs_prefix(config) -> str:
    """'docs/': how editors see the docs folder in messages."""
    return repo_path(config, "_")[:-1]


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


# NMT_HOOK_TIMING=1: measure the time spent inside each hook (bench/).
HOOK_SECONDS: dict[str, float] = {}
if os.environ.get("NMT_HOOK_TIMING"):
    atexit.register(lambda: print("hook seconds: " + json.dumps(
        {name: round(seconds, 3) for name, seconds in sorted(HOOK_SECONDS.items())}), file=sys.stderr))


def no_traceback(event):
    """Turn an unexpected exception inside a hook into a one-line build error.

    Editors must never see a Python traceback; a bug in a hook is reported as
    what it is, with the hook's name, and stops the build (PluginError is shown
    by MkDocs without a traceback).
    """
    hook = Path(event.__code__.co_filename).name
    timed = bool(os.environ.get("NMT_HOOK_TIMING"))

    @functools.wraps(event)
    def guarded(*args, **kwargs):
        started = time.perf_counter() if timed else 0.0
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
        finally:
            if timed:
                HOOK_SECONDS[hook] = HOOK_SECONDS.get(hook, 0.0) + time.perf_counter() - started

    return guarded


class Mapping(dict):
    """A YAML mapping that remembers the line of each key (1-based)."""

    line: int = 1
    key_lines: dict
    duplicate_keys: list


# libyaml's C parser when PyYAML has it (about ten times faster), else Python's.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """SafeLoader that records lines and keeps dates as text.

    Dates stay strings so that an impossible date ("2026-13-01") is reported
    by our checks with its line, instead of crashing the YAML parser.
    """


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader, node):
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines, mapping.duplicate_keys = {}, []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            key = str(key)
        if key in mapping:
            mapping.duplicate_keys.append((key, key_node.start_mark.line + 1))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def load_yaml(text: str, first_line: int = 1):
    """Parse YAML; mappings are Mapping objects whose lines count from first_line.

    Raises YamlProblem(line, plain message) when the text does not parse.
    """
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line if mark else 0) + first_line
        problem = error.problem or error.context or "invalid YAML"
        raise YamlProblem(line, f"the YAML does not parse ({problem}) — check indentation, "
                                "colons and quotes on this line and the one above") from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"the YAML does not parse ({error})") from None
    return _shift_lines(data, first_line - 1)


def _shift_lines(data, offset: int):
    if offset and isinstance(data, Mapping):
        data.line += offset
        data.key_lines = {key: line + offset for key, line in data.key_lines.items()}
        data.duplicate_keys = [(key, line + offset) for key, line in data.duplicate_keys]
    if isinstance(data, dict):
        for value in data.values():
            _shift_lines(value, offset)
    elif isinstance(data, list):
        for value in data:
            _shift_lines(value, offset)
    return data


def line_in(data, key=None, default: int = 1) -> int:
    """Line of a mapping (or of one of its keys) loaded by load_yaml."""
    if isinstance(data, Mapping):
        return data.key_lines.get(key, data.line) if key is not None else data.line
    return default


@functools.lru_cache(maxsize=1024)
def read_front_matter(text: str):
    """(front matter mapping or None, its first line). Raises YamlProblem.

    Cached: several hooks read the same page's front matter; callers must not
    change the returned mapping.
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return None, 1
    first_line = line_of(text, match.start(2))
    data = load_yaml(match.group(2), first_line)
    return data, first_line


def load_data_file(config, name: str, parse, empty=None):
    """Read docs/<name> with parse(text, path) -> (data or None, findings).

    Stops the build when the file cannot be used at all (missing, or YAML
    that does not parse); reports the other findings. A missing optional file
    (empty is not None) gives `empty`.
    """
    path = repo_path(config, name)
    source = Path(config["docs_dir"], name)
    if not source.exists():
        if empty is not None:
            return empty
        stop(Finding(path, 1, f"the file is missing — restore {path}"))
    data, findings = parse(source.read_text("utf-8"), path)
    if data is None:
        stop(findings[0])
    report(findings)
    return data


def stop(finding: Finding):
    """Report a finding that makes the rest of the build pointless, and stop."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(finding.github_annotation(), flush=True)
    raise PluginError(str(finding))
