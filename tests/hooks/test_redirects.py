"""Moving a page: the old address still leads to it, in both languages."""
import functools
import threading
from http.server import ThreadingHTTPServer

import pytest

from project import QuietHandler
from fixture_sites import build_site, make_site
from nmt.output.redirect_pages import old_location, redirect_page
from nmt.registers.redirects import load_redirects


def test_old_locations_for_folder_and_file_urls():
    assert old_location("samverkan/gammal.md", True) == ("samverkan/gammal/index.html", "samverkan/gammal/")
    assert old_location("samverkan/gammal.md", False) == ("samverkan/gammal.html", "samverkan/gammal.html")
    assert old_location("gammal/index.md", True) == ("gammal/index.html", "gammal/")


def test_redirect_list_is_checked(tmp_path):
    (tmp_path / "ny.md").write_text("x")
    (tmp_path / "kvar.md").write_text("x")
    redirects, findings = load_redirects("gammal.md: ny.md\nkvar.md: ny.md\nx.md: saknas.md\n", "docs/redirects.yml",
                                         tmp_path)
    assert redirects == {"gammal.md": "ny.md"}
    assert [(f.line, f.message.split(" —")[0]) for f in findings] == [
        (2, "'kvar.md' still exists"), (3, "the new page 'saknas.md' does not exist")]


def test_a_redirect_never_takes_an_address_the_build_writes(tmp_path):
    (tmp_path / "ny.md").write_text("x")
    redirects, findings = load_redirects("404.md: ny.md\nsearch/index.md: ny.md\n", "docs/redirects.yml", tmp_path)
    assert redirects == {}
    assert [str(f) for f in findings] == [
        "docs/redirects.yml:1: '404.md: ny.md' — it would be published as 404.html in the offline copy, where the "
        "build writes the 'page not found' page — remove this line",
        "docs/redirects.yml:2: 'search/index.md: ny.md' — it would be published as search/index.html, where the "
        "build writes the search index — remove this line"]


def test_redirect_page_has_refresh_canonical_and_a_visible_link():
    page = redirect_page("sv", "../ny/", "https://example.org/ny/", "Ny sida")
    assert '<meta http-equiv="refresh" content="0; url=../ny/">' in page
    assert '<link rel="canonical" href="https://example.org/ny/">' in page
    assert '<a href="../ny/">Ny sida</a>' in page and 'lang="sv"' in page


def moved_site(tmp_path):
    """The valid fixture site with sida.md moved to flyttad/sida.md."""
    site = make_site(tmp_path / "site")
    docs = site / "docs"
    (docs / "flyttad").mkdir()
    for name in ("sida.md", "sida.en.md"):
        text = (docs / name).read_text().replace("](index.md", "](../index.md")
        (docs / "flyttad" / name).write_text(text)
        (docs / name).unlink()
    for name in ("index.md", "index.en.md"):
        (docs / name).write_text((docs / name).read_text().replace("](sida.md", "](flyttad/sida.md"))
    (docs / "statutes.yml").write_text((docs / "statutes.yml").read_text().replace("page: sida.md",
                                                                                    "page: flyttad/sida.md"))
    (docs / "redirects.yml").write_text("sida.md: flyttad/sida.md\n")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - sida.md\n", "  - flyttad/sida.md\n"))
    return site


@pytest.mark.browser
def test_old_address_leads_to_the_moved_page_in_both_languages(tmp_path, browser):
    site = moved_site(tmp_path)
    result = build_site(site)
    assert result.succeeded, result.messages
    handler = functools.partial(QuietHandler, directory=str(site / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        page = browser.new_page()
        for old, new, title in (("sida/", "flyttad/sida/", "Betänketid"),
                                ("en/sida/", "en/flyttad/sida/", "Reflection period")):
            page.goto(base + old)
            page.wait_for_url(base + new, timeout=5_000)
            assert page.locator("h1").first.inner_text() == title
        page.close()
    finally:
        server.shutdown()


@pytest.mark.parametrize("old", ["../x.md", "a/../../x.md", "/etc/x.md", "a//x.md", "./x.md", "a\\x.md", "C:x.md",
                                 "x.en.md", "_mall.md", "x.html", "a/./x.md"])
def test_an_old_path_that_leaves_docs_or_is_not_a_plain_page_path_is_refused(tmp_path, old):
    """The old path becomes a file the build writes: outside docs/ it would overwrite anything."""
    (tmp_path / "ny.md").write_text("x")
    redirects, findings = load_redirects(f"'{old}': ny.md\n", "docs/redirects.yml", tmp_path)
    assert redirects == {}
    assert [f.line for f in findings] == [1] and f"'{old}: ny.md' — the old path" in findings[0].message


@pytest.mark.parametrize("new", ["../x.md", "/abs.md", "a/../ny.md"])
def test_a_new_path_that_leaves_docs_is_refused_even_when_the_file_exists(tmp_path, new):
    (tmp_path / "a").mkdir()
    (tmp_path / "ny.md").write_text("x")
    (tmp_path.parent / "x.md").write_text("x")
    redirects, findings = load_redirects(f"gammal.md: '{new}'\n", "docs/redirects.yml", tmp_path)
    assert redirects == {} and "the new path" in findings[0].message
