"""`make pdf`: scripts/make_pdf.py prints the build's print document of each
language (hooks/nmt/output/print_book.py; its own tests are in test_print_page.py). The
PDFs are read back with poppler's pdftotext/pdfinfo: every page in nav order,
each on its own sheet, a cover with date and revision, a table of contents
with the right page numbers, links inside the document, and no request to
another host while printing."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import make_pdf
from nmt.output.print_book import FONTS, PRINT_CSS
from nmt.core.strings import strings
from nmt.core.site_facts import build_date, git_revision, load_site_config

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_pdf.py"
EPOCH = "1700000000"          # SOURCE_DATE_EPOCH for the test prints (the PDFs' own dates)
LANGUAGES = ("sv", "en")

pytestmark = pytest.mark.browser


def need_poppler():
    missing = [tool for tool in ("pdftotext", "pdfinfo") if not shutil.which(tool)]
    if missing:
        pytest.fail(f"{' and '.join(missing)} missing: run `make test` (it installs poppler-utils) "
                    "or `sudo apt-get install -y poppler-utils`.", pytrace=False)


def pdf_text(pdf: Path, *extra: str) -> str:
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", *extra, str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def collapse(text: str) -> str:
    return " ".join(text.split())


# --- What the PDF should hold, read independently of the script --------------

def nav_sources() -> list[str]:
    """Docs paths in nav order, then the footer pages."""
    config = load_site_config(ROOT / "mkdocs.yml")
    found: list[str] = []

    def walk(items):
        for item in items:
            values = [item] if isinstance(item, str) else list(item.values())
            for value in values:
                if isinstance(value, list):
                    walk(value)
                elif value.endswith(".md") and value not in found:
                    found.append(value)

    walk(config["nav"])
    found += [f"{link['page']}.md" for link in config["extra"]["footer_links"] if f"{link['page']}.md" not in found]
    return found


def page_url(src: str) -> str:
    """The directory URL of a docs page: "a/b.md" → "a/b/", "a/index.md" → "a/"."""
    return src[:-len("index.md")] if src == "index.md" or src.endswith("/index.md") else src[:-3] + "/"


def expected_titles(site: Path, language: str) -> list[str]:
    """The <h1> of every built page, in nav order."""
    titles = []
    for src in nav_sources():
        page = site / ("" if language == "sv" else f"{language}/") / page_url(src) / "index.html"
        h1 = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one("article.md-content__inner h1")
        titles.append(collapse(h1.get_text(" ")))
    return titles


# --- The prints ---------------------------------------------------------------

@pytest.fixture(scope="module")
def printed(built_site, tmp_path_factory):
    need_poppler()
    if not Path(make_pdf.CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test` (it installs Debian's chromium) "
                    "or `sudo apt-get install -y chromium`.", pytrace=False)
    out = tmp_path_factory.mktemp("pdf")
    site_before = site_files(built_site)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--site", str(built_site), "--out", str(out)],
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH}, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"make_pdf.py failed:\n{result.stdout}\n{result.stderr}"
    assert "warning" not in result.stdout, result.stdout
    assert site_files(built_site) == site_before, "printing changed the site"
    return out, result.stdout


def site_files(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*")}


@pytest.fixture(scope="module")
def sheets(printed):
    """Text of every sheet, per language."""
    out, _ = printed
    return {language: pdf_text(out / f"nmt-handbok-{language}.pdf").split("\f")[:-1]
            for language in LANGUAGES}


def body_lines(sheet: str, language: str) -> list[str]:
    """A sheet's lines without the running header and the page-number footer."""
    lines = [line.strip() for line in sheet.splitlines() if line.strip()]
    if lines and lines[0].startswith(strings("print_book", language)["title"]):
        lines = lines[1:]
    if lines and re.fullmatch(r"\d+ / \d+", lines[-1]):
        lines = lines[:-1]
    return lines


def body(sheet: str, language: str) -> str:
    return collapse(" ".join(body_lines(sheet, language)))


REVIEWED = {"sv": "Granskad", "en": "Reviewed"}


def page_starts(sheets: list[str], titles: list[str], language: str) -> list[int]:
    """The sheet (1-based) that each page starts, searched in nav order after
    the table of contents: a sheet that opens with the page title and the
    "Granskad …" line. Fails if one is missing or out of order."""
    starts, index = [], 2                      # sheet 1 is the cover, the contents follow
    for title in titles:
        while index < len(sheets) and not body(sheets[index], language).startswith(
                f"{title} {REVIEWED[language]} "):
            index += 1
        assert index < len(sheets), (f"{language}: no sheet after {starts[-1:] or 'the contents'} "
                                     f"starts with the page title {title!r} (nav order)")
        starts.append(index + 1)
        index += 1
    return starts


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_opens_with_a_plausible_page_count(printed, built_site, language):
    out, _ = printed
    pdf = out / f"nmt-handbok-{language}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    assert re.search(r"^Page size:.*\(A4\)", info.stdout, re.M), info.stdout
    handbook_pages = len(expected_titles(built_site, language))
    assert handbook_pages + 2 <= pages < 15 * handbook_pages, f"{pdf.name}: {pages} pages"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_in_nav_order_each_on_a_new_sheet(sheets, built_site, language):
    titles = expected_titles(built_site, language)
    starts = page_starts(sheets[language], titles, language)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    # And the plain check: after the contents, the first occurrence of each
    # title (from where the previous one was found) comes in nav order.
    text = collapse(" ".join(sheets[language][starts[0] - 1:]))
    position = -1
    for title in titles:
        found = text.find(title, position + 1)
        assert found > position, f"{language}: {title!r} is not after the page before it"
        position = found


@pytest.mark.parametrize("language", LANGUAGES)
def test_cover_shows_title_date_and_revision(sheets, language):
    cover = body(sheets[language][0], language)
    text_of = strings("print_book", language)
    revision = git_revision(ROOT) or text_of["unknown"]
    assert text_of["name"] in cover and collapse(text_of["subtitle"]) in cover, cover
    date = build_date(ROOT).isoformat()   # the build's date: built_site is built with this environment
    assert date in cover, f"{language}: build date {date} not on the cover: {cover}"
    header = next(line for line in sheets[language][1].splitlines() if line.strip()).split()
    assert " ".join(header[:-1]) == collapse(text_of["title"]) and header[-1] == date, header
    assert revision in cover, f"{language}: revision {revision} not on the cover: {cover}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_contents_list_every_page_with_its_sheet_number(sheets, built_site, language):
    titles = expected_titles(built_site, language)
    starts = page_starts(sheets[language], titles, language)
    lines = [line for sheet in sheets[language][1:starts[0] - 1] for line in body_lines(sheet, language)]
    numbers = [int(number) for line in lines for number in re.findall(r"\s(\d+)$", line)]
    text = collapse(" ".join(re.sub(r"\s\d+$", "", line) for line in lines))  # titles may wrap
    assert text.startswith(strings("print_book", language)["contents"]), text[:200]
    position = -1
    for title in titles:
        found = text.find(title, position + 1)
        assert found > position, f"{language}: {title!r} missing from the contents or out of order"
        position = found
    assert numbers == starts, f"{language}: page numbers in the contents {numbers} ≠ sheets {starts}"
    sections = ["Om NMT", "Lagstiftning", "Aktörer", "Samverkan och metoder"] if language == "sv" else \
        ["About NMT", "Legislation", "Agencies", "Cooperation and methods"]
    for section in sections:
        assert section in text


@pytest.mark.parametrize("language, sources, reviewed", [("sv", "Källor", "Granskad"),
                                                         ("en", "Sources", "Reviewed")])
def test_page_facts_are_printed(sheets, language, sources, reviewed):
    text = "\n".join(sheets[language])
    assert re.search(rf"^\s*{sources}\s*$", text, re.M), f"{language}: no {sources!r} heading"
    assert reviewed in text
    assert "(https://" in text, "outside links should print their address (nmt.css print rule)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_inside_the_document_are_links_inside_the_pdf(printed, language):
    out, _ = printed
    assert b"/Dest" in (out / f"nmt-handbok-{language}.pdf").read_bytes(), "no links inside the PDF"


# --- Printing itself, on small documents ----------------------------------------

def test_printing_fails_on_requests_to_other_hosts(browser, tmp_path):
    source = tmp_path / "print.html"
    source.write_text('<!doctype html><html><head><link rel="stylesheet" href="https://example.org/a.css">'
                      '</head><body><img src="https://example.org/a.png" alt=""><p>x</p></body></html>',
                      "utf-8")
    with pytest.raises(make_pdf.PdfError, match="example.org"):
        make_pdf.print_pdf(browser, source, tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


def test_printing_reports_content_wider_than_the_sheet(browser, tmp_path):
    source = tmp_path / "print.html"
    source.write_text('<!doctype html><html><body><section class="nmt-print-page"><h1>Wide</h1>'
                      '<div style="width:2000px">too wide</div></section></body></html>', "utf-8")
    problems = make_pdf.print_pdf(browser, source, tmp_path / "out.pdf")
    assert problems and "Wide" in problems[0]
    assert (tmp_path / "out.pdf").stat().st_size > 0


def test_a_missing_site_is_one_line(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--site", str(tmp_path / "nothing"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "make build" in result.stderr, result.stderr


def test_a_site_without_print_documents_is_one_line(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<!doctype html><title>x</title>", "utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), "--site", str(tmp_path / "site"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "make build" in result.stderr, result.stderr


SMALL_DOCUMENT = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Handboken</title></head><body>
<section id="cover"><time datetime="2023-11-14">2023-11-14</time></section>
<nav class="nmt-print-toc no-numbers"><ol><li><a href="#page-a"><span class="title">Sida A</span>
<span class="number">000</span></a></li></ol></nav>
<section class="nmt-print-page" id="page-a"><span class="nmt-print-marker">{make_pdf.MARKER}a{make_pdf.MARKER}</span>
<h1>Sida A</h1></section></body></html>"""


def test_the_first_print_keeps_the_markers_and_the_second_has_the_numbers(browser, tmp_path):
    need_poppler()
    source = tmp_path / "print.html"
    source.write_text(SMALL_DOCUMENT, "utf-8")
    make_pdf.print_pdf(browser, source, tmp_path / "first.pdf", markers=True)
    first = collapse(pdf_text(tmp_path / "first.pdf"))
    assert f"{make_pdf.MARKER}a{make_pdf.MARKER}" in first.replace(" ", ""), first
    assert make_pdf.sheet_numbers(tmp_path / "first.pdf", ["a"]) == {"a": 1}
    make_pdf.print_pdf(browser, source, tmp_path / "second.pdf", numbers={"a": 7})
    second = collapse(pdf_text(tmp_path / "second.pdf"))
    assert make_pdf.MARKER not in second and "000" not in second and "Sida A 7" in second, second
    assert second.startswith("Handboken 2023-11-14"), "the header: the document's title and build date"


# --- The same PDF on every machine ---------------------------------------------------

FONT_FILE = re.compile(r'url\("\.\./vendor/fonts/([^"]+)"\)')


def test_the_print_fonts_are_the_pinned_ones():
    """Every font the print layout names is in docs/, byte for byte the copy scripts/vendor.sh pinned."""
    folder = ROOT / "docs" / FONTS
    pinned = dict(reversed(line.split("  ", 1)) for line in (folder / "SHA256SUMS.txt").read_text().splitlines())
    named = set(FONT_FILE.findall(PRINT_CSS))
    assert named and named <= set(pinned), f"fonts named in print.css but not pinned: {named - set(pinned)}"
    for name, digest in pinned.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, \
            f"docs/{FONTS}/{name} is not the pinned file — run scripts/vendor.sh"


def embedded_fonts(pdf: Path) -> set[str]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    return {line.split()[0].split("+", 1)[-1] for line in lines[2:]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_holds_only_the_projects_fonts(printed, language):
    out, _ = printed
    fonts = embedded_fonts(out / f"nmt-handbok-{language}.pdf")
    assert fonts and all(re.fullmatch(r"SourceSans3-\w+|SourceCodePro-\w+", font) for font in fonts), fonts


OTHER_MACHINE_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <dir>{home}/.fonts</dir>
  <cachedir>{home}/cache</cachedir>
  <alias binding="strong"><family>Source Sans 3</family><prefer><family>DejaVu Serif</family></prefer></alias>
  <alias binding="strong"><family>sans-serif</family><prefer><family>DejaVu Serif</family></prefer></alias>
</fontconfig>
"""


def test_the_pdf_is_the_same_whatever_fonts_the_machine_has(printed, built_site, tmp_path):
    """A machine with other fonts and its own fontconfig rules (here: every sans-serif font, the
    project's too, replaced by a serif one) prints the same bytes as the fixture's machine."""
    out, _ = printed
    home = tmp_path / "home"
    (home / ".fonts").mkdir(parents=True)
    (home / "fonts.conf").write_text(OTHER_MACHINE_FONTS.format(home=home), "utf-8")
    for font in Path("/usr/share/fonts").rglob("*.ttf"):
        (home / ".fonts" / f"Other{font.name}").write_bytes(font.read_bytes())
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--site", str(built_site), "--out", str(tmp_path), "--lang", "sv"],
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "HOME": str(home), "XDG_DATA_HOME": str(home),
             "FONTCONFIG_FILE": str(home / "fonts.conf")}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "nmt-handbok-sv.pdf").read_bytes() == (out / "nmt-handbok-sv.pdf").read_bytes(), \
        "the PDF changed with the machine's fonts"


WIDE_WORDS = {"sv": ["Människohandelsutredningsansvarig", "Arbetsmiljöinspektionsmyndigheten",
                     "Brottsskadeersättningsbeslutsunderlag", "https://www.riksdagen.se/sv/dokument-och-lagar/"
                     "dokument/svensk-forfattningssamling/brottsbalk-1962700_sfs-1962-700/"],
              "en": ["Counter-trafficking-coordination-responsibilities", "Internationalisation",
                     "Reflection-period-application-procedures", "https://www.government.se/legal-documents/"
                     "2018/07/trafficking-in-human-beings-and-exploitation/"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wide_table_fits_the_sheet(browser, built_site, tmp_path, language):
    """Nine columns of long words and addresses: wider than the sheet in the site's layout, printed
    to fit it (the print layout's narrow table style), so Chromium shrinks no sheet."""
    words = WIDE_WORDS[language]
    cells = "".join(f"<td>{words[column % len(words)]} {words[(column + 1) % len(words)]}</td>" for column in range(9))
    link = f'<a href="{words[3]}">{words[0]}</a>'
    stylesheets = "".join(f'<link rel="stylesheet" href="{(built_site / href).as_uri()}">' for href in
                          [*sorted(str(path.relative_to(built_site)) for path in
                                   (built_site / "assets" / "stylesheets").glob("main.*.min.css")),
                           "assets/stylesheets/nmt.css", f"{make_pdf.FOLDER}/print.css"])
    source = tmp_path / "wide.html"
    source.write_text(f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">{stylesheets}</head>'
                      '<body><section class="nmt-print-page"><article class="md-content__inner md-typeset">'
                      f'<h1>Wide</h1><table><thead><tr>{f"<th>{words[0]}</th>" * 9}</tr></thead>'
                      f'<tbody><tr>{cells}</tr><tr>{f"<td>{link}</td>" * 9}</tr></tbody></table>'
                      '</article></section></body></html>', "utf-8")
    page = browser.new_page(viewport={"width": make_pdf.PRINT_WIDTH, "height": 1000})
    page.goto(source.as_uri())
    page.emulate_media(media="print")
    assert page.evaluate(make_pdf.OVERFLOW_JS, make_pdf.PRINT_WIDTH), "the fixture table should be too wide at first"
    page.close()
    assert make_pdf.print_pdf(browser, source, tmp_path / "wide.pdf") == []
