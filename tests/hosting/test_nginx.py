"""The hosting recipe: the built site served by Debian's nginx with
hosting/nginx.conf — status codes, the 404 page per language, types,
compression, caching, security headers on every response, and the pages in
Chromium under that Content-Security-Policy (search included) without a
single violation or error."""
from __future__ import annotations

import gzip
import http.client
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]

import csp_hashes

pytestmark = pytest.mark.nginx

DEEP_PAGE = "lagstiftning/manniskohandel/"
LONG_CACHE = "public, max-age=31536000, immutable"
FINGERPRINTED = [  # Material's content-hashed files, as globs below the site root
    "assets/javascripts/bundle.*.min.js",
    "assets/javascripts/workers/search.*.min.js",
    "assets/stylesheets/main.*.min.css",
    "assets/stylesheets/palette.*.min.css",
]
PERMISSIONS_DENIED = ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort",
                      "display-capture", "serial", "hid", "midi", "browsing-topics"]


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name: str) -> str:
        values = self.headers.get_all(name) or []
        assert len(values) <= 1, f"{name} sent {len(values)} times: {values}"
        return values[0] if values else ""

    @property
    def text(self) -> str:
        raw = gzip.decompress(self.body) if self.header("Content-Encoding") == "gzip" else self.body
        return raw.decode("utf-8")


def fetch(base: str, path: str, method: str = "GET", gzip_ok: bool = False) -> Response:
    """One plain request (no redirects followed, no automatic decompression)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def one(site: Path, pattern: str) -> str:
    """The URL path of the single built file matching a glob."""
    matches = sorted(site.glob(pattern))
    assert len(matches) == 1, f"expected one {pattern} in the built site, found {matches}"
    return "/" + matches[0].relative_to(site).as_posix()


def html_lang(text: str) -> str:
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", text)
    return match.group(1) if match else ""


def h1(text: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


# ---- Status codes and the 404 page per language ---------------------------

@pytest.mark.parametrize("path", [
    "/", "/en/", "/" + DEEP_PAGE, "/en/" + DEEP_PAGE, "/ordlista/", "/en/ordlista/",
    "/search/search_index.json", "/en/search/search_index.json", "/sitemap.xml",
    "/assets/images/logo.svg", "/assets/stylesheets/nmt.css",
])
def test_pages_and_files_are_served(nginx_url, path):
    assert fetch(nginx_url, path).status == 200


def test_fingerprinted_assets_are_served(nginx_url, nginx_site):
    for pattern in FINGERPRINTED:
        path = one(nginx_site, pattern)
        assert fetch(nginx_url, path).status == 200, path


def test_folder_without_slash_redirects_relatively(nginx_url):
    response = fetch(nginx_url, "/en")
    assert response.status == 301
    assert response.header("Location") == "/en/"  # relative: right behind a TLS proxy too


@pytest.mark.parametrize("path, lang, title_file", [
    ("/finns-inte/", "sv", "404.html"),
    ("/lagstiftning/finns-inte.html", "sv", "404.html"),
    ("/assets/", "sv", "404.html"),  # a folder without index.html (403) is "not found" too
    ("/.git/config", "sv", "404.html"),
    ("/en/does-not-exist/", "en", "en/404.html"),
    ("/en/legislation/nothing.html", "en", "en/404.html"),
])
def test_missing_pages_get_the_not_found_page_in_their_language(nginx_url, nginx_site, path, lang, title_file):
    response = fetch(nginx_url, path)
    assert response.status == 404
    assert response.header("Content-Type").startswith("text/html")
    assert html_lang(response.text) == lang
    expected = h1((nginx_site / title_file).read_text("utf-8"))
    assert expected in ("Sidan finns inte", "Page not found")
    assert h1(response.text) == expected
    assert response.text == (nginx_site / title_file).read_text("utf-8")


# ---- Types, compression, caching -------------------------------------------

def content_types(site: Path) -> dict[str, tuple[str, ...]]:
    return {
        "/": ("text/html",),
        "/en/" + DEEP_PAGE: ("text/html",),
        "/assets/stylesheets/nmt.css": ("text/css",),
        one(site, FINGERPRINTED[0]): ("text/javascript", "application/javascript"),
        one(site, FINGERPRINTED[1]): ("text/javascript", "application/javascript"),
        "/review.json": ("application/json",),  # search_index.json is too small to compress
        "/search/search_index.json": ("application/json",),
        "/search/search_index-0.js": ("text/javascript", "application/javascript"),  # the search index
        "/sitemap.xml": ("text/xml", "application/xml"),
        "/assets/images/logo.svg": ("image/svg+xml",),
        "/_probe/pixel.png": ("image/png",),
        "/_probe/font.woff2": ("font/woff2",),
        "/_probe/robots.txt": ("text/plain",),
    }


def test_content_types(nginx_url, nginx_site):
    wrong = {}
    for path, accepted in content_types(nginx_site).items():
        media_type = fetch(nginx_url, path).header("Content-Type").split(";")[0].strip()
        if media_type not in accepted:
            wrong[path] = media_type
    assert not wrong, f"wrong Content-Type: {wrong}"


def test_text_is_compressed_when_the_client_accepts_gzip(nginx_url, nginx_site):
    text_paths = [path for path, types in content_types(nginx_site).items()
                  if not types[0].startswith(("image/png", "font/")) and path != "/search/search_index.json"]
    for path in text_paths:
        plain = fetch(nginx_url, path)
        packed = fetch(nginx_url, path, gzip_ok=True)
        assert packed.header("Content-Encoding") == "gzip", path
        assert "Accept-Encoding" in packed.header("Vary"), path
        assert gzip.decompress(packed.body) == plain.body, path
        assert plain.header("Content-Encoding") == "", f"{path}: gzip sent to a client that did not ask"
    assert fetch(nginx_url, "/_probe/pixel.png", gzip_ok=True).header("Content-Encoding") == ""


def test_fingerprinted_assets_are_cached_for_a_year(nginx_url, nginx_site):
    for pattern in FINGERPRINTED:
        path = one(nginx_site, pattern)
        assert re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", path), f"{path}: Material changed its file names"
        assert fetch(nginx_url, path).header("Cache-Control") == LONG_CACHE, path


@pytest.mark.parametrize("path", [
    "/", "/en/", "/" + DEEP_PAGE, "/search/search_index.json", "/en/search/search_index.json",
    "/search/search_index-0.js", "/assets/javascripts/workers/nmt-search.js",
    "/sitemap.xml", "/en/sitemap.xml", "/assets/stylesheets/nmt.css", "/assets/images/logo.svg",
    "/assets/javascripts/lunr/min/lunr.sv.min.js", "/finns-inte/",
    "/assets/javascripts/bundle.00000000.min.js",  # a missing "fingerprinted" file is a 404 page
])
def test_everything_else_must_be_revalidated(nginx_url, path):
    assert fetch(nginx_url, path).header("Cache-Control") == "no-cache"


# ---- Security headers --------------------------------------------------------

def csp_directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in filter(None, (item.strip() for item in policy.split(";"))):
        name, *values = part.split()
        assert name not in directives, f"{name} twice in the CSP"
        directives[name] = values
    return directives


def check_security_headers(response: Response, where: str) -> None:
    assert response.header("X-Content-Type-Options") == "nosniff", where
    assert response.header("Referrer-Policy") == "no-referrer", where
    assert response.header("X-Frame-Options") == "DENY", where
    assert response.header("Server") == "nginx", f"{where}: the Server header names a version"
    policy = csp_directives(response.header("Content-Security-Policy"))
    assert policy.get("default-src") == ["'none'"], where
    assert policy.get("frame-ancestors") == ["'none'"], where
    assert policy.get("base-uri") == ["'none'"], where
    for name, values in policy.items():
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} & set(values), f"{where}: {name}"
    permissions = dict(item.strip().split("=", 1) for item in response.header("Permissions-Policy").split(","))
    for feature in PERMISSIONS_DENIED:
        assert permissions.get(feature) == "()", f"{where}: {feature} not denied"


@pytest.mark.parametrize("path, method, status", [
    ("/", "GET", 200),
    ("/en/" + DEEP_PAGE, "GET", 200),
    ("/search/search_index.json", "GET", 200),
    ("/assets/javascripts/workers/", "GET", 404),
    ("/finns-inte/", "GET", 404),
    ("/en/does-not-exist/", "GET", 404),
    ("/en", "GET", 301),
    ("/", "POST", 405),
    ("/", "HEAD", 200),
    ("/%", "GET", 400),  # rejected before nginx reads the path
])
def test_security_headers_on_every_response(nginx_url, path, method, status):
    response = fetch(nginx_url, path, method=method)
    assert response.status == status
    check_security_headers(response, f"{method} {path} ({status})")


def test_security_headers_on_fingerprinted_assets(nginx_url, nginx_site):
    for pattern in FINGERPRINTED:
        path = one(nginx_site, pattern)
        check_security_headers(fetch(nginx_url, path), path)


def test_error_pages_do_not_name_the_nginx_version(nginx_url):
    body = fetch(nginx_url, "/", method="POST").text
    assert not re.search(r"nginx/\d", body)


def test_csp_lists_every_inline_script_of_the_build(built_site):
    missing, _unused = csp_hashes.compare(built_site, csp_hashes.DEFAULT_CONFIG)
    assert not missing, (
        "hosting/nginx.conf does not allow these inline scripts of the build (Material upgrade or a "
        f"deeper page?): {sorted(missing)}. Run `make build && python3 hosting/csp_hashes.py --write`.")


class BlockedInline(HTMLParser):
    """What the policy would block silently: style="", <style>, on…= handlers, javascript: links."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:>")


def test_pages_have_nothing_inline_that_the_policy_would_block(built_site):
    """style-src 'self' and hash-only script-src hold only while the pages
    carry no inline styles or handlers: an editor's style="" would work in
    `make serve` but be ignored on the hosted site."""
    problems = {}
    for page in sorted(built_site.rglob("*.html")):
        parser = BlockedInline()
        parser.feed(page.read_text("utf-8"))
        if parser.found:
            problems[page.relative_to(built_site).as_posix()] = sorted(set(parser.found))
    assert not problems, f"inline code or styles the CSP blocks (use a class in nmt.css): {problems}"


def test_the_editor_has_its_own_policy_and_the_reader_pages_keep_theirs(nginx_url):
    from nmt.policy.csp import meta_policy

    admin = fetch(nginx_url, "/admin/")
    assert admin.status == 200
    assert admin.header("Content-Security-Policy") == meta_policy("admin") + "; frame-ancestors 'none'"
    assert admin.header("X-Robots-Tag") == "noindex, nofollow"
    for name, value in (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
                        ("X-Frame-Options", "DENY"), ("Server", "nginx")):
        assert admin.header(name) == value, name
    assert csp_directives(admin.header("Content-Security-Policy"))["script-src"] == ["'self'"]  # no eval, nothing inline
    reader = csp_directives(fetch(nginx_url, "/").header("Content-Security-Policy"))
    assert reader["style-src"] == ["'self'"] and reader["connect-src"] == ["'self'"]


def test_served_csp_is_the_one_in_hosting_nginx_conf(nginx_url):
    config = (ROOT / "hosting" / "nginx.conf").read_text("utf-8")
    served = fetch(nginx_url, "/").header("Content-Security-Policy")
    assert f'add_header Content-Security-Policy "{served}" always;' in config


# ---- In Chromium: no CSP violation, no error, search works ------------------

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber} ${event.sample}`);
});
"""


@pytest.fixture
def strict_page(page):
    """A page that records every CSP report (events and console messages),
    also from the search worker."""
    page.csp_reports = []

    def console(message):
        if "Content Security Policy" in message.text:
            page.csp_reports.append(f"console: {message.text}")

    def worker(started):
        started.on("console", console)

    page.on("console", console)
    page.on("worker", worker)
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def search(page, query):
    """Type into Material's search box like a reader; the number of results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__list a")
    try:
        results.first.wait_for(timeout=10_000)
    except Exception:  # say why: a blocked worker, fetch or script shows here
        pytest.fail(f"no search results for {query!r}; CSP reports: {violations(page)}; "
                    f"errors: {page.watch.errors}")
    return results.count()


def violations(page) -> list[str]:
    return page.csp_reports + page.evaluate("window.__cspViolations")


@pytest.mark.browser
@pytest.mark.parametrize("path, query", [
    ("/", "människohandel"),
    ("/" + DEEP_PAGE, "betänketid"),
    ("/en/", "trafficking"),
    ("/en/" + DEEP_PAGE, "reflection"),
])
def test_pages_work_under_the_policy(strict_page, nginx_url, path, query):
    page = strict_page
    response = page.goto(nginx_url + path)
    assert response.status == 200
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert search(page, query) > 0, "no search results"
    if DEEP_PAGE in path:
        # The glossary tooltip (Material positions it from JavaScript).
        page.keyboard.press("Escape")
        term = page.locator(".md-content a[href*='ordlista/#'], .md-content a[href*='glossary/#']").first
        term.hover()
        page.locator(".md-tooltip2").first.wait_for(state="visible", timeout=5_000)
        page.mouse.wheel(0, 3000)  # header title, table of contents follow, back-to-top button
        page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    assert not violations(page), violations(page)
    assert not page.watch.errors, page.watch.errors


@pytest.mark.browser
def test_enter_in_the_search_box_opens_the_first_result(strict_page, nginx_url):
    """Material handles the search form in JavaScript: form-action 'none' holds."""
    page = strict_page
    page.goto(nginx_url + "/en/")
    search(page, "reflection")
    first = page.locator(".md-search-result__list a").first.evaluate("link => new URL(link.href).pathname")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == first
    assert first.startswith("/en/") and first != "/en/"
    page.wait_for_load_state("networkidle")
    assert not violations(page), violations(page)
    assert not page.watch.errors, page.watch.errors


@pytest.mark.browser
def test_not_found_page_works_under_the_policy(strict_page, nginx_url):
    page = strict_page
    response = page.goto(nginx_url + "/en/does-not-exist/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "en"
    assert search(page, "trafficking") > 0
    page.wait_for_load_state("networkidle")
    assert not violations(page), violations(page)
    errors = [e for e in page.watch.errors if "404" not in e]  # the page itself is a 404
    assert not errors, errors


@pytest.mark.browser
def test_the_policy_is_enforced(strict_page, nginx_url):
    """The control: an injected inline script and inline style are blocked and
    reported, so "no violation" above means something."""
    page = strict_page
    page.goto(nginx_url + "/")
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.head.append(script);
      document.body.insertAdjacentHTML("beforeend", '<p id="styled" style="color: rgb(255, 0, 0)">x</p>');
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__injected") is None, "an injected inline script ran"
    assert page.evaluate("getComputedStyle(document.getElementById('styled')).color") != "rgb(255, 0, 0)"
    found = " ".join(violations(page))
    assert "script-src" in found and "style-src" in found, found
