"""The preview shows the build's findings on the page and drops them when fixed;
a second edit in the same session reports what a fresh build would."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

from fixture_sites import build_site, make_site
from preview_findings import panel, with_panel

UNKNOWN = "docs/sida.md:17: unknown glossary term 'okänt ord' — use a term from docs/glossary.yml, or add the concept there"


def test_the_panel_escapes_and_lists_every_line():
    html = panel(["docs/a.md:1: <b>x</b>", "two\nlines"], "sv")
    assert "&lt;b&gt;" in html and html.count("<li>") == 3 and "3 problem" in html
    assert with_panel('<body><main class="md-main" data-md-component="main"><p>x', "[P]").endswith(
        '<main class="md-main" data-md-component="main">[P]<p>x')


def article(page: str) -> str:
    start = page.index("<article")
    return page[start:page.index("</article>", start)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_text(url):
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url, condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = page_text(url)
        if text and condition(text):
            return text
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {url}")


def test_serve_shows_findings_in_the_page_and_drops_them_when_fixed(tmp_path):
    site = make_site(tmp_path / "site")
    page = site / "docs" / "sida.md"
    original = page.read_text("utf-8")
    port = free_port()
    url = f"http://127.0.0.1:{port}/sida/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        first = wait_for(url, lambda t: "Betänketid" in t)
        assert "nmt-preview-findings" not in first
        page.write_text(original + "\nEn [[okänt ord]] här.\n", "utf-8")
        shown = wait_for(url, lambda t: "nmt-preview-findings" in t)
        assert UNKNOWN.replace("'", "&#x27;") in shown
        page.write_text(original + "\nEn [[betänketid]] här.\n", "utf-8")
        fixed = wait_for(url, lambda t: "nmt-preview-findings" not in t and "här." in t)
        assert "okänt ord" not in fixed
        page.write_text(original + "\nEtt [[annat okänt]] ord.\n", "utf-8")
        again = wait_for(url, lambda t: "nmt-preview-findings" in t)
        fresh = build_site(site)  # the same edit, built from scratch
        listed = [line.split("</code>")[0] for line in again.split("<li><code>")[1:]]
        assert listed == [m.replace("'", "&#x27;") for m in fresh.messages], (listed, fresh.messages)
        # ... and renders the same page (the article; the head holds the preview's own address).
        built = (site / "site" / "sida" / "index.html").read_text("utf-8")
        assert article(again) == article(built) and "annat okänt" in article(built)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_real_site_previews_without_findings():
    """`make serve` of a clean checkout shows no panel (MkDocs' own http site_url is not a finding)."""
    from fixture_sites import ROOT

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        for path in ("om-kopian/", "en/om-kopian/", ""):
            text = wait_for(f"http://127.0.0.1:{port}/{path}", lambda t: "</html>" in t)
            assert "nmt-preview-findings" not in text, text[text.find("nmt-preview-findings"):][:600]
    finally:
        server.terminate()
        server.wait(timeout=20)
