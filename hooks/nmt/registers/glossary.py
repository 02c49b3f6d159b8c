"""The glossary, docs/glossary.yml: read and validated into Concept objects.

A concept has an id, and per language its term, definition, other forms
(`also`), discouraged wording (`avoid`, with what to use instead), related
concepts and a source. Every form belongs to one concept only.
blocks/glossary_text.py links [[terms]] and writes the glossary pages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from nmt.core.findings import Finding, one_line
from nmt.core.site_facts import site_languages as languages
from nmt.core.yaml_lines import YamlProblem, line_in, load_data_file, load_yaml
from nmt.policy.links import check_data_url

GLOSSARY_FILE = "glossary.yml"
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ENTRY_KEYS = {"id", "see", "source"}
LANGUAGE_KEYS = {"term", "definition", "also", "avoid"}
SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


@dataclass
class Concept:
    id: str
    line: int
    terms: dict = field(default_factory=dict)       # language → {term, definition, also, avoid}
    see: list = field(default_factory=list)
    source: dict | None = None

    def forms(self, language: str) -> list[str]:
        entry = self.terms[language]
        return [entry["term"], *entry.get("also", [])]


def load_glossary(text: str, path: str, wanted: list[str]) -> tuple[dict[str, Concept] | None, list[Finding]]:
    """Parse and validate the glossary; return valid concepts and all problems.

    Concepts are None when the file cannot be used at all (it does not parse).
    """
    try:
        data = load_yaml(text)
    except YamlProblem as problem:
        return None, [Finding(path, problem.line, problem.message)]
    if not isinstance(data, list):
        return None, [Finding(path, 1, "the glossary must be a list of concepts, each starting with '- id: …'")]
    concepts: dict[str, Concept] = {}
    findings: list[Finding] = []
    for entry in data:
        concept, problems = _read_concept(entry, path, wanted)
        findings += problems
        if concept is None:
            continue
        if concept.id in concepts:
            findings.append(Finding(path, concept.line, f"the id '{concept.id}' is used twice — "
                                                        "give each concept its own id"))
            continue
        concepts[concept.id] = concept
    findings += _check_unique_forms(concepts, path, wanted)
    for concept in concepts.values():
        for other in concept.see:
            if other not in concepts:
                findings.append(Finding(path, concept.line, f"'{concept.id}': 'see' names '{one_line(str(other))}', "
                                                            "which is not an id in the glossary"))
    return concepts, findings


def _read_concept(entry, path: str, wanted: list[str]) -> tuple[Concept | None, list[Finding]]:
    if not isinstance(entry, dict):
        return None, [Finding(path, 1, "each glossary entry must start with '- id: …'")]
    line = line_in(entry)
    identifier = entry.get("id")
    if not isinstance(identifier, str) or not ID.fullmatch(identifier):
        return None, [Finding(path, line, f"glossary id {identifier!r} must be lower-case letters, digits "
                                          "and hyphens, e.g. 'id: betanketid'")]
    findings = [Finding(path, line_in(entry, key), f"'{identifier}': unknown field '{one_line(str(key))}'", "warning")
                for key in entry if key not in ENTRY_KEYS | set(wanted)]
    concept = Concept(identifier, line)
    for language in wanted:
        block = entry.get(language)
        if not isinstance(block, dict):
            findings.append(Finding(path, line, f"'{identifier}' has no '{language}:' block — add the term "
                                                f"and its definition in {language}"))
            continue
        findings += _check_language_block(block, identifier, language, path)
        concept.terms[language] = {
            "term": str(block.get("term") or "").strip(),
            "definition": " ".join(str(block.get("definition") or "").split()),
            "also": [str(form).strip() for form in block.get("also") or [] if str(form).strip()]
            if isinstance(block.get("also") or [], list) else [],
            "avoid": [item for item in block.get("avoid") or [] if isinstance(item, dict)]
            if isinstance(block.get("avoid") or [], list) else [],
            "line": line_in(block),
        }
    see = entry.get("see") or []
    concept.see = [str(item) for item in see] if isinstance(see, list) else []
    if not isinstance(see, list):
        findings.append(Finding(path, line_in(entry, "see"), f"'{identifier}': 'see' must be a list of ids"))
    source = entry.get("source")
    if source is not None:
        problem = check_data_url(source.get("url"), []) if isinstance(source, dict) else "is missing"
        if isinstance(source, dict) and problem is None and isinstance(source.get("title"), str) and source["title"]:
            concept.source = {"title": source["title"], "url": source["url"]}
        else:
            findings.append(Finding(path, line_in(source, "url", line_in(entry, "source")),
                                    f"'{identifier}': 'source' needs 'title' and an https 'url'"
                                    + (f" — the url {problem}" if problem else "")))
    if len(concept.terms) != len(wanted):
        return None, findings
    return concept, findings


def _check_language_block(block, identifier: str, language: str, path: str) -> list[Finding]:
    findings = []
    for key in ("term", "definition"):
        if not isinstance(block.get(key), str) or not block[key].strip():
            findings.append(Finding(path, line_in(block, key), f"'{identifier}' ({language}): '{one_line(str(key))}' "
                                                               "must be non-empty text"))
    if not isinstance(block.get("also") or [], list):
        findings.append(Finding(path, line_in(block, "also"), f"'{identifier}' ({language}): 'also' must "
                                                              "be a list, e.g. [betänketiden, betänketidens]"))
    avoid = block.get("avoid") or []
    if not isinstance(avoid, list) or not all(isinstance(a, dict) and a.get("term") and a.get("use")
                                              for a in avoid):
        findings.append(Finding(path, line_in(block, "avoid"), f"'{identifier}' ({language}): 'avoid' is "
                                                               "a list of {term: …, use: …}"))
    findings += [Finding(path, line_in(block, key), f"'{identifier}' ({language}): unknown field '{one_line(str(key))}'",
                         "warning") for key in block if key not in LANGUAGE_KEYS]
    return findings


def _check_unique_forms(concepts: dict[str, Concept], path: str, wanted: list[str]) -> list[Finding]:
    findings = []
    for language in wanted:
        owner: dict[str, str] = {}
        for concept in concepts.values():
            for form in concept.forms(language):
                key = form.casefold()
                if key in owner and owner[key] != concept.id:
                    findings.append(Finding(path, concept.terms[language]["line"],
                                            f"'{concept.id}' ({language}): '{one_line(form)}' is also a form of "
                                            f"'{owner[key]}' — each term or form may belong to one concept only"))
                owner.setdefault(key, concept.id)
    return findings


def term_index(concepts: dict[str, Concept], language: str) -> dict[str, Concept]:
    """Every term and `also` form of a language (case-folded) → its concept."""
    index: dict[str, Concept] = {}
    for concept in concepts.values():
        for form in concept.forms(language):
            index.setdefault(form.casefold(), concept)
    return index


def sort_key(term: str, language: str) -> str:
    folded = term.casefold()
    return folded.translate(SWEDISH_ORDER) if language == "sv" else folded


# --- Steps (called by pipeline.py) ---------------------------------------------------

def load(build, config) -> None:
    build.glossary = load_data_file(config, GLOSSARY_FILE,
                                    lambda text, path: load_glossary(text, path, languages(config)))
