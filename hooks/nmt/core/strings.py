"""The texts readers see, from hooks/nmt/core/strings.yml (one file, both languages).

Steps ask for a section in a language: `strings("redirects", "en")["heading"]`.
A language the file does not have gets English, the language every reader
of a missing translation is most likely to read. Templates get the same
file as the global `nmt_strings` (see overrides/partials/nmt/strings.html).
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

STRINGS_FILE = Path(__file__).with_name("strings.yml")
FALLBACK = "en"


@functools.cache
def all_strings() -> dict:
    """language → section → key → text. Read once per process; developers' file, never changed by a build."""
    return yaml.safe_load(STRINGS_FILE.read_text("utf-8"))


def strings(section: str, language: str) -> dict:
    texts = all_strings()
    return texts.get(language, texts[FALLBACK])[section]


def add_to_templates(env, default_language: str) -> None:
    """Our templates read their texts and the default language from these globals."""
    env.globals["nmt_strings"] = all_strings()
    env.globals["nmt_default_language"] = default_language
