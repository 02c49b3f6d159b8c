"""Dates as editors write them, read one way everywhere: YYYY-MM-DD and nothing else.

Python's date.fromisoformat also takes 20250701 and 2025-W27-2, which no
editor means and which the messages never ask for. And a date far from today
(9999-12-31) is valid for Python but overflows as soon as a step adds months
or days to it. So every date in front matter, docs/*.yml and the scripts'
options goes through parse_date(), which accepts only the written form and a
plausible year (a script's --today through date_argument()). A moment (a
commit's time, SOURCE_DATE_EPOCH) becomes a day through utc_day(). Standard
library only: scripts run it before any install.
"""
from __future__ import annotations

import argparse
import datetime
import re

WRITTEN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")   # with fullmatch: linear, no backtracking
EARLIEST = datetime.date(1700, 1, 1)    # older than any provision the handbook cites
LATEST = datetime.date(2199, 12, 31)    # leaves room to add a review interval or a notice period


def parse_date(value, plausible: bool = True) -> datetime.date | None:
    """The date, or None when it is not a plausible date written as YYYY-MM-DD.

    A date object (what MkDocs' own YAML reader makes of front matter) is taken as it is,
    if plausible; a date with a time is not a date. plausible=False also gives a date far
    from today, for a message that says what is wrong with it (never for arithmetic)."""
    if isinstance(value, datetime.datetime) or isinstance(value, bool):
        return None
    if isinstance(value, datetime.date):
        day = value
    elif isinstance(value, str) and WRITTEN.fullmatch(value.strip()):
        try:
            day = datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    return day if not plausible or EARLIEST <= day <= LATEST else None


def date_problem(value) -> str:
    """Why parse_date() refuses a value, in a message's words."""
    if parse_date(value, plausible=False) is not None:
        return f"is outside the years {EARLIEST.year}–{LATEST.year} (check the year)"
    return "is not a real date"


def date_argument(text: str) -> datetime.date:
    """A date given on a script's command line (argparse's type=): YYYY-MM-DD, as in the files."""
    day = parse_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written as YYYY-MM-DD")
    return day


def utc_day(timestamp: int) -> datetime.date:
    """The day (UTC) of a moment given in seconds since 1970."""
    return datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).date()
