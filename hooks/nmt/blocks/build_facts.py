"""Facts about this build, for readers.

- <!-- nmt:build-facts --> ("Om denna kopia / About this copy"): a table with
  the build date, the git revision and the online address, so a region knows
  which version its copy is; a region's copy adds the region, its owner and its
  dates (blocks/regional.py). The date honours SOURCE_DATE_EPOCH, so two
  builds of one commit are identical.
- <!-- nmt:printable-links --> ("Om webbplatsen / About this site"): links to
  the printable PDFs, which `make pdf` and `make offline` put in pdf/ at the
  site root (they are printed from the built site, so they are not docs/ files
  that MkDocs could check).
"""
from __future__ import annotations

import datetime

from markupsafe import Markup
from mkdocs.utils import get_relative_url

from nmt.blocks import regional
from nmt.core.site_facts import site_languages as languages
from nmt.core.strings import strings

MARKER = "<!-- nmt:build-facts -->"
PDF_MARKER = "<!-- nmt:printable-links -->"
PDF_NAME = "pdf/nmt-handbok-{language}.pdf"


def facts_table(language: str, date: datetime.date, revision: str | None, site_url: str) -> str:
    text = strings("build_facts", language)
    fact, value, built, version, online, unknown = (text[key] for key in
                                                     ("fact", "value", "built", "version", "online", "unknown"))
    return "\n".join([
        f"| {fact} | {value} |", "|---|---|",
        f"| {built} | {date.isoformat()} |",
        f"| {version} | `{revision or unknown}` |",
        f"| {online} | {f'<{site_url}>' if site_url else unknown} |",
    ])


def printable_links(language: str, page_url: str, languages: list[str]) -> str:
    """HTML list of the PDFs, with links relative to the page (every value escaped by Markup.format)."""
    labels = strings("build_facts", language)["pdf"]
    items = Markup("").join(
        Markup('<li><a href="{}" type="application/pdf">{}</a></li>').format(
            get_relative_url(PDF_NAME.format(language=lang), page_url), labels.get(lang, lang))
        for lang in languages)
    return str(Markup('<ul class="nmt-downloads">{}</ul>').format(items))


def add_build_date(build, context) -> None:
    # For the offline copy's age notice (overrides/partials/nmt/copy-age.html).
    context["nmt_built"] = build.today.isoformat()


def add_facts(build, markdown, page, config) -> str:
    language = getattr(page.file, "locale", None) or config.theme["language"]
    if MARKER in markdown:
        # In the preview MkDocs has replaced site_url with its own http://127.0.0.1 address,
        # which is not the site's address (and would be reported as an http link).
        online = "" if build.preview else config.get("site_url") or ""
        table = facts_table(language, build.today, build.revision, online) + regional.facts_rows(build, language)
        markdown = markdown.replace(MARKER, table)
    if PDF_MARKER in markdown:
        markdown = markdown.replace(PDF_MARKER, printable_links(language, page.url, languages(config)))
    return markdown
