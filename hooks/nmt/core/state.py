"""The state of one build, handed to every step by pipeline.py.

A `Build` is made at the start of the outer pass (the default language's
on_config) and kept on that pass's config object, which static-i18n reuses
for its nested English build. `mkdocs serve` loads a fresh config for every
rebuild, so nothing read or collected in one rebuild reaches the next, and
nothing of the Swedish pass leaks into the English one unless it is meant
for the whole build (the data files, the review entries, the 404 page).

No module of hooks/ keeps state of its own: what a step needs later is a
field here, with a comment saying who writes it and who reads it.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

KEY = "nmt_build"  # the config key that holds the Build (not a MkDocs option)


@dataclass
class LanguagePass:
    """What one language's pass collects (static-i18n builds one language at a time)."""
    language: str
    redirects: dict = field(default_factory=dict)  # registers/redirects.py: target's src_uri → old paths to it
    known_scripts: object = None    # on_nav: the scripts a page may carry (output/guard.py)
    whats_new: dict = field(default_factory=dict)  # blocks/whats_new.py: entries, urls, feed title and author
    print_book: object = None       # output/print_book.py: the pages in print order (on_nav), their articles (on_post_page)


@dataclass
class Build:
    """Everything the steps share, for one build and its language passes."""
    preview: bool                     # `mkdocs serve`: findings panel on, CSP <meta> off
    today: datetime.date              # site_facts.build_date(): dates compare with this
    revision: str | None              # site_facts.git_revision() of the site's folder: "About this copy", the PDF
    default_language: str
    languages: list[str]
    glossary: dict = field(default_factory=dict)          # blocks/glossary_text.py: concept id → Concept
    glossary_indexes: dict = field(default_factory=dict)  # blocks/glossary_text.py: language → (term index, avoided)
    referenced_terms: dict = field(default_factory=dict)  # blocks/glossary_text.py: page key → concept ids it links to
    statutes: dict = field(default_factory=dict)          # blocks/statute_text.py: SFS → Statute (blocks/whats_new.py reads)
    redirects: dict = field(default_factory=dict)         # registers/redirects.py: old path → new path
    steps: object = None                                  # blocks/step_guide.py: the guide, or None (no steps.yml)
    last_updated: dict = field(default_factory=dict)      # blocks/last_updated.py: src path → date of its last commit
    review_entries: dict = field(default_factory=dict)    # output/review_dates.py: page key → its entry in review.json
    page_sources: dict = field(default_factory=dict)      # output/guard.py: page url → (path, its MkDocs File)
    default_not_found: str | None = None                  # output/not_found_pages.py: the default language's 404 page
    findings: object = None                               # preview/findings.py: the preview's log collector
    current_page: str | None = None                       # pipeline.py: the page key being built, for `findings`
    reuse: object = None                                  # preview/reuse.py: the previous rebuild's record (preview)
    compiled_templates: object = None                     # theme/compiled_templates.py: Jinja's bytecode cache
    scratch: object = None                                # core/memory.py: the build's temporary folder (pipeline.py removes it)
    seconds: dict | None = None                           # NMT_HOOK_TIMING=1: seconds per step module
    passes: dict = field(default_factory=dict)            # language → LanguagePass

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
