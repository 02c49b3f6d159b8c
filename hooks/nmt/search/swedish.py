"""Swedish search that understands inflected words.

Material's search matches word beginnings, so "människohandel" finds
"människohandeln" but "människohandeln" does not find "människohandel".
Turning on lunr's stemmer breaks Material's search-as-you-type, so the
query side is handled instead: every page runs our worker
(assets/javascripts/workers/nmt-search.js), which strips Swedish endings
from query words (swedish-query.js) and then hands over to Material's own
worker, whose file name it gets as ?worker=. Index-side help (keywords,
glossary forms) is in search/enrichment.py.
"""
from __future__ import annotations


def use_our_worker(settings: dict) -> None:
    """Point Material's __config "search" (the worker's address) at our worker, which loads Material's."""
    folder, _, worker = settings.get("search", "").rpartition("/workers/")
    if worker.startswith("search.") and worker.endswith(".min.js"):
        settings["search"] = f"{folder}/workers/nmt-search.js?worker={worker}"
