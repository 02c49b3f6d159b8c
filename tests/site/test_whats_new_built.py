"""The built site's "Nytt och ändrat" / "What's new" and its Atom feeds
(hooks/nmt/blocks/whats_new.py): the same entries on the page and in the feed, newest
first, in the right language; the offline copy has the page and no feed."""
import datetime
from pathlib import Path

import feedparser
import yaml

from nmt.core.site_facts import build_date
from project import ROOT
from sitefiles import resolve, soup

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8").split("\ntheme:")[0])["site_url"]
MONTHS = {"sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                 "november", "december"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December")}
PAGES = {"sv": Path("nytt/index.html"), "en": Path("en/nytt/index.html")}


def listed_days(page: Path, language: str) -> list[datetime.date]:
    days = []
    for item in soup(page).select("article li"):
        strong = item.find("strong")
        if strong is None:
            continue
        day, month, year = strong.get_text().split()
        days.append(datetime.date(int(year), MONTHS[language].index(month) + 1, int(day)))
    return days


def test_the_page_lists_every_change_newest_first_and_each_link_leads_to_a_page(built_site):
    for language, path in PAGES.items():
        page = built_site / path
        days = listed_days(page, language)
        assert len(days) > 50, f"{path}: only {len(days)} changes listed"
        coming, past = [d for d in days if d > build_date()], [d for d in days if d <= build_date()]
        assert days == coming + past, f"{path}: coming law changes are not first"
        assert coming == sorted(coming) and past == sorted(past, reverse=True), f"{path}: not newest first"
        for item in soup(page).select("article li"):
            if item.find("strong") is not None:
                target = resolve(built_site, page, item.a["href"])
                assert target.is_file(), f"{path}: {item.a['href']} leads nowhere"
                assert (target.relative_to(built_site).parts[0] == "en") == (language == "en"), item.a["href"]


def test_each_feed_is_valid_atom_with_the_pages_entries_and_absolute_links_in_its_language(built_site):
    for language, prefix in (("sv", ""), ("en", "en/")):
        parsed = feedparser.parse((built_site / prefix / "feed.xml").read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "atom10" and parsed.feed.language == language
        assert {link.rel: link.href for link in parsed.feed.links} == {
            "self": f"{SITE_URL}{prefix}feed.xml", "alternate": f"{SITE_URL}{prefix}nytt/"}
        updated = [datetime.date.fromisoformat(entry.updated[:10]) for entry in parsed.entries]
        # The same entries as the page, without the changes still to come.
        assert updated == [d for d in listed_days(built_site / PAGES[language], language) if d <= build_date()]
        assert parsed.feed.updated[:10] == updated[0].isoformat()
        for entry in parsed.entries:
            assert entry.link.startswith(f"{SITE_URL}{prefix}"), entry.link
            assert language == "en" or not entry.link.startswith(f"{SITE_URL}en/"), entry.link
            local = built_site / entry.link[len(SITE_URL):].split("#")[0] / "index.html"
            assert local.is_file(), entry.link
        assert len({entry.id for entry in parsed.entries}) == len(parsed.entries)


def test_the_page_links_to_its_own_feed_online(built_site):
    for language, path in PAGES.items():
        links = [a["href"] for a in soup(built_site / path).select('article a[type="application/atom+xml"]')]
        assert [resolve(built_site, built_site / path, href) for href in links] == [
            built_site / ("en/feed.xml" if language == "en" else "feed.xml")]


def test_the_offline_copy_has_the_page_but_no_feed(offline_site):
    assert not list(offline_site.rglob("feed.xml"))
    for path in ("nytt.html", "en/nytt.html"):
        page = soup(offline_site / path)
        assert len(page.select("article li strong")) > 50
        assert not page.select('a[type="application/atom+xml"]')
