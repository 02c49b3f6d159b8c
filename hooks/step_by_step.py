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

import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from _common import (Finding, YamlProblem, default_language, is_fallback_copy, languages, line_in, load_data_file,
                     line_of, load_yaml, mask_code, page_language, prose, read_front_matter, report,
                     repo_path)
from html_policy import is_outside
from site_facts import default_language_page, has_language_suffix
from ui_strings import strings

STEPS_FILE = "steps.yml"
MARKER = "<!-- nmt:step-by-step -->"
MARKER_LINE = re.compile(r"^" + re.escape(MARKER) + r"[ \t]*$", re.M)
FIRST_H2 = re.compile(r"^## ", re.M)
NUMBERS = range(1, 7)
FIELDS = ("number", "page", "title", "summary", "actions")
MIN_ACTIONS, MAX_ACTIONS = 2, 4
MAX_SUMMARY, MAX_ACTION = 200, 200
ROOT_CLASS = "nmt-steps"
SEARCH_EXCLUDE = 'data-search-exclude="step-by-step"'

def _text(language: str) -> dict:
    return strings("step_by_step", language)


@dataclass(frozen=True)
class Step:
    number: int
    page: str                      # the step's page, a Swedish docs path: samverkan/akut-skydd.md
    line: int
    title: dict
    summary: dict
    actions: list = field(default_factory=list)  # [{sv: …, en: …}, …]


# --- The data file ---------------------------------------------------------------------------

def load_steps(text: str, path: str, wanted: list[str], docs: Path) -> tuple[dict | None, list[Finding]]:
    """Parse and validate docs/steps.yml: {number: Step}, or None when the file cannot be used."""
    try:
        data = load_yaml(text)
    except YamlProblem as problem:
        return None, [Finding(path, problem.line, problem.message)]
    if not isinstance(data, list) or not all(isinstance(entry, dict) for entry in data):
        return None, [Finding(path, 1, "the steps must be a list of six steps, each starting with "
                                       "'- number: …' — see the comment at the top of docs/steps.yml")]
    findings = []
    if len(data) != len(NUMBERS):
        findings.append(Finding(path, 1, f"the file lists {len(data)} steps — the support and protection "
                                         "process has six: list each number from 1 to 6 once"))
    steps, pages = {}, {}
    for entry in data:
        step, problems = _read_step(entry, path, wanted, docs)
        findings += problems
        if step is None:
            continue
        if step.number in steps:
            findings.append(Finding(path, step.line, f"step {step.number} is listed twice (also on line "
                                                     f"{steps[step.number].line}) — list each number from 1 to 6 once"))
            continue
        if step.page in pages:
            findings.append(Finding(path, line_in(entry, "page", step.line),
                                    f"step {step.number}: 'page: {step.page}' is already step {pages[step.page]}'s "
                                    "page — each step has its own page"))
            continue
        steps[step.number], pages[step.page] = step, step.number
    numbers = {entry.get("number") for entry in data if _is_number(entry.get("number"))}
    missing = [str(number) for number in NUMBERS if number not in numbers]
    if len(missing) == 1:
        findings.append(Finding(path, 1, f"step {missing[0]} is missing — list each number from 1 to 6 once"))
    elif missing:
        findings.append(Finding(path, 1, f"steps {', '.join(missing[:-1])} and {missing[-1]} are missing — list "
                                         "each number from 1 to 6 once"))
    return dict(sorted(steps.items())), findings


def _read_step(entry: dict, path: str, wanted: list[str], docs: Path) -> tuple[Step | None, list[Finding]]:
    line = line_in(entry)
    number = entry.get("number")
    if number is None:
        return None, [Finding(path, line, "this step has no 'number' — write a whole number from 1 to 6, "
                                          "e.g. 'number: 2'")]
    if not _is_number(number):
        return None, [Finding(path, line_in(entry, "number", line), f"'number: {number}' is not a step number — "
                                                                    "write a whole number from 1 to 6, e.g. 'number: 2'")]
    findings = [Finding(path, line_in(entry, key, line), f"step {number}: unknown field '{key}' — the fields are "
                                                         f"{', '.join(FIELDS)}")
                for key in entry if key not in FIELDS]
    findings += _check_page(entry, number, path, docs, line)
    for key, limit in (("title", None), ("summary", MAX_SUMMARY)):
        findings += _check_text(entry.get(key), f"'{key}'", number, path, line_in(entry, key, line), wanted, limit)
    actions = entry.get("actions")
    if not isinstance(actions, list) or not MIN_ACTIONS <= len(actions) <= MAX_ACTIONS:
        count = f" (found {len(actions)})" if isinstance(actions, list) else ""
        findings.append(Finding(path, line_in(entry, "actions", line),
                                f"step {number}: 'actions' is a list of {MIN_ACTIONS} to {MAX_ACTIONS} of the most "
                                f"important actions{count}, each '- sv: …' / '  en: …'"))
    else:
        for index, action in enumerate(actions, 1):
            findings += _check_text(action, f"action {index}", number, path,
                                    line_in(action, default=line_in(entry, "actions", line)), wanted, MAX_ACTION)
    if findings:
        return None, findings
    return Step(number, entry["page"], line, dict(entry["title"]), dict(entry["summary"]),
                [dict(action) for action in actions]), []


def _is_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in NUMBERS


def _check_page(entry: dict, number: int, path: str, docs: Path, line: int) -> list[Finding]:
    page = entry.get("page")
    at = line_in(entry, "page", line)
    if not isinstance(page, str) or not page.strip():
        return [Finding(path, at, f"step {number}: 'page' is missing — write the path of the step's page under "
                                  "docs/, e.g. 'page: samverkan/akut-skydd.md'")]
    if has_language_suffix(page):
        return [Finding(path, at, f"step {number}: 'page: {page}' is a translation — write the Swedish page, "
                                  f"{default_language_page(page)}")]
    if page.startswith("/") or ".." in page.split("/") or not page.endswith(".md") or not (docs / page).is_file():
        known = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if docs.is_dir() else []
        close = difflib.get_close_matches(page, known, n=1, cutoff=0.8)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return [Finding(path, at, f"step {number}: 'page: {page}' is not a page in docs/{hint} — write the path "
                                  "of the step's page under docs/, e.g. 'page: samverkan/akut-skydd.md'")]
    return []


def _check_text(value, what: str, number: int, path: str, line: int, wanted: list[str],
                limit: int | None) -> list[Finding]:
    if not isinstance(value, dict):
        return [Finding(path, line, f"step {number}: {what} needs a text in each language — write "
                                    + " / ".join(f"'{language}: …'" for language in wanted))]
    findings = []
    for language in wanted:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            findings.append(Finding(path, line_in(value, language, line) if language in value else line,
                                    f"step {number}: {what} has no '{language}' text — write it in every "
                                    f"language ({', '.join(wanted)})"))
        elif limit and len(" ".join(text.split())) > limit:
            findings.append(Finding(path, line_in(value, language, line),
                                    f"step {number}: {what} in '{language}' is {len(' '.join(text.split()))} "
                                    f"characters — keep it to one short sentence (at most {limit})"))
    return findings


# --- Which step a page is in -----------------------------------------------------------------

def current_step(page: str, meta: dict, steps: dict, path: str, line: int = 1) -> tuple[int | None, list[Finding]]:
    """The step a page belongs to (its own step, or front matter `step:`), and what disagrees."""
    own = next((step.number for step in steps.values() if step.page == page), None)
    declared = meta.get("step") if isinstance(meta, dict) else None
    if not _is_number(declared):
        declared = None   # front_matter.py reports a bad value
    if own is not None and declared is not None and declared != own:
        return own, [Finding(path, line, f"front matter: 'step: {declared}', but this page is step {own}'s own page "
                                         f"in docs/steps.yml — remove 'step' (a step's page needs none) or correct "
                                         "docs/steps.yml")]
    return own if own is not None else declared, []


# --- Rendering -------------------------------------------------------------------------------

def _e(value) -> str:
    return html.escape(" ".join(str(value).split()), quote=True)


def guide(steps: dict, language: str, current: int | None, links: dict) -> str:
    """The guide as one HTML block (no blank lines, so Markdown keeps it whole).

    No <div> inside the outer one: Material's search parser compares elements by tag, and an inner
    </div> would end the exclusion of the outer one.

    links: step number → URL of its page relative to this page, None on the page itself."""
    text = _text(language)
    lines = [f'<div class="{ROOT_CLASS}">',
             f'<p class="nmt-steps__heading"><strong>{_e(text["heading"])}</strong></p>',
             '<ol class="nmt-steps__list">']
    for number, step in steps.items():
        here = number == current
        title = step.title[language]
        lines += [f'<li class="nmt-steps__step{" nmt-steps__step--current" if here else ""}">',
                  f'<details class="nmt-steps__details"{" open" if here else ""}>',
                  '<summary class="nmt-steps__summary">'
                  f'<span class="nmt-steps__number"><span class="nmt-visually-hidden">{_e(text["step"])} </span>'
                  f'{number}<span class="nmt-visually-hidden">:</span></span> '
                  f'<span class="nmt-steps__title">{_e(title)}</span>'
                  + (f' <span class="nmt-steps__here" aria-hidden="true">{_e(text["here"])}</span>'
                     f'<span class="nmt-visually-hidden"> ({_e(text["here"])})</span>' if here else "")
                  + '</summary>',
                  f'<p class="nmt-steps__lead">{_e(step.summary[language])}</p>',
                  '<ul class="nmt-steps__actions">']
        lines += [f"<li>{_e(action[language])}</li>" for action in step.actions]
        lines.append("</ul>")
        link = " ".join(str(links.get(number) or "").split())
        if link and not is_outside(link):   # always relative to the page (never a scheme, never //host)
            more = text["more"].format(number=number, title=title)
            lines.append(f'<p class="nmt-steps__more"><a href="{_e(link)}">{_e(more)}</a></p>')
        lines += ["</details>", "</li>"]
    lines += ["</ol>", "</div>"]
    return "\n".join(lines)


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


# --- Steps (called by pipeline.py) ------------------------------------------------------------

def _parse(config):
    docs = Path(config["docs_dir"])
    return lambda text, path: load_steps(text, path, languages(config), docs)


def load(build, config) -> None:
    # Optional: a site without steps (a test site, the benchmark) has no guide; a page that asks for one
    # without the file is an error below.
    build.steps = load_data_file(config, STEPS_FILE, _parse(config)) if \
        Path(config["docs_dir"], STEPS_FILE).exists() else None


def add_guide(build, markdown, page, config, files) -> str:
    steps = build.steps
    own = default_language_page(page.file.src_uri)
    path = repo_path(config, page.file.src_path)
    masked = mask_code(markdown)
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
