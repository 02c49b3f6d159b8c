"""File and line for MkDocs' own link checks, in plain words.

MkDocs 1.6 `validation:` finds broken internal links, missing anchors and
pages missing from the navigation, but its messages name only the file.
This log filter rewrites them as "docs/file.md:LINE: what is wrong — what
to do", finding the line by searching the source for the link. It changes
the wording only: the warning level, and so the --strict count, stays.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import mkdocs.structure.nav
import mkdocs.structure.pages

from nmt.core.findings import Finding
from nmt.core.pages import docs_prefix

DOC_LINK = re.compile(r"^Doc file '(?P<file>[^']+)' contains (?:a|an unrecognized relative|an absolute) link "
                      r"(?:to )?'(?P<link>[^']+)'(?P<rest>.*)$", re.S)
NOT_IN_NAV = re.compile(r"^The following pages exist in the docs directory, but are not included in the \"nav\" "
                        r"configuration:\n(?P<files>.*)$", re.S)
NAV_TARGET_MISSING = re.compile(r"^A reference to '(?P<file>[^']+)' is included in the 'nav' configuration, "
                                r"which is not found in the documentation files\.")
DID_YOU_MEAN = re.compile(r"Did you mean '([^']+)'\?")
LOCATED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<message>.+)$")


def line_of_link(text: str, link: str) -> int:
    """The first line where the link target is written, or 1."""
    for needle in (f"]({link}", f"]: {link}", f'"{link}"', link):
        position = text.find(needle)
        if position >= 0:
            return text.count("\n", 0, position) + 1
    return 1


def explain_link_problem(kind: str, link: str, rest: str) -> str:
    suggestion = DID_YOU_MEAN.search(rest)
    hint = f" Did you mean '{suggestion.group(1)}'?" if suggestion else ""
    if "does not contain an anchor" in rest or "no such anchor" in rest:
        anchor = link.split("#", 1)[1] if "#" in link else ""
        return (f"the link '{link}' points to a heading id #{anchor} that does not exist —"
                f" check the id after '#' against the {{#…}} ids of the target page's headings.{hint}")
    if "excluded from the built site" in rest:
        return f"the link '{link}' points to a file that is not published (names starting with _ are templates)"
    if kind == "absolute":
        return f"the link '{link}' starts with '/' — link to the page's .md file with a relative path.{hint}"
    if kind == "unrecognized":
        return (f"the link '{link}' is not a link to a page — link to the page's .md file, "
                f"e.g. ../aktorer/polismyndigheten.md.{hint}")
    return f"the link '{link}' points to a page that does not exist — check the path and file name.{hint}"


class EditorMessages(logging.Filter):
    """Rewrites MkDocs' validation messages; never drops a record."""

    def __init__(self, docs: Path, prefix: str, config_file: Path):
        super().__init__()
        self.docs = docs
        self.prefix = prefix
        self.config_file = config_file

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
            rewritten = self.rewrite(message)
        except Exception:  # noqa: BLE001 - a message we cannot improve is still shown as it was
            return True
        if rewritten != message:
            record.msg, record.args = rewritten, ()
            if os.environ.get("GITHUB_ACTIONS") == "true" and record.levelno >= logging.WARNING:
                self.annotate(rewritten, "warning" if record.levelno == logging.WARNING else "error")
        return True

    @staticmethod
    def annotate(rewritten: str, level: str) -> None:
        """Also show the message on the pull request's line (GitHub Actions)."""
        for line in rewritten.splitlines():
            if located := LOCATED.match(line):
                print(Finding(located["path"], int(located["line"]), located["message"], level)
                      .github_annotation(), flush=True)

    def rewrite(self, message: str) -> str:
        if match := DOC_LINK.match(message):
            kind = "absolute" if "an absolute link" in message else (
                "unrecognized" if "unrecognized relative" in message else "link")
            source = self.docs / match["file"]
            line = line_of_link(source.read_text("utf-8"), match["link"]) if source.exists() else 1
            return f"{self.prefix}{match['file']}:{line}: {explain_link_problem(kind, match['link'], match['rest'])}"
        if match := NOT_IN_NAV.match(message):
            files = [name.strip(" -") for name in match["files"].splitlines() if name.strip(" -")]
            return "\n".join(f"{self.prefix}{name}:1: this page is not in the navigation — add it under nav: in "
                             f"{self.config_file.name}, or under not_in_nav: if only links lead to it"
                             for name in files)
        if match := NAV_TARGET_MISSING.match(message):
            text = self.config_file.read_text("utf-8") if self.config_file.exists() else ""
            line = line_of_link(text, match["file"])
            return (f"{self.config_file.name}:{line}: nav lists '{match['file']}', which does not exist — "
                    f"create {self.prefix}{match['file']} or fix the path")
        return message


# Named by the modules, not written down: under ProperDocs they are "properdocs.structure.…".
LOGGERS = (mkdocs.structure.pages.log.name, mkdocs.structure.nav.log.name)


def attach(config) -> None:
    """This build's filter on MkDocs' validation loggers, in place of any earlier build's (`mkdocs serve`)."""
    editor_messages = EditorMessages(Path(config["docs_dir"]), docs_prefix(config), Path(config["config_file_path"]))
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if isinstance(f, EditorMessages)]:
            logger.removeFilter(old)
        logger.addFilter(editor_messages)
