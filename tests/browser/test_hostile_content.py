"""Hostile input in the browser: shown as text it is harmless, and a script
that got into a built page anyway is blocked by the pages' own CSP <meta>,
over http without any header and from file://."""
import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nmt.core.escape import markdown_text


from fixture_sites import make_site


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build_site(config, site_dir):
    """A strict build as `make build` runs it (conftest's, which another folder's conftest can shadow)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
                          cwd=config.parent, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

pytestmark = pytest.mark.browser

PAYLOADS = [
    '"><meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", '<a href="&#106;avascript:alert(1)">x</a>',
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "![p](https://evil.example/p.png)",
    '<form action="https://evil.example/"><input name=q></form>',
]


def serve(folder):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def assert_nothing_ran(page, url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    # Element handles, not locators: Material's tooltips take the title attribute off
    # a link on hover, so "a[title]" matches fewer links after each one.
    for link in [l for l in page.query_selector_all("article a[title]") if l.is_visible()][:10]:
        link.hover()  # Material's tooltips
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("window.__pwned === undefined")
    outside = [u for u in page.watch.requests if not u.startswith(("file://", "http://127.0.0.1", "data:", "about:"))]
    assert outside == []


@pytest.fixture(scope="module")
def escaped_site(tmp_path_factory):
    """The fixture site with every payload shown as text: in code, and escaped like data-file text."""
    root = tmp_path_factory.mktemp("hostile")
    site = make_site(root / "src")
    page = site / "docs" / "sida.md"
    shown = "\n\n".join(f"`{p}`\n\n{markdown_text(p)}" for p in PAYLOADS)
    page.write_text(page.read_text("utf-8") + "\n" + shown + "\n\n```html\n" + "\n".join(PAYLOADS) + "\n```\n")
    result = build_site(site / "mkdocs.yml", root / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def test_payloads_shown_as_text_do_nothing_over_http_and_file(page, escaped_site):
    server, url = serve(escaped_site)
    try:
        assert_nothing_ran(page, url + "sida/")
        assert page.locator("article").inner_text().count("<img src=x onerror=alert(1)>") >= 2
    finally:
        server.shutdown()
    assert_nothing_ran(page, (escaped_site / "sida" / "index.html").as_uri())


@pytest.fixture(scope="module")
def tampered_site(built_site, tmp_path_factory):
    """The real site with a script and a handler written into a page after the build."""
    site = tmp_path_factory.mktemp("tampered") / "site"
    shutil.copytree(built_site, site)
    target = site / "lagstiftning" / "index.html"
    html = target.read_text("utf-8")
    injected = '<script>window.__pwned=1;alert(1)</script><img src="x" onerror="window.__pwned=2;alert(2)">'
    target.write_text(html.replace('<div class="md-content"', injected + '<div class="md-content"', 1), "utf-8")
    return site


def test_the_csp_meta_blocks_an_injected_script_without_server_headers(page, tampered_site):
    server, url = serve(tampered_site)
    try:
        assert_nothing_ran(page, url + "lagstiftning/")
        page.locator(".md-search__input").first.click()  # the site's own scripts still run
        assert page.locator(".md-search__input").first.is_visible()
    finally:
        server.shutdown()
    assert_nothing_ran(page, (tampered_site / "lagstiftning" / "index.html").as_uri())
