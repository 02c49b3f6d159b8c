"""In the preview, a save rebuilds only the pages it changed, and the site is what a fresh build would make.

`make serve` runs `mkdocs serve --dirty`. MkDocs then skips every page whose
output is newer than its source, and static-i18n does the same in its
English pass (it reads `--dirty` from the command line). On its own that is
not exact: a skipped page has no title for the other pages' menus, says none
of its findings, gives the glossary check and review.json nothing, and
Material's dirty search index adds the previous rebuild's entries again
(they double under static-i18n). This module makes the skipping safe:

- The site key is one digest of what every page depends on besides its own
  text: the config, hooks/, overrides/, every file of docs/ that is not a
  page (the data files, the assets), every page's front matter (titles,
  dates, audiences, steps), the list of files, the build date and revision.
  When it changes, the serve folder is emptied and everything is rebuilt.
- A page is reused only if its output exists, MkDocs would skip it, and its
  text has the digest it had when its output was written; otherwise its
  output is removed, so MkDocs rebuilds it (a save during a rebuild is not
  lost to file times).
- A reused page gets back what its last build gave the rest of the site:
  its front matter (read again, as MkDocs reads it), what our steps keep
  per page in `Build` (each step gives it back itself: PAGE_STATE), its
  search entries in build order, and its anchors and links for MkDocs' own
  anchor check, which runs on every page as in a fresh build.

What the last rebuild recorded is kept in `.nmt-preview.json` in the serve
folder: MkDocs' cleaning leaves hidden files, and the folder is deleted when
`mkdocs serve` stops. `make build` and the offline copy never use any of this.
tests/hooks/test_preview_reuse.py edits pages in a running preview and
compares every file it serves with a fresh build.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import mkdocs.commands.build
import watchdog.observers.polling
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import YAML_RE

from nmt.blocks import glossary_text, statute_text
from nmt.core.pages import current_language, file_key, page_key
from nmt.output import guard as output_guard
from nmt.output import review_dates
from nmt.preview import findings as preview_findings

RECORD = ".nmt-preview.json"
TITLE_LINE = "title:"

# Every step that keeps something per page in `Build`, under its name in the record. Each
# module has page_record(build, page, config), which returns what it kept for the page (as
# JSON), and restore_page(build, page, config, record), which gives it back when a rebuild
# reuses the page (Sphinx's collectors do the same with merge_other). A new step that keeps
# per-page data adds itself here; what the page's rebuild would give MkDocs and Material
# (search entries, anchors, links) this module keeps itself.
PAGE_STATE = (
    ("findings", preview_findings),   # what its checks said (the terminal, the panel)
    ("terms", glossary_text),         # the glossary concepts it links to (the glossary summary)
    ("law_changed", statute_text),    # the changes of cited law after its review (its review.json entry)
    ("review", review_dates),         # its entry in review.json
    ("source", output_guard),         # its source, to name the line of a search entry's problem
)


@dataclass
class Reuse:
    """The previous rebuild's record, and what this rebuild records."""
    site_key: str
    earlier: dict                                 # page key → what the page gave the site when it was built
    earlier_panel: list | None                    # the findings its pages show (None: no record)
    started: float                                # when this rebuild started (file times)
    digests: dict                                 # docs-relative path → SHA-256 of the page as this rebuild found it
    pages: dict = field(default_factory=dict)     # page key → this rebuild's record of the page
    order: dict = field(default_factory=dict)     # language → page keys in build order
    search_seen: int = 0                          # Material's search entries of this pass that are recorded


POLL_SECONDS = 0.1  # MkDocs polls for saved files every 0.5 s: a quarter of a second per save, on average


def watch_closely(server, config) -> None:
    """Notice a save within a tenth of a second.

    MkDocs watches the docs folder and the config file with a polling
    observer made before this event; it is replaced by a faster one (a scan
    of the docs folder takes a few milliseconds, even at 500 pages per language)."""
    paths = [config["docs_dir"], config["config_file_path"]]
    for path in paths:
        server.unwatch(path)
    server.observer = watchdog.observers.polling.PollingObserver(timeout=POLL_SECONDS)
    for path in paths:
        server.watch(path)


# MkDocs warns on every `--dirty` build that menus and links may be wrong.
# This module makes them right (tests/hooks/test_preview_reuse.py), so the
# warning would only send editors looking for a problem that is not there.
DIRTY_NOTICE = "A 'dirty' build is being performed"


class WithoutDirtyNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_NOTICE)


def _quiet_dirty_notice() -> None:
    logger = logging.getLogger(mkdocs.commands.build.log.name)  # named by the module: "properdocs.…" under ProperDocs
    if not any(isinstance(f, WithoutDirtyNotice) for f in logger.filters):
        logger.addFilter(WithoutDirtyNotice())


def wanted(preview: bool) -> bool:
    # static-i18n decides the same way whether its English pass is dirty, so both passes agree.
    return preview and "--dirty" in sys.argv


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def what_others_see(text: str) -> str:
    """The part of a page other pages depend on: its front matter (all of it, if it has no title)."""
    match = YAML_RE.match(text)
    front = match.group(1) if match else ""
    if not any(line.startswith(TITLE_LINE) for line in front.splitlines()):
        return text  # MkDocs takes the title from the text: every page's menu depends on it
    return front


def _code_and_settings(config) -> list[Path]:
    """hooks/, the theme overrides and the config files (the site's, and mkdocs-base.yml it inherits)."""
    hooks = Path(__file__).parents[2]   # hooks/: the pipeline and the nmt package
    configs = {*Path(config["config_file_path"]).parent.glob("*.yml"), *hooks.parent.glob("*.yml")}
    return [hooks, *([Path(config.theme.custom_dir)] if config.theme.custom_dir else []), *sorted(configs)]


def docs_files(config) -> dict[str, bytes]:
    """Every file of docs/ (docs-relative path → bytes), read once per rebuild."""
    docs = Path(config["docs_dir"])
    return {path.relative_to(docs).as_posix(): path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def site_key(config, build, docs: dict[str, bytes], code_and_settings: list[Path]) -> str:
    parts = [config["site_url"] or "", str(build.today), build.revision or ""]
    for name, data in docs.items():
        seen = what_others_see(data.decode("utf-8", "replace")).encode() if name.endswith(".md") else data
        parts.append(f"{name} {_digest(seen)}")
    for place in code_and_settings:
        paths = [place] if place.is_file() else sorted(p for p in place.rglob("*") if p.is_file())
        parts += [f"{path.as_posix()} {_digest(path.read_bytes())}" for path in paths if "__pycache__" not in path.parts]
    return _digest("\n".join(parts).encode())


def _empty(site: Path) -> None:
    """The serve folder without anything in it (hidden files too: the record is gone with it)."""
    for entry in site.iterdir() if site.is_dir() else ():
        shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()


def _read_record(path: Path) -> dict:
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


# --- Steps (pipeline.py calls them only in `make serve`) ------------------------------

def start(build, config) -> None:
    """Before anything is written: keep the serve folder if the site key holds, else empty it."""
    started = time.time() - 1.0  # a second early: file times are coarser than the clock
    _quiet_dirty_notice()  # MkDocs logs it right after on_pre_build
    site, docs = Path(config["site_dir"]), docs_files(config)
    key = site_key(config, build, docs, _code_and_settings(config))
    record = _read_record(site / RECORD)
    if record.get("site_key") != key:
        _empty(site)
        record = {}
    # A page saved after this point has another digest at the next rebuild, so it is rebuilt then.
    digests = {name: _digest(data) for name, data in docs.items() if name.endswith(".md")}
    build.reuse = Reuse(key, record.get("pages", {}), record.get("panel"), started, digests)


def reuse_unchanged_pages(build, files, config) -> None:
    """For each page of this pass: reuse it (give back what it gave the site), or make MkDocs rebuild it."""
    reuse, language = build.reuse, current_language(config)
    reuse.order[language], reuse.search_seen = [], 0  # Material starts a new search index in each pass
    by_source = {file.src_uri: file for file in files}  # static-i18n's files.get_file_from_path is slow
    search = config.plugins.get("material/search")
    if search is not None:
        # Material's dirty search index adds the previous rebuild's entries to this one (they
        # would grow with every save); complete_search_index writes the index from the record.
        search.search_index_prev = None
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        key = file_key(file, config)
        reuse.order[language].append(key)
        earlier = reuse.earlier.get(key)
        if file.is_modified() or earlier is None or earlier["digest"] != reuse.digests.get(file.src_uri):
            Path(file.abs_dest_path).unlink(missing_ok=True)  # MkDocs rebuilds a page without output
            continue
        _give_back(build, earlier, file, by_source, config)
        reuse.pages[key] = earlier


def _give_back(build, earlier: dict, file, by_source: dict, config) -> None:
    page = file.page or Page(None, file, config)  # MkDocs makes pages outside the nav only when it reads them
    page.read_source(config)  # its front matter, exactly as MkDocs reads it: titles for every menu
    for name, owner in PAGE_STATE:
        owner.restore_page(build, page, config, earlier[name])
    page.present_anchor_ids = set(earlier["anchors"])
    page.links_to_anchors = {by_source[src]: links for src, links in earlier["links"].items() if src in by_source}


def remember(build, page, config) -> None:
    """After the page is finished: what it gave the site, for the rebuilds that reuse it."""
    reuse, key = build.reuse, page_key(page, config)
    search = config.plugins.get("material/search")
    entries = search.search_index.entries if search else []
    reuse.pages[key] = {
        "digest": reuse.digests.get(page.file.src_uri),
        **{name: owner.page_record(build, page, config) for name, owner in PAGE_STATE},
        "search": entries[reuse.search_seen:],  # what Material's search plugin added for this page
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {to.src_uri: links for to, links in (page.links_to_anchors or {}).items()},
    }
    reuse.search_seen = len(entries)


def complete_search_index(build, config) -> None:
    """The merged search index with every page's entries once, in build order, as a fresh build writes it.

    Material's dirty search index keeps the previous rebuild's entries and
    adds the new ones (they double under static-i18n), and it has none of
    the reused pages; the index is written again from what each page gave.
    search/per_language.py splits it next, as in every build."""
    path = Path(config["site_dir"], "search", "search_index.json")
    if not path.exists():
        return
    reuse = build.reuse
    docs = [entry for language in build.languages for key in reuse.order.get(language, [])
            if key in reuse.pages for entry in reuse.pages[key]["search"]]
    index = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**index, "docs": docs}, separators=(",", ":"), default=str), "utf-8")


def write_record(build, config) -> float | None:
    """The record for the next rebuild. Returns since when pages need the panel (None: all of them)."""
    reuse, panel = build.reuse, preview_findings.listed(build.findings)
    path = Path(config["site_dir"], RECORD)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"site_key": reuse.site_key, "pages": reuse.pages, "panel": panel}), "utf-8")
    os.replace(temporary, path)
    return reuse.started if reuse.earlier_panel == panel else None
