"""Regional supplements (issue 26): a region's `region.yml` and the supplements in its `docs/`, read and checked.

A region is a folder, in this repository under regions/ or anywhere else
(a region keeps its own repository and pulls the national handbook):

    region.yml    id, name (sv/en), owner, reviewed, sources, contacts
    docs/         supplements at the path of the national page they belong to
                  (docs/samverkan/akut-skydd.md and .en.md)

Which regions a build shows (`regional_folders`): `make offline REGION=path`
sets NMT_REGION (core/site_facts.region_variable), and that one region's
supplements are shown open: the region's copy. Without it, the online site
shows every region under regions/ folded (blocks/regional.py), and the
national offline copy shows none.

Everything in the folder is an editor's input like docs/: region.yml is read
by core/yaml_lines.load_yaml (lines, no anchors, no markup, no key twice) and
held to a schema with no unknown keys; a phone number must be a Swedish
number (the pinned `phonenumbers` library, Google's libphonenumber data: a
hand-written pattern would not know which number ranges exist), an address
passes policy/links.py. A supplement gets the checks of a page (front matter,
links, raw HTML, glossary, statutes, readability of an easy-to-read page,
translation parity within the region), each finding naming the region's file
and line; a supplement with an error is reported and left out of the page.
A supplement for a page that does not exist is refused; for a page that
moved (docs/redirects.yml), the message says where it went.
"""
from __future__ import annotations

import datetime
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown as python_markdown
import phonenumbers
from phonenumbers import shortnumberinfo

from nmt.blocks.glossary_text import avoided_wording, check_avoided
from nmt.blocks.regional import BLOCK_ID, CONTACTS_ID
from nmt.blocks.glossary_text import check_references as check_glossary_references
from nmt.blocks.statute_text import check_references as check_statute_references
from nmt.blocks.statute_text import link_statutes
from nmt.checks import raw_html, readability, translation_parity
from nmt.checks.front_matter import check_front_matter
from nmt.checks.links import check_html_links, check_links, link_targets
from nmt.core.dates import parse_date
from nmt.core.findings import Finding, quoted, report, stop
from nmt.core.markdown import FRONT_MATTER, line_of, prose
from nmt.core.site_facts import ROOT, default_language, region_variable
from nmt.core.site_facts import site_languages as languages
from nmt.core.urls import cleaned as cleaned_url
from nmt.core.urls import read as read_url
from nmt.core.yaml_lines import FileProblem, YamlProblem, decode_utf8, line_in, load_yaml, read_front_matter
from nmt.output.review_dates import next_review, review_entry
from nmt.policy.links import check_data_url
from nmt.registers.glossary import term_index

REGION_FILE = "region.yml"
SUPPLEMENTS = "docs"
REPOSITORY_REGIONS = "regions"     # beside mkdocs.yml: the regions the online site shows
ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")    # with fullmatch; no nested quantifier can overlap ('-' separates)
MAX_ID_LENGTH = 40
REGION_KEYS = {"id", "name", "owner", "reviewed", "review_in", "sources", "contacts"}
CONTACT_KEYS = {"organisation", "role", "phone", "url", "hours"}
MAX_CONTACTS = 40
MAX_PHONE_LENGTH = 30              # longer is no phone number; phonenumbers' own limit is 250
PHONE_REGION = "SE"
# A supplement's front matter: who answers for it, when it was checked, where it comes from.
SUPPLEMENT_REQUIRED = ("owner",)
SUPPLEMENT_FIELDS = {"owner", "reviewed", "review_in", "sources", "changes", "keywords", "translation",
                     "translation_reason"}
MARKER_START = "<!-- nmt:"
WHAT_A_REGION_NEEDS = "see regions/README.md"


@dataclass(frozen=True)
class Contact:
    """One way to reach a function of the region: no person's name."""
    organisation: dict[str, str]   # language → text
    role: dict[str, str]
    hours: dict[str, str]          # empty when not given
    phone: str | None              # as written in Sweden, e.g. 070-174 06 05
    dial: str | None               # the number for tel:, e.g. +46701740605
    url: str | None


@dataclass(frozen=True)
class Supplement:
    path: str                      # the region's file as messages name it
    text: str                      # the whole file, front matter included
    body: str                      # the Markdown after the front matter
    owner: str
    reviewed: datetime.date
    next_review: datetime.date
    sources: tuple                 # (title, url) pairs


@dataclass(frozen=True)
class Region:
    id: str
    folder: Path
    name: dict[str, str]           # language → name
    owner: str
    reviewed: datetime.date
    next_review: datetime.date
    sources: tuple                 # (title, url) pairs
    contacts: tuple[Contact, ...]
    supplements: dict = field(default_factory=dict)   # national src_uri (x.md, x.en.md) → Supplement

    def newest_supplement(self) -> datetime.date | None:
        return max((supplement.reviewed for supplement in self.supplements.values()), default=None)


def shown_path(path: Path) -> str:
    """A region's file as editors recognise it: relative to the repository when inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.resolve().as_posix()


# --- Which regions -------------------------------------------------------------------------

def folder_problem(folder: Path) -> str | None:
    if not folder.is_dir():
        return "is not a folder — give the folder that holds region.yml, e.g. make offline REGION=regions/min-region"
    if folder.is_symlink() or (folder / REGION_FILE).is_symlink():
        return "is a symbolic link — give the region's folder itself"
    if not (folder / REGION_FILE).is_file():
        return f"has no {REGION_FILE} — a region's folder holds region.yml and docs/ ({WHAT_A_REGION_NEEDS})"
    return None


def regional_folders(config) -> tuple[list[Path], bool]:
    """(the region folders this build shows, whether it is one region's own copy)."""
    chosen = os.environ.get(region_variable(), "").strip()
    if chosen:
        folder = Path(chosen)
        if not config.extra.get("offline_copy"):
            stop(Finding(chosen, 1, "REGION is for a region's offline copy — run `make offline REGION=…`; "
                                    "the online site shows the regions under regions/ by itself"))
        if problem := folder_problem(folder):
            stop(Finding(shown_path(folder), 1, f"the region folder {problem}"))
        return [folder], True
    if config.extra.get("offline_copy"):
        return [], False   # the national copy: national text only
    repository = Path(config["config_file_path"]).parent / REPOSITORY_REGIONS
    if not repository.is_dir():
        return [], False
    return sorted(folder for folder in repository.iterdir()
                  if not folder.is_symlink() and (folder / REGION_FILE).is_file()), False


# --- region.yml ----------------------------------------------------------------------------

def phone_number(value) -> tuple[str | None, str | None, str | None]:
    """(shown, dial, problem) of a Swedish phone number written by an editor.

    phonenumbers knows which Swedish number ranges exist (its data is PTS's
    numbering plan as libphonenumber keeps it); short numbers such as 112 or
    114 14 are Swedish short numbers."""
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not text or len(text) > MAX_PHONE_LENGTH or not set(text) <= set("+0123456789 -()"):
        return None, None, (f"'phone: {quoted(value, 40)[1:-1]}' is not a phone number — write a Swedish number "
                            "with digits, spaces and '-', e.g. '08-123 456 78'")
    try:
        number = phonenumbers.parse(text, PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and shortnumberinfo.is_valid_short_number_for_region(number, PHONE_REGION):
        return text, text.replace(" ", "").replace("-", ""), None
    if number is None or not phonenumbers.is_valid_number_for_region(number, PHONE_REGION):
        return None, None, (f"'phone: {text}' is not a Swedish phone number that exists — check the digits "
                            "against the region's own page (area code first, e.g. 08-123 456 78)")
    return (phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL),
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None)


def language_texts(value, key: str, line: int, path: str, wanted: list[str]) -> tuple[dict, list[Finding]]:
    """A text for every language: 'key: text' (the same in all) or 'key: {sv: …, en: …}'."""
    if isinstance(value, str) and value.strip():
        return {language: value.strip() for language in wanted}, []
    if isinstance(value, dict) and set(value) == set(wanted) and all(
            isinstance(text, str) and text.strip() for text in value.values()):
        return {language: value[language].strip() for language in wanted}, []
    example = ", ".join(f"{language}: …" for language in wanted)
    return {}, [Finding(path, line, f"'{key}' is text on one line, or one text per language: "
                                    f"'{key}: {{{example}}}'")]


def unknown_keys(data: dict, known: set, path: str, what: str) -> list[Finding]:
    return [Finding(path, line_in(data, key), f"unknown key {quoted(key)} in {what} — the keys are "
                                               f"{', '.join(sorted(known))} ({WHAT_A_REGION_NEEDS})")
            for key in data if key not in known]


def read_sources(sources, line: int, path: str, deny: list) -> tuple[tuple, list[Finding]]:
    if not isinstance(sources, list) or not sources:
        return (), [Finding(path, line, "'sources' lists where the region's facts come from: '- title: …' / "
                                        "'  url: https://…' (the region's own public pages)")]
    pairs, findings = [], []
    for source in sources:
        at = line_in(source, default=line)
        title = source.get("title") if isinstance(source, dict) else None
        if not isinstance(title, str) or not title.strip():
            findings.append(Finding(path, at, "each source needs a 'title'"))
        elif problem := check_data_url(source.get("url"), deny):
            findings.append(Finding(path, line_in(source, "url", at), f"source {quoted(title)}: {problem}"))
        else:
            pairs.append((title.strip(), source["url"].strip()))
    return tuple(pairs), findings


def read_contact(contact, line: int, path: str, wanted: list[str], deny: list) -> tuple[Contact | None, list]:
    if not isinstance(contact, dict):
        return None, [Finding(path, line, "each contact is 'organisation', 'role' and 'phone' or 'url' "
                                          f"({WHAT_A_REGION_NEEDS})")]
    findings = unknown_keys(contact, CONTACT_KEYS, path, "a contact")
    texts = {}
    for key in ("organisation", "role", "hours"):
        if key == "hours" and key not in contact:
            texts[key] = {}
            continue
        texts[key], problems = language_texts(contact.get(key), key, line_in(contact, key, line), path, wanted)
        findings += problems
    shown = dial = url = None
    if "phone" in contact:
        shown, dial, problem = phone_number(contact["phone"])
        findings += [Finding(path, line_in(contact, "phone", line), problem)] if problem else []
    if "url" in contact:
        problem = check_data_url(contact["url"], deny)
        findings += [Finding(path, line_in(contact, "url", line), f"url: {problem}")] if problem else []
        url = None if problem else contact["url"].strip()
    if "phone" not in contact and "url" not in contact:
        findings.append(Finding(path, line, "a contact needs a 'phone' or a 'url' — how readers reach it"))
    if findings:
        return None, findings
    return Contact(texts["organisation"], texts["role"], texts["hours"], shown, dial, url), []


def read_region(text: str, path: str, folder: Path, wanted: list[str], deny: list, today: datetime.date,
                months: int) -> tuple[Region | None, list[Finding]]:
    """region.yml → Region (without supplements), or None and what is wrong."""
    try:
        data = load_yaml(text)
    except YamlProblem as problem:
        return None, [Finding(path, problem.line, problem.message)]
    if not isinstance(data, dict):
        return None, [Finding(path, 1, f"region.yml is 'key: value' lines: id, name, owner, reviewed, sources, "
                                       f"contacts ({WHAT_A_REGION_NEEDS})")]
    findings = unknown_keys(data, REGION_KEYS, path, "region.yml")
    for key in REGION_KEYS - {"review_in", "contacts"} - set(data):
        findings.append(Finding(path, 1, f"'{key}' is missing — add it ({WHAT_A_REGION_NEEDS})"))
    region_id = data.get("id")
    if "id" in data and not (isinstance(region_id, str) and len(region_id) <= MAX_ID_LENGTH and ID.fullmatch(region_id)):
        findings.append(Finding(path, line_in(data, "id"), f"'id: {quoted(region_id, 50)[1:-1]}' — the id is lower-case "
                                                           "a–z, 0–9 and '-', e.g. 'vastra-gotaland' (it names the zip)"))
    names, problems = language_texts(data.get("name"), "name", line_in(data, "name"), path, wanted)
    findings += problems if "name" in data else []
    owner = data.get("owner")
    if "owner" in data and not (isinstance(owner, str) and owner.strip()):
        findings.append(Finding(path, line_in(data, "owner"), "'owner' is the unit that answers for the region's "
                                                              "text, on one line"))
    reviewed = parse_date(data.get("reviewed"))
    if "reviewed" in data and (reviewed is None or reviewed > today):
        findings.append(Finding(path, line_in(data, "reviewed"), "'reviewed' is the date the region's facts were "
                                                                 "last checked, YYYY-MM-DD, not in the future"))
    review_in = data.get("review_in", months)
    if type(review_in) is not int or not 1 <= review_in <= 36:
        findings.append(Finding(path, line_in(data, "review_in"), "'review_in' is a number of months, 1 to 36"))
    sources, problems = read_sources(data.get("sources"), line_in(data, "sources"), path, deny)
    findings += problems if "sources" in data else []
    contacts, problems = read_contacts(data.get("contacts", []), line_in(data, "contacts"), path, wanted, deny)
    findings += problems
    if findings:
        return None, findings
    return Region(region_id, folder, names, owner.strip(), reviewed, next_review(reviewed, review_in),
                  sources, contacts), []


def read_contacts(contacts, line: int, path: str, wanted: list[str], deny: list) -> tuple[tuple, list]:
    if not isinstance(contacts, list) or len(contacts) > MAX_CONTACTS:
        return (), [Finding(path, line, f"'contacts' is a list of at most {MAX_CONTACTS} contacts "
                                        f"({WHAT_A_REGION_NEEDS})")]
    read, findings = [], []
    for contact in contacts:
        item, problems = read_contact(contact, line_in(contact, default=line), path, wanted, deny)
        findings += problems
        read += [item] if item else []
    return tuple(read), findings


# --- Supplements ---------------------------------------------------------------------------

def supplement_files(docs: Path) -> tuple[dict[str, Path], list[Finding]]:
    """The region's docs/: Markdown files by their path there; nothing else belongs in it."""
    files, findings = {}, []
    for here, folders, names in os.walk(docs):
        for name in sorted(folders + names):
            path = Path(here, name)
            relative = path.relative_to(docs).as_posix()
            if path.is_symlink():
                findings.append(Finding(shown_path(path), 1, "a symbolic link in a region's docs/ — put the file "
                                                             "itself there"))
            elif path.is_file() and not name.endswith(".md"):
                findings.append(Finding(shown_path(path), 1, "a region's docs/ holds supplements only (.md files "
                                                             "at the path of a national page) — remove this file"))
            elif path.is_file():
                files[relative] = path
        folders[:] = [name for name in folders if not Path(here, name).is_symlink()]
    return files, findings


def national_page_problem(relative: str, docs: Path, redirects: dict) -> str | None:
    """Why a supplement's path is not a national page's, or None."""
    if (docs / relative).is_file() and not any(part.startswith("_") for part in relative.split("/")):
        return None
    swedish = relative[:-len(".en.md")] + ".md" if relative.endswith(".en.md") else relative
    if swedish in redirects:
        moved = redirects[swedish]
        target = moved if relative == swedish else moved[:-len(".md")] + ".en.md"
        return (f"the national page {relative} has moved to {target} (docs/redirects.yml) — move this "
                f"supplement to docs/{target} in the region's folder")
    return (f"there is no national page {relative} — a supplement lies at the path of the page it belongs "
            "to (docs/samverkan/akut-skydd.md for docs/samverkan/akut-skydd.md); check the path")


def heading_level_findings(text: str, path: str) -> list[Finding]:
    """The block's heading is a ##, so a supplement's own headings start at ###."""
    findings = []
    for number, line in enumerate(prose(text).split("\n"), start=1):
        stripped = line.lstrip(" ") if len(line) - len(line.lstrip(" ")) <= 3 else ""
        if stripped.startswith("## ") or stripped == "##":
            findings.append(Finding(path, number, "a supplement's headings start at '### ' — the block's own "
                                                  "heading 'Regionalt tillägg – …' is the '## ' above them"))
    return findings


def marker_findings(text: str, path: str) -> list[Finding]:
    masked = prose(text)
    if MARKER_START not in masked:
        return []
    return [Finding(path, line_of(masked, masked.index(MARKER_START)),
                    "the build's markers (<!-- nmt:… -->) are for national pages — remove it from the supplement")]


def id_clash_findings(text: str, path: str, national: str) -> list[Finding]:
    """A heading id of the supplement that the national page (or the block itself) already uses:
    links and the contents would reach the wrong heading."""
    taken = set(translation_parity.heading_ids(national)) | {BLOCK_ID, CONTACTS_ID}
    return [Finding(path, line, f"the heading id #{identifier} is already used on the national page — give this "
                                "heading an id of its own, e.g. {#region-" + identifier + "}")
            for identifier, line in translation_parity.heading_ids(text).items() if identifier in taken]


def internal_link_findings(text: str, path: str, relative: str, docs: Path) -> list[Finding]:
    """Links to other pages of the handbook resolve from the national page's folder, as in the page."""
    findings = []
    for line, target in link_targets(text):
        if read_url(target).outside:
            continue
        address = cleaned_url(target).partition("#")[0].partition("?")[0]
        if not address.endswith(".md"):
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(relative), address))
        if resolved.startswith("../") or not (docs / resolved).is_file():
            findings.append(Finding(path, line, f"the link {quoted(target)} goes to no page of the handbook — "
                                                "link to a national page's .md file, relative to this supplement"))
    return findings


def rendered(body: str, build, config) -> str:
    """The supplement's HTML as the page's Markdown would make it (sfs: links already official)."""
    converter = python_markdown.Markdown(extensions=config["markdown_extensions"],
                                         extension_configs=config["mdx_configs"])
    return converter.convert(link_statutes(body, build.statutes))


def check_supplement(text: str, path: str, relative: str, build, config, docs: Path) -> list[Finding]:
    """Every check a page gets, on one supplement, with the region's file and line."""
    default, others = default_language(config), languages(config)[1:]
    language = next((other for other in others if relative.endswith(f".{other}.md")), default)
    deny = (config.extra.get("link_policy") or {}).get("deny") or []
    findings = check_front_matter(text, path, datetime.date.today(), SUPPLEMENT_REQUIRED, SUPPLEMENT_FIELDS)
    site_host = read_url(config.get("site_url") or "").site or ""
    findings += check_links(text, path, deny, site_host, others)
    findings += internal_link_findings(text, path, relative, docs)
    findings += heading_level_findings(text, path) + marker_findings(text, path)
    findings += id_clash_findings(text, path, national_text(docs, relative))
    findings += check_glossary_references(text, path, term_index(build.glossary, language))[0]
    findings += check_avoided(text, path, avoided_wording(build.glossary, language))
    findings += check_statute_references(text, path, build.statutes)
    if language == readability.LIX_LANGUAGE and readability.is_easy_read(national_text(docs, relative)):
        findings += readability.check_easy_read(text, path)
    if not any(finding.level == "error" for finding in findings):   # only what parses is rendered
        html = rendered(body_of(text), build, config)
        toc = config["mdx_configs"].get("toc") or {}
        findings += raw_html.check_content(html, text, path, toc.get("slugify", raw_html.markdown_slugify),
                                           toc.get("separator", "-"))
        findings += check_html_links(html, text, path, deny)
    return findings


def body_of(text: str) -> str:
    """The Markdown after the front matter."""
    match = FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def national_text(docs: Path, relative: str) -> str:
    try:
        return (docs / relative).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def read_supplement(text: str, path: str, months: int) -> Supplement:
    """A supplement that passed check_supplement."""
    meta, _ = read_front_matter(text)
    reviewed = parse_date(meta["reviewed"])
    sources = tuple((source["title"].strip(), source["url"].strip()) for source in meta["sources"])
    return Supplement(path, text, body_of(text).strip("\n"), meta["owner"].strip(), reviewed,
                      next_review(reviewed, meta.get("review_in") or months), sources)


def load_supplements(region: Region, build, config) -> list[Finding]:
    """Check the region's supplements; those without an error go into region.supplements."""
    docs, months = Path(config["docs_dir"]), config.extra.get("review_in_months", 12)
    files, findings = supplement_files(region.folder / SUPPLEMENTS)
    texts, prefix = {}, shown_path(region.folder / SUPPLEMENTS) + "/"
    for relative, file in sorted(files.items()):
        path = prefix + relative
        try:
            texts[relative] = decode_utf8(file.read_bytes())
        except FileProblem as problem:
            findings.append(Finding(path, problem.line, problem.message))
            continue
        if problem := national_page_problem(relative, docs, build.redirects):
            findings.append(Finding(path, 1, problem))
            del texts[relative]
            continue
        own = check_supplement(texts[relative], path, relative, build, config, docs)
        findings += own
        if not any(finding.level == "error" for finding in own):
            region.supplements[relative] = read_supplement(texts[relative], path, months)
    findings += translation_parity.check_parity(texts, default_language(config), languages(config), prefix)
    return findings


def record_reviews(region: Region, build, config) -> None:
    """The supplements and the region's own facts in review.json, like pages (output/review_dates.py)."""
    months = config.extra.get("review_in_months", 12)
    default = default_language(config)
    for relative, supplement in region.supplements.items():
        language = next((other for other in languages(config)[1:] if relative.endswith(f".{other}.md")), default)
        entry = review_entry(supplement.text, supplement.path, language, months, build.today)
        if entry:
            entry["title"] = f"{region.name[language]}: {relative}"
            build.review_entries[f"{language}:region:{region.id}:{relative}"] = entry


def region_id(folder: Path) -> tuple[str | None, str | None]:
    """(the id in a region's region.yml, or None and the problem on one line): for the zip's name."""
    path = shown_path(folder / REGION_FILE)
    if problem := folder_problem(folder):
        return None, f"{shown_path(folder)}:1: the region folder {problem}"
    try:
        data = load_yaml(decode_utf8((folder / REGION_FILE).read_bytes()))
    except (FileProblem, YamlProblem) as problem:
        return None, str(Finding(path, problem.line, problem.message))
    found = data.get("id") if isinstance(data, dict) else None
    if not (isinstance(found, str) and len(found) <= MAX_ID_LENGTH and ID.fullmatch(found)):
        return None, str(Finding(path, line_in(data, "id"), "the region has no usable 'id' — run the build "
                                                            "(make offline REGION=…) to see what to change"))
    return found, None


# --- Steps (called by pipeline.py) ---------------------------------------------------------

def choose(build, config) -> None:
    """Which regions this build shows (on_config: the stylesheet is added before any page)."""
    build.region_folders, build.regional_copy = regional_folders(config)


def load(build, config) -> None:
    """Read and check every region this build shows; the supplements go to build.regions."""
    wanted = languages(config)
    deny = (config.extra.get("link_policy") or {}).get("deny") or []
    months = config.extra.get("review_in_months", 12)
    regions, seen = [], {}
    for folder in build.region_folders:
        path = shown_path(folder / REGION_FILE)
        try:
            text = decode_utf8((folder / REGION_FILE).read_bytes())
        except FileProblem as problem:
            stop(Finding(path, problem.line, problem.message))
        region, findings = read_region(text, path, folder, wanted, deny, datetime.date.today(), months)
        if region is None:
            report(findings[1:])
            stop(findings[0])
        if region.id in seen:
            stop(Finding(path, 1, f"the id '{region.id}' is also the id of {seen[region.id]} — give each region "
                                  "its own id"))
        seen[region.id] = path
        report(load_supplements(region, build, config))
        record_reviews(region, build, config)
        regions.append(region)
    build.regions = tuple(regions)
