"""Review dates: when each page is next due, what is overdue, and the warning
readers see in the browser once the date has passed."""
import datetime
import json
import subprocess
import sys

import pytest

from conftest import ROOT
from review_dates import add_months, report_lines, review_entry, status

PAGE = "---\ntitle: T\nowner: Juristerna\nreviewed: {reviewed}\n{extra}sources: []\n---\n"


def test_next_review_is_months_later_and_handles_short_months():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 27), 12) == datetime.date(2027, 11, 27)


def test_status_overdue_due_soon_ok():
    today = datetime.date(2026, 11, 27)
    assert status(datetime.date(2026, 11, 26), today) == "overdue"
    assert status(datetime.date(2026, 12, 20), today) == "due-soon"
    assert status(datetime.date(2027, 3, 1), today) == "ok"


def test_review_in_overrides_the_default_and_report_lists_due_pages_with_owner():
    today = datetime.date(2026, 11, 27)
    short = review_entry(PAGE.format(reviewed="2026-06-01", extra="review_in: 6\n"), "docs/a.md", "sv", 12, today)
    default = review_entry(PAGE.format(reviewed="2026-06-01", extra=""), "docs/b.md", "sv", 12, today)
    assert short["next_review"] == "2026-12-01" and short["status"] == "due-soon"
    assert default["next_review"] == "2027-06-01" and default["status"] == "ok"
    assert report_lines([short, default]) == [
        "sv: 1 page(s) overdue or due within 30 days",
        "  2026-12-01  due-soon  docs/a.md  (Juristerna)"]


def test_review_report_command_and_review_json(built_site):
    output = subprocess.run([sys.executable, "scripts/review_report.py", "--today", "2027-12-01"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    assert "overdue" in output and output.startswith("en: ")
    pages = json.loads((built_site / "review.json").read_text())["pages"]
    assert {p["language"] for p in pages} == {"sv", "en"}
    assert all(p["owner"] and p["next_review"] > p["reviewed"] for p in pages)


@pytest.mark.browser
def test_overdue_page_warns_in_the_browser(browser, site_url):
    context = browser.new_context()
    # The reader's clock is three years ahead: every page is past its review date.
    context.add_init_script("""
        const RealDate = Date;
        Date = class extends RealDate { constructor(...a) { super(...(a.length ? a : [RealDate.now() + 3*365*864e5])); } };
        Date.now = () => RealDate.now() + 3*365*864e5;""")
    page = context.new_page()
    page.goto(site_url + "lagstiftning/manniskohandel/")
    box = page.locator(".nmt-review")
    assert "nmt-review--overdue" in box.get_attribute("class")
    assert page.locator(".nmt-review__overdue").is_visible()
    context.close()


@pytest.mark.browser
def test_current_page_shows_no_warning(page, site_url):
    page.goto(site_url + "en/lagstiftning/manniskohandel/")
    assert "Next review" in page.locator(".nmt-review").inner_text()
    assert not page.locator(".nmt-review__overdue").is_visible()
