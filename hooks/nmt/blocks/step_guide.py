"""The six steps as one guide (GOV.UK's step-by-step navigation).

docs/steps.yml holds the six steps of the support and protection process
(Jämställdhetsmyndigheten's *Manual vid misstanke om människohandel*): number,
the step's page, title, a one-line summary and the 2-4 most important actions,
in every language. The build shows them as one numbered guide:

- on each step's own page (the page named by `page:`) and on every page whose
  front matter says `step: N` (validated by front_matter.py): the current step
  is marked and open, the others closed;
- wherever a page has the marker line <!-- nmt:step-by-step --> (the overview
  samverkan/index.md): without a current step unless the page has one.

Placement: at the marker when the page has one, else right before the page's
first `## ` heading, that is after the introduction (the "who this page is
for" paragraph and an "Akut fara" box directly under it, which must stay
first for a reader in a hurry).

Each step is a <details> with the title in <summary>, so it opens and closes
without JavaScript, on a phone, offline and in print (nmt.css prints every
step open); docs/assets/javascripts/step-by-step.js adds a "Visa alla steg" /
"Show all steps" button. The current step is marked with a class (the visual
highlight) and a visually hidden "(du är här)" / "(you are here)" for screen
readers (aria-current is not in html_policy's content allow-list).

The guide is written as HTML into the Markdown, every text HTML-escaped, the
links relative to the page (from MkDocs' own file URLs, so they work online,
offline and under /en/). On pages that belong to a step the guide is
navigation, not the page's text: it is kept out of the search index there
(Material's data-search-exclude, added after raw_html.py has checked the
content and removed again by the search plugin before the page is written).
"""
from __future__ import annotations

import re

from markupsafe import Markup

from nmt.core.findings import Finding, report
from nmt.core.markdown import line_of, mask_code, prose
from nmt.core.pages import is_fallback_copy, page_language, repo_path
from nmt.core.site_facts import (
    default_language,
    default_language_page,
)
from nmt.core.strings import strings
from nmt.core.yaml_lines import (
    YamlProblem,
    line_in,
    read_front_matter,
)
from nmt.policy.html import is_outside
from nmt.registers.steps import STEPS_FILE, current_step

MARKER = "<!-- nmt:step-by-step -->"
MARKER_LINE = re.compile(r"^" + re.escape(MARKER) + r"[ \t]*$", re.M)
FIRST_H2 = re.compile(r"^## ", re.M)
ROOT_CLASS = "nmt-steps"
SEARCH_EXCLUDE = 'data-search-exclude="step-by-step"'

def _text(language: str) -> dict:
    return strings("step_by_step", language)


# --- Rendering -------------------------------------------------------------------------------

def _flat(value) -> str:
    """The text on one line: a blank line would end Markdown's HTML block."""
    return " ".join(str(value).split())


def guide(steps: dict, language: str, current: int | None, links: dict) -> str:
    """The guide as one HTML block (no blank lines, so Markdown keeps it whole).
    Every text is escaped as it is filled in (Markup.format, Markup.join).

    No <div> inside the outer one: Material's search parser compares elements by tag, and an inner
    </div> would end the exclusion of the outer one.

    links: step number → URL of its page relative to this page, None on the page itself."""
    text = {key: _flat(value) for key, value in _text(language).items()}
    lines = [Markup('<div class="{}">').format(ROOT_CLASS),
             Markup('<p class="nmt-steps__heading"><strong>{}</strong></p>').format(text["heading"]),
             Markup('<ol class="nmt-steps__list">')]
    for number, step in steps.items():
        lines += _step_lines(number, step, language, text, here=number == current, link=links.get(number))
    lines += [Markup("</ol>"), Markup("</div>")]
    return str(Markup("\n").join(lines))


def _step_lines(number: int, step, language: str, text: dict, here: bool, link: str | None) -> list[Markup]:
    """One step: a <li> with its <details>, the current step open and marked."""
    title = step.title[language]
    marked = Markup(' <span class="nmt-steps__here" aria-hidden="true">{here}</span>'
                    '<span class="nmt-visually-hidden"> ({here})</span>').format(here=text["here"]) if here else ""
    lines = [Markup('<li class="nmt-steps__step{}">').format(Markup(" nmt-steps__step--current") if here else ""),
             Markup('<details class="nmt-steps__details"{}>').format(Markup(" open") if here else ""),
             Markup('<summary class="nmt-steps__summary">'
                    '<span class="nmt-steps__number"><span class="nmt-visually-hidden">{step} </span>'
                    '{number}<span class="nmt-visually-hidden">:</span></span> '
                    '<span class="nmt-steps__title">{title}</span>{marked}</summary>').format(
                 step=text["step"], number=number, title=_flat(title), marked=marked),
             Markup('<p class="nmt-steps__lead">{}</p>').format(_flat(step.summary[language])),
             Markup('<ul class="nmt-steps__actions">')]
    lines += [Markup("<li>{}</li>").format(_flat(action[language])) for action in step.actions]
    lines.append(Markup("</ul>"))
    link = _flat(link or "")
    if link and not is_outside(link):   # always relative to the page (never a scheme, never //host)
        more = text["more"].format(number=number, title=title)
        lines.append(Markup('<p class="nmt-steps__more"><a href="{}">{}</a></p>').format(link, _flat(more)))
    return lines + [Markup("</details>"), Markup("</li>")]


def place_guide(markdown: str, block: str, automatic: bool) -> str:
    """The Markdown with the guide at each marker line, or (automatic) before the first `## ` heading."""
    masked = mask_code(markdown)
    markers = [match.span() for match in MARKER_LINE.finditer(masked)]
    if markers:
        pieces, last = [], 0
        for start, end in markers:
            pieces += [markdown[last:start], f"\n\n{block}\n\n"]
            last = end
        return "".join(pieces) + markdown[last:]
    if not automatic:
        return markdown
    heading = FIRST_H2.search(masked)
    at = heading.start() if heading else len(markdown)
    return f"{markdown[:at].rstrip()}\n\n{block}\n\n{markdown[at:]}"


def marker_not_alone(source: str, path: str) -> Finding:
    """The marker inside a sentence stays an invisible comment: say so at its line."""
    return Finding(path, _marker_line(source), f"the marker {MARKER} must be on a line of its own — write it alone at the start "
                               "of a line, with an empty line before and after")


def exclude_from_search(content: str) -> str:
    """Mark the guide for Material's search plugin, which indexes the page without it and removes the mark."""
    return content.replace(f'<div class="{ROOT_CLASS}">', f'<div class="{ROOT_CLASS}" {SEARCH_EXCLUDE}>')


def relative_links(steps: dict, files, page_file, language: str, default: str) -> dict:
    """Step number → its page's URL relative to this page (the page in this language), None for itself."""
    links = {}
    for number, step in steps.items():
        candidates = [step.page] if language == default else [step.page[:-3] + f".{language}.md", step.page]
        target = next((found for found in map(files.get_file_from_path, candidates) if found), None)
        if target is None or target.src_uri == page_file.src_uri:
            links[number] = None
        else:
            links[number] = target.url_relative_to(page_file) or "./"
    return links


def add_guide(build, markdown, page, config, files) -> str:
    steps = build.steps
    own = default_language_page(page.file.src_uri)
    path = repo_path(config, page.file.src_path)
    # Masking the code costs a parse of the page: without the marker's text there is nothing to find.
    masked = mask_code(markdown) if MARKER in markdown else markdown
    has_marker = bool(MARKER_LINE.search(masked))
    if MARKER in masked and not has_marker and not is_fallback_copy(page, config):
        report([marker_not_alone(page.file.content_string, path)])
    wants_step = isinstance(page.meta, dict) and page.meta.get("step") is not None
    if steps is None:
        if (has_marker or wants_step) and not is_fallback_copy(page, config):
            source = page.file.content_string
            what, line = (f"the marker {MARKER}", _marker_line(source)) if has_marker else \
                ("front matter 'step'", _front_matter_line(page, "step"))
            report([Finding(path, line, f"{what} needs docs/{STEPS_FILE}, which is missing — restore the file with "
                                        "the six steps")])
        return markdown
    current, findings = current_step(own, page.meta or {}, steps, path, _front_matter_line(page, "step"))
    if not is_fallback_copy(page, config):
        report(findings)
    if current is None and not has_marker:
        return markdown
    language = page_language(page, config.theme["language"])
    default = default_language(config)
    block = guide(steps, language, current, relative_links(steps, files, page.file, language, default))
    return place_guide(markdown, block, automatic=current is not None)


def keep_guide_out_of_search(build, html_content, page) -> str:
    # Runs after raw_html.py has checked the content: the search mark is Material's, not the editor's,
    # and the search plugin removes it before the page is written.
    steps = build.steps
    if steps and current_step(default_language_page(page.file.src_uri), page.meta or {}, steps, "")[0] is not None:
        return exclude_from_search(html_content)
    return html_content


def _marker_line(source: str) -> int:
    masked = prose(source)
    return line_of(masked, masked.index(MARKER)) if MARKER in masked else 1


def _front_matter_line(page, key: str) -> int:
    try:
        meta, first = read_front_matter(page.file.content_string)
    except YamlProblem:
        return 1  # front_matter.py reports it
    return line_in(meta, key, first) if meta is not None else 1
