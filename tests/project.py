"""What tests share that is not a fixture: the project's root, the browser tests'
Chromium, a strict build as `make build` runs it, a quiet HTTP handler. Tests
import these from here, never from conftest: pytest loads every conftest.py
under the module name "conftest", so `from conftest import …` gets whichever
conftest was loaded last (tests/hosting has one)."""
from __future__ import annotations

import os
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def build_site(config: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict build exactly as `make build` does (never with -q)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True,
    )


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass
