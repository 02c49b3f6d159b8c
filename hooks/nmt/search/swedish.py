"""Our search worker in place of Material's.

Every page runs our worker (assets/javascripts/workers/nmt-search.js) where
Material would run its own: it answers Material's search box with the
handbook's search engine (search-engine.js: Swedish and English word forms,
diacritics, typos, other names) from the index made at build time
(search/prebuilt.py), online and offline alike. Index-side help (keywords,
glossary forms, other names) is in search/enrichment.py.
"""
from __future__ import annotations

from urllib.parse import quote

from nmt.core.site_facts import language_folder


def use_our_worker(settings: dict, language: str, default: str) -> None:
    """Point Material's __config "search" (the worker's address) at our worker,
    beside Material's, naming the folder of the page's language's index (from
    the site root) so that the worker starts loading it at once, while the
    page still loads, instead of when Material's set-up message comes."""
    folder, _, worker = settings.get("search", "").rpartition("/workers/")
    if worker.startswith("search.") and worker.endswith(".min.js"):
        index = language_folder(language, default) + "search/"
        settings["search"] = f"{folder}/workers/nmt-search.js?index={quote(index)}"
