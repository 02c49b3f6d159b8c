"""Files under docs/: only what the site expects is published.

MkDocs copies every file it finds under docs/ into the site as it is, and
follows symbolic links. A pull request could therefore publish a script
(same origin, so a Content-Security-Policy of 'self' lets it run), an SVG
with an event handler, a PDF with an "open this program" action, a file at
a name the build itself writes (a fake printable handbook in pdf/, a page
that replaces "page not found"), or — through a symlink — a file from
outside the repository (/etc/passwd, .git/config). Before anything else
reads a file:
- symbolic links are refused;
- names are lower case a–z, 0–9, '-', '_' and '.': a name becomes part of
  the page's address, where spaces, capitals and å/ä/ö turn into %20 and
  addresses that differ by case. The message says what to rename it to.
  Vendored files (docs/assets/vendor/) keep their upstream names;
- editors publish pages (.md), data files (.yml) and images (.png, .jpg,
  .jpeg, .webp, .gif, .svg). Stylesheets, scripts, fonts, icons and text
  files live in the project's own asset folders (a developer's review, see
  CODEOWNERS). PDFs are not published from docs/ at all: a PDF can carry
  JavaScript, launch and submit actions and embedded files, hidden in
  compressed object streams that only a complete PDF parser reads — link to
  the publisher's permanent https address instead. The handbook's own PDFs
  are printed by `make pdf`;
- an image must be what its name says, by its first bytes (a .png that is
  an HTML page or an SVG is refused);
- text files must be UTF-8, and not larger than a page can sensibly be; a
  page holds no control characters or Unicode noncharacters (invisible, and
  U+FFFF makes the search index and any XML that quotes the page invalid) and
  at most MAX_HEADINGS headings (Python-Markdown's table of contents takes
  quadratic time on a page of thousands of headings: 36 KB of one repeated
  heading took 52 s to build);
- SVG images are parsed as XML and held against an allow-list (below);
- no file may be published where the build or the theme writes a file
  (404.html, sitemap.xml, feed.xml, review.json, search/, assets/print/,
  pdf/, the offline zip's README.txt and LÄSMIG.txt, the theme's assets), in
  either language and in both address styles (the site's page/index.html
  and the offline copy's page.html);
- two source files that would build to the same address are refused (one
  would silently overwrite the other).
The folder is walked here without following links, so nothing outside
docs/ is read at all.

SVG. An SVG is a document of its own: opened directly (a link to the file,
"open image in new tab", file:// in the offline copy, or a host without our
nginx configuration) it runs its scripts with no Content-Security-Policy at
all. So an SVG may hold nothing active, and then needs no CSP: it is parsed
with the standard library's expat parser, a <!DOCTYPE> is refused at its
start (before any entity could be declared, so nothing expands and no
outside file is read), so are processing instructions (<?xml-stylesheet?>),
and every element and attribute must be on the allow-list of shapes, text,
gradients, clipping and masks: no script, no event handler, no
foreignObject, no image, no animation (which can change a link), nothing
from another XML namespace. The parser decodes character references, so
&#106;avascript: is read as javascript:. A link (<a href>) follows the same
rules as links in pages (policy/html.py, policy/links.py); any other
reference (href, url() in attributes and styles) may only point at a part
of the image itself (#id). Styles may use colours and the listed functions
only: no @-rules (@import), no backslash escapes, no url() to anything but
#id. No regular expression reads the markup.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import unicodedata
import xml.parsers.expat
from pathlib import Path

from nmt.blocks.build_facts import PDF_NAME
from nmt.blocks.regional import PICKER as REGION_PICKER
from nmt.blocks.regional import STYLESHEET as REGIONAL_STYLESHEET
from nmt.blocks.whats_new import FEED_FILE
from nmt.core.findings import Finding, report, stop
from nmt.core.pages import docs_prefix
from nmt.core.site_facts import language_folder
from nmt.core.site_facts import site_languages as languages
from nmt.core.yaml_lines import NONCHARACTERS, FileProblem, decode_utf8
from nmt.output.print_book import FOLDER as PRINT_FOLDER
from nmt.output.review_dates import REPORT_FILE
from nmt.policy.html import LINK_SCHEMES, url_scheme
from nmt.policy.links import check_outside_link

IMAGES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"}
ASSETS = "assets/"
SCRIPT_FOLDERS = ("assets/javascripts/", "assets/vendor/")
FONT_FOLDER = "assets/vendor/fonts/"   # the PDFs' fonts (scripts/vendor.sh), a developer's review
VENDOR_FOLDER = "assets/vendor/"       # upstream files under their upstream names (vendor.sh checks them)
# Where each kind of file may be (None: anywhere in docs/).
PLACES = {".md": None, ".yml": None, **{suffix: None for suffix in IMAGES},
          ".css": (ASSETS,), ".txt": (ASSETS,), ".ico": (ASSETS,),
          ".js": SCRIPT_FOLDERS, ".ttf": (FONT_FOLDER,), ".woff2": (FONT_FOLDER,)}
TEXT = {".md", ".yml", ".css", ".js", ".svg", ".txt"}
MAX_TEXT_BYTES = {".md": 512 * 1024, ".yml": 256 * 1024, ".svg": 256 * 1024}
# The longest page of the handbook has about 30 headings; 300 leaves room and keeps the
# table of contents' work (quadratic in repeated headings) under a second.
MAX_HEADINGS = 300
# C0 controls but tab, line feed and carriage return; DEL; C1; the noncharacters.
NOT_PAGE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + NONCHARACTERS + "]")

# What the first bytes of each binary kind are (the formats' own specifications).
FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WebP": ".webp", "ICO": ".ico", "WOFF2": ".woff2",
           "TrueType": ".ttf"}
EXPECTED_FORMAT = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP", ".ico": "ICO",
                   ".woff2": "WOFF2", ".ttf": "TrueType"}

NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")
VENDOR_NAME_CHARACTERS = NAME_CHARACTERS | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# Files the build, the theme and the tooling write into the site (or the zip), at
# the root of every language: a source there would replace them, or be replaced.
# Folders end with '/'. The name of each comes from the module that writes it.
OFFLINE_README_NAMES = ("LÄSMIG.txt", "README.txt")   # scripts/pack_offline.py, at the top of the zip
BUILD_WRITES = {
    "404.html": "the 'page not found' page",                    # the theme; output/not_found_pages.py per language
    "sitemap.xml": "the sitemap",                               # MkDocs; search/per_language.py per language
    "sitemap.xml.gz": "the sitemap",                            # MkDocs
    FEED_FILE: "the news feed",                                 # blocks/whats_new.py
    REPORT_FILE: "the review list",                             # output/review_dates.py
    **{name: "the offline copy's instructions" for name in OFFLINE_README_NAMES},
    "search/": "the search index",                              # Material's search, search/per_language.py
    f"{PRINT_FOLDER}/": "the print document",                   # output/print_book.py
    f"{posixpath.dirname(PDF_NAME)}/": "the printable PDFs",    # make pdf, make offline (blocks/build_facts.py links them)
    REGIONAL_STYLESHEET: "the regional supplements' stylesheet",  # blocks/regional.py
    REGION_PICKER: "the region picker",                         # blocks/regional.py
}

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
# Shapes, text, gradients, clipping and masks: what icons and diagrams need, and nothing that runs,
# loads or animates. Left out on purpose: script, foreignObject, image and feImage (load files),
# filter, animate/set/animateMotion/animateTransform (can change a link), switch, cursor, font.
SVG_ELEMENTS = {"svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text", "tspan",
                "title", "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "symbol",
                "use", "marker", "pattern", "style", "a"}
SVG_ATTRIBUTES = {
    "id", "class", "style", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
    "focusable", "version",
    "viewBox", "preserveAspectRatio", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx",
    "ry", "fx", "fy", "fr", "d", "points", "pathLength", "transform", "dx", "dy", "rotate", "textLength",
    "lengthAdjust", "offset",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color",
    "stop-color", "stop-opacity", "paint-order", "vector-effect", "shape-rendering", "text-rendering",
    "color-interpolation", "color-interpolation-filters", "clip-path", "clip-rule", "mask", "marker-start",
    "marker-mid", "marker-end", "display", "visibility", "overflow",
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch", "text-anchor",
    "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
    "text-decoration", "writing-mode", "direction", "unicode-bidi",
    "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits", "patternContentUnits",
    "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "markerWidth", "markerHeight",
    "markerUnits", "orient", "refX", "refY",
}
XML_ATTRIBUTES = {"space", "lang"}            # xml:space, xml:lang
# Attributes whose value is words or names, never CSS: every other value is checked like a style.
WORDS_ATTRIBUTES = {"id", "class", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby"}
PART_REFERENCES = {"use", "linearGradient", "radialGradient", "pattern"}  # href="#id" only
# CSS functions a style or a presentation attribute may call; url() only with #id.
CSS_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "calc", "var", "matrix", "translate", "translatex", "translatey",
                 "scale", "scalex", "scaley", "rotate", "skewx", "skewy", "url"}
REFUSED_BECAUSE = {
    "script": "it runs code", "foreignObject": "it embeds other content, which can run code",
    "image": "it loads another file", "feImage": "it loads another file",
    "animate": "it can change a link while the image is shown", "set": "it can change a link while the image is shown",
    "animateMotion": "it animates the image", "animateTransform": "it animates the image",
    "iframe": "it embeds another page", "handler": "it runs code",
}
PLAIN_SVG = "save the image again without it, e.g. as Plain SVG"


def shown(value: str, limit: int = 80) -> str:
    """An editor's value on one line: control and invisible characters escaped, long values cut."""
    escaped = json.dumps(value[:limit], ensure_ascii=False)[1:-1]
    text = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
    return text + ("…" if len(value) > limit else "")


def walk(docs: Path):
    """(relative posix path, absolute path, is a symlink) of everything under docs/."""
    for folder, subfolders, names in os.walk(docs, followlinks=False):
        here = Path(folder)
        for name in sorted(subfolders + names):
            path = here / name
            if path.is_symlink():
                yield path.relative_to(docs).as_posix(), path, True
        subfolders[:] = sorted(s for s in subfolders if not (here / s).is_symlink())
        for name in sorted(names):
            path = here / name
            if not path.is_symlink():
                yield path.relative_to(docs).as_posix(), path, False


# --- names -------------------------------------------------------------------------------------

def suggested_name(name: str) -> str:
    """'Ny Sida Åäö.md' → 'ny-sida-aao.md': lower case, accents dropped, anything else a hyphen."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    plain = "".join(c if c in NAME_CHARACTERS else "-" for c in folded)
    parts = ("-".join(word for word in part.split("-") if word) for part in plain.split("."))
    return ".".join(part for part in parts if part)


def is_badly_named(name: str, allowed: frozenset[str]) -> bool:
    return not name or not set(name) <= allowed or name[0] in ".-"


def rename_advice(name: str, what: str) -> str:
    suggestion = suggested_name(name)
    keeps_ending = suggestion and posixpath.splitext(suggestion)[1] == posixpath.splitext(name)[1].lower()
    target = f"rename it to '{suggestion}'" if keeps_ending else "rename it"
    return (f"the {what} name '{shown(name)}' has capital letters, spaces or other characters than a–z, 0–9, "
            f"'-', '_' and '.', and it becomes part of the address — {target} (lower case, å and ä become a, ö "
            "becomes o, spaces become hyphens)")


def page_name_problem(name: str, languages: list[str]) -> str | None:
    """A page is name.md or name.<language>.md, name without dots."""
    parts = name[:-3].split(".")
    if len(parts) == 1 or (len(parts) == 2 and parts[1] in languages):
        return None
    if len(parts) == 2 and len(parts[1]) == 2 and parts[1].isalpha():
        return (f"'.{parts[1]}' in '{name}' is not a language of this site — name a Swedish page "
                f"'{parts[0]}.md' and its English translation '{parts[0]}.en.md'")
    fixed = "-".join(part for part in parts if part)
    return f"a page name has no dots before '.md' — rename it to '{fixed}.md' (or '{fixed}.en.md' in English)"


def path_name_problems(relative: str, languages: list[str]) -> list[tuple[str, str]]:
    """(path of the folder or file, problem) for every badly named part of a path."""
    allowed = VENDOR_NAME_CHARACTERS if relative.startswith(VENDOR_FOLDER) else NAME_CHARACTERS
    parts = relative.split("/")
    problems = [("/".join(parts[:depth + 1]), rename_advice(part, "folder"))
                for depth, part in enumerate(parts[:-1]) if is_badly_named(part, allowed)]
    name = parts[-1]
    if is_badly_named(name, allowed):
        problems.append((relative, rename_advice(name, "file")))
    elif name.endswith(".md") and (problem := page_name_problem(name, languages)):
        problems.append((relative, problem))
    return problems


# --- kinds and contents -------------------------------------------------------------------------

def format_of(start: bytes) -> str | None:
    """The binary format a file's first bytes announce, or None."""
    signatures = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF",
                  b"\x00\x00\x01\x00": "ICO", b"wOF2": "WOFF2", b"\x00\x01\x00\x00": "TrueType",
                  b"true": "TrueType", b"OTTO": "TrueType"}
    if start[:4] == b"RIFF" and start[8:12] == b"WEBP":
        return "WebP"
    return next((kind for signature, kind in signatures.items() if start.startswith(signature)), None)


def kind_problem(relative: str, suffix: str) -> str | None:
    """What is wrong with a file of this kind at this place, or None."""
    if suffix == ".pdf":
        return ("PDF files are not published from docs/: a PDF can carry scripts and actions that the build "
                "cannot check — link to the PDF at its publisher's permanent https address instead")
    if suffix in (".html", ".htm"):
        return "HTML files are not published from docs/ — write the page in Markdown (.md)"
    if suffix not in PLACES:
        return (f"files of type '{shown(suffix or relative)}' are not published — use Markdown pages and "
                f"images ({', '.join(sorted(IMAGES))})")
    places = PLACES[suffix]
    if places is None or relative.startswith(places):
        return None
    if suffix == ".js":
        return (f"a script file is not allowed here — scripts live in docs/{SCRIPT_FOLDERS[0]} and are "
                "added by a developer")
    if suffix in (".ttf", ".woff2"):
        return f"a font file is not allowed here — fonts live in docs/{FONT_FOLDER} and are added by a developer"
    return (f"'{suffix}' files are not published from here — they live in docs/{places[0]} and are added by a "
            "developer")


def format_problem(name: str, suffix: str, start: bytes) -> str | None:
    expected, actual = EXPECTED_FORMAT.get(suffix), format_of(start)
    if expected is None or actual == expected:
        return None
    stem = name[:-len(suffix)]
    if actual in ("PNG", "JPEG", "GIF", "WebP") and suffix in IMAGES:
        return f"the file is named {suffix} but is a {actual} image — rename it to '{stem}{FORMATS[actual]}'"
    return (f"the file is named {suffix} but is not a {expected} file — export it again as {expected}, or give "
            "it the ending of what it is")


def content_problem(relative: str, path: Path, deny: list[dict] = ()) -> tuple[int, str] | None:
    """(line, what is wrong — what to do) for the content of a file of an allowed kind, or None."""
    suffix = Path(relative).suffix.lower()
    if suffix not in TEXT:
        with path.open("rb") as file:
            problem = format_problem(Path(relative).name, suffix, file.read(16))
        return (1, problem) if problem else None
    data = path.read_bytes()
    limit = MAX_TEXT_BYTES.get(suffix)
    if limit and len(data) > limit:
        return 1, f"the file is larger than {limit // 1024} KB — split it into smaller files"
    try:
        text = decode_utf8(data)
    except FileProblem as problem:
        return problem.line, problem.message
    if suffix == ".md":
        return page_text_problem(text)
    return svg_problem(data, deny) if suffix == ".svg" else None


def page_text_problem(text: str) -> tuple[int, str] | None:
    """(line, what is wrong — what to do) for a page's text, or None."""
    if match := NOT_PAGE_TEXT.search(text):
        return (text.count("\n", 0, match.start()) + 1,
                f"the page has an invisible control character (U+{ord(match.group(0)):04X}) — retype the "
                "text around it or paste it as plain text")
    headings = 0
    for number, line in enumerate(text.split("\n"), start=1):
        # A heading line starts with # after at most three spaces (code lines count too: a limit, not a parser).
        if line[:4].lstrip(" ").startswith("#"):
            headings += 1
            if headings > MAX_HEADINGS:
                return (number, f"the page has more than {MAX_HEADINGS} headings, which the site cannot build "
                                "in reasonable time — split it into several pages")
    return None


# --- SVG ----------------------------------------------------------------------------------------

class SvgProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def css_problem(css: str) -> tuple[int, str] | None:
    """(offset, what) of the first thing in a style (or a presentation attribute) that could
    load a file or run code, or None.

    Hand-written rather than a CSS parser: it only has to be conservative —
    no @-rules, no escapes, every function call on a short list, url() only
    with #id — and one pass over the text finds each '(' and the name before it."""
    lowered = css.lower()
    if "\\" in lowered:
        return lowered.index("\\"), "a backslash escape"
    if "@" in lowered:
        at = lowered.index("@")
        end = at + 1
        while end < len(lowered) and (lowered[end].isalnum() or lowered[end] == "-"):
            end += 1
        return at, f"the rule '{shown(css[at:end], 40)}'"
    opening = lowered.find("(")
    while opening >= 0:
        start = opening
        while start > 0 and (lowered[start - 1].isalnum() or lowered[start - 1] in "-_"):
            start -= 1
        function = lowered[start:opening]
        closing = lowered.find(")", opening)
        inside = lowered[opening + 1:closing] if closing >= 0 else ""
        if function not in CSS_FUNCTIONS or (function == "url" and not _is_part_reference(inside)):
            return start, f"'{shown(css[start:closing + 1 if closing >= 0 else len(css)], 60)}'"
        opening = lowered.find("(", opening + 1)
    return None


def _is_part_reference(inside: str) -> bool:
    """True for what url( ) holds when it names a part of the image itself: '#id', optionally quoted."""
    inside = inside.strip()
    if len(inside) >= 2 and inside[0] in "'\"" and inside[-1] == inside[0]:
        inside = inside[1:-1].strip()
    return inside.startswith("#") and all(c.isalnum() or c in "-_." for c in inside[1:])


def split_name(name: str) -> tuple[str, str, str]:
    """(namespace, local name, name as written) from expat's "namespace local prefix"."""
    parts = name.split(" ")
    if len(parts) == 1:
        return "", name, name
    return parts[0], parts[1], f"{parts[2]}:{parts[1]}" if len(parts) == 3 else parts[1]


def _svg_href_problem(element: str, value: str, deny: list[dict]) -> str | None:
    if element == "a":
        scheme = url_scheme(value)
        if scheme is not None and scheme not in LINK_SCHEMES:
            return f"'{scheme}:' links run code and are not allowed — link to a page or an https address instead"
        return check_outside_link(value, deny)
    if element in PART_REFERENCES and _is_part_reference(value):
        return None
    return (f"the SVG image refers to '{shown(value)}' from <{element}> — an image may only refer to its own "
            "parts (#id), so it loads nothing; save the image again with that part inside it")


def _refused(what: str, reason: str) -> str:
    return f"the SVG image has {what}, which is not allowed in images ({reason}) — {PLAIN_SVG}"


def _element_problem(name: str) -> str | None:
    namespace, local, written = split_name(name)
    if namespace != SVG_NAMESPACE:
        return _refused(f"<{shown(written)}>", f"it is from the XML namespace '{shown(namespace)}', not SVG, and "
                                               "browsers may run such elements as HTML")
    if local not in SVG_ELEMENTS:
        return _refused(f"<{shown(written)}>", REFUSED_BECAUSE.get(local, "it is not one of the shapes, text and "
                                                                          "gradients this site publishes"))
    return None


def _attribute_problem(element: str, name: str, value: str, deny: list[dict]) -> str | None:
    namespace, local, written = split_name(name)
    if local.lower().startswith("on"):
        return _refused(f"the attribute {shown(written)}=", "it runs code")
    if local == "href" and namespace in ("", XLINK_NAMESPACE):
        return _svg_href_problem(element, value, deny)
    known = (namespace == "" and local in SVG_ATTRIBUTES) or (namespace == XML_NAMESPACE and local in XML_ATTRIBUTES)
    if not known:
        return _refused(f"the attribute {shown(written)}= on <{element}>", "it is not one of the attributes of "
                                                                           "shapes, text and gradients")
    if local not in WORDS_ATTRIBUTES and (found := css_problem(value)):
        return (f"the SVG image's attribute {shown(written)}= has {found[1]}, which could load another file or "
                f"run code — {PLAIN_SVG}")
    return None


def _attribute_line(data: bytes, offset: int, written: str, fallback: int) -> int:
    """The line of the attribute `written` (name=) in the start tag at byte `offset`: a start
    tag may span lines, one attribute a line. The element's line when it is not found."""
    needle = written.encode("utf-8")
    position = data.find(needle, offset)
    while position >= 0:
        after = position + len(needle)
        while data[after:after + 1] in (b" ", b"\t", b"\r", b"\n"):
            after += 1
        if data[position - 1:position] in (b" ", b"\t", b"\r", b"\n") and data[after:after + 1] == b"=":
            return data.count(b"\n", 0, position) + 1
        position = data.find(needle, position + 1)
    return fallback


def svg_problem(data: bytes, deny: list[dict] = ()) -> tuple[int, str] | None:
    """(line, what is wrong — what to do) for the first thing in an SVG that is not allowed, or None."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.namespace_prefixes = True  # names arrive as "namespace local prefix": the prefix as written
    open_elements: list[str] = []
    style: list = []   # while a <style> is read: its first text line, then its text in pieces

    def refuse(message: str, line: int | None = None):
        raise SvgProblem(line or parser.CurrentLineNumber, message)

    def doctype(name, *_):
        refuse(f"the SVG image has a <!DOCTYPE {shown(name or '')}> declaration, which can define entities "
               "that expand or load other files — delete the DOCTYPE (an SVG image needs none)")

    def instruction(target, _):
        refuse(f"the SVG image has the processing instruction <?{shown(target)} …?>, which can load a stylesheet "
               "or other files — delete it")

    def start(name, attributes):
        line, offset = parser.CurrentLineNumber, parser.CurrentByteIndex
        if not open_elements and split_name(name)[:2] != (SVG_NAMESPACE, "svg"):
            refuse("the image does not start with <svg xmlns=\"http://www.w3.org/2000/svg\"> — save it again "
                   "as an SVG image")
        if problem := _element_problem(name):
            refuse(problem)
        local = split_name(name)[1]
        if open_elements and open_elements[-1] == "style":
            refuse(_refused(f"<{local}> inside <style>", "a style holds only CSS text"))
        for attribute, value in attributes.items():
            if problem := _attribute_problem(local, attribute, value, deny):
                refuse(problem, _attribute_line(data, offset, split_name(attribute)[2], line))
        open_elements.append(local)
        if local == "style":
            style[:] = [line]

    def text(chunk):
        if open_elements and open_elements[-1] == "style":
            if len(style) == 1:
                style[0] = parser.CurrentLineNumber
            style.append(chunk)

    def end(_):
        if open_elements.pop() == "style":
            css = "".join(style[1:])
            if found := css_problem(css):
                refuse(f"the SVG image's <style> has {found[1]}, which could load another file or run code — "
                       f"{PLAIN_SVG}", style[0] + css.count("\n", 0, found[0]))
            style.clear()

    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except SvgProblem as problem:
        return problem.line, problem.message
    except xml.parsers.expat.ExpatError as error:
        return error.lineno, (f"the SVG image is not well-formed XML ({xml.parsers.expat.ErrorString(error.code)}) "
                              "— open it in an image editor and save it again as SVG")
    return None


# --- where files are published ------------------------------------------------------------------

def destination(relative: str, suffixes: tuple[str, ...]) -> str | None:
    """The address a page builds to (directory URLs), language suffix removed; None for other files."""
    if not relative.endswith(".md"):
        return None
    stem = relative[:-3]
    language = ""
    for suffix in suffixes:
        if stem.endswith(suffix):
            stem, language = stem[:-len(suffix)], suffix
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    folder = f"{language[1:]}/" if language else ""
    return f"/{folder}{stem}/".replace("//", "/")


def published_files(relative: str, default: str, others: list[str]) -> list[tuple[str, str]]:
    """(file, where) a source becomes in the site, in both address styles: the site's
    (page/index.html) and the offline copy's (page.html). Other files keep their path."""
    if not relative.endswith(".md"):
        return [(relative, "")]
    stem, _, language = relative[:-3].rpartition(".")
    if language not in others:
        stem, language = relative[:-3], default
    root = language_folder(language, default)
    if posixpath.basename(stem) in ("index", "README"):
        return [(posixpath.join(root, posixpath.dirname(stem), "index.html"), "")]
    return [(f"{root}{stem}/index.html", ""), (f"{root}{stem}.html", " in the offline copy")]


def reserved_for(published: str, roots: list[str], theme_files: frozenset[str]) -> str | None:
    """What the build or the theme writes at this file of the site, or None."""
    lowered = published.lower()  # an unpacked zip on Windows or macOS does not tell README.txt from readme.txt
    for root in roots:
        for name, what in BUILD_WRITES.items():
            reserved = f"{root}{name}".lower()
            if lowered == reserved or (reserved.endswith("/") and lowered.startswith(reserved)):
                return what
    return "a file of the site's theme" if lowered in theme_files else None


def theme_files(theme_dirs) -> frozenset[str]:
    """Every file the theme's folders hold (lower case), dot folders (icons, not copied) left out."""
    found = set()
    for folder in theme_dirs:
        for here, subfolders, names in os.walk(folder):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            found |= {Path(here, name).relative_to(folder).as_posix().lower() for name in names
                      if not name.startswith(".")}
    return frozenset(found)


def reserved_address(relative: str) -> str | None:
    """What the build writes at a redirect's old address (a page path with no file any more), or None."""
    for published, where in published_files(relative, "", []):
        what = reserved_for(published, [""], frozenset())
        if what:
            return f"it would be published as {published}{where}, where the build writes {what}"
    return None


def place_problem(relative: str, default: str, others: list[str], theme: frozenset[str]) -> str | None:
    """What makes the place of a source file unusable in the site, or None."""
    top = relative.split("/")[0]
    if top in others and "/" in relative:
        return (f"a folder docs/{top}/ would mix its files into the {top} site — put a translation beside the "
                f"Swedish page as page.{top}.md, and images in another folder")
    roots = ["", *(f"{language}/" for language in others)]
    for published, where in published_files(relative, default, others):
        what = reserved_for(published, roots, theme)
        if what:
            return (f"this file would be published as {published}{where}, where the build writes {what} — "
                    "choose another name")
    return None


# --- the whole folder ---------------------------------------------------------------------------

def problems_of(relative: str, path: Path, languages: list[str], deny: list[dict],
                theme: frozenset[str]) -> list[tuple[str, int, str]]:
    """(path, line, message) of what is wrong with one regular file: its place in the site
    first, then its kind, its name (and its folders' names), then its content."""
    place = place_problem(relative, languages[0], languages[1:], theme)
    kind = place or kind_problem(relative, Path(relative).suffix.lower())
    if kind:
        return [(relative, 1, kind)]
    names = [(where, 1, message) for where, message in path_name_problems(relative, languages)]
    if names:
        return names
    content = content_problem(relative, path, deny)
    return [(relative, *content)] if content else []


def check_files(docs: Path, prefix: str, languages: list[str], deny: list[dict] = (),
                theme: frozenset[str] = frozenset()) -> list[Finding]:
    """Every problem of the files under docs/ (languages: the default one first)."""
    findings: list[Finding] = []
    built: dict[str, str] = {}
    named: set[str] = set()
    suffixes = tuple(f".{language}" for language in languages)
    for relative, path, is_link in walk(docs):
        if is_link:
            findings.append(Finding(f"{prefix}{relative}", 1, "this is a symbolic link, and links are not "
                                    "published (they can point outside the repository) — put the real file here"))
            continue
        for where, line, message in problems_of(relative, path, languages, deny, theme):
            if where not in named:  # a badly named folder is reported once, not for each of its files
                named.add(where)
                findings.append(Finding(f"{prefix}{shown(where, 1000)}", line, message))  # a name may hold a newline
        address = destination(relative, suffixes)
        if address is None or posixpath.basename(relative).startswith("_"):
            continue
        if address in built:
            findings.append(Finding(f"{prefix}{relative}", 1, f"this page and {prefix}{built[address]} would both "
                                    f"be published at {address} — rename or merge one of them"))
        else:
            built[address] = relative
    return findings


def check(config) -> None:
    """Stop the build at the first unusable file (and report the others)."""
    deny = (config["extra"].get("link_policy") or {}).get("deny") or []
    findings = check_files(Path(config["docs_dir"]), docs_prefix(config), languages(config), deny,
                           theme_files(config["theme"].dirs))
    if findings:
        report(findings[1:])
        stop(findings[0])
