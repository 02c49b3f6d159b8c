"""Write a synthetic bilingual NMT handbook of N pages per language.

The generated folder (default .bench/site-N/) is a complete copy of the
project's set-up around generated content, so `mkdocs build --strict` runs
every hook on it exactly as on the real handbook:

- mkdocs.yml: the real one with only `nav:` (and its English
  nav_translations) replaced; mkdocs-offline.yml and mkdocs-base.yml
  copied as they are;
- hooks/, overrides/, admin/ and CONTRIBUTING.md (the editor's files and
  help texts), docs/assets/, docs/glossary.yml, docs/redirects.yml and
  docs/ordlista/ copied; docs/statutes.yml copied with each provision's
  `page:` pointed at a generated page;
- the footer pages (tillganglighet, om-webbplatsen with the PDF marker,
  om-kopian with the build-facts marker) and a home page, generated;
- N content pages per language (section and subsection index pages
  included): `page.md` in Swedish and `page.en.md` in English, 4–6 KB each,
  with full front matter (title, description, owner, reviewed, sources,
  changes, keywords), headings with explicit ids identical in both
  languages, a table, an admonition, lists, links to other generated pages
  (with anchors that exist), [[glossary term]] references with real terms
  from docs/glossary.yml and sfs: links with real numbers and anchors from
  docs/statutes.yml. Text is generated from parallel Swedish/English word
  lists, so the English page is a "translation" of the Swedish one.

Navigation shape: max(4, min(10, N // 50)) top sections of about equal size,
each with an index page; a section with more than 25 pages is split into
subsections of at most 25 pages, each with its own index page. So 100/lang
has 4 flat sections of 25, 500/lang 10 sections of 2 subsections, 2000/lang
10 sections of 8 subsections (three nav levels, like a grown handbook).

Deterministic: the same N and --seed give byte-identical files.

Usage: python bench/generate.py N [--out .bench/site-N] [--seed 8]
"""
from __future__ import annotations

import argparse
import datetime
import math
import posixpath
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PAGES_PER_SUBSECTION = 25

# --- Parallel vocabulary: (Swedish, English) ------------------------------------------

SUBJECTS = [
    ("handläggaren", "the case officer"), ("socialtjänsten", "the social services"), ("polisen", "the police"),
    ("Migrationsverket", "the Migration Agency"), ("åklagaren", "the prosecutor"),
    ("regionkoordinatorn", "the regional coordinator"), ("kommunen", "the municipality"),
    ("vården", "the health service"), ("länsstyrelsen", "the county administrative board"),
    ("myndigheten", "the agency"), ("samordnaren", "the coordinator"), ("stödpersonen", "the support person"),
    ("tolken", "the interpreter"), ("skolan", "the school"), ("arbetsgivaren", "the employer"),
    ("Arbetsmiljöverket", "the Work Environment Authority"), ("barnahuset", "the children's advocacy centre"),
    ("den som möter personen", "whoever meets the person"), ("gruppen", "the team"),
    ("Jämställdhetsmyndigheten", "the Gender Equality Agency"), ("rådgivaren", "the adviser"),
    ("kuratorn", "the counsellor"), ("utredaren", "the investigator"), ("chefen", "the manager"),
]
VERBS = [
    ("bedömer", "assesses"), ("dokumenterar", "documents"), ("planerar", "plans"), ("följer upp", "follows up"),
    ("ansvarar för", "is responsible for"), ("samordnar", "coordinates"), ("utreder", "investigates"),
    ("beskriver", "describes"), ("prövar", "examines"), ("beslutar om", "decides on"),
    ("informerar om", "gives information about"), ("erbjuder", "offers"), ("kontrollerar", "checks"),
    ("förbereder", "prepares"), ("granskar", "reviews"), ("stödjer", "supports"), ("ordnar", "arranges"),
    ("rapporterar", "reports"), ("tar emot", "receives"), ("säkerställer", "ensures"),
    ("diskuterar", "discusses"), ("förklarar", "explains"), ("ändrar", "changes"), ("avslutar", "closes"),
]
OBJECTS = [
    ("behovet av skydd", "the need for protection"), ("personens situation", "the person's situation"),
    ("riskerna", "the risks"), ("det akuta stödet", "the immediate support"), ("boendet", "the accommodation"),
    ("kontakten med polisen", "contact with the police"), ("ansökan", "the application"),
    ("beslutet", "the decision"), ("uppgifterna", "the information"), ("planen", "the plan"),
    ("samtalet", "the interview"), ("ersättningen", "the compensation"), ("hälsoundersökningen", "the health check"),
    ("säkerhetsplanen", "the safety plan"), ("utredningen", "the investigation"), ("anmälan", "the report"),
    ("underlaget", "the documentation"), ("insatsen", "the measure"), ("resan hem", "the journey home"),
    ("misstankarna om människohandel", "the suspicions of human trafficking"),
    ("stödet till offret", "the support for the victim"), ("kontakten med ambassaden", "contact with the embassy"),
    ("barnets bästa", "the best interests of the child"), ("arbetsvillkoren", "the working conditions"),
    ("skulden till gärningspersonen", "the debt to the offender"), ("passet", "the passport"),
    ("rätten till tolk", "the right to an interpreter"), ("vittnesmålet", "the witness statement"),
    ("samarbetet mellan myndigheterna", "the cooperation between the agencies"),
    ("tecknen på exploatering", "the signs of exploitation"), ("prostitutionen", "the prostitution"),
]
ADVERBIALS = [
    ("inom 24 timmar", "within 24 hours"), ("så snart som möjligt", "as soon as possible"),
    ("tillsammans med andra myndigheter", "together with other agencies"),
    ("i varje enskilt fall", "in each individual case"), ("enligt lagen", "under the law"),
    ("innan beslutet fattas", "before the decision is taken"), ("under hela processen", "throughout the process"),
    ("i samråd med personen", "in consultation with the person"),
    ("på personens eget språk", "in the person's own language"), ("utan dröjsmål", "without delay"),
    ("vid behov", "when needed"), ("efter ett första samtal", "after a first interview"),
    ("i hela landet", "throughout the country"), ("med stöd av tolk", "with the help of an interpreter"),
    ("under betänketiden", "during the reflection period"), ("före rättegången", "before the trial"),
    ("varje vecka", "every week"), ("skriftligt", "in writing"), ("i journalen", "in the case file"),
    ("på ett tryggt sätt", "in a safe way"), ("med hjälp av checklistan", "with the help of the checklist"),
]
TOPICS = [
    ("Identifiering av offer", "Identifying victims"), ("Skyddat boende", "Sheltered accommodation"),
    ("Akut stöd", "Immediate support"), ("Barn som utnyttjas", "Children who are exploited"),
    ("Arbete med tolk", "Working with interpreters"), ("Förundersökningen", "The preliminary investigation"),
    ("Återvändande", "Return"), ("Hälsa och vård", "Health and care"), ("Ekonomiskt stöd", "Financial support"),
    ("Uppehållstillstånd", "Residence permits"), ("Arbetskraftsexploatering", "Labour exploitation"),
    ("Sexuell exploatering", "Sexual exploitation"), ("Samtal med offret", "Talking to the victim"),
    ("Säkerhet och risker", "Safety and risks"), ("Rättegången", "The trial"), ("Ersättning", "Compensation"),
    ("Samverkan i regionen", "Regional cooperation"), ("Dokumentation", "Documentation"),
    ("Indikatorer", "Indicators"), ("Långsiktigt stöd", "Long-term support"),
]
ASPECTS = [
    ("rutiner", "procedures"), ("ansvar", "responsibilities"), ("exempel", "examples"), ("frågor", "questions"),
    ("checklista", "checklist"), ("lagregler", "legal rules"), ("roller", "roles"), ("första steg", "first steps"),
    ("uppföljning", "follow-up"), ("kontakter", "contacts"), ("vanliga fel", "common mistakes"),
    ("särskilda situationer", "special situations"),
]
SECTIONS = [
    ("Identifiering", "Identification", "identifiering"), ("Skydd och stöd", "Protection and support", "skydd"),
    ("Rättsprocessen", "The legal process", "rattsprocess"), ("Barn och unga", "Children and young people", "barn"),
    ("Arbetsliv", "Working life", "arbetsliv"), ("Migration", "Migration", "migration"),
    ("Hälsa", "Health", "halsa"), ("Återvändande och återintegration", "Return and reintegration", "atervandande"),
    ("Regional samverkan", "Regional cooperation", "regional"), ("Metoder och verktyg", "Methods and tools", "metoder"),
]
SUBSECTIONS = [
    ("Grunder", "Basics", "grunder"), ("Rutiner", "Procedures", "rutiner"), ("Ansvar", "Responsibilities", "ansvar"),
    ("Exempel", "Examples", "exempel"), ("Dokumentera", "Documenting", "dokumentera"),
    ("Uppföljning", "Follow-up", "uppfoljning"), ("Särskilda fall", "Special cases", "sarskilda-fall"),
    ("Verktyg", "Tools", "verktyg"),
]
HEADINGS = [  # (id, Swedish, English): the id is the same in both languages
    ("in-short", "I korthet", "In short"), ("background", "Bakgrund", "Background"),
    ("who-does-what", "Vem gör vad?", "Who does what?"), ("step-by-step", "Steg för steg", "Step by step"),
    ("the-rule", "Regeln i enkla ord", "The rule in plain words"), ("documentation", "Dokumentation", "Documentation"),
    ("children", "Barn", "Children"), ("contacts", "Kontakter", "Contacts"), ("examples", "Exempel", "Examples"),
    ("checklist", "Checklista", "Checklist"), ("follow-up", "Uppföljning", "Follow-up"),
    ("risks", "Risker", "Risks"), ("rights", "Rättigheter", "Rights"), ("interpreters", "Tolk", "Interpreters"),
]
SUBHEADINGS = [
    ("assessment", "Bedömning", "Assessment"), ("decision", "Beslut", "Decision"), ("support", "Stöd", "Support"),
    ("protection", "Skydd", "Protection"), ("time-limits", "Tidsgränser", "Time limits"),
    ("records", "Anteckningar", "Records"),
]
TABLE_HEAD = {"sv": ("Steg", "Vem", "När"), "en": ("Step", "Who", "When")}
ADMONITIONS = [
    ("tip", "Tips", "Tip"), ("note", "Bra att veta", "Good to know"), ("warning", "Tänk på", "Keep in mind"),
]
KEYWORDS = [
    ("stöd", "support"), ("skydd", "protection"), ("offer", "victim"), ("anmälan", "report"),
    ("tolk", "interpreter"), ("boende", "accommodation"), ("barn", "children"), ("polis", "police"),
    ("ersättning", "compensation"), ("rutin", "procedure"), ("samverkan", "cooperation"),
    ("exploatering", "exploitation"), ("uppehållstillstånd", "residence permit"), ("hälsa", "health"),
    ("dokumentation", "documentation"), ("risk", "risk"), ("människohandel", "trafficking"),
]
OWNERS = [
    ("Redaktionen för NMT-handboken", "NMT Handbook editorial team"),
    ("Jämställdhetsmyndigheten, NMT", "Swedish Gender Equality Agency, NMT"),
    ("Regionkoordinatorerna", "The regional coordinators"),
]
SOURCES = [
    ("Brottsbalk (1962:700)",
     "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/brottsbalk-1962700_sfs-1962-700/"),
    ("Manual vid misstanke om människohandel – akut skydd",
     "https://nspm.jamstalldhetsmyndigheten.se/stod-i-ditt-arbete/manual-vid-misstanke-om-manniskohandel/akut-skydd/"),
    ("Stödtelefon och nationellt metodstödsteam – NMT",
     "https://jamstalldhetsmyndigheten.se/mans-vald-mot-kvinnor/prostitution-och-manniskohandel/"
     "stodtelefon-och-nationellt-metodstodsteam-nmt/"),
    ("Samverkan mot arbetslivskriminalitet",
     "https://nspm.jamstalldhetsmyndigheten.se/samverkan/samverkan-mot-arbetslivskriminalitet"),
    ("Migrationsverket – socialnämnden", "https://www.migrationsverket.se/Andra-aktorer/Socialnamnden.html"),
    ("Betänketid – NSPM", "https://nspm.jamstalldhetsmyndigheten.se/stod-i-ditt-arbete/betanketid/"),
    ("Skyddat boende – Socialstyrelsen",
     "https://www.socialstyrelsen.se/kunskapsstod-och-regler/omraden/vald-och-brott/skyddat-boende/"),
    ("Nationellt stödprogram", "https://manniskohandel.se/var-verksamhet/nationellt-stodprogram/"),
]
CHANGES = [("Sidan publicerades.", "Page published."), ("Uppdaterad efter lagändring.", "Updated after a change in the law."),
           ("Nya kontaktuppgifter.", "New contact details."), ("Språket förenklat.", "Plainer wording.")]
SENTENCE_FORMS = {  # how a clause (subject, verb, object, adverbial) becomes a sentence
    "sv": ["{S} {V} {O} {A}.", "{A} {V} {S} {O}.", "Tänk på att {S} {V} {O} {A}.", "Det är {S} som {V} {O}."],
    "en": ["{S} {V} {O} {A}.", "{A}, {S} {V} {O}.", "Remember that {S} {V} {O} {A}.", "It is {S} that {V} {O}."],
}
GLOSSARY_FORMS = {"sv": "{S} {V} {O} när det gäller [[{T}]].", "en": "{S} {V} {O} in matters of [[{T}]]."}
LINK_FORMS = {"sv": "Läs mer i [{title}]({href}).", "en": "Read more in [{title}]({href})."}
STATUTE_FORMS = {"sv": "Regeln finns i [{text}]({href}).", "en": "The rule is in [{text}]({href})."}


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- The plan: one structure, rendered in both languages --------------------------------

@dataclass
class Page:
    src: str                      # Swedish path under docs/, e.g. identifiering/grunder/rutiner-0012.md
    title: tuple
    kind: str = "page"            # "page", "section" (index), "subsection" (index)
    children: list = field(default_factory=list)   # for index pages: the pages they list
    headings: list = field(default_factory=list)   # [(id, sv, en, [subheadings])]


def clause(rng: random.Random) -> tuple:
    return (rng.randrange(len(SUBJECTS)), rng.randrange(len(VERBS)), rng.randrange(len(OBJECTS)),
            rng.randrange(len(ADVERBIALS)), rng.randrange(4))


def render_clause(spec: tuple, language: str) -> str:
    s, v, o, a, form = spec
    i = 0 if language == "sv" else 1
    text = SENTENCE_FORMS[language][form].format(S=SUBJECTS[s][i], V=VERBS[v][i], O=OBJECTS[o][i],
                                                 A=ADVERBIALS[a][i])
    return cap(text)


class Vocabulary:
    """Real glossary terms and statute references, per language."""

    def __init__(self, glossary: list, statutes: list):
        self.terms = [(c["sv"]["term"], c["en"]["term"], c["sv"].get("also") or [], c["en"].get("also") or [])
                      for c in glossary]
        self.statutes = []
        for statute in statutes:
            provisions = [p for p in statute.get("provisions") or [] if p.get("anchor")]
            if provisions:
                for p in provisions:
                    self.statutes.append((
                        f"{p['section']['sv']} {statute['name']['sv'].lower()}",
                        f"{p['section']['en']} of the {statute['name']['en']}",
                        f"sfs:{statute['sfs']}#{p['anchor']}"))
            else:
                self.statutes.append((statute["name"]["sv"], statute["name"]["en"], f"sfs:{statute['sfs']}"))

    def term(self, index: int, language: str, form: int | None) -> str:
        sv, en, sv_also, en_also = self.terms[index]
        base, also = (sv, sv_also) if language == "sv" else (en, en_also)
        if form is not None and also:
            return f"{base}|{also[form % len(also)]}"
        return base


def layout(n: int, rng: random.Random) -> tuple[list, list[Page]]:
    """The nav and the pages, in nav order."""
    count = max(4, min(len(SECTIONS), n // 50))
    sizes = [n // count + (1 if i < n % count else 0) for i in range(count)]
    nav, pages, used = [], [], set()

    def new_page(folder: str, number: int) -> Page:
        topic, aspect = rng.randrange(len(TOPICS)), rng.randrange(len(ASPECTS))
        slug = re.sub(r"[^a-z0-9]+", "-", TOPICS[topic][1].lower()).strip("-")
        src = f"{folder}/{slug}-{number:04d}.md"
        assert src not in used
        used.add(src)
        title = (f"{TOPICS[topic][0]}: {ASPECTS[aspect][0]}", f"{TOPICS[topic][1]}: {ASPECTS[aspect][1]}")
        return Page(src, title)

    number = 0
    for index, size in enumerate(sizes):
        sv, en, slug = SECTIONS[index]
        section = Page(f"{slug}/index.md", (sv, en), "section")
        pages.append(section)
        entries = [section.src]
        rest = size - 1
        if rest <= PAGES_PER_SUBSECTION:
            for _ in range(rest):
                number += 1
                page = new_page(slug, number)
                pages.append(page)
                section.children.append(page)
                entries.append(page.src)
        else:
            groups = math.ceil(rest / PAGES_PER_SUBSECTION)
            group_sizes = [rest // groups + (1 if g < rest % groups else 0) for g in range(groups)]
            for g, group_size in enumerate(group_sizes):
                sub_sv, sub_en, sub_slug = SUBSECTIONS[g % len(SUBSECTIONS)]
                if g >= len(SUBSECTIONS):
                    sub_sv, sub_en, sub_slug = f"{sub_sv} {g // len(SUBSECTIONS) + 1}", \
                        f"{sub_en} {g // len(SUBSECTIONS) + 1}", f"{sub_slug}-{g // len(SUBSECTIONS) + 1}"
                folder = f"{slug}/{sub_slug}"
                sub = Page(f"{folder}/index.md", (sub_sv, sub_en), "subsection")
                pages.append(sub)
                section.children.append(sub)
                sub_entries = [sub.src]
                for _ in range(group_size - 1):
                    number += 1
                    page = new_page(folder, number)
                    pages.append(page)
                    sub.children.append(page)
                    sub_entries.append(page.src)
                entries.append({sub_sv: sub_entries})
        nav.append({sv: entries})
    return nav, pages


def plan_headings(page: Page, rng: random.Random) -> None:
    # Index pages also list their pages, so they get fewer sections.
    chosen = rng.sample(HEADINGS, rng.randint(4, 6) if page.kind == "page" else rng.randint(2, 3))
    subs = list(SUBHEADINGS)
    rng.shuffle(subs)
    page.headings = []
    for heading in chosen:
        children = [subs.pop() for _ in range(rng.choice((0, 0, 1, 2))) if subs]
        page.headings.append((*heading, children))


def relative(target: str, source: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


# --- Rendering ---------------------------------------------------------------------------

def front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def page_meta(page: Page, language: str, rng_state: random.Random, description: str) -> dict:
    rng = random.Random(rng_state.random())  # same draws for both languages
    i = 0 if language == "sv" else 1
    start = datetime.date(2025, 1, 1)
    span = (min(datetime.date(2026, 11, 1), datetime.date.today()) - start).days
    reviewed = start + datetime.timedelta(days=rng.randrange(span))
    published = reviewed - datetime.timedelta(days=rng.randrange(30, 400))
    changes = [{"date": published.isoformat(), "note": CHANGES[0][i]}]
    if rng.random() < 0.5:
        changes.append({"date": reviewed.isoformat(), "note": CHANGES[rng.randrange(1, len(CHANGES))][i]})
    sources = [{"title": title, "url": url} for title, url in rng.sample(SOURCES, rng.randint(1, 3))]
    return {
        "title": page.title[i],
        "description": description,
        "owner": OWNERS[rng.randrange(len(OWNERS))][i],
        "reviewed": reviewed.isoformat(),
        "sources": sources,
        "changes": changes,
        "keywords": [k[i] for k in rng.sample(KEYWORDS, rng.randint(3, 6))],
    }


def paragraph(rng: random.Random, language: str, vocab: Vocabulary, sentences: int) -> str:
    parts = []
    for _ in range(sentences):
        spec = clause(rng)
        if rng.random() < 0.12:
            s, v, o, a, _form = spec
            i = 0 if language == "sv" else 1
            term = vocab.term(rng.randrange(len(vocab.terms)), language,
                              rng.randrange(8) if rng.random() < 0.4 else None)
            parts.append(cap(GLOSSARY_FORMS[language].format(S=SUBJECTS[s][i], V=VERBS[v][i], O=OBJECTS[o][i],
                                                             T=term)))
        else:
            parts.append(render_clause(spec, language))
    return " ".join(parts)


def render_body(page: Page, language: str, seed: int, vocab: Vocabulary, links: list, target_size: int) -> str:
    """The Markdown body. Every random draw is the same in both languages, so
    the structure (headings, links, terms, statutes) matches."""
    rng = random.Random(seed)
    i = 0 if language == "sv" else 1
    blocks = [paragraph(rng, language, vocab, 3)]
    statute = vocab.statutes[rng.randrange(len(vocab.statutes))]
    table_at, note_at = rng.randrange(len(page.headings)), rng.randrange(len(page.headings))
    link_iter = iter(links)
    for number, (heading_id, sv, en, subs) in enumerate(page.headings):
        blocks.append(f"## {(sv, en)[i]} {{#{heading_id}}}")
        if heading_id == "in-short":
            blocks.append("\n".join(f"- {render_clause(clause(rng), language)}" for _ in range(4)))
        elif heading_id == "step-by-step":
            blocks.append("\n".join(f"{k}. {render_clause(clause(rng), language)}" for k in range(1, 5)))
        else:
            blocks.append(paragraph(rng, language, vocab, 3))
        if number == 0:
            blocks.append(STATUTE_FORMS[language].format(text=statute[i], href=statute[2]))
        link = next(link_iter, None)
        if link:
            blocks.append(LINK_FORMS[language].format(title=link[1][i], href=link[0]))
        if number == table_at:
            head = TABLE_HEAD[language]
            rows = [f"| {head[0]} | {head[1]} | {head[2]} |", "|---|---|---|"]
            for step in range(1, rng.randint(4, 6)):
                s, v, o, a, _ = clause(rng)
                rows.append(f"| {step}. {cap((VERBS[v][i] + ' ' + OBJECTS[o][i]))} | {cap(SUBJECTS[s][i])} "
                            f"| {ADVERBIALS[a][i]} |")
            blocks.append("\n".join(rows))
        if number == note_at:
            kind, sv_title, en_title = ADMONITIONS[rng.randrange(len(ADMONITIONS))]
            blocks.append(f'!!! {kind} "{(sv_title, en_title)[i]}"\n    ' + paragraph(rng, language, vocab, 2))
        for sub_id, sub_sv, sub_en in subs:
            blocks.append(f"### {(sub_sv, sub_en)[i]} {{#{sub_id}}}")
            blocks.append(paragraph(rng, language, vocab, 3))
    # Grow to the target size with further paragraphs under the last heading;
    # the Swedish size decides how many, so both languages get the same count.
    extra = random.Random(seed + 1)
    body = "\n\n".join(blocks)
    return body, extra


def render_page(page: Page, language: str, seed: int, vocab: Vocabulary, links: list, target: int,
                extra_paragraphs: int | None) -> tuple[str, int]:
    topic_rng = random.Random(seed + 2)
    o, a = topic_rng.randrange(len(OBJECTS)), topic_rng.randrange(len(ADVERBIALS))
    description = {
        "sv": f"{page.title[0]}: vad som gäller, vem som gör vad och hur du hanterar {OBJECTS[o][0]} {ADVERBIALS[a][0]}.",
        "en": f"{page.title[1]}: what applies, who does what and how you handle {OBJECTS[o][1]} {ADVERBIALS[a][1]}.",
    }[language]
    meta = page_meta(page, language, random.Random(seed + 3), description)
    body, extra = render_body(page, language, seed, vocab, links, target)
    if page.kind != "page":
        body = index_body(page, language) + "\n\n" + body
    head = front_matter(meta)
    count = 0
    text = head + body + "\n"
    while (extra_paragraphs is None and len(text.encode()) < target) or \
            (extra_paragraphs is not None and count < extra_paragraphs):
        body += "\n\n" + paragraph(extra, language, vocab, 3)
        count += 1
        text = head + body + "\n"
    return text, count


def index_body(page: Page, language: str) -> str:
    i = 0 if language == "sv" else 1
    lead = {"sv": "Sidorna i det här avsnittet:", "en": "The pages in this section:"}[language]
    items = [f"- [{child.title[i]}]({relative(child.src, page.src)})" for child in page.children]
    marker = "\n\n<!-- nmt:statute-table -->" if page.src == "identifiering/index.md" else ""
    return f"{lead}\n\n" + "\n".join(items) + marker


HOME = {
    "sv": """---
title: NMT-handboken
description: Startsida för den genererade NMT-handboken ({n} sidor per språk) som används för prestandamätningar.
owner: Redaktionen för NMT-handboken
reviewed: 2026-11-01
sources:
  - title: Stödtelefon och nationellt metodstödsteam – NMT (Jämställdhetsmyndigheten)
    url: https://jamstalldhetsmyndigheten.se/mans-vald-mot-kvinnor/prostitution-och-manniskohandel/stodtelefon-och-nationellt-metodstodsteam-nmt/
changes:
  - date: 2026-11-01
    note: Sidan publicerades.
keywords: [startsida, handbok, människohandel, prostitution, stödtelefon, akut]
---

Handboken är till för dig som i ditt arbete möter människor som kan vara utsatta för prostitution eller [[människohandel]]. Här hittar du lagar, roller och arbetssätt på ett ställe.

!!! danger "Är någon i fara just nu?"
    - Vid akut fara: ring **112**.
    - Polisen när det inte är akut: ring **114 14**.

## Börja här {{#start-here}}

{sections}

## Så använder du handboken {{#how-to-use}}

- Sök med rutan högst upp. Du kan söka på ord, lagar och myndigheter.
- Vissa ord är länkar till [ordlistan](ordlista/index.md). Peka på ordet så ser du en kort förklaring.
- Läs också [Om webbplatsen](om-webbplatsen.md).
""",
    "en": """---
title: The NMT Handbook
description: Start page of the generated NMT handbook ({n} pages per language) used for performance measurements.
owner: NMT Handbook editorial team
reviewed: 2026-11-01
sources:
  - title: Stödtelefon och nationellt metodstödsteam – NMT (Jämställdhetsmyndigheten)
    url: https://jamstalldhetsmyndigheten.se/mans-vald-mot-kvinnor/prostitution-och-manniskohandel/stodtelefon-och-nationellt-metodstodsteam-nmt/
changes:
  - date: 2026-11-01
    note: Page published.
keywords: [start page, handbook, trafficking, prostitution, support line, emergency]
---

This handbook is for you if your work brings you into contact with people who may be exposed to prostitution or [[trafficking in human beings]]. It brings the laws, roles and working methods together in one place.

!!! danger "Is someone in danger right now?"
    - In an emergency: call **112**.
    - The police when it is not an emergency: call **114 14**.

## Start here {{#start-here}}

{sections}

## How to use the handbook {{#how-to-use}}

- Search with the box at the top. You can search for words, laws and agencies.
- Some words link to the [glossary](ordlista/index.md). Point at the word to see a short explanation.
- Also read [About this site](om-webbplatsen.md).
""",
}

FOOTER_PAGES = {
    "tillganglighet": (("Tillgänglighetsredogörelse", "Accessibility statement"), ""),
    "om-webbplatsen": (("Om webbplatsen", "About this site"), "<!-- nmt:printable-links -->"),
    "om-kopian": (("Om denna kopia", "About this copy"), "<!-- nmt:build-facts -->"),
}


def footer_page(name: str, language: str) -> str:
    (title_sv, title_en), marker = FOOTER_PAGES[name]
    i = 0 if language == "sv" else 1
    meta = {
        "title": (title_sv, title_en)[i],
        "description": {"sv": f"{title_sv} för den genererade handboken.",
                        "en": f"{title_en} for the generated handbook."}[language],
        "owner": OWNERS[0][i], "reviewed": "2026-11-01",
        "sources": [{"title": SOURCES[2][0], "url": SOURCES[2][1]}],
        "changes": [{"date": "2026-11-01", "note": CHANGES[0][i]}],
    }
    text = {"sv": "Den här sidan finns för att sidfotens länkar ska fungera i mätningarna.",
            "en": "This page exists so that the footer links work in the measurements."}[language]
    heading = {"sv": "Innehåll", "en": "Contents"}[language]
    return front_matter(meta) + f"{text}\n\n## {heading} {{#contents}}\n\n{marker}\n"


# --- The whole site ----------------------------------------------------------------------

def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"), dirs_exist_ok=True)


def generate(n: int, out: Path, seed: int = 8) -> dict:
    """Write the site; return facts about it (pages, bytes)."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    copy_tree(ROOT / "hooks", out / "hooks")
    copy_tree(ROOT / "overrides", out / "overrides")
    copy_tree(ROOT / "admin", out / "admin")  # the editor at /admin/ (hooks/nmt/output/admin.py) …
    shutil.copyfile(ROOT / "CONTRIBUTING.md", out / "CONTRIBUTING.md")  # … with its help texts from here
    copy_tree(ROOT / "docs" / "assets", docs / "assets")
    copy_tree(ROOT / "docs" / "ordlista", docs / "ordlista")
    for name in ("glossary.yml", "redirects.yml"):
        shutil.copyfile(ROOT / "docs" / name, docs / name)
    for config_file in ROOT.glob("mkdocs-*.yml"):  # the offline copy's, and the base the site INHERITs
        shutil.copyfile(config_file, out / config_file.name)

    rng = random.Random(seed * 1_000_003 + n)
    nav, pages = layout(n, rng)
    for page in pages:
        plan_headings(page, rng)

    # Statute register: provisions point at generated pages of the first section.
    statutes_text = (ROOT / "docs" / "statutes.yml").read_text("utf-8")
    real_targets = list(dict.fromkeys(re.findall(r"(?m)^\s*page:\s*(\S+)\s*$", statutes_text)))
    plain = [p for p in pages if p.kind == "page"]
    mapping = {real: plain[k % len(plain)].src for k, real in enumerate(real_targets)}
    statutes_text = re.sub(r"(?m)^(\s*page:\s*)(\S+)(\s*)$", lambda m: m[1] + mapping[m[2]] + m[3], statutes_text)
    (docs / "statutes.yml").write_text(statutes_text, "utf-8")

    glossary = yaml.safe_load((ROOT / "docs" / "glossary.yml").read_text("utf-8"))
    vocab = Vocabulary(glossary, yaml.safe_load(statutes_text))

    sizes = []
    for number, page in enumerate(pages):
        page_rng = random.Random(seed * 7919 + number)
        others = [p for p in rng.sample(pages, min(6, len(pages))) if p is not page][:rng.randint(3, 5)]
        links = []
        for other in others:
            href = relative(other.src, page.src)
            if other.headings and page_rng.random() < 0.7:
                href += "#" + other.headings[page_rng.randrange(len(other.headings))][0]
            links.append((href, other.title))
        target = page_rng.randint(4100, 5250)  # the English text comes out ~13 % longer
        page_seed = seed * 104729 + number
        swedish, count = render_page(page, "sv", page_seed, vocab, links, target, None)
        english, _ = render_page(page, "en", page_seed, vocab, links, target, count)
        path = docs / page.src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(swedish, "utf-8")
        path.with_name(path.name[:-3] + ".en.md").write_text(english, "utf-8")
        sizes += [len(swedish.encode()), len(english.encode())]

    sections = {language: "\n".join(f"- **[{p.title[i]}]({p.src})**" for p in pages if p.kind == "section")
                for i, language in enumerate(("sv", "en"))}
    (docs / "index.md").write_text(HOME["sv"].format(n=n, sections=sections["sv"]), "utf-8")
    (docs / "index.en.md").write_text(HOME["en"].format(n=n, sections=sections["en"]), "utf-8")
    for name in FOOTER_PAGES:
        (docs / f"{name}.md").write_text(footer_page(name, "sv"), "utf-8")
        (docs / f"{name}.en.md").write_text(footer_page(name, "en"), "utf-8")

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    config["nav"] = ["index.md", *nav, {"Ordlista": "ordlista/index.md"}]
    english = next(lang for lang in config["plugins"]["i18n"]["languages"] if lang["locale"] == "en")
    translations = {"Ordlista": "Glossary"}
    for sv, en, _ in SECTIONS + SUBSECTIONS:
        translations[sv] = en
    for entry in nav:
        for title, children in entry.items():
            for child in children:
                if isinstance(child, dict):
                    for sub in child:
                        base = re.sub(r" \d+$", "", sub)
                        suffix = sub[len(base):]
                        translations[sub] = next(en for sv, en, _ in SUBSECTIONS if sv == base) + suffix
    english["nav_translations"] = translations
    header = (f"# Generated by bench/generate.py ({n} pages per language, seed {seed}) from the real\n"
              "# mkdocs.yml: only nav and the English nav_translations differ. Do not edit.\n")
    (out / "mkdocs.yml").write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False,
                                                            width=1000), "utf-8")
    return {"pages_per_language": len(pages), "fixed_pages_per_language": 5,
            "markdown_bytes_avg": sum(sizes) / len(sizes), "markdown_bytes_min": min(sizes),
            "markdown_bytes_max": max(sizes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="generated pages per language")
    parser.add_argument("--out", type=Path, help="folder (default .bench/site-N)")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    out = args.out or ROOT / ".bench" / f"site-{args.n}"
    facts = generate(args.n, out, args.seed)
    print(f"{out}: {facts['pages_per_language']} generated + {facts['fixed_pages_per_language']} fixed pages "
          f"per language, Markdown {facts['markdown_bytes_min']}–{facts['markdown_bytes_max']} bytes "
          f"(average {facts['markdown_bytes_avg']:.0f})")


if __name__ == "__main__":
    main()
