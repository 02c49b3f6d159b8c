"""One date reader (hooks/nmt/core/dates.py) for the files, the build and the scripts' options."""
import argparse
import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from nmt.core.dates import date_argument, utc_day

ROOT = Path(__file__).resolve().parents[2]
NOT_WRITTEN_AS_EDITORS_WRITE = ["20270621", "2027-W25-1", "2027-6-21", "2027-06-31", "9999-12-31", "21 juni 2027"]


def test_a_scripts_date_is_written_as_in_the_files():
    assert date_argument("2027-06-21") == datetime.date(2027, 6, 21)
    for text in NOT_WRITTEN_AS_EDITORS_WRITE:
        with pytest.raises(argparse.ArgumentTypeError, match="is not a date written as YYYY-MM-DD"):
            date_argument(text)


@pytest.mark.parametrize("script", ["scripts/review_report.py", "scripts/maintenance_report.py"])
def test_both_reports_refuse_a_today_that_is_not_written_as_yyyy_mm_dd(script):
    # date.fromisoformat, which maintenance_report.py used, takes 20270621 and 2027-W25-1.
    result = subprocess.run([sys.executable, script, "--today", "20270621"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1].endswith("argument --today: '20270621' is not a date written as YYYY-MM-DD")


def test_a_moment_becomes_its_day_in_utc():
    assert utc_day(1796558400) == datetime.date(2026, 12, 6)
    assert utc_day(1796601599) == datetime.date(2026, 12, 6)   # 23:59:59 UTC, already the 7th in Sweden
    assert utc_day(1796601600) == datetime.date(2026, 12, 7)
