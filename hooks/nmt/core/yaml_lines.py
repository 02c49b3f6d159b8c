"""Editor YAML (front matter and docs/*.yml), read safely and with line numbers.

load_yaml() refuses what editor files never need (anchors and aliases,
nesting deeper than any file here, tabs, keys written twice, markup and
invisible characters in values) before anything is built from it, keeps
dates and SFS numbers as the text the editor wrote, and gives every mapping
the lines of its keys, so each check can name the line. load_data_file()
reads docs/<name> and stops the build at its first error, alone.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from nmt.core.findings import Finding, one_line, quoted, report, stop
from nmt.core.markdown import FRONT_MATTER, line_of
from nmt.core.pages import repo_path


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


def read_front_matter(text: str):
    """(front matter mapping or None, its first line). Raises YamlProblem.

    Each call gets its own copy: a caller that changes it changes nothing for the next.
    """
    match = FRONT_MATTER.match(text)
    if not match:
        return None, 1
    first_line = line_of(text, match.start(2))
    return copied(_load_front_matter(match.group(2), first_line)), first_line


# A page's steps read its front matter one after the other: a few entries keep
# those hits. Holding every page's (whats_new reads them all in on_nav, the
# page's steps again when it is built) took 7 MB at 500 pages per language to
# save 0.3 s of parsing.
@functools.lru_cache(maxsize=32)
def _load_front_matter(yaml_text: str, first_line: int):
    """The parsed front matter, kept per front-matter text (a changed page is another text):
    several steps read each page's front matter. Keyed by the front matter alone, not the
    whole page, so the cache does not hold every page's text of a language between on_nav
    and the page's build. Only read_front_matter's copies leave this module."""
    return load_yaml(yaml_text, first_line)


def copied(data):
    """A copy of loaded YAML data, lines included, that the caller may change.

    Only what can change is copied (mappings, lists, and the sets and pairs of
    !!set and !!pairs); every other value YAML makes is immutable. Hand-written
    because copy.deepcopy takes about five times as long, and each page's front
    matter is read about a dozen times per build."""
    if isinstance(data, Mapping):
        new = Mapping({key: copied(value) for key, value in data.items()})
        new.line, new.key_lines, new.duplicate_keys = data.line, dict(data.key_lines), list(data.duplicate_keys)
        return new
    if isinstance(data, dict):
        return {key: copied(value) for key, value in data.items()}
    if isinstance(data, (list, tuple, set)):
        return type(data)(copied(value) for value in data)
    return data


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
