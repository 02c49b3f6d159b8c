"""What the glossary (registers/glossary.py) writes into pages.

Editors write [[betänketid]] or [[betänketid|betänketiden]] (the base term,
then the form shown). The build turns it into a link to the glossary entry
with the definition as tooltip; inside another link's text it stays words.
Terms match by `term` or `also`, ignoring case, in the page's own language.
The page with `glossary: true` in its front matter gets the generated list.
Wording listed under `avoid` gives a warning that names the preferred term.
"""
from __future__ import annotations

import bisect
import difflib
import posixpath
import re

from nmt.core.escape import markdown_text, markdown_url
from nmt.core.findings import LOG, Finding, one_line, report
from nmt.core.markdown import mask_code, prose, substitute
from nmt.core.pages import is_fallback_copy, page_key, page_language, repo_path
from nmt.core.strings import strings
from nmt.registers.glossary import Concept, sort_key, term_index

GLOSSARY_PAGE = "ordlista/index.md"
# [[term]] or [[term|shown]]; in tables the bar may be escaped as \|.
TERM_REFERENCE = re.compile(r"\[\[([^\[\]|\\\n]+?)(?:\\?\|([^\[\]\n]+?))?\]\]")


def check_references(text: str, path: str, index: dict[str, Concept]) -> tuple[list[Finding], set[str]]:
    """Unknown [[terms]] (with the closest known terms) and the concepts referenced."""
    findings, referenced = [], set()
    masked = prose(text)
    for match in TERM_REFERENCE.finditer(masked):
        term = match.group(1).strip()
        concept = index.get(term.casefold())
        if concept:
            referenced.add(concept.id)
            continue
        close = difflib.get_close_matches(term.casefold(), list(index), n=3, cutoff=0.6)
        use = f"did you mean {', '.join(repr(c) for c in close)}? Use" if close else "use"
        findings.append(Finding(path, masked.count("\n", 0, match.start()) + 1,
                                f"unknown glossary term '{term}' — {use} a term from docs/glossary.yml, "
                                "or add the concept there"))
    findings += [Finding(path, line, "a glossary reference '[[' is not closed with ']]' on the same line")
                 for line in unclosed_references(masked)]
    return findings, referenced


def unclosed_references(masked: str) -> list[int]:
    """Lines with a '[[' that no ']]' follows on the same line. (The pattern
    that looked ahead to the end of the line from every '[[' was quadratic.)"""
    lines = []
    for number, line in enumerate(masked.split("\n"), start=1):
        opening = line.find("[[")
        if opening < 0:
            continue
        last_closing = line.rfind("]]")
        while opening >= 0:   # each '[[' as finditer saw them: left to right, not overlapping
            if last_closing < opening + 2:
                lines.append(number)
            opening = line.find("[[", opening + 2)
    return lines


NOT_WORDING_START = re.compile(r"\{|\]\(|https?://\S")    # heading ids, link targets, URLs
NOT_WHITESPACE = re.compile(r"\S+")


def avoided_wording(concepts: dict[str, Concept], language: str) -> tuple[re.Pattern | None, dict[str, str]]:
    """One pattern for every discouraged wording of a language, and what to use instead.

    One alternation, compiled once per build: a pattern per wording and page
    was the glossary check's largest cost.
    """
    use = {str(avoid["term"]).casefold(): avoid["use"]
           for concept in concepts.values() for avoid in concept.terms[language].get("avoid", [])}
    if not use:
        return None, use
    longest_first = sorted(use, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, longest_first))})(?!\w)", re.I), use


def check_avoided(text: str, path: str, avoided: tuple[re.Pattern | None, dict[str, str]]) -> list[Finding]:
    """Warnings for discouraged wording, naming the preferred term."""
    pattern, use = avoided
    folded = prose(text).casefold()
    if pattern is None or not any(wording in folded for wording in use):
        return []  # most pages: a substring test is much cheaper than the pattern
    masked = without_ids_and_addresses(prose(text))
    return [Finding(path, masked.count("\n", 0, match.start()) + 1,
                    f"'{one_line(match.group(0))}' is discouraged wording — write "
                    f"'{one_line(use.get(match.group(0).casefold(), 'the preferred term'))}' instead (see the glossary)", "warning")
            for match in pattern.finditer(masked)]


def without_ids_and_addresses(text: str) -> str:
    """The text with {…} (heading ids, attributes), link targets ](…) and
    URLs blanked, each on its line, as the pattern
    \\{[^}\\n]*\\}|\\](\\[^)\\n]*\\)|https?://\\S+ would, but in one pass: that pattern
    scanned to the end of the line from every '{' without a '}'."""
    lines = []
    for line in text.split("\n"):
        pieces, copied, search_from, closers = [], 0, 0, {"{": "}", "](": ")"}
        while (found := NOT_WORDING_START.search(line, search_from)) is not None:
            opening = found.group(0)
            if opening.startswith("http"):
                end = NOT_WHITESPACE.match(line, found.start()).end()
            else:
                closing = line.find(closers[opening], found.end()) if opening in closers else -1
                if closing < 0:   # no closer on this line: no later one of this kind closes either
                    closers.pop(opening, None)
                    search_from = found.start() + 1
                    continue
                end = closing + 1
            pieces += [line[copied:found.start()], " " * (end - found.start())]
            copied = search_from = end
        lines.append("".join(pieces) + line[copied:])
    return "\n".join(lines)


def link_terms(markdown: str, index: dict[str, Concept], language: str, glossary_href: str) -> str:
    """Replace [[...]] with a link to the glossary entry and the definition as tooltip.

    A term inside a link's text ([mer om [[betänketid]] här](…)) or an
    image's description stays words: a link cannot hold a link, and what the
    editor linked on purpose is the outer link. (Expanded, readers saw the
    inner link's Markdown as text.)"""
    starts, ends = link_texts(mask_code(markdown)) if "[[" in markdown else ([], [])

    def link(match: re.Match) -> str:
        term, shown = match.group(1).strip(), (match.group(2) or match.group(1)).strip()
        concept = index.get(term.casefold())
        if concept is None or bisect.bisect_right(starts, match.start()) > bisect.bisect_right(ends, match.start()):
            return shown  # unknown (already reported) or inside a link: keep the text readable
        tooltip = concept.terms[language]["definition"].replace('"', "”")
        return f'[{shown}]({glossary_href}#{concept.id} "{tooltip}")'

    return substitute(markdown, TERM_REFERENCE, link)


LINK_TEXT_MARK = re.compile(r"[\\\n\[\]]")   # what link_texts acts on: a backslash, a line break, a bracket


def link_texts(masked: str) -> tuple[list[int], list[int]]:
    """Where Markdown makes text into a link's (or an image's) text: the
    inside of [...] right before (…) or [id], brackets matched as Markdown's
    LinkInlineProcessor.getText matches them (nested; escaped ones do not
    count), within one paragraph. Returned as the sorted starts and ends, so
    a position is inside link text when more of them start than end before it.
    One pass with a stack, from one mark to the next (a one-character class: no pattern that
    could backtrack over an editor's brackets)."""
    starts, ends, opened = [], [], []
    found = LINK_TEXT_MARK.search(masked)
    while found is not None:
        position, char = found.start(), found.group()
        if char == "\\":
            found = LINK_TEXT_MARK.search(masked, position + 2)
            continue
        if char == "\n":
            line_end = masked.find("\n", position + 1)
            if not masked[position + 1:len(masked) if line_end < 0 else line_end].strip():
                opened.clear()   # a blank line ends the paragraph
        elif char == "[":
            opened.append(position)
        elif char == "]" and opened:
            start = opened.pop()
            if masked[position + 1:position + 2] in ("(", "[") or masked[position + 1:position + 3] in (" [", "\n["):
                starts.append(start + 1)
                ends.append(position)
        found = LINK_TEXT_MARK.search(masked, position + 1)
    return sorted(starts), sorted(ends)


def search_forms(concepts: dict[str, Concept], ids: set[str], language: str) -> list[str]:
    """Every form of the given concepts a reader might type (also discouraged ones)."""
    forms = set()
    for concept_id in ids:
        entry = concepts[concept_id].terms[language]
        forms.update(concepts[concept_id].forms(language))
        forms.update(str(avoid["term"]) for avoid in entry.get("avoid", []))
    return sorted(forms)


def glossary_markdown(concepts: dict[str, Concept], language: str) -> str:
    """The generated glossary: one section per concept, in alphabetical order."""
    labels = strings("glossary", language)
    ordered = sorted(concepts.values(), key=lambda c: sort_key(c.terms[language]["term"], language))
    sections = []
    for concept in ordered:
        entry = concept.terms[language]
        term = markdown_text(entry["term"][:1].upper() + entry["term"][1:])
        lines = [f"## {term} {{#{concept.id}}}", "", markdown_text(entry["definition"])]
        if concept.see:
            related = ", ".join(f"[{markdown_text(concepts[other].terms[language]['term'])}](#{other})"
                                for other in concept.see if other in concepts)
            lines += ["", f"{labels['see']}: {related}"]
        if concept.source:
            lines += ["", f"{labels['source']}: [{markdown_text(concept.source['title'])}]"
                          f"({markdown_url(concept.source['url'])})"]
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"


def _language_data(build, language: str):
    """(term index, avoided wording) of a language, made once per build."""
    if language not in build.glossary_indexes:
        build.glossary_indexes[language] = (term_index(build.glossary, language),
                                            avoided_wording(build.glossary, language))
    return build.glossary_indexes[language]


def add_and_link_terms(build, markdown, page, config) -> str:
    concepts = build.glossary
    language = page_language(page, config.theme["language"])
    index, avoided = _language_data(build, language)
    if not is_fallback_copy(page, config):
        path = repo_path(config, page.file.src_path)
        raw = page.file.content_string
        findings, referenced = check_references(raw, path, index)
        if not page.meta.get("glossary"):
            findings += check_avoided(raw, path, avoided)
        report(findings)
        build.referenced_terms[page_key(page, config)] = referenced
    if page.meta.get("glossary"):
        markdown = markdown.rstrip() + "\n\n" + glossary_markdown(concepts, language)
    href = posixpath.relpath(GLOSSARY_PAGE, posixpath.dirname(page.file.src_uri) or ".")
    return link_terms(markdown, index, language, href)


# --- Per-page state (preview/reuse.py gives it back to a page a later rebuild reuses) ---------

def page_record(build, page, config) -> list[str]:
    """The concepts the page links to (summarise counts them), for a later rebuild that reuses the page."""
    return sorted(build.referenced_terms.get(page_key(page, config), ()))


def restore_page(build, page, config, concept_ids: list[str]) -> None:
    build.referenced_terms[page_key(page, config)] = set(concept_ids)


def summarise(build) -> None:
    concepts, referenced = build.glossary, set().union(*build.referenced_terms.values())
    unused = sorted(set(concepts) - referenced)
    LOG.info(f"Glossary: {len(concepts)} terms defined, {len(referenced & set(concepts))} referenced, "
             f"{len(unused)} never referenced{': ' + ', '.join(unused) if unused else ''}")
