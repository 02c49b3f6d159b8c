"""One PDF per language of the whole handbook: `make pdf`.

    python scripts/make_pdf.py --site site --out dist
    → dist/nmt-handbok-sv.pdf, dist/nmt-handbok-en.pdf

The build writes the print document of each language (hooks/nmt/output/print_book.py:
`site/assets/print/<language>.html`, with a cover, a table of contents, every
page in nav order and links inside the document). This script only prints
it with Chromium's print-to-PDF through Playwright (``page.pdf``): A4, the
document's title and build date in the header, "page / pages" in the footer.

Why Chromium: it is already the browser the tests drive (Debian's chromium
plus Playwright from requirements.txt), so the PDF needs no new system
dependency and is rendered exactly like the site, with the site's CSS.

Page numbers in the table of contents: Chromium cannot compute them
(no ``target-counter()``), so each document is printed twice. The first
print keeps the markers the build put at the start of each page and is read
with ``pdftotext`` (poppler-utils) to find the sheet on which each page
starts; for the second, the markers are removed and the numbers filled in,
in the browser, so the site is never written to. Without pdftotext (or with
``--no-toc-numbers``) the table of contents has no page numbers.

Printing never contacts another host: every request that is not file:// or
data: is aborted and recorded, and the script then fails.

Fonts: the print document uses the project's own fonts (Source Sans 3 and
Source Code Pro, from the npm registry at pinned versions, in the site's
``assets/vendor/fonts``), and Chromium is started with a fontconfig that
offers only that folder. The running header and footer, and any character a
font lacks, therefore never fall back to a font that happens to be installed:
the PDFs of one commit are the same on every machine.
"""
from __future__ import annotations

import argparse
import datetime
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from nmt.output.print_book import FOLDER, FONTS, MARKER, TEXT_FONT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
DEFAULT_NAME = "nmt-handbok-{lang}.pdf"

HEADER_TEMPLATE = f"""<div style="font-family: '{TEXT_FONT}'; font-size: 8px; color: #3d4752;
 width: 100%; margin: 0 16mm; display: flex; justify-content: space-between;">
<span>{{title}}</span><span>{{date}}</span></div>"""
FOOTER_TEMPLATE = f"""<div style="font-family: '{TEXT_FONT}'; font-size: 8px; color: #3d4752;
 width: 100%; text-align: center;"><span class="pageNumber"></span> / <span class="totalPages"></span></div>"""
# A fontconfig that knows only the project's fonts (no system or user folders, no rules).
FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""
MARGIN = {"top": "18mm", "bottom": "16mm", "left": "16mm", "right": "16mm"}
# Width of the printable area in CSS pixels: A4 minus the side margins.
PRINT_WIDTH = round((210 - 16 - 16) / 25.4 * 96)
MARKED_SLUG = re.compile(rf"{re.escape(MARKER)}([a-z0-9-]+){re.escape(MARKER)}")

OVERFLOW_JS = """width => {
  const found = new Set();
  for (const element of document.querySelectorAll('.nmt-print-page *')) {
    if (element.getBoundingClientRect().right <= width + 1) continue;
    if (element.parentElement && element.parentElement.getBoundingClientRect().right > width + 1) continue;
    const page = element.closest('.nmt-print-page');
    const title = page.querySelector('h1');
    found.add((title ? title.textContent.trim() : page.id) + ': <' + element.tagName.toLowerCase() + '> '
              + element.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40));
  }
  return [...found];
}"""
# Before printing: drop the page markers unless asked to keep them; fill in the
# contents' page numbers when known. Out-of-flow markers and the "000" the
# build reserves for each number keep the layout of both prints the same.
PREPARE_JS = """([markers, numbers]) => {
  if (!markers) document.querySelectorAll('.nmt-print-marker').forEach(marker => marker.remove());
  const contents = document.querySelector('.nmt-print-toc');
  if (!numbers || !contents) return;
  contents.classList.remove('no-numbers');
  for (const link of contents.querySelectorAll('a[href^="#page-"]'))
    link.querySelector('.number').textContent = numbers[link.getAttribute('href').slice('#page-'.length)] ?? '';
}"""
# Tables still wider than the sheet get the print layout's narrower style (print.css, data-nmt-too-wide).
FIT_TABLES_JS = """width => {
  for (const table of document.querySelectorAll('.nmt-print-page table'))
    if (table.getBoundingClientRect().right > width + 1) table.setAttribute('data-nmt-too-wide', '');
}"""
BUILD_DATE_JS = "() => document.querySelector('#cover time')?.getAttribute('datetime') ?? ''"


class PdfError(Exception):
    """A problem the user can fix; printed as one line, no traceback."""


def sheet_numbers(pdf: Path, slugs: list[str]) -> dict[str, int] | None:
    """The sheet on which each page starts, read back with pdftotext from a
    print with markers; None when pdftotext is missing or a marker is lost."""
    if not shutil.which("pdftotext"):
        return None
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    found = {}
    for number, sheet in enumerate(result.stdout.split("\f"), start=1):
        # pdftotext spaces out the tiny marker's letters (how much depends on the font): drop all space.
        for slug in MARKED_SLUG.findall("".join(sheet.split())):
            found.setdefault(slug, number)
    numbers = {slug: found.get(slug) for slug in slugs}
    return numbers if all(numbers.values()) else None


def print_pdf(browser, source: Path, target: Path, *, markers: bool = False,
              numbers: dict[str, int] | None = None) -> list[str]:
    """Print one HTML file to PDF; fail on any request to another host.
    Returns what is wider than the sheet (Chromium then shrinks every sheet)."""
    blocked: list[str] = []
    failed: list[str] = []
    context = browser.new_context(java_script_enabled=False, service_workers="block",
                                  viewport={"width": PRINT_WIDTH, "height": 1000})

    def guard(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda request: None if request.url.startswith(("file:", "data:"))
            else blocked.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    try:
        page.goto(source.as_uri(), wait_until="load")
        page.emulate_media(media="print")
        page.evaluate(PREPARE_JS, [markers, numbers])
        page.evaluate("() => document.fonts.ready.then(() => true)")  # measure and print with the real fonts
        page.evaluate(FIT_TABLES_JS, PRINT_WIDTH)
        too_wide = page.evaluate(OVERFLOW_JS, PRINT_WIDTH)
        page.pdf(
            path=str(target), format="A4", print_background=True, margin=MARGIN,
            display_header_footer=True, outline=True, tagged=True, footer_template=FOOTER_TEMPLATE,
            header_template=HEADER_TEMPLATE.format(title=html.escape(page.title()),
                                                   date=html.escape(page.evaluate(BUILD_DATE_JS))),
        )
        make_reproducible(target)
    finally:
        context.close()
    blocked = sorted(set(blocked))
    if blocked:
        target.unlink(missing_ok=True)
        raise PdfError(f"printing {source.name} asked for other hosts (blocked): {', '.join(blocked[:5])}")
    real_failures = [failure for failure in failed if not any(url in failure for url in blocked)]
    if real_failures:
        target.unlink(missing_ok=True)
        raise PdfError(f"printing {source.name}: files missing from the site: {', '.join(real_failures[:5])}")
    return too_wide


PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")
# Structure-element ids of the tagged PDF come from Chromium's DOM node
# counter, which starts at a different number from run to run.
NODE_ID = re.compile(rb"\(node(\d{8})\)")


def make_reproducible(pdf: Path) -> None:
    """With SOURCE_DATE_EPOCH set, two prints of one commit are byte-identical.

    Chromium stamps the time of printing and numbers tagged-PDF elements from
    a counter that varies between runs. Both are replaced by values of the
    same length, so the PDF's byte offsets stay valid: the date by
    SOURCE_DATE_EPOCH, the ids by their rank (which keeps their order, so the
    sorted ID tree stays sorted).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return
    data = pdf.read_bytes()
    stamp = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
    data = PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp.encode() + b"+00'00')", data)
    ranks = {old: f"{rank:08d}".encode() for rank, old in enumerate(sorted(set(NODE_ID.findall(data)), key=int), 1)}
    data = NODE_ID.sub(lambda m: b"(node" + ranks[m.group(1)] + b")", data)
    pdf.write_bytes(data)


def pdf_page_count(pdf: Path) -> int:
    """Pages of a PDF written by Chromium (its page objects are plain text)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def print_documents(site: Path, only: list[str] | None) -> dict[str, Path]:
    """language → the build's print document, for every language or those asked for."""
    if not (site / "index.html").is_file():
        raise PdfError(f"{site}: no built site here — run `make build` first")
    documents = {path.stem: path for path in sorted((site / FOLDER).glob("*.html"))}
    if not documents:
        raise PdfError(f"{site / FOLDER}: no print documents — build the site with `make build` "
                       "(`mkdocs serve` writes none)")
    unknown = sorted(set(only or []) - set(documents))
    if unknown:
        raise PdfError(f"no print document for {', '.join(unknown)}: the site has {', '.join(documents)}")
    return {language: path for language, path in documents.items() if not only or language in only}


def print_language(browser, source: Path, target: Path, numbering: bool, log) -> int:
    """The PDF of one print document; returns how many handbook pages it holds."""
    slugs = MARKED_SLUG.findall(source.read_text("utf-8"))
    # First print: with the page markers when the sheets can be read back.
    for problem in print_pdf(browser, source, target, markers=numbering):
        log(f"{target.name}: warning: wider than the sheet, so Chromium prints every sheet smaller: {problem}")
    if numbering:
        # Second print: the same layout, page numbers in the contents, no markers.
        first_count = pdf_page_count(target)
        numbers = sheet_numbers(target, slugs)
        if numbers is None:
            log(f"{target.name}: warning: could not find where each page starts; "
                "no page numbers in the table of contents")
        print_pdf(browser, source, target, numbers=numbers)
        if numbers and pdf_page_count(target) != first_count:
            raise PdfError(f"{target.name}: the page numbers moved the pages — "
                           "run again with --no-toc-numbers and report this")
    return len(slugs)


def launch_with_fonts(playwright, fonts: Path, scratch: Path):
    """Chromium that sees no font but those in `fonts` (fontconfig's cache goes to `scratch`)."""
    if not any(fonts.glob("*.ttf")):
        raise PdfError(f"{fonts}: the print fonts are missing — build the site again with `make build`")
    config = scratch / "fonts.conf"
    config.write_text(FONTCONFIG.format(fonts=html.escape(str(fonts)), cache=html.escape(str(scratch / "cache"))),
                      "utf-8")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                      env={**os.environ, "FONTCONFIG_FILE": str(config)})


def make_pdfs(site: Path, out: Path, *, name: str = DEFAULT_NAME, only: list[str] | None = None,
              toc_numbers: bool = True, log=print) -> list[Path]:
    site, out = site.resolve(), out.resolve()
    documents = print_documents(site, only)
    if not Path(CHROMIUM).exists():
        raise PdfError(f"Chromium is missing ({CHROMIUM}): run `sudo apt-get install -y chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise PdfError("Playwright is missing: run `make pdf` (it installs requirements.txt)") from None
    numbering = toc_numbers and shutil.which("pdftotext") is not None
    if toc_numbers and not numbering:
        log("no page numbers in the tables of contents: they need pdftotext "
            "(sudo apt-get install -y poppler-utils)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory(prefix="nmt-pdf-") as scratch:
        browser = launch_with_fonts(playwright, site / FONTS, Path(scratch))
        try:
            for language, source in documents.items():
                started = time.monotonic()
                target = out / name.format(lang=language)
                pages = print_language(browser, source, target, numbering, log)
                log(f"{target}: {pages} handbook pages, {pdf_page_count(target)} sheets, "
                    f"{target.stat().st_size / 1024:.0f} KiB, {time.monotonic() - started:.1f} s")
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="One PDF per language of the whole handbook, "
                                                 "printed by Chromium from a built site.")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the PDFs go (default: dist)")
    parser.add_argument("--name", default=DEFAULT_NAME,
                        help="file name of each PDF, {lang} is the language (default: %(default)s)")
    parser.add_argument("--lang", action="append", dest="only", metavar="LOCALE",
                        help="only this language (repeatable; default: every language)")
    parser.add_argument("--no-toc-numbers", dest="toc_numbers", action="store_false",
                        help="one print only, no page numbers in the table of contents")
    args = parser.parse_args(argv)
    if "{lang}" not in args.name and (args.only is None or len(args.only) > 1):
        parser.error("--name must contain {lang} when more than one language is printed")
    try:
        make_pdfs(args.site, args.out, name=args.name, only=args.only, toc_numbers=args.toc_numbers)
    except PdfError as error:
        print(f"make_pdf: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
