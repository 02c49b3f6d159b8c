"""The state of one build, handed to every step by pipeline.py.

A `Build` is made at the start of the outer pass (the default language's
on_config) and kept on that pass's config object, which static-i18n reuses
for its nested English build. That build runs in a second process
(core/language_processes.py), which hands back what it added here. `mkdocs serve` loads a fresh config for every
rebuild, so nothing read or collected in one rebuild reaches the next, and
nothing of the Swedish pass leaks into the English one unless it is meant
for the whole build (the data files, the review entries, the 404 page).

No module of hooks/ keeps state of its own: what a step needs later is a
field here, with a comment saying who writes it and who reads it. A field
"per page" (page key → …) is the writer's alone: in the preview, the writer
also gives it back to a page that a rebuild reuses (its page_record and
restore_page, listed in preview/reuse.PAGE_STATE).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

# The fields' types, from the modules that own them; for type checkers and readers only: at run
# time core/ does not load the steps (MkDocs, Jinja, the preview's watcher). tests/hooks/test_state_types.py
# checks that each name exists.
if TYPE_CHECKING:
    import tempfile

    import jinja2

    from nmt.core.language_processes import InSecondProcess, SecondProcess
    from nmt.output.print_book import Book
    from nmt.policy.html import KnownScripts
    from nmt.preview.findings import Collect
    from nmt.preview.reuse import Reuse
    from nmt.registers.glossary import Concept
    from nmt.registers.regions import Region
    from nmt.registers.statutes import Statute
    from nmt.registers.steps import Step

KEY = "nmt_build"  # the config key that holds the Build (not a MkDocs option)


@dataclass
class LanguagePass:
    """What one language's pass collects (static-i18n builds one language at a time).

    Each field: who writes it, what it holds (and who else reads it)."""
    language: str
    # registers/redirects.py: target's src_uri → old paths to it (output/redirect_pages.py reads)
    redirects: dict[str, list[str]] = field(default_factory=dict)
    # output/guard.py, on_nav: the scripts a page may carry
    known_scripts: KnownScripts | None = None
    # blocks/whats_new.py: entries, urls, feed title and author (output/feed.py reads)
    whats_new: dict = field(default_factory=dict)
    # output/print_book.py: the pages in print order (on_nav), their articles (on_post_page)
    print_book: Book | None = None


@dataclass
class Build:
    """Everything the steps share, for one build and its language passes.

    Each field: who writes it, what it holds (and who else reads it). "Per
    page": keyed by page key, given back to a reused page in the preview."""
    preview: bool                     # `mkdocs serve`: findings panel on, CSP <meta> off
    today: datetime.date              # site_facts.build_date(): dates compare with this
    revision: str | None              # site_facts.git_revision() of the site's folder: "About this copy", the PDF
    default_language: str
    languages: list[str]
    # registers/glossary.py: concept id → Concept (blocks/glossary_text.py, search/enrichment.py read)
    glossary: dict[str, Concept] = field(default_factory=dict)
    # blocks/glossary_text.py: language → (term index, avoided wording), made once per build
    glossary_indexes: dict = field(default_factory=dict)
    # blocks/glossary_text.py, per page: the concept ids the page links to (search/enrichment.py reads)
    referenced_terms: dict[str, set[str]] = field(default_factory=dict)
    # registers/statutes.py: SFS → Statute (blocks/statute_text.py, blocks/whats_new.py read)
    statutes: dict[str, Statute] = field(default_factory=dict)
    # blocks/statute_text.py, per page: the changes of cited law after the page's review (output/review_dates.py reads)
    law_changed: dict[str, list[dict]] = field(default_factory=dict)
    # registers/redirects.py: old path → new path
    redirects: dict[str, str] = field(default_factory=dict)
    # registers/steps.py: number → Step, or None without docs/steps.yml (blocks/step_guide.py, output/admin.py read)
    steps: dict[int, Step] | None = None
    # registers/regions.py (on_config): the region folders shown (blocks/regional.py reads)
    region_folders: list[Path] = field(default_factory=list)
    # registers/regions.py: whether this build is one region's copy (its blocks open)
    regional_copy: bool = False
    # registers/regions.py: each region with its supplements (blocks/regional.py, output/review_dates.py read)
    regions: tuple[Region, ...] = ()
    # blocks/last_updated.py: src path → date of its last commit
    last_updated: dict[str, str] = field(default_factory=dict)
    # output/review_dates.py, per page: the page's entry in review.json
    review_entries: dict[str, dict] = field(default_factory=dict)
    # output/guard.py: page url → (path, its source file's name; the text is read again when the page is checked)
    page_sources: dict = field(default_factory=dict)
    default_not_found: str | None = None                  # output/not_found_pages.py: the default language's 404 page
    # preview/findings.py: the preview's log collector, with each page's messages
    findings: Collect | None = None
    # pipeline.py: the page key being built (preview/findings.py and core/findings.py read)
    current_page: str | None = None
    # preview/reuse.py: the previous rebuild's record and this one's (preview)
    reuse: Reuse | None = None
    # theme/compiled_templates.py: Jinja's bytecode cache
    compiled_templates: jinja2.BytecodeCache | None = None
    # core/memory.py: the build's temporary folder (print-book articles wait there; pipeline.py removes it)
    scratch: tempfile.TemporaryDirectory | None = None
    # core/language_processes.py: the second process that builds the other languages (its handle, or its own view)
    other_languages: SecondProcess | InSecondProcess | None = None
    # NMT_HOOK_TIMING=1: seconds per step module
    seconds: dict[str, float] | None = None
    passes: dict[str, LanguagePass] = field(default_factory=dict)  # language → LanguagePass

    def begin(self, language: str) -> LanguagePass:
        self.passes[language] = LanguagePass(language)
        return self.passes[language]

    def now(self, language: str) -> LanguagePass:
        return self.passes[language]


def build_of(config) -> Build:
    return config[KEY]


def attach(config, build: Build) -> Build:
    config[KEY] = build
    return build
