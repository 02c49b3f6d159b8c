"""The site's facts, computed one way for hooks, scripts and tests alike.

- the configuration, read by MkDocs' own loader (INHERIT and !ENV included);
- its languages and the default language (static-i18n's settings);
- the language of a docs file name (page.md is the default language,
  page.en.md English);
- the build date and time: SOURCE_DATE_EPOCH (reproducible builds), else the
  last commit's time, else now — so "About this copy", the PDF cover and the
  zip's name always agree;
- the git revision, or None outside git (a tarball).
"""
from __future__ import annotations

import datetime
import os
import re
import subprocess
from pathlib import Path

from nmt.core.dates import utc_day

ROOT = Path(__file__).resolve().parents[3]   # hooks/nmt/core/ → the repository
LANGUAGE_SUFFIX = re.compile(r"\.([a-z]{2})\.md$")


def load_site_config(path: Path = ROOT / "mkdocs.yml"):
    """The MkDocs configuration, validated by MkDocs itself (plugins and hooks loaded)."""
    from mkdocs.config import (
        load_config,  # imported late: scripts that never need it start faster
    )

    return load_config(config_file=str(path))


def is_preview(config) -> bool:
    """True in `mkdocs serve`: it sets site_url to its own address (http://<dev_addr>/…) for every rebuild.

    Read from the config rather than kept from on_startup, so that no hook has
    to remember anything between builds."""
    host, port = config["dev_addr"]
    return str(config.get("site_url") or "").startswith(f"http://{host}:{port}/")


def site_languages(config) -> list[str]:
    """The built languages, the default one first."""
    i18n = config["plugins"].get("i18n")
    if i18n is None:
        return [config["theme"]["language"]]
    languages = [str(language.locale) for language in i18n.config.languages if language.build]
    default = i18n.config.languages[0].locale if not any(l.default for l in i18n.config.languages) else \
        next(str(l.locale) for l in i18n.config.languages if l.default)
    return [default, *(language for language in languages if language != default)]


def default_language(config) -> str:
    return site_languages(config)[0]


def language_of(file_name: str, default: str, languages: list[str]) -> str:
    """'en' for 'a/b.en.md', the default language for 'a/b.md' (or an unknown suffix)."""
    match = LANGUAGE_SUFFIX.search(file_name)
    return match.group(1) if match and match.group(1) in languages else default


def language_folder(language: str, default: str) -> str:
    """Where a language's pages are built, from the site root: "" for the default language, "en/" for English."""
    return "" if language == default else f"{language}/"


def has_language_suffix(file_name: str) -> bool:
    """True for 'a/b.en.md' (a translation, or an unknown suffix), False for 'a/b.md'."""
    return LANGUAGE_SUFFIX.search(file_name) is not None


def default_language_page(src_uri: str) -> str:
    """The page as the default language names it: 'lagstiftning/x.en.md' → 'lagstiftning/x.md'."""
    return LANGUAGE_SUFFIX.sub(".md", src_uri)


def _git(*args: str, folder: Path = ROOT) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def build_timestamp(folder: Path = ROOT) -> int:
    """Seconds since 1970 (UTC): SOURCE_DATE_EPOCH, else the last commit's time, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or _last_commit_time(folder)
    return int(epoch) if epoch.isdigit() else int(datetime.datetime.now(datetime.timezone.utc).timestamp())


def _last_commit_time(folder: Path) -> str:
    # Asked again each time (no cache): `mkdocs serve` lives on between rebuilds, and a commit
    # made meanwhile moves the date. A build asks once (Build.today), and only without SOURCE_DATE_EPOCH.
    return _git("log", "-1", "--format=%ct", folder=folder)


def build_date(folder: Path = ROOT) -> datetime.date:
    return utc_day(build_timestamp(folder))


def git_revision(folder: Path = ROOT) -> str | None:
    """The short commit id, or None outside git."""
    return _git("rev-parse", "--short", "HEAD", folder=folder) or None


def region_variable() -> str:
    """The environment variable that names a region's folder: `make offline REGION=path` sets it
    for the build (registers/regions.py), so the region's copy holds its supplements."""
    return "NMT_REGION"
