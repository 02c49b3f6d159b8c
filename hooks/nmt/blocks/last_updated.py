"""The date each page last changed, from git.

Replaces mkdocs-git-revision-date-localized-plugin, which runs one `git log`
per page: 14 % of a 500-page build (BENCHMARKS.md). Here one `git log` over
docs/ gives every file's newest commit. Files git does not know (new pages,
a tarball without .git) get the build date; a shallow clone gives the dates
of the commits it has, and the build says so.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from nmt.core.dates import utc_day
from nmt.core.findings import LOG

COMMIT = "\x00"  # git prints %x00 before each commit's time


def last_commit_dates(folder: Path) -> dict[str, str]:
    """Path (relative to `folder`) → ISO date (UTC) of the newest commit that changed it."""
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "."],
            cwd=folder, capture_output=True, text=True, check=True, timeout=120).stdout
        prefix = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=folder, capture_output=True,
                                text=True, check=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    day = ""
    for line in log.splitlines():
        if line.startswith(COMMIT):
            day = utc_day(int(line[1:])).isoformat()
        elif line.startswith(prefix) and line:
            dates.setdefault(line[len(prefix):], day)  # newest commit comes first
    return dates


def is_shallow(folder: Path) -> bool:
    try:
        answer = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=folder,
                                capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return False
    return answer == "true"


# --- Steps (called by pipeline.py) ---------------------------------------------------

def load(build, config) -> None:
    docs = Path(config["docs_dir"])
    build.last_updated = last_commit_dates(docs)
    if not build.last_updated:
        LOG.info("No git history found: pages show the build date as their last update.")
    elif is_shallow(docs):
        LOG.info("Shallow git clone: 'last updated' dates are those of the commits it contains.")


def set_date(build, page) -> None:
    page.meta["last_updated"] = build.last_updated.get(page.file.src_path, build.today.isoformat())
