"""The texts readers see, from hooks/nmt/core/strings.yml (one file, both languages).

Steps ask for a section in a language: `strings("redirects", "en")["heading"]`.
A language the file does not have gets English, the language every reader
of a missing translation is most likely to read. Templates get the same
file as the global `nmt_strings` (see overrides/partials/nmt/strings.html).

The file is read on every call and parsed once per content, so an edit during
`make serve` shows on the next rebuild (the process, and its imports, live on
between rebuilds); every caller gets its own copy of the texts.
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

from nmt.core.yaml_lines import copied

STRINGS_FILE = Path(__file__).with_name("strings.yml")
FALLBACK = "en"


def all_strings(path: Path | None = None) -> dict:
    """language → section → key → text (of STRINGS_FILE, or of `path`)."""
    return copied(_texts(path))


def strings(section: str, language: str, path: Path | None = None) -> dict:
    texts = _texts(path)
    return copied(texts.get(language, texts[FALLBACK])[section])


def languages(path: Path | None = None) -> list[str]:
    """The languages the file has texts for."""
    return list(_texts(path))


def _texts(path: Path | None) -> dict:
    """The file's texts as they are now; shared, so never handed out (callers get copies).
    Read as bytes: half the time of reading text, and steps ask a few times per page."""
    return _parsed((path or STRINGS_FILE).read_bytes())


@functools.lru_cache(maxsize=4)
def _parsed(content: bytes) -> dict:
    """The texts of one content of the file (a developers' file: plain UTF-8 YAML, no editor input)."""
    return yaml.safe_load(content.decode("utf-8"))


def add_to_templates(env, default_language: str) -> None:
    """Our templates read their texts and the default language from these globals."""
    env.globals["nmt_strings"] = all_strings()
    env.globals["nmt_default_language"] = default_language
