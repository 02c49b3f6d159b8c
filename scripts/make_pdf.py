"""One PDF per language of the whole handbook: `make pdf`.

    python scripts/make_pdf.py --site site --out dist
    → dist/nmt-handbok-sv.pdf, dist/nmt-handbok-en.pdf

How it works
------------
1. From a built site (``make build``) and the navigation order in mkdocs.yml,
   one print document per language is put together: a cover (title, build
   date, git revision), a table of contents grouped by nav section, then the
   ``<article class="md-content__inner">`` of every page in nav order, and the
   footer pages (accessibility statement, about this site) at the end. Each
   article already holds the title, the "Granskad … av …" line, the content,
   "Källor" and the list of changes.
2. Links between handbook pages of the same language become in-document
   anchors (``#page-<slug>`` and ``#page-<slug>--<anchor>``); every id in a
   page gets the same prefix, so ids never clash and the PDF is self-contained.
   Links to anything else on the site (the other language, search, files)
   become absolute links to the online site. Edit buttons, permalinks and the
   "last updated" box are removed; outside links print their address (the
   print rule in nmt.css).
3. The document is written into the site folder for a moment (so the site's
   own CSS and images load with relative paths, and ``#`` links stay inside
   the document) and printed with Chromium's print-to-PDF through Playwright
   (``page.pdf``): A4, the handbook name in the header, "page / pages" in the
   footer.

Why Chromium: it is already the browser the tests drive (Debian's chromium
plus Playwright from requirements.txt), so the PDF needs no new system
dependency and is rendered exactly like the site, with the site's CSS.

Page numbers in the table of contents: Chromium cannot compute them
(no ``target-counter()``), so the document is printed twice: the first print
is read with ``pdftotext`` (poppler-utils) to find the sheet on which each page
starts, and the second print carries the numbers. Without pdftotext (or with
``--no-toc-numbers``) the table of contents has no page numbers.

Printing never contacts another host: every request that is not file:// or
data: is aborted and recorded, and the script then fails.
"""
from __future__ import annotations

import argparse
import datetime
import html
import itertools
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
from site_facts import build_date, git_revision  # noqa: E402  (hooks/ is not a package)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
FAKE_ORIGIN = "http://site.invalid/"   # resolves relative links; never requested
DEFAULT_NAME = "nmt-handbok-{lang}.pdf"
MARKER = "@@nmt-page@@"

STRINGS = {
    "sv": {
        "name": "NMT-handboken",
        "subtitle": "Metodhandbok mot prostitution och människohandel",
        "title": "NMT-handboken – Metodhandbok mot prostitution och människohandel",
        "built": "Byggd",
        "revision": "Version (git)",
        "unknown": "okänd",
        "online": "Webbplatsen på nätet",
        "contents": "Innehåll",
        "footer_group": "Om webbplatsen",
        "printed_from": "Utskrift av webbplatsen. Den senaste versionen finns alltid på nätet.",
    },
    "en": {
        "name": "The NMT Handbook",
        "subtitle": "Methods handbook against prostitution and human trafficking",
        "title": "The NMT Handbook – Methods handbook against prostitution and human trafficking",
        "built": "Built",
        "revision": "Version (git)",
        "unknown": "unknown",
        "online": "The site online",
        "contents": "Contents",
        "footer_group": "About this site",
        "printed_from": "A printout of the website. The latest version is always online.",
    },
}

PRINT_CSS = """
/* Print layout of the PDF (scripts/make_pdf.py); the site's CSS does the rest. */
html, body { background: #ffffff; }
body { display: block; margin: 0; }
.md-typeset { font-size: 0.68rem; }
.nmt-print-page { break-before: page; position: relative; }
/* Only in the first of two prints (page numbers): out of the flow, so it moves nothing. */
.nmt-print-marker { position: absolute; top: 0; left: 0; font-size: 3px; line-height: 1; color: #ffffff; }
.md-typeset .nmt-review { font-size: 0.9em; }
.md-typeset .nmt-sources, .md-typeset .nmt-changes { font-size: 0.9em; }
.nmt-print-page > .md-content__inner { margin: 0; padding: 0; }
.nmt-print-page > .md-content__inner::before { display: none; }
/* Nothing to click on paper: edit buttons, permalinks, page facts box. */
.nmt-print-page :is(.md-content__button, .headerlink, .md-source-file, .md-tags, nav) { display: none !important; }
/* Outside links print their address (nmt.css); links inside the PDF do not. */
.md-typeset a[href^="#"]::after { content: none !important; }
.md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset h4 { break-after: avoid; }
.md-typeset tr, .md-typeset li, .md-typeset .admonition { break-inside: avoid; }
/* Tables fit the sheet: Chromium would otherwise shrink every sheet to the widest table. */
.md-typeset__scrollwrap, .md-typeset__table { overflow: visible !important; margin: 0; }
.md-typeset table:not([class]) { display: table; width: 100%; table-layout: auto; font-size: 0.8em; }
.md-typeset table:not([class]) :is(th, td) { min-width: 0; padding: 0.35em 0.4em;
  overflow-wrap: break-word; hyphens: auto; }
.md-typeset pre, .md-typeset code { white-space: pre-wrap; overflow-wrap: anywhere; }

.nmt-print-cover { height: 245mm; display: flex; flex-direction: column; break-after: page;
  font-family: var(--md-text-font-family); color: #1b3a5c; }
.nmt-print-cover .band { background: #1b3a5c; color: #ffffff; padding: 14mm 12mm 12mm;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.nmt-print-cover .band img { width: 22mm; height: 22mm; display: block; margin-bottom: 8mm; }
.nmt-print-cover h1 { font-size: 30pt; line-height: 1.15; margin: 0 0 4mm; font-weight: 700; color: #ffffff; }
.nmt-print-cover .subtitle { font-size: 16pt; margin: 0; }
.nmt-print-cover dl { margin: 14mm 12mm 0; font-size: 12pt; display: grid;
  grid-template-columns: max-content auto; gap: 2mm 8mm; color: #222222; }
.nmt-print-cover dt { font-weight: 700; }
.nmt-print-cover dd { margin: 0; }
.nmt-print-cover .note { margin: auto 12mm 0; font-size: 10pt; color: #3d4752; }

.nmt-print-toc { font-family: var(--md-text-font-family); font-size: 11pt; color: #000000; }
.nmt-print-toc h1 { font-size: 20pt; color: #1b3a5c; margin: 0 0 6mm; }
.nmt-print-toc ol { list-style: none; margin: 0; padding: 0; }
.nmt-print-toc li { break-inside: avoid; }
.nmt-print-toc .section { margin-top: 3mm; }
.nmt-print-toc .section > span { display: block; font-weight: 700; margin-bottom: 1mm; color: #1b3a5c; }
.nmt-print-toc .section ol { padding-left: 6mm; }
.nmt-print-toc a { display: flex; align-items: baseline; color: #000000; text-decoration: none; padding: 0.6mm 0; }
.nmt-print-toc a .title { flex: 0 1 auto; }
.nmt-print-toc a .leader { flex: 1 1 auto; border-bottom: 1px dotted #888888; margin: 0 2mm; min-width: 8mm; }
.nmt-print-toc a .number { flex: 0 0 auto; min-width: 8mm; text-align: right; }
.nmt-print-toc.no-numbers a .leader, .nmt-print-toc.no-numbers a .number { visibility: hidden; }
"""

HEADER_TEMPLATE = """<div style="font-family: system-ui, Arial, sans-serif; font-size: 8px; color: #3d4752;
 width: 100%; margin: 0 16mm; display: flex; justify-content: space-between;">
<span>{title}</span><span>{date}</span></div>"""
FOOTER_TEMPLATE = """<div style="font-family: system-ui, Arial, sans-serif; font-size: 8px; color: #3d4752;
 width: 100%; text-align: center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>"""
MARGIN = {"top": "18mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}


class PdfError(Exception):
    """A problem the user can fix; printed as one line, no traceback."""


# --------------------------------------------------------------------------
# mkdocs.yml: languages, navigation, footer pages
# --------------------------------------------------------------------------

class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name …)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass
class Language:
    locale: str
    default: bool
    prefix: str                       # "" for the default language, "en/" otherwise
    nav_translations: dict = field(default_factory=dict)


@dataclass
class NavPage:
    src: str                          # docs path, e.g. "lagstiftning/koppleri.md"
    section: str | None               # Swedish section name (None: top level)
    footer: bool = False              # a footer page (accessibility, about)


def load_config(path: Path) -> dict:
    """mkdocs.yml as data; INHERIT (e.g. mkdocs-offline.yml) is merged like MkDocs does."""
    try:
        config = yaml.load(path.read_text("utf-8"), Loader=_ConfigLoader) or {}
    except OSError as error:
        raise PdfError(f"{path}: cannot read the MkDocs configuration ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise PdfError(f"{path}: not valid YAML ({' '.join(str(error).split())})") from None
    parent = config.pop("INHERIT", None)
    if isinstance(parent, str):
        return _merge(load_config(path.parent / parent), config)
    return config


def _merge(base: dict, child: dict) -> dict:
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def languages(config: dict) -> list[Language]:
    """The languages of the i18n plugin, default first; Swedish only without it."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):                      # plugins as a mapping
        plugins = [{name: options} for name, options in plugins.items()]
    i18n = None
    for plugin in plugins:
        if isinstance(plugin, dict) and "i18n" in plugin:
            i18n = plugin["i18n"] or {}
    theme_language = (config.get("theme") or {}).get("language", "sv")
    if not i18n:
        return [Language(theme_language, True, "", {})]
    result = []
    for entry in i18n.get("languages") or []:
        if not entry.get("build", True):
            continue
        default = bool(entry.get("default"))
        locale = entry["locale"]
        result.append(Language(locale, default, "" if default else f"{locale}/",
                               entry.get("nav_translations") or {}))
    return sorted(result, key=lambda language: not language.default)


def nav_pages(config: dict) -> list[NavPage]:
    """Every page of nav in order (a section's pages under its top-level
    name), then the footer pages of extra.footer_links."""
    pages: list[NavPage] = []

    def walk(items, section):
        for item in items or []:
            if isinstance(item, str):
                add(item, section)
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value, section or title)
                    elif isinstance(value, str):
                        add(value, section)

    def add(src, section, footer=False):
        if "://" in src or not src.endswith(".md"):
            return  # outside links in nav are not pages
        if any(page.src == src for page in pages):
            return
        pages.append(NavPage(src, section, footer))

    walk(config.get("nav"), None)
    for link in (config.get("extra") or {}).get("footer_links") or []:
        add(f"{link['page']}.md", None, footer=True)
    return pages


def page_url(src: str) -> str:
    """The directory URL of a docs page: "a/b.md" → "a/b/", "a/index.md" → "a/"."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def page_slug(src: str) -> str:
    url = page_url(src).strip("/")
    return re.sub(r"[^a-z0-9-]+", "-", url.lower()) or "start"


def url_key(path: str) -> str:
    """Both URL styles (directory URLs and the offline copy's file URLs) to
    one key: "a/b/", "a/b/index.html" and "a/b.html" → "a/b/"."""
    path = unquote(path).lstrip("/")
    if path.endswith("index.html"):
        return path[: -len("index.html")]
    if path.endswith(".html"):
        return path[: -len(".html")] + "/"
    if path and not path.endswith("/") and "." not in posixpath.basename(path):
        return path + "/"
    return path


def page_file(site: Path, url: str) -> Path | None:
    for candidate in (site / url / "index.html", site / (url.rstrip("/") + ".html")):
        if candidate.is_file():
            return candidate
    return None


# --------------------------------------------------------------------------
# Build facts
# --------------------------------------------------------------------------

# --------------------------------------------------------------------------
# The print document
# --------------------------------------------------------------------------

@dataclass
class PrintPage:
    slug: str
    title: str
    section: str | None               # in the document's language
    url: str                          # site-relative directory URL, with language prefix
    html: str = ""


@dataclass
class PrintDocument:
    language: str
    pages: list[PrintPage]
    stylesheets: list[str]
    body_attrs: dict
    site_url: str                     # links elsewhere on the site point here
    online: str                       # this language's start page online, for the cover
    logo: str | None                  # site-relative path of the theme's logo


def _strings(language: str) -> dict:
    return STRINGS.get(language, STRINGS["en"])


def collect(site: Path, config: dict, language: Language) -> PrintDocument:
    """Read the articles of one language from the built site."""
    site_url = (config.get("site_url") or "").rstrip("/") + "/" if config.get("site_url") else FAKE_ORIGIN
    entries = nav_pages(config)
    pages: list[PrintPage] = []
    missing = []
    for entry in entries:
        url = language.prefix + page_url(entry.src)
        if page_file(site, url) is None:
            missing.append(url or "/")
            continue
        if entry.footer:
            section = _strings(language.locale)["footer_group"]
        elif entry.section is not None:
            section = language.nav_translations.get(entry.section, entry.section)
        else:
            section = None
        slug = page_slug(entry.src)
        if any(page.slug == slug for page in pages):
            raise PdfError(f"two pages give the anchor #page-{slug}: rename one of them")
        pages.append(PrintPage(slug, "", section, url))
    if missing:
        raise PdfError(f"{site}: pages missing from the built site: {', '.join(missing[:5])}"
                       f"{' …' if len(missing) > 5 else ''} — run `make build` first")
    by_key = {page.url: page for page in pages}

    stylesheets: list[str] = []
    body_attrs: dict = {}
    for page in pages:
        path = page_file(site, page.url)
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        article = soup.find("article", class_="md-content__inner")
        if article is None:
            raise PdfError(f"{path}: no <article class=\"md-content__inner\"> — is this a MkDocs Material site?")
        file_url = urljoin(FAKE_ORIGIN, path.relative_to(site).as_posix())
        if not stylesheets:
            for link in soup.find_all("link", rel="stylesheet"):
                target = urljoin(file_url, link.get("href", ""))
                if target.startswith(FAKE_ORIGIN):
                    stylesheets.append(target[len(FAKE_ORIGIN):])
            body = soup.find("body")
            body_attrs = {key: value for key, value in (body.attrs if body else {}).items()
                          if key.startswith("data-md-color") or key == "dir"}
        for unwanted in article.select(".md-content__button, .headerlink, .md-source-file"):
            unwanted.decompose()
        h1 = article.find("h1")
        page.title = " ".join(h1.get_text(" ").split()) if h1 else page.url
        _rewrite(article, page, file_url, by_key, site_url)
        page.html = "".join(str(child) for child in article.contents)
    logo = (config.get("theme") or {}).get("logo")
    logo = logo if logo and "://" not in logo and (site / logo).is_file() else None
    online = site_url + language.prefix if site_url != FAKE_ORIGIN else ""
    return PrintDocument(language.locale, pages, stylesheets, body_attrs, site_url, online, logo)


def _rewrite(article, page: PrintPage, file_url: str, by_key: dict, site_url: str) -> None:
    """Prefix ids, turn links to handbook pages into anchors, make other site
    links absolute and resources relative to the site root."""
    prefix = f"page-{page.slug}--"
    for element in article.find_all(True):
        for attribute in ("id", "for"):
            if element.get(attribute):
                element[attribute] = prefix + element[attribute]
        for attribute in ("aria-labelledby", "aria-describedby", "aria-controls"):
            if element.get(attribute):
                element[attribute] = " ".join(prefix + value for value in str(element[attribute]).split())
        if element.name == "input" and element.get("name"):
            element["name"] = prefix + element["name"]       # radio groups of content tabs
        if element.name == "details":
            element["open"] = ""                               # collapsed blocks print open
        if element.get("href") is not None:
            element["href"] = _link(element["href"], page, file_url, by_key, site_url)
            if element["href"].startswith("#") and element.name == "a":
                element.attrs.pop("title", None)               # glossary tooltips: not on paper
        for attribute in ("src", "poster"):
            if element.get(attribute):
                element[attribute] = _resource(element[attribute], file_url)
        if element.get("srcset"):
            element["srcset"] = ", ".join(
                " ".join([_resource(part.split()[0], file_url), *part.split()[1:]])
                for part in element["srcset"].split(",") if part.strip())


def _link(href: str, page: PrintPage, file_url: str, by_key: dict, site_url: str) -> str:
    href = href.strip()
    if href.startswith("#"):
        return f"#page-{page.slug}--{href[1:]}" if len(href) > 1 else f"#page-{page.slug}"
    target = urljoin(file_url, href)
    if not target.startswith(FAKE_ORIGIN):
        return href                                            # https:, mailto:, tel: …
    parts = urlsplit(target)
    key = url_key(parts.path)
    if key in by_key:
        slug = by_key[key].slug
        return f"#page-{slug}--{unquote(parts.fragment)}" if parts.fragment else f"#page-{slug}"
    # Elsewhere on the site (the other language, search, a file): the online address.
    return site_url + target[len(FAKE_ORIGIN):]


def _resource(src: str, file_url: str) -> str:
    target = urljoin(file_url, src.strip())
    return target[len(FAKE_ORIGIN):] if target.startswith(FAKE_ORIGIN) else src


def render(document: PrintDocument, *, date: datetime.date, revision: str | None,
           numbers: dict[str, int] | None, markers: bool = False) -> str:
    """The whole print document as HTML. `numbers`: sheet number per slug for
    the table of contents; `markers`: put an out-of-flow text marker at the
    start of each page, so a first print shows on which sheet each page starts."""
    text = _strings(document.language)
    esc = html.escape
    head_links = "\n".join(f'<link rel="stylesheet" href="{esc(href)}">' for href in document.stylesheets)
    body_attrs = " ".join(f'{key}="{esc(str(value))}"' for key, value in document.body_attrs.items())
    online = document.online
    logo = f'<img src="{esc(document.logo)}" alt="">' if document.logo else ""
    cover = f"""
<section class="nmt-print-cover" id="cover">
  <div class="band">
    {logo}
    <h1>{esc(text['name'])}</h1>
    <p class="subtitle">{esc(text['subtitle'])}</p>
  </div>
  <dl>
    <dt>{esc(text['built'])}</dt><dd><time datetime="{date.isoformat()}">{date.isoformat()}</time></dd>
    <dt>{esc(text['revision'])}</dt><dd><code>{esc(revision or text['unknown'])}</code></dd>
    {f'<dt>{esc(text["online"])}</dt><dd>{esc(online)}</dd>' if online else ''}
  </dl>
  <p class="note">{esc(text['printed_from'])}</p>
</section>"""

    def entry(page: PrintPage) -> str:
        number = str(numbers.get(page.slug, "")) if numbers else "000"
        return (f'<li><a href="#page-{page.slug}"><span class="title">{esc(page.title)}</span>'
                f'<span class="leader"></span><span class="number">{number}</span></a></li>')

    items = []
    for section, group in itertools.groupby(document.pages, key=lambda page: page.section):
        entries = "".join(entry(page) for page in group)
        items.append(entries if section is None else
                     f'<li class="section"><span>{esc(section)}</span><ol>{entries}</ol></li>')
    toc_class = "nmt-print-toc" + ("" if numbers else " no-numbers")
    toc = f"""
<nav class="{toc_class}" id="toc" aria-labelledby="toc-title">
  <h1 id="toc-title">{esc(text['contents'])}</h1>
  <ol>{''.join(items)}</ol>
</nav>"""
    body = "\n".join(
        f'<section class="nmt-print-page" id="page-{page.slug}">\n'
        + (f'<span class="nmt-print-marker" aria-hidden="true">{MARKER}{page.slug}{MARKER}</span>\n'
           if markers else '')
        + f'<article class="md-content__inner md-typeset">{page.html}</article>\n</section>'
        for page in document.pages)
    return f"""<!doctype html>
<html lang="{esc(document.language)}">
<head>
<meta charset="utf-8">
<title>{esc(text['title'])}</title>
{head_links}
<style>{PRINT_CSS}</style>
</head>
<body {body_attrs}>
{cover}
{toc}
{body}
</body>
</html>
"""


# --------------------------------------------------------------------------
# Printing
# --------------------------------------------------------------------------

def sheet_numbers(pdf: Path, pages: list[PrintPage]) -> dict[str, int] | None:
    """The sheet on which each page starts, read back with pdftotext from a
    print with markers; None when pdftotext is missing or a marker is lost."""
    if not shutil.which("pdftotext"):
        return None
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    found = {}
    for number, sheet in enumerate(result.stdout.split("\f"), start=1):
        for slug in re.findall(rf"{re.escape(MARKER)}\s*([a-z0-9-]+)\s*{re.escape(MARKER)}", sheet):
            found.setdefault(slug, number)
    numbers = {page.slug: found.get(page.slug) for page in pages}
    return numbers if all(numbers.values()) else None


# Width of the printable area in CSS pixels: A4 minus the side margins.
PRINT_WIDTH = round((210 - 16 - 16) / 25.4 * 96)

OVERFLOW_JS = """width => {
  const found = new Set();
  for (const element of document.querySelectorAll('.nmt-print-page *')) {
    if (element.getBoundingClientRect().right <= width + 1) continue;
    if (element.parentElement && element.parentElement.getBoundingClientRect().right > width + 1) continue;
    const page = element.closest('.nmt-print-page');
    const title = page.querySelector('h1');
    found.add((title ? title.textContent.trim() : page.id) + ': <' + element.tagName.toLowerCase() + '> '
              + element.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40));
  }
  return [...found];
}"""


def print_pdf(browser, source: Path, target: Path, *, header: str, date: datetime.date) -> list[str]:
    """Print one HTML file to PDF; fail on any request to another host.
    Returns what is wider than the sheet (Chromium then shrinks every sheet)."""
    blocked: list[str] = []
    failed: list[str] = []
    context = browser.new_context(java_script_enabled=False, service_workers="block",
                                  viewport={"width": PRINT_WIDTH, "height": 1000})

    def guard(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda request: None if request.url.startswith(("file:", "data:"))
            else blocked.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    try:
        page.goto(source.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        too_wide = page.evaluate(OVERFLOW_JS, PRINT_WIDTH)
        page.pdf(
            path=str(target), format="A4", print_background=True, margin=MARGIN,
            display_header_footer=True, outline=True, tagged=True,
            header_template=HEADER_TEMPLATE.format(title=html.escape(header), date=date.isoformat()),
            footer_template=FOOTER_TEMPLATE,
        )
        make_reproducible(target)
    finally:
        context.close()
    blocked = sorted(set(blocked))
    if blocked:
        target.unlink(missing_ok=True)
        raise PdfError(f"printing {source.name} asked for other hosts (blocked): {', '.join(blocked[:5])}")
    real_failures = [failure for failure in failed if not any(url in failure for url in blocked)]
    if real_failures:
        target.unlink(missing_ok=True)
        raise PdfError(f"printing {source.name}: files missing from the site: {', '.join(real_failures[:5])}")
    return too_wide


PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")
# Structure-element ids of the tagged PDF come from Chromium's DOM node
# counter, which starts at a different number from run to run.
NODE_ID = re.compile(rb"\(node(\d{8})\)")


def make_reproducible(pdf: Path) -> None:
    """With SOURCE_DATE_EPOCH set, two prints of one commit are byte-identical.

    Chromium stamps the time of printing and numbers tagged-PDF elements from
    a counter that varies between runs. Both are replaced by values of the
    same length, so the PDF's byte offsets stay valid: the date by
    SOURCE_DATE_EPOCH, the ids by their rank (which keeps their order, so the
    sorted ID tree stays sorted).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return
    data = pdf.read_bytes()
    stamp = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
    data = PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp.encode() + b"+00'00')", data)
    ranks = {old: f"{rank:08d}".encode() for rank, old in enumerate(sorted(set(NODE_ID.findall(data)), key=int), 1)}
    data = NODE_ID.sub(lambda m: b"(node" + ranks[m.group(1)] + b")", data)
    pdf.write_bytes(data)


def pdf_page_count(pdf: Path) -> int:
    """Pages of a PDF written by Chromium (its page objects are plain text)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def make_pdfs(site: Path, out: Path, *, config_path: Path, name: str = DEFAULT_NAME,
              only: list[str] | None = None, revision: str | None = None,
              toc_numbers: bool = True, keep_html: bool = False, log=print) -> list[Path]:
    site, out = site.resolve(), out.resolve()
    if not (site / "index.html").is_file():
        raise PdfError(f"{site}: no built site here — run `make build` first")
    if not Path(CHROMIUM).exists():
        raise PdfError(f"Chromium is missing ({CHROMIUM}): run `sudo apt-get install -y chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError("Playwright is missing: run `make pdf` (it installs requirements.txt)") from None

    config = load_config(config_path)
    revision = revision or git_revision(config_path.parent)
    date = build_date()
    wanted = [language for language in languages(config) if not only or language.locale in only]
    if only and len(wanted) != len(set(only)):
        raise PdfError(f"unknown language in {only}: mkdocs.yml has "
                       f"{', '.join(language.locale for language in languages(config))}")
    out.mkdir(parents=True, exist_ok=True)
    for leftover in site.glob(".nmt-print-*.html"):             # from an interrupted run
        leftover.unlink()
    numbering = toc_numbers and shutil.which("pdftotext") is not None
    if toc_numbers and not numbering:
        log("no page numbers in the tables of contents: they need pdftotext "
            "(sudo apt-get install -y poppler-utils)")
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for language in wanted:
                started = time.monotonic()
                document = collect(site, config, language)
                text = _strings(language.locale)
                target = out / name.format(lang=language.locale)
                source = site / f".nmt-print-{language.locale}-{os.getpid()}.html"
                try:
                    # First print: with page markers when the sheets can be read back.
                    source.write_text(render(document, date=date, revision=revision, numbers=None,
                                             markers=numbering), "utf-8")
                    for problem in print_pdf(browser, source, target, header=text["title"], date=date):
                        log(f"{target.name}: warning: wider than the sheet, so Chromium prints every "
                            f"sheet smaller: {problem}")
                    if numbering:
                        # Second print: the same layout, page numbers in the contents, no markers.
                        first_count = pdf_page_count(target)
                        numbers = sheet_numbers(target, document.pages)
                        if numbers is None:
                            log(f"{target.name}: warning: could not find where each page starts; "
                                "no page numbers in the table of contents")
                        source.write_text(render(document, date=date, revision=revision, numbers=numbers),
                                          "utf-8")
                        print_pdf(browser, source, target, header=text["title"], date=date)
                        if numbers and pdf_page_count(target) != first_count:
                            raise PdfError(f"{target.name}: the page numbers moved the pages — "
                                           "run again with --no-toc-numbers and report this")
                finally:
                    if keep_html and source.exists():
                        target.with_suffix(".html").write_text(source.read_text("utf-8").replace(
                            "<head>", f'<head>\n<base href="{site.as_uri()}/">', 1), "utf-8")
                    source.unlink(missing_ok=True)
                size = target.stat().st_size
                log(f"{target}: {len(document.pages)} handbook pages, {pdf_page_count(target)} sheets, "
                    f"{size / 1024:.0f} KiB, {time.monotonic() - started:.1f} s")
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="One PDF per language of the whole handbook, "
                                                 "printed by Chromium from a built site.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the PDFs go (default: dist)")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml",
                        help="the MkDocs configuration with nav (default: mkdocs.yml)")
    parser.add_argument("--name", default=DEFAULT_NAME,
                        help="file name of each PDF, {lang} is the language (default: %(default)s)")
    parser.add_argument("--lang", action="append", dest="only", metavar="LOCALE",
                        help="only this language (repeatable; default: every language)")
    parser.add_argument("--revision", help="revision on the cover (default: git rev-parse --short HEAD)")
    parser.add_argument("--no-toc-numbers", dest="toc_numbers", action="store_false",
                        help="one print only, no page numbers in the table of contents")
    parser.add_argument("--keep-html", action="store_true",
                        help="also write the print HTML next to the PDFs (for checking the layout)")
    args = parser.parse_args(argv)
    if "{lang}" not in args.name and (args.only is None or len(args.only) > 1):
        parser.error("--name must contain {lang} when more than one language is printed")
    try:
        make_pdfs(args.site, args.out, config_path=args.config, name=args.name, only=args.only,
                  revision=args.revision, toc_numbers=args.toc_numbers, keep_html=args.keep_html)
    except PdfError as error:
        print(f"make_pdf: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
