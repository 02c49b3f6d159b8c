"""The English pass in a second process, beside the Swedish one: a build on two cores.

static-i18n builds the default language (the outer pass) and then, inside
its on_post_build, every other language, one after the other, in one
process. Here the other languages' passes start in a forked process as soon
as the outer pass knows its files (on_nav), and the outer pass takes their
results over where static-i18n would have built them. What a reader, an
editor or a test sees is what one process gives
(tests/hooks/test_language_processes.py compares every file and message):

- The second process starts from the state the nested pass would see: the
  data files are read, static-i18n knows the default language's pages (its
  sitemap lists them). What the Swedish pass collects after on_nav is kept
  per page or per language, and the English pass does not read it.
- It writes into a hidden folder of its own in the site folder, so its
  copies of shared files (sitemap.xml, the theme's assets) cannot race the
  Swedish pass's. Its files are moved in afterwards, as if written after the
  Swedish pass; the root 404.html stays the default language's
  (output/not_found_pages.py).
- What it logged and printed comes back in order and goes through this
  process's loggers: the terminal, the strict count and the GitHub
  annotations read as in one process. An error of the pass (a strict abort
  too) is raised again where the nested build would have raised it.
- What it gave the build comes back: Material's search entries of its
  pages, the per-page records in `Build` (PER_PAGE), its `LanguagePass`, its
  step times. static-i18n's on_post_build then runs with no language left to
  build: it merges the search entries and writes the index as usual.

One process, as static-i18n does it, without os.fork, for `mkdocs serve`
(the preview reuses pages across rebuilds), with `--dirty`, or with
NMT_ONE_PROCESS=1.

Why a fork, and not multiprocessing or a second `mkdocs build`: the nested
pass needs the outer pass's configuration object, plugins and data as they
are at on_nav (a second command would have to build the default language
again to know them); a fork hands them over as they are.
"""
from __future__ import annotations

import copy
import dataclasses
import io
import logging
import os
import pickle
import shutil
import signal
import sys
import traceback
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import mkdocs.commands.build
import mkdocs.utils
from mkdocs.exceptions import PluginError
from mkdocs_static_i18n.utils import I18nLoggingFilter

from nmt.core import memory

FOLDER = ".nmt-other-languages"  # in the site folder, moved out at the end
KEEP_OUTER = frozenset({"404.html"})  # site-root files the default language's pass keeps (output/not_found_pages.py)
# The per-page fields of `Build` (core/state.py): page key or url → what the page's steps kept.
PER_PAGE = ("referenced_terms", "law_changed", "review_entries", "page_sources")
# The fields the passes may change that stay where they were changed: a cache per language, the
# page being built, the process handle, the template cache. Any other field the English pass
# changes stops the build: it would be lost (a new field goes into one of these lists).
STAY = ("glossary_indexes", "current_page", "other_languages", "compiled_templates")


@dataclass
class Result:
    """What a forked process hands back."""
    said: list = field(default_factory=list)            # ("log", record) / ("stdout" | "stderr", text), in order
    error: BaseException | None = None
    current_page: str | None = None                     # the page being built when it failed
    search_entries: list = field(default_factory=list)  # Material's index entries of those languages, in order
    per_page: dict = field(default_factory=dict)        # PER_PAGE field → what the passes added or changed
    passes: dict = field(default_factory=dict)          # language → LanguagePass, in the order built
    seconds: dict | None = None


class SecondProcess:
    """The outer process's handle on the second process (Build.other_languages).

    If the outer pass fails before it takes the results over, `stop` ends the
    process and removes its folder (on_build_error); should even that not run,
    it happens when the handle is dropped or this process ends."""

    def __init__(self, pid: int, reader: int, folder: Path | None):
        self.folder = folder
        self._pid, self._reader = pid, reader
        self._stop = weakref.finalize(self, _stop, pid, reader, folder)

    def stop(self) -> None:
        self._stop()   # once: a finalizer runs at most one time, and not after receive()

    def receive(self) -> Result:
        self._stop.detach()
        with os.fdopen(self._reader, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - it ended before it could say why
            return Result(error=PluginError(
                f"The build of the other languages stopped (exit status {os.waitstatus_to_exitcode(status)}) "
                "without a message. This is a bug in the build, not in your text; please report it to the "
                "developers."))


def _stop(pid: int, reader: int, folder: Path | None) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    os.close(reader)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class InSecondProcess:
    """The second process's own view (Build.other_languages there): where it writes."""
    folder: Path


def wanted(build, config) -> bool:
    return (hasattr(os, "fork") and not build.preview and "i18n" in config.plugins and len(build.languages) > 1
            and os.environ.get("NMT_ONE_PROCESS") != "1"
            and not {"--dirty", "--dirtyreload"} & set(sys.argv))  # static-i18n's own test for a dirty pass


# --- In the outer process ----------------------------------------------------------------------

def start(build, config) -> None:
    """on_nav of the outer pass: fork; the second process builds the other languages."""
    if not wanted(build, config):
        return
    folder = Path(config["site_dir"], FOLDER)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    memory.folder(build)   # made now: both processes keep their print articles in the one folder

    def build_other_languages(result: Result) -> None:
        build.other_languages = InSecondProcess(folder)
        _build_other_languages(build, config, result)
    build.other_languages = second = _fork(build, build_other_languages, folder)
    # This configuration's error handlers, like its post_build handlers below: MkDocs calls them with the error only.
    config.plugins.events["build_error"].append(lambda error: second.stop())
    _take_over_before_static_i18n_merges(build, config)


def each_language(build, config, work) -> None:
    """work(language) for every language, the other languages' in processes of their own, side by
    side with the default language's. What they say follows the default language's, in language order."""
    others = [language for language in build.languages if language != build.default_language]
    if not wanted(build, config):
        for language in [build.default_language, *others]:
            work(language)
        return
    children = [_fork(build, lambda result, language=language: work(language)) for language in others]
    try:
        work(build.default_language)
        for child in children:
            _take_back(build, child.receive())
    finally:
        for child in children:
            child.stop()   # those not received (a step stopped the build): stopped, not waited for


def _fork(build, work, folder: Path | None = None) -> SecondProcess:
    """A process that runs work(result) and hands the result back (SecondProcess.receive)."""
    reader, writer = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        _run_and_hand_back(build, work, writer)   # never returns
    os.close(writer)
    return SecondProcess(pid, reader, folder)


def _take_over_before_static_i18n_merges(build, config) -> None:
    """static-i18n's on_post_build of this build, with the second process's passes taken over first.

    Its handler in this configuration's plugin list is replaced (not its class
    or module: the next build loads its plugins again). It then runs with no
    language left to build, merges the search entries and writes the index."""
    i18n = config.plugins["i18n"]
    handlers = config.plugins.events["post_build"]
    merge_and_write = handlers[handlers.index(i18n.on_post_build)]

    def on_post_build(config):
        take_over(build, config)
        languages = [language for language in i18n.config.languages if language.build]
        for language in languages:
            language.build = False
        try:
            return merge_and_write(config=config)
        finally:
            for language in languages:
                language.build = True
    handlers[handlers.index(merge_and_write)] = on_post_build


def take_over(build, config) -> None:
    """Where static-i18n would build the other languages: the second process's passes, as if they ran here."""
    second = build.other_languages
    result = second.receive()
    if result.error is not None:
        shutil.rmtree(second.folder, ignore_errors=True)   # nothing of a failed pass is kept
    _take_back(build, result)
    _move_site(second.folder, Path(config["site_dir"]), KEEP_OUTER)
    for name, added in result.per_page.items():
        getattr(build, name).update(added)
    build.passes.update(result.passes)
    # static-i18n collects each pass's entries from Material's index, the default language's first.
    if search := config.plugins.get("material/search"):
        search.search_index.entries.extend(result.search_entries)
    _configure_as_last_pass_left_it(config, list(result.passes)[-1])


def write_to_own_folder(build, config) -> None:
    """on_config of a nested pass, after static-i18n named the site folder: the second process's own."""
    if isinstance(build.other_languages, InSecondProcess):
        config["site_dir"] = str(build.other_languages.folder)


def _take_back(build, result: Result) -> None:
    """What a process said, said here; its step times added; its error raised here."""
    _say_again(result.said)
    if build.seconds is not None:
        for module, seconds in (result.seconds or {}).items():
            build.seconds[module] = build.seconds.get(module, 0.0) + seconds
    if result.error is not None:
        build.current_page = result.current_page
        raise result.error


def _say_again(said: list) -> None:
    for kind, item in said:
        if kind == "log":
            logging.getLogger(item.name).handle(item)
        else:
            print(item, end="", file=sys.stdout if kind == "stdout" else sys.stderr, flush=True)


def _move_site(folder: Path, site: Path, keep: frozenset[str]) -> None:
    """The second process's files into the site, over the outer pass's (a later pass's copy wins)."""
    for entry in sorted(folder.iterdir()):
        target = site / entry.name
        if entry.is_dir() and target.is_dir():
            _move_site(entry, target, frozenset())
        elif entry.name not in keep:
            os.replace(entry, target)
    shutil.rmtree(folder)


def _configure_as_last_pass_left_it(config, language: str) -> None:
    """static-i18n's on_config for the last language built: the configuration as that pass leaves it
    for the rest of the build. Quiet: the second process has already said what static-i18n says there."""
    i18n = config.plugins["i18n"]
    i18n.current_language = language
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        i18n.on_config(config)
    finally:
        logging.disable(previous)


# --- In the second process ---------------------------------------------------------------------

def _run_and_hand_back(build, work, writer: int) -> None:
    result, code = Result(), 0
    seconds_before = dict(build.seconds or {})
    restore = _listen(result.said)
    try:
        work(result)
        if build.seconds is not None:   # only what this process added: the rest is counted where it ran
            result.seconds = {module: seconds - seconds_before.get(module, 0.0)
                              for module, seconds in build.seconds.items()}
    except BaseException as error:  # noqa: BLE001 - every error goes back, to be raised where the work belongs
        result.error, result.current_page, code = _picklable(error), build.current_page, 1
    finally:
        restore()
        try:
            _send(writer, result)
        finally:
            os._exit(code)   # no atexit: the temporary folders are the outer process's


def _build_other_languages(build, config, result: Result) -> None:
    """static-i18n's nested builds (its plugin's on_post_build)."""
    at_fork = {name: _snapshot(getattr(build, name)) for name in _field_names(build)}
    i18n = config.plugins["i18n"]
    i18n.building = True
    i18n_filter = I18nLoggingFilter()
    i18n_filter.filtered_prefixes.update({"Documentation built in", "Building documentation to directory"})
    logging.getLogger("mkdocs.commands.build").addFilter(i18n_filter)
    mkdocs.utils.clean_directory = lambda folder: folder   # as static-i18n does
    first = i18n.current_language
    for language in i18n.build_languages:
        if language != first:
            i18n.current_language = language
            mkdocs.commands.build.build(config, dirty=False)
            result.passes[language] = build.now(language)
    result.search_entries = list(i18n.search_entries)   # each nested pass added its own; none were there
    result.per_page = {name: {key: value for key, value in getattr(build, name).items()
                              if at_fork[name].get(key, _MISSING) is not value} for name in PER_PAGE}
    lost = [name for name in _field_names(build) if name not in (*PER_PAGE, "passes", "seconds", *STAY)
            and getattr(build, name) is not at_fork[name] and getattr(build, name) != at_fork[name]]
    if lost:
        raise PluginError(f"Internal error in hooks/nmt/core/language_processes.py: the English pass changed "
                          f"Build.{', Build.'.join(lost)}, which it does not hand back. This is a bug in the build, "
                          "not in your text; please report it to the developers.")


def _snapshot(value):
    """A container as it is now (what is added later is not in it); anything else as itself."""
    return copy.copy(value) if isinstance(value, (dict, list, set)) else value


def _field_names(build) -> list[str]:
    return [field.name for field in dataclasses.fields(build)]


_MISSING = object()


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 - an error that cannot travel travels as its one-line text
        return PluginError(f"{type(error).__name__}: {error}")


def _send(writer: int, result: Result) -> None:
    with os.fdopen(writer, "wb") as pipe:
        try:
            pipe.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        except Exception as error:  # noqa: BLE001 - what cannot travel is reported, not lost
            said = [entry for entry in result.said if entry[0] != "log"]
            pipe.write(pickle.dumps(Result(said=said, error=PluginError(
                f"The other languages' pass could not hand back its results ({type(error).__name__}: {error}). "
                "This is a bug in the build, not in your text; please report it to the developers."))))


class _Said(logging.Handler):
    """Keeps each log record once, in order, for the outer process to handle again."""

    def __init__(self, said: list):
        super().__init__(logging.NOTSET)
        self.said, self.last = said, None

    def emit(self, record: logging.LogRecord) -> None:
        if record is self.last:   # the same record reaches the handlers of every logger above its own
            return
        self.last = record
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
        self.said.append(("log", record))


class _Printed(io.TextIOBase):
    """sys.stdout or sys.stderr of the second process (GitHub annotations, one-line crash reports)."""

    def __init__(self, said: list, stream: str):
        super().__init__()
        self.said, self.stream = said, stream

    def write(self, text: str) -> int:
        self.said.append((self.stream, text))
        return len(text)

    @property
    def encoding(self) -> str:
        return "utf-8"


def _listen(said: list):
    """Every logger's handlers keep the records instead, and prints are kept. Returns the undo."""
    handler = _Said(said)
    loggers = [logging.getLogger()] + [logger for logger in logging.Logger.manager.loggerDict.values()
                                        if isinstance(logger, logging.Logger)]
    before = [(logger, logger.handlers) for logger in loggers if logger.handlers]
    for logger, _ in before:
        logger.handlers = [handler]
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printed(said, "stdout"), _Printed(said, "stderr")

    def restore():
        for logger, handlers in before:
            logger.handlers = handlers
        sys.stdout, sys.stderr = streams
    return restore
