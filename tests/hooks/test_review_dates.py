"""Review dates: when each page is next due, what is overdue, and the warning
readers see in the browser once the date has passed."""
import datetime
import json
import subprocess
import sys

import pytest

from project import ROOT
from nmt.output.review_dates import add_months, entry_order, report_lines, review_entry, status
from review_report import entries

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


LAW_CHANGED = [{"provision": "5 kap. 15 § i Utlänningslag (2005:716)", "sfs": "2005:716", "anchor": "K5P15",
                "applies_from": "2026-06-01", "amended_by": "2026:450"}]


def test_a_page_whose_law_changed_after_review_is_listed_first_with_the_reason():
    today = datetime.date(2026, 11, 27)
    changed = review_entry(PAGE.format(reviewed="2026-01-15", extra=""), "docs/z.md", "sv", 12, today, LAW_CHANGED)
    due = review_entry(PAGE.format(reviewed="2025-12-01", extra=""), "docs/a.md", "sv", 12, today)
    assert changed["status"] == "law-changed" and changed["review_status"] == "ok"
    assert changed["reason"] == ("law changed after review: 5 kap. 15 § i Utlänningslag (2005:716) on 2026-06-01 "
                                 "(SFS 2026:450)")
    assert sorted([due, changed], key=entry_order) == [changed, due]
    assert report_lines([due, changed]) == [
        "1 page(s) where the law changed after review",
        "  2026-06-01  law-changed  docs/z.md  (Juristerna)  law changed after review: 5 kap. 15 § i "
        "Utlänningslag (2005:716) on 2026-06-01 (SFS 2026:450)",
        "sv: 1 page(s) overdue or due within 30 days",
        "  2026-12-01  due-soon  docs/a.md  (Juristerna)"]


def test_the_review_report_reads_the_register_without_a_build():
    site = ROOT / "tests" / "fixtures" / "law-changes" / "docs"
    found = entries(site, 12, datetime.date(2026, 11, 30))
    assert [(e["path"], e["status"]) for e in found if e["status"] == "law-changed"] == [
        ("docs/sida.en.md", "law-changed"),
        ("docs/sida.md", "law-changed")]
    assert report_lines(found)[0] == "2 page(s) where the law changed after review"


def test_review_report_command_and_review_json(built_site):
    output = subprocess.run([sys.executable, "scripts/review_report.py", "--today", "2027-12-01"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    assert "overdue" in output and "\nen: " in "\n" + output
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
