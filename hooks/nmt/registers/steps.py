"""The six steps of the support and protection process, docs/steps.yml: read and validated.

Each step has its number (1–6, each once), its page, a title, a one-line
summary and two to four actions, in every language (Jämställdhetsmyndigheten's
*Manual vid misstanke om människohandel*). blocks/step_guide.py shows them.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from nmt.core.findings import Finding
from nmt.core.site_facts import (
    default_language_page,
    has_language_suffix,
)
from nmt.core.site_facts import site_languages as languages
from nmt.core.yaml_lines import (
    YamlProblem,
    line_in,
    load_data_file,
    load_yaml,
)

STEPS_FILE = "steps.yml"
NUMBERS = range(1, 7)
FIELDS = ("number", "page", "title", "summary", "actions")
MIN_ACTIONS, MAX_ACTIONS = 2, 4
MAX_SUMMARY, MAX_ACTION = 200, 200


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


# --- Steps (called by pipeline.py) ------------------------------------------------------------

def _parse(config):
    docs = Path(config["docs_dir"])
    return lambda text, path: load_steps(text, path, languages(config), docs)


def load(build, config) -> None:
    # Optional: a site without steps (a test site, the benchmark) has no guide; a page that asks for one
    # without the file is an error below.
    build.steps = load_data_file(config, STEPS_FILE, _parse(config)) if \
        Path(config["docs_dir"], STEPS_FILE).exists() else None
