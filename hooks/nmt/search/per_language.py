"""Each language searches only its own pages.

static-i18n merges every language into one search/search_index.json, so a
Swedish search also lists English pages. After the whole build we split that
index by language: the default language keeps search/, every other language
gets <lang>/search/. Its pages get a search "base" of <lang>/ so Material's
search loads the index (and, offline, search_index.js) from there.

This relies on two Material internals: the "base" key of the page's
__config JSON, and the index path search/search_index.json below it.
tests/browser/test_search_quality.py checks the result in Chromium on http
and file://.

After the output guard has checked the entries, each language's index becomes
the search engine's index (search/prebuilt.py): script parts that our worker
loads, and a search_index.json that only says where they are, so the page
itself never downloads or parses the entries (online and offline alike).
"""
from __future__ import annotations

import functools
import json
import posixpath
import shutil
from pathlib import Path

from nmt.core.site_facts import default_language, language_folder
from nmt.core.site_facts import site_languages as languages
from nmt.search import enrichment as search_enrichment
from nmt.search import prebuilt as search_prebuilt


def language_of(location: str, others: list[str]) -> str | None:
    """The non-default language a search location belongs to, or None."""
    first = location.split("/", 1)[0]
    return first if first in others else None


def indexes_by_language(index: dict, default: str, others: list[str]) -> dict[str, dict]:
    """One search index per language; locations relative to that language's root.
    Takes the entries of `index` (changes their locations, no copies)."""
    docs: dict[str, list] = {language: [] for language in [default, *others]}
    for doc in index["docs"]:
        language = language_of(doc["location"], others)
        if language is None:
            docs[default].append(doc)
        else:
            doc["location"] = doc["location"][len(language) + 1:]
            docs[language].append(doc)
    return {
        language: {"config": {**index["config"], "lang": [language]}, "docs": entries}
        for language, entries in docs.items()
    }


def point_search_at(settings: dict, language: str) -> None:
    """Make a page's search base (Material's __config settings) <base>/<language>/ (trailing slash needed)."""
    base = settings.get("base", "")
    joined = base.rstrip("/") + "/" + language + "/" if base not in ("", ".") else language + "/"
    settings["base"] = posixpath.normpath(joined) + "/"


PARTS = "search_index"  # the engine's script files: search_index-0.js, search_index-1.js, …


def engine_config(index: dict, folder: str, parts: int) -> dict:
    """What Material hands our worker instead of the entries: where the
    engine's index is (relative to the site root, which the worker finds
    from its own address) and in how many parts."""
    return {**index["config"], "nmt": {"folder": folder, "name": PARTS, "parts": parts}}


def write_engine_index(folder: Path, relative: str, index: dict, glossary: dict, offline: bool) -> None:
    """The engine's index in script parts, and the small search_index.json
    (and, offline, search_index.js) that Material's page script reads: the
    page no longer downloads or parses the entries, the worker loads the parts.
    Page entries first get the other names their titles give (search/enrichment.py)."""
    config = index.get("config", {})
    language = (config.get("lang") or ["en"])[0]
    stop = search_prebuilt.stop_words(language, search_prebuilt.material_javascripts())
    stop = stop if stop is not None and "stopWordFilter" in config.get("pipeline", []) else frozenset()
    search_enrichment.add_concept_names(index.get("docs", []), glossary, language, stop)
    built = search_prebuilt.build(index, stop)
    for old in folder.glob(f"{PARTS}-*.js"):
        old.unlink()
    parts = 0
    for name, text in search_prebuilt.script_parts(index, built, PARTS):
        (folder / name).write_text(text, encoding="utf-8")
        parts += 1
    small = {"config": engine_config(index, relative, parts), "docs": []}
    data = json.dumps(small, separators=(",", ":"), ensure_ascii=False)
    (folder / "search_index.json").write_text(data, encoding="utf-8")
    if offline:  # Material's offline search reads the index from a script (no fetch on file://)
        (folder / "search_index.js").write_text("var __index = " + data, encoding="utf-8")


def write_engine_index_of(build, config, language: str) -> None:
    """After the whole build and the output guard's check of the entries:
    the language's search_index.json becomes the engine's index."""
    offline_plugin = config.plugins.get("material/offline")
    offline = bool(offline_plugin and offline_plugin.config.enabled)
    relative = language_folder(language, default_language(config)) + "search/"
    folder = Path(config["site_dir"]) / relative
    index_file = folder / "search_index.json"
    if index_file.exists():
        index = json.loads(index_file.read_text("utf-8"))
        write_engine_index(folder, relative, index, build.glossary, offline)


def read_entries(folder: Path) -> list[dict]:
    """A language's search entries as the site holds them (for tests and make bench)."""
    return search_prebuilt.read_parts(folder, PARTS)[1]


def write_json(path: Path, index: dict) -> None:
    """json.dumps(index) with Material's separators, written one entry at a time:
    at 2000 pages per language an index is some 20 MB as one string."""
    dump = functools.partial(json.dumps, separators=(",", ":"), ensure_ascii=False)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"config":' + dump(index["config"]) + ',"docs":[')
        for number, doc in enumerate(index["docs"]):
            out.write(("," if number else "") + dump(doc))
        out.write("]}")


def split_index(config) -> None:
    """After the whole build: one index per language, in Material's format
    (write_engine_index_of turns each into the engine's index after the check)."""
    site = Path(config["site_dir"])
    merged = site / "search" / "search_index.json"
    if not merged.exists():
        return
    default = default_language(config)
    others = [language for language in languages(config) if language != default]
    for language, index in indexes_by_language(json.loads(merged.read_text("utf-8")), default, others).items():
        root = site / language_folder(language, default)
        (root / "search").mkdir(parents=True, exist_ok=True)
        write_json(root / "search" / "search_index.json", index)
        if language != default:
            # Material fetches sitemap.xml next to the search base.
            sitemap = site / "sitemap.xml"
            if sitemap.exists():
                shutil.copyfile(sitemap, root / "sitemap.xml")
