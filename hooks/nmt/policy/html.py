"""What a built page may contain: an allow-list checked with a real HTML parser.

One policy, used at two points:
- on each page's content right after Markdown (checks/raw_html.py): what the
  editor's text became, with the line where it was written;
- on every finished page (output/guard.py): templates, front matter and
  generated text too — the last line of defence, whatever path a future
  feature adds.

The parser is Lexbor (selectolax), which follows the WHATWG HTML parsing
rules, so it reads tags, attributes and entities the way a browser does
(`<svg/onload=…>`, `&#106;avascript:`). Regular expressions over the source
cannot promise that. Anything not listed here is refused.
"""
from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from nmt.core.findings import one_line
from nmt.core.urls import cleaned as cleaned_url
from nmt.core.urls import read as read_url
from nmt.core.urls import url_scheme
from nmt.policy.csp import meta_policy

# Elements that Markdown and our extensions produce in a page's content, with
# the attributes each may carry beyond CONTENT_ATTRIBUTES.
CONTENT_ELEMENTS: dict[str, set[str]] = {
    **{tag: set() for tag in (
        "p", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "kbd", "code",
        "pre", "span", "div", "br", "hr", "blockquote", "ul", "li", "dl", "dt", "dd", "table", "thead",
        "tbody", "tfoot", "tr", "caption", "figure", "figcaption", "details", "summary", "abbr", "h1", "h2",
        "h3", "h4", "h5", "h6", "article", "section", "aside", "nav", "header", "footer", "cite", "q", "dfn",
        "var", "samp", "wbr")},
    "a": {"href", "hreflang", "rel", "type"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "time": {"datetime"},
    "details": {"open"},
    "input": {"type", "name", "checked"},   # pymdownx.tabbed: radio buttons
    "label": {"for"},
    "div": {"data-tabs"},                   # pymdownx.tabbed
}
CONTENT_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "aria-label", "aria-hidden", "tabindex", "hidden"}
INPUT_TYPES = {"radio", "checkbox"}
# Material writes these around the content; nothing else may appear there.
PAGE_ELEMENTS: dict[str, set[str]] = {
    **CONTENT_ELEMENTS,
    "html": {"lang", "class"}, "head": set(), "body": set(), "title": set(), "main": set(),
    "meta": {"charset", "name", "content", "http-equiv"},
    "link": {"rel", "href", "hreflang", "type", "sizes", "title"},
    "script": {"src", "type", "id"},
    "form": {"name"},                         # Material's search form: no action, no method
    "input": {"type", "name", "checked", "placeholder", "autocomplete", "autocapitalize", "autocorrect",
              "spellcheck", "required", "data-md-toggle", "data-md-component"},
    "label": {"for", "data-md-component"},
    "button": {"type", "data-md-component"},
    "svg": {"xmlns", "viewbox", "width", "height", "aria-hidden", "focusable"},
    "path": {"d"},
}
PAGE_ATTRIBUTES = CONTENT_ATTRIBUTES | {"role", "aria-labelledby", "aria-expanded", "aria-describedby",
                                        "aria-controls", "aria-live", "aria-current"}
PAGE_DATA_ATTRIBUTE = re.compile(r"data-(?:md-[a-z-]+|next-review|copy-built|copy-months)")
# Where a page's own files are fetched from: relative paths only.
FETCHING = {"img": "src", "script": "src", "link": "href"}
LINK_SCHEMES = {"https", "http", "mailto", "tel"}   # policy/links.py says what is wrong with http
LINK_RELATIONS = {"stylesheet", "icon", "canonical", "prev", "next", "alternate", "license"}
META_NAMES = {"viewport", "description", "robots"}
# ids Material reads from the page (#__config, #__search …): an element of the
# editor's with such an id would take their place. pymdownx.tabbed's own
# __tabbed_N_M ids are the exception.
RESERVED_ID = re.compile(r"^(?:__(?!tabbed_\d+_\d+$)|md-)")


@dataclass(frozen=True)
class Violation:
    message: str   # what is wrong — what to do, in plain words
    needle: str    # text to look for in the source to find the line


@dataclass(frozen=True)
class KnownScripts:
    """The scripts a page may carry: files of the site, inline scripts by exact text."""
    files: frozenset[str]           # paths below the site root, e.g. assets/javascripts/bundle.….min.js
    inline: tuple[re.Pattern, ...] = ()  # whole-text patterns; MATERIAL_INLINE_SCRIPTS by default


# Material 9.8's inline scripts, whole text; the site-root path is the only part
# that changes with the page's folder depth ("." "..", "../..", "/").
MATERIAL_INLINE_SCRIPTS = (
    re.compile(re.escape('__md_scope=new URL("') + r'(?:\.|/|\.\.(?:/\.\.)*)' + re.escape(
        '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,'
        'JSON.stringify(_))}catch(e){}}')),
    # Only when theme.palette is not set (the test sites): restores the reader's colour choice.
    re.compile(re.escape('var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}')),
    re.compile(re.escape('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
                         '(target.checked=target.name.startsWith("__tabbed_"))')),
)
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
CHARSET = '<meta charset="utf-8">'


def with_csp(page: str, inline_scripts: list[str]) -> str:
    """The page with a Content-Security-Policy <meta> first after the charset
    (policy/csp.py: the reader pages' policy, the offline copy's on a page that
    loads the iframe-worker shim).

    script-src lists the hashes of the inline scripts the guard has read and
    let through, never of a script it has not seen."""
    kind = "offline" if "iframe-worker" in page else "reader"
    meta = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(kind, inline_scripts)}">'
    if CHARSET in page:
        return page.replace(CHARSET, CHARSET + meta, 1)
    return page.replace("<head>", "<head>" + meta, 1)


def is_outside(url: str) -> bool:
    """True when fetching the URL would ask another host (or another scheme),
    as a browser reads it (core/urls.py: //host, /\\host, \\\\host, tabs inside …)."""
    return read_url(url).outside


@functools.lru_cache(maxsize=2)
def content_tree(html: str) -> LexborHTMLParser:
    """A page's content (Markdown's output) parsed once: checks/raw_html.py and
    policy/links.py both read the same HTML in on_page_content. Read only."""
    return LexborHTMLParser(f"<body>{html}</body>")


def content_violations(html: str) -> list[Violation]:
    """What in a page's content (Markdown's output) is not allowed."""
    tree = content_tree(html)
    found = []
    for element in (tree.root, tree.body):
        # An <html> or <body> tag inside content gives its attributes to the
        # page's own element (browsers do the same): <body onload=…>.
        for name in (element.attributes if element is not None else {}):
            found.append(Violation(f"the HTML tag <{element.tag}> is not allowed in a page — remove it", f"<{element.tag}"))
            break
    for child in tree.body.iter(include_text=False) if tree.body else []:
        found += _violations(child, CONTENT_ELEMENTS, CONTENT_ATTRIBUTES, content=True)
    return found + duplicate_ids(tree.body)


def check_page(html: str, known: KnownScripts, page_url: str,
               redirect: bool = False) -> tuple[list[Violation], list[str]]:
    """What in a finished page is not allowed (templates included), and the
    text of the inline scripts a browser would run (for the CSP hashes)."""
    tree = LexborHTMLParser(html)
    found = _violations(tree.root, PAGE_ELEMENTS, PAGE_ATTRIBUTES, content=False)
    script_problems, inline = _scripts(tree, known, page_url)
    found += script_problems
    found += _meta_violations(tree, redirect)
    found += _link_violations(tree)
    found += duplicate_ids(tree.root)
    return found, inline


def duplicate_id_message(identifier: str, other_line: int | None = None) -> str:
    shown = one_line(identifier)
    also = f" (also on line {other_line})" if other_line is not None else ""
    return f"the id #{shown} is used twice on this page{also} — give each heading its own id, e.g. {{#{shown}-2}}"


def duplicate_ids(root) -> list[Violation]:
    """An id used by two elements: a link to it, the page's contents and the
    print document's anchors would find only the first."""
    seen, found = set(), []
    for node in root.traverse(include_text=False) if root is not None else []:
        identifier = (node.attributes or {}).get("id")
        if identifier is None:
            continue
        if identifier in seen:
            found.append(Violation(duplicate_id_message(identifier), f"#{identifier}"))
        seen.add(identifier)
    return list(dict.fromkeys(found))


# Control characters and everything Unicode or GitHub reads as a line break.
def _violations(root, elements: dict, common: set[str], content: bool) -> list[Violation]:
    found: list[Violation] = []
    for node in root.traverse(include_text=False):
        tag = node.tag
        if tag in ("-comment", "-text", "-document", "-doctype", "_comment", "_text"):
            continue
        if tag not in elements:
            found.append(Violation(f"the HTML tag <{tag}> is not allowed in a page — remove it; ask a developer "
                                   "if you need this feature", f"<{tag}"))
            continue
        for name, value in (node.attributes or {}).items():
            value = value or ""
            problem = _attribute_problem(tag, name.lower(), value, elements[tag], common, content)
            if problem:
                found.append(problem)
    return found


def _attribute_problem(tag: str, name: str, value: str, allowed: set[str], common: set[str],
                       content: bool) -> Violation | None:
    if name.startswith("on"):
        return Violation(f"the HTML attribute {name}= runs code and is not allowed — remove it", name)
    if name == "style":
        return Violation("the attribute style= is not allowed: the site's security policy blocks inline styles "
                         "— ask a developer for a class in assets/stylesheets/nmt.css", "style")
    if name not in allowed and name not in common and not (not content and PAGE_DATA_ATTRIBUTE.fullmatch(name)):
        return Violation(f"the HTML attribute {name}= is not allowed on <{tag}> — remove it (allowed on every "
                         "element: id, class, title, lang)", name)
    if name == "title" and "<" in value:
        # Material's tooltips show the title as HTML: decoded markup would come alive on hover.
        return Violation(f"the tooltip text '{one_line(value[:60])}' contains markup — write plain words", value[:20])
    if name == "id" and content and RESERVED_ID.match(value):
        return Violation(f"the id '{one_line(value)}' is reserved for the site's own scripts — choose another id", value)
    if tag == "input" and name == "type" and value.lower() not in INPUT_TYPES and content:
        return Violation(f"<input type=\"{one_line(value)}\"> is not allowed in a page — remove it", "<input")
    if name in ("href", "src"):
        return _url_problem(tag, name, value)
    return None


def _url_problem(tag: str, name: str, value: str) -> Violation | None:
    scheme = url_scheme(value)
    if scheme in ("javascript", "vbscript", "data", "blob", "file", "filesystem"):
        return Violation(f"'{scheme}:' links run code and are not allowed — link to a page or an https "
                         "address instead", scheme)
    if tag in FETCHING and FETCHING[tag] == name and tag != "link" and is_outside(value):
        return Violation(f"<{tag} {name}=\"{one_line(value[:80])}\"> loads a file from another host, which would tell it "
                         "who reads the page — save the file under docs/assets/ and use a relative path", value[:40])
    if tag == "a" and scheme is not None and scheme not in LINK_SCHEMES:
        return Violation(f"'{scheme}:' links are not allowed — link to a page or an https address instead", scheme)
    return None


def _scripts(tree, known: KnownScripts, page_url: str) -> tuple[list[Violation], list[str]]:
    found, inline = [], []
    patterns = known.inline or MATERIAL_INLINE_SCRIPTS
    for script in tree.css("script"):
        kind = (script.attributes.get("type") or "").strip().lower()
        src = script.attributes.get("src")
        if kind not in JS_TYPES and src is None:
            continue  # data (Material's __config is application/json); never run
        if src is not None:
            resolved = _from_root(src, page_url)
            if resolved not in known.files:
                found.append(Violation(f"the page loads the script '{one_line(src)}', which is not one of the site's own "
                                       "scripts — remove it; ask a developer if you need this feature", src))
        elif any(pattern.fullmatch(script.text(deep=True)) for pattern in patterns):
            inline.append(script.text(deep=True))
        else:
            found.append(Violation("the HTML tag <script> is not allowed in a page — remove it; ask a developer "
                                   "if you need this feature", "<script"))
    return found, inline


def _from_root(src: str, page_url: str) -> str | None:
    """A script's path below the site root, or None when it is outside the site."""
    src = cleaned_url(src)
    if src.startswith("/") and not is_outside(src):
        src, page_url = src.lstrip("/"), ""  # from the site root (the 404 pages)
    if is_outside(src):
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), src.split("?")[0]))
    return None if resolved.startswith("..") else resolved


def _link_violations(tree) -> list[Violation]:
    found = []
    for link in tree.css("link"):
        relations = set((link.attributes.get("rel") or "").lower().split())
        if not relations <= LINK_RELATIONS:
            found.append(Violation(f"the page has a <link rel=\"{one_line(link.attributes.get('rel') or '')}\"> — only stylesheet, "
                                   "icon, canonical, prev, next and alternate links are allowed", "<link"))
        elif relations & {"stylesheet", "icon"} and is_outside(link.attributes.get("href") or ""):
            found.append(Violation(f"the page loads '{one_line(link.attributes.get('href') or '')}' from another host — save the "
                                   "file under docs/assets/ and use a relative path", "<link"))
    return found


def _meta_violations(tree, redirect: bool) -> list[Violation]:
    found = []
    for meta in tree.css("meta"):
        attributes = {key.lower(): value or "" for key, value in (meta.attributes or {}).items()}
        equiv = attributes.get("http-equiv", "").lower()
        if equiv == "refresh":
            target = attributes.get("content", "").split("url=", 1)[-1].strip()
            if not redirect or is_outside(target) or url_scheme(target):
                found.append(Violation("the page has <meta http-equiv=\"refresh\">, which would send readers "
                                       "elsewhere — remove it; moved pages go in docs/redirects.yml", "refresh"))
        elif equiv and equiv != "content-security-policy":
            found.append(Violation(f"<meta http-equiv=\"{one_line(equiv)}\"> is not allowed — remove it", "http-equiv"))
        elif "name" in attributes and attributes["name"].lower() not in META_NAMES:
            found.append(Violation(f"<meta name=\"{one_line(attributes['name'])}\"> is not allowed — remove it", "<meta"))
    return found
