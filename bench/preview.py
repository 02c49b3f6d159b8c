"""Preview speed: seconds from saving a page to the browser showing the change.

`mkdocs serve` runs as `make serve` runs it (same command and options, on a
free port) on a copy of the site in a temporary folder, so the working tree
is never touched. A headless Chromium keeps the page open; each save appends
a new unique word to the page's first paragraph, and the time runs from the
write until MkDocs' live reload has put the page with that word on screen.
The first save is a warm-up and not counted. In the same run the copy gets
full `mkdocs build --strict` builds, for the ratio preview / full build.

The serve log splits each save (timestamps of its lines as they arrive):
*detect* (write → "Detected file changes": the watcher polls the files
every 0.1 s, hooks/nmt/preview/reuse.py, also in plain `mkdocs serve`; MkDocs'
own watcher polls every 0.5 s), *start* (0.1 s of waiting for more changes, loading the
configuration), *default language* (static-i18n's "Building 'sv'" until
"Building 'en'": the Swedish pages and the whole-site steps of its
on_post_build steps that run before static-i18n's), *other language* (the
English build nested in it, then the whole-site steps that run after it,
until "Reloading browsers") and *reload* (the page's long poll sees the new
build, reloads and shows the word).

Usage: python bench/preview.py [--size N] [--saves 7] [--plain]   (real site without --size)
"""
from __future__ import annotations

import argparse
import fnmatch
import os
import posixpath
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = [sys.executable, "-m", "mkdocs"]  # the venv's mkdocs, as `make serve` (.venv/bin/mkdocs)
from preview_session import free_port, serve_options
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
       "PYTHONUNBUFFERED": "1"}  # the serve log's lines must arrive when they are written
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
REAL_PAGE = "lagstiftning/koppleri.md"
# What a copy of the real site leaves out at the top: build output, tools,
# caches. .git stays: the last-updated dates come from one `git log`, as in a
# real preview.
NOT_COPIED = (".venv", "node_modules", ".bench", "site", "site.*", "site-offline*", "dist", ".cache",
              ".pytest_cache", ".hypothesis")
# The serve log lines that split a save: MkDocs' watcher, static-i18n starting
# the default language's build and then the other language's (nested in the
# first one's on_post_build), MkDocs' live reload.
PHASES = ["Detected file changes", "mkdocs_static_i18n: Building '", "mkdocs_static_i18n: Building '",
          "Reloading browsers"]
PHASE_NAMES = ["detect_s", "start_s", "default_language_s", "other_language_s", "reload_s"]


def copy_real_site(target: Path) -> Path:
    def left_out(folder: str, names: list[str]) -> list[str]:
        top = Path(folder) == ROOT
        return [name for name in names if name == "__pycache__"
                or (top and any(fnmatch.fnmatch(name, pattern) for pattern in NOT_COPIED))]
    shutil.copytree(ROOT, target, symlinks=True, ignore=left_out)
    return target


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- The edit ------------------------------------------------------------------------------

def first_paragraph_line(lines: list[str]) -> int:
    """Index of the first line of the first plain paragraph after the front
    matter: it starts with a letter and follows a blank line."""
    body = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    for number in range(body + 1, len(lines)):
        if lines[number][:1].isalpha() and not lines[number - 1].strip():
            return number
    raise SystemExit("no plain paragraph to edit")


def with_word(original: str, word: str) -> str:
    lines = original.split("\n")
    number = first_paragraph_line(lines)
    lines[number] = lines[number].rstrip() + " " + word
    return "\n".join(lines)


# --- mkdocs serve ------------------------------------------------------------------------------

class Serve:
    """`mkdocs serve` in its own process group (so that every process it
    starts ends with it); its log lines with the time each arrived."""

    def __init__(self, site_dir: Path, options: list[str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.lines: list[tuple[float, str]] = []
        self.process = subprocess.Popen([*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{self.port}", *options],
                                        cwd=site_dir, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def wait_until_serving(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("mkdocs serve stopped:\n" + self.log_text()[-3000:])
            try:
                urllib.request.urlopen(self.url, timeout=5).close()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"mkdocs serve did not answer within {timeout_s:.0f} s")

    def lines_after(self, since: float, texts: list[str]) -> list[float | None]:
        """When each of `texts` came, in that order, after `since` (None: not seen)."""
        found, lines = [], iter([(at, line) for at, line in self.lines if at >= since])
        for text in texts:
            found.append(next((at for at, line in lines if text in line), None))
        return found

    def log_text(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)  # what Ctrl-C does: MkDocs removes its temp folder
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def page_address(src: str) -> str:
    """'a/b.md' → 'a/b/', 'a/index.md' → 'a/' (use_directory_urls)."""
    folder, name = posixpath.split(src[:-3])
    return posixpath.join(folder, "" if name == "index" else name, "").lstrip("/")


def wait_for_word(page, word: str, timeout_s: float) -> float:
    """perf_counter when the article shows `word`. Polled from Python: a
    wait inside the page would end with the page at each live reload."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        try:
            if page.evaluate("w => (document.querySelector('article')?.innerText || '').includes(w)", word):
                return time.perf_counter()
        except Exception:  # noqa: BLE001 - the page is being replaced by the reload
            pass
        time.sleep(0.02)
    raise SystemExit(f"the page did not show '{word}' within {timeout_s:.0f} s")


def one_save(server: Serve, page, source: Path, original: str, word: str, timeout_s: float) -> dict:
    """One save; its time split by the serve log lines (see the docstring)."""
    written = time.perf_counter()
    source.write_text(with_word(original, word), "utf-8")
    shown = wait_for_word(page, word, timeout_s)
    time.sleep(0.1)  # the reader thread has the last log lines
    marks = [written, *server.lines_after(written, PHASES), shown]
    result = {"save_to_page_s": shown - written,
              "findings": sum(line.startswith(("WARNING", "ERROR")) for at, line in server.lines if at >= written)}
    for name, start, end in zip(PHASE_NAMES, marks, marks[1:]):
        result[name] = end - start if start is not None and end is not None else None
    return result


def serve_saves(site_dir: Path, page_src: str, saves: int, options: list[str], timeout_s: float) -> dict:
    """Start the preview, open the page, save `saves` + 1 times (the first
    is a warm-up); the edited file is restored afterwards."""
    from playwright.sync_api import sync_playwright
    source = site_dir / "docs" / page_src
    original = source.read_text("utf-8")
    server = Serve(site_dir, options)
    try:
        started = time.perf_counter()
        server.wait_until_serving(timeout_s)
        first_build = time.perf_counter() - started
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(server.url + page_address(page_src), wait_until="load")
                runs = []
                for number in range(saves + 1):
                    time.sleep(1.0)  # the reloaded page has started its next long poll; the watcher is idle
                    runs.append(one_save(server, page, source, original, f"nmtpreview{number}x{os.getpid()}",
                                         timeout_s))
                    log(f"  save {number}: {runs[-1]['save_to_page_s']:.2f} s"
                        + (" (warm-up)" if number == 0 else ""))
            finally:
                browser.close()
    finally:
        server.stop()
        source.write_text(original, "utf-8")
    counted = runs[1:]
    times = [run["save_to_page_s"] for run in counted]
    phases = {name: statistics.median(run[name] for run in counted)
              for name in PHASE_NAMES if all(run[name] is not None for run in counted)}
    return {"page": page_src, "options": options, "saves": len(counted), "median_s": statistics.median(times),
            "min_s": min(times), "max_s": max(times), "runs_s": [round(t, 2) for t in times],
            "warm_up_s": runs[0]["save_to_page_s"], "first_build_s": first_build, "phases": phases,
            "findings_per_save": max(run["findings"] for run in counted)}


def full_build_seconds(site_dir: Path, reps: int) -> list[float]:
    """`mkdocs build --strict`, as `make build` runs it, `reps` times."""
    seconds = []
    for _ in range(reps):
        with tempfile.TemporaryDirectory(prefix="nmt-build-") as out:
            started = time.perf_counter()
            done = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", out], cwd=site_dir, env=ENV,
                                  capture_output=True, text=True)
            seconds.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"build failed in {site_dir}:\n{done.stdout[-3000:]}")
    return seconds


def measure_site(site_dir: Path, page_src: str, saves: int = 7, build_reps: int = 3, plain: bool = False,
                 timeout_s: float = 300) -> dict:
    """Save → page figures of one site copy, and its full build time (none when build_reps is 0).

    plain: `mkdocs serve` without the Makefile's options, so every save
    rebuilds the whole site (what `make serve` did before 1 December)."""
    options = [] if plain else serve_options()
    log(f"preview: mkdocs serve {' '.join(options)} in {site_dir}, editing {page_src}")
    # The machine's load before and after: other work on a 2-core machine
    # slows every figure here, so the report shows it beside them.
    result = {"pages_per_language": pages_per_language(site_dir / "docs"), "load_before": os.getloadavg()[0],
              **serve_saves(site_dir, page_src, saves, options, timeout_s)}
    log(f"preview: median {result['median_s']:.2f} s")
    if build_reps:
        log(f"preview: full builds ({build_reps}×)")
        builds = full_build_seconds(site_dir, build_reps)
        result.update(full_build_s=statistics.median(builds), full_build_runs_s=[round(b, 2) for b in builds])
        result["ratio"] = result["median_s"] / result["full_build_s"]
        log(f"preview: full build {result['full_build_s']:.2f} s")
    result["load_after"] = os.getloadavg()[0]
    return result


def pages_per_language(docs: Path) -> int:
    return sum(1 for path in docs.rglob("*.md") if not path.name.endswith(".en.md") and not path.name.startswith("_"))


def measure(size: int | None, saves: int = 7, build_reps: int = 3, plain: bool = False, seed: int = 8) -> dict:
    """The real site (size None) or the generated handbook of `size` pages per
    language, in a temporary folder that is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="nmt-preview-") as temp:
        if size is None:
            site_dir, page_src = copy_real_site(Path(temp) / "site"), REAL_PAGE
        else:
            import generate
            site_dir = Path(temp) / f"site-{size}"
            generate.generate(size, site_dir, seed)
            page_src = sample_page(site_dir)
        return measure_site(site_dir, page_src, saves, build_reps, plain)


def sample_page(site_dir: Path) -> str:
    """A content page two folders deep, as bench/run.py's search figures use."""
    docs = site_dir / "docs"
    candidates = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
                        if not p.name.endswith(".en.md") and p.name != "index.md" and p.parent != docs
                        and "ordlista" not in p.parts)
    return candidates[len(candidates) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, help="pages per language of a generated handbook (default: the real site)")
    parser.add_argument("--saves", type=int, default=7, help="counted saves (one more as warm-up)")
    parser.add_argument("--builds", type=int, default=3, help="full builds (median)")
    parser.add_argument("--plain", action="store_true", help="plain mkdocs serve: every save rebuilds everything")
    args = parser.parse_args()
    result = measure(args.size, args.saves, args.builds, args.plain)
    print({key: round(value, 3) if isinstance(value, float) else value for key, value in result.items()})


if __name__ == "__main__":
    main()
