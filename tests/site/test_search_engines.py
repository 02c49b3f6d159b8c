"""Search engines find each page in the right language: absolute hreflang
alternates with x-default, a canonical URL, and a sitemap with both languages."""
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from sitefiles import html_pages

SITE_URL = "https://handbok.nmt.example/"
XHTML = "{http://www.w3.org/1999/xhtml}link"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def head_links(page):
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
    canonical = soup.select_one("link[rel=canonical]")
    return alternates, canonical["href"] if canonical else None


def test_every_page_has_absolute_alternates_for_both_languages_and_x_default(built_site):
    for page in html_pages(built_site):
        relative = page.relative_to(built_site).as_posix().removesuffix("index.html")
        alternates, canonical = head_links(page)
        swedish = relative.removeprefix("en/")
        assert alternates == {"sv": SITE_URL + swedish, "en": SITE_URL + "en/" + swedish,
                              "x-default": SITE_URL + swedish}, relative
        assert canonical == SITE_URL + relative, relative


def test_the_sitemap_lists_both_languages_with_their_alternates(built_site):
    urls = ET.parse(built_site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    locations = {url.find(f"{SITEMAP}loc").text for url in urls}
    assert SITE_URL + "lagstiftning/manniskohandel/" in locations
    assert SITE_URL + "en/lagstiftning/manniskohandel/" in locations
    for url in urls:
        languages = {link.get("hreflang") for link in url.findall(XHTML)}
        assert languages >= {"sv", "en"}, url.find(f"{SITEMAP}loc").text


def test_the_offline_copy_announces_no_addresses(offline_site):
    alternates, _ = head_links(offline_site / "lagstiftning" / "manniskohandel.html")
    assert alternates == {}


def test_each_page_announces_the_feed_of_its_own_language(built_site):
    for relative, feed in [("index.html", "feed.xml"), ("nytt/index.html", "feed.xml"),
                           ("en/index.html", "en/feed.xml"), ("en/nytt/index.html", "en/feed.xml")]:
        page = built_site / relative
        link = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(
            "link[rel=alternate][type='application/atom+xml']")
        target = (page.parent / link["href"]).resolve()
        assert target == (built_site / feed).resolve() and target.exists(), relative
