"""Benchmark-only hook (never in mkdocs.yml): static-i18n's search
de-duplication in linear instead of quadratic time, same result.

mkdocs-static-i18n 1.3.1 (reconfigure.py, reconfigure_search_duplicates)
compares every default-language search entry with every other-language entry
(about 10 entries per page): 23 million comparisons at 500 pages per
language, 370 million at 2000. This replaces the method with one pass that
groups the other-language entries by (title, text). bench/run.py adds this
file to the hooks of a variant configuration to measure the effect.
"""
from __future__ import annotations

from mkdocs_static_i18n.reconfigure import ExtendedPlugin


def reconfigure_search_duplicates(self, search_index_entries):
    prefixes = tuple(f"{language}/" for language in self.build_languages)
    candidates: dict = {}
    for entry in search_index_entries:
        if entry["location"].startswith(prefixes):
            candidates.setdefault((entry["title"], entry["text"]), []).append(entry)
    duplicates = set()
    for entry in search_index_entries:
        if entry["location"].startswith(prefixes):
            continue
        for other in candidates.get((entry["title"], entry["text"]), ()):
            if other["location"].endswith(entry["location"]):
                duplicates.add(id(other))
    if duplicates:
        search_index_entries[:] = [entry for entry in search_index_entries if id(entry) not in duplicates]


ExtendedPlugin.reconfigure_search_duplicates = reconfigure_search_duplicates
