"""Each language searches only its own pages.

static-i18n merges every language into one search/search_index.json, so a
Swedish search also lists English pages. After the whole build we split that
index by language: the default language keeps search/, every other language
gets <lang>/search/. Its pages get a search "base" of <lang>/ so Material's
search loads the index (and, offline, search_index.js) from there.

This relies on two Material internals: the "base" key of the page's
__config JSON, and the index path search/search_index.json below it.
tests/browser/test_search.py checks the result in Chromium on http and file://.

In the offline copy each language's index is also prebuilt for lunr
(search/prebuilt.py), so that the browser does not build it on every page view.
"""
from __future__ import annotations

import json
import posixpath
import shutil
from pathlib import Path

from nmt.core.site_facts import default_language
from nmt.core.site_facts import site_languages as languages
from nmt.search import prebuilt as search_prebuilt


def language_of(location: str, others: list[str]) -> str | None:
    """The non-default language a search location belongs to, or None."""
    first = location.split("/", 1)[0]
    return first if first in others else None


def indexes_by_language(index: dict, default: str, others: list[str]) -> dict[str, dict]:
    """One search index per language; locations relative to that language's root."""
    docs: dict[str, list] = {language: [] for language in [default, *others]}
    for doc in index["docs"]:
        language = language_of(doc["location"], others)
        if language is None:
            docs[default].append(doc)
        else:
            docs[language].append({**doc, "location": doc["location"][len(language) + 1:]})
    return {
        language: {"config": {**index["config"], "lang": [language]}, "docs": entries}
        for language, entries in docs.items()
    }


def point_search_at(settings: dict, language: str) -> None:
    """Make a page's search base (Material's __config settings) <base>/<language>/ (trailing slash needed)."""
    base = settings.get("base", "")
    joined = base.rstrip("/") + "/" + language + "/" if base not in ("", ".") else language + "/"
    settings["base"] = posixpath.normpath(joined) + "/"


PREBUILT = "search_prebuilt"


def offline_index_script(index: dict, parts: int) -> str:
    """search_index.js: Material's offline search reads the index from a script
    (no fetch on file://). With a prebuilt index (parts > 0) it holds only the
    config and where the prebuilt parts are, which the search worker loads
    itself: the page no longer parses every entry on every view, and Material
    hands the worker a small message instead of copying the whole index."""
    if not parts:
        return "var __index = " + json.dumps(index, separators=(",", ":"), ensure_ascii=False)
    small = {"config": {**index["config"], "nmt_prebuilt": {"base": PREBUILT, "parts": parts}}, "docs": []}
    return ("var __index = " + json.dumps(small, separators=(",", ":"), ensure_ascii=False) + ";\n"
            "__index.config.nmt_prebuilt.base = new URL(__index.config.nmt_prebuilt.base, document.currentScript.src).href;\n")


def write_index(folder: Path, index: dict, offline: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(index, separators=(",", ":"), ensure_ascii=False)
    (folder / "search_index.json").write_text(data, encoding="utf-8")
    if offline:
        prebuilt = search_prebuilt.prebuild(index)
        parts = search_prebuilt.script_parts(index, prebuilt, PREBUILT) if prebuilt is not None else {}
        for name, text in parts.items():
            (folder / name).write_text(text, encoding="utf-8")
        (folder / "search_index.js").write_text(offline_index_script(index, len(parts)), encoding="utf-8")


def split_index(config) -> None:
    """After the whole build: one index per language (and, offline, prebuilt for lunr)."""
    site = Path(config["site_dir"])
    merged = site / "search" / "search_index.json"
    if not merged.exists():
        return
    default = default_language(config)
    others = [language for language in languages(config) if language != default]
    offline_plugin = config.plugins.get("material/offline")
    offline = bool(offline_plugin and offline_plugin.config.enabled)
    for language, index in indexes_by_language(json.loads(merged.read_text("utf-8")), default, others).items():
        root = site if language == default else site / language
        write_index(root / "search", index, offline)
        if language != default:
            # Material fetches sitemap.xml next to the search base.
            sitemap = site / "sitemap.xml"
            if sitemap.exists():
                shutil.copyfile(sitemap, root / "sitemap.xml")
