"""The published site is as of the day it is built, with no commit in between.

The daily publish runs `make pdf BUILD_DATE=today`; the Makefile turns the date into
SOURCE_DATE_EPOCH with scripts/build_epoch.py. Here the same commit (the law-changes
fixture) is built on different days through that script: a change dated yesterday is in
force, one dated tomorrow is coming, a page reviewed before yesterday's change carries its
notice, and a review date that passed yesterday shows as overdue."""
from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys

import pytest
from selectolax.lexbor import LexborHTMLParser

import build_epoch
from fixture_sites import FIXTURES, ROOT, build_site, make_site


@pytest.fixture(scope="module")
def built_on(tmp_path_factory):
    """day → the law-changes fixture built with that day as the build's "today"."""
    sites = {}

    def build(day: str):
        if day not in sites:
            site = make_site(tmp_path_factory.mktemp(day) / "site", FIXTURES / "law-changes")
            saved = os.environ.get("SOURCE_DATE_EPOCH")
            os.environ["SOURCE_DATE_EPOCH"] = epoch_from_the_makefiles_script(day)
            try:
                result = build_site(site)
            finally:
                os.environ.pop("SOURCE_DATE_EPOCH") if saved is None else os.environ.update(SOURCE_DATE_EPOCH=saved)
            assert result.succeeded, result.messages
            sites[day] = site / "site"
        return sites[day]
    return build


def epoch_from_the_makefiles_script(day: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_epoch.py"), day],
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


def notices(site, page: str) -> dict[str, str]:
    article = LexborHTMLParser((site / page).read_text("utf-8")).css_first("article")
    return {box.css_first(".admonition-title").text(strip=True): box.text()
            for box in article.css(".admonition.warning, .admonition.info")}


def timeline(site, page: str = "sida/index.html") -> list[str]:
    article = LexborHTMLParser((site / page).read_text("utf-8")).css_first("article")
    return [item.text(strip=True) for item in article.css("h2#law-history ~ ul li")]


def test_the_day_before_a_change_it_is_coming_and_no_page_is_out_of_date(built_on):
    site = built_on("2026-05-31")      # the 5 kap. 15 § change applies from 2026-06-01: tomorrow
    assert set(notices(site, "sida/index.html")) == {"Kommande ändring"}
    assert "Från den 1 juni 2026" in notices(site, "sida/index.html")["Kommande ändring"]
    assert timeline(site)[1].startswith("Kommande ändring, 1 juni 2026")


def test_the_day_after_a_change_it_is_in_force_and_the_page_reviewed_before_it_has_its_notice(built_on):
    site = built_on("2026-06-02")      # the change of 2026-06-01 was yesterday; sida.md was reviewed 2026-01-15
    found = notices(site, "sida/index.html")
    assert "ändrades den 1 juni 2026, efter att sidan senast granskades den 15 januari 2026" in found["Lagen har ändrats"]
    assert "Från den 1 juli 2027" in found["Kommande ändring"]   # the next one is still coming
    assert timeline(site)[1].startswith("1 juni 2026:")
    assert "after this page was last reviewed on 15 January 2026" in notices(site, "en/sida/index.html")[
        "The law has changed"]


def test_the_day_after_the_last_change_nothing_is_coming(built_on):
    site = built_on("2027-07-02")      # the change of 2027-07-01 was yesterday
    assert "Kommande ändring" not in notices(site, "sida/index.html")
    assert "Kommande ändring" not in notices(site, "index.html")
    assert timeline(site)[0].startswith("1 juli 2027:")


def test_a_review_date_that_passed_yesterday_is_overdue(built_on):
    pages = {entry["path"]: entry for entry in
             json.loads((built_on("2027-07-02") / "review.json").read_text("utf-8"))["pages"]}
    before = {entry["path"]: entry for entry in
              json.loads((built_on("2026-06-02") / "review.json").read_text("utf-8"))["pages"]}
    # index.md was reviewed 2026-07-01, so it is due 2027-07-01: the day before the second build.
    assert before["docs/index.md"]["next_review"] == "2027-07-01" and before["docs/index.md"]["status"] == "ok"
    after = pages["docs/index.md"]
    assert after.get("review_status", after["status"]) == "overdue"   # (its law also changed by then)


def test_today_is_the_date_in_sweden():
    """Just after midnight in Sweden it is still the day before in UTC: the build takes Sweden's day."""
    late_evening_utc = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.timezone.utc)
    assert build_epoch.day_of("today", late_evening_utc) == datetime.date(2027, 1, 1)
    summer = datetime.datetime(2027, 6, 30, 22, 30, tzinfo=datetime.timezone.utc)
    assert build_epoch.day_of("today", summer) == datetime.date(2027, 7, 1)
    day = datetime.datetime.fromtimestamp(build_epoch.epoch_of(datetime.date(2027, 7, 1)), datetime.timezone.utc)
    assert day.date() == datetime.date(2027, 7, 1)


@pytest.mark.parametrize("written", ["20270701", "2027-W26-4", "next week", ""])
def test_a_build_date_that_is_not_a_date_stops_make(written):
    result = subprocess.run(["make", "-n", "build", f"BUILD_DATE={written}"], cwd=ROOT, capture_output=True, text=True)
    if written:
        assert result.returncode != 0 and "is not a date: write it as YYYY-MM-DD, or today" in result.stderr
    else:
        assert result.returncode == 0   # no BUILD_DATE: the last commit's time
