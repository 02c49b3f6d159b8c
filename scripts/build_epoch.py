"""The build's "today" as SOURCE_DATE_EPOCH: `python3 scripts/build_epoch.py 2027-07-02` or `… today`.

The build compares every date with the day of SOURCE_DATE_EPOCH (review warnings, "the law has
changed", "coming change"). `make` sets it to the last commit's time, so builds of one commit are
identical; the daily publish (`make … BUILD_DATE=today`) sets it to the day in Sweden, so the
published site flips on the right day without a commit. Prints noon UTC of that day: the same
day in UTC and in Sweden, and the same epoch for every build of that day.

Standard library only (hooks/nmt/core/dates.py): the Makefile runs it before the virtual environment exists.
"""
from __future__ import annotations

import datetime
import sys
from zoneinfo import ZoneInfo

from nmt.core.dates import parse_date

SWEDEN = ZoneInfo("Europe/Stockholm")


def epoch_of(day: datetime.date) -> int:
    return int(datetime.datetime.combine(day, datetime.time(12), datetime.timezone.utc).timestamp())


def day_of(text: str, now: datetime.datetime | None = None) -> datetime.date | None:
    if text == "today":
        return (now or datetime.datetime.now(datetime.timezone.utc)).astimezone(SWEDEN).date()
    return parse_date(text)


def main(argv: list[str]) -> int:
    day = day_of(argv[1]) if len(argv) == 2 else None
    if day is None:
        print("build_epoch: give one date written as YYYY-MM-DD, or 'today'", file=sys.stderr)
        return 2
    print(epoch_of(day))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
