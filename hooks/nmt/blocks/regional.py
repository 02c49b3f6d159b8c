"""A region's supplement on a national page, its contacts, and its facts in "Om denna kopia" (issue 26).

registers/regions.py reads and checks the regions; here their text enters
the page, after the national text, in on_page_markdown: so the supplement is
in the page's contents, in search and in the PDF like any section.

- A region's copy (`make offline REGION=…`): a block with the heading
  "Regionalt tillägg – {region}" / "Regional supplement – {region}" (id
  #regional-supplement), the region's owner and review dates (the review
  box of a page: assets/javascripts/review-expiry.js marks it when the date
  has passed), the supplement, then its sources. The support-line page
  (CONTACTS_PAGE) gets the region's contacts in the block. "Om denna kopia"
  gets the region, its owner and its dates (facts_rows, via
  blocks/build_facts.py).
- The online site (regions under regions/ in the repository): each region's
  block folded (<details id="region-{id}">), so without JavaScript every
  block is shown closed; nmt-region-picker.js adds a picker that opens the
  reader's region and remembers it in localStorage only.

Every value from region.yml or a supplement's front matter enters the
Markdown through core/escape (markdown_text, markdown_url). The stylesheet
and the picker are files beside this module, added to the build only when a
region is shown, so a build without regions is the national build, byte for byte.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from nmt.core.escape import markdown_text, markdown_url
from nmt.core.pages import page_language
from nmt.core.site_facts import default_language_page
from nmt.core.strings import strings
from nmt.core.urls import read as read_url
from nmt.search.enrichment import label_sections

CONTACTS_PAGE = "samverkan/stodtelefon-och-regionkoordinatorer.md"
BLOCK_ID = "regional-supplement"
REVIEW_ID = "regional-review-{id}"
CONTACTS_ID = "regional-contacts"
ASSETS = Path(__file__).with_name("regional_assets")
STYLESHEET = "assets/stylesheets/nmt-regional.css"    # checks/source_files.BUILD_WRITES keeps editors off these names
PICKER = "assets/javascripts/nmt-region-picker.js"


# --- The block -----------------------------------------------------------------------------

def review_box(region_id: str, owner: str, reviewed, due, language: str) -> str:
    """Owner and dates, as the page's own review box (overrides/partials/nmt/review.html); its
    data-next-review is added by date_review_boxes, after checks/raw_html.py read the content."""
    text = strings("regional", language)
    return "\n".join([
        f'<div class="nmt-review nmt-regional__review" id="{REVIEW_ID.format(id=region_id)}" markdown>',
        f"{text['owner']}: {markdown_text(owner)} · {text['reviewed']} "
        f'<time datetime="{reviewed.isoformat()}">{reviewed.isoformat()}</time> · {text["next_review"]} '
        f'<time datetime="{due.isoformat()}">{due.isoformat()}</time>',
        "</div>",
    ])


def overdue_warning(due, language: str) -> str:
    """The warning review-expiry.js shows once the date has passed, as on a page."""
    text = strings("regional", language)
    return (f'<p class="nmt-review__overdue" role="status" hidden><strong>{text["overdue"]} {due.isoformat()}.'
            f'</strong> {text["overdue_hint"]}</p>')


def contacts_table(contacts, language: str) -> str:
    text = strings("regional", language)
    organisation, role, phone, hours, website = text["contact_headers"]
    rows = [f"### {text['contacts']} {{#{CONTACTS_ID}}}", "",
            f"| {organisation} | {role} | {phone} | {hours} | {website} |", "|---|---|---|---|---|"]
    for contact in contacts:
        number = f"[{markdown_text(contact.phone)}](tel:{markdown_url(contact.dial)})" if contact.phone else "–"
        site = (f"[{markdown_text(read_url(contact.url).site)}]({markdown_url(contact.url)})"
                if contact.url else "–")
        rows.append(f"| {markdown_text(contact.organisation[language])} | {markdown_text(contact.role[language])} "
                    f"| {number} | {markdown_text(contact.hours.get(language, '–'))} | {site} |")
    return "\n".join(rows)


def sources_line(sources, language: str) -> str:
    links = "; ".join(f"[{markdown_text(title)}]({markdown_url(url)})" for title, url in sources)
    return f'<p class="nmt-regional__sources" markdown>{strings("regional", language)["sources"]}: {links}</p>'


def block_body(region, supplement, contacts, language: str) -> list[str]:
    """Review box, contacts, the supplement's text and its sources."""
    owner, reviewed, due = ((supplement.owner, supplement.reviewed, supplement.next_review) if supplement
                            else (region.owner, region.reviewed, region.next_review))
    parts = [review_box(region.id, owner, reviewed, due, language)]
    if contacts:
        parts.append(contacts_table(contacts, language))
    if supplement:
        parts.append(supplement.body)
    parts.append(sources_line(supplement.sources if supplement else region.sources, language))
    return parts


def block(region, supplement, contacts, language: str, copy: bool) -> str:
    name = markdown_text(region.name[language])
    heading = strings("regional", language)["heading"]
    body = block_body(region, supplement, contacts, language)
    if copy:
        opening = ['<div class="nmt-regional" markdown>', "",
                   f"## {heading.format(name=name)} {{#{BLOCK_ID}}}"]
        closing = "</div>"
    else:   # folded; the picker reads the region's name from its span
        label = heading.format(name=f'<span class="nmt-regional__name">{name}</span>')
        opening = [f'<details class="nmt-regional" id="region-{region.id}" markdown>', f"<summary>{label}</summary>"]
        closing = "</details>"
    return "\n\n".join(["\n".join(opening), *body, closing])


# --- Steps (called by pipeline.py) ---------------------------------------------------------

def use_assets(build, config) -> None:
    """The stylesheet (and online the picker), only in a build that shows a region."""
    if not build.region_folders:
        return
    config["extra_css"].append(STYLESHEET)
    if not build.regional_copy:
        config["extra_javascript"].append(PICKER)


def add_asset_files(build, files, config) -> None:
    if not build.region_folders:
        return
    wanted = [STYLESHEET] + ([] if build.regional_copy else [PICKER])
    for name in wanted:
        files.append(File.generated(config, name, abs_src_path=str(ASSETS / Path(name).name)))


def add_supplement(build, markdown, page, config) -> str:
    """After the national text: each shown region's block for this page (supplement and/or contacts)."""
    if not build.regions:
        return markdown
    language = page_language(page, config.theme["language"])
    is_contacts_page = default_language_page(page.file.src_uri) == CONTACTS_PAGE
    blocks = []
    for region in build.regions:
        supplement = region.supplements.get(page.file.src_uri)
        contacts = region.contacts if is_contacts_page else ()
        if supplement or contacts:
            blocks.append(block(region, supplement, contacts, language, build.regional_copy))
    return markdown.rstrip() + "\n\n" + "\n\n".join(blocks) + "\n" if blocks else markdown


def date_review_boxes(build, html, page, config) -> str:
    """Each block's review box gets its date for review-expiry.js, and the hidden warning.

    After checks/raw_html.py: these attributes (data-next-review, role) are the
    page template's, which editors may not write; output/guard.py still checks the page."""
    for region in build.regions:
        opening = f'id="{REVIEW_ID.format(id=region.id)}">'
        if opening not in html:
            continue
        supplement = region.supplements.get(page.file.src_uri)
        due = supplement.next_review if supplement else region.next_review
        language = page_language(page, config.theme["language"])
        html = html.replace(opening, f'id="{REVIEW_ID.format(id=region.id)}" data-next-review="{due.isoformat()}">'
                                     + overdue_warning(due, language), 1)
    return html


def label_in_search(build, page, config) -> None:
    """A region's copy: the sections inside the block say the region's name in search results
    (the block's own heading already does)."""
    search = config.plugins.get("material/search")
    block = next((item for item in page.toc if item.id == BLOCK_ID), None) if build.regional_copy else None
    if search is None or block is None:
        return
    anchors, waiting = set(), list(block.children)
    while waiting:
        item = waiting.pop()
        anchors.add(f"{page.url}#{item.id}")
        waiting += item.children
    language = page_language(page, config.theme["language"])
    label_sections(search.search_index.entries, anchors, build.regions[0].name[language])


def facts_rows(build, language: str) -> str:
    """Rows for the table of "Om denna kopia": which region's copy this is, and its dates."""
    if not build.regional_copy or not build.regions:
        return ""
    region, text = build.regions[0], strings("regional", language)
    newest = region.newest_supplement()
    rows = [(text["region"], markdown_text(region.name[language])),
            (text["region_owner"], markdown_text(region.owner)),
            (text["region_reviewed"], region.reviewed.isoformat())]
    rows += [(text["supplements_reviewed"], newest.isoformat())] if newest else []
    return "".join(f"\n| {label} | {value} |" for label, value in rows)
