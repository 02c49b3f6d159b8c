"""The preview shows the build's findings on the page and drops them when fixed;
a second edit in the same session reports what a fresh build would."""
import time
from html.parser import HTMLParser

from fixture_sites import build_site, make_site
from nmt.preview.findings import panel, with_panel, without_panel
from preview_session import Preview, page_text

UNKNOWN = "docs/sida.md:17: unknown glossary term 'okänt ord' — use a term from docs/glossary.yml, or add the concept there"


class PanelLines(HTMLParser):
    """The text of each <code> line in the panel, as a browser shows it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._in_panel = self._in_code = False

    def handle_starttag(self, tag, attrs):
        if tag == "aside" and ("class", "nmt-preview-findings") in attrs:
            self._in_panel = True
        elif tag == "code" and self._in_panel:
            self._in_code = True
            self.lines.append("")

    def handle_endtag(self, tag):
        if tag == "aside":
            self._in_panel = False
        self._in_code = self._in_code and tag != "code"

    def handle_data(self, data):
        if self._in_code:
            self.lines[-1] += data


def panel_lines(page: str) -> list[str]:
    parser = PanelLines()
    parser.feed(page)
    return parser.lines


def test_the_panel_escapes_and_lists_every_line():
    html = panel(["docs/a.md:1: <b>x</b>", "two\nlines"], "sv")
    assert "&lt;b&gt;" in html and html.count("<li>") == 3 and "3 problem" in html
    assert with_panel('<body><main class="md-main" data-md-component="main"><p>x', "[P]").endswith(
        '<main class="md-main" data-md-component="main">[P]<p>x')


def test_a_kept_page_loses_its_old_panel():
    page = '<main class="md-main">' + panel(["docs/a.md:1: x"], "sv") + "<p>text</p>"
    assert without_panel(page) == '<main class="md-main"><p>text</p>'
    assert without_panel(without_panel(page)) == without_panel(page)


def article(page: str) -> str:
    start = page.index("<article")
    return page[start:page.index("</article>", start)]


def wait_for(url, condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = page_text(url)
        if text and condition(text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {url}")


def test_serve_shows_findings_in_the_page_and_drops_them_when_fixed(tmp_path):
    site = make_site(tmp_path / "site")
    page = site / "docs" / "sida.md"
    original = page.read_text("utf-8")
    server = Preview(site, tmp_path / "tmp")  # as `make serve` runs it
    url = server.url + "sida/"
    try:
        first = wait_for(url, lambda t: "Betänketid" in t)
        assert "nmt-preview-findings" not in first
        server.save(page, original + "\nEn [[okänt ord]] här.\n")
        shown = wait_for(url, lambda t: "nmt-preview-findings" in t)
        assert UNKNOWN in panel_lines(shown)
        assert any(UNKNOWN in line for line in server.lines)  # the terminal says it too
        assert not [line for line in server.lines if "'dirty' build" in line]  # MkDocs' notice is not for editors
        server.save(page, original + "\nEn [[betänketid]] här.\n")
        fixed = wait_for(url, lambda t: "nmt-preview-findings" not in t and "här." in t)
        assert "okänt ord" not in fixed
        server.save(page, original + "\nEtt [[annat okänt]] ord.\n")
        again = wait_for(url, lambda t: "nmt-preview-findings" in t)
        fresh = build_site(site)  # the same edit, built from scratch
        assert panel_lines(again) == sorted(fresh.messages), (panel_lines(again), fresh.messages)
        # ... and renders the same page (the article; the head holds the preview's own address).
        built = (site / "site" / "sida" / "index.html").read_text("utf-8")
        assert article(again) == article(built) and "annat okänt" in article(built)
    finally:
        server.stop()


def test_the_real_site_previews_without_findings(tmp_path):
    """`make serve` of a clean checkout shows no panel (MkDocs' own http site_url is not a finding)."""
    from fixture_sites import ROOT

    server = Preview(ROOT, tmp_path)
    try:
        for path in ("om-kopian/", "en/om-kopian/", ""):
            text = wait_for(server.url + path, lambda t: "</html>" in t)
            assert "nmt-preview-findings" not in text, text[text.find("nmt-preview-findings"):][:600]
    finally:
        server.stop()
