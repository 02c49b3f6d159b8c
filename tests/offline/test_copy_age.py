"""An old offline copy says so on every page, with its date and the online address
(the browser's date is faked; the copy's own date comes from SOURCE_DATE_EPOCH or today)."""
import datetime

import pytest

pytestmark = pytest.mark.browser

PAGES = ["index.html", "lagstiftning/manniskohandel.html", "en/samverkan/betanketid.html"]


def built_date(offline_site):
    page = (offline_site / "index.html").read_text("utf-8")
    start = page.index('data-copy-built="') + len('data-copy-built="')
    return datetime.date.fromisoformat(page[start:start + 10])


def notice_at(browser, offline_site, path, day):
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(datetime.datetime.combine(day, datetime.time(12, 0)))
    page.goto((offline_site / path).as_uri())
    notice = page.locator(".nmt-copy-age")
    shown = notice.is_visible()
    text = notice.inner_text() if shown else ""
    context.close()
    return shown, text


@pytest.mark.parametrize("path", PAGES)
def test_a_copy_older_than_six_months_says_so_with_its_date_and_the_online_address(browser, offline_site, path):
    built = built_date(offline_site)
    shown, _ = notice_at(browser, offline_site, path, built + datetime.timedelta(days=150))
    assert not shown
    shown, text = notice_at(browser, offline_site, path, built + datetime.timedelta(days=200))
    assert shown
    assert built.isoformat() in text and "https://handbok.nmt.example/" in text
    assert ("copy of the handbook" in text) == path.startswith("en/")


def test_the_online_site_has_no_copy_notice(built_site):
    assert "nmt-copy-age" not in (built_site / "lagstiftning" / "manniskohandel" / "index.html").read_text("utf-8")
