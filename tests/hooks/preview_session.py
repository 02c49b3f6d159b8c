"""`mkdocs serve` as `make serve` runs it, for tests: start it, save files, wait for its rebuilds."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def serve_options() -> list[str]:
    """The options of the Makefile's serve target (the tests run what editors run)."""
    line = next(line for line in (ROOT / "Makefile").read_text("utf-8").splitlines() if "mkdocs serve" in line)
    return re.sub(r"--dev-addr \S+", "", line.split("mkdocs serve", 1)[1]).split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_text(url: str) -> str:
    try:
        return urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
    except OSError:
        return ""


class Preview:
    """One `mkdocs serve` of `site`; its serve folder is created under `scratch`."""

    def __init__(self, site: Path, scratch: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.scratch = scratch
        scratch.mkdir(parents=True, exist_ok=True)
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *serve_options(), "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch)})
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_builds(0)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def builds(self) -> int:
        """Rebuilds finished (MkDocs says so after each; the first build, before serving, is not one)."""
        return sum("Reloading browsers" in line for line in self.lines)

    def _started(self) -> int:
        return sum("Building documentation" in line for line in self.lines) - 1

    def wait_for_builds(self, count: int, seconds: float = 120) -> None:
        """Until `count` rebuilds have finished and no other has started for half a second."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("mkdocs serve stopped:\n" + "\n".join(self.lines[-40:]))
            serving = any("Serving on" in line for line in self.lines)
            if serving and self.builds() >= count and self._started() == self.builds():
                time.sleep(0.5)
                if self._started() == self.builds():
                    return
            time.sleep(0.05)
        raise AssertionError("no rebuild:\n" + "\n".join(self.lines[-40:]))

    def save(self, path: Path, text: str) -> None:
        """Write the file and wait for the rebuild it causes."""
        before = self.builds()
        path.write_text(text, "utf-8")
        self.wait_for_builds(before + 1)

    def folder(self) -> Path:
        """The serve folder MkDocs made (it deletes it when it stops)."""
        return next(self.scratch.glob("mkdocs_*"))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
