"""Swedish search that understands inflected words.

Material's search matches word beginnings, so "människohandel" finds
"människohandeln" but "människohandeln" does not find "människohandel".
Turning on lunr's stemmer breaks Material's search-as-you-type, so the
query side is handled instead: every page runs our worker
(assets/javascripts/workers/nmt-search.js), which strips Swedish endings
from query words (swedish-query.js) and then hands over to Material's own
worker, whose file name it gets as ?worker=. Index-side help (keywords,
glossary forms) is in search_enrichment.py.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority

from _common import is_outer_pass, no_traceback

# The worker address in the page's __config JSON, e.g.
# "search": "../assets/javascripts/workers/search.a7633da7.min.js"
WORKER = re.compile(r'("search":\s*")([^"]*/workers/)(search\.[0-9a-f]+\.min\.js)(")')


def use_our_worker(html: str) -> str:
    return WORKER.sub(lambda m: f"{m[1]}{m[2]}nmt-search.js?worker={m[3]}{m[4]}", html, count=1)


@no_traceback
def on_post_page(output, page, config):
    return use_our_worker(output)


@event_priority(-200)
@no_traceback
def on_post_build(config):
    if not is_outer_pass(config):
        return
    site = Path(config["site_dir"])
    for not_found in [site / "404.html", *site.glob("*/404.html")]:
        not_found.write_text(use_our_worker(not_found.read_text("utf-8")), "utf-8")
