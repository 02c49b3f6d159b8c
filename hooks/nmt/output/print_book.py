"""The print document of the whole handbook, one per language: what `make pdf` prints.

The build knows the nav, the pages' URLs and their finished HTML, so it puts
the document together and scripts/make_pdf.py only prints it with Chromium.
The document is a cover (title, build date, git revision), a table of
contents grouped by nav section, then the `<article class="md-content__inner">`
of every page in nav order, and the footer pages (extra.footer_links) at
the end. Each article already holds the title, the "Granskad … av …" line,
the content, "Källor" and the list of changes.

Links between the language's handbook pages become in-document anchors
(`#page-<slug>`, `#page-<slug>--<anchor>`); every id in a page gets the
same prefix, so ids never clash. Links to anything else on the site (the
other language, search, files) become absolute links to the online site.
Edit buttons, permalinks and the "last updated" box are removed.

Where: `site/assets/print/<language>.html`, with the print layout in
`print.css` next to them. Not in `pdf/` or `en/pdf/`: the print document is
a source for the printer, not a page for readers, and everything that takes
a site's *.html for its pages (the search index per language, hreflang, the
language switcher, the accessibility and privacy checks of every page)
leaves assets/ out. One folder for every language: make_pdf.py finds the
languages by the files there, and every relative link has the same depth.

Each page starts with a marker (white, 3px, out of the flow) that
make_pdf.py reads back from a first print to number the table of contents.
"""
from __future__ import annotations

import itertools
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url
from selectolax.lexbor import LexborHTMLParser

from nmt.blocks.step_guide import ROOT_CLASS as STEPS
from nmt.core import memory
from nmt.core.findings import Finding, report
from nmt.core.site_facts import default_language_page, language_folder
from nmt.core.strings import strings
from nmt.policy.html import KnownScripts, Violation, check_page, duplicate_id_message, with_csp

FOLDER = "assets/print"            # below the site root: <language>.html and print.css
STYLESHEET = f"{FOLDER}/print.css"
MARKER = "@@nmt-page@@"            # around a page's slug in its marker
FAKE_ORIGIN = "http://site.invalid/"  # resolves relative links; never requested
UNPRINTED = ".md-content__button, .headerlink, .md-source-file"  # nothing to click on paper
GUIDE_ID = "nmt-steps"             # the id of the one printed guide

FONTS = "assets/vendor/fonts"       # the PDFs' fonts (scripts/vendor.sh); make_pdf.py shows Chromium only these
TEXT_FONT, CODE_FONT = "Source Sans 3", "Source Code Pro"

PRINT_CSS = """/* Print layout of the handbook's PDF (hooks/nmt/output/print_book.py); the site's CSS does the rest. */
/* The project's own fonts, so the PDF is the same whatever fonts a machine has. */
@font-face { font-family: "Source Sans 3"; font-weight: 400; font-style: normal; src: url("../vendor/fonts/SourceSans3-Regular.ttf"); }
@font-face { font-family: "Source Sans 3"; font-weight: 400; font-style: italic; src: url("../vendor/fonts/SourceSans3-It.ttf"); }
@font-face { font-family: "Source Sans 3"; font-weight: 700; font-style: normal; src: url("../vendor/fonts/SourceSans3-Bold.ttf"); }
@font-face { font-family: "Source Sans 3"; font-weight: 700; font-style: italic; src: url("../vendor/fonts/SourceSans3-BoldIt.ttf"); }
@font-face { font-family: "Source Code Pro"; font-weight: 400; font-style: normal; src: url("../vendor/fonts/SourceCodePro-Regular.ttf"); }
:root { --md-text-font-family: "Source Sans 3"; --md-code-font-family: "Source Code Pro"; }
html, body { background: #ffffff; }
body { display: block; margin: 0; }
.md-typeset { font-size: 0.68rem; }
.nmt-print-page { break-before: page; position: relative; }
/* make_pdf.py reads it back from a first print (page numbers): out of the flow, so it moves nothing. */
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
  overflow-wrap: break-word; hyphens: manual; }
/* A table that is still wider than the sheet (make_pdf.py marks it): smaller, and its words may
   break anywhere, which also lowers each column's smallest width (Chromium has no Swedish
   hyphenation dictionary). Only such tables: elsewhere it would squeeze short columns. */
.md-typeset table[data-nmt-too-wide] { font-size: 0.7em; }
.md-typeset table[data-nmt-too-wide] :is(th, td) { overflow-wrap: anywhere; padding: 0.3em 0.25em; }
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
/* The six steps are printed once; a step's page says which step it is and points there. */
.md-typeset .nmt-print-step { border-left: 0.2rem solid #1b3a5c; padding: 0.2em 0 0.2em 0.6em; }
"""


@dataclass
class PrintPage:
    src: str                      # docs path in the default language's name, e.g. "lagstiftning/koppleri.md"
    url: str                      # site-relative, with the language folder
    section: str | None           # top-level nav section, in this language (None: top level)
    article: tuple[int, int] | None = None  # where the finished page's <article> is in Book.store, once built
    guide: str | None = None      # the six steps on the page: OVERVIEW, or STEP (its own step marked)
    slug: str = field(init=False)  # its anchor in the document: #page-<slug>

    def __post_init__(self):
        self.slug = page_slug(self.src)


OVERVIEW, STEP = "overview", "step"


@dataclass
class Book:
    """One language's print document while the pages are built.

    The articles wait in a file of the build's temporary folder (`store`),
    not in memory: at 2000 pages per language they are some 60 MB of text."""
    pages: dict[str, PrintPage]   # url → page, in print order
    stylesheets: list[str] = field(default_factory=list)  # below the site root, from the first page
    body_attributes: dict = field(default_factory=dict)   # the colour scheme and direction of <body>
    store: Path | None = None     # the articles, one after the other (UTF-8)

    def keep(self, page: PrintPage, article: str | None) -> None:
        """The page's finished article (None: the guard refused the page)."""
        page.article = page.guide = None
        if article is None:
            return
        data = article.encode("utf-8")
        with self.store.open("ab") as store:
            page.article = (store.tell(), len(data))
            store.write(data)
        if f'class="{STEPS}"' in article:
            page.guide = STEP if f"{STEPS}__step--current" in article else OVERVIEW

    def article_of(self, page: PrintPage) -> str:
        start, length = page.article
        with self.store.open("rb") as store:
            store.seek(start)
            return store.read(length).decode("utf-8")


def text_for(language: str) -> dict:
    return strings("print_book", language)


def page_slug(src: str) -> str:
    """'lagstiftning/koppleri.md' → 'lagstiftning-koppleri', 'index.md' → 'start' (the same in every language)."""
    stem = src[:-len(".md")]
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return re.sub(r"[^a-z0-9-]+", "-", stem.lower()) or "start"


def url_key(path: str) -> str:
    """Both URL styles (directory URLs, the offline copy's file URLs) as one key:
    'a/b/', 'a/b/index.html', 'a/b.html' and 'a/b' → 'a/b/'."""
    path = unquote(path).lstrip("/")
    if path.endswith("index.html"):
        return path[:-len("index.html")]
    if path.endswith(".html"):
        return path[:-len(".html")] + "/"
    if path and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        return path + "/"
    return path


def _top_section(page) -> str | None:
    section = page.parent
    while section is not None and section.parent is not None:
        section = section.parent
    return section.title if section is not None else None


def print_order(nav, files, footer_links: list, footer_group: str) -> dict[str, PrintPage]:
    """The nav's pages in order (under their top-level section), then the footer pages."""
    pages: dict[str, PrintPage] = {}
    footer = [files.get_file_from_path(f"{link['page']}.md") for link in footer_links]
    entries = [(page, _top_section(page)) for page in nav.pages]
    entries += [(file.page, footer_group) for file in footer if file is not None and file.page is not None]
    for page, section in entries:
        if page.url not in pages:
            pages[page.url] = PrintPage(default_language_page(page.file.src_uri), page.url, section)
    return pages


def _site_path(href: str, base_url: str) -> str | None:
    """A link's path below the site root, or None when it leaves the site (https:, mailto: …)."""
    target = urljoin(FAKE_ORIGIN + base_url, href.strip())
    return target[len(FAKE_ORIGIN):] if target.startswith(FAKE_ORIGIN) else None


@dataclass(frozen=True)
class GuideHome:
    """The one page of the print document that shows the six steps in full."""
    slug: str
    title: str


def guide_home(book: Book) -> GuideHome | None:
    """The overview that shows the guide without a current step (its marker page), else the
    first page with the guide; None when no page has it. The other pages get one line instead."""
    with_guide = [page for page in book.pages.values() if page.article and page.guide]
    overview = [page for page in with_guide if page.guide == OVERVIEW]
    home = (overview or with_guide or [None])[0]
    if home is None:
        return None
    heading = LexborHTMLParser(book.article_of(home)).css_first("article h1")
    return GuideHome(home.slug, " ".join(heading.text(separator=" ").split()) if heading else home.url)


class Rewriter:
    """Turns one language's articles into parts of the print document at `place`."""

    def __init__(self, book: Book, place: str, site_url: str, language: str):
        self.book = book
        self.slugs = {url_key(page.url): page.slug for page in book.pages.values()}
        self.place, self.site_url, self.language = place, site_url, language
        self.guide_home = guide_home(book)
        self.ids: list[str] = []   # every id the articles get, for the whole document's check (write_document)

    def link(self, href: str, page: PrintPage) -> str:
        href = href.strip()
        if href.startswith("#"):
            return f"#page-{page.slug}--{href[1:]}" if len(href) > 1 else f"#page-{page.slug}"
        path = _site_path(href, page.url)
        if path is None:
            return href
        parts = urlsplit(path)
        target = self.slugs.get(url_key(parts.path))
        if target is not None:
            return f"#page-{target}--{unquote(parts.fragment)}" if parts.fragment else f"#page-{target}"
        # Elsewhere on the site (the other language, search, a file): its address online.
        return self.site_url + path if self.site_url else get_relative_url(path, self.place)

    def resource(self, src: str, page: PrintPage) -> str:
        path = _site_path(src, page.url)
        return src if path is None else get_relative_url(path, self.place)

    def article(self, page: PrintPage) -> tuple[str, str]:
        """(title, article HTML) of one page, ready for the document."""
        article = LexborHTMLParser(self.book.article_of(page)).css_first("article")
        for unwanted in article.css(UNPRINTED):
            unwanted.decompose()
        heading = article.css_first("h1")
        title = " ".join(heading.text(separator=" ").split()) if heading else page.url
        guide = article.css_first(f"div.{STEPS}")
        is_home = self.guide_home is not None and page.slug == self.guide_home.slug
        if guide is not None and is_home:
            guide.attrs["id"] = GUIDE_ID
        for element in article.traverse(include_text=False):
            if element.is_element_node:  # not comments
                self._rewrite(element, page)
        if guide is not None and not is_home:
            guide.replace_with(LexborHTMLParser(self._step_line(guide)).css_first("p"))
        return title, article.html

    def _step_line(self, guide) -> str:
        """What a page prints instead of the guide: which step it is, and where the whole guide is."""
        text = text_for(self.language)
        steps = guide.css("li.nmt-steps__step")
        current = next((number for number, step in enumerate(steps, 1)
                        if "nmt-steps__step--current" in (step.attributes.get("class") or "")), None)
        parts = []
        if current is not None:
            step_title = steps[current - 1].css_first(".nmt-steps__title")
            parts.append(escape(text["step_line"].format(number=current, total=len(steps),
                                                         title=step_title.text().strip() if step_title else "")))
        home = self.guide_home  # not None: this page has a guide, so some page is its home
        link = Markup('<a href="#page-{}--{}">{}</a>').format(home.slug, GUIDE_ID, home.title)
        parts.append(escape(text["whole_guide"]).replace("{page}", link))   # the words escaped, the link markup
        return str(Markup('<p class="nmt-print-step">{}</p>').format(Markup(" ").join(parts)))

    def _rewrite(self, element, page: PrintPage) -> None:
        """Prefix ids, turn links to handbook pages into anchors, point resources at the site's files."""
        current, changed, prefix = element.attributes, element.attrs, f"page-{page.slug}--"
        for name in ("id", "for"):
            if current.get(name):
                changed[name] = prefix + current[name]
        if current.get("id"):
            self.ids.append(prefix + current["id"])
        for name in ("aria-labelledby", "aria-describedby", "aria-controls"):
            if current.get(name):
                changed[name] = " ".join(prefix + value for value in current[name].split())
        if element.tag == "input" and current.get("name"):
            changed["name"] = prefix + current["name"]          # radio groups of content tabs
        if element.tag == "details":
            changed["open"] = ""                                # collapsed blocks print open
        if current.get("href") is not None:
            changed["href"] = href = self.link(current["href"], page)
            if element.tag == "a" and href.startswith("#") and "title" in current:
                del changed["title"]                            # glossary tooltips: not on paper
        for name in ("src", "poster"):
            if current.get(name):
                changed[name] = self.resource(current[name], page)
        if current.get("srcset"):
            changed["srcset"] = ", ".join(
                " ".join([self.resource(part.split()[0], page), *part.split()[1:]])
                for part in current["srcset"].split(",") if part.strip())


def _cover(text: dict, date, revision: str | None, online: str, logo: str | None) -> Markup:
    image = Markup('<img src="{}" alt="">').format(logo) if logo else ""
    online_row = Markup("<dt>{}</dt><dd>{}</dd>").format(text["online"], online) if online else ""
    return COVER.format(image=image, online_row=online_row, day=date.isoformat(),
                        revision=revision or text["unknown"], text=text)


# Markup.format escapes every value it fills in (titles come from editors' pages).
COVER = Markup("""
<section class="nmt-print-cover" id="cover">
  <div class="band">
    {image}
    <h1>{text[name]}</h1>
    <p class="subtitle">{text[subtitle]}</p>
  </div>
  <dl>
    <dt>{text[built]}</dt><dd><time datetime="{day}">{day}</time></dd>
    <dt>{text[revision]}</dt><dd><code>{revision}</code></dd>
    {online_row}
  </dl>
  <p class="note">{text[printed_from]}</p>
</section>""")


def _contents(text: dict, pages: list[tuple[PrintPage, str]]) -> Markup:
    """The table of contents of (page, title); "000" keeps the numbers' room until make_pdf.py fills them in."""
    entry = Markup('<li><a href="#page-{}"><span class="title">{}</span>'
                   '<span class="leader"></span><span class="number">000</span></a></li>')
    items = []
    for section, group in itertools.groupby(pages, key=lambda item: item[0].section):
        entries = Markup("").join(entry.format(page.slug, title) for page, title in group)
        items.append(entries if section is None else
                     Markup('<li class="section"><span>{}</span><ol>{}</ol></li>').format(section, entries))
    return CONTENTS.format(title=text["contents"], items=Markup("").join(items))


CONTENTS = Markup("""
<nav class="nmt-print-toc no-numbers" id="toc" aria-labelledby="toc-title">
  <h1 id="toc-title">{title}</h1>
  <ol>{items}</ol>
</nav>""")


# The print document is written in parts, never whole in memory: its opening
# (head, cover, contents), the pages' sections joined by newlines, CLOSING.
CLOSING = "\n</body>\n</html>\n"


def opening(language: str, head: list[str], body_attributes: dict, cover: Markup, contents: Markup) -> str:
    links = Markup("\n").join(Markup('<link rel="stylesheet" href="{}">').format(href) for href in head)
    attributes = Markup("").join(Markup(' {}="{}"').format(key, str(value)) for key, value in body_attributes.items())
    return str(OPENING.format(language=language, title=text_for(language)["title"], links=links,
                              attributes=attributes, cover=cover, contents=contents))


OPENING = Markup("""<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>{title}</title>
{links}
</head>
<body{attributes}>
{cover}
{contents}
""")


def page_section(page: PrintPage, article: str) -> str:
    # The article is the page's checked HTML (the guard's and _rewrite's output).
    return str(Markup('<section class="nmt-print-page" id="page-{slug}">\n'
                      '<span class="nmt-print-marker" aria-hidden="true">{marker}{slug}{marker}</span>\n'
                      '{article}\n</section>').format(slug=page.slug, marker=MARKER, article=Markup(article)))


OFFLINE_WORKER = "iframe-worker"   # policy/html.py's with_csp() looks for it in the whole page


@dataclass
class Checked:
    """The page policy's verdict on the print document, gathered part by part."""
    place: str
    violations: list[Violation] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)   # every id in the document (unique within each part already)
    mentions_worker: bool = False

    def add(self, part: str) -> None:
        violations, inline_scripts = check_page(part, KnownScripts(frozenset()), self.place)
        self.violations += violations
        self.inline_scripts += inline_scripts
        self.mentions_worker |= OFFLINE_WORKER in part

    def all_violations(self) -> list[Violation]:
        """What the policy would say about the whole document: the parts' findings and the ids used in two parts."""
        twice = [identifier for identifier, count in Counter(self.ids).items() if count > 1]
        duplicates = [Violation(duplicate_id_message(identifier), f"#{identifier}") for identifier in twice]
        return list(dict.fromkeys(self.violations + duplicates))

    def with_csp(self, start: str) -> str:
        """with_csp() of the whole document, applied to its opening, where the <head> is."""
        if self.mentions_worker and OFFLINE_WORKER not in start:   # a later part mentions it
            return with_csp(start + OFFLINE_WORKER, self.inline_scripts)[:-len(OFFLINE_WORKER)]
        return with_csp(start, self.inline_scripts)


def ids_in(part: str) -> list[str]:
    root = LexborHTMLParser(part).root
    return [node.attributes["id"] for node in root.traverse(include_text=False) if node.attributes.get("id")]


def write_document(build, language: str, book: Book, config) -> None:
    """One language's print document, its links relative to where it is written, checked like a page
    and written with its CSP; the body waits in the build's temporary folder until the check is done."""
    place = f"{FOLDER}/{language}.html"
    site_url = (config.get("site_url") or "").rstrip("/") + "/" if config.get("site_url") else ""
    prefix = language_folder(language, build.default_language)
    rewriter, checked = Rewriter(book, place, site_url, language), Checked(place)
    body, titles = memory.path(build, f"print-{language}-body.html"), []
    with body.open("w", encoding="utf-8", newline="") as parts:
        for page in book.pages.values():
            if page.article is None:
                continue
            title, article = rewriter.article(page)
            section = page_section(page, article)
            checked.add(section)
            parts.write(("\n" if titles else "") + section)
            titles.append((page, title))
            checked.ids.append(f"page-{page.slug}")
    logo = config["theme"].get("logo")
    logo = logo if logo and "://" not in logo and (Path(config["site_dir"]) / logo).is_file() else None
    cover = _cover(text_for(language), build.today, build.revision, site_url + prefix if site_url else "",
                   logo and get_relative_url(logo, place))
    head = [get_relative_url(href, place) for href in [*book.stylesheets, STYLESHEET]]
    start = opening(language, head, book.body_attributes, cover, _contents(text_for(language), titles))
    checked.add(start + CLOSING)
    checked.ids += rewriter.ids + ids_in(start + CLOSING)
    violations = checked.all_violations()
    if violations:  # every article passed the guard already: this is a bug of this step
        report([Finding("hooks/nmt/output/print_book.py", 1, f"{place}: {violation.message}") for violation in violations])
        return
    with (Path(config["site_dir"]) / place).open("w", encoding="utf-8") as document, \
            body.open(encoding="utf-8", newline="") as parts:
        document.write(checked.with_csp(start))
        shutil.copyfileobj(parts, document)
        document.write(CLOSING)


def _duplicate_slugs(book: Book) -> list[Finding]:
    seen: dict[str, str] = {}
    findings = []
    for page in book.pages.values():
        other = seen.setdefault(page.slug, page.src)
        if other != page.src:
            findings.append(Finding(f"docs/{page.src}", 1, f"this page and docs/{other} both become "
                                    f"#page-{page.slug} in the PDF — rename one of them"))
    return findings


# --- Steps (called by pipeline.py) ---------------------------------------------------

def record_order(build, now, nav, files, config) -> None:
    """on_nav: which pages the document holds, in which order and section."""
    if build.preview:
        return  # a whole-site step, and nobody prints the preview: `mkdocs serve` rebuilds stay fast
    footer_group = text_for(now.language)["footer_group"]
    now.print_book = Book(print_order(nav, files, config["extra"].get("footer_links") or [], footer_group),
                          store=memory.path(build, f"print-{now.language}-articles.html"))


def collect(now, output: str, page) -> None:
    """on_post_page, after the guard: the page's article as readers get it."""
    book = now.print_book
    if book is None or page.url not in book.pages:
        return  # the preview, or a page that is not printed
    tree = LexborHTMLParser(output)
    article = tree.css_first("article.md-content__inner")
    # A page without its article was refused by the guard, which has reported why.
    book.keep(book.pages[page.url], article.html if article is not None else None)
    if not book.stylesheets:
        book.stylesheets = [path for link in tree.css('link[rel="stylesheet"]')
                            if (path := _site_path(link.attributes.get("href") or "", page.url))]
        body = tree.body.attributes if tree.body is not None else {}
        book.body_attributes = {key: value for key, value in body.items()
                                if key.startswith("data-md-color") or key == "dir"}


def write_stylesheet(build, config) -> None:
    """on_post_build of the outer pass, before the documents: the print stylesheet they share."""
    if build.preview:
        return  # see record_order
    stylesheet = Path(config["site_dir"]) / STYLESHEET
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    stylesheet.write_text(PRINT_CSS, "utf-8")


def write_language(build, config, language: str) -> None:
    """on_post_build of the outer pass: the language's document, checked like a page, with its CSP
    (core/language_processes.py writes the languages side by side)."""
    now = build.passes.get(language)
    if build.preview or now is None or now.print_book is None:
        return  # the preview: see record_order
    if not report(_duplicate_slugs(now.print_book)):
        write_document(build, language, now.print_book, config)
