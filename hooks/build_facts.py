"""Build facts on the page "Om denna kopia / About this copy".

A region that hosts or opens an offline copy needs to know which version
it has: the build date, the git revision and where the online site is. The
line <!-- nmt:build-facts --> becomes a small table. The date honours
SOURCE_DATE_EPOCH, so two builds of one commit are identical.
"""
from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from _common import build_date, no_traceback

MARKER = "<!-- nmt:build-facts -->"
LABELS = {
    "sv": ("Uppgift", "Värde", "Byggd", "Version (git)", "Webbplatsen på nätet", "okänd"),
    "en": ("Fact", "Value", "Built", "Version (git)", "The site online", "unknown"),
}


def git_revision(folder: Path) -> str | None:
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None


def facts_table(language: str, date: datetime.date, revision: str | None, site_url: str) -> str:
    fact, value, built, version, online, unknown = LABELS.get(language, LABELS["en"])
    return "\n".join([
        f"| {fact} | {value} |", "|---|---|",
        f"| {built} | {date.isoformat()} |",
        f"| {version} | `{revision or unknown}` |",
        f"| {online} | <{site_url}> |",
    ])


@no_traceback
def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    language = getattr(page.file, "locale", None) or config.theme["language"]
    table = facts_table(language, build_date(), git_revision(Path(config["config_file_path"]).parent),
                        config.get("site_url") or "")
    return markdown.replace(MARKER, table)
