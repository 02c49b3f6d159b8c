"""The Atom feed of each language (site/feed.xml, site/en/feed.xml): the entries of What's new.

Every page's `changes:` notes and the register's law changes, newest first,
coming changes left out; entry ids are tag: URIs that stay while the page and
the date stay. The feed is checked on the way out (well-formed XML, unique
ids) and not written otherwise. The offline copy has none.
"""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from nmt.blocks.whats_new import (
    Entry,
    _feed_path,
    _offline,
    _text,
    newest_first,
    split_coming,
)
from nmt.core.findings import Finding, report
from nmt.core.site_facts import language_folder

ATOM = "http://www.w3.org/2005/Atom"


# --- The feed ------------------------------------------------------------------------------

def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _tag(site_url: str, entry: Entry, language: str) -> str:
    """A tag: URI (RFC 4151): stable while the page path and the date stay, and
    not tied to where the page happens to be served."""
    host = urlsplit(site_url).hostname or "localhost"
    return f"tag:{host},{entry.day.isoformat()}:{language}/{entry.key}"


def page_url(site_url: str, url: str, anchor: str = "") -> str:
    """The absolute address of a page's url ("./" is the home page: MkDocs' url of index.md)."""
    path = "" if url in (".", "./") else url.lstrip("/")
    return site_url.rstrip("/") + "/" + path + (f"#{anchor}" if anchor else "")


def atom_feed(entries: list[Entry], *, language: str, title: str, author: str, site_url: str, self_url: str,
              alternate_url: str, urls: dict[str, str], today: datetime.date) -> bytes:
    """The Atom 1.0 feed (bytes, UTF-8). urls: page (as in Entry.page) → its address below site_url.

    Coming changes are left out: an entry dated in the future would make the
    feed's `updated` a day that has not come. `updated` is the newest entry's
    date (the build date only for a feed without entries)."""
    _, past = split_coming(newest_first(entries), today)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})

    def child(parent, tag, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    child(feed, "id", self_url)
    child(feed, "title", title)
    child(feed, "updated", _timestamp(past[0].day if past else today))
    child(child(feed, "author"), "name", author)
    child(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    child(feed, "link", rel="alternate", type="text/html", hreflang=language, href=alternate_url)
    for entry in past:
        element = child(feed, "entry")
        child(element, "id", _tag(site_url, entry, language))
        child(element, "title", entry.link_text if entry.kind == "page"
              else f"{_text(language)['law']}: {entry.link_text}")
        child(element, "updated", _timestamp(entry.day))
        child(element, "link", rel="alternate", type="text/html", hreflang=language,
              href=page_url(site_url, urls.get(entry.page, ""), entry.anchor))
        child(element, "summary", entry.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_problem(feed: bytes) -> str | None:
    """What would make feed readers drop the feed or an entry, or None: checked on the way out,
    whatever the notes and the register held (XML 1.0 refuses U+FFFF; two entries with one id
    are shown as one)."""
    try:
        root = ET.fromstring(feed)
    except ET.ParseError as error:
        return f"the feed is not well-formed XML ({error})"
    ids = [element.text for element in root.iter(f"{{{ATOM}}}id")]
    repeated = sorted({entry_id for entry_id in ids if ids.count(entry_id) > 1})
    return f"two feed entries have the id {repeated[0]}" if repeated else None


def write_feed(build, now, config) -> None:
    """This language's Atom feed; the offline copy has none."""
    if _offline(config) or not now.whats_new:
        return
    language, facts = now.language, now.whats_new
    site_url = config.get("site_url")
    if not site_url:
        report([Finding(Path(config["config_file_path"]).name, 1,
                        "site_url is not set, so the Atom feed of the change list cannot have the absolute "
                        "addresses feed readers need — set site_url to the site's online address (https://…)")])
        return
    feed_path = _feed_path(config, language)
    home = language_folder(language, build.default_language)
    feed = atom_feed(
        facts["entries"], language=language, title=facts["title"] or str(config.get("site_name") or ""),
        author=facts["author"] or str(config.get("site_name") or ""), site_url=site_url,
        self_url=page_url(site_url, feed_path), alternate_url=page_url(site_url, facts["alternate"] or home),
        urls=facts["urls"], today=build.today)
    if problem := feed_problem(feed):   # the input checks let something through: a bug to fix here
        report([Finding("hooks/whats_new.py", 1, f"{feed_path}: {problem} — the feed was not written; "
                                                 "please report this to the developers")])
        return
    target = Path(config["site_dir"], feed_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(feed)
