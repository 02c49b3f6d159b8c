"""Findings and how they reach the editor.

Every check reports a Finding: a file, a line and a message in plain words
("what is wrong — what to do"). report() logs them under the engine's own
logger ("mkdocs.nmt", or "properdocs.nmt" under ProperDocs), because only
those count for a strict build, and as GitHub annotations in Actions. Every
message is one line in every form (one_line, quoted): an editor's value
never starts a log line of its own. run_step() runs each step of
pipeline.py so that a bug is one line naming the module and the page, never
a traceback (NMT_DEBUG=1 shows it to developers).
"""
from __future__ import annotations

import logging
import os
import re
import sys
import time
from dataclasses import dataclass

from mkdocs.exceptions import PluginError

# The engine's package name, read from a class it defines rather than written
# down: under ProperDocs `import mkdocs` gives ProperDocs' modules, whose
# loggers are "properdocs.*", and only those count for --strict.
ENGINE = PluginError.__module__.partition(".")[0]
LOG = logging.getLogger(f"{ENGINE}.nmt")


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
            f"Internal error in hooks/{step.__module__.replace('.', '/')}.py ({step.__name__}){where}: "
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


def stop(finding: Finding):
    """Report a finding that makes the rest of the build pointless, and stop."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(finding.github_annotation(), flush=True)
    raise PluginError(str(finding))
