"""Nothing in the built site makes the reader's browser contact another host."""
import re
from urllib.parse import urlsplit

from sitefiles import reader_files, soup

# Attributes that make a browser fetch something by itself.
FETCHING = {
    "script": ["src"], "link": ["href"], "img": ["src", "srcset"], "iframe": ["src"],
    "frame": ["src"], "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"],
    "track": ["src"], "embed": ["src"], "object": ["data"], "image": ["href"], "use": ["href"],
}
# <link rel> values that are only navigation hints, not fetches.
NAVIGATION_RELS = {"canonical", "prev", "next", "alternate"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")
# A URL inside a string literal (comments, such as licence headers, are not fetched).
JS_URL = re.compile(r"""["'`](https?://[^\s"'`)\\]+)""")
# Hosts in string literals of Material's bundle that our pages never call,
# each with the reason.
JS_NEVER_FETCHED = {
    "api.github.com": "Material's GitHub repository widget; overrides/partials/source.html removes it",
    "${e}": "Material's GitLab repository widget (host is a variable); removed the same way",
}


def outside(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def fetched_urls_in_html(page):
    for tag, attributes in FETCHING.items():
        for element in soup(page).find_all(tag):
            if tag == "link" and set(element.get("rel", [])) & NAVIGATION_RELS:
                continue
            for attribute in attributes:
                for value in filter(None, [element.get(attribute)]):
                    for url in value.split(",") if attribute == "srcset" else [value]:
                        yield url.strip().split(" ")[0]
    for style in soup(page).find_all(style=True):
        yield from (a or b for a, b in CSS_URL.findall(style["style"]))
    for block in soup(page).find_all("style"):
        yield from (a or b for a, b in CSS_URL.findall(block.text))


def test_html_fetches_nothing_from_other_hosts(built_site):
    found = {
        (str(page.relative_to(built_site)), url)
        for page in reader_files(built_site, "*.html")
        for url in fetched_urls_in_html(page) if outside(url)
    }
    assert not found, f"outside fetches in HTML: {sorted(found)[:10]}"


def test_stylesheets_fetch_nothing_from_other_hosts(built_site):
    found = {
        (str(css.relative_to(built_site)), a or b)
        for css in reader_files(built_site, "*.css")
        for a, b in CSS_URL.findall(css.read_text("utf-8")) if outside(a or b)
    }
    assert not found, f"outside fetches in CSS (fonts?): {sorted(found)[:10]}"


def test_scripts_name_no_other_host_they_could_load(built_site):
    found = set()
    for script in reader_files(built_site, "*.js"):
        for url in JS_URL.findall(script.read_text("utf-8")):
            host = urlsplit(url).netloc
            if host not in JS_NEVER_FETCHED:
                found.add((str(script.relative_to(built_site)), url))
    assert not found, f"outside URLs in JavaScript: {sorted(found)[:10]}"


def test_no_analytics_or_cookie_code(built_site):
    markers = ("google-analytics", "googletagmanager", "gtag(", "matomo", "plausible", "document.cookie")
    found = {
        (str(path.relative_to(built_site)), marker)
        for path in reader_files(built_site, "*.html") + reader_files(built_site, "*.js")
        for marker in markers if marker in path.read_text("utf-8")
    }
    assert not found, f"tracking code found: {sorted(found)[:10]}"
