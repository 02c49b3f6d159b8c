"""Shared helpers for the NMT build hooks.

Every check reports a Finding: a file, a line and a message in plain words
("what is wrong — what to do"). Findings are logged through a logger under
the engine's own name ("mkdocs.", or "properdocs." under ProperDocs),
because only those are counted by a strict build. The checks are plain
functions in each concern module; pipeline.py calls them through run_step().
"""
from __future__ import annotations

import functools
import html
import logging
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

import code_regions

# The site's facts, re-exported for the steps: they come from site_facts.py only.
from site_facts import build_date, default_language  # noqa: F401
from site_facts import site_languages as languages  # noqa: F401  (the name the steps use)

# The engine's package name, read from a class it defines rather than written
# down: under ProperDocs `import mkdocs` gives ProperDocs' modules, whose
# loggers are "properdocs.*", and only those count for --strict.
ENGINE = PluginError.__module__.partition(".")[0]
LOG = logging.getLogger(f"{ENGINE}.nmt")

# As MkDocs reads it (mkdocs.utils.meta): spaces and tabs, not \s, after the
# fences. With \s* ("---" and blank lines could end the opening line
# anywhere) a page of blank lines without a closing fence took minutes.
FRONT_MATTER = re.compile(r"\A(---[ \t]*\n)(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


# Line breaks of every kind, and the other characters a terminal or log reader acts on.
LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """The text with every line break and control character written out (\\n, \\x1b …).

    Messages quote what editors wrote; a newline in it would start a new log line, and
    GitHub Actions reads a line that starts with '::' as a command (a forged annotation,
    ::add-mask::, ::stop-commands::). So no message ever spans two lines."""
    return LINE_BREAKING.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def quoted(value, limit: int = 80) -> str:
    """An editor's value for a message: in quotes, on one line, shortened when long."""
    text = "'" + one_line(str(value)).replace("'", "\\'") + "'"
    return text if len(text) <= limit else text[:limit - 2] + "…'"


@dataclass(frozen=True)
class Finding:
    path: str  # relative to the repository root, e.g. docs/lagstiftning/manniskohandel.md
    line: int
    message: str
    level: str = "error"  # "error" or "warning": both fail a strict build; "notice": informs, never fails

    def __str__(self) -> str:
        return one_line(f"{self.path}:{self.line}: {self.message}")

    def github_annotation(self) -> str:
        """The finding as a GitHub workflow command, shown on the pull request's changed line.

        GitHub's escaping: '%', CR and LF in the message; also ':' and ',' in a property
        (a file name could otherwise end the property list). one_line() first, so no
        character that ends a line reaches the log at all."""
        def escape(text: str, *, property_value: bool = False) -> str:
            text = one_line(text).replace("%", "%25")
            return text.replace(":", "%3A").replace(",", "%2C") if property_value else text
        return (f"::{self.level} file={escape(self.path, property_value=True)},line={self.line}"
                f"::{escape(self.message)}")


def report(findings) -> int:
    """Log findings for editors (and as GitHub annotations in Actions); return how many."""
    count = 0
    for finding in sorted(findings, key=lambda f: (f.path, f.line)):
        log = {"warning": LOG.warning, "notice": LOG.info}.get(finding.level, LOG.error)
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


# A text without these has no code in it: no backtick, no ~~~ fence, no
# line indented by four spaces or a tab.
MAYBE_CODE = re.compile(r"`|~~~|(?:^|\r)(?: {4}| {0,3}\t)", re.M)   # (a lone \r ends a line for Markdown)


@functools.lru_cache(maxsize=256)
def mask_code(text: str) -> str:
    """The text with what readers see as code blanked out: fenced and indented
    code blocks and `inline code`, decided as Python-Markdown decides them
    (code_regions.py), so four spaces in a list item or an admonition stay text.

    Same length and same line breaks as the input, so offsets and line numbers
    found in the masked text are valid in the original. Checks and rewrites
    must not touch examples shown as code.
    """
    if not MAYBE_CODE.search(text):
        return text
    pieces, last = [], 0
    for start, end in sorted(code_regions.code_ranges(text)):
        start = max(start, last)
        if start < end:
            pieces += [text[last:start], _blank(text[start:end])]
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


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
    if not pattern.search(text):
        return text   # nothing to replace, so no need to find the code
    pieces, last = [], 0
    for match in pattern.finditer(mask_code(text)):
        original = pattern.match(text, match.start(), match.end())
        pieces.append(text[last:match.start()])
        pieces.append(replace(original) if original else text[match.start():match.end()])
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def source_line(text: str, needle: str) -> int:
    """The line where a piece of the output was written in the source, or 1.

    Searched in the running text first (code blanked out), then in the
    same text with HTML entities decoded (&#106;avascript: is javascript:),
    then in the front matter, case-insensitively."""
    if not needle:
        return 1
    lowered = needle.lower()
    running = prose(text)
    position = lowered_prose(text).find(lowered)
    if position >= 0:
        return running.count("\n", 0, position) + 1
    for haystack in (_decoded(running), text):
        position = haystack.lower().find(lowered)
        if position >= 0:
            return haystack.count("\n", 0, position) + 1
    return 1


@functools.lru_cache(maxsize=64)
def _decoded(running: str) -> str:
    return "\n".join(html.unescape(line) for line in running.split("\n"))


def findings_for(violations, path: str, source: str) -> list[Finding]:
    """Findings for html_policy violations, each at the line where its text was written."""
    return [Finding(path, source_line(source, v.needle), v.message) for v in dict.fromkeys(violations)]


MARKDOWN_SIGNIFICANT = re.compile(r"([\\`*_{}\[\]()#|!~^])")
LINE_START_MARKER = re.compile(r"^([ \t]*)(\d+)([.)])|^([ \t]*)([-+>=])", re.M)  # [ \t]: \s would cross lines


def markdown_text(value: str) -> str:
    """Plain text from a data file, safe to put into generated Markdown.

    Markdown syntax becomes literal characters (backslash escapes), '&' and
    '<' become entities, so a glossary definition or a statute title can
    never turn into a link, an image, a list or a tag."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = MARKDOWN_SIGNIFICANT.sub(r"\\\1", text)
    return LINE_START_MARKER.sub(lambda m: (f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}"), text)


# What would end or change a Markdown link's address, or an HTML attribute the address lands in.
URL_BREAKERS = frozenset(" \t\n\r\f\v()[]<>\"'`\\")


def markdown_url(url: str) -> str:
    """An address from a data file, safe as the destination of a generated Markdown link.

    The readers refuse such characters already (link_policy.check_data_url); percent-encoding
    them here as well means a value that slipped past a reader still cannot close the link
    and start a second one: '…)[x](https://evil.example'."""
    return "".join(f"%{ord(char):02X}" if char in URL_BREAKERS or ord(char) < 0x20 else char for char in str(url))


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


def is_fallback_copy(page, config) -> bool:
    """static-i18n builds a default-language page into another language when
    no translation exists; such a copy must not be checked twice."""
    return getattr(page.file, "locale", current_language(config)) != current_language(config)


def page_key(page, config) -> str:
    """A page of this language pass ("en:x.md" for x.md's English copy): what the build records per page."""
    return file_key(page.file, config)


def file_key(file, config) -> str:
    return f"{current_language(config)}:{file.src_uri}"


def is_outer_pass(config) -> bool:
    """static-i18n runs each further language's build nested inside the first
    one's on_post_build. Whole-site work belongs to the outer (first) pass."""
    i18n = config.plugins.get("i18n")
    return not (i18n and i18n.building)


def page_language(page, default: str) -> str:
    return getattr(page.file, "locale", None) or default


def run_step(step, seconds: dict | None, *args):
    """Run one build step; an unexpected exception becomes a one-line build error.

    Editors must never see a Python traceback (NMT_DEBUG=1 shows it to
    developers); a bug in a step is reported as what it is, with the step's
    module and the page, and stops the build (MkDocs shows a PluginError
    without a traceback). With `seconds` (NMT_HOOK_TIMING=1, bench/) the time
    spent in each module is added up there.
    """
    started = time.perf_counter() if seconds is not None else 0.0
    try:
        return step(*args)
    except PluginError:
        raise
    except Exception as error:  # noqa: BLE001 - the point is to catch everything
        if os.environ.get("NMT_DEBUG") == "1":
            raise  # developers: the real traceback (editors never set this)
        page = next((arg for arg in args if hasattr(getattr(arg, "file", None), "src_uri")), None)
        where = f" while building {page.file.src_uri}" if page is not None else ""
        raise PluginError(one_line(
            f"Internal error in hooks/{step.__module__}.py ({step.__name__}){where}: "
            f"{type(error).__name__}: {error}. This is a bug in the build, not in your text; "
            "please report it to the developers.")
        ) from None
    finally:
        if seconds is not None:
            module = step.__module__
            seconds[module] = seconds.get(module, 0.0) + time.perf_counter() - started


def report_crashes_in_one_line(build, docs: str) -> None:
    """An error outside our steps (Python-Markdown on a page it cannot convert: thousands of
    nested definitions end in RecursionError) would print a traceback: print one line naming
    the page being built instead. sys.excepthook is the one place such an error passes on
    its way out of MkDocs' command line; NMT_DEBUG=1 keeps the traceback for developers."""
    if os.environ.get("NMT_DEBUG") == "1":
        return

    def one_line_report(kind, error, _traceback):
        if issubclass(kind, KeyboardInterrupt):
            return sys.__excepthook__(kind, error, _traceback)
        key = build.current_page
        where = f"{docs}{key.split(':', 1)[1]}:1: " if key else ""
        print(one_line(f"{where}the build stopped with {kind.__name__} ({str(error)[:200]}) — "
                       + ("the page is built in a way the Markdown converter cannot handle (e.g. very many nested "
                          "lists, definitions or footnotes): simplify that part; if it looks fine, report it to "
                          "the developers" if key else "please report this to the developers")),
              file=sys.stderr)
    sys.excepthook = one_line_report


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


class Sexagesimal(str):
    """An unquoted value like 2018:58, which YAML 1.1 reads as a number in
    base 60 (121138). Kept as the text the editor wrote, so a check can say
    "write it in quotes" instead of showing a number nobody wrote."""


SEXAGESIMAL_TAG = "tag:nmt,2026:sexagesimal"
SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_LineLoader.yaml_implicit_resolvers = {
    first: [(SEXAGESIMAL_TAG, SEXAGESIMAL)] * first.isdigit()
    + [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_constructor(SEXAGESIMAL_TAG, lambda loader, node: Sexagesimal(node.value))


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
        if key in mapping:   # refused by refuse_duplicate_keys, which names both lines
            mapping.duplicate_keys.append((key, key_node.start_mark.line + 1))
            continue
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


# Editor YAML (front matter, docs/*.yml) is small; a larger file is a mistake
# or an attack on the build's time and memory.
MAX_YAML_BYTES = 256 * 1024


# The deepest nesting editor YAML needs is 5 (statutes.yml: statute → provisions → change →
# what → language); building a few hundred levels recurses until Python gives up.
MAX_YAML_DEPTH = 12
OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def refuse_yaml_weapons(text: str, first_line: int = 1) -> None:
    """Refuse what YAML allows but editor files never need.

    - Anchors and aliases (&name, *name): nested aliases ("billion laughs")
      make a few lines expand into gigabytes when a step walks the data.
    - Nesting deeper than MAX_YAML_DEPTH.
    Both are checked on the parser's events (libyaml's parser does not
    recurse), before anything is built from them.
    - Tabs: YAML forbids them for indentation, and its own message does not
      say "tab".
    - Files above MAX_YAML_BYTES.
    """
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        raise YamlProblem(first_line, f"the YAML is larger than {MAX_YAML_BYTES // 1024} KB — split it or "
                                      "remove what does not belong there")
    if "\t" in text:
        line = first_line + text.count("\n", 0, text.index("\t"))
        raise YamlProblem(line, "this line has a tab character — use spaces, not tabs, in YAML")
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            line = first_line + event.start_mark.line
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(line, "YAML anchors and aliases (&name, *name) are not allowed — write the "
                                        "value out in full (if you meant the text, put it in quotes)")
            depth += isinstance(event, OPENS) - isinstance(event, CLOSES)
            if depth > MAX_YAML_DEPTH:
                raise YamlProblem(line, f"the YAML is nested more than {MAX_YAML_DEPTH} levels deep here — "
                                        "check the indentation and the brackets [ ] { }")
    except yaml.YAMLError:
        return  # load_yaml reports the syntax error with its line


def refuse_duplicate_keys(data) -> None:
    """Raise YamlProblem at the first key written twice in one mapping, at any depth.

    YAML keeps the last value silently: a second 'url:' under a source would win
    without anyone seeing the first."""
    if isinstance(data, Mapping) and data.duplicate_keys:
        key, line = data.duplicate_keys[0]
        raise YamlProblem(line, f"{quoted(key)} appears twice (also on line {data.key_lines.get(key, line)}) — "
                                "keep one")
    for value in data.values() if isinstance(data, dict) else data if isinstance(data, list) else ():
        refuse_duplicate_keys(value)


def load_yaml(text: str, first_line: int = 1):
    """Parse YAML; mappings are Mapping objects whose lines count from first_line.

    Raises YamlProblem(line, plain message) when the text does not parse or
    uses what refuse_yaml_weapons() refuses.
    """
    refuse_yaml_weapons(text, first_line)
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line if mark else 0) + first_line
        problem = error.problem or error.context or "invalid YAML"
        raise YamlProblem(line, f"the YAML does not parse ({problem}) — check indentation, "
                                "colons and quotes on this line and the one above") from None
    except yaml.reader.ReaderError as error:   # a character YAML refuses to read at all
        line = first_line + text.count("\n", 0, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlProblem(line, f"the text has an invisible control character (U+{code:04X}) — "
                                "retype the text or paste it as plain text") from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, f"the YAML does not parse ({one_line(str(error))})") from None
    data = _shift_lines(data, first_line - 1)
    refuse_duplicate_keys(data)
    refuse_markup(data, first_line)
    return data


# Markup and invisible characters have no place in the plain-text values of
# editor YAML: they would become live HTML (or hide text) wherever a template
# or a hook prints the value. Newlines are allowed (folded definitions).
MARKUP = re.compile(r"[<>]|&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)
# Control characters (C0 but tab and newline, DEL, C1), zero-width and direction marks, and the
# Unicode noncharacters (U+FDD0–U+FDEF and the last two of every plane): XML 1.0 forbids U+FFFE and
# U+FFFF, so one of them in a change note makes feed.xml malformed and readers drop the whole feed.
NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}"
                                                       for plane in range(1, 17))
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
                       + NONCHARACTERS + "]")


def text_problem(value: str) -> str | None:
    """What makes a string unfit as plain text, in plain words, or None."""
    if isinstance(value, Sexagesimal):
        return (f"YAML reads {value} without quotes as a number — write it in quotes: '{value}'")
    if match := MARKUP.search(value):
        return (f"'{match.group(0)}' is markup, and this field holds plain text — write the words without "
                "HTML (e.g. 'under 18' instead of '< 18')")
    if match := INVISIBLE.search(value):
        return (f"the text has an invisible control character (U+{ord(match.group(0)):04X}) — retype the "
                "text or paste it as plain text")
    return None


def refuse_markup(data, line: int) -> None:
    """Raise YamlProblem at the first value (or key) that is not plain text."""
    if isinstance(data, dict):
        for key, value in data.items():
            at = line_in(data, key, line)
            for text in (key, value):
                problem = text_problem(text) if isinstance(text, str) else None
                if problem:
                    raise YamlProblem(at, problem)
            if isinstance(value, (dict, list)):
                refuse_markup(value, at)
    elif isinstance(data, list):
        for item in data:
            refuse_markup(item, line_in(item, default=line))
            problem = text_problem(item) if isinstance(item, str) else None
            if problem:
                raise YamlProblem(line, problem)
    elif isinstance(data, str) and (problem := text_problem(data)):
        raise YamlProblem(line, problem)


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

    Stops the build when the file has an error: every page that uses the data
    would otherwise be reported for it too (an SFS number the register could not
    read makes every sfs: link to it "unknown"), and the editor would have to
    find the one real mistake among dozens. Warnings and notices are reported
    and the build goes on. A missing optional file (empty is not None) gives `empty`.
    """
    path = repo_path(config, name)
    source = Path(config["docs_dir"], name)
    if not source.exists():
        if empty is not None:
            return empty
        stop(Finding(path, 1, f"the file is missing — restore {path}"))
    try:
        text = decode_utf8(source.read_bytes())
    except FileProblem as problem:
        stop(Finding(path, problem.line, problem.message))
    data, findings = parse(text, path)
    errors = sorted((finding for finding in findings if finding.level == "error"), key=lambda f: f.line)
    if data is None or errors:
        report(finding for finding in findings if finding is not (errors or findings)[0])
        stop((errors or findings)[0])
    report(findings)
    return data


class FileProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def decode_utf8(data: bytes) -> str:
    """The text of a file, or FileProblem naming the line and byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileProblem(line, f"the file is not UTF-8 text (byte {data[error.start]:#04x} at position "
                                f"{error.start}) — save it as UTF-8 in your editor") from None


def stop(finding: Finding):
    """Report a finding that makes the rest of the build pointless, and stop."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(finding.github_annotation(), flush=True)
    raise PluginError(str(finding))
